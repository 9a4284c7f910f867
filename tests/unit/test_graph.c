/* test_graph.c - the revision DAG: build errors, order, heads, applied
 * sets, on hand-built revisions; and targets and paths on 10,000-node
 * graphs, where speed matters. */
#include <time.h>

#include "graph_fixture.h"

/* --- shape, order, applied sets ----------------------------------------- */

static void test_graph__diamond_shape(void **state)
{
    fx f = {0};
    const size_t *v;
    size_t n;

    (void)state;
    diamond(&f);
    assert_int_equal(strata__graph_count(f.g), 4);
    assert_int_equal(strata__graph_find(f.g, "a"), 3);
    assert_int_equal(strata__graph_find(f.g, "zz"), -1);
    assert_string_equal(strata__graph_rev(f.g, 2)->id, "r0");
    assert_ids(f.g, strata__graph_order(f.g), 4, "r0 a b m");
    v = strata__graph_heads(f.g, &n);
    assert_ids(f.g, v, n, "m");
    v = strata__graph_bases(f.g, &n);
    assert_ids(f.g, v, n, "r0");
    fx_free(&f);
}

static void test_graph__depends_order(void **state)
{
    fx f = {0};
    const size_t *v;
    size_t n;
    unsigned char set[4] = {0};

    (void)state;
    depends(&f);
    assert_ids(f.g, strata__graph_order(f.g), 4, "r0 z1 z2 b1");
    /* A revision only depended on is still a head. */
    v = strata__graph_heads(f.g, &n);
    assert_ids(f.g, v, n, "b1 z2");
    v = strata__graph_bases(f.g, &n);
    assert_ids(f.g, v, n, "r0");
    assert_path(&f, "b1", STRATA_UP, NULL, "r0 z1 z2 b1");

    strata__graph_ancestors(f.g, (size_t)strata__graph_find(f.g, "b1"),
                            set);
    assert_applied(&f, set, "r0 z1 z2");
    memset(set, 0, sizeof set);
    strata__graph_descendants(f.g, (size_t)strata__graph_find(f.g, "z1"),
                              set);
    assert_applied(&f, set, "z2 b1");
    fx_free(&f);
}

static void test_graph__empty(void **state)
{
    fx f = {0};
    size_t n = 99;

    (void)state;
    build_ok(&f);
    assert_int_equal(strata__graph_count(f.g), 0);
    strata__graph_heads(f.g, &n);
    assert_int_equal(n, 0);
    assert_target(&f, "head", STRATA_UP, NULL, "base");
    assert_path(&f, "heads", STRATA_UP, NULL, "");
    assert_resolve_fails(&f, "a", STRATA_UP, NULL, STRATA_ERR_NOTFOUND,
                         "unknown target 'a': no revision, prefix or "
                         "branch of that name (targets: head, heads, base, "
                         "BRANCH@head, +N, -N, REV+N, REV-N, or a "
                         "revision)");
    fx_free(&f);
}

static void test_graph__applied_unknown_row(void **state)
{
    fx f = {0};
    const char *rows[] = {"a", "zzz"};
    unsigned char a[4];

    (void)state;
    diamond(&f);
    assert_int_equal(strata__graph_applied(f.g, rows, 2, a, &f.err),
                     STRATA_ERR_NOTFOUND);
    assert_string_equal(f.err.msg, "database is at revision 'zzz', which "
                                   "is not in the migrations directory");
    fx_free(&f);
}

/* --- build errors ------------------------------------------------------ */

static void test_graph__error_duplicate(void **state)
{
    fx f = {0};

    (void)state;
    add(&f, mkrev_at("migrations/a.sql", "a", NULL, NULL, NULL));
    add(&f, mkrev_at("migrations/b.sql", "a", NULL, NULL, NULL));
    build_fails(&f, STRATA_ERR_PARSE,
                "migrations/b.sql:1: duplicate revision 'a' (also defined "
                "in migrations/a.sql:1)");
    fx_free(&f);
}

