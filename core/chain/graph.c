/* graph.c - the revisions as a DAG: refused whole when broken, ordered
 * deterministically, and walked to resolve targets and plan paths. */
#include "chain/graph.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/host.h"

/* Ids named in one message; a long list ends with "... (N more)". */
#define LIST_MAX 10

typedef struct htab {
    long *slot;  /* revision index, -1 when empty */
    size_t mask; /* capacity - 1, capacity a power of two */
} htab;

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
    htab ids;
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

enum walk_edges { UP_ALL, UP_PARENTS, DOWN_ALL, DOWN_CHILDREN };

/* --- small helpers ----------------------------------------------------- */

/* malloc for count elements; never NULL for count 0 on success, so a
 * NULL return always means out of memory. */
static void *xalloc(size_t count, size_t size)
{
    if (count == 0)
        count = 1;
    if (size && count > SIZE_MAX / size)
        return NULL;
    return malloc(count * size);
}

static int nomem(strata_error *err)
{
    return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
}

static const char *id_of(const strata_graph *g, size_t i)
{
    return g->revs[i]->id;
}

static const char *path_of(const strata_revision *r)
{
    return r->path ? r->path : "(unknown file)";
}

static int id_less(const strata_graph *g, size_t a, size_t b)
{
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

/* --- binary min-heap on id --------------------------------------------- */

static void sift_down(const strata_graph *g, size_t *h, size_t len,
                      size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i, tmp;

        if (l < len && id_less(g, h[l], h[m]))
            m = l;
        if (r < len && id_less(g, h[r], h[m]))
            m = r;
        if (m == i)
            return;
        tmp = h[i];
        h[i] = h[m];
        h[m] = tmp;
        i = m;
    }
}

static void heap_push(const strata_graph *g, size_t *h, size_t *len,
                      size_t v)
{
    size_t i = (*len)++;

    while (i > 0 && id_less(g, v, h[(i - 1) / 2])) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = v;
}

static size_t heap_pop(const strata_graph *g, size_t *h, size_t *len)
{
    size_t top = h[0];

    h[0] = h[--*len];
    sift_down(g, h, *len, 0);
    return top;
}

/* Sort indices by id in place, without allocating: a min-heap sort
 * leaves them descending, so reverse at the end. */
static void sort_by_id(const strata_graph *g, size_t *a, size_t k)
{
    size_t end, tmp;

    for (size_t i = k / 2; i-- > 0;)
        sift_down(g, a, k, i);
    for (end = k; end > 1;) {
        end--;
        tmp = a[0];
        a[0] = a[end];
        a[end] = tmp;
        sift_down(g, a, end, 0);
    }
    for (size_t i = 0; i < k / 2; i++) {
        tmp = a[i];
        a[i] = a[k - 1 - i];
        a[k - 1 - i] = tmp;
    }
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

/* --- hash table of ids or branch labels (FNV-1a, linear probing) ------- */

static const char *key_of(const strata_revision *r, int by_branch)
{
    return by_branch ? r->branch : r->id;
}

static size_t fnv1a(const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(1099511628211);
    }
    return (size_t)h;
}

static int ht_init(htab *h, size_t n)
{
    size_t cap = 8;

    /* Load at most one half keeps probe runs short. */
    while (cap / 2 < n) {
        if (cap > SIZE_MAX / 4)
            return STRATA_ERR_NOMEM;
        cap *= 2;
    }
    h->slot = xalloc(cap, sizeof *h->slot);
    if (!h->slot)
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < cap; i++)
        h->slot[i] = -1;
    h->mask = cap - 1;
    return STRATA_OK;
}

static long ht_find(const htab *h, strata_revision *const *revs,
                    const char *key, int by_branch)
{
    size_t i = fnv1a(key) & h->mask;

    while (h->slot[i] >= 0) {
        if (strcmp(key_of(revs[h->slot[i]], by_branch), key) == 0)
            return h->slot[i];
        i = (i + 1) & h->mask;
    }
    return -1;
}

/* Insert revision idx under its key; the index already holding that key
 * is returned instead (and nothing inserted), else -1. */
