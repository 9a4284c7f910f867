/* report.c - progress and results of a run, as text or one JSON document;
 * operation lines are held until their migration ends so each migration
 * prints as one block headed by its duration, and a failed migration can
 * say which of its statements the rollback undid. */
#include "run/report.h"

#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

/* One operation line of the current step (text), its outcome word kept
 * apart so that a failure can relabel it. */
typedef struct op_line {
    char *outcome;
    strata_buf rest; /* the statement, the note, -v's SQL lines */
} op_line;

struct strata_report {
    char *command;
    int json, verbose;
    json_t *doc;         /* json: the document so far */
    json_t *migrations;  /* json: its "migrations" (a reference of ours) */
    json_t *ops_json;    /* json: operations of the current step */
    op_line *ops;        /* text: operations of the current step */
    size_t nops, capops;
    const strata_revision *rev;
    const char *direction;
    size_t nsteps, ndone, napplied, nempty;
    const strata_revision *failed; /* the migration that failed */
    size_t kept;                   /* its statements that stayed */
    unsigned failed_line;          /* the statement that failed, 0 */
    int id_w, outcome_w;  /* text: the columns of migration lines */
    int oom;
};

strata_report *strata__report_new(const char *command, int json, int verbose)
{
    strata_report *r = calloc(1, sizeof *r);

    if (!r)
        return NULL;
    r->command = strdup(command);
    r->json = json;
    r->verbose = verbose;
    if (json)
        r->doc = json_pack("{s:o}", "command", strata__json_text(command));
    if (!r->command || (json && !r->doc)) {
        strata__report_free(r);
        return NULL;
    }
    return r;
}

int strata__report_json(const strata_report *r) { return r->json; }

static void ops_clear(strata_report *r)
{
    for (size_t i = 0; i < r->nops; i++) {
        free(r->ops[i].outcome);
        strata__buf_free(&r->ops[i].rest);
    }
    r->nops = 0;
}

void strata__report_free(strata_report *r)
{
    if (!r)
        return;
    free(r->command);
    json_decref(r->doc);
    json_decref(r->migrations);
    json_decref(r->ops_json);
    ops_clear(r);
    free(r->ops);
    free(r);
}

static void track(strata_report *r, int rc)
{
    if (rc != STRATA_OK)
        r->oom = 1;
}

/* Set the document's member key to v (taken); a failure is tracked. */
static void set(strata_report *r, const char *key, json_t *v)
{
    if (json_object_set_new(r->doc, key, v) != 0)
        r->oom = 1;
}

static void text_list(strata_buf *b, char *const *v, size_t n)
{
    if (!n)
        strata__buf_puts(b, "base");
    for (size_t i = 0; i < n; i++)
        strata__buf_printf(b, "%s%s", i ? ", " : "", v[i]);
}

void strata__report_align(strata_report *r, size_t id_width)
{
    r->id_w = id_width > 64 ? 64 : (int)id_width;
}

void strata__report_start(strata_report *r, const char *url_masked,
                          const char *dialect, const char *target,
                          char *const *from, size_t nfrom, size_t nsteps)
{
    size_t empty_w = strlen("empty on ") + strlen(dialect ? dialect : "");

    r->nsteps = nsteps;
    /* The widest outcome word: "empty on <dialect>", else "applied". */
    r->outcome_w = empty_w > 64 ? 64 : empty_w < 7 ? 7 : (int)empty_w;
    if (r->json) {
        set(r, "url", strata__json_text(url_masked));
        set(r, "dialect", strata__json_text(dialect));
        set(r, "target", strata__json_text(target));
        set(r, "from", strata__json_strings(from, nfrom));
        r->migrations = json_array();
        set(r, "migrations", json_incref(r->migrations));
        return;
    }
    if (nsteps) {
        strata_buf b = {0};
        text_list(&b, from, nfrom);
        strata__out("%s %s: %zu migration%s from %s to %s\n", r->command,
                    url_masked, nsteps, nsteps == 1 ? "" : "s",
                    b.data ? b.data : "", target);
        strata__buf_free(&b);
        strata__flush();
    }
}

/* -v: a migration starts.  Progress goes to stderr, as text or, with
 * --json, as one JSON line (the document on stdout stays whole). */
