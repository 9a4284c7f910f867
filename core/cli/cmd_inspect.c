/* cmd_inspect.c - inspect: a table's catalog as the driver reads it (the
 * neutral structs ensure semantics compare), as text or JSON; also what
 * cross-dialect tests compare. */
#include <stdlib.h>
#include <string.h>

#include "sql/catalog.h"
#include "sql/schema.h"
#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

/* Append v to the JSON array a; nonzero when out of memory. */
static int add(json_t *a, json_t *v)
{
    return json_array_append_new(a, v) != 0;
}

static json_t *json_table(const strata_table *t)
{
    json_t *ixs = json_array(), *cons = json_array(), *trigs = json_array();
    int oom = !ixs || !cons || !trigs;

    for (size_t i = 0; i < t->nindexes && !oom; i++)
        oom = add(ixs, strata__json_index(&t->indexes[i]));
    for (size_t i = 0; i < t->nconstraints && !oom; i++)
        oom = add(cons, strata__json_constraint(&t->constraints[i]));
    for (size_t i = 0; i < t->ntriggers && !oom; i++)
        oom = add(trigs, strata__json_text(t->triggers[i].name));
    if (oom) {
        json_decref(ixs);
        json_decref(cons);
        json_decref(trigs);
        return NULL;
    }
    return json_pack("{s:o,s:b,s:o,s:o,s:o,s:o}", "name",
                     strata__json_text(t->name), "exists", t->exists,
                     "columns", strata__json_columns(t), "indexes", ixs,
                     "constraints", cons, "triggers", trigs);
}

static void text_table(const strata_table *t)
{
    strata_buf b = {0};

    if (!t->exists)
        return; /* the error names it */
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

/* A table that does not exist is an error (exit 2) naming every such
 * table, as a typo must not read as an empty table. */
static int missing_tables(strata_ctx *x, const strata_table *t, size_t n)
{
    strata_buf b = {0};
    size_t k = 0;
    int rc;

    for (size_t i = 0; i < n; i++)
        if (!t[i].exists && strata__buf_printf(&b, "%s'%s'", k++ ? ", " : "",
                                               t[i].name) != STRATA_OK) {
            strata__buf_free(&b);
            return strata__nomem(&x->err);
        }
    if (!k)
        return STRATA_OK;
    rc = strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                           "inspect: no such table%s in %s: %s",
                           k == 1 ? "" : "s", x->sess.url_masked, b.data);
    strata__buf_free(&b);
    return rc;
}

int strata__cmd_inspect(strata_ctx *x)
{
    const strata_driver *d;
    strata_table *tables = NULL;
    size_t n = x->cli->nargs;
    int rc = strata__ctx_connect(x, 0, 0);

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
    rc = missing_tables(x, tables, n);
    if (x->cli->json) {
        json_t *list = json_array();
        int oom = !list;

        for (size_t i = 0; i < n && !oom; i++)
            oom = add(list, json_table(&tables[i]));
        /* A missing table fails the verb; the document still shows the
         * tables that are there. */
        if (strata__ctx_print_json(
                x,
                json_pack("{s:s,s:o,s:o,s:b,s:i,s:o}", "command", "inspect",
                          "url", strata__json_text(x->sess.url_masked),
                          "tables", list, "ok", rc == STRATA_OK,
                          "exit_code", strata__exit_code(rc), "error",
                          strata__json_text(rc == STRATA_OK ? NULL
                                                            : x->err.msg)),
                oom) != STRATA_OK)
            rc = STRATA_ERR_NOMEM;
    } else {
        for (size_t i = 0; i < n; i++)
            text_table(&tables[i]);
    }
    strata__tables_free(tables, n);
    return rc;
}
