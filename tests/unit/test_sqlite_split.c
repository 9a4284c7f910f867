/* test_sqlite_split.c - the SQLite driver as the core loads it: its
 * splitter, plus a few calls on :memory: and file databases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/host.h"

static void *so;
static const strata_driver *drv;

static int group_setup(void **state)
{
    const char *build = getenv("STRATA_BUILD");
    strata_driver_init_fn init;
    void *sym;
    char path[4096];

    (void)state;
    snprintf(path, sizeof path, "%s/drivers/strata_sqlite.so",
             build ? build : "build");
    if (!(so = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
        fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
        return -1;
    }
    if (!(sym = dlsym(so, STRATA_DRIVER_INIT_SYMBOL))) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        return -1;
    }
    /* POSIX lets a data pointer from dlsym become a function pointer;
     * memcpy says so without a cast ISO C frowns on. */
    memcpy(&init, &sym, sizeof init);
    if (!(drv = init(strata__host()))) {
        fprintf(stderr, "strata_driver_init returned NULL\n");
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    if (so)
        dlclose(so);
    return 0;
}

static strata_conn *new_conn(void)
{
    strata_conn *c = calloc(1, drv->conn_size);

    assert_non_null(c);
    c->host = strata__host();
    return c;
}

static void free_conn(strata_conn *c)
{
    drv->disconnect(c);
    free(c);
}

static int split(strata_conn *c, const char *sql, strata_stmt_list *l)
{
    memset(l, 0xa5, sizeof *l); /* split() must set every field */
    return drv->split(c, sql, strlen(sql), l);
}

/* Split sql, expecting n statements; returns the list (free it). */
static strata_stmt_list split_ok(const char *sql, size_t n)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    assert_int_equal(split(c, sql, &l), STRATA_OK);
    assert_int_equal(l.count, n);
    if (n == 0)
        assert_null(l.items);
    free_conn(c);
    return l;
}

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

