/* report.c - progress and results of a run, as text or one JSON document;
 * operation lines are held until their migration ends so each migration
 * prints as one block headed by its duration. */
#include "run/report.h"

#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

struct strata_report {
    char *command;
    int json, verbose;
    strata_buf doc;      /* the JSON document so far */
    strata_buf ops;      /* text: operation lines of the current step */
    strata_buf ops_json; /* json: operations of the current step */
    const strata_revision *rev;
    const char *direction;
    size_t nsteps, ndone, napplied, nempty, nops;
    int oom;
};

strata_report *strata__report_new(const char *command, int json, int verbose)
{
    strata_report *r = calloc(1, sizeof *r);

    if (!r)
        return NULL;
    r->command = strdup(command);
    if (!r->command) {
        free(r);
        return NULL;
    }
    r->json = json;
    r->verbose = verbose;
    return r;
}

void strata__report_free(strata_report *r)
{
    if (!r)
        return;
    free(r->command);
    strata__buf_free(&r->doc);
    strata__buf_free(&r->ops);
    strata__buf_free(&r->ops_json);
    free(r);
}

static void track(strata_report *r, int rc)
{
    if (rc != STRATA_OK)
        r->oom = 1;
}

static void json_list(strata_report *r, char *const *v, size_t n)
{
    track(r, strata__buf_puts(&r->doc, "["));
    for (size_t i = 0; i < n; i++) {
        if (i)
            track(r, strata__buf_puts(&r->doc, ","));
        track(r, strata__json_str(&r->doc, v[i]));
    }
    track(r, strata__buf_puts(&r->doc, "]"));
}

static void text_list(strata_buf *b, char *const *v, size_t n)
{
    if (!n)
        strata__buf_puts(b, "base");
    for (size_t i = 0; i < n; i++)
        strata__buf_printf(b, "%s%s", i ? ", " : "", v[i]);
}

void strata__report_start(strata_report *r, const char *url_masked,
                          const char *dialect, const char *target,
                          char *const *from, size_t nfrom, size_t nsteps)
{
    r->nsteps = nsteps;
    if (r->json) {
        strata_buf *d = &r->doc;
        track(r, strata__buf_puts(d, "{"));
        track(r, strata__json_key(d, "command", 1));
        track(r, strata__json_str(d, r->command));
        track(r, strata__json_key(d, "url", 0));
        track(r, strata__json_str(d, url_masked));
        track(r, strata__json_key(d, "dialect", 0));
        track(r, strata__json_str(d, dialect));
        track(r, strata__json_key(d, "target", 0));
        track(r, strata__json_str(d, target));
        track(r, strata__json_key(d, "from", 0));
        json_list(r, from, nfrom);
        track(r, strata__json_key(d, "migrations", 0));
        track(r, strata__buf_puts(d, "["));
        return;
    }
    if (nsteps) {
        strata_buf b = {0};
        text_list(&b, from, nfrom);
        strata__out("%s %s: %zu migration%s from %s to %s\n", r->command,
                    url_masked, nsteps, nsteps == 1 ? "" : "s",
                    b.data ? b.data : "", target);
        strata__buf_free(&b);
    }
}

void strata__report_step_begin(strata_report *r, const strata_revision *rev,
                               const char *direction)
{
    /* A retried or restarted migration begins again: say it once. */
    if (r->verbose && !r->json && r->rev != rev)
        strata__warn("running %s %s (%s)", direction, rev->id, rev->path);
    r->rev = rev;
    r->direction = direction;
    r->nops = 0;
    r->ops.len = 0;
    r->ops_json.len = 0;
}

/* The statement as one line: whitespace folded, cut at width. */
static void one_line(strata_buf *b, const char *sql, size_t width)
{
    size_t n = 0;
    int space = 0;

    for (const char *p = sql; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = n > 0;
            continue;
        }
        if (width && n >= width) {
            strata__buf_puts(b, " ...");
            return;
        }
        if (space) {
            strata__buf_append(b, " ", 1);
            n++;
            space = 0;
        }
        strata__buf_append(b, p, 1);
        n++;
    }
}

