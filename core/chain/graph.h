/* graph.h - revisions as a DAG: validation, heads and bases, topological
 * order, applied sets and walks (targets: target.h; paths: path.h). */
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
 * revision revises or depends on, sorted by id (a revision recorded
 * in place of its dependency, as Alembic does, so that a dependency
 * never counts as a head of its own).  *out from malloc (caller
 * frees). */
int strata__graph_version_rows(const strata_graph *g,
                               const unsigned char *applied, size_t **out,
                               size_t *n);

/* The two ways along the graph: up towards the heads, down towards
 * base. */
typedef enum strata_direction {
    STRATA_UP = 0,
    STRATA_DOWN = 1
} strata_direction;

/* The edges a walk follows. */
typedef enum strata_graph_edges {
    STRATA_EDGES_UP,      /* to parents and depends */
    STRATA_EDGES_DOWN,    /* to children and dependents */
    STRATA_EDGES_CHILDREN, /* to children only */
    STRATA_EDGES_PARENTS   /* to parents only */
} strata_graph_edges;

/* Mark in set (caller's n bytes, not cleared first) every revision
 * reachable from seeds[0..k) over at least one edge of kind how: a seed
 * itself only when so reachable.  Never allocates. */
void strata__graph_walk(const strata_graph *g, const size_t *seeds,
                        size_t k, strata_graph_edges how,
                        unsigned char *set);
/* Ancestors of idx (parents and depends, transitively), excluding idx,
 * marked in set (caller's n bytes, not cleared first). */
void strata__graph_ancestors(const strata_graph *g, size_t idx,
                             unsigned char *set);
/* Descendants of idx, excluding idx, marked in set. */
void strata__graph_descendants(const strata_graph *g, size_t idx,
                               unsigned char *set);
/* The neighbours of idx over the edges how: *n distinct indices into
 * the graph, valid as long as the graph.  Parents come in the order
 * "revises" lists them; children and dependents in no particular
 * order. */
const size_t *strata__graph_edges(const strata_graph *g, size_t idx,
                                  strata_graph_edges how, size_t *n);
/* The children of idx (revisions that list it in "revises", not those
 * that only depend on it): strata__graph_edges over
 * STRATA_EDGES_CHILDREN. */
const size_t *strata__graph_children(const strata_graph *g, size_t idx,
                                     size_t *n);
/* Sort idx[0..k) by revision id, in place, without allocating. */
void strata__graph_sort_by_id(const strata_graph *g, size_t *idx, size_t k);

#endif
