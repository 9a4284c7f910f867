/* offline.c - `upgrade --sql` and `downgrade --sql`: the script the chain
 * would run, printed without a connection.  The runner's shape is kept
 * (transactions per migration or per run with savepoints, autocommit
 * statements alone between them, foreign keys off around SQLite
 * rebuilds, history and version rows); portable operations are decided
 * and rendered by apply.c against a catalog simulated by replaying the
 * chain from its first migration, as on a fresh database. */
#include "plan/offline.h"

#include <stdlib.h>
#include <string.h>

#include "db/history.h"
#include "chain/path.h"
#include "chain/versions.h"
#include "db/host.h"
#include "sql/op.h"
#include "util/output.h"
#include "sql/sqltok.h"
#include "util/version.h"

/* The savepoint the runner puts around each migration of a run. */
#define SAVEPOINT_SQL "SAVEPOINT strata_migration"
#define RELEASE_SQL "RELEASE SAVEPOINT strata_migration"

/* What a script says that no driver entry renders: the command-line
 * client's dialect.  The runner gets the same effects through driver
 * calls (begin, foreign_keys, fk_violations). */
typedef struct dialect_words {
    const char *name;
    const char *client;    /* how to run the script */
    const char *begin;     /* what the driver's begin() runs */
    const char *fk_off;    /* around a table rebuild (NULL: none) */
    const char *fk_on;
    const char *fk_check;  /* after a rebuild, before the commit */
    int delimiter;         /* the client splits on ';' (MySQL) */
} dialect_words;

static const dialect_words dialects[] = {
    {"postgres", "psql -X -v ON_ERROR_STOP=1 -f FILE", "BEGIN", NULL, NULL,
     NULL, 0},
    {"mysql", "mariadb DATABASE < FILE (MariaDB 10.11)",
     "START TRANSACTION", NULL, NULL, NULL, 1},
    {"sqlite", "sqlite3 -bail DATABASE < FILE", "BEGIN IMMEDIATE",
     "PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON",
     "PRAGMA foreign_key_check", 0},
};

int strata__offline_per_run(const strata_driver *drv,
                            const strata_config *cfg)
{
    return (cfg->transaction_per_run ||
            (drv->caps & STRATA_CAP_RUN_TRANSACTION)) &&
           (drv->caps & STRATA_CAP_SAVEPOINT);
}

/* One group, as the runner's run_group prepares it. */
static int prepare_group(strata_group *g, strata_catcache *cache,
                         const strata_config *cfg,
                         const strata_revision *rev, strata_step *st,
                         size_t first, size_t end, int adopt,
                         strata_error *err)
{
    const strata_op *op = st->items[first].op;
    uint32_t flags = cfg->allow_locking || rev->allow_locking
                         ? STRATA_OP_ALLOW_LOCKING
                         : 0;

    return strata__group_prepare(
        g, cache, st->items + first, end - first, first, rev->path,
        cfg->online_indexes, adopt,
        op->table && strata__catcache_created(cache, op->table), flags,
        err);
}

void strata__offline_units_free(strata_unit *u, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (u[i].group)
            strata__group_clear(&u[i].g);
    free(u);
}

int strata__offline_units(strata_unit **out, size_t *nout,
                          strata_catcache *cache, const strata_config *cfg,
                          const strata_revision *rev, strata_step *st,
                          int adopt, strata_error *err)
{
    strata_unit *u = st->nitems ? calloc(st->nitems, sizeof *u) : NULL;
    size_t n = 0, k = 0;
    int rc = STRATA_OK;

    *out = NULL;
    *nout = 0;
    if (st->nitems && !u)
        return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
    strata__catcache_next(cache);
    while (k < st->nitems && rc == STRATA_OK) {
        strata_unit *x = &u[n++];

        x->first = k;
        if (!st->items[k].op) {
            x->end = ++k;
            continue;
        }
        x->end = strata__group_end(st->items, st->nitems, k);
        x->group = 1;
        rc = prepare_group(&x->g, cache, cfg, rev, st, k, x->end, adopt,
                           err);
        k = x->end;
    }
    if (rc != STRATA_OK) {
        strata__offline_units_free(u, n);
        return rc;
    }
    *out = u;
    *nout = n;
    return STRATA_OK;
}

