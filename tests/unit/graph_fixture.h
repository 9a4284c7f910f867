/* graph_fixture.h - hand-built revisions and their graph for the unit
 * tests of chain/graph, chain/target and chain/path: a fixture, results
 * read back as id strings, and the small graphs the three share. */
#ifndef STRATA_TEST_GRAPH_FIXTURE_H
#define STRATA_TEST_GRAPH_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain/migration.h"
#include "chain/path.h"
#include "db/host.h"

/* --- building revisions by hand ---------------------------------------- */

static inline char *xstrdup(const char *s)
{
    char *d = malloc(strlen(s) + 1);

    assert_non_null(d);
    strcpy(d, s);
    return d;
}

/* "a,b" -> {"a", "b"}; NULL -> none. */
static inline char **split_csv(const char *csv, size_t *n)
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
static inline strata_revision *mkrev_at(const char *path, const char *id,
                                        const char *parents,
                                        const char *depends,
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

static inline strata_revision *mkrev(const char *id, const char *parents,
                                     const char *depends, const char *branch)
{
    char path[128];

    snprintf(path, sizeof path, "migrations/%s.sql", id);
    return mkrev_at(path, id, parents, depends, branch);
}

/* --- a fixture: revisions, their graph, the last error ----------------- */

typedef struct fx {
    strata_revision **revs;
    size_t n, cap;
    strata_graph *g;
    strata_error err;
} fx;

static inline void add(fx *f, strata_revision *r)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 16;
        f->revs = realloc(f->revs, f->cap * sizeof *f->revs);
        assert_non_null(f->revs);
    }
    f->revs[f->n++] = r;
}

static inline int build(fx *f)
{
    return strata__graph_build(&f->g, f->revs, f->n, &f->err);
}

static inline void build_ok(fx *f)
{
    int rc = build(f);

    if (rc != STRATA_OK)
        fail_msg("build failed: %s", f->err.msg ? f->err.msg : "?");
    assert_non_null(f->g);
}

static inline void fx_free(fx *f)
{
    strata__graph_free(f->g);
    for (size_t i = 0; i < f->n; i++)
        strata__migration_free(f->revs[i]);
    free(f->revs);
    strata__error_clear(&f->err);
    memset(f, 0, sizeof *f);
}

/* The build must fail with code and exactly this message. */
static inline void build_fails(fx *f, int code, const char *want)
{
    assert_int_equal(build(f), code);
    assert_null(f->g);
    assert_int_equal(f->err.code, code);
    assert_non_null(f->err.msg);
    assert_string_equal(f->err.msg, want);
}

/* --- reading results as strings ---------------------------------------- */

/* The ids of idx[0..n), space separated; caller frees. */
static inline char *join(const strata_graph *g, const size_t *idx, size_t n)
{
    strata_buf b = {0};

    for (size_t i = 0; i < n; i++)
        assert_int_equal(strata__buf_printf(&b, "%s%s", i ? " " : "",
                                            strata__graph_rev(g, idx[i])->id),
                         STRATA_OK);
    return strata__buf_take(&b);
}

static inline void assert_ids(const strata_graph *g, const size_t *idx,
                              size_t n, const char *want)
{
    char *got = join(g, idx, n);

    assert_string_equal(got, want);
    free(got);
}

/* A fresh applied set from comma-separated version rows ("" = none). */
static inline unsigned char *applied_of(fx *f, const char *rows_csv)
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
static inline char *applied_ids(fx *f, const unsigned char *a)
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

static inline void assert_applied(fx *f, const unsigned char *a,
                                  const char *want)
{
    char *got = applied_ids(f, a);

    assert_string_equal(got, want);
    free(got);
}

static inline void assert_rows(fx *f, const unsigned char *a, const char *want)
{
    size_t *rows, n;

    assert_int_equal(strata__graph_version_rows(f->g, a, &rows, &n),
                     STRATA_OK);
    assert_ids(f->g, rows, n, want);
    free(rows);
}

/* Resolve and show the target: "base" or its ids. */
static inline void assert_target(fx *f, const char *spec,
                                 strata_direction dir,
                                 const unsigned char *applied,
                                 const char *want)
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

static inline void assert_resolve_fails(fx *f, const char *spec,
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
static inline char *path_of(fx *f, const char *spec, strata_direction dir,
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

static inline void assert_path(fx *f, const char *spec, strata_direction dir,
                               const unsigned char *applied, const char *want)
{
    char *got = path_of(f, spec, dir, applied, NULL);

    assert_string_equal(got, want);
    free(got);
}

/* --- the graphs the tests share ----------------------------------------- */

/* A diamond: branch and merge. */
static inline void diamond(fx *f)
{
    /* Shuffled, so order cannot come from input order. */
    add(f, mkrev("m", "a,b", NULL, NULL));
    add(f, mkrev("b", "r0", NULL, NULL));
    add(f, mkrev("r0", NULL, NULL, NULL));
    add(f, mkrev("a", "r0", NULL, NULL));
    build_ok(f);
}

/* Two unmerged heads, branch labels. */
static inline void two_heads(fx *f)
{
    add(f, mkrev("r0", NULL, NULL, "core"));
    add(f, mkrev("b", "r0", NULL, NULL));
    add(f, mkrev("a", "r0", NULL, "pay"));
    add(f, mkrev("a2", "a", NULL, NULL));
    build_ok(f);
}

/* Depends across branches. */
static inline void depends(fx *f)
{
    /* Without the depends, b1 would sort before z1. */
    add(f, mkrev("b1", "r0", "z2", NULL));
    add(f, mkrev("z2", "z1", NULL, NULL));
    add(f, mkrev("z1", "r0", NULL, NULL));
    add(f, mkrev("r0", NULL, NULL, NULL));
    build_ok(f);
}

#endif
