/* session.c - driver, connection and migration lock for one command. */
#include "db/session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>
#include <unistd.h>

#include "db/host.h"
#include "util/output.h"
#include "util/clock.h"
#include "util/url.h"

int strata__session_fail(strata_session *s, int rc, strata_error *err,
                         const char *what, ...)
{
    strata_buf b = {0};
    va_list ap;

    va_start(ap, what);
    strata__buf_vprintf(&b, what, ap);
    va_end(ap);
    strata__error_set(err, rc, "%s: %s", b.data ? b.data : "",
                      s->conn && s->conn->errmsg[0]
                          ? s->conn->errmsg
                          : strata_strerror(rc));
    strata__buf_free(&b);
    return rc;
}

int strata__session_driver(strata_session *s, const strata_config *cfg,
                           const strata_driver_path *dp, strata_error *err)
{
    char *scheme;
    int rc;

    memset(s, 0, sizeof *s);
    s->cfg = cfg;
    s->url_masked = strata__url_mask(cfg->url);
    STRATA_ALLOC_CHECK(s->url_masked, err);
    scheme = strata__url_scheme(cfg->url);
    if (!scheme)
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "invalid database URL '%s' (from %s): "
                                 "expected scheme://..., for example "
                                 "sqlite:///strata.db",
                                 s->url_masked, cfg->url_source);
    rc = strata__loader_for_scheme(&s->loaded, dp, scheme, err);
    free(scheme);
    if (rc != STRATA_OK)
        return strata__error_prefix(err, "%s (from %s): ", s->url_masked,
                                    cfg->url_source);
    s->drv = &s->loaded->drv;
    s->conn = calloc(1, s->drv->conn_size);
    STRATA_ALLOC_CHECK(s->conn, err);
    s->conn->host = strata__host();
    return STRATA_OK;
}

/* On a verb that only reads, whether sql of session_sql may run: only
 * what the driver calls a session setting (docs/design.md §10.6).  A
 * read-only transaction would not do: MariaDB runs DDL inside one. */
static int may_run(strata_session *s, const char *sql)
{
    int setting = 0;

    if (!s->read_only)
        return 1;
    if (s->drv->is_session_setting &&
        s->drv->is_session_setting(s->conn, sql, &setting) == STRATA_OK &&
        setting)
        return 1;
    strata__warn("session_sql: skipped on a read-only command (%s): "
                 "%.*s%s",
                 s->drv->is_session_setting
                     ? "only session settings run there"
                     : "this driver cannot tell session settings apart",
                 (int)(strlen(sql) > 80 ? 77 : strlen(sql)), sql,
                 strlen(sql) > 80 ? "..." : "");
    return 0;
}

/* Run session_sql: the team's own settings, after the driver's. */
static int run_session_sql(strata_session *s, strata_error *err)
{
    strata_stmt_list l = {0};
    int rc;

    rc = s->drv->split(s->conn, s->cfg->session_sql,
                       strlen(s->cfg->session_sql), &l);
    if (rc != STRATA_OK)
        return strata__session_fail(s, STRATA_ERR_CONFIG, err,
                                    "session_sql");
    for (size_t i = 0; i < l.count && rc == STRATA_OK; i++) {
        if (!may_run(s, l.items[i].sql))
            continue;
        rc = s->drv->exec(s->conn, l.items[i].sql);
        if (rc != STRATA_OK)
            strata__session_fail(s, rc, err, "session_sql '%s'",
                                 l.items[i].sql);
    }
    strata__stmt_list_free(&l);
    return rc;
}

void strata__session_opts(strata_session_opts *o, const strata_config *cfg,
                          int create)
{
    size_t n = 0;

    snprintf(o->lock_to, sizeof o->lock_to, "%ld", cfg->lock_timeout_ms);
    snprintf(o->stmt_to, sizeof o->stmt_to, "%ld",
             cfg->statement_timeout_ms);
    o->kv[n++] = (strata_kv){"base_dir", cfg->base_dir};
    o->kv[n++] = (strata_kv){"create", create ? "1" : "0"};
    o->kv[n++] = (strata_kv){"lock_timeout_ms", o->lock_to};
    o->kv[n++] = (strata_kv){"statement_timeout_ms", o->stmt_to};
    o->kv[n++] = (strata_kv){"application_name", "strata"};
    o->kv[n++] =
        (strata_kv){"create_schema", cfg->create_schema ? "1" : "0"};
    o->kv[n++] =
        (strata_kv){"allow_locking", cfg->allow_locking ? "1" : "0"};
    if (cfg->schema)
        o->kv[n++] = (strata_kv){"schema", cfg->schema};
    /* The core will ask the driver's progress() (run/progress.c). */
    if (cfg->progress_interval_ms > 0)
        o->kv[n++] = (strata_kv){"progress", "1"};
    o->kv[n] = (strata_kv){NULL, NULL};
}

/* Connect; with --wait, a database that cannot be reached yet
 * (STRATA_ERR_CONN: a server or container still starting, a volume not
 * mounted) is tried again until cfg->wait_ms has passed.  *waited: how
 * long it tried, 0 when it gave up at the first attempt. */
