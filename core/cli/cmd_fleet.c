/* cmd_fleet.c - fleet: one verb (upgrade, downgrade, status, check) on
 * every target of a list or every matching schema, by a pool of worker
 * processes, then one summary: a table, or a --json document
 * (docs/design.md §9.12). */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/fleet_run.h"
#include "cli/fleet_targets.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/output.h"

#define DEFAULT_LOGS "strata-fleet-logs"
#define MAX_JOBS 256

typedef struct fleet {
    strata_ctx *x;
    strata_cli verb; /* the verb each target runs */
    strata_fleet_targets t;
    strata_fleet_result *r;
    size_t finished;
    size_t jobs, canary;
    const char *logs;
} fleet;

/* A count option: 1..max. */
static int count_opt(const char *name, const char *s, size_t max,
                     size_t *out, strata_error *err)
{
    char *end;
    unsigned long v;

    if (!s)
        return STRATA_OK;
    v = strtoul(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || v > max)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "%s %s: give a number from 1 to %zu", name,
                                 s, max);
    *out = v;
    return STRATA_OK;
}

/* The verb each target runs: the fleet's options minus its own. */
static int verb_of(fleet *f)
{
    static const char *const verbs[] = {"upgrade", "downgrade", "status",
                                        "check"};
    const strata_cli *c = f->x->cli;
    strata_cli *v = &f->verb;

    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(c->args[0], verbs[i]) == 0) {
            *v = *c;
            v->verb = verbs[i];
            v->args = c->args + 1;
            v->nargs = c->nargs - 1;
            v->json = 0;
            v->targets = v->schemas = v->jobs = v->canary = v->shard =
                v->logs = NULL;
            v->continue_on_error = 0;
            return strata__cli_check(v, &f->x->err);
        }
    return strata__error_set(&f->x->err, STRATA_ERR_INVALID,
                             "fleet %s: the fleet runs upgrade, downgrade, "
                             "status or check",
                             c->args[0]);
}

static int targets_of(fleet *f)
{
    const strata_cli *c = f->x->cli;
    strata_ctx lx;
    int rc;

    if (!c->targets == !c->schemas)
        return strata__error_set(&f->x->err, STRATA_ERR_INVALID,
                                 "fleet: give --targets FILE or --schemas "
                                 "PATTERN (one of them)");
    if (c->targets)
        rc = strata__fleet_read(c->targets, &f->t, &f->x->err);
    else {
        /* Its own context, closed before any target starts: no worker
         * inherits the connection. */
        strata__ctx_init(&lx, c);
        lx.read_only = 1;
        rc = strata__fleet_schemas(&lx, c->schemas, &f->t);
        if (rc != STRATA_OK) {
            f->x->err = lx.err;
            memset(&lx.err, 0, sizeof lx.err);
        }
        strata__ctx_free(&lx);
    }
    if (rc == STRATA_OK && c->shard)
        rc = strata__fleet_shard(&f->t, c->shard, &f->x->err);
    return rc;
}

static char *rows_text(char *const *v, size_t n, int known)
{
    strata_buf b = {0};

    if (!known)
        return strdup("?");
    if (!n)
        return strdup("base");
    for (size_t i = 0; i < n; i++)
        strata__buf_printf(&b, "%s%s", i ? "," : "", v[i]);
    return strata__buf_take(&b);
}

static const char *outcome(const strata_fleet_result *r)
{
    return r->state == STRATA_FLEET_DONE     ? "done"
           : r->state == STRATA_FLEET_FAILED ? "failed"
                                             : "not run";
}

/* Each target as it ends: one line, so a long fleet shows it moves. */
static void ended(void *arg, size_t i, const strata_fleet_result *r)
{
    fleet *f = arg;

    f->finished++;
    if (r->state == STRATA_FLEET_DONE)
        strata__out("[%zu/%zu] %s: done in %lld ms\n", f->finished, f->t.n,
                    f->t.v[i].shown, r->ms);
    else
        strata__out("[%zu/%zu] %s: failed (exit %d) in %lld ms: see %s\n",
                    f->finished, f->t.n, f->t.v[i].shown, r->exit_code, r->ms,
                    r->log);
    strata__flush();
}

