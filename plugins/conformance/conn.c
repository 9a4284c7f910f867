/* conn.c - connections and statements through the driver's ABI, and the
 * host table the driver gets: the core's, watching for credentials. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cf.h"
#include "db/host.h"
#include "util/buf.h"

/* ---- the host table ----------------------------------------------------- */

static char *secrets[4];
static size_t nsecrets;
static char *leak;
static strata_host watch;

void cf_secret_add(const char *secret)
{
    if (nsecrets < sizeof secrets / sizeof secrets[0] &&
        (secrets[nsecrets] = strdup(secret)) != NULL)
        nsecrets++;
}

char *cf_secret_leak(void)
{
    char *l = leak;

    leak = NULL;
    return l;
}

/* The driver's own words into text, before the core masks them: a
 * message must not quote a password (docs/abi.md §6). */
static void watch_text(char *text, size_t size, const char *fmt, va_list ap)
{
    vsnprintf(text, size, fmt, ap);
    for (size_t i = 0; i < nsecrets && !leak; i++)
        if (strstr(text, secrets[i]))
            leak = strata__sprintf("'%.*s...'", 60, text);
}

static int watch_error(strata_conn *c, int code, const char *sqlstate,
                       const char *fmt, ...)
{
    char text[1024];
    va_list ap;

    va_start(ap, fmt);
    watch_text(text, sizeof text, fmt, ap);
    va_end(ap);
    return strata__host()->error(c, code, sqlstate, "%s", text);
}

static void watch_log(int level, const char *fmt, ...)
{
    char text[1024];
    va_list ap;

    va_start(ap, fmt);
    watch_text(text, sizeof text, fmt, ap);
    va_end(ap);
    strata__host()->log(level, "%s", text);
}

const strata_host *cf_host(void)
{
    if (!watch.struct_size) {
        watch = *strata__host();
        watch.error = watch_error;
        watch.log = watch_log;
    }
    return &watch;
}

long long cf_now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- connections -------------------------------------------------------- */

strata_conn *cf_conn_new(cf *x)
{
    strata_conn *c = calloc(1, x->drv->conn_size);

    if (c)
        c->host = cf_host();
    return c;
}

void cf_close(cf *x, strata_conn *c)
{
    if (!c)
        return;
    x->drv->disconnect(c);
    free(c);
}

int cf_open_url(cf *x, const char *check, const char *url,
                const strata_kv *opts, strata_conn **out)
{
    strata_conn *c = cf_conn_new(x);
    int rc;

    *out = NULL;
    if (!c)
        return cf_fail(x, check, "out of memory");
    rc = x->drv->connect(c, url, opts);
    if (rc != STRATA_OK) {
        cf_fail(x, check, "connect returned %s: %s", cf_rc_name(rc),
                c->errmsg[0] ? c->errmsg : "(no message)");
        cf_close(x, c);
        return CF_FAIL;
    }
    *out = c;
    return CF_PASS;
}

int cf_open(cf *x, const char *check, strata_conn **out)
{
    char cwd[4096];
    const strata_kv opts[] = {
        {"base_dir", getcwd(cwd, sizeof cwd) ? cwd : "."},
        {"lock_timeout_ms", x->lock_timeout},
        {"statement_timeout_ms", "60000"},
        {"application_name", "strata-conformance"},
        {NULL, NULL},
    };

    return cf_open_url(x, check, x->url, opts, out);
}

/* ---- statements --------------------------------------------------------- */

int cf_exec(cf *x, strata_conn *c, const char *check, const char *sql)
{
    int rc = x->drv->exec(c, sql);

    if (rc != STRATA_OK)
        return cf_fail(x, check, "exec(\"%s\") returned %s: %s", sql,
                       cf_rc_name(rc), c->errmsg);
    return CF_PASS;
}

