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

/* A static description of rc. */
const char *strata_strerror(int rc);
/* DESIGN §8: 0 done, 1 database/migration failed, 2 bad input,
 * 3 policy refused, 4 migration lock not obtained. */
int strata__exit_code(int rc);

#endif
