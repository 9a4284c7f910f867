/* versions.c - the version-table changes of one step through the graph. */
#include "chain/versions.h"

#include <stdlib.h>

int strata__version_step(const strata_graph *g, size_t idx,
                         strata_direction dir, unsigned char *rows,
                         unsigned char *applied, strata_version_fn fn,
                         void *payload)
{
    const strata_revision *rev = strata__graph_rev(g, idx);
    size_t *vr = NULL, nvr = 0;
    int rc = STRATA_OK;

    if (dir == STRATA_UP) {
        long only = rev->nparents == 1
                        ? strata__graph_find(g, rev->parents[0])
                        : -1;

        /* The common linear step: one statement instead of two. */
        if (only >= 0 && rows[only] && !rows[idx]) {
            rc = fn(payload, STRATA_VERSION_MOVE, rev->parents[0], rev->id);
            rows[only] = 0;
            applied[idx] = rows[idx] = 1;
            return rc;
        }
        for (size_t i = 0; i < rev->nparents && rc == STRATA_OK; i++) {
            long p = strata__graph_find(g, rev->parents[i]);
            if (p >= 0 && rows[p]) {
                rc = fn(payload, STRATA_VERSION_DEL, rev->parents[i], NULL);
                rows[p] = 0;
            }
        }
        if (rc == STRATA_OK && !rows[idx])
            rc = fn(payload, STRATA_VERSION_ADD, rev->id, NULL);
        applied[idx] = rows[idx] = 1;
        return rc;
    }
    if (rows[idx])
        rc = fn(payload, STRATA_VERSION_DEL, rev->id, NULL);
    rows[idx] = applied[idx] = 0;
    /* Parents that no applied revision revises any more become rows. */
    if (rc == STRATA_OK &&
        strata__graph_version_rows(g, applied, &vr, &nvr) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < nvr && rc == STRATA_OK; i++) {
        if (!rows[vr[i]]) {
            rc = fn(payload, STRATA_VERSION_ADD,
                    strata__graph_rev(g, vr[i])->id, NULL);
            rows[vr[i]] = 1;
        }
    }
    free(vr);
    return rc;
}
