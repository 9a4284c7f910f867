/* target.c - the target grammar: names ("head", "heads", "base", ids,
 * unique prefixes, BRANCH@head) and relative steps (+N, -N, REV+N,
 * REV-N) resolved to a set of revisions, with messages that name the
 * candidates when a spec is ambiguous. */
#include "chain/target.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chain/path.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/msg.h"
#include "util/suggest.h"

/* Ids named in one message; a long list ends with "... (N more)". */
#define LIST_MAX 10

static const char *id_of(const strata_graph *g, size_t i)
{
    return strata__graph_rev(g, i)->id;
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

/* Ids of idx[0..k), already in the order to show. */
static void msg_ids(strata_msg *m, const strata_graph *g, const size_t *idx,
                    size_t k)
{
    for (size_t i = 0; i < k && i < LIST_MAX; i++)
        strata__msg_add(m, "%s%s", i ? ", " : "", id_of(g, idx[i]));
    if (k > LIST_MAX)
        strata__msg_add(m, ", ... (%zu more)", k - LIST_MAX);
}

char *strata__target_describe(const strata_graph *g, const strata_target *t,
                              const char *spec)
{
    strata_buf b = {0};
    int oom = 0;

    if (!t->nrevs)
        oom |= strata__buf_puts(&b, "base");
    for (size_t i = 0; i < t->nrevs; i++)
        oom |= strata__buf_printf(&b, "%s%s", i ? ", " : "",
                                  id_of(g, t->revs[i]));
    if (!oom && spec && strcmp(b.data, spec) != 0)
        oom |= strata__buf_printf(&b, " (%s)", spec);
    if (oom) {
        strata__buf_free(&b);
        return NULL;
    }
    return strata__buf_take(&b);
}

void strata__target_free(strata_target *t)
{
    if (!t)
        return;
    free(t->revs);
    t->revs = NULL;
    t->nrevs = 0;
    t->is_base = 0;
}

/* out becomes idx[0..k) (copied, sorted by index), or base when k == 0. */
static int set_target(strata_target *out, const size_t *idx, size_t k,
                      strata_error *err)
{
    out->is_base = k == 0;
    out->nrevs = 0;
    out->revs = NULL;
    if (!k)
        return STRATA_OK;
    out->revs = strata__alloc_array(k, sizeof *out->revs);
    STRATA_ALLOC_CHECK(out->revs, err);
    memcpy(out->revs, idx, k * sizeof *idx);
    qsort(out->revs, k, sizeof *out->revs, cmp_index);
    out->nrevs = k;
    return STRATA_OK;
}

/* The message names the closest revision id or keyword and what a
 * target may be (issue 15). */
static int unknown_target(const strata_graph *g, const char *spec,
                          strata_error *err)
{
    static const char *const words[] = {"head", "heads", "base"};
    size_t n = strata__graph_count(g);
    const size_t *order = strata__graph_order(g);
    const char **names = strata__alloc_array(n + 3, sizeof *names);
    const char *hit;
    strata_msg m = {0};

    STRATA_ALLOC_CHECK(names, err);
    for (size_t i = 0; i < 3; i++)
        names[i] = words[i];
    for (size_t i = 0; i < n; i++)
        names[3 + i] = id_of(g, i);
    hit = strata__suggest(spec, names, n + 3);
    free(names);
    strata__msg_add(&m, "unknown target '%s': no revision, prefix or branch "
                        "of that name", spec);
    if (hit)
        strata__msg_add(&m, "; did you mean '%s'?", hit);
    strata__msg_add(&m, " (targets: head, heads, base, BRANCH@head, +N, -N, "
                        "REV+N, REV-N, or a revision%s", n ? ": " : "");
    msg_ids(&m, g, order, n);
    strata__msg_add(&m, ")");
    return strata__msg_set(&m, err, STRATA_ERR_NOTFOUND);
}

/* An exact id, else the one id that starts with name: *idx, or
 * STRATA_ERR_NOTFOUND (no message set) or STRATA_ERR_INVALID. */
static int find_rev(const strata_graph *g, const char *name, size_t *idx,
                    strata_error *err)
{
    size_t len = strlen(name), n = strata__graph_count(g), k = 0, *cand;
    long j = strata__graph_find(g, name);
    strata_msg m = {0};

    if (j >= 0) {
        *idx = (size_t)j;
        return STRATA_OK;
    }
    for (size_t i = 0; i < n; i++)
        if (strncmp(id_of(g, i), name, len) == 0) {
            *idx = i;
            k++;
        }
    if (k == 0)
        return STRATA_ERR_NOTFOUND;
    if (k == 1)
        return STRATA_OK;
    cand = strata__alloc_array(k, sizeof *cand);
    STRATA_ALLOC_CHECK(cand, err);
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(id_of(g, i), name, len) == 0)
            cand[k++] = i;
    strata__graph_sort_by_id(g, cand, k);
    strata__msg_add(&m, "ambiguous revision prefix '%s': ", name);
    msg_ids(&m, g, cand, k);
    free(cand);
    return strata__msg_set(&m, err, STRATA_ERR_INVALID);
}

