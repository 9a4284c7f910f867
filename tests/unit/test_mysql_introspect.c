/* test_mysql_introspect.c - the MySQL/MariaDB driver against a real
 * server (tests/servers.sh; STRATA_TEST_MYSQL_URL): connections and
 * their session, statements and errors, the live catalog, the
 * migration lock, lock timeouts and the online forms the server
 * refuses.  Each run works in its own databases, myunit_*, dropped at
 * the end.  Without a server URL the tests fail: a database is never
 * mocked (docs/style.md §5). */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture_driver.h"
#include "sql/catalog.h"
#include "sql/op.h"
#include "sql/parser.h"

#define DB "myunit_intro"
#define DB2 "myunit_created"

static const char *url;   /* STRATA_TEST_MYSQL_URL */
static strata_conn *conn; /* connected to DB for the whole group */

/* Connect c to u with opts (NULL-terminated key, value pairs). */
static int connect_to(strata_conn *c, const char *u, ...)
{
    strata_kv opts[16];
    size_t n = 0;
    va_list ap;
    const char *k;

    va_start(ap, u);
    while ((k = va_arg(ap, const char *)) != NULL && n < 15) {
        opts[n].key = k;
        opts[n].value = va_arg(ap, const char *);
        n++;
    }
    va_end(ap);
    opts[n].key = opts[n].value = NULL;
    return drv->connect(c, u, opts);
}

static void exec_ok(strata_conn *c, const char *sql)
{
    if (drv->exec(c, sql) != STRATA_OK)
        fail_msg("%s: %s", sql, c->errmsg);
}

typedef struct rows {
    char v[8][128];
    int n;
} rows;

static int first_row(void *payload, int ncols, const char *const *v,
                     const char *const *names)
{
    rows *r = payload;

    (void)names;
    if (r->n++)
        return 0;
    for (int i = 0; i < ncols && i < 8; i++)
        snprintf(r->v[i], sizeof r->v[i], "%s", v[i] ? v[i] : "(null)");
    return 0;
}

static rows query_row(strata_conn *c, const char *sql)
{
    rows r;

    memset(&r, 0, sizeof r);
    if (drv->query(c, sql, first_row, &r) != STRATA_OK)
        fail_msg("%s: %s", sql, c->errmsg);
    return r;
}

