/* cf.h - the conformance suite's shared state: the driver under test,
 * the checks' reporting, connections and statements through the ABI. */
#ifndef STRATA_CF_H
#define STRATA_CF_H

#include <stddef.h>
#include <stdint.h>

#include "strata/driver.h"
#include "util/buf.h" /* strata__sprintf */

/* What an area ended with. */
enum { CF_PASS = 0, CF_FAIL = 1, CF_SKIP = 2 };

typedef struct cf {
    const strata_driver *drv; /* the loader's copy of the driver's table */
    const char *file;         /* --driver */
    const char *url;          /* --url; never printed unmasked */
    const char *area;         /* the area running */
    char *skip_why;           /* why the area skipped; malloc'd */
    char *failure;            /* "area: check: detail" of the first
                               * failure of the run; malloc'd */
    int area_failed;          /* this area has a failed check */
    int verbose;              /* print every check that passed */
    strata_buf unclaimed;     /* checks skipped inside areas that ran,
                               * one line each */
    uint32_t lock_timeout_ms; /* the lock timeout connections get */
    char lock_timeout[16];    /* the same, as connect's option */
} cf;

/* The host table drivers get: the core's own (core/db/host.c), with
 * error() and log() also watching for credentials (cf_secret_*). */
const strata_host *cf_host(void);
/* A password no message may quote: the URL's, the refused URL's. */
void cf_secret_add(const char *secret);
/* The first message that quoted one (since the last call), or NULL;
 * clears it.  malloc'd. */
char *cf_secret_leak(void);

/* Reporting.  cf_fail records "area: check: detail", prints it and
 * returns CF_FAIL; cf_ok prints the check with -v; cf_skip records why
 * the area was skipped and returns CF_SKIP. */
int cf_fail(cf *x, const char *check, const char *fmt, ...)
    STRATA_PRINTF(3, 4);
void cf_ok(cf *x, const char *check);
int cf_skip(cf *x, const char *fmt, ...) STRATA_PRINTF(2, 3);
/* A check skipped because the driver does not claim what it checks;
 * listed in the summary. */
void cf_unclaimed(cf *x, const char *what);
/* A status code's name: "STRATA_ERR_BUSY". */
const char *cf_rc_name(int rc);

/* Connections.  cf_open: a new connection (calloc'd conn_size, host set)
 * connected to the URL with the suite's options; on failure the check
 * fails naming the driver's message, and *out is NULL.  cf_close:
 * disconnect and free; NULL is fine. */
int cf_open(cf *x, const char *check, strata_conn **out);
int cf_open_url(cf *x, const char *check, const char *url,
                const strata_kv *opts, strata_conn **out);
strata_conn *cf_conn_new(cf *x);
void cf_close(cf *x, strata_conn *c);

/* Statements through exec and query; a failure fails check, naming the
 * statement and the driver's message. */
int cf_exec(cf *x, strata_conn *c, const char *check, const char *sql);
int cf_execf(cf *x, strata_conn *c, const char *check, const char *fmt,
             ...) STRATA_PRINTF(4, 5);
/* *n = the first column of the first row, as an integer. */
int cf_count(cf *x, strata_conn *c, const char *check, long long *n,
             const char *fmt, ...) STRATA_PRINTF(5, 6);
/* name quoted by the driver (malloc'd), NULL out of memory or when
 * quote_ident fails (the check fails). */
char *cf_qi(cf *x, strata_conn *c, const char *check, const char *name);
char *cf_ql(cf *x, strata_conn *c, const char *check, const char *text);
/* DROP TABLE name, its failure ignored (it may not exist). */
void cf_drop(cf *x, strata_conn *c, const char *name);
/* *out = 1 when table exists: table_exists, else introspect, else a
 * SELECT that succeeds. */
int cf_table_there(cf *x, strata_conn *c, const char *check,
                   const char *table, int *out);

/* Milliseconds of a monotonic clock. */
long long cf_now_ms(void);

/* The areas, in the order they run (main.c lists them). */
int cf_area_load(cf *x);
int cf_area_connect(cf *x);
int cf_area_lock(cf *x);
int cf_area_transactions(cf *x);
int cf_area_history(cf *x);
int cf_area_split(cf *x);
int cf_area_introspect(cf *x);
int cf_area_operations(cf *x);
int cf_area_online_index(cf *x);
int cf_area_constraints(cf *x);
int cf_area_identifiers(cf *x);
int cf_area_errors(cf *x);

#endif
