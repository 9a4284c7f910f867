/* cmd_history.c - the verbs that read strata's history: current, heads,
 * history, show.  None of them creates a database or the history tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/host.h"
#include "db/recorded.h"
#include "util/json.h"
#include "util/output.h"
#include "util/alloc.h"

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
    char *origin = NULL, **rows = NULL;
    size_t n = 0;
    json_t *list = NULL;
    int rc = strata__ctx_chain(x), oom = 0;

    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, 0);
    if (rc == STRATA_OK && x->have_hist)
        rc = strata__history_versions(&x->hist, &rows, &n, &x->err);
    if (rc != STRATA_OK)
        goto done;
    if (x->cli->json)
        oom |= !(list = json_array());
    else if (!n)
        strata__print("base (nothing applied to %s)\n", x->sess.url_masked);
    for (size_t i = 0; i < n; i++) {
        long idx = strata__graph_find(x->chain.graph, rows[i]);
        const strata_revision *r =
            idx >= 0 ? strata__graph_rev(x->chain.graph, (size_t)idx) : NULL;

        if (x->cli->json) {
            oom |= json_array_append_new(
                list,
                json_pack("{s:o,s:b,s:b,s:o}", "revision",
                          strata__json_text(rows[i]), "head",
                          idx >= 0 && is_head(x->chain.graph, idx), "known",
                          r != NULL, "message",
                          strata__json_text(r ? r->message : NULL)));
        } else {
            strata__print("%s%s%s%s\n", rows[i],
                          !r ? " (not in the migrations directory)"
                          : is_head(x->chain.graph, idx) ? " (head)"
                                                         : "",
                          r && r->message ? "  " : "",
                          r && r->message ? r->message : "");
        }
    }
    /* Where the URL came from (issue 15); -q keeps the rows alone. */
    origin = strata__ctx_url_origin(x);
    if (!origin)
        oom = 1;
    else if (!x->cli->json)
        strata__out("database: %s (from %s)\n", x->sess.url_masked, origin);
    if (x->cli->json)
        rc = strata__ctx_print_json(
            x,
            json_pack("{s:s,s:o,s:o,s:o}", "command", "current", "url",
                      strata__json_text(x->sess.url_masked), "url_source",
                      strata__json_text(origin), "current", list),
            oom);
    else if (oom)
        rc = strata__nomem(&x->err);
    free(origin);
done:
    strata__strings_free(rows, n);
    return rc;
}

/* Branch labels that apply to head: those on it or an ancestor, appended
 * to the JSON array json, else to text as "a, b". */
static int head_labels(const strata_graph *g, size_t head, json_t *json,
                       strata_buf *text)
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
            rc = json_array_append_new(json, strata__json_text(r->branch))
                     ? STRATA_ERR_NOMEM
                     : STRATA_OK;
        else
            rc = strata__buf_printf(text, "%s%s", first ? "" : ", ",
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
    json_t *list = NULL;
    int rc = strata__ctx_chain(x), oom = 0;

    if (rc != STRATA_OK)
        return rc;
    heads = strata__graph_heads(x->chain.graph, &n);
    if (x->cli->json)
        oom |= !(list = json_array());
    for (size_t i = 0; i < n; i++) {
        const strata_revision *r = strata__graph_rev(x->chain.graph, heads[i]);

        if (x->cli->json) {
            json_t *labels = json_array();

            oom |= !labels ||
                   head_labels(x->chain.graph, heads[i], labels, NULL);
            oom |= json_array_append_new(
                list, json_pack("{s:o,s:o,s:o,s:o}", "revision",
                                strata__json_text(r->id), "file",
                                strata__json_text(r->path), "message",
                                strata__json_text(r->message), "branches",
                                labels));
        } else {
            strata_buf labels = {0};
            oom |= head_labels(x->chain.graph, heads[i], NULL, &labels);
            strata__print("%s (head)%s%s%s%s%s\n", r->id,
                          labels.len ? " [" : "",
                          labels.len ? labels.data : "",
                          labels.len ? "]" : "", r->message ? "  " : "",
                          r->message ? r->message : "");
            strata__buf_free(&labels);
        }
    }
    if (x->cli->json)
        return strata__ctx_print_json(
            x, json_pack("{s:s,s:o}", "command", "heads", "heads", list), oom);
    if (!n)
        strata__print("no revisions in %s\n", x->chain.dir);
    return oom ? strata__nomem(&x->err)
               : STRATA_OK;
}

