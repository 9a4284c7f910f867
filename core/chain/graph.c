/* graph.c - the revisions as a DAG: refused whole when broken, ordered
 * deterministically, and walked for the sets targets and paths need. */
#include "chain/graph.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/heap.h"
#include "util/msg.h"
#include "util/strmap.h"

/* Working memory sized once at build time, so that walks never allocate
 * (ancestors() and descendants() cannot report failure).  It makes a
 * graph unsafe to query from two threads at once. */
typedef struct scratch {
    unsigned *seen; /* seen[i] == gen: visited by the current pass */
    unsigned gen;
    size_t *stack;  /* each index is pushed at most once per pass */
    size_t *list;
    size_t *next;
} scratch;

struct strata_graph {
    strata_revision **revs; /* copy of the caller's array; revs borrowed */
    size_t n;
    strata_strmap ids;
    /* Adjacency in CSR form.  pred: parents first (npar of them), then
     * depends; succ: children first (nchild), then dependents.  Both are
     * deduplicated, so counts double as in-degrees. */
    size_t *pred_off, *pred, *npar;
    size_t *succ_off, *succ, *nchild;
    size_t *order;
    size_t *heads, nheads;
    size_t *bases, nbases;
    scratch *tmp;
};

/* --- small helpers ----------------------------------------------------- */

static const char *id_of(const strata_graph *g, size_t i)
{
    return g->revs[i]->id;
}

static const char *path_of(const strata_revision *r)
{
    return r->path ? r->path : "(unknown file)";
}

static int id_less(const void *ctx, size_t a, size_t b)
{
    const strata_graph *g = ctx;

    return strcmp(id_of(g, a), id_of(g, b)) < 0;
}

static unsigned next_gen(const strata_graph *g)
{
    scratch *t = g->tmp;

    if (++t->gen == 0) {
        memset(t->seen, 0, (g->n ? g->n : 1) * sizeof *t->seen);
        t->gen = 1;
    }
    return t->gen;
}

void strata__graph_sort_by_id(const strata_graph *g, size_t *idx, size_t k)
{
    strata__heap_sort(idx, k, id_less, g);
}

/* "path:line", or just the path when the key had no line. */
static void msg_at(strata_msg *m, const strata_revision *r, unsigned line)
{
    if (line)
        strata__msg_add(m, "%s:%u", path_of(r), line);
    else
        strata__msg_add(m, "%s", path_of(r));
}

/* --- walks ------------------------------------------------------------- */

static void edges(const strata_graph *g, size_t v, strata_graph_edges how,
                  const size_t **adj, size_t *k)
{
    switch (how) {
    case STRATA_EDGES_UP:
        *adj = g->pred + g->pred_off[v];
        *k = g->pred_off[v + 1] - g->pred_off[v];
        break;
    case STRATA_EDGES_DOWN:
        *adj = g->succ + g->succ_off[v];
        *k = g->succ_off[v + 1] - g->succ_off[v];
        break;
    case STRATA_EDGES_PARENTS:
        *adj = g->pred + g->pred_off[v];
        *k = g->npar[v];
        break;
    default: /* STRATA_EDGES_CHILDREN */
        *adj = g->succ + g->succ_off[v];
        *k = g->nchild[v];
        break;
    }
}

/* Iterative: a 10,000-deep chain must not need a deep stack. */
void strata__graph_walk(const strata_graph *g, const size_t *seeds,
                        size_t nseeds, strata_graph_edges how,
                        unsigned char *set)
{
    const scratch *t = g->tmp;
    unsigned gen = next_gen(g);
    size_t top = 0;

    for (size_t i = 0; i < nseeds; i++)
        if (t->seen[seeds[i]] != gen) {
            t->seen[seeds[i]] = gen;
            t->stack[top++] = seeds[i];
        }
    while (top) {
        const size_t *adj;
        size_t k, v = t->stack[--top];

        edges(g, v, how, &adj, &k);
        for (size_t e = 0; e < k; e++) {
            size_t w = adj[e];

            set[w] = 1;
            if (t->seen[w] != gen) {
                t->seen[w] = gen;
                t->stack[top++] = w;
            }
        }
    }
}

