/* context.h - the state a command builds up step by step: configuration,
 * driver, chain, connection, history; each step checks what it can
 * before the next, so bad input never reaches the database. */
#ifndef STRATA_CORE_CONTEXT_H
#define STRATA_CORE_CONTEXT_H

#include "chain/chain.h"
#include "cli/cli.h"
#include "util/config.h"
#include "db/history.h"
#include "db/loader.h"
#include "db/session.h"
#include "util/json.h"
#include "plan/prepare.h"

typedef struct strata_ctx {
    const strata_cli *cli;     /* borrowed */
    strata_config cfg;
    strata_driver_path dpath;
    strata_session sess;
    strata_chain chain;
    strata_history hist;
    strata_error err;
    int have_cfg, have_driver, have_chain, connected, have_hist;
    int absent;                /* the database does not exist yet */
    int json_done;             /* the verb printed its --json document */
    json_t *json_doc;          /* ... or left it here for the CLI to
                                * complete (ok, exit_code, error) */
    int read_only;             /* the verb writes nothing to the database:
                                * session_sql runs its settings only */
    int scratch;               /* a scratch database built to read what
                                * the chain builds: no dump_schema */
    char **first_rows;         /* the version rows as strata__ctx_state
                                * first read them: a fleet target's
                                * "from" (owned) */
    size_t nfirst_rows;
    int have_first_rows;
} strata_ctx;

void strata__ctx_init(strata_ctx *x, const strata_cli *cli);
void strata__ctx_free(strata_ctx *x);

/* Configuration and the driver search path. */
int strata__ctx_config(strata_ctx *x);
/* ... and the driver for the URL's scheme (not connected). */
int strata__ctx_driver(strata_ctx *x);
/* ... and the migration chain, validated. */
int strata__ctx_chain(strata_ctx *x);
/* ... and, for upgrade, downgrade and plan, the prepare stage on the
 * database: the chain checked, its state read, the target resolved, the
 * plan built.  lock == 0 (plan): no migration lock, and nothing created,
 * not even a missing database.  Free p even after a failure. */
int strata__ctx_prepare(strata_ctx *x, strata_direction dir,
                        const char *spec, int lock, strata_prepared *p);
/* ... and the connection, the migration lock when lock != 0 (taken
 * before anything is read, so a waiter sees the holder's work), and the
 * history tables' state.  With create == 0 a missing database sets
 * x->absent and is not an error. */
int strata__ctx_connect(strata_ctx *x, int create, int lock);
/* The version rows and the applied set (graph-count bytes, malloc'd). */
int strata__ctx_state(strata_ctx *x, char ***rows, size_t *nrows,
                      unsigned char **applied);
/* Hand over the verb's --json document: the CLI adds "ok", "exit_code"
 * and "error" from the verb's status and prints it (one line, compact).
 * Takes doc (NULL, or oom != 0: building it ran out of memory, reported
 * in x->err). */
int strata__ctx_print_json(strata_ctx *x, json_t *doc, int oom);
/* Where the URL came from, for current and status (issue 15): its
 * source ("DATABASE_URL", "--url", "-e prod: strata.ini [prod] url",
 * "strata.ini [dev] url", "embedded default") and the ini url an
 * environment variable hides.  malloc'd; NULL when out of memory. */
char *strata__ctx_url_origin(const strata_ctx *x);
/* The ids of the revisions v[0..n) of g, a JSON array; NULL when out of
 * memory. */
json_t *strata__ctx_ids_json(const strata_graph *g, const size_t *v,
                             size_t n);

#endif
