/* test_mysql_split.c - the MySQL/MariaDB driver as the core loads it:
 * its table, its splitter (quotes, comments, DELIMITER, routine bodies,
 * implicit-commit flags) and quoting.  No server is needed: split()
 * works on an unconnected connection (check --offline). */
#include "fixture_driver.h"

FX_GROUP_SETUP("mysql", NULL);

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

static void test_mysql_split__backticks(void **state)
{
    (void)state;
    /* a backtick identifier takes no backslash escape */
    FX_SPLIT("SELECT `a;b`, `x``;y` FROM `t;`;SELECT `it's`;SELECT 1",
             {"SELECT `a;b`, `x``;y` FROM `t;`", 0, 1},
             {"SELECT `it's`", 32, 1},
             {"SELECT 1", 46, 1});
    fx_split_fails("SELECT 1; SELECT `a;", 17,
                   "unterminated quoted identifier");
}

static void test_mysql_split__strings(void **state)
{
    (void)state;
    /* "..." is a string (no ANSI_QUOTES), with the same escapes; an
     * escaped backslash does not escape the quote after it */
    FX_SPLIT("SELECT 'a;b', 'it''s;', 'it\\'s;';"
             "SELECT \"x;y\", \"q\"\";\", \"b\\\";\";"
             "SELECT 'c:\\\\';SELECT 2",
             {"SELECT 'a;b', 'it''s;', 'it\\'s;'", 0, 1},
             {"SELECT \"x;y\", \"q\"\";\", \"b\\\";\"", 33, 1},
             {"SELECT 'c:\\\\'", 62, 1},
             {"SELECT 2", 76, 1});
    fx_split_fails("SELECT 'abc\\';", 7, "unterminated string literal");
    fx_split_fails("SELECT \"abc", 7, "unterminated string literal");
}

static void test_mysql_split__comments(void **state)
{
    (void)state;
    /* "--x" is minus minus x, not a comment: the ';' ends it; "--"
     * before a newline is a comment */
    FX_SPLIT("SELECT 1; # x; y\n"
             "SELECT 2 -- z; w\n;"
             "SELECT 3 --x;\n"
             "SELECT 4--\n;"
             "/* lead; */ SELECT /* ; */ 5 # ;\n",
             {"SELECT 1", 0, 1},
             {"SELECT 2", 17, 2},
             {"SELECT 3 --x", 35, 3, "SELECT 3 --x"},
             {"SELECT 4", 49, 4},
             {"SELECT /* ; */ 5", 73, 5, "SELECT 5"});
    /* a comment that never ends */
    fx_split_fails("SELECT 1; SELECT /* x;", 17, "unterminated /* comment");
    /* -- at the very end is a comment */
    FX_SPLIT("SELECT 6 --", {"SELECT 6", 0, 1});
    (void)fx_split_ok(" ;; -- nothing\n;", 0);
}

static void test_mysql_split__executable_comments(void **state)
{
    const uint32_t no = STRATA_STMT_NOTXN;

    (void)state;
    /* kept in sql and in norm (docs/design.md §2.5); mysqldump's
     * versioned CREATE VIEW commits: NOTXN */
    FX_SPLIT("/*!40101 SET NAMES utf8mb4 */;\n"
             "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1 /* gone */;\n"
             "/*!50001 CREATE VIEW v AS SELECT ';' */;\n"
             "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */;\n"
             "/*M!100100 SET x = 1 */",
             {"/*!40101 SET NAMES utf8mb4 */", 0, 1,
              "/*!40101 SET NAMES utf8mb4 */"},
             {"SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1", 31, 2,
              "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1"},
             {"/*!50001 CREATE VIEW v AS SELECT ';' */", 84, 3, NULL, no},
             {"CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */", 125,
              4, "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */",
              no},
             {"/*M!100100 SET x = 1 */", 183, 5});
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

    (void)state;
    snprintf(sql, sizeof sql,
             "SELECT 0;\n"
             "DELIMITER //\n"
             "%s//\n"
             "%s //\n"
             "DELIMITER ;\n"
             "CALL p(1);\n",
             proc, trig);
    /* the statement has no trailing custom delimiter */
    FX_SPLIT(sql, {"SELECT 0", 0, 1},
             {proc, 23, 3, NULL, STRATA_STMT_NOTXN},
             {trig, 105, 8, NULL, STRATA_STMT_NOTXN},
             {"CALL p(1)", 277, 16});
    /* $$ right after a word, lowercase delimiter, and a quoted one */
    FX_SPLIT("delimiter $$\n"
             "CREATE FUNCTION f() RETURNS INT RETURN 1$$\n"
             "SELECT '$$'$$\n"
             "DELIMITER ';'\n"
             "SELECT 2; SELECT 3",
             {"CREATE FUNCTION f() RETURNS INT RETURN 1", 13, 2,
              NULL, STRATA_STMT_NOTXN},
             {"SELECT '$$'", 56, 3},
             {"SELECT 2", 84, 5},
             {"SELECT 3", 94, 5});
    /* a DELIMITER line is no statement, and it needs its argument */
    fx_split_fails("SELECT 1;\nDELIMITER\nSELECT 2;", 10,
                   "DELIMITER without a delimiter");
}

