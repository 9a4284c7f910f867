/* test_pg_split.c - the PostgreSQL driver as the core loads it: its
 * table, its splitter (dollar quotes, E'' strings, nested comments,
 * BEGIN ATOMIC bodies, psql meta-commands, NOTXN flags) and quoting.
 * No server: split() and quoting need no connection. */
#include "fixture_driver.h"

FX_GROUP_SETUP("postgres", NULL);

static void test_pg_split__table(void **state)
{
    (void)state;
    assert_string_equal(drv->name, "postgres");
    assert_string_equal(drv->schemes[0], "postgres");
    assert_string_equal(drv->schemes[1], "postgresql");
    assert_null(drv->schemes[2]);
    /* A transaction per migration: no RUN_TRANSACTION. */
    assert_true(drv->caps ==
                (STRATA_CAP_TRANSACTIONAL_DDL | STRATA_CAP_SAVEPOINT |
                 STRATA_CAP_ADVISORY_LOCK | STRATA_CAP_ONLINE_INDEX |
                 STRATA_CAP_NATIVE_CHECK | STRATA_CAP_NATIVE_FK_ALTER));
    assert_true(drv->conn_size >= sizeof(strata_conn));
    assert_int_equal(drv->abi_major, STRATA_ABI_MAJOR);
    assert_int_equal(drv->abi_minor, STRATA_ABI_MINOR);
    assert_int_equal(drv->struct_size, sizeof(strata_driver));
    assert_non_null(drv->server_version);
    assert_non_null(drv->table_exists);
    assert_non_null(drv->in_transaction);
    assert_non_null(drv->introspect);
    assert_non_null(drv->render);
    assert_non_null(drv->index_table);
    assert_non_null(drv->type_family);
    assert_non_null(drv->same_expr);
    assert_null(drv->foreign_keys);
    assert_null(drv->fk_violations);
}

static void test_pg_split__quotes(void **state)
{
    (void)state;
    FX_SPLIT("SELECT 'a;b'; SELECT \"x;y\";"
             "SELECT 'it''s;' || \"q\"\";\";"
             "SELECT U&'d\\0061t;', B'101', X'1f'",
             {"SELECT 'a;b'", 0, 1},
             {"SELECT \"x;y\"", 14, 1},
             {"SELECT 'it''s;' || \"q\"\";\"", 27, 1},
             {"SELECT U&'d\\0061t;', B'101', X'1f'", 53, 1});
}

/* Standard strings take a backslash literally (standard_conforming_
 * strings is on); E'' strings escape with it. */
static void test_pg_split__e_strings(void **state)
{
    (void)state;
    /* E only starts a string at the start of a token (somee'...'). */
    FX_SPLIT("SELECT E'it\\'s; ok';"
             "SELECT e'\\\\'; SELECT 'a\\';"
             "SELECT 1 AS e, 'x;y';"
             "SELECT somee'a\\'; SELECT E'\\x41;'",
             {"SELECT E'it\\'s; ok'", 0, 1, "SELECT E'it\\'s; ok'"},
             {"SELECT e'\\\\'", 20, 1},
             {"SELECT 'a\\'", 34, 1},
             {"SELECT 1 AS e, 'x;y'", 46, 1},
             {"SELECT somee'a\\'", 67, 1},
             {"SELECT E'\\x41;'", 85, 1});
}

static void test_pg_split__dollar_quotes(void **state)
{
    const char *fn = "CREATE FUNCTION f() RETURNS int AS $$\n"
                     "  SELECT 1; -- not a comment: a body\n"
                     "$$ LANGUAGE sql";
    const char *tagged = "DO $body$\nBEGIN\n  RAISE NOTICE 'a;b';\n"
                         "  PERFORM $q$ ; $q$;\nEND\n$body$";
    char sql[1024];

    (void)state;
    snprintf(sql, sizeof sql, "%s;\n%s;\nSELECT 2;", fn, tagged);
    /* The body is quoted text: kept byte for byte in the norm. */
    FX_SPLIT(sql, {fn, 0, 1, fn}, {tagged, 92, 4}, {"SELECT 2", 163, 10});
    /* Nested: an inner tag inside an outer one; tags are case-
     * sensitive, so $A$ does not close $a$. */
    FX_SPLIT("SELECT $outer$ $inner$ ; $inner$ ; $outer$;"
             "SELECT $a$ ; $A$ ; $a$; SELECT $_x1$;$_x1$",
             {"SELECT $outer$ $inner$ ; $inner$ ; $outer$", 0, 1},
             {"SELECT $a$ ; $A$ ; $a$", 43, 1},
             {"SELECT $_x1$;$_x1$", 67, 1});
    /* $1 is a parameter, not a quote; $ inside a name is a name
     * character (a$b$c is one identifier). */
    FX_SPLIT("PREPARE p AS SELECT $1, $2 ; EXECUTE p(1, 2);"
             "SELECT a$b$c FROM t; SELECT 1",
             {"PREPARE p AS SELECT $1, $2", 0, 1},
             {"EXECUTE p(1, 2)", 29, 1},
             {"SELECT a$b$c FROM t", 45, 1},
             {"SELECT 1", 66, 1});
}

