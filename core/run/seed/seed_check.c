/* seed_check.c - seed rows against the live catalog before anything is
 * written: the table and its columns, each value read by its column's
 * type, NOT NULL, lengths, CHECK enumerations, the key each table is
 * upserted by, keys repeated within the files, and foreign keys to rows
 * that are neither in the files nor in the database. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "run/seed/seed.h"
#include "sql/catalog.h"
#include "util/buf.h"
#include "util/strmap.h"

int strata__seed_problem(strata_seed_run *r, const strata_seed_file *f,
                         unsigned line, strata_error *err, const char *fmt,
                         ...)
{
    char **v = realloc(r->problems, (r->nproblems + 1) * sizeof *v);
    va_list ap;

    STRATA_ALLOC_CHECK(v, err);
    r->problems = v;
    va_start(ap, fmt);
    v[r->nproblems] = strata__seed_vsay(f, line, fmt, ap);
    va_end(ap);
    STRATA_ALLOC_CHECK(v[r->nproblems], err);
    r->nproblems++;
    return STRATA_OK;
}

long strata__seed_find(const strata_seed_row *row, const char *name)
{
    for (size_t i = 0; i < row->n; i++)
        if (strcmp(row->names[i], name) == 0)
            return (long)i;
    return -1;
}

/* --- one value ------------------------------------------------------------ */

/* Is v (canonical) one of the enumeration's values? */
static int in_enum(strata_seed_kind k, const char *v, char *const *vals,
                   size_t n, int *out)
{
    strata_buf b = {0};

    *out = 0;
    for (size_t i = 0; i < n && !*out; i++) {
        int rc;

        b.len = 0;
        rc = strata__seed_coerce(k, vals[i], &b);
        if (rc < 0) {
            strata__buf_free(&b);
            return rc;
        }
        *out = rc == 0 && b.data && strcmp(b.data, v) == 0;
    }
    strata__buf_free(&b);
    return STRATA_OK;
}

static int check_enums(strata_seed_run *r, const strata_seed_file *f,
                       const strata_seed_row *row, const strata_table *t,
                       const strata_column *col, const char *v,
                       strata_error *err)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < t->nconstraints && rc == STRATA_OK; i++) {
        const strata_constraint *c = &t->constraints[i];
        const char *column;
        char **vals;
        size_t n;
        int ok;

        if (c->kind != STRATA_CON_CHECK)
            continue;
        if (strata__seed_check_enum(t, c->check, &column, &vals, &n) !=
            STRATA_OK)
            return strata__nomem(err);
        if (column && strcmp(column, col->name) == 0) {
            rc = in_enum(strata__seed_kind(col->type), v, vals, n, &ok);
            if (rc < 0) {
                rc = strata__nomem(err);
            } else if (!ok) {
                strata_buf list = {0};

                for (size_t k = 0; k < n && rc == STRATA_OK; k++)
                    rc = strata__buf_printf(&list, "%s'%s'", k ? ", " : "",
                                            vals[k]);
                if (rc == STRATA_OK)
                    rc = strata__seed_problem(
                        r, f, row->line, err,
                        "%s: '%s' is not one of %s (check constraint %s)",
                        col->name, v, list.data, c->name);
                else
                    rc = strata__nomem(err);
                strata__buf_free(&list);
            }
        }
        strata__seed_strings_free(vals, n);
    }
    return rc;
}

/* Row value i against its column: known, readable, NULL allowed, not
 * too long, in its enumeration.  Sets row->canon[i] and the catalog's
 * spelling of the name. */
