/* free.h - one destructor per composite type of include/strata/driver.h,
 * compiled into the core and (hidden) into each driver, so that both
 * sides release these types one way, always with host->free. */
#ifndef STRATA_ABI_FREE_H
#define STRATA_ABI_FREE_H

#include <stddef.h>

#include "strata/driver.h"

/* Each releases what the struct owns, with host->free, and zeroes it;
 * the struct itself is the caller's (an array element, a local).  A NULL
 * pointer is fine everywhere. */
void strata_abi_column_free(const strata_host *host, strata_column *c);
void strata_abi_constraint_free(const strata_host *host,
                                strata_constraint *c);
void strata_abi_index_free(const strata_host *host, strata_index *ix);
void strata_abi_object_free(const strata_host *host, strata_object *o);
void strata_abi_table_free(const strata_host *host, strata_table *t);
void strata_abi_sql_list_free(const strata_host *host, strata_sql_list *l);
void strata_abi_stmt_list_free(const strata_host *host,
                               strata_stmt_list *l);
void strata_abi_lint_list_free(const strata_host *host,
                               strata_lint_list *l);

/* Arrays: n entries, each freed as above, then the array itself. */
void strata_abi_strv_free(const strata_host *host, char **v, size_t n);
void strata_abi_objects_free(const strata_host *host, strata_object *v,
                             size_t n);
/* introspect()'s answer. */
void strata_abi_tables_free(const strata_host *host, strata_table *v,
                            size_t n);

#endif
