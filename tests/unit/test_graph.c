/* test_graph.c - the revision DAG: build errors, order, heads, target
 * resolution and paths, on hand-built revisions and 10,000-node graphs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chain/graph.h"
#include "db/host.h"

/* --- building revisions by hand ---------------------------------------- */

static char *xstrdup(const char *s)
{
    char *d = malloc(strlen(s) + 1);

    assert_non_null(d);
    strcpy(d, s);
    return d;
}

/* "a,b" -> {"a", "b"}; NULL -> none. */
static char **split_csv(const char *csv, size_t *n)
{
    char **v, *copy, *tok, *save = NULL;

    *n = 0;
    if (!csv)
        return NULL;
    v = calloc(strlen(csv) + 1, sizeof *v);
    assert_non_null(v);
    copy = xstrdup(csv);
    for (tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save))
        v[(*n)++] = xstrdup(tok);
    free(copy);
    return v;
}

/* Lines as the parser would give them: revision 1, revises 2,
 * depends 3, branch 4. */
static strata_revision *mkrev_at(const char *path, const char *id,
                                 const char *parents, const char *depends,
                                 const char *branch)
{
    strata_revision *r = calloc(1, sizeof *r);

    assert_non_null(r);
    r->path = xstrdup(path);
    r->id = xstrdup(id);
    r->id_line = 1;
    r->parents = split_csv(parents, &r->nparents);
    r->parents_line = parents ? 2 : 0;
    r->depends = split_csv(depends, &r->ndepends);
    r->depends_line = depends ? 3 : 0;
    if (branch) {
        r->branch = xstrdup(branch);
        r->branch_line = 4;
    }
    return r;
}

static strata_revision *mkrev(const char *id, const char *parents,
                              const char *depends, const char *branch)
{
    char path[128];

    snprintf(path, sizeof path, "migrations/%s.sql", id);
    return mkrev_at(path, id, parents, depends, branch);
}

static void rev_free(strata_revision *r)
{
    for (size_t i = 0; i < r->nparents; i++)
        free(r->parents[i]);
    for (size_t i = 0; i < r->ndepends; i++)
        free(r->depends[i]);
    free(r->parents);
    free(r->depends);
    free(r->path);
    free(r->id);
    free(r->branch);
    free(r);
}

/* --- a fixture: revisions, their graph, the last error ----------------- */

typedef struct fx {
    strata_revision **revs;
    size_t n, cap;
    strata_graph *g;
    strata_error err;
} fx;

static void add(fx *f, strata_revision *r)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 16;
        f->revs = realloc(f->revs, f->cap * sizeof *f->revs);
        assert_non_null(f->revs);
    }
    f->revs[f->n++] = r;
}

static int build(fx *f)
{
    return strata__graph_build(&f->g, f->revs, f->n, &f->err);
}

static void build_ok(fx *f)
{
    int rc = build(f);

    if (rc != STRATA_OK)
        fail_msg("build failed: %s", f->err.msg ? f->err.msg : "?");
    assert_non_null(f->g);
}

static void fx_free(fx *f)
{
    strata__graph_free(f->g);
    for (size_t i = 0; i < f->n; i++)
        rev_free(f->revs[i]);
    free(f->revs);
    strata__error_clear(&f->err);
    memset(f, 0, sizeof *f);
}

/* The build must fail with code and exactly this message. */
static void build_fails(fx *f, int code, const char *want)
{
    assert_int_equal(build(f), code);
    assert_null(f->g);
    assert_int_equal(f->err.code, code);
    assert_non_null(f->err.msg);
    assert_string_equal(f->err.msg, want);
}

/* --- reading results as strings ---------------------------------------- */

/* The ids of idx[0..n), space separated; caller frees. */
static char *join(const strata_graph *g, const size_t *idx, size_t n)
{
    strata_buf b = {0};

    for (size_t i = 0; i < n; i++)
        assert_int_equal(strata__buf_printf(&b, "%s%s", i ? " " : "",
                                            strata__graph_rev(g, idx[i])->id),
                         STRATA_OK);
    return strata__buf_take(&b);
}