static void test_graph__error_missing(void **state)
{
    fx f = {0};

    (void)state;
    add(&f, mkrev("a", NULL, NULL, NULL));
    add(&f, mkrev("b", "a,x", NULL, NULL));
    build_fails(&f, STRATA_ERR_PARSE,
                "migrations/b.sql:2: revision 'b' revises 'x', which does "
                "not exist");
    fx_free(&f);

    add(&f, mkrev("a", NULL, NULL, NULL));
    add(&f, mkrev("b", "a", "x", NULL));
    build_fails(&f, STRATA_ERR_PARSE,
                "migrations/b.sql:3: revision 'b' depends on 'x', which "
                "does not exist");
    fx_free(&f);
}

static void test_graph__error_cycle(void **state)
{
    fx f = {0};

    (void)state;
    /* Something before and after the cycle, which it must not name. */
    add(&f, mkrev("r0", NULL, NULL, NULL));
    add(&f, mkrev("c", "b", NULL, NULL));
    add(&f, mkrev("b", "a", NULL, NULL));
    add(&f, mkrev("a", "c,r0", NULL, NULL));
    add(&f, mkrev("d", "c", NULL, NULL));
    build_fails(&f, STRATA_ERR_PARSE,
                "cycle in revisions: a -> b -> c -> a (migrations/a.sql, "
                "migrations/b.sql, migrations/c.sql)");
    fx_free(&f);

    add(&f, mkrev("a", "a", NULL, NULL));
    build_fails(&f, STRATA_ERR_PARSE,
                "cycle in revisions: a -> a (migrations/a.sql)");
    fx_free(&f);

    /* Through a depends. */
    add(&f, mkrev("r0", NULL, NULL, NULL));
    add(&f, mkrev("a", "r0", "b", NULL));
    add(&f, mkrev("b", "a", NULL, NULL));
    build_fails(&f, STRATA_ERR_PARSE,
                "cycle in revisions: a -> b -> a (migrations/a.sql, "
                "migrations/b.sql)");
    fx_free(&f);
}

static void test_graph__error_branch(void **state)
{
    fx f = {0};

    (void)state;
    add(&f, mkrev("a", NULL, NULL, "pay"));
    add(&f, mkrev("b", "a", NULL, "other"));
    add(&f, mkrev("c", "b", NULL, "pay"));
    build_fails(&f, STRATA_ERR_PARSE,
                "migrations/c.sql:4: branch label 'pay' is already used by "
                "revision 'a' (migrations/a.sql:4)");
    fx_free(&f);
}

/* --- 10,000 revisions -------------------------------------------------- */

#define BIG 10000

/* Under valgrind everything is ~50x slower: skip the time limits. */
static int timed(void)
{
    const char *p = getenv("LD_PRELOAD");

    return !(p && strstr(p, "vgpreload"));
}

static double seconds(clock_t since)
{
    return (double)(clock() - since) / CLOCKS_PER_SEC;
}

static void chain_id(char *out, size_t size, size_t i)
{
    snprintf(out, size, "c%05zu_%04x", i,
             (unsigned)((i * 2654435761u) >> 7) & 0xffffu);
}