/* BRANCH@head: the one head reached from the labelled revision through
 * parent links (a revision id or prefix stands in for a label). */
static int resolve_branch(const strata_graph *g, const char *spec,
                          const char *at, strata_target *out,
                          strata_error *err)
{
    size_t nlen = (size_t)(at - spec), n = strata__graph_count(g), nheads;
    size_t root = 0, k = 0, *cand;
    const size_t *heads = strata__graph_heads(g, &nheads);
    char *name;
    unsigned char *set;
    int rc = STRATA_OK, found = 0;
    strata_msg m = {0};

    if (strcmp(at + 1, "head") != 0)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "unsupported target '%s': after '@' only "
                                 "'head' is understood (BRANCH@head)",
                                 spec);
    name = malloc(nlen + 1);
    STRATA_ALLOC_CHECK(name, err);
    memcpy(name, spec, nlen);
    name[nlen] = '\0';
    for (size_t i = 0; i < n && !found; i++) {
        const char *label = strata__graph_rev(g, i)->branch;

        if (label && strcmp(label, name) == 0) {
            root = i;
            found = 1;
        }
    }
    if (!found && nlen) {
        rc = find_rev(g, name, &root, err);
        found = rc == STRATA_OK;
    }
    if (!found) {
        if (rc == STRATA_ERR_NOTFOUND || rc == STRATA_OK)
            rc = strata__error_set(err, STRATA_ERR_NOTFOUND,
                                   "unknown branch '%s' in target '%s': no "
                                   "branch label or revision of that name",
                                   name, spec);
        free(name);
        return rc;
    }
    set = calloc(n, 1);
    cand = strata__alloc_array(nheads, sizeof *cand);
    if (!set || !cand) {
        free(set);
        free(cand);
        free(name);
        return strata__nomem(err);
    }
    set[root] = 1;
    strata__graph_walk(g, &root, 1, STRATA_EDGES_CHILDREN, set);
    for (size_t i = 0; i < nheads; i++)
        if (set[heads[i]])
            cand[k++] = heads[i];
    if (k == 1) {
        rc = set_target(out, cand, 1, err);
    } else {
        strata__msg_add(&m, "several heads on branch '%s': ", name);
        msg_ids(&m, g, cand, k);
        strata__msg_add(&m, "; name one");
        rc = strata__msg_set(&m, err, STRATA_ERR_INVALID);
    }
    free(set);
    free(cand);
    free(name);
    return rc;
}

/* Every spec but the relative ones.  STRATA_ERR_NOTFOUND means nothing
 * matched at all, so the caller may still read spec as REV+N. */
