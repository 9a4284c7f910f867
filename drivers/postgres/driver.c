/* driver.c - the PostgreSQL driver's table: connections through libpq,
 * statements with SQLSTATE mapping, transactions, the polled advisory
 * migration lock and quoting. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "abi/free.h"
#include "pg.h"
#include "../common/poll.h"
#include "../common/quote.h"
#include "../common/sqllist.h"

const strata_host *pg_host;

/* Milliseconds between two pg_try_advisory_lock() attempts. */
#define PG_LOCK_POLL_MS 100

/* connect_timeout handed to libpq unless the URL or PGCONNECT_TIMEOUT
 * says otherwise: a black-holed host must not hang a deploy forever. */
#define PG_CONNECT_TIMEOUT "10"

/* libpq's messages end with a newline (and list several attempts on
 * lines of their own): one line, tabs and newlines folded. */
static void one_line(char *s)
{
    size_t n = strlen(s);

    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
    for (; *s; s++)
        if (*s == '\n' || *s == '\t')
            *s = ' ';
}

/* Is this error a lock timeout the core may retry after a back-off?
 * 55P03 is lock_timeout itself (and NOWAIT); 40P01 a deadlock, which
 * the server resolved by cancelling us; 57014 only when the server says
 * the cancel was for the lock timeout (statement_timeout and a user's
 * pg_cancel_backend also give 57014, and retrying those would only
 * repeat them). */
static int is_locked(const char *state, const char *msg)
{
    if (!state)
        return 0;
    if (strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0)
        return 1;
    return strcmp(state, "57014") == 0 && msg &&
           strstr(msg, "lock timeout") != NULL;
}

int pg_result_error(pg_conn *p, const PGresult *res, const char *note)
{
    const char *state, *msg, *detail, *hint;
    char *m = NULL;
    int code;

    if (!res || (p->pg && PQstatus(p->pg) == CONNECTION_BAD)) {
        if (p->pg && PQstatus(p->pg) == CONNECTION_BAD) {
            m = pg_host->strdup(PQerrorMessage(p->pg));
            if (m)
                one_line(m);
            code = pg_host->error(&p->base, STRATA_ERR_CONN, NULL,
                                  "connection to the server lost: %s",
                                  m && *m ? m : "no reply");
            pg_host->free(m);
            return code;
        }
        /* No result on a live connection: libpq could not send (or ran
         * out of memory); its own message says which, when it has one. */
        if (p->pg && *PQerrorMessage(p->pg) &&
            (m = pg_host->strdup(PQerrorMessage(p->pg))) != NULL) {
            one_line(m);
            code = pg_host->error(&p->base, STRATA_ERR_DB, NULL, "%s", m);
            pg_host->free(m);
            return code;
        }
        return drv_nomem(&p->base);
    }
    state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
    if (!msg) {
        /* A libpq-side failure: its message is all there is. */
        msg = PQresultErrorMessage(res);
        if (!msg || !*msg)
            msg = PQresStatus(PQresultStatus(res));
    }
    if (msg && (m = pg_host->strdup(msg)) != NULL)
        one_line(m);
    code = is_locked(state, msg) ? STRATA_ERR_LOCKED : STRATA_ERR_DB;
    /* The note comes before DETAIL: the message is cut at 256 bytes,
     * and the note is what the user must act on. */
    pg_host->error(&p->base, code, state, "%s%s%s%s%s%s%s%s%s",
                   m ? m : "out of memory", state ? " (SQLSTATE " : "",
                   state ? state : "", state ? ")" : "", note ? note : "",
                   detail ? "; DETAIL: " : "", detail ? detail : "",
                   hint ? "; HINT: " : "", hint ? hint : "");
    pg_host->free(m);
    return code;
}

/* A result that ran: OK, else the error recorded (res is kept). */
static int result_rc(pg_conn *p, const PGresult *res, const char *note)
{
    if (!res)
        return pg_result_error(p, NULL, note);
    switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        return STRATA_OK;
    default:
        return pg_result_error(p, res, note);
    }
}

int pg_exec_params(pg_conn *p, const char *sql, int n,
                   const char *const *params, PGresult **out)
{
    PGresult *res;
    int rc;

    *out = NULL;
    if (!p->pg)
        return drv_not_connected(&p->base, PG_SERVER);
    res = PQexecParams(p->pg, sql, n, NULL, params, NULL, NULL, 0);
    if ((rc = result_rc(p, res, NULL)) != STRATA_OK) {
        PQclear(res);
        return rc;
    }
    *out = res;
    return STRATA_OK;
}

/* Warnings the server sends (client_min_messages = warning: a
 * migration's RAISE WARNING, say) go to the core's log instead of
 * libpq's default, stderr. */
