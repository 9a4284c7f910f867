/* heap.c - a binary min-heap of indices and heap sort: ordering without
 * allocating, so a walk over a large graph cannot fail half way. */
#include "util/heap.h"

static void sift_down(size_t *h, size_t len, size_t i, strata_less_fn less,
                      const void *ctx)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i, tmp;

        if (l < len && less(ctx, h[l], h[m]))
            m = l;
        if (r < len && less(ctx, h[r], h[m]))
            m = r;
        if (m == i)
            return;
        tmp = h[i];
        h[i] = h[m];
        h[m] = tmp;
        i = m;
    }
}

void strata__heap_push(strata_heap *h, size_t x)
{
    size_t i = h->len++;

    while (i > 0 && h->less(h->ctx, x, h->v[(i - 1) / 2])) {
        h->v[i] = h->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->v[i] = x;
}

size_t strata__heap_pop(strata_heap *h)
{
    size_t top = h->v[0];

    h->v[0] = h->v[--h->len];
    sift_down(h->v, h->len, 0, h->less, h->ctx);
    return top;
}

/* A min-heap sort leaves the array descending, so reverse at the end. */
void strata__heap_sort(size_t *a, size_t k, strata_less_fn less,
                       const void *ctx)
{
    size_t end, tmp;

    for (size_t i = k / 2; i-- > 0;)
        sift_down(a, k, i, less, ctx);
    for (end = k; end > 1;) {
        end--;
        tmp = a[0];
        a[0] = a[end];
        a[end] = tmp;
        sift_down(a, end, 0, less, ctx);
    }
    for (size_t i = 0; i < k / 2; i++) {
        tmp = a[i];
        a[i] = a[k - 1 - i];
        a[k - 1 - i] = tmp;
    }
}
