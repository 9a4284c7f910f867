/* offline.c - `upgrade --sql` and `downgrade --sql`: the script the chain
 * would run, printed without a connection.  The run's program
 * (program.c: transactions per migration or per run with savepoints,
 * autocommit statements alone between them, foreign keys off around
 * table rebuilds, history and version rows) is printed as SQL in the
 * driver's script words; portable operations are decided and rendered by
 * plan/group.c against a catalog simulated by replaying the chain from
 * its first migration, as on a fresh database. */
#include "plan/offline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/history.h"
#include "chain/path.h"
#include "chain/versions.h"
#include "db/host.h"
#include "plan/program.h"
#include "sql/op.h"
#include "sql/sqltok.h"
#include "util/json.h"
#include "util/version.h"

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
    if (st->nitems)
        STRATA_ALLOC_CHECK(u, err);
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

int strata__offline_supported(const strata_driver *drv, strata_error *err)
{
    if (!drv->script)
        return strata__error_set(err, STRATA_ERR_NOTSUP,
                                 "--sql: the %s driver cannot write "
                                 "scripts (it gives no script words, the "
                                 "'script' entry of its table)",
                                 drv->name);
    if (!drv->render)
        return strata__error_set(err, STRATA_ERR_NOTSUP,
                                 "--sql: the %s driver cannot render "
                                 "statements (it has no render entry)",
                                 drv->name);
    return STRATA_OK;
}

/* --- the script ---------------------------------------------------------- */

/* A step's groups, decided and rendered before anything is printed. */
typedef struct step_units {
    strata_unit *u;
    size_t n;
} step_units;

typedef struct script {
    const strata_offline *o;
    const strata_script_words *w;
    strata_error *err;
    strata_session sim;      /* for plan/group.c: driver, scratch conn */
    strata_catcache *cache;
    strata_buf out;          /* the script, handed over once complete */
    char *hist, *vers;       /* quoted table names */
    strata_sql_list set;     /* session settings */
    strata_sql_list zero;    /* the same with lock_timeout 0 */
    const strata_plan *plan;
    step_units *units;       /* per plan step */
    strata_program prog;
    long item;               /* the item of the instruction printed */
    int in_txn, begun;       /* a transaction is open / its BEGIN out */
    int in_sp, sp_out;       /* the step's savepoint / its SAVEPOINT out */
    unsigned char *rows, *applied; /* version rows and applied set */
    char now[32];
    char *applied_by;
} script;

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

/* One statement with its terminator.  A client that splits the script
 * on ';' itself needs a statement holding one (a routine or trigger
 * body) inside a DELIMITER of its own. */
static int put_stmt(script *sc, const char *sql)
{
    static const char *const delims[] = {"//", "$$", ";;", "@@@", "%%%"};

    if (!sc->w->client_splits || !strchr(sql, ';'))
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
        rc = put_stmt(sc, STRATA_SAVEPOINT_SQL);
        sc->sp_out = 1;
    }
    return rc == STRATA_OK ? put_stmt(sc, sql) : rc;
}

