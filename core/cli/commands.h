/* commands.h - one function per verb; each returns a status code and
 * leaves its error in x->err (the CLI prints it and picks the exit). */
#ifndef STRATA_CORE_COMMANDS_H
#define STRATA_CORE_COMMANDS_H

#include "cli/context.h"

int strata__cmd_init(strata_ctx *x);
int strata__cmd_upgrade(strata_ctx *x);
int strata__cmd_downgrade(strata_ctx *x);
int strata__cmd_plan(strata_ctx *x);

int strata__cmd_status(strata_ctx *x);
int strata__cmd_current(strata_ctx *x);
int strata__cmd_heads(strata_ctx *x);
int strata__cmd_revision(strata_ctx *x);
int strata__cmd_merge(strata_ctx *x);
int strata__cmd_branches(strata_ctx *x);
int strata__cmd_graph(strata_ctx *x);
int strata__cmd_history(strata_ctx *x);
int strata__cmd_show(strata_ctx *x);
int strata__cmd_stamp(strata_ctx *x);
int strata__cmd_adopt(strata_ctx *x);
int strata__cmd_check(strata_ctx *x);
int strata__cmd_lint(strata_ctx *x);

int strata__cmd_drivers(strata_ctx *x);
int strata__cmd_inspect(strata_ctx *x);
int strata__cmd_schema(strata_ctx *x);
int strata__cmd_diff(strata_ctx *x);
int strata__cmd_verify(strata_ctx *x);
int strata__cmd_seed(strata_ctx *x);
int strata__cmd_test(strata_ctx *x);
int strata__cmd_fleet(strata_ctx *x);

/* Run x->cli's verb on x, checked as strata__cli_check does, the error
 * left in x->err: one target of a fleet, in its own process. */
int strata__cli_run_in(strata_ctx *x);

#endif
