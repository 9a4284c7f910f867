/* cmd_test.c - test: the stairway on a scratch database (each revision
 * upgraded, its +verify queries run, downgraded and compared with the
 * schema before its upgrade, upgraded again) and the chain's one head;
 * exit 3 naming each revision and object that fails (docs/design.md
 * §9.11). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/built.h"
#include "cli/commands.h"
#include "cli/junit.h"
#include "cli/verify_query.h"
#include "sql/schema_diff.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/output.h"

typedef struct tester {
    strata_ctx *x;
    strata_cli cli;            /* the steps' command line */
    char *args[1];
    strata_ctx y;              /* on the scratch database */
    strata_junit_case *cases;  /* "one head", then a case per revision */
    size_t n;
    size_t nqueries;           /* +verify queries run */
    const char *stopped;       /* the revision the stairway stopped at */
    int given;                 /* no scratch database: the configured
                                * one, which must be empty */
} tester;

static int fail(tester *t, strata_junit_case *c, const char *type,
                char *object, const char *fmt, ...) STRATA_PRINTF(5, 6);

/* A failure of c; the message names the revision (fmt's first %s). */
static int fail(tester *t, strata_junit_case *c, const char *type,
                char *object, const char *fmt, ...)
{
    va_list ap;
    char *message;

    va_start(ap, fmt);
    message = strata__vsprintf(fmt, ap);
    va_end(ap);
    /* junit_fail takes both, and a NULL message is out of memory. */
    return strata__junit_fail(c, type, object, message) == STRATA_OK
               ? STRATA_OK
               : strata__nomem(&t->x->err);
}

/* One upgrade or downgrade of the scratch database, quietly; its error
 * is left in t->y.err. */
static int step(tester *t, strata_direction dir, const char *spec)
{
    int quiet = strata__output_quiet(), rc;

    strata__error_clear(&t->y.err);
    t->args[0] = (char *)spec;
    t->cli.verb = dir == STRATA_UP ? "upgrade" : "downgrade";
    strata__output_set_quiet(1);
    rc = dir == STRATA_UP ? strata__cmd_upgrade(&t->y)
                          : strata__cmd_downgrade(&t->y);
    strata__output_set_quiet(quiet);
    return rc;
}

static const char *step_error(tester *t, int rc)
{
    return t->y.err.msg ? t->y.err.msg : strata_strerror(rc);
}

/* "index users.users_name" */
static char *object(const strata_schema_change *ch)
{
    return strata__sprintf("%s %s%s%s", ch->kind, ch->table ? ch->table : "",
                           ch->table ? "." : "", ch->name);
}

/* The object with its definition: "index users.users_name (name)". */
static char *shown(const char *o, const char *def)
{
    if (!def || !*def)
        return strdup(o);
    return def[0] == '(' ? strata__sprintf("%s %s", o, def)
                         : strata__sprintf("%s (%s)", o, def);
}

/* What differs between want and got, as failures of c: after the down
 * (again == 0), want is the schema before the upgrade; after upgrading
 * again, the schema of the first upgrade. */
static int compare(tester *t, strata_junit_case *c, const strata_schema *want,
                   const strata_schema *got, int again)
{
    const char *id = c->name, *type = again ? "upgrade-again" : "down";
    strata_schema_diff d = {0};
    int rc = STRATA_OK;

    if (strata__schema_diff(want, got, 0, &d) != STRATA_OK)
        return strata__nomem(&t->x->err);
    for (size_t i = 0; i < d.n && rc == STRATA_OK; i++) {
        const strata_schema_change *ch = &d.v[i];
        char *o = object(ch), *on = NULL;

        if (!o || !(on = shown(o, ch->a ? ch->a : ch->b))) {
            free(o);
            rc = strata__nomem(&t->x->err);
        } else if (again)
            rc = fail(t, c, type, o,
                      "%s: upgraded again after its down, %s %s (first "
                      "upgrade: %s; again: %s)",
                      id, strcmp(ch->change, STRATA_DIFF_ONLY_A) == 0
                              ? "it no longer builds"
                              : strcmp(ch->change, STRATA_DIFF_ONLY_B) == 0
                                    ? "it also builds"
                                    : "it builds differently",
                      o, ch->a ? ch->a : "absent", ch->b ? ch->b : "absent");
        else if (strcmp(ch->change, STRATA_DIFF_ONLY_A) == 0)
            rc = fail(t, c, type, o,
                      "%s: its down removes %s, which was there before its "
                      "upgrade",
                      id, on);
        else if (strcmp(ch->change, STRATA_DIFF_ONLY_B) == 0)
            rc = fail(t, c, type, o, "%s: its down leaves %s behind", id,
                      on);
        else
            rc = fail(t, c, type, o,
                      "%s: its down does not restore %s (before its "
                      "upgrade: %s; after its down: %s)",
                      id, o, ch->a ? ch->a : "", ch->b ? ch->b : "");
        free(on);
    }
    strata__schema_diff_free(&d);
    return rc;
}

