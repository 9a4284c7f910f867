/* catalog.h - building and freeing the neutral catalog (strata_table and
 * what it holds) that each driver's introspect() returns in host memory. */
#ifndef STRATA_DRV_CATALOG_H
#define STRATA_DRV_CATALOG_H

#include <stddef.h>

#include "strata/driver.h"
#include "hidden.h"

/* One more zeroed element of size bytes at the end of the array *arr_p
 * (any element type) of *n: its address, or NULL (nothing changed) when
 * out of memory. */
void *drv_grow(const strata_host *host, void *arr_p, size_t *n, size_t size)
    DRV_HIDDEN;

void drv_strv_free(const strata_host *host, char **v, size_t n) DRV_HIDDEN;
void drv_constraint_free(const strata_host *host, strata_constraint *k)
    DRV_HIDDEN;
void drv_index_free(const strata_host *host, strata_index *ix) DRV_HIDDEN;
void drv_objects_free(const strata_host *host, strata_object *o, size_t n)
    DRV_HIDDEN;
/* Everything t holds; t itself is left zeroed. */
void drv_table_free(const strata_host *host, strata_table *t) DRV_HIDDEN;

#endif
