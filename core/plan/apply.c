/* apply.c - decide and render a group of portable operations: one catalog
 * round trip per table per migration (cached, refreshed after a change),
 * ensure outcomes against a simulated copy, then the driver's SQL. */
#include "plan/apply.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/catalog.h"
#include "util/config.h"
#include "db/host.h"
#include "util/json.h"
#include "sql/op.h"

typedef struct cache_entry {
    char *name;
    strata_table cat;
    int stale;
    int created;          /* a group created the table */
} cache_entry;

struct strata_catcache {
    strata_session *s;
    cache_entry *v;
    size_t n;
    unsigned queries;
    int simulate;         /* keep each group's effect (plan, offline) */
    int live;             /* simulate: read unknown tables from the db */
    char **absent;        /* tables known missing for the whole run (a
                           * prefetch); survives per-migration resets */
    size_t nabsent;
};

/* The absent list is sorted case-insensitively (the order name_eq
 * agrees with) so a 1,000-table run looks names up in log time. */
static int absent_cmp(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

static char **absent_find(const strata_catcache *c, const char *table)
{
    return c->nabsent ? bsearch(&table, c->absent, c->nabsent,
                                sizeof *c->absent, absent_cmp)
                      : NULL;
}

static int absent_has(const strata_catcache *c, const char *table)
{
    return absent_find(c, table) != NULL;
}

static void absent_forget(strata_catcache *c, const char *table)
{
    char **at;

    if (!table) {
        for (size_t i = 0; i < c->nabsent; i++)
            free(c->absent[i]);
        c->nabsent = 0;
    } else if ((at = absent_find(c, table))) {
        free(*at);
        memmove(at, at + 1,
                (size_t)(c->absent + c->nabsent - (at + 1)) * sizeof *at);
        c->nabsent--;
    }
}

int strata__catcache_new(strata_catcache **out, strata_session *s)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return STRATA_ERR_NOMEM;
    (*out)->s = s;
    return STRATA_OK;
}

void strata__catcache_reset(strata_catcache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        strata__table_clear(&c->v[i].cat);
    }
    free(c->v);
    c->v = NULL;
    c->n = 0;
    c->queries = 0;
}

void strata__catcache_free(strata_catcache *c)
{
    if (!c)
        return;
    strata__catcache_reset(c);
    absent_forget(c, NULL);
    free(c->absent);
    free(c);
}

void strata__catcache_stale(strata_catcache *c, const char *table)
{
    for (size_t i = 0; i < c->n; i++)
        if (!table || strata__name_eq(c->v[i].name, table))
            c->v[i].stale = 1;
    /* Raw SQL (table NULL) may have created anything; a named table has
     * changed, so it may exist now. */
    absent_forget(c, table);
}

int strata__catcache_prefetch(strata_catcache *c, const char *const *tables,
                              size_t n, strata_error *err)
{
    strata_table *got = NULL;
    int rc;

    if (!n || c->simulate)
        return STRATA_OK;
    rc = c->s->drv->introspect(c->s->conn, tables, n, &got);
    c->queries++;
    if (rc != STRATA_OK)
        return strata__session_fail(c->s, rc, err, "reading the catalog");
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        char **v;

        if (got[i].exists)
            continue;
        if (!(v = realloc(c->absent, (c->nabsent + 1) * sizeof *v)) ||
            !(v[c->nabsent] = strdup(tables[i]))) {
            if (v)
                c->absent = v;
            rc = strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
            break;
        }
        c->absent = v;
        c->nabsent++;
    }
    /* Sort, then drop repeats, keeping the sorted-set invariant. */
    qsort(c->absent, c->nabsent, sizeof *c->absent, absent_cmp);
    if (c->nabsent) {
        size_t k = 1;
        for (size_t i = 1; i < c->nabsent; i++) {
            if (strcasecmp(c->absent[k - 1], c->absent[i]) == 0)
                free(c->absent[i]);
            else
                c->absent[k++] = c->absent[i];
        }
        c->nabsent = k;
    }
    strata__tables_free(got, n);
    return rc;
}

unsigned strata__catcache_queries(const strata_catcache *c)
{
    return c->queries;
}

void strata__catcache_simulate(strata_catcache *c, int live)
{
    c->simulate = 1;
    c->live = live;
}

void strata__catcache_next(strata_catcache *c)
{
    for (size_t i = 0; i < c->n; i++)
        c->v[i].created = 0;
    c->queries = 0;
}

static cache_entry *cache_find(strata_catcache *c, const char *table)
{
    for (size_t i = 0; i < c->n; i++)
        if (strata__name_eq(c->v[i].name, table))
            return &c->v[i];
    return NULL;
}

int strata__catcache_created(const strata_catcache *c, const char *table)
{
    cache_entry *e = table ? cache_find((strata_catcache *)c, table) : NULL;

    return e && e->created;
}

