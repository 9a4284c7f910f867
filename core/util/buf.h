/* buf.h - growable strings (strata_buf) and heap formatting. */
#ifndef STRATA_CORE_BUF_H
#define STRATA_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "strata/driver.h"

/* strata_buf helpers (the same functions the host table carries to
 * drivers). */
int strata__buf_append(strata_buf *b, const char *s, size_t n);
int strata__buf_puts(strata_buf *b, const char *s);
int strata__buf_printf(strata_buf *b, const char *fmt, ...)
    STRATA_PRINTF(2, 3);
int strata__buf_vprintf(strata_buf *b, const char *fmt, va_list ap);
void strata__buf_free(strata_buf *b);
/* Hand over b's string (never NULL: "" when empty) and zero b. */
char *strata__buf_take(strata_buf *b);

/* Heap formatting: a new string, NULL when out of memory. */
char *strata__sprintf(const char *fmt, ...) STRATA_PRINTF(1, 2);
char *strata__vsprintf(const char *fmt, va_list ap);

#endif
