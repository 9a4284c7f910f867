/* cmd_catalog.c - inspect: a table's catalog as the driver reads it (the
 * neutral structs ensure semantics compare), as text or JSON; also what
 * cross-dialect tests compare. */
#include <stdlib.h>
#include <string.h>

#include "sql/catalog.h"
#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

static const char *const kind_names[] = {"", "primary key", "unique",
                                         "check", "foreign key"};

static int json_strv(strata_buf *b, char *const *v, size_t n)
{
    int oom = strata__buf_puts(b, "[");

    for (size_t i = 0; i < n; i++)
        oom |= (i ? strata__buf_puts(b, ",") : 0) | strata__json_str(b, v[i]);
    return oom | strata__buf_puts(b, "]");
}

static int json_table(strata_buf *b, const strata_table *t)
{
    int oom = strata__buf_puts(b, "{") | strata__json_key(b, "name", 1) |
              strata__json_str(b, t->name) | strata__json_key(b, "exists", 0) |
              strata__buf_puts(b, t->exists ? "true" : "false");

    oom |= strata__json_key(b, "columns", 0) | strata__buf_puts(b, "[");
    for (size_t i = 0; i < t->ncolumns; i++) {
        const strata_column *c = &t->columns[i];
        oom |= strata__buf_puts(b, i ? ",{" : "{");
        oom |= strata__json_key(b, "name", 1) | strata__json_str(b, c->name);
        oom |= strata__json_key(b, "type", 0) | strata__json_str(b, c->type);
        oom |= strata__json_key(b, "notnull", 0) |
               strata__buf_puts(b, c->notnull ? "true" : "false");
        oom |= strata__json_key(b, "default", 0) |
               strata__json_str(b, c->default_expr);
        oom |= strata__json_key(b, "pk", 0) |
               strata__buf_printf(b, "%d", c->pk);
        oom |= strata__json_key(b, "autoincrement", 0) |
               strata__buf_puts(b, c->autoincrement ? "true" : "false");
        oom |= strata__json_key(b, "generated", 0) |
               strata__buf_puts(b, c->generated ? "true" : "false");
        oom |= strata__buf_puts(b, "}");
    }
    oom |= strata__buf_puts(b, "]") | strata__json_key(b, "indexes", 0) |
           strata__buf_puts(b, "[");
    for (size_t i = 0; i < t->nindexes; i++) {
        const strata_index *ix = &t->indexes[i];
        oom |= strata__buf_puts(b, i ? ",{" : "{");
        oom |= strata__json_key(b, "name", 1) | strata__json_str(b, ix->name);
        oom |= strata__json_key(b, "unique", 0) |
               strata__buf_puts(b, ix->unique ? "true" : "false");
        oom |= strata__json_key(b, "keys", 0) | strata__buf_puts(b, "[");
        for (size_t k = 0; k < ix->nkeys; k++) {
            const strata_index_key *key = &ix->keys[k];
            oom |= strata__buf_puts(b, k ? ",{" : "{");
            oom |= strata__json_key(b, key->column ? "column" : "expr", 1) |
                   strata__json_str(b, key->column ? key->column : key->expr);
            oom |= strata__json_key(b, "desc", 0) |
                   strata__buf_puts(b, key->desc ? "true" : "false");
            oom |= strata__buf_puts(b, "}");
        }
        oom |= strata__buf_puts(b, "]") | strata__json_key(b, "where", 0) |
               strata__json_str(b, ix->where);
        oom |= strata__json_key(b, "invalid", 0) |
               strata__buf_puts(b, ix->invalid ? "true" : "false");
        oom |= strata__json_key(b, "constraint", 0) |
               strata__buf_puts(b, ix->constraint ? "true" : "false");
        oom |= strata__buf_puts(b, "}");
    }
    oom |= strata__buf_puts(b, "]") | strata__json_key(b, "constraints", 0) |
           strata__buf_puts(b, "[");
    for (size_t i = 0; i < t->nconstraints; i++) {
        const strata_constraint *c = &t->constraints[i];
        oom |= strata__buf_puts(b, i ? ",{" : "{");
        oom |= strata__json_key(b, "kind", 1) |
               strata__json_str(b, c->kind >= 1 && c->kind <= 4
                                       ? kind_names[c->kind]
                                       : "?");
        oom |= strata__json_key(b, "name", 0) | strata__json_str(b, c->name);
        oom |= strata__json_key(b, "columns", 0) |
               json_strv(b, c->columns, c->ncolumns);
        oom |= strata__json_key(b, "check", 0) | strata__json_str(b, c->check);
        oom |= strata__json_key(b, "ref_table", 0) |
               strata__json_str(b, c->ref_table);
        oom |= strata__json_key(b, "ref_columns", 0) |
               json_strv(b, c->ref_columns, c->nref_columns);
        oom |= strata__json_key(b, "on_delete", 0) |
               strata__json_str(b, c->on_delete);
        oom |= strata__json_key(b, "on_update", 0) |
               strata__json_str(b, c->on_update);
        oom |= strata__json_key(b, "not_valid", 0) |
               strata__buf_puts(b, c->not_valid ? "true" : "false");
        oom |= strata__buf_puts(b, "}");
    }
    oom |= strata__buf_puts(b, "]") | strata__json_key(b, "triggers", 0) |
           strata__buf_puts(b, "[");
    for (size_t i = 0; i < t->ntriggers; i++)
        oom |= (i ? strata__buf_puts(b, ",") : 0) |
               strata__json_str(b, t->triggers[i].name);
    return oom | strata__buf_puts(b, "]}");
}

