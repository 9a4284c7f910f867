/* introspect.c - the live catalog of PostgreSQL tables in neutral
 * structs, from pg_catalog (information_schema hides predicates,
 * validity and expressions: docs/dialects.md §3), plus the small catalog
 * questions the core asks: which table an index is on, and whether two
 * expressions mean the same.
 *
 * One round trip answers any number of tables: five SELECTs (tables,
 * columns, index keys, constraints, triggers), prepared once per
 * session and sent in one pipeline, each filtered on current_schema(),
 * which the session pinned to the schema strata works in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/free.h"
#include "pg.h"
#include "../common/catalog.h"

/* ---- reading values ----------------------------------------------------- */

/* Value of row r, column f, in host memory; NULL for SQL NULL.  *oom
 * is set when a non-NULL value could not be copied. */
static char *get(const PGresult *res, int r, int f, int *oom)
{
    char *s;

    if (PQgetisnull(res, r, f))
        return NULL;
    if (!(s = pg_host->strdup(PQgetvalue(res, r, f))))
        *oom = 1;
    return s;
}

static int get_bool(const PGresult *res, int r, int f)
{
    return !PQgetisnull(res, r, f) && PQgetvalue(res, r, f)[0] == 't';
}

/* A one-dimensional text array as PostgreSQL prints it ({a,"b c",
 * "d\"e"}) into a host array of strings. */
static int parse_array(const char *s, char ***out, size_t *n)
{
    strata_buf b = {0};
    char **slot;

    *out = NULL;
    *n = 0;
    if (!s || *s != '{')
        return STRATA_OK;
    for (s++; *s && *s != '}';) {
        b.len = 0;
        if (pg_host->buf_append(&b, "", 0))
            goto oom;
        if (*s == '"') {
            for (s++; *s && *s != '"'; s++) {
                if (*s == '\\' && s[1])
                    s++;
                if (pg_host->buf_append(&b, s, 1))
                    goto oom;
            }
            if (*s == '"')
                s++;
        } else {
            size_t k = strcspn(s, ",}");

            if (pg_host->buf_append(&b, s, k))
                goto oom;
            s += k;
        }
        if (!(slot = drv_grow(pg_host, out, n, sizeof *slot)) ||
            !(*slot = pg_host->strdup(b.data ? b.data : "")))
            goto oom;
        if (*s == ',')
            s++;
    }
    pg_host->buf_free(&b);
    return STRATA_OK;
oom:
    pg_host->buf_free(&b);
    return STRATA_ERR_NOMEM;
}

/* s without one pair of parentheses around all of it, as a new host
 * string: pg_get_indexdef() wraps expression keys, the migration does
 * not. */
static char *unwrap(const char *s)
{
    size_t n = strlen(s), i;
    int depth = 0;
    char q = 0;

    if (n < 2 || s[0] != '(' || s[n - 1] != ')')
        return pg_host->strdup(s);
    for (i = 0; i < n; i++) {
        if (q) {
            if (s[i] == q)
                q = 0; /* a doubled quote reopens at once: same result */
            continue;
        }
        if (s[i] == '\'' || s[i] == '"')
            q = s[i];
        else if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0 && i != n - 1)
            return pg_host->strdup(s);
    }
    return pg_host->strndup(s + 1, n - 2);
}

/* ---- the queries -------------------------------------------------------- */

/* The requested tables of the session's schema ($1, a name[]), found
 * first: MATERIALIZED keeps the planner from scanning every index or
 * attribute of the database before filtering (7 ms on a schema of a
 * thousand tables, against a few hundredths). */
#define TABLES                                                           \
    "WITH t AS MATERIALIZED (SELECT c.oid, c.relname "                  \
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "       \
    "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "    \
    "AND c.relkind IN ('r', 'p') AND c.relname = ANY ($1::name[])) "

