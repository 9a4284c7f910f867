/* runner.c - run migrations with the commit shape of DESIGN §6: one
 * transaction per migration, or per run with a savepoint per migration;
 * autocommit segments with per-statement progress; retries on DDL lock
 * timeouts; failures recorded without losing what committed. */
#include "runner.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "json.h"
#include "output.h"
#include "version.h"

#define SAVEPOINT_SQL "SAVEPOINT strata_migration"
#define RELEASE_SQL "RELEASE SAVEPOINT strata_migration"
#define ROLLBACK_TO_SQL "ROLLBACK TO SAVEPOINT strata_migration"

typedef struct run {
    strata_session *s;
    strata_history *h;
    strata_chain *c;
    strata_report *rep;
    const strata_plan *plan;
    strata_error *err;
    unsigned char *applied; /* borrowed; updated */
    unsigned char *rows;    /* current version rows, as a set */
    long long *resume;      /* per revision: last completed statement
                             * index of an unfinished segmented run */
    char *applied_by;
    int per_run;            /* one transaction, a savepoint per step */
    int in_txn;             /* the run transaction is open */
    size_t first_open;      /* first step not yet committed */
} run;

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

/* Append a history row for step st. */
static int record(run *r, const strata_step *st, const char *outcome,
                  const char *started, long long ms, long long stmt_index,
                  const char *detail)
{
    const strata_revision *rev = strata__graph_rev(r->c->graph, st->rev);
    char finished[32];
    strata_history_row row = {0};

    strata__history_now(finished, sizeof finished, NULL);
    row.revision = rev->id;
    row.direction = (char *)dir_word(r);
    row.checksum = (char *)st->checksum;
    row.started_at = (char *)started;
    row.finished_at = finished;
    row.duration_ms = ms;
    row.applied_by = r->applied_by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)outcome;
    row.statement_index = stmt_index;
    row.detail = (char *)detail;
    return strata__history_append(r->h, &row, r->err);
}

/* Bring strata_version in line with step st having run. */
static int move_version(run *r, const strata_step *st)
{
    const strata_revision *rev = strata__graph_rev(r->c->graph, st->rev);
    size_t n = strata__graph_count(r->c->graph), *rows = NULL, nrows = 0;
    int rc = STRATA_OK;

    if (r->plan->dir == STRATA_UP) {
        for (size_t i = 0; i < rev->nparents && rc == STRATA_OK; i++) {
            long p = strata__graph_find(r->c->graph, rev->parents[i]);
            if (p >= 0 && r->rows[p]) {
                rc = strata__history_version_del(r->h, rev->parents[i],
                                                 r->err);
                r->rows[p] = 0;
            }
        }
        if (rc == STRATA_OK && !r->rows[st->rev])
            rc = strata__history_version_add(r->h, rev->id, r->err);
        r->applied[st->rev] = 1;
        r->rows[st->rev] = 1;
        return rc;
    }
    if (r->rows[st->rev])
        rc = strata__history_version_del(r->h, rev->id, r->err);
    r->rows[st->rev] = 0;
    r->applied[st->rev] = 0;
    /* Parents that no applied revision revises any more become rows. */
    if (rc == STRATA_OK &&
        strata__graph_version_rows(r->c->graph, r->applied, &rows, &nrows) !=
            STRATA_OK)
        return strata__error_set(r->err, STRATA_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < nrows && rc == STRATA_OK; i++) {
        if (!r->rows[rows[i]] && rows[i] < n) {
            rc = strata__history_version_add(
                r->h, strata__graph_rev(r->c->graph, rows[i])->id, r->err);
            r->rows[rows[i]] = 1;
        }
    }
    free(rows);
    return rc;
}

