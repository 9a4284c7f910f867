/* sqllist.c - the statement list each driver's render() returns. */
#include <string.h>

#include "sqllist.h"

void drv_sql_list_free(const strata_host *host, strata_sql_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        host->free(l->items[i].sql);
        host->free(l->items[i].lock);
        host->free(l->items[i].note);
        host->free(l->items[i].alternative);
    }
    host->free(l->items);
    l->items = NULL;
    l->count = 0;
}

int drv_sql_emit(const strata_host *host, strata_sql_list *l, strata_buf *b,
                 uint32_t flags, const char *lock, const char *note,
                 strata_buf *alt)
{
    strata_sql *a = host->realloc(l->items, (l->count + 1) * sizeof *a);
    strata_sql *it;

    if (!a)
        return STRATA_ERR_NOMEM;
    l->items = a;
    it = &a[l->count];
    memset(it, 0, sizeof *it);
    it->flags = flags;
    if ((lock && !(it->lock = host->strdup(lock))) ||
        (note && !(it->note = host->strdup(note))) ||
        (!b->data && !(b->data = host->strdup("")))) {
        host->free(it->lock);
        host->free(it->note);
        return STRATA_ERR_NOMEM;
    }
    it->sql = b->data;
    memset(b, 0, sizeof *b);
    if (alt && alt->data) {
        it->alternative = alt->data;
        memset(alt, 0, sizeof *alt);
    }
    l->count++;
    return STRATA_OK;
}
