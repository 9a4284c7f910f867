/* driver.c - the SQLite driver's table: connections, statements,
 * transactions, the flock migration lock and quoting. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "abi/free.h"
#include "sqlite.h"
#include "../common/poll.h"
#include "../common/quote.h"
#include "../common/sqllist.h"

const strata_host *sq_host;

/* Milliseconds between two flock() attempts while waiting. */
#define SQ_LOCK_POLL_MS 20

/* Map a failed SQLite call to a strata code with SQLite's own message.
 * BUSY and LOCKED are another connection's write lock outlasting
 * busy_timeout: the core retries those. */
static int db_error(sq_conn *q, int rc)
{
    int code = STRATA_ERR_DB;

    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = STRATA_ERR_LOCKED;
        break;
    case SQLITE_NOMEM:
        code = STRATA_ERR_NOMEM;
        break;
    default:
        break;
    }
    return sq_host->error(&q->base, code, NULL, "%s",
                          q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
}

/* Shared (sqlite.h) so the catalog queries report SQLite's errors as
 * exec does. */
int sq_db_error(sq_conn *q, int rc) { return db_error(q, rc); }

/* The file a sqlite: URL names, in host memory, or NULL for :memory:.
 * sqlite:///rel is relative to base_dir (else the cwd) and
 * sqlite:////abs absolute; nothing is percent-decoded.  Messages never
 * quote the URL (it may hold a password): the core names it, masked. */
static int url_path(strata_conn *c, const char *url, const char *base_dir,
                    char **out)
{
    static const char usage[] =
        "use sqlite:///relative/path.db, sqlite:////absolute/path.db or "
        "sqlite::memory:";
    strata_buf b = {0};
    const char *rest;
    int rc = STRATA_OK;

    *out = NULL;
    if (!url || strncasecmp(url, "sqlite:", 7) != 0)
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "not a sqlite URL");
    if (strcmp(url + 7, ":memory:") == 0)
        return STRATA_OK;
    if (strncmp(url + 7, "///", 3) != 0)
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "bad SQLite URL: %s", usage);
    rest = url + 10;
    if (!*rest || strcmp(rest, "/") == 0)
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "the SQLite URL names no database file: %s",
                              usage);
    if (*rest != '/' && base_dir && *base_dir) {
        rc = sq_host->buf_printf(&b, "%s%s%s", base_dir,
                                 base_dir[strlen(base_dir) - 1] == '/'
                                     ? "" : "/", rest);
    } else if (*rest == ':') {
        /* "./" keeps sqlite:///:memory: a file, as it is under
         * base_dir, rather than SQLite's special name. */
        rc = sq_host->buf_printf(&b, "./%s", rest);
    } else {
        rc = sq_host->buf_append(&b, rest, strlen(rest));
    }
    if (rc != STRATA_OK) {
        sq_host->buf_free(&b);
        return drv_nomem(c);
    }
    *out = b.data;
    return STRATA_OK;
}


/* The settings every connection runs: the busy timeout is the lock
 * timeout (one writer per file), and foreign keys, off by default in
 * SQLite, are enforced (rebuilds turn them off around themselves).
 * script != 0: those an offline script prints, without busy_timeout,
 * whose PRAGMA answers with a row the sqlite3 shell prints ("5000"); the
 * shell waits with its own .timeout (docs/dialects.md §7). */
static int settings(strata_conn *c, const strata_kv *opts, int script,
                    strata_sql_list *out)
{
    const char *schema = drv_opt(opts, "schema");
    char sql[64];
    long busy_ms;
    int rc;

    memset(out, 0, sizeof *out);
    if (schema && *schema && strcasecmp(schema, "main") != 0)
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "SQLite has only the schema 'main'");
    if ((rc = drv_opt_ms(c, opts, "lock_timeout_ms", 5000, &busy_ms)))
        return rc;
    snprintf(sql, sizeof sql, "PRAGMA busy_timeout = %ld", busy_ms);
    if ((!script && drv_sql_push(sq_host, out, sql)) ||
        drv_sql_push(sq_host, out, "PRAGMA foreign_keys = ON")) {
        strata_abi_sql_list_free(sq_host, out);
        return drv_nomem(c);
    }
    return STRATA_OK;
}

