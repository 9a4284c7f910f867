/* test_pg_introspect.c - the PostgreSQL driver against a real server
 * (STRATA_TEST_PG_URL, which `make check` exports after starting a
 * throwaway cluster): connections and session settings, the catalog
 * (columns, indexes with expressions, DESC, predicates and INVALID,
 * constraints with NOT VALID and foreign-key actions, triggers),
 * same_expr through the server, schemas kept apart, the advisory
 * migration lock, lock_timeout mapped to STRATA_ERR_LOCKED,
 * CONCURRENTLY run without one, and rendered statements run as the
 * runner runs them.  Everything happens in a database of its own,
 * pgunit_introspect_<pid> (two runs can share a server), dropped at
 * the end.  Without the URL the tests
 * fail: a database is never mocked. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "fixture_driver.h"
#include "sql/catalog.h"

static char *admin_url; /* STRATA_TEST_PG_URL */
static char *db_url;    /* the same server, database db_name */
static char db_name[64];
static char drop_db[128], create_db[128];

/* ---- setup -------------------------------------------------------------- */

/* url with its database replaced by name (malloc'd). */
static char *with_db(const char *url, const char *name)
{
    const char *p = strstr(url, "://"), *slash, *q;
    strata_buf b = {0};

    p = p ? p + 3 : url;
    slash = strchr(p, '/');
    q = strchr(p, '?');
    if (!slash || (q && q < slash))
        slash = q ? q : p + strlen(p);
    strata__buf_append(&b, url, (size_t)(slash - url));
    strata__buf_printf(&b, "/%s", name);
    if (q)
        strata__buf_puts(&b, q);
    return strata__buf_take(&b);
}

/* Run sql on a fresh connection to url; 0 when it worked. */
static int admin(const char *url, const char *sql)
{
    strata_conn *c = fx_conn();
    int rc = drv->connect(c, url, NULL);

    if (rc == STRATA_OK)
        rc = drv->exec(c, sql);
    if (rc != STRATA_OK)
        fprintf(stderr, "%s: %s\n", sql, c->errmsg);
    fx_conn_free(c);
    return rc;
}

static int group_setup(void **state)
{
    const char *url = getenv("STRATA_TEST_PG_URL");

    (void)state;
    if (!url || !*url) {
        fprintf(stderr,
                "test_pg_introspect: STRATA_TEST_PG_URL is not set.  These "
                "tests need a PostgreSQL server: run `make check` (it starts "
                "one), or `tests/servers.sh start postgres` and export the "
                "URL it prints.\n");
        return -1;
    }
    if (fx_open("postgres", NULL))
        return -1;
    snprintf(db_name, sizeof db_name, "pgunit_introspect_%ld",
             (long)getpid());
    snprintf(drop_db, sizeof drop_db,
             "DROP DATABASE IF EXISTS %s WITH (FORCE)", db_name);
    snprintf(create_db, sizeof create_db, "CREATE DATABASE %s", db_name);
    admin_url = strdup(url);
    db_url = with_db(url, db_name);
    if (!admin_url || !db_url || admin(admin_url, drop_db) ||
        admin(admin_url, create_db)) {
        fprintf(stderr, "test_pg_introspect: cannot create database %s "
                        "on %s\n", db_name, url);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    if (drv && admin_url)
        admin(admin_url, drop_db);
    free(admin_url);
    free(db_url);
    return fx_close(state);
}

/* ---- helpers ------------------------------------------------------------ */

/* A connection to the test database with options (key, value pairs,
 * NULL-terminated); the schema is created when missing. */
static strata_conn *open_db(const char *schema, const char *lock_ms,
                            const char *stmt_ms)
{
    strata_kv opts[6];
    size_t n = 0;
    strata_conn *c = fx_conn();

    opts[n++] = (strata_kv){"lock_timeout_ms", lock_ms ? lock_ms : "5000"};
    opts[n++] = (strata_kv){"statement_timeout_ms", stmt_ms ? stmt_ms : "0"};
    opts[n++] = (strata_kv){"create_schema", "1"};
    if (schema)
        opts[n++] = (strata_kv){"schema", schema};
    opts[n] = (strata_kv){NULL, NULL};
    if (drv->connect(c, db_url, opts) != STRATA_OK)
        fail_msg("connect %s: %s", db_url, c->errmsg);
    return c;
}

static int first_value(void *payload, int n, const char *const *v,
                       const char *const *names)
{
    char **out = payload;

    (void)names;
    free(*out);
    *out = strdup(n > 0 && v[0] ? v[0] : "(null)");
    return 0;
}

/* The first value of sql's first row (malloc'd; "(null)" for NULL). */
static char *qstr(strata_conn *c, const char *sql)
{
    char *v = NULL;

    if (drv->query(c, sql, first_value, &v) != STRATA_OK)
        fail_msg("%s: %s", sql, c->errmsg);
    return v ? v : strdup("(no row)");
}

static void want_value(strata_conn *c, const char *sql, const char *want)
{
    char *v = qstr(c, sql);

    if (strcmp(v, want) != 0)
        fail_msg("%s: '%s', expected '%s'", sql, v, want);
    free(v);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000,
                          .tv_nsec = (ms % 1000) * 1000000};

    nanosleep(&ts, NULL);
}

/* Run rendered statements as the runner does: in-transaction ones in a
 * transaction, autocommit ones alone after committing it.  Returns the
 * first failure's code (the transaction rolled back). */
