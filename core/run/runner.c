/* runner.c - run migrations with the commit shape of DESIGN §6: a
 * transaction per migration, or per run with a savepoint per migration;
 * autocommit segments with progress rows; the foreign-keys-off restart
 * a table rebuild needs (§0); retries on DDL lock timeouts; failures
 * recorded without losing what committed. */
#include "run/runner.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "plan/apply.h"
#include "sql/catalog.h"
#include "db/host.h"
#include "util/json.h"
#include "sql/op.h"
#include "chain/versions.h"
#include "util/output.h"
#include "util/version.h"

#define SAVEPOINT_SQL "SAVEPOINT strata_migration"
#define RELEASE_SQL "RELEASE SAVEPOINT strata_migration"
#define ROLLBACK_TO_SQL "ROLLBACK TO SAVEPOINT strata_migration"

/* Internal: a rendered statement needs foreign keys off (a rebuild). */
#define NEED_FK_OFF 1

typedef struct run {
    strata_session *s;
    strata_history *h;
    strata_chain *c;
    strata_report *rep;
    strata_plan *plan;
    strata_error *err;
    strata_catcache *cache;
    unsigned char *applied; /* borrowed; updated */
    unsigned char *rows;    /* current version rows, as a set */
    unsigned char *rows_saved, *applied_saved; /* both before a step */
    long long *resume;      /* per revision: last item a segment
                             * committed in an unfinished run */
    char **resume_sum;      /* per revision: hash of the statements that
                             * run completed (progress detail "prefix") */
    char *applied_by;
    int adopt;
    int per_run;            /* one transaction, a savepoint per step */
    int in_txn;             /* a transaction is open */
    int in_sp;              /* the step's savepoint is open in it */
    size_t first_open;      /* first step not yet committed */
} run;

/* The state of the migration being run. */
typedef struct step {
    size_t i;                 /* index in the plan */
    strata_step *st;
    const strata_revision *rev;
    int txn;                  /* its statements run in transactions */
    long long done;           /* last item committed by a segment */
    size_t at;                /* the item running (for failures) */
    int dirty;                /* statements ran in the open transaction
                               * since it began */
    int fk_off;               /* re-running with foreign keys off */
    int raw_alone;            /* raw SQL ran outside a transaction (a
                               * PRAGMA may have changed the session) */
    strata_buf captured;      /* captured definitions, JSON members */
    strata_buf adopted;       /* adopted drift, JSON strings */
    char **rebuilt;           /* tables rebuilt: checked after */
    size_t nrebuilt;
    char **created;           /* tables this migration created */
    size_t ncreated;
    char started[32];
    long long t0;
} step;

static const char *dir_word(const run *r)
{
    return r->plan->dir == STRATA_UP ? "up" : "down";
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int nomem(run *r)
{
    return strata__error_set(r->err, STRATA_ERR_NOMEM, "out of memory");
}

static int strv_add(char ***v, size_t *n, const char *s)
{
    char **nv;

    for (size_t i = 0; i < *n; i++)
        if (strata__name_eq((*v)[i], s))
            return STRATA_OK;
    nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return STRATA_ERR_NOMEM;
    *v = nv;
    if (!(nv[*n] = strdup(s)))
        return STRATA_ERR_NOMEM;
    (*n)++;
    return STRATA_OK;
}

static int strv_has(char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strata__name_eq(v[i], s))
            return 1;
    return 0;
}

/* --- history rows ------------------------------------------------------- */

static int record(run *r, step *sp, const char *direction,
                  const char *outcome, long long index, const char *detail)
{
    char finished[32];
    strata_history_row row = {0};

    strata__history_now(finished, sizeof finished, NULL);
    row.revision = sp->rev->id;
    row.direction = (char *)direction;
    row.checksum = sp->st->checksum;
    row.started_at = sp->started;
    row.finished_at = finished;
    row.duration_ms = now_ms() - sp->t0;
    row.applied_by = r->applied_by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)outcome;
    row.statement_index = index;
    row.detail = (char *)detail;
    return strata__history_append(r->h, &row, r->err);
}

/* The applied row's detail: captured definitions (for derived
 * downgrades) and the catalog round trips. */
