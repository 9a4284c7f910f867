/* cmd_plan.c - plan: what upgrade (or downgrade) would do, operation by
 * operation, worked out from the live catalog without changing anything:
 * no migration lock, no history tables, not even a missing database.
 * The decisions and statements are group.c's, on a catalog read once per
 * table and then simulated through the plan, so later migrations see
 * what earlier ones would have done. */
#include <stdlib.h>
#include <string.h>

#include "plan/catcache.h"
#include "plan/group.h"
#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "plan/offline.h"
#include "plan/program.h"
#include "sql/op.h"
#include "util/output.h"

typedef struct plan_out {
    strata_ctx *x;
    int json;
    json_t *doc;           /* the --json document (owned) */
    json_t *steps;         /* its "migrations" (borrowed) */
    json_t *groups;        /* the step being shown's "groups" (borrowed) */
    int oom;               /* building doc ran out of memory */
    size_t drift;          /* drifted operations not adopted */
} plan_out;

/* Where a statement runs, as the runner would run it. */
static const char *mode_of(const strata_sql *q, int txn)
{
    if (q->flags & STRATA_SQL_GUARD)
        return "check";
    if (strata__program_alone(NULL, q, txn))
        return "autocommit";
    if (q->flags & STRATA_SQL_NEEDS_FK_OFF)
        return "transaction, foreign keys off";
    return "transaction";
}

/* Text: sql indented, continuation lines under its first. */
static void print_sql(const char *mode, const char *sql)
{
    strata_buf b = {0};

    for (const char *p = sql; *p; p++)
        if (strata__buf_append(&b, p, 1) != STRATA_OK ||
            (*p == '\n' && strata__buf_puts(&b, "      ") != STRATA_OK))
            break;
    strata__out("    [%s] %s\n", mode, b.data ? b.data : "");
    strata__buf_free(&b);
}

/* Append v (taken; NULL when making it ran out of memory) to list. */
static void put(plan_out *o, json_t *list, json_t *v)
{
    o->oom |= json_array_append_new(list, v) != 0;
}

static json_t *json_stmt(const char *sql, const char *mode, const char *lock,
                         const char *note, const char *alternative)
{
    return json_pack("{s:o,s:o,s:o,s:o,s:o}", "sql", strata__json_text(sql),
                     "mode", strata__json_text(mode), "lock",
                     strata__json_text(lock), "note",
                     strata__json_text(note), "alternative",
                     strata__json_text(alternative));
}

static json_t *json_op(const char *kind, unsigned line, const char *sql,
                       const char *outcome, const char *why)
{
    return json_pack("{s:o,s:I,s:o,s:o,s:o}", "kind",
                     strata__json_text(kind), "line", (json_int_t)line,
                     "sql", strata__json_text(sql), "outcome",
                     strata__json_text(outcome), "drift",
                     strata__json_text(why));
}

/* A raw statement: it runs as written; nothing about it is known. */
static void show_raw(plan_out *o, const strata_item *it, int txn)
{
    const char *mode =
        strata__program_alone(it, NULL, txn) ? "autocommit" : "transaction";

    if (o->json) {
        put(o, o->groups,
            json_pack("{s:[o],s:[o]}", "operations",
                      json_op("sql", it->line, it->sql, "run as written",
                              NULL),
                      "statements",
                      json_stmt(it->sql, mode, NULL, NULL, NULL)));
        return;
    }
    strata__out("  line %u: sql: runs as written\n", it->line);
    print_sql(mode, it->sql);
}

