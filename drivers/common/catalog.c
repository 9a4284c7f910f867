/* catalog.c - building the neutral catalog in host memory (catalog.h). */
#include <string.h>

#include "catalog.h"

void *drv_grow(const strata_host *host, void *arr_p, size_t *n, size_t size)
{
    char *old, *a;

    /* memcpy moves the pointer, so any element type works without
     * aliasing through void **. */
    memcpy(&old, arr_p, sizeof old);
    if (!(a = host->realloc(old, (*n + 1) * size)))
        return NULL;
    memset(a + *n * size, 0, size);
    memcpy(arr_p, &a, sizeof a);
    return a + (*n)++ * size;
}
