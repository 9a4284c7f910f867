/* test_target.c - the target grammar: names, prefixes, BRANCH@head and
 * relative steps resolved on hand-built graphs, and their messages. */
#include "graph_fixture.h"

/* --- relative steps ---------------------------------------------------- */

static void test_target__steps(void **state)
{
    fx f = {0};
    unsigned char *base, *none;

    (void)state;
    diamond(&f);
    none = applied_of(&f, NULL);
    base = applied_of(&f, "r0");
    assert_target(&f, "+1", STRATA_UP, none, "r0");
    assert_resolve_fails(&f, "+1", STRATA_UP, base, STRATA_ERR_INVALID,
                         "target '+1': revision 'r0' has several children:"
                         " a, b; name one");
    assert_resolve_fails(&f, "+3", STRATA_UP, none, STRATA_ERR_INVALID,
                         "target '+3': revision 'r0' has several children:"
                         " a, b; name one");
    assert_target(&f, "a+1", STRATA_UP, NULL, "m");
    assert_resolve_fails(&f, "m+1", STRATA_UP, NULL, STRATA_ERR_NOTFOUND,
                         "target 'm+1' goes past the head: revision 'm' "
                         "has no child");
    assert_resolve_fails(&f, "m-1", STRATA_DOWN, NULL, STRATA_ERR_INVALID,
                         "target 'm-1' is ambiguous: the step down reaches "
                         "revision 'm', which merges a, b; name one: a, b");
    assert_resolve_fails(&f, "head-2", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         "target 'head-2' is ambiguous: the step down "
                         "reaches revision 'm', which merges a, b; name "
                         "one: a-1, b-1");
    assert_target(&f, "b-1", STRATA_DOWN, NULL, "r0");
    assert_resolve_fails(&f, "+0", STRATA_UP, none, STRATA_ERR_INVALID,
                         "relative target '+0' must move at least one "
                         "step");
    free(none);
    free(base);
    fx_free(&f);
}

static void test_target__relative_needs_applied(void **state)
{
    fx f = {0};

    (void)state;
    diamond(&f);
    assert_resolve_fails(&f, "+1", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         "relative target '+1' needs the database's "
                         "current revision; name a revision instead");
    assert_resolve_fails(&f, "-1", STRATA_DOWN, NULL, STRATA_ERR_INVALID,
                         "relative target '-1' needs the database's "
                         "current revision; name a revision instead");
    assert_target(&f, "head", STRATA_UP, NULL, "m");
    fx_free(&f);
}

static void test_target__several_bases(void **state)
{
    fx f = {0};
    unsigned char *none;

    (void)state;
    add(&f, mkrev("b", NULL, NULL, NULL));
    add(&f, mkrev("a", NULL, NULL, NULL));
    add(&f, mkrev("c", "a,b", NULL, NULL));
    build_ok(&f);
    none = applied_of(&f, NULL);
    assert_resolve_fails(&f, "+1", STRATA_UP, none, STRATA_ERR_INVALID,
                         "target '+1': several bases: a, b; name one");
    assert_resolve_fails(&f, "-1", STRATA_DOWN, none, STRATA_ERR_NOTFOUND,
                         "target '-1' goes below base");
    assert_path(&f, "c", STRATA_UP, none, "a b c");
    free(none);
    fx_free(&f);
}

/* --- heads and branches ------------------------------------------------ */

static void test_target__two_heads(void **state)
{
    fx f = {0};
    unsigned char *all;
    const size_t *v;
    size_t n;

    (void)state;
    two_heads(&f);
    v = strata__graph_heads(f.g, &n);
    assert_ids(f.g, v, n, "a2 b");
    assert_ids(f.g, strata__graph_order(f.g), 4, "r0 a a2 b");
    assert_resolve_fails(&f, "head", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         "several heads: a2, b; name one, use BRANCH@head, "
                         "or 'heads'");
    assert_resolve_fails(&f, "head-1", STRATA_DOWN, NULL,
                         STRATA_ERR_INVALID,
                         "several heads: a2, b; name one, use BRANCH@head, "
                         "or 'heads'");
    assert_target(&f, "heads", STRATA_UP, NULL, "b a2");
    assert_path(&f, "heads", STRATA_UP, NULL, "r0 a a2 b");
    assert_resolve_fails(&f, "heads", STRATA_DOWN, NULL, STRATA_ERR_INVALID,
                         "'heads' is not a downgrade target; name a "
                         "revision, 'base' or -N");

    all = applied_of(&f, "b,a2");
    assert_rows(&f, all, "a2 b");
    assert_resolve_fails(&f, "+1", STRATA_UP, all, STRATA_ERR_INVALID,
                         "target '+1' needs one revision to start from, "
                         "but there are several: a2, b; name one");
    /* -1 from two heads: which one? */
    assert_resolve_fails(&f, "-1", STRATA_DOWN, all, STRATA_ERR_INVALID,
                         "target '-1' is ambiguous: the database has "
                         "several heads: a2 (pay), b; name one: a2-1, b-1");
    assert_resolve_fails(&f, "heads-2", STRATA_UP, all, STRATA_ERR_INVALID,
                         "target 'heads-2' is ambiguous: it starts from "
                         "several revisions: a2 (pay), b; name one: a2-2, "
                         "b-2");
    /* Named, one line goes down and the other stays. */
    assert_path(&f, "a2-1", STRATA_DOWN, all, "a2");
    assert_path(&f, "a2-2", STRATA_DOWN, all, "a2 a");
    assert_path(&f, "b-1", STRATA_DOWN, all, "b");
    free(all);
    fx_free(&f);
}

