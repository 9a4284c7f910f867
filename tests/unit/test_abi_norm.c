/* test_abi_norm.c - abi/norm.c: the checksum text of a statement from
 * any lexer: blank runs folded to one space and dropped at the ends,
 * other tokens byte for byte, the end of the last token reported. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "abi/norm.h"
#include "db/host.h"

/* A small lexer: '#' to end of line is a comment, '...' a quoted run
 * (to the end when unterminated), spaces and newlines blank, anything
 * else one character.  ctx counts the calls. */
static size_t lex(void *ctx, const char *s, size_t end, size_t i,
                  int *blank)
{
    size_t j = i + 1;

    if (ctx)
        (*(int *)ctx)++;
    *blank = 1;
    if (s[i] == '#') {
        while (j < end && s[j] != '\n')
            j++;
        return j;
    }
    if (s[i] == ' ' || s[i] == '\n')
        return j;
    *blank = 0;
    if (s[i] == '\'') {
        while (j < end && s[j] != '\'')
            j++;
        return j < end ? j + 1 : end;
    }
    return j;
}

/* A broken lexer that never moves on. */
static size_t stuck(void *ctx, const char *s, size_t end, size_t i,
                    int *blank)
{
    (void)ctx, (void)s, (void)end;
    *blank = 0;
    return i;
}

static void norm(const char *s, size_t start, size_t end, const char *want,
                 size_t want_last)
{
    size_t last = (size_t)-1;
    int calls = 0;
    char *n = strata_abi_norm(strata__host(), s, start, end, lex, &calls,
                              &last);

    assert_non_null(n);
    assert_string_equal(n, want);
    assert_int_equal(last, want_last);
    assert_true(calls > 0);
    free(n);
}

static void test_abi_norm__fold(void **state)
{
    (void)state;
    norm("a  b", 0, 4, "a b", 4);
    norm("a # note\n  b", 0, 12, "a b", 12);
    norm("a#x\nb", 0, 5, "a b", 5);
    /* quoted runs are kept byte for byte, blanks inside included */
    norm("x = 'a  # b'", 0, 12, "x = 'a  # b'", 12);
    /* blanks at either end are dropped; last is the last token's end */
    norm("  a b  # tail", 0, 13, "a b", 5);
    /* only the range is read */
    norm("zz a b zz", 3, 6, "a b", 6);
    /* an unterminated quote ends the text */
    norm("a 'open", 0, 7, "a 'open", 7);
}

static void test_abi_norm__blank(void **state)
{
    (void)state;
    norm("   # only a comment", 0, 19, "", 0);
    norm("xx   ", 2, 5, "", 2);
}

static void test_abi_norm__stuck_lexer(void **state)
{
    size_t last;
    char *n = strata_abi_norm(strata__host(), "abc", 0, 3, stuck, NULL,
                              &last);

    (void)state;
    assert_non_null(n);
    assert_string_equal(n, "abc");
    assert_int_equal(last, 3);
    free(n);
    /* last is optional */
    n = strata_abi_norm(strata__host(), "a b", 0, 3, lex, NULL, NULL);
    assert_string_equal(n, "a b");
    free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi_norm__fold),
        cmocka_unit_test(test_abi_norm__blank),
        cmocka_unit_test(test_abi_norm__stuck_lexer),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