static int run_rendered(strata_conn *c, const strata_sql_list *l)
{
    int in_txn = 0, rc = STRATA_OK;

    for (size_t i = 0; i < l->count && rc == STRATA_OK; i++) {
        if (l->items[i].flags & STRATA_SQL_AUTOCOMMIT) {
            if (in_txn && (rc = drv->commit(c)) != STRATA_OK)
                break;
            in_txn = 0;
        } else if (!in_txn) {
            if ((rc = drv->begin(c)) != STRATA_OK)
                break;
            in_txn = 1;
        }
        rc = drv->exec(c, l->items[i].sql);
    }
    if (in_txn)
        rc == STRATA_OK ? (rc = drv->commit(c)) : drv->rollback(c);
    return rc;
}

/* ---- connections and statements ----------------------------------------- */

static void test_pg_introspect__connect(void **state)
{
    const strata_kv no_schema[] = {{"schema", "not_there"}, {NULL, NULL}};
    strata_conn *c = fx_conn();
    char *bad, *ver = NULL;
    int rc, in_tx = -1;

    (void)state;
    /* Nothing listens on port 1: libpq's message, never the password. */
    bad = strdup("postgres://someone:s3cretpw@127.0.0.1:1/x");
    assert_int_equal(drv->connect(c, bad, NULL), STRATA_ERR_CONN);
    assert_non_null(strstr(c->errmsg, "127.0.0.1"));
    assert_null(strstr(c->errmsg, "s3cretpw"));
    drv->disconnect(c);
    free(bad);
    /* libpq ends the userinfo at the first '@': an unencoded second one
     * would make the password's tail a host name, which libpq's message
     * quotes (issue 13).  Read as libpq reads it, and refused. */
    assert_int_equal(drv->connect(c, "postgres://u:p@ss-tail@127.0.0.1:1/x",
                                  NULL),
                     STRATA_ERR_CONFIG);
    assert_non_null(strstr(c->errmsg, "%40"));
    assert_null(strstr(c->errmsg, "ss-tail"));
    drv->disconnect(c);
    /* a URL libpq cannot read: its message, as a configuration error */
    assert_int_equal(drv->connect(c, "postgres://h/x?nosuchkey=1", NULL),
                     STRATA_ERR_CONFIG);
    assert_non_null(strstr(c->errmsg, "nosuchkey"));
    drv->disconnect(c);
    /* the URL's parameters override strata's defaults */
    {
        char *u = malloc(strlen(db_url) + 40);

        sprintf(u, "%s?application_name=mine", db_url);
        assert_int_equal(drv->connect(c, u, NULL), STRATA_OK);
        want_value(c, "SHOW application_name", "mine");
        drv->disconnect(c);
        free(u);
    }
    assert_int_equal(drv->connect(c, db_url, no_schema), STRATA_ERR_CONFIG);
    assert_string_equal(c->errmsg,
                        "schema not_there does not exist (--create-schema "
                        "or create_schema = true creates it)");
    drv->disconnect(c);
    /* No schema named: the server's, public here. */
    assert_int_equal(drv->connect(c, db_url, NULL), STRATA_OK);
    want_value(c, "SELECT current_schema()", "public");
    want_value(c, "SHOW search_path", "\"public\"");
    want_value(c, "SHOW lock_timeout", "5s");
    fx_conn_free(c);

    c = open_db("conn_app", "1234", "0");
    want_value(c, "SELECT current_schema()", "conn_app");
    want_value(c, "SHOW lock_timeout", "1234ms");
    want_value(c, "SHOW statement_timeout", "0");
    want_value(c, "SHOW standard_conforming_strings", "on");
    want_value(c, "SHOW client_min_messages", "warning");
    want_value(c, "SHOW application_name", "strata");
    assert_int_equal(drv->server_version(c, &ver), STRATA_OK);
    assert_true(ver[0] >= '1' && ver[0] <= '9');
    free(ver);

    fx_run(c, "CREATE TABLE t (a int, b text);\n"
              "INSERT INTO t VALUES (1, 'x'), (2, NULL);");
    fx_exists(c, "t", 1);
    fx_exists(c, "T", 0); /* names are exact in PostgreSQL */
    want_value(c, "SELECT b FROM t WHERE a = 2", "(null)");
    want_value(c, "SELECT count(*) FROM t", "2");

    rc = drv->exec(c, "SELECT * FROM nope");
    assert_int_equal(rc, STRATA_ERR_DB);
    assert_string_equal(c->sqlstate, "42P01");
    assert_string_equal(c->errmsg,
                        "relation \"nope\" does not exist (SQLSTATE 42P01)");
    assert_int_equal(drv->exec(c, "INSERT INTO t VALUES (3, 'y'); "
                                  "INSERT INTO t VALUES (4, 'z')"),
                     STRATA_ERR_INVALID);
    assert_string_equal(c->errmsg, "exec takes exactly one statement");
    want_value(c, "SELECT count(*) FROM t", "2");
    /* A trailing ';' and comments are one statement still. */
    assert_int_equal(drv->exec(c, "SELECT 1; -- done"), STRATA_OK);

    /* COMMIT of an aborted transaction is a failure, not a success
     * tagged ROLLBACK. */
    assert_int_equal(drv->begin(c), STRATA_OK);
    assert_int_equal(drv->in_transaction(c, &in_tx), STRATA_OK);
    assert_int_equal(in_tx, 1);
    assert_int_equal(drv->exec(c, "INSERT INTO t VALUES (5, 'w')"),
                     STRATA_OK);
    assert_int_equal(drv->exec(c, "SELECT 1/0"), STRATA_ERR_DB);
    assert_int_equal(drv->commit(c), STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "COMMIT rolled back"));
    assert_int_equal(drv->in_transaction(c, &in_tx), STRATA_OK);
    assert_int_equal(in_tx, 0);
    want_value(c, "SELECT count(*) FROM t", "2");

    /* COPY FROM STDIN has no data here: refused, connection intact. */
    assert_int_equal(drv->exec(c, "COPY t FROM STDIN"), STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "COPY"));
    want_value(c, "SELECT count(*) FROM t", "2");
    fx_conn_free(c);
}