static void test_pg_split__comments(void **state)
{
    (void)state;
    /* Block comments nest: the first close does not end the outer. */
    FX_SPLIT("SELECT 1; -- x; y\n"
             "SELECT 2 /* ; */;\n"
             "/* lead; */ SELECT /* a /* b; */ c; */ 3; -- ;\n"
             "SELECT '/*' || $$*/$$",
             {"SELECT 1", 0, 1},
             {"SELECT 2", 18, 2},
             {"SELECT /* a /* b; */ c; */ 3", 48, 3, "SELECT 3"},
             {"SELECT '/*' || $$*/$$", 83, 4});
}

static void test_pg_split__begin_atomic(void **state)
{
    const char *fn = "CREATE FUNCTION add(a int, b int) RETURNS int\n"
                     "LANGUAGE sql\n"
                     "BEGIN ATOMIC\n"
                     "  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;\n"
                     "  SELECT a + b;\n"
                     "END";
    const char *proc = "create or replace procedure p(begin int)\n"
                       "begin atomic\n  insert into t values (begin);\n"
                       "end";
    char sql[1024];

    (void)state;
    snprintf(sql, sizeof sql, "%s;\n%s;\nSELECT 2", fn, proc);
    FX_SPLIT(sql, {fn, 0, 1}, {proc, 137, 7}, {"SELECT 2", 228, 11});
    /* Outside CREATE FUNCTION, BEGIN is a transaction statement. */
    FX_SPLIT("BEGIN; SELECT 1; END; "
             "CREATE TABLE t (x int CHECK (CASE WHEN x > 0 THEN true "
             "END)); SELECT 3",
             {"BEGIN", 0, 1},
             {"SELECT 1", 7, 1},
             {"END", 17, 1},
             {"CREATE TABLE t (x int CHECK (CASE WHEN x > 0 THEN true "
              "END))", 22, 1},
             {"SELECT 3", 84, 1});
}

static void test_pg_split__meta_commands(void **state)
{
    (void)state;
    fx_split_fails("SELECT 1;\n\\i other.sql\nSELECT 2;", 10,
                   "psql meta-command \\i is not SQL: strata runs "
                   "statements through libpq");
    fx_split_fails("  \\set ON_ERROR_STOP on\n", 2,
                   "psql meta-command \\set is not SQL: strata runs "
                   "statements through libpq");
    fx_split_fails("SELECT 1;\n\t\\c otherdb\n", 11,
                   "psql meta-command \\c is not SQL: strata runs "
                   "statements through libpq");
    fx_split_fails("SELECT 1;\nCOPY t (a, b) FROM stdin;\n1\t2\n\\.\n", 10,
                   "COPY ... FROM STDIN reads the lines after it as data, "
                   "which only psql sends: strata runs statements through "
                   "libpq (use INSERT, or COPY from a file on the server)");
    fx_split_fails("SELECT 1 AS x \\gset\n", 14,
                   "psql meta-command \\gset is not SQL: strata runs "
                   "statements through libpq");
    /* Inside quotes and comments a backslash is just a character. */
    FX_SPLIT("SELECT '\\i x'; -- \\i y\nSELECT $$\\set$$ /* \\c */",
             {"SELECT '\\i x'", 0, 1}, {"SELECT $$\\set$$", 23, 2});
}

static void test_pg_split__unterminated(void **state)
{
    (void)state;
    fx_split_fails("SELECT 1;\nSELECT 'ab''c;", 17,
                   "unterminated string literal");
    fx_split_fails("SELECT E'ab\\';", 7, "unterminated E'' string literal");
    fx_split_fails("SELECT 1; SELECT \"ab;", 17,
                   "unterminated quoted identifier");
    fx_split_fails("SELECT 1;\nCREATE FUNCTION f() AS $fn$ SELECT 1; $$;", 33,
                   "unterminated dollar-quoted string $fn$");
    fx_split_fails("SELECT $$ a", 7, "unterminated dollar-quoted string $$");
    fx_split_fails("SELECT 1; /* a /* b */ still open", 10,
                   "unterminated /* comment");
    fx_split_fails("SELECT 1;\nCREATE PROCEDURE p() BEGIN ATOMIC\n"
                   "  SELECT 1;\n  SELECT 2;\n",
                   10, "unterminated BEGIN ATOMIC body: missing END");
}

