/* offline.h - what a plan would do, worked out without running it: the
 * groups of operations decided against a simulated catalog (shared by
 * `plan`, which reads the live catalog first, and `--sql`, which has no
 * database at all), and the script `upgrade --sql` / `downgrade --sql`
 * print (DESIGN §0 "Offline SQL and lint"). */
#ifndef STRATA_CORE_OFFLINE_H
#define STRATA_CORE_OFFLINE_H

#include "plan/apply.h"
#include "cli/context.h"

/* A step's items in run order: a raw statement alone, or a group of
 * portable operations on one table, decided and rendered. */
typedef struct strata_unit {
    size_t first, end;   /* items[first, end) of the step */
    int group;           /* 1: portable operations; g is prepared */
    strata_group g;
} strata_unit;

/* Prepare every group of step st (of revision rev) as the runner would:
 * online decisions from the tables the migration created, allow_locking
 * from the configuration or the file's header.  The cache must simulate
 * (strata__catcache_simulate), so each group's effect is what the later
 * ones, in this step and the next, see.  adopt: a drift is reported in
 * the group (outcome DRIFT, adopted) instead of failing. */
int strata__offline_units(strata_unit **out, size_t *n,
                          strata_catcache *cache, const strata_config *cfg,
                          const strata_revision *rev, strata_step *st,
                          int adopt, strata_error *err);
void strata__offline_units_free(strata_unit *u, size_t n);

/* 1 when a run on drv keeps one transaction for the whole run with a
 * savepoint per migration (SQLite; --single-transaction), as the
 * runner decides it. */
int strata__offline_per_run(const strata_driver *drv,
                            const strata_config *cfg);

/* `upgrade --sql` / `downgrade --sql`: print on stdout the script the
 * chain would run from the state --from (upgrade: base by default;
 * downgrade: every head) to spec, for --dialect (default: the URL's),
 * without connecting.  Errors as upgrade's, before anything is printed. */
int strata__offline_script(strata_ctx *x, strata_direction dir,
                           const char *spec);

#endif
