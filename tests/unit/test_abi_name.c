/* test_abi_name.c - abi/name.c: PostgreSQL's makeObjectName (63 bytes,
 * the longer part cut first, never inside a UTF-8 sequence) and the
 * derived constraint names every driver and the core write. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "abi/name.h"
#include "db/host.h"

static void object_name(const char *n1, const char *n2, const char *label,
                        const char *want)
{
    strata_buf b = {0};

    assert_int_equal(strata_abi_object_name(strata__host(), &b, n1, n2,
                                            label),
                     STRATA_OK);
    assert_string_equal(b.data, want);
    assert_true(b.len <= STRATA_ABI_IDENT_MAX);
    strata__buf_free(&b);
}

static void con_name(int kind, const char *table, const char *const *cols,
                     size_t n, unsigned long counter, const char *want)
{
    strata_buf b = {0};

    assert_int_equal(strata_abi_constraint_name(strata__host(), &b, kind,
                                                table, cols, n, counter),
                     STRATA_OK);
    assert_string_equal(b.data, want);
    strata__buf_free(&b);
}

static void test_abi_name__object_name(void **state)
{
    char a[80], c[80], want[80];

    (void)state;
    object_name("t", "a", "not_null", "t_a_not_null");
    object_name("t", NULL, "pkey", "t_pkey");
    object_name("", NULL, "check", "_check");
    /* 70 + 70 bytes share 63 - strlen("__key") = 58: 29 each */
    memset(a, 'a', 70);
    a[70] = '\0';
    memset(c, 'c', 70);
    c[70] = '\0';
    snprintf(want, sizeof want, "%.29s_%.29s_key", a, c);
    object_name(a, c, "key", want);
    /* the longer one loses bytes first: 10 stay whole, 48 of the other */
    snprintf(want, sizeof want, "short12345_%.48s_key", c);
    object_name("short12345", c, "key", want);
    /* two-byte letters: a cut falling inside one keeps the byte before */
    memset(a, 'x', 58);
    a[57] = '\xc3';
    a[58] = '\xa9';
    a[59] = '\0';
    snprintf(want, sizeof want, "%.57s_pkey", a);
    object_name(a, NULL, "pkey", want);
}

static void test_abi_name__constraint_name(void **state)
{
    const char *const ab[] = {"a", "b"}, *const one[] = {"a"};
    const char *const null_col[] = {NULL};
    char t[80], want[80];

    (void)state;
    con_name(STRATA_CON_PRIMARY_KEY, "t", ab, 2, 0, "t_pkey");
    con_name(STRATA_CON_UNIQUE, "t", ab, 2, 0, "t_a_b_key");
    con_name(STRATA_CON_FOREIGN_KEY, "t", ab, 2, 0, "t_a_b_fkey");
    /* a CHECK names its column only when it has exactly one */
    con_name(STRATA_CON_CHECK, "t", one, 1, 0, "t_a_check");
    con_name(STRATA_CON_CHECK, "t", ab, 2, 0, "t_check");
    con_name(STRATA_CON_CHECK, "t", NULL, 0, 0, "t_check");
    /* PostgreSQL's step around a taken name */
    con_name(STRATA_CON_CHECK, "t", NULL, 0, 2, "t_check2");
    con_name(STRATA_CON_UNIQUE, "t", ab, 2, 1, "t_a_b_key1");
    /* no table, a NULL column: both empty, and an empty column part is
     * left out with its '_' */
    con_name(STRATA_CON_UNIQUE, NULL, null_col, 1, 0, "_key");
    /* MySQL's PRIMARY gets <table>_pkey cut to 63 bytes */
    memset(t, 'y', 63);
    t[63] = '\0';
    snprintf(want, sizeof want, "%.58s_pkey", t);
    con_name(STRATA_CON_PRIMARY_KEY, t, NULL, 0, 0, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi_name__object_name),
        cmocka_unit_test(test_abi_name__constraint_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