static int sp_release(script *sc)
{
    int rc = sc->in_sp && sc->sp_out ? put_stmt(sc, STRATA_RELEASE_SQL)
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
 * lock_timeout 0 (docs/design.md §5.3), and so does the script. */
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

/* A statement outside any transaction (the program committed the open
 * one before it). */
static int put_alone(script *sc, const char *sql)
{
    int cic = concurrently(sql),
        rc = comment(sc, "autocommit: outside any transaction");

    if (rc == STRATA_OK && cic)
        rc = put_diff(sc, &sc->set, &sc->zero);
    if (rc == STRATA_OK)
        rc = put_stmt(sc, sql);
    if (rc == STRATA_OK && cic)
        rc = put_diff(sc, &sc->zero, &sc->set);
    return rc;
}

/* The statement of a SQL or ALONE instruction; a rendered one with its
 * locking form, as a comment. */
static int put_sql(script *sc, const strata_insn *in)
{
    const strata_step *st = &sc->plan->steps[in->step];
    const strata_sql *q = in->sql;
    const char *sql = q ? q->sql : st->items[in->item].sql;
    int rc = in->op == STRATA_PROG_ALONE ? put_alone(sc, sql)
                                         : put_in_txn(sc, sql);

    if (rc == STRATA_OK && q && q->alternative)
        rc = commentf(sc, "if the server refuses that online form, strata "
                          "runs this instead (allow_locking):\n  %s",
                      q->alternative);
    return rc;
}

static int put_guard(script *sc, const strata_sql *q)
{
    return commentf(sc, "check: strata runs this query and fails the "
                        "migration unless it counts 0 (%s)%s%s:\n  %s",
                    q->note ? q->note : "a failed check",
                    q->alternative ? "; on failure it runs " : "",
                    q->alternative ? q->alternative : "", q->sql);
}

static int put_range(script *sc, const strata_insn *v, size_t n);

/* The unit of step's items starting at first. */
static const strata_unit *unit_at(const script *sc, size_t step,
                                  size_t first)
{
    const step_units *su = &sc->units[step];

    for (size_t i = 0; i < su->n; i++)
        if (su->u[i].first == first)
            return &su->u[i];
    return NULL;
}

/* A group: what it does, the drivers' notes, then its statements where
 * the program places them. */
static int put_group(script *sc, const strata_insn *in)
{
    const strata_step *st = &sc->plan->steps[in->step];
    const strata_unit *u = unit_at(sc, in->step, (size_t)in->item);
    const strata_group *g = &u->g;
    strata_program frag = {0};
    strata_buf notes = {0};
    int rc = STRATA_OK;

    for (size_t k = 0; k < g->nops && rc == STRATA_OK; k++) {
        const strata_item *it = &st->items[u->first + k];
        strata_buf word = {0};
        int skip = strata__ensure_skips(g->outcome[k]);

        if (skip)
            rc = strata__ensure_say(&word, g->outcome[k], g->why[k], 0);
        if (rc == STRATA_OK)
            rc = commentf(sc, "line %u: %s%s%s", it->line,
                          strata__op_kind_name(it->op->kind),
                          skip ? ": " : "", skip ? word.data : "");
        strata__buf_free(&word);
    }
    if (rc == STRATA_OK)
        rc = strata__group_notes(g, &notes);
    if (rc == STRATA_OK && notes.len)
        rc = commentf(sc, "note: %s", notes.data);
    strata__buf_free(&notes);
    if (rc == STRATA_OK)
        rc = strata__program_group(&frag, &sc->prog, in->step, u->first,
                                   &g->sql, sc->err);
    if (rc == STRATA_OK)
        rc = put_range(sc, frag.insns, frag.n);
    strata__program_free(&frag);
    return rc;
}

static int version_change(void *payload, strata_version_change kind,
                          const char *rev, const char *to)
{
    script *sc = payload;
    strata_buf b = {0};
    int rc = strata__history_sql_version(sc->o->drv, sc->o->conn, sc->vers,
                                         kind, rev, to, &b);

    if (rc == STRATA_OK)
        rc = put_in_txn(sc, b.data);
    strata__buf_free(&b);
    return rc;
}

/* The captures of a step's groups, one array (NULL when none). */
static int captures(const strata_unit *u, size_t n, json_t **out)
{
    int rc = STRATA_OK;

    *out = NULL;
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (u[i].group)
            rc = strata__group_add_captures(out, &u[i].g);
    return rc;
}

/* The step's history row (with what it captured, for a derived
 * downgrade later) and its version rows, as the runner writes them. */
static int put_history(script *sc, size_t step)
{
    const strata_step *st = &sc->plan->steps[step];
    const strata_revision *rev =
        strata__graph_rev(sc->o->chain->graph, st->rev);
    strata_history_row row = {0};
    strata_buf b = {0};
    json_t *cap;
    char *detail = NULL;
    int rc;

    rc = captures(sc->units[step].u, sc->units[step].n, &cap);
    if (rc == STRATA_OK && !(detail = strata__json_dump_new(json_pack(
                                 "{s:O*,s:b}", "captured", cap, "offline",
                                 1))))
        rc = STRATA_ERR_NOMEM;
    row.id = -1; /* counted by the database */
    row.revision = rev->id;
    row.direction = (char *)(sc->o->dir == STRATA_UP ? "up" : "down");
    row.checksum = (char *)st->checksum;
    row.started_at = sc->now;
    row.finished_at = sc->now;
    row.duration_ms = -1;
    row.applied_by = sc->applied_by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)(st->empty ? "empty" : "applied");
    row.statement_index = -1;
    row.detail = detail;
    if (rc == STRATA_OK)
        rc = strata__history_sql_append(sc->o->drv, sc->o->conn, sc->hist,
                                        &row, &b);
    if (rc == STRATA_OK)
        rc = put_in_txn(sc, b.data);
    if (rc == STRATA_OK)
        rc = strata__version_step(sc->o->chain->graph, st->rev, sc->o->dir,
                                  sc->rows, sc->applied, version_change,
                                  sc);
    json_decref(cap);
    free(detail);
    strata__buf_free(&b);
    return rc;
}