/* --- the script ---------------------------------------------------------- */

typedef struct script {
    strata_ctx *x;
    const dialect_words *w;
    const strata_driver *drv;
    strata_conn *conn;
    strata_session sim;      /* for apply.c: driver, scratch connection */
    strata_catcache *cache;
    strata_buf out;          /* the script, printed once complete */
    char *hist, *vers;       /* quoted table names */
    strata_sql_list set;     /* session settings */
    strata_sql_list zero;    /* the same with lock_timeout 0 */
    strata_direction dir;
    int per_run;
    int in_txn, begun;       /* a transaction is open / its BEGIN out */
    int in_sp, sp_out;       /* the step's savepoint / its SAVEPOINT out */
    unsigned char *rows, *applied; /* version rows and applied set */
    char now[32];
    char *applied_by;
} script;

static int nomem(script *sc)
{
    return strata__error_set(&sc->x->err, STRATA_ERR_NOMEM,
                             "out of memory");
}

static void sql_list_free(strata_sql_list *l)
{
    strata_abi_sql_list_free(strata__host(), l);
}

/* "-- text", one comment line per line of text, control characters
 * shown as spaces so nothing escapes the comment. */
static int comment(script *sc, const char *text)
{
    int rc = STRATA_OK;

    /* Leading newlines: blank lines before the comment. */
    for (; *text == '\n' && rc == STRATA_OK; text++)
        rc = strata__buf_puts(&sc->out, "\n");
    if (rc == STRATA_OK)
        rc = strata__buf_puts(&sc->out, *text ? "-- " : "--");

    for (const char *p = text; *p && rc == STRATA_OK; p++) {
        if (*p == '\n')
            rc = strata__buf_puts(&sc->out, p[1] ? "\n-- " : "\n--");
        else
            rc = strata__buf_append(&sc->out,
                                    (unsigned char)*p < 0x20 ? " " : p, 1);
    }
    return rc == STRATA_OK ? strata__buf_puts(&sc->out, "\n") : rc;
}

static int commentf(script *sc, const char *fmt, ...) STRATA_PRINTF(2, 3);
static int commentf(script *sc, const char *fmt, ...)
{
    strata_buf b = {0};
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = strata__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (rc == STRATA_OK)
        rc = comment(sc, b.data ? b.data : "");
    strata__buf_free(&b);
    return rc;
}

/* One statement with its terminator.  The mysql client splits on ';'
 * itself, so a statement holding one (a routine or trigger body) gets a
 * DELIMITER of its own. */
static int put_stmt(script *sc, const char *sql)
{
    static const char *const delims[] = {"//", "$$", ";;", "@@@", "%%%"};

    if (!sc->w->delimiter || !strchr(sql, ';'))
        return strata__buf_printf(&sc->out, "%s;\n", sql);
    for (size_t i = 0; i < sizeof delims / sizeof delims[0]; i++)
        if (!strstr(sql, delims[i]))
            return strata__buf_printf(&sc->out,
                                      "DELIMITER %s\n%s%s\nDELIMITER ;\n",
                                      delims[i], sql, delims[i]);
    return STRATA_ERR_INVALID;
}

/* A statement inside the transaction: its BEGIN (and SAVEPOINT) come
 * out first, so that no empty transaction is printed. */
static int put_in_txn(script *sc, const char *sql)
{
    int rc = STRATA_OK;

    if (sc->in_txn && !sc->begun) {
        rc = put_stmt(sc, sc->w->begin);
        sc->begun = 1;
    }
    if (rc == STRATA_OK && sc->in_sp && !sc->sp_out) {
        rc = put_stmt(sc, SAVEPOINT_SQL);
        sc->sp_out = 1;
    }
    return rc == STRATA_OK ? put_stmt(sc, sql) : rc;
}

static void txn_open(script *sc)
{
    if (!sc->in_txn) {
        sc->in_txn = 1;
        sc->begun = 0;
    }
    if (sc->per_run) {
        sc->in_sp = 1;
        sc->sp_out = 0;
    }
}