static int group_setup(void **state)
{
    (void)state;
    url = getenv("STRATA_TEST_MYSQL_URL");
    if (!url || !*url) {
        fprintf(stderr,
                "STRATA_TEST_MYSQL_URL is not set: start the test server "
                "(tests/servers.sh start) and export what "
                "tests/servers.sh env prints\n");
        return -1;
    }
    if (fx_open("mysql", NULL))
        return -1;
    conn = fx_conn();
    /* a fresh database, created by the driver itself */
    if (connect_to(conn, url, NULL) != STRATA_OK ||
        drv->exec(conn, "DROP DATABASE IF EXISTS " DB) != STRATA_OK ||
        drv->exec(conn, "DROP DATABASE IF EXISTS " DB2) != STRATA_OK) {
        /* not the URL: it holds the password */
        fprintf(stderr, "cannot prepare %s on the test server: %s\n", DB,
                conn->errmsg);
        return -1;
    }
    drv->disconnect(conn);
    if (connect_to(conn, url, "schema", DB, "create_schema", "1",
                   "lock_timeout_ms", "1000", NULL) != STRATA_OK) {
        fprintf(stderr, "connect %s: %s\n", DB, conn->errmsg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    if (conn && drv) {
        drv->exec(conn, "DROP DATABASE IF EXISTS " DB);
        drv->exec(conn, "DROP DATABASE IF EXISTS " DB2);
    }
    fx_conn_free(conn);
    /* No dlclose, as in the core (docs/abi.md §7, loader step 7): the client
     * library's one-time initialisation would show as lost memory. */
    return 0;
}

/* ---- connections -------------------------------------------------------- */

static void test_mysql_introspect__session(void **state)
{
    strata_conn *c = fx_conn();
    char *v = NULL;
    rows r;
    int in;

    (void)state;
    assert_int_equal(connect_to(c, url, "schema", DB, "lock_timeout_ms",
                                "2500", "statement_timeout_ms", "1500",
                                NULL),
                     STRATA_OK);
    r = query_row(c, "SELECT DATABASE(), @@sql_mode, @@time_zone, "
                     "@@lock_wait_timeout, @@innodb_lock_wait_timeout, "
                     "@@max_statement_time, @@character_set_client");
    assert_string_equal(r.v[0], DB);
    assert_non_null(strstr(r.v[1], "STRICT_ALL_TABLES"));
    assert_non_null(strstr(r.v[1], "NO_ENGINE_SUBSTITUTION"));
    assert_null(strstr(r.v[1], "NO_BACKSLASH_ESCAPES"));
    assert_null(strstr(r.v[1], "ANSI_QUOTES"));
    assert_string_equal(r.v[2], "+00:00");
    assert_string_equal(r.v[3], "3"); /* whole seconds, rounded up */
    assert_string_equal(r.v[4], "3");
    assert_string_equal(r.v[5], "1.500000");
    assert_string_equal(r.v[6], "utf8mb4");
    assert_int_equal(drv->server_version(c, &v), STRATA_OK);
    assert_non_null(strstr(v, "MariaDB"));
    free(v);
    /* transactions, as the server reports them */
    assert_int_equal(drv->in_transaction(c, &in), STRATA_OK);
    assert_int_equal(in, 0);
    assert_int_equal(drv->begin(c), STRATA_OK);
    assert_int_equal(drv->in_transaction(c, &in), STRATA_OK);
    assert_int_equal(in, 1);
    assert_int_equal(drv->commit(c), STRATA_OK);
    assert_int_equal(drv->in_transaction(c, &in), STRATA_OK);
    assert_int_equal(in, 0);
    /* a lock timeout of 0 still waits a second (0 would be refused) */
    drv->disconnect(c);
    assert_int_equal(connect_to(c, url, "schema", DB, "lock_timeout_ms",
                                "0", NULL), STRATA_OK);
    r = query_row(c, "SELECT @@lock_wait_timeout, @@max_statement_time");
    assert_string_equal(r.v[0], "1");
    assert_string_equal(r.v[1], "0.000000");
    fx_conn_free(c);
}

static void test_mysql_introspect__connect_errors(void **state)
{
    strata_conn *c = fx_conn();
    char bad[1024];
    const char *at = strrchr(url, '@');

    (void)state;
    /* a missing database: refused, created only when asked */
    assert_int_equal(connect_to(c, url, "schema", "myunit_nosuch", NULL),
                     STRATA_ERR_CONFIG);
    assert_non_null(strstr(c->errmsg, "database myunit_nosuch does not "
                                      "exist (create_schema"));
    drv->disconnect(c);
    assert_int_equal(connect_to(c, url, "schema", "myunit_nosuch", "create",
                                "0", NULL),
                     STRATA_ERR_NOTFOUND);
    drv->disconnect(c);
    assert_int_equal(connect_to(c, url, "schema", DB2, "create_schema", "1",
                                NULL), STRATA_OK);
    assert_string_equal(query_row(c, "SELECT DEFAULT_CHARACTER_SET_NAME "
                                     "FROM information_schema.SCHEMATA "
                                     "WHERE SCHEMA_NAME = DATABASE()").v[0],
                        "utf8mb4");
    drv->disconnect(c);
    /* the URL */
    assert_int_equal(connect_to(c, "postgres://x/y", NULL),
                     STRATA_ERR_CONFIG);
    drv->disconnect(c);
    snprintf(bad, sizeof bad, "%s?sslmod=REQUIRED", url);
    assert_int_equal(connect_to(c, bad, NULL), STRATA_ERR_CONFIG);
    assert_non_null(strstr(c->errmsg, "unknown parameter 'sslmod'"));
    drv->disconnect(c);
    /* the test server has no TLS: REQUIRED must not fall back */
    snprintf(bad, sizeof bad, "%s?ssl-mode=REQUIRED", url);
    assert_int_equal(connect_to(c, bad, NULL), STRATA_ERR_CONN);
    assert_non_null(strstr(c->errmsg, "not encrypted"));
    drv->disconnect(c);
    snprintf(bad, sizeof bad, "%s?ssl_mode=disabled", url);
    assert_int_equal(connect_to(c, bad, "schema", DB, NULL), STRATA_OK);
    drv->disconnect(c);
    snprintf(bad, sizeof bad, "%s?ssl-mode=MAYBE", url);
    assert_int_equal(connect_to(c, bad, NULL), STRATA_ERR_CONFIG);
    drv->disconnect(c);
    assert_int_equal(connect_to(c, "mysql://u:p%zz@h/d", NULL),
                     STRATA_ERR_CONFIG);
    assert_non_null(strstr(c->errmsg, "%-escape"));
    drv->disconnect(c);
    assert_int_equal(connect_to(c, "mysql://u@h:99999/d", NULL),
                     STRATA_ERR_CONFIG);
    drv->disconnect(c);
    /* no message repeats the URL: it holds the password (issue 13) */
    {
        static const char *const urls[] = {
            "mysql://u:Pw-1%zz@h/d",          "mysql://u:Pw-1@h:99999/d",
            "mysql://u:Pw-1@h/d?ssl-mode=MAYBE", "mysql://u:Pw-1@h/d?x",
            "mysql://u:Pw-1@h/d?nope=1",       "mysql://u:Pw-1@[h/d",
            "mysql://u:Pw-1@h/d/e",            "mysql://u:Pw-1@h:1/d?"
                                               "ssl-mode=DISABLED&ssl-ca=x"};

        for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
            assert_int_equal(connect_to(c, urls[i], NULL), STRATA_ERR_CONFIG);
            if (strstr(c->errmsg, "Pw-1"))
                fail_msg("%s: %s", urls[i], c->errmsg);
            drv->disconnect(c);
        }
    }
    /* the userinfo ends at the first '@', as libpq reads it: a second
     * one is refused, not taken for the password's */
    assert_int_equal(connect_to(c, "mysql://u:p@ss@h/d", NULL),
                     STRATA_ERR_CONFIG);
    assert_non_null(strstr(c->errmsg, "%40"));
    assert_null(strstr(c->errmsg, "ss@h"));
    drv->disconnect(c);
    /* the server says no: its message, STRATA_ERR_CONN */
    assert_non_null(at);
    snprintf(bad, sizeof bad, "mysql://strata:wrong%%20pw%s", at);
    assert_int_equal(connect_to(c, bad, NULL), STRATA_ERR_CONN);
    assert_non_null(strstr(c->errmsg, "Access denied"));
    assert_null(strstr(c->errmsg, "wrong"));
    drv->disconnect(c);
    /* ?socket= reaches the client: a socket that is not there */
    assert_int_equal(connect_to(c, "mariadb://u:p@localhost/d?socket="
                                   "%2Fnonexistent%2Fmy.sock", NULL),
                     STRATA_ERR_CONN);
    assert_non_null(strstr(c->errmsg, "/nonexistent/my.sock"));
    fx_conn_free(c);
}

/* ~/.my.cnf supplies what the URL leaves out (group [client]). */
static void test_mysql_introspect__option_file(void **state)
{
    strata_conn *c = fx_conn();
    char dir[] = "/tmp/myunit_home_XXXXXX", path[256], u[256], host[128];
    const char *old = getenv("HOME"), *at = strrchr(url, '@');
    char *saved = old ? strdup(old) : NULL;
    unsigned port = 0;
    FILE *f;

    (void)state;
    assert_non_null(at);
    assert_int_equal(sscanf(at + 1, "%127[^:]:%u", host, &port), 2);
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/.my.cnf", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    /* the password from the test URL: strata:PASSWORD@ */
    {
        const char *p = strstr(url, "://"), *colon;
        char pw[128] = "";

        assert_non_null(p);
        colon = strchr(p + 3, ':');
        assert_true(colon && colon < at);
        snprintf(pw, sizeof pw, "%.*s", (int)(at - colon - 1), colon + 1);
        fprintf(f, "[client]\nuser=strata\npassword=%s\n", pw);
    }
    fclose(f);
    chmod(path, 0600);
    setenv("HOME", dir, 1);
    snprintf(u, sizeof u, "mysql://%s:%u/" DB, host, port);
    assert_int_equal(connect_to(c, u, NULL), STRATA_OK);
    assert_string_equal(query_row(c, "SELECT CURRENT_USER()").v[0],
                        "strata@127.0.0.1");
    fx_conn_free(c);
    if (saved)
        setenv("HOME", saved, 1);
    else
        unsetenv("HOME");
    free(saved);
    unlink(path);
    rmdir(dir);
}

/* ---- statements --------------------------------------------------------- */

static int count_rows(void *payload, int ncols, const char *const *v,
                      const char *const *names)
{
    (void)ncols;
    (void)v;
    assert_string_equal(names[0], "x");
    (*(int *)payload)++;
    return 0;
}

static void test_mysql_introspect__statements(void **state)
{
    int n = 0;

    (void)state;
    assert_int_equal(drv->query(conn, "SELECT 1 AS x UNION SELECT 2",
                                count_rows, &n),
                     STRATA_OK);
    assert_int_equal(n, 2);
    n = 0;
    assert_int_equal(drv->query(conn, "SELECT 1 AS x", fx_stop_after_one,
                                &n),
                     STRATA_ERR_USER);
    assert_int_equal(n, 1);
    /* rows exec discards, and CALL's extra results */
    exec_ok(conn, "SELECT 1");
    exec_ok(conn, "CREATE PROCEDURE myunit_p() BEGIN SELECT 1; SELECT 2; "
                  "END");
    exec_ok(conn, "CALL myunit_p()");
    assert_string_equal(query_row(conn, "SELECT 3").v[0], "3");
    exec_ok(conn, "DROP PROCEDURE myunit_p");
    /* errors: the server's message, errno and SQLSTATE */
    assert_int_equal(drv->exec(conn, "SELECT * FROM nosuch"), STRATA_ERR_DB);
    assert_non_null(strstr(conn->errmsg, "(errno 1146, SQLSTATE 42S02)"));
    assert_string_equal(conn->sqlstate, "42S02");
    /* one statement at a time: no CLIENT_MULTI_STATEMENTS */
    assert_int_equal(drv->exec(conn, "SELECT 1; SELECT 2"), STRATA_ERR_DB);
    assert_non_null(strstr(conn->errmsg, "errno 1064"));
    /* the strict session: too long is an error, not a truncation */
    exec_ok(conn, "CREATE TABLE myunit_s (a varchar(2))");
    assert_int_equal(drv->exec(conn, "INSERT INTO myunit_s VALUES ('abc')"),
                     STRATA_ERR_DB);
    /* quote_literal's escaping is what the session reads */
    {
        strata_buf b = {0};
        char sql[256];

        assert_int_equal(drv->quote_literal(conn, "it's \\", &b), STRATA_OK);
        snprintf(sql, sizeof sql, "SELECT %s = CONCAT('it', CHAR(39), 's "
                                  "', CHAR(92))", b.data);
        assert_string_equal(query_row(conn, sql).v[0], "1");
        strata__buf_free(&b);
    }
    exec_ok(conn, "DROP TABLE myunit_s");
}

/* ---- the catalog -------------------------------------------------------- */

static void make_tables(void)
{
    exec_ok(conn, "DROP TABLE IF EXISTS t, p, v2");
    exec_ok(conn, "DROP VIEW IF EXISTS v");
    exec_ok(conn, "CREATE TABLE p (id int PRIMARY KEY, k int, "
                  "UNIQUE KEY p_id_k (id, k)) ENGINE=InnoDB");
    exec_ok(conn,
            "CREATE TABLE t (\n"
            "  id int NOT NULL AUTO_INCREMENT,\n"
            "  name varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
            "NOT NULL DEFAULT 'it''s \\\\ x' COMMENT 'the name',\n"
            "  j json,\n"
            "  created datetime(6) NOT NULL DEFAULT (UTC_TIMESTAMP(6)),\n"
            "  upd datetime(6) DEFAULT CURRENT_TIMESTAMP(6) "
            "ON UPDATE CURRENT_TIMESTAMP(6),\n"
            "  ok boolean DEFAULT true,\n"
            "  price decimal(10,2) DEFAULT 1.50,\n"
            "  day date DEFAULT '2020-01-02',\n"
            "  n int,\n"
            "  nd int DEFAULT NULL,\n"
            "  e int DEFAULT (1 + 2),\n"
            "  p_id int,\n"
            "  p_k int,\n"
            "  g int GENERATED ALWAYS AS (n + 1) VIRTUAL,\n"
            "  `Odd Col` text,\n"
            "  PRIMARY KEY (id),\n"
            "  CONSTRAINT t_n_check CHECK (n > 0 AND name <> 'it''s' AND "
            "lower(name) != 'x' AND `Odd Col` IS NULL),\n"
            "  CONSTRAINT t_p_id_fkey FOREIGN KEY (p_id) REFERENCES p (id) "
            "ON DELETE CASCADE,\n"
            "  CONSTRAINT t_pk_fkey FOREIGN KEY (p_id, p_k) REFERENCES p "
            "(id, k) ON UPDATE SET NULL,\n"
            "  UNIQUE KEY t_name_key (name),\n"
            "  KEY idx_multi (n, upd DESC),\n"
            "  KEY idx_prefix (name(5))\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
    exec_ok(conn, "CREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW "
                  "BEGIN IF NEW.n <> OLD.n THEN SIGNAL SQLSTATE '45000' "
                  "SET MESSAGE_TEXT = 'immovable'; END IF; END");
    exec_ok(conn, "CREATE VIEW v AS SELECT id FROM t");
}

static void test_mysql_introspect__catalog(void **state)
{
    const char *names[] = {"t", "missing", "p", "v"};
    strata_table *tabs = NULL;
    const strata_table *t, *p;
    const strata_column *k;
    const strata_constraint *c;
    const strata_index *ix;

    (void)state;
    make_tables();
    assert_int_equal(drv->introspect(conn, names, 4, &tabs), STRATA_OK);
    t = &tabs[0];
    p = &tabs[2];
    fx_table_is(t, "t", 1);
    fx_table_is(&tabs[1], "missing", 0);
    assert_int_equal(p->exists, 1);
    /* a view is not a table to alter */
    assert_int_equal(tabs[3].exists, 0);

    /* columns: canonical types, standard SQL defaults */
    assert_int_equal(t->ncolumns, 15);
    k = fx_col(t, "id");
    assert_string_equal(k->type, "int");
    assert_int_equal(k->notnull, 1);
    assert_int_equal(k->pk, 1);
    assert_int_equal(k->autoincrement, 1);
    assert_null(k->default_expr);
    k = fx_col(t, "name");
    assert_string_equal(k->type, "varchar(20)");
    assert_string_equal(k->default_expr, "'it''s \\ x'");
    assert_int_equal(k->pk, 0);
    /* MariaDB's longtext + json_valid CHECK is json, the CHECK implied */
    k = fx_col(t, "j");
    assert_string_equal(k->type, "json");
    assert_int_equal(k->notnull, 0);
    k = fx_col(t, "created");
    assert_string_equal(k->type, "datetime(6)");
    assert_string_equal(k->default_expr, "utc_timestamp(6)");
    k = fx_col(t, "upd");
    assert_string_equal(k->default_expr, "CURRENT_TIMESTAMP");
    k = fx_col(t, "ok");
    assert_string_equal(k->type, "tinyint(1)");
    assert_string_equal(k->default_expr, "1");
    assert_string_equal(fx_col(t, "price")->type, "decimal(10,2)");
    assert_string_equal(fx_col(t, "price")->default_expr, "1.50");
    assert_string_equal(fx_col(t, "day")->default_expr, "'2020-01-02'");
    assert_null(fx_col(t, "n")->default_expr);
    assert_null(fx_col(t, "nd")->default_expr);
    assert_string_equal(fx_col(t, "e")->default_expr, "(1 + 2)");
    k = fx_col(t, "g");
    assert_int_equal(k->generated, 1);
    assert_null(k->default_expr);
    assert_string_equal(fx_col(t, "Odd Col")->type, "text");

    /* constraints: derived PRIMARY name, CHECK as standard SQL */
    c = fx_con(t, "t_pkey");
    assert_int_equal(c->kind, STRATA_CON_PRIMARY_KEY);
    fx_names_are(c->columns, c->ncolumns, "id");
    c = fx_con(t, "t_n_check");
    assert_int_equal(c->kind, STRATA_CON_CHECK);
    assert_string_equal(c->check, "n > 0 and name <> 'it''s' and "
                                  "lower(name) <> 'x' and \"Odd Col\" "
                                  "is null");
    c = fx_con(t, "t_p_id_fkey");
    fx_fk_is(c, "p_id", "p", "id");
    assert_string_equal(c->on_delete, "CASCADE");
    assert_null(c->on_update); /* RESTRICT, as MariaDB reports none */
    c = fx_con(t, "t_pk_fkey");
    fx_fk_is(c, "p_id, p_k", "p", "id, k");
    assert_null(c->on_delete);
    assert_string_equal(c->on_update, "SET NULL");
    c = fx_con(t, "t_name_key");
    assert_int_equal(c->kind, STRATA_CON_UNIQUE);
    /* the implied json_valid CHECK is no constraint */
    for (size_t i = 0; i < t->nconstraints; i++)
        assert_string_not_equal(t->constraints[i].name, "j");
    assert_int_equal(t->nconstraints, 5);

    /* indexes */
    ix = fx_idx(t, "t_pkey");
    assert_int_equal(ix->unique, 1);
    assert_int_equal(ix->constraint, 1);
    ix = fx_idx(t, "idx_multi");
    assert_int_equal(ix->unique, 0);
    assert_int_equal(ix->constraint, 0);
    fx_keys_are(ix, "n, upd DESC");
    assert_string_equal(ix->sql, "CREATE INDEX `idx_multi` ON `t` (`n`, "
                                 "`upd` DESC)");
    /* a prefix is no portable key */
    ix = fx_idx(t, "idx_prefix");
    assert_null(ix->keys[0].column);
    assert_string_equal(ix->keys[0].expr, "name(5)");
    /* InnoDB's index for a foreign key backs it */
    ix = fx_idx(t, "t_pk_fkey");
    assert_int_equal(ix->constraint, 1);

    /* triggers */
    assert_int_equal(t->ntriggers, 1);
    assert_string_equal(t->triggers[0].name, "t_bu");
    assert_string_equal(t->triggers[0].kind, "trigger");
    assert_non_null(strstr(t->triggers[0].sql,
                           "CREATE TRIGGER `t_bu` BEFORE UPDATE ON `t` FOR "
                           "EACH ROW BEGIN"));
    /* the CREATE TABLE text keeps what MODIFY must not lose */
    assert_non_null(strstr(t->sql, "`name` varchar(20) CHARACTER SET utf8mb4 "
                                   "COLLATE utf8mb4_bin NOT NULL DEFAULT "
                                   "'it''s \\\\ x' COMMENT 'the name'"));
    assert_non_null(strstr(t->sql, "ON UPDATE current_timestamp(6)"));
    strata__tables_free(tabs, 4);

    /* nothing asked, nothing there */
    assert_int_equal(drv->introspect(conn, names + 1, 1, &tabs), STRATA_OK);
    assert_int_equal(tabs[0].exists, 0);
    strata__tables_free(tabs, 1);
}

/* What render makes of the live catalog runs, and changes only what
 * the operation says. */
static void test_mysql_introspect__modify_round_trip(void **state)
{
    const char *names[] = {"t"};
    strata_table *tabs = NULL;
    strata_op op;
    strata_sql_list l;
    const strata_column *k;

    (void)state;
    make_tables();
    assert_int_equal(drv->introspect(conn, names, 1, &tabs), STRATA_OK);
    memset(&op, 0, sizeof op);
    op.kind = STRATA_OP_DROP_NOT_NULL;
    op.table = (char *)"t";
    op.name = (char *)"name";
    assert_int_equal(drv->render(conn, &op, 1, &tabs[0], &l), STRATA_OK);
    assert_int_equal(l.count, 1);
    exec_ok(conn, l.items[0].sql);
    strata__tables_free(tabs, 1);
    strata_abi_sql_list_free(strata__host(), &l);
    assert_int_equal(drv->introspect(conn, names, 1, &tabs), STRATA_OK);
    k = fx_col(&tabs[0], "name");
    assert_int_equal(k->notnull, 0);
    assert_string_equal(k->default_expr, "'it''s \\ x'");
    assert_non_null(strstr(tabs[0].sql, "COLLATE utf8mb4_bin DEFAULT "
                                        "'it''s \\\\ x' COMMENT 'the name'"));
    strata__tables_free(tabs, 1);
    /* the derived name of a long table's key stays within 63 bytes */
    {
        const char *lname[] = {"a_table_name_that_is_exactly_sixty_four_"
                               "characters_long_xxxxxxxx"};
        char sql[256];

        snprintf(sql, sizeof sql, "CREATE TABLE %s (id int PRIMARY KEY)",
                 lname[0]);
        exec_ok(conn, sql);
        assert_int_equal(drv->introspect(conn, lname, 1, &tabs), STRATA_OK);
        assert_string_equal(tabs[0].constraints[0].name,
                            "a_table_name_that_is_exactly_sixty_four_"
                            "characters_long_xx_pkey");
        strata__tables_free(tabs, 1);
    }
}

static void test_mysql_introspect__small_questions(void **state)
{
    char *table = NULL;

    (void)state;
    make_tables();
    assert_int_equal(drv->index_table(conn, "idx_multi", &table), STRATA_OK);
    assert_string_equal(table, "t");
    free(table);
    assert_int_equal(drv->index_table(conn, "IDX_MULTI", &table), STRATA_OK);
    assert_string_equal(table, "t");
    free(table);
    assert_int_equal(drv->index_table(conn, "nope", &table), STRATA_OK);
    assert_null(table);
    /* one name on two tables: refused rather than guessed */
    exec_ok(conn, "CREATE INDEX idx_multi ON p (k)");
    assert_int_equal(drv->index_table(conn, "idx_multi", &table),
                     STRATA_ERR_INVALID);
    assert_non_null(strstr(conn->errmsg, "several tables (p, t)"));
    fx_exists(conn, "t", 1);
    fx_exists(conn, "T", 0);
    fx_exists(conn, "nope", 0);
}

/* ---- locks -------------------------------------------------------------- */

static void test_mysql_introspect__migration_lock(void **state)
{
    strata_conn *a = fx_conn(), *b = fx_conn();
    long t0;

    (void)state;
    assert_int_equal(connect_to(a, url, "schema", DB, NULL), STRATA_OK);
    assert_int_equal(connect_to(b, url, "schema", DB, NULL), STRATA_OK);
    assert_int_equal(drv->lock(a, "strata::strata_history", 0), STRATA_OK);
    /* held: taking it again is fine, once */
    assert_int_equal(drv->lock(a, "strata::strata_history", 0), STRATA_OK);
    t0 = fx_now_ms();
    assert_int_equal(drv->lock(b, "strata::strata_history", 300),
                     STRATA_ERR_BUSY);
    assert_true(fx_now_ms() - t0 >= 300);
    assert_non_null(strstr(b->errmsg, "migration lock 'strata:" DB ":"));
    assert_non_null(strstr(b->errmsg, "is held by connection"));
    /* another schema's key is another lock */
    assert_int_equal(drv->lock(b, "strata:other:strata_history", 0),
                     STRATA_OK);
    assert_int_equal(drv->unlock(b, NULL), STRATA_OK);
    /* released: the other session gets it */
    assert_int_equal(drv->unlock(a, "strata::strata_history"), STRATA_OK);
    assert_int_equal(drv->lock(b, "strata::strata_history", 1000),
                     STRATA_OK);
    /* a session that ends frees it */
    fx_conn_free(b);
    assert_int_equal(drv->lock(a, "strata::strata_history", 1000),
                     STRATA_OK);
    fx_conn_free(a);
    /* the name fits MySQL's 64 characters whatever the key */
    a = fx_conn();
    b = fx_conn();
    assert_int_equal(connect_to(a, url, "schema", DB, NULL), STRATA_OK);
    assert_int_equal(connect_to(b, url, "schema", DB, NULL), STRATA_OK);
    {
        char key[300];
        const char *p, *q;

        memset(key, 'k', sizeof key - 1);
        key[sizeof key - 1] = '\0';
        assert_int_equal(drv->lock(a, key, 0), STRATA_OK);
        assert_int_equal(drv->lock(b, key, 0), STRATA_ERR_BUSY);
        p = strstr(b->errmsg, "'");
        q = p ? strchr(p + 1, '\'') : NULL;
        assert_non_null(q);
        assert_true(q - p - 1 <= 64);
        assert_true(strncmp(p + 1, "strata:" DB ":", 8 + strlen(DB)) == 0);
    }
    fx_conn_free(b);
    fx_conn_free(a);
}

static void test_mysql_introspect__lock_wait_timeout(void **state)
{
    strata_conn *holder = fx_conn();
    long t0;

    (void)state;
    make_tables();
    assert_int_equal(connect_to(holder, url, "schema", DB, NULL), STRATA_OK);
    /* an open transaction that read t holds its metadata lock */
    assert_int_equal(drv->begin(holder), STRATA_OK);
    query_row(holder, "SELECT COUNT(*) FROM t");
    t0 = fx_now_ms();
    assert_int_equal(drv->exec(conn, "ALTER TABLE t ADD COLUMN zz int"),
                     STRATA_ERR_LOCKED);
    assert_true(fx_now_ms() - t0 >= 900); /* lock_timeout_ms 1000 */
    assert_non_null(strstr(conn->errmsg, "errno 1205"));
    assert_int_equal(drv->rollback(holder), STRATA_OK);
    exec_ok(conn, "ALTER TABLE t ADD COLUMN zz int");
    /* a row lock times out the same way (innodb_lock_wait_timeout) */
    exec_ok(conn, "INSERT INTO p VALUES (1, 1)");
    assert_int_equal(drv->begin(holder), STRATA_OK);
    exec_ok(holder, "UPDATE p SET k = 2 WHERE id = 1");
    assert_int_equal(drv->exec(conn, "UPDATE p SET k = 3 WHERE id = 1"),
                     STRATA_ERR_LOCKED);
    assert_int_equal(drv->rollback(holder), STRATA_OK);
    fx_conn_free(holder);
}

static void test_mysql_introspect__online_refused(void **state)
{
    (void)state;
    make_tables();
    /* changing a column's type cannot run without a lock */
    assert_int_equal(drv->exec(conn, "ALTER TABLE t MODIFY COLUMN n bigint, "
                                     "ALGORITHM=INPLACE, LOCK=NONE"),
                     STRATA_ERR_POLICY);
    assert_non_null(strstr(conn->errmsg,
                           "ALTER TABLE t MODIFY COLUMN n bigint: not "
                           "possible online:"));
    assert_non_null(strstr(conn->errmsg, "errno 1846"));
    assert_int_equal(drv->exec(conn, "ALTER TABLE t ADD CONSTRAINT c CHECK "
                                     "(n < 9), ALGORITHM=INPLACE, "
                                     "LOCK=NONE"),
                     STRATA_ERR_POLICY);
    assert_non_null(strstr(conn->errmsg, "errno 1845"));
    /* the locking form runs */
    exec_ok(conn, "ALTER TABLE t MODIFY COLUMN n bigint");
}

/* The online forms render writes, run on the server. */
static void test_mysql_introspect__rendered_forms_run(void **state)
{
    static const struct {
        int kind;
        const char *name;
    } drops[] = {{STRATA_OP_DROP_CONSTRAINT, "t_p_id_fkey"},
                 {STRATA_OP_DROP_CONSTRAINT, "t_name_key"},
                 {STRATA_OP_DROP_CONSTRAINT, "t_n_check"},
                 {STRATA_OP_DROP_INDEX, "idx_multi"}};
    const char *names[] = {"t"};
    strata_table *tabs = NULL;
    strata_sql_list l;
    strata_op op;

    (void)state;
    make_tables();
    for (size_t i = 0; i < sizeof drops / sizeof drops[0]; i++) {
        assert_int_equal(drv->introspect(conn, names, 1, &tabs), STRATA_OK);
        memset(&op, 0, sizeof op);
        op.kind = drops[i].kind;
        op.table = (char *)"t";
        op.name = (char *)drops[i].name;
        op.online = 1;
        assert_int_equal(drv->render(conn, &op, 1, &tabs[0], &l), STRATA_OK);
        for (size_t k = 0; k < l.count; k++)
            exec_ok(conn, l.items[k].sql);
        strata_abi_sql_list_free(strata__host(), &l);
        strata__tables_free(tabs, 1);
    }
    assert_int_equal(drv->introspect(conn, names, 1, &tabs), STRATA_OK);
    /* the key went with its index; the other ones are gone */
    for (size_t i = 0; i < tabs[0].nindexes; i++) {
        assert_string_not_equal(tabs[0].indexes[i].name, "idx_multi");
        assert_string_not_equal(tabs[0].indexes[i].name, "t_name_key");
    }
    for (size_t i = 0; i < tabs[0].nconstraints; i++) {
        assert_string_not_equal(tabs[0].constraints[i].name, "t_p_id_fkey");
        assert_string_not_equal(tabs[0].constraints[i].name, "t_n_check");
    }
    strata__tables_free(tabs, 1);
}

static int count_cb(void *payload, int ncols, const char *const *v,
                    const char *const *names)
{
    (void)names;
    *(long *)payload = ncols > 0 && v[0] ? atol(v[0]) : -1;
    return 0;
}

/* Portable statements as the core runs them: parsed, rendered against
 * the live catalog, each statement run (a guard must count 0). */
static void run_portable(const char *sql, uint32_t flags)
{
    strata_error err = {0};
    strata_op *op = NULL;
    strata_table *tabs = NULL;
    strata_sql_list l;
    const char *name;

    if (strata__parse_op(&op, "t.sql", sql, 1, 1, &err) != STRATA_OK ||
        !op)
        fail_msg("not portable: %s", sql);
    op->flags = flags;
    op->online = 1;
    name = op->table;
    assert_int_equal(drv->introspect(conn, &name, 1, &tabs), STRATA_OK);
    if (drv->render(conn, op, 1, &tabs[0], &l) != STRATA_OK)
        fail_msg("render %s: %s", sql, conn->errmsg);
    for (size_t i = 0; i < l.count; i++) {
        if (l.items[i].flags & STRATA_SQL_GUARD) {
            long n = -1;

            assert_int_equal(drv->query(conn, l.items[i].sql, count_cb, &n),
                             STRATA_OK);
            assert_int_equal(n, 0);
        } else {
            exec_ok(conn, l.items[i].sql);
        }
    }
    strata_abi_sql_list_free(strata__host(), &l);
    strata__tables_free(tabs, 1);
    strata__op_free(op);
}

static void test_mysql_introspect__portable_forms_run(void **state)
{
    const char *names[] = {"t"};
    strata_table *tabs = NULL;
    rows r;

    (void)state;
    make_tables();
    exec_ok(conn, "INSERT INTO p VALUES (1, 1)");
    exec_ok(conn, "INSERT INTO t (n, p_id) VALUES (1, 1)");
    run_portable("ALTER TABLE t ADD COLUMN note varchar(5) NOT NULL "
                 "DEFAULT 'a\\b'", 0);
    run_portable("ALTER TABLE t ADD COLUMN seen timestamptz NOT NULL "
                 "DEFAULT CURRENT_TIMESTAMP", 0);
    run_portable("ALTER TABLE t ADD COLUMN q_id integer REFERENCES p (id) "
                 "ON DELETE SET NULL", 0);
    run_portable("ALTER TABLE t ADD CONSTRAINT t_n_p_fk FOREIGN KEY (n) "
                 "REFERENCES p (id)", 0);
    run_portable("ALTER TABLE t ADD CONSTRAINT t_note_check CHECK "
                 "(note <> 'x')", STRATA_OP_ALLOW_LOCKING);
    run_portable("CREATE INDEX CONCURRENTLY t_note_idx ON t (note DESC, n)",
                 0);
    run_portable("ALTER TABLE t ALTER COLUMN seen DROP NOT NULL", 0);
    run_portable("ALTER TABLE t ALTER COLUMN note SET DEFAULT 'y'", 0);
    run_portable("ALTER TABLE t RENAME COLUMN note TO remark", 0);
    /* the row has the time of the change in UTC, new rows UTC too */
    r = query_row(conn, "SELECT remark, TIMESTAMPDIFF(SECOND, seen, "
                        "UTC_TIMESTAMP(6)) < 60 FROM t");
    assert_string_equal(r.v[0], "a\\b");
    assert_string_equal(r.v[1], "1");
    assert_int_equal(drv->introspect(conn, names, 1, &tabs), STRATA_OK);
    assert_string_equal(fx_col(&tabs[0], "seen")->default_expr,
                           "utc_timestamp(6)");
    assert_int_equal(fx_col(&tabs[0], "seen")->notnull, 0);
    assert_string_equal(fx_col(&tabs[0], "remark")->default_expr, "'y'");
    assert_string_equal(fx_con(&tabs[0], "t_note_check")->check,
                           "remark <> 'x'");
    assert_int_equal(fx_con(&tabs[0], "t_q_id_fkey")->kind,
                        STRATA_CON_FOREIGN_KEY);
    assert_string_equal(fx_con(&tabs[0], "t_q_id_fkey")->on_delete,
                        "SET NULL");
    assert_int_equal(fx_idx(&tabs[0], "t_note_idx")->keys[0].desc, 1);
    strata__tables_free(tabs, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mysql_introspect__session),
        cmocka_unit_test(test_mysql_introspect__connect_errors),
        cmocka_unit_test(test_mysql_introspect__option_file),
        cmocka_unit_test(test_mysql_introspect__statements),
        cmocka_unit_test(test_mysql_introspect__catalog),
        cmocka_unit_test(test_mysql_introspect__modify_round_trip),
        cmocka_unit_test(test_mysql_introspect__small_questions),
        cmocka_unit_test(test_mysql_introspect__migration_lock),
        cmocka_unit_test(test_mysql_introspect__lock_wait_timeout),
        cmocka_unit_test(test_mysql_introspect__online_refused),
        cmocka_unit_test(test_mysql_introspect__rendered_forms_run),
        cmocka_unit_test(test_mysql_introspect__portable_forms_run),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