static int put_step_head(script *sc, size_t step)
{
    const strata_step *st = &sc->plan->steps[step];
    const strata_revision *rev =
        strata__graph_rev(sc->o->chain->graph, st->rev);
    int rc = strata__buf_puts(&sc->out, "\n");

    if (rc == STRATA_OK)
        rc = commentf(sc, "%s %s: %s%s%s",
                      sc->o->dir == STRATA_UP ? "up" : "down", rev->id,
                      rev->path, rev->message ? ": " : "",
                      rev->message ? rev->message : "");
    if (rc == STRATA_OK && st->empty)
        rc = commentf(sc, "empty on %s: nothing runs", sc->o->drv->name);
    if (rc == STRATA_OK && !sc->prog.steps[step].txn)
        rc = comment(sc, "transaction: none (each statement alone)");
    return rc;
}

/* One instruction as SQL.  BEGIN and SAVEPOINT only mark the transaction
 * open: put_in_txn prints them before its first statement. */
static int put_insn(script *sc, const strata_insn *in)
{
    switch (in->op) {
    case STRATA_PROG_STEP:
        return put_step_head(sc, in->step);
    case STRATA_PROG_BEGIN:
        if (!sc->in_txn) {
            sc->in_txn = 1;
            sc->begun = 0;
        }
        return STRATA_OK;
    case STRATA_PROG_SAVEPOINT:
        sc->in_sp = 1;
        sc->sp_out = 0;
        return STRATA_OK;
    case STRATA_PROG_SQL:
    case STRATA_PROG_ALONE:
        return put_sql(sc, in);
    case STRATA_PROG_GUARD:
        return put_guard(sc, in->sql);
    case STRATA_PROG_COMMIT:
        return txn_commit(sc);
    case STRATA_PROG_GROUP:
        return put_group(sc, in);
    case STRATA_PROG_FK_OFF: {
        int rc = comment(sc, "a table rebuild: foreign keys off while "
                             "this migration runs");
        return rc == STRATA_OK && sc->w->fk_off ? put_stmt(sc, sc->w->fk_off)
                                                : rc;
    }
    case STRATA_PROG_FK_CHECK: {
        int rc = STRATA_OK;

        if (sc->w->fk_check)
            rc = comment(sc, "a row here breaks a foreign key: strata "
                             "would fail the migration");
        return rc == STRATA_OK && sc->w->fk_check
                   ? put_in_txn(sc, sc->w->fk_check)
                   : rc;
    }
    case STRATA_PROG_HISTORY:
        return put_history(sc, in->step);
    case STRATA_PROG_RELEASE:
        return sp_release(sc);
    case STRATA_PROG_FK_ON:
        return sc->w->fk_on ? put_stmt(sc, sc->w->fk_on) : STRATA_OK;
    case STRATA_PROG_PROGRESS: /* a script cannot resume */
    case STRATA_PROG_IF_OPEN:  /* put_range skips */
        return STRATA_OK;
    }
    return STRATA_ERR_INVALID;
}