static const struct {
    const char *name; /* prepared once per connection */
    const char *sql;
} queries[] = {
    {"strata_tables", TABLES "SELECT relname FROM t ORDER BY 1"},
    /* columns; identity, or serial (a sequence the column owns); a
     * STORED generated column's expression is no default */
    {"strata_columns",
     TABLES
     "SELECT t.relname, a.attname, "
     "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
     "CASE WHEN a.attgenerated = '' THEN "
     "pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, "
     "coalesce((SELECT array_position(pk.conkey, a.attnum) "
     "FROM pg_catalog.pg_constraint pk WHERE pk.conrelid = t.oid "
     "AND pk.contype = 'p'), 0), "
     "a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend dp "
     "JOIN pg_catalog.pg_class s ON s.oid = dp.objid AND s.relkind = 'S' "
     "WHERE dp.refclassid = 'pg_catalog.pg_class'::regclass AND "
     "dp.refobjid = t.oid AND dp.refobjsubid = a.attnum AND "
     "dp.classid = 'pg_catalog.pg_class'::regclass AND "
     "dp.deptype = 'a'), a.attgenerated <> '' "
     "FROM t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid "
     "AND a.attnum > 0 AND NOT a.attisdropped "
     "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = t.oid "
     "AND d.adnum = a.attnum ORDER BY t.relname, a.attnum"},
    /* index keys, one row each (INCLUDE columns left out); DESC is bit
     * 0 of indoption, which pg_get_indexdef(oid, k) omits */
    {"strata_indexes",
     TABLES
     "SELECT t.relname, i.relname, x.indisunique, NOT x.indisvalid, "
     "con.oid IS NOT NULL, pg_catalog.pg_get_expr(x.indpred, x.indrelid, "
     "true), pg_catalog.pg_get_indexdef(x.indexrelid), "
     "(SELECT a.attname FROM pg_catalog.pg_attribute a "
     "WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k.n - 1] "
     "AND x.indkey[k.n - 1] <> 0), "
     "CASE WHEN x.indkey[k.n - 1] = 0 THEN "
     "pg_catalog.pg_get_indexdef(x.indexrelid, k.n, true) END, "
     "(x.indoption[k.n - 1]::int & 1) = 1 "
     "FROM t JOIN pg_catalog.pg_index x ON x.indrelid = t.oid "
     "JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
     "CROSS JOIN LATERAL generate_series(1, x.indnkeyatts::int) AS k(n) "
     "LEFT JOIN pg_catalog.pg_constraint con "
     "ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid "
     "AND con.contype IN ('p', 'u', 'x') "
     "ORDER BY t.relname, i.relname, k.n"},
    {"strata_constraints",
     TABLES
     "SELECT t.relname, c.conname, c.contype, NOT c.convalidated, "
     "ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) "
     "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid "
     "AND a.attnum = k.n ORDER BY k.o)::text, rt.relname, "
     "ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) "
     "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid "
     "AND a.attnum = k.n ORDER BY k.o)::text, c.confupdtype, c.confdeltype, "
     "CASE c.contype WHEN 'c' THEN "
     "pg_catalog.pg_get_expr(c.conbin, c.conrelid, true) WHEN 'x' THEN "
     "pg_catalog.pg_get_constraintdef(c.oid, true) END "
     "FROM t JOIN pg_catalog.pg_constraint c ON c.conrelid = t.oid "
     "LEFT JOIN pg_catalog.pg_class rt ON rt.oid = c.confrelid "
     "WHERE c.contype IN ('p', 'u', 'c', 'f', 'x') "
     "ORDER BY t.relname, c.conname"},
    /* triggers (not the internal ones behind foreign keys) */
    {"strata_triggers",
     TABLES
     "SELECT t.relname, tg.tgname, "
     "pg_catalog.pg_get_triggerdef(tg.oid, true) "
     "FROM t JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = t.oid "
     "WHERE NOT tg.tgisinternal ORDER BY t.relname, tg.tgname"},
};

#define NQUERIES (sizeof queries / sizeof queries[0])

/* Hand each row of res to the catalogs it belongs to (column 0 is the
 * table's name). */
typedef int (*row_fn)(strata_table *t, const PGresult *res, int r);

