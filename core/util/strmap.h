/* strmap.h - a hash index from borrowed strings to indices (FNV-1a,
 * linear probing), sized once for the keys it will hold. */
#ifndef STRATA_CORE_STRMAP_H
#define STRATA_CORE_STRMAP_H

#include <stddef.h>

typedef struct strata_strmap_slot {
    const char *key; /* borrowed; NULL when the slot is empty */
    long val;
} strata_strmap_slot;

typedef struct strata_strmap {
    strata_strmap_slot *slot;
    size_t mask; /* capacity - 1, capacity a power of two */
} strata_strmap;

/* Room for n keys (adding more is the caller's bug).  STRATA_ERR_NOMEM. */
int strata__strmap_init(strata_strmap *m, size_t n);
void strata__strmap_free(strata_strmap *m);
/* The value under key (exact, case-sensitive), or -1. */
long strata__strmap_find(const strata_strmap *m, const char *key);
/* Put val under key, which must outlive the map; when key is there
 * already, nothing changes and its value is returned, else -1. */
long strata__strmap_add(strata_strmap *m, const char *key, long val);

#endif