static long ht_add(htab *h, strata_revision *const *revs, size_t idx,
                   int by_branch)
{
    const char *key = key_of(revs[idx], by_branch);
    size_t i = fnv1a(key) & h->mask;

    while (h->slot[i] >= 0) {
        if (strcmp(key_of(revs[h->slot[i]], by_branch), key) == 0)
            return h->slot[i];
        i = (i + 1) & h->mask;
    }
    h->slot[i] = (long)idx;
    return -1;
}

/* --- messages ---------------------------------------------------------- */

/* A message under construction; one failed append spoils it, and
 * msg_set then reports out of memory instead. */
typedef struct msg {
    strata_buf b;
    int bad;
} msg;

static void msg_add(msg *m, const char *fmt, ...) STRATA_PRINTF(2, 3);

static void msg_add(msg *m, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (!m->bad && strata__buf_vprintf(&m->b, fmt, ap) != STRATA_OK)
        m->bad = 1;
    va_end(ap);
}

/* "path:line", or just the path when the key had no line. */
static void msg_at(msg *m, const strata_revision *r, unsigned line)
{
    if (line)
        msg_add(m, "%s:%u", path_of(r), line);
    else
        msg_add(m, "%s", path_of(r));
}

/* Ids of idx[0..k), already in the order to show. */
static void msg_ids(msg *m, const strata_graph *g, const size_t *idx,
                    size_t k)
{
    for (size_t i = 0; i < k && i < LIST_MAX; i++)
        msg_add(m, "%s%s", i ? ", " : "", id_of(g, idx[i]));
    if (k > LIST_MAX)
        msg_add(m, ", ... (%zu more)", k - LIST_MAX);
}

static int msg_set(msg *m, strata_error *err, int code)
{
    if (m->bad)
        code = nomem(err);
    else
        strata__error_set(err, code, "%s", m->b.data ? m->b.data : "");
    strata__buf_free(&m->b);
    return code;
}

/* --- walks ------------------------------------------------------------- */

static void edges(const strata_graph *g, size_t v, enum walk_edges how,
                  const size_t **adj, size_t *k)
{
    switch (how) {
    case UP_ALL:
        *adj = g->pred + g->pred_off[v];
        *k = g->pred_off[v + 1] - g->pred_off[v];
        break;
    case UP_PARENTS:
        *adj = g->pred + g->pred_off[v];
        *k = g->npar[v];
        break;
    case DOWN_ALL:
        *adj = g->succ + g->succ_off[v];
        *k = g->succ_off[v + 1] - g->succ_off[v];
        break;
    default:
        *adj = g->succ + g->succ_off[v];
        *k = g->nchild[v];
        break;
    }
}

/* Mark in set every revision reachable from the seeds over at least one
 * edge.  Iterative: a 10,000-deep chain must not need a deep stack. */
static void walk(const strata_graph *g, const size_t *seeds, size_t nseeds,
                 enum walk_edges how, unsigned char *set)
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
        msg m = {0};
        long j;

        if (!r->id) {
            msg_at(&m, r, 0);
            msg_add(&m, ": no 'revision:' header");
            return msg_set(&m, err, STRATA_ERR_PARSE);
        }
        j = ht_add(&g->ids, g->revs, i, 0);
        if (j < 0)
            continue;
        msg_at(&m, r, r->id_line);
        msg_add(&m, ": duplicate revision '%s' (also defined in ", r->id);
        msg_at(&m, g->revs[j], g->revs[j]->id_line);
        msg_add(&m, ")");
        return msg_set(&m, err, STRATA_ERR_PARSE);
    }
    return STRATA_OK;
}