/* Instructions v[0, n); a raw statement says where it comes from before
 * its first one. */
static int put_range(script *sc, const strata_insn *v, size_t n)
{
    int rc = STRATA_OK;

    for (size_t pc = 0; pc < n && rc == STRATA_OK; pc++) {
        const strata_insn *in = &v[pc];

        if (in->item != sc->item) {
            const strata_item *it =
                in->item >= 0 ? &sc->plan->steps[in->step].items[in->item]
                              : NULL;

            sc->item = in->item;
            if (it && !it->op)
                rc = commentf(sc, "line %u: sql, runs as written",
                              it->line);
        }
        if (rc == STRATA_OK)
            rc = put_insn(sc, in);
        if (rc == STRATA_OK && in->op == STRATA_PROG_IF_OPEN && sc->in_txn)
            pc += (size_t)in->arg;
        if (rc == STRATA_ERR_INVALID && !sc->err->code &&
            in->step < sc->plan->n)
            rc = strata__error_set(
                sc->err, rc,
                "%s: a statement holds every delimiter the script could use",
                strata__graph_rev(sc->o->chain->graph,
                                  sc->plan->steps[in->step].rev)
                    ->path);
    }
    return rc;
}

/* Replay the chain up to --from on the simulated catalog: what each
 * migration's upgrade recorded (empty on the dialect, the definitions
 * it captured) is what a downgrade needs. */
