/* alloc.h - array allocation checked for overflow, where NULL always
 * means out of memory (an empty array still gets a block), and the one
 * free of a string array. */
#ifndef STRATA_CORE_ALLOC_H
#define STRATA_CORE_ALLOC_H

#include <stddef.h>

/* malloc for count elements of size bytes; never NULL for count 0 on
 * success; NULL when count * size overflows. */
void *strata__alloc_array(size_t count, size_t size);

/* Free n strings and the array holding them (NULL is fine). */
void strata__strings_free(char **v, size_t n);

#endif
