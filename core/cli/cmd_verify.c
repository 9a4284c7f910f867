/* cmd_verify.c - verify: the applied revisions' +verify queries (a query
 * that returns no row, a false or NULL first value, or an error fails),
 * and drift: the live schema against what the chain builds at the
 * database's revision.  Exit 3 naming each failure. */
#include <stdlib.h>
#include <string.h>

#include "cli/built.h"
#include "cli/commands.h"
#include "cli/verify_query.h"
#include "db/host.h"
#include "sql/schema_diff.h"
#include "util/alloc.h"
#include "util/output.h"

/* Every applied revision's +verify sections, in order. */
static int run_verifies(strata_ctx *x, const unsigned char *applied,
                        strata_verify_failures *f, size_t *nrun)
{
    const strata_graph *g = x->chain.graph;
    const size_t *order = strata__graph_order(g);
    int rc = STRATA_OK;

    for (size_t k = 0; k < strata__graph_count(g) && rc == STRATA_OK; k++)
        if (applied[order[k]])
            rc = strata__verify_revision(
                x, strata__graph_rev(g, order[k]), f, nrun);
    return rc;
}

/* The revision the chain is built to: the one version row, "heads" when
 * the rows are the chain's heads; NULL (with *skip) otherwise. */
static const char *built_target(strata_ctx *x, char **rows, size_t nrows,
                                int *skip)
{
    size_t nheads;
    const size_t *heads = strata__graph_heads(x->chain.graph, &nheads);

    *skip = 0;
    if (nrows == 1)
        return rows[0];
    if (nrows == nheads) {
        size_t same = 0;

        for (size_t i = 0; i < nheads; i++)
            for (size_t j = 0; j < nrows; j++)
                same += strcmp(strata__graph_rev(x->chain.graph,
                                                 heads[i])->id,
                               rows[j]) == 0;
        if (same == nheads)
            return "heads";
    }
    *skip = nrows > 1;
    return NULL;
}

static const char *side(const char *change)
{
    return strcmp(change, STRATA_DIFF_ONLY_A) == 0   ? "only in the chain"
           : strcmp(change, STRATA_DIFF_ONLY_B) == 0 ? "only in the database"
                                                     : "differs";
}

static json_t *json_report(strata_ctx *x, const strata_verify_failures *f,
                           const strata_schema_diff *d, size_t nrun,
                           int checked)
{
    json_t *fl = json_array(), *dl = json_array();
    int oom = !fl || !dl;

    for (size_t i = 0; i < f->n && !oom; i++)
        oom = json_array_append_new(
                  fl, json_pack("{s:s,s:s,s:i,s:o}", "revision",
                                f->v[i].r->id, "file", f->v[i].r->path,
                                "line", (int)f->v[i].line, "message",
                                strata__json_text(f->v[i].message))) != 0;
    for (size_t i = 0; i < d->n && !oom; i++)
        oom = json_array_append_new(
                  dl, json_pack("{s:s,s:o,s:o,s:s,s:o,s:o}", "kind",
                                d->v[i].kind, "table",
                                strata__json_text(d->v[i].table), "name",
                                strata__json_text(d->v[i].name), "change",
                                side(d->v[i].change), "chain",
                                strata__json_text(d->v[i].a), "database",
                                strata__json_text(d->v[i].b))) != 0;
    if (oom) {
        json_decref(fl);
        json_decref(dl);
        return NULL;
    }
    return json_pack("{s:s,s:o,s:i,s:o,s:b,s:o}", "command", "verify",
                     "url", strata__json_text(x->sess.url_masked),
                     "queries", (int)nrun, "failures", fl, "drift_checked",
                     checked, "drift", dl);
}

int strata__cmd_verify(strata_ctx *x)
{
    strata_verify_failures f = {0};
    strata_schema built = {0}, live = {0};
    strata_schema_diff d = {0};
    unsigned char *applied = NULL;
    char **rows = NULL;
    const char *target;
    size_t nrows = 0, nrun = 0;
    int rc = strata__ctx_chain(x), skip = 0;

    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, 0);
    if (rc == STRATA_OK && x->absent)
        rc = strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                               "%s: no such database", x->sess.url_masked);
    if (rc == STRATA_OK)
        rc = strata__ctx_state(x, &rows, &nrows, &applied);
    if (rc == STRATA_OK)
        rc = run_verifies(x, applied, &f, &nrun);
    /* Drift: what the chain builds up to the database's revision. */
    target = rc == STRATA_OK ? built_target(x, rows, nrows, &skip) : NULL;
    if (rc == STRATA_OK && !skip)
        rc = target ? strata__chain_built(x, NULL, target, &built)
                    : (built.dialect = strdup(x->sess.drv->name))
                          ? STRATA_OK : strata__nomem(&x->err);
    if (rc == STRATA_OK && !skip)
        rc = strata__live_schema(x, &live);
    if (rc == STRATA_OK && !skip &&
        strata__schema_diff(&built, &live, 0, &d) != STRATA_OK)
        rc = strata__nomem(&x->err);
    if (rc == STRATA_OK && skip)
        strata__warn("verify: the database's revisions are not the chain's "
                     "heads nor one revision: drift not checked");
    if (rc == STRATA_OK && x->cli->json) {
        rc = strata__ctx_print_json(x, json_report(x, &f, &d, nrun, !skip),
                                    0);
    } else if (rc == STRATA_OK) {
        for (size_t i = 0; i < f.n; i++)
            strata__print("verify %s %s:%u: %s\n", f.v[i].r->id,
                          f.v[i].r->path, f.v[i].line, f.v[i].message);
        for (size_t i = 0; i < d.n; i++)
            strata__print("drift %s %s%s%s: %s%s%s%s\n", d.v[i].kind,
                          d.v[i].table ? d.v[i].table : "",
                          d.v[i].table ? "." : "", d.v[i].name,
                          side(d.v[i].change), d.v[i].a || d.v[i].b ? " (" : "",
                          d.v[i].a ? d.v[i].a : d.v[i].b ? d.v[i].b : "",
                          d.v[i].a || d.v[i].b ? ")" : "");
        if (!f.n && !d.n)
            strata__out("verify: ok: %zu quer%s passed; the schema is what "
                        "the chain builds%s\n",
                        nrun, nrun == 1 ? "y" : "ies",
                        skip ? " (not checked)" : "");
    }
    if (rc == STRATA_OK && (f.n || d.n))
        rc = strata__error_set(&x->err, STRATA_ERR_POLICY,
                               "verify failed: %zu quer%s failed, %zu "
                               "object%s drifted",
                               f.n, f.n == 1 ? "y" : "ies", d.n,
                               d.n == 1 ? "" : "s");
    strata__verify_failures_free(&f);
    strata__schema_diff_free(&d);
    strata__schema_free(&built);
    strata__schema_free(&live);
    strata__strings_free(rows, nrows);
    free(applied);
    return rc;
}
