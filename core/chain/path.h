/* path.h - path planning: the revisions to run, in order, to go from an
 * applied set to a resolved target. */
#ifndef STRATA_CORE_PATH_H
#define STRATA_CORE_PATH_H

#include <stddef.h>

#include "chain/graph.h"
#include "chain/target.h"

/* Upgrade path: the target revisions and all their ancestors not yet
 * applied, in topological order.  *out from malloc (caller frees). */
int strata__graph_upgrade_path(const strata_graph *g,
                               const strata_target *t,
                               const unsigned char *applied, size_t **out,
                               size_t *n);
/* Downgrade path, in reverse topological order: the applied revisions
 * that are, or descend (through revises or depends) from, a child of a
 * target revision -- or, for a step down (t->has_via), from the last
 * revision walked -- and that no target revision needs; for base, all
 * applied.  A revision that only depends on a target revision stays.
 * *out from malloc. */
int strata__graph_downgrade_path(const strata_graph *g,
                                 const strata_target *t,
                                 const unsigned char *applied, size_t **out,
                                 size_t *n);

#endif
