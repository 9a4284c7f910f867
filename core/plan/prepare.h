/* prepare.h - the prepare stage upgrade, downgrade, plan and `--sql`
 * share: the target resolved against an applied set, downgrade targets
 * that are not applied refused, the path through the graph, what the
 * upgrades being undone recorded, and the plan. */
#ifndef STRATA_CORE_PREPARE_H
#define STRATA_CORE_PREPARE_H

#include "chain/chain.h"
#include "chain/checksum.h"
#include "chain/graph.h"
#include "chain/path.h"
#include "db/history.h"
#include "plan/planner.h"

typedef struct strata_prepared {
    strata_target t;
    char **rows;              /* version rows before */
    size_t nrows;
    unsigned char *applied;   /* the applied set (graph count bytes) */
    size_t *path, npath;
    size_t n;                 /* graph count */
    strata_up_state up;       /* downgrade: what the upgrades recorded */
    int behind;               /* upgrade refused: the target is below the
                               * applied revisions (plan downgrades) */
    strata_plan plan;
} strata_prepared;

/* An unknown or ambiguous target is bad input, refused before anything
 * connects; only a relative one ("+N", "-N") waits for the database. */
int strata__prepare_spec(const strata_graph *g, const char *spec,
                         strata_direction dir, strata_error *err);

/* The state --from names, for a script: applied (graph-count bytes,
 * zeroed) gets its revisions and their ancestors; ft the target. */
int strata__prepare_from(const strata_graph *g, const char *from,
                         strata_target *ft, unsigned char *applied,
                         strata_error *err);

/* With p->applied and p->n set: spec resolved into p->t, a downgrade
 * target that is not applied refused (where: "at --from REV", "to URL
 * (see 'strata current')"), and p->path.  An upgrade to a target below
 * the applied revisions is refused (STRATA_ERR_INVALID, p->behind). */
int strata__prepare_path(strata_prepared *p, const strata_graph *g,
                         strata_direction dir, const char *spec,
                         const char *where, strata_error *err);

/* A downgrade of a database: what the upgrades it undoes recorded. */
int strata__prepare_up_state(strata_prepared *p, const strata_graph *g,
                             strata_history *h, strata_error *err);

/* p->plan for p->path on dialect (portable statements rendered); a
 * warning for each statement naming what the dialect cuts. */
int strata__prepare_plan(strata_prepared *p, strata_chain *c,
                         const char *dialect, strata_direction dir,
                         strata_error *err);

/* For each applied revision i (applied: graph-count bytes) with a
 * checksum on record in hist (nhist rows, in id order;
 * strata__history_recorded): recorded[i] (points into hist) and
 * current[i], its file's checksum now; recorded[i] stays NULL for the
 * others (both arrays graph-count long).  *nchecked: how many were
 * compared.  check, status and the migrating verbs read edits this one
 * way. */
int strata__prepare_compare(strata_chain *c, const unsigned char *applied,
                            const strata_history_row *hist, size_t nhist,
                            const char **recorded,
                            char (*current)[STRATA_CHECKSUM_SIZE],
                            size_t *nchecked, strata_error *err);

/* Validation before a run, as Flyway does: an applied file edited since
 * it ran (p->applied, the history in h) refuses the run with
 * STRATA_ERR_CHECKSUM, naming each file, unless the edit was accepted
 * (stamp --accept-checksum).  Repeatable migrations are not validated:
 * an edit runs them again (strata__prepare_repeatables). */
int strata__prepare_checksums(const strata_prepared *p, strata_chain *c,
                              strata_history *h, strata_error *err);

/* Repeatable migrations (Flyway R__, "-- repeatable: true"): one whose
 * checksum differs from the one last recorded counts as not applied in
 * p->applied, so an upgrade runs it again, after the versioned ones
 * before it in the chain.  Nothing to do without repeatables. */
int strata__prepare_repeatables(strata_prepared *p, strata_chain *c,
                                strata_history *h, strata_error *err);

/* Repeatable migrations hold no version row: applied[i] is set for each
 * one history records as applied (strata__history_recorded), whatever
 * the rows say.  Nothing to do without repeatables. */
int strata__prepare_repeat_state(strata_chain *c, strata_history *h,
                                 unsigned char *applied, strata_error *err);

/* Free p even after a failure. */
void strata__prepared_free(strata_prepared *p);

#endif
