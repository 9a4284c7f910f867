/* test_sqltok.c - the standard SQL tokenizer: kinds, folded and unescaped
 * text, byte offsets, lines and columns, comments, unterminated input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"

/* One expected token. */
typedef struct want {
    int kind;
    const char *text;
    size_t offset, len;
    unsigned line, col;
} want;

#define W STRATA_TOK_WORD
#define Q STRATA_TOK_QUOTED
#define S STRATA_TOK_STRING
#define N STRATA_TOK_NUMBER
#define P STRATA_TOK_PUNCT
#define O STRATA_TOK_OTHER

static void scan(const char *sql, const want *w, size_t n)
{
    strata_toklist l;
    strata_error err = {0};
    int rc = strata__sqltok_scan(&l, sql, strlen(sql), &err);

    if (rc != STRATA_OK)
        fail_msg("scan failed (%d): %s", rc, err.msg ? err.msg : "?");
    assert_null(err.msg);
    if (l.count != n) {
        for (size_t i = 0; i < l.count; i++)
            print_message("  [%zu] %d '%s'\n", i, l.items[i].kind,
                          l.items[i].text);
        fail_msg("%zu tokens, want %zu, in: %s", l.count, n, sql);
    }
    for (size_t i = 0; i < n; i++) {
        const strata_tok *t = &l.items[i];

        assert_int_equal(t->kind, w[i].kind);
        assert_string_equal(t->text, w[i].text);
        assert_int_equal(t->offset, w[i].offset);
        assert_int_equal(t->len, w[i].len);
        assert_int_equal(t->line, w[i].line);
        assert_int_equal(t->col, w[i].col);
    }
    strata__sqltok_free(&l);
    assert_null(l.items);
    assert_int_equal(l.count, 0);
}

#define SCAN(sql, ...)                                                     \
    do {                                                                   \
        const want w_[] = {__VA_ARGS__};                                   \
        scan(sql, w_, sizeof w_ / sizeof w_[0]);                           \
    } while (0)

static void scan_fails(const char *sql, const char *msg)
{
    strata_toklist l = {(strata_tok *)1, 7};
    strata_error err = {0};

    assert_int_equal(strata__sqltok_scan(&l, sql, strlen(sql), &err),
                     STRATA_ERR_PARSE);
    assert_int_equal(err.code, STRATA_ERR_PARSE);
    assert_string_equal(err.msg, msg);
    assert_null(l.items);
    assert_int_equal(l.count, 0);
    strata__error_clear(&err);
}

static void test_sqltok__words_fold(void **state)
{
    (void)state;
    SCAN("CREATE Table users_2",
         {W, "create", 0, 6, 1, 1}, {W, "table", 7, 5, 1, 8},
         {W, "users_2", 13, 7, 1, 14});
    /* $ continues a word; bytes >= 0x80 are letters and are not folded */
    SCAN("a$b \xc3\x89t\xc3\xa9X",
         {W, "a$b", 0, 3, 1, 1}, {W, "\xc3\x89t\xc3\xa9x", 4, 6, 1, 5});
    {
        char on[] = "on";
        strata_tok w = {.kind = W, .text = on}, q = {.kind = Q, .text = on};

        assert_true(strata__sqltok_is(&w, "on"));
        assert_false(strata__sqltok_is(&w, "o"));
        assert_false(strata__sqltok_is(&q, "on"));
        assert_false(strata__sqltok_is(NULL, "on"));
    }
}

static void test_sqltok__quoted(void **state)
{
    (void)state;
    /* case kept, "" unescaped, offsets and lengths cover the quotes */
    SCAN("\"My \"\"T\"\"\".\"x\"",
         {Q, "My \"T\"", 0, 10, 1, 1}, {P, ".", 10, 1, 1, 11},
         {Q, "x", 11, 3, 1, 12});
    SCAN("\"\"", {Q, "", 0, 2, 1, 1});
    /* quotes hide comment starters, semicolons and parentheses */
    SCAN("\"a--b;(\"", {Q, "a--b;(", 0, 8, 1, 1});
}

static void test_sqltok__strings(void **state)
{
    (void)state;
    SCAN("'it''s; (a, b)' 'x'",
         {S, "it's; (a, b)", 0, 15, 1, 1}, {S, "x", 16, 3, 1, 17});
    SCAN("''", {S, "", 0, 2, 1, 1});
    /* a string over two lines: the next token counts from the new line */
    SCAN("'a\nb' c", {S, "a\nb", 0, 5, 1, 1}, {W, "c", 6, 1, 2, 4});
}

