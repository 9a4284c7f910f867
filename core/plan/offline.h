/* offline.h - what a plan would do, worked out without running it: the
 * groups of operations decided against a simulated catalog (shared by
 * `plan`, which reads the live catalog first, and `--sql`, which has no
 * database at all), and the script `upgrade --sql` / `downgrade --sql`
 * print: the run's program (plan/program.h) as SQL (docs/design.md §11). */
#ifndef STRATA_CORE_OFFLINE_H
#define STRATA_CORE_OFFLINE_H

#include "plan/catcache.h"
#include "plan/group.h"
#include "plan/prepare.h"

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

/* STRATA_OK when drv can write scripts: it has the words of one
 * (strata_driver.script) and renders portable statements; otherwise
 * STRATA_ERR_NOTSUP with err saying which is missing. */
int strata__offline_supported(const strata_driver *drv, strata_error *err);

/* What a script is written from. */
typedef struct strata_offline {
    const strata_config *cfg;
    strata_chain *chain;
    const strata_driver *drv;     /* the script's dialect */
    strata_conn *conn;            /* its unconnected scratch connection */
    const char *session_dialect;  /* the URL's: the configuration's
                                   * session_sql is written for it alone */
    strata_direction dir;
    const char *from, *to;        /* as given, for the header */
    const strata_target *from_target; /* --from: replayed on a simulated
                                       * catalog first */
} strata_offline;

/* The script from o's --from state along p's path (strata__prepare_from
 * and strata__prepare_path filled p->applied, p->n and p->path; the up
 * state and plan are built here), appended to out.  Errors as upgrade's,
 * before anything is written. */
int strata__offline_script(const strata_offline *o, strata_prepared *p,
                           strata_buf *out, strata_error *err);

#endif