static int verify(tester *t, strata_junit_case *c, const strata_revision *r)
{
    strata_verify_failures f = {0};
    int rc = strata__verify_revision(&t->y, r, &f, &t->nqueries);

    if (rc != STRATA_OK)
        rc = strata__error_set(&t->x->err, rc, "%s", step_error(t, rc));
    for (size_t i = 0; i < f.n && rc == STRATA_OK; i++)
        rc = fail(t, c, "verify", NULL, "%s: +verify at %s:%u %s", r->id,
                  r->path, f.v[i].line, f.v[i].message);
    strata__verify_failures_free(&f);
    return rc;
}

/* One stair: r up, its queries, down (compared with *before), up again
 * (compared with the first upgrade); *before becomes the schema with r
 * applied.  A step that fails sets t->stopped unless the database is as
 * it was (a down refused before anything ran). */
static int stair(tester *t, strata_junit_case *c, const strata_revision *r,
                 strata_schema *before)
{
    strata_schema up = {0}, down = {0}, again = {0};
    char *spec = NULL;
    int rc = step(t, STRATA_UP, r->id), src;

    if (rc != STRATA_OK) {
        t->stopped = c->name;
        return fail(t, c, "upgrade", NULL, "%s: upgrade failed: %s", r->id,
                    step_error(t, rc));
    }
    rc = verify(t, c, r);
    if (rc == STRATA_OK)
        rc = strata__live_schema(&t->y, &up);
    /* A repeatable migration stays applied when its chain is undone;
     * a merge has no one step down. */
    if (rc != STRATA_OK || r->repeatable || r->nparents > 1)
        goto done;
    spec = strata__sprintf("%s-1", r->id);
    STRATA_ALLOC_GOTO(spec, &t->x->err, rc, done);
    src = step(t, STRATA_DOWN, spec);
    if (src == STRATA_ERR_IRREVERSIBLE) {
        rc = fail(t, c, "down", NULL, "%s: no down: %s", r->id,
                  step_error(t, src));
        goto done;
    }
    if (src != STRATA_OK) {
        t->stopped = c->name;
        rc = fail(t, c, "down", NULL, "%s: downgrade failed: %s", r->id,
                  step_error(t, src));
        goto done;
    }
    rc = strata__live_schema(&t->y, &down);
    if (rc == STRATA_OK)
        rc = compare(t, c, before, &down, 0);
    if (rc != STRATA_OK)
        goto done;
    src = step(t, STRATA_UP, r->id);
    if (src != STRATA_OK) {
        t->stopped = c->name;
        rc = fail(t, c, "upgrade-again", NULL,
                  "%s: upgrading again after its down failed: %s", r->id,
                  step_error(t, src));
        goto done;
    }
    rc = strata__live_schema(&t->y, &again);
    if (rc == STRATA_OK)
        rc = compare(t, c, &up, &again, 1);
done:
    if (rc == STRATA_OK && !t->stopped) {
        strata__schema_free(before);
        *before = again.dialect ? again : up;
        if (again.dialect)
            strata__schema_free(&up);
    } else {
        strata__schema_free(&up);
        strata__schema_free(&again);
    }
    strata__schema_free(&down);
    free(spec);
    return rc;
}

static strata_junit_case *add_case(tester *t, const char *name,
                                   const char *classname, const char *file)
{
    strata_junit_case *v = realloc(t->cases, (t->n + 1) * sizeof *v);

    if (!v)
        return NULL;
    t->cases = v;
    v += t->n;
    memset(v, 0, sizeof *v);
    v->classname = classname;
    v->name = strdup(name);
    v->file = file ? strdup(file) : NULL;
    if (!v->name || (file && !v->file)) {
        strata__junit_case_free(v);
        return NULL;
    }
    t->n++;
    return v;
}

/* The chain has one head (unless --allow-heads). */
static int heads(tester *t)
{
    const strata_graph *g = t->x->chain.graph;
    size_t n;
    const size_t *h = strata__graph_heads(g, &n);
    strata_junit_case *c = add_case(t, "one head", "strata.chain", NULL);
    strata_buf b = {0};
    int rc = STRATA_OK;

    if (!c)
        return strata__nomem(&t->x->err);
    if (n > 1 && t->x->cli->allow_heads) {
        c->skipped = "--allow-heads";
        return STRATA_OK;
    }
    if (n <= 1)
        return STRATA_OK;
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = strata__buf_printf(&b, "%s%s", i ? ", " : "",
                                strata__graph_rev(g, h[i])->id);
    if (rc == STRATA_OK)
        rc = fail(t, c, "heads", NULL,
                  "the chain has %zu heads: %s; merge them ('strata merge "
                  "-m MSG heads') or pass --allow-heads",
                  n, b.data);
    else
        rc = strata__nomem(&t->x->err);
    strata__buf_free(&b);
    return rc;
}

