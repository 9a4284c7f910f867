/* test_pg_split.c - the PostgreSQL driver as the core loads it: its
 * table, its splitter (dollar quotes, E'' strings, nested comments,
 * BEGIN ATOMIC bodies, psql meta-commands, NOTXN flags) and quoting.
 * No server: split() and quoting need no connection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    snprintf(path, sizeof path, "%s/drivers/strata_postgres.so",
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

    if (split(c, sql, &l) != STRATA_OK)
        fail_msg("split failed: %s", c->errmsg);
    if (l.count != n) {
        for (size_t i = 0; i < l.count; i++)
            fprintf(stderr, "  [%zu] %s\n", i, l.items[i].sql);
        fail_msg("%zu statements, expected %zu", l.count, n);
    }
    if (n == 0)
        assert_null(l.items);
    free_conn(c);
    return l;
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

static void test_pg_split__simple(void **state)
{
    const char *sql = "CREATE TABLE a (x int);\n"
                      "INSERT INTO a VALUES (1);\n"
                      "\n"
                      "  SELECT x\n  FROM a;\n";
    strata_stmt_list l = split_ok(sql, 3);

    (void)state;
    assert_string_equal(l.items[0].sql, "CREATE TABLE a (x int)");
    assert_int_equal(l.items[0].offset, 0);
    assert_int_equal(l.items[0].line, 1);
    assert_string_equal(l.items[1].sql, "INSERT INTO a VALUES (1)");
    assert_int_equal(l.items[1].offset, 24);
    assert_int_equal(l.items[1].line, 2);
    assert_string_equal(l.items[2].sql, "SELECT x\n  FROM a");
    assert_int_equal(l.items[2].offset, 53);
    assert_int_equal(l.items[2].line, 4);
    assert_string_equal(l.items[2].norm, "SELECT x FROM a");
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.items[i].flags, 0);
    strata__stmt_list_free(&l);
}

static void test_pg_split__quotes(void **state)
{
    strata_stmt_list l = split_ok("SELECT 'a;b'; SELECT \"x;y\";"
                                  "SELECT 'it''s;' || \"q\"\";\";"
                                  "SELECT U&'d\\0061t;', B'101', X'1f'",
                                  4);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT 'a;b'");
    assert_string_equal(l.items[1].sql, "SELECT \"x;y\"");
    assert_int_equal(l.items[1].offset, 14);
    assert_string_equal(l.items[2].sql, "SELECT 'it''s;' || \"q\"\";\"");
    assert_string_equal(l.items[3].sql,
                        "SELECT U&'d\\0061t;', B'101', X'1f'");
    strata__stmt_list_free(&l);
}

/* Standard strings take a backslash literally (standard_conforming_
 * strings is on); E'' strings escape with it. */
static void test_pg_split__e_strings(void **state)
{
    strata_stmt_list l = split_ok("SELECT E'it\\'s; ok';"
                                  "SELECT e'\\\\'; SELECT 'a\\';"
                                  "SELECT 1 AS e, 'x;y';"
                                  "SELECT somee'a\\'; SELECT E'\\x41;'",
                                  6);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT E'it\\'s; ok'");
    assert_string_equal(l.items[1].sql, "SELECT e'\\\\'");
    assert_string_equal(l.items[2].sql, "SELECT 'a\\'");
    assert_string_equal(l.items[3].sql, "SELECT 1 AS e, 'x;y'");
    /* E only starts a string at the start of a token. */
    assert_string_equal(l.items[4].sql, "SELECT somee'a\\'");
    assert_string_equal(l.items[5].sql, "SELECT E'\\x41;'");
    assert_string_equal(l.items[0].norm, "SELECT E'it\\'s; ok'");
    strata__stmt_list_free(&l);
}

