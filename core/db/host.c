/* host.c - the services table drivers receive (allocation, errors,
 * logging, string building), shared with the core's own code. */
#include "db/host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/output.h"

static int verbosity = STRATA_LOG_WARN;

void strata__host_set_verbosity(int level) { verbosity = level; }

static void *h_alloc(size_t size) { return calloc(1, size ? size : 1); }
static void *h_realloc(void *p, size_t size)
{
    return realloc(p, size ? size : 1);
}
static void h_free(void *p) { free(p); }
static char *h_strdup(const char *s) { return s ? strdup(s) : NULL; }

static char *h_strndup(const char *s, size_t n)
{
    char *d;
    size_t len = 0;

    if (!s)
        return NULL;
    while (len < n && s[len])
        len++;
    d = malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

/* A driver's message, whole and masked (strata__mask): a client library
 * may quote a URL or a piece of one ("invalid percent-encoded token"),
 * and a password cut in two by the 256-byte errmsg would no longer be
 * found (issue 13).  malloc'd; NULL out of memory. */
static char *driver_text(const char *fmt, va_list ap)
{
    strata_buf b = {0};
    char *masked;

    if (strata__buf_vprintf(&b, fmt, ap) != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    masked = strata__mask(b.data ? b.data : "");
    strata__buf_free(&b);
    return masked;
}

static int h_error(strata_conn *c, int code, const char *sqlstate,
                   const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (!c)
        return code;
    c->code = code;
    snprintf(c->sqlstate, sizeof c->sqlstate, "%s", sqlstate ? sqlstate : "");
    va_start(ap, fmt);
    msg = driver_text(fmt, ap);
    va_end(ap);
    /* masked first, then cut */
    snprintf(c->errmsg, sizeof c->errmsg, "%s", msg ? msg : "out of memory");
    free(msg);
    return code;
}

static void h_log(int level, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (level > verbosity)
        return;
    va_start(ap, fmt);
    msg = driver_text(fmt, ap);
    va_end(ap);
    if (!msg)
        return;
    if (level <= STRATA_LOG_WARN)
        strata__warn("%s", msg);
    else
        strata__out("%s\n", msg);
    free(msg);
}

static const strata_host host_table = {
    .struct_size = sizeof(strata_host),
    .abi_major = STRATA_ABI_MAJOR,
    .abi_minor = STRATA_ABI_MINOR,
    .alloc = h_alloc,
    .realloc = h_realloc,
    .free = h_free,
    .strdup = h_strdup,
    .strndup = h_strndup,
    .error = h_error,
    .log = h_log,
    .buf_append = strata__buf_append,
    .buf_printf = strata__buf_printf,
    .buf_free = strata__buf_free,
};

const strata_host *strata__host(void) { return &host_table; }

void strata__stmt_list_free(strata_stmt_list *l)
{
    strata_abi_stmt_list_free(&host_table, l);
}