static void print_case(const strata_junit_case *c)
{
    if (c->nfailures)
        strata__print("FAIL  %s\n", c->name);
    else if (c->skipped)
        strata__out("skip  %s (%s)\n", c->name, c->skipped);
    else
        strata__out("ok    %s (%lld ms)\n", c->name, c->ms);
    for (size_t i = 0; i < c->nfailures; i++)
        strata__print("      %s\n", c->failures[i].message);
}

/* The scratch database's own context: the command line of an upgrade
 * of url that may create strata's schema, the migration lock held from
 * the start to the end. */
static int open_scratch(tester *t, const char *url)
{
    int rc;

    t->cli = *t->x->cli;
    t->cli.flags.url = url;
    t->cli.flags.create_schema = 1;
    t->cli.args = t->args;
    t->cli.nargs = 1;
    t->cli.json = t->cli.sql = t->cli.adopt = t->cli.ignore_checksums = 0;
    t->cli.dialect = t->cli.from = NULL;
    strata__ctx_init(&t->y, &t->cli);
    t->y.scratch = 1;
    rc = strata__ctx_chain(&t->y);
    return rc == STRATA_OK ? strata__ctx_connect(&t->y, 1, 1) : rc;
}

/* Every revision in order; the ones after a stop are skipped. */
static int stairway(tester *t)
{
    const strata_graph *g = t->y.chain.graph;
    const size_t *order = strata__graph_order(g);
    strata_schema before = {0};
    char **rows = NULL;
    size_t nrows = 0;
    unsigned char *applied = NULL;
    int rc = strata__live_schema(&t->y, &before);

    /* Only an empty database is a scratch one: the steps would change
     * anything else.  strata's own tables may be there (an earlier
     * test left them), with nothing applied. */
    if (rc == STRATA_OK && t->given)
        rc = strata__ctx_state(&t->y, &rows, &nrows, &applied);
    strata__strings_free(rows, nrows);
    free(applied);
    if (rc == STRATA_OK && t->given &&
        (before.ntables || before.nviews || before.nsequences || nrows))
        rc = strata__error_set(&t->x->err, STRATA_ERR_POLICY,
                               "%s is not empty, and no scratch database "
                               "could be made beside it: 'strata test' "
                               "steps every revision up and down, so it "
                               "runs in an empty database or where the "
                               "user may create one",
                               t->y.sess.url_masked);

    for (size_t k = 0; k < strata__graph_count(g) && rc == STRATA_OK; k++) {
        const strata_revision *r = strata__graph_rev(g, order[k]);
        strata_junit_case *c =
            add_case(t, r->id, "strata.stairway", r->path);
        long long t0 = strata__mono_ms();

        if (!c) {
            rc = strata__nomem(&t->x->err);
            break;
        }
        if (t->stopped)
            c->skipped = "not reached: the stairway stopped at an "
                         "earlier revision";
        else
            rc = stair(t, c, r, &before);
        c->ms = strata__mono_ms() - t0;
        if (rc == STRATA_OK && !t->x->cli->json)
            print_case(c);
    }
    strata__schema_free(&before);
    /* Left empty again (strata's own tables stay). */
    if (rc == STRATA_OK && t->given && !t->stopped &&
        step(t, STRATA_DOWN, "base") != STRATA_OK)
        rc = strata__error_set(&t->x->err, t->y.err.code,
                               "downgrading %s back to base: %s",
                               t->y.sess.url_masked, step_error(t, 0));
    return rc;
}

static json_t *json_report(const tester *t, const char *dialect,
                           size_t nfailed)
{
    json_t *checks = json_array();
    int oom = !checks;

    for (size_t i = 0; i < t->n && !oom; i++) {
        const strata_junit_case *c = &t->cases[i];
        json_t *fl = json_array();

        oom = !fl;
        for (size_t k = 0; k < c->nfailures && !oom; k++)
            oom = json_array_append_new(
                      fl, json_pack("{s:s,s:o,s:o}", "check",
                                    c->failures[k].type, "object",
                                    strata__json_text(c->failures[k].object),
                                    "message",
                                    strata__json_text(
                                        c->failures[k].message))) != 0;
        oom = oom || json_array_append_new(
                         checks,
                         json_pack("{s:s,s:s,s:o,s:s,s:I,s:o,s:o}", "name",
                                   c->name, "class", c->classname, "file",
                                   strata__json_text(c->file), "status",
                                   c->nfailures ? "failed"
                                   : c->skipped ? "skipped"
                                                : "passed",
                                   "time_ms", (json_int_t)c->ms, "skipped",
                                   strata__json_text(c->skipped), "failures",
                                   fl)) != 0;
        if (oom)
            json_decref(fl), fl = NULL;
    }
    if (oom) {
        json_decref(checks);
        return NULL;
    }
    return json_pack("{s:s,s:s,s:i,s:i,s:i,s:o}", "command", "test",
                     "dialect", dialect, "revisions", (int)(t->n - 1),
                     "queries", (int)t->nqueries, "failed", (int)nfailed,
                     "checks", checks);
}

