/* program.c - where BEGIN, SAVEPOINT, COMMIT, autocommit segments and
 * foreign keys off go, worked out once from the plan (docs/design.md §7): the
 * runner and the offline writer only carry the instructions out. */
#include "plan/program.h"

#include <stdlib.h>
#include <string.h>

#include "plan/catcache.h"
#include "plan/group.h"

int strata__program_per_run(const strata_driver *drv,
                            const strata_config *cfg)
{
    return (cfg->transaction_per_run ||
            (drv->caps & STRATA_CAP_RUN_TRANSACTION)) &&
           (drv->caps & STRATA_CAP_SAVEPOINT);
}

int strata__program_alone(const strata_item *it, const strata_sql *q,
                          int txn)
{
    if (!txn)
        return 1;
    if (it)
        return (it->flags & STRATA_STMT_NOTXN) != 0;
    return q && (q->flags & STRATA_SQL_AUTOCOMMIT) != 0;
}

/* Where instructions go: the program, the step they belong to and its
 * shape; after a failure, nothing. */
typedef struct emitter {
    strata_program *p;
    size_t step;
    int txn, per_run;
    strata_error *err;
    int rc;                   /* the first failure; later emits do nothing */
} emitter;

/* One more instruction, flags 0 and no rendered statement. */
static strata_insn *emit(emitter *e, strata_opcode op, long item, long arg)
{
    strata_program *p = e->p;
    strata_insn *in;

    if (e->rc != STRATA_OK)
        return NULL;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        strata_insn *v = realloc(p->insns, cap * sizeof *v);

        if (!v) {
            e->rc = strata__nomem(e->err);
            return NULL;
        }
        p->insns = v;
        p->cap = cap;
    }
    in = &p->insns[p->n++];
    memset(in, 0, sizeof *in);
    in->op = op;
    in->step = e->step;
    in->item = item;
    in->arg = arg;
    return in;
}

static void emit_flagged(emitter *e, strata_opcode op, long item, long arg,
                         uint32_t flags)
{
    strata_insn *in = emit(e, op, item, arg);

    if (in)
        in->flags = flags;
}

/* The migration's transaction, joined or begun, and its savepoint. */
static void emit_open(emitter *e)
{
    emit(e, STRATA_PROG_BEGIN, -1, 0);
    if (e->per_run)
        emit(e, STRATA_PROG_SAVEPOINT, -1, 0);
}

/* A statement alone (the runner's segment): what ran in the transaction
 * commits, with a progress row when anything did; the statement runs and
 * its progress row records it; the migration's transaction reopens.
 * Without transactions only a per-run one from an earlier migration can
 * be open, and nothing of this one ran in it. */
static void emit_segment(emitter *e, long item, const strata_sql *q)
{
    strata_insn *in;

    if (e->txn && item > 0)
        emit_flagged(e, STRATA_PROG_PROGRESS, item, item - 1,
                     STRATA_PROG_IF_DIRTY);
    if (e->txn || e->per_run)
        emit_flagged(e, STRATA_PROG_COMMIT, item, item - 1,
                     STRATA_PROG_SEGMENT);
    if ((in = emit(e, STRATA_PROG_ALONE, item, 0)))
        in->sql = q;
    emit(e, STRATA_PROG_PROGRESS, item, item);
    if (e->txn) {
        emit(e, STRATA_PROG_BEGIN, item, 0);
        if (e->per_run)
            emit(e, STRATA_PROG_SAVEPOINT, item, 0);
    }
}

/* One migration: with fk, the variant that turns foreign keys off first
 * (the run before it commits: the pragma is a no-op in a transaction). */
static void emit_step(emitter *e, const strata_step *st, int fk, long done)
{
    int raw_alone = 0, commits;

    emit_flagged(e, STRATA_PROG_STEP, -1, 0, fk ? STRATA_PROG_FK : 0);
    if (fk) {
        emit(e, STRATA_PROG_COMMIT, -1, 0);
        emit(e, STRATA_PROG_FK_OFF, -1, 0);
    }
    if (e->txn)
        emit_open(e);
    for (size_t k = 0; k < st->nitems;) {
        const strata_item *it = &st->items[k];

        if (it->op) {
            size_t end = strata__group_end(st->items, st->nitems, k);

            emit(e, STRATA_PROG_GROUP, (long)k, (long)end);
            k = end;
            continue;
        }
        if (!strata__program_alone(it, NULL, e->txn)) {
            emit(e, STRATA_PROG_SQL, (long)k, 0);
        } else {
            /* A raw statement alone may change the session (a PRAGMA):
             * unless an unfinished run already ran it. */
            raw_alone |= (long)k > done;
            emit_segment(e, (long)k, NULL);
        }
        k++;
    }
    /* The bookkeeping needs a transaction: after segments none is open;
     * a per-run one from an earlier migration is joined as it is. */
    if (!e->txn && e->per_run) {
        emit(e, STRATA_PROG_IF_OPEN, -1, 2);
        emit_open(e);
    } else if (!e->txn) {
        emit(e, STRATA_PROG_BEGIN, -1, 0);
    }
    if (fk)
        emit(e, STRATA_PROG_FK_CHECK, -1, 0);
    emit(e, STRATA_PROG_HISTORY, -1, 0);
    /* Per run, the migration stays in the run's transaction; a rebuild or
     * a raw statement run alone ends it, so that foreign keys can be
     * turned back on before the next migration. */
    commits = !e->per_run || !e->txn || fk || raw_alone;
    emit(e, commits ? STRATA_PROG_COMMIT : STRATA_PROG_RELEASE, -1, 0);
    if (fk || raw_alone)
        emit(e, STRATA_PROG_FK_ON, -1, 0);
}