static char *step_detail(run *r, step *sp)
{
    strata_buf b = {0};

    if (!sp->captured.len && !sp->adopted.len)
        return NULL;
    strata__buf_puts(&b, "{");
    if (sp->captured.len)
        strata__buf_printf(&b, "\"captured\":[%s]", sp->captured.data);
    if (sp->adopted.len)
        strata__buf_printf(&b, "%s\"adopted\":[%s]",
                           sp->captured.len ? "," : "", sp->adopted.data);
    strata__buf_printf(&b, ",\"catalog_queries\":%u",
                       strata__catcache_queries(r->cache));
    strata__buf_puts(&b, "}");
    return strata__buf_take(&b);
}

/* One change to strata_version, as history.c decides it. */
static int version_change(void *payload, strata_version_change kind,
                          const char *rev, const char *to)
{
    run *r = payload;

    switch (kind) {
    case STRATA_VERSION_MOVE:
        return strata__history_version_move(r->h, rev, to, r->err);
    case STRATA_VERSION_DEL:
        return strata__history_version_del(r->h, rev, r->err);
    default:
        return strata__history_version_add(r->h, rev, r->err);
    }
}

/* Bring strata_version in line with the step having run. */
static int move_version(run *r, step *sp)
{
    int rc = strata__version_step(r->c->graph, sp->st->rev,
                                          r->plan->dir, r->rows, r->applied,
                                          version_change, r);

    return rc == STRATA_ERR_NOMEM ? nomem(r) : rc;
}

/* --- transactions ------------------------------------------------------- */

/* Open the step's transaction (and its savepoint in a per-run one). */
static int open_txn(run *r, step *sp)
{
    int rc;

    if (!r->in_txn) {
        rc = strata__session_begin(r->s, r->err);
        if (rc != STRATA_OK)
            return rc;
        r->in_txn = 1;
        r->first_open = sp->i;
    }
    if (!r->per_run)
        return STRATA_OK;
    rc = strata__session_exec(r->s, SAVEPOINT_SQL, r->err);
    r->in_sp = rc == STRATA_OK;
    return rc;
}

/* Keep the step's work in the run's transaction, savepoint gone. */
static int release_sp(run *r)
{
    if (!r->in_sp)
        return STRATA_OK;
    r->in_sp = 0;
    return strata__session_exec(r->s, RELEASE_SQL, r->err);
}

/* Commit what the step did so far (and the run before it). */
static int commit_txn(run *r)
{
    int rc = STRATA_OK;

    if (!r->in_txn)
        return STRATA_OK;
    rc = release_sp(r);
    if (rc == STRATA_OK)
        rc = strata__session_commit(r->s, r->err);
    r->in_txn = 0;
    return rc;
}

/* Undo the step's open transaction after an error: back to its
 * savepoint (the run's earlier steps stay), or roll back.  Returns 1
 * when the engine had already rolled back the whole transaction. */
static int undo_txn(run *r)
{
    strata_error lerr = {0};
    int open = 1;

    if (!r->in_txn)
        return 0;
    if (r->per_run && r->s->drv->in_transaction &&
        r->s->drv->in_transaction(r->s->conn, &open) == STRATA_OK && !open) {
        r->in_txn = r->in_sp = 0;
        return 1;
    }
    if (r->in_sp) {
        if (strata__session_exec(r->s, ROLLBACK_TO_SQL, &lerr) == STRATA_OK)
            strata__session_exec(r->s, RELEASE_SQL, &lerr);
        r->in_sp = 0;
    } else if (!r->per_run) {
        strata__session_rollback(r->s, &lerr);
        r->in_txn = 0;
    }
    strata__error_clear(&lerr);
    return 0;
}

/* The engine rolled back migrations this run had reported applied. */
static void report_lost(run *r, size_t upto)
{
    strata_buf b = {0};

    for (size_t k = r->first_open; k < upto; k++) {
        const strata_step *st = &r->plan->steps[k];
        strata__buf_printf(&b, "%s%s", b.len ? ", " : "",
                           strata__graph_rev(r->c->graph, st->rev)->id);
        r->applied[st->rev] = r->plan->dir == STRATA_DOWN;
    }
    if (b.len)
        strata__errout("the database rolled back the whole transaction: "
                       "%s %s not applied; run the command again",
                       b.data, upto - r->first_open == 1 ? "was" : "were");
    strata__buf_free(&b);
}

/* Hash of what items 0..upto run (the normalised statements), so that a
 * resumed run can tell whether the statements it skips are the ones that
 * ran.  An edit after them (the usual fix of a failing statement) keeps
 * it. */
