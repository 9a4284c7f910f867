/* runner.h - carry out a plan against the database: the runner owns
 * every BEGIN, SAVEPOINT and COMMIT (docs/design.md §7). */
#ifndef STRATA_CORE_RUNNER_H
#define STRATA_CORE_RUNNER_H

#include "chain/chain.h"
#include "db/history.h"
#include "plan/planner.h"
#include "run/report.h"
#include "db/session.h"

/* Run plan.  applied (graph-count bytes) is the applied set before the
 * run and is updated as migrations complete.  The history tables must
 * exist (strata__history_create) and the migration lock be held.
 * Portable operations are checked against the live catalog first
 * (ensure semantics); adopt accepts drifted objects.  A failing
 * statement rolls its migration back, is recorded in the history in its
 * own commit, and returns its code with err naming file:line; every
 * migration before it stays applied. */
int strata__run(strata_session *s, strata_history *h, strata_chain *c,
                strata_plan *plan, unsigned char *applied, int adopt,
                strata_report *rep, strata_error *err);

#endif
