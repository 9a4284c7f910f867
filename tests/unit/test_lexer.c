/* test_lexer.c - the standard SQL splitter: statements with offsets and
 * lines, quotes, comments, the normalised text, unterminated quotes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "chain/lexer.h"

/* One expected statement. */
typedef struct want {
    const char *sql;
    const char *norm;
    size_t offset;
    uint32_t line;
} want;

static void split_n(const char *sql, size_t len, const want *w, size_t n)
{
    strata_stmt_list l;
    strata_error err = {0};
    int rc = strata__lexer_split(sql, len, &l, &err);

    if (rc != STRATA_OK)
        fail_msg("split failed (%d): %s", rc, err.msg ? err.msg : "?");
    assert_null(err.msg);
    assert_int_equal(l.count, n);
    for (size_t i = 0; i < n; i++) {
        const strata_stmt *s = &l.items[i];

        assert_non_null(s->sql);
        assert_non_null(s->norm);
        assert_string_equal(s->sql, w[i].sql);
        assert_string_equal(s->norm, w[i].norm);
        assert_int_equal(s->offset, w[i].offset);
        assert_int_equal(s->line, w[i].line);
        assert_int_equal(s->flags, 0);
        /* sql is the input from offset on */
        assert_memory_equal(sql + s->offset, s->sql, strlen(s->sql));
    }
    if (n == 0)
        assert_null(l.items);
    strata__stmt_list_free(&l);
}

static void split(const char *sql, const want *w, size_t n)
{
    split_n(sql, strlen(sql), w, n);
}

#define SPLIT(sql, ...)                                                    \
    do {                                                                   \
        const want w_[] = {__VA_ARGS__};                                   \
        split(sql, w_, sizeof w_ / sizeof w_[0]);                          \
    } while (0)

static void split_fails(const char *sql, const char *msg, size_t off)
{
    strata_stmt_list l;
    strata_error err = {0};
    int rc = strata__lexer_split(sql, strlen(sql), &l, &err);

    assert_int_equal(rc, STRATA_ERR_PARSE);
    assert_int_equal(err.code, STRATA_ERR_PARSE);
    assert_non_null(err.msg);
    assert_string_equal(err.msg, msg);
    assert_int_equal(l.err_offset, off);
    /* nothing is handed out on failure */
    assert_int_equal(l.count, 0);
    assert_null(l.items);
    strata__error_clear(&err);
}

/* --- statements, offsets, lines ---------------------------------------- */

static void test_lexer__statements(void **state)
{
    (void)state;
    SPLIT("CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);\n",
          {"CREATE TABLE a (x int)", "CREATE TABLE a (x int)", 0, 1},
          {"INSERT INTO a VALUES (1)", "INSERT INTO a VALUES (1)", 24, 2});
    /* no terminator on the last one */
    SPLIT("SELECT 1;SELECT 2", {"SELECT 1", "SELECT 1", 0, 1},
          {"SELECT 2", "SELECT 2", 9, 1});
    /* leading blanks and blank lines before a statement */
    SPLIT("\n\n   SELECT 1 ;\n\t\n  SELECT\n  2;",
          {"SELECT 1", "SELECT 1", 5, 3}, {"SELECT\n  2", "SELECT 2", 20, 5});
}

static void test_lexer__empty(void **state)
{
    (void)state;
    split("", NULL, 0);
    split("   \n\t\r\n", NULL, 0);
    split(";;  ;\n;", NULL, 0);
    split("-- only a comment\n/* and\n another */\n", NULL, 0);
    split("-- a ; in a comment", NULL, 0);
}

static void test_lexer__lines(void **state)
{
    (void)state;
    /* newlines inside strings, identifiers and comments count */
    SPLIT("SELECT 'a\nb';\n/* x\n\n*/ SELECT \"c\nd\"; -- e\n\nSELECT 3;",
          {"SELECT 'a\nb'", "SELECT 'a\nb'", 0, 1},
          {"SELECT \"c\nd\"", "SELECT \"c\nd\"", 23, 5},
          {"SELECT 3", "SELECT 3", 43, 8});
    /* CRLF */
    SPLIT("SELECT 1;\r\nSELECT\r\n 2;\r\n", {"SELECT 1", "SELECT 1", 0, 1},
          {"SELECT\r\n 2", "SELECT 2", 11, 2});
}

/* Only len bytes are read; the text need not be NUL-terminated. */
static void test_lexer__length(void **state)
{
    static const char text[] = "SELECT 1; SELECT 2";
    const want w[] = {{"SELECT 1", "SELECT 1", 0, 1},
                      {"SEL", "SEL", 10, 1}};

    (void)state;
    split_n(text, 9, w, 1);
    split_n(text, 13, w, 2);
    split_n(text, 0, NULL, 0);
}

/* --- quotes ------------------------------------------------------------ */