/* A statement failed: err becomes "file:line: server message". */
static int stmt_failed(run *r, const strata_step *st, size_t j, int rc)
{
    const strata_revision *rev = strata__graph_rev(r->c->graph, st->rev);

    strata__error_set(r->err, rc, "%s:%u: %s", rev->path,
                      st->stmts.items[j].line,
                      r->s->conn->errmsg[0] ? r->s->conn->errmsg
                                            : strata_strerror(rc));
    return rc;
}

static char *failure_detail(const run *r, const strata_step *st, size_t j)
{
    strata_buf b = {0};

    strata__buf_puts(&b, "{");
    strata__json_key(&b, "error", 1);
    strata__json_str(&b, r->err->msg);
    strata__json_key(&b, "statement_index", 0);
    strata__buf_printf(&b, "%zu", j);
    strata__json_key(&b, "line", 0);
    strata__buf_printf(&b, "%u", st->stmts.items[j].line);
    strata__buf_puts(&b, "}");
    return strata__buf_take(&b);
}

/* Record the failure of step st at statement j in a commit of its own;
 * the original error in r->err is kept. */
static void record_failure(run *r, const strata_step *st, size_t j,
                           const char *started, long long ms)
{
    strata_error *orig = r->err, lerr = {0};
    char *detail = failure_detail(r, st, j);
    int rc;

    r->err = &lerr; /* record() reports here; the failure stays in orig */
    if (!r->in_txn) {
        rc = strata__session_begin(r->s, &lerr);
        r->in_txn = rc == STRATA_OK;
    }
    rc = record(r, st, "failed", started, ms, (long long)j, detail);
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

/* Undo the current step after an error.  Returns 1 when the engine had
 * already rolled back the whole run transaction on its own. */
static int undo_step(run *r)
{
    strata_error lerr = {0};
    int open = 1, lost = 0;

    if (r->per_run && r->s->drv->in_transaction &&
        r->s->drv->in_transaction(r->s->conn, &open) == STRATA_OK && !open)
        lost = 1;
    if (lost) {
        r->in_txn = 0;
    } else if (r->per_run) {
        if (strata__session_exec(r->s, ROLLBACK_TO_SQL, &lerr) == STRATA_OK)
            strata__session_exec(r->s, RELEASE_SQL, &lerr);
    } else {
        strata__session_rollback(r->s, &lerr);
        r->in_txn = 0;
    }
    strata__error_clear(&lerr);
    return lost;
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
                       b.data,
                       upto - r->first_open == 1 ? "was" : "were");
    strata__buf_free(&b);
}