static int prefix_hash(const strata_step *st, long long upto, char out[65])
{
    const char **parts;
    size_t n = (size_t)(upto + 1);
    int rc;

    if (upto < 0 || n > st->nitems)
        return STRATA_ERR_INVALID;
    parts = calloc(n, sizeof *parts);
    if (!parts)
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        parts[i] = !st->items[i].derived && i < st->stmts.count &&
                           st->stmts.items[i].norm
                       ? st->stmts.items[i].norm
                       : st->items[i].sql;
    rc = strata__sha256_hex(out, parts, n);
    free(parts);
    return rc;
}

static int record_progress(run *r, step *sp, long long item)
{
    char hex[65], *detail;
    int rc;

    if (prefix_hash(sp->st, item, hex) != STRATA_OK)
        return nomem(r);
    detail = strata__sprintf("{\"prefix\":\"%s\"}", hex);
    if (!detail)
        return nomem(r);
    rc = record(r, sp, dir_word(r), "progress", item, detail);
    free(detail);
    return rc;
}

/* A statement that must not run in a transaction: commit what came
 * before with a progress row, run it alone, log it, reopen. */
static int segment(run *r, step *sp, size_t item, const char *sql,
                   int *exec_rc)
{
    int rc = STRATA_OK;

    *exec_rc = STRATA_OK;
    if (r->in_txn) {
        /* What ran in the transaction so far commits as progress; an
         * empty transaction has nothing to record. */
        if (item > 0 && sp->dirty)
            rc = record_progress(r, sp, (long long)item - 1);
        sp->dirty = 0;
        if (rc == STRATA_OK)
            rc = commit_txn(r);
        if (rc != STRATA_OK)
            return rc;
        sp->done = (long long)item - 1;
    }
    *exec_rc = r->s->drv->exec(r->s->conn, sql);
    if (*exec_rc != STRATA_OK)
        return *exec_rc;
    rc = record_progress(r, sp, (long long)item);
    if (rc == STRATA_OK)
        sp->done = (long long)item;
    if (rc == STRATA_OK && sp->txn)
        rc = open_txn(r, sp);
    return rc;
}

/* --- running items ------------------------------------------------------ */

/* err = "file:line: what the database said". */
static int stmt_failed(run *r, step *sp, size_t item, int rc)
{
    strata__error_set(r->err, rc, "%s:%u: %s", sp->rev->path,
                      sp->st->items[item].line,
                      r->s->conn->errmsg[0] ? r->s->conn->errmsg
                                            : strata_strerror(rc));
    return rc;
}

/* One statement, in the transaction or as its own segment. */
static int run_sql(run *r, step *sp, size_t item, const char *sql,
                   int alone)
{
    int rc, exec_rc = STRATA_OK;

    if (alone || !sp->txn) {
        rc = segment(r, sp, item, sql, &exec_rc);
        if (exec_rc != STRATA_OK)
            return stmt_failed(r, sp, item, exec_rc);
        return rc;
    }
    rc = r->s->drv->exec(r->s->conn, sql);
    sp->dirty = 1;
    return rc == STRATA_OK ? rc : stmt_failed(r, sp, item, rc);
}

static uint32_t allow_locking(const run *r, const step *sp)
{
    return r->s->cfg->allow_locking || sp->rev->allow_locking
               ? STRATA_OP_ALLOW_LOCKING
               : 0;
}

static int first_count(void *payload, int ncols, const char *const *v,
                       const char *const *names)
{
    (void)names;
    *(long long *)payload = ncols > 0 && v[0] ? atoll(v[0]) : 0;
    return 1; /* the first row is all a guard needs */
}

/* A guard: its count must be 0, else run its undo and fail. */
static int run_guard(run *r, step *sp, size_t item, const strata_sql *q)
{
    long long count = 0;
    int rc = r->s->drv->query(r->s->conn, q->sql, first_count, &count);

    if (rc != STRATA_OK && rc != STRATA_ERR_USER)
        return stmt_failed(r, sp, item, rc);
    if (!count)
        return STRATA_OK;
    if (q->alternative && r->s->drv->exec(r->s->conn, q->alternative))
        strata__warn("%s: undoing after a failed check: %s", sp->rev->path,
                     r->s->conn->errmsg);
    return strata__error_set(r->err, STRATA_ERR_DB, "%s:%u: %s (%lld)",
                             sp->rev->path, sp->st->items[item].line,
                             q->note ? q->note : "check failed", count);
}