static int check_value(strata_seed_run *r, const strata_seed_file *f,
                       strata_seed_row *row, size_t i, const strata_table *t,
                       strata_error *err)
{
    const strata_column *col = strata__table_column(t, row->names[i]);
    strata_seed_kind k;
    strata_buf b = {0};
    size_t max;
    int rc;

    if (!col)
        return strata__seed_problem(r, f, row->line, err,
                                    "no column '%s' in table %s",
                                    row->names[i], t->name);
    if (strcmp(col->name, row->names[i]) != 0) {
        char *n = strdup(col->name);

        STRATA_ALLOC_CHECK(n, err);
        free(row->names[i]);
        row->names[i] = n;
    }
    for (size_t j = 0; j < i; j++)
        if (strcmp(row->names[j], col->name) == 0)
            return strata__seed_problem(r, f, row->line, err,
                                        "%s: named twice in one row",
                                        col->name);
    if (col->generated)
        return strata__seed_problem(r, f, row->line, err,
                                    "%s: a generated column: the engine "
                                    "computes it",
                                    col->name);
    if (!row->values[i])
        return col->notnull ? strata__seed_problem(
                                  r, f, row->line, err,
                                  "%s: null in a NOT NULL column", col->name)
                            : STRATA_OK;
    k = strata__seed_kind(col->type);
    rc = strata__seed_coerce(k, row->values[i], &b);
    if (rc < 0) {
        strata__buf_free(&b);
        return strata__nomem(err);
    }
    if (rc > 0) {
        strata__buf_free(&b);
        return strata__seed_problem(r, f, row->line, err,
                                    "%s: cannot read '%s' as %s (column "
                                    "type %s)",
                                    col->name, row->values[i],
                                    strata__seed_kind_name(k), col->type);
    }
    row->canon[i] = strata__buf_take(&b);
    max = strata__seed_maxlen(col->type);
    if (max && strata__seed_chars(row->canon[i]) > max)
        return strata__seed_problem(r, f, row->line, err,
                                    "%s: '%s' is %zu characters, longer "
                                    "than %s allows",
                                    col->name, row->canon[i],
                                    strata__seed_chars(row->canon[i]),
                                    col->type);
    return check_enums(r, f, row, t, col, row->canon[i], err);
}

/* --- the key a table is upserted by --------------------------------------- */

/* Do all rows give a non-NULL value of each of cols? */
static int rows_have(const strata_seed_table *st, char *const *cols,
                     size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < st->nrows; i++)
        for (size_t k = 0; k < n; k++) {
            long at = strata__seed_find(st->rows[i], cols[k]);

            if (at < 0 || !st->rows[i]->values[at])
                return 0;
        }
    return 1;
}

static int set_key(strata_seed_table *st, char *const *cols, size_t n,
                   const char *from, strata_error *err)
{
    free(st->key);
    st->key = malloc(n * sizeof *st->key);
    STRATA_ALLOC_CHECK(st->key, err);
    for (size_t i = 0; i < n; i++)
        st->key[i] = cols[i];
    st->nkey = n;
    st->key_from = from;
    return STRATA_OK;
}

/* The declared key (the same in every file of the table), else the
 * primary key when every row gives it, else the first UNIQUE constraint
 * or unique index (no predicate, columns only) every row gives. */
static int resolve_key(strata_seed_run *r, strata_seed_table *st,
                       strata_error *err)
{
    const strata_table *t = st->cat;
    const strata_seed_file *decl = NULL;
    char *pk[64];
    size_t npk = 0;

    for (size_t i = 0; i < st->nrows; i++) {
        const strata_seed_file *f = st->from[i];

        if (!f->nkey || f == decl)
            continue;
        for (size_t k = 0; decl && k < f->nkey + 1; k++)
            if (k == f->nkey ? k != decl->nkey
                             : k >= decl->nkey ||
                                   !strata__name_eq(f->key[k], decl->key[k]))
                return strata__seed_problem(
                    r, f, 1, err, "key: differs from the key %s declares "
                    "for %s", decl->path, st->name);
        decl = f;
    }
    if (decl) {
        char *cols[64];

        if (decl->nkey > 64)
            return strata__seed_problem(r, decl, 1, err, "key: too long");
        for (size_t k = 0; k < decl->nkey; k++) {
            const strata_column *c = strata__table_column(t, decl->key[k]);

            if (!c)
                return strata__seed_problem(r, decl, 1, err,
                                            "key: no column '%s' in table "
                                            "%s",
                                            decl->key[k], st->name);
            cols[k] = c->name;
        }
        if (!rows_have(st, cols, decl->nkey) && st->nrows)
            return strata__seed_problem(r, decl, 1, err,
                                        "key: every row must give the key "
                                        "columns");
        return set_key(st, cols, decl->nkey, "key:", err);
    }
    for (size_t p = 1; p <= t->ncolumns && npk < 64; p++)
        for (size_t i = 0; i < t->ncolumns; i++)
            if (t->columns[i].pk == (int)p)
                pk[npk++] = t->columns[i].name;
    if (rows_have(st, pk, npk))
        return set_key(st, pk, npk, "primary key", err);
    for (size_t i = 0; i < t->nconstraints; i++) {
        const strata_constraint *c = &t->constraints[i];

        if (c->kind == STRATA_CON_UNIQUE &&
            rows_have(st, c->columns, c->ncolumns))
            return set_key(st, c->columns, c->ncolumns, c->name, err);
    }
    for (size_t i = 0; i < t->nindexes; i++) {
        const strata_index *ix = &t->indexes[i];
        char *cols[64];
        size_t n = 0;

        if (!ix->unique || ix->where || ix->nkeys > 64)
            continue;
        for (size_t k = 0; k < ix->nkeys && ix->keys[k].column; k++)
            cols[n++] = ix->keys[k].column;
        if (n == ix->nkeys && rows_have(st, cols, n))
            return set_key(st, cols, n, ix->name, err);
    }
    if (!st->nrows)
        return STRATA_OK;
    return strata__seed_problem(
        r, st->from[0], st->rows[0]->line, err,
        "table %s: the rows give neither the primary key nor the columns "
        "of a unique constraint in every row: declare the key ('key:' in "
        "YAML or JSON, '# key:' in CSV)",
        st->name);
}

