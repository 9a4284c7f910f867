/* runner.c - carry out a plan's program (plan/program.c decides its
 * shape: a transaction per migration, or per run with a savepoint per
 * migration; autocommit segments with progress rows; the foreign-keys-off
 * variant a table rebuild needs, docs/design.md §7.4 and §7) against the
 * driver, with retries on DDL lock timeouts and failures recorded without
 * losing what committed. */
#include "run/runner.h"
#include "run/watch.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/catcache.h"
#include "plan/group.h"
#include "plan/program.h"
#include "sql/catalog.h"
#include "db/host.h"
#include "util/json.h"
#include "sql/op.h"
#include "chain/versions.h"
#include "util/interrupt.h"
#include "util/output.h"
#include "util/version.h"
#include "util/alloc.h"
#include "util/clock.h"

/* Internal: a rendered statement needs foreign keys off (a rebuild). */
#define NEED_FK_OFF 1

typedef struct run {
    strata_session *s;
    strata_history *h;
    strata_chain *c;
    strata_report *rep;
    strata_plan *plan;
    strata_program prog;    /* what runs, in order */
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
    int in_txn;             /* a transaction is open */
    int in_sp;              /* the step's savepoint is open in it */
    size_t first_open;      /* first step not yet committed */
    strata_watch *watch;    /* progress of long statements; NULL = off */
} run;

/* The state of the migration being run. */
typedef struct step {
    size_t i;                 /* index in the plan */
    strata_step *st;
    const strata_revision *rev;
    long long done;           /* last item committed by a segment */
    size_t at;                /* the item running (for failures) */
    long item;                /* the item of the instruction running */
    int pending;              /* it is raw SQL, not reported yet */
    int dirty;                /* statements ran in the open transaction
                               * since it began */
    int fk_off;               /* running with foreign keys off */
    int raw_alone;            /* raw SQL ran outside a transaction (a
                               * PRAGMA may have changed the session) */
    int held;                 /* history writes wait for the COMMIT */
    json_t *captured;         /* captured definitions (a JSON array of
                               * the groups' captures), NULL when none */
    json_t *adopted;          /* adopted drift: an array of the drift
                               * sentences, NULL when none */
    char **rebuilt;           /* tables rebuilt: checked after */
    size_t nrebuilt;
    char **created;           /* tables this migration created */
    size_t ncreated;
    char started[32];
    long long t0;
} step;

static int exec_range(run *r, step *sp, const strata_insn *v, size_t n);

static const char *dir_word(const run *r)
{
    return r->plan->dir == STRATA_UP ? "up" : "down";
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
    row.duration_ms = strata__mono_ms() - sp->t0;
    row.applied_by = r->applied_by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)outcome;
    row.statement_index = index;
    row.detail = (char *)detail;
    return strata__history_append(r->h, &row, r->err);
}

/* The applied row's detail into *out: captured definitions (for
 * derived downgrades), adopted drift and the catalog round trips; NULL
 * when nothing was captured or adopted. */
static int step_detail(run *r, step *sp, char **out)
{
    *out = NULL;
    if (!sp->captured && !sp->adopted)
        return STRATA_OK;
    *out = strata__json_dump_new(
        json_pack("{s:O*,s:O*,s:I}", "captured", sp->captured, "adopted",
                  sp->adopted, "catalog_queries",
                  (json_int_t)strata__catcache_queries(r->cache)));
    STRATA_ALLOC_CHECK(*out, r->err);
    return STRATA_OK;
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
    int rc = strata__version_step(r->c->graph, sp->st->rev, r->plan->dir,
                                  r->rows, r->applied, version_change, r);

    return rc == STRATA_ERR_NOMEM ? strata__nomem(r->err) : rc;
}

/* --- transactions ------------------------------------------------------- */

/* BEGIN, unless the run's transaction is open. */
static int begin_txn(run *r, step *sp)
{
    int rc;

    if (r->in_txn)
        return STRATA_OK;
    rc = strata__session_begin(r->s, r->err);
    if (rc != STRATA_OK)
        return rc;
    r->in_txn = 1;
    r->first_open = sp->i;
    return STRATA_OK;
}

static int open_savepoint(run *r)
{
    int rc = strata__session_exec(r->s, STRATA_SAVEPOINT_SQL, r->err);

    r->in_sp = rc == STRATA_OK;
    return rc;
}