static void notice(void *arg, const PGresult *res)
{
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    char *m;

    (void)arg;
    if (!msg || !(m = pg_host->strdup(msg)))
        return;
    one_line(m);
    pg_host->log(STRATA_LOG_WARN, "postgres %s: %s", sev ? sev : "NOTICE",
                 m);
    pg_host->free(m);
}

/* Run one statement with parameters and no interest in its rows. */
static int run(pg_conn *p, const char *sql, int n, const char *const *v)
{
    PGresult *res;
    int rc = pg_exec_params(p, sql, n, v, &res);

    PQclear(res);
    return rc;
}

/* Transaction control as a plain Query message: it has no parameters,
 * and parse/bind/execute of the extended protocol is more server work
 * on each migration's BEGIN and COMMIT (bench/pg_1000.sh measures it). */
static int simple(pg_conn *p, const char *sql)
{
    PGresult *res = PQexec(p->pg, sql);
    int rc = result_rc(p, res, NULL);

    PQclear(res);
    return rc;
}

/* The first value of the first row of sql (host memory in *out, NULL
 * for no row or SQL NULL). */
static int value(pg_conn *p, const char *sql, int n, const char *const *v,
                 char **out)
{
    PGresult *res;
    int rc = pg_exec_params(p, sql, n, v, &res);

    *out = NULL;
    if (rc != STRATA_OK)
        return rc;
    if (PQntuples(res) > 0 && PQnfields(res) > 0 &&
        !PQgetisnull(res, 0, 0) &&
        !(*out = pg_host->strdup(PQgetvalue(res, 0, 0))))
        rc = drv_nomem(&p->base);
    PQclear(res);
    return rc;
}

static int quote(strata_conn *c, const char *s, char q, strata_buf *out);

/* Append to out the statement "SET name = value" (value quoted as an
 * identifier when ident, else written as is). */
static int session_set(strata_conn *c, strata_sql_list *out,
                       const char *name, const char *value, int ident)
{
    strata_buf b = {0};
    int rc = pg_host->buf_printf(&b, "SET %s = ", name);

    if (rc == STRATA_OK)
        rc = ident ? quote(c, value, '"', &b)
                   : pg_host->buf_printf(&b, "%s", value);
    if (rc == STRATA_OK)
        rc = drv_sql_emit(pg_host, out, &b, 0, NULL, NULL, NULL);
    pg_host->buf_free(&b);
    return rc == STRATA_OK ? STRATA_OK : drv_nomem(c);
}

/* The session strata works in: settings pinned (docs/dialects.md §7), timeouts
 * from the options, search_path set to the named schema.  Offline
 * scripts print the same statements. */
static int pg_session_sql(strata_conn *c, const strata_kv *opts,
                          strata_sql_list *out)
{
    const char *schema = drv_opt(opts, "schema");
    char lock_ms[24], stmt_ms[24];
    long v;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = drv_opt_ms(c, opts, "lock_timeout_ms", 5000, &v)))
        return rc;
    snprintf(lock_ms, sizeof lock_ms, "%ld", v);
    if ((rc = drv_opt_ms(c, opts, "statement_timeout_ms", 0, &v)))
        return rc;
    snprintf(stmt_ms, sizeof stmt_ms, "%ld", v);
    rc = session_set(c, out, "standard_conforming_strings", "on", 0);
    if (rc == STRATA_OK)
        rc = session_set(c, out, "client_min_messages", "warning", 0);
    if (rc == STRATA_OK)
        rc = session_set(c, out, "lock_timeout", lock_ms, 0);
    if (rc == STRATA_OK)
        rc = session_set(c, out, "statement_timeout", stmt_ms, 0);
    if (rc == STRATA_OK && schema && *schema)
        rc = session_set(c, out, "search_path", schema, 1);
    if (rc != STRATA_OK)
        strata_abi_sql_list_free(pg_host, out);
    return rc;
}

/* The session: pg_session_sql's settings (search_path may name a schema
 * that does not exist yet), then the schema made sure of; without one,
 * the server's own choice pinned. */