static int sp_release(script *sc)
{
    int rc = sc->in_sp && sc->sp_out ? put_stmt(sc, RELEASE_SQL)
                                     : STRATA_OK;

    sc->in_sp = sc->sp_out = 0;
    return rc;
}

static int txn_commit(script *sc)
{
    int rc = STRATA_OK;

    if (!sc->in_txn)
        return STRATA_OK;
    if (sc->begun) {
        rc = sp_release(sc);
        if (rc == STRATA_OK)
            rc = put_stmt(sc, "COMMIT");
    }
    sc->in_txn = sc->begun = sc->in_sp = sc->sp_out = 0;
    return rc;
}

/* 1 when sql is a CONCURRENTLY statement: the runner's driver gives it
 * lock_timeout 0 (DESIGN §0 "Lock timeouts"), and so does the script. */
static int concurrently(const char *sql)
{
    strata_toklist l;
    strata_error err = {0};
    int hit = 0;

    if (strata__sqltok_scan(&l, sql, strlen(sql), &err) != STRATA_OK) {
        strata__error_clear(&err);
        return 0;
    }
    for (size_t i = 0; i < l.count && !hit; i++)
        hit = strata__sqltok_is(&l.items[i], "concurrently");
    strata__sqltok_free(&l);
    return hit;
}

static int listed(const strata_sql_list *l, const char *sql)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].sql, sql) == 0)
            return 1;
    return 0;
}

/* The settings of a (without) that b has: lock_timeout 0 and back. */
static int put_diff(script *sc, const strata_sql_list *a,
                    const strata_sql_list *b)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < b->count && rc == STRATA_OK; i++)
        if (!listed(a, b->items[i].sql))
            rc = put_stmt(sc, b->items[i].sql);
    return rc;
}

/* A statement that must not run in a transaction: the open one commits
 * first, the migration's reopens after (the runner's segment). */
static int alone(script *sc, const char *sql, int txn)
{
    int cic = concurrently(sql), rc = txn_commit(sc);

    if (rc == STRATA_OK)
        rc = comment(sc, "autocommit: outside any transaction");
    if (rc == STRATA_OK && cic)
        rc = put_diff(sc, &sc->set, &sc->zero);
    if (rc == STRATA_OK)
        rc = put_stmt(sc, sql);
    if (rc == STRATA_OK && cic)
        rc = put_diff(sc, &sc->zero, &sc->set);
    if (txn)
        txn_open(sc);
    return rc;
}

/* One statement a driver rendered for a group. */
static int put_rendered(script *sc, const strata_sql *q, int txn)
{
    int rc;

    if (q->flags & STRATA_SQL_GUARD) {
        rc = commentf(sc, "check: strata runs this query and fails the "
                          "migration unless it counts 0 (%s)%s%s:\n  %s",
                      q->note ? q->note : "a failed check",
                      q->alternative ? "; on failure it runs " : "",
                      q->alternative ? q->alternative : "", q->sql);
        return rc;
    }
    rc = (q->flags & STRATA_SQL_AUTOCOMMIT) || !txn ? alone(sc, q->sql, txn)
                                                   : put_in_txn(sc, q->sql);
    if (rc == STRATA_OK && q->alternative)
        rc = commentf(sc, "if the server refuses that online form, strata "
                          "runs this instead (allow_locking):\n  %s",
                      q->alternative);
    return rc;
}