/* The text of fmt and ap (malloc'd), or NULL out of memory. */
static char *vtext(const char *fmt, va_list ap)
{
    strata_buf b = {0};

    if (strata__buf_vprintf(&b, fmt, ap) != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    return b.data;
}

int cf_execf(cf *x, strata_conn *c, const char *check, const char *fmt, ...)
{
    va_list ap;
    char *sql;
    int rc;

    va_start(ap, fmt);
    sql = vtext(fmt, ap);
    va_end(ap);
    rc = sql ? cf_exec(x, c, check, sql) : cf_fail(x, check, "out of memory");
    free(sql);
    return rc;
}

typedef struct first {
    int rows;
    long long value;
    int null;
} first;

static int first_row(void *payload, int ncols, const char *const *values,
                     const char *const *names)
{
    first *f = payload;

    (void)names;
    if (f->rows++ == 0 && ncols > 0) {
        f->null = values[0] == NULL;
        f->value = values[0] ? strtoll(values[0], NULL, 10) : 0;
    }
    return 0;
}

int cf_count(cf *x, strata_conn *c, const char *check, long long *n,
             const char *fmt, ...)
{
    first f = {0};
    va_list ap;
    char *sql;
    int rc;

    va_start(ap, fmt);
    sql = vtext(fmt, ap);
    va_end(ap);
    if (!sql)
        return cf_fail(x, check, "out of memory");
    rc = x->drv->query(c, sql, first_row, &f);
    if (rc != STRATA_OK)
        rc = cf_fail(x, check, "query(\"%s\") returned %s: %s", sql,
                     cf_rc_name(rc), c->errmsg);
    else if (f.rows != 1 || f.null)
        rc = cf_fail(x, check, "query(\"%s\") gave %d rows%s, not one "
                     "number", sql, f.rows, f.null ? " (a NULL)" : "");
    else
        *n = f.value;
    free(sql);
    return rc == STRATA_OK ? CF_PASS : CF_FAIL;
}

static char *quote_with(cf *x, strata_conn *c, const char *check,
                        const char *s,
                        int (*q)(strata_conn *, const char *, strata_buf *),
                        const char *what)
{
    strata_buf b = {0};
    int rc = q(c, s, &b);

    if (rc != STRATA_OK || !b.data) {
        cf_fail(x, check, "%s(\"%s\") returned %s: %s", what, s,
                cf_rc_name(rc), rc == STRATA_OK ? "no text" : c->errmsg);
        strata__buf_free(&b);
        return NULL;
    }
    return b.data;
}

char *cf_qi(cf *x, strata_conn *c, const char *check, const char *name)
{
    return quote_with(x, c, check, name, x->drv->quote_ident, "quote_ident");
}

char *cf_ql(cf *x, strata_conn *c, const char *check, const char *text)
{
    return quote_with(x, c, check, text, x->drv->quote_literal,
                      "quote_literal");
}

void cf_drop(cf *x, strata_conn *c, const char *name)
{
    strata_buf b = {0};

    if (x->drv->quote_ident(c, name, &b) == STRATA_OK && b.data) {
        char *sql = strata__sprintf("DROP TABLE %s", b.data);

        if (sql)
            x->drv->exec(c, sql);
        free(sql);
    }
    strata__buf_free(&b);
}

static int probe_row(void *payload, int ncols, const char *const *values,
                     const char *const *names)
{
    (void)payload, (void)ncols, (void)values, (void)names;
    return 0;
}

int cf_table_there(cf *x, strata_conn *c, const char *check,
                   const char *table, int *out)
{
    int rc;

    *out = 0;
    if (x->drv->table_exists) {
        rc = x->drv->table_exists(c, table, out);
        if (rc != STRATA_OK)
            return cf_fail(x, check, "table_exists(\"%s\") returned %s: %s",
                           table, cf_rc_name(rc), c->errmsg);
        return CF_PASS;
    }
    if (x->drv->introspect) {
        strata_table *t = NULL;

        rc = x->drv->introspect(c, &table, 1, &t);
        if (rc != STRATA_OK)
            return cf_fail(x, check, "introspect(\"%s\") returned %s: %s",
                           table, cf_rc_name(rc), c->errmsg);
        *out = t[0].exists;
        strata_abi_tables_free(cf_host(), t, 1);
        return CF_PASS;
    }
    {
        strata_buf b = {0};
        char *sql;

        if (x->drv->quote_ident(c, table, &b) != STRATA_OK || !b.data) {
            strata__buf_free(&b);
            return cf_fail(x, check, "quote_ident failed: %s", c->errmsg);
        }
        sql = strata__sprintf("SELECT 1 FROM %s WHERE 1 = 0", b.data);
        *out = sql && x->drv->query(c, sql, probe_row, NULL) == STRATA_OK;
        free(sql);
        strata__buf_free(&b);
    }
    return CF_PASS;
}
