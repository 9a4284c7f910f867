/* cmd_graph.c - the shape of the chain: branches (where it forks and
 * which heads each fork leads to) and graph (the whole DAG in Graphviz
 * DOT).  Neither writes anything; graph reads the database only to mark
 * what is applied. */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"
#include "util/alloc.h"

static const char *id_of(const strata_graph *g, size_t i)
{
    return strata__graph_rev(g, i)->id;
}

/* Insertion sort by id: the lists sorted here are a revision's children
 * or heads, short, and qsort has no payload argument for the graph. */
static void sort_ids(const strata_graph *g, size_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i;
             j > 0 && strcmp(id_of(g, v[j - 1]), id_of(g, v[j])) > 0; j--) {
            size_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

/* Working memory for the walks below, sized once. */
typedef struct walker {
    const strata_graph *g;
    size_t n;
    unsigned char *set;
    size_t *stack;
    size_t *list;   /* a result: children or heads */
} walker;

static int walker_init(walker *w, const strata_graph *g)
{
    w->g = g;
    w->n = strata__graph_count(g);
    w->set = malloc(w->n ? w->n : 1);
    w->stack = malloc((w->n ? w->n : 1) * sizeof *w->stack);
    w->list = malloc((w->n ? w->n : 1) * sizeof *w->list);
    return w->set && w->stack && w->list ? STRATA_OK : STRATA_ERR_NOMEM;
}

static void walker_free(walker *w)
{
    free(w->set);
    free(w->stack);
    free(w->list);
}

/* The heads reached from start through children only (a revision that
 * merely depends on another is on a branch of its own), sorted by id,
 * into w->list; their count. */
static size_t heads_from(walker *w, size_t start)
{
    size_t top = 0, k = 0;

    memset(w->set, 0, w->n ? w->n : 1);
    w->set[start] = 1;
    w->stack[top++] = start;
    while (top) {
        size_t v = w->stack[--top], nc;
        const size_t *kids = strata__graph_children(w->g, v, &nc);

        if (!nc)
            w->list[k++] = v;
        for (size_t i = 0; i < nc; i++)
            if (!w->set[kids[i]]) {
                w->set[kids[i]] = 1;
                w->stack[top++] = kids[i];
            }
    }
    sort_ids(w->g, w->list, k);
    return k;
}

/* --- branches ---------------------------------------------------------- */

/* Append the ids of v[0..k) to b as "a, b". */
static int put_ids(strata_buf *b, const strata_graph *g, const size_t *v,
                   size_t k)
{
    int oom = 0;

    for (size_t i = 0; i < k; i++)
        oom |= strata__buf_printf(b, "%s%s", i ? ", " : "", id_of(g, v[i]));
    return oom;
}

/* One branch point: its children (by id) and the heads each leads to,
 * appended to the JSON array list, else as text to b. */
static int branch_point(strata_buf *b, json_t *list, walker *w, size_t v)
{
    const strata_revision *r = strata__graph_rev(w->g, v);
    size_t nc;
    const size_t *adj = strata__graph_children(w->g, v, &nc);
    size_t *kids = malloc(nc * sizeof *kids);
    json_t *children = list ? json_array() : NULL;
    int oom = !kids || (list && !children);

    if (!oom) {
        memcpy(kids, adj, nc * sizeof *kids);
        sort_ids(w->g, kids, nc);
    }
    if (!oom && !list)
        oom |= strata__buf_printf(b, "%s (branch point, %zu children)%s%s\n",
                                  r->id, nc, r->message ? "  " : "",
                                  r->message ? r->message : "");
    for (size_t i = 0; i < nc && !oom; i++) {
        size_t k = heads_from(w, kids[i]);

        if (list) {
            oom |= json_array_append_new(
                children,
                json_pack("{s:o,s:o}", "revision",
                          strata__json_text(id_of(w->g, kids[i])), "heads",
                          strata__ctx_ids_json(w->g, w->list, k)));
        } else {
            oom |= strata__buf_printf(b, "  -> %s: head%s ",
                                      id_of(w->g, kids[i]),
                                      k == 1 ? "" : "s");
            oom |= put_ids(b, w->g, w->list, k) | strata__buf_puts(b, "\n");
        }
    }
    free(kids);
    if (oom) {
        json_decref(children);
        return STRATA_ERR_NOMEM;
    }
    if (list && json_array_append_new(
                    list, json_pack("{s:o,s:o,s:o,s:o}", "revision",
                                    strata__json_text(r->id), "file",
                                    strata__json_text(r->path), "message",
                                    strata__json_text(r->message),
                                    "children", children)))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* One branch label: the revision carrying it and the heads it leads to
 * (one, or several when the labelled branch forks again), appended to
 * the JSON array list, else as text to b. */
static int branch_label(strata_buf *b, json_t *list, walker *w, size_t v)
{
    const strata_revision *r = strata__graph_rev(w->g, v);
    size_t k = heads_from(w, v);
    int oom = 0;

    if (list) {
        oom |= json_array_append_new(
            list, json_pack("{s:o,s:o,s:o,s:o}", "label",
                            strata__json_text(r->branch), "revision",
                            strata__json_text(r->id), "file",
                            strata__json_text(r->path), "heads",
                            strata__ctx_ids_json(w->g, w->list, k)));
    } else {
        oom |= strata__buf_printf(b, "  %s@head: from %s to head%s ",
                                  r->branch, r->id, k == 1 ? "" : "s");
        oom |= put_ids(b, w->g, w->list, k) | strata__buf_puts(b, "\n");
    }
    return oom ? STRATA_ERR_NOMEM : STRATA_OK;
}

int strata__cmd_branches(strata_ctx *x)
{
    const strata_graph *g;
    const size_t *order, *heads;
    size_t n, nheads, npoints = 0, nlabels = 0;
    strata_buf b = {0};
    json_t *points = NULL, *labels = NULL;
    walker w = {0};
    int json = x->cli->json, rc = strata__ctx_chain(x), oom = 0;

    if (rc != STRATA_OK)
        return rc;
    g = x->chain.graph;
    n = strata__graph_count(g);
    order = strata__graph_order(g);
    heads = strata__graph_heads(g, &nheads);
    if (json) {
        points = json_array();
        labels = json_array();
        oom = !points || !labels;
    }
    if (oom || walker_init(&w, g) != STRATA_OK) {
        json_decref(points);
        json_decref(labels);
        walker_free(&w);
        return strata__nomem(&x->err);
    }
    /* Topological order: a fork is listed before the forks above it. */
    for (size_t i = 0; i < n && !oom; i++) {
        size_t nc;

        strata__graph_children(g, order[i], &nc);
        if (nc > 1) {
            oom |= branch_point(&b, points, &w, order[i]);
            npoints++;
        }
    }
    for (size_t i = 0; i < n && !oom; i++) {
        if (!strata__graph_rev(g, order[i])->branch)
            continue;
        if (!json && nlabels == 0)
            oom |= strata__buf_puts(&b, "branch labels:\n");
        oom |= branch_label(&b, labels, &w, order[i]);
        nlabels++;
    }
    walker_free(&w);
    if (json)
        return strata__ctx_print_json(
            x,
            json_pack("{s:s,s:o,s:o,s:o}", "command", "branches", "heads",
                      strata__ctx_ids_json(g, heads, nheads),
                      "branch_points", points, "labels", labels),
            oom);
    if (oom) {
        strata__buf_free(&b);
        return strata__nomem(&x->err);
    }
    if (!npoints)
        strata__print("no branch points: %s\n",
                      n == 0       ? "the chain is empty"
                      : nheads > 1 ? "the chain has several roots"
                                   : "the chain is linear");
    if (b.data)
        strata__print("%s", b.data);
    if (nheads > 1) {
        strata_buf h = {0};

        if (put_ids(&h, g, heads, nheads) != STRATA_OK) {
            strata__buf_free(&h);
            strata__buf_free(&b);
            return strata__nomem(&x->err);
        }
        strata__print("%zu heads: %s (join them with 'strata merge -m "
                      "MSG heads')\n",
                      nheads, h.data);
        strata__buf_free(&h);
    }
    strata__buf_free(&b);
    return STRATA_OK;
}

/* --- graph ------------------------------------------------------------- */

/* s as the inside of a DOT double-quoted string: '"' and '\' escaped
 * (a backslash would otherwise start an escape such as \n or \N), and
 * control characters, which cannot occur in a header line, blanked. */
static int dot_escaped(strata_buf *b, const char *s)
{
    int oom = 0;

    for (; s && *s && !oom; s++) {
        if (*s == '"' || *s == '\\')
            oom |= strata__buf_printf(b, "\\%c", *s);
        else if ((unsigned char)*s < 0x20 || *s == 0x7f)
            oom |= strata__buf_puts(b, " ");
        else
            oom |= strata__buf_append(b, s, 1);
    }
    return oom;
}

static int dot_node(strata_buf *b, const strata_revision *r, int head,
                    int applied)
{
    int oom = strata__buf_puts(b, "  \"");

    oom |= dot_escaped(b, r->id);
    oom |= strata__buf_puts(b, "\" [label=\"");
    oom |= dot_escaped(b, r->id);
    if (r->branch) {
        oom |= strata__buf_puts(b, " [");
        oom |= dot_escaped(b, r->branch);
        oom |= strata__buf_puts(b, "]");
    }
    if (r->message) {
        oom |= strata__buf_puts(b, "\\n");
        oom |= dot_escaped(b, r->message);
    }
    if (head)
        oom |= strata__buf_puts(b, "\\n(head)");
    oom |= strata__buf_puts(b, "\"");
    /* Heads: a double border and bold; applied: filled. */
    if (head)
        oom |= strata__buf_puts(b, ", peripheries=2, penwidth=2");
    oom |= strata__buf_printf(b, ", style=\"rounded%s\"",
                              applied ? ",filled" : "");
    if (applied)
        oom |= strata__buf_puts(b, ", fillcolor=\"#b7e1a1\"");
    oom |= strata__buf_puts(b, "];\n");
    return oom;
}

static int dot_edge(strata_buf *b, const char *from, const char *to,
                    int depends)
{
    int oom = strata__buf_puts(b, "  \"");

    oom |= dot_escaped(b, from) | strata__buf_puts(b, "\" -> \"");
    oom |= dot_escaped(b, to) | strata__buf_puts(b, "\"");
    if (depends)
        oom |= strata__buf_puts(b, " [style=dashed, label=\"depends\"]");
    return oom | strata__buf_puts(b, ";\n");
}

/* The applied set, or NULL (a warning said why) when the database is at
 * a revision the directory no longer has: the graph is still worth
 * drawing. */
static int applied_set(strata_ctx *x, unsigned char **applied)
{
    char **rows = NULL;
    size_t nrows = 0;
    int rc = strata__ctx_state(x, &rows, &nrows, applied);

    strata__strings_free(rows, nrows);
    if (rc == STRATA_ERR_NOTFOUND) {
        strata__warn("%s; applied revisions are not marked", x->err.msg);
        strata__error_clear(&x->err);
        free(*applied);
        *applied = NULL;
        return STRATA_OK;
    }
    return rc;
}

/* graph --json: the revisions (topological order) and the edges. */
static int graph_json(strata_ctx *x, const unsigned char *head,
                      const unsigned char *applied)
{
    const strata_graph *g = x->chain.graph;
    const size_t *order = strata__graph_order(g);
    size_t n = strata__graph_count(g);
    json_t *revs = json_array(), *edges = json_array();
    int oom = !revs || !edges;

    for (size_t i = 0; i < n && !oom; i++) {
        const strata_revision *r = strata__graph_rev(g, order[i]);

        oom |= json_array_append_new(
                   revs, json_pack("{s:o,s:o,s:o,s:b,s:b}", "revision",
                                   strata__json_text(r->id), "message",
                                   strata__json_text(r->message), "branch",
                                   strata__json_text(r->branch), "head",
                                   head[order[i]], "applied",
                                   applied && applied[order[i]])) != 0;
        for (size_t p = 0; p < r->nparents + r->ndepends && !oom; p++)
            oom |= json_array_append_new(
                       edges,
                       json_pack("{s:o,s:o,s:s}", "from",
                                 strata__json_text(
                                     p < r->nparents
                                         ? r->parents[p]
                                         : r->depends[p - r->nparents]),
                                 "to", strata__json_text(r->id), "kind",
                                 p < r->nparents ? "revises" : "depends")) !=
                   0;
    }
    if (oom) {
        json_decref(revs);
        json_decref(edges);
        return strata__nomem(&x->err);
    }
    return strata__ctx_print_json(
        x,
        json_pack("{s:s,s:o,s:o,s:o}", "command", "graph", "url",
                  strata__json_text(x->sess.url_masked), "revisions", revs,
                  "edges", edges),
        0);
}

int strata__cmd_graph(strata_ctx *x)
{
    const strata_graph *g;
    const size_t *order;
    size_t n, nheads, napplied = 0;
    unsigned char *applied = NULL, *head = NULL;
    const size_t *heads;
    strata_buf b = {0};
    int rc = strata__ctx_chain(x), oom = 0;

    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, 0);
    if (rc == STRATA_OK)
        rc = applied_set(x, &applied);
    if (rc != STRATA_OK)
        goto done;
    g = x->chain.graph;
    n = strata__graph_count(g);
    order = strata__graph_order(g);
    heads = strata__graph_heads(g, &nheads);
    if (!(head = calloc(n ? n : 1, 1))) {
        rc = strata__nomem(&x->err);
        goto done;
    }
    for (size_t i = 0; i < nheads; i++)
        head[heads[i]] = 1;
    for (size_t i = 0; applied && i < n; i++)
        napplied += applied[i];
    if (x->cli->json) {
        rc = graph_json(x, head, applied);
        goto done;
    }
    /* A // comment line is DOT: the file still renders as is. */
    oom |= strata__buf_printf(&b,
                              "// strata graph: %zu revision%s, %zu head%s, "
                              "%zu applied to %s\n",
                              n, n == 1 ? "" : "s", nheads,
                              nheads == 1 ? "" : "s", napplied,
                              x->sess.url_masked ? x->sess.url_masked : "");
    oom |= strata__buf_puts(
        &b, "// heads: double border; applied: filled; dashed: depends\n"
            "digraph strata {\n"
            "  node [shape=box, fontname=\"Helvetica\"];\n"
            "  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (size_t i = 0; i < n && !oom; i++)
        oom |= dot_node(&b, strata__graph_rev(g, order[i]), head[order[i]],
                        applied && applied[order[i]]);
    /* Edges from each parent to the revision, then the depends. */
    for (size_t i = 0; i < n && !oom; i++) {
        const strata_revision *r = strata__graph_rev(g, order[i]);

        for (size_t p = 0; p < r->nparents; p++)
            oom |= dot_edge(&b, r->parents[p], r->id, 0);
        for (size_t p = 0; p < r->ndepends; p++)
            oom |= dot_edge(&b, r->depends[p], r->id, 1);
    }
    oom |= strata__buf_puts(&b, "}\n");
    if (oom || !b.data) {
        rc = strata__nomem(&x->err);
        goto done;
    }
    strata__print("%s", b.data);
done:
    strata__buf_free(&b);
    free(applied);
    free(head);
    return rc;
}