static void test_sqlite_split__simple(void **state)
{
    const char *sql = "CREATE TABLE a (x);\n"
                      "INSERT INTO a VALUES (1);\n"
                      "\n"
                      "  SELECT x\n  FROM a;\n";
    strata_stmt_list l = split_ok(sql, 3);

    (void)state;
    assert_string_equal(l.items[0].sql, "CREATE TABLE a (x)");
    assert_int_equal(l.items[0].offset, 0);
    assert_int_equal(l.items[0].line, 1);
    assert_string_equal(l.items[1].sql, "INSERT INTO a VALUES (1)");
    assert_int_equal(l.items[1].offset, 20);
    assert_int_equal(l.items[1].line, 2);
    assert_string_equal(l.items[2].sql, "SELECT x\n  FROM a");
    assert_int_equal(l.items[2].offset, 49);
    assert_int_equal(l.items[2].line, 4);
    assert_string_equal(l.items[2].norm, "SELECT x FROM a");
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.items[i].flags, 0);
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__quotes(void **state)
{
    strata_stmt_list l = split_ok("SELECT 'a;b'; SELECT \"x;y\";"
                                  "SELECT [a;b]; SELECT `c;d`;"
                                  "SELECT 'it''s;' || \"q\"\";\"",
                                  5);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT 'a;b'");
    assert_string_equal(l.items[1].sql, "SELECT \"x;y\"");
    assert_string_equal(l.items[2].sql, "SELECT [a;b]");
    assert_string_equal(l.items[3].sql, "SELECT `c;d`");
    assert_string_equal(l.items[4].sql, "SELECT 'it''s;' || \"q\"\";\"");
    assert_int_equal(l.items[1].offset, 14);
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__comments(void **state)
{
    strata_stmt_list l = split_ok("SELECT 1; -- x; y\n"
                                  "SELECT 2 /* ; */;\n"
                                  "/* lead; */ SELECT /* ; */ 3 -- ;\n",
                                  3);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT 1");
    /* Comments before the first token and after the last stay out. */
    assert_string_equal(l.items[1].sql, "SELECT 2");
    assert_int_equal(l.items[1].line, 2);
    assert_string_equal(l.items[2].sql, "SELECT /* ; */ 3");
    assert_int_equal(l.items[2].offset, 48);
    assert_int_equal(l.items[2].line, 3);
    assert_string_equal(l.items[2].norm, "SELECT 3");
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__trigger(void **state)
{
    const char *trig = "CREATE TRIGGER t AFTER INSERT ON a BEGIN "
                       "INSERT INTO b VALUES (1); SELECT 1; END";
    char sql[512];
    strata_stmt_list l;

    (void)state;
    snprintf(sql, sizeof sql, "%s;\nSELECT 2;", trig);
    l = split_ok(sql, 2);
    assert_string_equal(l.items[0].sql, trig);
    assert_string_equal(l.items[1].sql, "SELECT 2");
    assert_int_equal(l.items[1].line, 2);
    strata__stmt_list_free(&l);

    /* The last statement may omit its ';', a trigger too. */
    l = split_ok(trig, 1);
    assert_string_equal(l.items[0].sql, trig);
    strata__stmt_list_free(&l);

    /* END only counts right after a ';': CASE ... END does not close. */
    l = split_ok("CREATE TEMP TRIGGER t AFTER UPDATE ON a BEGIN\n"
                 "  UPDATE b SET y = CASE WHEN 1 THEN 2 ELSE 3 END;\n"
                 "  DELETE FROM c;\nEND;\nSELECT 4", 2);
    assert_string_equal(l.items[1].sql, "SELECT 4");
    assert_int_equal(l.items[1].line, 5);
    strata__stmt_list_free(&l);
}

/* The script of docs/dialects.md §8. */
static void test_sqlite_split__dialects_script(void **state)
{
    strata_stmt_list l = split_ok(
        "CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
        "  INSERT INTO b VALUES (1);\n"
        "  SELECT 1;\n"
        "END;\n"
        "INSERT INTO a VALUES ('a;b');\n"
        "-- x; y\n"
        "SELECT 2;\n",
        3);

    (void)state;
    assert_int_equal(l.items[0].line, 1);
    assert_string_equal(l.items[1].sql, "INSERT INTO a VALUES ('a;b')");
    assert_int_equal(l.items[1].line, 5);
    assert_string_equal(l.items[2].sql, "SELECT 2");
    assert_int_equal(l.items[2].line, 7);
    assert_string_equal(l.items[0].norm,
                        "CREATE TRIGGER tr AFTER INSERT ON a BEGIN "
                        "INSERT INTO b VALUES (1); SELECT 1; END");
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__norm(void **state)
{
    strata_stmt_list l = split_ok(
        "  SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
        "  FROM/* z */t  WHERE [s  t]=`u  v`;\n"
        "SELECT\n1",
        2);

    (void)state;
    assert_string_equal(l.items[0].norm,
                        "SELECT 'a  b''c\n d' , \"x  \"\"y\" FROM t WHERE "
                        "[s  t]=`u  v`");
    assert_string_equal(l.items[0].sql,
                        "SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
                        "  FROM/* z */t  WHERE [s  t]=`u  v`");
    assert_int_equal(l.items[0].offset, 2);
    assert_string_equal(l.items[1].norm, "SELECT 1");
    assert_int_equal(l.items[1].line, 5);
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__notxn(void **state)
{
    strata_stmt_list l = split_ok("VACUUM; PRAGMA foreign_keys=OFF;"
                                  "PRAGMA user_version=1; "
                                  "pragma Journal_Mode = WAL;"
                                  "PRAGMA main.foreign_keys;"
                                  "vacuum INTO 'x.db'; VACUUMED;"
                                  "SELECT 'VACUUM';"
                                  "PRAGMA journal_size_limit=1",
                                  9);
    static const uint32_t want[] = {1, 1, 0, 1, 1, 1, 0, 0, 0};

    (void)state;
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.items[i].flags,
                         want[i] ? STRATA_STMT_NOTXN : 0);
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__final_without_semicolon(void **state)
{
    strata_stmt_list l = split_ok("SELECT 1;\nSELECT 2 -- end", 2);

    (void)state;
    assert_string_equal(l.items[1].sql, "SELECT 2");
    assert_int_equal(l.items[1].offset, 10);
    assert_int_equal(l.items[1].line, 2);
    strata__stmt_list_free(&l);
}

static void test_sqlite_split__blank(void **state)
{
    (void)state;
    (void)split_ok("-- only a comment\n/* and ; another */  \n\t", 0);
    (void)split_ok("", 0);
    (void)split_ok(" ;; ; ", 0);
    (void)split_ok("/* unterminated; runs to the end", 0);
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

/* Expect a parse error at offset at with message msg. */
static void split_fails(const char *sql, size_t at, const char *msg)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    assert_int_equal(split(c, sql, &l), STRATA_ERR_PARSE);
    assert_null(l.items);
    assert_int_equal(l.count, 0);
    assert_int_equal(l.err_offset, at);
    assert_int_equal(c->code, STRATA_ERR_PARSE);
    assert_string_equal(c->errmsg, msg);
    free_conn(c);
}

static void test_sqlite_split__errors(void **state)
{
    (void)state;
    split_fails("SELECT 1;\nSELECT 'ab''c;", 17,
                "unterminated string literal");
    split_fails("SELECT 1; SELECT \"ab;", 17,
                "unterminated quoted identifier");
    split_fails("SELECT [ab;", 7, "unterminated quoted identifier");
    split_fails("SELECT `ab``;", 7, "unterminated quoted identifier");
    split_fails("SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                "  SELECT 1;\n  SELECT 2;\n",
                10, "unterminated CREATE TRIGGER body: missing END;");
    split_fails("SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                "  SELECT 1;\nSELECT 2;\nSELECT 3",
                10, "unterminated CREATE TRIGGER body: missing END;");
    /* No ';' at all inside the body: still refused, not left for the
     * engine to report as "incomplete input" at run time. */
    split_fails("SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1",
                10, "unterminated CREATE TRIGGER body: missing END;");
}

/* sqlite3 would run a dot-command of an offline script (every statement
 * is printed at the start of a line): no statement may start with '.'.
 * A '.' line inside a statement is SQL to the shell, and stays. */
static void test_sqlite_split__dot_commands(void **state)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    (void)state;
    split_fails("SELECT 1;\n.shell touch X\n", 10,
                "sqlite3 dot-command .shell is not SQL: strata runs "
                "statements through the SQLite library, and the sqlite3 "
                "shell would run it from a script");
    split_fails("SELECT 1; .system id;", 10,
                "sqlite3 dot-command .system is not SQL: strata runs "
                "statements through the SQLite library, and the sqlite3 "
                "shell would run it from a script");
    split_fails("-- c\n  .read x.sql", 7,
                "sqlite3 dot-command .read is not SQL: strata runs "
                "statements through the SQLite library, and the sqlite3 "
                "shell would run it from a script");
    assert_int_equal(split(c, "SELECT 'a\n.shell x', 1\n.5;\n", &l),
                     STRATA_OK);
    assert_int_equal(l.count, 1);
    strata__stmt_list_free(&l);
    free_conn(c);
}

static void test_sqlite_split__nul_byte(void **state)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    (void)state;
    assert_int_equal(drv->split(c, "SELECT 1;\0SELECT 2", 19, &l),
                     STRATA_ERR_PARSE);
    assert_int_equal(l.err_offset, 9);
    assert_null(l.items);
    assert_string_equal(c->errmsg, "NUL byte in SQL text");
    free_conn(c);
}

/* What split() returns runs through exec() as SQLite itself sees it. */
static void test_sqlite_split__split_then_exec(void **state)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;
    strata_buf b = {0};

    (void)state;
    assert_int_equal(drv->connect(c, "sqlite::memory:", NULL), STRATA_OK);
    assert_int_equal(split(c,
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
    free_conn(c);
}

static int stop(void *payload, int ncols, const char *const *values,
                const char *const *names)
{
    (void)ncols;
    (void)values;
    (void)names;
    ++*(int *)payload;
    return 1;
}

static void test_sqlite_split__memory_db(void **state)
{
    strata_conn *c = new_conn();
    strata_buf b = {0};
    int n = 0, in_tx = -1, exists = -1;
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
    assert_int_equal(drv->query(c, "SELECT a FROM t", stop, &n),
                     STRATA_ERR_USER);
    assert_int_equal(n, 1);

    assert_int_equal(drv->table_exists(c, "t", &exists), STRATA_OK);
    assert_int_equal(exists, 1);
    assert_int_equal(drv->table_exists(c, "T", &exists), STRATA_OK);
    assert_int_equal(exists, 1);
    assert_int_equal(drv->table_exists(c, "nope'", &exists), STRATA_OK);
    assert_int_equal(exists, 0);

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
    free_conn(c);
}

static void test_sqlite_split__quoting(void **state)
{
    strata_conn *c = new_conn(); /* never connected */
    strata_buf b = {0};

    (void)state;
    assert_int_equal(drv->quote_ident(c, "a\"b", &b), STRATA_OK);
    assert_int_equal(drv->quote_literal(c, " it's '' ", &b), STRATA_OK);
    assert_int_equal(drv->quote_ident(c, "", &b), STRATA_OK);
    assert_string_equal(b.data, "\"a\"\"b\"' it''s '''' '\"\"");
    strata__buf_free(&b);
    free_conn(c);
}

static void expect_connect(const char *url, const strata_kv *opts, int rc,
                           const char *msg)
{
    strata_conn *c = new_conn();

    assert_int_equal(drv->connect(c, url, opts), rc);
    if (msg)
        assert_string_equal(c->errmsg, msg);
    free_conn(c);
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

static long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void test_sqlite_split__lock(void **state)
{
    char dir[] = "/tmp/strata-sqlite-XXXXXX";
    strata_kv opts[] = {{"base_dir", NULL}, {"lock_timeout_ms", "100"},
                        {NULL, NULL}};
    strata_conn *a = new_conn(), *b = new_conn();
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
    t0 = now_ms();
    assert_int_equal(drv->lock(b, "strata", 100), STRATA_ERR_BUSY);
    waited = now_ms() - t0;
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
    free_conn(a);
    free_conn(b);

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
        cmocka_unit_test(test_sqlite_split__simple),
        cmocka_unit_test(test_sqlite_split__quotes),
        cmocka_unit_test(test_sqlite_split__comments),
        cmocka_unit_test(test_sqlite_split__trigger),
        cmocka_unit_test(test_sqlite_split__dialects_script),
        cmocka_unit_test(test_sqlite_split__norm),
        cmocka_unit_test(test_sqlite_split__notxn),
        cmocka_unit_test(test_sqlite_split__final_without_semicolon),
        cmocka_unit_test(test_sqlite_split__blank),
        cmocka_unit_test(test_sqlite_split__errors),
        cmocka_unit_test(test_sqlite_split__dot_commands),
        cmocka_unit_test(test_sqlite_split__nul_byte),
        cmocka_unit_test(test_sqlite_split__split_then_exec),
        cmocka_unit_test(test_sqlite_split__memory_db),
        cmocka_unit_test(test_sqlite_split__quoting),
        cmocka_unit_test(test_sqlite_split__urls),
        cmocka_unit_test(test_sqlite_split__lock),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
