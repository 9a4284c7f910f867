/* test_sqlite_split.c - the SQLite driver as the core loads it: its
 * splitter, plus a few calls on :memory: and file databases. */
#include <time.h>
#include <unistd.h>

#include "fixture_driver.h"

FX_GROUP_SETUP("sqlite", NULL);

static void test_sqlite_split__table(void **state)
{
    (void)state;
    assert_string_equal(drv->name, "sqlite");
    assert_string_equal(drv->version, "0.1.0");
    assert_string_equal(drv->schemes[0], "sqlite");
    assert_null(drv->schemes[1]);
    assert_true(drv->caps == (STRATA_CAP_TRANSACTIONAL_DDL |
                              STRATA_CAP_SAVEPOINT |
                              STRATA_CAP_NEEDS_REBUILD |
                              STRATA_CAP_RUN_TRANSACTION));
    assert_true(drv->conn_size >= sizeof(strata_conn));
    assert_int_equal(drv->abi_major, STRATA_ABI_MAJOR);
}

static void test_sqlite_split__quotes(void **state)
{
    (void)state;
    FX_SPLIT("SELECT 'a;b'; SELECT \"x;y\";"
             "SELECT [a;b]; SELECT `c;d`;"
             "SELECT 'it''s;' || \"q\"\";\"",
             {"SELECT 'a;b'", 0, 1},
             {"SELECT \"x;y\"", 14, 1},
             {"SELECT [a;b]", 27, 1},
             {"SELECT `c;d`", 41, 1},
             {"SELECT 'it''s;' || \"q\"\";\"", 54, 1});
}

static void test_sqlite_split__comments(void **state)
{
    (void)state;
    /* Comments before the first token and after the last stay out. */
    FX_SPLIT("SELECT 1; -- x; y\n"
             "SELECT 2 /* ; */;\n"
             "/* lead; */ SELECT /* ; */ 3 -- ;\n",
             {"SELECT 1", 0, 1},
             {"SELECT 2", 18, 2},
             {"SELECT /* ; */ 3", 48, 3, "SELECT 3"});
}

static void test_sqlite_split__trigger(void **state)
{
    const char *trig = "CREATE TRIGGER t AFTER INSERT ON a BEGIN "
                       "INSERT INTO b VALUES (1); SELECT 1; END";
    char sql[512];

    (void)state;
    snprintf(sql, sizeof sql, "%s;\nSELECT 2;", trig);
    FX_SPLIT(sql, {trig, 0, 1}, {"SELECT 2", 82, 2});
    /* The last statement may omit its ';', a trigger too. */
    FX_SPLIT(trig, {trig, 0, 1});
    /* END only counts right after a ';': CASE ... END does not close. */
    FX_SPLIT("CREATE TEMP TRIGGER t AFTER UPDATE ON a BEGIN\n"
             "  UPDATE b SET y = CASE WHEN 1 THEN 2 ELSE 3 END;\n"
             "  DELETE FROM c;\nEND;\nSELECT 4",
             {"CREATE TEMP TRIGGER t AFTER UPDATE ON a BEGIN\n"
              "  UPDATE b SET y = CASE WHEN 1 THEN 2 ELSE 3 END;\n"
              "  DELETE FROM c;\nEND", 0, 1},
             {"SELECT 4", 118, 5});
}

/* The script of docs/dialects.md §8. */
static void test_sqlite_split__dialects_script(void **state)
{
    (void)state;
    FX_SPLIT("CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
             "  INSERT INTO b VALUES (1);\n"
             "  SELECT 1;\n"
             "END;\n"
             "INSERT INTO a VALUES ('a;b');\n"
             "-- x; y\n"
             "SELECT 2;\n",
             {"CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
              "  INSERT INTO b VALUES (1);\n"
              "  SELECT 1;\n"
              "END", 0, 1,
              "CREATE TRIGGER tr AFTER INSERT ON a BEGIN "
              "INSERT INTO b VALUES (1); SELECT 1; END"},
             {"INSERT INTO a VALUES ('a;b')", 87, 5},
             {"SELECT 2", 125, 7});
}

static void test_sqlite_split__norm(void **state)
{
    (void)state;
    FX_SPLIT("  SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
             "  FROM/* z */t  WHERE [s  t]=`u  v`;\n"
             "SELECT\n1",
             {"SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
              "  FROM/* z */t  WHERE [s  t]=`u  v`", 2, 1,
              "SELECT 'a  b''c\n d' , \"x  \"\"y\" FROM t WHERE "
              "[s  t]=`u  v`"},
             {"SELECT\n1", 82, 5, "SELECT 1"});
}

