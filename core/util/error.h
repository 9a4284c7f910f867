/* error.h - the core's error value: a status code plus a message the user
 * can act on, and the one table from status codes to exit codes. */
#ifndef STRATA_CORE_ERROR_H
#define STRATA_CORE_ERROR_H

#include <stdarg.h>

#include "strata/driver.h"

typedef struct strata_error {
    int code;  /* STRATA_OK or a STRATA_ERR_* */
    char *msg; /* owned; NULL when code is STRATA_OK */
} strata_error;

/* Set e (replacing any earlier error) and return code. */
int strata__error_set(strata_error *e, int code, const char *fmt, ...)
    STRATA_PRINTF(3, 4);
int strata__error_vset(strata_error *e, int code, const char *fmt,
                       va_list ap);
/* Prefix the current message with formatted text ("file.sql: " ...). */
int strata__error_prefix(strata_error *e, const char *fmt, ...)
    STRATA_PRINTF(2, 3);
void strata__error_clear(strata_error *e);

/* The one out-of-memory report: sets e and returns STRATA_ERR_NOMEM. */
int strata__nomem(strata_error *e);
/* Allocation checks.  p is the pointer just allocated; when it is NULL
 * the error is reported in e and the function returns (CHECK) or jumps
 * to its cleanup with rc set (GOTO). */
#define STRATA_ALLOC_CHECK(p, e)                                           \
    do {                                                                   \
        if (!(p))                                                          \
            return strata__nomem(e);                                       \
    } while (0)
#define STRATA_ALLOC_GOTO(p, e, rc, label)                                 \
    do {                                                                   \
        if (!(p)) {                                                        \
            (rc) = strata__nomem(e);                                       \
            goto label;                                                    \
        }                                                                  \
    } while (0)

/* A static description of rc. */
const char *strata_strerror(int rc);
/* docs/design.md §9.5: 0 done, 1 database/migration failed, 2 bad input,
 * 3 policy refused, 4 migration lock not obtained, 130/143 stopped by
 * SIGINT/SIGTERM. */
int strata__exit_code(int rc);

#endif
