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

int strata__graph_upgrade_path(const strata_graph *g,
                               const strata_target *t,
                               const unsigned char *applied, size_t **out,
                               size_t *n)
{
    size_t count = strata__graph_count(g);
    unsigned char *want;
    int rc;

    *out = NULL;
    *n = 0;
    want = calloc(count ? count : 1, 1);
    if (!want)
        return STRATA_ERR_NOMEM;
    if (!t->is_base) {
        for (size_t i = 0; i < t->nrevs; i++)
            want[t->revs[i]] = 1;
        strata__graph_walk(g, t->revs, t->nrevs, STRATA_EDGES_UP, want);
    }
    rc = collect(g, want, applied, 0, 0, out, n);
    free(want);
    return rc;
}

int strata__graph_downgrade_path(const strata_graph *g,
                                 const strata_target *t,
                                 const unsigned char *applied, size_t **out,
                                 size_t *n)
{
    size_t count = strata__graph_count(g);
    unsigned char *drop;
    int rc;

    *out = NULL;
    *n = 0;
    drop = calloc(count ? count : 1, 1);
    if (!drop)
        return STRATA_ERR_NOMEM;
    if (t->is_base) {
        memset(drop, 1, count);
    } else {
        unsigned char *keep = calloc(count ? count : 1, 1);

        if (!keep) {
            free(drop);
            return STRATA_ERR_NOMEM;
        }
        strata__graph_walk(g, t->revs, t->nrevs, STRATA_EDGES_DOWN, drop);
        strata__graph_walk(g, t->revs, t->nrevs, STRATA_EDGES_UP, keep);
        for (size_t i = 0; i < t->nrevs; i++)
            keep[t->revs[i]] = 1;
        for (size_t i = 0; i < count; i++)
            if (keep[i])
                drop[i] = 0;
        free(keep);
    }
    rc = collect(g, drop, applied, 1, 1, out, n);
    free(drop);
    return rc;
}