static int collect(void *payload, int n, const char *const *v,
                   const char *const *names)
{
    strata_buf *b = payload;

    for (int i = 0; i < n; i++)
        strata__buf_printf(b, "%s=%s,", names[i], v[i] ? v[i] : "NULL");
    return 0;
}

static void test_pg_introspect__query(void **state)
{
    strata_conn *c = open_db("q_app", NULL, NULL);
    strata_buf b = {0};
    int n = 0;

    (void)state;
    assert_int_equal(drv->query(c, "SELECT 1 AS a, NULL AS b, 'x''y' AS c "
                                   "UNION ALL SELECT 2, 'z', ''",
                                collect, &b),
                     STRATA_OK);
    assert_string_equal(b.data, "a=1,b=NULL,c=x'y,a=2,b=z,c=,");
    strata__buf_free(&b);
    assert_int_equal(drv->query(c, "SELECT generate_series(1, 5)",
                                fx_stop_after_one, &n),
                     STRATA_ERR_USER);
    assert_int_equal(n, 1);
    assert_int_equal(drv->query(c, "SELECT 1 WHERE false", collect, &b),
                     STRATA_OK);
    assert_null(b.data);
    fx_conn_free(c);
}

/* quote_literal means its text whatever standard_conforming_strings is:
 * a migration or session_sql may turn it off (issue 13).  On the
 * connection (PQescapeLiteral) and offline (an unconnected one, as
 * --sql quotes), read back under both settings. */
static void test_pg_introspect__literals(void **state)
{
    static const char *const texts[] = {"it's", "a\\b", "\\'); SELECT 1; --",
                                        "\\", "'\\''", ""};
    static const char *const settings[] = {"off", "on"};
    strata_conn *c = open_db("lit_app", NULL, NULL), *offline = fx_conn();

    (void)state;
    for (size_t k = 0; k < 2; k++) {
        char set[64];

        snprintf(set, sizeof set, "SET standard_conforming_strings = %s",
                 settings[k]);
        fx_run(c, set);
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
            strata_conn *q[] = {c, offline};

            for (size_t j = 0; j < 2; j++) {
                strata_buf b = {0};

                strata__buf_puts(&b, "SELECT ");
                assert_int_equal(drv->quote_literal(q[j], texts[i], &b),
                                 STRATA_OK);
                want_value(c, b.data, texts[i]);
                strata__buf_free(&b);
            }
        }
    }
    fx_conn_free(offline);
    fx_conn_free(c);
}

/* ---- the catalog -------------------------------------------------------- */

static const char catalog_sql[] =
    "CREATE TABLE parent (id bigint GENERATED ALWAYS AS IDENTITY "
    "PRIMARY KEY, code text UNIQUE);\n"
    "CREATE TABLE t (\n"
    "  id serial PRIMARY KEY,\n"
    "  name varchar(40) NOT NULL DEFAULT 'x',\n"
    "  price numeric(10,2),\n"
    "  created timestamptz NOT NULL DEFAULT now(),\n"
    "  doc jsonb,\n"
    "  total int GENERATED ALWAYS AS (id * 2) STORED,\n"
    "  parent_id bigint,\n"
    "  \"Odd, \"\"name\"\"\" text,\n"
    "  CONSTRAINT t_price_check CHECK (price >= 0),\n"
    "  CONSTRAINT t_odd_key UNIQUE (\"Odd, \"\"name\"\"\", name),\n"
    "  CONSTRAINT t_parent_fkey FOREIGN KEY (parent_id) REFERENCES parent "
    "(id) ON DELETE SET NULL ON UPDATE CASCADE\n"
    ");\n"
    "ALTER TABLE t ADD CONSTRAINT t_name_check CHECK (name <> '') "
    "NOT VALID;\n"
    "CREATE UNIQUE INDEX t_lower_name ON t (lower(name)) WHERE price > 0;\n"
    "CREATE INDEX t_created_desc ON t (created DESC, id) INCLUDE (price);\n"
    "CREATE INDEX t_doc ON t USING gin (doc);\n"
    "CREATE INDEX t_doc_key ON t ((doc ->> 'k'));\n"
    "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n  RETURN NEW; -- ; inside the body\nEND\n$$;\n"
    "CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW "
    "EXECUTE FUNCTION trg();\n"
    "INSERT INTO t (name) VALUES ('a'), ('a');\n";

