/* error.c - the core's error values and the rc -> exit code table. */
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/interrupt.h"

int strata__error_vset(strata_error *e, int code, const char *fmt,
                       va_list ap)
{
    va_list aq;
    int n;
    char *msg;

    if (!e)
        return code;
    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    free(e->msg);
    e->msg = msg; /* NULL on out-of-memory: strata_strerror stands in */
    e->code = code;
    return code;
}

int strata__error_set(strata_error *e, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strata__error_vset(e, code, fmt, ap);
    va_end(ap);
    return code;
}

int strata__error_prefix(strata_error *e, const char *fmt, ...)
{
    va_list ap;
    char *pre, *old;
    int n;

    if (!e)
        return STRATA_ERR;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return e->code;
    pre = malloc((size_t)n + 1);
    if (!pre)
        return e->code;
    va_start(ap, fmt);
    vsnprintf(pre, (size_t)n + 1, fmt, ap);
    va_end(ap);
    old = e->msg;
    e->msg = NULL; /* error_set would free it while still in use */
    strata__error_set(e, e->code, "%s%s", pre,
                      old ? old : strata_strerror(e->code));
    free(old);
    free(pre);
    return e->code;
}

int strata__nomem(strata_error *e)
{
    return strata__error_set(e, STRATA_ERR_NOMEM, "out of memory");
}

void strata__error_clear(strata_error *e)
{
    if (!e)
        return;
    free(e->msg);
    e->msg = NULL;
    e->code = STRATA_OK;
}

static const struct {
    int rc;
    int exit_code;
    const char *text;
} rc_table[] = {
    {STRATA_OK, 0, "success"},
    {STRATA_ERR, 1, "failed"},
    {STRATA_ERR_NOMEM, 1, "out of memory"},
    {STRATA_ERR_NOTFOUND, 2, "not found"},
    {STRATA_ERR_EXISTS, 2, "already exists"},
    {STRATA_ERR_INVALID, 2, "invalid usage"},
    {STRATA_ERR_CONFIG, 2, "configuration error"},
    {STRATA_ERR_PARSE, 2, "parse error"},
    {STRATA_ERR_DB, 1, "database error"},
    {STRATA_ERR_CONN, 1, "connection failed"},
    {STRATA_ERR_LOCKED, 1, "lock timeout"},
    {STRATA_ERR_ABI, 2, "incompatible driver"},
    {STRATA_ERR_NOTSUP, 2, "not supported by the driver"},
    {STRATA_ERR_CHECKSUM, 3, "checksum mismatch"},
    {STRATA_ERR_IRREVERSIBLE, 3, "irreversible downgrade"},
    {STRATA_ERR_USER, 1, "stopped by callback"},
    {STRATA_ERR_BUSY, 4, "migration lock not obtained"},
    {STRATA_ERR_DRIFT, 3, "schema drift"},
    {STRATA_ERR_POLICY, 3, "refused by policy"},
    /* 128 + the signal, as a shell reports a process it killed: 130
     * for SIGINT, 143 for SIGTERM (strata__exit_code). */
    {STRATA_ERR_INTERRUPTED, 130, "interrupted by a signal"},
};

const char *strata_strerror(int rc)
{
    for (size_t i = 0; i < sizeof rc_table / sizeof rc_table[0]; i++)
        if (rc_table[i].rc == rc)
            return rc_table[i].text;
    return "unknown error";
}

int strata__exit_code(int rc)
{
    if (rc == STRATA_ERR_INTERRUPTED && strata__interrupt_signal())
        return 128 + strata__interrupt_signal();
    for (size_t i = 0; i < sizeof rc_table / sizeof rc_table[0]; i++)
        if (rc_table[i].rc == rc)
            return rc_table[i].exit_code;
    return 1;
}
