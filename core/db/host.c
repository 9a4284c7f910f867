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

static int h_error(strata_conn *c, int code, const char *sqlstate,
                   const char *fmt, ...)
{
    va_list ap;

    if (!c)
        return code;
    c->code = code;
    snprintf(c->sqlstate, sizeof c->sqlstate, "%s", sqlstate ? sqlstate : "");
    va_start(ap, fmt);
    vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

static void h_log(int level, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    int n;

    if (level > verbosity)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(msg = malloc((size_t)n + 1)))
        return;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
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