static void test_pg_introspect__catalog(void **state)
{
    const char *names[] = {"t", "nope", "parent"};
    strata_conn *c = open_db("cat", NULL, NULL);
    strata_table *tabs;
    const strata_table *t, *p;
    const strata_column *col;
    const strata_index *ix;
    const strata_constraint *k;
    char *tbl = NULL;
    int rc;

    (void)state;
    fx_run(c, catalog_sql);
    /* A unique index built CONCURRENTLY over duplicates: left INVALID. */
    rc = drv->exec(c, "CREATE UNIQUE INDEX CONCURRENTLY t_name_uq ON t "
                      "(name)");
    assert_int_equal(rc, STRATA_ERR_DB);

    tabs = fx_introspect(c, names, 3);
    t = &tabs[0];
    p = &tabs[2];
    fx_table_is(t, "t", 1);
    fx_table_is(&tabs[1], "nope", 0);
    assert_int_equal(p->exists, 1);
    assert_null(t->sql);

    /* columns */
    assert_int_equal(t->ncolumns, 8);
    col = &t->columns[0];
    assert_string_equal(col->name, "id");
    assert_string_equal(col->type, "integer");
    assert_int_equal(col->notnull, 1);
    assert_int_equal(col->pk, 1);
    assert_int_equal(col->autoincrement, 1); /* serial */
    assert_string_equal(col->default_expr, "nextval('t_id_seq'::regclass)");
    col = &t->columns[1];
    assert_string_equal(col->type, "character varying(40)");
    assert_string_equal(col->default_expr, "'x'::character varying");
    assert_int_equal(col->pk, 0);
    assert_int_equal(col->autoincrement, 0);
    assert_string_equal(t->columns[2].type, "numeric(10,2)");
    assert_int_equal(t->columns[2].notnull, 0);
    assert_null(t->columns[2].default_expr);
    assert_string_equal(t->columns[3].type, "timestamp with time zone");
    assert_string_equal(t->columns[3].default_expr, "now()");
    col = &t->columns[5];
    assert_string_equal(col->name, "total");
    assert_int_equal(col->generated, 1);
    assert_null(col->default_expr); /* the expression is no default */
    assert_string_equal(t->columns[7].name, "Odd, \"name\"");
    col = &p->columns[0];
    assert_int_equal(col->autoincrement, 1); /* identity */
    assert_null(col->default_expr);
    assert_string_equal(col->type, "bigint");

    /* indexes */
    assert_int_equal(t->nindexes, 7);
    ix = strata__table_index(t, "t_pkey");
    assert_non_null(ix);
    assert_int_equal(ix->constraint, 1);
    assert_int_equal(ix->unique, 1);
    assert_int_equal(ix->invalid, 0);
    assert_string_equal(ix->table, "t");
    ix = strata__table_index(t, "t_lower_name");
    assert_int_equal(ix->unique, 1);
    assert_int_equal(ix->constraint, 0);
    assert_int_equal(ix->nkeys, 1);
    assert_null(ix->keys[0].column);
    assert_string_equal(ix->keys[0].expr, "lower(name::text)");
    assert_string_equal(ix->where, "price > 0::numeric");
    assert_non_null(strstr(ix->sql, "CREATE UNIQUE INDEX t_lower_name"));
    ix = strata__table_index(t, "t_created_desc");
    fx_keys_are(ix, "created DESC, id"); /* INCLUDE columns are no keys */
    assert_null(ix->where);
    ix = strata__table_index(t, "t_doc");
    assert_string_equal(ix->keys[0].column, "doc");
    assert_non_null(strstr(ix->sql, "USING gin"));
    ix = strata__table_index(t, "t_doc_key");
    assert_string_equal(ix->keys[0].expr, "doc ->> 'k'::text");
    ix = strata__table_index(t, "t_name_uq");
    assert_non_null(ix);
    assert_int_equal(ix->invalid, 1);
    ix = strata__table_index(t, "t_odd_key");
    assert_int_equal(ix->constraint, 1);
    assert_string_equal(ix->keys[0].column, "Odd, \"name\"");

    /* constraints */
    assert_int_equal(t->nconstraints, 5);
    k = strata__table_constraint(t, "t_pkey");
    assert_int_equal(k->kind, STRATA_CON_PRIMARY_KEY);
    fx_names_are(k->columns, k->ncolumns, "id");
    k = strata__table_constraint(t, "t_price_check");
    assert_int_equal(k->kind, STRATA_CON_CHECK);
    assert_string_equal(k->check, "price >= 0::numeric");
    assert_int_equal(k->not_valid, 0);
    k = strata__table_constraint(t, "t_name_check");
    assert_int_equal(k->not_valid, 1);
    assert_string_equal(k->check, "name::text <> ''::text");
    k = strata__table_constraint(t, "t_odd_key");
    assert_int_equal(k->kind, STRATA_CON_UNIQUE);
    assert_int_equal(k->ncolumns, 2);
    assert_string_equal(k->columns[0], "Odd, \"name\"");
    assert_string_equal(k->columns[1], "name");
    k = strata__table_constraint(t, "t_parent_fkey");
    fx_fk_is(k, "parent_id", "parent", "id");
    assert_string_equal(k->on_delete, "SET NULL");
    assert_string_equal(k->on_update, "CASCADE");
    k = strata__table_constraint(p, "parent_code_key");
    assert_non_null(k);
    assert_null(k->on_delete);

    /* triggers (not the internal ones behind the foreign key) */
    assert_int_equal(t->ntriggers, 1);
    assert_string_equal(t->triggers[0].kind, "trigger");
    assert_string_equal(t->triggers[0].name, "t_trg");
    assert_non_null(strstr(t->triggers[0].sql, "BEFORE UPDATE ON"));
    assert_int_equal(p->ntriggers, 0);
    strata__tables_free(tabs, 3);

    /* Names the server must get intact inside the name[] parameter;
     * the queries are prepared again after a DEALLOCATE. */
    fx_run(c, "CREATE TABLE \"we\"\"ird\\na,me {x}\" (\"a b\" int)");
    assert_int_equal(drv->exec(c, "DEALLOCATE ALL"), STRATA_OK);
    {
        const char *odd[] = {"we\"ird\\na,me {x}", "t"};

        tabs = fx_introspect(c, odd, 2);
        assert_int_equal(tabs[0].exists, 1);
        assert_string_equal(tabs[0].columns[0].name, "a b");
        assert_int_equal(tabs[1].exists, 1);
        strata__tables_free(tabs, 2);
        /* generic plans for the catalog queries only */
        want_value(c, "SHOW plan_cache_mode", "auto");
        assert_int_equal(drv->begin(c), STRATA_OK);
        fx_run(c, "SET plan_cache_mode = force_custom_plan");
        tabs = fx_introspect(c, odd, 2);
        strata__tables_free(tabs, 2);
        want_value(c, "SHOW plan_cache_mode", "force_custom_plan");
        assert_int_equal(drv->rollback(c), STRATA_OK);
        want_value(c, "SHOW plan_cache_mode", "auto");
    }

    /* which table an index is on */
    assert_int_equal(drv->index_table(c, "t_lower_name", &tbl), STRATA_OK);
    assert_string_equal(tbl, "t");
    free(tbl);
    assert_int_equal(drv->index_table(c, "nope", &tbl), STRATA_OK);
    assert_null(tbl);
    fx_conn_free(c);
}