/* A number column: JSON null where the row has none (negative). */
static json_t *number_or_null(long long v)
{
    return v < 0 ? json_null() : json_integer(v);
}

/* One history row as JSON; its detail, JSON text strata wrote, is
 * embedded as the value it holds. */
static int history_json(json_t *list, const strata_history_row *r,
                        const char *message, strata_error *err)
{
    json_t *detail = NULL;
    char what[64];

    if (r->detail) {
        snprintf(what, sizeof what, "history row %lld's detail", r->id);
        if (strata__json_load(&detail, r->detail, what, err) != STRATA_OK)
            return err->code;
    }
    if (json_array_append_new(
            list,
            json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
                      "id", (json_int_t)r->id, "revision",
                      strata__json_text(r->revision), "direction",
                      strata__json_text(r->direction), "outcome",
                      strata__json_text(r->outcome), "checksum",
                      strata__json_text(r->checksum), "started_at",
                      strata__json_text(r->started_at), "finished_at",
                      strata__json_text(r->finished_at), "duration_ms",
                      number_or_null(r->duration_ms), "applied_by",
                      strata__json_text(r->applied_by), "tool_version",
                      strata__json_text(r->tool_version), "statement_index",
                      number_or_null(r->statement_index), "detail",
                      detail ? detail : json_null())) != 0 ||
        json_object_set_new(json_array_get(list, json_array_size(list) - 1),
                            "message", strata__json_text(message)) != 0)
        return strata__nomem(err);
    return STRATA_OK;
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
        rc = strata__nomem(&x->err);
    for (int side = 0; side < 2 && rc == STRATA_OK; side++) {
        const char *t_spec = side ? colon + 1 : left;
        strata_target t = {0};

        if (!(sides[side] = calloc(n ? n : 1, 1))) {
            rc = strata__nomem(&x->err);
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

/* The error a failed row's detail records, or NULL; malloc'd.  A detail
 * that is not JSON is printed as it is instead. */
static char *detail_error(const char *detail)
{
    json_t *doc = detail ? json_loads(detail, JSON_DECODE_ANY, NULL) : NULL;
    const char *e = json_string_value(json_object_get(doc, "error"));
    char *msg = e ? strdup(e) : NULL;

    json_decref(doc);
    return msg;
}

/* The message of a row's revision, from its file; NULL when the
 * migrations could not be read or no longer have it. */
static const char *row_message(const strata_ctx *x,
                               const strata_history_row *r)
{
    long idx = x->have_chain && r->revision
                   ? strata__graph_find(x->chain.graph, r->revision)
                   : -1;

    return idx >= 0 ? strata__graph_rev(x->chain.graph, (size_t)idx)->message
                    : NULL;
}

/* The direction column: a stamp row says which way it moved its
 * revision ("stamp up" marked it applied, "stamp down" unapplied). */
static const char *direction_text(const strata_history_row *r)
{
    if (!r->direction)
        return "";
    if (strcmp(r->direction, "stamp") == 0 &&
        r->outcome && strcmp(r->outcome, "stamped") == 0)
        return strata__history_stamp_applied(r) ? "stamp up" : "stamp down";
    return r->direction;
}

static void history_text(const strata_history_row *r, const char *message,
                         int verbose)
{
    strata__print("%-5lld %-24s %-10s %-9s %8lld  %s%s%s\n", r->id,
                  r->started_at ? r->started_at : "", direction_text(r),
                  r->outcome ? r->outcome : "",
                  r->duration_ms < 0 ? 0 : r->duration_ms,
                  r->revision ? r->revision : "", message ? "  " : "",
                  message ? message : "");
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
    int rc = STRATA_OK;

    /* Without -r, history needs no migrations directory: the log of a
     * database whose files are gone can still be read (without the
     * messages the files give). */
    rc = strata__ctx_chain(x);
    if (rc != STRATA_OK && !x->cli->range) {
        strata__error_clear(&x->err);
        rc = STRATA_OK;
    }
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
        json_t *doc = json_pack("{s:s,s:o}", "command", "history", "url",
                                strata__json_text(x->sess.url_masked));
        json_t *list = json_array();
        int oom = !list || (x->cli->range &&
                            json_object_set_new(
                                doc, "range",
                                strata__json_text(x->cli->range)) != 0);

        for (size_t i = 0; i < shown && !oom && rc == STRATA_OK; i++)
            rc = history_json(list, &rows[i], row_message(x, &rows[i]),
                              &x->err);
        oom |= json_object_set_new(doc, "history", list) != 0;
        if (rc == STRATA_OK)
            rc = strata__ctx_print_json(x, doc, oom);
        else
            json_decref(doc);
    } else if (!shown) {
        strata__print("no history in %s%s%s\n", x->sess.url_masked,
                      x->cli->range ? " for -r " : "",
                      x->cli->range ? x->cli->range : "");
    } else {
        strata__print("%-5s %-24s %-10s %-9s %8s  %s\n", "id", "started_at",
                      "direction", "outcome", "ms", "revision");
        for (size_t i = 0; i < shown; i++)
            history_text(&rows[i], row_message(x, &rows[i]),
                         x->cli->verbose >= 1);
    }
done:
    strata__history_rows_free(rows, n);
    free(range);
    return rc;
}

/* show --json: the revision's header and checksum; its sections are
 * added one by one (show_section_json).  NULL when out of memory. */
static json_t *show_json(const strata_revision *r, const char *sum,
                         int head)
{
    return json_pack(
        "{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:b,s:[]}", "command", "show",
        "revision", strata__json_text(r->id), "file",
        strata__json_text(r->path), "parents",
        strata__json_strings(r->parents, r->nparents), "depends",
        strata__json_strings(r->depends, r->ndepends), "branch",
        strata__json_text(r->branch), "message",
        strata__json_text(r->message), "transaction",
        r->txn == STRATA_TXN_NONE ? "none" : "per-migration", "checksum",
        sum, "head", head, "sections");
}

/* One section and its statements, appended to doc's "sections";
 * nonzero when out of memory. */
static int show_section_json(json_t *doc, const strata_section *s,
                             const strata_stmt_list *l)
{
    json_t *stmts = json_array();
    json_t *sec = json_pack(
        "{s:o,s:o,s:I}", "directive",
        strata__json_text(strchr(s->directive, '+')), "dialects",
        strata__json_strings(s->dialects, s->ndialects), "line",
        (json_int_t)s->line);
    int oom = !stmts || !sec;

    for (size_t j = 0; j < l->count && !oom; j++)
        oom = json_array_append_new(
                  stmts, json_pack("{s:I,s:o}", "line",
                                   (json_int_t)l->items[j].line, "sql",
                                   strata__json_text(l->items[j].norm))) !=
              0;
    if (oom) {
        json_decref(stmts);
        json_decref(sec);
        return 1;
    }
    /* Both calls take their value, failing or not. */
    if (json_object_set_new(sec, "statements", stmts)) {
        json_decref(sec);
        return 1;
    }
    return json_array_append_new(json_object_get(doc, "sections"), sec) != 0;
}

int strata__cmd_show(strata_ctx *x)
{
    strata_target t = {0};
    const strata_revision *r;
    char sum[STRATA_CHECKSUM_SIZE];
    json_t *doc = NULL;
    int rc = strata__ctx_chain(x), head, oom = 0;

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
    head = is_head(x->chain.graph, (long)t.revs[0]);
    rc = strata__chain_checksum(&x->chain, r, sum, &x->err);
    if (rc != STRATA_OK)
        goto done;
    if (x->cli->json) {
        oom = !(doc = show_json(r, sum, head));
    } else {
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
                      r->txn == STRATA_TXN_NONE ? "none" : "per-migration",
                      sum, head ? "yes" : "no");
    }
    for (size_t i = 0; i < r->nsections && !oom; i++) {
        const strata_section *s = &r->sections[i];
        strata_stmt_list l;

        rc = strata__chain_split(&x->chain,
                                 s->ndialects ? s->dialects[0]
                                              : x->sess.drv->name,
                                 r, s, &l, &x->err);
        if (rc != STRATA_OK)
            goto done;
        if (doc) {
            oom = show_section_json(doc, s, &l);
        } else {
            strata__print("%s:%u: %s (%zu statement%s)\n",
                          strata__section_path(r, s), s->line,
                          strchr(s->directive, '+'), l.count,
                          l.count == 1 ? "" : "s");
            for (size_t j = 0; j < l.count; j++)
                strata__print("  %u: %s\n", l.items[j].line,
                              l.items[j].norm);
        }
        strata__stmt_list_free(&l);
    }
    if (x->cli->json) {
        rc = strata__ctx_print_json(x, doc, oom);
        doc = NULL;
    }
done:
    json_decref(doc);
    strata__target_free(&t);
    return rc;
}
