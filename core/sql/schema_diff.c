/* schema_diff.c - two normalised schemas compared object by object: a
 * merge of their sorted lists, each object described in words and the
 * words compared. */
#include "sql/schema_diff.h"

#include <stdlib.h>
#include <string.h>

#include "sql/catalog.h"
#include "util/buf.h"

typedef struct differ {
    strata_schema_diff *out;
    int portable;
    int rc;
} differ;

static void add(differ *x, const char *kind, const char *table,
                const char *name, const char *a, const char *b)
{
    strata_schema_change *g, *c;

    if (x->rc != STRATA_OK)
        return;
    if (!(g = realloc(x->out->v, (x->out->n + 1) * sizeof *g))) {
        x->rc = STRATA_ERR_NOMEM;
        return;
    }
    x->out->v = g;
    c = &g[x->out->n];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->change = !a ? STRATA_DIFF_ONLY_B : !b ? STRATA_DIFF_ONLY_A
                                             : STRATA_DIFF_DIFFERS;
    if ((table && !(c->table = strdup(table))) || !(c->name = strdup(name)) ||
        (a && !(c->a = strdup(a))) || (b && !(c->b = strdup(b)))) {
        free(c->table);
        free(c->name);
        free(c->a);
        x->rc = STRATA_ERR_NOMEM;
        return;
    }
    x->out->n++;
}

/* --- objects in words ---------------------------------------------------- */

static void column_words(differ *x, const strata_column *c, strata_buf *b)
{
    if (x->portable) {
        x->rc = strata__buf_puts(b, c->notnull ? "NOT NULL" : "NULL");
        return;
    }
    x->rc = strata__column_describe(c, b);
    if (x->rc == STRATA_OK && c->generated)
        x->rc = strata__buf_puts(b, " GENERATED");
    if (x->rc == STRATA_OK && c->autoincrement)
        x->rc = strata__buf_puts(b, " AUTOINCREMENT");
    if (x->rc == STRATA_OK && c->pk)
        x->rc = strata__buf_printf(b, " (primary key %d)", c->pk);
}

static void list_words(strata_buf *b, char *const *v, size_t n, int *rc)
{
    for (size_t i = 0; i < n && *rc == STRATA_OK; i++)
        *rc = strata__buf_printf(b, "%s%s%s", i ? ", " : "(", v[i],
                                 i + 1 == n ? ")" : "");
}

static void constraint_words(differ *x, const strata_constraint *c,
                             strata_buf *b)
{
    if (!x->portable) {
        x->rc = strata__constraint_describe(c, b);
        if (x->rc == STRATA_OK && c->not_valid)
            x->rc = strata__buf_puts(b, " NOT VALID");
        return;
    }
    /* The expression of a CHECK is each engine's own text. */
    x->rc = strata__buf_puts(b, strata__constraint_kind_name(c->kind));
    if (x->rc == STRATA_OK && c->kind != STRATA_CON_CHECK)
        x->rc = strata__buf_puts(b, " ");
    if (c->kind != STRATA_CON_CHECK)
        list_words(b, c->columns, c->ncolumns, &x->rc);
    if (x->rc == STRATA_OK && c->kind == STRATA_CON_FOREIGN_KEY) {
        x->rc = strata__buf_printf(b, " REFERENCES %s ", c->ref_table);
        list_words(b, c->ref_columns, c->nref_columns, &x->rc);
    }
}

/* A key on a column's first bytes ("name(3072)": MySQL indexes text
 * columns so) keys that column, as the portable model says it. */
static int prefix_key(const char *e, strata_buf *b)
{
    size_t n, i, d;

    while (*e == '(')
        e++;
    n = strcspn(e, "(");
    for (i = 0; i < n; i++)
        if (!(e[i] == '_' || (e[i] >= 'a' && e[i] <= 'z') ||
              (e[i] >= 'A' && e[i] <= 'Z') || (i && e[i] >= '0' &&
                                               e[i] <= '9')))
            return 0;
    d = n && e[n] == '(' ? strspn(e + n + 1, "0123456789") : 0;
    if (!d || e[n + 1 + d] != ')' ||
        e[n + 2 + d + strspn(e + n + 2 + d, ")")] != '\0')
        return 0;
    return strata__buf_append(b, e, n) == STRATA_OK ? 1 : -1;
}

