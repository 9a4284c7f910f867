/* test_mysql_split.c - the MySQL/MariaDB driver as the core loads it:
 * its table, its splitter (quotes, comments, DELIMITER, routine bodies,
 * implicit-commit flags) and quoting.  No server is needed: split()
 * works on an unconnected connection (check --offline). */
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
    snprintf(path, sizeof path, "%s/drivers/strata_mysql.so",
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

/* Split sql, expecting n statements; returns the list (free it). */
static strata_stmt_list split_ok(const char *sql, size_t n)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    memset(&l, 0xa5, sizeof l); /* split() must set every field */
    if (drv->split(c, sql, strlen(sql), &l) != STRATA_OK)
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

/* split() must fail with STRATA_ERR_PARSE at offset at, with msg. */
static void split_bad(const char *sql, size_t at, const char *msg)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->split(c, sql, strlen(sql), &l), STRATA_ERR_PARSE);
    assert_int_equal(l.count, 0);
    assert_null(l.items);
    assert_int_equal(l.err_offset, at);
    if (!strstr(c->errmsg, msg))
        fail_msg("message \"%s\" lacks \"%s\"", c->errmsg, msg);
    free_conn(c);
}

static void test_mysql_split__table(void **state)
{
    (void)state;
    assert_string_equal(drv->name, "mysql");
    assert_string_equal(drv->schemes[0], "mysql");
    assert_string_equal(drv->schemes[1], "mariadb");
    assert_null(drv->schemes[2]);
    assert_true(drv->caps ==
                (STRATA_CAP_SAVEPOINT | STRATA_CAP_ADVISORY_LOCK |
                 STRATA_CAP_ONLINE_INDEX | STRATA_CAP_NATIVE_CHECK |
                 STRATA_CAP_NATIVE_FK_ALTER));
    assert_false(drv->caps & STRATA_CAP_TRANSACTIONAL_DDL);
    assert_true(drv->conn_size >= sizeof(strata_conn));
    assert_int_equal(drv->abi_major, STRATA_ABI_MAJOR);
    assert_non_null(drv->introspect);
    assert_non_null(drv->render);
    assert_non_null(drv->index_table);
    assert_non_null(drv->type_family);
    assert_non_null(drv->server_version);
    assert_non_null(drv->table_exists);
    assert_non_null(drv->in_transaction);
    assert_non_null(drv->same_expr);
}

static void test_mysql_split__simple(void **state)
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
    strata__stmt_list_free(&l);

    l = split_ok("", 0);
    l = split_ok(" ;; -- nothing\n;", 0);
    /* the last statement may omit its ';' */
    l = split_ok("SELECT 1", 1);
    assert_string_equal(l.items[0].sql, "SELECT 1");
    strata__stmt_list_free(&l);
}

static void test_mysql_split__backticks(void **state)
{
    strata_stmt_list l = split_ok("SELECT `a;b`, `x``;y` FROM `t;`;"
                                  "SELECT `it's`;SELECT 1", 3);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT `a;b`, `x``;y` FROM `t;`");
    /* a backtick identifier takes no backslash escape */
    assert_string_equal(l.items[1].sql, "SELECT `it's`");
    assert_string_equal(l.items[2].sql, "SELECT 1");
    strata__stmt_list_free(&l);
    split_bad("SELECT 1; SELECT `a;", 17, "unterminated quoted identifier");
}

static void test_mysql_split__strings(void **state)
{
    strata_stmt_list l = split_ok(
        "SELECT 'a;b', 'it''s;', 'it\\'s;';"
        "SELECT \"x;y\", \"q\"\";\", \"b\\\";\";"
        "SELECT 'c:\\\\';SELECT 2",
        4);

    (void)state;
    assert_string_equal(l.items[0].sql,
                        "SELECT 'a;b', 'it''s;', 'it\\'s;'");
    /* "..." is a string (no ANSI_QUOTES), with the same escapes */
    assert_string_equal(l.items[1].sql,
                        "SELECT \"x;y\", \"q\"\";\", \"b\\\";\"");
    /* an escaped backslash does not escape the quote after it */
    assert_string_equal(l.items[2].sql, "SELECT 'c:\\\\'");
    assert_string_equal(l.items[3].sql, "SELECT 2");
    strata__stmt_list_free(&l);
    split_bad("SELECT 'abc\\';", 7, "unterminated string literal");
    split_bad("SELECT \"abc", 7, "unterminated string literal");
}

