/* sqllist.c - the statement lists drivers return (sqllist.h). */
#include <string.h>

#include "sqllist.h"

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

int drv_sql_push(const strata_host *host, strata_sql_list *l,
                 const char *sql)
{
    strata_buf b = {0};
    int rc = host->buf_append(&b, sql, strlen(sql));

    if (rc == STRATA_OK)
        rc = drv_sql_emit(host, l, &b, 0, NULL, NULL, NULL);
    host->buf_free(&b);
    return rc;
}
