/* cmd_inspect.c - the read-only verbs: current, heads, history, show.
 * None of them creates a database or the history tables. */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

static int is_head(const strata_graph *g, long idx)
{
    size_t n;
    const size_t *heads = strata__graph_heads(g, &n);

    for (size_t i = 0; i < n; i++)
        if ((long)heads[i] == idx)
            return 1;
    return 0;
}

int strata__cmd_current(strata_ctx *x)
{
    char **rows = NULL;
    size_t n = 0;
    strata_buf b = {0};
    int rc = strata__ctx_chain(x), oom = 0;

    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, 0);
    if (rc == STRATA_OK && x->have_hist)
        rc = strata__history_versions(&x->hist, &rows, &n, &x->err);
    if (rc != STRATA_OK)
        goto done;
    if (x->cli->json) {
        oom |= strata__buf_puts(&b, "{") | strata__json_key(&b, "command", 1);
        oom |= strata__json_str(&b, "current");
        oom |= strata__json_key(&b, "url", 0);
        oom |= strata__json_str(&b, x->sess.url_masked);
        oom |= strata__json_key(&b, "current", 0);
        oom |= strata__buf_puts(&b, "[");
    } else if (!n) {
        strata__print("base (nothing applied to %s)\n", x->sess.url_masked);
    }
    for (size_t i = 0; i < n; i++) {
        long idx = strata__graph_find(x->chain.graph, rows[i]);
        const strata_revision *r =
            idx >= 0 ? strata__graph_rev(x->chain.graph, (size_t)idx) : NULL;

        if (x->cli->json) {
            oom |= strata__buf_puts(&b, i ? ",{" : "{");
            oom |= strata__json_key(&b, "revision", 1);
            oom |= strata__json_str(&b, rows[i]);
            oom |= strata__json_key(&b, "head", 0);
            oom |= strata__buf_puts(
                &b, idx >= 0 && is_head(x->chain.graph, idx) ? "true"
                                                             : "false");
            oom |= strata__json_key(&b, "known", 0);
            oom |= strata__buf_puts(&b, r ? "true" : "false");
            oom |= strata__json_key(&b, "message", 0);
            oom |= strata__json_str(&b, r ? r->message : NULL);
            oom |= strata__buf_puts(&b, "}");
        } else {
            strata__print("%s%s%s%s\n", rows[i],
                          !r ? " (not in the migrations directory)"
                          : is_head(x->chain.graph, idx) ? " (head)"
                                                         : "",
                          r && r->message ? "  " : "",
                          r && r->message ? r->message : "");
        }
    }
    if (x->cli->json) {
        oom |= strata__buf_puts(&b, "]}");
        rc = strata__ctx_print_json(x, &b, oom);
    }
done:
    strata__strings_free(rows, n);
    return rc;
}

/* Branch labels that apply to head: those on it or an ancestor. */
static int head_labels(const strata_graph *g, size_t head, strata_buf *out,
                       int json)
{
    size_t n = strata__graph_count(g);
    unsigned char *anc = calloc(n ? n : 1, 1);
    int first = 1, rc = STRATA_OK;

    if (!anc)
        return STRATA_ERR_NOMEM;
    strata__graph_ancestors(g, head, anc);
    anc[head] = 1;
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        const strata_revision *r = strata__graph_rev(g, i);
        if (!anc[i] || !r->branch)
            continue;
        if (json)
            rc = (first ? STRATA_OK : strata__buf_puts(out, ",")) |
                 strata__json_str(out, r->branch);
        else
            rc = strata__buf_printf(out, "%s%s", first ? "" : ", ",
                                    r->branch);
        first = 0;
    }
    free(anc);
    return rc;
}

