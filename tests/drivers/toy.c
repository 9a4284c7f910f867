/* toy.c - a working driver for "toy", a dialect the core has never heard
 * of: raw SQL kept in a SQLite file (toy:///rel.db, toy:////abs.db), one
 * lint rule of its own.  It proves a fourth driver needs no change to
 * the core (tests/integration/stub_dialect.sh); like a third party's, it
 * includes driver.h alone and links its one client library. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "strata/driver.h"

static const strata_host *toy_host;

typedef struct toy_conn {
    strata_conn base; /* first, as the ABI requires */
    sqlite3 *db;
    char *path;       /* the database file; host memory */
    int lock_fd;      /* the migration lock's file, while held */
    int locked;
} toy_conn;

static int nomem(strata_conn *c)
{
    return toy_host->error(c, STRATA_ERR_NOMEM, NULL, "out of memory");
}

static int db_error(toy_conn *t)
{
    return toy_host->error(&t->base, STRATA_ERR_DB, NULL, "toy: %s",
                           sqlite3_errmsg(t->db));
}

static const char *opt(const strata_kv *opts, const char *key)
{
    for (; opts && opts->key; opts++)
        if (strcmp(opts->key, key) == 0)
            return opts->value;
    return NULL;
}

/* toy:///rel is relative to base_dir, toy:////abs absolute. */
static int toy_connect(strata_conn *c, const char *url,
                       const strata_kv *opts)
{
    toy_conn *t = (toy_conn *)c;
    const char *base = opt(opts, "base_dir"), *create = opt(opts, "create");
    const char *rest;
    strata_buf b = {0};
    struct stat st;
    int flags = SQLITE_OPEN_READWRITE;

    if (strncasecmp(url, "toy:///", 7) != 0 || !url[7])
        return toy_host->error(c, STRATA_ERR_CONFIG, NULL,
                               "toy: use toy:///relative/path or "
                               "toy:////absolute/path");
    rest = url + 7;
    if (*rest != '/' && base && *base &&
        toy_host->buf_printf(&b, "%s/", base) != STRATA_OK)
        return nomem(c);
    if (toy_host->buf_printf(&b, "%s", rest) != STRATA_OK) {
        toy_host->buf_free(&b);
        return nomem(c);
    }
    t->path = b.data;
    if (stat(t->path, &st) != 0 && errno == ENOENT) {
        if (create && strcmp(create, "0") == 0)
            return toy_host->error(c, STRATA_ERR_NOTFOUND, NULL,
                                   "toy: %s does not exist", t->path);
        flags |= SQLITE_OPEN_CREATE;
    }
    if (sqlite3_open_v2(t->path, &t->db, flags, NULL) != SQLITE_OK)
        return t->db ? db_error(t) : nomem(c);
    return STRATA_OK;
}

static void toy_disconnect(strata_conn *c)
{
    toy_conn *t = (toy_conn *)c;

    if (t->locked)
        close(t->lock_fd);
    t->locked = 0;
    sqlite3_close(t->db);
    t->db = NULL;
    toy_host->free(t->path);
    t->path = NULL;
}

static int toy_exec(strata_conn *c, const char *sql)
{
    toy_conn *t = (toy_conn *)c;

    return sqlite3_exec(t->db, sql, NULL, NULL, NULL) == SQLITE_OK
               ? STRATA_OK
               : db_error(t);
}

