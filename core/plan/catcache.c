/* catcache.c - the catalog cache: one catalog round trip per table per
 * migration (refreshed after a change), the tables a run's prefetch
 * found missing, and in a simulation the catalogs every operation so far
 * left behind. */
#include "plan/catcache.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/catalog.h"

typedef struct cache_entry {
    char *name;
    strata_table cat;
    int stale;
    int created;          /* a group created the table */
    int written;          /* ... as written (another tool's file): the
                           * engine named what the file left unnamed, so
                           * cat is strata's guess (catcache_written) */
} cache_entry;

/* A table whose existence a prefetch read, true for the whole run until
 * something says otherwise. */
typedef struct known_table {
    char *name;
    unsigned char exists;
    unsigned char gone;   /* forgotten: kept in its place, since a
                           * memmove per created table made a run
                           * quadratic in its tables */
} known_table;

struct strata_catcache {
    strata_session *s;
    cache_entry *v;
    size_t n;
    unsigned queries;
    int simulate;         /* keep each group's effect (plan, offline) */
    int live;             /* simulate: read unknown tables from the db */
    known_table *known;   /* what a prefetch found, present or missing;
                           * survives per-migration resets */
    size_t nknown;
};

/* Are a and b one table to the engine (its driver's name_flags; a
 * simulation without a session compares without ASCII case)? */
static int same_table(const strata_catcache *c, const char *a,
                      const char *b)
{
    return strata__name_same(c->s ? c->s->drv->name_flags : 0, 1, a, b);
}

/* The known list is sorted case-insensitively (every engine's names
 * equal by its rule are equal so) so a 1,000-table run looks names up
 * in log time. */
static int known_cmp(const void *a, const void *b)
{
    return strcasecmp(((const known_table *)a)->name,
                      ((const known_table *)b)->name);
}

static known_table *known_find(const strata_catcache *c, const char *table)
{
    known_table key = {.name = (char *)table}, *at;

    at = c->nknown ? bsearch(&key, c->known, c->nknown, sizeof *c->known,
                             known_cmp)
                   : NULL;
    if (!at)
        return NULL;
    /* among the names equal without case, the same table by the
     * engine's rule */
    while (at > c->known && known_cmp(at - 1, &key) == 0)
        at--;
    for (; at < c->known + c->nknown && known_cmp(at, &key) == 0; at++)
        if (!at->gone && same_table(c, at->name, table))
            return at;
    return NULL;
}

/* 1: table is there, 0: it is not, -1: not known. */
static int known_exists(const strata_catcache *c, const char *table)
{
    const known_table *k = known_find(c, table);

    return k ? k->exists : -1;
}

/* Forgetting is always safe (the next question goes to the database);
 * an entry kept past a change to its table is not. */
static void known_forget(strata_catcache *c, const char *table)
{
    known_table *at;

    if (!table) {
        for (size_t i = 0; i < c->nknown; i++)
            free(c->known[i].name);
        c->nknown = 0;
    } else if ((at = known_find(c, table))) {
        at->gone = 1;
    }
}

int strata__catcache_new(strata_catcache **out, strata_session *s)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return STRATA_ERR_NOMEM; /* no err here: callers report it */
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
    known_forget(c, NULL);
    free(c->known);
    free(c);
}

void strata__catcache_stale(strata_catcache *c, const char *table)
{
    for (size_t i = 0; i < c->n; i++)
        if (!table || same_table(c, c->v[i].name, table))
            c->v[i].stale = 1;
    /* Raw SQL (table NULL) may have created or dropped anything; a named
     * table has changed, so it may exist now, or not any more. */
    known_forget(c, table);
}

/* Names per catalog read of a prefetch: one statement naming all of a
 * 10,000-table run held ~11 MB of SQLite's memory at the run's peak
 * (its VALUES list compiled), more than the rest of the run. */
#define PREFETCH_CHUNK 256

static int prefetch_some(strata_catcache *c, const char *const *tables,
                         size_t n, strata_error *err);

int strata__catcache_prefetch(strata_catcache *c, const char *const *tables,
                              size_t n, strata_error *err)
{
    size_t k = 0;
    int rc = STRATA_OK;

    if (c->simulate)
        return STRATA_OK;
    for (size_t off = 0; off < n && rc == STRATA_OK; off += PREFETCH_CHUNK)
        rc = prefetch_some(c, tables + off,
                           n - off < PREFETCH_CHUNK ? n - off
                                                    : PREFETCH_CHUNK,
                           err);
    /* Forgotten names dropped, then sorted once for the run rather than
     * after each chunk (quadratic), then repeats dropped (no qsort of an
     * empty, maybe NULL, array: UBSan refuses it). */
    for (size_t i = 0; i < c->nknown; i++)
        if (c->known[i].gone)
            free(c->known[i].name);
        else
            c->known[k++] = c->known[i];
    c->nknown = k;
    if (c->nknown) {
        k = 1;
        qsort(c->known, c->nknown, sizeof *c->known, known_cmp);
        for (size_t i = 1; i < c->nknown; i++) {
            if (same_table(c, c->known[k - 1].name, c->known[i].name))
                free(c->known[i].name);
            else
                c->known[k++] = c->known[i];
        }
        c->nknown = k;
    }
    return rc;
}

