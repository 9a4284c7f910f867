/* seed_plan.c - what a seed run writes: tables ordered so referenced
 * rows come first, each file row compared by its key with the rows the
 * table holds (read once), and an INSERT for a new row, an UPDATE of
 * the columns that differ, nothing for an equal one.  Values are quoted
 * by the driver's quote_literal, names by its quote_ident. */
#include <stdlib.h>
#include <string.h>

#include "run/seed/seed.h"
#include "sql/catalog.h"
#include "util/buf.h"
#include "util/strmap.h"

/* Tables referenced by others first (Kahn's order over the foreign keys
 * between seeded tables; a cycle keeps the files' order). */
static int order(strata_seed_run *r, strata_error *err)
{
    size_t n = r->ntables, done = 0;
    strata_seed_table *out = calloc(n + 1, sizeof *out);
    char *placed = calloc(n + 1, 1);

    if (!out || !placed) {
        free(out);
        free(placed);
        return strata__nomem(err);
    }
    while (done < n) {
        size_t pick = n;

        for (size_t t = 0; t < n && pick == n; t++) {
            const strata_table *c = r->tables[t].cat;
            int ready = !placed[t];

            for (size_t k = 0; k < c->nconstraints && ready; k++) {
                if (c->constraints[k].kind != STRATA_CON_FOREIGN_KEY)
                    continue;
                for (size_t u = 0; u < n && ready; u++)
                    ready = placed[u] || u == t ||
                            !strata__name_eq(r->tables[u].name,
                                             c->constraints[k].ref_table);
            }
            if (ready)
                pick = t;
        }
        for (size_t t = 0; t < n && pick == n; t++)
            if (!placed[t])
                pick = t; /* a cycle */
        out[done++] = r->tables[pick];
        placed[pick] = 1;
    }
    free(placed);
    free(r->tables);
    r->tables = out;
    return STRATA_OK;
}

/* The rows the table holds: the key columns then the others the files
 * give, each canonical. */
typedef struct existing {
    const char **cols;
    strata_seed_kind *kinds;
    size_t ncols;
    char **cells; /* nrows * ncols */
    size_t nrows;
    int failed;   /* out of memory in the callback */
} existing;

static int row_cb(void *payload, int ncols, const char *const *values,
                  const char *const *names)
{
    existing *e = payload;
    char **v = realloc(e->cells, (e->nrows + 1) * e->ncols * sizeof *v);
    strata_buf b = {0};

    (void)names;
    if (!v || (size_t)ncols != e->ncols)
        return e->failed = 1;
    e->cells = v;
    v += e->nrows * e->ncols;
    for (size_t i = 0; i < e->ncols; i++) {
        v[i] = NULL;
        if (!values[i])
            continue;
        b.len = 0;
        /* A value the engine holds that does not read keeps its text:
         * it then differs from the file's. */
        if (strata__seed_coerce(e->kinds[i], values[i], &b) != 0) {
            b.len = 0;
            if (strata__buf_puts(&b, values[i]) != STRATA_OK)
                goto nomem;
        }
        v[i] = strata__buf_take(&b);
    }
    e->nrows++;
    return 0;
nomem:
    for (size_t i = 0; i < e->ncols; i++)
        free(v[i]);
    strata__buf_free(&b);
    return e->failed = 1;
}

static void existing_free(existing *e)
{
    for (size_t i = 0; i < e->nrows * e->ncols; i++)
        free(e->cells[i]);
    free(e->cells);
    free(e->cols);
    free(e->kinds);
}

static int add_sql(strata_seed_run *r, strata_buf *b, strata_error *err)
{
    char **v = realloc(r->sql, (r->nsql + 1) * sizeof *v);

    if (!v) {
        strata__buf_free(b);
        return strata__nomem(err);
    }
    r->sql = v;
    v[r->nsql++] = strata__buf_take(b);
    return STRATA_OK;
}

static int add_skip(strata_seed_table *st, size_t i, const char *reason,
                    strata_error *err)
{
    char **v = realloc(st->skips, (st->nskips + 1) * sizeof *v);

    STRATA_ALLOC_CHECK(v, err);
    st->skips = v;
    v[st->nskips] = strata__sprintf("%s:%u: %s", st->from[i]->path,
                                    st->rows[i]->line, reason);
    STRATA_ALLOC_CHECK(v[st->nskips], err);
    st->nskips++;
    st->skipped++;
    return STRATA_OK;
}