static int print_table(const fleet *f)
{
    size_t n = f->t.n, wt = 6, wf = 4, wto = 2;
    char **from = strata__alloc_array(n * 2, sizeof *from), **to;
    size_t counts[3] = {0, 0, 0};
    int rc = STRATA_OK;

    STRATA_ALLOC_CHECK(from, &f->x->err);
    to = from + n;
    for (size_t i = 0; i < n; i++) {
        const strata_fleet_result *r = &f->r[i];

        from[i] = rows_text(r->from, r->nfrom, r->known);
        to[i] = rows_text(r->to, r->nto, r->known);
        if (!from[i] || !to[i])
            rc = strata__nomem(&f->x->err);
        wt = strlen(f->t.v[i].shown) > wt ? strlen(f->t.v[i].shown) : wt;
        wf = from[i] && strlen(from[i]) > wf ? strlen(from[i]) : wf;
        wto = to[i] && strlen(to[i]) > wto ? strlen(to[i]) : wto;
    }
    if (rc == STRATA_OK) {
        strata__out("\n%-*s  %-*s  %-*s  %9s  %s\n", (int)wt, "TARGET",
                    (int)wf, "FROM", (int)wto, "TO", "DURATION", "OUTCOME");
        for (size_t i = 0; i < n; i++) {
            const strata_fleet_result *r = &f->r[i];
            char dur[32] = "-", code[24] = "";

            counts[r->state]++;
            if (r->state != STRATA_FLEET_NOT_RUN)
                snprintf(dur, sizeof dur, "%lld ms", r->ms);
            if (r->state == STRATA_FLEET_FAILED)
                snprintf(code, sizeof code, " (exit %d)", r->exit_code);
            strata__out("%-*s  %-*s  %-*s  %9s  %s%s\n", (int)wt,
                        f->t.v[i].shown, (int)wf,
                        r->state ? from[i] : "-", (int)wto,
                        r->state ? to[i] : "-", dur, outcome(r), code);
        }
        for (size_t i = 0; i < n; i++)
            if (f->r[i].error)
                strata__out("%s: %s\n", f->t.v[i].shown, f->r[i].error);
        strata__out("%zu done, %zu failed, %zu not run; logs in %s/\n",
                    counts[STRATA_FLEET_DONE], counts[STRATA_FLEET_FAILED],
                    counts[STRATA_FLEET_NOT_RUN], f->logs);
    }
    for (size_t i = 0; i < n * 2; i++)
        free(from[i]);
    free(from);
    return rc;
}

static json_t *rows_json(const strata_fleet_result *r, int to)
{
    if (!r->known)
        return json_null();
    return to ? strata__json_strings(r->to, r->nto)
              : strata__json_strings(r->from, r->nfrom);
}