static void test_sqlite_split__notxn(void **state)
{
    const uint32_t no = STRATA_STMT_NOTXN;

    (void)state;
    FX_SPLIT("VACUUM; PRAGMA foreign_keys=OFF;"
             "PRAGMA user_version=1; "
             "pragma Journal_Mode = WAL;"
             "PRAGMA main.foreign_keys;"
             "vacuum INTO 'x.db'; VACUUMED;"
             "SELECT 'VACUUM';"
             "PRAGMA journal_size_limit=1",
             {"VACUUM", 0, 1, NULL, no},
             {"PRAGMA foreign_keys=OFF", 8, 1, NULL, no},
             {"PRAGMA user_version=1", 32, 1},
             {"pragma Journal_Mode = WAL", 55, 1, NULL, no},
             {"PRAGMA main.foreign_keys", 81, 1, NULL, no},
             {"vacuum INTO 'x.db'", 106, 1, NULL, no},
             {"VACUUMED", 126, 1},
             {"SELECT 'VACUUM'", 135, 1},
             {"PRAGMA journal_size_limit=1", 151, 1});
}

static void test_sqlite_split__blank(void **state)
{
    (void)state;
    (void)fx_split_ok("-- only a comment\n/* and ; another */  \n\t", 0);
    (void)fx_split_ok("/* unterminated; runs to the end", 0);
}

/* Row callback: append "name=value," for each column to a buffer. */
static int collect(void *payload, int ncols, const char *const *values,
                   const char *const *names)
{
    strata_buf *b = payload;

    for (int i = 0; i < ncols; i++)
        strata__buf_printf(b, "%s=%s,", names[i],
                           values[i] ? values[i] : "NULL");
    return 0;
}

static void test_sqlite_split__errors(void **state)
{
    (void)state;
    fx_split_fails("SELECT 1;\nSELECT 'ab''c;", 17,
                   "unterminated string literal");
    fx_split_fails("SELECT 1; SELECT \"ab;", 17,
                   "unterminated quoted identifier");
    fx_split_fails("SELECT [ab;", 7, "unterminated quoted identifier");
    fx_split_fails("SELECT `ab``;", 7, "unterminated quoted identifier");
    fx_split_fails("SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                   "  SELECT 1;\n  SELECT 2;\n",
                   10, "unterminated CREATE TRIGGER body: missing END;");
    fx_split_fails("SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                   "  SELECT 1;\nSELECT 2;\nSELECT 3",
                   10, "unterminated CREATE TRIGGER body: missing END;");
    /* No ';' at all inside the body: still refused, not left for the
     * engine to report as "incomplete input" at run time. */
    fx_split_fails("SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN "
                   "SELECT 1",
                   10, "unterminated CREATE TRIGGER body: missing END;");
}

/* sqlite3 would run a dot-command of an offline script (every statement
 * is printed at the start of a line): no statement may start with '.'.
 * A '.' line inside a statement is SQL to the shell, and stays. */
static void test_sqlite_split__dot_commands(void **state)
{
    strata_stmt_list l;

    (void)state;
    fx_split_fails("SELECT 1;\n.shell touch X\n", 10,
                   "sqlite3 dot-command .shell is not SQL: strata runs "
                   "statements through the SQLite library, and the sqlite3 "
                   "shell would run it from a script");
    fx_split_fails("SELECT 1; .system id;", 10,
                   "sqlite3 dot-command .system is not SQL: strata runs "
                   "statements through the SQLite library, and the sqlite3 "
                   "shell would run it from a script");
    fx_split_fails("-- c\n  .read x.sql", 7,
                   "sqlite3 dot-command .read is not SQL: strata runs "
                   "statements through the SQLite library, and the sqlite3 "
                   "shell would run it from a script");
    l = fx_split_ok("SELECT 'a\n.shell x', 1\n.5;\n", 1);
    strata__stmt_list_free(&l);
}

/* What split() returns runs through exec() as SQLite itself sees it. */
static void test_sqlite_split__split_then_exec(void **state)
{
    strata_conn *c = fx_conn();
    strata_stmt_list l;
    strata_buf b = {0};

    (void)state;
    assert_int_equal(drv->connect(c, "sqlite::memory:", NULL), STRATA_OK);
    assert_int_equal(fx_split(c,
                              "CREATE TABLE a (x); CREATE TABLE b (y);\n"
                              "CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
                              "  INSERT INTO b VALUES (new.x);\n"
                              "  INSERT INTO b VALUES ('a;b');\n"
                              "END; -- x; y\n"
                              "INSERT INTO a VALUES (7) /* ; */",
                              &l),
                        STRATA_OK);
    assert_int_equal(l.count, 4);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(drv->exec(c, l.items[i].sql), STRATA_OK);
    strata__stmt_list_free(&l);
    assert_int_equal(drv->query(c, "SELECT y FROM b ORDER BY rowid",
                                collect, &b),
                     STRATA_OK);
    assert_string_equal(b.data, "y=7,y=a;b,");
    strata__buf_free(&b);
    fx_conn_free(c);
}