/* Keep the step's work in the run's transaction, savepoint gone. */
static int release_sp(run *r)
{
    if (!r->in_sp)
        return STRATA_OK;
    r->in_sp = 0;
    return strata__session_exec(r->s, STRATA_RELEASE_SQL, r->err);
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
    if (r->prog.per_run && r->s->drv->in_transaction &&
        r->s->drv->in_transaction(r->s->conn, &open) == STRATA_OK && !open) {
        r->in_txn = r->in_sp = 0;
        return 1;
    }
    if (r->in_sp) {
        if (strata__session_exec(r->s, STRATA_ROLLBACK_TO_SQL, &lerr) ==
            STRATA_OK)
            strata__session_exec(r->s, STRATA_RELEASE_SQL, &lerr);
        r->in_sp = 0;
    } else if (!r->prog.per_run) {
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
        return strata__nomem(r->err);
    detail = strata__json_dump_new(json_pack("{s:s}", "prefix", hex));
    STRATA_ALLOC_CHECK(detail, r->err);
    rc = record(r, sp, dir_word(r), "progress", item, detail);
    free(detail);
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

/* One statement of the instruction: in the transaction, or alone. */
static int exec_one(run *r, step *sp, const strata_insn *in, const char *sql)
{
    int rc = r->s->drv->exec(r->s->conn, sql);

    if (in->op == STRATA_PROG_SQL)
        sp->dirty = 1;
    return rc == STRATA_OK ? rc : stmt_failed(r, sp, (size_t)in->item, rc);
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

/* The statement of a SQL or ALONE instruction; a rendered one with its
 * locking alternative when the engine refuses the online form and the
 * migration allows locking. */
static int run_stmt(run *r, step *sp, const strata_insn *in)
{
    const strata_sql *q = in->sql;
    int rc;

    if (!q) {
        sp->raw_alone |= in->op == STRATA_PROG_ALONE;
        return exec_one(r, sp, in, sp->st->items[in->item].sql);
    }
    rc = exec_one(r, sp, in, q->sql);
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
    return exec_one(r, sp, in, q->alternative);
}

static int adopt_note(step *sp, const char *why)
{
    if (!sp->adopted && !(sp->adopted = json_array()))
        return STRATA_ERR_NOMEM;
    return json_array_append_new(sp->adopted, strata__json_text(why))
               ? STRATA_ERR_NOMEM
               : STRATA_OK;
}

/* Outcome words of a group's operations, with the drivers' notes. */
static void report_group(run *r, step *sp, size_t first,
                         const strata_group *g, int failed)
{
    strata_buf notes = {0};

    /* Out of memory, the report goes without them: nothing else is lost. */
    if (strata__group_notes(g, &notes) != STRATA_OK)
        strata__buf_free(&notes);
    for (size_t k = 0; k < g->nops; k++) {
        const strata_item *it = &sp->st->items[first + k];
        int applied = !strata__ensure_skips(g->outcome[k]) &&
                      !g->adopted[k];
        strata_buf word = {0};

        strata__buf_puts(&word, g->adopted[k] ? "adopted"
                                : failed      ? "failed"
                                              : "");
        if (!word.len)
            strata__ensure_say(&word, g->outcome[k], g->why[k], 0);
        /* IF NOT EXISTS met another definition: the engine would skip
         * it too, but the user should hear of it. */
        if (g->outcome[k] == STRATA_ENSURE_SKIP_DIFFERS && !failed)
            strata__warn("%s:%u: %s: %s", sp->rev->path, it->line,
                         strata__op_kind_name(it->op->kind),
                         word.data ? word.data : "");
        strata__report_op(r->rep, strata__op_kind_name(it->op->kind),
                          it->sql, it->line,
                          word.data ? word.data : "out of memory",
                          applied && notes.len ? notes.data : NULL);
        strata__buf_free(&word);
    }
    for (size_t k = 0; k < g->sql.count; k++)
        strata__report_sql(r->rep, g->sql.items[k].sql);
    strata__buf_free(&notes);
}

/* Operations items[first, end) on one table: decide, render, and run
 * the statements as the program places them. */
static int run_group(run *r, step *sp, size_t first, size_t end)
{
    strata_item *items = sp->st->items;
    strata_op *op = items[first].op;
    strata_program frag = {0};
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
    rc = strata__program_group(&frag, &r->prog, sp->i, first, &g.sql,
                               r->err);
    if (rc == STRATA_OK)
        rc = exec_range(r, sp, frag.insns, frag.n);
    strata__program_free(&frag);
    report_group(r, sp, first, &g, rc != STRATA_OK);
    if (rc == STRATA_OK)
        rc = strata__group_add_captures(&sp->captured, &g);
    for (size_t k = 0; k < g.nops && rc == STRATA_OK; k++)
        if (g.adopted[k])
            rc = adopt_note(sp, g.why[k]);
    if (rc == STRATA_OK && op->kind == STRATA_OP_CREATE_TABLE &&
        g.outcome[0] == STRATA_ENSURE_APPLY)
        rc = strv_add(&sp->created, &sp->ncreated, op->table);
    if (rc == STRATA_OK && rebuilt && g.table)
        rc = strv_add(&sp->rebuilt, &sp->nrebuilt, g.table);
    if (rc == STRATA_ERR_NOMEM)
        strata__nomem(r->err);
    if (g.table && !g.created)
        strata__catcache_stale(r->cache, g.table);
    if (g.other)
        strata__catcache_stale(r->cache, g.other);
    strata__group_clear(&g);
    return rc;
}

/* After a rebuild: no row of a rebuilt table, or of a table referencing
 * it, may break a foreign key (docs/design.md §7.4). */
static int fk_check(run *r, step *sp)
{
    const strata_script_words *w = r->s->drv->script;
    const char *query = w && w->fk_check ? w->fk_check : NULL;

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
                                     "break a foreign key%s%s%s",
                                     sp->rev->path, sp->rebuilt[i], count,
                                     count == 1 ? "" : "s",
                                     query ? " (" : "", query ? query : "",
                                     query ? ")" : "");
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
    json_decref(sp->captured);
    json_decref(sp->adopted);
    sp->captured = sp->adopted = NULL;
    strata__strings_free(sp->rebuilt, sp->nrebuilt);
    strata__strings_free(sp->created, sp->ncreated);
    sp->rebuilt = sp->created = NULL;
    sp->nrebuilt = sp->ncreated = 0;
}

/* The failed row's detail: the error and where; NULL when out of memory
 * (the row is still worth recording). */
static char *failure_detail(const run *r, const step *sp)
{
    json_t *doc = json_pack("{s:o,s:I}", "error",
                            strata__json_text(r->err->msg),
                            "statement_index", (json_int_t)sp->at);

    if (doc && sp->at < sp->st->nitems &&
        json_object_set_new(doc, "line",
                            json_integer(sp->st->items[sp->at].line))) {
        json_decref(doc);
        doc = NULL;
    }
    return strata__json_dump_new(doc);
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

/* The step's history row and version move; with the COMMIT next, they
 * wait to go with it in one round trip where the driver can: it saves two
 * of six round trips a migration takes on PostgreSQL (bench/pg_1000.sh). */
static int write_history(run *r, step *sp, const strata_insn *next)
{
    char *detail;
    int rc = step_detail(r, sp, &detail);

    if (rc != STRATA_OK)
        return rc;
    sp->held = next && next->op == STRATA_PROG_COMMIT && !r->in_sp &&
               strata__history_hold(r->h);
    rc = record(r, sp, dir_word(r), sp->st->empty ? "empty" : "applied", -1,
                detail);
    if (rc == STRATA_OK)
        rc = move_version(r, sp);
    free(detail);
    if (rc != STRATA_OK && sp->held) {
        strata__history_unhold(r->h);
        sp->held = 0;
    }
    return rc;
}

static int commit_insn(run *r, step *sp, const strata_insn *in)
{
    int ended = 0, rc;

    if (sp->held) {
        sp->held = 0;
        rc = strata__history_commit(r->h, &ended, r->err);
        if (ended)
            r->in_txn = 0;
        return rc;
    }
    if (!(in->flags & STRATA_PROG_SEGMENT))
        return commit_txn(r);
    /* What ran in the transaction so far commits before the segment. */
    if (!r->in_txn)
        return STRATA_OK;
    sp->dirty = 0;
    rc = commit_txn(r);
    if (rc == STRATA_OK)
        sp->done = in->arg;
    return rc;
}

/* Foreign keys are on in every strata session: neither a rebuild nor a
 * migration's own PRAGMA carries over into the next migration. */
static void fk_on(run *r)
{
    strata_error lerr = {0};
    strata_error *keep = r->err;

    if (!r->s->drv->foreign_keys || r->in_txn)
        return;
    r->err = &lerr;
    if (set_fk(r, 1) != STRATA_OK)
        strata__warn("%s", lerr.msg ? lerr.msg : "foreign keys on");
    strata__error_clear(&lerr);
    r->err = keep;
}

/* An attempt at the step begins: nothing of a failed one is left behind
 * (an attempt that failed after move_version must not leave its
 * bookkeeping for the retry). */
static void attempt_begin(run *r, step *sp)
{
    memcpy(r->rows, r->rows_saved, strata__graph_count(r->c->graph));
    memcpy(r->applied, r->applied_saved, strata__graph_count(r->c->graph));
    strata__catcache_reset(r->cache);
    step_reset(sp);
    sp->held = 0;
    strata__report_step_begin(r->rep, sp->rev, dir_word(r));
}

static int exec_insn(run *r, step *sp, const strata_insn *in,
                     const strata_insn *next)
{
    switch (in->op) {
    case STRATA_PROG_STEP:
        attempt_begin(r, sp);
        return STRATA_OK;
    case STRATA_PROG_BEGIN:
        return begin_txn(r, sp);
    case STRATA_PROG_SAVEPOINT:
        return open_savepoint(r);
    case STRATA_PROG_SQL:
    case STRATA_PROG_ALONE:
        return run_stmt(r, sp, in);
    case STRATA_PROG_GUARD:
        return run_guard(r, sp, (size_t)in->item, in->sql);
    case STRATA_PROG_PROGRESS:
        if (!(in->flags & STRATA_PROG_IF_DIRTY)) {
            int rc = record_progress(r, sp, in->arg);
            if (rc == STRATA_OK)
                sp->done = in->arg;
            return rc;
        }
        return r->in_txn && sp->dirty ? record_progress(r, sp, in->arg)
                                      : STRATA_OK;
    case STRATA_PROG_COMMIT:
        return commit_insn(r, sp, in);
    case STRATA_PROG_GROUP:
        return run_group(r, sp, (size_t)in->item, (size_t)in->arg);
    case STRATA_PROG_FK_OFF: {
        int rc = set_fk(r, 0);
        sp->fk_off |= rc == STRATA_OK;
        return rc;
    }
    case STRATA_PROG_FK_CHECK:
        return fk_check(r, sp);
    case STRATA_PROG_HISTORY:
        return write_history(r, sp, next);
    case STRATA_PROG_RELEASE:
        return release_sp(r);
    case STRATA_PROG_FK_ON:
        fk_on(r);
        return STRATA_OK;
    case STRATA_PROG_IF_OPEN:
        return STRATA_OK; /* exec_range skips */
    }
    return STRATA_ERR_INVALID;
}

/* A raw statement's outcome, once its instructions are done. */
static void report_raw(run *r, step *sp, int rc)
{
    const strata_item *it;

    if (!sp->pending)
        return;
    sp->pending = 0;
    it = &sp->st->items[sp->item];
    strata__report_op(r->rep, "sql", it->sql, it->line,
                      rc == STRATA_OK                ? "applied"
                      : rc == STRATA_ERR_INTERRUPTED ? "interrupted"
                                                     : "failed",
                      NULL);
    /* Raw SQL may have changed any table. */
    strata__catcache_stale(r->cache, NULL);
}

/* --- signals (util/interrupt.c) ----------------------------------------- */

/* The driver's cancel, called from the interrupt thread. */
static int cancel_conn(void *arg)
{
    strata_session *s = arg;

    return s->drv->cancel(s->conn);
}

/* Instructions that do the migration's work: the only ones a signal
 * cancels or stops before.  Bookkeeping (progress and history rows,
 * COMMIT) always runs, so what committed is recorded. */
static int is_work(const strata_insn *in)
{
    return in->op == STRATA_PROG_SQL || in->op == STRATA_PROG_ALONE ||
           in->op == STRATA_PROG_GUARD || in->op == STRATA_PROG_GROUP;
}

/* The signal is noticed: no more cancel requests, and the run stops
 * (run_step says what was kept). */
static int noticed(run *r)
{
    strata__interrupt_disarm();
    r->err->code = STRATA_ERR_INTERRUPTED;
    return STRATA_ERR_INTERRUPTED;
}

/* A signal came before instruction in began. */
static int stop_before(run *r, step *sp, const strata_insn *in)
{
    if (in->item >= 0)
        strata__error_set(r->err, STRATA_ERR_INTERRUPTED,
                          "%s:%u: not started", sp->rev->path,
                          sp->st->items[in->item].line);
    else
        strata__error_set(r->err, STRATA_ERR_INTERRUPTED, "%s: not started",
                          sp->rev->path);
    return noticed(r);
}

/* err = "interrupted by SIG...: <where it stopped>; <what was kept>".
 * lost: the engine rolled back the run's whole transaction. */
static void interrupted(run *r, const step *sp, int lost)
{
    const char *sig = strata__interrupt_name(strata__interrupt_signal());
    char *where = strdup(r->err->msg ? r->err->msg : sp->rev->path);
    long long kept = lost ? 0 : sp->done + 1;

    if (kept > 0)
        strata__error_set(r->err, STRATA_ERR_INTERRUPTED,
                          "interrupted by %s: %s; the first %lld "
                          "statement%s of %s %s kept (committed and "
                          "recorded as progress): running the command "
                          "again resumes after %s",
                          sig, where ? where : sp->rev->path, kept,
                          kept == 1 ? "" : "s", sp->rev->id,
                          kept == 1 ? "was" : "were",
                          kept == 1 ? "it" : "them");
    else
        strata__error_set(r->err, STRATA_ERR_INTERRUPTED,
                          "interrupted by %s: %s; rolled back: nothing of "
                          "%s was kept",
                          sig, where ? where : sp->rev->path, sp->rev->id);
    free(where);
}

/* A signal came between two migrations (next == plan->n: after the
 * last); what ran before is committed. */
static int stopped_between(run *r, size_t next)
{
    const char *sig = strata__interrupt_name(strata__interrupt_signal());

    strata__interrupt_disarm();
    if (next == r->plan->n)
        return strata__error_set(r->err, STRATA_ERR_INTERRUPTED,
                                 "interrupted by %s after the last "
                                 "statement: every migration of the run "
                                 "was applied",
                                 sig);
    return strata__error_set(
        r->err, STRATA_ERR_INTERRUPTED,
        "interrupted by %s between two migrations: %s and the %zu after "
        "it were not started; the %zu before it %s applied",
        sig, strata__graph_rev(r->c->graph, r->plan->steps[next].rev)->id,
        r->plan->n - next - 1, next, next == 1 ? "is" : "are");
}

/* Run insns v[0, n) of the step.  Resuming after an unfinished run or a
 * failed attempt (sp->done), raw statements that ran are skipped:
 * nothing can tell whether running them again is harmless.  Operations
 * are checked again instead, and report "skipped" where they hold. */
static int exec_range(run *r, step *sp, const strata_insn *v, size_t n)
{
    int rc = STRATA_OK;

    for (size_t pc = 0; pc < n && rc == STRATA_OK; pc++) {
        const strata_insn *in = &v[pc];

        if (in->item != sp->item) {
            report_raw(r, sp, STRATA_OK);
            sp->item = in->item;
            if (in->item >= 0) {
                const strata_item *it = &sp->st->items[in->item];

                sp->at = (size_t)in->item;
                if (!it->op && in->item <= sp->done) {
                    strata__report_op(r->rep, "sql", it->sql, it->line,
                                      "done", NULL);
                    while (pc + 1 < n && v[pc + 1].item == in->item)
                        pc++;
                    continue;
                }
                sp->pending = !it->op;
            }
        }
        if (is_work(in)) {
            /* cancellable first: a signal after the check is seen by
             * the canceller */
            strata__interrupt_cancellable(1);
            if (strata__interrupt_signal()) {
                strata__interrupt_cancellable(0);
                rc = stop_before(r, sp, in);
                break;
            }
        }
        if (is_work(in))
            strata__watch_begin(r->watch, sp->rev->id, sp->rev->path,
                                in->item >= 0
                                    ? sp->st->items[in->item].line
                                    : 0);
        rc = exec_insn(r, sp, in, pc + 1 < n ? &v[pc + 1] : NULL);
        if (is_work(in)) {
            strata__watch_end(r->watch);
            strata__interrupt_cancellable(0);
        }
        /* Whatever failed after a signal, the run stops there. */
        if (rc != STRATA_OK && rc != NEED_FK_OFF &&
            strata__interrupt_signal())
            rc = noticed(r);
        if (rc == STRATA_OK && in->op == STRATA_PROG_IF_OPEN && r->in_txn)
            pc += (size_t)in->arg;
    }
    report_raw(r, sp, rc);
    return rc;
}

static int run_step(run *r, size_t i)
{
    const strata_prog_step *ps = &r->prog.steps[i];
    const strata_insn *code = r->prog.insns;
    size_t start = ps->start, end = ps->end;
    strata_program fk = {0}; /* the variant, built when needed */
    step sp = {0};
    char word[64];
    int attempt = 0, lost = 0, rc;

    sp.i = i;
    sp.st = &r->plan->steps[i];
    sp.rev = strata__graph_rev(r->c->graph, sp.st->rev);
    sp.item = -1;
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
    sp.t0 = strata__mono_ms();
    memcpy(r->rows_saved, r->rows, strata__graph_count(r->c->graph));
    memcpy(r->applied_saved, r->applied, strata__graph_count(r->c->graph));
    for (;;) {
        rc = exec_range(r, &sp, code + start, end - start);
        if (rc == STRATA_OK)
            break;
        if (rc == NEED_FK_OFF) {
            /* Roll back what this attempt did, then run the step's
             * variant: the run before commits, foreign keys go off, the
             * migration runs again (docs/design.md §7.4). */
            if (undo_txn(r)) {
                rc = strata__error_set(r->err, STRATA_ERR_DB,
                                       "the database rolled back the run");
            } else if (!r->s->drv->foreign_keys) {
                rc = set_fk(r, 0); /* the driver cannot: it says so */
                rc = rc == STRATA_OK ? STRATA_ERR_NOTSUP : rc;
            } else if (!fk.insns &&
                       (rc = strata__program_fk_step(
                            &fk, &r->prog, r->plan, r->resume, i,
                            r->err)) != STRATA_OK) {
                break;
            } else {
                code = fk.insns;
                start = 0;
                end = fk.n;
                continue;
            }
        } else if ((lost = undo_txn(r)) != 0) {
            report_lost(r, i);
        } else if (rc == STRATA_ERR_LOCKED &&
                   attempt < r->s->cfg->lock_retries) {
            strata__warn("%s; retrying (%d of %d)", r->err->msg,
                         attempt + 1, r->s->cfg->lock_retries);
            strata__session_backoff(attempt++);
            continue;
        }
        if (rc == STRATA_ERR_INTERRUPTED)
            interrupted(r, &sp, lost);
        /* Items up to sp.done committed on their own: the rest of what
         * ran was rolled back with the migration. */
        strata__report_step_failed(r->rep,
                                   rc == STRATA_ERR_INTERRUPTED
                                       ? "interrupted"
                                       : "failed",
                                   sp.done >= 0 ? (size_t)sp.done + 1 : 0,
                                   strata__mono_ms() - sp.t0,
                                   strata__catcache_queries(r->cache));
        if (sp.st->nitems)
            record_failure(r, &sp);
        /* A successful step turned them on in its program. */
        if (sp.fk_off || sp.raw_alone)
            fk_on(r);
        break;
    }
    if (rc == STRATA_OK) {
        if (sp.st->empty)
            snprintf(word, sizeof word, "empty on %s", r->s->drv->name);
        strata__report_step_end(r->rep, sp.st->empty ? word : "applied",
                                strata__mono_ms() - sp.t0,
                                strata__catcache_queries(r->cache));
    }
    step_reset(&sp);
    strata__program_free(&fk);
    return rc;
}

/* The "prefix" hash a progress row's detail holds; malloc'd or NULL. */
static char *prefix_of(const char *detail)
{
    json_t *doc = strata__json_load_quiet(detail);
    const char *p = json_string_value(json_object_get(doc, "prefix"));
    char *out = p ? strdup(p) : NULL;

    json_decref(doc);
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

/* One catalog read up front for every table the run's CREATE TABLEs and
 * DROP TABLEs name: deploying a chain from scratch, or taking one down,
 * then needs no existence query per migration (a round trip each on a
 * server). */
static int prefetch(run *r)
{
    const char **names = NULL;
    size_t n = 0, cap = 0;
    int rc;

    for (size_t i = 0; i < r->plan->n; i++) {
        const strata_step *st = &r->plan->steps[i];
        for (size_t k = 0; k < st->nitems; k++) {
            const strata_op *op = st->items[k].op;
            /* Without tables_exist the tables a DROP names would be
             * introspected whole: more than a query each costs SQLite. */
            if (!op || !op->table ||
                (op->kind != STRATA_OP_CREATE_TABLE &&
                 (op->kind != STRATA_OP_DROP_TABLE ||
                  !r->s->drv->tables_exist)))
                continue;
            if (n == cap) {
                const char **v = realloc(names, (cap ? cap * 2 : 16) *
                                                    sizeof *v);
                if (!v) {
                    free(names);
                    return strata__nomem(r->err);
                }
                names = v;
                cap = cap ? cap * 2 : 16;
            }
            names[n++] = op->table;
        }
    }
    /* One table gains nothing over asking when it comes. */
    rc = n > 1 && (r->s->drv->introspect || r->s->drv->tables_exist)
             ? strata__catcache_prefetch(r->cache, names, n, r->err)
             : STRATA_OK;
    free(names);
    return rc;
}

/* Completed steps wait in the run's transaction; a failure was already
 * recorded and committed, so this is the success path (or a run refused
 * before its next step: what waits is lost).  A COMMIT refused for a lock
 * is retried like a statement. */
static int end_run(run *r, int rc)
{
    const strata_config *cfg = r->s->cfg;

    if (!r->in_txn)
        return rc;
    for (int attempt = 0; rc == STRATA_OK; attempt++) {
        rc = commit_txn(r);
        if (rc != STRATA_ERR_LOCKED || attempt >= cfg->lock_retries)
            break;
        strata__warn("%s; retrying (%d of %d)", r->err->msg, attempt + 1,
                     cfg->lock_retries);
        r->in_txn = 1;
        strata__session_backoff(attempt);
        rc = STRATA_OK;
    }
    if (rc != STRATA_OK) /* whatever the engine still holds */
        strata__session_rollback(r->s, NULL);
    if (rc != STRATA_OK)
        report_lost(r, r->plan->n);
    return rc;
}

int strata__run(strata_session *s, strata_history *h, strata_chain *c,
                strata_plan *plan, unsigned char *applied, int adopt,
                strata_report *rep, strata_error *err)
{
    size_t n = strata__graph_count(c->graph), *rows = NULL, nrows = 0;
    run r = {0};
    size_t next = 0;
    int rc = STRATA_OK;

    r.s = s;
    r.h = h;
    r.c = c;
    r.rep = rep;
    r.plan = plan;
    r.err = err;
    r.applied = applied;
    r.adopt = adopt;
    /* From here a first SIGINT/SIGTERM cancels the running statement
     * and stops the run; until strata__interrupt_disarm. */
    strata__interrupt_arm(s->drv->cancel ? cancel_conn : NULL, s);
    strata__watch_start(&r.watch, s, strata__report_json(rep));
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
        rc = strata__nomem(r.err);
        goto done;
    }
    for (size_t i = 0; i < nrows; i++)
        r.rows[rows[i]] = 1;
    rc = load_resume(&r);
    if (rc == STRATA_OK) {
        strata_program_opts o = {0};

        o.per_run = strata__program_per_run(s->drv, s->cfg);
        o.resume = r.resume;
        rc = strata__program_build(&r.prog, plan, c->graph, &o, err);
    }
    if (rc == STRATA_OK)
        rc = prefetch(&r);
    for (; rc == STRATA_OK && next < plan->n &&
           !strata__interrupt_signal();
         next++)
        rc = run_step(&r, next);
    /* The program's last instruction, the run's COMMIT. */
    if (r.prog.n)
        rc = end_run(&r, rc);
    if (rc == STRATA_OK && strata__interrupt_signal())
        rc = stopped_between(&r, next);
done:
    strata__watch_stop(r.watch);
    strata__interrupt_disarm();
    strata__program_free(&r.prog);
    strata__catcache_free(r.cache);
    free(rows);
    free(r.rows);
    free(r.resume);
    strata__strings_free(r.resume_sum, r.resume_sum ? n : 0);
    free(r.rows_saved);
    free(r.applied_saved);
    free(r.applied_by);
    return rc;
}
