/* progress.c - the PostgreSQL driver's progress(): from a second session,
 * pg_stat_progress_create_index (CONCURRENTLY's phases too) and
 * pg_stat_progress_cluster for the migration's backend, and who holds
 * the lock it waits for (pg_blocking_pids and pg_locks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* A progress query that hangs must not hold the bar: the second
 * session's own statement_timeout. */
#define WATCH_TIMEOUT "SET statement_timeout = 5000"

/* One round trip: the backend's index build or CLUSTER / VACUUM FULL
 * figures, and its first blocker with the lock it holds, its state and
 * the start of its statement. */
static const char progress_sql[] =
    "SELECT ci.phase, ci.blocks_done, ci.blocks_total, ci.tuples_done, "
    "ci.tuples_total, ci.lockers_done, ci.lockers_total, "
    "ci.current_locker_pid, cl.phase, cl.heap_blks_scanned, "
    "cl.heap_blks_total, cl.heap_tuples_written, b.pid, b.mode, b.what, "
    "b.state, b.query "
    "FROM (SELECT $1::int AS pid) a "
    "LEFT JOIN pg_catalog.pg_stat_progress_create_index ci "
    "ON ci.pid = a.pid "
    "LEFT JOIN pg_catalog.pg_stat_progress_cluster cl ON cl.pid = a.pid "
    "LEFT JOIN LATERAL (SELECT o.pid, h.mode, "
    "CASE WHEN h.relation IS NOT NULL THEN 'on ' || "
    "CASE r.relkind WHEN 'i' THEN 'index ' WHEN 'S' THEN 'sequence ' "
    "WHEN 'v' THEN 'view ' ELSE 'table ' END || h.relation::regclass "
    "WHEN h.locktype = 'transactionid' THEN 'on its transaction ' || "
    "h.transactionid "
    "WHEN h.locktype = 'virtualxid' THEN 'on its transaction ' || "
    "h.virtualxid "
    "WHEN h.locktype IS NOT NULL THEN 'on a ' || h.locktype END AS what, "
    "s.state, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 60) AS query "
    "FROM unnest(pg_catalog.pg_blocking_pids(a.pid)) AS o(pid) "
    "LEFT JOIN pg_catalog.pg_locks w ON w.pid = a.pid AND NOT w.granted "
    "LEFT JOIN pg_catalog.pg_locks h ON h.pid = o.pid AND h.granted "
    "AND h.locktype = w.locktype "
    "AND h.database IS NOT DISTINCT FROM w.database "
    "AND h.relation IS NOT DISTINCT FROM w.relation "
    "AND h.page IS NOT DISTINCT FROM w.page "
    "AND h.tuple IS NOT DISTINCT FROM w.tuple "
    "AND h.virtualxid IS NOT DISTINCT FROM w.virtualxid "
    "AND h.transactionid IS NOT DISTINCT FROM w.transactionid "
    "AND h.classid IS NOT DISTINCT FROM w.classid "
    "AND h.objid IS NOT DISTINCT FROM w.objid "
    "AND h.objsubid IS NOT DISTINCT FROM w.objsubid "
    "LEFT JOIN pg_catalog.pg_class r ON r.oid = h.relation "
    "LEFT JOIN pg_catalog.pg_stat_activity s ON s.pid = o.pid "
    "ORDER BY h.mode IS NULL LIMIT 1) b ON true";

enum {
    C_PHASE, C_BLK_DONE, C_BLK_TOTAL, C_TUP_DONE, C_TUP_TOTAL, C_LCK_DONE,
    C_LCK_TOTAL, C_LOCKER, L_PHASE, L_BLK_DONE, L_BLK_TOTAL, L_TUP_DONE,
    B_PID, B_MODE, B_WHAT, B_STATE, B_QUERY
};

static const char *col(const PGresult *res, int i)
{
    return PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i);
}

static uint64_t num(const PGresult *res, int i)
{
    const char *v = col(res, i);

    return v ? strtoull(v, NULL, 10) : 0;
}

static void figures(strata_progress *out, const char *unit, uint64_t done,
                    uint64_t total)
{
    snprintf(out->unit, sizeof out->unit, "%s", unit);
    out->done = done;
    out->total = total;
}

/* The phase's own counter (those of an earlier phase stay set): blocks
 * while scanning, tuples while loading them, the transactions
 * CONCURRENTLY waits out; none while sorting. */
