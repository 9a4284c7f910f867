/* target.h - the target grammar: what "head", "heads", "base", a revision
 * id or prefix, "BRANCH@head", "+N", "-N", "REV+N" and "REV-N" name in a
 * graph (docs/design.md §9). */
#ifndef STRATA_CORE_TARGET_H
#define STRATA_CORE_TARGET_H

#include <stddef.h>

#include "chain/graph.h"
#include "util/error.h"

/* A resolved target. */
typedef struct strata_target {
    int is_base;   /* "base": nothing applied */
    size_t *revs;  /* malloc'd indices (sorted); empty when is_base */
    size_t nrevs;
    /* A step down ("-N", "REV-N") walks one line: has_via is set and
     * via is the last revision walked, the child of the target on that
     * line, so that a downgrade reverts that line and not the target's
     * other children. */
    int has_via;
    size_t via;
} strata_target;

/* Resolve spec for direction dir given the applied set (which relative
 * targets need; may be NULL when no database is known, and then a
 * relative spec is STRATA_ERR_INVALID).  Specs: "head" (several heads:
 * STRATA_ERR_INVALID naming them), "heads", "base", an exact id, a
 * unique prefix (ambiguous: STRATA_ERR_INVALID naming the candidates),
 * "BRANCH@head", "+N", "-N", "REV+N", "REV-N"; unknown:
 * STRATA_ERR_NOTFOUND.
 *
 * "+N" and "-N" start from the single version row ("+N" with nothing
 * applied starts below the single base).  "+N" walks N times to the one
 * child (several children: STRATA_ERR_INVALID naming them; none left:
 * STRATA_ERR_NOTFOUND).  "-N" walks N times to the one parent, as
 * Alembic does: several version rows, or a merge on the way, make it
 * ambiguous (STRATA_ERR_INVALID naming the rows or the merge's parents
 * and the targets that are not); from a root the step lands on base,
 * and a step past base is STRATA_ERR_NOTFOUND.  A downgrade "-N" that
 * would revert more than N migrations (a revision off the walked line
 * depends on one on it) is STRATA_ERR_INVALID. */
int strata__graph_resolve(const strata_graph *g, const char *spec,
                          strata_direction dir, const unsigned char *applied,
                          strata_target *out, strata_error *err);
void strata__target_free(strata_target *t);

/* What t names, for a header: its revisions ("a, b"), or "base", then
 * " (spec)" when spec is not that text itself ("r1 (-1)").  malloc'd;
 * NULL when out of memory. */
char *strata__target_describe(const strata_graph *g, const strata_target *t,
                              const char *spec);

#endif