static int sq_session_sql(strata_conn *c, const strata_kv *opts,
                          strata_sql_list *out)
{
    return settings(c, opts, 1, out);
}

static int sq_connect(strata_conn *c, const char *url,
                      const strata_kv *opts)
{
    sq_conn *q = (sq_conn *)c;
    const char *create = drv_opt(opts, "create");
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    strata_sql_list set = {0};
    int rc;
    struct stat st;

    if (q->db)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "connection is already open");
    sq_host->free(q->path); /* left by a failed connect */
    q->path = NULL;
    q->progress = drv_opt(opts, "progress") &&
                  strcmp(drv_opt(opts, "progress"), "1") == 0;
    /* Checks the options before anything is opened. */
    if ((rc = settings(c, opts, 0, &set)))
        return rc;
    if ((rc = url_path(c, url, drv_opt(opts, "base_dir"), &q->path))) {
        strata_abi_sql_list_free(sq_host, &set);
        return rc;
    }
    if (!create || strcmp(create, "0") != 0) {
        flags |= SQLITE_OPEN_CREATE;
    } else if (q->path && stat(q->path, &st) != 0 && errno == ENOENT) {
        /* The core reads a missing database as an empty one. */
        strata_abi_sql_list_free(sq_host, &set);
        return sq_host->error(c, STRATA_ERR_NOTFOUND, NULL,
                              "database file %s does not exist", q->path);
    }
    rc = sqlite3_open_v2(q->path ? q->path : ":memory:", &q->db, flags,
                         NULL);
    if (rc != SQLITE_OK) {
        sq_host->error(c, rc == SQLITE_NOMEM ? STRATA_ERR_NOMEM
                                             : STRATA_ERR_CONN,
                       NULL, "cannot open SQLite database %s: %s",
                       q->path ? q->path : ":memory:",
                       q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
        sqlite3_close_v2(q->db);
        q->db = NULL;
        strata_abi_sql_list_free(sq_host, &set);
        return c->code;
    }
    for (size_t i = 0; i < set.count && rc == STRATA_OK; i++)
        rc = sq_exec(c, set.items[i].sql);
    strata_abi_sql_list_free(sq_host, &set);
    return rc;
}

static int sq_unlock(strata_conn *c, const char *key);

static void sq_disconnect(strata_conn *c)
{
    sq_conn *q = (sq_conn *)c;

    sq_unlock(c, NULL);
    /* close_v2 also copes with statements a failed call left behind. */
    sqlite3_close_v2(q->db);
    q->db = NULL;
    sq_host->free(q->path);
    q->path = NULL;
}

/* Prepare the single statement of sql into *out (NULL when sql holds
 * only whitespace and comments).  Anything but blanks after it is
 * refused: the core splits scripts, so a second statement here means a
 * caller bug that would otherwise go silently unrun. */
static int prepare_one(sq_conn *q, const char *verb, const char *sql,
                       sqlite3_stmt **out)
{
    const char *tail = NULL;
    int rc;

    *out = NULL;
    if (!q->db)
        return drv_not_connected(&q->base, SQ_SERVER);
    if (!sql)
        return sq_host->error(&q->base, STRATA_ERR_INVALID, NULL,
                              "no SQL statement");
    sql = sq_skip_blank(sql);
    if (!*sql)
        return STRATA_OK;
    rc = sqlite3_prepare_v2(q->db, sql, -1, out, &tail);
    if (rc != SQLITE_OK) {
        rc = db_error(q, rc);
        sqlite3_finalize(*out);
        *out = NULL;
        return rc;
    }
    if (tail && *sq_skip_blank(tail)) {
        sqlite3_finalize(*out);
        *out = NULL;
        return sq_host->error(&q->base, STRATA_ERR_INVALID, NULL,
                              "%s takes exactly one statement", verb);
    }
    return STRATA_OK;
}