/* A new entry for table, not there (exists = 0, named). */
static cache_entry *cache_add(strata_catcache *c, const char *table)
{
    cache_entry *v = realloc(c->v, (c->n + 1) * sizeof *v), *e;

    if (!v)
        return NULL;
    c->v = v;
    e = &v[c->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = strdup(table)) || !(e->cat.name = strdup(table))) {
        free(e->name);
        return NULL;
    }
    c->n++;
    return e;
}

/* Fresh catalogs for names[0..n) (NULL entries skipped), fetched in one
 * introspect call for those missing or stale. */
static int cache_get(strata_catcache *c, const char *const *names, size_t n,
                     const strata_table **out, strata_error *err)
{
    const char *want[2];
    strata_table *got = NULL;
    size_t nwant = 0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        cache_entry *e = names[i] ? cache_find(c, names[i]) : NULL;
        if (names[i] && (!e || e->stale))
            want[nwant++] = names[i];
    }
    /* Simulating without a database: what is not known yet is not there
     * (a fresh database). */
    if (nwant && c->simulate && !c->live) {
        for (size_t i = 0; i < nwant; i++)
            if (!cache_find(c, want[i]) && !cache_add(c, want[i]))
                return strata__error_set(err, STRATA_ERR_NOMEM,
                                         "out of memory");
        nwant = 0;
    }
    if (nwant) {
        rc = c->s->drv->introspect(c->s->conn, want, nwant, &got);
        c->queries++;
        if (rc != STRATA_OK)
            return strata__session_fail(c->s, rc, err,
                                        "reading the catalog of %s",
                                        want[0]);
        for (size_t i = 0; i < nwant; i++) {
            cache_entry *e = cache_find(c, want[i]);
            if (!e && !(e = cache_add(c, want[i]))) {
                strata__tables_free(got, nwant);
                return strata__error_set(err, STRATA_ERR_NOMEM,
                                         "out of memory");
            }
            strata__table_clear(&e->cat);
            e->cat = got[i]; /* moved */
            memset(&got[i], 0, sizeof got[i]);
            e->stale = 0;
            /* A missing table still needs its name for messages. */
            if (!e->cat.name && !(e->cat.name = strdup(want[i]))) {
                strata__tables_free(got, nwant);
                return strata__error_set(err, STRATA_ERR_NOMEM,
                                         "out of memory");
            }
        }
        strata__tables_free(got, nwant);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = names[i] ? &cache_find(c, names[i])->cat : NULL;
    return STRATA_OK;
}

/* Whether table exists, which is all CREATE/DROP TABLE need: one cheap
 * query instead of a full catalog read.  A missing table's catalog is
 * complete (empty) and cached; an existing one is cached stale, so an
 * operation that needs its details reads them. */
static int cache_exists(strata_catcache *c, const char *table,
                        const strata_table **out, strata_error *err)
{
    cache_entry *e = cache_find(c, table), *v;
    int exists = 0, rc;

    if (e && !e->stale) {
        *out = &e->cat;
        return STRATA_OK;
    }
    /* Simulations (plan, offline scripts) keep their own state. */
    if (!c->s->drv->table_exists || c->simulate)
        return cache_get(c, &table, 1, out, err);
    if (absent_has(c, table)) {
        exists = 0; /* known since the run's prefetch */
    } else {
        rc = c->s->drv->table_exists(c->s->conn, table, &exists);
        c->queries++;
        if (rc != STRATA_OK)
            return strata__session_fail(c->s, rc, err,
                                        "looking for table %s", table);
    }
    if (!e) {
        if (!(v = realloc(c->v, (c->n + 1) * sizeof *v)))
            return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
        c->v = v;
        e = &v[c->n++];
        memset(e, 0, sizeof *e);
        if (!(e->name = strdup(table)))
            return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
    }
    strata__table_clear(&e->cat);
    if (!(e->cat.name = strdup(table)))
        return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
    e->cat.exists = exists;
    e->stale = exists;
    *out = &e->cat;
    return STRATA_OK;
}

/* Kinds a driver renders together (SQLite: one shared rebuild). */
static int groupable(int kind)
{
    switch (kind) {
    case STRATA_OP_ADD_COLUMN:
    case STRATA_OP_DROP_COLUMN:
    case STRATA_OP_SET_NOT_NULL:
    case STRATA_OP_DROP_NOT_NULL:
    case STRATA_OP_SET_DEFAULT:
    case STRATA_OP_DROP_DEFAULT:
    case STRATA_OP_ALTER_TYPE:
    case STRATA_OP_ADD_CONSTRAINT:
    case STRATA_OP_DROP_CONSTRAINT:
        return 1;
    }
    return 0;
}