static void test_sqltok__numbers_punct(void **state)
{
    (void)state;
    SCAN("1 1.5 .5 1e-3 2E+10 3.",
         {N, "1", 0, 1, 1, 1}, {N, "1.5", 2, 3, 1, 3},
         {N, ".5", 6, 2, 1, 7}, {N, "1e-3", 9, 4, 1, 10},
         {N, "2E+10", 14, 5, 1, 15}, {N, "3.", 20, 2, 1, 21});
    SCAN("a::text<=b<>c||d->>e;(,)",
         {W, "a", 0, 1, 1, 1}, {P, "::", 1, 2, 1, 2},
         {W, "text", 3, 4, 1, 4}, {P, "<=", 7, 2, 1, 8},
         {W, "b", 9, 1, 1, 10}, {P, "<>", 10, 2, 1, 11},
         {W, "c", 12, 1, 1, 13}, {P, "||", 13, 2, 1, 14},
         {W, "d", 15, 1, 1, 16}, {P, "->>", 16, 3, 1, 17},
         {W, "e", 19, 1, 1, 20}, {P, ";", 20, 1, 1, 21},
         {P, "(", 21, 1, 1, 22}, {P, ",", 22, 1, 1, 23},
         {P, ")", 23, 1, 1, 24});
    /* a single '-' and '/' are operators */
    SCAN("4-1/2", {N, "4", 0, 1, 1, 1}, {P, "-", 1, 1, 1, 2},
         {N, "1", 2, 1, 1, 3}, {P, "/", 3, 1, 1, 4}, {N, "2", 4, 1, 1, 5});
}

static void test_sqltok__comments(void **state)
{
    (void)state;
    SCAN("a -- one ; 'x\n/* two\n ( */ b/**/c",
         {W, "a", 0, 1, 1, 1}, {W, "b", 27, 1, 3, 7},
         {W, "c", 32, 1, 3, 12});
    scan("-- only a comment", NULL, 0);
    scan("", NULL, 0);
}

static void test_sqltok__positions(void **state)
{
    (void)state;
    /* lines count '\n'; columns are bytes from the line start, tabs
     * and '\r' one byte each */
    SCAN("CREATE\r\n\tTABLE t\n\n  (x)",
         {W, "create", 0, 6, 1, 1}, {W, "table", 9, 5, 2, 2},
         {W, "t", 15, 1, 2, 8}, {P, "(", 20, 1, 4, 3},
         {W, "x", 21, 1, 4, 4}, {P, ")", 22, 1, 4, 5});
}

static void test_sqltok__other(void **state)
{
    (void)state;
    /* what a standard lexer cannot read, the parser must not trust */
    SCAN("`a``b` $1 \\ # E'x' U&\"y\"",
         {O, "`a``b`", 0, 6, 1, 1}, {O, "$", 7, 1, 1, 8},
         {N, "1", 8, 1, 1, 9}, {O, "\\", 10, 1, 1, 11},
         {O, "#", 12, 1, 1, 13}, {O, "e", 14, 1, 1, 15},
         {S, "x", 15, 3, 1, 16}, {O, "u", 19, 1, 1, 20},
         {P, "&", 20, 1, 1, 21}, {Q, "y", 21, 3, 1, 22});
    /* a word that merely ends in e is a word */
    SCAN("type'x'", {W, "type", 0, 4, 1, 1}, {S, "x", 4, 3, 1, 5});
}

static void test_sqltok__unterminated(void **state)
{
    (void)state;
    scan_fails("SELECT 'abc", "1:8: unterminated string literal");
    scan_fails("a\n  \"x", "2:3: unterminated quoted identifier");
    scan_fails("'it''s", "1:1: unterminated string literal");
    scan_fails("x /* never", "1:3: unterminated comment");
    scan_fails("`t", "1:1: unterminated backtick identifier");
}

/* Every token's text shares one arena of 2 * len + 1 bytes: input made
 * only of one-byte tokens takes 2 * len of them and must still scan
 * whole, its last token intact (a short arena is "out of memory"). */
static void test_sqltok__arena_fills(void **state)
{
    static const char *const inputs[] = {",;(),.[]", "'',", "a\\b$#"};

    (void)state;
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        char sql[4001], last[2] = {0};
        size_t n = strlen(inputs[k]);
        strata_toklist l;
        strata_error err = {0};

        for (size_t i = 0; i + n < sizeof sql; i += n)
            memcpy(sql + i, inputs[k], n);
        sql[(sizeof sql - 1) / n * n] = '\0';
        assert_int_equal(strata__sqltok_scan(&l, sql, strlen(sql), &err),
                         STRATA_OK);
        last[0] = sql[strlen(sql) - 1];
        assert_true(l.count > 0);
        assert_string_equal(l.items[l.count - 1].text, last);
        strata__sqltok_free(&l);
        assert_null(l.arena);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqltok__words_fold),
        cmocka_unit_test(test_sqltok__quoted),
        cmocka_unit_test(test_sqltok__strings),
        cmocka_unit_test(test_sqltok__numbers_punct),
        cmocka_unit_test(test_sqltok__comments),
        cmocka_unit_test(test_sqltok__positions),
        cmocka_unit_test(test_sqltok__other),
        cmocka_unit_test(test_sqltok__unterminated),
        cmocka_unit_test(test_sqltok__arena_fills),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
