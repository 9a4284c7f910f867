/* history.c - read and write strata_version and strata_history with SQL
 * every dialect accepts, quoting through the driver. */
#include "db/history.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/host.h"
#include "util/output.h"
#include "util/version.h"
#include "util/alloc.h"

int strata__history_quote(const strata_driver *drv, strata_conn *conn,
                          const char *name, char **out)
{
    strata_buf b = {0};
    int rc = drv->quote_ident(conn, name, &b);

    *out = NULL;
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return rc;
    }
    *out = strata__buf_take(&b);
    return *out ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int quote_ident(strata_history *h, const char *name, char **out,
                       strata_error *err)
{
    int rc = strata__history_quote(h->s->drv, h->s->conn, name, out);

    if (rc == STRATA_ERR_NOMEM)
        return strata__nomem(err);
    if (rc != STRATA_OK)
        return strata__session_fail(h->s, rc, err, "quoting '%s'", name);
    return STRATA_OK;
}

/* Append a literal (or NULL) to b through the driver's quoting. */
static int lit(const strata_driver *drv, strata_conn *conn, strata_buf *b,
               const char *s)
{
    if (!s)
        return strata__buf_puts(b, "NULL");
    return drv->quote_literal(conn, s, b);
}

static int hold(strata_history *h, strata_buf *b, strata_error *err)
{
    char **v = realloc(h->held, (h->nheld + 1) * sizeof *v);

    STRATA_ALLOC_CHECK(v, err);
    h->held = v;
    if (!(v[h->nheld] = strata__buf_take(b)))
        return strata__nomem(err);
    h->nheld++;
    return STRATA_OK;
}

int strata__history_hold(strata_history *h)
{
    if (!h->s->drv->exec_batch)
        return 0;
    h->holding = 1;
    h->held_id = h->next_id;
    return 1;
}

void strata__history_unhold(strata_history *h)
{
    if (h->holding)
        h->next_id = h->held_id;
    strata__strings_free(h->held, h->nheld);
    h->held = NULL;
    h->nheld = 0;
    h->holding = 0;
}

int strata__history_commit(strata_history *h, int *ended, strata_error *err)
{
    strata_session *s = h->s;
    const char **v = malloc((h->nheld + 1) * sizeof *v);
    size_t failed = 0;
    int rc;

    *ended = 0;
    if (!v) {
        strata__history_unhold(h);
        return strata__nomem(err);
    }
    for (size_t i = 0; i < h->nheld; i++)
        v[i] = h->held[i];
    v[h->nheld] = "COMMIT";
    rc = s->drv->exec_batch(s->conn, v, h->nheld + 1, &failed);
    if (rc != STRATA_OK) {
        *ended = failed >= h->nheld;
        strata__session_fail(s, rc, err, "%s",
                             failed <= h->nheld ? v[failed] : "COMMIT");
    } else {
        *ended = 1;
        h->held_id = h->next_id; /* the ids are taken for good */
    }
    free(v);
    strata__history_unhold(h);
    return rc;
}

/* Run SQL text built by one of the strata__history_sql_* functions. */
static int run_built(strata_history *h, int rc, strata_buf *b,
                     strata_error *err)
{
    if (rc == STRATA_OK && h->holding)
        rc = hold(h, b, err);
    else if (rc == STRATA_OK)
        rc = strata__session_exec(h->s, b->data, err);
    else if (rc == STRATA_ERR_NOMEM)
        strata__nomem(err);
    else
        strata__session_fail(h->s, rc, err, "quoting a history value");
    strata__buf_free(b);
    return rc;
}