static void text_table(const strata_table *t)
{
    strata_buf b = {0};

    if (!t->exists) {
        strata__print("%s: no such table\n", t->name);
        return;
    }
    strata__print("table %s\n", t->name);
    for (size_t i = 0; i < t->ncolumns; i++) {
        b.len = 0;
        strata__column_describe(&t->columns[i], &b);
        strata__print("  column     %s %s%s\n", t->columns[i].name,
                      b.data ? b.data : "",
                      t->columns[i].pk ? " (primary key)" : "");
    }
    for (size_t i = 0; i < t->nconstraints; i++) {
        b.len = 0;
        strata__constraint_describe(&t->constraints[i], &b);
        strata__print("  constraint %s %s%s\n", t->constraints[i].name,
                      b.data ? b.data : "",
                      t->constraints[i].not_valid ? " NOT VALID" : "");
    }
    for (size_t i = 0; i < t->nindexes; i++) {
        b.len = 0;
        strata__index_describe(&t->indexes[i], &b);
        strata__print("  index      %s %s\n", t->indexes[i].name,
                      b.data ? b.data : "");
    }
    for (size_t i = 0; i < t->ntriggers; i++)
        strata__print("  trigger    %s\n", t->triggers[i].name);
    strata__buf_free(&b);
}

int strata__cmd_inspect(strata_ctx *x)
{
    const strata_driver *d;
    strata_table *tables = NULL;
    strata_buf b = {0};
    size_t n = x->cli->nargs;
    int rc = strata__ctx_connect(x, 0, 0), oom = 0;

    if (rc != STRATA_OK)
        return rc;
    d = x->sess.drv;
    if (!d->introspect)
        return strata__error_set(&x->err, STRATA_ERR_NOTSUP,
                                 "the %s driver cannot read the catalog",
                                 d->name);
    if (x->absent)
        return strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                                 "%s: no such database", x->sess.url_masked);
    rc = d->introspect(x->sess.conn, (const char *const *)x->cli->args, n,
                       &tables);
    if (rc != STRATA_OK)
        return strata__session_fail(&x->sess, rc, &x->err,
                                    "reading the catalog");
    if (x->cli->json) {
        oom |= strata__buf_puts(&b, "{\"command\":\"inspect\",\"url\":");
        oom |= strata__json_str(&b, x->sess.url_masked);
        oom |= strata__buf_puts(&b, ",\"tables\":[");
        for (size_t i = 0; i < n; i++)
            oom |= (i ? strata__buf_puts(&b, ",") : 0) |
                   json_table(&b, &tables[i]);
        oom |= strata__buf_puts(&b, "]}\n");
        if (oom)
            rc = strata__error_set(&x->err, STRATA_ERR_NOMEM,
                                   "out of memory");
        else
            strata__print("%s", b.data);
        x->json_done = !oom;
    } else {
        for (size_t i = 0; i < n; i++)
            text_table(&tables[i]);
    }
    strata__buf_free(&b);
    strata__tables_free(tables, n);
    return rc;
}