/* A linear chain added in a scrambled order. */
static void chain(fx *f)
{
    size_t perm[BIG];
    uint32_t seed = 12345;

    for (size_t i = 0; i < BIG; i++)
        perm[i] = i;
    for (size_t i = BIG - 1; i > 0; i--) {
        size_t j, t;

        seed = seed * 1103515245u + 12345u;
        j = (seed >> 8) % (i + 1);
        t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (size_t k = 0; k < BIG; k++) {
        char id[32], parent[32];
        size_t i = perm[k];

        chain_id(id, sizeof id, i);
        if (i)
            chain_id(parent, sizeof parent, i - 1);
        add(f, mkrev(id, i ? parent : NULL, NULL, NULL));
    }
}

static void test_graph__chain(void **state)
{
    fx f = {0};
    char id[32], spec[48], want[256];
    const size_t *order, *v;
    size_t n, *p;
    unsigned char *none, *all;
    strata_target t;
    clock_t start;

    (void)state;
    chain(&f);
    start = clock();
    build_ok(&f);
    none = calloc(BIG, 1);
    assert_non_null(none);
    assert_int_equal(strata__graph_resolve(f.g, "head", STRATA_UP, none, &t,
                                           &f.err),
                     STRATA_OK);
    assert_int_equal(strata__graph_upgrade_path(f.g, &t, none, &p, &n),
                     STRATA_OK);
    if (timed())
        assert_true(seconds(start) < 1.0);
    assert_int_equal(n, BIG);
    order = strata__graph_order(f.g);
    for (size_t i = 0; i < BIG; i++) {
        chain_id(id, sizeof id, i);
        assert_string_equal(strata__graph_rev(f.g, order[i])->id, id);
        assert_int_equal(p[i], order[i]);
    }
    free(p);
    strata__target_free(&t);

    v = strata__graph_heads(f.g, &n);
    chain_id(id, sizeof id, BIG - 1);
    assert_ids(f.g, v, n, id);
    v = strata__graph_bases(f.g, &n);
    chain_id(id, sizeof id, 0);
    assert_ids(f.g, v, n, id);

    /* Relative steps. */
    chain_id(id, sizeof id, 2);
    assert_target(&f, "+3", STRATA_UP, none, id);
    chain_id(want, sizeof want, 0);
    chain_id(id, sizeof id, 1);
    strcat(want, " ");
    strcat(want, id);
    chain_id(id, sizeof id, 2);
    strcat(want, " ");
    strcat(want, id);
    assert_path(&f, "+3", STRATA_UP, none, want);

    chain_id(id, sizeof id, BIG - 1);
    all = applied_of(&f, id);
    assert_rows(&f, all, id);
    assert_path(&f, "-1", STRATA_DOWN, all, id);
    chain_id(id, sizeof id, BIG - 2);
    assert_target(&f, "-1", STRATA_DOWN, all, id);
    chain_id(id, sizeof id, BIG - 3);
    assert_target(&f, "head-2", STRATA_DOWN, all, id);
    chain_id(id, sizeof id, 102);
    assert_target(&f, "c00100+2", STRATA_UP, NULL, id);
    chain_id(id, sizeof id, 100);
    snprintf(spec, sizeof spec, "%s-2", id);
    chain_id(id, sizeof id, 98);
    assert_target(&f, spec, STRATA_DOWN, NULL, id);

    start = clock();
    assert_int_equal(strata__graph_resolve(f.g, "base", STRATA_DOWN, all,
                                           &t, &f.err),
                     STRATA_OK);
    assert_int_equal(strata__graph_downgrade_path(f.g, &t, all, &p, &n),
                     STRATA_OK);
    if (timed())
        assert_true(seconds(start) < 1.0);
    assert_int_equal(n, BIG);
    for (size_t i = 0; i < BIG; i++)
        assert_int_equal(p[i], order[BIG - 1 - i]);
    free(p);
    strata__target_free(&t);
    assert_resolve_fails(&f, "-10001", STRATA_DOWN, all,
                         STRATA_ERR_NOTFOUND,
                         "target '-10001' goes below base");
    chain_id(id, sizeof id, 0);
    assert_target(&f, "-9999", STRATA_DOWN, all, id);

    /* Prefixes. */
    chain_id(id, sizeof id, 4242);
    assert_target(&f, "c04242", STRATA_UP, NULL, id);
    strcpy(want, "ambiguous revision prefix 'c0424': ");
    for (size_t i = 4240; i < 4250; i++) {
        chain_id(id, sizeof id, i);
        if (i > 4240)
            strcat(want, ", ");
        strcat(want, id);
    }
    assert_resolve_fails(&f, "c0424", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         want);
    strcpy(want, "ambiguous revision prefix 'c042': ");
    for (size_t i = 4200; i < 4210; i++) {
        chain_id(id, sizeof id, i);
        if (i > 4200)
            strcat(want, ", ");
        strcat(want, id);
    }
    strcat(want, ", ... (90 more)");
    assert_resolve_fails(&f, "c042", STRATA_UP, NULL, STRATA_ERR_INVALID,
                         want);
    free(none);
    free(all);
    fx_free(&f);
}

/* Branches, merges and depends everywhere: parents always come from
 * earlier numbers, so the graph is acyclic by construction. */
static void branchy(fx *f)
{
    uint32_t seed = 777;

    for (size_t i = BIG; i-- > 0;) {
        char id[32], par[80], dep[32], a[32];
        size_t p1, p2;

        /* Added newest first; the graph must not care. */
        snprintf(id, sizeof id, "g%05zu", i);
        seed = seed * 1103515245u + 12345u;
        if (i == 0 || (seed >> 8) % 200 == 0) {
            add(f, mkrev(id, NULL, NULL, NULL));
            continue;
        }
        p1 = i - 1 - (seed >> 12) % (i < 40 ? i : 40);
        snprintf(par, sizeof par, "g%05zu", p1);
        seed = seed * 1103515245u + 12345u;
        if (i > 2 && (seed >> 8) % 8 == 0) {
            p2 = (seed >> 12) % i;
            snprintf(a, sizeof a, ",g%05zu", p2);
            strcat(par, a);
        }
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 8) % 16 == 0) {
            snprintf(dep, sizeof dep, "g%05zu", (size_t)(seed >> 12) % i);
            add(f, mkrev(id, par, dep, NULL));
        } else {
            add(f, mkrev(id, par, NULL, NULL));
        }
    }
}

