/* alloc.c - overflow-checked array allocation. */
#include "util/alloc.h"

#include <stdint.h>
#include <stdlib.h>

void *strata__alloc_array(size_t count, size_t size)
{
    if (count == 0)
        count = 1;
    if (size && count > SIZE_MAX / size)
        return NULL;
    return malloc(count * size);
}
