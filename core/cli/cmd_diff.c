/* cmd_diff.c - diff A B: two schemas, each a database URL, a JSON dump
 * file or what the chain builds (chain:REV), compared object by object;
 * exit 3 when they differ. */
#include <stdlib.h>
#include <string.h>

#include "cli/built.h"
#include "cli/commands.h"
#include "sql/schema_diff.h"
#include "util/output.h"

static json_t *json_diff(const strata_schema_diff *d, const char *a,
                         const char *b)
{
    json_t *list = json_array(), *skipped = json_array();
    int oom = !list || !skipped;

    for (size_t i = 0; i < d->n && !oom; i++) {
        const strata_schema_change *c = &d->v[i];

        oom = json_array_append_new(
            list, json_pack("{s:s,s:o,s:o,s:s,s:o,s:o}", "kind", c->kind,
                            "table", strata__json_text(c->table), "name",
                            strata__json_text(c->name), "change", c->change,
                            "a", strata__json_text(c->a), "b",
                            strata__json_text(c->b))) != 0;
    }
    for (size_t i = 0; i < d->nskipped && !oom; i++)
        oom = json_array_append_new(skipped,
                                    strata__json_text(d->skipped[i])) != 0;
    if (oom) {
        json_decref(list);
        json_decref(skipped);
        return NULL;
    }
    return json_pack("{s:s,s:o,s:o,s:b,s:b,s:o,s:o}", "command", "diff", "a",
                     strata__json_text(a), "b", strata__json_text(b),
                     "equal", d->n == 0, "portable", d->portable, "skipped",
                     skipped, "differences", list);
}

static void text_diff(const strata_schema_diff *d, const strata_schema *a,
                      const strata_schema *b)
{
    if (d->portable) {
        strata__out("compared across dialects (A: %s, B: %s): what the "
                    "portable model expresses; skipped:",
                    a->dialect, b->dialect);
        for (size_t i = 0; i < d->nskipped; i++)
            strata__out("%s %s", i ? "," : "", d->skipped[i]);
        strata__out("\n");
    }
    for (size_t i = 0; i < d->n; i++) {
        const strata_schema_change *c = &d->v[i];

        strata__print("%s %s%s%s: %s", c->kind, c->table ? c->table : "",
                      c->table ? "." : "", c->name, c->change);
        if (c->a && c->b)
            strata__print("\n    A: %s\n    B: %s\n", c->a, c->b);
        else
            strata__print(" (%s)\n", c->a ? c->a : c->b);
    }
}

int strata__cmd_diff(strata_ctx *x)
{
    const char *an = x->cli->args[0], *bn = x->cli->args[1];
    strata_schema a = {0}, b = {0};
    strata_schema_diff d = {0};
    int rc = strata__schema_operand(x, an, &a);

    if (rc == STRATA_OK)
        rc = strata__schema_operand(x, bn, &b);
    if (rc == STRATA_OK &&
        strata__schema_diff(&a, &b, 0, &d) != STRATA_OK)
        rc = strata__nomem(&x->err);
    if (rc == STRATA_OK) {
        if (x->cli->json)
            rc = strata__ctx_print_json(x, json_diff(&d, an, bn), 0);
        else
            text_diff(&d, &a, &b);
    }
    if (rc == STRATA_OK && d.n)
        rc = strata__error_set(&x->err, STRATA_ERR_DRIFT,
                               "the schemas differ: %zu difference%s", d.n,
                               d.n == 1 ? "" : "s");
    else if (rc == STRATA_OK)
        strata__out("the schemas are equal\n");
    strata__schema_diff_free(&d);
    strata__schema_free(&a);
    strata__schema_free(&b);
    return rc;
}
