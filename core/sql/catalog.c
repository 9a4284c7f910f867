/* catalog.c - memory, lookups, simulation and comparison of the neutral
 * catalog structs of include/strata/driver.h. */
#include "sql/catalog.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi/free.h"
#include "db/host.h"

/* --- memory ------------------------------------------------------------- */
/* abi/free.c's destructors, with the core's host: the drivers free the
 * same types with the same code. */

void strata__column_clear(strata_column *c)
{
    strata_abi_column_free(strata__host(), c);
}

void strata__constraint_clear(strata_constraint *c)
{
    strata_abi_constraint_free(strata__host(), c);
}

void strata__index_clear(strata_index *ix)
{
    strata_abi_index_free(strata__host(), ix);
}

void strata__table_clear(strata_table *t)
{
    strata_abi_table_free(strata__host(), t);
}

void strata__tables_free(strata_table *v, size_t n)
{
    strata_abi_tables_free(strata__host(), v, n);
}

/* strdup that tells NULL-in from out-of-memory. */
static int dup(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return STRATA_OK;
    *dst = strdup(src);
    return *dst ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int strv_copy(char ***dst, size_t *ndst, char *const *src, size_t n)
{
    *dst = NULL;
    *ndst = 0;
    if (!n)
        return STRATA_OK;
    if (!(*dst = calloc(n, sizeof **dst)))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (dup(&(*dst)[i], src[i]) != STRATA_OK) {
            strata_abi_strv_free(strata__host(), *dst, i);
            *dst = NULL;
            return STRATA_ERR_NOMEM;
        }
    }
    *ndst = n;
    return STRATA_OK;
}

