/* scratch.c - the object rows of schema_objects, and server URLs with
 * another database in them (scratch databases). */
#include "scratch.h"

#include <string.h>

#include "catalog.h"
#include "conn.h"

typedef struct obj_ctx {
    strata_conn *c;
    strata_object *v;
    size_t n;
    int oom;
} obj_ctx;

static int obj_row(void *payload, int ncols, const char *const *v,
                   const char *const *names)
{
    obj_ctx *x = payload;
    const strata_host *h = x->c->host;
    strata_object *o;

    (void)names;
    if (ncols < 3 || !v[0] || !v[1])
        return 0;
    if (!(o = drv_grow(h, &x->v, &x->n, sizeof *o)) ||
        !(o->kind = h->strdup(v[0])) || !(o->name = h->strdup(v[1])) ||
        (v[2] && !(o->sql = h->strdup(v[2])))) {
        x->oom = 1;
        return 1;
    }
    return 0;
}

int drv_objects(strata_conn *c, drv_query_fn query, const char *sql,
                strata_object **out, size_t *n)
{
    const strata_host *h = c->host;
    obj_ctx x = {.c = c};
    int rc;

    *out = NULL;
    *n = 0;
    rc = query(c, sql, obj_row, &x);
    if (x.oom)
        rc = drv_nomem(c);
    if (rc != STRATA_OK) {
        for (size_t i = 0; i < x.n; i++) {
            h->free(x.v[i].kind);
            h->free(x.v[i].name);
            h->free(x.v[i].sql);
        }
        h->free(x.v);
        return rc;
    }
    *out = x.v;
    *n = x.n;
    return STRATA_OK;
}

/* Where the database part of url starts and ends: after the first '/'
 * past "//authority", up to '?' or the end.  0 when url has no
 * authority. */
static int db_span(const char *url, size_t *start, size_t *end)
{
    const char *a = strstr(url, "://"), *slash, *q;

    if (!a)
        return 0;
    a += 3;
    q = strchr(a, '?');
    slash = strchr(a, '/');
    if (slash && (!q || slash < q)) {
        *start = (size_t)(slash + 1 - url);
    } else {
        *start = (size_t)((q ? q : a + strlen(a)) - url);
    }
    *end = q ? (size_t)(q - url) : strlen(url);
    if (*end < *start)
        *end = *start;
    return 1;
}

int drv_url_with_db(strata_conn *c, const char *url, const char *name,
                    char **out)
{
    const strata_host *h = c->host;
    strata_buf b = {0};
    size_t s, e;
    int slash;

    *out = NULL;
    if (!url || !db_span(url, &s, &e))
        return h->error(c, STRATA_ERR_INVALID, NULL,
                        "a scratch database needs a URL of the form "
                        "scheme://user@host/database");
    slash = s > 0 && url[s - 1] == '/';
    if (h->buf_append(&b, url, s) ||
        (!slash && h->buf_append(&b, "/", 1)) ||
        h->buf_append(&b, name, strlen(name)) ||
        h->buf_append(&b, url + e, strlen(url + e))) {
        h->buf_free(&b);
        return drv_nomem(c);
    }
    *out = b.data;
    return STRATA_OK;
}

char *drv_url_db(const strata_host *host, const char *url)
{
    size_t s, e;

    if (!url || !db_span(url, &s, &e))
        return host->strdup("");
    return host->strndup(url + s, e - s);
}

/* CREATE or DROP DATABASE name: a name of our own making only. */
static int database_ddl(strata_conn *c, drv_exec_fn exec, char q,
                        const char *grant, int create, const char *name)
{
    const strata_host *h = c->host;
    strata_buf b = {0};
    int rc;

    if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
                      strlen(name))
        return h->error(c, STRATA_ERR_INVALID, NULL,
                        "not a scratch database name: '%s'", name);
    if (h->buf_printf(&b, "%s DATABASE %s%c%s%c",
                      create ? "CREATE" : "DROP", create ? "" : "IF EXISTS ",
                      q, name, q)) {
        h->buf_free(&b);
        return drv_nomem(c);
    }
    rc = exec(c, b.data);
    h->buf_free(&b);
    if (rc == STRATA_ERR_DB && (strcmp(c->sqlstate, "42501") == 0 ||
                                strstr(c->errmsg, "denied")))
        rc = h->error(c, STRATA_ERR_POLICY, c->sqlstate,
                      "cannot %s a scratch database (%s): the user may not "
                      "create databases; give a URL of one who may (%s)",
                      create ? "create" : "drop", name, grant);
    return rc;
}

int drv_scratch_create(strata_conn *c, drv_exec_fn exec, char q,
                       const char *grant, const char *url, const char *name,
                       char **out)
{
    int rc = drv_url_with_db(c, url, name, out);

    if (rc == STRATA_OK &&
        (rc = database_ddl(c, exec, q, grant, 1, name)) != STRATA_OK) {
        c->host->free(*out);
        *out = NULL;
    }
    return rc;
}

int drv_scratch_drop(strata_conn *c, drv_exec_fn exec, char q,
                     const char *grant, const char *url)
{
    char *db = drv_url_db(c->host, url);
    int rc;

    DRV_ALLOC_CHECK(db, c);
    rc = database_ddl(c, exec, q, grant, 0, db);
    c->host->free(db);
    return rc;
}
