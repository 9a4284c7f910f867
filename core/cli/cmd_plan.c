/* cmd_plan.c - plan: what upgrade (or downgrade) would do, operation by
 * operation, worked out from the live catalog without changing anything:
 * no migration lock, no history tables, not even a missing database.
 * The decisions and statements are apply.c's, on a catalog read once per
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
    strata_buf doc;        /* the --json document */
    size_t drift;          /* drifted operations not adopted */
    int first_step, first_group;
} plan_out;

/* Words in the future tense: nothing has run. */
static const char *plan_word(strata_ensure e, int adopted)
{
    static const char *const words[] = {
        "apply", "skip (exists)", "skip (absent)", "drift",
        "rebuild (was invalid)", "validate"};

    if (adopted)
        return "adopt (drift)";
    return e <= STRATA_ENSURE_VALIDATE ? words[e] : "?";
}

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

static void json_stmt(plan_out *o, int first, const char *sql,
                      const char *mode, const char *lock, const char *note,
                      const char *alternative)
{
    strata_buf *b = &o->doc;

    strata__buf_puts(b, first ? "{" : ",{");
    strata__json_key(b, "sql", 1);
    strata__json_str(b, sql);
    strata__json_key(b, "mode", 0);
    strata__json_str(b, mode);
    strata__json_key(b, "lock", 0);
    strata__json_str(b, lock);
    strata__json_key(b, "note", 0);
    strata__json_str(b, note);
    strata__json_key(b, "alternative", 0);
    strata__json_str(b, alternative);
    strata__buf_puts(b, "}");
}

static void json_op(plan_out *o, int first, const char *kind, unsigned line,
                    const char *sql, const char *outcome, const char *why)
{
    strata_buf *b = &o->doc;

    strata__buf_puts(b, first ? "{" : ",{");
    strata__json_key(b, "kind", 1);
    strata__json_str(b, kind);
    strata__json_key(b, "line", 0);
    strata__buf_printf(b, "%u", line);
    strata__json_key(b, "sql", 0);
    strata__json_str(b, sql);
    strata__json_key(b, "outcome", 0);
    strata__json_str(b, outcome);
    strata__json_key(b, "drift", 0);
    strata__json_str(b, why);
    strata__buf_puts(b, "}");
}

/* A raw statement: it runs as written; nothing about it is known. */
static void show_raw(plan_out *o, const strata_item *it, int txn)
{
    const char *mode =
        strata__program_alone(it, NULL, txn) ? "autocommit" : "transaction";

    if (o->json) {
        strata__buf_puts(&o->doc, o->first_group ? "{" : ",{");
        strata__json_key(&o->doc, "operations", 1);
        strata__buf_puts(&o->doc, "[");
        json_op(o, 1, "sql", it->line, it->sql, "run as written", NULL);
        strata__buf_puts(&o->doc, "]");
        strata__json_key(&o->doc, "statements", 0);
        strata__buf_puts(&o->doc, "[");
        json_stmt(o, 1, it->sql, mode, NULL, NULL, NULL);
        strata__buf_puts(&o->doc, "]}");
        o->first_group = 0;
        return;
    }
    strata__out("  line %u: sql: runs as written\n", it->line);
    print_sql(mode, it->sql);
}