static int check_branches(strata_graph *g, strata_error *err)
{
    htab h;
    int rc = STRATA_OK;

    if (ht_init(&h, g->n) != STRATA_OK)
        return nomem(err);
    for (size_t i = 0; i < g->n && rc == STRATA_OK; i++) {
        const strata_revision *r = g->revs[i], *o;
        msg m = {0};
        long j;

        if (!r->branch)
            continue;
        j = ht_add(&h, g->revs, i, 1);
        if (j < 0)
            continue;
        o = g->revs[j];
        msg_at(&m, r, r->branch_line);
        msg_add(&m, ": branch label '%s' is already used by revision '%s' (",
                r->branch, o->id);
        msg_at(&m, o, o->branch_line);
        msg_add(&m, ")");
        rc = msg_set(&m, err, STRATA_ERR_PARSE);
    }
    free(h.slot);
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
        long j = names[e] ? ht_find(&g->ids, g->revs, names[e], 0) : -1;
        msg m = {0};

        if (j < 0) {
            msg_at(&m, r, is_depends ? r->depends_line : r->parents_line);
            msg_add(&m, ": revision '%s' %s '%s', which does not exist",
                    r->id, is_depends ? "depends on" : "revises",
                    names[e] ? names[e] : "");
            return msg_set(&m, err, STRATA_ERR_PARSE);
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
            return nomem(err);
        total += k;
    }
    g->pred = xalloc(total, sizeof *g->pred);
    g->succ = xalloc(total, sizeof *g->succ);
    if (!g->pred || !g->succ)
        return nomem(err);
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
    msg mb = {0};

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
    msg_add(&mb, "cycle in revisions: ");
    for (size_t i = 0; i <= m; i++)
        msg_add(&mb, "%s%s", i ? " -> " : "",
                id_of(g, seq[from + (first + i) % m]));
    msg_add(&mb, " (");
    for (size_t i = 0; i < m; i++)
        msg_add(&mb, "%s%s", i ? ", " : "",
                path_of(g->revs[seq[from + (first + i) % m]]));
    msg_add(&mb, ")");
    return msg_set(&mb, err, STRATA_ERR_PARSE);
}