/* --- build ------------------------------------------------------------- */

static int check_ids(strata_graph *g, strata_error *err)
{
    for (size_t i = 0; i < g->n; i++) {
        const strata_revision *r = g->revs[i];
        strata_msg m = {0};
        long j;

        if (!r->id) {
            msg_at(&m, r, 0);
            strata__msg_add(&m, ": no 'revision:' header");
            return strata__msg_set(&m, err, STRATA_ERR_PARSE);
        }
        j = strata__strmap_add(&g->ids, r->id, (long)i);
        if (j < 0)
            continue;
        msg_at(&m, r, r->id_line);
        strata__msg_add(&m, ": duplicate revision '%s' (also defined in ",
                        r->id);
        msg_at(&m, g->revs[j], g->revs[j]->id_line);
        strata__msg_add(&m, ")");
        return strata__msg_set(&m, err, STRATA_ERR_PARSE);
    }
    return STRATA_OK;
}

static int check_branches(strata_graph *g, strata_error *err)
{
    strata_strmap h;
    int rc = STRATA_OK;

    if (strata__strmap_init(&h, g->n) != STRATA_OK)
        return strata__nomem(err);
    for (size_t i = 0; i < g->n && rc == STRATA_OK; i++) {
        const strata_revision *r = g->revs[i], *o;
        strata_msg m = {0};
        long j;

        if (!r->branch)
            continue;
        j = strata__strmap_add(&h, r->branch, (long)i);
        if (j < 0)
            continue;
        o = g->revs[j];
        msg_at(&m, r, r->branch_line);
        strata__msg_add(&m,
                        ": branch label '%s' is already used by revision "
                        "'%s' (",
                        r->branch, o->id);
        msg_at(&m, o, o->branch_line);
        strata__msg_add(&m, ")");
        rc = strata__msg_set(&m, err, STRATA_ERR_PARSE);
    }
    strata__strmap_free(&h);
    return rc;
}

/* Append the existing, not yet listed revisions named in names to pred;
 * a name listed twice counts once. */
static int link_names(strata_graph *g, size_t i, char *const *names,
                      size_t k, int is_depends, unsigned gen, size_t *pos,
                      strata_error *err)
{
    const strata_revision *r = g->revs[i];

    for (size_t e = 0; e < k; e++) {
        long j = names[e] ? strata__strmap_find(&g->ids, names[e]) : -1;
        strata_msg m = {0};

        if (j < 0) {
            msg_at(&m, r, is_depends ? r->depends_line : r->parents_line);
            strata__msg_add(&m,
                            ": revision '%s' %s '%s', which does not exist",
                            r->id, is_depends ? "depends on" : "revises",
                            names[e] ? names[e] : "");
            return strata__msg_set(&m, err, STRATA_ERR_PARSE);
        }
        if (g->tmp->seen[j] == gen)
            continue;
        g->tmp->seen[j] = gen;
        g->pred[(*pos)++] = (size_t)j;
        if (!is_depends)
            g->npar[i]++;
    }
    return STRATA_OK;
}

