/* strmap.c - a fixed-capacity string index: the graph's revision ids and
 * branch labels, looked up in O(1) for 10,000-revision chains. */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

static size_t fnv1a(const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(1099511628211);
    }
    return (size_t)h;
}

int strata__strmap_init(strata_strmap *m, size_t n)
{
    size_t cap = 8;

    /* Load at most one half keeps probe runs short. */
    while (cap / 2 < n) {
        if (cap > SIZE_MAX / 4)
            return STRATA_ERR_NOMEM;
        cap *= 2;
    }
    m->slot = calloc(cap, sizeof *m->slot);
    if (!m->slot)
        return STRATA_ERR_NOMEM;
    m->mask = cap - 1;
    return STRATA_OK;
}

void strata__strmap_free(strata_strmap *m)
{
    free(m->slot);
    m->slot = NULL;
    m->mask = 0;
}

/* The slot holding key, or the empty slot where it would go. */
static strata_strmap_slot *probe(const strata_strmap *m, const char *key)
{
    size_t i = fnv1a(key) & m->mask;

    while (m->slot[i].key && strcmp(m->slot[i].key, key) != 0)
        i = (i + 1) & m->mask;
    return &m->slot[i];
}

long strata__strmap_find(const strata_strmap *m, const char *key)
{
    const strata_strmap_slot *s = probe(m, key);

    return s->key ? s->val : -1;
}

long strata__strmap_add(strata_strmap *m, const char *key, long val)
{
    strata_strmap_slot *s = probe(m, key);

    if (s->key)
        return s->val;
    s->key = key;
    s->val = val;
    return -1;
}