static int session(pg_conn *p, const strata_kv *opts)
{
    const char *schema = drv_opt(opts, "schema");
    const char *create = drv_opt(opts, "create_schema");
    strata_sql_list set = {0};
    char *cur = NULL, *id;
    strata_buf q = {0};
    int rc, exists;

    if ((rc = pg_session_sql(&p->base, opts, &set)) != STRATA_OK)
        return rc;
    for (size_t i = 0; i < set.count && rc == STRATA_OK; i++)
        rc = run(p, set.items[i].sql, 0, NULL);
    strata_abi_sql_list_free(pg_host, &set);
    if (rc != STRATA_OK)
        return rc;
    if (schema && *schema) {
        const char *const v1[] = {schema};

        if ((rc = value(p, "SELECT nspname FROM pg_catalog.pg_namespace "
                           "WHERE nspname = $1",
                        1, v1, &cur)) != STRATA_OK)
            return rc;
        if (!cur && !(create && strcmp(create, "1") == 0))
            return pg_host->error(&p->base, STRATA_ERR_CONFIG, NULL,
                                  "schema %s does not exist "
                                  "(--create-schema or create_schema = "
                                  "true creates it)",
                                  schema);
        exists = cur != NULL;
        pg_host->free(cur);
        if (!(id = PQescapeIdentifier(p->pg, schema, strlen(schema))))
            return pg_result_error(p, NULL, NULL);
        /* Only when missing: CREATE needs a privilege on the database
         * that a schema's owner may well not have. */
        if (!exists) {
            if (pg_host->buf_printf(&q, "CREATE SCHEMA IF NOT EXISTS %s",
                                    id))
                rc = drv_nomem(&p->base);
            else
                rc = run(p, q.data, 0, NULL);
            pg_host->buf_free(&q);
        }
        PQfreemem(id);
        return rc;
    }
    /* No schema named: the server's own choice, pinned so that nothing
     * later (a "$user" schema appearing) moves the session. */
    if ((rc = value(p, "SELECT current_schema()", 0, NULL, &cur)))
        return rc;
    if (!cur)
        return pg_host->error(&p->base, STRATA_ERR_CONFIG, NULL,
                              "no schema: none of the schemas on the "
                              "server's search_path exists (name one with "
                              "--schema or schema =)");
    id = PQescapeIdentifier(p->pg, cur, strlen(cur));
    pg_host->free(cur);
    if (!id)
        return pg_result_error(p, NULL, NULL);
    {
        const char *const v1[] = {id};

        rc = run(p, "SELECT set_config('search_path', $1, false)", 1, v1);
    }
    PQfreemem(id);
    return rc;
}

static void pg_disconnect(strata_conn *c);

/* The URL as libpq reads it (PQconninfoParse), so that what is checked
 * is what libpq uses.  No message here quotes the URL (it holds the
 * password; the core names it, masked); libpq's own may quote a piece,
 * which the core masks in every driver message. */
static int parse_url(strata_conn *c, const char *url,
                     PQconninfoOption **out)
{
    char *msg = NULL;
    int rc;

    if (!(*out = PQconninfoParse(url, &msg))) {
        if (!msg)
            return drv_nomem(c);
        one_line(msg);
        rc = pg_host->error(c, STRATA_ERR_CONFIG, NULL,
                            "not a PostgreSQL URL libpq reads: %s", msg);
        PQfreemem(msg);
        return rc;
    }
    /* libpq ends the userinfo at the first '@': an unencoded one in the
     * password leaves its tail in the host, which messages quote (the
     * core refuses such a URL before; a direct caller gets this). */
    for (PQconninfoOption *o = *out; o->keyword; o++)
        if (strcmp(o->keyword, "host") == 0 && o->val &&
            strchr(o->val, '@')) {
            PQconninfoFree(*out);
            *out = NULL;
            return pg_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "the URL's host holds an '@': write an "
                                  "'@' in the user name or password as %%40");
        }
    return STRATA_OK;
}

int pg_open(strata_conn *c, const char *url, const char *app,
            PGconn **out)
{
    const char **keys = NULL, **vals = NULL;
    PQconninfoOption *url_opts = NULL;
    size_t nopts = 0;
    char *m;
    int n = 0, rc;

    *out = NULL;
    if (!url || !*url)
        return pg_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "no PostgreSQL URL");
    if ((rc = parse_url(c, url, &url_opts)) != STRATA_OK)
        return rc;
    while (url_opts[nopts].keyword)
        nopts++;
    keys = pg_host->alloc((nopts + 3) * sizeof *keys);
    vals = pg_host->alloc((nopts + 3) * sizeof *vals);
    if (!keys || !vals) {
        rc = drv_nomem(c);
        goto done;
    }
    /* strata's defaults first: the URL's own parameters override them
     * (libpq processes the arrays in order) */
    keys[n] = "application_name";
    vals[n++] = app;
    if (!getenv("PGCONNECT_TIMEOUT")) {
        keys[n] = "connect_timeout";
        vals[n++] = PG_CONNECT_TIMEOUT;
    }
    for (size_t i = 0; i < nopts; i++)
        if (url_opts[i].val) {
            keys[n] = url_opts[i].keyword;
            vals[n++] = url_opts[i].val;
        }
    keys[n] = NULL;
    vals[n] = NULL;
    /* Whatever the URL leaves out comes from PGHOST, PGPASSWORD,
     * ~/.pgpass, services; the URL is parsed already (no expand_dbname). */
    *out = PQconnectdbParams(keys, vals, 0);
    DRV_ALLOC_GOTO(*out, c, rc, done);
    if (PQstatus(*out) != CONNECTION_OK) {
        /* libpq's message names host and port, never the password. */
        m = pg_host->strdup(PQerrorMessage(*out));
        if (m)
            one_line(m);
        rc = pg_host->error(c, STRATA_ERR_CONN, NULL, "%s",
                            m && *m ? m : "connection failed");
        pg_host->free(m);
        PQfinish(*out);
        *out = NULL;
    }
