/* cmd_status.c - status: every revision of the chain, in order, applied
 * or pending (or applied with its file edited or gone), the database's
 * current revisions, the chain's heads, and the URL with its source. */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/commands.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/output.h"

/* What one line says about a revision. */
typedef struct status_line {
    const char *state; /* applied, pending, checksum-changed, missing-file */
    const char *id;
    const strata_revision *r; /* NULL when no file defines it */
    size_t idx;               /* graph index when r */
} status_line;

typedef struct status_count {
    size_t applied, pending, changed, gone;
} status_count;

/* The chain in topological order, then what is applied without a file. */
static status_line *status_lines(const strata_graph *g,
                                 const strata_audit *a, size_t *nout,
                                 status_count *cnt)
{
    size_t n = strata__graph_count(g), k = 0;
    status_line *v = calloc(n + a->ngone + 1, sizeof *v);

    memset(cnt, 0, sizeof *cnt);
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++, k++) {
        size_t idx = strata__graph_order(g)[i];

        v[k].r = strata__graph_rev(g, idx);
        v[k].id = v[k].r->id;
        v[k].idx = idx;
        if (strata__audit_changed(a, idx)) {
            v[k].state = "checksum-changed";
            cnt->changed++;
        } else if (a->applied[idx]) {
            v[k].state = "applied";
            cnt->applied++;
        } else {
            v[k].state = "pending";
            cnt->pending++;
        }
    }
    for (size_t i = 0; i < a->ngone; i++, k++) {
        v[k].state = "missing-file";
        v[k].id = a->gone[i].revision;
        cnt->gone++;
    }
    *nout = k;
    return v;
}

