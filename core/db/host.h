/* host.h - the services table the core hands to drivers, and the same
 * allocation and string helpers for the core's own use; abi/free.h's
 * destructors take it: strata_abi_sql_list_free(strata__host(), &l). */
#ifndef STRATA_CORE_HOST_H
#define STRATA_CORE_HOST_H

#include <stddef.h>

#include "abi/free.h"
#include "strata/driver.h"
#include "util/buf.h"

const strata_host *strata__host(void);

/* Verbosity for host->log: messages above it are dropped. */
void strata__host_set_verbosity(int level);

/* Free a statement list returned by a driver's split() (abi/free.h's
 * destructor with the core's host). */
void strata__stmt_list_free(strata_stmt_list *l);

#endif