/* What the core compares: the portable statement against the catalog,
 * with no false drift (ensure semantics). */
static void test_pg_introspect__no_false_drift(void **state)
{
    const char *names[] = {"t"};
    strata_conn *c = open_db("cat", NULL, NULL);
    strata_table *tabs = fx_introspect(c, names, 1);
    strata_compare cmp = {.drv = drv, .conn = c, .table = "t"};
    strata_index_key k1 = {.expr = S("lower(name)")};
    strata_index want = {.name = S("t_lower_name"), .unique = 1,
                         .keys = &k1, .nkeys = 1, .where = S("price > 0")};
    strata_index_key k2 = {.expr = S("doc->>'k'")};
    strata_index want2 = {.name = S("t_doc_key"), .keys = &k2, .nkeys = 1};
    strata_constraint check = {.kind = STRATA_CON_CHECK,
                               .check = S("price >= 0")};
    strata_constraint other = {.kind = STRATA_CON_CHECK,
                               .check = S("price > 0")};
    int same = -1;

    (void)state;
    assert_int_equal(strata__index_eq(&cmp, &want,
                                      strata__table_index(&tabs[0],
                                                          "t_lower_name"),
                                      &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__index_eq(&cmp, &want2,
                                      strata__table_index(&tabs[0],
                                                          "t_doc_key"),
                                      &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__constraint_eq(
                         &cmp, &check,
                         strata__table_constraint(&tabs[0], "t_price_check"),
                         &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__constraint_eq(
                         &cmp, &other,
                         strata__table_constraint(&tabs[0], "t_price_check"),
                         &same),
                     STRATA_OK);
    assert_int_equal(same, 0);
    /* types: the portable name against format_type()'s */
    assert_int_equal(strata__type_eq(&cmp, "varchar(40)",
                                     tabs[0].columns[1].type, &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__type_eq(&cmp, "serial",
                                     tabs[0].columns[0].type, &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__type_eq(&cmp, "timestamptz",
                                     tabs[0].columns[3].type, &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__type_eq(&cmp, "varchar(20)",
                                     tabs[0].columns[1].type, &same),
                     STRATA_OK);
    assert_int_equal(same, 0);
    /* a default as written against the catalog's */
    assert_int_equal(strata__expr_eq(&cmp, tabs[0].columns[1].default_expr,
                                     "'x'", &same),
                     STRATA_OK);
    assert_int_equal(same, 1);
    assert_int_equal(strata__expr_eq(&cmp, tabs[0].columns[1].default_expr,
                                     "'y'", &same),
                     STRATA_OK);
    assert_int_equal(same, 0);
    strata__tables_free(tabs, 1);
    fx_conn_free(c);
}

/* ---- same_expr ---------------------------------------------------------- */

static int same(strata_conn *c, const char *table, const char *a,
                const char *b)
{
    int out = -1;

    if (drv->same_expr(c, table, a, b, &out) != STRATA_OK)
        fail_msg("same_expr: %s", c->errmsg);
    return out;
}

static void test_pg_introspect__same_expr(void **state)
{
    strata_conn *c = open_db("se", NULL, NULL);
    int in_tx = -1;

    (void)state;
    fx_run(c, "CREATE TABLE s (state text, v varchar(20), n int, "
              "doc jsonb);\n"
              "ALTER TABLE s ADD CONSTRAINT s_v_check "
              "CHECK (v IN ('a', 'b'));");
    assert_int_equal(same(c, "s", "state IN ('a','b')",
                          "state = ANY (ARRAY['a'::text, 'b'::text])"),
                     1);
    assert_int_equal(same(c, "s", "state IN ('a','b')", "state IN ('a')"),
                     0);
    assert_int_equal(same(c, "s", "state IN ('a','b')",
                          "state IN ('b','a')"),
                     0);
    /* varchar: the catalog's text, re-parsed, meets the written one */
    {
        const char *names[] = {"s"};
        strata_table *t = fx_introspect(c, names, 1);
        const strata_constraint *k =
            strata__table_constraint(&t[0], "s_v_check");

        assert_int_equal(same(c, "s", "v IN ('a', 'b')", k->check), 1);
        assert_int_equal(same(c, "s", k->check, "v IN ('a', 'c')"), 0);
        strata__tables_free(t, 1);
    }
    assert_int_equal(same(c, "s", "n > 0", "(n > 0)"), 1);
    assert_int_equal(same(c, "s", "N>0", "n >= 1"), 0);
    /* non-boolean: index expressions and defaults */
    assert_int_equal(same(c, "s", "doc->>'k'", "(doc ->> 'k'::text)"), 1);
    assert_int_equal(same(c, "s", "doc->>'k'", "doc->>'j'"), 0);
    assert_int_equal(same(c, "s", "'x'::character varying", "'x'"), 1);
    assert_int_equal(same(c, "s", "now()", "now()"), 1);
    assert_int_equal(same(c, "s", "1 + 1", "2"), 0);
    /* the table is gone: expressions without columns still compare */
    assert_int_equal(same(c, "gone", "1 = 1", "(1 = 1)"), 1);
    /* no server form at all: folded text */
    assert_int_equal(same(c, "s", "foo((", "FOO (("), 1);
    assert_int_equal(same(c, "s", "foo((", "bar(("), 0);
    assert_int_equal(drv->in_transaction(c, &in_tx), STRATA_OK);
    assert_int_equal(in_tx, 0);

    /* Inside the migration's transaction: nothing left, nothing
     * aborted, even when the comparison fails. */
    assert_int_equal(drv->begin(c), STRATA_OK);
    fx_run(c, "INSERT INTO s (n) VALUES (1)");
    assert_int_equal(same(c, "s", "n IN (1, 2)",
                          "n = ANY (ARRAY[1, 2])"), 1);
    assert_int_equal(same(c, "s", "no_such_column > 0", "x"), 0);
    assert_int_equal(drv->in_transaction(c, &in_tx), STRATA_OK);
    assert_int_equal(in_tx, 1);
    want_value(c, "SELECT count(*) FROM s", "1");
    want_value(c, "SELECT to_regclass('pg_temp.strata_same_expr') IS NULL",
                 "t");
    assert_int_equal(drv->commit(c), STRATA_OK);
    want_value(c, "SELECT count(*) FROM s", "1");
    fx_conn_free(c);
}

/* ---- schemas ------------------------------------------------------------ */

static void test_pg_introspect__schemas(void **state)
{
    const char *names[] = {"t"};
    strata_conn *a = open_db("s_one", NULL, NULL);
    strata_conn *b = open_db("s_two", NULL, NULL);
    strata_table *ta, *tb;
    char *tbl = NULL;

    (void)state;
    fx_run(a, "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);");
    fx_run(b, "CREATE TABLE t (b text, c text); "
              "CREATE TABLE only_two (x int);");
    ta = fx_introspect(a, names, 1);
    tb = fx_introspect(b, names, 1);
    assert_int_equal(ta[0].ncolumns, 1);
    assert_string_equal(ta[0].columns[0].name, "a");
    assert_int_equal(ta[0].nindexes, 1);
    assert_int_equal(tb[0].ncolumns, 2);
    assert_int_equal(tb[0].nindexes, 0);
    strata__tables_free(ta, 1);
    strata__tables_free(tb, 1);
    fx_exists(a, "only_two", 0);
    fx_exists(b, "only_two", 1);
    assert_int_equal(drv->index_table(b, "t_a", &tbl), STRATA_OK);
    assert_null(tbl);
    /* The migration lock is per schema too: both hold "the same" key. */
    assert_int_equal(drv->lock(a, "strata::strata_history", 0), STRATA_OK);
    assert_int_equal(drv->lock(b, "strata::strata_history", 0), STRATA_OK);
    fx_conn_free(a);
    fx_conn_free(b);
}

/* ---- the migration lock ------------------------------------------------- */

static void test_pg_introspect__lock(void **state)
{
    strata_conn *a = open_db("lk", NULL, NULL);
    strata_conn *b = open_db("lk", NULL, NULL);
    long t0, waited;

    (void)state;
    assert_int_equal(drv->lock(a, "strata:lk:strata_history", 0),
                     STRATA_OK);
    /* taking it twice is a no-op, not a second hold */
    assert_int_equal(drv->lock(a, "strata:lk:strata_history", 0),
                     STRATA_OK);
    t0 = fx_now_ms();
    assert_int_equal(drv->lock(b, "strata:lk:strata_history", 300),
                     STRATA_ERR_BUSY);
    waited = fx_now_ms() - t0;
    assert_true(waited >= 290 && waited < 3000);
    assert_non_null(strstr(b->errmsg, "migration lock held by another "
                                      "session, pid "));
    assert_non_null(strstr(b->errmsg, "(strata); gave up after 300 ms"));
    /* another key is another lock */
    assert_int_equal(drv->lock(b, "strata:lk:other_history", 0),
                     STRATA_OK);
    assert_int_equal(drv->unlock(b, "strata:lk:other_history"), STRATA_OK);
    /* released by unlock ... */
    assert_int_equal(drv->unlock(a, "strata:lk:strata_history"), STRATA_OK);
    assert_int_equal(drv->lock(b, "strata:lk:strata_history", 300),
                     STRATA_OK);
    /* ... and by the end of the session */
    drv->disconnect(b);
    assert_int_equal(drv->lock(a, "strata:lk:strata_history", 300),
                     STRATA_OK);
    /* the waiter polls: nothing of it is left waiting in the server */
    want_value(a, "SELECT count(*) FROM pg_locks WHERE locktype = "
                    "'advisory' AND NOT granted",
                 "0");
    fx_conn_free(a);
    free(b);
}

/* ---- lock timeouts ------------------------------------------------------ */

static void test_pg_introspect__lock_timeout(void **state)
{
    strata_conn *a = open_db("lt", NULL, NULL);
    strata_conn *b = open_db("lt", "200", NULL);
    strata_conn *s = open_db("lt", NULL, "100");
    long t0, waited;
    int rc;

    (void)state;
    fx_run(a, "CREATE TABLE lt (x int)");
    /* a holds ACCESS EXCLUSIVE in an open transaction */
    assert_int_equal(drv->begin(a), STRATA_OK);
    fx_run(a, "LOCK TABLE lt IN ACCESS EXCLUSIVE MODE");
    t0 = fx_now_ms();
    rc = drv->exec(b, "ALTER TABLE lt ADD COLUMN y int");
    waited = fx_now_ms() - t0;
    assert_int_equal(rc, STRATA_ERR_LOCKED);
    assert_string_equal(b->sqlstate, "55P03");
    assert_string_equal(b->errmsg, "canceling statement due to lock timeout "
                                   "(SQLSTATE 55P03)");
    assert_true(waited >= 150 && waited < 3000);
    assert_int_equal(drv->rollback(a), STRATA_OK);
    /* the blocker gone, the retry succeeds */
    assert_int_equal(drv->exec(b, "ALTER TABLE lt ADD COLUMN y int"),
                     STRATA_OK);
    /* statement_timeout is no lock timeout: not retried */
    assert_int_equal(drv->exec(s, "SELECT pg_sleep(2)"), STRATA_ERR_DB);
    assert_string_equal(s->sqlstate, "57014");
    fx_conn_free(a);
    fx_conn_free(b);
    fx_conn_free(s);
}

/* Commits conn after a delay, from a thread: a writer that finishes
 * while the main thread waits on it. */
typedef struct delayed {
    strata_conn *conn;
    long ms;
    int rc;
} delayed;

static void *commit_later(void *arg)
{
    delayed *d = arg;

    sleep_ms(d->ms);
    d->rc = drv->commit(d->conn);
    return NULL;
}

static void test_pg_introspect__concurrently_no_timeout(void **state)
{
    strata_conn *w = open_db("cc", NULL, NULL);
    strata_conn *b = open_db("cc", "100", NULL);
    delayed d = {.ms = 800};
    pthread_t th;
    long t0, waited;
    int rc;

    (void)state;
    fx_run(w, "CREATE TABLE ct (v int)");
    /* a writer in an open transaction */
    assert_int_equal(drv->begin(w), STRATA_OK);
    fx_run(w, "INSERT INTO ct VALUES (1)");
    /* a plain CREATE INDEX needs SHARE: it gives up after 100 ms */
    assert_int_equal(drv->exec(b, "CREATE INDEX ct_plain ON ct (v)"),
                     STRATA_ERR_LOCKED);
    d.conn = w;
    assert_int_equal(pthread_create(&th, NULL, commit_later, &d), 0);
    /* CONCURRENTLY waits for the writer, without lock_timeout */
    t0 = fx_now_ms();
    rc = drv->exec(b, "CREATE INDEX CONCURRENTLY ct_v ON ct (v)");
    waited = fx_now_ms() - t0;
    pthread_join(th, NULL);
    if (rc != STRATA_OK)
        fail_msg("CREATE INDEX CONCURRENTLY: %s", b->errmsg);
    assert_int_equal(d.rc, STRATA_OK);
    assert_true(waited >= 400);
    /* ... and the session's lock_timeout is back */
    want_value(b, "SHOW lock_timeout", "100ms");
    want_value(b, "SELECT indisvalid FROM pg_index WHERE indexrelid = "
                    "'ct_v'::regclass",
                 "t");
    assert_int_equal(drv->exec(b, "DROP INDEX CONCURRENTLY ct_v"),
                     STRATA_OK);
    want_value(b, "SHOW lock_timeout", "100ms");
    fx_conn_free(w);
    fx_conn_free(b);
}

/* ---- INVALID indexes ---------------------------------------------------- */

static void test_pg_introspect__invalid_index(void **state)
{
    const char *names[] = {"dup"};
    strata_conn *c = open_db("inv", "1234", NULL);
    strata_index_key key = {.column = S("v")};
    strata_index ix = {.name = S("dup_v_uq"), .table = S("dup"),
                       .unique = 1, .keys = &key, .nkeys = 1};
    strata_op op = {.kind = STRATA_OP_CREATE_INDEX, .table = S("dup"),
                    .name = S("dup_v_uq"), .index = &ix, .online = 1};
    strata_table *tabs;
    strata_sql_list l;

    (void)state;
    fx_run(c, "CREATE TABLE dup (v int); "
              "INSERT INTO dup VALUES (1), (1), (2)");
    assert_int_equal(drv->exec(c, "CREATE UNIQUE INDEX CONCURRENTLY "
                                  "dup_v_uq ON dup (v)"),
                     STRATA_ERR_DB);
    assert_string_equal(c->sqlstate, "23505");
    assert_string_equal(c->errmsg,
                        "could not create unique index \"dup_v_uq\" "
                        "(SQLSTATE 23505); it leaves index dup_v_uq INVALID "
                        "(the next run drops and rebuilds it); DETAIL: Key "
                        "(v)=(1) is duplicated.");
    want_value(c, "SHOW lock_timeout", "1234ms");
    /* unnamed: found on its table */
    assert_int_equal(drv->exec(c, "CREATE UNIQUE INDEX CONCURRENTLY ON "
                                  "inv.dup (v)"),
                     STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "it leaves index dup_v_idx INVALID"));
    fx_run(c, "DROP INDEX dup_v_idx");

    /* the next run: the catalog says INVALID, render drops and builds */
    tabs = fx_introspect(c, names, 1);
    assert_int_equal(tabs[0].nindexes, 1);
    assert_int_equal(tabs[0].indexes[0].invalid, 1);
    memset(&l, 0, sizeof l);
    assert_int_equal(drv->render(c, &op, 1, &tabs[0], &l), STRATA_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].sql,
                        "DROP INDEX CONCURRENTLY IF EXISTS \"dup_v_uq\"");
    strata__tables_free(tabs, 1);
    /* duplicates still there: it fails again, INVALID again */
    assert_int_equal(run_rendered(c, &l), STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "it leaves index dup_v_uq INVALID"));
    fx_run(c, "DELETE FROM dup WHERE ctid NOT IN (SELECT min(ctid) FROM dup "
              "GROUP BY v)");
    assert_int_equal(run_rendered(c, &l), STRATA_OK);
    fx_list_free(&l);
    tabs = fx_introspect(c, names, 1);
    assert_int_equal(tabs[0].nindexes, 1);
    assert_int_equal(tabs[0].indexes[0].invalid, 0);
    strata__tables_free(tabs, 1);
    fx_conn_free(c);
}

/* ---- rendered statements on a real server ------------------------------- */

static strata_table *one(strata_conn *c, const char *name)
{
    const char *names[] = {name};

    return fx_introspect(c, names, 1);
}

static void test_pg_introspect__rendered_run(void **state)
{
    strata_conn *c = open_db("rr", NULL, NULL);
    strata_constraint chk = {.kind = STRATA_CON_CHECK,
                             .name = S("r_n_check"), .check = S("n >= 0")};
    char *fkc[] = {S("k")}, *refc[] = {S("id")};
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY,
                            .name = S("r_k_fkey"), .columns = fkc,
                            .ncolumns = 1, .ref_table = S("kinds"),
                            .ref_columns = refc, .nref_columns = 1,
                            .on_delete = S("CASCADE")};
    strata_op add = {.kind = STRATA_OP_ADD_CONSTRAINT, .online = 1,
                     .table = S("r"), .name = S("r_n_check"),
                     .constraints = &chk, .nconstraints = 1};
    strata_op nn = {.kind = STRATA_OP_SET_NOT_NULL, .online = 1,
                    .table = S("r"), .name = S("n")};
    strata_table *t;
    strata_sql_list l;
    const strata_constraint *k;

    (void)state;
    fx_run(c, "CREATE TABLE kinds (id int PRIMARY KEY);\n"
              "INSERT INTO kinds VALUES (1), (2);\n"
              "CREATE TABLE r (n int, k int);\n"
              "INSERT INTO r VALUES (1, 1), (NULL, 2), (-1, 1);");

    /* CHECK: NOT VALID in the transaction, VALIDATE alone; rows that
     * break it fail the VALIDATE and leave it NOT VALID. */
    t = one(c, "r");
    assert_int_equal(drv->render(c, &add, 1, t, &l), STRATA_OK);
    strata__tables_free(t, 1);
    assert_int_equal(run_rendered(c, &l), STRATA_ERR_DB);
    assert_string_equal(c->sqlstate, "23514");
    fx_list_free(&l);
    t = one(c, "r");
    k = strata__table_constraint(t, "r_n_check");
    assert_non_null(k);
    assert_int_equal(k->not_valid, 1);
    /* the re-run after the fix: VALIDATE only */
    fx_run(c, "UPDATE r SET n = 0 WHERE n < 0");
    assert_int_equal(drv->render(c, &add, 1, t, &l), STRATA_OK);
    strata__tables_free(t, 1);
    assert_int_equal(l.count, 1);
    assert_int_equal(run_rendered(c, &l), STRATA_OK);
    fx_list_free(&l);
    t = one(c, "r");
    assert_int_equal(strata__table_constraint(t, "r_n_check")->not_valid, 0);

    /* SET NOT NULL through a CHECK: a NULL fails the VALIDATE ... */
    assert_int_equal(drv->render(c, &nn, 1, t, &l), STRATA_OK);
    strata__tables_free(t, 1);
    assert_int_equal(l.count, 4);
    assert_int_equal(run_rendered(c, &l), STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "r_n_not_null"));
    fx_list_free(&l);
    /* ... and the re-run picks the helper up where it stopped */
    fx_run(c, "UPDATE r SET n = 0 WHERE n IS NULL");
    t = one(c, "r");
    assert_int_equal(drv->render(c, &nn, 1, t, &l), STRATA_OK);
    strata__tables_free(t, 1);
    assert_int_equal(l.count, 3);
    assert_int_equal(run_rendered(c, &l), STRATA_OK);
    fx_list_free(&l);
    t = one(c, "r");
    assert_int_equal(strata__table_column(t, "n")->notnull, 1);
    assert_null(strata__table_constraint(t, "r_n_not_null"));

    /* FOREIGN KEY: NOT VALID, then VALIDATE */
    add.name = S("r_k_fkey");
    add.constraints = &fk;
    assert_int_equal(drv->render(c, &add, 1, t, &l), STRATA_OK);
    strata__tables_free(t, 1);
    assert_int_equal(l.count, 2);
    assert_int_equal(run_rendered(c, &l), STRATA_OK);
    fx_list_free(&l);
    t = one(c, "r");
    k = strata__table_constraint(t, "r_k_fkey");
    assert_int_equal(k->not_valid, 0);
    assert_string_equal(k->on_delete, "CASCADE");
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pg_introspect__connect),
        cmocka_unit_test(test_pg_introspect__query),
        cmocka_unit_test(test_pg_introspect__literals),
        cmocka_unit_test(test_pg_introspect__catalog),
        cmocka_unit_test(test_pg_introspect__no_false_drift),
        cmocka_unit_test(test_pg_introspect__same_expr),
        cmocka_unit_test(test_pg_introspect__schemas),
        cmocka_unit_test(test_pg_introspect__lock),
        cmocka_unit_test(test_pg_introspect__lock_timeout),
        cmocka_unit_test(test_pg_introspect__concurrently_no_timeout),
        cmocka_unit_test(test_pg_introspect__invalid_index),
        cmocka_unit_test(test_pg_introspect__rendered_run),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