size_t strata__group_end(const strata_item *items, size_t n, size_t first)
{
    const strata_op *op = items[first].op;
    size_t end = first + 1;

    if (!op || !groupable(op->kind))
        return end;
    while (end < n && items[end].op && groupable(items[end].op->kind) &&
           strata__name_eq(items[end].op->table, op->table) &&
           !(items[end].op->schema || op->schema
                 ? !strata__name_eq(items[end].op->schema, op->schema)
                 : 0))
        end++;
    return end;
}

void strata__group_clear(strata_group *g)
{
    strata_abi_sql_list_free(strata__host(), &g->sql);
    for (size_t i = 0; g->why && i < g->nops; i++)
        free(g->why[i]);
    free(g->why);
    free(g->outcome);
    free(g->adopted);
    free(g->captured);
    free(g->table);
    free(g->other);
    memset(g, 0, sizeof *g);
}

/* The table of a DROP INDEX written without ON t: ask the driver. */
static int index_table(strata_catcache *c, strata_op *op, strata_error *err)
{
    char *t = NULL;
    int rc;

    if (op->table)
        return STRATA_OK;
    /* A simulation knows the indexes it created or kept first. */
    for (size_t i = 0; c->simulate && i < c->n; i++) {
        if (c->v[i].cat.exists &&
            strata__table_index(&c->v[i].cat, op->name)) {
            op->table = strdup(c->v[i].name);
            return op->table ? STRATA_OK
                             : strata__error_set(err, STRATA_ERR_NOMEM,
                                                 "out of memory");
        }
    }
    if (!c->s->drv->index_table || (c->simulate && !c->live))
        return STRATA_OK;
    rc = c->s->drv->index_table(c->s->conn, op->name, &t);
    c->queries++;
    if (rc != STRATA_OK)
        return strata__session_fail(c->s, rc, err, "looking up index %s",
                                    op->name);
    op->table = t; /* NULL: no such index: skipped (absent) */
    return STRATA_OK;
}

/* Append {"item":N,"sql":"..."} for what op is about to remove. */
static int capture(strata_buf *b, const strata_op *op,
                   const strata_table *sim, size_t item)
{
    strata_op *cap = NULL;
    strata_buf text = {0};
    int rc = strata__catalog_capture(&cap, op, sim);

    if (rc != STRATA_OK || !cap)
        return rc;
    rc = strata__op_to_sql(cap, &text);
    if (rc == STRATA_OK)
        rc = strata__buf_printf(b, "%s{\"item\":%zu,\"sql\":",
                                b->len ? "," : "", item);
    if (rc == STRATA_OK)
        rc = strata__json_str(b, text.data ? text.data : "");
    if (rc == STRATA_OK)
        rc = strata__buf_puts(b, "}");
    strata__buf_free(&text);
    strata__op_free(cap);
    return rc;
}

/* Simulation: the group's result becomes the table's catalog (RENAME TO
 * moves it to the new name and leaves the old one absent). */