done:
    pg_host->free(keys);
    pg_host->free(vals);
    PQconninfoFree(url_opts);
    return rc;
}

static int pg_connect(strata_conn *c, const char *url,
                      const strata_kv *opts)
{
    pg_conn *p = (pg_conn *)c;
    const char *app = drv_opt(opts, "application_name");
    const char *ver;
    int rc;

    if (p->pg)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "connection is already open");
    if ((rc = pg_open(c, url, app && *app ? app : "strata", &p->pg)) !=
        STRATA_OK)
        return rc;
    PQsetNoticeReceiver(p->pg, notice, NULL);
    p->cancel = PQgetCancel(p->pg); /* for pg_cancel; NULL: cannot */
    p->pid = PQbackendPID(p->pg);   /* for pg_progress */
    ver = PQparameterStatus(p->pg, "server_version");
    if (!(p->version = pg_host->strdup(ver ? ver : "unknown")) ||
        !(p->url = pg_host->strdup(url))) {
        pg_disconnect(c);
        return drv_nomem(c);
    }
    if ((rc = session(p, opts)) != STRATA_OK) {
        /* keep the message; the core calls disconnect anyway */
        PQfinish(p->pg);
        p->pg = NULL;
    }
    return rc;
}

static void pg_disconnect(strata_conn *c)
{
    pg_conn *p = (pg_conn *)c;

    /* Closing the session releases its advisory lock too. */
    if (p->pg)
        PQfinish(p->pg);
    p->pg = NULL;
    PQfreeCancel(p->cancel);
    p->cancel = NULL;
    if (p->watch)
        PQfinish(p->watch);
    p->watch = NULL;
    p->watch_failed = 0;
    p->pid = 0;
    pg_host->free(p->url);
    p->url = NULL;
    p->prepared = 0;
    pg_host->free(p->version);
    p->version = NULL;
    pg_host->free(p->lock_key);
    p->lock_key = NULL;
}

/* COPY ... FROM STDIN / TO STDOUT: psql streams the data; strata has
 * none to send.  End the copy so that the connection stays usable. */
static int refuse_copy(pg_conn *p, PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    PGresult *r;
    char *buf;

    PQclear(res);
    if (st == PGRES_COPY_IN)
        PQputCopyEnd(p->pg, "strata sends no COPY data");
    else if (st == PGRES_COPY_OUT)
        while (PQgetCopyData(p->pg, &buf, 0) > 0)
            PQfreemem(buf);
    while ((r = PQgetResult(p->pg)) != NULL)
        PQclear(r);
    return pg_host->error(&p->base, STRATA_ERR_DB, NULL,
                          "COPY ... FROM STDIN / TO STDOUT needs psql's "
                          "client-side data; strata runs statements "
                          "through libpq (use INSERT, or COPY with a "
                          "server-side file)");
}

/* The note for a failed CREATE INDEX CONCURRENTLY: which index it left
 * INVALID, looked up by the name it gave (or, unnamed, on its table). */
static char *invalid_note(pg_conn *p, const char *sql)
{
    char *name = NULL, *table = NULL, *found = NULL;
    strata_buf b = {0};

    if (PQstatus(p->pg) != CONNECTION_OK ||
        PQtransactionStatus(p->pg) != PQTRANS_IDLE ||
        pg_cic_target(sql, &name, &table) != STRATA_OK || !table) {
        pg_host->free(name);
        pg_host->free(table);
        return NULL;
    }
    {
        const char *const v[] = {table, name};

        if (value(p,
                  "SELECT i.relname FROM pg_catalog.pg_index x "
                  "JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
                  "WHERE x.indrelid = to_regclass($1) AND NOT x.indisvalid "
                  "AND ($2::text IS NULL OR i.relname = $2) "
                  "ORDER BY i.oid DESC LIMIT 1",
                  2, v, &found) != STRATA_OK)
            found = NULL;
    }
    if (found && pg_host->buf_printf(&b, "; it leaves index %s INVALID "
                                         "(the next run drops and rebuilds "
                                         "it)", found))
        pg_host->buf_free(&b);
    pg_host->free(found);
    pg_host->free(name);
    pg_host->free(table);
    return b.data;
}