static int prefetch_some(strata_catcache *c, const char *const *tables,
                         size_t n, strata_error *err)
{
    strata_table *got = NULL;
    unsigned char *there = NULL;
    int rc;

    /* Only whether each is there is kept: a driver that can say just
     * that spares reading the catalogs of the tables that are. */
    if (c->s->drv->tables_exist) {
        there = calloc(n, 1);
        STRATA_ALLOC_CHECK(there, err);
        rc = c->s->drv->tables_exist(c->s->conn, tables, n, there);
    } else {
        rc = c->s->drv->introspect(c->s->conn, tables, n, &got);
    }
    c->queries++;
    if (rc != STRATA_OK) {
        free(there);
        return strata__session_fail(c->s, rc, err, "reading the catalog");
    }
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        known_table *v = realloc(c->known, (c->nknown + 1) * sizeof *v);

        if (v)
            c->known = v;
        if (!v || !(v[c->nknown].name = strdup(tables[i]))) {
            rc = strata__nomem(err);
            break;
        }
        v[c->nknown].exists = there ? there[i] != 0 : got[i].exists != 0;
        v[c->nknown].gone = 0;
        c->nknown++;
    }
    free(there);
    if (got)
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

int strata__catcache_offline(const strata_catcache *c)
{
    return c->simulate && !c->live;
}

strata_session *strata__catcache_session(const strata_catcache *c)
{
    return c->s;
}

void strata__catcache_next(strata_catcache *c)
{
    for (size_t i = 0; i < c->n; i++)
        c->v[i].created = 0;
    c->queries = 0;
}

static cache_entry *cache_find(const strata_catcache *c, const char *table)
{
    for (size_t i = 0; i < c->n; i++)
        if (same_table(c, c->v[i].name, table))
            return &c->v[i];
    return NULL;
}

/* The first existing table (in the order first seen) with index name. */
static cache_entry *index_owner(const strata_catcache *c, const char *index)
{
    for (size_t i = 0; index && i < c->n; i++)
        if (c->v[i].cat.exists && strata__table_index(&c->v[i].cat, index))
            return &c->v[i];
    return NULL;
}

int strata__catcache_created(const strata_catcache *c, const char *table)
{
    cache_entry *e = table ? cache_find(c, table) : NULL;

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

int strata__catcache_get(strata_catcache *c, const char *const *names,
                         size_t n, const strata_table **out,
                         strata_error *err)
{
    const char *want[2];
    strata_table *got = NULL;
    size_t nwant = 0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        cache_entry *e = names[i] ? cache_find(c, names[i]) : NULL;
        if (names[i] && (!e || e->stale || e->written))
            want[nwant++] = names[i];
    }
    /* Simulating without a database: what is not known yet is not there
     * (a fresh database). */
    if (nwant && c->simulate && !c->live) {
        for (size_t i = 0; i < nwant; i++)
            if (!cache_find(c, want[i]) && !cache_add(c, want[i]))
                return strata__nomem(err);
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
                return strata__nomem(err);
            }
            strata__table_clear(&e->cat);
            e->cat = got[i]; /* moved */
            memset(&got[i], 0, sizeof got[i]);
            e->stale = 0;
            e->written = 0;
            /* A missing table still needs its name for messages. */
            if (!e->cat.name && !(e->cat.name = strdup(want[i]))) {
                strata__tables_free(got, nwant);
                return strata__nomem(err);
            }
        }
        strata__tables_free(got, nwant);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = names[i] ? &cache_find(c, names[i])->cat : NULL;
    return STRATA_OK;
}

int strata__catcache_exists(strata_catcache *c, const char *table,
                            const strata_table **out, strata_error *err)
{
    cache_entry *e = cache_find(c, table);
    int exists = 0, rc;

    if (e && !e->stale) {
        *out = &e->cat;
        return STRATA_OK;
    }
    /* Simulations (plan, offline scripts) keep their own state. */
    if (!c->s->drv->table_exists || c->simulate)
        return strata__catcache_get(c, &table, 1, out, err);
    if ((exists = known_exists(c, table)) < 0) {
        rc = c->s->drv->table_exists(c->s->conn, table, &exists);
        c->queries++;
        if (rc != STRATA_OK)
            return strata__session_fail(c->s, rc, err,
                                        "looking for table %s", table);
    }
    if (!e)
        e = cache_add(c, table);
    STRATA_ALLOC_CHECK(e, err);
    strata__table_clear(&e->cat);
    e->cat.name = strdup(table);
    STRATA_ALLOC_CHECK(e->cat.name, err);
    e->cat.exists = exists;
    e->stale = exists;
    e->written = 0;
    *out = &e->cat;
    return STRATA_OK;
}

