/* test_path.c - path planning: the revisions an upgrade or downgrade
 * runs, in order, from an applied set to a target. */
#include "graph_fixture.h"

/* --- a diamond: branch and merge --------------------------------------- */

static void test_path__upgrade(void **state)
{
    fx f = {0};
    unsigned char *none, *one;

    (void)state;
    diamond(&f);
    none = applied_of(&f, NULL);
    assert_applied(&f, none, "");
    assert_path(&f, "head", STRATA_UP, none, "r0 a b m");
    assert_path(&f, "a", STRATA_UP, none, "r0 a");

    /* One branch applied: the other branch and the merge remain. */
    one = applied_of(&f, "a");
    assert_applied(&f, one, "r0 a");
    assert_rows(&f, one, "a");
    assert_path(&f, "head", STRATA_UP, one, "b m");
    assert_target(&f, "+1", STRATA_UP, one, "m");
    assert_path(&f, "+1", STRATA_UP, one, "b m");
    free(none);
    free(one);
    fx_free(&f);
}

static void test_path__downgrade(void **state)
{
    fx f = {0};
    unsigned char *all;

    (void)state;
    diamond(&f);
    all = applied_of(&f, "m");
    assert_applied(&f, all, "r0 a b m");
    assert_rows(&f, all, "m");
    /* To the base revision: both branches and the merge go. */
    assert_path(&f, "r0", STRATA_DOWN, all, "m b a");
    /* -1 from a merge means both parents: only the merge goes. */
    assert_target(&f, "-1", STRATA_DOWN, all, "b a");
    assert_path(&f, "-1", STRATA_DOWN, all, "m");
    assert_target(&f, "-2", STRATA_DOWN, all, "r0");
    assert_target(&f, "-3", STRATA_DOWN, all, "base");
    assert_path(&f, "-3", STRATA_DOWN, all, "m b a r0");
    assert_path(&f, "base", STRATA_DOWN, all, "m b a r0");
    assert_resolve_fails(&f, "-4", STRATA_DOWN, all, STRATA_ERR_NOTFOUND,
                         "target '-4' goes below base");
    /* A revision on one side: only what descends from it goes. */
    assert_path(&f, "a", STRATA_DOWN, all, "m");
    free(all);
    fx_free(&f);
}

/* --- depends across branches, base ------------------------------------ */

static void test_path__depends(void **state)
{
    fx f = {0};
    unsigned char *all, *z;

    (void)state;
    depends(&f);
    /* The row b1 implies z1 and z2 through the depends. */
    all = applied_of(&f, "b1");
    assert_applied(&f, all, "r0 z1 z2 b1");
    /* z2 is not b1's parent: its row stays. */
    assert_rows(&f, all, "b1 z2");
    /* Taking z1 away takes what depends on it. */
    assert_path(&f, "z1", STRATA_DOWN, all, "b1 z2");
    assert_path(&f, "r0", STRATA_DOWN, all, "b1 z2 z1");
    z = applied_of(&f, "z2");
    assert_rows(&f, z, "z2");
    assert_path(&f, "b1", STRATA_UP, z, "b1");
    assert_path(&f, "heads", STRATA_UP, z, "b1");
    free(all);
    free(z);
    fx_free(&f);
}

static void test_path__base(void **state)
{
    fx f = {0};
    unsigned char *all;
    strata_target t;
    size_t *p, n;

    (void)state;
    diamond(&f);
    all = applied_of(&f, "m");
    assert_int_equal(strata__graph_resolve(f.g, "base", STRATA_UP, all, &t,
                                           &f.err),
                     STRATA_OK);
    assert_int_equal(t.is_base, 1);
    assert_null(t.revs);
    assert_int_equal(strata__graph_upgrade_path(f.g, &t, NULL, &p, &n),
                     STRATA_OK);
    assert_int_equal(n, 0);
    free(p);
    strata__target_free(&t);
    assert_path(&f, "base", STRATA_DOWN, NULL, "");
    free(all);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path__upgrade),
        cmocka_unit_test(test_path__downgrade),
        cmocka_unit_test(test_path__depends),
        cmocka_unit_test(test_path__base),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