/* A CONCURRENTLY statement waits for other transactions, and those
 * waits are lock waits: it runs with lock_timeout = 0, set by a
 * statement of its own (in one Query string it would be an implicit
 * transaction block, which CONCURRENTLY refuses), restored after. */
static int exec_concurrently(pg_conn *p, const char *sql, uint32_t info)
{
    char *saved = NULL, *note = NULL;
    PGresult *res;
    int rc;

    if ((rc = value(p, "SELECT current_setting('lock_timeout')", 0, NULL,
                    &saved)) != STRATA_OK)
        return rc;
    if ((rc = run(p, "SELECT set_config('lock_timeout', '0', false)", 0,
                  NULL)) != STRATA_OK) {
        pg_host->free(saved);
        return rc;
    }
    res = PQexec(p->pg, sql);
    if (res && (PQresultStatus(res) == PGRES_COPY_IN ||
                PQresultStatus(res) == PGRES_COPY_OUT)) {
        rc = refuse_copy(p, res);
        res = NULL;
    } else if (res && (PQresultStatus(res) == PGRES_COMMAND_OK ||
                       PQresultStatus(res) == PGRES_TUPLES_OK)) {
        rc = STRATA_OK;
    } else {
        if ((info & PG_STMT_CIC) && res)
            note = invalid_note(p, sql);
        rc = pg_result_error(p, res, note);
        pg_host->free(note);
    }
    PQclear(res);
    if (saved && PQstatus(p->pg) == CONNECTION_OK) {
        /* The statement's own error stays the one reported. */
        const char *const v[] = {saved};
        PGresult *r = PQexecParams(p->pg,
                                   "SELECT set_config('lock_timeout', $1, "
                                   "false)",
                                   1, NULL, v, NULL, NULL, 0);

        if (rc == STRATA_OK)
            rc = result_rc(p, r, NULL);
        PQclear(r);
    }
    pg_host->free(saved);
    return rc;
}

/* The checks exec and query (verb) share: connected, one statement.
 * A DEALLOCATE or DISCARD is seen here so that introspect.c prepares
 * its queries again. */
static int one_stmt(pg_conn *p, const char *sql, const char *verb,
                    uint32_t *info)
{
    if (!p->pg)
        return drv_not_connected(&p->base, PG_SERVER);
    if (!sql)
        return pg_host->error(&p->base, STRATA_ERR_INVALID, NULL,
                              "no SQL statement");
    *info = pg_stmt_info(sql, strlen(sql));
    /* PQexec would run them all, in one implicit transaction: the core
     * splits scripts, so a second statement here is a caller's bug. */
    if (*info & PG_STMT_MULTI)
        return pg_host->error(&p->base, STRATA_ERR_INVALID, NULL,
                              "%s takes exactly one statement", verb);
    if (*info & PG_STMT_DEALLOC)
        p->prepared = 0;
    return STRATA_OK;
}

int pg_exec(strata_conn *c, const char *sql)
{
    pg_conn *p = (pg_conn *)c;
    PGresult *res;
    uint32_t info;
    int rc;

    if ((rc = one_stmt(p, sql, "exec", &info)) != STRATA_OK)
        return rc;
    /* Inside a transaction block it fails with 25001 anyway; changing
     * lock_timeout there would only be rolled back with it. */
    if ((info & PG_STMT_CONCURRENT) &&
        PQtransactionStatus(p->pg) == PQTRANS_IDLE)
        return exec_concurrently(p, sql, info);
    res = PQexec(p->pg, sql);
    if (res && (PQresultStatus(res) == PGRES_COPY_IN ||
                PQresultStatus(res) == PGRES_COPY_OUT))
        return refuse_copy(p, res);
    rc = result_rc(p, res, NULL);
    PQclear(res);
    return rc;
}

/* COMMIT or END (its synonym), the statements whose ROLLBACK tag means
 * the transaction was lost. */
static int is_commit(const char *sql)
{
    static const char *const words[] = {"COMMIT", "END"};

    while (isspace((unsigned char)*sql))
        sql++;
    for (size_t i = 0; i < 2; i++) {
        size_t k = strlen(words[i]);

        if (strncasecmp(sql, words[i], k) == 0 &&
            !isalnum((unsigned char)sql[k]) && sql[k] != '_')
            return 1;
    }
    return 0;
}

/* One simple-query message for all of them: the server runs them in
 * order and stops at the first error, one result each until then. */