/* A rendered statement, with its locking alternative when the engine
 * refuses the online form and the migration allows locking. */
static int run_rendered(run *r, step *sp, size_t item, const strata_sql *q)
{
    int alone = (q->flags & STRATA_SQL_AUTOCOMMIT) != 0, rc;

    if (q->flags & STRATA_SQL_GUARD)
        return run_guard(r, sp, item, q);
    rc = run_sql(r, sp, item, q->sql, alone);
    if (rc != STRATA_ERR_POLICY || !q->alternative)
        return rc;
    if (!allow_locking(r, sp)) {
        char *why = strdup(r->err->msg ? r->err->msg : "refused online");

        strata__error_set(r->err, STRATA_ERR_POLICY,
                          "%s; allow_locking (strata.ini, --allow-locking "
                          "or the header 'allow_locking: true') accepts "
                          "its locking form",
                          why ? why : "refused online");
        free(why);
        return STRATA_ERR_POLICY;
    }
    strata__warn("%s; running the locking form instead (allow_locking)",
                 r->err->msg);
    return run_sql(r, sp, item, q->alternative, alone);
}

static int adopt_note(step *sp, const char *why)
{
    int rc = sp->adopted.len ? strata__buf_puts(&sp->adopted, ",")
                             : STRATA_OK;

    return rc == STRATA_OK ? strata__json_str(&sp->adopted, why) : rc;
}

/* Outcome words of a group's operations, with the drivers' notes. */
static void report_group(run *r, step *sp, size_t first,
                         const strata_group *g, int failed)
{
    strata_buf notes = {0};

    for (size_t k = 0; k < g->sql.count; k++)
        if (g->sql.items[k].note &&
            !(g->sql.items[k].flags & STRATA_SQL_GUARD) &&
            !strstr(notes.data ? notes.data : "", g->sql.items[k].note))
            strata__buf_printf(&notes, "%s%s", notes.len ? "; " : "",
                               g->sql.items[k].note);
    for (size_t k = 0; k < g->nops; k++) {
        const strata_item *it = &sp->st->items[first + k];
        const char *word = g->adopted[k] ? "adopted"
                           : failed      ? "failed"
                                         : strata__ensure_word(g->outcome[k]);
        int applied = g->outcome[k] != STRATA_ENSURE_SKIP_EXISTS &&
                      g->outcome[k] != STRATA_ENSURE_SKIP_ABSENT &&
                      !g->adopted[k];
        strata__report_op(r->rep, strata__op_kind_name(it->op->kind),
                          it->sql, it->line, word,
                          applied && notes.len ? notes.data : NULL);
    }
    for (size_t k = 0; k < g->sql.count; k++)
        strata__report_sql(r->rep, g->sql.items[k].sql);
    strata__buf_free(&notes);
}

/* Operations items[first, end) on one table: decide, render, run. */
static int run_group(run *r, step *sp, size_t first, size_t end)
{
    strata_item *items = sp->st->items;
    strata_op *op = items[first].op;
    strata_group g;
    int rc, rebuilt = 0, created;

    created = op->table && strv_has(sp->created, sp->ncreated, op->table);
    rc = strata__group_prepare(&g, r->cache, items + first, end - first,
                               first, sp->rev->path,
                               r->s->cfg->online_indexes, r->adopt, created,
                               allow_locking(r, sp), r->err);
    if (rc != STRATA_OK) {
        strata__group_clear(&g);
        return rc;
    }
    for (size_t k = 0; k < g.sql.count; k++) {
        if ((g.sql.items[k].flags & STRATA_SQL_NEEDS_FK_OFF) && !sp->fk_off) {
            strata__group_clear(&g);
            return NEED_FK_OFF;
        }
        rebuilt |= (g.sql.items[k].flags & STRATA_SQL_NEEDS_FK_OFF) != 0;
    }
    for (size_t k = 0; k < g.sql.count && rc == STRATA_OK; k++)
        rc = run_rendered(r, sp, first, &g.sql.items[k]);
    report_group(r, sp, first, &g, rc != STRATA_OK);
    if (rc == STRATA_OK && g.captured)
        rc = strata__buf_printf(&sp->captured, "%s%s",
                                sp->captured.len ? "," : "", g.captured);
    for (size_t k = 0; k < g.nops && rc == STRATA_OK; k++)
        if (g.adopted[k])
            rc = adopt_note(sp, g.why[k]);
    if (rc == STRATA_OK && op->kind == STRATA_OP_CREATE_TABLE &&
        g.outcome[0] == STRATA_ENSURE_APPLY)
        rc = strv_add(&sp->created, &sp->ncreated, op->table);
    if (rc == STRATA_OK && rebuilt && g.table)
        rc = strv_add(&sp->rebuilt, &sp->nrebuilt, g.table);
    if (rc == STRATA_ERR_NOMEM)
        nomem(r);
    if (g.table && !g.created)
        strata__catcache_stale(r->cache, g.table);
    if (g.other)
        strata__catcache_stale(r->cache, g.other);
    strata__group_clear(&g);
    return rc;
}