/* --junit FILE, written whatever the outcome. */
static int junit(tester *t, const char *dialect, long long ms,
                 long long started)
{
    strata_buf b = {0};
    char *suite = strata__sprintf("strata test (%s)", dialect);
    int rc = suite ? strata__junit_xml(suite, t->cases, t->n, ms, started, &b)
                   : STRATA_ERR_NOMEM;

    if (rc == STRATA_OK)
        rc = strata__schema_write(t->x->cli->junit, b.data, &t->x->err);
    else
        rc = strata__nomem(&t->x->err);
    free(suite);
    strata__buf_free(&b);
    return rc;
}

static int report(tester *t, const char *dialect, long long ms,
                  long long started)
{
    strata_ctx *x = t->x;
    size_t failed = 0, skipped = 0;
    int rc = STRATA_OK;

    for (size_t i = 0; i < t->n; i++) {
        failed += t->cases[i].nfailures != 0;
        skipped += !t->cases[i].nfailures && t->cases[i].skipped;
    }
    if (x->cli->junit)
        rc = junit(t, dialect, ms, started);
    if (rc == STRATA_OK && x->cli->json)
        rc = strata__ctx_print_json(x, json_report(t, dialect, failed), 0);
    else if (rc == STRATA_OK) {
        if (t->n && t->cases[0].nfailures)
            print_case(&t->cases[0]);
        strata__out("test: %zu revision%s on %s, %zu +verify quer%s: %zu "
                    "check%s failed, %zu skipped\n",
                    t->n - 1, t->n == 2 ? "" : "s", dialect, t->nqueries,
                    t->nqueries == 1 ? "y" : "ies", failed,
                    failed == 1 ? "" : "s", skipped);
    }
    if (rc == STRATA_OK && failed)
        rc = strata__error_set(&x->err, STRATA_ERR_POLICY,
                               "test failed: %zu of %zu checks failed%s%s",
                               failed, t->n, t->stopped ? "; stopped at " : "",
                               t->stopped ? t->stopped : "");
    return rc;
}

int strata__cmd_test(strata_ctx *x)
{
    tester t = {0};
    strata_scratch s = {0};
    char dialect[64];
    long long t0 = strata__mono_ms(), started = (long long)time(NULL);
    int rc = strata__ctx_chain(x);

    t.x = x;
    if (rc == STRATA_OK)
        rc = heads(&t);
    if (rc == STRATA_OK)
        rc = strata__scratch_make(x, x->cli->dialect, &s);
    /* A user who may not create a database: the configured one, when
     * it is empty (the URL's dialect only). */
    if (rc == STRATA_ERR_POLICY && x->connected &&
        (!x->cli->dialect || strcmp(x->cli->dialect, x->sess.drv->name) == 0)) {
        strata__progress("test: %s; testing in %s itself, which must be "
                         "empty",
                         x->err.msg, x->sess.url_masked);
        strata__error_clear(&x->err);
        t.given = 1;
        rc = STRATA_OK;
    }
    if (rc == STRATA_OK) {
        rc = open_scratch(&t, t.given ? x->cfg.url : s.url);
        if (rc != STRATA_OK)
            rc = strata__error_set(&x->err, rc,
                                   "the scratch database: %s",
                                   step_error(&t, rc));
    }
    if (rc == STRATA_OK)
        rc = stairway(&t);
    snprintf(dialect, sizeof dialect, "%s",
             t.y.have_driver     ? t.y.sess.drv->name
             : x->cli->dialect   ? x->cli->dialect
             : x->have_driver    ? x->sess.drv->name
                                 : "?");
    /* The scratch database goes before the report: a report printed
     * about a database left behind would hide that. */
    if (t.y.cli)
        strata__ctx_free(&t.y);
    rc = strata__scratch_drop(x, &s, rc);
    if (rc == STRATA_OK)
        rc = report(&t, dialect, strata__mono_ms() - t0, started);
    for (size_t i = 0; i < t.n; i++)
        strata__junit_case_free(&t.cases[i]);
    free(t.cases);
    return rc;
}
