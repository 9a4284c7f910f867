/* heap.h - a binary min-heap of indices under the caller's order, and the
 * heap sort built on it (in place: neither allocates). */
#ifndef STRATA_CORE_HEAP_H
#define STRATA_CORE_HEAP_H

#include <stddef.h>

/* 1 when index a comes before index b; ctx is the caller's. */
typedef int (*strata_less_fn)(const void *ctx, size_t a, size_t b);

/* A heap over the caller's array v (room for every push). */
typedef struct strata_heap {
    size_t *v;
    size_t len;
    strata_less_fn less;
    const void *ctx;
} strata_heap;

void strata__heap_push(strata_heap *h, size_t x);
/* The least index; h->len must be > 0. */
size_t strata__heap_pop(strata_heap *h);

/* Sort a[0..k) ascending under less, in place. */
void strata__heap_sort(size_t *a, size_t k, strata_less_fn less,
                       const void *ctx);

#endif