static int table_exists(strata_history *h, const char *name,
                        const char *quoted, int *out, strata_error *err)
{
    strata_session *s = h->s;
    char *sql;
    int rc;

    if (s->drv->table_exists) {
        rc = s->drv->table_exists(s->conn, name, out);
        return rc == STRATA_OK
                   ? rc
                   : strata__session_fail(s, rc, err, "looking for %s", name);
    }
    /* Without the driver's catalog query: probe, outside a transaction. */
    sql = strata__sprintf("SELECT 1 FROM %s WHERE 1 = 0", quoted);
    STRATA_ALLOC_CHECK(sql, err);
    rc = s->drv->exec(s->conn, sql);
    free(sql);
    if (rc == STRATA_ERR_CONN)
        return strata__session_fail(s, rc, err, "looking for %s", name);
    *out = rc == STRATA_OK;
    return STRATA_OK;
}

int strata__history_open(strata_history *h, strata_session *s,
                         strata_error *err)
{
    int he = 0, ve = 0, rc;

    memset(h, 0, sizeof *h);
    h->s = s;
    rc = quote_ident(h, s->cfg->history_table, &h->hist, err);
    if (rc == STRATA_OK)
        rc = quote_ident(h, s->cfg->version_table, &h->vers, err);
    if (rc == STRATA_OK)
        rc = table_exists(h, s->cfg->history_table, h->hist, &he, err);
    if (rc == STRATA_OK)
        rc = table_exists(h, s->cfg->version_table, h->vers, &ve, err);
    h->exists = he && ve;
    return rc;
}

void strata__history_close(strata_history *h)
{
    strata__history_unhold(h);
    free(h->hist);
    free(h->vers);
    memset(h, 0, sizeof *h);
}

static int max_id_cb(void *payload, int ncols, const char *const *v,
                     const char *const *names)
{
    (void)ncols;
    (void)names;
    *(long long *)payload = v[0] ? atoll(v[0]) : 0;
    return 0;
}

static int create_once(strata_history *h, strata_error *err);

/* Creating the tables takes the same locks as any DDL: retried the same
 * way when another connection holds them. */
int strata__history_create(strata_history *h, strata_error *err)
{
    int rc;

    for (int attempt = 0;; attempt++) {
        rc = create_once(h, err);
        if (rc != STRATA_ERR_LOCKED || attempt >= h->s->cfg->lock_retries)
            return rc;
        strata__warn("%s; retrying (%d of %d)",
                     err && err->msg ? err->msg : "locked", attempt + 1,
                     h->s->cfg->lock_retries);
        strata__session_backoff(attempt);
    }
}

