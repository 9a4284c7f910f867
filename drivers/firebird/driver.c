/* driver.c - the Firebird driver's table, connections, quoting and
 * cancel; a URL firebird://user:password@host[:port]/path/to/db.fdb
 * names a database file on the server (docs/dialects.md §11). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb.h"
#include "../common/conn.h"

const strata_host *fb_host;

static const char *const fb_schemes[] = {"firebird", NULL};

/* No script words: isql, the client an offline script would be for,
 * needs SET TERM around the EXECUTE BLOCKs that stand in for IF [NOT]
 * EXISTS and cannot create the history tables as the core prints them,
 * so `--sql` refuses Firebird rather than print a script that fails. */

/* The status vector holds gds code x? */
static int has_code(const ISC_STATUS *st, ISC_STATUS x)
{
    for (const ISC_STATUS *v = st; v[0] != isc_arg_end;) {
        if (v[0] == isc_arg_gds && v[1] == x)
            return 1;
        if (v[0] == isc_arg_cstring)
            v += 3;
        else
            v += 2;
    }
    return 0;
}

/* %XX sequences of a URL part decoded, host memory. */
static char *url_part(const char *s, size_t n)
{
    char *out = fb_host->alloc(n + 1), *o = out;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned v;

        if (s[i] == '%' && i + 2 < n &&
            sscanf(s + i + 1, "%2x", &v) == 1) {
            *o++ = (char)v;
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

typedef struct fb_url {
    char *user, *password, *target; /* target: host/port:path */
} fb_url;

static void url_free(fb_url *u)
{
    fb_host->free(u->user);
    fb_host->free(u->password);
    fb_host->free(u->target);
}

/* Parse firebird://[user[:password]@]host[:port]/path: a path with a '/'
 * after its first is a file (absolute), a single word an alias. */
static int parse_url(strata_conn *c, const char *url, fb_url *u)
{
    const char *p = url, *at, *slash, *colon, *hend;
    char *host = NULL, *port = NULL, *path = NULL;
    int rc = STRATA_OK;

    if (strncmp(p, "firebird://", 11) != 0)
        return c->host->error(c, STRATA_ERR_CONFIG, NULL,
                              "not a firebird:// URL");
    p += 11;
    slash = strchr(p, '/');
    if (!slash || !slash[1])
        return c->host->error(c, STRATA_ERR_CONFIG, NULL,
                              "the URL names no database: "
                              "firebird://user:password@host:port/path/db.fdb");
    at = memchr(p, '@', (size_t)(slash - p));
    for (const char *q = p; q < slash; q++)
        if (*q == '@')
            at = q; /* the last '@' before the path: passwords may hold one */
    if (at) {
        colon = memchr(p, ':', (size_t)(at - p));
        u->user = url_part(p, (size_t)((colon ? colon : at) - p));
        u->password = colon ? url_part(colon + 1, (size_t)(at - colon - 1))
                            : NULL;
        DRV_ALLOC_CHECK(u->user && (!colon || u->password), c);
        p = at + 1;
    }
    hend = slash;
    colon = memchr(p, ':', (size_t)(hend - p));
    host = url_part(p, (size_t)((colon ? colon : hend) - p));
    port = colon ? url_part(colon + 1, (size_t)(hend - colon - 1)) : NULL;
    /* /abs/path.fdb keeps its slash; /alias is the alias */
    path = strchr(slash + 1, '/') ? url_part(slash, strlen(slash))
                                  : url_part(slash + 1, strlen(slash + 1));
    DRV_ALLOC_GOTO(host && (!colon || port) && path, c, rc, out);
    {
        size_t n = strlen(host) + (port ? strlen(port) : 0) +
                   strlen(path) + 4;

        u->target = fb_host->alloc(n);
        DRV_ALLOC_GOTO(u->target, c, rc, out);
        if (*host)
            snprintf(u->target, n, "%s%s%s:%s", host, port ? "/" : "",
                     port ? port : "", path);
        else
            snprintf(u->target, n, "%s", path);
    }
out:
    fb_host->free(host);
    fb_host->free(port);
    fb_host->free(path);
    return rc;
}

static int dpb_add(char *dpb, size_t *n, size_t cap, char tag,
                   const char *s)
{
    size_t len = s ? strlen(s) : 0;

    if (!s)
        return 0;
    if (len > 255 || *n + 2 + len > cap)
        return -1;
    dpb[(*n)++] = tag;
    dpb[(*n)++] = (char)len;
    memcpy(dpb + *n, s, len);
    *n += len;
    return 0;
}

static int fb_connect(strata_conn *c, const char *url, const strata_kv *opts)
{
    fb_conn *f = (fb_conn *)c;
    fb_url u = {0};
    ISC_STATUS_ARRAY st;
    char dpb[1024];
    size_t n = 0;
    long lock_ms = 0;
    const char *create = drv_opt(opts, "create");
    int rc;

    if (!url)
        return c->host->error(c, STRATA_ERR_INVALID, NULL, "connect: no URL");
    if ((rc = drv_opt_ms(c, opts, "lock_timeout_ms", 0, &lock_ms)) !=
        STRATA_OK)
        return rc;
    f->lock_timeout_s = lock_ms > 0 ? (lock_ms + 999) / 1000 : 0;
    if ((rc = parse_url(c, url, &u)) != STRATA_OK)
        goto out;
    dpb[n++] = isc_dpb_version1;
    if (dpb_add(dpb, &n, sizeof dpb, isc_dpb_user_name, u.user) ||
        dpb_add(dpb, &n, sizeof dpb, isc_dpb_password, u.password) ||
        dpb_add(dpb, &n, sizeof dpb, isc_dpb_lc_ctype, "UTF8")) {
        rc = c->host->error(c, STRATA_ERR_CONFIG, NULL,
                            "the URL's user or password is too long");
        goto out;
    }
    if (!isc_attach_database(st, 0, u.target, &f->db, (short)n, dpb))
        goto out;
    if (!has_code(st, isc_io_error)) {
        rc = fb_fail(c, st, "cannot connect");
        goto out;
    }
    if (create && strcmp(create, "0") == 0) {
        rc = c->host->error(c, STRATA_ERR_NOTFOUND, NULL,
                            "the database does not exist");
        goto out;
    }
    /* A missing database file is created, as SQLite creates one. */
    dpb_add(dpb, &n, sizeof dpb, isc_dpb_set_db_charset, "UTF8");
    if (n + 6 <= sizeof dpb) { /* SQL dialect 3: quoted names, BIGINT */
        dpb[n++] = isc_dpb_sql_dialect;
        dpb[n++] = 4;
        dpb[n++] = 3;
        dpb[n++] = 0;
        dpb[n++] = 0;
        dpb[n++] = 0;
    }
    f->db = 0;
    if (isc_create_database(st, 0, u.target, &f->db, (short)n, dpb, 0))
        rc = fb_fail(c, st, "cannot create the database");
out:
    url_free(&u);
    return rc;
}

static void fb_disconnect(strata_conn *c)
{
    fb_conn *f = (fb_conn *)c;
    ISC_STATUS_ARRAY st;

    if (f->lock_tr)
        isc_rollback_transaction(st, &f->lock_tr);
    if (f->tr)
        isc_rollback_transaction(st, &f->tr);
    if (f->db)
        isc_detach_database(st, &f->db);
    f->lock_tr = f->tr = 0;
    f->db = 0;
}

static int fb_quote_ident(strata_conn *c, const char *ident, strata_buf *out)
{
    if (!ident || !out)
        return c->host->error(c, STRATA_ERR_INVALID, NULL,
                              "quote_ident: no name or no buffer");
    return fb_put_name(out, ident) == STRATA_OK ? STRATA_OK : drv_nomem(c);
}

static int fb_quote_literal(strata_conn *c, const char *s, strata_buf *out)
{
    if (!s || !out)
        return c->host->error(c, STRATA_ERR_INVALID, NULL,
                              "quote_literal: no text or no buffer");
    return fb_put_literal(out, s) == STRATA_OK ? STRATA_OK : drv_nomem(c);
}

static int version_cb(void *payload, int ncols, const char *const *v,
                      const char *const *names)
{
    (void)ncols;
    (void)names;
    *(char **)payload = v[0] ? fb_host->strdup(v[0]) : NULL;
    return 0;
}

static int fb_server_version(strata_conn *c, char **out)
{
    int rc;

    *out = NULL;
    rc = fb_query(c, "SELECT rdb$get_context('SYSTEM', 'ENGINE_VERSION') "
                     "FROM rdb$database",
                  version_cb, out);
    if (rc == STRATA_OK && !*out)
        return drv_nomem(c);
    return rc;
}

static int fb_in_transaction(strata_conn *c, int *out)
{
    *out = ((fb_conn *)c)->tr != 0;
    return STRATA_OK;
}

/* From the core's own thread: fb_cancel_operation is the client
 * library's thread-safe way to stop what runs on an attachment. */
static int fb_cancel(strata_conn *c)
{
    fb_conn *f = (fb_conn *)c;
    ISC_STATUS_ARRAY st;
    char msg[256];
    const ISC_STATUS *p = st;

    if (!f->db || !fb_cancel_operation(st, &f->db, fb_cancel_raise))
        return STRATA_OK;
    if (!fb_interpret(msg, sizeof msg, &p))
        snprintf(msg, sizeof msg, "unknown error");
    fb_host->log(STRATA_LOG_WARN, "cannot cancel the statement: %s", msg);
    return STRATA_ERR_DB;
}

STRATA_DRIVER_DEFINE(fb_host,
    .name = "firebird",
    .version = "0.1.0",
    .schemes = fb_schemes,
    .caps = STRATA_CAP_SAVEPOINT | STRATA_CAP_NATIVE_CHECK |
            STRATA_CAP_NATIVE_FK_ALTER,
    .conn_size = sizeof(fb_conn),
    .connect = fb_connect,
    .disconnect = fb_disconnect,
    .exec = fb_exec,
    .query = fb_query,
    .begin = fb_begin,
    .commit = fb_commit,
    .rollback = fb_rollback,
    .lock = fb_lock,
    .unlock = fb_unlock,
    .split = fb_split,
    .quote_ident = fb_quote_ident,
    .quote_literal = fb_quote_literal,
    .server_version = fb_server_version,
    .table_exists = fb_table_exists,
    .in_transaction = fb_in_transaction,
    .introspect = fb_introspect,
    .render = fb_render,
    .index_table = fb_index_table,
    .type_family = fb_type_family,
    .ident_max = FB_IDENT_MAX,
    .ident_flags = 0,
    .name_flags = 0,
    .cancel = fb_cancel,
    .tables_exist = fb_tables_exist);
