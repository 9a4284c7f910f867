/* lock.c - the migration lock.  Firebird has no advisory locks: the lock
 * is a row of the table STRATA_LOCK updated by a transaction of its own
 * that stays open while the lock is held.  Another connection's update of
 * that row conflicts at once (no wait), and the server rolls the
 * transaction back when the holder disconnects or its process dies
 * (docs/dialects.md §11). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fb.h"
#include "../common/conn.h"
#include "../common/poll.h"

#define LOCK_TABLE "STRATA_LOCK"

static int count_cb(void *payload, int ncols, const char *const *v,
                    const char *const *names)
{
    (void)ncols;
    (void)names;
    *(int *)payload = v[0] ? atoi(v[0]) : 0;
    return 0;
}

/* The table and the key's row, each committed on its own: a row or table
 * another connection made at the same time is as good as ours. */
static int prepare(fb_conn *f, const char *key)
{
    strata_buf b = {0};
    isc_tr_handle none = 0;
    int n = 0, rc;

    rc = fb_query_in(f, &none,
                     "SELECT COUNT(*) FROM rdb$relations WHERE "
                     "rdb$relation_name = '" LOCK_TABLE "'",
                     count_cb, &n);
    if (rc == STRATA_OK && n == 0) {
        rc = fb_exec_in(f, &none,
                        "CREATE TABLE " LOCK_TABLE " (lock_key VARCHAR(255) "
                        "NOT NULL PRIMARY KEY)");
        if (rc == STRATA_ERR_DB) /* made meanwhile by another connection */
            rc = STRATA_OK;
    }
    if (rc != STRATA_OK)
        return rc;
    if (fb_host->buf_printf(&b, "INSERT INTO " LOCK_TABLE " (lock_key) "
                                "SELECT ") ||
        fb_put_literal(&b, key) ||
        fb_host->buf_printf(&b, " FROM rdb$database WHERE NOT EXISTS ("
                                "SELECT 1 FROM " LOCK_TABLE
                                " WHERE lock_key = ") ||
        fb_put_literal(&b, key) || fb_host->buf_printf(&b, ")")) {
        fb_host->buf_free(&b);
        return drv_nomem(&f->base);
    }
    rc = fb_exec_in(f, &none, b.data);
    fb_host->buf_free(&b);
    /* a duplicate, or a row another connection holds: it is there */
    return rc == STRATA_ERR_DB || rc == STRATA_ERR_LOCKED ? STRATA_OK : rc;
}

/* One try: the row updated by lock_tr (no wait), kept open on success. */
static int try_once(fb_conn *f, const char *sql)
{
    ISC_STATUS_ARRAY st;
    int rc = fb_start(f, &f->lock_tr, 0);

    if (rc != STRATA_OK)
        return rc;
    rc = fb_exec_in(f, &f->lock_tr, sql);
    if (rc != STRATA_OK) {
        isc_rollback_transaction(st, &f->lock_tr);
        f->lock_tr = 0;
    }
    return rc;
}

int fb_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    fb_conn *f = (fb_conn *)c;
    strata_buf b = {0};
    struct timespec t0;
    int rc;

    if (!key)
        return c->host->error(c, STRATA_ERR_INVALID, NULL, "lock: no key");
    if (f->lock_tr)
        return STRATA_OK;
    if ((rc = prepare(f, key)) != STRATA_OK)
        return rc;
    if (fb_host->buf_printf(&b, "UPDATE " LOCK_TABLE
                                " SET lock_key = lock_key WHERE lock_key = ") ||
        fb_put_literal(&b, key))
        return fb_host->buf_free(&b), drv_nomem(c);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while ((rc = try_once(f, b.data)) == STRATA_ERR_LOCKED &&
           drv_poll_sleep(&t0, wait_ms, 200))
        ;
    fb_host->buf_free(&b);
    if (rc == STRATA_ERR_LOCKED)
        return c->host->error(c, STRATA_ERR_BUSY, NULL,
                              "migration lock %s is held by another "
                              "connection (waited %u ms)",
                              key, (unsigned)wait_ms);
    return rc;
}

int fb_unlock(strata_conn *c, const char *key)
{
    fb_conn *f = (fb_conn *)c;
    ISC_STATUS_ARRAY st;

    (void)key;
    if (!f->lock_tr)
        return STRATA_OK;
    if (isc_rollback_transaction(st, &f->lock_tr)) {
        f->lock_tr = 0;
        return fb_fail(c, st, "releasing the migration lock");
    }
    f->lock_tr = 0;
    return STRATA_OK;
}