int strata__history_sql_create(const char *quoted, int history,
                               char **out)
{
    /* Types every dialect accepts; times are ISO-8601 UTC text so they
     * compare and sort the same everywhere. */
    if (!history)
        *out = strata__sprintf("CREATE TABLE IF NOT EXISTS %s ("
                               "revision varchar(64) NOT NULL PRIMARY KEY)",
                               quoted);
    else
        *out = strata__sprintf("CREATE TABLE IF NOT EXISTS %s ("
                               "id bigint NOT NULL PRIMARY KEY, "
                               "revision varchar(64) NOT NULL, "
                               "direction varchar(16) NOT NULL, "
                               "checksum varchar(80), "
                               "started_at varchar(32) NOT NULL, "
                               "finished_at varchar(32), "
                               "duration_ms bigint, "
                               "applied_by varchar(255), "
                               "tool_version varchar(32), "
                               "outcome varchar(16) NOT NULL, "
                               "statement_index integer, "
                               "detail text)",
                               quoted);
    return *out ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int create_once(strata_history *h, strata_error *err)
{
    strata_session *s = h->s;
    char *sql;
    int rc = STRATA_OK;

    if (!h->exists) {
        rc = strata__history_sql_create(h->vers, 0, &sql);
        if (rc == STRATA_OK) {
            rc = strata__session_exec(s, sql, err);
            free(sql);
        }
        if (rc == STRATA_OK) {
            rc = strata__history_sql_create(h->hist, 1, &sql);
            if (rc == STRATA_OK) {
                rc = strata__session_exec(s, sql, err);
                free(sql);
            }
        }
        if (rc == STRATA_ERR_NOMEM)
            return strata__nomem(err);
        if (rc != STRATA_OK)
            return rc;
        h->exists = 1;
    }
    sql = strata__sprintf("SELECT MAX(id) FROM %s", h->hist);
    STRATA_ALLOC_CHECK(sql, err);
    h->next_id = 0;
    rc = s->drv->query(s->conn, sql, max_id_cb, &h->next_id);
    free(sql);
    if (rc != STRATA_OK)
        return strata__session_fail(s, rc, err, "reading %s",
                                    s->cfg->history_table);
    h->next_id++;
    return STRATA_OK;
}

typedef struct strvec {
    char **v;
    size_t n;
    int oom;
} strvec;

static int versions_cb(void *payload, int ncols, const char *const *v,
                       const char *const *names)
{
    strvec *sv = payload;
    char **nv;

    (void)ncols;
    (void)names;
    if (!v[0])
        return 0;
    nv = realloc(sv->v, (sv->n + 1) * sizeof *nv);
    if (!nv || !(nv[sv->n] = strdup(v[0]))) {
        if (nv)
            sv->v = nv;
        sv->oom = 1;
        return 1;
    }
    sv->v = nv;
    sv->n++;
    return 0;
}

int strata__history_versions(strata_history *h, char ***rows, size_t *n,
                             strata_error *err)
{
    strvec sv = {0};
    char *sql;
    int rc;

    *rows = NULL;
    *n = 0;
    if (!h->exists)
        return STRATA_OK;
    sql = strata__sprintf("SELECT revision FROM %s ORDER BY revision",
                          h->vers);
    STRATA_ALLOC_CHECK(sql, err);
    rc = h->s->drv->query(h->s->conn, sql, versions_cb, &sv);
    free(sql);
    if (sv.oom) {
        strata__strings_free(sv.v, sv.n);
        return strata__nomem(err);
    }
    if (rc != STRATA_OK) {
        strata__strings_free(sv.v, sv.n);
        return strata__session_fail(h->s, rc, err, "reading %s",
                                    h->s->cfg->version_table);
    }
    *rows = sv.v;
    *n = sv.n;
    return STRATA_OK;
}

int strata__history_sql_version(const strata_driver *drv, strata_conn *conn,
                                const char *vers, strata_version_change kind,
                                const char *rev, const char *to,
                                strata_buf *out)
{
    int rc;

    switch (kind) {
    case STRATA_VERSION_ADD:
        rc = strata__buf_printf(out, "INSERT INTO %s (revision) VALUES (",
                                vers);
        break;
    case STRATA_VERSION_DEL:
        rc = strata__buf_printf(out, "DELETE FROM %s WHERE revision IN (",
                                vers);
        break;
    case STRATA_VERSION_MOVE:
        rc = strata__buf_printf(out, "UPDATE %s SET revision = ", vers);
        if (rc == STRATA_OK)
            rc = lit(drv, conn, out, to);
        if (rc == STRATA_OK)
            rc = strata__buf_puts(out, " WHERE revision = ");
        return rc == STRATA_OK ? lit(drv, conn, out, rev) : rc;
    default:
        return STRATA_ERR_INVALID;
    }
    if (rc == STRATA_OK)
        rc = lit(drv, conn, out, rev);
    return rc == STRATA_OK ? strata__buf_puts(out, ")") : rc;
}

static int version_stmt(strata_history *h, strata_version_change kind,
                        const char *rev, const char *to, strata_error *err)
{
    strata_buf b = {0};
    int rc = strata__history_sql_version(h->s->drv, h->s->conn, h->vers,
                                         kind, rev, to, &b);

    return run_built(h, rc, &b, err);
}

int strata__history_version_add(strata_history *h, const char *rev,
                                strata_error *err)
{
    return version_stmt(h, STRATA_VERSION_ADD, rev, NULL, err);
}

int strata__history_version_del(strata_history *h, const char *rev,
                                strata_error *err)
{
    return version_stmt(h, STRATA_VERSION_DEL, rev, NULL, err);
}

int strata__history_version_move(strata_history *h, const char *from,
                                 const char *to, strata_error *err)
{
    return version_stmt(h, STRATA_VERSION_MOVE, from, to, err);
}

int strata__history_sql_append(const strata_driver *drv, strata_conn *conn,
                               const char *hist,
                               const strata_history_row *row,
                               strata_buf *out)
{
    const char *mid[] = {row->revision, row->direction, row->checksum,
                         row->started_at, row->finished_at};
    const char *tail[] = {row->applied_by, row->tool_version, row->outcome};
    int rc = strata__buf_printf(out,
                                "INSERT INTO %s (id, revision, direction, "
                                "checksum, started_at, finished_at, "
                                "duration_ms, applied_by, tool_version, "
                                "outcome, statement_index, detail) ",
                                hist);

    /* The next id from the table itself: INSERT ... SELECT reads the
     * table it writes on every dialect (MySQL refuses a subquery on it
     * inside VALUES). */
    if (rc == STRATA_OK)
        rc = row->id < 0
                 ? strata__buf_puts(out, "SELECT COALESCE(MAX(id), 0) + 1, ")
                 : strata__buf_printf(out, "VALUES (%lld, ", row->id);
    for (size_t i = 0; i < 5 && rc == STRATA_OK; i++) {
        rc = lit(drv, conn, out, mid[i]);
        if (rc == STRATA_OK)
            rc = strata__buf_puts(out, ", ");
    }
    if (rc == STRATA_OK)
        rc = row->duration_ms < 0
                 ? strata__buf_puts(out, "NULL, ")
                 : strata__buf_printf(out, "%lld, ", row->duration_ms);
    for (size_t i = 0; i < 3 && rc == STRATA_OK; i++) {
        rc = lit(drv, conn, out, tail[i]);
        if (rc == STRATA_OK)
            rc = strata__buf_puts(out, ", ");
    }
    if (rc == STRATA_OK)
        rc = row->statement_index < 0
                 ? strata__buf_puts(out, "NULL, ")
                 : strata__buf_printf(out, "%lld, ", row->statement_index);
    if (rc == STRATA_OK)
        rc = lit(drv, conn, out, row->detail);
    if (rc == STRATA_OK)
        rc = row->id < 0 ? strata__buf_printf(out, " FROM %s", hist)
                         : strata__buf_puts(out, ")");
    return rc;
}

int strata__history_append(strata_history *h, strata_history_row *row,
                           strata_error *err)
{
    strata_buf b = {0};
    int rc;

    row->id = h->next_id;
    rc = strata__history_sql_append(h->s->drv, h->s->conn, h->hist, row,
                                    &b);
    rc = run_built(h, rc, &b, err);
    if (rc == STRATA_OK)
        h->next_id++;
    return rc;
}

typedef struct rowvec {
    strata_history_row *v;
    size_t n;
    int oom;
} rowvec;

static char *dup_or_null(const char *s, int *oom)
{
    char *d;

    if (!s)
        return NULL;
    if (!(d = strdup(s)))
        *oom = 1;
    return d;
}

static int rows_cb(void *payload, int ncols, const char *const *v,
                   const char *const *names)
{
    rowvec *rv = payload;
    strata_history_row *r, *nv;

    (void)names;
    if (ncols < 12)
        return 1;
    nv = realloc(rv->v, (rv->n + 1) * sizeof *nv);
    if (!nv) {
        rv->oom = 1;
        return 1;
    }
    rv->v = nv;
    r = &nv[rv->n++];
    memset(r, 0, sizeof *r);
    r->id = v[0] ? atoll(v[0]) : 0;
    r->revision = dup_or_null(v[1], &rv->oom);
    r->direction = dup_or_null(v[2], &rv->oom);
    r->checksum = dup_or_null(v[3], &rv->oom);
    r->started_at = dup_or_null(v[4], &rv->oom);
    r->finished_at = dup_or_null(v[5], &rv->oom);
    r->duration_ms = v[6] ? atoll(v[6]) : -1;
    r->applied_by = dup_or_null(v[7], &rv->oom);
    r->tool_version = dup_or_null(v[8], &rv->oom);
    r->outcome = dup_or_null(v[9], &rv->oom);
    r->statement_index = v[10] ? atoll(v[10]) : -1;
    r->detail = dup_or_null(v[11], &rv->oom);
    return rv->oom;
}

int strata__history_read(strata_history *h, strata_history_row **rows,
                         size_t *n, strata_error *err)
{
    rowvec rv = {0};
    char *sql;
    int rc;

    *rows = NULL;
    *n = 0;
    if (!h->exists)
        return STRATA_OK;
    sql = strata__sprintf("SELECT id, revision, direction, checksum, "
                          "started_at, finished_at, duration_ms, "
                          "applied_by, tool_version, outcome, "
                          "statement_index, detail FROM %s ORDER BY id",
                          h->hist);
    STRATA_ALLOC_CHECK(sql, err);
    rc = h->s->drv->query(h->s->conn, sql, rows_cb, &rv);
    free(sql);
    if (rv.oom || rc != STRATA_OK) {
        strata__history_rows_free(rv.v, rv.n);
        if (rv.oom)
            return strata__nomem(err);
        return strata__session_fail(h->s, rc, err, "reading %s",
                                    h->s->cfg->history_table);
    }
    *rows = rv.v;
    *n = rv.n;
    return STRATA_OK;
}

void strata__history_rows_free(strata_history_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        strata_history_row *r = &rows[i];
        free(r->revision);
        free(r->direction);
        free(r->checksum);
        free(r->started_at);
        free(r->finished_at);
        free(r->applied_by);
        free(r->tool_version);
        free(r->outcome);
        free(r->detail);
    }
    free(rows);
}