static int pg_exec_batch(strata_conn *c, const char *const *sql, size_t n,
                         size_t *failed)
{
    pg_conn *p = (pg_conn *)c;
    strata_buf b = {0};
    PGresult *res;
    size_t got = 0;
    int rc = STRATA_OK;

    *failed = 0;
    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    for (size_t i = 0; i < n; i++) {
        uint32_t info = sql[i] ? pg_stmt_info(sql[i], strlen(sql[i])) : 0;

        if (!sql[i] || (info & (PG_STMT_MULTI | PG_STMT_NOTXN |
                                PG_STMT_COPY_IN | PG_STMT_DEALLOC))) {
            pg_host->buf_free(&b);
            *failed = i;
            return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                                  "exec_batch takes single statements that "
                                  "run in a transaction");
        }
        /* A newline first: a statement may end in a line comment. */
        if (pg_host->buf_printf(&b, "%s\n;", sql[i]) != STRATA_OK) {
            pg_host->buf_free(&b);
            return drv_nomem(c);
        }
    }
    if (!n)
        return STRATA_OK;
    if (!PQsendQuery(p->pg, b.data)) {
        pg_host->buf_free(&b);
        return pg_result_error(p, NULL, NULL);
    }
    pg_host->buf_free(&b);
    while ((res = PQgetResult(p->pg)) != NULL) {
        ExecStatusType st = PQresultStatus(res);

        if (rc != STRATA_OK) {
            PQclear(res);
            continue;
        }
        if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
            *failed = got;
            return refuse_copy(p, res); /* it drains the rest */
        }
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            *failed = got;
            rc = pg_result_error(p, res, NULL);
        } else if (got < n && strcmp(PQcmdStatus(res), "ROLLBACK") == 0 &&
                   is_commit(sql[got])) {
            *failed = got;
            rc = pg_host->error(c, STRATA_ERR_DB, "25P02",
                                "COMMIT rolled back: an earlier statement "
                                "of the transaction failed");
        }
        got++;
        PQclear(res);
    }
    if (rc == STRATA_OK && got < n) {
        *failed = got;
        rc = pg_result_error(p, NULL, NULL);
    }
    return rc;
}

int pg_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload)
{
    pg_conn *p = (pg_conn *)c;
    const char **names = NULL, **values = NULL;
    PGresult *res;
    uint32_t info;
    int rc, n, rows;

    if ((rc = one_stmt(p, sql, "query", &info)) != STRATA_OK)
        return rc;
    res = PQexec(p->pg, sql);
    if (res && (PQresultStatus(res) == PGRES_COPY_IN ||
                PQresultStatus(res) == PGRES_COPY_OUT))
        return refuse_copy(p, res);
    if ((rc = result_rc(p, res, NULL)) != STRATA_OK) {
        PQclear(res);
        return rc;
    }
    n = PQnfields(res);
    rows = PQntuples(res);
    if (n > 0 && rows > 0) {
        names = pg_host->alloc((size_t)n * sizeof *names);
        values = pg_host->alloc((size_t)n * sizeof *values);
        if (!names || !values) {
            rc = drv_nomem(c);
            goto done;
        }
        for (int i = 0; i < n; i++)
            names[i] = PQfname(res, i);
    }
    for (int r = 0; r < rows && cb; r++) {
        for (int i = 0; i < n; i++)
            values[i] = PQgetisnull(res, r, i) ? NULL
                                               : PQgetvalue(res, r, i);
        /* The callback may have set its own message on c: keep it. */
        if (cb(payload, n, values, names)) {
            rc = STRATA_ERR_USER;
            goto done;
        }
    }
done:
    PQclear(res);
    pg_host->free(names);
    pg_host->free(values);
    return rc;
}

static int pg_begin(strata_conn *c)
{
    pg_conn *p = (pg_conn *)c;

    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    return simple(p, "BEGIN");
}

/* COMMIT of a transaction an error aborted "succeeds" with the tag
 * ROLLBACK: that is a failure, and must be reported as one. */
static int pg_commit(strata_conn *c)
{
    pg_conn *p = (pg_conn *)c;
    PGresult *res;
    int rc;

    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    res = PQexec(p->pg, "COMMIT");
    if ((rc = result_rc(p, res, NULL)) != STRATA_OK) {
        PQclear(res);
        return rc;
    }
    if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
        rc = pg_host->error(c, STRATA_ERR_DB, "25P02",
                            "COMMIT rolled back: an earlier statement of "
                            "the transaction failed");
    PQclear(res);
    return rc;
}

static int pg_rollback(strata_conn *c)
{
    pg_conn *p = (pg_conn *)c;

    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    return simple(p, "ROLLBACK");
}

