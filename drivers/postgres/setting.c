/* setting.c - which statements change only the session (the driver
 * table's is_session_setting): one VariableSetStmt in PostgreSQL's own
 * grammar, so that session_sql runs on read-only verbs only as far as
 * it changes settings (docs/design.md §10.6). */
#include <pg_query.h>
#include <string.h>

#include "pg.h"

/* libpg_query's tree of one SET or RESET (SET LOCAL, SET TIME ZONE, SET
 * ROLE, SET SESSION AUTHORIZATION, SET TRANSACTION, RESET ALL): a
 * VariableSetStmt is all of it, and no other statement follows.  No SET
 * value is an expression, so none can run a function. */
int pg_is_session_setting(strata_conn *c, const char *sql, int *out)
{
    static const char head[] = "\"stmts\":[{\"stmt\":{\"VariableSetStmt\":";
    PgQueryParseResult res;
    const char *tree, *p;

    (void)c;
    *out = 0;
    if (!sql)
        return STRATA_OK;
    res = pg_query_parse(sql);
    tree = res.error ? NULL : res.parse_tree;
    /* {"version":N,"stmts":[{"stmt":{...}}, ...]}: a quote inside a
     * value is escaped, so "stmt":{ is only ever a statement's key. */
    p = tree ? strstr(tree, "\"stmts\":[") : NULL;
    if (p && strncmp(p, head, sizeof head - 1) == 0 &&
        !strstr(p + sizeof head - 1, "\"stmt\":{"))
        *out = 1;
    pg_query_free_parse_result(res);
    return STRATA_OK;
}
