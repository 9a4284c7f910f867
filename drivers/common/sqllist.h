/* sqllist.h - the statement list each driver's render() returns. */
#ifndef STRATA_DRV_SQLLIST_H
#define STRATA_DRV_SQLLIST_H

#include <stdint.h>

#include "strata/driver.h"
#include "hidden.h"

/* Append b's text (taken: b is left empty; an empty b gives "") as one
 * statement, with copies of lock and note, and alt's text (taken too;
 * NULL or empty for none) as its alternative. */
int drv_sql_emit(const strata_host *host, strata_sql_list *l, strata_buf *b,
                 uint32_t flags, const char *lock, const char *note,
                 strata_buf *alt) DRV_HIDDEN;

void drv_sql_list_free(const strata_host *host, strata_sql_list *l)
    DRV_HIDDEN;

#endif