/* Who holds advisory lock key (bigint text): "pid N (application)". */
static char *holder(pg_conn *p, const char *key)
{
    const char *const v[] = {key};
    char *who = NULL;

    if (value(p,
              "SELECT 'pid ' || l.pid || coalesce(' (' || "
              "nullif(a.application_name, '') || ')', '') "
              "FROM pg_catalog.pg_locks l LEFT JOIN "
              "pg_catalog.pg_stat_activity a ON a.pid = l.pid "
              "WHERE l.locktype = 'advisory' AND l.granted AND "
              "l.objsubid = 1 AND l.database = (SELECT oid FROM "
              "pg_catalog.pg_database WHERE datname = current_database()) "
              "AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND "
              "l.objid = ($1::bigint & 4294967295)::oid LIMIT 1",
              1, v, &who) != STRATA_OK)
        return NULL;
    return who;
}

/* The migration lock: a session-level advisory lock on a bigint derived
 * from the database, the session's schema and the core's key (schema
 * and history table), taken with pg_try_advisory_lock() polled.  Never
 * the blocking pg_advisory_lock(): a backend waiting in it holds a
 * snapshot, and a CREATE INDEX CONCURRENTLY in the holder waits for
 * every snapshot -- a deadlock no timeout of ours would break
 * (docs/design.md §8).  The server drops the lock when the session ends. */
static int pg_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    pg_conn *p = (pg_conn *)c;
    struct timespec t0;
    char *k = NULL, *got = NULL, *who;
    int rc;

    if (!p->pg)
        return drv_not_connected(c, PG_SERVER);
    if (p->lock_key)
        return STRATA_OK; /* already held */
    {
        const char *const v[] = {key ? key : ""};

        rc = value(p,
                   "SELECT hashtextextended(current_database() || ':' || "
                   "coalesce(current_schema(), '') || ':' || $1, 0)",
                   1, v, &k);
        if (rc != STRATA_OK)
            return rc;
        if (!k)
            return drv_nomem(c);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        const char *const v[] = {k};

        rc = value(p, "SELECT pg_try_advisory_lock($1::bigint)", 1, v,
                   &got);
        if (rc != STRATA_OK)
            break;
        if (got && strcmp(got, "t") == 0) {
            pg_host->free(got);
            p->lock_key = k;
            return STRATA_OK;
        }
        pg_host->free(got);
        got = NULL;
        if (!drv_poll_sleep(&t0, wait_ms, PG_LOCK_POLL_MS)) {
            who = holder(p, k);
            rc = pg_host->error(c, STRATA_ERR_BUSY, NULL,
                                "migration lock held by another session%s"
                                "%s; gave up after %lu ms",
                                who ? ", " : "", who ? who : "",
                                (unsigned long)wait_ms);
            pg_host->free(who);
            break;
        }
    }
    pg_host->free(k);
    return rc;
}

static int pg_unlock(strata_conn *c, const char *key)
{
    pg_conn *p = (pg_conn *)c;
    int rc = STRATA_OK;

    (void)key;
    if (!p->lock_key)
        return STRATA_OK;
    if (p->pg) {
        const char *const v[] = {p->lock_key};

        rc = run(p, "SELECT pg_advisory_unlock($1::bigint)", 1, v);
    }
    pg_host->free(p->lock_key);
    p->lock_key = NULL;
    return rc;
}

/* Append s wrapped in q, each q inside doubled: identifiers, always in
 * double quotes (the core folds unquoted names, so quoting keeps the
 * exact name). */
static int quote(strata_conn *c, const char *s, char q, strata_buf *out)
{
    if (!s || !out)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL, "nothing to quote");
    return drv_quote(pg_host, out, s, q) ? drv_nomem(c) : STRATA_OK;
}

static int pg_quote_ident(strata_conn *c, const char *ident,
                          strata_buf *out)
{
    return quote(c, ident, '"', out);
}

/* A literal that means s whatever standard_conforming_strings is: a
 * migration or session_sql may turn it off after the driver pinned it
 * on, and '...' would then read a backslash as an escape (issue 13).  On
 * a connection libpq's PQescapeLiteral, which also checks the encoding;
 * offline (--sql) the same form: '...' when s has no backslash (the same
 * text under either setting), else E'...' with backslashes doubled (an
 * escape string under either setting).  docs/dialects.md §7. */