static int sort_topo(strata_graph *g, strata_error *err)
{
    size_t *indeg = xalloc(g->n, sizeof *indeg);
    size_t *heap = g->tmp->stack, hlen = 0, k = 0;
    int rc = STRATA_OK;

    if (!indeg)
        return nomem(err);
    for (size_t i = 0; i < g->n; i++) {
        indeg[i] = g->pred_off[i + 1] - g->pred_off[i];
        if (!indeg[i])
            heap_push(g, heap, &hlen, i);
    }
    while (hlen) {
        size_t v = heap_pop(g, heap, &hlen);

        g->order[k++] = v;
        for (size_t e = g->succ_off[v]; e < g->succ_off[v + 1]; e++)
            if (--indeg[g->succ[e]] == 0)
                heap_push(g, heap, &hlen, g->succ[e]);
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
    sort_by_id(g, g->heads, g->nheads);
    sort_by_id(g, g->bases, g->nbases);
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
    if (!g)
        return nomem(err);
    g->n = n;
    g->tmp = calloc(1, sizeof *g->tmp);
    if (!g->tmp) {
        free(g);
        return nomem(err);
    }
    g->revs = xalloc(n, sizeof *g->revs);
    g->pred_off = xalloc(n + 1, sizeof *g->pred_off);
    g->succ_off = xalloc(n + 1, sizeof *g->succ_off);
    g->npar = calloc(n ? n : 1, sizeof *g->npar);
    g->nchild = calloc(n ? n : 1, sizeof *g->nchild);
    g->order = xalloc(n, sizeof *g->order);
    g->heads = xalloc(n, sizeof *g->heads);
    g->bases = xalloc(n, sizeof *g->bases);
    g->tmp->seen = calloc(n ? n : 1, sizeof *g->tmp->seen);
    g->tmp->stack = xalloc(n, sizeof *g->tmp->stack);
    g->tmp->list = xalloc(n, sizeof *g->tmp->list);
    g->tmp->next = xalloc(n, sizeof *g->tmp->next);
    if (!g->revs || !g->pred_off || !g->succ_off || !g->npar ||
        !g->nchild || !g->order || !g->heads || !g->bases ||
        !g->tmp->seen || !g->tmp->stack || !g->tmp->list ||
        !g->tmp->next || ht_init(&g->ids, n) != STRATA_OK) {
        strata__graph_free(g);
        return nomem(err);
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
    free(g->ids.slot);
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
    return id ? ht_find(&g->ids, g->revs, id, 0) : -1;
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
    walk(g, &idx, 1, UP_ALL, set);
}

void strata__graph_descendants(const strata_graph *g, size_t idx,
                               unsigned char *set)
{
    walk(g, &idx, 1, DOWN_ALL, set);
}

const size_t *strata__graph_children(const strata_graph *g, size_t idx,
                                     size_t *n)
{
    const size_t *adj;

    edges(g, idx, DOWN_CHILDREN, &adj, n);
    return adj;
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
    /* Only parents retire a row: a revision others merely depend on
     * stays the tip of its own branch. */
    for (size_t i = 0; i < g->n; i++)
        if (applied[i])
            for (size_t e = 0; e < g->npar[i]; e++)
                g->tmp->seen[g->pred[g->pred_off[i] + e]] = gen;
    for (size_t i = 0; i < g->n; i++)
        if (applied[i] && seen[i] != gen)
            k++;
    rows = xalloc(k, sizeof *rows);
    if (!rows)
        return STRATA_ERR_NOMEM;
    k = 0;
    for (size_t i = 0; i < g->n; i++)
        if (applied[i] && seen[i] != gen)
            rows[k++] = i;
    sort_by_id(g, rows, k);
    *out = rows;
    *n = k;
    return STRATA_OK;
}

/* --- targets ----------------------------------------------------------- */

void strata__target_free(strata_target *t)
{
    if (!t)
        return;
    free(t->revs);
    t->revs = NULL;
    t->nrevs = 0;
    t->is_base = 0;
}

/* out becomes idx[0..k) (copied, sorted by index), or base when k == 0. */
static int set_target(strata_target *out, const size_t *idx, size_t k,
                      strata_error *err)
{
    out->is_base = k == 0;
    out->nrevs = 0;
    out->revs = NULL;
    if (!k)
        return STRATA_OK;
    out->revs = xalloc(k, sizeof *out->revs);
    if (!out->revs)
        return nomem(err);
    memcpy(out->revs, idx, k * sizeof *idx);
    qsort(out->revs, k, sizeof *out->revs, cmp_index);
    out->nrevs = k;
    return STRATA_OK;
}

static int unknown_target(const char *spec, strata_error *err)
{
    return strata__error_set(err, STRATA_ERR_NOTFOUND,
                             "unknown target '%s': no revision, prefix or "
                             "branch of that name",
                             spec);
}

/* An exact id, else the one id that starts with name: *idx, or
 * STRATA_ERR_NOTFOUND (no message set) or STRATA_ERR_INVALID. */
static int find_rev(const strata_graph *g, const char *name, size_t *idx,
                    strata_error *err)
{
    size_t len = strlen(name), k = 0, *cand;
    long j = strata__graph_find(g, name);
    msg m = {0};

    if (j >= 0) {
        *idx = (size_t)j;
        return STRATA_OK;
    }
    for (size_t i = 0; i < g->n; i++)
        if (strncmp(id_of(g, i), name, len) == 0) {
            *idx = i;
            k++;
        }
    if (k == 0)
        return STRATA_ERR_NOTFOUND;
    if (k == 1)
        return STRATA_OK;
    cand = xalloc(k, sizeof *cand);
    if (!cand)
        return nomem(err);
    k = 0;
    for (size_t i = 0; i < g->n; i++)
        if (strncmp(id_of(g, i), name, len) == 0)
            cand[k++] = i;
    sort_by_id(g, cand, k);
    msg_add(&m, "ambiguous revision prefix '%s': ", name);
    msg_ids(&m, g, cand, k);
    free(cand);
    return msg_set(&m, err, STRATA_ERR_INVALID);
}

/* BRANCH@head: the one head reached from the labelled revision through
 * parent links (a revision id or prefix stands in for a label). */
static int resolve_branch(const strata_graph *g, const char *spec,
                          const char *at, strata_target *out,
                          strata_error *err)
{
    size_t nlen = (size_t)(at - spec), root = 0, k = 0, *cand;
    char *name;
    unsigned char *set;
    int rc = STRATA_OK, found = 0;
    msg m = {0};

    if (strcmp(at + 1, "head") != 0)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "unsupported target '%s': after '@' only "
                                 "'head' is understood (BRANCH@head)",
                                 spec);
    name = malloc(nlen + 1);
    if (!name)
        return nomem(err);
    memcpy(name, spec, nlen);
    name[nlen] = '\0';
    for (size_t i = 0; i < g->n && !found; i++)
        if (g->revs[i]->branch && strcmp(g->revs[i]->branch, name) == 0) {
            root = i;
            found = 1;
        }
    if (!found && nlen) {
        rc = find_rev(g, name, &root, err);
        found = rc == STRATA_OK;
    }
    if (!found) {
        if (rc == STRATA_ERR_NOTFOUND || rc == STRATA_OK)
            rc = strata__error_set(err, STRATA_ERR_NOTFOUND,
                                   "unknown branch '%s' in target '%s': no "
                                   "branch label or revision of that name",
                                   name, spec);
        free(name);
        return rc;
    }
    set = calloc(g->n, 1);
    cand = xalloc(g->nheads, sizeof *cand);
    if (!set || !cand) {
        free(set);
        free(cand);
        free(name);
        return nomem(err);
    }
    set[root] = 1;
    walk(g, &root, 1, DOWN_CHILDREN, set);
    for (size_t i = 0; i < g->nheads; i++)
        if (set[g->heads[i]])
            cand[k++] = g->heads[i];
    if (k == 1) {
        rc = set_target(out, cand, 1, err);
    } else {
        msg_add(&m, "several heads on branch '%s': ", name);
        msg_ids(&m, g, cand, k);
        msg_add(&m, "; name one");
        rc = msg_set(&m, err, STRATA_ERR_INVALID);
    }
    free(set);
    free(cand);
    free(name);
    return rc;
}

/* Every spec but the relative ones.  STRATA_ERR_NOTFOUND means nothing
 * matched at all, so the caller may still read spec as REV+N. */
static int resolve_single(const strata_graph *g, const char *spec,
                          strata_target *out, strata_error *err)
{
    const char *at = strchr(spec, '@');
    size_t idx;
    int rc;
    msg m = {0};

    if (strcmp(spec, "head") == 0) {
        if (g->nheads <= 1)
            return set_target(out, g->heads, g->nheads, err);
        msg_add(&m, "several heads: ");
        msg_ids(&m, g, g->heads, g->nheads);
        msg_add(&m, "; name one, use BRANCH@head, or 'heads'");
        return msg_set(&m, err, STRATA_ERR_INVALID);
    }
    if (strcmp(spec, "heads") == 0)
        return set_target(out, g->heads, g->nheads, err);
    if (strcmp(spec, "base") == 0)
        return set_target(out, NULL, 0, err);
    if (at)
        return resolve_branch(g, spec, at, out, err);
    rc = find_rev(g, spec, &idx, err);
    if (rc == STRATA_OK)
        return set_target(out, &idx, 1, err);
    if (rc == STRATA_ERR_NOTFOUND)
        return unknown_target(spec, err);
    return rc;
}

/* Split "REV+N" / "REV-N" / "+N" / "-N": *revlen is the length of REV
 * (0 for none), *sign '+' or '-', *steps N.  0 when spec is not so. */
static int parse_relative(const char *spec, size_t *revlen, char *sign,
                          size_t *steps)
{
    size_t len = strlen(spec), i = len, v = 0;

    while (i > 0 && spec[i - 1] >= '0' && spec[i - 1] <= '9')
        i--;
    if (i == len || i == 0 || (spec[i - 1] != '+' && spec[i - 1] != '-'))
        return 0;
    for (size_t j = i; j < len; j++) {
        size_t d = (size_t)(spec[j] - '0');

        /* A step count this large fails anyway; saturate. */
        v = v > (SIZE_MAX - d) / 10 ? SIZE_MAX : v * 10 + d;
    }
    *revlen = i - 1;
    *sign = spec[i - 1];
    *steps = v;
    return 1;
}

/* "+N": N times to the one child; below the single base when start is
 * empty. */
static int step_up(const strata_graph *g, const char *spec,
                   const size_t *start, size_t k, size_t steps,
                   strata_target *out, strata_error *err)
{
    size_t cur = 0;
    int have = k == 1;
    msg m = {0};

    if (k > 1) {
        size_t *s = xalloc(k, sizeof *s);

        if (!s)
            return nomem(err);
        memcpy(s, start, k * sizeof *s);
        sort_by_id(g, s, k);
        msg_add(&m, "target '%s' needs one revision to start from, but "
                "there are several: ", spec);
        msg_ids(&m, g, s, k);
        msg_add(&m, "; name one");
        free(s);
        return msg_set(&m, err, STRATA_ERR_INVALID);
    }
    if (have)
        cur = start[0];
    for (size_t s = 0; s < steps; s++) {
        const size_t *adj;
        size_t nadj, *kids;

        if (!have) {
            if (g->nbases == 1) {
                cur = g->bases[0];
                have = 1;
                continue;
            }
            if (g->nbases == 0)
                return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                         "target '%s': there are no "
                                         "revisions", spec);
            msg_add(&m, "target '%s': several bases: ", spec);
            msg_ids(&m, g, g->bases, g->nbases);
            msg_add(&m, "; name one");
            return msg_set(&m, err, STRATA_ERR_INVALID);
        }
        edges(g, cur, DOWN_CHILDREN, &adj, &nadj);
        if (nadj == 1) {
            cur = adj[0];
            continue;
        }
        if (nadj == 0)
            return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                     "target '%s' goes past the head: "
                                     "revision '%s' has no child",
                                     spec, id_of(g, cur));
        kids = xalloc(nadj, sizeof *kids);
        if (!kids)
            return nomem(err);
        memcpy(kids, adj, nadj * sizeof *kids);
        sort_by_id(g, kids, nadj);
        msg_add(&m, "target '%s': revision '%s' has several children: ",
                spec, id_of(g, cur));
        msg_ids(&m, g, kids, nadj);
        msg_add(&m, "; name one");
        free(kids);
        return msg_set(&m, err, STRATA_ERR_INVALID);
    }
    return set_target(out, &cur, 1, err);
}