static void show_group(plan_out *o, const strata_step *st,
                       const strata_unit *u, int txn)
{
    const strata_group *g = &u->g;
    json_t *ops = o->json ? json_array() : NULL;
    json_t *stmts = o->json ? json_array() : NULL;

    for (size_t k = 0; k < g->nops; k++) {
        const strata_item *it = &st->items[u->first + k];
        const char *kind = strata__op_kind_name(it->op->kind);
        /* The drift sentence, beside the word; a difference IF NOT
         * EXISTS skips is inside it. */
        const char *why = g->outcome[k] == STRATA_ENSURE_SKIP_DIFFERS
                              ? NULL
                              : g->why[k];
        strata_buf word = {0};

        if (g->adopted[k] && o->x->cli->adopt)
            o->oom |= strata__buf_puts(&word, "adopt (drift)") != STRATA_OK;
        else
            o->oom |= strata__ensure_say(&word, g->outcome[k], g->why[k],
                                         1) != STRATA_OK;
        if (g->outcome[k] == STRATA_ENSURE_DRIFT && !o->x->cli->adopt)
            o->drift++;
        if (o->json)
            put(o, ops, json_op(kind, it->line, it->sql, word.data, why));
        else if (why)
            strata__out("  line %u: %s: %s: %s\n", it->line, kind,
                        word.data ? word.data : "", why);
        else
            strata__out("  line %u: %s: %s\n", it->line, kind,
                        word.data ? word.data : "");
        strata__buf_free(&word);
    }
    for (size_t k = 0; k < g->sql.count; k++) {
        const strata_sql *q = &g->sql.items[k];
        const char *mode = mode_of(q, txn);

        if (o->json) {
            put(o, stmts, json_stmt(q->sql, mode, q->lock, q->note,
                                    q->alternative));
            continue;
        }
        print_sql(mode, q->sql);
        if (q->lock)
            strata__out("      lock: %s\n", q->lock);
        if (q->note)
            strata__out("      %s: %s\n",
                        q->flags & STRATA_SQL_GUARD ? "fails when not 0"
                                                    : "note",
                        q->note);
        if (q->alternative)
            strata__out("      %s: %s\n",
                        q->flags & STRATA_SQL_GUARD
                            ? "then undone with"
                            : "refused online, with allow_locking",
                        q->alternative);
    }
    if (o->json)
        put(o, o->groups,
            json_pack("{s:o,s:o}", "operations", ops, "statements", stmts));
}

static int show_step(plan_out *o, strata_catcache *cache, strata_step *st,
                     strata_direction dir)
{
    strata_ctx *x = o->x;
    const strata_revision *rev = strata__graph_rev(x->chain.graph, st->rev);
    int txn = rev->txn != STRATA_TXN_NONE, rc;
    strata_unit *u = NULL;
    size_t n = 0;

    /* Drift is reported, not fatal: the plan goes on. */
    rc = strata__offline_units(&u, &n, cache, &x->cfg, rev, st, 1,
                               &x->err);
    if (rc != STRATA_OK)
        return rc;
    if (o->json) {
        json_t *mig = json_pack("{s:o,s:o,s:s,s:b,s:b,s:[]}", "revision",
                                strata__json_text(rev->id), "file",
                                strata__json_text(rev->path), "direction",
                                dir == STRATA_UP ? "up" : "down",
                                "transaction", txn, "empty", st->empty,
                                "groups");

        /* Borrowed from mig, which the document holds from here. */
        o->groups = json_object_get(mig, "groups");
        if (json_array_append_new(o->steps, mig) != 0) {
            o->oom = 1;
            o->groups = NULL; /* mig was freed */
        }
    } else {
        strata__out("\n%s %s (%s)%s\n", dir == STRATA_UP ? "up" : "down",
                    rev->id, rev->path,
                    txn ? "" : ": transaction none, each statement alone");
        if (st->empty)
            strata__out("  empty on %s: nothing runs\n",
                        x->sess.drv->name);
    }
    for (size_t i = 0; i < n; i++) {
        if (u[i].group)
            show_group(o, st, &u[i], txn);
        else
            show_raw(o, &st->items[u[i].first], txn);
    }
    strata__offline_units_free(u, n);
    return STRATA_OK;
}

/* base, -N and REV-N plan a downgrade; anything else an upgrade (an id
 * may hold '-': an exact one is a revision), or a downgrade when the
 * revision is below the database's (strata_prepared.behind). */
static strata_direction direction_of(const strata_graph *g, const char *spec)
{
    const char *dash = strrchr(spec, '-');

    if (strcmp(spec, "base") == 0)
        return STRATA_DOWN;
    if (strata__graph_find(g, spec) >= 0 || !dash || !dash[1] ||
        strspn(dash + 1, "0123456789") != strlen(dash + 1))
        return STRATA_UP;
    return STRATA_DOWN;
}