int sq_exec(strata_conn *c, const char *sql)
{
    sq_conn *q = (sq_conn *)c;
    sqlite3_stmt *st;
    int rc;

    if ((rc = prepare_one(q, "exec", sql, &st)) != STRATA_OK || !st)
        return rc;
    sq_copy_begin(q, sql);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sq_copy_end(q);
    rc = rc == SQLITE_DONE ? STRATA_OK : db_error(q, rc);
    sqlite3_finalize(st);
    return rc;
}

int sq_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload)
{
    sq_conn *q = (sq_conn *)c;
    sqlite3_stmt *st;
    const char **names = NULL, **values = NULL;
    int rc, n, i;

    if ((rc = prepare_one(q, "query", sql, &st)) != STRATA_OK || !st)
        return rc;
    n = sqlite3_column_count(st);
    if (n > 0) {
        names = sq_host->alloc((size_t)n * sizeof *names);
        values = sq_host->alloc((size_t)n * sizeof *values);
        if (!names || !values) {
            rc = drv_nomem(c);
            goto done;
        }
        for (i = 0; i < n; i++) {
            names[i] = sqlite3_column_name(st, i);
            DRV_ALLOC_GOTO(names[i], c, rc, done);
        }
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (i = 0; i < n; i++) {
            values[i] = (const char *)sqlite3_column_text(st, i);
            /* NULL from a non-NULL value means SQLite ran out of memory
             * converting it. */
            if (!values[i] && sqlite3_column_type(st, i) != SQLITE_NULL) {
                rc = drv_nomem(c);
                goto done;
            }
        }
        /* The callback may have set its own message on c: keep it. */
        if (cb && cb(payload, n, values, names)) {
            rc = STRATA_ERR_USER;
            goto done;
        }
    }
    rc = rc == SQLITE_DONE ? STRATA_OK : db_error(q, rc);
done:
    sqlite3_finalize(st);
    sq_host->free(names);
    sq_host->free(values);
    return rc;
}

/* IMMEDIATE takes the write lock now, so a second migrator waits in
 * busy_timeout here instead of failing on its first write. */
static int sq_begin(strata_conn *c) { return sq_exec(c, "BEGIN IMMEDIATE"); }
static int sq_commit(strata_conn *c) { return sq_exec(c, "COMMIT"); }
static int sq_rollback(strata_conn *c) { return sq_exec(c, "ROLLBACK"); }

/* The lock file's mode: private, but shared with the group and with
 * others where they may write the database too (they could take the
 * lock anyway, and must be able to when they migrate it). */
static mode_t lock_mode(const char *db)
{
    struct stat st;
    mode_t m = 0600;

    if (stat(db, &st) == 0) {
        if (st.st_mode & S_IWGRP)
            m |= 0060;
        if (st.st_mode & S_IWOTH)
            m |= 0006;
    }
    return m;
}

/* Open the lock file path without following a symbolic link planted
 * there, and refuse anything but a regular file of our own: whoever can
 * open it can hold the lock (flock needs no write access). */
static int open_lock(strata_conn *c, const char *path, const char *db,
                     int *out)
{
    const int flags = O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
    mode_t mode = lock_mode(db);
    struct stat st;
    int fd = open(path, flags | O_CREAT | O_EXCL, mode);
    int err = errno;

    /* A new file gets its mode whatever the umask: a group that may
     * write the database must be able to open the lock. */
    if (fd >= 0 && fchmod(fd, mode) != 0) {
        err = errno;
        close(fd);
        fd = -1;
    } else if (fd < 0 && err == EEXIST) {
        fd = open(path, flags);
        err = errno;
    }
    if (fd < 0 && err == ELOOP && lstat(path, &st) == 0 &&
        S_ISLNK(st.st_mode))
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "%s is a symbolic link: remove it (strata "
                              "never follows one there)",
                              path);
    if (fd >= 0 && fstat(fd, &st) != 0) {
        err = errno;
        close(fd);
        fd = -1;
    }
    if (fd < 0)
        return sq_host->error(c, STRATA_ERR, NULL,
                              "cannot open migration lock %s: %s", path,
                              strerror(err));
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "%s is not a regular file: remove it",
                              path);
    }
    if (st.st_uid != geteuid()) {
        close(fd);
        return sq_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "%s is owned by uid %ld, not by this "
                              "user (uid %ld): remove it, or run "
                              "strata as its owner",
                              path, (long)st.st_uid, (long)geteuid());
    }
    *out = fd;
    return STRATA_OK;
}

