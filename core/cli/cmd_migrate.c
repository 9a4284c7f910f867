/* cmd_migrate.c - upgrade and downgrade: check everything offline,
 * connect, lock, plan from the live state, run, report. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "db/host.h"
#include "plan/offline.h"
#include "plan/planner.h"
#include "run/report.h"
#include "run/runner.h"

static long long mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Targets that depend on the database's state: "+N" and "-N" (REV+N
 * resolves from the files alone). */
static int is_relative(const char *spec)
{
    size_t n = strspn(spec + 1, "0123456789");

    return (spec[0] == '+' || spec[0] == '-') && n && !spec[1 + n];
}

static long find_cb(void *payload, const char *rev)
{
    return strata__graph_find(payload, rev);
}

static void up_state_free(strata_up_state *u, size_t n)
{
    for (size_t i = 0; u->detail && i < n; i++)
        free(u->detail[i]);
    free(u->detail);
    free(u->empty);
}

void strata__prepared_free(strata_prepared *p)
{
    strata__plan_free(&p->plan);
    strata__target_free(&p->t);
    strata__strings_free(p->rows, p->nrows);
    up_state_free(&p->up, p->n);
    free(p->applied);
    free(p->path);
    memset(p, 0, sizeof *p);
}

int strata__migrate_prepare(strata_ctx *x, strata_direction dir,
                            const char *spec, int lock, strata_prepared *p)
{
    const strata_graph *g;
    strata_target t = {0};
    int rc;

    memset(p, 0, sizeof *p);
    rc = strata__ctx_chain(x);
    if (rc == STRATA_OK)
        rc = strata__plan_check(&x->chain, x->sess.drv->name,
                                x->sess.drv->render &&
                                    x->sess.drv->introspect,
                                &x->err);
    if (rc != STRATA_OK)
        return rc;
    g = x->chain.graph;
    p->n = strata__graph_count(g);
    /* An unknown or ambiguous target is bad input: refuse it before
     * connecting.  Ids may contain '-', so only a failed lookup of a
     * spec that could be relative waits for the database. */
    rc = strata__graph_resolve(g, spec, dir, NULL, &t, &x->err);
    strata__target_free(&t);
    if (rc != STRATA_OK && !(is_relative(spec) && rc == STRATA_ERR_INVALID))
        return rc;
    strata__error_clear(&x->err);

    /* Downgrading a database that does not exist must not create it;
     * neither may a look that changes nothing (lock == 0: plan). */
    rc = strata__ctx_connect(x, dir == STRATA_UP && lock, lock);
    if (rc == STRATA_OK)
        rc = strata__ctx_state(x, &p->rows, &p->nrows, &p->applied);
    if (rc == STRATA_OK)
        rc = strata__graph_resolve(g, spec, dir, p->applied, &p->t,
                                   &x->err);
    /* Downgrading "to" a revision that is not applied means nothing: a
     * typo or the wrong database, not a request to do nothing. */
    for (size_t i = 0;
         rc == STRATA_OK && dir == STRATA_DOWN && i < p->t.nrevs; i++)
        if (!p->applied[p->t.revs[i]])
            rc = strata__error_set(
                &x->err, STRATA_ERR_INVALID,
                "downgrade target '%s' is not applied to %s (see 'strata "
                "current')",
                strata__graph_rev(g, p->t.revs[i])->id, x->sess.url_masked);
    if (rc == STRATA_OK)
        rc = dir == STRATA_UP
                 ? strata__graph_upgrade_path(g, &p->t, p->applied,
                                              &p->path, &p->npath)
                 : strata__graph_downgrade_path(g, &p->t, p->applied,
                                                &p->path, &p->npath);
    if (rc == STRATA_ERR_NOMEM)
        strata__error_set(&x->err, rc, "out of memory");
    /* A downgrade undoes the last upgrade: what it ran, and captured. */
    if (rc == STRATA_OK && dir == STRATA_DOWN && p->npath &&
        x->hist.exists) {
        p->up.empty = calloc(p->n, 1);
        p->up.detail = calloc(p->n, sizeof *p->up.detail);
        rc = p->up.empty && p->up.detail
                 ? strata__history_up_state(&x->hist, find_cb, (void *)g,
                                            p->up.empty, p->up.detail,
                                            &x->err)
                 : strata__error_set(&x->err, STRATA_ERR_NOMEM,
                                     "out of memory");
    }
    if (rc == STRATA_OK)
        rc = strata__plan_build(&p->plan, &x->chain, x->sess.drv->name, 1,
                                dir, p->path, p->npath, &p->up, &x->err);
    return rc;
}

static int migrate(strata_ctx *x, strata_direction dir, const char *spec)
{
    strata_prepared p;
    strata_report *rep = NULL;
    char **to = NULL;
    size_t nto = 0;
    long long t0 = mono_ms();
    int rc;

    /* --sql: the script, printed without any connection. */
    if (x->cli->sql && x->cli->json)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "--sql prints SQL: it does not go with "
                                 "--json");
    if (x->cli->sql)
        return strata__offline_script(x, dir, spec);
    if (x->cli->dialect || x->cli->from)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "%s: --dialect and --from go with --sql",
                                 dir == STRATA_UP ? "upgrade"
                                                  : "downgrade");
    rc = strata__migrate_prepare(x, dir, spec, 1, &p);
    if (rc != STRATA_OK)
        goto done;

    rep = strata__report_new(dir == STRATA_UP ? "upgrade" : "downgrade",
                             x->cli->json, x->cli->verbose);
    if (!rep) {
        rc = strata__error_set(&x->err, STRATA_ERR_NOMEM, "out of memory");
        goto done;
    }
    strata__report_start(rep, x->sess.url_masked, x->sess.drv->name, spec,
                         p.rows, p.nrows, p.plan.n);
    if (p.plan.n) {
        rc = strata__history_create(&x->hist, &x->err);
        if (rc == STRATA_OK)
            rc = strata__run(&x->sess, &x->hist, &x->chain, &p.plan,
                             p.applied, x->cli->adopt, rep, &x->err);
    }
    /* Report what the database says now, whatever happened. */
    if (x->connected && x->hist.exists) {
        strata_error lerr = {0};
        if (strata__history_versions(&x->hist, &to, &nto, &lerr) !=
            STRATA_OK)
            to = NULL, nto = 0;
        strata__error_clear(&lerr);
    }
    strata__report_finish(rep, to, nto, rc, &x->err, mono_ms() - t0);
    x->json_done = 1;
done:
    strata__report_free(rep);
    strata__strings_free(to, nto);
    strata__prepared_free(&p);
    return rc;
}

int strata__cmd_upgrade(strata_ctx *x)
{
    return migrate(x, STRATA_UP, x->cli->nargs ? x->cli->args[0] : "head");
}

int strata__cmd_downgrade(strata_ctx *x)
{
    return migrate(x, STRATA_DOWN, x->cli->args[0]);
}