static int replay(script *sc, strata_up_state *up)
{
    const strata_offline *o = sc->o;
    const strata_graph *g = o->chain->graph;
    size_t n = strata__graph_count(g), *path = NULL, npath = 0;
    unsigned char *none = calloc(n ? n : 1, 1);
    strata_plan pre = {0};
    int rc;

    up->empty = calloc(n ? n : 1, 1);
    up->detail = calloc(n ? n : 1, sizeof *up->detail);
    if (!none || !up->empty || !up->detail) {
        free(none);
        return strata__nomem(sc->err);
    }
    rc = o->from_target->is_base
             ? STRATA_OK
             : strata__graph_upgrade_path(g, o->from_target, none, &path,
                                          &npath);
    free(none);
    if (rc != STRATA_OK)
        return strata__nomem(sc->err);
    rc = strata__plan_build(&pre, o->chain, o->drv->name, 1, STRATA_UP,
                            path, npath, NULL, sc->err);
    for (size_t i = 0; i < pre.n && rc == STRATA_OK; i++) {
        strata_step *st = &pre.steps[i];
        const strata_revision *rev = strata__graph_rev(g, st->rev);
        json_t *cap = NULL;
        strata_unit *u = NULL;
        size_t nu = 0;

        rc = strata__offline_units(&u, &nu, sc->cache, o->cfg, rev, st, 0,
                                   sc->err);
        if (rc == STRATA_OK && captures(u, nu, &cap) != STRATA_OK)
            rc = strata__nomem(sc->err);
        if (rc == STRATA_OK && cap) {
            free(up->detail[st->rev]);
            up->detail[st->rev] = strata__json_dump_new(
                json_pack("{s:O}", "captured", cap));
            rc = up->detail[st->rev] ? STRATA_OK : strata__nomem(sc->err);
        }
        up->empty[st->rev] = (unsigned char)st->empty;
        json_decref(cap);
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
    const strata_driver *drv = sc->o->drv;
    strata_conn *conn = sc->o->conn;
    strata_session_opts o;
    int rc;

    memset(out, 0, sizeof *out);
    if (!drv->session_sql)
        return STRATA_OK;
    strata__session_opts(&o, sc->o->cfg, 1);
    if (lock_ms)
        snprintf(o.lock_to, sizeof o.lock_to, "%s", lock_ms);
    rc = drv->session_sql(conn, o.kv, out);
    if (rc != STRATA_OK) {
        sql_list_free(out);
        return strata__error_set(sc->err, rc == STRATA_ERR_NOMEM
                                              ? rc
                                              : STRATA_ERR_CONFIG,
                                 "session settings for %s: %s", drv->name,
                                 conn->errmsg[0] ? conn->errmsg
                                                 : strata_strerror(rc));
    }
    return STRATA_OK;
}

/* The configuration's session_sql, run after the driver's settings on
 * every connection: written for the URL's dialect, so printed only for
 * that one. */
static int put_user_session(script *sc)
{
    const strata_config *cfg = sc->o->cfg;
    const strata_driver *drv = sc->o->drv;
    strata_stmt_list l = {0};
    int rc;

    if (!cfg->session_sql)
        return STRATA_OK;
    if (strcmp(drv->name, sc->o->session_dialect) != 0)
        return commentf(sc, "session_sql (for %s) left out",
                        sc->o->session_dialect);
    rc = drv->split(sc->o->conn, cfg->session_sql, strlen(cfg->session_sql),
                    &l);
    if (rc != STRATA_OK)
        return strata__error_set(sc->err, STRATA_ERR_CONFIG,
                                 "session_sql: %s", sc->o->conn->errmsg);
    rc = comment(sc, "session_sql (configuration)");
    for (size_t i = 0; i < l.count && rc == STRATA_OK; i++)
        rc = put_stmt(sc, l.items[i].sql);
    strata__stmt_list_free(&l);
    return rc;
}

static int put_head(script *sc)
{
    const strata_offline *o = sc->o;
    const char *verb = o->dir == STRATA_UP ? "upgrade" : "downgrade";
    size_t n = sc->plan->n;
    char *sql = NULL;
    int rc;

    rc = commentf(sc, "strata %s: %s script for %s, %zu migration%s",
                  STRATA_VERSION, verb, o->drv->name, n, n == 1 ? "" : "s");
    if (rc == STRATA_OK)
        rc = commentf(sc, "from %s to %s; written %s by %s", o->from, o->to,
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
    if (rc == STRATA_OK && !n)
        rc = comment(sc, "\nnothing to do");
    if (rc == STRATA_OK && sc->set.count)
        rc = comment(sc, "\nsession settings (strata's connection)");
    for (size_t i = 0; i < sc->set.count && rc == STRATA_OK; i++)
        rc = put_stmt(sc, sc->set.items[i].sql);
    if (rc == STRATA_OK)
        rc = put_user_session(sc);
    if (rc != STRATA_OK || !n)
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
    const strata_offline *o = sc->o;
    int rc = strata__history_quote(o->drv, o->conn, o->cfg->history_table,
                                   &sc->hist);

    if (rc == STRATA_OK)
        rc = strata__history_quote(o->drv, o->conn, o->cfg->version_table,
                                   &sc->vers);
    return rc == STRATA_OK ? rc
                           : strata__error_set(sc->err, rc,
                                               "quoting the history "
                                               "tables' names");
}

/* Every step's groups, in order on the simulated catalog, and the
 * program: a step with a rebuild gets foreign keys off. */
static int build_program(script *sc)
{
    const strata_offline *o = sc->o;
    const strata_plan *plan = sc->plan;
    strata_program_opts opts = {0};
    unsigned char *fk = calloc(plan->n ? plan->n : 1, 1);
    int rc = STRATA_OK;

    sc->units = calloc(plan->n ? plan->n : 1, sizeof *sc->units);
    if (!fk || !sc->units) {
        free(fk);
        return strata__nomem(sc->err);
    }
    for (size_t i = 0; i < plan->n && rc == STRATA_OK; i++) {
        strata_step *st = &plan->steps[i];
        step_units *su = &sc->units[i];

        /* IF [NOT] EXISTS wherever the dialect has it: the script may
         * meet a database a little ahead of --from. */
        for (size_t k = 0; k < st->nitems; k++)
            if (st->items[k].op)
                st->items[k].op->if_exists = 1;
        rc = strata__offline_units(&su->u, &su->n, sc->cache, o->cfg,
                                   strata__graph_rev(o->chain->graph,
                                                     st->rev),
                                   st, 0, sc->err);
        for (size_t u = 0; rc == STRATA_OK && u < su->n; u++)
            for (size_t k = 0; su->u[u].group && k < su->u[u].g.sql.count;
                 k++)
                fk[i] |= (su->u[u].g.sql.items[k].flags &
                          STRATA_SQL_NEEDS_FK_OFF) != 0;
    }
    opts.per_run = strata__program_per_run(o->drv, o->cfg);
    opts.fk_off = fk;
    if (rc == STRATA_OK)
        rc = strata__program_build(&sc->prog, plan, o->chain->graph, &opts,
                                   sc->err);
    free(fk);
    return rc;
}

/* Everything before the first line: the simulated catalog at --from,
 * the plan, the settings and the history tables' names. */
static int setup(script *sc, strata_prepared *p)
{
    const strata_offline *o = sc->o;
    size_t *vr = NULL, nvr = 0;
    int rc = strata__offline_supported(o->drv, sc->err);

    if (rc != STRATA_OK)
        return rc;
    sc->w = o->drv->script;
    sc->rows = calloc(p->n ? p->n : 1, 1);
    sc->applied = p->applied;
    sc->applied_by = strata__history_applied_by();
    if (!sc->rows || !sc->applied_by ||
        strata__catcache_new(&sc->cache, &sc->sim) != STRATA_OK ||
        strata__graph_version_rows(o->chain->graph, p->applied, &vr,
                                   &nvr) != STRATA_OK)
        return strata__nomem(sc->err);
    for (size_t i = 0; i < nvr; i++)
        sc->rows[vr[i]] = 1;
    free(vr);
    sc->sim.cfg = o->cfg;
    sc->sim.drv = o->drv;
    sc->sim.conn = o->conn;
    strata__catcache_simulate(sc->cache, 0);
    rc = replay(sc, &p->up);
    if (rc == STRATA_OK)
        rc = strata__prepare_plan(p, o->chain, o->drv->name, o->dir,
                                  sc->err);
    sc->plan = &p->plan;
    if (rc == STRATA_OK)
        rc = session_list(sc, NULL, &sc->set);
    if (rc == STRATA_OK)
        rc = session_list(sc, "0", &sc->zero);
    if (rc == STRATA_OK)
        rc = quote_tables(sc);
    return rc;
}

int strata__offline_script(const strata_offline *o, strata_prepared *p,
                           strata_buf *out, strata_error *err)
{
    script sc;
    int rc;

    memset(&sc, 0, sizeof sc);
    sc.o = o;
    sc.err = err;
    sc.item = -1;
    strata__history_now(sc.now, sizeof sc.now, NULL);
    rc = setup(&sc, p);
    if (rc == STRATA_OK)
        rc = put_head(&sc);
    if (rc == STRATA_OK)
        rc = build_program(&sc);
    if (rc == STRATA_OK)
        rc = put_range(&sc, sc.prog.insns, sc.prog.n);
    if (rc == STRATA_ERR_NOMEM && !err->code)
        strata__nomem(err);
    if (rc == STRATA_OK && sc.out.data)
        rc = strata__buf_puts(out, sc.out.data);
    for (size_t i = 0; sc.units && i < sc.plan->n; i++)
        strata__offline_units_free(sc.units[i].u, sc.units[i].n);
    free(sc.units);
    strata__program_free(&sc.prog);
    strata__catcache_free(sc.cache);
    sql_list_free(&sc.set);
    sql_list_free(&sc.zero);
    strata__buf_free(&sc.out);
    free(sc.hist);
    free(sc.vers);
    free(sc.rows);
    free(sc.applied_by);
    return rc;
}
