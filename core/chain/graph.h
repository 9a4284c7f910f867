/* graph.h - revisions as a DAG: validation, heads and bases, topological
 * order, target resolution and the paths between states (DESIGN §8). */
#ifndef STRATA_CORE_GRAPH_H
#define STRATA_CORE_GRAPH_H

#include <stddef.h>

#include "util/error.h"
#include "chain/migration.h"

typedef struct strata_graph strata_graph;

/* A set of revisions is an array of n bytes, one per revision index,
 * 1 = member.  "applied" is always closed under ancestors. */

/* Build the graph over revs (borrowed; must outlive the graph).  Refuses
 * with STRATA_ERR_PARSE, naming path:line: a duplicate id, a parent or
 * depends entry that does not exist, a duplicate branch label, a cycle
 * (the message lists the cycle's revisions and files). */
int strata__graph_build(strata_graph **out, strata_revision *const *revs,
                        size_t n, strata_error *err);
void strata__graph_free(strata_graph *g);

size_t strata__graph_count(const strata_graph *g);
strata_revision *strata__graph_rev(const strata_graph *g, size_t idx);
/* Index of the revision with exactly this id, or -1. */
long strata__graph_find(const strata_graph *g, const char *id);

/* Every index in topological order: parents and depends before their
 * children; ties broken by id (strcmp), so the order is deterministic. */
const size_t *strata__graph_order(const strata_graph *g);
/* Revisions that no other revision revises, sorted by id. */
const size_t *strata__graph_heads(const strata_graph *g, size_t *n);
/* Revisions without parents, sorted by id. */
const size_t *strata__graph_bases(const strata_graph *g, size_t *n);

/* The applied set from the rows of strata_version: every row and all
 * its ancestors (through parents and depends).  A row naming an unknown
 * revision is STRATA_ERR_NOTFOUND ("database is at revision 'x', which
 * is not in the migrations directory").  applied: caller's n bytes. */
int strata__graph_applied(const strata_graph *g, const char *const *rows,
                          size_t nrows, unsigned char *applied,
                          strata_error *err);
/* The version rows for an applied set: applied revisions that no applied
 * revision revises, sorted by id.  *out from malloc (caller frees). */
int strata__graph_version_rows(const strata_graph *g,
                               const unsigned char *applied, size_t **out,
                               size_t *n);

typedef enum strata_direction {
    STRATA_UP = 0,
    STRATA_DOWN = 1
} strata_direction;

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

/* Ancestors of idx (parents and depends, transitively), excluding idx,
 * marked in set (caller's n bytes, not cleared first). */
void strata__graph_ancestors(const strata_graph *g, size_t idx,
                             unsigned char *set);
/* Descendants of idx, excluding idx, marked in set. */
void strata__graph_descendants(const strata_graph *g, size_t idx,
                               unsigned char *set);
/* The children of idx (revisions that list it in "revises", not those
 * that only depend on it): *n indices into the graph, valid as long as
 * the graph, in no particular order. */
const size_t *strata__graph_children(const strata_graph *g, size_t idx,
                                     size_t *n);

#endif
