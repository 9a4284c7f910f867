/* alloc.c - overflow-checked array allocation and the string-array free. */
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

void strata__strings_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}