static int keep_simulation(strata_catcache *c, const char *const *names,
                           strata_table *sim)
{
    cache_entry *e = cache_find(c, names[1] ? names[1] : names[0]);
    cache_entry *old = names[1] ? cache_find(c, names[0]) : NULL;

    if (!e)
        return STRATA_OK;
    if (sim->name || sim->exists) {
        strata__table_clear(&e->cat);
        e->cat = *sim; /* moved */
        memset(sim, 0, sizeof *sim);
    }
    e->stale = 0;
    if (old) {
        strata__table_clear(&old->cat);
        old->stale = 0;
        old->created = 0;
        if (!(old->cat.name = strdup(names[0])))
            return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

static int is_index_op(int kind)
{
    return kind == STRATA_OP_CREATE_INDEX || kind == STRATA_OP_DROP_INDEX;
}

int strata__group_prepare(strata_group *g, strata_catcache *cache,
                          strata_item *items, size_t n, size_t index_base,
                          const char *path, int online, int adopt,
                          int created, uint32_t op_flags,
                          strata_error *err)
{
    strata_session *s = cache->s;
    strata_op *first = items[0].op;
    strata_op **apply = NULL;
    const strata_table *cats[2] = {NULL, NULL};
    const char *names[2];
    strata_table sim = {0}, missing = {0};
    strata_compare cmp;
    strata_buf cap = {0};
    size_t napply = 0;
    int rc;

    memset(g, 0, sizeof *g);
    g->nops = n;
    g->outcome = calloc(n, sizeof *g->outcome);
    g->adopted = calloc(n, sizeof *g->adopted);
    g->why = calloc(n, sizeof *g->why);
    apply = calloc(n, sizeof *apply);
    if (!g->outcome || !g->adopted || !g->why || !apply) {
        rc = strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (first->kind == STRATA_OP_DROP_INDEX &&
        (rc = index_table(cache, first, err)) != STRATA_OK)
        goto done;
    names[0] = first->table;
    names[1] = first->kind == STRATA_OP_RENAME_TABLE ? first->new_name : NULL;
    if (names[0] && (first->kind == STRATA_OP_CREATE_TABLE ||
                     first->kind == STRATA_OP_DROP_TABLE))
        rc = cache_exists(cache, names[0], &cats[0], err);
    else if (names[0])
        rc = cache_get(cache, names, 2, cats, err);
    else
        rc = STRATA_OK;
    if (rc != STRATA_OK)
        goto done;
    if (!cats[0]) /* DROP INDEX of an index that is not there */
        cats[0] = &missing;
    if ((names[0] && !(g->table = strdup(names[0]))) ||
        (names[1] && !(g->other = strdup(names[1]))) ||
        strata__table_copy(&sim, cats[0]) != STRATA_OK) {
        rc = strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
        goto done;
    }
    cmp.drv = s->drv;
    cmp.conn = s->conn;
    cmp.table = names[0];
    for (size_t i = 0; i < n; i++) {
        strata_op *op = items[i].op;

        op->flags |= op_flags;
        /* Online by default where it matters: a table that existed
         * before this migration (DESIGN §4).  online_indexes says how
         * indexes are built there; everything else on such a table
         * avoids long locks. */
        if (is_index_op(op->kind))
            op->online = !created && sim.exists &&
                         (op->concurrently ||
                          online == STRATA_ONLINE_ALWAYS ||
                          (online == STRATA_ONLINE_AUTO &&
                           op->kind == STRATA_OP_CREATE_INDEX) ||
                          (online != STRATA_ONLINE_NEVER &&
                           op->kind == STRATA_OP_DROP_INDEX));
        else
            op->online = !created && sim.exists;
        rc = strata__ensure(&g->outcome[i], &g->why[i], op, &sim, cats[1],
                            &cmp);
        if (rc != STRATA_OK) {
            rc = strata__error_set(err, rc, "out of memory");
            goto done;
        }
        /* Without a database the simulation cannot see what raw SQL
         * created: a drop it thinks has nothing to do is rendered anyway
         * (offline scripts ask for IF EXISTS where the dialect has it),
         * on a table it knows, or of the table itself. */
        if (g->outcome[i] == STRATA_ENSURE_SKIP_ABSENT && cache->simulate &&
            !cache->live && names[0] &&
            (sim.exists || op->kind == STRATA_OP_DROP_TABLE))
            g->outcome[i] = STRATA_ENSURE_APPLY;
        if (g->outcome[i] == STRATA_ENSURE_DRIFT) {
            if (!adopt) {
                rc = strata__error_set(err, STRATA_ERR_DRIFT, "%s:%u: %s",
                                       path, items[i].line, g->why[i]);
                goto done;
            }
            g->adopted[i] = 1;
            continue;
        }
        if (g->outcome[i] == STRATA_ENSURE_SKIP_EXISTS ||
            g->outcome[i] == STRATA_ENSURE_SKIP_ABSENT)
            continue;
        if (capture(&cap, op, &sim, index_base + i) != STRATA_OK ||
            strata__table_apply(&sim, op) != STRATA_OK) {
            rc = strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
            goto done;
        }
        apply[napply++] = op;
    }
    /* render borrows a contiguous array: shallow copies of the ops. */
    if (napply) {
        strata_op *arr = calloc(napply, sizeof *arr);

        if (!arr) {
            rc = strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < napply; i++)
            arr[i] = *apply[i];
        rc = s->drv->render(s->conn, arr, napply, cats[0], &g->sql);
        free(arr);
        if (rc != STRATA_OK) {
            rc = strata__session_fail(s, rc, err, "%s:%u: cannot render %s",
                                      path, apply[0]->line, apply[0]->sql);
            goto done;
        }
    }
    if (cap.len)
        g->captured = strata__buf_take(&cap);
    /* A table this group creates is exactly what the simulation says:
     * later operations of the migration need not read it again. */
    if (n == 1 && first->kind == STRATA_OP_CREATE_TABLE &&
        g->outcome[0] == STRATA_ENSURE_APPLY) {
        cache_entry *e = cache_find(cache, names[0]);
        if (e) {
            strata__table_clear(&e->cat);
            e->cat = sim; /* moved */
            memset(&sim, 0, sizeof sim);
            e->stale = 0;
            e->created = 1;
            g->created = 1;
            absent_forget(cache, names[0]);
        }
    }
    if (cache->simulate && napply && names[0]) {
        rc = keep_simulation(cache, names, &sim);
        if (rc != STRATA_OK) {
            rc = strata__error_set(err, rc, "out of memory");
            goto done;
        }
    }
    rc = STRATA_OK;
done:
    strata__buf_free(&cap);
    strata__table_clear(&sim);
    free(apply);
    return rc;
}