static int each_row(const PGresult *res, strata_table *out, size_t n,
                    row_fn fn)
{
    for (int r = 0; r < PQntuples(res); r++) {
        const char *tn = PQgetvalue(res, r, 0);

        for (size_t i = 0; i < n; i++)
            if (out[i].exists && strcmp(out[i].name, tn) == 0 &&
                fn(&out[i], res, r) != STRATA_OK)
                return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

static int column_row(strata_table *t, const PGresult *res, int r)
{
    strata_column *col = drv_grow(pg_host, &t->columns, &t->ncolumns,
                                  sizeof *col);
    int oom = 0;

    if (!col)
        return STRATA_ERR_NOMEM;
    col->name = get(res, r, 1, &oom);
    col->type = get(res, r, 2, &oom);
    col->notnull = get_bool(res, r, 3);
    col->default_expr = get(res, r, 4, &oom);
    col->pk = (int)strtol(PQgetvalue(res, r, 5), NULL, 10);
    col->autoincrement = get_bool(res, r, 6);
    col->generated = get_bool(res, r, 7);
    return oom || !col->name || !col->type ? STRATA_ERR_NOMEM : STRATA_OK;
}

/* Index rows arrive one key at a time, grouped by index. */
static int index_row(strata_table *t, const PGresult *res, int r)
{
    const char *name = PQgetvalue(res, r, 1);
    strata_index *ix = t->nindexes ? &t->indexes[t->nindexes - 1] : NULL;
    strata_index_key *key;
    int oom = 0;

    if (!ix || strcmp(ix->name, name) != 0) {
        if (!(ix = drv_grow(pg_host, &t->indexes, &t->nindexes, sizeof *ix)) ||
            !(ix->name = pg_host->strdup(name)) ||
            !(ix->table = pg_host->strdup(t->name)))
            return STRATA_ERR_NOMEM;
        ix->unique = get_bool(res, r, 2);
        ix->invalid = get_bool(res, r, 3);
        ix->constraint = get_bool(res, r, 4);
        ix->where = get(res, r, 5, &oom);
        ix->sql = get(res, r, 6, &oom);
        if (oom)
            return STRATA_ERR_NOMEM;
    }
    if (!(key = drv_grow(pg_host, &ix->keys, &ix->nkeys, sizeof *key)))
        return STRATA_ERR_NOMEM;
    key->desc = get_bool(res, r, 9);
    if (!PQgetisnull(res, r, 7)) {
        if (!(key->column = get(res, r, 7, &oom)))
            return STRATA_ERR_NOMEM;
    } else if (!(key->expr = unwrap(PQgetisnull(res, r, 8)
                                        ? "?" : PQgetvalue(res, r, 8)))) {
        return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

/* A pg_constraint action letter as the words the core compares; NO
 * ACTION, the default, is NULL. */
static int action(const char *letter, char **out)
{
    const char *w;

    *out = NULL;
    switch (letter && *letter ? *letter : 'a') {
    case 'r':
        w = "RESTRICT";
        break;
    case 'c':
        w = "CASCADE";
        break;
    case 'n':
        w = "SET NULL";
        break;
    case 'd':
        w = "SET DEFAULT";
        break;
    default:
        return STRATA_OK;
    }
    return (*out = pg_host->strdup(w)) ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int constraint_row(strata_table *t, const PGresult *res, int r)
{
    strata_constraint *k = drv_grow(pg_host, &t->constraints,
                                    &t->nconstraints, sizeof *k);
    const char *type;
    int oom = 0;

    if (!k)
        return STRATA_ERR_NOMEM;
    type = PQgetvalue(res, r, 2);
    k->kind = *type == 'p'   ? STRATA_CON_PRIMARY_KEY
              : *type == 'u' ? STRATA_CON_UNIQUE
              : *type == 'c' ? STRATA_CON_CHECK
              : *type == 'x' ? STRATA_CON_EXCLUDE
                             : STRATA_CON_FOREIGN_KEY;
    k->named = 1;
    k->name = get(res, r, 1, &oom);
    k->not_valid = get_bool(res, r, 3);
    if (oom || !k->name ||
        parse_array(PQgetvalue(res, r, 4), &k->columns, &k->ncolumns))
        return STRATA_ERR_NOMEM;
    /* an exclusion constraint's whole definition rides in check */
    if (k->kind == STRATA_CON_CHECK || k->kind == STRATA_CON_EXCLUDE)
        return (k->check = get(res, r, 9, &oom)) || !oom
                   ? STRATA_OK
                   : STRATA_ERR_NOMEM;
    if (k->kind != STRATA_CON_FOREIGN_KEY)
        return STRATA_OK;
    k->ref_table = get(res, r, 5, &oom);
    if (oom ||
        parse_array(PQgetvalue(res, r, 6), &k->ref_columns,
                    &k->nref_columns) ||
        action(PQgetvalue(res, r, 7), &k->on_update) ||
        action(PQgetvalue(res, r, 8), &k->on_delete))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

static int trigger_row(strata_table *t, const PGresult *res, int r)
{
    strata_object *o = drv_grow(pg_host, &t->triggers, &t->ntriggers,
                                sizeof *o);
    int oom = 0;

    if (!o || !(o->kind = pg_host->strdup("trigger")))
        return STRATA_ERR_NOMEM;
    o->name = get(res, r, 1, &oom);
    o->sql = get(res, r, 2, &oom);
    return oom ? STRATA_ERR_NOMEM : STRATA_OK;
}

/* ---- introspect() ------------------------------------------------------- */

/* The names as a name[] literal: {"a","b\"c"}. */
static int name_array(const char *const *tables, size_t n, strata_buf *b)
{
    if (pg_host->buf_append(b, "{", 1))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (pg_host->buf_append(b, i ? ",\"" : "\"", i ? 2 : 1))
            return STRATA_ERR_NOMEM;
        for (const char *q = tables[i]; *q; q++)
            if (((*q == '"' || *q == '\\') &&
                 pg_host->buf_append(b, "\\", 1)) ||
                pg_host->buf_append(b, q, 1))
                return STRATA_ERR_NOMEM;
        if (pg_host->buf_append(b, "\"", 1))
            return STRATA_ERR_NOMEM;
    }
    return pg_host->buf_append(b, "}", 1);
}

/* Prepare the queries once per session (planning them costs more than
 * running them).  Those already there are kept: preparing one twice
 * would be an error, and an error inside the migration's transaction
 * aborts it. */
static int prepare(pg_conn *p)
{
    PGresult *res;
    int rc = pg_exec_params(p,
                            "SELECT name FROM pg_catalog.pg_prepared_"
                            "statements WHERE name LIKE 'strata\\_%'",
                            0, NULL, &res);

    if (rc != STRATA_OK)
        return rc;
    for (size_t q = 0; rc == STRATA_OK && q < NQUERIES; q++) {
        PGresult *r;
        int have = 0;

        for (int k = 0; k < PQntuples(res); k++)
            have |= strcmp(PQgetvalue(res, k, 0), queries[q].name) == 0;
        if (have)
            continue;
        r = PQprepare(p->pg, queries[q].name, queries[q].sql, 1, NULL);
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = pg_result_error(p, r, NULL);
        PQclear(r);
    }
    PQclear(res);
    if (rc == STRATA_OK)
        p->prepared = 1;
    return rc;
}

/* JIT is off while the catalog queries run: their cost estimates (a
 * thousand rows per generate_series, a thousand names) pass
 * jit_above_cost, and on a schema of 1,000 tables the index query took
 * 250 ms, 220 of them compiling, against 30 ms without JIT.  The
 * session's own setting (a migration may have SET it) is saved on the
 * server and put back in the same round trip.  When a query fails, the
 * pipeline's transaction (implicit, or the migration's) rolls the SETs
 * back with it. */
static const char *const jit_off[] = {
    "SELECT pg_catalog.set_config('strata.saved_jit', "
    "pg_catalog.current_setting('jit'), false)",
    "SELECT pg_catalog.set_config('jit', 'off', false)",
};
static const char jit_back[] =
    "SELECT pg_catalog.set_config('jit', "
    "pg_catalog.current_setting('strata.saved_jit'), false)";

#define NJIT (sizeof jit_off / sizeof jit_off[0])

/* Run the prepared queries in one pipeline, one round trip: res[q] is
 * query q's result.  The server plans them its usual way (plans pinned
 * to the catalog as it was on first use slowed a long run down as the
 * catalog grew).  Every result is read up to the sync, so the
 * connection leaves pipeline mode idle whatever failed. */
static int run_pipeline(pg_conn *p, const char *names, PGresult **res)
{
    const char *const v[] = {names};
    PGresult *r;
    size_t got = 0, seen = 0;
    int rc = STRATA_OK, sent = 1;

    if (!PQenterPipelineMode(p->pg))
        return pg_result_error(p, NULL, NULL);
    for (size_t j = 0; sent && j < NJIT; j++)
        sent = PQsendQueryParams(p->pg, jit_off[j], 0, NULL, NULL, NULL,
                                 NULL, 0);
    for (size_t q = 0; sent && q < NQUERIES; q++)
        sent = PQsendQueryPrepared(p->pg, queries[q].name, 1, v, NULL,
                                   NULL, 0);
    if (sent)
        sent = PQsendQueryParams(p->pg, jit_back, 0, NULL, NULL, NULL, NULL,
                                 0);
    if (!sent || !PQpipelineSync(p->pg)) {
        rc = pg_result_error(p, NULL, NULL);
        if (PQstatus(p->pg) != CONNECTION_OK)
            return rc;
    }
    for (;;) {
        int is_query;

        if (!(r = PQgetResult(p->pg))) {
            if (PQstatus(p->pg) != CONNECTION_OK)
                break;
            continue; /* the end of one query's results */
        }
        if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        /* the statements around the queries return one row each */
        is_query = seen >= NJIT && seen < NJIT + NQUERIES;
        seen++;
        if (rc == STRATA_OK && PQresultStatus(r) == PGRES_TUPLES_OK &&
            (!is_query || got < NQUERIES)) {
            if (is_query)
                res[got++] = r;
            else
                PQclear(r);
            continue;
        }
        if (rc == STRATA_OK) {
            const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);

            /* DEALLOCATE or DISCARD in a migration: prepare again
             * next time. */
            if (st && strcmp(st, "26000") == 0)
                p->prepared = 0;
            rc = pg_result_error(p, r, NULL);
        }
        PQclear(r);
    }
    if (!PQexitPipelineMode(p->pg) && rc == STRATA_OK)
        rc = pg_result_error(p, NULL, NULL);
    if (rc == STRATA_OK && got != NQUERIES)
        rc = pg_host->error(&p->base, STRATA_ERR_DB, NULL,
                            "introspect: %zu results instead of %zu", got,
                            (size_t)NQUERIES);
    return rc;
}

int pg_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out)
{
    pg_conn *p = (pg_conn *)c;
    static const row_fn fns[NQUERIES] = {NULL, column_row, index_row,
                                         constraint_row, trigger_row};
    PGresult *res[NQUERIES] = {NULL};
    strata_table *tabs = NULL;
    strata_buf names = {0};
    size_t i;
    int rc = STRATA_OK;

    if (!out)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no output");
    *out = NULL;
    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    if (!n)
        return STRATA_OK;
    if (!tables)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no table names");
    if ((rc = drv_names_given(c, "introspect", tables, n)) != STRATA_OK)
        return rc;
    tabs = pg_host->alloc(n * sizeof *tabs);
    DRV_ALLOC_CHECK(tabs, c);
    for (i = 0; i < n; i++) {
        tabs[i].name = pg_host->strdup(tables[i]);
        DRV_ALLOC_GOTO(tabs[i].name, c, rc, done);
    }
    if (name_array(tables, n, &names)) {
        rc = drv_nomem(c);
        goto done;
    }
    if ((!p->prepared && (rc = prepare(p)) != STRATA_OK) ||
        (rc = run_pipeline(p, names.data, res)) != STRATA_OK)
        goto done;
    for (int k = 0; k < PQntuples(res[0]); k++)
        for (i = 0; i < n; i++)
            if (strcmp(tabs[i].name, PQgetvalue(res[0], k, 0)) == 0)
                tabs[i].exists = 1;
    for (size_t q = 1; q < NQUERIES; q++)
        if (each_row(res[q], tabs, n, fns[q]) != STRATA_OK) {
            rc = drv_nomem(c);
            goto done;
        }
done:
    for (i = 0; i < NQUERIES; i++)
        PQclear(res[i]);
    pg_host->buf_free(&names);
    if (rc != STRATA_OK) {
        strata_abi_tables_free(pg_host, tabs, n);
        return rc;
    }
    *out = tabs;
    return STRATA_OK;
}

/* ---- small questions ---------------------------------------------------- */

/* tables_exist(): table_exists()'s question for n names in one query,
 * answered with the ordinals of those there. */
int pg_tables_exist(strata_conn *c, const char *const *tables, size_t n,
                    unsigned char *out)
{
    pg_conn *p = (pg_conn *)c;
    strata_buf names = {0};
    PGresult *res = NULL;
    const char *v[1];
    int rc;

    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    memset(out, 0, n);
    if (!n)
        return STRATA_OK;
    if ((rc = drv_names_given(c, "tables_exist", tables, n)) != STRATA_OK)
        return rc;
    if (name_array(tables, n, &names)) {
        pg_host->buf_free(&names);
        return drv_nomem(c);
    }
    v[0] = names.data;
    rc = pg_exec_params(
        p,
        "SELECT a.i FROM pg_catalog.unnest($1::text[]) WITH ORDINALITY "
        "AS a(name, i) JOIN pg_catalog.pg_class c ON c.relname = a.name "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')",
        1, v, &res);
    pg_host->buf_free(&names);
    if (rc != STRATA_OK)
        return rc;
    for (int k = 0; k < PQntuples(res); k++) {
        long i = strtol(PQgetvalue(res, k, 0), NULL, 10);

        if (i >= 1 && (size_t)i <= n)
            out[i - 1] = 1;
    }
    PQclear(res);
    return STRATA_OK;
}

int pg_index_table(strata_conn *c, const char *index, char **table)
{
    pg_conn *p = (pg_conn *)c;
    const char *const v[] = {index};
    PGresult *res;
    int rc;

    if (!table)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "index_table: no output");
    *table = NULL;
    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    if (!index)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL, "no index name");
    rc = pg_exec_params(p,
                        "SELECT t.relname FROM pg_catalog.pg_index x "
                        "JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
                        "JOIN pg_catalog.pg_class t ON t.oid = x.indrelid "
                        "JOIN pg_catalog.pg_namespace n "
                        "ON n.oid = i.relnamespace "
                        "WHERE n.nspname = current_schema() "
                        "AND i.relname = $1",
                        1, v, &res);
    if (rc != STRATA_OK)
        return rc;
    if (PQntuples(res) > 0 &&
        !(*table = pg_host->strdup(PQgetvalue(res, 0, 0))))
        rc = drv_nomem(c);
    PQclear(res);
    return rc;
}

/* ---- same_expr() -------------------------------------------------------- */

/* The core's comparison without a server: whitespace dropped and
 * letters folded outside quotes, outer parentheses stripped. */
static char *fold(const char *e)
{
    size_t n = strlen(e), o = 0, start, end;
    char *out = pg_host->alloc(n + 1), q = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char ch = e[i];

        if (q) {
            out[o++] = ch;
            if (ch == q)
                q = 0;
        } else if (ch == '\'' || ch == '"') {
            q = ch;
            out[o++] = ch;
        } else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
            out[o++] = ch >= 'A' && ch <= 'Z' ? (char)(ch | 0x20) : ch;
        }
    }
    out[o] = '\0';
    for (start = 0, end = o; end - start >= 2 && out[start] == '(' &&
                             out[end - 1] == ')';) {
        int depth = 0, wraps = 1;

        for (size_t i = start; i < end - 1 && wraps; i++) {
            depth += out[i] == '(' ? 1 : out[i] == ')' ? -1 : 0;
            if (depth == 0)
                wraps = 0;
        }
        if (!wraps)
            break;
        start++;
        end--;
    }
    memmove(out, out + start, end - start);
    out[end - start] = '\0';
    return out;
}