int strata__cmd_heads(strata_ctx *x)
{
    const size_t *heads;
    size_t n;
    strata_buf b = {0};
    int rc = strata__ctx_chain(x), oom = 0;

    if (rc != STRATA_OK)
        return rc;
    heads = strata__graph_heads(x->chain.graph, &n);
    if (x->cli->json)
        oom |= strata__buf_puts(&b, "{\"command\":\"heads\",\"heads\":[");
    for (size_t i = 0; i < n; i++) {
        const strata_revision *r = strata__graph_rev(x->chain.graph, heads[i]);

        if (x->cli->json) {
            oom |= strata__buf_puts(&b, i ? ",{" : "{");
            oom |= strata__json_key(&b, "revision", 1);
            oom |= strata__json_str(&b, r->id);
            oom |= strata__json_key(&b, "file", 0);
            oom |= strata__json_str(&b, r->path);
            oom |= strata__json_key(&b, "message", 0);
            oom |= strata__json_str(&b, r->message);
            oom |= strata__json_key(&b, "branches", 0);
            oom |= strata__buf_puts(&b, "[");
            oom |= head_labels(x->chain.graph, heads[i], &b, 1);
            oom |= strata__buf_puts(&b, "]}");
        } else {
            strata_buf labels = {0};
            oom |= head_labels(x->chain.graph, heads[i], &labels, 0);
            strata__print("%s (head)%s%s%s%s%s\n", r->id,
                          labels.len ? " [" : "",
                          labels.len ? labels.data : "",
                          labels.len ? "]" : "", r->message ? "  " : "",
                          r->message ? r->message : "");
            strata__buf_free(&labels);
        }
    }
    if (x->cli->json) {
        oom |= strata__buf_puts(&b, "]}");
        return strata__ctx_print_json(x, &b, oom);
    }
    if (!n)
        strata__print("no revisions in %s\n", x->chain.dir);
    return oom ? strata__error_set(&x->err, STRATA_ERR_NOMEM, "out of memory")
               : STRATA_OK;
}

static int history_json(strata_buf *b, const strata_history_row *r, int first)
{
    int oom = strata__buf_puts(b, first ? "{" : ",{");

    oom |= strata__json_key(b, "id", 1);
    oom |= strata__buf_printf(b, "%lld", r->id);
    oom |= strata__json_key(b, "revision", 0) |
           strata__json_str(b, r->revision);
    oom |= strata__json_key(b, "direction", 0) |
           strata__json_str(b, r->direction);
    oom |= strata__json_key(b, "outcome", 0) | strata__json_str(b, r->outcome);
    oom |= strata__json_key(b, "checksum", 0) |
           strata__json_str(b, r->checksum);
    oom |= strata__json_key(b, "started_at", 0) |
           strata__json_str(b, r->started_at);
    oom |= strata__json_key(b, "finished_at", 0) |
           strata__json_str(b, r->finished_at);
    oom |= strata__json_key(b, "duration_ms", 0);
    oom |= r->duration_ms < 0 ? strata__buf_puts(b, "null")
                              : strata__buf_printf(b, "%lld", r->duration_ms);
    oom |= strata__json_key(b, "applied_by", 0) |
           strata__json_str(b, r->applied_by);
    oom |= strata__json_key(b, "tool_version", 0) |
           strata__json_str(b, r->tool_version);
    oom |= strata__json_key(b, "statement_index", 0);
    oom |= r->statement_index < 0
               ? strata__buf_puts(b, "null")
               : strata__buf_printf(b, "%lld", r->statement_index);
    /* detail is JSON text written by strata: embed it as is. */
    oom |= strata__json_key(b, "detail", 0) |
           strata__buf_puts(b, r->detail ? r->detail : "null");
    oom |= strata__buf_puts(b, "}");
    return oom;
}

/* The set of revisions "-r A:B" names: B and its ancestors that are A
 * or descend from A.  An empty side is open ("-r :B", "-r A:"); "base"
 * on the left is open too, on the right it names nothing. */