static void test_pg_split__notxn(void **state)
{
    static const struct {
        const char *sql;
        int notxn;
    } cases[] = {
        {"CREATE INDEX CONCURRENTLY i ON t (a)", 1},
        {"create unique index concurrently if not exists i on t (a)", 1},
        {"CREATE INDEX i ON t (a)", 0},
        {"CREATE UNIQUE INDEX i ON t (a)", 0},
        {"CREATE INDEX concurrently_named ON t (a)", 0},
        {"DROP INDEX CONCURRENTLY IF EXISTS i", 1},
        {"DROP INDEX i", 0},
        {"REINDEX INDEX CONCURRENTLY i", 1},
        {"REINDEX TABLE t", 0},
        {"REINDEX (VERBOSE) TABLE CONCURRENTLY t", 1},
        {"REINDEX (CONCURRENTLY) INDEX i", 1},
        {"REINDEX (CONCURRENTLY false) INDEX i", 0},
        {"REINDEX SCHEMA app", 1},
        {"REINDEX DATABASE db", 1},
        {"REINDEX SYSTEM db", 1},
        {"ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", 1},
        {"ALTER TABLE p DETACH PARTITION p1", 0},
        {"ALTER TABLE t ADD COLUMN concurrently int", 0},
        {"VACUUM", 1},
        {"vacuum (analyze) t", 1},
        {"ANALYZE t", 0},
        {"CREATE DATABASE d", 1},
        {"DROP DATABASE IF EXISTS d", 1},
        {"CREATE TABLESPACE ts LOCATION '/x'", 1},
        {"DROP TABLESPACE ts", 1},
        {"ALTER SYSTEM SET work_mem = '8MB'", 1},
        {"ALTER DATABASE d SET TABLESPACE ts", 1},
        {"ALTER DATABASE d SET work_mem = '8MB'", 0},
        {"/* c */ -- d\n  CREATE INDEX CONCURRENTLY i ON t (a)", 1},
        {"SELECT 'CREATE INDEX CONCURRENTLY'", 0},
        {"CREATE TABLE vacuum (a int)", 0},
        {"COPY t TO STDOUT", 0},
        {"COPY (SELECT * FROM stdin) TO '/srv/x'", 0},
        {"COPY t FROM '/srv/data.csv'", 0},
    };
    strata_conn *c = fx_conn();

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strata_stmt_list l;

        if (fx_split(c, cases[i].sql, &l) != STRATA_OK || l.count != 1)
            fail_msg("%s: %s", cases[i].sql, c->errmsg);
        if ((l.items[0].flags == STRATA_STMT_NOTXN) != cases[i].notxn)
            fail_msg("%s: flags %u, expected %s", cases[i].sql,
                     l.items[0].flags, cases[i].notxn ? "NOTXN" : "0");
        strata__stmt_list_free(&l);
    }
    fx_conn_free(c);
}

static void test_pg_split__norm(void **state)
{
    (void)state;
    FX_SPLIT("  SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
             "  FROM/* z /* n */ */t  WHERE $q$ a  b $q$=E'\\'  x';\n"
             "SELECT\n1",
             {"SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
              "  FROM/* z /* n */ */t  WHERE $q$ a  b $q$=E'\\'  x'", 2, 1,
              "SELECT 'a  b''c\n d' , \"x  \"\"y\" FROM t WHERE "
              "$q$ a  b $q$=E'\\'  x'"},
             {"SELECT\n1", 98, 5, "SELECT 1"});
}

static void test_pg_split__blank(void **state)
{
    (void)state;
    (void)fx_split_ok("-- only a comment\n/* and ; /* nested */ another */ \n",
                      0);
}

/* A length that stops inside the text: the rest is not read. */
static void test_pg_split__length(void **state)
{
    (void)state;
    FX_SPLIT_N("SELECT 1; SELECT 'x", 8, {"SELECT 1", 0, 1});
}

static void test_pg_split__quoting(void **state)
{
    strata_conn *c = fx_conn(); /* never connected */

    (void)state;
    fx_quote(0, "a\"b", "\"a\"\"b\"");
    /* offline, a backslash makes an E'' string: the same text whatever
     * standard_conforming_strings a migration left (issue 13) */
    fx_quote(1, " it's \\ '' ", "E' it''s \\\\ '''' '");
    fx_quote(1, "it's", "'it''s'");
    fx_quote(0, "strata_history", "\"strata_history\"");
    /* Unconnected: everything that needs the server says so. */
    assert_int_equal(drv->exec(c, "SELECT 1"), STRATA_ERR_CONN);
    fx_conn_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pg_split__table),
        {"test_pg_split__common", fx_split_common, NULL, NULL, NULL},
        cmocka_unit_test(test_pg_split__quotes),
        cmocka_unit_test(test_pg_split__e_strings),
        cmocka_unit_test(test_pg_split__dollar_quotes),
        cmocka_unit_test(test_pg_split__comments),
        cmocka_unit_test(test_pg_split__begin_atomic),
        cmocka_unit_test(test_pg_split__meta_commands),
        cmocka_unit_test(test_pg_split__unterminated),
        cmocka_unit_test(test_pg_split__notxn),
        cmocka_unit_test(test_pg_split__norm),
        cmocka_unit_test(test_pg_split__blank),
        cmocka_unit_test(test_pg_split__length),
        cmocka_unit_test(test_pg_split__quoting),
    };

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