int strata__column_copy(strata_column *dst, const strata_column *src)
{
    *dst = *src;
    dst->name = dst->type = dst->default_expr = NULL;
    if (dup(&dst->name, src->name) || dup(&dst->type, src->type) ||
        dup(&dst->default_expr, src->default_expr)) {
        strata__column_clear(dst);
        return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

int strata__constraint_copy(strata_constraint *dst,
                            const strata_constraint *src)
{
    memset(dst, 0, sizeof *dst);
    dst->kind = src->kind;
    dst->named = src->named;
    dst->not_valid = src->not_valid;
    if (dup(&dst->name, src->name) || dup(&dst->check, src->check) ||
        dup(&dst->ref_table, src->ref_table) ||
        dup(&dst->on_delete, src->on_delete) ||
        dup(&dst->on_update, src->on_update) ||
        strv_copy(&dst->columns, &dst->ncolumns, src->columns,
                  src->ncolumns) ||
        strv_copy(&dst->ref_columns, &dst->nref_columns, src->ref_columns,
                  src->nref_columns)) {
        strata__constraint_clear(dst);
        return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

int strata__index_copy(strata_index *dst, const strata_index *src)
{
    memset(dst, 0, sizeof *dst);
    dst->unique = src->unique;
    dst->invalid = src->invalid;
    dst->constraint = src->constraint;
    if (dup(&dst->name, src->name) || dup(&dst->table, src->table) ||
        dup(&dst->where, src->where) || dup(&dst->sql, src->sql))
        goto oom;
    if (src->nkeys) {
        dst->keys = calloc(src->nkeys, sizeof *dst->keys);
        if (!dst->keys)
            goto oom;
        dst->nkeys = src->nkeys;
        for (size_t i = 0; i < src->nkeys; i++) {
            dst->keys[i].desc = src->keys[i].desc;
            if (dup(&dst->keys[i].column, src->keys[i].column) ||
                dup(&dst->keys[i].expr, src->keys[i].expr))
                goto oom;
        }
    }
    return STRATA_OK;
oom:
    strata__index_clear(dst);
    return STRATA_ERR_NOMEM;
}

static int objects_copy(strata_object **dst, size_t *ndst,
                        const strata_object *src, size_t n)
{
    *dst = NULL;
    *ndst = 0;
    if (!n)
        return STRATA_OK;
    if (!(*dst = calloc(n, sizeof **dst)))
        return STRATA_ERR_NOMEM;
    *ndst = n;
    for (size_t i = 0; i < n; i++)
        if (dup(&(*dst)[i].kind, src[i].kind) ||
            dup(&(*dst)[i].name, src[i].name) ||
            dup(&(*dst)[i].sql, src[i].sql))
            return STRATA_ERR_NOMEM; /* the caller clears the table */
    return STRATA_OK;
}

int strata__table_copy(strata_table *dst, const strata_table *src)
{
    memset(dst, 0, sizeof *dst);
    dst->exists = src->exists;
    if (dup(&dst->name, src->name) || dup(&dst->sql, src->sql))
        goto oom;
    if (src->ncolumns &&
        !(dst->columns = calloc(src->ncolumns, sizeof *dst->columns)))
        goto oom;
    for (; dst->ncolumns < src->ncolumns; dst->ncolumns++)
        if (strata__column_copy(&dst->columns[dst->ncolumns],
                                &src->columns[dst->ncolumns]))
            goto oom;
    if (src->nconstraints &&
        !(dst->constraints =
              calloc(src->nconstraints, sizeof *dst->constraints)))
        goto oom;
    for (; dst->nconstraints < src->nconstraints; dst->nconstraints++)
        if (strata__constraint_copy(&dst->constraints[dst->nconstraints],
                                    &src->constraints[dst->nconstraints]))
            goto oom;
    if (src->nindexes &&
        !(dst->indexes = calloc(src->nindexes, sizeof *dst->indexes)))
        goto oom;
    for (; dst->nindexes < src->nindexes; dst->nindexes++)
        if (strata__index_copy(&dst->indexes[dst->nindexes],
                               &src->indexes[dst->nindexes]))
            goto oom;
    if (objects_copy(&dst->triggers, &dst->ntriggers, src->triggers,
                     src->ntriggers) ||
        objects_copy(&dst->dependents, &dst->ndependents, src->dependents,
                     src->ndependents))
        goto oom;
    return STRATA_OK;
oom:
    strata__table_clear(dst);
    return STRATA_ERR_NOMEM;
}

/* --- lookups ------------------------------------------------------------ */

int strata__name_eq(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

int strata__name_same(uint32_t flags, int table, const char *a,
                      const char *b)
{
    if (!a || !b)
        return 0;
    if ((flags & STRATA_NAME_EXACT) ||
        (table && (flags & STRATA_NAME_TABLE_EXACT)))
        return strcmp(a, b) == 0;
    return strcasecmp(a, b) == 0;
}

/* The index of the item (n of size bytes, its name a char * at off)
 * spelt name, else the first equal to it without ASCII case, else
 * (size_t)-1. */
static size_t find_name(const void *items, size_t n, size_t size,
                        size_t off, const char *name)
{
    for (int exact = 1; exact >= 0; exact--)
        for (size_t i = 0; name && i < n; i++) {
            const char *s =
                *(char *const *)((const char *)items + i * size + off);

            if (s && (exact ? strcmp(s, name) : strcasecmp(s, name)) == 0)
                return i;
        }
    return (size_t)-1;
}

strata_column *strata__table_column(const strata_table *t, const char *name)
{
    size_t i = t ? find_name(t->columns, t->ncolumns, sizeof *t->columns,
                             offsetof(strata_column, name), name)
                 : (size_t)-1;

    return i == (size_t)-1 ? NULL : &t->columns[i];
}

strata_constraint *strata__table_constraint(const strata_table *t,
                                            const char *name)
{
    size_t i = t ? find_name(t->constraints, t->nconstraints,
                             sizeof *t->constraints,
                             offsetof(strata_constraint, name), name)
                 : (size_t)-1;

    return i == (size_t)-1 ? NULL : &t->constraints[i];
}

strata_index *strata__table_index(const strata_table *t, const char *name)
{
    size_t i = t ? find_name(t->indexes, t->nindexes, sizeof *t->indexes,
                             offsetof(strata_index, name), name)
                 : (size_t)-1;

    return i == (size_t)-1 ? NULL : &t->indexes[i];
}

/* --- simulation --------------------------------------------------------- */

/* Append a copy of *item (size bytes, copied by fn) to *arr of *n. */
#define APPEND(arr, n, src, copyfn)                                        \
    do {                                                                   \
        void *grown_ = realloc((arr), ((n) + 1) * sizeof *(arr));          \
        if (!grown_)                                                       \
            return STRATA_ERR_NOMEM;                                       \
        (arr) = grown_;                                                    \
        if (copyfn(&(arr)[(n)], (src)) != STRATA_OK)                       \
            return STRATA_ERR_NOMEM;                                       \
        (n)++;                                                             \
    } while (0)

static int strv_has(char *const *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strata__name_eq(v[i], name))
            return 1;
    return 0;
}

/* Remove the columns, constraints and indexes that involve column. */
static void drop_column(strata_table *t, const char *col)
{
    size_t k = 0;

    for (size_t i = 0; i < t->ncolumns; i++) {
        if (strata__name_eq(t->columns[i].name, col))
            strata__column_clear(&t->columns[i]);
        else
            t->columns[k++] = t->columns[i];
    }
    t->ncolumns = k;
    k = 0;
    for (size_t i = 0; i < t->nconstraints; i++) {
        strata_constraint *c = &t->constraints[i];
        if (strv_has(c->columns, c->ncolumns, col))
            strata__constraint_clear(c);
        else
            t->constraints[k++] = *c;
    }
    t->nconstraints = k;
    k = 0;
    for (size_t i = 0; i < t->nindexes; i++) {
        strata_index *ix = &t->indexes[i];
        int uses = 0;
        for (size_t j = 0; j < ix->nkeys; j++)
            uses |= strata__name_eq(ix->keys[j].column, col);
        if (uses)
            strata__index_clear(ix);
        else
            t->indexes[k++] = *ix;
    }
    t->nindexes = k;
}

static void rename_in(char **v, size_t n, const char *from, const char *to,
                      int *oom)
{
    for (size_t i = 0; i < n; i++) {
        if (strata__name_eq(v[i], from)) {
            char *d = strdup(to);
            if (!d) {
                *oom = 1;
                return;
            }
            free(v[i]);
            v[i] = d;
        }
    }
}

static int rename_column(strata_table *t, const char *from, const char *to)
{
    int oom = 0;

    for (size_t i = 0; i < t->ncolumns; i++)
        rename_in(&t->columns[i].name, 1, from, to, &oom);
    for (size_t i = 0; i < t->nconstraints; i++)
        rename_in(t->constraints[i].columns, t->constraints[i].ncolumns,
                  from, to, &oom);
    for (size_t i = 0; i < t->nindexes; i++)
        for (size_t j = 0; j < t->indexes[i].nkeys; j++)
            if (t->indexes[i].keys[j].column)
                rename_in(&t->indexes[i].keys[j].column, 1, from, to, &oom);
    return oom ? STRATA_ERR_NOMEM : STRATA_OK;
}

static int set_str(char **dst, const char *src)
{
    char *d = NULL;

    if (src && !(d = strdup(src)))
        return STRATA_ERR_NOMEM;
    free(*dst);
    *dst = d;
    return STRATA_OK;
}

int strata__table_apply(strata_table *t, const strata_op *op)
{
    strata_column *col = op->name ? strata__table_column(t, op->name) : NULL;
    size_t k = 0;

    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        strata__table_clear(t);
        t->exists = 1;
        /* run as written, its text is the engine's definition: what a
         * simulated SQLite rebuild edits, as it edits what SQLite keeps */
        if (set_str(&t->name, op->table) ||
            ((op->flags & STRATA_OP_AS_WRITTEN) && set_str(&t->sql, op->sql)))
            return STRATA_ERR_NOMEM;
        for (size_t i = 0; i < op->ncolumns; i++)
            APPEND(t->columns, t->ncolumns, &op->columns[i],
                   strata__column_copy);
        for (size_t i = 0; i < op->nconstraints; i++)
            APPEND(t->constraints, t->nconstraints, &op->constraints[i],
                   strata__constraint_copy);
        return STRATA_OK;
    case STRATA_OP_DROP_TABLE: {
        char *name = t->name;
        t->name = NULL;
        strata__table_clear(t);
        t->name = name;
        return STRATA_OK;
    }
    case STRATA_OP_RENAME_TABLE:
        return set_str(&t->name, op->new_name);
    case STRATA_OP_ADD_COLUMN:
        for (size_t i = 0; i < op->ncolumns; i++)
            APPEND(t->columns, t->ncolumns, &op->columns[i],
                   strata__column_copy);
        for (size_t i = 0; i < op->nconstraints; i++)
            APPEND(t->constraints, t->nconstraints, &op->constraints[i],
                   strata__constraint_copy);
        return STRATA_OK;
    case STRATA_OP_DROP_COLUMN:
        drop_column(t, op->name);
        return STRATA_OK;
    case STRATA_OP_RENAME_COLUMN:
        return rename_column(t, op->name, op->new_name);
    case STRATA_OP_SET_NOT_NULL:
    case STRATA_OP_DROP_NOT_NULL:
        if (col)
            col->notnull = op->kind == STRATA_OP_SET_NOT_NULL;
        return STRATA_OK;
    case STRATA_OP_SET_DEFAULT:
        return col ? set_str(&col->default_expr, op->default_expr)
                   : STRATA_OK;
    case STRATA_OP_DROP_DEFAULT:
        return col ? set_str(&col->default_expr, NULL) : STRATA_OK;
    case STRATA_OP_ALTER_TYPE:
        return col ? set_str(&col->type, op->type) : STRATA_OK;
    case STRATA_OP_ADD_CONSTRAINT:
        for (size_t i = 0; i < op->nconstraints; i++)
            APPEND(t->constraints, t->nconstraints, &op->constraints[i],
                   strata__constraint_copy);
        return STRATA_OK;
    case STRATA_OP_DROP_CONSTRAINT:
        for (size_t i = 0; i < t->nconstraints; i++) {
            if (strata__name_eq(t->constraints[i].name, op->name))
                strata__constraint_clear(&t->constraints[i]);
            else
                t->constraints[k++] = t->constraints[i];
        }
        t->nconstraints = k;
        return STRATA_OK;
    case STRATA_OP_CREATE_INDEX:
        if (op->index)
            APPEND(t->indexes, t->nindexes, op->index, strata__index_copy);
        return STRATA_OK;
    case STRATA_OP_DROP_INDEX:
        for (size_t i = 0; i < t->nindexes; i++) {
            if (strata__name_eq(t->indexes[i].name, op->name))
                strata__index_clear(&t->indexes[i]);
            else
                t->indexes[k++] = t->indexes[i];
        }
        t->nindexes = k;
        return STRATA_OK;
    }
    return STRATA_ERR_INVALID;
}

/* --- comparison --------------------------------------------------------- */

int strata__expr_fold(const char *e, strata_buf *out)
{
    strata_buf b = {0};
    int rc = STRATA_OK;
    size_t start, end;

    for (const char *p = e; *p && rc == STRATA_OK; p++) {
        if (*p == '\'' || *p == '"') {
            /* A quoted run (doubled quotes inside) stays as written. */
            const char *q = p + 1;
            while (*q && !(*q == *p && q[1] != *p))
                q += (*q == *p) ? 2 : 1;
            rc = strata__buf_append(&b, p, (size_t)(q - p) + (*q ? 1 : 0));
            p = *q ? q : q - 1;
        } else if (!isspace((unsigned char)*p)) {
            char c = (char)tolower((unsigned char)*p);
            rc = strata__buf_append(&b, &c, 1);
        }
    }
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return rc;
    }
    /* Strip outer parentheses that wrap the whole expression. */
    start = 0;
    end = b.len;
    while (end - start >= 2 && b.data[start] == '(' &&
           b.data[end - 1] == ')') {
        int depth = 0, wraps = 1;
        for (size_t i = start; i < end - 1 && wraps; i++) {
            depth += b.data[i] == '(' ? 1 : b.data[i] == ')' ? -1 : 0;
            if (depth == 0)
                wraps = 0;
        }
        if (!wraps)
            break;
        start++;
        end--;
    }
    rc = strata__buf_append(out, b.data ? b.data + start : "", end - start);
    strata__buf_free(&b);
    return rc;
}

int strata__expr_eq(const strata_compare *cmp, const char *a, const char *b,
                    int *out)
{
    strata_buf fa = {0}, fb = {0};
    int rc;

    if (!a || !b) {
        *out = !a && !b;
        return STRATA_OK;
    }
    if (cmp && cmp->drv && cmp->drv->same_expr && cmp->conn) {
        rc = cmp->drv->same_expr(cmp->conn, cmp->table, a, b, out);
        if (rc == STRATA_OK)
            return rc;
    }
    rc = strata__expr_fold(a, &fa);
    if (rc == STRATA_OK)
        rc = strata__expr_fold(b, &fb);
    if (rc == STRATA_OK)
        *out = strcmp(fa.data ? fa.data : "", fb.data ? fb.data : "") == 0;
    strata__buf_free(&fa);
    strata__buf_free(&fb);
    return rc;
}

int strata__type_eq(const strata_compare *cmp, const char *a, const char *b,
                    int *out)
{
    strata_buf fa = {0}, fb = {0};
    int rc;

    if (!cmp || !cmp->drv || !cmp->drv->type_family)
        return strata__expr_eq(NULL, a, b, out);
    rc = cmp->drv->type_family(cmp->conn, a ? a : "", &fa);
    if (rc == STRATA_OK)
        rc = cmp->drv->type_family(cmp->conn, b ? b : "", &fb);
    if (rc == STRATA_OK)
        *out = strcasecmp(fa.data ? fa.data : "", fb.data ? fb.data : "") ==
               0;
    strata__buf_free(&fa);
    strata__buf_free(&fb);
    return rc;
}

int strata__index_eq(const strata_compare *cmp, const strata_index *a,
                     const strata_index *b, int *out)
{
    int rc = STRATA_OK, eq = !a->unique == !b->unique && a->nkeys == b->nkeys;

    for (size_t i = 0; eq && i < a->nkeys && rc == STRATA_OK; i++) {
        const strata_index_key *x = &a->keys[i], *y = &b->keys[i];
        eq = !x->desc == !y->desc;
        if (eq && x->column && y->column)
            eq = strata__name_eq(x->column, y->column);
        else if (eq)
            rc = strata__expr_eq(cmp, x->column ? x->column : x->expr,
                                 y->column ? y->column : y->expr, &eq);
    }
    if (eq && rc == STRATA_OK)
        rc = strata__expr_eq(cmp, a->where, b->where, &eq);
    *out = eq;
    return rc;
}

/* NO ACTION, RESTRICT and nothing written: all refuse a delete that
 * leaves orphans (RESTRICT only checks earlier; MySQL has just one). */
static const char *action_word(const char *a)
{
    return !a || strcasecmp(a, "restrict") == 0 ? "no action" : a;
}

static int action_eq(const char *a, const char *b)
{
    return strcasecmp(action_word(a), action_word(b)) == 0;
}

static int strv_eq(char *const *a, size_t na, char *const *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!strata__name_eq(a[i], b[i]))
            return 0;
    return 1;
}

int strata__constraint_eq(const strata_compare *cmp,
                          const strata_constraint *a,
                          const strata_constraint *b, int *out)
{
    int eq = a->kind == b->kind;

    *out = 0;
    if (!eq)
        return STRATA_OK;
    switch (a->kind) {
    case STRATA_CON_CHECK:
    case STRATA_CON_EXCLUDE:
        return strata__expr_eq(cmp, a->check, b->check, out);
    case STRATA_CON_FOREIGN_KEY:
        /* REFERENCES r without columns means r's primary key, which the
         * catalog spells out: an empty list matches any. */
        eq = strv_eq(a->columns, a->ncolumns, b->columns, b->ncolumns) &&
             strata__name_eq(a->ref_table, b->ref_table) &&
             (!a->nref_columns || !b->nref_columns ||
              strv_eq(a->ref_columns, a->nref_columns, b->ref_columns,
                      b->nref_columns)) &&
             action_eq(a->on_delete, b->on_delete) &&
             action_eq(a->on_update, b->on_update);
        break;
    default:
        eq = strv_eq(a->columns, a->ncolumns, b->columns, b->ncolumns);
    }
    *out = eq;
    return STRATA_OK;
}

static int describe_list(strata_buf *b, char *const *v, size_t n)
{
    int rc = strata__buf_puts(b, "(");

    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = strata__buf_printf(b, "%s%s", i ? ", " : "", v[i]);
    return rc == STRATA_OK ? strata__buf_puts(b, ")") : rc;
}

int strata__index_describe(const strata_index *ix, strata_buf *out)
{
    int rc = strata__buf_puts(out, ix->unique ? "UNIQUE (" : "(");

    for (size_t i = 0; i < ix->nkeys && rc == STRATA_OK; i++) {
        const strata_index_key *k = &ix->keys[i];
        rc = strata__buf_printf(out, "%s%s%s%s%s", i ? ", " : "",
                                k->column ? "" : "(",
                                k->column ? k->column : k->expr,
                                k->column ? "" : ")", k->desc ? " DESC" : "");
    }
    if (rc == STRATA_OK)
        rc = strata__buf_puts(out, ")");
    if (rc == STRATA_OK && ix->where)
        rc = strata__buf_printf(out, " WHERE %s", ix->where);
    if (rc == STRATA_OK && ix->invalid)
        rc = strata__buf_puts(out, " INVALID");
    return rc;
}

int strata__constraint_describe(const strata_constraint *c, strata_buf *out)
{
    int rc;

    switch (c->kind) {
    case STRATA_CON_CHECK:
        return strata__buf_printf(out, "CHECK (%s)", c->check ? c->check : "");
    case STRATA_CON_EXCLUDE: /* the engine's whole definition */
        return strata__buf_puts(out, c->check ? c->check : "EXCLUDE");
    case STRATA_CON_FOREIGN_KEY:
        rc = strata__buf_puts(out, "FOREIGN KEY ");
        if (rc == STRATA_OK)
            rc = describe_list(out, c->columns, c->ncolumns);
        if (rc == STRATA_OK)
            rc = strata__buf_printf(out, " REFERENCES %s", c->ref_table);
        if (rc == STRATA_OK && c->nref_columns)
            rc = strata__buf_puts(out, " ") == STRATA_OK
                     ? describe_list(out, c->ref_columns, c->nref_columns)
                     : STRATA_ERR_NOMEM;
        if (rc == STRATA_OK && c->on_delete)
            rc = strata__buf_printf(out, " ON DELETE %s", c->on_delete);
        if (rc == STRATA_OK && c->on_update)
            rc = strata__buf_printf(out, " ON UPDATE %s", c->on_update);
        return rc;
    default:
        rc = strata__buf_puts(out, c->kind == STRATA_CON_PRIMARY_KEY
                                       ? "PRIMARY KEY "
                                       : "UNIQUE ");
        return rc == STRATA_OK ? describe_list(out, c->columns, c->ncolumns)
                               : rc;
    }
}

int strata__column_describe(const strata_column *c, strata_buf *out)
{
    int rc = strata__buf_printf(out, "%s%s", c->type ? c->type : "",
                                c->notnull ? " NOT NULL" : "");

    if (rc == STRATA_OK && c->default_expr)
        rc = strata__buf_printf(out, " DEFAULT %s", c->default_expr);
    return rc;
}
