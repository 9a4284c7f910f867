/* msg.c - error messages assembled from parts (lists of names, file
 * positions) without an out-of-memory check after each part. */
#include "util/msg.h"

#include <stdarg.h>

#include "util/buf.h"

void strata__msg_add(strata_msg *m, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (!m->bad && strata__buf_vprintf(&m->b, fmt, ap) != STRATA_OK)
        m->bad = 1;
    va_end(ap);
}

int strata__msg_set(strata_msg *m, strata_error *err, int code)
{
    if (m->bad)
        code = strata__nomem(err);
    else
        strata__error_set(err, code, "%s", m->b.data ? m->b.data : "");
    strata__buf_free(&m->b);
    return code;
}