/* The migration lock: an exclusive flock() on "<database>.lock".  The
 * kernel drops it when the process dies, so a crash leaves no stale
 * lock; the file itself stays (deleting it would let a waiter that
 * has it open and a newcomer that creates a new one both hold "the"
 * lock: docs/design.md §8).  The key is not needed: the file is per database,
 * and SQLite has one schema. */
static int sq_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    sq_conn *q = (sq_conn *)c;
    struct timespec t0;
    strata_buf b = {0};
    int fd = -1, err;

    (void)key;
    if (!q->db)
        return drv_not_connected(c, SQ_SERVER);
    if (!q->path || q->lock_path)
        return STRATA_OK; /* :memory: is private; or already held */
    if (sq_host->buf_printf(&b, "%s.lock", q->path) != STRATA_OK) {
        sq_host->buf_free(&b);
        return drv_nomem(c);
    }
    if (open_lock(c, b.data, q->path, &fd) != STRATA_OK) {
        sq_host->buf_free(&b);
        return c->code;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        err = errno;
        if (err == EINTR)
            continue;
        if (err != EWOULDBLOCK) {
            sq_host->error(c, STRATA_ERR, NULL,
                           "cannot lock migration lock %s: %s", b.data,
                           strerror(err));
            goto fail;
        }
        if (!drv_poll_sleep(&t0, wait_ms, SQ_LOCK_POLL_MS)) {
            sq_host->error(c, STRATA_ERR_BUSY, NULL,
                           "migration lock %s held by another process; "
                           "gave up after %lu ms",
                           b.data, (unsigned long)wait_ms);
            goto fail;
        }
    }
    q->lock_fd = fd;
    q->lock_path = b.data;
    return STRATA_OK;
fail:
    close(fd);
    sq_host->buf_free(&b);
    return c->code;
}

static int sq_unlock(strata_conn *c, const char *key)
{
    sq_conn *q = (sq_conn *)c;

    (void)key;
    if (!q->lock_path)
        return STRATA_OK;
    /* Closing the only descriptor releases the flock. */
    close(q->lock_fd);
    q->lock_fd = -1;
    sq_host->free(q->lock_path);
    q->lock_path = NULL;
    return STRATA_OK;
}

/* Append s wrapped in q, each q inside doubled (SQLite's rule for both
 * identifiers and literals). */
static int quote(strata_conn *c, const char *s, char q, strata_buf *out)
{
    if (!s || !out)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL, "nothing to quote");
    return drv_quote(sq_host, out, s, q) ? drv_nomem(c) : STRATA_OK;
}

static int sq_quote_ident(strata_conn *c, const char *ident, strata_buf *out)
{
    return quote(c, ident, '"', out);
}

static int sq_quote_literal(strata_conn *c, const char *s, strata_buf *out)
{
    return quote(c, s, '\'', out);
}

static int sq_server_version(strata_conn *c, char **out)
{
    *out = sq_host->strdup(sqlite3_libversion());
    DRV_ALLOC_CHECK(*out, c);
    return STRATA_OK;
}

/* Names compare without regard to ASCII case, as SQLite resolves
 * identifiers, even quoted ones. */