/* "-N": N times the set's parents; empty is base, and a step from base
 * goes nowhere. */
static int step_down(const strata_graph *g, const char *spec,
                     const size_t *start, size_t k, size_t steps,
                     strata_target *out, strata_error *err)
{
    size_t *cur = g->tmp->list, *nxt = g->tmp->next, *t;

    if (k)
        memcpy(cur, start, k * sizeof *cur);
    for (size_t s = 0; s < steps; s++) {
        unsigned gen = next_gen(g);
        size_t nk = 0;

        if (k == 0)
            return strata__error_set(err, STRATA_ERR_NOTFOUND,
                                     "target '%s' goes below base", spec);
        for (size_t i = 0; i < k; i++)
            for (size_t e = 0; e < g->npar[cur[i]]; e++) {
                size_t p = g->pred[g->pred_off[cur[i]] + e];

                if (g->tmp->seen[p] != gen) {
                    g->tmp->seen[p] = gen;
                    nxt[nk++] = p;
                }
            }
        t = cur;
        cur = nxt;
        nxt = t;
        k = nk;
    }
    return set_target(out, cur, k, err);
}

int strata__graph_resolve(const strata_graph *g, const char *spec,
                          strata_direction dir, const unsigned char *applied,
                          strata_target *out, strata_error *err)
{
    strata_target from = {0};
    size_t revlen = 0, steps = 0, *rows = NULL, nrows = 0;
    char sign = '+', *rev;
    int rc, rel;

    memset(out, 0, sizeof *out);
    if (!spec || !*spec)
        return strata__error_set(err, STRATA_ERR_INVALID, "empty target");
    if (dir == STRATA_DOWN && strcmp(spec, "heads") == 0)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "'heads' is not a downgrade target; name a "
                                 "revision, 'base' or -N");
    rel = parse_relative(spec, &revlen, &sign, &steps);
    if (rel && revlen == 0) {
        if (!applied)
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "relative target '%s' needs the "
                                     "database's current revision; name a "
                                     "revision instead", spec);
        if (steps == 0)
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "relative target '%s' must move at "
                                     "least one step", spec);
        if (strata__graph_version_rows(g, applied, &rows, &nrows) !=
            STRATA_OK)
            return nomem(err);
        rc = sign == '+'
                 ? step_up(g, spec, rows, nrows, steps, out, err)
                 : step_down(g, spec, rows, nrows, steps, out, err);
        free(rows);
        return rc;
    }
    /* Ids may contain '-', so a whole-spec id or prefix wins over REV-N;
     * but no id contains '@', so "pay@head-1" can only be relative. */
    if (!rel || !memchr(spec, '@', revlen)) {
        rc = resolve_single(g, spec, out, err);
        if (rc != STRATA_ERR_NOTFOUND || !rel)
            return rc;
    }
    rev = malloc(revlen + 1);
    if (!rev)
        return nomem(err);
    memcpy(rev, spec, revlen);
    rev[revlen] = '\0';
    rc = resolve_single(g, rev, &from, err);
    if (rc == STRATA_ERR_NOTFOUND && !strchr(rev, '@'))
        rc = unknown_target(spec, err);
    free(rev);
    if (rc != STRATA_OK)
        return rc;
    if (steps == 0)
        rc = strata__error_set(err, STRATA_ERR_INVALID,
                               "relative target '%s' must move at least "
                               "one step", spec);
    else if (sign == '+')
        rc = step_up(g, spec, from.revs, from.nrevs, steps, out, err);
    else
        rc = step_down(g, spec, from.revs, from.nrevs, steps, out, err);
    strata__target_free(&from);
    return rc;
}

