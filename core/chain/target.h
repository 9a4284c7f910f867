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
} strata_target;

/* Resolve spec for direction dir given the applied set (which relative
 * targets need; may be NULL when no database is known, and then a
 * relative spec is STRATA_ERR_INVALID).  Relative steps start from the
 * single version row ("+N" with nothing applied starts below the single
 * base; several rows: STRATA_ERR_INVALID naming them).  "+N" walks N
 * times to the one child (several children: STRATA_ERR_INVALID naming
 * them; none left: STRATA_ERR_NOTFOUND).  "-N" replaces the set N times
 * by its parents (so "-1" from a merge means both parents); an empty
 * set is base, and a step past base is STRATA_ERR_NOTFOUND.  Specs:
 * "head" (several heads: STRATA_ERR_INVALID naming them), "heads",
 * "base", an exact id, a unique
 * prefix (ambiguous: STRATA_ERR_INVALID naming the candidates),
 * "BRANCH@head", "+N", "-N", "REV+N", "REV-N".  Unknown:
 * STRATA_ERR_NOTFOUND. */
int strata__graph_resolve(const strata_graph *g, const char *spec,
                          strata_direction dir, const unsigned char *applied,
                          strata_target *out, strata_error *err);
void strata__target_free(strata_target *t);

#endif