static int link_edges(strata_graph *g, strata_error *err)
{
    size_t total = 0, pos = 0, *cur_child, *cur_dep;
    int rc;

    for (size_t i = 0; i < g->n; i++) {
        size_t k = g->revs[i]->nparents + g->revs[i]->ndepends;

        if (k > SIZE_MAX - total)
            return strata__nomem(err);
        total += k;
    }
    g->pred = strata__alloc_array(total, sizeof *g->pred);
    g->succ = strata__alloc_array(total, sizeof *g->succ);
    if (!g->pred || !g->succ)
        return strata__nomem(err);
    for (size_t i = 0; i < g->n; i++) {
        const strata_revision *r = g->revs[i];
        unsigned gen = next_gen(g);

        g->pred_off[i] = pos;
        rc = link_names(g, i, r->parents, r->nparents, 0, gen, &pos, err);
        if (rc == STRATA_OK)
            rc = link_names(g, i, r->depends, r->ndepends, 1, gen, &pos,
                            err);
        if (rc != STRATA_OK)
            return rc;
    }
    g->pred_off[g->n] = pos;

    /* Invert: count, lay out, then fill children before dependents. */
    cur_child = g->tmp->list;
    cur_dep = g->tmp->next;
    memset(cur_dep, 0, (g->n ? g->n : 1) * sizeof *cur_dep);
    for (size_t i = 0; i < g->n; i++)
        for (size_t e = g->pred_off[i]; e < g->pred_off[i + 1]; e++) {
            if (e - g->pred_off[i] < g->npar[i])
                g->nchild[g->pred[e]]++;
            else
                cur_dep[g->pred[e]]++;
        }
    pos = 0;
    for (size_t i = 0; i < g->n; i++) {
        g->succ_off[i] = pos;
        cur_child[i] = pos;
        pos += g->nchild[i] + cur_dep[i];
        cur_dep[i] = cur_child[i] + g->nchild[i];
    }
    g->succ_off[g->n] = pos;
    for (size_t i = 0; i < g->n; i++)
        for (size_t e = g->pred_off[i]; e < g->pred_off[i + 1]; e++) {
            size_t p = g->pred[e];

            if (e - g->pred_off[i] < g->npar[i])
                g->succ[cur_child[p]++] = i;
            else
                g->succ[cur_dep[p]++] = i;
        }
    return STRATA_OK;
}

/* Kahn left revisions behind (indeg > 0): each has a predecessor that is
 * also left, so walking predecessors must come round.  Start at, and
 * step to, the smallest id, so the same broken chain always gives the
 * same message. */
static int report_cycle(strata_graph *g, const size_t *indeg,
                        strata_error *err)
{
    size_t *seq = g->tmp->list, *at = g->tmp->next;
    size_t len = 0, start = 0, from, m, first;
    unsigned gen = next_gen(g);
    int found = 0;
    strata_msg mb = {0};

    for (size_t i = 0; i < g->n; i++)
        if (indeg[i] && (!found || id_less(g, i, start))) {
            start = i;
            found = 1;
        }
    for (size_t v = start;;) {
        size_t best = 0;
        int have = 0;

        g->tmp->seen[v] = gen;
        at[v] = len;
        seq[len++] = v;
        for (size_t e = g->pred_off[v]; e < g->pred_off[v + 1]; e++) {
            size_t p = g->pred[e];

            if (indeg[p] && (!have || id_less(g, p, best))) {
                best = p;
                have = 1;
            }
        }
        if (!have) /* cannot happen; say something rather than loop */
            return strata__error_set(err, STRATA_ERR_PARSE,
                                     "cycle in revisions");
        if (g->tmp->seen[best] == gen) {
            from = at[best];
            break;
        }
        v = best;
    }
    /* seq[from..len) runs child -> parent; show parent -> child. */
    m = len - from;
    for (size_t i = 0; i < m / 2; i++) {
        size_t t = seq[from + i];

        seq[from + i] = seq[len - 1 - i];
        seq[len - 1 - i] = t;
    }
    first = 0;
    for (size_t i = 1; i < m; i++)
        if (id_less(g, seq[from + i], seq[from + first]))
            first = i;
    strata__msg_add(&mb, "cycle in revisions: ");
    for (size_t i = 0; i <= m; i++)
        strata__msg_add(&mb, "%s%s", i ? " -> " : "",
                        id_of(g, seq[from + (first + i) % m]));
    strata__msg_add(&mb, " (");
    for (size_t i = 0; i < m; i++)
        strata__msg_add(&mb, "%s%s", i ? ", " : "",
                        path_of(g->revs[seq[from + (first + i) % m]]));
    strata__msg_add(&mb, ")");
    return strata__msg_set(&mb, err, STRATA_ERR_PARSE);
}

