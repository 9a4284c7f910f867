/* versions.c - the version-table changes of one step through the graph. */
#include "chain/versions.h"

#include <stdlib.h>

static const char *id_of(const strata_graph *g, size_t i)
{
    return strata__graph_rev(g, i)->id;
}

static int is_parent(const strata_graph *g, size_t idx, size_t p)
{
    size_t n;
    const size_t *par = strata__graph_edges(g, idx, STRATA_EDGES_PARENTS,
                                            &n);

    for (size_t i = 0; i < n; i++)
        if (par[i] == p)
            return 1;
    return 0;
}

/* Up: idx replaces the rows of what it revises or depends on. */
static int step_up(const strata_graph *g, size_t idx, unsigned char *rows,
                   unsigned char *applied, strata_version_fn fn,
                   void *payload)
{
    size_t n, k = 0, last = 0;
    const size_t *pred = strata__graph_edges(g, idx, STRATA_EDGES_UP, &n);
    int rc = STRATA_OK;

    for (size_t i = 0; i < n; i++)
        if (rows[pred[i]]) {
            k++;
            last = pred[i];
        }
    /* The common linear step: one statement instead of two. */
    if (k == 1 && !rows[idx]) {
        rc = fn(payload, STRATA_VERSION_MOVE, id_of(g, last), id_of(g, idx));
        rows[last] = 0;
        applied[idx] = rows[idx] = 1;
        return rc;
    }
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (rows[pred[i]]) {
            rc = fn(payload, STRATA_VERSION_DEL, id_of(g, pred[i]), NULL);
            rows[pred[i]] = 0;
        }
    if (rc == STRATA_OK && !rows[idx])
        rc = fn(payload, STRATA_VERSION_ADD, id_of(g, idx), NULL);
    applied[idx] = rows[idx] = 1;
    return rc;
}

/* p is a version row when applied and no applied revision revises or
 * depends on it (what strata__graph_version_rows computes for all). */
static int is_row(const strata_graph *g, size_t p,
                  const unsigned char *applied)
{
    size_t n;
    const size_t *succ = strata__graph_edges(g, p, STRATA_EDGES_DOWN, &n);

    if (!applied[p])
        return 0;
    for (size_t i = 0; i < n; i++)
        if (applied[succ[i]])
            return 0;
    return 1;
}

/* The revisions idx revised or depended on that are rows now, in id
 * order (the order strata__graph_version_rows gives). */
static int new_rows(const strata_graph *g, size_t idx,
                    const unsigned char *applied, size_t **out, size_t *k)
{
    size_t n;
    const size_t *pred = strata__graph_edges(g, idx, STRATA_EDGES_UP, &n);
    size_t *v = malloc((n ? n : 1) * sizeof *v);

    *out = v;
    *k = 0;
    if (!v)
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;

        while (j < *k && v[j] != pred[i])
            j++;
        if (j == *k && is_row(g, pred[i], applied))
            v[(*k)++] = pred[i];
    }
    strata__graph_sort_by_id(g, v, *k);
    return STRATA_OK;
}

int strata__version_step(const strata_graph *g, size_t idx,
                         strata_direction dir, unsigned char *rows,
                         unsigned char *applied, strata_version_fn fn,
                         void *payload)
{
    size_t *vr = NULL, nvr = 0;
    int rc = STRATA_OK;

    /* A repeatable migration holds no version row: its state is its
     * history (docs/design.md §2.6), so a versioned migration added
     * before it later is still pending. */
    if (strata__graph_rev(g, idx)->repeatable) {
        applied[idx] = dir == STRATA_UP;
        return STRATA_OK;
    }
    if (dir == STRATA_UP)
        return step_up(g, idx, rows, applied, fn, payload);
    if (rows[idx])
        rc = fn(payload, STRATA_VERSION_DEL, id_of(g, idx), NULL);
    rows[idx] = applied[idx] = 0;
    /* What idx revised or depended on, and no applied revision still
     * does, becomes a row.  Only those can: rows held
     * strata__graph_version_rows(applied) before the step, so looking
     * at idx's own edges, not the whole graph, keeps a downgrade of N
     * revisions linear (1.3% of a 10,000-revision downgrade was this
     * scan). */
    if (rc == STRATA_OK && (rc = new_rows(g, idx, applied, &vr, &nvr)))
        return rc;
    for (size_t i = 0; i < nvr && rc == STRATA_OK; i++) {
        if (rows[vr[i]])
            continue;
        /* Earlier builds kept a dependency's row beside its dependent's:
         * such a row may still be there. */
        if (!is_parent(g, idx, vr[i]))
            rc = fn(payload, STRATA_VERSION_DEL, id_of(g, vr[i]), NULL);
        if (rc == STRATA_OK)
            rc = fn(payload, STRATA_VERSION_ADD, id_of(g, vr[i]), NULL);
        rows[vr[i]] = 1;
    }
    free(vr);
    return rc;
}