static int put_group(script *sc, const strata_step *st, const strata_unit *u,
                     int txn)
{
    const strata_group *g = &u->g;
    strata_buf notes = {0};
    int rc = STRATA_OK;

    for (size_t k = 0; k < g->nops && rc == STRATA_OK; k++) {
        const strata_item *it = &st->items[u->first + k];
        int skip = g->outcome[k] == STRATA_ENSURE_SKIP_EXISTS ||
                   g->outcome[k] == STRATA_ENSURE_SKIP_ABSENT;

        rc = commentf(sc, "line %u: %s%s%s", it->line,
                      strata__op_kind_name(it->op->kind),
                      skip ? ": " : "",
                      skip ? strata__ensure_word(g->outcome[k]) : "");
    }
    for (size_t k = 0; k < g->sql.count && rc == STRATA_OK; k++) {
        const char *note = g->sql.items[k].note;
        if (note && !(g->sql.items[k].flags & STRATA_SQL_GUARD) &&
            !strstr(notes.data ? notes.data : "", note))
            rc = strata__buf_printf(&notes, "%s%s", notes.len ? "; " : "",
                                    note);
    }
    if (rc == STRATA_OK && notes.len)
        rc = commentf(sc, "note: %s", notes.data);
    for (size_t k = 0; k < g->sql.count && rc == STRATA_OK; k++)
        rc = put_rendered(sc, &g->sql.items[k], txn);
    strata__buf_free(&notes);
    return rc;
}

static int version_change(void *payload, strata_version_change kind,
                          const char *rev, const char *to)
{
    script *sc = payload;
    strata_buf b = {0};
    int rc = strata__history_sql_version(sc->drv, sc->conn, sc->vers, kind,
                                         rev, to, &b);

    if (rc == STRATA_OK)
        rc = put_in_txn(sc, b.data);
    strata__buf_free(&b);
    return rc;
}

/* The step's history row (with what it captured, for a derived
 * downgrade later) and its version rows, as the runner writes them. */
static int put_history(script *sc, const strata_step *st,
                       const strata_revision *rev, const char *captured)
{
    strata_history_row row = {0};
    strata_buf detail = {0}, b = {0};
    int rc;

    rc = strata__buf_puts(&detail, "{");
    if (rc == STRATA_OK && captured)
        rc = strata__buf_printf(&detail, "\"captured\":[%s],", captured);
    if (rc == STRATA_OK)
        rc = strata__buf_puts(&detail, "\"offline\":true}");
    row.id = -1; /* counted by the database */
    row.revision = rev->id;
    row.direction = (char *)(sc->dir == STRATA_UP ? "up" : "down");
    row.checksum = (char *)st->checksum;
    row.started_at = sc->now;
    row.finished_at = sc->now;
    row.duration_ms = -1;
    row.applied_by = sc->applied_by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)(st->empty ? "empty" : "applied");
    row.statement_index = -1;
    row.detail = detail.data;
    if (rc == STRATA_OK)
        rc = strata__history_sql_append(sc->drv, sc->conn, sc->hist, &row,
                                        &b);
    if (rc == STRATA_OK)
        rc = put_in_txn(sc, b.data);
    if (rc == STRATA_OK)
        rc = strata__version_step(sc->x->chain.graph, st->rev,
                                          sc->dir, sc->rows, sc->applied,
                                          version_change, sc);
    strata__buf_free(&detail);
    strata__buf_free(&b);
    return rc;
}

/* Join the captures of a step's groups: {"item":N,"sql":"..."},... */
static int captures(const strata_unit *u, size_t n, strata_buf *out)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (u[i].group && u[i].g.captured)
            rc = strata__buf_printf(out, "%s%s", out->len ? "," : "",
                                    u[i].g.captured);
    return rc;
}

