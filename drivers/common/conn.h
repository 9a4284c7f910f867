/* conn.h - what every driver's connection code needs alike: connect
 * options, the out-of-memory and not-connected errors, millisecond
 * settings. */
#ifndef STRATA_DRV_CONN_H
#define STRATA_DRV_CONN_H

#include "strata/driver.h"
#include "hidden.h"

/* The value of key in opts (a connect() option list), NULL when absent. */
const char *drv_opt(const strata_kv *opts, const char *key) DRV_HIDDEN;

/* Record "out of memory" on c (through c->host) and return
 * STRATA_ERR_NOMEM. */
int drv_nomem(strata_conn *c) DRV_HIDDEN;

/* Allocation checks: p is the pointer just allocated; when it is NULL
 * the error is recorded on c and the function returns (CHECK) or jumps
 * to its cleanup with rc set (GOTO). */
#define DRV_ALLOC_CHECK(p, c)                                              \
    do {                                                                   \
        if (!(p))                                                          \
            return drv_nomem(c);                                           \
    } while (0)
#define DRV_ALLOC_GOTO(p, c, rc, label)                                    \
    do {                                                                   \
        if (!(p)) {                                                        \
            (rc) = drv_nomem(c);                                           \
            goto label;                                                    \
        }                                                                  \
    } while (0)

/* Record "not connected to <server>" (server: "a SQLite database") and
 * return STRATA_ERR_CONN. */
int drv_not_connected(strata_conn *c, const char *server) DRV_HIDDEN;

/* STRATA_ERR_INVALID naming the first of names[0..n) that is NULL
 * ("VERB: table I has no name"), STRATA_OK when each has one. */
int drv_names_given(strata_conn *c, const char *verb,
                    const char *const *names, size_t n) DRV_HIDDEN;

/* table_exists answered by the driver's tables_exist for one name: the
 * two cannot disagree when they are one question. */
int drv_table_exists_one(strata_conn *c,
                         int (*many)(strata_conn *c, const char *const *t,
                                     size_t n, unsigned char *out),
                         const char *table, int *out) DRV_HIDDEN;

/* *out = option key of opts as a number of milliseconds (0 to
 * 2147483647), dflt when absent or empty; STRATA_ERR_CONFIG naming key
 * and the value otherwise. */
int drv_opt_ms(strata_conn *c, const strata_kv *opts, const char *key,
               long dflt, long *out) DRV_HIDDEN;

#endif