static int history_range(strata_ctx *x, unsigned char **out)
{
    const strata_graph *g = x->chain.graph;
    const char *spec = x->cli->range, *colon = strchr(spec, ':');
    size_t n = strata__graph_count(g), nrows = 0;
    unsigned char *sides[2] = {NULL, NULL}, *applied = NULL;
    char **rows = NULL, *left = NULL;
    int rc = STRATA_OK;

    *out = NULL;
    if (!colon || strchr(colon + 1, ':'))
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "history: -r '%s': expected A:B, A: or :B "
                                 "(A and B are targets: a revision, prefix, "
                                 "BRANCH@head, head, base)",
                                 spec);
    /* Relative sides (-3:, :+1) count from the database's revisions;
     * when those are unknown, they are refused by the resolver. */
    if (strata__ctx_state(x, &rows, &nrows, &applied) != STRATA_OK) {
        strata__error_clear(&x->err);
        free(applied);
        applied = NULL;
    }
    strata__strings_free(rows, nrows);
    if (!(left = strndup(spec, (size_t)(colon - spec))))
        rc = strata__error_set(&x->err, STRATA_ERR_NOMEM, "out of memory");
    for (int side = 0; side < 2 && rc == STRATA_OK; side++) {
        const char *t_spec = side ? colon + 1 : left;
        strata_target t = {0};

        if (!(sides[side] = calloc(n ? n : 1, 1))) {
            rc = strata__error_set(&x->err, STRATA_ERR_NOMEM,
                                   "out of memory");
            break;
        }
        if (!*t_spec) {
            memset(sides[side], 1, n);
            continue;
        }
        rc = strata__graph_resolve(g, t_spec, STRATA_UP, applied, &t,
                                   &x->err);
        if (rc != STRATA_OK) {
            strata__error_prefix(&x->err, "history: -r '%s': ", spec);
            break;
        }
        if (t.is_base && !side)
            memset(sides[side], 1, n);
        for (size_t i = 0; i < t.nrevs; i++) {
            sides[side][t.revs[i]] = 1;
            if (side)
                strata__graph_ancestors(g, t.revs[i], sides[side]);
            else
                strata__graph_descendants(g, t.revs[i], sides[side]);
        }
        strata__target_free(&t);
    }
    if (rc == STRATA_OK) {
        for (size_t i = 0; i < n; i++)
            sides[1][i] &= sides[0][i];
        *out = sides[1];
        sides[1] = NULL;
    }
    free(sides[0]);
    free(sides[1]);
    free(applied);
    free(left);
    return rc;
}

/* The error a failed row's detail records, or NULL; malloc'd. */
static char *detail_error(const char *detail)
{
    strata_json *doc = NULL;
    const strata_json *e;
    char *msg = NULL;

    if (detail && strata__json_parse(&doc, detail) == STRATA_OK &&
        (e = strata__json_get(doc, "error")) &&
        e->type == STRATA_JSON_STRING)
        msg = strdup(e->string);
    strata__json_free(doc);
    return msg;
}

static void history_text(const strata_history_row *r, int verbose)
{
    strata__print("%-5lld %-24s %-9s %-9s %8lld  %s\n", r->id,
                  r->started_at ? r->started_at : "",
                  r->direction ? r->direction : "",
                  r->outcome ? r->outcome : "",
                  r->duration_ms < 0 ? 0 : r->duration_ms,
                  r->revision ? r->revision : "");
    if (verbose) {
        strata__print("      checksum:     %s\n"
                      "      applied_by:   %s\n"
                      "      tool_version: %s\n",
                      r->checksum ? r->checksum : "-",
                      r->applied_by ? r->applied_by : "-",
                      r->tool_version ? r->tool_version : "-");
        if (r->finished_at)
            strata__print("      finished_at:  %s\n", r->finished_at);
        if (r->statement_index >= 0)
            strata__print("      statement:    %lld\n", r->statement_index);
        if (r->detail)
            strata__print("      detail:       %s\n", r->detail);
    } else if (r->outcome && strcmp(r->outcome, "failed") == 0) {
        /* Why it failed is the one detail worth a line by default. */
        char *e = detail_error(r->detail);

        if (e || r->detail)
            strata__print("      error: %s\n", e ? e : r->detail);
        free(e);
    }
}

