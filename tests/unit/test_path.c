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
    /* A step down from a merge could go either way: refused, naming
     * the targets that are not ambiguous. */
    assert_resolve_fails(&f, "-1", STRATA_DOWN, all, STRATA_ERR_INVALID,
                         "target '-1' is ambiguous: the step down reaches "
                         "revision 'm', which merges a, b; name one: a, b");
    assert_resolve_fails(&f, "-3", STRATA_DOWN, all, STRATA_ERR_INVALID,
                         "target '-3' is ambiguous: the step down reaches "
                         "revision 'm', which merges a, b; name one: a-2, "
                         "b-2");
    assert_path(&f, "base", STRATA_DOWN, all, "m b a r0");
    /* A revision on one side: only what descends from it goes. */
    assert_path(&f, "a", STRATA_DOWN, all, "m");
    /* A step down one side: that side and what descends from it; the
     * other side stays, although r0 is its parent too. */
    assert_target(&f, "a-1", STRATA_DOWN, all, "r0");
    assert_path(&f, "a-1", STRATA_DOWN, all, "m a");
    assert_path(&f, "a-2", STRATA_DOWN, all, "m b a r0");
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
    /* b1 depends on z2: b1's row stands for both. */
    assert_rows(&f, all, "b1");
    /* Taking z2 away takes what depends on it ... */
    assert_path(&f, "z1", STRATA_DOWN, all, "b1 z2");
    assert_path(&f, "r0", STRATA_DOWN, all, "b1 z2 z1");
    /* ... but going down to z2 keeps it: b1 is no child of z2. */
    assert_path(&f, "z2", STRATA_DOWN, all, "");
    /* -1 from b1 takes b1 alone. */
    assert_target(&f, "-1", STRATA_DOWN, all, "r0");
    assert_path(&f, "-1", STRATA_DOWN, all, "b1");
    z = applied_of(&f, "z2");
    assert_rows(&f, z, "z2");
    assert_path(&f, "b1", STRATA_UP, z, "b1");
    assert_path(&f, "heads", STRATA_UP, z, "b1");
    free(all);
    free(z);
    fx_free(&f);
}

/* "-N" reverts N migrations at most. */
static void test_path__steps_revert_at_most_n(void **state)
{
    fx f = {0};
    unsigned char *z, *x;

    (void)state;
    /* a <- y <- z, y <- w, z depends on w; x, a root, depends on a. */
    add(&f, mkrev("a", NULL, NULL, NULL));
    add(&f, mkrev("y", "a", NULL, NULL));
    add(&f, mkrev("w", "y", NULL, NULL));
    add(&f, mkrev("z", "y", "w", NULL));
    add(&f, mkrev("x", NULL, "a", NULL));
    build_ok(&f);
    z = applied_of(&f, "z");
    assert_rows(&f, z, "z");
    assert_path(&f, "-1", STRATA_DOWN, z, "z");
    /* -2 lands on a, and taking y away takes w, which z depends on. */
    assert_resolve_fails(&f, "-2", STRATA_DOWN, z, STRATA_ERR_INVALID,
                         "target '-2' would revert 3 migrations, more than "
                         "2: z, w, y (a revision off the line depends on "
                         "one on it); name the revision to go to instead");
    /* Named, the same target is what was asked for. */
    assert_path(&f, "z-2", STRATA_DOWN, z, "z w y");
    /* Upgrading, the count does not apply. */
    assert_target(&f, "-2", STRATA_UP, z, "a");
    /* From a root that depends on another: the root alone, to base. */
    x = applied_of(&f, "x");
    assert_rows(&f, x, "x");
    assert_target(&f, "-1", STRATA_DOWN, x, "base");
    assert_path(&f, "-1", STRATA_DOWN, x, "x");
    assert_resolve_fails(&f, "-2", STRATA_DOWN, x, STRATA_ERR_NOTFOUND,
                         "target '-2' goes below base");
    free(z);
    free(x);
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
        cmocka_unit_test(test_path__steps_revert_at_most_n),
        cmocka_unit_test(test_path__base),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
