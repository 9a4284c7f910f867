/* versions.h - which rows of the version table change when one revision
 * runs: the graph's side of recording a step (history writes them). */
#ifndef STRATA_CORE_VERSIONS_H
#define STRATA_CORE_VERSIONS_H

#include <stddef.h>

#include "chain/graph.h"
#include "db/history.h"

/* The changes to the version table that record revision idx having run
 * in direction dir: rows (the version rows as a set) and applied (the
 * applied set) are updated, and each change goes to fn in order (to is
 * NULL but for a MOVE).  Returns fn's first failure, or
 * STRATA_ERR_NOMEM. */
int strata__version_step(const strata_graph *g, size_t idx,
                         strata_direction dir, unsigned char *rows,
                         unsigned char *applied, strata_version_fn fn,
                         void *payload);

#endif