static void test_sqlite_split__memory_db(void **state)
{
    strata_conn *c = fx_conn();
    strata_buf b = {0};
    int n = 0, in_tx = -1;
    char *ver = NULL;

    (void)state;
    assert_int_equal(drv->connect(c, "sqlite::memory:", NULL), STRATA_OK);
    assert_int_equal(drv->exec(c, "CREATE TABLE t (a INTEGER, b TEXT)"),
                     STRATA_OK);
    assert_int_equal(drv->exec(c, "INSERT INTO t VALUES (1, 'x');"),
                     STRATA_OK);
    assert_int_equal(drv->exec(c, "  -- nothing to run\n"), STRATA_OK);
    assert_int_equal(drv->query(c, "SELECT a, b, NULL AS n FROM t",
                                collect, &b),
                     STRATA_OK);
    assert_string_equal(b.data, "a=1,b=x,n=NULL,");
    strata__buf_free(&b);

    assert_int_equal(drv->begin(c), STRATA_OK);
    assert_int_equal(drv->in_transaction(c, &in_tx), STRATA_OK);
    assert_int_equal(in_tx, 1);
    assert_int_equal(drv->exec(c, "INSERT INTO t VALUES (2, 'y')"),
                     STRATA_OK);
    assert_int_equal(drv->rollback(c), STRATA_OK);
    assert_int_equal(drv->in_transaction(c, &in_tx), STRATA_OK);
    assert_int_equal(in_tx, 0);
    assert_int_equal(drv->begin(c), STRATA_OK);
    assert_int_equal(drv->exec(c, "INSERT INTO t VALUES (3, 'z')"),
                     STRATA_OK);
    assert_int_equal(drv->commit(c), STRATA_OK);
    assert_int_equal(drv->query(c, "SELECT a FROM t ORDER BY a", collect,
                                &b),
                     STRATA_OK);
    assert_string_equal(b.data, "a=1,a=3,");
    strata__buf_free(&b);
    assert_int_equal(drv->query(c, "SELECT a FROM t", fx_stop_after_one, &n),
                                  STRATA_ERR_USER);
    assert_int_equal(n, 1);

    fx_exists(c, "t", 1);
    fx_exists(c, "T", 1);
    fx_exists(c, "nope'", 0);

    assert_int_equal(drv->exec(c, "SELECT * FROM nope"), STRATA_ERR_DB);
    assert_string_equal(c->errmsg, "no such table: nope");
    assert_int_equal(drv->exec(c, "INSERT INTO t VALUES (4, 'w'); "
                                  "INSERT INTO t VALUES (5, 'v')"),
                     STRATA_ERR_INVALID);
    assert_string_equal(c->errmsg, "exec takes exactly one statement");
    /* Foreign keys are on for every connection. */
    assert_int_equal(drv->query(c, "PRAGMA foreign_keys", collect, &b),
                     STRATA_OK);
    assert_string_equal(b.data, "foreign_keys=1,");
    strata__buf_free(&b);

    assert_int_equal(drv->server_version(c, &ver), STRATA_OK);
    assert_true(strncmp(ver, "3.", 2) == 0);
    free(ver);
    /* :memory: has no sidecar: the lock is a no-op. */
    assert_int_equal(drv->lock(c, "k", 0), STRATA_OK);
    assert_int_equal(drv->unlock(c, "k"), STRATA_OK);
    fx_conn_free(c);
}

static void test_sqlite_split__quoting(void **state)
{
    (void)state;
    fx_quote(0, "a\"b", "\"a\"\"b\"");
    fx_quote(1, " it's '' ", "' it''s '''' '");
    fx_quote(0, "", "\"\"");
}

static void expect_connect(const char *url, const strata_kv *opts, int rc,
                           const char *msg)
{
    strata_conn *c = fx_conn();

    assert_int_equal(drv->connect(c, url, opts), rc);
    if (msg)
        assert_string_equal(c->errmsg, msg);
    fx_conn_free(c);
}