/* The step's raw statements and groups of operations.  Resuming after
 * an unfinished run (sp->done), raw statements that ran are skipped:
 * nothing can tell whether running them again is harmless.  Operations
 * are checked again instead, and report "skipped" where they hold. */
static int run_items(run *r, step *sp)
{
    strata_step *st = sp->st;
    size_t k = 0;
    int rc = STRATA_OK;

    while (k < st->nitems && rc == STRATA_OK) {
        const strata_item *it = &st->items[k];
        size_t end;

        sp->at = k;
        if (!it->op && (long long)k <= sp->done) {
            strata__report_op(r->rep, "sql", it->sql, it->line, "done",
                              NULL);
            k++;
            continue;
        }
        if (it->op) {
            end = strata__group_end(st->items, st->nitems, k);
            rc = run_group(r, sp, k, end);
            k = end;
            continue;
        }
        if ((it->flags & STRATA_STMT_NOTXN) || !sp->txn)
            sp->raw_alone = 1;
        rc = run_sql(r, sp, k, it->sql, (it->flags & STRATA_STMT_NOTXN) != 0);
        strata__report_op(r->rep, "sql", it->sql, it->line,
                          rc == STRATA_OK ? "applied" : "failed", NULL);
        /* Raw SQL may have changed any table. */
        strata__catcache_stale(r->cache, NULL);
        k++;
    }
    return rc;
}

/* After a rebuild: no row of a rebuilt table, or of a table referencing
 * it, may break a foreign key (§0). */
static int fk_check(run *r, step *sp)
{
    for (size_t i = 0; i < sp->nrebuilt; i++) {
        size_t count = 0;
        int rc;

        if (!r->s->drv->fk_violations)
            return STRATA_OK;
        rc = r->s->drv->fk_violations(r->s->conn, sp->rebuilt[i], &count);
        if (rc != STRATA_OK)
            return strata__session_fail(r->s, rc, r->err,
                                        "%s: foreign key check of %s",
                                        sp->rev->path, sp->rebuilt[i]);
        if (count)
            return strata__error_set(r->err, STRATA_ERR_DB,
                                     "%s: after rebuilding %s, %zu row%s "
                                     "break a foreign key (PRAGMA "
                                     "foreign_key_check)",
                                     sp->rev->path, sp->rebuilt[i], count,
                                     count == 1 ? "" : "s");
    }
    return STRATA_OK;
}

static int set_fk(run *r, int on)
{
    int rc;

    if (!r->s->drv->foreign_keys)
        return strata__error_set(r->err, STRATA_ERR_NOTSUP,
                                 "the %s driver cannot turn foreign keys "
                                 "off for a table rebuild",
                                 r->s->drv->name);
    rc = r->s->drv->foreign_keys(r->s->conn, on);
    return rc == STRATA_OK ? rc
                           : strata__session_fail(r->s, rc, r->err,
                                                  "foreign keys %s",
                                                  on ? "on" : "off");
}

static void step_reset(step *sp)
{
    strata__buf_free(&sp->captured);
    strata__buf_free(&sp->adopted);
    for (size_t i = 0; i < sp->nrebuilt; i++)
        free(sp->rebuilt[i]);
    free(sp->rebuilt);
    for (size_t i = 0; i < sp->ncreated; i++)
        free(sp->created[i]);
    free(sp->created);
    sp->rebuilt = sp->created = NULL;
    sp->nrebuilt = sp->ncreated = 0;
}