static int connect_waiting(strata_session *s, const strata_kv *kv,
                           long long *waited)
{
    long long start = strata__mono_ms(), pause = 100;
    int rc;

    *waited = 0;
    for (int attempt = 0;; attempt++) {
        rc = s->drv->connect(s->conn, s->cfg->url, kv);
        s->connected = 1; /* disconnect runs even after a failed connect */
        if (rc != STRATA_ERR_CONN || s->cfg->wait_ms <= 0)
            return rc;
        *waited = strata__mono_ms() - start;
        if (*waited >= s->cfg->wait_ms)
            return rc;
        if (attempt == 0)
            strata__host()->log(STRATA_LOG_INFO,
                                "waiting up to %ld ms for %s (--wait): %s",
                                s->cfg->wait_ms, s->url_masked,
                                s->conn->errmsg);
        /* The next attempt gets a connection as fresh as the first. */
        s->drv->disconnect(s->conn);
        memset(s->conn, 0, s->drv->conn_size);
        s->conn->host = strata__host();
        if (pause > s->cfg->wait_ms - *waited)
            pause = s->cfg->wait_ms - *waited;
        nanosleep(&(struct timespec){(time_t)(pause / 1000),
                                     (long)(pause % 1000) * 1000000L},
                  NULL);
        pause = pause * 2 > 1000 ? 1000 : pause * 2;
    }
}

int strata__session_connect(strata_session *s, int create,
                            strata_error *err)
{
    const strata_config *cfg = s->cfg;
    strata_session_opts o;
    long long waited;
    int rc;

    strata__session_opts(&o, cfg, create);
    rc = connect_waiting(s, o.kv, &waited);
    if (rc == STRATA_ERR_NOTFOUND && !create)
        return rc; /* no database yet: the caller reports it as empty */
    if (rc != STRATA_OK && waited)
        return strata__session_fail(s, rc, err,
                                    "cannot connect to %s (from %s), "
                                    "tried for %lld ms (--wait)",
                                    s->url_masked, cfg->url_source, waited);
    if (rc != STRATA_OK)
        return strata__session_fail(s, rc, err,
                                    "cannot connect to %s (from %s)",
                                    s->url_masked, cfg->url_source);
    if (s->drv->server_version &&
        s->drv->server_version(s->conn, &s->server_version) != STRATA_OK)
        s->server_version = NULL;
    if (cfg->session_sql)
        return run_session_sql(s, err);
    return STRATA_OK;
}

int strata__session_lock(strata_session *s, strata_error *err)
{
    int rc;

    free(s->lock_key);
    s->lock_key = strata__sprintf("strata:%s:%s",
                                  s->cfg->schema ? s->cfg->schema : "",
                                  s->cfg->history_table);
    STRATA_ALLOC_CHECK(s->lock_key, err);
    rc = s->drv->lock(s->conn, s->lock_key, (uint32_t)s->cfg->lock_wait_ms);
    if (rc == STRATA_ERR_BUSY)
        return strata__session_fail(
            s, rc, err,
            "migration lock not obtained within %ld ms (--lock-wait)",
            s->cfg->lock_wait_ms);
    if (rc != STRATA_OK)
        return strata__session_fail(s, rc, err, "migration lock");
    s->locked = 1;
    return STRATA_OK;
}

void strata__session_close(strata_session *s)
{
    if (s->conn && s->drv) {
        if (s->locked)
            s->drv->unlock(s->conn, s->lock_key);
        if (s->connected)
            s->drv->disconnect(s->conn);
    }
    free(s->conn);
    free(s->url_masked);
    free(s->server_version);
    free(s->lock_key);
    strata__loaded_free(s->loaded);
    memset(s, 0, sizeof *s);
}

int strata__session_exec(strata_session *s, const char *sql,
                         strata_error *err)
{
    int rc = s->drv->exec(s->conn, sql);

    return rc == STRATA_OK ? rc : strata__session_fail(s, rc, err, "%s", sql);
}

int strata__session_begin(strata_session *s, strata_error *err)
{
    int rc = s->drv->begin(s->conn);

    return rc == STRATA_OK ? rc : strata__session_fail(s, rc, err, "BEGIN");
}

int strata__session_commit(strata_session *s, strata_error *err)
{
    int rc = s->drv->commit(s->conn);

    return rc == STRATA_OK ? rc : strata__session_fail(s, rc, err, "COMMIT");
}

int strata__session_rollback(strata_session *s, strata_error *err)
{
    int rc = s->drv->rollback(s->conn);

    return rc == STRATA_OK ? rc
                           : strata__session_fail(s, rc, err, "ROLLBACK");
}

void strata__session_backoff(int attempt)
{
    static int seeded;
    long ms = 100L << (attempt < 6 ? attempt : 6);
    struct timespec ts;

    if (!seeded) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        srand((unsigned)(ts.tv_nsec ^ getpid()));
        seeded = 1;
    }
    ms += rand() % (ms / 2 + 1);
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}