int strata__history_up_state(strata_history *h,
                             long (*find)(void *payload, const char *rev),
                             void *payload, unsigned char *empty,
                             char **detail, strata_error *err)
{
    strata_history_row *rows;
    size_t n;
    int rc = strata__history_read(h, &rows, &n, err);

    if (rc != STRATA_OK)
        return rc;
    /* Later rows win: the last upgrade is the one a downgrade undoes. */
    for (size_t i = 0; i < n; i++) {
        long idx;
        int is_empty;

        if (!rows[i].direction || strcmp(rows[i].direction, "up") != 0 ||
            !rows[i].outcome || !rows[i].revision)
            continue;
        is_empty = strcmp(rows[i].outcome, "empty") == 0;
        if (!is_empty && strcmp(rows[i].outcome, "applied") != 0)
            continue;
        idx = find(payload, rows[i].revision);
        if (idx < 0)
            continue;
        empty[idx] = (unsigned char)is_empty;
        free(detail[idx]);
        /* Ownership moves: the rows are freed below without it. */
        detail[idx] = is_empty ? NULL : rows[i].detail;
        if (!is_empty)
            rows[i].detail = NULL;
    }
    strata__history_rows_free(rows, n);
    return STRATA_OK;
}

void strata__history_now(char *buf, size_t size, long long *ms_out)
{
    struct timespec ts;
    struct tm tm;
    char base[24];

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, size, "%s.%03ldZ", base, ts.tv_nsec / 1000000);
    if (ms_out)
        *ms_out = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *strata__history_applied_by(void)
{
    struct passwd *pw = getpwuid(geteuid());
    const char *user = pw ? pw->pw_name : getenv("USER");
    char host[256];

    if (gethostname(host, sizeof host) != 0)
        snprintf(host, sizeof host, "unknown");
    host[sizeof host - 1] = '\0';
    return strata__sprintf("%s@%s", user ? user : "unknown", host);
}