static char *failure_detail(const run *r, const step *sp)
{
    strata_buf b = {0};

    strata__buf_puts(&b, "{");
    strata__json_key(&b, "error", 1);
    strata__json_str(&b, r->err->msg);
    strata__json_key(&b, "statement_index", 0);
    strata__buf_printf(&b, "%zu", sp->at);
    if (sp->at < sp->st->nitems) {
        strata__json_key(&b, "line", 0);
        strata__buf_printf(&b, "%u", sp->st->items[sp->at].line);
    }
    strata__buf_puts(&b, "}");
    return strata__buf_take(&b);
}

/* Record the failure in a commit of its own; r->err keeps the cause. */
static void record_failure(run *r, step *sp)
{
    strata_error *orig = r->err, lerr = {0};
    char *detail = failure_detail(r, sp);
    int rc = STRATA_OK;

    r->err = &lerr; /* record() reports here; the failure stays in orig */
    if (!r->in_txn) {
        rc = strata__session_begin(r->s, &lerr);
        r->in_txn = rc == STRATA_OK;
    }
    if (rc == STRATA_OK)
        rc = record(r, sp, dir_word(r), "failed", (long long)sp->at,
                    detail);
    if (r->in_txn) {
        if (rc == STRATA_OK)
            rc = strata__session_commit(r->s, &lerr);
        else
            strata__session_rollback(r->s, &lerr);
        r->in_txn = 0;
    }
    if (rc != STRATA_OK)
        strata__warn("could not record the failure in %s: %s",
                     r->s->cfg->history_table,
                     lerr.msg ? lerr.msg : strata_strerror(rc));
    strata__error_clear(&lerr);
    free(detail);
    r->err = orig;
}

/* The step's items are done: its history row and version move commit
 * with its last statements. */
static int finish_step(run *r, step *sp)
{
    char *detail = step_detail(r, sp);
    int rc, commits, held, ended = 0;

    if (!r->in_txn)
        rc = open_txn(r, sp);
    else
        rc = STRATA_OK;
    if (rc == STRATA_OK && sp->fk_off)
        rc = fk_check(r, sp);
    /* Per run, the step stays in the run's transaction; a rebuild or a
     * raw statement run alone ends it, so that foreign keys can be
     * turned back on before the next migration. */
    commits = !r->per_run || !sp->txn || sp->fk_off || sp->raw_alone;
    /* The bookkeeping and COMMIT go in one round trip where the driver
     * can: it saves two of six round trips a migration takes on
     * PostgreSQL (bench/pg_1000.sh). */
    held = rc == STRATA_OK && commits && !r->in_sp &&
           strata__history_hold(r->h);
    if (rc == STRATA_OK)
        rc = record(r, sp, dir_word(r), sp->st->empty ? "empty" : "applied",
                    -1, detail);
    if (rc == STRATA_OK)
        rc = move_version(r, sp);
    free(detail);
    if (held && rc == STRATA_OK) {
        rc = strata__history_commit(r->h, &ended, r->err);
        if (ended)
            r->in_txn = 0;
    } else if (held) {
        strata__history_unhold(r->h);
    } else if (rc == STRATA_OK && commits) {
        rc = commit_txn(r);
    } else if (rc == STRATA_OK) {
        rc = release_sp(r);
    }
    return rc;
}

/* Roll back what this attempt did; commit the run before it; turn
 * foreign keys off; then the caller runs the step again (§0). */
static int enter_fk_off(run *r, step *sp)
{
    int rc;

    if (undo_txn(r))
        return strata__error_set(r->err, STRATA_ERR_DB,
                                 "the database rolled back the run");
    rc = commit_txn(r);
    if (rc == STRATA_OK)
        rc = set_fk(r, 0);
    if (rc == STRATA_OK)
        sp->fk_off = 1;
    return rc;
}

