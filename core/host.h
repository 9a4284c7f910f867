/* host.h - the services table the core hands to drivers, and the same
 * allocation and string helpers for the core's own use. */
#ifndef STRATA_CORE_HOST_H
#define STRATA_CORE_HOST_H

#include <stddef.h>

#include "strata/driver.h"

const strata_host *strata__host(void);

/* Verbosity for host->log: messages above it are dropped. */
void strata__host_set_verbosity(int level);

/* strata_buf helpers (the same functions the host table carries). */
int strata__buf_append(strata_buf *b, const char *s, size_t n);
int strata__buf_puts(strata_buf *b, const char *s);
int strata__buf_printf(strata_buf *b, const char *fmt, ...)
    STRATA_PRINTF(2, 3);
int strata__buf_vprintf(strata_buf *b, const char *fmt, va_list ap);
void strata__buf_free(strata_buf *b);
/* Hand over b's string (never NULL: "" when empty) and zero b. */
char *strata__buf_take(strata_buf *b);

/* Free a statement list returned by a driver's split(). */
void strata__stmt_list_free(strata_stmt_list *l);

/* Heap formatting: a new string, NULL when out of memory. */
char *strata__sprintf(const char *fmt, ...) STRATA_PRINTF(1, 2);

#endif