static void backoff(int attempt)
{
    long ms = 100L << (attempt < 6 ? attempt : 6);
    struct timespec ts;

    /* Jitter, so that several waiting deploys do not retry in step. */
    ms += rand() % (ms / 2 + 1);
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

static const char *done_outcome(const run *r, const strata_step *st,
                                char *buf, size_t size)
{
    if (!st->empty)
        return "applied";
    snprintf(buf, size, "empty on %s", r->s->drv->name);
    return buf;
}

/* One step inside the run's (or its own) transaction. */
static int step_txn(run *r, size_t i)
{
    const strata_step *st = &r->plan->steps[i];
    const strata_revision *rev = strata__graph_rev(r->c->graph, st->rev);
    char started[32], word[64];
    int attempt = 0, rc;

    for (;;) {
        long long t0 = now_ms();
        size_t j = 0;

        strata__history_now(started, sizeof started, NULL);
        strata__report_step_begin(r->rep, rev, dir_word(r));
        rc = STRATA_OK;
        if (!r->in_txn) {
            rc = strata__session_begin(r->s, r->err);
            if (rc != STRATA_OK)
                return rc;
            r->in_txn = 1;
            r->first_open = i;
        }
        if (r->per_run)
            rc = strata__session_exec(r->s, SAVEPOINT_SQL, r->err);
        if (rc != STRATA_OK)
            return rc;
        for (; j < st->stmts.count; j++) {
            rc = r->s->drv->exec(r->s->conn, st->stmts.items[j].sql);
            strata__report_op(r->rep, st->stmts.items[j].sql,
                              st->stmts.items[j].line,
                              rc == STRATA_OK ? "applied" : "failed");
            if (rc != STRATA_OK)
                break;
        }
        if (rc == STRATA_OK) {
            rc = record(r, st, st->empty ? "empty" : "applied", started,
                        now_ms() - t0, -1, NULL);
            if (rc == STRATA_OK)
                rc = move_version(r, st);
            if (rc == STRATA_OK)
                rc = r->per_run
                         ? strata__session_exec(r->s, RELEASE_SQL, r->err)
                         : strata__session_commit(r->s, r->err);
            if (rc == STRATA_OK) {
                if (!r->per_run)
                    r->in_txn = 0;
                strata__report_step_end(
                    r->rep, done_outcome(r, st, word, sizeof word),
                    now_ms() - t0);
                return STRATA_OK;
            }
            /* History could not be written: the step did not happen. */
            j = st->stmts.count ? st->stmts.count - 1 : 0;
        } else {
            stmt_failed(r, st, j, rc);
        }
        if (undo_step(r)) {
            report_lost(r, i);
        } else if (rc == STRATA_ERR_LOCKED &&
                   attempt < r->s->cfg->lock_retries) {
            strata__warn("%s; retrying (%d of %d)", r->err->msg, attempt + 1,
                         r->s->cfg->lock_retries);
            backoff(attempt++);
            continue;
        }
        strata__report_step_end(r->rep, "failed", now_ms() - t0);
        if (st->stmts.count)
            record_failure(r, st, j, started, now_ms() - t0);
        return rc;
    }
}

/* Statements that must autocommit split the step into segments: each
 * transactional run of statements commits with a progress row, each
 * autocommit statement is followed by one, and a re-run resumes after
 * the last recorded statement (ensure semantics make repeats harmless
 * where a crash fell between a statement and its row). */
static int step_segmented(run *r, size_t i)
{
    const strata_step *st = &r->plan->steps[i];
    const strata_revision *rev = strata__graph_rev(r->c->graph, st->rev);
    int txn_ok = (r->s->drv->caps & STRATA_CAP_TRANSACTIONAL_DDL) &&
                 rev->txn != STRATA_TXN_NONE;
    long long t0 = now_ms();
    size_t j = (size_t)(r->resume[st->rev] + 1);
    char started[32], word[64];
    int rc = STRATA_OK;

    strata__history_now(started, sizeof started, NULL);
    strata__report_step_begin(r->rep, rev, dir_word(r));
    for (size_t k = 0; k < j && k < st->stmts.count; k++)
        strata__report_op(r->rep, st->stmts.items[k].sql,
                          st->stmts.items[k].line, "done");
    if (r->in_txn) { /* a segment ends the transaction before it */
        rc = strata__session_commit(r->s, r->err);
        r->in_txn = 0;
        if (rc != STRATA_OK)
            return rc;
    }
    while (j < st->stmts.count) {
        int txn = txn_ok && !(st->stmts.items[j].flags & STRATA_STMT_NOTXN);
        size_t end = j + 1;

        if (txn)
            while (end < st->stmts.count &&
                   !(st->stmts.items[end].flags & STRATA_STMT_NOTXN))
                end++;
        if (txn && (rc = strata__session_begin(r->s, r->err)) != STRATA_OK)
            return rc;
        r->in_txn = txn;
        for (size_t k = j; k < end && rc == STRATA_OK; k++) {
            rc = r->s->drv->exec(r->s->conn, st->stmts.items[k].sql);
            strata__report_op(r->rep, st->stmts.items[k].sql,
                              st->stmts.items[k].line,
                              rc == STRATA_OK ? "applied" : "failed");
            if (rc != STRATA_OK) {
                stmt_failed(r, st, k, rc);
                if (txn)
                    undo_step(r);
                strata__report_step_end(r->rep, "failed", now_ms() - t0);
                record_failure(r, st, txn ? j : k, started, now_ms() - t0);
                return rc;
            }
        }
        rc = record(r, st, "progress", started, now_ms() - t0,
                    (long long)(end - 1), NULL);
        if (rc == STRATA_OK && txn)
            rc = strata__session_commit(r->s, r->err);
        r->in_txn = 0;
        if (rc != STRATA_OK)
            return rc;
        j = end;
    }
    rc = strata__session_begin(r->s, r->err);
    if (rc != STRATA_OK)
        return rc;
    r->in_txn = 1;
    rc = record(r, st, st->empty ? "empty" : "applied", started,
                now_ms() - t0, -1, NULL);
    if (rc == STRATA_OK)
        rc = move_version(r, st);
    if (rc == STRATA_OK)
        rc = strata__session_commit(r->s, r->err);
    else
        strata__session_rollback(r->s, r->err);
    r->in_txn = 0;
    if (rc == STRATA_OK)
        strata__report_step_end(r->rep,
                                done_outcome(r, st, word, sizeof word),
                                now_ms() - t0);
    return rc;
}

static int needs_segments(const run *r, const strata_step *st)
{
    const strata_revision *rev = strata__graph_rev(r->c->graph, st->rev);

    if (!(r->s->drv->caps & STRATA_CAP_TRANSACTIONAL_DDL) ||
        rev->txn == STRATA_TXN_NONE)
        return st->stmts.count > 0;
    for (size_t j = 0; j < st->stmts.count; j++)
        if (st->stmts.items[j].flags & STRATA_STMT_NOTXN)
            return 1;
    return 0;
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
            strcmp(rows[i].direction, dir_word(r)) == 0)
            r->resume[idx] = rows[i].statement_index;
        else if (strcmp(rows[i].outcome, "failed") != 0)
            r->resume[idx] = -1;
    }
    strata__history_rows_free(rows, n);
    return STRATA_OK;
}

