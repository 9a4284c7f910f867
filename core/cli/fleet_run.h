/* fleet_run.h - a fleet's targets run by a pool of worker processes:
 * each target's verb in a process of its own, through the same code as
 * 'strata VERB', its output in a log file (docs/design.md §9.12). */
#ifndef STRATA_CORE_FLEET_RUN_H
#define STRATA_CORE_FLEET_RUN_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/fleet_targets.h"

typedef enum strata_fleet_state {
    STRATA_FLEET_NOT_RUN = 0, /* never started: the fleet stopped first */
    STRATA_FLEET_DONE,        /* exit code 0 */
    STRATA_FLEET_FAILED       /* any other exit code */
} strata_fleet_state;

typedef struct strata_fleet_result {
    strata_fleet_state state;
    int exit_code;    /* the target's, as 'strata VERB' would exit */
    long long ms;     /* from start to end of its process */
    int known;        /* the target's version rows were read */
    char **from, **to; /* version rows before and after (owned) */
    size_t nfrom, nto;
    char *error;      /* the target's error message, NULL when none */
    char *log;        /* its log file */
} strata_fleet_result;

typedef struct strata_fleet_plan {
    const strata_cli *verb;  /* the verb run on each target (url and
                              * schema replaced by the target's) */
    const strata_fleet_targets *targets;
    size_t jobs;             /* at most this many at once (>= 1) */
    size_t canary;           /* 0, or run these first and stop if any
                              * fails */
    int keep_going;          /* --continue-on-error */
    const char *logs;        /* the folder of the logs (created) */
    /* Called as each target ends (the progress lines); may be NULL. */
    void (*ended)(void *arg, size_t i, const strata_fleet_result *r);
    void *arg;
} strata_fleet_plan;

/* Run the plan; r has one result per target.  A failed target is no
 * error here (its result says it); errors are the fleet's own: the log
 * folder, fork, out of memory.  *signo: the signal that stopped the
 * fleet (forwarded to the running targets), 0 when none. */
int strata__fleet_run(const strata_fleet_plan *p, strata_fleet_result *r,
                      int *signo, strata_error *err);
void strata__fleet_results_free(strata_fleet_result *r, size_t n);

#endif