static int pg_quote_literal(strata_conn *c, const char *s, strata_buf *out)
{
    pg_conn *p = (pg_conn *)c;
    const char *q;
    char *lit;
    int rc;

    if (!s || !out)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL, "nothing to quote");
    if (p->pg) {
        if (!(lit = PQescapeLiteral(p->pg, s, strlen(s))))
            return pg_result_error(p, NULL, NULL);
        /* " E'...'" when s has a backslash: the blank is libpq's */
        rc = pg_host->buf_append(out, lit + (*lit == ' '),
                                 strlen(lit + (*lit == ' ')));
        PQfreemem(lit);
        return rc ? drv_nomem(c) : STRATA_OK;
    }
    if (!strchr(s, '\\'))
        return quote(c, s, '\'', out);
    if (pg_host->buf_append(out, "E'", 2))
        return drv_nomem(c);
    for (; (q = strpbrk(s, "'\\")) != NULL; s = q + 1)
        if (pg_host->buf_append(out, s, (size_t)(q - s) + 1) ||
            pg_host->buf_append(out, q, 1))
            return drv_nomem(c);
    return pg_host->buf_append(out, s, strlen(s)) ||
                   pg_host->buf_append(out, "'", 1)
               ? drv_nomem(c)
               : STRATA_OK;
}

static int pg_server_version(strata_conn *c, char **out)
{
    pg_conn *p = (pg_conn *)c;

    *out = NULL;
    if (!p->version)
        return drv_not_connected(c, PG_SERVER);
    *out = pg_host->strdup(p->version);
    DRV_ALLOC_CHECK(*out, c);
    return STRATA_OK;
}

/* Tables and partitioned tables of the session's schema; the name is
 * exact (the core quotes it as given). */
static int pg_table_exists(strata_conn *c, const char *table, int *out)
{
    return drv_table_exists_one(c, pg_tables_exist, table, out);
}

static int pg_in_transaction(strata_conn *c, int *out)
{
    pg_conn *p = (pg_conn *)c;
    PGTransactionStatusType st =
        p->pg ? PQtransactionStatus(p->pg) : PQTRANS_UNKNOWN;

    *out = st == PQTRANS_INTRANS || st == PQTRANS_INERROR ||
           st == PQTRANS_ACTIVE;
    return STRATA_OK;
}

/* The driver table's cancel(): PQcancel, which libpq makes thread-safe
 * (and signal-safe), sends the key connect read over a connection of
 * its own.  One that comes while no statement runs is dropped by the
 * server. */
static int pg_cancel(strata_conn *c)
{
    pg_conn *p = (pg_conn *)c;
    char why[256];

    if (!p->cancel)
        return STRATA_ERR_CONN;
    if (PQcancel(p->cancel, why, sizeof why))
        return STRATA_OK;
    one_line(why);
    pg_host->log(STRATA_LOG_WARN, "could not cancel the statement: %s",
                 why);
    return STRATA_ERR_CONN;
}

static const char *const pg_schemes[] = {"postgres", "postgresql", NULL};

/* What an offline script writes for begin(); foreign keys never go off. */
static const strata_script_words pg_script = {
    .client = "psql -X -v ON_ERROR_STOP=1 -f FILE",
    .begin = "BEGIN",
    .client_splits = 0,
};

STRATA_DRIVER_DEFINE(pg_host,
    .name = "postgres",
    .version = "0.1.0",
    .schemes = pg_schemes,
    .caps = STRATA_CAP_TRANSACTIONAL_DDL | STRATA_CAP_SAVEPOINT |
            STRATA_CAP_ADVISORY_LOCK | STRATA_CAP_ONLINE_INDEX |
            STRATA_CAP_NATIVE_CHECK | STRATA_CAP_NATIVE_FK_ALTER,
    .conn_size = sizeof(pg_conn),
    .ident_max = PG_IDENT_MAX,
    .ident_flags = STRATA_IDENT_TRUNCATE,
    .name_flags = STRATA_NAME_EXACT, /* unquoted names folded */
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .exec = pg_exec,
    .query = pg_query,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .cancel = pg_cancel,
    .progress = pg_progress,
    .progress_ms = PG_PROGRESS_MS,
    .tables_exist = pg_tables_exist,
    .lock = pg_lock,
    .unlock = pg_unlock,
    .split = pg_split,
    .quote_ident = pg_quote_ident,
    .quote_literal = pg_quote_literal,
    .server_version = pg_server_version,
    .table_exists = pg_table_exists,
    .in_transaction = pg_in_transaction,
    .introspect = pg_introspect,
    .render = pg_render,
    .index_table = pg_index_table,
    .type_family = pg_type_family,
    .foreign_keys = NULL,
    .fk_violations = NULL,
    .same_expr = pg_same_expr,
    .session_sql = pg_session_sql,
    .lint = pg_lint,
    .lint_rules = pg_lint_rules,
    .is_session_setting = pg_is_session_setting,
    .schema_objects = pg_schema_objects,
    .scratch_create = pg_scratch_create,
    .scratch_drop = pg_scratch_drop,
    .exec_batch = pg_exec_batch,
    .script = &pg_script);