int strata__program_build(strata_program *out, const strata_plan *plan,
                          const strata_graph *g,
                          const strata_program_opts *opts,
                          strata_error *err)
{
    emitter e = {0};

    memset(out, 0, sizeof *out);
    out->per_run = opts->per_run;
    if (plan->n) {
        out->steps = calloc(plan->n, sizeof *out->steps);
        STRATA_ALLOC_CHECK(out->steps, err);
    }
    out->nsteps = plan->n;
    e.p = out;
    e.per_run = opts->per_run;
    e.err = err;
    for (size_t i = 0; i < plan->n && e.rc == STRATA_OK; i++) {
        const strata_step *st = &plan->steps[i];
        strata_prog_step *ps = &out->steps[i];
        long done = opts->resume ? (long)opts->resume[st->rev] : -1;
        int fk = opts->fk_off && opts->fk_off[i];

        e.step = i;
        e.txn = ps->txn = strata__graph_rev(g, st->rev)->txn !=
                          STRATA_TXN_NONE;
        ps->start = out->n;
        emit_step(&e, st, fk, done);
        ps->end = ps->fk_start = ps->fk_end = out->n;
        if (!opts->fk_off && opts->fk_variants) {
            emit_step(&e, st, 1, done);
            ps->fk_end = out->n;
        }
    }
    /* What the last migrations left open (per run) commits at the end. */
    e.step = plan->n;
    emit(&e, STRATA_PROG_COMMIT, -1, 0);
    if (e.rc != STRATA_OK)
        strata__program_free(out);
    return e.rc;
}

int strata__program_fk_step(strata_program *out, const strata_program *p,
                            const strata_plan *plan,
                            const long long *resume, size_t i,
                            strata_error *err)
{
    const strata_step *st = &plan->steps[i];
    emitter e = {0};

    memset(out, 0, sizeof *out);
    out->per_run = p->per_run;
    e.p = out;
    e.per_run = p->per_run;
    e.err = err;
    e.step = i;
    e.txn = p->steps[i].txn;
    emit_step(&e, st, 1, resume ? (long)resume[st->rev] : -1);
    if (e.rc != STRATA_OK)
        strata__program_free(out);
    return e.rc;
}

void strata__program_free(strata_program *p)
{
    free(p->insns);
    free(p->steps);
    memset(p, 0, sizeof *p);
}

int strata__program_group(strata_program *out, const strata_program *p,
                          size_t step, size_t first,
                          const strata_sql_list *rendered,
                          strata_error *err)
{
    emitter e = {0};

    e.p = out;
    e.step = step;
    e.txn = p->steps[step].txn;
    e.per_run = p->per_run;
    e.err = err;
    for (size_t k = 0; k < rendered->count && e.rc == STRATA_OK; k++) {
        const strata_sql *q = &rendered->items[k];
        strata_insn *in;

        if (q->flags & STRATA_SQL_GUARD)
            in = emit(&e, STRATA_PROG_GUARD, (long)first, 0);
        else if (strata__program_alone(NULL, q, e.txn)) {
            emit_segment(&e, (long)first, q);
            continue;
        } else
            in = emit(&e, STRATA_PROG_SQL, (long)first, 0);
        if (in)
            in->sql = q;
    }
    return e.rc;
}

int strata__program_explain(const strata_insn *insns, size_t n,
                            strata_buf *out)
{
    static const char *const names[] = {
        [STRATA_PROG_STEP] = "STEP",
        [STRATA_PROG_BEGIN] = "BEGIN",
        [STRATA_PROG_SAVEPOINT] = "SAVEPOINT",
        [STRATA_PROG_SQL] = "SQL",
        [STRATA_PROG_GUARD] = "GUARD",
        [STRATA_PROG_PROGRESS] = "PROGRESS",
        [STRATA_PROG_COMMIT] = "COMMIT",
        [STRATA_PROG_ALONE] = "ALONE",
        [STRATA_PROG_GROUP] = "GROUP",
        [STRATA_PROG_FK_OFF] = "FK_OFF",
        [STRATA_PROG_FK_CHECK] = "FK_CHECK",
        [STRATA_PROG_HISTORY] = "HISTORY",
        [STRATA_PROG_RELEASE] = "RELEASE",
        [STRATA_PROG_FK_ON] = "FK_ON",
        [STRATA_PROG_IF_OPEN] = "IF_OPEN"};
    int rc = STRATA_OK;

    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        const strata_insn *in = &insns[i];
        int has_arg = in->op == STRATA_PROG_PROGRESS ||
                      in->op == STRATA_PROG_GROUP ||
                      in->op == STRATA_PROG_IF_OPEN ||
                      (in->flags & STRATA_PROG_SEGMENT);

        rc = strata__buf_printf(out, "%s", names[in->op]);
        if (rc == STRATA_OK && in->op == STRATA_PROG_STEP)
            rc = strata__buf_printf(out, " %zu", in->step);
        if (rc == STRATA_OK && in->item >= 0)
            rc = strata__buf_printf(out, " i=%ld", in->item);
        if (rc == STRATA_OK && has_arg)
            rc = strata__buf_printf(out, " arg=%ld", in->arg);
        if (rc == STRATA_OK && (in->flags & STRATA_PROG_IF_DIRTY))
            rc = strata__buf_puts(out, " if-dirty");
        if (rc == STRATA_OK && (in->flags & STRATA_PROG_SEGMENT))
            rc = strata__buf_puts(out, " segment");
        if (rc == STRATA_OK && (in->flags & STRATA_PROG_FK))
            rc = strata__buf_puts(out, " fk-off");
        if (rc == STRATA_OK && in->sql)
            rc = strata__buf_printf(out, " \"%s\"", in->sql->sql);
        if (rc == STRATA_OK)
            rc = strata__buf_puts(out, "\n");
    }
    return rc;
}