static void progress_begin(strata_report *r, const strata_revision *rev,
                           const char *direction)
{
    char *line;

    if (!r->json) {
        strata__progress("running %s %s (%s)", direction, rev->id,
                         rev->path);
        return;
    }
    line = strata__json_dump_new(
        json_pack("{s:s,s:o,s:o,s:o}", "event", "begin", "revision",
                  strata__json_text(rev->id), "direction",
                  strata__json_text(direction), "file",
                  strata__json_text(rev->path)));
    if (line)
        strata__progress_line(line);
    free(line);
}

void strata__report_step_begin(strata_report *r, const strata_revision *rev,
                               const char *direction)
{
    /* A retried or restarted migration begins again: say it once. */
    if (r->verbose && r->rev != rev)
        progress_begin(r, rev, direction);
    r->rev = rev;
    r->direction = direction;
    r->failed_line = 0;
    ops_clear(r);
    if (r->json) {
        json_decref(r->ops_json);
        r->ops_json = json_array();
        track(r, r->ops_json ? STRATA_OK : STRATA_ERR_NOMEM);
    }
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
    if (strcmp(outcome, "failed") == 0)
        r->failed_line = line;
    if (r->json) {
        json_t *op = json_pack("{s:I,s:o,s:o,s:o}", "line", (json_int_t)line,
                               "kind", strata__json_text(kind), "sql",
                               strata__json_text(sql), "outcome",
                               strata__json_text(outcome));

        if (note && json_object_set_new(op, "note", strata__json_text(note)))
            r->oom = 1;
        if (json_array_append_new(r->ops_json, op))
            r->oom = 1;
    } else {
        op_line *l;

        if (r->nops == r->capops) {
            size_t cap = r->capops ? r->capops * 2 : 16;
            op_line *v = realloc(r->ops, cap * sizeof *v);

            if (!v) {
                r->oom = 1;
                return;
            }
            r->ops = v;
            r->capops = cap;
        }
        l = &r->ops[r->nops++];
        memset(l, 0, sizeof *l);
        if (!(l->outcome = strdup(outcome)))
            r->oom = 1;
        one_line(&l->rest, sql, r->verbose ? 0 : 60);
        if (note)
            track(r, strata__buf_printf(&l->rest, "  [%s]", note));
    }
}

void strata__report_sql(strata_report *r, const char *sql)
{
    strata_buf *b;

    if (r->json || !r->verbose || !r->nops)
        return;
    /* Under the operations it belongs to, the last reported. */
    b = &r->ops[r->nops - 1].rest;
    track(r, strata__buf_puts(b, "\n        sql: "));
    one_line(b, sql, 0);
}

/* Did the outcome change the database (so a rollback undoes it)? */
static int has_effect(const char *outcome)
{
    return strcmp(outcome, "applied") == 0 ||
           strcmp(outcome, "validated") == 0 ||
           strncmp(outcome, "rebuilt", 7) == 0;
}

void strata__report_step_failed(strata_report *r, const char *outcome,
                                size_t kept, long long ms, unsigned queries)
{
    size_t n = r->json ? json_array_size(r->ops_json) : r->nops;

    r->failed = r->rev;
    r->kept = kept;
    for (size_t i = kept; i < n; i++) {
        if (r->json) {
            json_t *op = json_array_get(r->ops_json, i);

            const char *w = json_string_value(json_object_get(op, "outcome"));

            if (w && has_effect(w) &&
                json_object_set_new(op, "outcome",
                                    json_string("rolled back")))
                r->oom = 1;
        } else if (r->ops[i].outcome && has_effect(r->ops[i].outcome)) {
            free(r->ops[i].outcome);
            if (!(r->ops[i].outcome = strdup("rolled back")))
                r->oom = 1;
        }
    }
    strata__report_step_end(r, outcome, ms, queries);
}