static void test_lexer__quotes(void **state)
{
    (void)state;
    /* ; -- and comment openers inside quotes are text */
    SPLIT("INSERT INTO t VALUES ('a;b', '--c', '/*d*/');SELECT 2",
          {"INSERT INTO t VALUES ('a;b', '--c', '/*d*/')",
           "INSERT INTO t VALUES ('a;b', '--c', '/*d*/')", 0, 1},
          {"SELECT 2", "SELECT 2", 45, 1});
    /* doubled quotes */
    SPLIT("SELECT 'it''s; fine', 'x''''y';SELECT ''",
          {"SELECT 'it''s; fine', 'x''''y'",
           "SELECT 'it''s; fine', 'x''''y'", 0, 1},
          {"SELECT ''", "SELECT ''", 31, 1});
    SPLIT("SELECT \"a;\"\"b\" FROM \"t\"\"\"; SELECT 2",
          {"SELECT \"a;\"\"b\" FROM \"t\"\"\"",
           "SELECT \"a;\"\"b\" FROM \"t\"\"\"", 0, 1},
          {"SELECT 2", "SELECT 2", 27, 1});
    /* a quote of the other kind inside a quote */
    SPLIT("SELECT 'say \"hi\";', \"it's;\";",
          {"SELECT 'say \"hi\";', \"it's;\"", "SELECT 'say \"hi\";', \"it's;\"",
           0, 1});
    /* whitespace inside quotes is kept in norm */
    SPLIT("SELECT   'a   b\n\tc'  ,  \"x  y\"",
          {"SELECT   'a   b\n\tc'  ,  \"x  y\"",
           "SELECT 'a   b\n\tc' , \"x  y\"", 0, 1});
    /* a statement may start with a quote */
    SPLIT("'x';\"y\"", {"'x'", "'x'", 0, 1}, {"\"y\"", "\"y\"", 4, 1});
}

static void test_lexer__unterminated(void **state)
{
    (void)state;
    split_fails("SELECT 1;\nSELECT 'abc", "unterminated string literal", 17);
    split_fails("SELECT \"abc;\nSELECT 2;", "unterminated quoted identifier",
                7);
    /* the doubled quote is an escape, not the end */
    split_fails("SELECT 'abc''", "unterminated string literal", 7);
    split_fails("SELECT 'a', 'b", "unterminated string literal", 12);
    split_fails("'", "unterminated string literal", 0);
    /* the opener inside a comment does not count; the one after does */
    split_fails("-- it's\nSELECT \"x", "unterminated quoted identifier", 15);
}

/* --- comments and norm ----------------------------------------------- */

static void test_lexer__comments(void **state)
{
    (void)state;
    /* trailing comments are not part of sql (appending ';' stays safe) */
    SPLIT("SELECT 1 -- one\n;SELECT 2 /* two */;",
          {"SELECT 1", "SELECT 1", 0, 1}, {"SELECT 2", "SELECT 2", 17, 2});
    SPLIT("SELECT 1 -- no terminator", {"SELECT 1", "SELECT 1", 0, 1});
    SPLIT("SELECT 1; -- after\n/* after */",
          {"SELECT 1", "SELECT 1", 0, 1});
    /* leading comments are not part of sql either */
    SPLIT("-- a\n/* b */ SELECT 1;", {"SELECT 1", "SELECT 1", 13, 2});
    /* comments inside stay in sql and leave norm */
    SPLIT("SELECT /* ; 'x */ 1 -- ; \"y\n + 2;",
          {"SELECT /* ; 'x */ 1 -- ; \"y\n + 2", "SELECT 1 + 2", 0, 1});
    /* a comment between tokens separates them */
    SPLIT("SELECT/**/1", {"SELECT/**/1", "SELECT 1", 0, 1});
    /* an unterminated block comment runs to the end */
    SPLIT("SELECT 1 /* x; SELECT 2", {"SELECT 1", "SELECT 1", 0, 1});
    /* a single '-' or '/' is an operator */
    SPLIT("SELECT 4-1/2 - -1", {"SELECT 4-1/2 - -1", "SELECT 4-1/2 - -1",
                                 0, 1});
}

static void test_lexer__norm(void **state)
{
    (void)state;
    /* runs of blanks, tabs and newlines outside quotes become one space */
    SPLIT("  CREATE\tTABLE\r\n\n  t   (\n    x  int ,\n    y text\n  )  ;",
          {"CREATE\tTABLE\r\n\n  t   (\n    x  int ,\n    y text\n  )",
           "CREATE TABLE t ( x int , y text )", 2, 1});
    /* case is kept: norm is not a parser */
    SPLIT("select  1", {"select  1", "select 1", 0, 1});
    /* a comment and blanks together fold to one space */
    SPLIT("a /* c */ \n -- d\n b", {"a /* c */ \n -- d\n b", "a b", 0, 1});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexer__statements),
        cmocka_unit_test(test_lexer__empty),
        cmocka_unit_test(test_lexer__lines),
        cmocka_unit_test(test_lexer__length),
        cmocka_unit_test(test_lexer__quotes),
        cmocka_unit_test(test_lexer__unterminated),
        cmocka_unit_test(test_lexer__comments),
        cmocka_unit_test(test_lexer__norm),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