static void test_pg_split__dollar_quotes(void **state)
{
    const char *fn = "CREATE FUNCTION f() RETURNS int AS $$\n"
                     "  SELECT 1; -- not a comment: a body\n"
                     "$$ LANGUAGE sql";
    const char *tagged = "DO $body$\nBEGIN\n  RAISE NOTICE 'a;b';\n"
                         "  PERFORM $q$ ; $q$;\nEND\n$body$";
    char sql[1024];
    strata_stmt_list l;

    (void)state;
    snprintf(sql, sizeof sql, "%s;\n%s;\nSELECT 2;", fn, tagged);
    l = split_ok(sql, 3);
    assert_string_equal(l.items[0].sql, fn);
    assert_string_equal(l.items[1].sql, tagged);
    assert_int_equal(l.items[1].line, 4);
    assert_string_equal(l.items[2].sql, "SELECT 2");
    assert_int_equal(l.items[2].line, 10);
    /* The body is quoted text: kept byte for byte in the norm. */
    assert_string_equal(l.items[0].norm,
                        "CREATE FUNCTION f() RETURNS int AS $$\n"
                        "  SELECT 1; -- not a comment: a body\n"
                        "$$ LANGUAGE sql");
    strata__stmt_list_free(&l);

    /* Nested: an inner tag inside an outer one; tags are case-
     * sensitive, so $A$ does not close $a$. */
    l = split_ok("SELECT $outer$ $inner$ ; $inner$ ; $outer$;"
                 "SELECT $a$ ; $A$ ; $a$; SELECT $_x1$;$_x1$",
                 3);
    assert_string_equal(l.items[0].sql,
                        "SELECT $outer$ $inner$ ; $inner$ ; $outer$");
    assert_string_equal(l.items[1].sql, "SELECT $a$ ; $A$ ; $a$");
    assert_string_equal(l.items[2].sql, "SELECT $_x1$;$_x1$");
    strata__stmt_list_free(&l);

    /* $1 is a parameter, not a quote; $ inside a name is a name
     * character (a$b$c is one identifier). */
    l = split_ok("PREPARE p AS SELECT $1, $2 ; EXECUTE p(1, 2);"
                 "SELECT a$b$c FROM t; SELECT 1", 4);
    assert_string_equal(l.items[0].sql, "PREPARE p AS SELECT $1, $2");
    assert_string_equal(l.items[1].sql, "EXECUTE p(1, 2)");
    assert_string_equal(l.items[2].sql, "SELECT a$b$c FROM t");
    strata__stmt_list_free(&l);
}

static void test_pg_split__comments(void **state)
{
    strata_stmt_list l = split_ok("SELECT 1; -- x; y\n"
                                  "SELECT 2 /* ; */;\n"
                                  "/* lead; */ SELECT /* a /* b; */ c; */ 3;"
                                  " -- ;\n"
                                  "SELECT '/*' || $$*/$$",
                                  4);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT 1");
    assert_string_equal(l.items[1].sql, "SELECT 2");
    assert_int_equal(l.items[1].line, 2);
    /* Block comments nest: the first close does not end the outer. */
    assert_string_equal(l.items[2].sql,
                        "SELECT /* a /* b; */ c; */ 3");
    assert_int_equal(l.items[2].offset, 48);
    assert_int_equal(l.items[2].line, 3);
    assert_string_equal(l.items[2].norm, "SELECT 3");
    assert_string_equal(l.items[3].sql, "SELECT '/*' || $$*/$$");
    strata__stmt_list_free(&l);
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
    strata_stmt_list l;

    (void)state;
    snprintf(sql, sizeof sql, "%s;\n%s;\nSELECT 2", fn, proc);
    l = split_ok(sql, 3);
    assert_string_equal(l.items[0].sql, fn);
    assert_string_equal(l.items[1].sql, proc);
    assert_string_equal(l.items[2].sql, "SELECT 2");
    assert_int_equal(l.items[2].line, 11);
    strata__stmt_list_free(&l);

    /* Outside CREATE FUNCTION, BEGIN is a transaction statement. */
    l = split_ok("BEGIN; SELECT 1; END; "
                 "CREATE TABLE t (x int CHECK (CASE WHEN x > 0 THEN true "
                 "END)); SELECT 3",
                 5);
    assert_string_equal(l.items[0].sql, "BEGIN");
    assert_string_equal(l.items[2].sql, "END");
    strata__stmt_list_free(&l);
}

static void test_pg_split__meta_commands(void **state)
{
    strata_stmt_list l;

    (void)state;
    split_fails("SELECT 1;\n\\i other.sql\nSELECT 2;", 10,
                "psql meta-command \\i is not SQL: strata runs "
                "statements through libpq");
    split_fails("  \\set ON_ERROR_STOP on\n", 2,
                "psql meta-command \\set is not SQL: strata runs "
                "statements through libpq");
    split_fails("SELECT 1;\n\t\\c otherdb\n", 11,
                "psql meta-command \\c is not SQL: strata runs "
                "statements through libpq");
    split_fails("SELECT 1;\nCOPY t (a, b) FROM stdin;\n1\t2\n\\.\n", 10,
                "COPY ... FROM STDIN reads the lines after it as data, "
                "which only psql sends: strata runs statements through "
                "libpq (use INSERT, or COPY from a file on the server)");
    split_fails("SELECT 1 AS x \\gset\n", 14,
                "psql meta-command \\gset is not SQL: strata runs "
                "statements through libpq");
    /* Inside quotes and comments a backslash is just a character. */
    l = split_ok("SELECT '\\i x'; -- \\i y\nSELECT $$\\set$$ /* \\c */", 2);
    assert_string_equal(l.items[1].sql, "SELECT $$\\set$$");
    strata__stmt_list_free(&l);
}