static int run_step(run *r, size_t i)
{
    step sp = {0};
    char word[64];
    int attempt = 0, rc;

    sp.i = i;
    sp.st = &r->plan->steps[i];
    sp.rev = strata__graph_rev(r->c->graph, sp.st->rev);
    /* Statements the engine cannot run in a transaction are flagged by
     * its driver (MySQL's DDL); the rest still share one. */
    sp.txn = sp.rev->txn != STRATA_TXN_NONE;
    sp.done = r->resume[sp.st->rev];
    /* Resuming skips statements that ran: only if they are the same. */
    if (sp.done >= 0) {
        char hex[65];

        if (prefix_hash(sp.st, sp.done, hex) != STRATA_OK ||
            !r->resume_sum[sp.st->rev] ||
            strcmp(hex, r->resume_sum[sp.st->rev]) != 0)
            return strata__error_set(
                r->err, STRATA_ERR_CHECKSUM,
                "%s: its first %lld statement%s ran in an unfinished run and "
                "%s changed since; restore %s, or finish the migration by "
                "hand and 'strata stamp %s'",
                sp.rev->path, sp.done + 1, sp.done ? "s" : "",
                sp.done ? "have" : "has", sp.done ? "them" : "it",
                sp.rev->id);
    }
    strata__history_now(sp.started, sizeof sp.started, NULL);
    sp.t0 = now_ms();
    memcpy(r->rows_saved, r->rows, strata__graph_count(r->c->graph));
    memcpy(r->applied_saved, r->applied, strata__graph_count(r->c->graph));
    for (;;) {
        /* An attempt that failed after move_version must not leave its
         * bookkeeping behind for the retry. */
        memcpy(r->rows, r->rows_saved, strata__graph_count(r->c->graph));
        memcpy(r->applied, r->applied_saved,
               strata__graph_count(r->c->graph));
        strata__catcache_reset(r->cache);
        step_reset(&sp);
        strata__report_step_begin(r->rep, sp.rev, dir_word(r));
        rc = sp.txn ? open_txn(r, &sp) : STRATA_OK;
        if (rc == STRATA_OK)
            rc = run_items(r, &sp);
        if (rc == STRATA_OK)
            rc = finish_step(r, &sp);
        if (rc == STRATA_OK)
            break;
        if (rc == NEED_FK_OFF) {
            rc = enter_fk_off(r, &sp);
            if (rc == STRATA_OK)
                continue;
        } else if (undo_txn(r)) {
            report_lost(r, i);
        } else if (rc == STRATA_ERR_LOCKED &&
                   attempt < r->s->cfg->lock_retries) {
            strata__warn("%s; retrying (%d of %d)", r->err->msg,
                         attempt + 1, r->s->cfg->lock_retries);
            strata__session_backoff(attempt++);
            continue;
        }
        strata__report_step_end(r->rep, "failed", now_ms() - sp.t0,
                                strata__catcache_queries(r->cache));
        if (sp.st->nitems)
            record_failure(r, &sp);
        break;
    }
    /* Foreign keys are on in every strata session: neither a rebuild nor
     * a migration's own PRAGMA carries over into the next migration. */
    if ((sp.fk_off || sp.raw_alone) && r->s->drv->foreign_keys &&
        !r->in_txn) {
        strata_error lerr = {0};
        strata_error *keep = r->err;
        r->err = &lerr;
        if (set_fk(r, 1) != STRATA_OK)
            strata__warn("%s", lerr.msg ? lerr.msg : "foreign keys on");
        strata__error_clear(&lerr);
        r->err = keep;
    }
    if (rc == STRATA_OK) {
        if (sp.st->empty)
            snprintf(word, sizeof word, "empty on %s", r->s->drv->name);
        strata__report_step_end(r->rep, sp.st->empty ? word : "applied",
                                now_ms() - sp.t0,
                                strata__catcache_queries(r->cache));
    }
    step_reset(&sp);
    return rc;
}

/* The "prefix" hash a progress row's detail holds; malloc'd or NULL. */
static char *prefix_of(const char *detail)
{
    strata_json *doc = NULL;
    const strata_json *p;
    char *out = NULL;

    if (detail && strata__json_parse(&doc, detail) == STRATA_OK &&
        (p = strata__json_get(doc, "prefix")) &&
        p->type == STRATA_JSON_STRING)
        out = strdup(p->string);
    strata__json_free(doc);
    return out;
}

/* Resume points of unfinished segmented steps, from the history. */
static int load_resume(run *r)
{
    strata_history_row *rows;
    size_t n, count = strata__graph_count(r->c->graph);
    int rc;

    for (size_t i = 0; i < count; i++)
        r->resume[i] = -1;
    rc = strata__history_read(r->h, &rows, &n, r->err);
    if (rc != STRATA_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        long idx = rows[i].revision
                       ? strata__graph_find(r->c->graph, rows[i].revision)
                       : -1;
        if (idx < 0 || !rows[i].outcome)
            continue;
        if (strcmp(rows[i].outcome, "progress") == 0 && rows[i].direction &&
            strcmp(rows[i].direction, dir_word(r)) == 0) {
            r->resume[idx] = rows[i].statement_index;
            free(r->resume_sum[idx]);
            r->resume_sum[idx] = prefix_of(rows[i].detail);
        } else if (strcmp(rows[i].outcome, "failed") != 0) {
            r->resume[idx] = -1;
        }
    }
    strata__history_rows_free(rows, n);
    return STRATA_OK;
}

