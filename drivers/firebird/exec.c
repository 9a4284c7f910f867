/* exec.c - statements and transactions on a Firebird attachment.  Every
 * statement runs in a transaction: the core's when it opened one (begin),
 * else one of its own committed at once (autocommit, which is how DDL
 * runs: Firebird's DML cannot see a table created by its own
 * transaction before commit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fb.h"
#include "../common/conn.h"

/* The statuses the core acts on (docs/abi.md §6). */
static int code_of(const ISC_STATUS *st)
{
    for (const ISC_STATUS *v = st; v[0] == isc_arg_gds ||
                                   v[0] == isc_arg_string ||
                                   v[0] == isc_arg_number ||
                                   v[0] == isc_arg_interpreted ||
                                   v[0] == isc_arg_sql_state ||
                                   v[0] == isc_arg_cstring;) {
        if (v[0] == isc_arg_gds)
            switch (v[1]) {
            case isc_lock_conflict:
            case isc_deadlock:
            case isc_update_conflict:
            case isc_lock_timeout:
            case isc_obj_in_use:
                return STRATA_ERR_LOCKED;
            case isc_network_error:
            case isc_net_connect_err:
            case isc_net_read_err:
            case isc_net_write_err:
            case isc_conn_lost:
            case isc_shutdown:
            case isc_att_shutdown:
            case isc_login:
                return STRATA_ERR_CONN;
            default:
                break;
            }
        v += v[0] == isc_arg_cstring ? 3 : 2;
    }
    return STRATA_ERR_DB;
}

int fb_fail(strata_conn *c, const ISC_STATUS *status, const char *what)
{
    char msg[STRATA_ERRMSG_SIZE], line[512], state[6] = "";
    const ISC_STATUS *p = status;
    size_t n = 0;
    int code = code_of(status);

    msg[0] = '\0';
    fb_sqlstate(state, status);
    while (fb_interpret(line, sizeof line, &p) && n + 2 < sizeof msg) {
        n += (size_t)snprintf(msg + n, sizeof msg - n, "%s%s",
                              n ? "; " : "", line);
        if (n >= sizeof msg)
            n = sizeof msg - 1;
    }
    return c->host->error(c, code, state[0] ? state : NULL,
                          "firebird: %s%s%s", what ? what : "",
                          what ? ": " : "",
                          n ? msg : "unknown Firebird error");
}

int fb_start(fb_conn *f, isc_tr_handle *tr, int wait)
{
    ISC_STATUS_ARRAY st;
    char tpb[16];
    size_t n = 0;

    tpb[n++] = isc_tpb_version3;
    tpb[n++] = isc_tpb_write;
    tpb[n++] = isc_tpb_read_committed;
    tpb[n++] = isc_tpb_rec_version;
    if (wait && f->lock_timeout_s > 0) {
        tpb[n++] = isc_tpb_wait;
        tpb[n++] = isc_tpb_lock_timeout;
        tpb[n++] = 4;
        for (int i = 0; i < 4; i++)
            tpb[n++] = (char)((f->lock_timeout_s >> (8 * i)) & 0xff);
    } else {
        tpb[n++] = wait ? isc_tpb_wait : isc_tpb_nowait;
    }
    if (!f->db)
        return drv_not_connected(&f->base, "a Firebird database");
    if (isc_start_transaction(st, tr, 1, &f->db, (unsigned short)n, tpb))
        return fb_fail(&f->base, st, "starting a transaction");
    return STRATA_OK;
}

/* End an own transaction: commit after success, roll back otherwise
 * (keeping the first error). */
static int finish(fb_conn *f, isc_tr_handle *tr, int rc)
{
    ISC_STATUS_ARRAY st;

    if (rc == STRATA_OK) {
        if (isc_commit_transaction(st, tr))
            rc = fb_fail(&f->base, st, "commit");
    }
    if (*tr)
        isc_rollback_transaction(st, tr);
    *tr = 0;
    return rc;
}