static void test_mysql_split__comments(void **state)
{
    strata_stmt_list l = split_ok(
        "SELECT 1; # x; y\n"
        "SELECT 2 -- z; w\n;"
        "SELECT 3 --x;\n"
        "SELECT 4--\n;"
        "/* lead; */ SELECT /* ; */ 5 # ;\n",
        5);

    (void)state;
    assert_string_equal(l.items[0].sql, "SELECT 1");
    assert_string_equal(l.items[1].sql, "SELECT 2");
    assert_int_equal(l.items[1].line, 2);
    /* "--x" is minus minus x, not a comment: the ';' ends it */
    assert_string_equal(l.items[2].sql, "SELECT 3 --x");
    assert_string_equal(l.items[2].norm, "SELECT 3 --x");
    /* "--" before a newline is a comment */
    assert_string_equal(l.items[3].sql, "SELECT 4");
    assert_string_equal(l.items[4].sql, "SELECT /* ; */ 5");
    assert_string_equal(l.items[4].norm, "SELECT 5");
    assert_int_equal(l.items[4].line, 5);
    strata__stmt_list_free(&l);
    /* a comment that never ends */
    split_bad("SELECT 1; SELECT /* x;", 17, "unterminated /* comment");
    /* -- at the very end is a comment */
    l = split_ok("SELECT 6 --", 1);
    assert_string_equal(l.items[0].sql, "SELECT 6");
    strata__stmt_list_free(&l);
}

static void test_mysql_split__executable_comments(void **state)
{
    strata_stmt_list l = split_ok(
        "/*!40101 SET NAMES utf8mb4 */;\n"
        "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1 /* gone */;\n"
        "/*!50001 CREATE VIEW v AS SELECT ';' */;\n"
        "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */;\n"
        "/*M!100100 SET x = 1 */",
        5);

    (void)state;
    /* kept in sql and in norm (docs/design.md §2.5) */
    assert_string_equal(l.items[0].sql, "/*!40101 SET NAMES utf8mb4 */");
    assert_string_equal(l.items[0].norm, "/*!40101 SET NAMES utf8mb4 */");
    assert_int_equal(l.items[0].flags, 0);
    assert_string_equal(l.items[1].norm,
                        "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1");
    /* mysqldump's versioned CREATE VIEW commits: NOTXN */
    assert_string_equal(l.items[2].sql,
                        "/*!50001 CREATE VIEW v AS SELECT ';' */");
    assert_int_equal(l.items[2].flags, STRATA_STMT_NOTXN);
    assert_string_equal(l.items[3].norm,
                        "CREATE TABLE t (a int) "
                        "/*!50100 PARTITION BY HASH (a) */");
    assert_string_equal(l.items[4].sql, "/*M!100100 SET x = 1 */");
    strata__stmt_list_free(&l);
}

static void test_mysql_split__delimiter(void **state)
{
    const char *proc = "CREATE PROCEDURE p(IN n INT)\n"
                       "BEGIN\n"
                       "  DECLARE i INT DEFAULT 0;\n"
                       "  SELECT ';';\n"
                       "END";
    const char *trig = "CREATE TRIGGER t_bu BEFORE UPDATE ON t\n"
                       "FOR EACH ROW\n"
                       "BEGIN\n"
                       "  IF NEW.a <> OLD.a THEN\n"
                       "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
                       "'immovable';\n"
                       "  END IF;\n"
                       "END";
    char sql[1024];
    strata_stmt_list l;

    (void)state;
    snprintf(sql, sizeof sql,
             "SELECT 0;\n"
             "DELIMITER //\n"
             "%s//\n"
             "%s //\n"
             "DELIMITER ;\n"
             "CALL p(1);\n",
             proc, trig);
    l = split_ok(sql, 4);
    assert_string_equal(l.items[0].sql, "SELECT 0");
    /* the statement has no trailing custom delimiter */
    assert_string_equal(l.items[1].sql, proc);
    assert_int_equal(l.items[1].line, 3);
    assert_int_equal(l.items[1].flags, STRATA_STMT_NOTXN);
    assert_string_equal(l.items[2].sql, trig);
    assert_int_equal(l.items[2].line, 8);
    assert_int_equal(l.items[2].flags, STRATA_STMT_NOTXN);
    assert_string_equal(l.items[3].sql, "CALL p(1)");
    assert_int_equal(l.items[3].line, 16);
    assert_int_equal(l.items[3].flags, 0);
    strata__stmt_list_free(&l);

    /* $$ right after a word, lowercase delimiter, and a quoted one */
    l = split_ok("delimiter $$\n"
                 "CREATE FUNCTION f() RETURNS INT RETURN 1$$\n"
                 "SELECT '$$'$$\n"
                 "DELIMITER ';'\n"
                 "SELECT 2; SELECT 3",
                 4);
    assert_string_equal(l.items[0].sql,
                        "CREATE FUNCTION f() RETURNS INT RETURN 1");
    assert_string_equal(l.items[1].sql, "SELECT '$$'");
    assert_string_equal(l.items[3].sql, "SELECT 3");
    strata__stmt_list_free(&l);

    /* a DELIMITER line is no statement, and it needs its argument */
    split_bad("SELECT 1;\nDELIMITER\nSELECT 2;", 10,
              "DELIMITER without a delimiter");
}

