/* group.c - decide and render a group of portable operations on one
 * table: online decisions, ensure outcomes against a simulated copy of
 * the cached catalog, what the operations remove (captured for derived
 * downgrades), then the driver's SQL. */
#include "plan/group.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/host.h"
#include "sql/catalog.h"
#include "util/buf.h"
#include "util/config.h"
#include "util/json.h"
#include "sql/op.h"

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
    json_decref(g->captured);
    free(g->table);
    free(g->other);
    memset(g, 0, sizeof *g);
}

int strata__group_notes(const strata_group *g, strata_buf *out)
{
    int rc = STRATA_OK;

    for (size_t k = 0; k < g->sql.count && rc == STRATA_OK; k++) {
        const char *note = g->sql.items[k].note;

        if (note && !(g->sql.items[k].flags & STRATA_SQL_GUARD) &&
            !strstr(out->data ? out->data : "", note))
            rc = strata__buf_printf(out, "%s%s", out->len ? "; " : "",
                                    note);
    }
    return rc;
}

int strata__group_add_captures(json_t **list, const strata_group *g)
{
    if (!g->captured)
        return STRATA_OK;
    if (!*list && !(*list = json_array()))
        return STRATA_ERR_NOMEM;
    return json_array_extend(*list, g->captured) ? STRATA_ERR_NOMEM
                                                 : STRATA_OK;
}

/* Append {"item":N,"sql":"..."} to list for what op is about to remove. */
static int capture(json_t *list, const strata_op *op,
                   const strata_table *sim, size_t item)
{
    strata_op *cap = NULL;
    strata_buf text = {0};
    int rc = strata__op_capture(&cap, op, sim);

    if (rc != STRATA_OK || !cap)
        return rc;
    rc = strata__op_to_sql(cap, &text);
    if (rc == STRATA_OK &&
        json_array_append_new(
            list, json_pack("{s:I,s:o}", "item", (json_int_t)item, "sql",
                            strata__json_text(text.data ? text.data
                                                        : ""))) != 0)
        rc = STRATA_ERR_NOMEM;
    strata__buf_free(&text);
    strata__op_free(cap);
    return rc;
}

static int is_index_op(int kind)
{
    return kind == STRATA_OP_CREATE_INDEX || kind == STRATA_OP_DROP_INDEX;
}

void strata__group_online(strata_op *op, int existing, int online)
{
    if (is_index_op(op->kind))
        op->online = existing &&
                     (op->concurrently || online == STRATA_ONLINE_ALWAYS ||
                      (online == STRATA_ONLINE_AUTO &&
                       op->kind == STRATA_OP_CREATE_INDEX) ||
                      (online != STRATA_ONLINE_NEVER &&
                       op->kind == STRATA_OP_DROP_INDEX));
    else
        op->online = existing;
}

/* Names cmp equal to none in t (its indexes and its constraints),
 * without ASCII case: a conservative test, a near miss reads the
 * catalog. */
static int name_unknown(const strata_table *t, const char *name)
{
    for (size_t i = 0; i < t->nindexes; i++)
        if (t->indexes[i].name && strcasecmp(t->indexes[i].name, name) == 0)
            return 0;
    for (size_t i = 0; i < t->nconstraints; i++)
        if (t->constraints[i].name &&
            strcasecmp(t->constraints[i].name, name) == 0)
            return 0;
    return 1;
}

/* The catalog a group of CREATE INDEX needs on a table this migration
 * created as written, without reading it back: strata's simulation of
 * it, when it knows no index or constraint of those names.  The one
 * thing it may get wrong is a name the engine gave what the CREATE
 * TABLE left unnamed; the index is then applied and the engine refuses
 * it, as the tool's own run would.  Reading the table back after each
 * adopted CREATE TABLE cost a catalog read per migration (on SQLite
 * two thirds of a 1,000-migration dbmate folder's CPU time:
 * bench/adopt.sh).  NULL: read the catalog. */
static const strata_table *new_indexes_on_written(strata_catcache *cache,
                                                  const char *table,
                                                  const strata_item *items,
                                                  size_t n)
{
    const strata_table *t = strata__catcache_written(cache, table);

    for (size_t i = 0; t && i < n; i++) {
        const strata_op *op = items[i].op;

        if (op->kind != STRATA_OP_CREATE_INDEX || !op->index ||
            !op->index->name || !name_unknown(t, op->index->name))
            t = NULL;
    }
    return t;
}