int strata__run(strata_session *s, strata_history *h, strata_chain *c,
                const strata_plan *plan, unsigned char *applied,
                strata_report *rep, strata_error *err)
{
    size_t n = strata__graph_count(c->graph), *rows = NULL, nrows = 0;
    run r = {s, h, c, rep, plan, err, applied, NULL, NULL, NULL, 0, 0, 0};
    int rc = STRATA_OK, segmented = 0;

    r.per_run = s->cfg->transaction_per_run ||
                (s->drv->caps & STRATA_CAP_RUN_TRANSACTION);
    r.per_run = r.per_run && (s->drv->caps & STRATA_CAP_SAVEPOINT);
    r.rows = calloc(n ? n : 1, 1);
    r.resume = calloc(n ? n : 1, sizeof *r.resume);
    r.applied_by = strata__history_applied_by();
    if (!r.rows || !r.resume || !r.applied_by ||
        strata__graph_version_rows(c->graph, applied, &rows, &nrows) !=
            STRATA_OK) {
        rc = strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nrows; i++)
        r.rows[rows[i]] = 1;
    for (size_t i = 0; i < plan->n; i++)
        segmented |= needs_segments(&r, &plan->steps[i]);
    if (segmented)
        rc = load_resume(&r);
    else
        for (size_t i = 0; i < n; i++)
            r.resume[i] = -1;
    srand((unsigned)(now_ms() ^ getpid()));
    for (size_t i = 0; i < plan->n && rc == STRATA_OK; i++)
        rc = needs_segments(&r, &plan->steps[i]) ? step_segmented(&r, i)
                                                  : step_txn(&r, i);
    if (r.in_txn) {
        if (rc == STRATA_OK)
            rc = strata__session_commit(s, err);
        else
            strata__session_rollback(s, err);
    }
done:
    free(rows);
    free(r.rows);
    free(r.resume);
    free(r.applied_by);
    return rc;
}