static int toy_query(strata_conn *c, const char *sql, strata_row_cb cb,
                     void *payload)
{
    toy_conn *t = (toy_conn *)c;
    sqlite3_stmt *st = NULL;
    const char *vals[64], *names[64];
    int rc, n;

    if (sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(t);
    n = sqlite3_column_count(st);
    if (n > 64) {
        sqlite3_finalize(st);
        return toy_host->error(c, STRATA_ERR_NOTSUP, NULL,
                               "toy: more than 64 columns");
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            vals[i] = (const char *)sqlite3_column_text(st, i);
            names[i] = sqlite3_column_name(st, i);
        }
        if (cb(payload, n, vals, names)) {
            sqlite3_finalize(st);
            return STRATA_ERR_USER;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? STRATA_OK : db_error(t);
}

static int toy_begin(strata_conn *c) { return toy_exec(c, "BEGIN"); }
static int toy_commit(strata_conn *c) { return toy_exec(c, "COMMIT"); }
static int toy_rollback(strata_conn *c) { return toy_exec(c, "ROLLBACK"); }

static int toy_in_transaction(strata_conn *c, int *out)
{
    *out = !sqlite3_get_autocommit(((toy_conn *)c)->db);
    return STRATA_OK;
}

/* flock on <database>.lock, polled every 20 ms for wait_ms. */
static int toy_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    toy_conn *t = (toy_conn *)c;
    const struct timespec step = {0, 20 * 1000000L};
    strata_buf b = {0};
    int fd;

    (void)key;
    if (toy_host->buf_printf(&b, "%s.lock", t->path) != STRATA_OK)
        return nomem(c);
    fd = open(b.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    toy_host->buf_free(&b);
    if (fd < 0)
        return toy_host->error(c, STRATA_ERR_DB, NULL, "toy: lock file: %s",
                               strerror(errno));
    for (uint32_t waited = 0; flock(fd, LOCK_EX | LOCK_NB) != 0;
         waited += 20) {
        if (waited >= wait_ms) {
            close(fd);
            return toy_host->error(c, STRATA_ERR_BUSY, NULL,
                                   "toy: %s is locked", t->path);
        }
        nanosleep(&step, NULL);
    }
    t->lock_fd = fd;
    t->locked = 1;
    return STRATA_OK;
}

static int toy_unlock(strata_conn *c, const char *key)
{
    toy_conn *t = (toy_conn *)c;

    (void)key;
    if (t->locked)
        close(t->lock_fd);
    t->locked = 0;
    return STRATA_OK;
}

/* Past blanks and comments from i. */
static size_t skip_blank(const char *s, size_t i, size_t len)
{
    for (;;) {
        while (i < len && strchr(" \t\r\n\f\v", s[i]))
            i++;
        if (i + 1 < len && s[i] == '-' && s[i + 1] == '-') {
            while (i < len && s[i] != '\n')
                i++;
        } else if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
            const char *end = NULL;

            for (size_t k = i + 2; k + 1 < len && !end; k++)
                if (s[k] == '*' && s[k + 1] == '/')
                    end = s + k + 2;
            i = end ? (size_t)(end - s) : len;
        } else {
            return i;
        }
    }
}

/* The end of the statement at start: the ';' where SQLite says the text
 * is complete, else len. */
static int stmt_end(const char *s, size_t start, size_t len, size_t *end)
{
    for (size_t j = start; j < len; j++) {
        char *text;
        int done;

        if (s[j] != ';')
            continue;
        if (!(text = toy_host->strndup(s + start, j - start + 1)))
            return STRATA_ERR_NOMEM;
        done = sqlite3_complete(text);
        toy_host->free(text);
        if (done) {
            *end = j;
            return STRATA_OK;
        }
    }
    *end = len;
    return STRATA_OK;
}

static int toy_split(strata_conn *c, const char *sql, size_t len,
                     strata_stmt_list *out)
{
    const char *nul = memchr(sql, '\0', len);
    size_t i = 0, line = 1, at = 0;

    memset(out, 0, sizeof *out);
    if (nul) {
        out->err_offset = (size_t)(nul - sql);
        return toy_host->error(c, STRATA_ERR_PARSE, NULL,
                               "toy: a NUL byte in the SQL text");
    }
    while ((i = skip_blank(sql, i, len)) < len) {
        size_t end, last;
        strata_stmt *items, *s;

        if (stmt_end(sql, i, len, &end) != STRATA_OK)
            return nomem(c);
        for (last = end; last > i && strchr(" \t\r\n", sql[last - 1]);)
            last--;
        items = toy_host->realloc(out->items,
                                  (out->count + 1) * sizeof *items);
        if (!items)
            return nomem(c);
        out->items = items;
        s = memset(&items[out->count], 0, sizeof *s);
        for (; at < i; at++)
            line += sql[at] == '\n';
        s->offset = i;
        s->line = (uint32_t)line;
        if (!(s->sql = toy_host->strndup(sql + i, last - i)))
            return nomem(c);
        out->count++;
        i = end + 1;
    }
    return STRATA_OK;
}

/* Each character, the quote doubled. */
static int quote_with(strata_buf *out, const char *s, char q)
{
    int rc = toy_host->buf_append(out, &q, 1);

    for (; *s && rc == STRATA_OK; s++) {
        rc = toy_host->buf_append(out, s, 1);
        if (rc == STRATA_OK && *s == q)
            rc = toy_host->buf_append(out, s, 1);
    }
    return rc == STRATA_OK ? toy_host->buf_append(out, &q, 1) : rc;
}

static int toy_quote_ident(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    return quote_with(out, s, '"');
}

static int toy_quote_literal(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    return quote_with(out, s, '\'');
}

/* toy's own rule: a DELETE without WHERE empties the table. */
static const strata_driver_rule toy_rules[] = {
    {"toy-delete-all", 0, "a DELETE without a WHERE clause"},
    {NULL, 0, NULL},
};

static int toy_lint(strata_conn *c, const char *sql, strata_lint_list *out)
{
    strata_lint_hit *h;

    memset(out, 0, sizeof *out);
    if (strncasecmp(sql, "DELETE", 6) != 0)
        return STRATA_OK;
    out->flags = STRATA_LINT_DML;
    for (const char *p = sql; *p; p++)
        if (strncasecmp(p, "WHERE", 5) == 0)
            return STRATA_OK;
    if (!(h = toy_host->alloc(sizeof *h)))
        return nomem(c);
    out->items = h;
    out->count = 1;
    h->rule = toy_host->strdup("toy-delete-all");
    h->message = toy_host->strdup("this DELETE empties the table");
    return h->rule && h->message ? STRATA_OK : nomem(c);
}

static const char *const toy_schemes[] = {"toy", NULL};

STRATA_DRIVER_DEFINE(toy_host,
    .name = "toy",
    .version = "0.1",
    .schemes = toy_schemes,
    .caps = STRATA_CAP_TRANSACTIONAL_DDL,
    .conn_size = sizeof(toy_conn),
    .connect = toy_connect,
    .disconnect = toy_disconnect,
    .exec = toy_exec,
    .query = toy_query,
    .begin = toy_begin,
    .commit = toy_commit,
    .rollback = toy_rollback,
    .lock = toy_lock,
    .unlock = toy_unlock,
    .split = toy_split,
    .quote_ident = toy_quote_ident,
    .quote_literal = toy_quote_literal,
    .in_transaction = toy_in_transaction,
    .lint = toy_lint,
    .lint_rules = toy_rules);
