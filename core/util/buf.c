/* buf.c - growable strings (strata_buf) and heap formatting: the helpers
 * the host table hands to drivers, used by the core's own code too. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for n more bytes plus the NUL. */
static int buf_reserve(strata_buf *b, size_t n)
{
    size_t cap = b->cap ? b->cap : 64;
    char *d;

    if (b->len + n + 1 <= b->cap)
        return STRATA_OK;
    while (cap < b->len + n + 1)
        cap *= 2;
    d = realloc(b->data, cap);
    if (!d)
        return STRATA_ERR_NOMEM;
    b->data = d;
    b->cap = cap;
    return STRATA_OK;
}

int strata__buf_append(strata_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return STRATA_OK;
}

int strata__buf_puts(strata_buf *b, const char *s)
{
    return strata__buf_append(b, s, strlen(s));
}

int strata__buf_vprintf(strata_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    int n;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return STRATA_ERR;
    if (buf_reserve(b, (size_t)n) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return STRATA_OK;
}

int strata__buf_printf(strata_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = strata__buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void strata__buf_free(strata_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *strata__buf_take(strata_buf *b)
{
    char *s = b->data ? b->data : strdup("");

    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

char *strata__vsprintf(const char *fmt, va_list ap)
{
    strata_buf b = {0};

    if (strata__buf_vprintf(&b, fmt, ap) != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    return strata__buf_take(&b);
}

char *strata__sprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = strata__vsprintf(fmt, ap);
    va_end(ap);
    return s;
}