static void test_target__branch_head(void **state)
{
    fx f = {0};

    (void)state;
    two_heads(&f);
    assert_target(&f, "pay@head", STRATA_UP, NULL, "a2");
    assert_path(&f, "pay@head", STRATA_UP, NULL, "r0 a a2");
    assert_target(&f, "pay@head-1", STRATA_DOWN, NULL, "a");
    /* Without a label, a revision (or prefix) names the branch. */
    assert_target(&f, "b@head", STRATA_UP, NULL, "b");
    assert_resolve_fails(&f, "core@head", STRATA_UP, NULL,
                         STRATA_ERR_INVALID,
                         "several heads on branch 'core': a2, b; name one");
    assert_resolve_fails(&f, "nope@head", STRATA_UP, NULL,
                         STRATA_ERR_NOTFOUND,
                         "unknown branch 'nope' in target 'nope@head': no "
                         "branch label or revision of that name");
    assert_resolve_fails(&f, "pay@base", STRATA_UP, NULL,
                         STRATA_ERR_INVALID,
                         "unsupported target 'pay@base': after '@' only "
                         "'head' is understood (BRANCH@head)");
    fx_free(&f);
}

/* --- targets by name --------------------------------------------------- */

static void test_target__names(void **state)
{
    fx f = {0};

    (void)state;
    add(&f, mkrev("abc", NULL, NULL, NULL));
    add(&f, mkrev("abd", "abc", NULL, NULL));
    add(&f, mkrev("abcd", "abd", NULL, NULL));
    add(&f, mkrev("zz9", "abcd", NULL, NULL));
    add(&f, mkrev("v-1a", "zz9", NULL, NULL));
    build_ok(&f);
    /* An exact id wins over being a prefix of others. */
    assert_target(&f, "abc", STRATA_UP, NULL, "abc");
    assert_target(&f, "abcd", STRATA_UP, NULL, "abcd");
    assert_target(&f, "z", STRATA_UP, NULL, "zz9");
    assert_resolve_fails(&f, "ab", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         "ambiguous revision prefix 'ab': abc, abcd, abd");
    assert_resolve_fails(&f, "zzz", STRATA_UP, NULL, STRATA_ERR_NOTFOUND,
                         "unknown target 'zzz': no revision, prefix or "
                         "branch of that name; did you mean 'zz9'? "
                         "(targets: head, heads, base, BRANCH@head, +N, -N, "
                         "REV+N, REV-N, or a revision: abc, abd, abcd, zz9, "
                         "v-1a)");
    assert_resolve_fails(&f, "zzz-1", STRATA_UP, NULL, STRATA_ERR_NOTFOUND,
                         "unknown target 'zzz-1': no revision, prefix or "
                         "branch of that name (targets: head, heads, base, "
                         "BRANCH@head, +N, -N, REV+N, REV-N, or a revision: "
                         "abc, abd, abcd, zz9, v-1a)");
    assert_resolve_fails(&f, "ab+1", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         "ambiguous revision prefix 'ab': abc, abcd, abd");
    assert_resolve_fails(&f, "", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         "empty target");
    /* Ids may hold '-': a whole-spec prefix is read before REV-N. */
    assert_target(&f, "v-1", STRATA_UP, NULL, "v-1a");
    assert_target(&f, "abcd-1", STRATA_UP, NULL, "abd");
    assert_target(&f, "zz+1", STRATA_UP, NULL, "v-1a");
    assert_target(&f, "head", STRATA_DOWN, NULL, "v-1a");
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target__steps),
        cmocka_unit_test(test_target__relative_needs_applied),
        cmocka_unit_test(test_target__several_bases),
        cmocka_unit_test(test_target__two_heads),
        cmocka_unit_test(test_target__branch_head),
        cmocka_unit_test(test_target__names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