void strata__report_op(strata_report *r, const char *kind, const char *sql,
                       unsigned line, const char *outcome, const char *note)
{
    if (r->json) {
        strata_buf *o = &r->ops_json;
        track(r, strata__buf_puts(o, r->nops ? ",{" : "{"));
        track(r, strata__json_key(o, "line", 1));
        track(r, strata__buf_printf(o, "%u", line));
        track(r, strata__json_key(o, "kind", 0));
        track(r, strata__json_str(o, kind));
        track(r, strata__json_key(o, "sql", 0));
        track(r, strata__json_str(o, sql));
        track(r, strata__json_key(o, "outcome", 0));
        track(r, strata__json_str(o, outcome));
        if (note) {
            track(r, strata__json_key(o, "note", 0));
            track(r, strata__json_str(o, note));
        }
        track(r, strata__buf_puts(o, "}"));
    } else {
        track(r, strata__buf_printf(&r->ops, "    %-21s ", outcome));
        one_line(&r->ops, sql, r->verbose ? 0 : 60);
        if (note)
            track(r, strata__buf_printf(&r->ops, "  [%s]", note));
        track(r, strata__buf_puts(&r->ops, "\n"));
    }
    r->nops++;
}

void strata__report_sql(strata_report *r, const char *sql)
{
    if (r->json || !r->verbose)
        return;
    track(r, strata__buf_puts(&r->ops, "        sql: "));
    one_line(&r->ops, sql, 0);
    track(r, strata__buf_puts(&r->ops, "\n"));
}

void strata__report_step_end(strata_report *r, const char *outcome,
                             long long ms, unsigned queries)
{
    const strata_revision *rev = r->rev;

    r->ndone++;
    if (strcmp(outcome, "applied") == 0 || strcmp(outcome, "stamped") == 0)
        r->napplied++;
    else if (strncmp(outcome, "empty", 5) == 0)
        r->nempty++;
    if (r->json) {
        strata_buf *d = &r->doc;
        track(r, strata__buf_puts(d, r->ndone > 1 ? ",{" : "{"));
        track(r, strata__json_key(d, "revision", 1));
        track(r, strata__json_str(d, rev->id));
        track(r, strata__json_key(d, "direction", 0));
        track(r, strata__json_str(d, r->direction));
        track(r, strata__json_key(d, "file", 0));
        track(r, strata__json_str(d, rev->path));
        track(r, strata__json_key(d, "message", 0));
        track(r, strata__json_str(d, rev->message));
        track(r, strata__json_key(d, "outcome", 0));
        track(r, strata__json_str(d, outcome));
        track(r, strata__json_key(d, "duration_ms", 0));
        track(r, strata__buf_printf(d, "%lld", ms));
        track(r, strata__json_key(d, "catalog_queries", 0));
        track(r, strata__buf_printf(d, "%u", queries));
        track(r, strata__json_key(d, "operations", 0));
        track(r, strata__buf_puts(d, "["));
        if (r->ops_json.len)
            track(r, strata__buf_append(d, r->ops_json.data,
                                        r->ops_json.len));
        track(r, strata__buf_puts(d, "]}"));
        return;
    }
    strata__out("  %-5s %s  %s  %lld ms%s%s\n", r->direction, rev->id,
                outcome, ms, rev->message ? "  " : "",
                rev->message ? rev->message : "");
    if (r->ops.len)
        strata__out("%s", r->ops.data);
    if (r->verbose)
        strata__out("    catalog queries: %u\n", queries);
}

void strata__report_finish(strata_report *r, char *const *to, size_t nto,
                           int rc, const strata_error *err,
                           long long total_ms)
{
    if (r->json) {
        strata_buf *d = &r->doc;
        track(r, strata__buf_puts(d, "]"));
        track(r, strata__json_key(d, "to", 0));
        json_list(r, to, nto);
        track(r, strata__json_key(d, "ok", 0));
        track(r, strata__buf_puts(d, rc == STRATA_OK ? "true" : "false"));
        track(r, strata__json_key(d, "exit_code", 0));
        track(r, strata__buf_printf(d, "%d", strata__exit_code(rc)));
        track(r, strata__json_key(d, "error", 0));
        track(r, strata__json_str(d, rc == STRATA_OK  ? NULL
                                     : err && err->msg ? err->msg
                                                       : strata_strerror(rc)));
        track(r, strata__json_key(d, "duration_ms", 0));
        track(r, strata__buf_printf(d, "%lld", total_ms));
        track(r, strata__buf_puts(d, "}\n"));
        if (r->oom)
            strata__errout("out of memory writing the JSON report");
        else
            strata__print("%s", d->data);
        return;
    }
    if (rc == STRATA_OK) {
        strata_buf b = {0};
        text_list(&b, to, nto);
        if (!r->nsteps)
            strata__out("%s: nothing to do; current: %s\n", r->command,
                        b.data ? b.data : "");
        else
            strata__out("%s done: %zu %s, %zu empty, %lld ms; current: %s\n",
                        r->command, r->napplied,
                        strcmp(r->command, "stamp") == 0 ? "stamped"
                                                         : "applied",
                        r->nempty, total_ms, b.data ? b.data : "");
        strata__buf_free(&b);
    }
}