int strata__group_prepare(strata_group *g, strata_catcache *cache,
                          strata_item *items, size_t n, size_t index_base,
                          const char *path, int online, int adopt,
                          int created, uint32_t op_flags,
                          strata_error *err)
{
    strata_session *s = strata__catcache_session(cache);
    strata_op *first = items[0].op;
    strata_op **apply = NULL;
    const strata_table *cats[2] = {NULL, NULL};
    const char *names[2];
    strata_table sim = {0}, missing = {0};
    strata_compare cmp;
    json_t *cap = json_array();
    size_t napply = 0;
    int rc;

    memset(g, 0, sizeof *g);
    g->nops = n;
    g->outcome = calloc(n, sizeof *g->outcome);
    g->adopted = calloc(n, sizeof *g->adopted);
    g->why = calloc(n, sizeof *g->why);
    apply = calloc(n, sizeof *apply);
    STRATA_ALLOC_GOTO(g->outcome && g->adopted && g->why && apply && cap,
                      err, rc, done);
    if (first->kind == STRATA_OP_DROP_INDEX &&
        (rc = strata__catcache_index_table(cache, first, err)) != STRATA_OK)
        goto done;
    names[0] = first->table;
    names[1] = first->kind == STRATA_OP_RENAME_TABLE ? first->new_name : NULL;
    if ((cats[0] = new_indexes_on_written(cache, names[0], items, n)))
        rc = STRATA_OK;
    else if (names[0] && (first->kind == STRATA_OP_CREATE_TABLE ||
                          first->kind == STRATA_OP_DROP_TABLE))
        rc = strata__catcache_exists(cache, names[0], &cats[0], err);
    else if (names[0])
        rc = strata__catcache_get(cache, names, 2, cats, err);
    else
        rc = STRATA_OK;
    if (rc != STRATA_OK)
        goto done;
    if (!cats[0]) /* DROP INDEX of an index that is not there */
        cats[0] = &missing;
    if ((names[0] && !(g->table = strdup(names[0]))) ||
        (names[1] && !(g->other = strdup(names[1]))) ||
        strata__table_copy(&sim, cats[0]) != STRATA_OK) {
        rc = strata__nomem(err);
        goto done;
    }
    cmp.drv = s->drv;
    cmp.conn = s->conn;
    cmp.table = names[0];
    for (size_t i = 0; i < n; i++) {
        strata_op *op = items[i].op;

        op->flags |= op_flags;
        strata__group_online(op, !created && sim.exists, online);
        rc = strata__ensure(&g->outcome[i], &g->why[i], op, &sim, cats[1],
                            &cmp);
        if (rc != STRATA_OK) {
            rc = strata__nomem(err);
            goto done;
        }
        /* Without a database the simulation cannot see what raw SQL
         * created: a drop it thinks has nothing to do is rendered anyway
         * (offline scripts ask for IF EXISTS where the dialect has it),
         * on a table it knows, or of the table itself. */
        if (g->outcome[i] == STRATA_ENSURE_SKIP_ABSENT &&
            strata__catcache_offline(cache) && names[0] &&
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
        if (strata__ensure_skips(g->outcome[i]))
            continue;
        if (capture(cap, op, &sim, index_base + i) != STRATA_OK ||
            strata__table_apply(&sim, op) != STRATA_OK) {
            rc = strata__nomem(err);
            goto done;
        }
        apply[napply++] = op;
    }
    /* render borrows a contiguous array: shallow copies of the ops. */
    if (napply) {
        strata_op *arr = calloc(napply, sizeof *arr);

        STRATA_ALLOC_GOTO(arr, err, rc, done);
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
    if (json_array_size(cap)) {
        g->captured = cap;
        cap = NULL;
    }
    /* A table this group creates is exactly what the simulation says:
     * later operations of the migration need not read it again.  One
     * created as written is kept only as a guess (the engine named its
     * unnamed constraints and keeps its own text): new indexes on it
     * use it (new_indexes_on_written), anything else reads it back. */
    if (n == 1 && first->kind == STRATA_OP_CREATE_TABLE &&
        g->outcome[0] == STRATA_ENSURE_APPLY)
        g->created = strata__catcache_store_created(
            cache, names[0], &sim, (first->flags & STRATA_OP_AS_WRITTEN) != 0);
    if (napply && names[0]) {
        rc = strata__catcache_keep(cache, names, &sim);
        if (rc != STRATA_OK) {
            rc = strata__nomem(err);
            goto done;
        }
    }
    rc = STRATA_OK;
done:
    json_decref(cap);
    strata__table_clear(&sim);
    free(apply);
    return rc;
}