static int resolve_single(const strata_graph *g, const char *spec,
                          strata_target *out, strata_error *err)
{
    const char *at = strchr(spec, '@');
    size_t idx, nheads;
    const size_t *heads = strata__graph_heads(g, &nheads);
    int rc;
    strata_msg m = {0};

    if (strcmp(spec, "head") == 0) {
        if (nheads <= 1)
            return set_target(out, heads, nheads, err);
        strata__msg_add(&m, "several heads: ");
        msg_ids(&m, g, heads, nheads);
        strata__msg_add(&m, "; name one, use BRANCH@head, or 'heads'");
        return strata__msg_set(&m, err, STRATA_ERR_INVALID);
    }
    if (strcmp(spec, "heads") == 0)
        return set_target(out, heads, nheads, err);
    if (strcmp(spec, "base") == 0)
        return set_target(out, NULL, 0, err);
    if (at)
        return resolve_branch(g, spec, at, out, err);
    rc = find_rev(g, spec, &idx, err);
    if (rc == STRATA_OK)
        return set_target(out, &idx, 1, err);
    if (rc == STRATA_ERR_NOTFOUND)
        return unknown_target(g, spec, err);
    return rc;
}

/* Split "REV+N" / "REV-N" / "+N" / "-N": *revlen is the length of REV
 * (0 for none), *sign '+' or '-', *steps N.  0 when spec is not so. */
static int parse_relative(const char *spec, size_t *revlen, char *sign,
                          size_t *steps)
{
    size_t len = strlen(spec), i = len, v = 0;

    while (i > 0 && spec[i - 1] >= '0' && spec[i - 1] <= '9')
        i--;
    if (i == len || i == 0 || (spec[i - 1] != '+' && spec[i - 1] != '-'))
        return 0;
    for (size_t j = i; j < len; j++) {
        size_t d = (size_t)(spec[j] - '0');

        /* A step count this large fails anyway; saturate. */
        v = v > (SIZE_MAX - d) / 10 ? SIZE_MAX : v * 10 + d;
    }
    *revlen = i - 1;
    *sign = spec[i - 1];
    *steps = v;
    return 1;
}

/* "+N": N times to the one child; below the single base when start is
 * empty. */
static int step_up(const strata_graph *g, const char *spec,
                   const size_t *start, size_t k, size_t steps,
                   strata_target *out, strata_error *err)
{
    size_t cur = 0, nbases;
    const size_t *bases = strata__graph_bases(g, &nbases);
    int have = k == 1;
    strata_msg m = {0};

    if (k > 1) {
        size_t *s = strata__alloc_array(k, sizeof *s);

        STRATA_ALLOC_CHECK(s, err);
        memcpy(s, start, k * sizeof *s);
        strata__graph_sort_by_id(g, s, k);
        strata__msg_add(&m, "target '%s' needs one revision to start "
                        "from, but there are several: ", spec);
        msg_ids(&m, g, s, k);
        strata__msg_add(&m, "; name one");
        free(s);
        return strata__msg_set(&m, err, STRATA_ERR_INVALID);
    }
    if (have)
        cur = start[0];
    for (size_t s = 0; s < steps; s++) {
        const size_t *adj;
        size_t nadj, *kids;

        if (!have) {
            if (nbases == 1) {
                cur = bases[0];
                have = 1;
                continue;
            }
            if (nbases == 0)
                return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                         "target '%s': there are no "
                                         "revisions", spec);
            strata__msg_add(&m, "target '%s': several bases: ", spec);
            msg_ids(&m, g, bases, nbases);
            strata__msg_add(&m, "; name one");
            return strata__msg_set(&m, err, STRATA_ERR_INVALID);
        }
        adj = strata__graph_children(g, cur, &nadj);
        if (nadj == 1) {
            cur = adj[0];
            continue;
        }
        if (nadj == 0)
            return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                     "target '%s' goes past the head: "
                                     "revision '%s' has no child",
                                     spec, id_of(g, cur));
        kids = strata__alloc_array(nadj, sizeof *kids);
        STRATA_ALLOC_CHECK(kids, err);
        memcpy(kids, adj, nadj * sizeof *kids);
        strata__graph_sort_by_id(g, kids, nadj);
        strata__msg_add(&m, "target '%s': revision '%s' has several "
                        "children: ", spec, id_of(g, cur));
        msg_ids(&m, g, kids, nadj);
        strata__msg_add(&m, "; name one");
        free(kids);
        return strata__msg_set(&m, err, STRATA_ERR_INVALID);
    }
    return set_target(out, &cur, 1, err);
}

