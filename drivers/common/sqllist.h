/* sqllist.h - the statement lists drivers return: render()'s and
 * session_sql()'s. */
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

/* Append a copy of sql as one statement; STRATA_ERR_NOMEM on failure.
 * (Free lists with abi/free.h's strata_abi_sql_list_free.) */
int drv_sql_push(const strata_host *host, strata_sql_list *l,
                 const char *sql) DRV_HIDDEN;

#endif