int strata__catcache_index_table(strata_catcache *c, strata_op *op,
                                 strata_error *err)
{
    cache_entry *e;
    char *t = NULL;
    int rc;

    if (op->table)
        return STRATA_OK;
    /* A simulation knows the indexes it created or kept first. */
    if (c->simulate && (e = index_owner(c, op->name))) {
        op->table = strdup(e->name);
        STRATA_ALLOC_CHECK(op->table, err);
        return STRATA_OK;
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

int strata__catcache_store_created(strata_catcache *c, const char *table,
                                   strata_table *cat, int written)
{
    cache_entry *e = cache_find(c, table);

    if (!e)
        return 0;
    strata__table_clear(&e->cat);
    e->cat = *cat; /* moved */
    memset(cat, 0, sizeof *cat);
    e->stale = 0;
    e->created = 1;
    /* A simulation's catalog is its own guess anyway, and the database
     * has no such table to read. */
    e->written = written && !c->simulate;
    known_forget(c, table);
    return 1;
}

const strata_table *strata__catcache_written(const strata_catcache *c,
                                             const char *table)
{
    cache_entry *e = table ? cache_find(c, table) : NULL;

    return e && e->written && !e->stale && e->cat.exists ? &e->cat : NULL;
}

int strata__catcache_keep(strata_catcache *c, const char *const names[2],
                          strata_table *sim)
{
    cache_entry *e, *old;

    if (!c->simulate)
        return STRATA_OK;
    e = cache_find(c, names[1] ? names[1] : names[0]);
    old = names[1] ? cache_find(c, names[0]) : NULL;
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

/* ---- replaying statements (lint) ---------------------------------------- */

const strata_table *strata__catcache_table(const strata_catcache *c,
                                           const char *table)
{
    cache_entry *e = table ? cache_find(c, table) : NULL;

    return e ? &e->cat : NULL;
}

const strata_table *strata__catcache_index_owner(const strata_catcache *c,
                                                 const char *index)
{
    cache_entry *e = index_owner(c, index);

    return e ? &e->cat : NULL;
}

/* Empty t down to its name, as DROP TABLE leaves it. */
static void empty_table(strata_table *t)
{
    const strata_op drop = {.kind = STRATA_OP_DROP_TABLE};

    strata__table_apply(t, &drop);
}

/* CREATE TABLE name: op's definition, or (raw SQL, op NULL) an empty
 * table; nothing happens to an existing table with if_not_exists. */
static int replay_create(strata_catcache *c, const char *name,
                         int if_not_exists, const strata_op *op)
{
    cache_entry *e = cache_find(c, name);

    if (!e && !(e = cache_add(c, name)))
        return STRATA_ERR_NOMEM;
    if (e->cat.exists && if_not_exists)
        return STRATA_OK; /* the table is old */
    if (op) {
        if (strata__table_apply(&e->cat, op) != STRATA_OK)
            return STRATA_ERR_NOMEM;
    } else {
        empty_table(&e->cat);
        e->cat.exists = 1;
    }
    e->created = 1;
    return STRATA_OK;
}

int strata__catcache_replay_create(strata_catcache *c, const char *name,
                                   int if_not_exists)
{
    return replay_create(c, name, if_not_exists, NULL);
}

void strata__catcache_replay_drop(strata_catcache *c, const char *name)
{
    cache_entry *e = cache_find(c, name);

    if (!e)
        return;
    empty_table(&e->cat);
    e->created = 0;
}

int strata__catcache_replay_rename(strata_catcache *c, const char *from,
                                   const char *to)
{
    cache_entry *e = cache_find(c, from), *old = cache_find(c, to);
    char *name, *cat_name;
    int created;

    if (!e)
        return STRATA_OK;
    name = strdup(to);
    cat_name = strdup(to);
    if (!name || !cat_name) {
        free(name);
        free(cat_name);
        return STRATA_ERR_NOMEM;
    }
    created = e->created;
    /* A stale entry under the new name goes (its mark stays with the
     * name); the renamed one keeps its place in the order. */
    if (old && old != e) {
        created |= old->created;
        free(old->name);
        strata__table_clear(&old->cat);
        memmove(old, old + 1,
                (size_t)(c->v + c->n - (old + 1)) * sizeof *old);
        c->n--;
        if (old < e)
            e--;
    }
    free(e->name);
    e->name = name;
    free(e->cat.name);
    e->cat.name = cat_name;
    e->created = created;
    return STRATA_OK;
}

int strata__catcache_replay(strata_catcache *c, const strata_op *op)
{
    cache_entry *e;

    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        /* Ensure semantics: an existing table is skipped, IF NOT EXISTS
         * written or not. */
        return replay_create(c, op->table, 1, op);
    case STRATA_OP_DROP_TABLE:
        strata__catcache_replay_drop(c, op->table);
        return STRATA_OK;
    case STRATA_OP_RENAME_TABLE:
        return strata__catcache_replay_rename(c, op->table, op->new_name);
    case STRATA_OP_DROP_INDEX:
        e = index_owner(c, op->name);
        break;
    default:
        e = cache_find(c, op->table);
    }
    if (e && e->cat.exists && strata__table_apply(&e->cat, op) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}
