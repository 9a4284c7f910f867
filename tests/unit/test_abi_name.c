/* test_abi_name.c - abi/name.c: cuts that never split a UTF-8 sequence,
 * PostgreSQL's makeObjectName (63 bytes or the engine's shorter limit,
 * the longer part cut first) and the derived constraint names every
 * driver and the core write. */
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
                                            label, STRATA_ABI_NAME_MAX),
                     STRATA_OK);
    assert_string_equal(b.data, want);
    assert_true(b.len <= STRATA_ABI_NAME_MAX);
    strata__buf_free(&b);
}

static void con_name_max(int kind, const char *table,
                         const char *const *cols, size_t n,
                         unsigned long counter, size_t max, const char *want)
{
    strata_buf b = {0};

    assert_int_equal(strata_abi_constraint_name(strata__host(), &b, kind,
                                                table, cols, n, counter,
                                                max),
                     STRATA_OK);
    assert_string_equal(b.data, want);
    strata__buf_free(&b);
}

static void con_name(int kind, const char *table, const char *const *cols,
                     size_t n, unsigned long counter, const char *want)
{
    con_name_max(kind, table, cols, n, counter, STRATA_ABI_NAME_MAX, want);
}

/* PostgreSQL's pg_mbcliplen, and MySQL's count in characters. */
static void test_abi_name__clip(void **state)
{
    const char *s = "ab\xc3\xa9" "cd"; /* a b é c d: 6 bytes, 5 letters */

    (void)state;
    assert_int_equal(strata_abi_clip(s, 6, 0, 0), 6);  /* no limit */
    assert_int_equal(strata_abi_clip(s, 6, 6, 0), 6);  /* fits */
    assert_int_equal(strata_abi_clip(s, 6, 4, 0), 4);  /* after é */
    assert_int_equal(strata_abi_clip(s, 6, 3, 0), 2);  /* never inside é */
    assert_int_equal(strata_abi_clip(s, 6, 5, 1), 6);  /* 5 letters fit */
    assert_int_equal(strata_abi_clip(s, 6, 4, 1), 5);  /* a b é c */
    assert_int_equal(strata_abi_clip(s, 6, 3, 1), 4);  /* a b é */
    assert_int_equal(strata_abi_name_max(0), STRATA_ABI_NAME_MAX);
    assert_int_equal(strata_abi_name_max(64), STRATA_ABI_NAME_MAX);
    assert_int_equal(strata_abi_name_max(63), 63);
    assert_int_equal(strata_abi_name_max(31), 31);
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
    /* a shorter limit cuts shorter: 31 bytes (Firebird 3) */
    snprintf(want, sizeof want, "%.26s_pkey", t);
    con_name_max(STRATA_CON_PRIMARY_KEY, t, NULL, 0, 0, 31, want);
    con_name_max(STRATA_CON_UNIQUE, "t", ab, 2, 0, 31, "t_a_b_key");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi_name__clip),
        cmocka_unit_test(test_abi_name__object_name),
        cmocka_unit_test(test_abi_name__constraint_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