/* One catalog read up front for every table the run's CREATE TABLEs
 * name: deploying a chain from scratch then needs no existence query per
 * migration. */
static int prefetch(run *r)
{
    const char **names = NULL;
    size_t n = 0, cap = 0;
    int rc;

    for (size_t i = 0; i < r->plan->n; i++) {
        const strata_step *st = &r->plan->steps[i];
        for (size_t k = 0; k < st->nitems; k++) {
            const strata_op *op = st->items[k].op;
            if (!op || op->kind != STRATA_OP_CREATE_TABLE || !op->table)
                continue;
            if (n == cap) {
                const char **v = realloc(names, (cap ? cap * 2 : 16) *
                                                    sizeof *v);
                if (!v) {
                    free(names);
                    return nomem(r);
                }
                names = v;
                cap = cap ? cap * 2 : 16;
            }
            names[n++] = op->table;
        }
    }
    /* One table gains nothing over asking when it comes. */
    rc = n > 1 && r->s->drv->introspect
             ? strata__catcache_prefetch(r->cache, names, n, r->err)
             : STRATA_OK;
    free(names);
    return rc;
}

int strata__run(strata_session *s, strata_history *h, strata_chain *c,
                strata_plan *plan, unsigned char *applied, int adopt,
                strata_report *rep, strata_error *err)
{
    size_t n = strata__graph_count(c->graph), *rows = NULL, nrows = 0;
    run r = {0};
    int rc = STRATA_OK;

    r.s = s;
    r.h = h;
    r.c = c;
    r.rep = rep;
    r.plan = plan;
    r.err = err;
    r.applied = applied;
    r.adopt = adopt;
    r.per_run = (s->cfg->transaction_per_run ||
                 (s->drv->caps & STRATA_CAP_RUN_TRANSACTION)) &&
                (s->drv->caps & STRATA_CAP_SAVEPOINT);
    r.rows = calloc(n ? n : 1, 1);
    r.rows_saved = calloc(n ? n : 1, 1);
    r.applied_saved = calloc(n ? n : 1, 1);
    r.resume = calloc(n ? n : 1, sizeof *r.resume);
    r.resume_sum = calloc(n ? n : 1, sizeof *r.resume_sum);
    r.applied_by = strata__history_applied_by();
    if (!r.rows || !r.rows_saved || !r.applied_saved || !r.resume ||
        !r.resume_sum || !r.applied_by ||
        strata__catcache_new(&r.cache, s) != STRATA_OK ||
        strata__graph_version_rows(c->graph, applied, &rows, &nrows) !=
            STRATA_OK) {
        rc = nomem(&r);
        goto done;
    }
    for (size_t i = 0; i < nrows; i++)
        r.rows[rows[i]] = 1;
    rc = load_resume(&r);
    if (rc == STRATA_OK)
        rc = prefetch(&r);
    for (size_t i = 0; i < plan->n && rc == STRATA_OK; i++)
        rc = run_step(&r, i);
    if (r.in_txn) {
        /* Completed steps wait in the run's transaction; a failure was
         * already recorded and committed, so this is the success path.
         * A COMMIT refused for a lock is retried like a statement. */
        for (int attempt = 0; rc == STRATA_OK; attempt++) {
            rc = commit_txn(&r);
            if (rc != STRATA_ERR_LOCKED || attempt >= s->cfg->lock_retries)
                break;
            strata__warn("%s; retrying (%d of %d)", err->msg, attempt + 1,
                         s->cfg->lock_retries);
            r.in_txn = 1;
            strata__session_backoff(attempt);
            rc = STRATA_OK;
        }
        if (rc != STRATA_OK) /* whatever the engine still holds */
            strata__session_rollback(s, NULL);
        if (rc != STRATA_OK)
            report_lost(&r, plan->n);
    }
done:
    strata__catcache_free(r.cache);
    free(rows);
    free(r.rows);
    free(r.resume);
    for (size_t i = 0; r.resume_sum && i < n; i++)
        free(r.resume_sum[i]);
    free(r.resume_sum);
    free(r.rows_saved);
    free(r.applied_saved);
    free(r.applied_by);
    return rc;
}