/* The mysql client runs backslash commands and statements named after
 * its commands itself: an offline script must not carry them. */
static void test_mysql_split__client_commands(void **state)
{
    strata_stmt_list l;

    (void)state;
    split_bad("SELECT 1;\n\\! touch X\n", 10,
              "mysql client command \\! is not SQL");
    split_bad("SELECT 1 \\. /tmp/x.sql;", 9, "mysql client command \\.");
    split_bad("SELECT 1;\nsystem touch X;", 10,
              "mysql client command system is not SQL");
    split_bad("  SYSTEM touch X", 2, "mysql client command SYSTEM");
    split_bad("/* c */ source /tmp/x.sql;", 8, "client command source");
    split_bad("SELECT 1;\nDELIMITER //\npager cat //", 23,
              "client command pager");
    split_bad("SELECT /*!50000 1 \\! x */;", 18, "client command \\!");
    split_bad("SELECT 1,\n  delimiter //\n", 12, "client command delimiter");
    /* in strings, backticks and comments, \N, or a word inside a
     * statement, they are SQL (or nothing) to the client too */
    l = split_ok("SELECT 'a\\!b', \"\\.\", `x\\` -- \\! x\n"
                 "# \\! y\n/* \\! z */, \\N, system, 'x' delimiter;\n"
                 "SELECT /*!50000 'q\\!' */ 1;\n"
                 "USE app; HELP 'select'",
                 4);
    strata__stmt_list_free(&l);
}

static void test_mysql_split__bodies_without_delimiter(void **state)
{
    const char *proc = "CREATE DEFINER = `root`@`%` PROCEDURE p()\n"
                       "BEGIN\n"
                       "  DECLARE x INT DEFAULT 0;\n"
                       "  lbl: LOOP\n"
                       "    SET x = CASE WHEN x > 1 THEN 0 ELSE x + 1 END;\n"
                       "    IF x > 2 THEN LEAVE lbl; END IF;\n"
                       "  END LOOP lbl;\n"
                       "  CASE x WHEN 1 THEN SELECT 1; ELSE SELECT 2; "
                       "END CASE;\n"
                       "  BEGIN SELECT 3; END;\n"
                       "END";
    const char *trig = "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW "
                       "SET NEW.a = 1";
    char sql[1024];
    strata_stmt_list l;

    (void)state;
    snprintf(sql, sizeof sql, "%s;\n%s;\nCREATE TABLE event (a int);\n"
                              "SELECT 1",
             proc, trig);
    l = split_ok(sql, 4);
    assert_string_equal(l.items[0].sql, proc);
    assert_string_equal(l.items[1].sql, trig);
    assert_string_equal(l.items[2].sql, "CREATE TABLE event (a int)");
    assert_string_equal(l.items[3].sql, "SELECT 1");
    strata__stmt_list_free(&l);
    /* MariaDB's anonymous block */
    l = split_ok("BEGIN NOT ATOMIC SELECT 1; SELECT 2; END; SELECT 3", 2);
    assert_string_equal(l.items[0].sql,
                        "BEGIN NOT ATOMIC SELECT 1; SELECT 2; END");
    assert_int_equal(l.items[0].flags, 0);
    strata__stmt_list_free(&l);
    split_bad("SELECT 0; CREATE PROCEDURE p() BEGIN SELECT 1;", 10,
              "missing END");
}

