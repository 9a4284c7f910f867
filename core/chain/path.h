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
/* Downgrade path: applied revisions that descend (through parents or
 * depends) from a target revision and are not ancestors-or-self of any
 * target revision (for base: all applied), in reverse topological
 * order.  *out from malloc. */
int strata__graph_downgrade_path(const strata_graph *g,
                                 const strata_target *t,
                                 const unsigned char *applied, size_t **out,
                                 size_t *n);

#endif