/* --- paths ------------------------------------------------------------- */

int strata__graph_upgrade_path(const strata_graph *g,
                               const strata_target *t,
                               const unsigned char *applied, size_t **out,
                               size_t *n)
{
    unsigned char *want;
    size_t k = 0, *path;

    *out = NULL;
    *n = 0;
    want = calloc(g->n ? g->n : 1, 1);
    if (!want)
        return STRATA_ERR_NOMEM;
    if (!t->is_base) {
        for (size_t i = 0; i < t->nrevs; i++)
            want[t->revs[i]] = 1;
        walk(g, t->revs, t->nrevs, UP_ALL, want);
    }
    for (size_t i = 0; i < g->n; i++)
        if (want[i] && !(applied && applied[i]))
            k++;
    path = xalloc(k, sizeof *path);
    if (!path) {
        free(want);
        return STRATA_ERR_NOMEM;
    }
    k = 0;
    for (size_t i = 0; i < g->n; i++) {
        size_t v = g->order[i];

        if (want[v] && !(applied && applied[v]))
            path[k++] = v;
    }
    free(want);
    *out = path;
    *n = k;
    return STRATA_OK;
}

int strata__graph_downgrade_path(const strata_graph *g,
                                 const strata_target *t,
                                 const unsigned char *applied, size_t **out,
                                 size_t *n)
{
    unsigned char *drop;
    size_t k = 0, *path;

    *out = NULL;
    *n = 0;
    drop = calloc(g->n ? g->n : 1, 1);
    if (!drop)
        return STRATA_ERR_NOMEM;
    if (t->is_base) {
        memset(drop, 1, g->n);
    } else {
        unsigned char *keep = calloc(g->n ? g->n : 1, 1);

        if (!keep) {
            free(drop);
            return STRATA_ERR_NOMEM;
        }
        walk(g, t->revs, t->nrevs, DOWN_ALL, drop);
        walk(g, t->revs, t->nrevs, UP_ALL, keep);
        for (size_t i = 0; i < t->nrevs; i++)
            keep[t->revs[i]] = 1;
        for (size_t i = 0; i < g->n; i++)
            if (keep[i])
                drop[i] = 0;
        free(keep);
    }
    for (size_t i = 0; i < g->n; i++)
        if (drop[i] && applied && applied[i])
            k++;
    path = xalloc(k, sizeof *path);
    if (!path) {
        free(drop);
        return STRATA_ERR_NOMEM;
    }
    k = 0;
    for (size_t i = g->n; i-- > 0;) {
        size_t v = g->order[i];

        if (drop[v] && applied && applied[v])
            path[k++] = v;
    }
    free(drop);
    *out = path;
    *n = k;
    return STRATA_OK;
}