static void test_graph__branchy(void **state)
{
    fx f = {0};
    const size_t *order, *heads;
    size_t nheads, n, *p, *rows, nrows, *pos;
    unsigned char *none, *all;
    strata_target t;
    clock_t start;

    (void)state;
    branchy(&f);
    start = clock();
    build_ok(&f);
    none = calloc(BIG, 1);
    assert_non_null(none);
    assert_int_equal(strata__graph_resolve(f.g, "heads", STRATA_UP, none,
                                           &t, &f.err),
                     STRATA_OK);
    assert_int_equal(strata__graph_upgrade_path(f.g, &t, none, &p, &n),
                     STRATA_OK);
    if (timed())
        assert_true(seconds(start) < 1.0);
    /* Everything lies below some head. */
    assert_int_equal(n, BIG);
    order = strata__graph_order(f.g);
    for (size_t i = 0; i < BIG; i++)
        assert_int_equal(p[i], order[i]);
    free(p);
    strata__target_free(&t);

    /* The order is a topological one. */
    pos = calloc(BIG, sizeof *pos);
    assert_non_null(pos);
    for (size_t i = 0; i < BIG; i++)
        pos[order[i]] = i + 1;
    for (size_t i = 0; i < BIG; i++) {
        const strata_revision *r = strata__graph_rev(f.g, i);

        assert_int_not_equal(pos[i], 0);
        for (size_t e = 0; e < r->nparents; e++)
            assert_true(pos[strata__graph_find(f.g, r->parents[e])] <
                        pos[i]);
        for (size_t e = 0; e < r->ndepends; e++)
            assert_true(pos[strata__graph_find(f.g, r->depends[e])] <
                        pos[i]);
    }
    free(pos);

    /* All applied: the version rows are exactly the heads that no
     * revision depends on. */
    heads = strata__graph_heads(f.g, &nheads);
    assert_true(nheads > 1);
    all = malloc(BIG);
    assert_non_null(all);
    memset(all, 1, BIG);
    assert_int_equal(strata__graph_version_rows(f.g, all, &rows, &nrows),
                     STRATA_OK);
    n = 0;
    for (size_t i = 0; i < nheads; i++) {
        size_t nd;

        strata__graph_edges(f.g, heads[i], STRATA_EDGES_DOWN, &nd);
        if (nd == 0) {
            assert_true(n < nrows);
            assert_int_equal(rows[n++], heads[i]);
        }
    }
    assert_true(n < nheads); /* the graph has a depended-on head */
    assert_int_equal(n, nrows);
    free(rows);

    start = clock();
    assert_int_equal(strata__graph_resolve(f.g, "base", STRATA_DOWN, all,
                                           &t, &f.err),
                     STRATA_OK);
    assert_int_equal(strata__graph_downgrade_path(f.g, &t, all, &p, &n),
                     STRATA_OK);
    if (timed())
        assert_true(seconds(start) < 1.0);
    assert_int_equal(n, BIG);
    for (size_t i = 0; i < BIG; i++)
        assert_int_equal(p[i], order[BIG - 1 - i]);
    free(p);
    strata__target_free(&t);
    free(none);
    free(all);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graph__diamond_shape),
        cmocka_unit_test(test_graph__depends_order),
        cmocka_unit_test(test_graph__empty),
        cmocka_unit_test(test_graph__applied_unknown_row),
        cmocka_unit_test(test_graph__error_duplicate),
        cmocka_unit_test(test_graph__error_missing),
        cmocka_unit_test(test_graph__error_cycle),
        cmocka_unit_test(test_graph__error_branch),
        cmocka_unit_test(test_graph__chain),
        cmocka_unit_test(test_graph__branchy),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
