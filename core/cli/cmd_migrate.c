/* cmd_migrate.c - upgrade and downgrade: check everything offline,
 * connect, lock, plan from the live state, run, report; or, with --sql,
 * print the script without connecting. */
#include <stdlib.h>
#include <string.h>

#include "cli/built.h"
#include "cli/commands.h"
#include "db/host.h"
#include "util/output.h"
#include "plan/offline.h"
#include "run/report.h"
#include "run/runner.h"
#include "util/alloc.h"
#include "util/clock.h"

/* `--sql`: the script, printed without any connection.  The dialect is
 * --dialect's or the URL's; the state is --from's (upgrade: base;
 * downgrade: every head). */
static int sql_script(strata_ctx *x, strata_direction dir, const char *spec)
{
    strata_offline o = {0};
    strata_prepared p = {0};
    strata_target ft = {0};
    strata_buf out = {0};
    const char *dialect;
    char *where = NULL;
    int rc = strata__ctx_chain(x);

    if (rc != STRATA_OK)
        return rc;
    dialect = x->cli->dialect ? x->cli->dialect : x->sess.drv->name;
    if (strata__chain_driver(&x->chain, dialect, &o.drv, &o.conn) !=
        STRATA_OK)
        return strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                                 "--sql: unknown dialect '%s': no driver "
                                 "for it is installed (see 'strata "
                                 "drivers')",
                                 dialect);
    rc = strata__offline_supported(o.drv, &x->err);
    if (rc == STRATA_OK)
        rc = strata__plan_check(&x->chain, dialect, 1, &x->err);
    if (rc != STRATA_OK)
        return rc;
    o.cfg = &x->cfg;
    o.chain = &x->chain;
    o.session_dialect = x->sess.drv->name;
    o.dir = dir;
    o.from = x->cli->from ? x->cli->from
                          : dir == STRATA_UP ? "base" : "heads";
    o.to = spec;
    o.from_target = &ft;
    p.n = strata__graph_count(x->chain.graph);
    p.applied = calloc(p.n ? p.n : 1, 1);
    where = strata__sprintf("at --from %s", o.from);
    if (!p.applied || !where) {
        rc = strata__nomem(&x->err);
        goto done;
    }
    rc = strata__prepare_from(x->chain.graph, o.from, &ft, p.applied,
                              &x->err);
    if (rc == STRATA_OK)
        rc = strata__prepare_path(&p, x->chain.graph, dir, spec, where,
                                  &x->err);
    if (rc == STRATA_OK)
        rc = strata__offline_script(&o, &p, &out, &x->err);
    if (rc == STRATA_OK)
        strata__print("%s", out.data ? out.data : "");
done:
    free(where);
    strata__buf_free(&out);
    strata__target_free(&ft);
    strata__prepared_free(&p);
    return rc;
}

static size_t max_len(size_t n, const char *s)
{
    size_t k = strlen(s);

    return k > n ? k : n;
}

static int migrate(strata_ctx *x, strata_direction dir, const char *spec)
{
    strata_prepared p;
    strata_report *rep = NULL;
    char **to = NULL, *target = NULL;
    size_t nto = 0, idw = 0;
    long long t0 = strata__mono_ms();
    int rc;

    /* --sql: the script, printed without any connection. */
    if (x->cli->sql && x->cli->json)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "--sql prints SQL: it does not go with "
                                 "--json");
    if (x->cli->sql)
        return sql_script(x, dir, spec);
    if (x->cli->dialect || x->cli->from)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "%s: --dialect and --from go with --sql",
                                 dir == STRATA_UP ? "upgrade"
                                                  : "downgrade");
    rc = strata__ctx_prepare(x, dir, spec, 1, &p);
    if (rc != STRATA_OK)
        goto done;

    rep = strata__report_new(dir == STRATA_UP ? "upgrade" : "downgrade",
                             x->cli->json, x->cli->verbose);
    /* The header names the revision a target resolved to ("-1" is
     * "r2 (-1)"); --json keeps the target as given. */
    target = x->cli->json ? NULL
                          : strata__target_describe(x->chain.graph, &p.t,
                                                    spec);
    STRATA_ALLOC_GOTO(rep && (x->cli->json || target), &x->err, rc, done);
    for (size_t i = 0; i < p.plan.n; i++)
        idw = max_len(idw, strata__graph_rev(x->chain.graph,
                                             p.plan.steps[i].rev)->id);
    strata__report_align(rep, idw);
    strata__report_start(rep, x->sess.url_masked, x->sess.drv->name,
                         target ? target : spec, p.rows, p.nrows, p.plan.n);
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
    strata__report_finish(rep, to, nto, rc, &x->err, strata__mono_ms() - t0);
    x->json_done = 1;
    /* ini dump_schema: the schema as the run left it, for review. */
    if (rc == STRATA_OK && x->cfg.dump_schema && !x->scratch)
        rc = strata__dump_schema(x);
done:
    free(target);
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