static void assert_ids(const strata_graph *g, const size_t *idx, size_t n,
                       const char *want)
{
    char *got = join(g, idx, n);

    assert_string_equal(got, want);
    free(got);
}

/* A fresh applied set from comma-separated version rows ("" = none). */
static unsigned char *applied_of(fx *f, const char *rows_csv)
{
    size_t nrows;
    char **rows = split_csv(rows_csv, &nrows);
    unsigned char *a = malloc(f->n ? f->n : 1);

    assert_non_null(a);
    memset(a, 0xAA, f->n ? f->n : 1); /* must be cleared by the call */
    assert_int_equal(strata__graph_applied(f->g, (const char *const *)rows,
                                           nrows, a, &f->err),
                     STRATA_OK);
    for (size_t i = 0; i < nrows; i++)
        free(rows[i]);
    free(rows);
    return a;
}

/* The applied revisions, in graph order, as ids. */
static char *applied_ids(fx *f, const unsigned char *a)
{
    const size_t *order = strata__graph_order(f->g);
    size_t *sel = calloc(f->n ? f->n : 1, sizeof *sel), k = 0;
    char *s;

    assert_non_null(sel);
    for (size_t i = 0; i < f->n; i++)
        if (a[order[i]])
            sel[k++] = order[i];
    s = join(f->g, sel, k);
    free(sel);
    return s;
}

static void assert_applied(fx *f, const unsigned char *a, const char *want)
{
    char *got = applied_ids(f, a);

    assert_string_equal(got, want);
    free(got);
}

static void assert_rows(fx *f, const unsigned char *a, const char *want)
{
    size_t *rows, n;

    assert_int_equal(strata__graph_version_rows(f->g, a, &rows, &n),
                     STRATA_OK);
    assert_ids(f->g, rows, n, want);
    free(rows);
}

/* Resolve and show the target: "base" or its ids. */
static void assert_target(fx *f, const char *spec, strata_direction dir,
                          const unsigned char *applied, const char *want)
{
    strata_target t;
    int rc = strata__graph_resolve(f->g, spec, dir, applied, &t, &f->err);

    if (rc != STRATA_OK)
        fail_msg("resolve '%s' failed: %s", spec,
                 f->err.msg ? f->err.msg : "?");
    if (t.is_base) {
        assert_int_equal(t.nrevs, 0);
        assert_string_equal("base", want);
    } else {
        assert_ids(f->g, t.revs, t.nrevs, want);
    }
    strata__target_free(&t);
}

static void assert_resolve_fails(fx *f, const char *spec,
                                 strata_direction dir,
                                 const unsigned char *applied, int code,
                                 const char *want)
{
    strata_target t;

    assert_int_equal(strata__graph_resolve(f->g, spec, dir, applied, &t,
                                           &f->err),
                     code);
    assert_int_equal(t.is_base, 0);
    assert_null(t.revs);
    assert_int_equal(t.nrevs, 0);
    assert_non_null(f->err.msg);
    assert_string_equal(f->err.msg, want);
}

/* The path to spec from applied, as ids. */
static char *path_of(fx *f, const char *spec, strata_direction dir,
                     const unsigned char *applied, size_t *len)
{
    strata_target t;
    size_t *p, n;
    char *s;

    if (strata__graph_resolve(f->g, spec, dir, applied, &t, &f->err) !=
        STRATA_OK)
        fail_msg("resolve '%s' failed: %s", spec,
                 f->err.msg ? f->err.msg : "?");
    if (dir == STRATA_UP)
        assert_int_equal(
            strata__graph_upgrade_path(f->g, &t, applied, &p, &n),
            STRATA_OK);
    else
        assert_int_equal(
            strata__graph_downgrade_path(f->g, &t, applied, &p, &n),
            STRATA_OK);
    assert_non_null(p);
    s = join(f->g, p, n);
    if (len)
        *len = n;
    free(p);
    strata__target_free(&t);
    return s;
}