/* --- keys within the files ------------------------------------------------ */

int strata__seed_tuple(char *const *values, size_t n, strata_buf *b)
{
    b->len = 0;
    for (size_t k = 0; k < n; k++)
        if (strata__buf_printf(b, "%s%s", k ? "\x1f" : "",
                               values[k] ? values[k] : "\x1e") != STRATA_OK)
            return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* The canonical values of cols in row (NULL where absent). */
static void row_values(const strata_seed_row *row, const char *const *cols,
                       size_t n, char **out)
{
    for (size_t k = 0; k < n; k++) {
        long at = strata__seed_find(row, cols[k]);

        out[k] = at < 0 ? NULL : row->canon[at];
    }
}

static int describe_tuple(strata_buf *b, const char *const *cols,
                          char *const *v, size_t n)
{
    int rc = STRATA_OK;

    for (size_t k = 0; k < n && rc == STRATA_OK; k++)
        rc = strata__buf_printf(b, "%s%s=%s", k ? ", " : "", cols[k],
                                v[k] ? v[k] : "NULL");
    return rc;
}

static int duplicates(strata_seed_run *r, strata_seed_table *st,
                      strata_error *err)
{
    char **tuples = calloc(st->nrows + 1, sizeof *tuples);
    char *v[64];
    strata_strmap m = {0};
    strata_buf b = {0};
    int rc = STRATA_OK;

    STRATA_ALLOC_GOTO(tuples, err, rc, out);
    if (strata__strmap_init(&m, st->nrows) != STRATA_OK) {
        rc = strata__nomem(err);
        goto out;
    }
    for (size_t i = 0; i < st->nrows && rc == STRATA_OK; i++) {
        long first;

        row_values(st->rows[i], st->key, st->nkey, v);
        if (strata__seed_tuple(v, st->nkey, &b) != STRATA_OK) {
            rc = strata__nomem(err);
            break;
        }
        tuples[i] = strata__buf_take(&b);
        first = strata__strmap_add(&m, tuples[i], (long)i);
        if (first >= 0) {
            strata_buf d = {0};

            if (describe_tuple(&d, st->key, v, st->nkey) != STRATA_OK)
                rc = strata__nomem(err);
            else
                rc = strata__seed_problem(
                    r, st->from[i], st->rows[i]->line, err,
                    "duplicate key (%s) of table %s, first at %s:%u", d.data,
                    st->name, st->from[first]->path,
                    st->rows[first]->line);
            strata__buf_free(&d);
        }
    }
out:
    strata__strmap_free(&m);
    for (size_t i = 0; tuples && i < st->nrows; i++)
        free(tuples[i]);
    free(tuples);
    strata__buf_free(&b);
    return rc;
}

/* --- foreign keys --------------------------------------------------------- */

static int count_cb(void *payload, int ncols, const char *const *values,
                    const char *const *names)
{
    (void)ncols;
    (void)names;
    *(long *)payload = values[0] ? atol(values[0]) : 0;
    return 0;
}

/* Is there a row of c's referenced table with these values, among the
 * seed rows or in the database? */
static int ref_exists(strata_seed_run *r, const strata_constraint *c,
                      char *const *v, int *out, strata_error *err)
{
    strata_buf q = {0};
    long n = 0;
    int rc = STRATA_OK;

    *out = 0;
    for (size_t t = 0; t < r->ntables && !*out; t++) {
        const strata_seed_table *st = &r->tables[t];

        if (!strata__name_eq(st->name, c->ref_table))
            continue;
        for (size_t i = 0; i < st->nrows && !*out; i++) {
            int all = 1;

            for (size_t k = 0; k < c->nref_columns && all; k++) {
                long at = strata__seed_find(st->rows[i], c->ref_columns[k]);

                all = at >= 0 && st->rows[i]->canon[at] &&
                      strcmp(st->rows[i]->canon[at], v[k]) == 0;
            }
            *out = all;
        }
    }
    if (*out)
        return STRATA_OK;
    rc = strata__buf_puts(&q, "SELECT count(*) FROM ");
    if (!rc)
        rc = r->drv->quote_ident(r->conn, c->ref_table, &q);
    for (size_t k = 0; k < c->nref_columns && !rc; k++) {
        rc = strata__buf_puts(&q, k ? " AND " : " WHERE ");
        if (!rc)
            rc = r->drv->quote_ident(r->conn, c->ref_columns[k], &q);
        if (!rc)
            rc = strata__buf_puts(&q, " = ");
        if (!rc)
            rc = r->drv->quote_literal(r->conn, v[k], &q);
    }
    if (rc != STRATA_OK) {
        strata__buf_free(&q);
        return strata__nomem(err);
    }
    rc = r->drv->query(r->conn, q.data, count_cb, &n);
    if (rc != STRATA_OK)
        rc = strata__error_set(err, rc, "reading %s: %s", c->ref_table,
                               r->conn->errmsg);
    strata__buf_free(&q);
    *out = n > 0;
    return rc;
}

static int foreign_keys(strata_seed_run *r, strata_seed_table *st,
                        strata_error *err)
{
    const strata_table *t = st->cat;
    int rc = STRATA_OK;

    for (size_t ci = 0; ci < t->nconstraints && rc == STRATA_OK; ci++) {
        const strata_constraint *c = &t->constraints[ci];
        char *v[64];

        if (c->kind != STRATA_CON_FOREIGN_KEY || c->ncolumns > 64 ||
            c->ncolumns != c->nref_columns)
            continue;
        for (size_t i = 0; i < st->nrows && rc == STRATA_OK; i++) {
            int ok = 1, found;

            row_values(st->rows[i], (const char *const *)c->columns,
                       c->ncolumns, v);
            for (size_t k = 0; k < c->ncolumns; k++)
                ok &= v[k] != NULL; /* NULL or absent: nothing referenced */
            if (!ok)
                continue;
            rc = ref_exists(r, c, v, &found, err);
            if (rc == STRATA_OK && !found) {
                strata_buf d = {0};

                if (describe_tuple(&d, (const char *const *)c->ref_columns,
                                   v, c->ncolumns) != STRATA_OK)
                    rc = strata__nomem(err);
                else
                    rc = strata__seed_problem(
                        r, st->from[i], st->rows[i]->line, err,
                        "no row of %s with %s, in the files or the "
                        "database (foreign key %s)",
                        c->ref_table, d.data, c->name);
                strata__buf_free(&d);
            }
        }
    }
    return rc;
}

int strata__seed_check(strata_seed_run *r, strata_error *err)
{
    int rc = STRATA_OK;

    for (size_t t = 0; t < r->ntables && rc == STRATA_OK; t++) {
        strata_seed_table *st = &r->tables[t];

        for (size_t i = 0; i < st->nrows && rc == STRATA_OK; i++) {
            strata_seed_row *row = st->rows[i];

            row->canon = calloc(row->n + 1, sizeof *row->canon);
            STRATA_ALLOC_CHECK(row->canon, err);
            for (size_t k = 0; k < row->n && rc == STRATA_OK; k++)
                rc = check_value(r, st->from[i], row, k, st->cat, err);
        }
    }
    /* Keys and references too, so one run names every bad row; a value
     * that did not read counts as absent there. */
    if (rc != STRATA_OK)
        return rc;
    for (size_t t = 0; t < r->ntables && rc == STRATA_OK; t++) {
        rc = resolve_key(r, &r->tables[t], err);
        if (rc == STRATA_OK && r->tables[t].nkey)
            rc = duplicates(r, &r->tables[t], err);
    }
    for (size_t t = 0; t < r->ntables && rc == STRATA_OK; t++)
        rc = foreign_keys(r, &r->tables[t], err);
    return rc;
}
