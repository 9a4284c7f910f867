/* catalog.h - building the neutral catalog (strata_table and what it
 * holds) that each driver's introspect() returns in host memory. */
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

/* (abi/free.h frees what these build.) */

#endif