static void assert_path(fx *f, const char *spec, strata_direction dir,
                        const unsigned char *applied, const char *want)
{
    char *got = path_of(f, spec, dir, applied, NULL);

    assert_string_equal(got, want);
    free(got);
}

/* --- a diamond: branch and merge --------------------------------------- */

static void diamond(fx *f)
{
    /* Shuffled, so order cannot come from input order. */
    add(f, mkrev("m", "a,b", NULL, NULL));
    add(f, mkrev("b", "r0", NULL, NULL));
    add(f, mkrev("r0", NULL, NULL, NULL));
    add(f, mkrev("a", "r0", NULL, NULL));
    build_ok(f);
}

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

static void test_graph__diamond_upgrade(void **state)
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

static void test_graph__diamond_downgrade(void **state)
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

static void test_graph__diamond_steps(void **state)
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
    assert_target(&f, "m-1", STRATA_DOWN, NULL, "b a");
    assert_target(&f, "head-2", STRATA_DOWN, NULL, "r0");
    assert_resolve_fails(&f, "+0", STRATA_UP, none, STRATA_ERR_INVALID,
                         "relative target '+0' must move at least one "
                         "step");
    free(none);
    free(base);
    fx_free(&f);
}

/* --- two unmerged heads, branch labels --------------------------------- */

static void two_heads(fx *f)
{
    add(f, mkrev("r0", NULL, NULL, "core"));
    add(f, mkrev("b", "r0", NULL, NULL));
    add(f, mkrev("a", "r0", NULL, "pay"));
    add(f, mkrev("a2", "a", NULL, NULL));
    build_ok(f);
}

static void test_graph__two_heads(void **state)
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
    assert_target(&f, "-1", STRATA_DOWN, all, "r0 a");
    assert_path(&f, "-1", STRATA_DOWN, all, "b a2");
    free(all);
    fx_free(&f);
}

static void test_graph__branch_head(void **state)
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

/* --- depends across branches ------------------------------------------- */

static void depends(fx *f)
{
    /* Without the depends, b1 would sort before z1. */
    add(f, mkrev("b1", "r0", "z2", NULL));
    add(f, mkrev("z2", "z1", NULL, NULL));
    add(f, mkrev("z1", "r0", NULL, NULL));
    add(f, mkrev("r0", NULL, NULL, NULL));
    build_ok(f);
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

static void test_graph__depends_rows(void **state)
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

/* --- targets by name --------------------------------------------------- */

static void test_graph__names(void **state)
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
                         "branch of that name");
    assert_resolve_fails(&f, "zzz-1", STRATA_UP, NULL, STRATA_ERR_NOTFOUND,
                         "unknown target 'zzz-1': no revision, prefix or "
                         "branch of that name");
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

static void test_graph__base(void **state)
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

static void test_graph__relative_needs_applied(void **state)
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

static void test_graph__several_bases(void **state)
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
                         "branch of that name");
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

    /* All applied: the version rows are exactly the heads. */
    heads = strata__graph_heads(f.g, &nheads);
    assert_true(nheads > 1);
    all = malloc(BIG);
    assert_non_null(all);
    memset(all, 1, BIG);
    assert_int_equal(strata__graph_version_rows(f.g, all, &rows, &nrows),
                     STRATA_OK);
    assert_int_equal(nrows, nheads);
    assert_memory_equal(rows, heads, nrows * sizeof *rows);
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
        cmocka_unit_test(test_graph__diamond_upgrade),
        cmocka_unit_test(test_graph__diamond_downgrade),
        cmocka_unit_test(test_graph__diamond_steps),
        cmocka_unit_test(test_graph__two_heads),
        cmocka_unit_test(test_graph__branch_head),
        cmocka_unit_test(test_graph__depends_order),
        cmocka_unit_test(test_graph__depends_rows),
        cmocka_unit_test(test_graph__names),
        cmocka_unit_test(test_graph__base),
        cmocka_unit_test(test_graph__relative_needs_applied),
        cmocka_unit_test(test_graph__several_bases),
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