static void index_build(const PGresult *res, strata_progress *out)
{
    const char *phase = col(res, C_PHASE);

    snprintf(out->phase, sizeof out->phase, "%s", phase);
    if (strstr(phase, "sorting"))
        return;
    if (strstr(phase, "scanning") && num(res, C_BLK_TOTAL))
        figures(out, "blocks", num(res, C_BLK_DONE), num(res, C_BLK_TOTAL));
    else if (strstr(phase, "waiting") && num(res, C_LCK_TOTAL))
        figures(out, "transactions", num(res, C_LCK_DONE),
                num(res, C_LCK_TOTAL));
    else if (num(res, C_TUP_TOTAL))
        figures(out, "tuples", num(res, C_TUP_DONE), num(res, C_TUP_TOTAL));
}

static void cluster(const PGresult *res, strata_progress *out)
{
    snprintf(out->phase, sizeof out->phase, "%s", col(res, L_PHASE));
    if (num(res, L_BLK_TOTAL))
        figures(out, "blocks", num(res, L_BLK_DONE), num(res, L_BLK_TOTAL));
    else
        figures(out, "tuples", num(res, L_TUP_DONE), 0);
}

/* "waiting for pid N, which holds MODE on table t (state: query)". */
static void blocker(const PGresult *res, strata_progress *out)
{
    const char *mode = col(res, B_MODE), *what = col(res, B_WHAT);
    const char *state = col(res, B_STATE), *query = col(res, B_QUERY);
    int n;

    if (mode)
        n = snprintf(out->waiting, sizeof out->waiting,
                     "waiting for pid %s, which holds %s %s",
                     col(res, B_PID), mode, what ? what : "");
    else /* queued behind it: it waits for the lock too */
        n = snprintf(out->waiting, sizeof out->waiting,
                     "waiting for pid %s, ahead in the lock's queue",
                     col(res, B_PID));
    if (n > 0 && (size_t)n < sizeof out->waiting && (state || query))
        snprintf(out->waiting + n, sizeof out->waiting - (size_t)n,
                 " (%s%s%s)", state ? state : "",
                 state && query && *query ? ": " : "",
                 query ? query : "");
}

/* The second session, opened on first use; its errors go to own. */
static int watch_session(pg_conn *p, strata_conn *own)
{
    PGresult *res;
    int rc;

    if (p->watch)
        return STRATA_OK;
    if (!p->url || !p->pid)
        return pg_host->error(own, STRATA_ERR_CONN, NULL,
                              "not connected");
    if ((rc = pg_open(own, p->url, "strata progress", &p->watch)) !=
        STRATA_OK)
        return rc;
    res = PQexec(p->watch, WATCH_TIMEOUT);
    PQclear(res);
    return STRATA_OK;
}

int pg_progress(strata_conn *c, strata_progress *out)
{
    pg_conn *p = (pg_conn *)c;
    strata_conn own = {0};
    PGresult *res = NULL;
    char pid[16];
    const char *params[1] = {pid};
    int rc;

    own.host = pg_host;
    if (p->watch_failed)
        return STRATA_ERR_NOTSUP; /* said once, when it failed */
    snprintf(pid, sizeof pid, "%d", p->pid);
    if ((rc = watch_session(p, &own)) != STRATA_OK)
        goto fail;
    res = PQexecParams(p->watch, progress_sql, 1, NULL, params, NULL, NULL,
                       0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        const char *m = PQerrorMessage(p->watch);

        rc = pg_host->error(&own, STRATA_ERR_DB, NULL, "%.*s",
                            (int)strcspn(m, "\n"), m);
        PQclear(res);
        goto fail;
    }
    if (col(res, C_PHASE))
        index_build(res, out);
    else if (col(res, L_PHASE))
        cluster(res, out);
    if (col(res, B_PID))
        blocker(res, out);
    else if (num(res, C_LOCKER))
        snprintf(out->waiting, sizeof out->waiting,
                 "waiting for pid %s to end its transaction",
                 col(res, C_LOCKER));
    PQclear(res);
    return STRATA_OK;
fail:
    p->watch_failed = 1;
    pg_host->log(STRATA_LOG_WARN, "cannot read the statement's progress: %s",
                 own.errmsg);
    return rc;
}