static void index_words(differ *x, const strata_index *ix, strata_buf *b)
{
    if (!x->portable) {
        x->rc = strata__index_describe(ix, b);
        return;
    }
    x->rc = strata__buf_puts(b, ix->unique ? "UNIQUE (" : "(");
    for (size_t k = 0; k < ix->nkeys && x->rc == STRATA_OK; k++) {
        const strata_index_key *key = &ix->keys[k];
        int p;

        x->rc = strata__buf_puts(b, k ? ", " : "");
        if (x->rc != STRATA_OK)
            break;
        p = key->column ? 0 : prefix_key(key->expr, b);
        if (p < 0)
            x->rc = STRATA_ERR_NOMEM;
        else if (!p)
            x->rc = strata__buf_puts(b, key->column ? key->column
                                                    : "(expression)");
        if (x->rc == STRATA_OK && key->desc)
            x->rc = strata__buf_puts(b, " DESC");
    }
    if (x->rc == STRATA_OK)
        x->rc = strata__buf_puts(b, ")");
}

/* --- merging sorted lists ------------------------------------------------ */

/* One kind of object: n items of size bytes at v, their names by name(),
 * their words by words(). */
typedef struct side {
    const void *v;
    size_t n;
} side;

typedef const char *(*name_fn)(const void *item);
typedef void (*words_fn)(differ *x, const void *item, strata_buf *b);

static const char *nth_name(name_fn name, side s, size_t size, size_t i)
{
    return name((const char *)s.v + i * size);
}

/* Compare the items of a and b by name (both sorted when sorted != 0;
 * else matched by search, as columns keep their table order). */
static void merge(differ *x, const char *kind, const char *table, side a,
                  side b, size_t size, name_fn name, words_fn words,
                  int sorted)
{
    strata_buf wa = {0}, wb = {0};
    unsigned char *seen = b.n ? calloc(b.n, 1) : NULL;
    size_t j = 0;

    if (b.n && !seen) {
        x->rc = STRATA_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < a.n && x->rc == STRATA_OK; i++) {
        const char *na = nth_name(name, a, size, i);
        size_t k;

        if (sorted) {
            for (; j < b.n && strcmp(nth_name(name, b, size, j), na) < 0;
                 j++)
                ;
            k = j < b.n && strcmp(nth_name(name, b, size, j), na) == 0
                    ? j : b.n;
        } else {
            for (k = 0; k < b.n && strcmp(nth_name(name, b, size, k), na);
                 k++)
                ;
        }
        wa.len = 0;
        if (wa.data)
            wa.data[0] = '\0';
        words(x, (const char *)a.v + i * size, &wa);
        if (k == b.n) {
            add(x, kind, table, na, wa.data ? wa.data : "", NULL);
            continue;
        }
        seen[k] = 1;
        wb.len = 0;
        if (wb.data)
            wb.data[0] = '\0';
        words(x, (const char *)b.v + k * size, &wb);
        if (x->rc == STRATA_OK &&
            strcmp(wa.data ? wa.data : "", wb.data ? wb.data : "") != 0)
            add(x, kind, table, na, wa.data ? wa.data : "",
                wb.data ? wb.data : "");
    }
    for (size_t k = 0; k < b.n && x->rc == STRATA_OK; k++) {
        if (seen[k])
            continue;
        wb.len = 0;
        if (wb.data)
            wb.data[0] = '\0';
        words(x, (const char *)b.v + k * size, &wb);
        add(x, kind, table, nth_name(name, b, size, k), NULL,
            wb.data ? wb.data : "");
    }
    free(seen);
    strata__buf_free(&wa);
    strata__buf_free(&wb);
}

static const char *column_name(const void *p)
{
    return ((const strata_column *)p)->name;
}
static const char *constraint_name(const void *p)
{
    return ((const strata_constraint *)p)->name;
}
static const char *index_name(const void *p)
{
    return ((const strata_index *)p)->name;
}
static const char *object_name(const void *p)
{
    return ((const strata_object *)p)->name;
}
static const char *table_name(const void *p)
{
    return ((const strata_table *)p)->name;
}

static void column_fn(differ *x, const void *p, strata_buf *b)
{
    column_words(x, p, b);
}
static void constraint_fn(differ *x, const void *p, strata_buf *b)
{
    constraint_words(x, p, b);
}
static void index_fn(differ *x, const void *p, strata_buf *b)
{
    index_words(x, p, b);
}
static void object_fn(differ *x, const void *p, strata_buf *b)
{
    const char *sql = ((const strata_object *)p)->sql;

    x->rc = strata__buf_puts(b, sql ? sql : "");
}
static void table_fn(differ *x, const void *p, strata_buf *b)
{
    const strata_table *t = p;

    x->rc = strata__buf_printf(b, "%zu column%s", t->ncolumns,
                               t->ncolumns == 1 ? "" : "s");
}