static void show_head(plan_out *o, const strata_prepared *p,
                      strata_direction dir, const char *spec, int per_run)
{
    strata_ctx *x = o->x;
    const char *verb = dir == STRATA_UP ? "upgrade" : "downgrade";
    char *target;

    if (o->json) {
        o->doc = json_pack(
            "{s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:s,s:[]}", "command", "plan",
            "direction", verb, "target", strata__json_text(spec), "url",
            strata__json_text(x->sess.url_masked), "dialect",
            strata__json_text(x->sess.drv->name), "from",
            strata__json_strings(p->rows, p->nrows), "history_tables",
            x->hist.exists, "transaction_per", per_run ? "run" : "migration",
            "migrations");
        o->steps = json_object_get(o->doc, "migrations");
        o->oom = !o->doc;
        return;
    }
    if (!p->plan.n) {
        strata__out("plan: nothing to do: %s is at ", x->sess.url_masked);
        for (size_t i = 0; i < p->nrows; i++)
            strata__out("%s%s", i ? ", " : "", p->rows[i]);
        strata__out("%s\n", p->nrows ? "" : "base");
        return;
    }
    /* The revision the target resolved to, with the target as given. */
    target = strata__target_describe(x->chain.graph, &p->t, spec);
    strata__out("plan: %s to %s on %s (%s): %zu migration%s\n", verb,
                target ? target : spec, x->sess.url_masked,
                x->sess.drv->name, p->plan.n, p->plan.n == 1 ? "" : "s");
    free(target);
    if (!x->hist.exists)
        strata__out("  %s and %s do not exist yet: upgrade creates them "
                    "first\n",
                    x->cfg.history_table, x->cfg.version_table);
    if (per_run)
        strata__out("  one transaction for the run, a savepoint per "
                    "migration\n");
}

int strata__cmd_plan(strata_ctx *x)
{
    const char *spec = x->cli->nargs ? x->cli->args[0] : "head";
    strata_prepared p = {0};
    strata_catcache *cache = NULL;
    strata_direction dir;
    plan_out o = {0};
    int rc, per_run = 0;

    rc = strata__ctx_config(x);
    if (rc != STRATA_OK)
        return rc;
    /* A look changes nothing: not even a missing schema is created. */
    x->cfg.create_schema = 0;
    rc = strata__ctx_chain(x);
    if (rc != STRATA_OK)
        return rc;
    dir = direction_of(x->chain.graph, spec);
    rc = strata__ctx_prepare(x, dir, spec, 0, &p);
    if (rc == STRATA_ERR_INVALID && p.behind) {
        /* A revision below the database's: plan the downgrade to it. */
        strata__prepared_free(&p);
        strata__error_clear(&x->err);
        dir = STRATA_DOWN;
        rc = strata__ctx_prepare(x, dir, spec, 0, &p);
    }
    if (rc == STRATA_OK &&
        strata__catcache_new(&cache, &x->sess) != STRATA_OK)
        rc = strata__nomem(&x->err);
    if (rc != STRATA_OK)
        goto done;
    /* The live catalog where there is a database, each table read once;
     * a missing one plans from nothing. */
    strata__catcache_simulate(cache, x->connected && !x->absent);
    per_run = strata__program_per_run(x->sess.drv, &x->cfg);
    o.x = x;
    o.json = x->cli->json;
    show_head(&o, &p, dir, spec, per_run);
    for (size_t i = 0; i < p.plan.n && rc == STRATA_OK; i++)
        rc = show_step(&o, cache, &p.plan.steps[i], dir);
    if (rc == STRATA_OK && o.drift)
        rc = strata__error_set(&x->err, STRATA_ERR_DRIFT,
                               "plan: %zu operation%s drifted: %s would "
                               "refuse %s (--adopt accepts the database's)",
                               o.drift, o.drift == 1 ? "" : "s",
                               dir == STRATA_UP ? "upgrade" : "downgrade",
                               o.drift == 1 ? "it" : "them");
    if (o.json && (rc == STRATA_OK || rc == STRATA_ERR_DRIFT)) {
        json_t *doc = o.doc, *tail = json_pack(
            "{s:I,s:b,s:i,s:o}", "drift", (json_int_t)o.drift, "ok",
            rc == STRATA_OK, "exit_code", strata__exit_code(rc), "error",
            strata__json_text(rc == STRATA_OK ? NULL : x->err.msg));

        o.doc = NULL; /* printing takes it */
        o.oom |= json_object_update_new(doc, tail) != 0;
        if (strata__ctx_print_json(x, doc, o.oom) != STRATA_OK)
            rc = STRATA_ERR_NOMEM;
    }
done:
    json_decref(o.doc);
    strata__catcache_free(cache);
    strata__prepared_free(&p);
    return rc;
}