static int sort_topo(strata_graph *g, strata_error *err)
{
    size_t *indeg = strata__alloc_array(g->n, sizeof *indeg), k = 0;
    strata_heap ready = {.v = g->tmp->stack, .less = id_less, .ctx = g};
    int rc = STRATA_OK;

    STRATA_ALLOC_CHECK(indeg, err);
    for (size_t i = 0; i < g->n; i++) {
        indeg[i] = g->pred_off[i + 1] - g->pred_off[i];
        if (!indeg[i])
            strata__heap_push(&ready, i);
    }
    while (ready.len) {
        size_t v = strata__heap_pop(&ready);

        g->order[k++] = v;
        for (size_t e = g->succ_off[v]; e < g->succ_off[v + 1]; e++)
            if (--indeg[g->succ[e]] == 0)
                strata__heap_push(&ready, g->succ[e]);
    }
    if (k < g->n)
        rc = report_cycle(g, indeg, err);
    free(indeg);
    return rc;
}

static void find_ends(strata_graph *g)
{
    for (size_t i = 0; i < g->n; i++) {
        if (!g->nchild[i])
            g->heads[g->nheads++] = i;
        if (!g->npar[i])
            g->bases[g->nbases++] = i;
    }
    strata__graph_sort_by_id(g, g->heads, g->nheads);
    strata__graph_sort_by_id(g, g->bases, g->nbases);
}

int strata__graph_build(strata_graph **out, strata_revision *const *revs,
                        size_t n, strata_error *err)
{
    strata_graph *g;
    int rc;

    *out = NULL;
    if (n > (size_t)LONG_MAX)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "too many revisions (%zu)", n);
    g = calloc(1, sizeof *g);
    STRATA_ALLOC_CHECK(g, err);
    g->n = n;
    g->tmp = calloc(1, sizeof *g->tmp);
    if (!g->tmp) {
        free(g);
        return strata__nomem(err);
    }
    g->revs = strata__alloc_array(n, sizeof *g->revs);
    g->pred_off = strata__alloc_array(n + 1, sizeof *g->pred_off);
    g->succ_off = strata__alloc_array(n + 1, sizeof *g->succ_off);
    g->npar = calloc(n ? n : 1, sizeof *g->npar);
    g->nchild = calloc(n ? n : 1, sizeof *g->nchild);
    g->order = strata__alloc_array(n, sizeof *g->order);
    g->heads = strata__alloc_array(n, sizeof *g->heads);
    g->bases = strata__alloc_array(n, sizeof *g->bases);
    g->tmp->seen = calloc(n ? n : 1, sizeof *g->tmp->seen);
    g->tmp->stack = strata__alloc_array(n, sizeof *g->tmp->stack);
    g->tmp->list = strata__alloc_array(n, sizeof *g->tmp->list);
    g->tmp->next = strata__alloc_array(n, sizeof *g->tmp->next);
    if (!g->revs || !g->pred_off || !g->succ_off || !g->npar ||
        !g->nchild || !g->order || !g->heads || !g->bases ||
        !g->tmp->seen || !g->tmp->stack || !g->tmp->list ||
        !g->tmp->next || strata__strmap_init(&g->ids, n) != STRATA_OK) {
        strata__graph_free(g);
        return strata__nomem(err);
    }
    if (n)
        memcpy(g->revs, revs, n * sizeof *g->revs);
    rc = check_ids(g, err);
    if (rc == STRATA_OK)
        rc = check_branches(g, err);
    if (rc == STRATA_OK)
        rc = link_edges(g, err);
    if (rc == STRATA_OK)
        rc = sort_topo(g, err);
    if (rc != STRATA_OK) {
        strata__graph_free(g);
        return rc;
    }
    find_ends(g);
    *out = g;
    return STRATA_OK;
}

void strata__graph_free(strata_graph *g)
{
    if (!g)
        return;
    free(g->revs);
    strata__strmap_free(&g->ids);
    free(g->pred_off);
    free(g->pred);
    free(g->npar);
    free(g->succ_off);
    free(g->succ);
    free(g->nchild);
    free(g->order);
    free(g->heads);
    free(g->bases);
    free(g->tmp->seen);
    free(g->tmp->stack);
    free(g->tmp->list);
    free(g->tmp->next);
    free(g->tmp);
    free(g);
}

