/* quote.h - text wrapped in a quote character with each one inside
 * doubled: identifiers on all three engines, literals on SQLite (and
 * PostgreSQL's offline ones without a backslash). */
#ifndef STRATA_DRV_QUOTE_H
#define STRATA_DRV_QUOTE_H

#include "strata/driver.h"
#include "hidden.h"

/* Append s (NULL is "") wrapped in q to b; STRATA_ERR_NOMEM on failure. */
int drv_quote(const strata_host *host, strata_buf *b, const char *s, char q)
    DRV_HIDDEN;

#endif