static void test_sqlite_split__urls(void **state)
{
    char dir[] = "/tmp/strata-sqlite-XXXXXX";
    const strata_kv other[] = {{"schema", "app"}, {NULL, NULL}};
    const strata_kv main_schema[] = {{"schema", "main"}, {"bogus", "1"},
                                     {NULL, NULL}};
    strata_kv nocreate[] = {{"base_dir", NULL}, {"create", "0"},
                            {NULL, NULL}};
    char msg[256], path[300];

    (void)state;
    assert_non_null(mkdtemp(dir));
    nocreate[0].value = dir;
    expect_connect("sqlite://host/x.db", NULL, STRATA_ERR_CONFIG, NULL);
    expect_connect("sqlite:///", NULL, STRATA_ERR_CONFIG, NULL);
    expect_connect("sqlite:x.db", NULL, STRATA_ERR_CONFIG, NULL);
    expect_connect("sqlite::memory:", other, STRATA_ERR_CONFIG,
                   "SQLite has only the schema 'main'");
    expect_connect("sqlite::memory:", main_schema, STRATA_OK, NULL);
    snprintf(msg, sizeof msg, "database file %s/none.db does not exist",
             dir);
    expect_connect("sqlite:///none.db", nocreate, STRATA_ERR_NOTFOUND, msg);
    snprintf(path, sizeof path, "%s/none.db", dir);
    assert_int_equal(access(path, F_OK), -1);
    /* Absolute form: sqlite:/// + /tmp/... */
    snprintf(path, sizeof path, "sqlite:///%s/abs.db", dir);
    expect_connect(path, NULL, STRATA_OK, NULL);
    snprintf(path, sizeof path, "%s/abs.db", dir);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_sqlite_split__lock(void **state)
{
    char dir[] = "/tmp/strata-sqlite-XXXXXX";
    strata_kv opts[] = {{"base_dir", NULL}, {"lock_timeout_ms", "100"},
                        {NULL, NULL}};
    strata_conn *a = fx_conn(), *b = fx_conn();
    char path[300], msg[400];
    long t0, waited;

    (void)state;
    assert_non_null(mkdtemp(dir));
    opts[0].value = dir;
    assert_int_equal(drv->connect(a, "sqlite:///m.db", opts), STRATA_OK);
    assert_int_equal(drv->connect(b, "sqlite:///m.db", opts), STRATA_OK);
    assert_int_equal(drv->lock(a, "strata", 0), STRATA_OK);

    /* flock belongs to the open file description: b's own open()
     * conflicts with a's even in one process. */
    t0 = fx_now_ms();
    assert_int_equal(drv->lock(b, "strata", 100), STRATA_ERR_BUSY);
    waited = fx_now_ms() - t0;
    assert_true(waited >= 95 && waited < 2000);
    snprintf(msg, sizeof msg,
             "migration lock %s/m.db.lock held by another process; "
             "gave up after 100 ms", dir);
    assert_string_equal(b->errmsg, msg);

    assert_int_equal(drv->unlock(a, "strata"), STRATA_OK);
    assert_int_equal(drv->lock(b, "strata", 100), STRATA_OK);
    /* disconnect releases it too. */
    drv->disconnect(b);
    assert_int_equal(drv->lock(a, "strata", 0), STRATA_OK);
    fx_conn_free(a);
    fx_conn_free(b);

    snprintf(path, sizeof path, "%s/m.db", dir);
    assert_int_equal(unlink(path), 0);
    snprintf(path, sizeof path, "%s/m.db.lock", dir);
    assert_int_equal(unlink(path), 0); /* the sidecar stays behind */
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqlite_split__table),
        {"test_sqlite_split__common", fx_split_common, NULL, NULL, NULL},
        cmocka_unit_test(test_sqlite_split__quotes),
        cmocka_unit_test(test_sqlite_split__comments),
        cmocka_unit_test(test_sqlite_split__trigger),
        cmocka_unit_test(test_sqlite_split__dialects_script),
        cmocka_unit_test(test_sqlite_split__norm),
        cmocka_unit_test(test_sqlite_split__notxn),
        cmocka_unit_test(test_sqlite_split__blank),
        cmocka_unit_test(test_sqlite_split__errors),
        cmocka_unit_test(test_sqlite_split__dot_commands),
        cmocka_unit_test(test_sqlite_split__split_then_exec),
        cmocka_unit_test(test_sqlite_split__memory_db),
        cmocka_unit_test(test_sqlite_split__quoting),
        cmocka_unit_test(test_sqlite_split__urls),
        cmocka_unit_test(test_sqlite_split__lock),
    };

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
