/* planner.h - from a path through the graph to the statements each
 * migration runs on one dialect, refusing irreversible downgrades
 * before anything runs. */
#ifndef STRATA_CORE_PLANNER_H
#define STRATA_CORE_PLANNER_H

#include "chain.h"
#include "checksum.h"
#include "graph.h"

typedef struct strata_step {
    size_t rev;               /* graph index */
    strata_stmt_list stmts;   /* what runs, file-relative lines; owned */
    int empty;                /* nothing runs on this dialect */
    char checksum[STRATA_CHECKSUM_SIZE];
} strata_step;

typedef struct strata_plan {
    strata_direction dir;
    strata_step *steps;       /* owned */
    size_t n;
} strata_plan;

/* Build the plan for path (graph indices in run order).  Upgrade: the
 * +up sections for dialect (generic and scoped, file order).  Downgrade:
 * the +down sections; nothing for a revision recorded empty on this
 * dialect (recorded_empty, may be NULL); a revision whose +up runs
 * something here and which has no +down for dialect is refused with
 * STRATA_ERR_IRREVERSIBLE naming file:line. */
int strata__plan_build(strata_plan *out, strata_chain *c,
                       const char *dialect, strata_direction dir,
                       const size_t *path, size_t n,
                       const unsigned char *recorded_empty,
                       strata_error *err);
void strata__plan_free(strata_plan *p);

#endif