/* --- queries ----------------------------------------------------------- */

size_t strata__graph_count(const strata_graph *g) { return g->n; }

strata_revision *strata__graph_rev(const strata_graph *g, size_t idx)
{
    return idx < g->n ? g->revs[idx] : NULL;
}

long strata__graph_find(const strata_graph *g, const char *id)
{
    return id ? strata__strmap_find(&g->ids, id) : -1;
}

const size_t *strata__graph_order(const strata_graph *g) { return g->order; }

const size_t *strata__graph_heads(const strata_graph *g, size_t *n)
{
    *n = g->nheads;
    return g->heads;
}

const size_t *strata__graph_bases(const strata_graph *g, size_t *n)
{
    *n = g->nbases;
    return g->bases;
}

void strata__graph_ancestors(const strata_graph *g, size_t idx,
                             unsigned char *set)
{
    strata__graph_walk(g, &idx, 1, STRATA_EDGES_UP, set);
}

void strata__graph_descendants(const strata_graph *g, size_t idx,
                               unsigned char *set)
{
    strata__graph_walk(g, &idx, 1, STRATA_EDGES_DOWN, set);
}

const size_t *strata__graph_edges(const strata_graph *g, size_t idx,
                                  strata_graph_edges how, size_t *n)
{
    const size_t *adj;

    edges(g, idx, how, &adj, n);
    return adj;
}

const size_t *strata__graph_children(const strata_graph *g, size_t idx,
                                     size_t *n)
{
    return strata__graph_edges(g, idx, STRATA_EDGES_CHILDREN, n);
}

int strata__graph_applied(const strata_graph *g, const char *const *rows,
                          size_t nrows, unsigned char *applied,
                          strata_error *err)
{
    size_t *stack = g->tmp->stack, top = 0;

    for (size_t i = 0; i < nrows; i++)
        if (strata__graph_find(g, rows[i]) < 0)
            return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                     "database is at revision '%s', which "
                                     "is not in the migrations directory",
                                     rows[i] ? rows[i] : "");
    if (g->n)
        memset(applied, 0, g->n);
    /* The set stays closed under ancestors after every row, so a marked
     * revision's ancestors need no second visit. */
    for (size_t i = 0; i < nrows; i++) {
        size_t r = (size_t)strata__graph_find(g, rows[i]);

        if (applied[r])
            continue;
        applied[r] = 1;
        stack[top++] = r;
        while (top) {
            size_t v = stack[--top];

            for (size_t e = g->pred_off[v]; e < g->pred_off[v + 1]; e++)
                if (!applied[g->pred[e]]) {
                    applied[g->pred[e]] = 1;
                    stack[top++] = g->pred[e];
                }
        }
    }
    return STRATA_OK;
}

int strata__graph_version_rows(const strata_graph *g,
                               const unsigned char *applied, size_t **out,
                               size_t *n)
{
    unsigned gen = next_gen(g);
    const unsigned *seen = g->tmp->seen;
    size_t k = 0, *rows;

    *out = NULL;
    *n = 0;
    /* Parents and depends alike retire a row: the applied set is
     * closed under both, so the rows alone still imply it.  Repeatable
     * migrations neither hold a row nor retire one: their state is
     * their history (docs/design.md §2.6). */
    for (size_t i = 0; i < g->n; i++)
        if (applied[i] && !g->revs[i]->repeatable)
            for (size_t e = g->pred_off[i]; e < g->pred_off[i + 1]; e++)
                g->tmp->seen[g->pred[e]] = gen;
    for (size_t i = 0; i < g->n; i++)
        if (applied[i] && seen[i] != gen && !g->revs[i]->repeatable)
            k++;
    rows = strata__alloc_array(k, sizeof *rows);
    if (!rows)
        return STRATA_ERR_NOMEM;
    k = 0;
    for (size_t i = 0; i < g->n; i++)
        if (applied[i] && seen[i] != gen && !g->revs[i]->repeatable)
            rows[k++] = i;
    strata__graph_sort_by_id(g, rows, k);
    *out = rows;
    *n = k;
    return STRATA_OK;
}