/* The branch label of head's own line: the nearest one down through
 * single parents, short of a fork (a fork's label is every branch's). */
static const char *line_label(const strata_graph *g, size_t v)
{
    for (;;) {
        const char *label = strata__graph_rev(g, v)->branch;
        size_t np, nc;
        const size_t *par;

        if (label)
            return label;
        par = strata__graph_edges(g, v, STRATA_EDGES_PARENTS, &np);
        if (np != 1)
            return NULL;
        strata__graph_children(g, par[0], &nc);
        if (nc > 1)
            return NULL;
        v = par[0];
    }
}

/* The unambiguous forms of a step down: "id-N" for each of idx[0..k),
 * or the id itself when no step is left. */
static void msg_steps(strata_msg *m, const strata_graph *g,
                      const size_t *idx, size_t k, size_t steps)
{
    for (size_t i = 0; i < k && i < LIST_MAX; i++) {
        strata__msg_add(m, "%s%s", i ? ", " : "", id_of(g, idx[i]));
        if (steps)
            strata__msg_add(m, "-%zu", steps);
    }
    if (k > LIST_MAX)
        strata__msg_add(m, ", ... (%zu more)", k - LIST_MAX);
}

/* "-N" from several version rows, or "REV-N" from several revisions. */
static int several_starts(const strata_graph *g, const char *spec,
                          const size_t *start, size_t k, size_t steps,
                          int from_rows, strata_error *err)
{
    strata_msg m = {0};
    size_t *s = strata__alloc_array(k, sizeof *s);

    STRATA_ALLOC_CHECK(s, err);
    memcpy(s, start, k * sizeof *s);
    strata__graph_sort_by_id(g, s, k);
    start = s;
    strata__msg_add(&m, "target '%s' is ambiguous: %s: ", spec,
                    from_rows ? "the database has several heads"
                              : "it starts from several revisions");
    for (size_t i = 0; i < k && i < LIST_MAX; i++) {
        const char *label = line_label(g, start[i]);

        strata__msg_add(&m, "%s%s", i ? ", " : "", id_of(g, start[i]));
        if (label)
            strata__msg_add(&m, " (%s)", label);
    }
    if (k > LIST_MAX)
        strata__msg_add(&m, ", ... (%zu more)", k - LIST_MAX);
    strata__msg_add(&m, "; name one: ");
    msg_steps(&m, g, start, k, steps);
    free(s);
    return strata__msg_set(&m, err, STRATA_ERR_INVALID);
}

/* A merge on the way down: left is the number of steps still to go
 * below it. */
static int merge_on_the_way(const strata_graph *g, const char *spec,
                            size_t merge, size_t left, strata_error *err)
{
    size_t np;
    const size_t *par = strata__graph_edges(g, merge, STRATA_EDGES_PARENTS,
                                            &np);
    strata_msg m = {0};

    strata__msg_add(&m, "target '%s' is ambiguous: the step down reaches "
                    "revision '%s', which merges ", spec, id_of(g, merge));
    msg_ids(&m, g, par, np);
    strata__msg_add(&m, "; name one: ");
    msg_steps(&m, g, par, np, left);
    return strata__msg_set(&m, err, STRATA_ERR_INVALID);
}

/* "-N" and "REV-N": N times to the one parent; from a root to base. */
static int step_down(const strata_graph *g, const char *spec,
                     const size_t *start, size_t k, size_t steps,
                     int from_rows, strata_target *out, strata_error *err)
{
    size_t cur, via = 0;
    int rc;

    if (k > 1)
        return several_starts(g, spec, start, k, steps, from_rows, err);
    if (k == 0)
        return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                 "target '%s' goes below base", spec);
    cur = start[0];
    for (size_t s = 0; s < steps; s++) {
        size_t np;
        const size_t *par = strata__graph_edges(g, cur,
                                                STRATA_EDGES_PARENTS, &np);

        if (np > 1)
            return merge_on_the_way(g, spec, cur, steps - s - 1, err);
        if (np == 0 && s + 1 < steps)
            return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                     "target '%s' goes below base", spec);
        via = cur;
        if (np == 0) {
            out->is_base = 1;
            out->has_via = 1;
            out->via = via;
            return STRATA_OK;
        }
        cur = par[0];
    }
    rc = set_target(out, &cur, 1, err);
    out->has_via = rc == STRATA_OK;
    out->via = via;
    return rc;
}