/* Across dialects, the indexes an engine makes for its constraints
 * carry its own names (sqlite_autoindex_t_1): the constraints compare. */
static side own_indexes(differ *x, const strata_table *t, strata_index **tmp)
{
    size_t n = 0;

    *tmp = NULL;
    if (!x->portable || !t->nindexes)
        return (side){t->indexes, t->nindexes};
    if (!(*tmp = malloc(t->nindexes * sizeof **tmp))) {
        x->rc = STRATA_ERR_NOMEM;
        return (side){NULL, 0};
    }
    for (size_t i = 0; i < t->nindexes; i++)
        if (!t->indexes[i].constraint)
            (*tmp)[n++] = t->indexes[i];
    return (side){*tmp, n};
}

static void table_parts(differ *x, const strata_table *a,
                        const strata_table *b)
{
    strata_index *ta = NULL, *tb = NULL;
    side ia, ib;

    merge(x, "column", a->name, (side){a->columns, a->ncolumns},
          (side){b->columns, b->ncolumns}, sizeof *a->columns, column_name,
          column_fn, 0);
    merge(x, "constraint", a->name, (side){a->constraints, a->nconstraints},
          (side){b->constraints, b->nconstraints}, sizeof *a->constraints,
          constraint_name, constraint_fn, 1);
    ia = own_indexes(x, a, &ta);
    ib = own_indexes(x, b, &tb);
    merge(x, "index", a->name, ia, ib, sizeof *a->indexes, index_name,
          index_fn, 1);
    free(ta);
    free(tb);
    if (!x->portable)
        merge(x, "trigger", a->name, (side){a->triggers, a->ntriggers},
              (side){b->triggers, b->ntriggers}, sizeof *a->triggers,
              object_name, object_fn, 1);
}

static const char *const skipped_portable[] = {
    "column types", "defaults", "CHECK expressions",
    "index expressions and predicates", "triggers", "views", "sequences"};

int strata__schema_diff(const strata_schema *a, const strata_schema *b,
                        int portable, strata_schema_diff *out)
{
    differ x = {out, portable, STRATA_OK};
    size_t j = 0;

    memset(out, 0, sizeof *out);
    if (a->dialect && b->dialect && strcmp(a->dialect, b->dialect) != 0)
        x.portable = 1;
    out->portable = x.portable;
    /* Tables present on one side only are one change each. */
    merge(&x, "table", NULL, (side){a->tables, a->ntables},
          (side){b->tables, b->ntables}, sizeof *a->tables, table_name,
          table_fn, 1);
    /* A table on both sides: the table-level change (if any) is only its
     * column count; its parts say what differs. */
    for (size_t i = 0; i < out->n; i++)
        if (strcmp(out->v[i].kind, "table") == 0 &&
            strcmp(out->v[i].change, STRATA_DIFF_DIFFERS) == 0) {
            strata_schema_change *c = &out->v[i];

            free(c->table);
            free(c->name);
            free(c->a);
            free(c->b);
            memmove(c, c + 1, (out->n - i - 1) * sizeof *c);
            out->n--;
            i--;
        }
    for (size_t i = 0; i < a->ntables && x.rc == STRATA_OK; i++) {
        for (; j < b->ntables &&
               strcmp(b->tables[j].name, a->tables[i].name) < 0;
             j++)
            ;
        if (j < b->ntables && strcmp(b->tables[j].name, a->tables[i].name) ==
                                  0)
            table_parts(&x, &a->tables[i], &b->tables[j]);
    }
    if (!x.portable) {
        merge(&x, "view", NULL, (side){a->views, a->nviews},
              (side){b->views, b->nviews}, sizeof *a->views, object_name,
              object_fn, 1);
        merge(&x, "sequence", NULL, (side){a->sequences, a->nsequences},
              (side){b->sequences, b->nsequences}, sizeof *a->sequences,
              object_name, object_fn, 1);
    } else {
        out->skipped = (const char **)skipped_portable;
        out->nskipped = sizeof skipped_portable / sizeof *skipped_portable;
    }
    if (x.rc != STRATA_OK)
        strata__schema_diff_free(out);
    return x.rc;
}

void strata__schema_diff_free(strata_schema_diff *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].table);
        free(d->v[i].name);
        free(d->v[i].a);
        free(d->v[i].b);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}