static int put_step(script *sc, strata_step *st)
{
    strata_ctx *x = sc->x;
    const strata_revision *rev = strata__graph_rev(x->chain.graph, st->rev);
    int txn = rev->txn != STRATA_TXN_NONE, fk_off = 0, raw_alone = 0, rc;
    strata_buf cap = {0};
    strata_unit *u = NULL;
    size_t n = 0;

    /* IF [NOT] EXISTS wherever the dialect has it: the script may meet
     * a database a little ahead of --from. */
    for (size_t i = 0; i < st->nitems; i++)
        if (st->items[i].op)
            st->items[i].op->if_exists = 1;
    rc = strata__offline_units(&u, &n, sc->cache, &x->cfg, rev, st, 0,
                               &x->err);
    if (rc != STRATA_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; u[i].group && k < u[i].g.sql.count; k++)
            fk_off |= (u[i].g.sql.items[k].flags &
                       STRATA_SQL_NEEDS_FK_OFF) != 0;
    rc = strata__buf_puts(&sc->out, "\n");
    if (rc == STRATA_OK)
        rc = commentf(sc, "%s %s: %s%s%s",
                      sc->dir == STRATA_UP ? "up" : "down", rev->id,
                      rev->path, rev->message ? ": " : "",
                      rev->message ? rev->message : "");
    if (rc == STRATA_OK && st->empty)
        rc = commentf(sc, "empty on %s: nothing runs", sc->w->name);
    if (rc == STRATA_OK && !txn)
        rc = comment(sc, "transaction: none (each statement alone)");
    if (rc == STRATA_OK && fk_off) {
        /* As the runner: the run so far commits, foreign keys go off
         * outside any transaction, the migration runs alone. */
        rc = txn_commit(sc);
        if (rc == STRATA_OK)
            rc = comment(sc, "a table rebuild: foreign keys off while "
                             "this migration runs");
        if (rc == STRATA_OK && sc->w->fk_off)
            rc = put_stmt(sc, sc->w->fk_off);
    }
    if (txn)
        txn_open(sc);
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        const strata_item *it = &st->items[u[i].first];

        if (u[i].group) {
            rc = put_group(sc, st, &u[i], txn);
            continue;
        }
        rc = commentf(sc, "line %u: sql, runs as written", it->line);
        if (rc != STRATA_OK)
            break;
        if ((it->flags & STRATA_STMT_NOTXN) || !txn) {
            raw_alone = 1;
            rc = alone(sc, it->sql, txn);
        } else {
            rc = put_in_txn(sc, it->sql);
        }
    }
    if (!sc->in_txn)
        txn_open(sc);
    if (rc == STRATA_OK && fk_off && sc->w->fk_check) {
        rc = comment(sc, "a row here breaks a foreign key: strata would "
                         "fail the migration");
        if (rc == STRATA_OK)
            rc = put_in_txn(sc, sc->w->fk_check);
    }
    if (rc == STRATA_OK)
        rc = captures(u, n, &cap);
    if (rc == STRATA_OK)
        rc = put_history(sc, st, rev, cap.len ? cap.data : NULL);
    if (rc == STRATA_OK)
        rc = !sc->per_run || !txn || fk_off || raw_alone ? txn_commit(sc)
                                                        : sp_release(sc);
    if (rc == STRATA_OK && (fk_off || raw_alone) && sc->w->fk_on)
        rc = put_stmt(sc, sc->w->fk_on);
    strata__buf_free(&cap);
    strata__offline_units_free(u, n);
    if (rc == STRATA_ERR_NOMEM)
        return nomem(sc);
    if (rc == STRATA_ERR_INVALID && !x->err.code)
        return strata__error_set(&x->err, rc,
                                 "%s: a statement holds every delimiter "
                                 "the script could use",
                                 rev->path);
    return rc;
}

/* The state --from names: its revisions and their ancestors applied. */
static int from_state(strata_ctx *x, const char *from, strata_target *ft,
                      unsigned char *applied)
{
    const strata_graph *g = x->chain.graph;
    const char **ids;
    int rc = strata__graph_resolve(g, from, STRATA_UP, NULL, ft, &x->err);

    if (rc != STRATA_OK)
        return strata__error_prefix(&x->err, "--from %s: ", from);
    if (ft->is_base || !ft->nrevs)
        return STRATA_OK;
    ids = calloc(ft->nrevs, sizeof *ids);
    if (!ids)
        return strata__error_set(&x->err, STRATA_ERR_NOMEM,
                                 "out of memory");
    for (size_t i = 0; i < ft->nrevs; i++)
        ids[i] = strata__graph_rev(g, ft->revs[i])->id;
    rc = strata__graph_applied(g, ids, ft->nrevs, applied, &x->err);
    free(ids);
    return rc;
}

/* Replay the chain up to --from on the simulated catalog: what each
 * migration's upgrade recorded (empty on the dialect, the definitions
 * it captured) is what a downgrade needs. */