/* Is sql the single word w (any case, blanks around)? */
static int is_word(const char *sql, const char *w)
{
    size_t n = strlen(w);

    while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r')
        sql++;
    if (strncasecmp(sql, w, n) != 0)
        return 0;
    for (sql += n; *sql; sql++)
        if (!(*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r'))
            return 0;
    return 1;
}

/* Run fn on *tr, or (none open) on a transaction of our own committed
 * after it. */
typedef int (*on_tr_fn)(fb_conn *f, isc_tr_handle *tr, void *arg);

static int on_tr(fb_conn *f, isc_tr_handle *tr, on_tr_fn fn, void *arg)
{
    isc_tr_handle own = 0;
    int rc;

    if (!f->db)
        return drv_not_connected(&f->base, "a Firebird database");
    if (!*tr && (rc = fb_start(f, &own, 1)) != STRATA_OK)
        return rc;
    rc = fn(f, *tr ? tr : &own, arg);
    return *tr ? rc : finish(f, &own, rc);
}

static int exec_on(fb_conn *f, isc_tr_handle *tr, void *sql)
{
    ISC_STATUS_ARRAY st;

    if (isc_dsql_execute_immediate(st, &f->db, tr, 0, (const char *)sql,
                                   SQL_DIALECT_V6, NULL))
        return fb_fail(&f->base, st, NULL);
    return STRATA_OK;
}

int fb_exec_in(fb_conn *f, isc_tr_handle *tr, const char *sql)
{
    return on_tr(f, tr, exec_on, (void *)sql);
}

int fb_exec(strata_conn *c, const char *sql)
{
    fb_conn *f = (fb_conn *)c;

    if (!sql)
        return c->host->error(c, STRATA_ERR_INVALID, NULL, "exec: no SQL");
    /* The transaction words go through the API, whose handle we keep. */
    if (is_word(sql, "COMMIT"))
        return fb_commit(c);
    if (is_word(sql, "ROLLBACK"))
        return fb_rollback(c);
    if (is_word(sql, "BEGIN") || is_word(sql, "SET TRANSACTION"))
        return fb_begin(c);
    {
        int handled, rc = fb_exec_compat(f, sql, &handled);

        if (handled)
            return rc;
    }
    return fb_exec_in(f, &f->tr, sql);
}

int fb_begin(strata_conn *c)
{
    fb_conn *f = (fb_conn *)c;

    if (f->tr)
        return c->host->error(c, STRATA_ERR_INVALID, NULL,
                              "a transaction is already open");
    return fb_start(f, &f->tr, 1);
}

int fb_commit(strata_conn *c)
{
    fb_conn *f = (fb_conn *)c;
    ISC_STATUS_ARRAY st;

    if (!f->tr)
        return c->host->error(c, STRATA_ERR_INVALID, NULL,
                              "commit: no transaction is open");
    if (isc_commit_transaction(st, &f->tr)) {
        int rc = fb_fail(c, st, "commit");

        /* A commit that failed leaves nothing half-open: roll it back. */
        isc_rollback_transaction(st, &f->tr);
        f->tr = 0;
        return rc;
    }
    f->tr = 0;
    return STRATA_OK;
}

int fb_rollback(strata_conn *c)
{
    fb_conn *f = (fb_conn *)c;
    ISC_STATUS_ARRAY st;

    if (!f->tr)
        return STRATA_OK;
    if (isc_rollback_transaction(st, &f->tr)) {
        f->tr = 0;
        return fb_fail(c, st, "rollback");
    }
    f->tr = 0;
    return STRATA_OK;
}

/* ---- queries ------------------------------------------------------------ */

/* Output columns are asked for as text (the server converts), blobs read
 * whole; each value's buffer is kept in its sqldata. */
typedef struct qstate {
    XSQLDA *da;
    short *nulls;
    char **text;    /* per column, NUL-terminated value */
    size_t *cap;
    char **names;
} qstate;

static void qfree(qstate *q)
{
    if (!q->da)
        return;
    for (int i = 0; i < q->da->sqld; i++) {
        free(q->da->sqlvar[i].sqldata);
        free(q->text ? q->text[i] : NULL);
        free(q->names ? q->names[i] : NULL);
    }
    free(q->text);
    free(q->cap);
    free(q->names);
    free(q->nulls);
    free(q->da);
    memset(q, 0, sizeof *q);
}

static int read_blob(fb_conn *f, isc_tr_handle *tr, ISC_QUAD *id,
                     char **buf, size_t *cap)
{
    ISC_STATUS_ARRAY st;
    isc_blob_handle bh = 0;
    size_t len = 0;
    char seg[8192];
    unsigned short got;
    ISC_STATUS s;

    if (isc_open_blob2(st, &f->db, tr, &bh, id, 0, NULL))
        return fb_fail(&f->base, st, "reading a blob");
    for (;;) {
        s = isc_get_segment(st, &bh, &got, sizeof seg, seg);
        if (s != 0 && s != isc_segment)
            break;
        if (len + got + 1 > *cap) {
            size_t nc = (len + got + 1) * 2;
            char *nb = realloc(*buf, nc);

            if (!nb) {
                isc_close_blob(st, &bh);
                return drv_nomem(&f->base);
            }
            *buf = nb;
            *cap = nc;
        }
        memcpy(*buf + len, seg, got);
        len += got;
    }
    if (s != isc_segstr_eof) {
        int rc = fb_fail(&f->base, st, "reading a blob");

        isc_close_blob(st, &bh);
        return rc;
    }
    isc_close_blob(st, &bh);
    if (!*buf && !(*buf = malloc(*cap = 1)))
        return drv_nomem(&f->base);
    (*buf)[len] = '\0';
    return STRATA_OK;
}

/* Set the output columns up as text; widths from the server's types. */
static int qsetup(fb_conn *f, qstate *q)
{
    int n = q->da->sqld;

    q->nulls = calloc((size_t)n + 1, sizeof *q->nulls);
    q->text = calloc((size_t)n + 1, sizeof *q->text);
    q->cap = calloc((size_t)n + 1, sizeof *q->cap);
    q->names = calloc((size_t)n + 1, sizeof *q->names);
    DRV_ALLOC_CHECK(q->nulls && q->text && q->cap && q->names, &f->base);
    for (int i = 0; i < n; i++) {
        XSQLVAR *v = &q->da->sqlvar[i];
        int t = v->sqltype & ~1;
        short len;

        q->names[i] = strndup(v->aliasname, (size_t)v->aliasname_length);
        DRV_ALLOC_CHECK(q->names[i], &f->base);
        v->sqlind = &q->nulls[i];
        if (t == SQL_BLOB) {
            v->sqltype = SQL_BLOB + 1;
            v->sqldata = malloc(sizeof(ISC_QUAD));
        } else {
            len = t == SQL_TEXT || t == SQL_VARYING
                      ? v->sqllen
                      : 64; /* numbers, dates and booleans as text */
            v->sqltype = SQL_VARYING + 1;
            v->sqllen = len;
            v->sqlsubtype = 0;
            v->sqlscale = 0;
            v->sqldata = malloc((size_t)len + 2);
            q->cap[i] = (size_t)len + 1;
            q->text[i] = malloc(q->cap[i]);
            DRV_ALLOC_CHECK(q->text[i], &f->base);
        }
        DRV_ALLOC_CHECK(v->sqldata, &f->base);
    }
    return STRATA_OK;
}

static int qrow(fb_conn *f, isc_tr_handle *tr, qstate *q,
                const char **vals)
{
    for (int i = 0; i < q->da->sqld; i++) {
        XSQLVAR *v = &q->da->sqlvar[i];
        int rc;

        vals[i] = NULL;
        if (q->nulls[i] < 0)
            continue;
        if ((v->sqltype & ~1) == SQL_BLOB) {
            rc = read_blob(f, tr, (ISC_QUAD *)v->sqldata, &q->text[i],
                           &q->cap[i]);
            if (rc != STRATA_OK)
                return rc;
        } else {
            unsigned short len;

            memcpy(&len, v->sqldata, sizeof len);
            memcpy(q->text[i], v->sqldata + 2, len);
            q->text[i][len] = '\0';
        }
        vals[i] = q->text[i];
    }
    return STRATA_OK;
}

static int run_query(fb_conn *f, isc_tr_handle *tr, const char *sql,
                     strata_row_cb cb, void *payload)
{
    ISC_STATUS_ARRAY st;
    isc_stmt_handle sh = 0;
    qstate q = {0};
    const char **vals = NULL;
    int rc = STRATA_OK;
    ISC_STATUS fs;

    q.da = calloc(1, XSQLDA_LENGTH(1));
    DRV_ALLOC_CHECK(q.da, &f->base);
    q.da->version = SQLDA_VERSION1;
    q.da->sqln = 1;
    if (isc_dsql_allocate_statement(st, &f->db, &sh) ||
        isc_dsql_prepare(st, tr, &sh, 0, sql, SQL_DIALECT_V6, q.da)) {
        rc = fb_fail(&f->base, st, NULL);
        goto done;
    }
    if (q.da->sqld > q.da->sqln) {
        int n = q.da->sqld;

        free(q.da);
        q.da = calloc(1, XSQLDA_LENGTH(n));
        DRV_ALLOC_GOTO(q.da, &f->base, rc, done);
        q.da->version = SQLDA_VERSION1;
        q.da->sqln = (short)n;
        if (isc_dsql_describe(st, &sh, SQLDA_VERSION1, q.da)) {
            rc = fb_fail(&f->base, st, NULL);
            goto done;
        }
    }
    if ((rc = qsetup(f, &q)) != STRATA_OK)
        goto done;
    if (isc_dsql_execute(st, tr, &sh, SQLDA_VERSION1, NULL)) {
        rc = fb_fail(&f->base, st, NULL);
        goto done;
    }
    if (q.da->sqld == 0)
        goto done;
    vals = calloc((size_t)q.da->sqld, sizeof *vals);
    DRV_ALLOC_GOTO(vals, &f->base, rc, done);
    while ((fs = isc_dsql_fetch(st, &sh, SQLDA_VERSION1, q.da)) == 0) {
        if ((rc = qrow(f, tr, &q, vals)) != STRATA_OK)
            goto done;
        if (cb && cb(payload, q.da->sqld, vals,
                     (const char *const *)q.names)) {
            rc = f->base.host->error(&f->base, STRATA_ERR_USER, NULL,
                                     "query stopped by its caller");
            goto done;
        }
    }
    if (fs != 100)
        rc = fb_fail(&f->base, st, NULL);
done:
    if (sh)
        isc_dsql_free_statement(st, &sh, DSQL_drop);
    free(vals);
    qfree(&q);
    return rc;
}

typedef struct query_args {
    const char *sql;
    strata_row_cb cb;
    void *payload;
} query_args;

static int query_on(fb_conn *f, isc_tr_handle *tr, void *arg)
{
    query_args *q = arg;

    return run_query(f, tr, q->sql, q->cb, q->payload);
}

int fb_query_in(fb_conn *f, isc_tr_handle *tr, const char *sql,
                strata_row_cb cb, void *payload)
{
    query_args q = {sql, cb, payload};

    return on_tr(f, tr, query_on, &q);
}

int fb_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload)
{
    fb_conn *f = (fb_conn *)c;

    if (!sql)
        return c->host->error(c, STRATA_ERR_INVALID, NULL, "query: no SQL");
    return fb_query_in(f, &f->tr, sql, cb, payload);
}