/* A downgrade "-N" reverts N migrations at most: more means a revision
 * off the walked line depends on one on it. */
static int check_reverts(const strata_graph *g, const char *spec,
                         const unsigned char *applied, size_t steps,
                         strata_target *out, strata_error *err)
{
    size_t *path, n;
    strata_msg m = {0};

    if (strata__graph_downgrade_path(g, out, applied, &path, &n) !=
        STRATA_OK) {
        strata__target_free(out);
        return strata__nomem(err);
    }
    if (n > steps) {
        strata__target_free(out);
        strata__msg_add(&m, "target '%s' would revert %zu migrations, "
                        "more than %zu: ", spec, n, steps);
        msg_ids(&m, g, path, n);
        strata__msg_add(&m, " (a revision off the line depends on one on "
                        "it); name the revision to go to instead");
        strata__msg_set(&m, err, STRATA_ERR_INVALID);
    }
    free(path);
    return n > steps ? STRATA_ERR_INVALID : STRATA_OK;
}

int strata__graph_resolve(const strata_graph *g, const char *spec,
                          strata_direction dir, const unsigned char *applied,
                          strata_target *out, strata_error *err)
{
    strata_target from = {0};
    size_t revlen = 0, steps = 0, *rows = NULL, nrows = 0;
    char sign = '+', *rev;
    int rc, rel;

    memset(out, 0, sizeof *out);
    if (!spec || !*spec)
        return strata__error_set(err, STRATA_ERR_INVALID, "empty target");
    if (dir == STRATA_DOWN && strcmp(spec, "heads") == 0)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "'heads' is not a downgrade target; name a "
                                 "revision, 'base' or -N");
    rel = parse_relative(spec, &revlen, &sign, &steps);
    if (rel && revlen == 0) {
        if (!applied)
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "relative target '%s' needs the "
                                     "database's current revision; name a "
                                     "revision instead", spec);
        if (steps == 0)
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "relative target '%s' must move at "
                                     "least one step", spec);
        if (strata__graph_version_rows(g, applied, &rows, &nrows) !=
            STRATA_OK)
            return strata__nomem(err);
        rc = sign == '+'
                 ? step_up(g, spec, rows, nrows, steps, out, err)
                 : step_down(g, spec, rows, nrows, steps, 1, out, err);
        free(rows);
        if (rc == STRATA_OK && sign == '-' && dir == STRATA_DOWN)
            rc = check_reverts(g, spec, applied, steps, out, err);
        return rc;
    }
    /* Ids may contain '-', so a whole-spec id or prefix wins over REV-N;
     * but no id contains '@', so "pay@head-1" can only be relative. */
    if (!rel || !memchr(spec, '@', revlen)) {
        rc = resolve_single(g, spec, out, err);
        if (rc != STRATA_ERR_NOTFOUND || !rel)
            return rc;
    }
    rev = malloc(revlen + 1);
    STRATA_ALLOC_CHECK(rev, err);
    memcpy(rev, spec, revlen);
    rev[revlen] = '\0';
    rc = resolve_single(g, rev, &from, err);
    if (rc == STRATA_ERR_NOTFOUND && !strchr(rev, '@'))
        rc = unknown_target(g, spec, err);
    free(rev);
    if (rc != STRATA_OK)
        return rc;
    if (steps == 0)
        rc = strata__error_set(err, STRATA_ERR_INVALID,
                               "relative target '%s' must move at least "
                               "one step", spec);
    else if (sign == '+')
        rc = step_up(g, spec, from.revs, from.nrevs, steps, out, err);
    else
        rc = step_down(g, spec, from.revs, from.nrevs, steps, 0, out,
                       err);
    strata__target_free(&from);
    return rc;
}
