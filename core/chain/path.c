/* path.c - path planning: which revisions run, and in which order, to go
 * from what is applied to a target, up or down. */
#include "chain/path.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

/* Into *out: the members of set whose applied bit (0 when applied is
 * NULL) is want_applied, in graph order, or reversed when down. */
static int collect(const strata_graph *g, const unsigned char *set,
                   const unsigned char *applied, int want_applied, int down,
                   size_t **out, size_t *n)
{
    const size_t *order = strata__graph_order(g);
    size_t count = strata__graph_count(g), k = 0, *path;

    for (size_t i = 0; i < count; i++)
        if (set[i] && (applied && applied[i]) == want_applied)
            k++;
    path = strata__alloc_array(k, sizeof *path);
    if (!path)
        return STRATA_ERR_NOMEM;
    k = 0;
    for (size_t i = 0; i < count; i++) {
        size_t v = order[down ? count - 1 - i : i];

        if (set[v] && (applied && applied[v]) == want_applied)
            path[k++] = v;
    }
    *out = path;
    *n = k;
    return STRATA_OK;
}

/* A new empty set of the graph's revisions; NULL: out of memory. */
static unsigned char *new_set(const strata_graph *g)
{
    size_t count = strata__graph_count(g);

    return calloc(count ? count : 1, 1);
}

/* Mark the target's revisions and all their ancestors in set. */
static void mark_upto(const strata_graph *g, const strata_target *t,
                      unsigned char *set)
{
    for (size_t i = 0; i < t->nrevs; i++)
        set[t->revs[i]] = 1;
    strata__graph_walk(g, t->revs, t->nrevs, STRATA_EDGES_UP, set);
}

int strata__graph_upgrade_path(const strata_graph *g,
                               const strata_target *t,
                               const unsigned char *applied, size_t **out,
                               size_t *n)
{
    unsigned char *want = new_set(g);
    int rc;

    *out = NULL;
    *n = 0;
    if (!want)
        return STRATA_ERR_NOMEM;
    if (!t->is_base)
        mark_upto(g, t, want);
    rc = collect(g, want, applied, 0, 0, out, n);
    free(want);
    return rc;
}

/* Mark in drop what a downgrade to t takes away: from the line the
 * step walked (t->via), else from every child of t's revisions, all
 * that descends through revises or depends.  A revision that only
 * depends on a target revision is not a child: it stays. */
static int mark_drop(const strata_graph *g, const strata_target *t,
                     unsigned char *drop)
{
    size_t k = 0, *seeds;

    if (t->has_via) {
        drop[t->via] = 1;
        strata__graph_walk(g, &t->via, 1, STRATA_EDGES_DOWN, drop);
        return STRATA_OK;
    }
    seeds = strata__alloc_array(strata__graph_count(g), sizeof *seeds);
    if (!seeds)
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < t->nrevs; i++) {
        size_t nc;
        const size_t *kids = strata__graph_children(g, t->revs[i], &nc);

        for (size_t c = 0; c < nc; c++)
            if (!drop[kids[c]]) {
                drop[kids[c]] = 1;
                seeds[k++] = kids[c];
            }
    }
    strata__graph_walk(g, seeds, k, STRATA_EDGES_DOWN, drop);
    free(seeds);
    return STRATA_OK;
}

int strata__graph_downgrade_path(const strata_graph *g,
                                 const strata_target *t,
                                 const unsigned char *applied, size_t **out,
                                 size_t *n)
{
    size_t count = strata__graph_count(g);
    unsigned char *drop = new_set(g), *keep = NULL;
    int rc = STRATA_ERR_NOMEM;

    *out = NULL;
    *n = 0;
    if (!drop || !(keep = new_set(g)))
        goto done;
    if (t->is_base && !t->has_via) {
        memset(drop, 1, count);
    } else if (mark_drop(g, t, drop) != STRATA_OK) {
        goto done;
    } else {
        /* Several target revisions: one may descend from another's
         * sibling; what a target needs stays. */
        mark_upto(g, t, keep);
        for (size_t i = 0; i < count; i++)
            if (keep[i])
                drop[i] = 0;
    }
    rc = collect(g, drop, applied, 1, 1, out, n);
done:
    free(drop);
    free(keep);
    return rc;
}