/* The columns to read: the key, then every other column a row gives. */
static int columns(const strata_seed_table *st, existing *e,
                   strata_error *err)
{
    size_t cap = st->nkey;

    for (size_t i = 0; i < st->nrows; i++)
        cap += st->rows[i]->n;
    e->cols = calloc(cap + 1, sizeof *e->cols);
    e->kinds = calloc(cap + 1, sizeof *e->kinds);
    if (!e->cols || !e->kinds)
        return strata__nomem(err);
    for (size_t k = 0; k < st->nkey; k++)
        e->cols[e->ncols++] = st->key[k];
    for (size_t i = 0; i < st->nrows; i++)
        for (size_t k = 0; k < st->rows[i]->n; k++) {
            const char *c = st->rows[i]->names[k];
            size_t j = 0;

            while (j < e->ncols && strcmp(e->cols[j], c) != 0)
                j++;
            if (j == e->ncols)
                e->cols[e->ncols++] = c;
        }
    for (size_t j = 0; j < e->ncols; j++)
        e->kinds[j] = strata__seed_kind(
            strata__table_column(st->cat, e->cols[j])->type);
    return STRATA_OK;
}

static int ident(strata_seed_run *r, const char *name, strata_buf *b)
{
    return r->drv->quote_ident(r->conn, name, b);
}

static int literal(strata_seed_run *r, const char *v, strata_buf *b)
{
    return v ? r->drv->quote_literal(r->conn, v, b)
             : strata__buf_puts(b, "NULL");
}

static int insert_sql(strata_seed_run *r, const strata_seed_table *st,
                      const strata_seed_row *row, strata_buf *b)
{
    int rc = strata__buf_puts(b, "INSERT INTO ");

    if (!rc)
        rc = ident(r, st->name, b);
    for (size_t k = 0; k < row->n && !rc; k++) {
        rc = strata__buf_puts(b, k ? ", " : " (");
        if (!rc)
            rc = ident(r, row->names[k], b);
    }
    for (size_t k = 0; k < row->n && !rc; k++) {
        rc = strata__buf_puts(b, k ? ", " : ") VALUES (");
        if (!rc)
            rc = literal(r, row->canon[k], b);
    }
    return rc ? rc : strata__buf_puts(b, ")");
}

/* UPDATE of the columns whose value differs from the row held (cells). */
static int update_sql(strata_seed_run *r, const strata_seed_table *st,
                      const strata_seed_row *row, const existing *e,
                      char *const *cells, strata_buf *b, int *changed)
{
    int rc = STRATA_OK;
    size_t set = 0;

    *changed = 0;
    for (size_t j = st->nkey; j < e->ncols && !rc; j++) {
        long at = strata__seed_find(row, e->cols[j]);
        const char *v;

        if (at < 0)
            continue;
        v = row->canon[at];
        if ((!v && !cells[j]) || (v && cells[j] && strcmp(v, cells[j]) == 0))
            continue;
        rc = strata__buf_puts(b, set++ ? ", " : "UPDATE ");
        if (!rc && set == 1) {
            rc = ident(r, st->name, b);
            if (!rc)
                rc = strata__buf_puts(b, " SET ");
        }
        if (!rc)
            rc = ident(r, e->cols[j], b);
        if (!rc)
            rc = strata__buf_puts(b, " = ");
        if (!rc)
            rc = literal(r, v, b);
    }
    for (size_t k = 0; k < st->nkey && set && !rc; k++) {
        rc = strata__buf_puts(b, k ? " AND " : " WHERE ");
        if (!rc)
            rc = ident(r, st->key[k], b);
        if (!rc)
            rc = strata__buf_puts(b, " = ");
        if (!rc)
            rc = literal(r, cells[k], b);
    }
    *changed = set > 0;
    return rc;
}

/* A new row must give every NOT NULL column without a default. */
static int insertable(strata_seed_run *r, const strata_seed_table *st,
                      size_t i, strata_error *err)
{
    const strata_table *t = st->cat;
    int rc = STRATA_OK;

    for (size_t c = 0; c < t->ncolumns && rc == STRATA_OK; c++) {
        const strata_column *col = &t->columns[c];

        if (col->notnull && !col->default_expr && !col->autoincrement &&
            !col->generated && strata__seed_find(st->rows[i], col->name) < 0)
            rc = strata__seed_problem(
                r, st->from[i], st->rows[i]->line, err,
                "%s: a new row of %s needs it (NOT NULL, no default)",
                col->name, st->name);
    }
    return rc;
}