static int sq_table_exists(strata_conn *c, const char *table, int *out)
{
    sq_conn *q = (sq_conn *)c;
    sqlite3_stmt *st = NULL;
    int rc;

    *out = 0;
    if (!q->db)
        return drv_not_connected(c, SQ_SERVER);
    if (!table)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL, "no table name");
    /* SQLite's own hash of the loaded schema answers "there" without
     * the scan of sqlite_schema below (it has no index on name), which
     * made a downgrade of N tables quadratic: 10,000 DROP TABLEs spent
     * ~5 s scanning.  Its "not there" (views, sqlite_* tables, errors)
     * is left to the query.  Inside a transaction only, where the
     * loaded schema is the database's (its cookie checked on BEGIN's
     * first read); a run on SQLite is one transaction. */
    if (!sqlite3_get_autocommit(q->db) &&
        strncasecmp(table, "sqlite_", 7) != 0 &&
        sqlite3_table_column_metadata(q->db, "main", table, NULL, NULL,
                                      NULL, NULL, NULL, NULL) == SQLITE_OK) {
        *out = 1;
        return STRATA_OK;
    }
    rc = sqlite3_prepare_v2(q->db,
                            "SELECT 1 FROM main.sqlite_schema WHERE "
                            "type = 'table' AND name = ?1 COLLATE NOCASE",
                            -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *out = 1;
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    rc = rc == SQLITE_OK ? STRATA_OK : db_error(q, rc);
    sqlite3_finalize(st);
    return rc;
}

static int sq_in_transaction(strata_conn *c, int *out)
{
    sq_conn *q = (sq_conn *)c;

    *out = q->db ? !sqlite3_get_autocommit(q->db) : 0;
    return STRATA_OK;
}

/* The driver table's cancel(): sqlite3_interrupt, which SQLite allows
 * from another thread while the connection stays open.  One that comes
 * while no statement runs is dropped when the next one starts. */
static int sq_cancel(strata_conn *c)
{
    sq_conn *q = (sq_conn *)c;

    if (q->db)
        sqlite3_interrupt(q->db);
    return STRATA_OK;
}

static const char *const sq_schemes[] = {"sqlite", NULL};

/* What an offline script writes for begin() and foreign_keys(). */
static const strata_script_words sq_script = {
    .client = "sqlite3 -bail DATABASE < FILE",
    .begin = "BEGIN IMMEDIATE",
    .fk_off = "PRAGMA foreign_keys = OFF",
    .fk_on = "PRAGMA foreign_keys = ON",
    .fk_check = "PRAGMA foreign_key_check",
    .client_splits = 0,
};

STRATA_DRIVER_DEFINE(sq_host,
    .name = "sqlite",
    .version = "0.1.0",
    .schemes = sq_schemes,
    .caps = STRATA_CAP_TRANSACTIONAL_DDL | STRATA_CAP_SAVEPOINT |
            STRATA_CAP_NEEDS_REBUILD |
            STRATA_CAP_RUN_TRANSACTION,
    .conn_size = sizeof(sq_conn),
    /* names keep their case and compare without ASCII case */
    .name_flags = STRATA_NAME_KEEP_CASE,
    .connect = sq_connect,
    .disconnect = sq_disconnect,
    .exec = sq_exec,
    .query = sq_query,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .cancel = sq_cancel,
    .progress = sq_progress,
    .progress_ms = SQ_PROGRESS_MS,
    .lock = sq_lock,
    .unlock = sq_unlock,
    .split = sq_split,
    .quote_ident = sq_quote_ident,
    .quote_literal = sq_quote_literal,
    .server_version = sq_server_version,
    .table_exists = sq_table_exists,
    .in_transaction = sq_in_transaction,
    .introspect = sq_introspect,
    .render = sq_render,
    .index_table = sq_index_table,
    .type_family = sq_type_family,
    .foreign_keys = sq_foreign_keys,
    .fk_violations = sq_fk_violations,
    .session_sql = sq_session_sql,
    .is_session_setting = sq_is_session_setting,
    .schema_objects = sq_schema_objects,
    .scratch_create = sq_scratch_create,
    .scratch_drop = sq_scratch_drop,
    .script = &sq_script);