static void test_mysql_split__notxn(void **state)
{
    static const struct {
        const char *sql;
        uint32_t flags;
    } cases[] = {
        {"CREATE TABLE t (a int)", STRATA_STMT_NOTXN},
        {"create or replace table t (a int)", STRATA_STMT_NOTXN},
        {"CREATE TEMPORARY TABLE t (a int)", 0},
        {"CREATE OR REPLACE TEMPORARY TABLE t (a int)", 0},
        {"DROP TEMPORARY TABLE t", 0},
        {"DROP TABLE t", STRATA_STMT_NOTXN},
        {"ALTER TABLE t ADD COLUMN b int", STRATA_STMT_NOTXN},
        {"CREATE UNIQUE INDEX i ON t (a)", STRATA_STMT_NOTXN},
        {"DROP INDEX i ON t", STRATA_STMT_NOTXN},
        {"CREATE VIEW v AS SELECT 1", STRATA_STMT_NOTXN},
        {"CREATE DATABASE d", STRATA_STMT_NOTXN},
        {"RENAME TABLE a TO b", STRATA_STMT_NOTXN},
        {"TRUNCATE t", STRATA_STMT_NOTXN},
        {"GRANT SELECT ON d.* TO u", STRATA_STMT_NOTXN},
        {"REVOKE SELECT ON d.* FROM u", STRATA_STMT_NOTXN},
        {"LOCK TABLES t WRITE", STRATA_STMT_NOTXN},
        {"UNLOCK TABLES", STRATA_STMT_NOTXN},
        {"ANALYZE TABLE t", STRATA_STMT_NOTXN},
        {"OPTIMIZE TABLE t", STRATA_STMT_NOTXN},
        {"CHECK TABLE t", STRATA_STMT_NOTXN},
        {"START TRANSACTION", STRATA_STMT_NOTXN},
        {"SET PASSWORD = 'x'", STRATA_STMT_NOTXN},
        {"INSERT INTO t VALUES (1)", 0},
        {"UPDATE t SET a = 1", 0},
        {"DELETE FROM t", 0},
        {"REPLACE INTO t VALUES (1)", 0},
        {"SELECT 'CREATE TABLE'", 0},
        {"SET @x = 1", 0},
        {"CALL p()", 0},
        {"-- c\nALTER TABLE t DROP COLUMN b", STRATA_STMT_NOTXN},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strata_stmt_list l = split_ok(cases[i].sql, 1);

        if (l.items[0].flags != cases[i].flags)
            fail_msg("%s: flags %u, expected %u", cases[i].sql,
                     l.items[0].flags, cases[i].flags);
        strata__stmt_list_free(&l);
    }
}

static void test_mysql_split__norm(void **state)
{
    strata_stmt_list l = split_ok(
        "  SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \\\"y\" # c ; c\n"
        "  FROM/* z */t  WHERE `s  t`=1;\n"
        "SELECT\n1",
        2);

    (void)state;
    assert_string_equal(l.items[0].norm,
                        "SELECT 'a  b''c\n d' , \"x  \\\"y\" FROM t WHERE "
                        "`s  t`=1");
    assert_string_equal(l.items[0].sql,
                        "SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \\\"y\" # c ; c\n"
                        "  FROM/* z */t  WHERE `s  t`=1");
    assert_int_equal(l.items[0].offset, 2);
    assert_int_equal(l.items[0].line, 1);
    assert_string_equal(l.items[1].norm, "SELECT 1");
    assert_int_equal(l.items[1].line, 5);
    strata__stmt_list_free(&l);
}

static void test_mysql_split__nul(void **state)
{
    strata_conn *c = new_conn();
    strata_stmt_list l;

    (void)state;
    assert_int_equal(drv->split(c, "SELECT 1;\0SELECT 2", 18, &l),
                     STRATA_ERR_PARSE);
    assert_int_equal(l.err_offset, 9);
    assert_null(l.items);
    /* len bounds the text: no NUL terminator needed */
    assert_int_equal(drv->split(c, "SELECT 1;SELECT 2xyz", 17, &l),
                     STRATA_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[1].sql, "SELECT 2");
    strata__stmt_list_free(&l);
    free_conn(c);
}

static void test_mysql_split__quoting(void **state)
{
    strata_conn *c = new_conn();
    strata_buf b = {0};

    (void)state;
    assert_int_equal(drv->quote_ident(c, "a`b", &b), STRATA_OK);
    assert_string_equal(b.data, "`a``b`");
    b.len = 0;
    assert_int_equal(drv->quote_literal(c, "it's a \\ path", &b), STRATA_OK);
    assert_string_equal(b.data, "'it''s a \\\\ path'");
    b.len = 0;
    assert_int_equal(drv->quote_literal(c, "", &b), STRATA_OK);
    assert_string_equal(b.data, "''");
    strata__buf_free(&b);
    free_conn(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mysql_split__table),
        cmocka_unit_test(test_mysql_split__simple),
        cmocka_unit_test(test_mysql_split__backticks),
        cmocka_unit_test(test_mysql_split__strings),
        cmocka_unit_test(test_mysql_split__comments),
        cmocka_unit_test(test_mysql_split__executable_comments),
        cmocka_unit_test(test_mysql_split__delimiter),
        cmocka_unit_test(test_mysql_split__client_commands),
        cmocka_unit_test(test_mysql_split__bodies_without_delimiter),
        cmocka_unit_test(test_mysql_split__notxn),
        cmocka_unit_test(test_mysql_split__norm),
        cmocka_unit_test(test_mysql_split__nul),
        cmocka_unit_test(test_mysql_split__quoting),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