static int replay(script *sc, const char *dialect, const strata_target *ft,
                  strata_up_state *up)
{
    strata_ctx *x = sc->x;
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g), *path = NULL, npath = 0;
    unsigned char *none = calloc(n ? n : 1, 1);
    strata_plan pre = {0};
    int rc;

    up->empty = calloc(n ? n : 1, 1);
    up->detail = calloc(n ? n : 1, sizeof *up->detail);
    if (!none || !up->empty || !up->detail) {
        free(none);
        return nomem(sc);
    }
    rc = ft->is_base ? STRATA_OK
                     : strata__graph_upgrade_path(g, ft, none, &path,
                                                  &npath);
    free(none);
    if (rc != STRATA_OK)
        return nomem(sc);
    rc = strata__plan_build(&pre, &x->chain, dialect, 1, STRATA_UP, path,
                            npath, NULL, &x->err);
    for (size_t i = 0; i < pre.n && rc == STRATA_OK; i++) {
        strata_step *st = &pre.steps[i];
        const strata_revision *rev = strata__graph_rev(g, st->rev);
        strata_buf cap = {0};
        strata_unit *u = NULL;
        size_t nu = 0;

        rc = strata__offline_units(&u, &nu, sc->cache, &x->cfg, rev, st, 0,
                                   &x->err);
        if (rc == STRATA_OK && captures(u, nu, &cap) != STRATA_OK)
            rc = nomem(sc);
        if (rc == STRATA_OK && cap.len) {
            free(up->detail[st->rev]);
            up->detail[st->rev] =
                strata__sprintf("{\"captured\":[%s]}", cap.data);
            if (!up->detail[st->rev])
                rc = nomem(sc);
        }
        up->empty[st->rev] = (unsigned char)st->empty;
        strata__buf_free(&cap);
        strata__offline_units_free(u, nu);
    }
    strata__plan_free(&pre);
    free(path);
    return rc;
}

/* The driver's session statements for the configuration (lock_ms: the
 * lock timeout instead of the configured one). */
static int session_list(script *sc, const char *lock_ms,
                        strata_sql_list *out)
{
    strata_session_opts o;
    int rc;

    memset(out, 0, sizeof *out);
    if (!sc->drv->session_sql)
        return STRATA_OK;
    strata__session_opts(&o, &sc->x->cfg, 1);
    if (lock_ms)
        snprintf(o.lock_to, sizeof o.lock_to, "%s", lock_ms);
    rc = sc->drv->session_sql(sc->conn, o.kv, out);
    if (rc != STRATA_OK) {
        sql_list_free(out);
        return strata__error_set(&sc->x->err, rc == STRATA_ERR_NOMEM
                                                  ? rc
                                                  : STRATA_ERR_CONFIG,
                                 "session settings for %s: %s",
                                 sc->drv->name,
                                 sc->conn->errmsg[0] ? sc->conn->errmsg
                                                     : strata_strerror(rc));
    }
    return STRATA_OK;
}

/* The configuration's session_sql, run after the driver's settings on
 * every connection: written for the URL's dialect, so printed only for
 * that one. */
static int put_user_session(script *sc)
{
    const strata_config *cfg = &sc->x->cfg;
    strata_stmt_list l = {0};
    int rc;

    if (!cfg->session_sql)
        return STRATA_OK;
    if (strcmp(sc->drv->name, sc->x->sess.drv->name) != 0)
        return commentf(sc, "session_sql (for %s) left out",
                        sc->x->sess.drv->name);
    rc = sc->drv->split(sc->conn, cfg->session_sql, strlen(cfg->session_sql),
                        &l);
    if (rc != STRATA_OK)
        return strata__error_set(&sc->x->err, STRATA_ERR_CONFIG,
                                 "session_sql: %s", sc->conn->errmsg);
    rc = comment(sc, "session_sql (configuration)");
    for (size_t i = 0; i < l.count && rc == STRATA_OK; i++)
        rc = put_stmt(sc, l.items[i].sql);
    strata__stmt_list_free(&l);
    return rc;
}