static int print_json(fleet *f)
{
    const strata_cli *c = f->x->cli;
    json_t *list = json_array(), *doc;
    size_t counts[3] = {0, 0, 0};
    int oom = !list;

    for (size_t i = 0; i < f->t.n && !oom; i++) {
        const strata_fleet_result *r = &f->r[i];
        int run = r->state != STRATA_FLEET_NOT_RUN;

        counts[r->state]++;
        oom |= json_array_append_new(
            list,
            json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "target",
                      strata__json_text(f->t.v[i].shown), "from",
                      run ? rows_json(r, 0) : json_null(), "to",
                      run ? rows_json(r, 1) : json_null(), "duration_ms",
                      run ? json_integer(r->ms) : json_null(), "outcome",
                      strata__json_text(outcome(r)), "exit_code",
                      run ? json_integer(r->exit_code) : json_null(),
                      "error",
                      r->error ? strata__json_text(r->error) : json_null(),
                      "log", r->log ? strata__json_text(r->log)
                                    : json_null()));
    }
    doc = oom ? NULL
              : json_pack("{s:s,s:s,s:s,s:o,s:i,s:o,s:{s:i,s:i,s:i},s:o}",
                          "command", "fleet", "verb", f->verb.verb, "logs",
                          f->logs, "shard",
                          c->shard ? strata__json_text(c->shard)
                                   : json_null(),
                          "jobs", (json_int_t)f->jobs, "canary",
                          f->canary ? json_integer((json_int_t)f->canary)
                                    : json_null(),
                          "counts", "done",
                          (json_int_t)counts[STRATA_FLEET_DONE], "failed",
                          (json_int_t)counts[STRATA_FLEET_FAILED],
                          "not_run",
                          (json_int_t)counts[STRATA_FLEET_NOT_RUN],
                          "targets", list);
    if (!doc)
        json_decref(list);
    return strata__ctx_print_json(f->x, doc, oom);
}

/* The fleet's exit: the highest of its targets' (docs/design.md §9.12),
 * as the status that maps to it. */
static int fleet_status(const fleet *f, int signo)
{
    int worst = 0, failed = 0;

    for (size_t i = 0; i < f->t.n; i++)
        if (f->r[i].state == STRATA_FLEET_FAILED) {
            failed++;
            worst = f->r[i].exit_code > worst ? f->r[i].exit_code : worst;
        }
    if (signo)
        return strata__error_set(&f->x->err, STRATA_ERR_INTERRUPTED,
                                 "fleet: interrupted; %d target(s) failed "
                                 "or stopped (logs in %s/)",
                                 failed, f->logs);
    if (!failed)
        return STRATA_OK;
    return strata__error_set(
        &f->x->err,
        worst == 4   ? STRATA_ERR_BUSY
        : worst == 3 ? STRATA_ERR_POLICY
        : worst == 2 ? STRATA_ERR_INVALID
        : worst > 128 ? STRATA_ERR_INTERRUPTED
                      : STRATA_ERR_DB,
        "fleet: %d of %zu target(s) failed (logs in %s/)", failed, f->t.n,
        f->logs);
}

int strata__cmd_fleet(strata_ctx *x)
{
    fleet f = {0};
    strata_fleet_plan p = {0};
    int rc, signo = 0;

    f.x = x;
    f.logs = x->cli->logs ? x->cli->logs : DEFAULT_LOGS;
    p.jobs = 1;
    rc = verb_of(&f);
    if (rc == STRATA_OK)
        rc = count_opt("-j", x->cli->jobs, MAX_JOBS, &p.jobs, &x->err);
    if (rc == STRATA_OK)
        rc = count_opt("--canary", x->cli->canary, (size_t)-1, &p.canary,
                       &x->err);
    if (rc == STRATA_OK)
        rc = targets_of(&f);
    if (rc == STRATA_OK) {
        f.r = calloc(f.t.n ? f.t.n : 1, sizeof *f.r);
        STRATA_ALLOC_GOTO(f.r, &x->err, rc, done);
    }
    if (rc == STRATA_OK && !f.t.n && !x->cli->json)
        strata__out("fleet: shard %s takes none of the targets\n",
                    x->cli->shard);
    if (rc == STRATA_OK && f.t.n) {
        f.jobs = p.jobs;
        f.canary = p.canary;
        p.verb = &f.verb;
        p.targets = &f.t;
        p.keep_going = x->cli->continue_on_error;
        p.logs = f.logs;
        p.ended = ended;
        p.arg = &f;
        rc = strata__fleet_run(&p, f.r, &signo, &x->err);
    }
    if (rc == STRATA_OK)
        rc = x->cli->json ? print_json(&f) : print_table(&f);
    if (rc == STRATA_OK)
        rc = fleet_status(&f, signo);
done:
    strata__fleet_results_free(f.r, f.t.n);
    strata__fleet_targets_free(&f.t);
    return rc;
}
