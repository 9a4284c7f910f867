/* progress.c - the MySQL/MariaDB driver's progress(): from a second
 * session, the migration's row of information_schema.PROCESSLIST (its
 * STATE, and MariaDB's STAGE, MAX_STAGE and PROGRESS, which a copying
 * ALTER TABLE reports; an InnoDB in-place build reports none), and
 * while it waits for a metadata lock, the oldest open transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "my.h"

/* Run sql on the second session: the first row's n values into v (empty
 * strings for NULL), 0 when there is no row; -1 on error. */
static int one_row(MYSQL *m, const char *sql, char (*v)[96], int n)
{
    MYSQL_RES *res;
    MYSQL_ROW row;
    int got = 0;

    if (mysql_real_query(m, sql, (unsigned long)strlen(sql)) != 0 ||
        !(res = mysql_store_result(m)))
        return -1;
    if ((row = mysql_fetch_row(res)) && (int)mysql_num_fields(res) >= n) {
        for (int i = 0; i < n; i++)
            snprintf(v[i], sizeof v[i], "%s", row[i] ? row[i] : "");
        got = 1;
    }
    mysql_free_result(res);
    return got;
}

/* Who may hold the metadata lock: MariaDB names no holder without the
 * METADATA_LOCK_INFO plugin, so the oldest other open transaction. */
static void holder(my_conn *q, const char *state, strata_progress *out)
{
    char sql[512], v[3][96];

    snprintf(sql, sizeof sql,
             "SELECT p.ID, p.COMMAND, LEFT(REPLACE(IFNULL(p.INFO, ''), "
             "'\\n', ' '), 60) FROM information_schema.INNODB_TRX t JOIN "
             "information_schema.PROCESSLIST p ON p.ID = "
             "t.trx_mysql_thread_id WHERE p.ID <> %lu "
             "ORDER BY t.trx_started LIMIT 1",
             q->thread_id);
    if (one_row(q->watch, sql, v, 3) == 1)
        snprintf(out->waiting, sizeof out->waiting,
                 "%.60s; the oldest open transaction is pid %.20s's "
                 "(%.20s%s%.60s)",
                 state, v[0], v[1], *v[2] ? ": " : "", v[2]);
    else
        snprintf(out->waiting, sizeof out->waiting, "%s", state);
}

int my_progress(strata_conn *c, strata_progress *out)
{
    my_conn *q = (my_conn *)c;
    strata_conn own = {0};
    char sql[256], v[4][96];
    int rc = STRATA_OK, got;

    own.host = my_host;
    if (!q->url || !q->thread_id)
        return STRATA_ERR_CONN;
    if (q->watch_failed)
        return STRATA_ERR_NOTSUP; /* said once, when it failed */
    mysql_thread_init(); /* the core's thread; harmless when repeated */
    if (!q->watch && (rc = my_open_second(&own, q->url, &q->watch)) !=
                         STRATA_OK)
        goto fail;
    /* MySQL 8 has neither STAGE nor PROGRESS: its state only. */
    snprintf(sql, sizeof sql,
             q->mysql8 ? "SELECT STATE, 0, 0, 0 FROM "
                         "information_schema.PROCESSLIST WHERE ID = %lu"
                       : "SELECT STATE, STAGE, MAX_STAGE, PROGRESS FROM "
                         "information_schema.PROCESSLIST WHERE ID = %lu",
             q->thread_id);
    if ((got = one_row(q->watch, sql, v, 4)) < 0) {
        rc = my_host->error(&own, STRATA_ERR_DB, mysql_sqlstate(q->watch),
                            "%s (errno %u)", mysql_error(q->watch),
                            mysql_errno(q->watch));
        goto fail;
    }
    if (!got)
        return STRATA_OK;
    if (strncmp(v[0], "Waiting for", 11) == 0 && strstr(v[0], "lock")) {
        holder(q, v[0], out);
        return STRATA_OK;
    }
    if (atoi(v[2]) > 1)
        snprintf(out->phase, sizeof out->phase, "stage %.4s of %.4s: %.40s",
                 v[1], v[2], v[0]);
    else
        snprintf(out->phase, sizeof out->phase, "%.63s", v[0]);
    if (atoi(v[2]) > 0) {
        /* PROGRESS: the percentage done of the whole statement */
        snprintf(out->unit, sizeof out->unit, "%%");
        out->done = (uint64_t)(strtod(v[3], NULL) * 10 + 0.5);
        out->total = 1000;
    }
    return STRATA_OK;
fail:
    q->watch_failed = 1;
    my_host->log(STRATA_LOG_WARN, "cannot read the statement's progress: %s",
                 own.errmsg);
    return rc;
}