static int put_head(script *sc, const char *from, const char *to,
                    const strata_plan *plan)
{
    const char *verb = sc->dir == STRATA_UP ? "upgrade" : "downgrade";
    char *sql = NULL;
    int rc;

    rc = commentf(sc, "strata %s: %s script for %s, %zu migration%s",
                  STRATA_VERSION, verb, sc->w->name, plan->n,
                  plan->n == 1 ? "" : "s");
    if (rc == STRATA_OK)
        rc = commentf(sc, "from %s to %s; written %s by %s", from, to,
                      sc->now, sc->applied_by);
    if (rc == STRATA_OK)
        rc = commentf(sc, "run with: %s", sc->w->client);
    if (rc == STRATA_OK)
        rc = comment(sc, "\nRendered without a database, for one at the "
                         "--from state: each portable\nstatement as strata "
                         "renders it against the catalog that replaying "
                         "the\nchain builds.  Ensure semantics (skip what "
                         "already holds, refuse drift)\nneed the live "
                         "catalog and cannot run here; IF [NOT] EXISTS is "
                         "used\nwhere the dialect has it.  Statements "
                         "marked autocommit run outside any\ntransaction.");
    if (rc == STRATA_OK && !plan->n)
        rc = comment(sc, "\nnothing to do");
    if (rc == STRATA_OK && sc->set.count)
        rc = comment(sc, "\nsession settings (strata's connection)");
    for (size_t i = 0; i < sc->set.count && rc == STRATA_OK; i++)
        rc = put_stmt(sc, sc->set.items[i].sql);
    if (rc == STRATA_OK)
        rc = put_user_session(sc);
    if (rc != STRATA_OK || !plan->n)
        return rc;
    rc = comment(sc, "\nstrata's own tables, created before a run");
    for (int k = 0; k < 2 && rc == STRATA_OK; k++) {
        rc = strata__history_sql_create(k ? sc->hist : sc->vers, k, &sql);
        if (rc == STRATA_OK)
            rc = put_stmt(sc, sql);
        free(sql);
        sql = NULL;
    }
    return rc;
}

static int quote_tables(script *sc)
{
    const strata_config *cfg = &sc->x->cfg;
    int rc = strata__history_quote(sc->drv, sc->conn, cfg->history_table,
                                   &sc->hist);

    if (rc == STRATA_OK)
        rc = strata__history_quote(sc->drv, sc->conn, cfg->version_table,
                                   &sc->vers);
    return rc == STRATA_OK ? rc
                           : strata__error_set(&sc->x->err, rc,
                                               "quoting the history "
                                               "tables' names");
}

static const dialect_words *find_dialect(const char *name)
{
    for (size_t i = 0; i < sizeof dialects / sizeof dialects[0]; i++)
        if (strcmp(dialects[i].name, name) == 0)
            return &dialects[i];
    return NULL;
}

/* Everything that needs no output: dialect, driver, chain, states,
 * paths and the plan. */