static void test_pg_split__unterminated(void **state)
{
    (void)state;
    split_fails("SELECT 1;\nSELECT 'ab''c;", 17,
                "unterminated string literal");
    split_fails("SELECT E'ab\\';", 7, "unterminated E'' string literal");
    split_fails("SELECT 1; SELECT \"ab;", 17,
                "unterminated quoted identifier");
    split_fails("SELECT 1;\nCREATE FUNCTION f() AS $fn$ SELECT 1; $$;", 33,
                "unterminated dollar-quoted string $fn$");
    split_fails("SELECT $$ a", 7, "unterminated dollar-quoted string $$");
    split_fails("SELECT 1; /* a /* b */ still open", 10,
                "unterminated /* comment");
    split_fails("SELECT 1;\nCREATE PROCEDURE p() BEGIN ATOMIC\n"
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
    strata_conn *c = new_conn();

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strata_stmt_list l;

        if (split(c, cases[i].sql, &l) != STRATA_OK || l.count != 1)
            fail_msg("%s: %s", cases[i].sql, c->errmsg);
        if ((l.items[0].flags == STRATA_STMT_NOTXN) != cases[i].notxn)
            fail_msg("%s: flags %u, expected %s", cases[i].sql,
                     l.items[0].flags, cases[i].notxn ? "NOTXN" : "0");
        strata__stmt_list_free(&l);
    }
    free_conn(c);
}

static void test_pg_split__norm(void **state)
{
    strata_stmt_list l = split_ok(
        "  SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
        "  FROM/* z /* n */ */t  WHERE $q$ a  b $q$=E'\\'  x';\n"
        "SELECT\n1",
        2);

    (void)state;
    assert_string_equal(l.items[0].norm,
                        "SELECT 'a  b''c\n d' , \"x  \"\"y\" FROM t WHERE "
                        "$q$ a  b $q$=E'\\'  x'");
    assert_string_equal(l.items[0].sql,
                        "SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \"\"y\" -- c ; c\n"
                        "  FROM/* z /* n */ */t  WHERE $q$ a  b $q$="
                        "E'\\'  x'");
    assert_int_equal(l.items[0].offset, 2);
    assert_string_equal(l.items[1].norm, "SELECT 1");
    assert_int_equal(l.items[1].line, 5);
    strata__stmt_list_free(&l);
}

static void test_pg_split__blank(void **state)
{
    (void)state;
    (void)split_ok("-- only a comment\n/* and ; /* nested */ another */ \n",
                   0);
    (void)split_ok("", 0);
    (void)split_ok(" ;; ; ", 0);
}

static void test_pg_split__final_without_semicolon(void **state)
{
    strata_stmt_list l = split_ok("SELECT 1;\nSELECT 2 -- end", 2);

    (void)state;
    assert_string_equal(l.items[1].sql, "SELECT 2");
    assert_int_equal(l.items[1].offset, 10);
    assert_int_equal(l.items[1].line, 2);
    strata__stmt_list_free(&l);
}

static void test_pg_split__nul_byte(void **state)
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

/* A length that stops inside the text: the rest is not read. */
static void test_pg_split__length(void **state)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    (void)state;
    assert_int_equal(drv->split(c, "SELECT 1; SELECT 'x", 8, &l),
                     STRATA_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].sql, "SELECT 1");
    strata__stmt_list_free(&l);
    free_conn(c);
}

static void test_pg_split__quoting(void **state)
{
    strata_conn *c = new_conn(); /* never connected */
    strata_buf b = {0};

    (void)state;
    assert_int_equal(drv->quote_ident(c, "a\"b", &b), STRATA_OK);
    assert_int_equal(drv->quote_literal(c, " it's \\ '' ", &b), STRATA_OK);
    assert_int_equal(drv->quote_ident(c, "strata_history", &b), STRATA_OK);
    /* offline, a backslash makes an E'' string: the same text whatever
     * standard_conforming_strings a migration left (issue 13) */
    assert_string_equal(b.data, "\"a\"\"b\"E' it''s \\\\ '''' '"
                                "\"strata_history\"");
    b.len = 0;
    assert_int_equal(drv->quote_literal(c, "it's", &b), STRATA_OK);
    assert_string_equal(b.data, "'it''s'");
    strata__buf_free(&b);
    /* Unconnected: everything that needs the server says so. */
    assert_int_equal(drv->exec(c, "SELECT 1"), STRATA_ERR_CONN);
    free_conn(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pg_split__table),
        cmocka_unit_test(test_pg_split__simple),
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
        cmocka_unit_test(test_pg_split__final_without_semicolon),
        cmocka_unit_test(test_pg_split__nul_byte),
        cmocka_unit_test(test_pg_split__length),
        cmocka_unit_test(test_pg_split__quoting),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