static int fold_eq(strata_conn *c, const char *a, const char *b, int *out)
{
    char *fa = fold(a), *fb = fold(b);
    int rc = fa && fb ? STRATA_OK : drv_nomem(c);

    if (rc == STRATA_OK)
        *out = strcmp(fa, fb) == 0;
    pg_host->free(fa);
    pg_host->free(fb);
    return rc;
}

/* Run sql quietly: 0 when it worked.  Failures here are expected (an
 * expression that is no boolean), so no message is recorded. */
static int try_sql(pg_conn *p, const char *sql)
{
    PGresult *res = PQexecParams(p->pg, sql, 0, NULL, NULL, NULL, NULL, 0);
    int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;

    PQclear(res);
    return ok ? 0 : -1;
}

#define SCRATCH "strata_same_expr"

/* Add expression x to the scratch table as object name, in form
 * method (type: the column's, for methods 1 and 2), and read back the
 * text the server deparses from it (*out, host memory).  -1 when the
 * server refused: the caller rolls back to its savepoint. */
static int deparse_once(pg_conn *p, int method, const char *type,
                        const char *name, const char *x, char **out)
{
    const char *const v[] = {name};
    strata_buf s = {0};
    PGresult *res;
    int ok;

    *out = NULL;
    if (method == 0)
        ok = !pg_host->buf_printf(&s, "ALTER TABLE " SCRATCH " ADD "
                                      "CONSTRAINT %s CHECK (%s)",
                                  name, x);
    else
        ok = !pg_host->buf_printf(&s, "ALTER TABLE " SCRATCH " ADD COLUMN "
                                      "%s %s %s (%s)%s",
                                  name, type,
                                  method == 1 ? "DEFAULT"
                                              : "GENERATED ALWAYS AS",
                                  x, method == 1 ? "" : " STORED");
    ok = ok && try_sql(p, s.data) == 0;
    pg_host->buf_free(&s);
    if (!ok)
        return -1;
    res = PQexecParams(
        p->pg,
        method == 0
            ? "SELECT pg_catalog.pg_get_expr(conbin, conrelid) FROM "
              "pg_catalog.pg_constraint WHERE conrelid = '" SCRATCH
              "'::regclass AND conname = $1"
            : "SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM "
              "pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a "
              "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
              "WHERE d.adrelid = '" SCRATCH "'::regclass AND a.attname = $1",
        1, NULL, v, NULL, NULL, 0);
    if (res && PQresultStatus(res) == PGRES_TUPLES_OK &&
        PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
        *out = pg_host->strdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return *out ? 0 : -1;
}

/* x as the server deparses it, to a fixed point: the deparsed text of
 * a deparsed text can differ once more (ARRAY[...]::text[] comes back
 * with the cast pushed into the elements), so the text is added again
 * until it stops changing.  Both sides of a comparison then meet. */
static int deparse(pg_conn *p, int method, const char *type, char side,
                   const char *x, char **out)
{
    char name[32], *cur = pg_host->strdup(x), *next;

    *out = NULL;
    for (int round = 0; cur && round < 4; round++) {
        snprintf(name, sizeof name, "strata_%c%d", side, round);
        if (deparse_once(p, method, type, name, cur, &next)) {
            pg_host->free(cur);
            return -1;
        }
        if (strcmp(next, cur) == 0) {
            pg_host->free(next);
            break;
        }
        pg_host->free(cur);
        cur = next;
    }
    *out = cur;
    return cur ? 0 : -1;
}

/* Inside a savepoint of its own: a and b in one of three forms, their
 * deparsed texts compared.
 * method 0: CHECK (x) -- booleans, column references allowed (CHECKs,
 *           index predicates);
 * method 1: a column of a's type with DEFAULT (x) -- no column
 *           references, volatile allowed (defaults);
 * method 2: the same column GENERATED ALWAYS AS (x) STORED -- column
 *           references, immutable (index expressions).
 * Returns 0 with *same set, or -1. */
static int try_method(pg_conn *p, int method, const char *type,
                      const char *a, const char *b, int *same)
{
    char *da = NULL, *db = NULL;
    int ok;

    if (try_sql(p, "SAVEPOINT strata_try"))
        return -1;
    ok = deparse(p, method, type, 'a', a, &da) == 0 &&
         deparse(p, method, type, 'b', b, &db) == 0;
    if (ok)
        *same = strcmp(da, db) == 0;
    pg_host->free(da);
    pg_host->free(db);
    /* Nothing of the attempt stays, whatever its outcome. */
    try_sql(p, "ROLLBACK TO SAVEPOINT strata_try");
    try_sql(p, "RELEASE SAVEPOINT strata_try");
    return ok ? 0 : -1;
}

/* The type of expression a over the scratch table's columns, as
 * format_type() spells it (host memory), without evaluating it. */
static char *expr_type(pg_conn *p, const char *a)
{
    strata_buf s = {0};
    PGresult *res = NULL;
    char oid[16], mod[16], *out = NULL;
    int ok;

    if (try_sql(p, "SAVEPOINT strata_try"))
        return NULL;
    ok = !pg_host->buf_printf(&s, "SELECT (%s) FROM " SCRATCH " LIMIT 0",
                              a);
    if (ok) {
        res = PQexecParams(p->pg, s.data, 0, NULL, NULL, NULL, NULL, 0);
        ok = res && PQresultStatus(res) == PGRES_TUPLES_OK &&
             PQnfields(res) == 1;
    }
    pg_host->buf_free(&s);
    if (ok) {
        const char *const v[] = {oid, mod};

        snprintf(oid, sizeof oid, "%u", (unsigned)PQftype(res, 0));
        snprintf(mod, sizeof mod, "%d", PQfmod(res, 0));
        PQclear(res);
        res = PQexecParams(p->pg,
                           "SELECT pg_catalog.format_type($1::oid, $2::int)",
                           2, NULL, v, NULL, NULL, 0);
        if (res && PQresultStatus(res) == PGRES_TUPLES_OK &&
            PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
            out = pg_host->strdup(PQgetvalue(res, 0, 0));
    }
    PQclear(res);
    try_sql(p, "ROLLBACK TO SAVEPOINT strata_try");
    try_sql(p, "RELEASE SAVEPOINT strata_try");
    return out;
}

/* Normalise both expressions through the server rather than by string
 * tricks (issue 4): PostgreSQL rewrites IN (...) to = ANY (ARRAY[...])
 * and adds casts, so the text it keeps never equals the text written.
 * A scratch temporary table shaped like the target (LIKE copies the
 * columns and their types) gets both expressions in the same form, and
 * the deparsed texts are compared.  All of it happens inside a
 * savepoint (or a transaction of its own when none is open) that is
 * rolled back, so it works inside the migration's transaction and
 * leaves nothing behind -- not even an aborted transaction when the
 * comparison itself fails, which falls back to folded text. */
int pg_same_expr(strata_conn *c, const char *table, const char *a,
                 const char *b, int *out)
{
    pg_conn *p = (pg_conn *)c;
    PGTransactionStatusType st;
    strata_buf s = {0};
    char *type = NULL;
    int own_txn, ok, same = 0;

    if (!out)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "same_expr: no output");
    *out = 0;
    if (!a || !b) {
        *out = !a && !b;
        return STRATA_OK;
    }
    if (strcmp(a, b) == 0) {
        *out = 1;
        return STRATA_OK;
    }
    st = p->pg ? PQtransactionStatus(p->pg) : PQTRANS_UNKNOWN;
    if (st != PQTRANS_IDLE && st != PQTRANS_INTRANS)
        return fold_eq(c, a, b, out);
    own_txn = st == PQTRANS_IDLE;
    if (try_sql(p, own_txn ? "BEGIN" : "SAVEPOINT strata_same_expr"))
        return fold_eq(c, a, b, out);
    /* The table's shape when it exists; else no columns at all. */
    ok = table != NULL;
    if (ok) {
        char *id = PQescapeIdentifier(p->pg, table, strlen(table));

        ok = id && !pg_host->buf_printf(&s,
                                        "CREATE TEMP TABLE " SCRATCH
                                        " (LIKE %s)", id);
        PQfreemem(id);
        if (ok && try_sql(p, "SAVEPOINT strata_try") == 0) {
            if (try_sql(p, s.data) != 0) {
                try_sql(p, "ROLLBACK TO SAVEPOINT strata_try");
                ok = 0;
            }
            try_sql(p, "RELEASE SAVEPOINT strata_try");
        } else {
            ok = 0;
        }
        pg_host->buf_free(&s);
    }
    if (!ok)
        ok = try_sql(p, "CREATE TEMP TABLE " SCRATCH " ()") == 0;
    if (ok) {
        ok = try_method(p, 0, NULL, a, b, &same) == 0;
        if (!ok && (type = expr_type(p, a)) != NULL)
            ok = try_method(p, 1, type, a, b, &same) == 0 ||
                 try_method(p, 2, type, a, b, &same) == 0;
        pg_host->free(type);
    }
    if (own_txn) {
        try_sql(p, "ROLLBACK");
    } else {
        try_sql(p, "ROLLBACK TO SAVEPOINT strata_same_expr");
        try_sql(p, "RELEASE SAVEPOINT strata_same_expr");
    }
    if (!ok)
        return fold_eq(c, a, b, out);
    *out = same;
    return STRATA_OK;
}