static int setup(script *sc, const char *spec, const char *from,
                 strata_target *ft, strata_target *t, strata_plan *plan,
                 strata_up_state *up)
{
    strata_ctx *x = sc->x;
    const char *dialect;
    const strata_graph *g;
    size_t n, *path = NULL, npath = 0, *vr = NULL, nvr = 0;
    int rc = strata__ctx_chain(x);

    if (rc != STRATA_OK)
        return rc;
    dialect = x->cli->dialect ? x->cli->dialect : x->sess.drv->name;
    if (!(sc->w = find_dialect(dialect)))
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "--sql: unknown dialect '%s' (postgres, "
                                 "mysql or sqlite)",
                                 dialect);
    if (strata__chain_driver(&x->chain, dialect, &sc->drv, &sc->conn) !=
        STRATA_OK)
        return strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                                 "--sql: no %s driver is installed (see "
                                 "'strata drivers')",
                                 dialect);
    if (!sc->drv->render)
        return strata__error_set(&x->err, STRATA_ERR_NOTSUP,
                                 "--sql: the %s driver cannot render "
                                 "statements (it has no render entry)",
                                 dialect);
    rc = strata__plan_check(&x->chain, dialect, 1, &x->err);
    if (rc != STRATA_OK)
        return rc;
    g = x->chain.graph;
    n = strata__graph_count(g);
    sc->rows = calloc(n ? n : 1, 1);
    sc->applied = calloc(n ? n : 1, 1);
    sc->applied_by = strata__history_applied_by();
    if (!sc->rows || !sc->applied || !sc->applied_by ||
        strata__catcache_new(&sc->cache, &sc->sim) != STRATA_OK)
        return nomem(sc);
    sc->sim.cfg = &x->cfg;
    sc->sim.drv = sc->drv;
    sc->sim.conn = sc->conn;
    strata__catcache_simulate(sc->cache, 0);
    rc = from_state(x, from, ft, sc->applied);
    if (rc == STRATA_OK)
        rc = strata__graph_resolve(g, spec, sc->dir, sc->applied, t,
                                   &x->err);
    for (size_t i = 0; rc == STRATA_OK && sc->dir == STRATA_DOWN &&
                       i < t->nrevs;
         i++)
        if (!sc->applied[t->revs[i]])
            rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                                   "downgrade target '%s' is not applied "
                                   "at --from %s",
                                   strata__graph_rev(g, t->revs[i])->id,
                                   from);
    if (rc != STRATA_OK)
        return rc;
    rc = sc->dir == STRATA_UP
             ? strata__graph_upgrade_path(g, t, sc->applied, &path, &npath)
             : strata__graph_downgrade_path(g, t, sc->applied, &path,
                                            &npath);
    if (rc == STRATA_OK)
        rc = strata__graph_version_rows(g, sc->applied, &vr, &nvr);
    if (rc != STRATA_OK) {
        free(path);
        return nomem(sc);
    }
    for (size_t i = 0; i < nvr; i++)
        sc->rows[vr[i]] = 1;
    free(vr);
    rc = replay(sc, dialect, ft, up);
    if (rc == STRATA_OK)
        rc = strata__plan_build(plan, &x->chain, dialect, 1, sc->dir, path,
                                npath, up, &x->err);
    free(path);
    if (rc == STRATA_OK)
        rc = session_list(sc, NULL, &sc->set);
    if (rc == STRATA_OK)
        rc = session_list(sc, "0", &sc->zero);
    if (rc == STRATA_OK)
        rc = quote_tables(sc);
    return rc;
}

int strata__offline_script(strata_ctx *x, strata_direction dir,
                           const char *spec)
{
    const char *from =
        x->cli->from ? x->cli->from : dir == STRATA_UP ? "base" : "heads";
    size_t n = 0;
    script sc;
    strata_target ft = {0}, t = {0};
    strata_plan plan = {0};
    strata_up_state up = {0};
    int rc;

    memset(&sc, 0, sizeof sc);
    sc.x = x;
    sc.dir = dir;
    strata__history_now(sc.now, sizeof sc.now, NULL);
    rc = setup(&sc, spec, from, &ft, &t, &plan, &up);
    if (rc == STRATA_OK) {
        sc.per_run = strata__offline_per_run(sc.drv, &x->cfg);
        rc = put_head(&sc, from, spec, &plan);
    }
    for (size_t i = 0; i < plan.n && rc == STRATA_OK; i++)
        rc = put_step(&sc, &plan.steps[i]);
    if (rc == STRATA_OK)
        rc = txn_commit(&sc);
    if (rc == STRATA_ERR_NOMEM && !x->err.code)
        nomem(&sc);
    if (rc == STRATA_OK)
        strata__print("%s", sc.out.data ? sc.out.data : "");
    if (x->have_chain)
        n = strata__graph_count(x->chain.graph);
    for (size_t i = 0; up.detail && i < n; i++)
        free(up.detail[i]);
    free(up.detail);
    free(up.empty);
    strata__plan_free(&plan);
    strata__target_free(&t);
    strata__target_free(&ft);
    strata__catcache_free(sc.cache);
    sql_list_free(&sc.set);
    sql_list_free(&sc.zero);
    strata__buf_free(&sc.out);
    free(sc.hist);
    free(sc.vers);
    free(sc.rows);
    free(sc.applied);
    free(sc.applied_by);
    return rc;
}