static int plan_table(strata_seed_run *r, strata_seed_table *st,
                      strata_error *err)
{
    existing e = {0};
    strata_strmap m = {0};
    strata_buf q = {0}, key = {0};
    char **seen = NULL, *v[64];
    int rc;

    if (!st->nrows)
        return STRATA_OK;
    rc = columns(st, &e, err);
    if (rc != STRATA_OK)
        goto out;
    rc = strata__buf_puts(&q, "SELECT ");
    for (size_t j = 0; j < e.ncols && !rc; j++) {
        rc = j ? strata__buf_puts(&q, ", ") : STRATA_OK;
        if (!rc)
            rc = ident(r, e.cols[j], &q);
    }
    if (!rc)
        rc = strata__buf_puts(&q, " FROM ");
    if (!rc)
        rc = ident(r, st->name, &q);
    if (rc != STRATA_OK) {
        rc = strata__nomem(err);
        goto out;
    }
    rc = r->drv->query(r->conn, q.data, row_cb, &e);
    if (e.failed) {
        rc = strata__nomem(err);
        goto out;
    }
    if (rc != STRATA_OK) {
        rc = strata__error_set(err, rc, "seed: reading %s: %s", st->name,
                               r->conn->errmsg);
        goto out;
    }
    /* Rows held, by key; a key held twice (a declared key no constraint
     * keeps unique) is ambiguous: -2. */
    seen = calloc(e.nrows + 1, sizeof *seen);
    if (!seen || strata__strmap_init(&m, e.nrows) != STRATA_OK) {
        rc = strata__nomem(err);
        goto out;
    }
    for (size_t i = 0; i < e.nrows; i++) {
        if (strata__seed_tuple(e.cells + i * e.ncols, st->nkey, &key)) {
            rc = strata__nomem(err);
            goto out;
        }
        seen[i] = strata__buf_take(&key);
        strata__strmap_add(&m, seen[i], (long)i); /* the first stays */
    }
    for (size_t i = 0; i < st->nrows && rc == STRATA_OK; i++) {
        strata_seed_row *row = st->rows[i];
        size_t held = 0, at = 0;
        long found;

        for (size_t k = 0; k < st->nkey; k++) {
            long c = strata__seed_find(row, st->key[k]);

            v[k] = c < 0 ? NULL : row->canon[c];
        }
        if (strata__seed_tuple(v, st->nkey, &key)) {
            rc = strata__nomem(err);
            break;
        }
        found = strata__strmap_find(&m, key.data);
        for (size_t h = 0; found >= 0 && h < e.nrows; h++)
            if (strcmp(seen[h], key.data) == 0) {
                held++;
                at = h;
            }
        if (found < 0) {
            rc = insertable(r, st, i, err);
            if (rc == STRATA_OK && !r->nproblems) {
                strata_buf b = {0};

                if (insert_sql(r, st, row, &b) != STRATA_OK) {
                    strata__buf_free(&b);
                    rc = strata__nomem(err);
                } else {
                    rc = add_sql(r, &b, err);
                    st->inserted++;
                }
            }
        } else if (held > 1) {
            char *why = strata__sprintf("%zu rows of %s hold this key "
                                        "(%s is not unique there)",
                                        held, st->name, st->key_from);

            STRATA_ALLOC_GOTO(why, err, rc, out);
            rc = add_skip(st, i, why, err);
            free(why);
        } else {
            strata_buf b = {0};
            int changed;

            if (update_sql(r, st, row, &e, e.cells + at * e.ncols, &b,
                           &changed) != STRATA_OK) {
                strata__buf_free(&b);
                rc = strata__nomem(err);
            } else if (changed) {
                rc = add_sql(r, &b, err);
                st->updated++;
            } else {
                strata__buf_free(&b);
                st->unchanged++;
            }
        }
    }
out:
    for (size_t i = 0; seen && i < e.nrows; i++)
        free(seen[i]);
    free(seen);
    strata__strmap_free(&m);
    strata__buf_free(&q);
    strata__buf_free(&key);
    existing_free(&e);
    return rc;
}

int strata__seed_plan(strata_seed_run *r, strata_error *err)
{
    int rc = order(r, err);

    for (size_t t = 0; t < r->ntables && rc == STRATA_OK; t++)
        rc = plan_table(r, &r->tables[t], err);
    return rc;
}