/* The migration's line and its operations' lines, printed together. */
static void step_text(strata_report *r, const strata_revision *rev,
                      const char *outcome, long long ms, unsigned queries)
{
    strata_buf b = {0};

    track(r, strata__buf_printf(&b, "  %-5s %-*s  ", r->direction, r->id_w,
                                rev->id));
    track(r, strata__buf_paint(&b, strata__outcome_tone(outcome), outcome,
                               r->outcome_w));
    track(r, strata__buf_printf(&b, " %5lld ms%s%s\n", ms,
                                rev->message ? "  " : "",
                                rev->message ? rev->message : ""));
    for (size_t i = 0; i < r->nops; i++) {
        const char *w = r->ops[i].outcome ? r->ops[i].outcome : "?";

        track(r, strata__buf_puts(&b, "    "));
        track(r, strata__buf_paint(&b, strata__outcome_tone(w), w, 21));
        track(r, strata__buf_printf(&b, " %s\n", r->ops[i].rest.data
                                                     ? r->ops[i].rest.data
                                                     : ""));
    }
    if (r->verbose)
        track(r, strata__buf_printf(&b, "    catalog queries: %u\n",
                                    queries));
    if (b.data)
        strata__out("%s", b.data);
    strata__buf_free(&b);
    ops_clear(r);
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
        json_t *step = json_pack(
            "{s:o,s:o,s:o,s:o,s:o,s:I,s:I,s:o}", "revision",
            strata__json_text(rev->id), "direction",
            strata__json_text(r->direction), "file",
            strata__json_text(rev->path), "message",
            strata__json_text(rev->message), "outcome",
            strata__json_text(outcome), "duration_ms", (json_int_t)ms,
            "catalog_queries", (json_int_t)queries, "operations",
            r->ops_json);

        r->ops_json = NULL; /* the step took it */
        if (json_array_append_new(r->migrations, step))
            r->oom = 1;
        return;
    }
    step_text(r, rev, outcome, ms, queries);
    /* Each migration's lines as it ends, on a pipe too (a CI log). */
    strata__flush();
}

/* A failed run's last lines on stdout: where it stopped, the current
 * revision, and what to do next (the error itself is on stderr). */
static void failure_summary(strata_report *r, const char *current,
                            long long total_ms)
{
    size_t before = r->ndone - (r->failed != NULL);
    strata_buf b = {0};

    track(r, strata__buf_printf(&b, "%s ", r->command));
    track(r, strata__buf_paint(&b, STRATA_TONE_BAD, "failed", 0));
    if (r->failed)
        track(r, strata__buf_printf(&b, " at %s", r->failed->id));
    track(r, strata__buf_printf(&b, " after %zu migration%s, %lld ms; "
                                    "current: %s\n",
                                before, before == 1 ? "" : "s", total_ms,
                                current));
    if (r->failed) {
        track(r, strata__buf_printf(&b, "next: fix %s", r->failed->path));
        if (r->failed_line)
            track(r, strata__buf_printf(&b, ":%u", r->failed_line));
        if (!r->kept)
            track(r, strata__buf_printf(&b, " and run again; nothing of %s "
                                            "was kept\n",
                                        r->failed->id));
        else
            track(r, strata__buf_printf(
                         &b,
                         " and run again; the first %zu statement%s of %s "
                         "committed on %s own and stay%s: the run resumes "
                         "after %s\n",
                         r->kept, r->kept == 1 ? "" : "s", r->failed->id,
                         r->kept == 1 ? "its" : "their",
                         r->kept == 1 ? "s" : "",
                         r->kept == 1 ? "it" : "them"));
    }
    if (b.data)
        strata__out("%s", b.data);
    strata__buf_free(&b);
}

void strata__report_finish(strata_report *r, char *const *to, size_t nto,
                           int rc, const strata_error *err,
                           long long total_ms)
{
    if (r->json) {
        char *text;

        set(r, "to", strata__json_strings(to, nto));
        set(r, "ok", json_boolean(rc == STRATA_OK));
        set(r, "exit_code", json_integer(strata__exit_code(rc)));
        set(r, "error",
            strata__json_text(rc == STRATA_OK      ? NULL
                              : err && err->msg ? err->msg
                                                : strata_strerror(rc)));
        set(r, "duration_ms", json_integer(total_ms));
        text = r->oom ? NULL : strata__json_dump(r->doc);
        if (!text)
            strata__errout("out of memory writing the JSON report");
        else
            strata__print("%s\n", text);
        free(text);
        return;
    }
    {
        strata_buf b = {0};

        text_list(&b, to, nto);
        if (rc != STRATA_OK)
            failure_summary(r, b.data ? b.data : "", total_ms);
        else if (!r->nsteps)
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