int strata__cmd_history(strata_ctx *x)
{
    strata_history_row *rows = NULL;
    size_t n = 0, shown = 0;
    unsigned char *range = NULL;
    strata_buf b = {0};
    int rc = STRATA_OK, oom = 0;

    /* Without -r, history needs no migrations directory: the log of a
     * database whose files are gone can still be read. */
    if (x->cli->range)
        rc = strata__ctx_chain(x);
    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, 0);
    if (rc == STRATA_OK && x->cli->range)
        rc = history_range(x, &range);
    if (rc == STRATA_OK && x->have_hist)
        rc = strata__history_read(&x->hist, &rows, &n, &x->err);
    if (rc != STRATA_OK)
        goto done;
    /* The rows of revisions in the range move to the front, in order; a
     * row naming a revision the directory no longer has is outside every
     * range. */
    for (size_t i = 0; i < n; i++) {
        long idx = range ? strata__graph_find(x->chain.graph,
                                              rows[i].revision)
                         : 0;

        if (!range || (idx >= 0 && range[idx])) {
            strata_history_row t = rows[shown];

            rows[shown++] = rows[i];
            rows[i] = t;
        }
    }
    if (x->cli->json) {
        oom |= strata__buf_puts(&b, "{\"command\":\"history\",\"url\":");
        oom |= strata__json_str(&b, x->sess.url_masked);
        if (x->cli->range)
            oom |= strata__json_key(&b, "range", 0) |
                   strata__json_str(&b, x->cli->range);
        oom |= strata__buf_puts(&b, ",\"history\":[");
        for (size_t i = 0; i < shown; i++)
            oom |= history_json(&b, &rows[i], i == 0);
        oom |= strata__buf_puts(&b, "]}");
        rc = strata__ctx_print_json(x, &b, oom);
    } else if (!shown) {
        strata__print("no history in %s%s%s\n", x->sess.url_masked,
                      x->cli->range ? " for -r " : "",
                      x->cli->range ? x->cli->range : "");
    } else {
        strata__print("%-5s %-24s %-9s %-9s %8s  %s\n", "id", "started_at",
                      "direction", "outcome", "ms", "revision");
        for (size_t i = 0; i < shown; i++)
            history_text(&rows[i], x->cli->verbose >= 1);
    }
done:
    strata__history_rows_free(rows, n);
    free(range);
    return rc;
}

int strata__cmd_show(strata_ctx *x)
{
    strata_target t = {0};
    const strata_revision *r;
    char sum[STRATA_CHECKSUM_SIZE];
    int rc = strata__ctx_chain(x);

    if (rc == STRATA_OK)
        rc = strata__graph_resolve(x->chain.graph, x->cli->args[0],
                                   STRATA_UP, NULL, &t, &x->err);
    if (rc == STRATA_OK && t.nrevs != 1)
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "'%s' names %zu revisions; show takes one",
                               x->cli->args[0], t.nrevs);
    if (rc != STRATA_OK)
        goto done;
    r = strata__graph_rev(x->chain.graph, t.revs[0]);
    rc = strata__chain_checksum(&x->chain, r, sum, &x->err);
    if (rc != STRATA_OK)
        goto done;
    strata__print("revision:    %s\nfile:        %s\n", r->id, r->path);
    strata__print("revises:     ");
    for (size_t i = 0; i < r->nparents; i++)
        strata__print("%s%s", i ? ", " : "", r->parents[i]);
    strata__print("%s\n", r->nparents ? "" : "base");
    if (r->ndepends) {
        strata__print("depends:     ");
        for (size_t i = 0; i < r->ndepends; i++)
            strata__print("%s%s", i ? ", " : "", r->depends[i]);
        strata__print("\n");
    }
    if (r->branch)
        strata__print("branch:      %s\n", r->branch);
    if (r->message)
        strata__print("message:     %s\n", r->message);
    strata__print("transaction: %s\nchecksum:    %s\nhead:        %s\n",
                  r->txn == STRATA_TXN_NONE ? "none" : "per-migration", sum,
                  is_head(x->chain.graph, (long)t.revs[0]) ? "yes" : "no");
    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *s = &r->sections[i];
        strata_stmt_list l;

        rc = strata__chain_split(&x->chain,
                                 s->ndialects ? s->dialects[0]
                                              : x->sess.drv->name,
                                 r, s, &l, &x->err);
        if (rc != STRATA_OK)
            goto done;
        strata__print("%s:%u: %s (%zu statement%s)\n", r->path, s->line,
                      strchr(s->directive, '+'), l.count,
                      l.count == 1 ? "" : "s");
        for (size_t j = 0; j < l.count; j++)
            strata__print("  %u: %s\n", l.items[j].line, l.items[j].norm);
        strata__stmt_list_free(&l);
    }
done:
    strata__target_free(&t);
    return rc;
}