static json_t *line_json(const status_line *l, const strata_audit *a)
{
    json_t *o = json_pack("{s:o,s:s,s:o,s:o}", "revision",
                          strata__json_text(l->id), "state", l->state,
                          "file",
                          strata__json_text(l->r ? l->r->path : NULL),
                          "message",
                          strata__json_text(l->r ? l->r->message : NULL));

    if (o && l->r && a->recorded[l->idx] &&
        (json_object_set_new(o, "recorded",
                             strata__json_text(a->recorded[l->idx])) ||
         json_object_set_new(o, "checksum",
                             strata__json_text(a->current[l->idx])))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The version rows, a JSON array; NULL when out of memory. */
static json_t *rows_json(const strata_audit *a)
{
    json_t *v = json_array();

    for (size_t i = 0; i < a->nrows && v; i++)
        if (json_array_append_new(v, strata__json_text(a->rows[i]))) {
            json_decref(v);
            v = NULL;
        }
    return v;
}

static int print_json(strata_ctx *x, const strata_audit *a,
                      const status_line *v, size_t n,
                      const status_count *c, int ok)
{
    size_t nheads;
    const size_t *heads = strata__graph_heads(x->chain.graph, &nheads);
    json_t *list = json_array();
    char *origin = strata__ctx_url_origin(x);
    int oom = !list || !origin, rc;

    for (size_t i = 0; i < n && !oom; i++)
        oom = json_array_append_new(list, line_json(&v[i], a)) != 0;
    rc = strata__ctx_print_json(
        x,
        json_pack("{s:s,s:b,s:o,s:o,s:o,s:o,s:o,s:I,s:I,s:I,s:I}",
                  "command", "status", "ok", ok, "url",
                  strata__json_text(x->sess.url_masked), "url_source",
                  strata__json_text(origin), "current",
                  rows_json(a), "heads",
                  strata__ctx_ids_json(x->chain.graph, heads, nheads),
                  "revisions", list, "applied", (json_int_t)c->applied,
                  "pending", (json_int_t)c->pending, "checksum_changed",
                  (json_int_t)c->changed, "missing_file",
                  (json_int_t)c->gone),
        oom);
    free(origin);
    return rc;
}

/* "a, b", or what when there is none. */
static void print_ids(const char *label, const char *const *ids, size_t n,
                      const char *none)
{
    strata_buf b = {0};

    for (size_t i = 0; i < n; i++)
        strata__buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
    strata__print("%-9s %s\n", label, n && b.data ? b.data : none);
    strata__buf_free(&b);
}

static int print_text(strata_ctx *x, const strata_audit *a,
                      const status_line *v, size_t n,
                      const status_count *c)
{
    size_t nheads, wstate = 7, wid = 0;
    const size_t *heads = strata__graph_heads(x->chain.graph, &nheads);
    const char **ids = calloc(nheads + 1, sizeof *ids);
    strata_buf s = {0};

    char *origin = strata__ctx_url_origin(x);

    if (!ids || !origin) {
        free(ids);
        free(origin);
        return strata__nomem(&x->err);
    }
    for (size_t i = 0; i < nheads; i++)
        ids[i] = strata__graph_rev(x->chain.graph, heads[i])->id;
    /* Where the URL came from, and what an environment variable hides. */
    strata__print("database  %s (from %s)\n", x->sess.url_masked, origin);
    free(origin);
    print_ids("current", (const char *const *)a->rows, a->nrows,
              x->absent ? "base (the database does not exist yet)"
                        : "base (nothing applied)");
    print_ids("heads", ids, nheads, "none (no migrations)");
    free(ids);
    /* Another tool's folder: which reader read it (docs/adopting.md). */
    if (strcmp(x->chain.layout, "strata") != 0)
        strata__print("layout    %s (%s)\n", x->chain.layout,
                      x->chain.layout_detected ? "detected: format = auto"
                                               : "format");
    for (size_t i = 0; i < n; i++) {
        size_t ls = strlen(v[i].state), li = strlen(v[i].id);

        wstate = ls > wstate ? ls : wstate;
        wid = li > wid ? li : wid;
    }
    if (n)
        strata__print("\n");
    for (size_t i = 0; i < n; i++) {
        const char *msg = v[i].r && v[i].r->message ? v[i].r->message : "";

        if (!v[i].r)
            msg = "applied, but no file defines it";
        strata__print("%-*s  %-*s%s%s\n", (int)wstate, v[i].state,
                      *msg ? (int)wid : 0, v[i].id, *msg ? "  " : "", msg);
    }
    strata__buf_printf(&s, "%zu applied, %zu pending", c->applied,
                       c->pending);
    if (c->changed)
        strata__buf_printf(&s, ", %zu checksum-changed", c->changed);
    if (c->gone)
        strata__buf_printf(&s, ", %zu missing-file", c->gone);
    if (c->changed || c->gone)
        strata__buf_puts(&s, " (see 'strata check')");
    else if (c->pending)
        strata__buf_puts(&s, ": 'strata upgrade' applies them");
    else
        strata__buf_puts(&s, ": up to date");
    strata__print("\n%s\n", s.data ? s.data : "");
    strata__buf_free(&s);
    return STRATA_OK;
}

int strata__cmd_status(strata_ctx *x)
{
    strata_audit a;
    status_line *v = NULL;
    status_count c;
    size_t n = 0;
    int rc = strata__ctx_chain(x), behind;

    if (rc != STRATA_OK)
        return rc;
    rc = strata__audit_read(x, &a);
    if (rc == STRATA_OK && !(v = status_lines(x->chain.graph, &a, &n, &c)))
        rc = strata__nomem(&x->err);
    if (rc != STRATA_OK)
        goto done;
    behind = c.pending || c.changed || c.gone;
    if (x->cli->json)
        rc = print_json(x, &a, v, n, &c, !(behind && x->cli->exit_code));
    else
        rc = print_text(x, &a, v, n, &c);
    if (rc == STRATA_OK && behind && x->cli->exit_code)
        rc = strata__error_set(
            &x->err, STRATA_ERR_POLICY,
            "status: %zu pending, %zu checksum-changed, %zu missing-file "
            "(--exit-code)",
            c.pending, c.changed, c.gone);
done:
    free(v);
    strata__audit_free(&a);
    return rc;
}