static void show_group(plan_out *o, const strata_step *st,
                       const strata_unit *u, int txn)
{
    const strata_group *g = &u->g;

    if (o->json) {
        strata__buf_puts(&o->doc, o->first_group ? "{" : ",{");
        strata__json_key(&o->doc, "operations", 1);
        strata__buf_puts(&o->doc, "[");
    }
    for (size_t k = 0; k < g->nops; k++) {
        const strata_item *it = &st->items[u->first + k];
        const char *word = plan_word(g->outcome[k], g->adopted[k] &&
                                                        o->x->cli->adopt);
        const char *kind = strata__op_kind_name(it->op->kind);

        if (g->outcome[k] == STRATA_ENSURE_DRIFT && !o->x->cli->adopt)
            o->drift++;
        if (o->json)
            json_op(o, k == 0, kind, it->line, it->sql, word, g->why[k]);
        else if (g->why[k])
            strata__out("  line %u: %s: %s: %s\n", it->line, kind, word,
                        g->why[k]);
        else
            strata__out("  line %u: %s: %s\n", it->line, kind, word);
    }
    if (o->json) {
        strata__buf_puts(&o->doc, "]");
        strata__json_key(&o->doc, "statements", 0);
        strata__buf_puts(&o->doc, "[");
    }
    for (size_t k = 0; k < g->sql.count; k++) {
        const strata_sql *q = &g->sql.items[k];
        const char *mode = mode_of(q, txn);

        if (o->json) {
            json_stmt(o, k == 0, q->sql, mode, q->lock, q->note,
                      q->alternative);
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
        strata__buf_puts(&o->doc, "]}");
    o->first_group = 0;
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
        strata__buf_puts(&o->doc, o->first_step ? "{" : ",{");
        strata__json_key(&o->doc, "revision", 1);
        strata__json_str(&o->doc, rev->id);
        strata__json_key(&o->doc, "file", 0);
        strata__json_str(&o->doc, rev->path);
        strata__json_key(&o->doc, "direction", 0);
        strata__json_str(&o->doc, dir == STRATA_UP ? "up" : "down");
        strata__json_key(&o->doc, "transaction", 0);
        strata__buf_puts(&o->doc, txn ? "true" : "false");
        strata__json_key(&o->doc, "empty", 0);
        strata__buf_puts(&o->doc, st->empty ? "true" : "false");
        strata__json_key(&o->doc, "groups", 0);
        strata__buf_puts(&o->doc, "[");
    } else {
        strata__out("\n%s %s (%s)%s\n", dir == STRATA_UP ? "up" : "down",
                    rev->id, rev->path,
                    txn ? "" : ": transaction none, each statement alone");
        if (st->empty)
            strata__out("  empty on %s: nothing runs\n",
                        x->sess.drv->name);
    }
    o->first_group = 1;
    for (size_t i = 0; i < n; i++) {
        if (u[i].group)
            show_group(o, st, &u[i], txn);
        else
            show_raw(o, &st->items[u[i].first], txn);
    }
    if (o->json)
        strata__buf_puts(&o->doc, "]}");
    o->first_step = 0;
    strata__offline_units_free(u, n);
    return STRATA_OK;
}

/* base, -N and REV-N plan a downgrade; anything else an upgrade (an id
 * may hold '-': an exact one is a revision). */
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

    if (o->json) {
        strata__buf_puts(&o->doc, "{");
        strata__json_key(&o->doc, "command", 1);
        strata__json_str(&o->doc, "plan");
        strata__json_key(&o->doc, "direction", 0);
        strata__json_str(&o->doc, verb);
        strata__json_key(&o->doc, "target", 0);
        strata__json_str(&o->doc, spec);
        strata__json_key(&o->doc, "url", 0);
        strata__json_str(&o->doc, x->sess.url_masked);
        strata__json_key(&o->doc, "dialect", 0);
        strata__json_str(&o->doc, x->sess.drv->name);
        strata__json_key(&o->doc, "from", 0);
        strata__buf_puts(&o->doc, "[");
        for (size_t i = 0; i < p->nrows; i++) {
            strata__buf_puts(&o->doc, i ? "," : "");
            strata__json_str(&o->doc, p->rows[i]);
        }
        strata__buf_puts(&o->doc, "]");
        strata__json_key(&o->doc, "history_tables", 0);
        strata__buf_puts(&o->doc, x->hist.exists ? "true" : "false");
        strata__json_key(&o->doc, "transaction_per", 0);
        strata__json_str(&o->doc, per_run ? "run" : "migration");
        strata__json_key(&o->doc, "migrations", 0);
        strata__buf_puts(&o->doc, "[");
        return;
    }
    if (!p->plan.n) {
        strata__out("plan: nothing to do: %s is at ", x->sess.url_masked);
        for (size_t i = 0; i < p->nrows; i++)
            strata__out("%s%s", i ? ", " : "", p->rows[i]);
        strata__out("%s\n", p->nrows ? "" : "base");
        return;
    }
    strata__out("plan: %s to %s on %s (%s): %zu migration%s\n", verb, spec,
                x->sess.url_masked, x->sess.drv->name, p->plan.n,
                p->plan.n == 1 ? "" : "s");
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
    o.first_step = 1;
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
        strata__buf_puts(&o.doc, "]");
        strata__json_key(&o.doc, "drift", 0);
        strata__buf_printf(&o.doc, "%zu", o.drift);
        strata__json_key(&o.doc, "ok", 0);
        strata__buf_puts(&o.doc, rc == STRATA_OK ? "true" : "false");
        strata__json_key(&o.doc, "exit_code", 0);
        strata__buf_printf(&o.doc, "%d", strata__exit_code(rc));
        strata__json_key(&o.doc, "error", 0);
        strata__json_str(&o.doc, rc == STRATA_OK ? NULL : x->err.msg);
        strata__buf_puts(&o.doc, "}\n");
        if (o.doc.data)
            strata__print("%s", o.doc.data);
        x->json_done = 1;
    }
done:
    strata__buf_free(&o.doc);
    strata__catcache_free(cache);
    strata__prepared_free(&p);
    return rc;
}