/* split() must fail at offset at with a message containing msg (the
 * client-command refusals end with a hint that need not be repeated). */
static void split_bad(const char *sql, size_t at, const char *msg)
{
    strata_conn *c = fx_conn();
    strata_stmt_list l;

    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->split(c, sql, strlen(sql), &l), STRATA_ERR_PARSE);
    assert_null(l.items);
    assert_int_equal(l.err_offset, at);
    if (!strstr(c->errmsg, msg))
        fail_msg("message \"%s\" lacks \"%s\"", c->errmsg, msg);
    fx_conn_free(c);
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
    l = fx_split_ok("SELECT 'a\\!b', \"\\.\", `x\\` -- \\! x\n"
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

    (void)state;
    snprintf(sql, sizeof sql, "%s;\n%s;\nCREATE TABLE event (a int);\n"
                              "SELECT 1",
             proc, trig);
    FX_SPLIT(sql, {proc, 0, 1, NULL, STRATA_STMT_NOTXN},
             {trig, 275, 11, NULL, STRATA_STMT_NOTXN},
             {"CREATE TABLE event (a int)", 340, 12, NULL, STRATA_STMT_NOTXN},
             {"SELECT 1", 368, 13});
    /* MariaDB's anonymous block */
    FX_SPLIT("BEGIN NOT ATOMIC SELECT 1; SELECT 2; END; SELECT 3",
             {"BEGIN NOT ATOMIC SELECT 1; SELECT 2; END", 0, 1},
             {"SELECT 3", 42, 1});
    /* A plain BEGIN starts a transaction (files written for tools that
     * send them whole, golang-migrate's): it ends at its ';'. */
    FX_SPLIT("BEGIN; SELECT 1; COMMIT",
             {"BEGIN", 0, 1, NULL, STRATA_STMT_NOTXN}, {"SELECT 1", 7, 1},
             {"COMMIT", 17, 1, NULL, STRATA_STMT_NOTXN});
    FX_SPLIT("BEGIN WORK; SELECT 1",
             {"BEGIN WORK", 0, 1, NULL, STRATA_STMT_NOTXN},
             {"SELECT 1", 12, 1});
    fx_split_fails("SELECT 0; CREATE PROCEDURE p() BEGIN SELECT 1;", 10,
                   "unterminated BEGIN ... END body: missing END");
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
        strata_stmt_list l = fx_split_ok(cases[i].sql, 1);

        if (l.items[0].flags != cases[i].flags)
            fail_msg("%s: flags %u, expected %u", cases[i].sql,
                     l.items[0].flags, cases[i].flags);
        strata__stmt_list_free(&l);
    }
}

static void test_mysql_split__norm(void **state)
{
    (void)state;
    FX_SPLIT("  SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \\\"y\" # c ; c\n"
             "  FROM/* z */t  WHERE `s  t`=1;\n"
             "SELECT\n1",
             {"SELECT\t 'a  b''c\n d' ,\r\n\t\"x  \\\"y\" # c ; c\n"
              "  FROM/* z */t  WHERE `s  t`=1", 2, 1,
              "SELECT 'a  b''c\n d' , \"x  \\\"y\" FROM t WHERE `s  t`=1"},
             {"SELECT\n1", 76, 5, "SELECT 1"});
}

static void test_mysql_split__nul(void **state)
{
    (void)state;
    fx_split_fails_n("SELECT 1;\0SELECT 2", 18, 9, "NUL byte in SQL text");
    /* len bounds the text: no NUL terminator needed */
    FX_SPLIT_N("SELECT 1;SELECT 2xyz", 17,
               {"SELECT 1", 0, 1}, {"SELECT 2", 9, 1});
}

static void test_mysql_split__quoting(void **state)
{
    (void)state;
    fx_quote(0, "a`b", "`a``b`");
    fx_quote(1, "it's a \\ path", "'it''s a \\\\ path'");
    fx_quote(1, "", "''");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mysql_split__table),
        {"test_mysql_split__common", fx_split_common, NULL, NULL, NULL},
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

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
