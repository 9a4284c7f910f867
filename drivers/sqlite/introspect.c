/* introspect.c - the live catalog of SQLite tables in neutral structs,
 * plus the small catalog questions the core asks (which table an index
 * is on, foreign keys on/off, rows breaking a foreign key).
 *
 * Four statements answer any number of tables: one pass over
 * sqlite_schema (tables, indexes' SQL, triggers, views), then
 * pragma_table_xinfo, pragma_index_list x pragma_index_xinfo and
 * pragma_foreign_key_list joined with it.  CHECKs and constraint names
 * exist only in the CREATE TABLE text, read with tabledef.c. */
#include <string.h>
#include <strings.h>

#include "abi/free.h"
#include "tabledef.h"
#include "../common/catalog.h"

static char *dup_or_null(const unsigned char *s)
{
    return s ? sq_host->strdup((const char *)s) : NULL;
}

/* ---- sqlite_schema ------------------------------------------------------ */

typedef struct srow {
    char *type, *name, *tbl, *sql;
} srow;

typedef struct schema {
    srow *rows; /* in rowid order: creation order */
    size_t n;
} schema;

static void schema_free(schema *s)
{
    for (size_t i = 0; i < s->n; i++) {
        sq_host->free(s->rows[i].type);
        sq_host->free(s->rows[i].name);
        sq_host->free(s->rows[i].tbl);
        sq_host->free(s->rows[i].sql);
    }
    sq_host->free(s->rows);
}

/* Prepare sql, binding names[0..n) to ?1..?n. */
static int prepare(sq_conn *q, const char *sql, const char *const *names,
                   size_t n, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(q->db, sql, -1, st, NULL);

    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = sqlite3_bind_text(*st, (int)i + 1, names[i], -1,
                               SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        rc = sq_db_error(q, rc);
        sqlite3_finalize(*st);
        *st = NULL;
    }
    return rc;
}

/* "(?1), (?2), ..." for n bound names. */
static int placeholders(strata_buf *b, size_t n)
{
    int rc = STRATA_OK;

    for (size_t i = 0; !rc && i < n; i++)
        rc = sq_host->buf_printf(b, "%s(?%zu)", i ? ", " : "", i + 1);
    return rc;
}

/* The sqlite_schema rows introspection needs: the tables asked for and
 * their indexes, and every view and trigger (any may mention them).
 * Copying the whole schema on each call made a long run quadratic. */
static int load_schema(sq_conn *q, schema *s, const char *const *names,
                       size_t n)
{
    strata_buf b = {0};
    sqlite3_stmt *st;
    int rc = sq_host->buf_printf(
        &b, "WITH asked(name) AS (VALUES ");

    if (!rc)
        rc = placeholders(&b, n);
    if (!rc)
        rc = sq_host->buf_printf(
            &b, ") SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
                "WHERE type IN ('view', 'trigger') OR (type IN ('table', "
                "'index') AND tbl_name COLLATE NOCASE IN (SELECT name FROM "
                "asked)) ORDER BY rowid");
    if (rc) {
        sq_host->buf_free(&b);
        return drv_nomem(&q->base);
    }
    rc = prepare(q, b.data, names, n, &st);
    sq_host->buf_free(&b);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srow *r = drv_grow(sq_host, &s->rows, &s->n, sizeof *r);

        if (!r || !(r->type = dup_or_null(sqlite3_column_text(st, 0))) ||
            !(r->name = dup_or_null(sqlite3_column_text(st, 1))) ||
            !(r->tbl = dup_or_null(sqlite3_column_text(st, 2))) ||
            (sqlite3_column_type(st, 3) != SQLITE_NULL &&
             !(r->sql = dup_or_null(sqlite3_column_text(st, 3))))) {
            sqlite3_finalize(st);
            return drv_nomem(&q->base);
        }
    }
    rc = rc == SQLITE_DONE ? STRATA_OK : sq_db_error(q, rc);
    sqlite3_finalize(st);
    return rc;
}

static const srow *find_row(const schema *s, const char *type,
                            const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->rows[i].type, type) == 0 &&
            strcasecmp(s->rows[i].name, name) == 0)
            return &s->rows[i];
    return NULL;
}

/* ---- the pragma passes -------------------------------------------------- */

/* Run body, which reads the table names from m(name) (?1..?n bound to
 * names), and hand each row to the table it belongs to (column 0 is the
 * table's name).  Driving the pragmas from the names, not from a scan
 * of sqlite_schema, keeps the cost independent of the schema's size. */
typedef int (*row_fn)(sq_conn *q, strata_table *t, sqlite3_stmt *st,
                      void *ctx);

static int each_row(sq_conn *q, const char *body, const char *const *names,
                    size_t n, strata_table *out, size_t nout, row_fn fn,
                    void *ctx)
{
    strata_buf b = {0};
    sqlite3_stmt *st = NULL;
    size_t last = 0, nexist = 0;
    int rc, unique;

    for (size_t i = 0; i < nout; i++)
        nexist += out[i].exists != 0;
    unique = nexist == n; /* names holds each existing table once */

    rc = sq_host->buf_printf(&b, "WITH m(name) AS (VALUES ");
    if (!rc)
        rc = placeholders(&b, n);
    if (!rc)
        rc = sq_host->buf_printf(&b, ") %s", body);
    if (rc) {
        sq_host->buf_free(&b);
        return drv_nomem(&q->base);
    }
    rc = prepare(q, b.data, names, n, &st);
    sq_host->buf_free(&b);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tn = (const char *)sqlite3_column_text(st, 0);
        size_t i = last < nout && tn && out[last].exists &&
                           strcmp(out[last].name, tn) == 0
                       ? last : 0;

        /* Rows come by table name: the last table matched is the likely
         * one (a schema dump asks for every table at once).  A name
         * asked twice gets its rows twice: then every entry is tried. */
        for (i = unique ? i : 0; tn && i < nout; i++)
            if (out[i].exists && strcmp(out[i].name, tn) == 0) {
                if ((rc = fn(q, &out[i], st, ctx)) != STRATA_OK) {
                    sqlite3_finalize(st);
                    return rc;
                }
                last = i;
                if (unique)
                    break;
            }
    }
    rc = rc == SQLITE_DONE ? STRATA_OK : sq_db_error(q, rc);
    sqlite3_finalize(st);
    return rc;
}

static int column_row(sq_conn *q, strata_table *t, sqlite3_stmt *st,
                      void *ctx)
{
    strata_column *col = drv_grow(sq_host, &t->columns, &t->ncolumns,
                                  sizeof *col);

    (void)ctx;
    if (!col || !(col->name = dup_or_null(sqlite3_column_text(st, 1))) ||
        !(col->type = sq_host->strdup(
              sqlite3_column_text(st, 2)
                  ? (const char *)sqlite3_column_text(st, 2) : "")))
        return drv_nomem(&q->base);
    col->notnull = sqlite3_column_int(st, 3) != 0;
    if (sqlite3_column_type(st, 4) != SQLITE_NULL &&
        !(col->default_expr = dup_or_null(sqlite3_column_text(st, 4))))
        return drv_nomem(&q->base);
    col->pk = sqlite3_column_int(st, 5);
    col->generated = sqlite3_column_int(st, 6) != 0;
    return STRATA_OK;
}

/* Key k of an index: an expression, whose text only the index's SQL
 * has.  "?" stands for it should that text ever not parse, so the key
 * is never neither a column nor an expression. */
static int expr_key(const char *sql, size_t k, char **out)
{
    sq_idef d = {0};
    int rc = sql ? sq_idef_parse(sql, &d) : STRATA_ERR_PARSE;

    if (rc == STRATA_ERR_NOMEM)
        return rc;
    if (rc == STRATA_OK && k < d.nkeys)
        *out = sq_span_dup(sql, d.keys[k]);
    else
        *out = sq_host->strdup("?");
    sq_idef_free(&d);
    return *out ? STRATA_OK : STRATA_ERR_NOMEM;
}

/* Index rows arrive one key at a time, grouped by index. */
static int index_row(sq_conn *q, strata_table *t, sqlite3_stmt *st,
                     void *ctx)
{
    const schema *s = ctx;
    const char *name = (const char *)sqlite3_column_text(st, 1);
    const char *origin = (const char *)sqlite3_column_text(st, 3);
    strata_index *ix = t->nindexes ? &t->indexes[t->nindexes - 1] : NULL;
    strata_index_key *key;
    int cid = sqlite3_column_int(st, 5);

    DRV_ALLOC_CHECK(name, &q->base);
    if (!ix || strcmp(ix->name, name) != 0) {
        const srow *r = find_row(s, "index", name);

        if (!(ix = drv_grow(sq_host, &t->indexes, &t->nindexes, sizeof *ix)) ||
            !(ix->name = sq_host->strdup(name)) ||
            !(ix->table = sq_host->strdup(t->name)) ||
            (r && r->sql && !(ix->sql = sq_host->strdup(r->sql))))
            return drv_nomem(&q->base);
        ix->unique = sqlite3_column_int(st, 2) != 0;
        ix->constraint = origin && strcmp(origin, "c") != 0;
        if (sqlite3_column_int(st, 4) && ix->sql) {
            sq_idef d;
            int rc = sq_idef_parse(ix->sql, &d);

            if (rc == STRATA_OK && d.where.len &&
                !(ix->where = sq_span_dup(ix->sql, d.where)))
                rc = STRATA_ERR_NOMEM;
            sq_idef_free(&d);
            if (rc == STRATA_ERR_NOMEM)
                return drv_nomem(&q->base);
        }
    }
    key = drv_grow(sq_host, &ix->keys, &ix->nkeys, sizeof *key);
    DRV_ALLOC_CHECK(key, &q->base);
    key->desc = sqlite3_column_int(st, 7) != 0;
    if (cid >= 0) {
        key->column = dup_or_null(sqlite3_column_text(st, 6));
        DRV_ALLOC_CHECK(key->column, &q->base);
    } else if (cid == -1) {
        key->column = sq_host->strdup("rowid");
        DRV_ALLOC_CHECK(key->column, &q->base);
    } else if (expr_key(ix->sql, ix->nkeys - 1, &key->expr)) {
        return drv_nomem(&q->base);
    }
    return STRATA_OK;
}

/* One foreign key of pragma_foreign_key_list, gathered by id. */
typedef struct pfk {
    char *table;
    char *on_update, *on_delete;
    char **from, **to;
    size_t n, nto;
    int id;
    int matched;
} pfk;

typedef struct pfk_list {
    pfk *fks;
    size_t n;
} pfk_list;

typedef struct fk_ctx {
    pfk_list *lists; /* one per output table */
    strata_table *out;
} fk_ctx;

static void pfk_free(pfk_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        sq_host->free(l->fks[i].table);
        sq_host->free(l->fks[i].on_update);
        sq_host->free(l->fks[i].on_delete);
        strata_abi_strv_free(sq_host, l->fks[i].from, l->fks[i].n);
        strata_abi_strv_free(sq_host, l->fks[i].to, l->fks[i].nto);
    }
    sq_host->free(l->fks);
    memset(l, 0, sizeof *l);
}

static int fk_row(sq_conn *q, strata_table *t, sqlite3_stmt *st, void *ctx)
{
    fk_ctx *fc = ctx;
    pfk_list *l = &fc->lists[t - fc->out];
    int id = sqlite3_column_int(st, 1);
    pfk *f = l->n ? &l->fks[l->n - 1] : NULL;
    char **slot;

    if (!f || f->id != id) {
        if (!(f = drv_grow(sq_host, &l->fks, &l->n, sizeof *f)) ||
            !(f->table = dup_or_null(sqlite3_column_text(st, 3))) ||
            !(f->on_update = dup_or_null(sqlite3_column_text(st, 6))) ||
            !(f->on_delete = dup_or_null(sqlite3_column_text(st, 7))))
            return drv_nomem(&q->base);
        f->id = id;
    }
    if (!(slot = drv_grow(sq_host, &f->from, &f->n, sizeof *slot)) ||
        !(*slot = dup_or_null(sqlite3_column_text(st, 4))))
        return drv_nomem(&q->base);
    if (sqlite3_column_type(st, 5) != SQLITE_NULL &&
        (!(slot = drv_grow(sq_host, &f->to, &f->nto, sizeof *slot)) ||
         !(*slot = dup_or_null(sqlite3_column_text(st, 5)))))
        return drv_nomem(&q->base);
    return STRATA_OK;
}

/* ---- constraints -------------------------------------------------------- */

/* An action as written, in capitals with single spaces; NO ACTION (the
 * default) is no action: NULL. */
static int action(const char *src, sq_span sp, char **out)
{
    size_t i, o = 0;
    char *s;

    *out = NULL;
    if (!sp.len)
        return STRATA_OK;
    if (!(s = sq_host->alloc(sp.len + 1)))
        return STRATA_ERR_NOMEM;
    for (i = 0; i < sp.len; i++) {
        char ch = src[sp.off + i];

        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            if (o && s[o - 1] != ' ')
                s[o++] = ' ';
            continue;
        }
        s[o++] = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
    }
    while (o && s[o - 1] == ' ')
        o--;
    s[o] = '\0';
    if (strcmp(s, "NO ACTION") == 0) {
        sq_host->free(s);
        return STRATA_OK;
    }
    *out = s;
    return STRATA_OK;
}

/* A pragma action, NULL for NO ACTION. */
static int pragma_action(const char *a, char **out)
{
    *out = NULL;
    if (!a || strcasecmp(a, "NO ACTION") == 0)
        return STRATA_OK;
    return (*out = sq_host->strdup(a)) ? STRATA_OK : STRATA_ERR_NOMEM;
}

/* The unquoted tokens sp[0..n) as a host array in *out; *nout is set
 * as soon as the array exists, so a failure part way frees cleanly. */
static int unquote_list(const char *src, const sq_span *sp, size_t n,
                        char ***out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n)
        return STRATA_OK;
    if (!(*out = sq_host->alloc(n * sizeof **out)))
        return STRATA_ERR_NOMEM;
    *nout = n;
    for (size_t i = 0; i < n; i++)
        if (!((*out)[i] = sq_unquote(src, sp[i])))
            return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* A copy of v[0..n), the same way. */
static int copy_strv(char *const *v, size_t n, char ***out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n)
        return STRATA_OK;
    if (!(*out = sq_host->alloc(n * sizeof **out)))
        return STRATA_ERR_NOMEM;
    *nout = n;
    for (size_t i = 0; i < n; i++)
        if (!((*out)[i] = sq_host->strdup(v[i])))
            return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* Constraint con of the parsed table into k. */
static int from_clause(const sq_tdef *d, const sq_con *con,
                       strata_constraint *k)
{
    const sq_tseg *seg = &d->segs[con->seg];
    const sq_clause *cl = &seg->clauses[con->clause];
    int rc;

    k->kind = con->kind;
    k->named = con->named;
    if (!(k->name = sq_host->strdup(con->name)))
        return STRATA_ERR_NOMEM;
    if (con->kind == STRATA_CON_CHECK) {
        if (!(k->check = sq_span_dup(d->sql, cl->expr)))
            return STRATA_ERR_NOMEM;
        if (!seg->column)
            return STRATA_OK;
    }
    if (seg->column)
        rc = unquote_list(d->sql, &seg->name, 1, &k->columns,
                          &k->ncolumns);
    else
        rc = unquote_list(d->sql, cl->cols, cl->ncols, &k->columns,
                          &k->ncolumns);
    if (rc || con->kind != STRATA_CON_FOREIGN_KEY)
        return rc;
    if (!(k->ref_table = sq_unquote(d->sql, cl->ref_table)))
        return STRATA_ERR_NOMEM;
    if ((rc = unquote_list(d->sql, cl->ref_cols, cl->nref_cols,
                           &k->ref_columns, &k->nref_columns)))
        return rc;
    if ((rc = action(d->sql, cl->on_delete, &k->on_delete)))
        return rc;
    return action(d->sql, cl->on_update, &k->on_update);
}

static int same_names(char *const *a, size_t na, char *const *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (strcasecmp(a[i], b[i]) != 0)
            return 0;
    return 1;
}

static int name_used(const strata_table *t, const char *name)
{
    for (size_t i = 0; i < t->nconstraints; i++)
        if (t->constraints[i].name &&
            strcmp(t->constraints[i].name, name) == 0)
            return 1;
    return 0;
}

/* A foreign key SQLite knows and the text did not show (the text is
 * authoritative for names; this only guards against a parser miss). */
static int add_pragma_fk(strata_table *t, const pfk *f)
{
    strata_constraint *k = drv_grow(sq_host, &t->constraints,
                                    &t->nconstraints, sizeof *k);
    strata_buf b = {0};
    unsigned long n = 0;

    if (!k)
        return STRATA_ERR_NOMEM;
    k->kind = STRATA_CON_FOREIGN_KEY;
    do {
        b.len = 0;
        if (sq_derive_name(k->kind, t->name, (const char *const *)f->from,
                           f->n, n++, &b))
            goto nomem;
    } while (name_used(t, b.data));
    k->name = b.data;
    memset(&b, 0, sizeof b);
    if (copy_strv(f->from, f->n, &k->columns, &k->ncolumns))
        return STRATA_ERR_NOMEM;
    if (!(k->ref_table = sq_host->strdup(f->table)))
        return STRATA_ERR_NOMEM;
    if (f->nto == f->n &&
        copy_strv(f->to, f->nto, &k->ref_columns, &k->nref_columns))
        return STRATA_ERR_NOMEM;
    if (pragma_action(f->on_delete, &k->on_delete) ||
        pragma_action(f->on_update, &k->on_update))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
nomem:
    sq_host->buf_free(&b);
    return STRATA_ERR_NOMEM;
}

/* The primary key from the columns' key positions alone. */
static int pragma_pk(strata_table *t)
{
    strata_constraint *k;
    strata_buf b = {0};
    size_t n = 0, i;

    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i].pk > 0)
            n++;
    if (!n)
        return STRATA_OK;
    if (!(k = drv_grow(sq_host, &t->constraints, &t->nconstraints, sizeof *k)))
        return STRATA_ERR_NOMEM;
    k->kind = STRATA_CON_PRIMARY_KEY;
    if (sq_derive_name(k->kind, t->name, NULL, 0, 0, &b)) {
        sq_host->buf_free(&b);
        return STRATA_ERR_NOMEM;
    }
    k->name = b.data;
    if (!(k->columns = sq_host->alloc(n * sizeof *k->columns)))
        return STRATA_ERR_NOMEM;
    k->ncolumns = n;
    for (i = 0; i < t->ncolumns; i++) {
        int pos = t->columns[i].pk;

        if (pos > 0 && (size_t)pos <= n && !k->columns[pos - 1] &&
            !(k->columns[pos - 1] = sq_host->strdup(t->columns[i].name)))
            return STRATA_ERR_NOMEM;
    }
    for (i = 0; i < n; i++)
        if (!k->columns[i] && !(k->columns[i] = sq_host->strdup("")))
            return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* Constraints from the CREATE TABLE text, checked against the foreign
 * keys SQLite reports; the rowid alias marked on its column. */
static int table_constraints(strata_conn *c, strata_table *t, pfk_list *l)
{
    sq_tdef d;
    sq_con *cons = NULL;
    size_t ncons = 0, nparsed, i, j;
    unsigned char *taken = NULL;
    int rc = sq_tdef_parse(t->sql, &d), without_rowid = 0, pk_desc = 0;
    int parsed = rc == STRATA_OK;

    if (rc == STRATA_OK) {
        without_rowid = d.without_rowid;
        rc = sq_constraints(d.segs, d.nsegs, t->name, &cons, &ncons);
    } else if (rc == STRATA_ERR_PARSE) {
        /* A virtual table, say: what the pragmas know is all there is. */
        sq_host->log(STRATA_LOG_DEBUG,
                     "sqlite: CREATE TABLE of \"%s\" not parsed; "
                     "constraints from pragmas only", t->name);
        rc = STRATA_OK;
    }
    for (i = 0; rc == STRATA_OK && i < ncons; i++) {
        strata_constraint *k = drv_grow(sq_host, &t->constraints,
                                        &t->nconstraints, sizeof *k);
        const sq_clause *cl = &d.segs[cons[i].seg].clauses[cons[i].clause];

        if (!k)
            rc = STRATA_ERR_NOMEM;
        else
            rc = from_clause(&d, &cons[i], k);
        if (cons[i].kind == STRATA_CON_PRIMARY_KEY && cons[i].column_level)
            pk_desc = cl->desc;
    }
    sq_cons_free(cons, ncons);
    sq_tdef_free(&d);
    /* Each foreign key SQLite enforces, matched with one of the text
     * (only those: the ones added below are not candidates). */
    nparsed = t->nconstraints;
    if (rc == STRATA_OK && nparsed && !(taken = sq_host->alloc(nparsed)))
        rc = STRATA_ERR_NOMEM;
    for (i = 0; rc == STRATA_OK && i < l->n; i++) {
        pfk *f = &l->fks[i];

        for (j = 0; j < nparsed && !f->matched; j++) {
            strata_constraint *k = &t->constraints[j];

            if (k->kind != STRATA_CON_FOREIGN_KEY || taken[j] ||
                strcasecmp(k->ref_table, f->table) != 0 ||
                !same_names(k->columns, k->ncolumns, f->from, f->n))
                continue;
            f->matched = 1;
            taken[j] = 1;
            if (!k->nref_columns && f->nto == f->n &&
                copy_strv(f->to, f->nto, &k->ref_columns,
                          &k->nref_columns))
                rc = STRATA_ERR_NOMEM;
        }
        if (rc == STRATA_OK && !f->matched)
            rc = add_pragma_fk(t, f);
    }
    sq_host->free(taken);
    /* Without the text, the key positions of the columns say the key. */
    if (rc == STRATA_OK && !parsed)
        rc = pragma_pk(t);
    if (rc)
        return drv_nomem(c);
    /* The rowid alias: SQLite's auto id, never NULL though the pragma
     * says notnull 0 (datatype3, "ROWIDs and the INTEGER PRIMARY
     * KEY"). */
    {
        size_t npk = 0, at = 0;

        for (i = 0; i < t->ncolumns; i++)
            if (t->columns[i].pk) {
                npk++;
                at = i;
            }
        if (npk == 1 && !without_rowid && !pk_desc &&
            strcasecmp(t->columns[at].type, "INTEGER") == 0) {
            t->columns[at].autoincrement = 1;
            t->columns[at].notnull = 1;
        }
    }
    return STRATA_OK;
}

/* ---- triggers and dependents -------------------------------------------- */

static int add_object(strata_object **arr, size_t *n, const srow *r)
{
    strata_object *o = drv_grow(sq_host, arr, n, sizeof *o);

    if (!o || !(o->kind = sq_host->strdup(r->type)) ||
        !(o->name = sq_host->strdup(r->name)) ||
        (r->sql && !(o->sql = sq_host->strdup(r->sql))))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* The table's triggers, and the views and other tables' triggers that
 * must be dropped while it is rebuilt: those whose text mentions it,
 * then, transitively, those mentioning such a view or defined on it. */
static int table_objects(strata_conn *c, strata_table *t, const schema *s)
{
    unsigned char *dep = s->n ? sq_host->alloc(s->n) : NULL;
    size_t *work = s->n ? sq_host->alloc(s->n * sizeof *work) : NULL;
    size_t nwork = 0, i, w;
    int rc = STRATA_OK;

    if (s->n && (!dep || !work)) {
        sq_host->free(dep);
        sq_host->free(work);
        return drv_nomem(c);
    }
    for (i = 0; i < s->n; i++) {
        const srow *r = &s->rows[i];

        if (strcmp(r->type, "trigger") == 0 &&
            strcasecmp(r->tbl, t->name) == 0) {
            if (add_object(&t->triggers, &t->ntriggers, r))
                rc = STRATA_ERR_NOMEM;
            dep[i] = 2; /* the table's own */
        }
    }
    /* Worklist: the table itself (w == (size_t)-1), then each view
     * found to depend on it. */
    for (w = (size_t)-1; rc == STRATA_OK;) {
        const char *name = w == (size_t)-1 ? t->name : s->rows[w].name;

        for (i = 0; i < s->n; i++) {
            const srow *r = &s->rows[i];
            int view = strcmp(r->type, "view") == 0;

            if (dep[i] || (!view && strcmp(r->type, "trigger") != 0))
                continue;
            if (sq_mentions(r->sql, name) ||
                (w != (size_t)-1 && !view &&
                 strcasecmp(r->tbl, name) == 0)) {
                dep[i] = 1;
                if (view)
                    work[nwork++] = i;
            }
        }
        if (!nwork)
            break;
        w = work[--nwork];
    }
    for (int pass = 0; rc == STRATA_OK && pass < 2; pass++)
        for (i = 0; rc == STRATA_OK && i < s->n; i++)
            if (dep[i] == 1 &&
                (strcmp(s->rows[i].type, "view") == 0) == (pass == 0) &&
                add_object(&t->dependents, &t->ndependents, &s->rows[i]))
                rc = STRATA_ERR_NOMEM;
    sq_host->free(dep);
    sq_host->free(work);
    return rc ? drv_nomem(c) : STRATA_OK;
}

/* ---- introspect() ------------------------------------------------------- */

int sq_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out)
{
    sq_conn *q = (sq_conn *)c;
    strata_table *res = NULL;
    pfk_list *fks = NULL;
    const char **names = NULL;
    size_t nnames = 0, i, j;
    schema s = {0};
    fk_ctx fc;
    int rc;

    if (!out)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no output");
    *out = NULL;
    if (!q->db)
        return drv_not_connected(c, SQ_SERVER);
    if (!n)
        return STRATA_OK;
    if (!tables)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no table names");
    if (n > 32766) /* SQLITE_MAX_VARIABLE_NUMBER's default */
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: %zu tables in one call; at most "
                              "32766", n);
    if (!(res = sq_host->alloc(n * sizeof *res)) ||
        !(fks = sq_host->alloc(n * sizeof *fks)) ||
        !(names = sq_host->alloc(n * sizeof *names))) {
        rc = drv_nomem(c);
        goto done;
    }
    for (i = 0; i < n; i++) /* every asked name, NULL as "" */
        names[i] = tables[i] ? tables[i] : "";
    if ((rc = load_schema(q, &s, names, n)) != STRATA_OK)
        goto done;
    for (i = 0; i < n; i++) {
        const srow *r = tables[i] ? find_row(&s, "table", tables[i]) : NULL;

        if (!(res[i].name = sq_host->strdup(r ? r->name
                                              : tables[i] ? tables[i] : "")) ||
            (r && r->sql && !(res[i].sql = sq_host->strdup(r->sql)))) {
            rc = drv_nomem(c);
            goto done;
        }
        res[i].exists = r != NULL;
        if (!r)
            continue;
        for (j = 0; j < nnames && strcmp(names[j], r->name) != 0; j++)
            ;
        if (j == nnames)
            names[nnames++] = r->name;
    }
    if (nnames) {
        fc.lists = fks;
        fc.out = res;
        rc = each_row(q,
                      "SELECT m.name, p.name, p.type, p.\"notnull\", "
                      "p.dflt_value, p.pk, p.hidden FROM m "
                      "JOIN pragma_table_xinfo(m.name, 'main') p "
                      "ORDER BY m.name, p.cid",
                      names, nnames, res, n, column_row, NULL);
        if (!rc)
            rc = each_row(q,
                          "SELECT m.name, il.name, il.\"unique\", il.origin,"
                          " il.partial, ii.cid, ii.name, ii.\"desc\" "
                          "FROM m JOIN pragma_index_list(m.name, 'main') il "
                          "JOIN pragma_index_xinfo(il.name, 'main') ii "
                          "LEFT JOIN main.sqlite_schema s ON s.type = "
                          "'index' AND s.name = il.name "
                          "WHERE ii.key = 1 ORDER BY m.name, s.rowid, "
                          "il.name, ii.seqno",
                          names, nnames, res, n, index_row, &s);
        if (!rc)
            rc = each_row(q,
                          "SELECT m.name, f.id, f.seq, f.\"table\", "
                          "f.\"from\", f.\"to\", f.on_update, f.on_delete "
                          "FROM m JOIN pragma_foreign_key_list(m.name, "
                          "'main') f ORDER BY m.name, f.id, f.seq",
                          names, nnames, res, n, fk_row, &fc);
        if (rc)
            goto done;
    }
    for (i = 0; i < n; i++) {
        if (!res[i].exists)
            continue;
        if ((rc = table_constraints(c, &res[i], &fks[i])) != STRATA_OK ||
            (rc = table_objects(c, &res[i], &s)) != STRATA_OK)
            goto done;
    }
done:
    for (i = 0; fks && i < n; i++)
        pfk_free(&fks[i]);
    sq_host->free(fks);
    sq_host->free(names);
    schema_free(&s);
    if (rc != STRATA_OK) {
        strata_abi_tables_free(sq_host, res, n);
        return rc;
    }
    *out = res;
    return STRATA_OK;
}

/* ---- small questions ---------------------------------------------------- */

int sq_index_table(strata_conn *c, const char *index, char **table)
{
    sq_conn *q = (sq_conn *)c;
    sqlite3_stmt *st;
    int rc;

    if (!table)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "index_table: no output");
    *table = NULL;
    if (!q->db)
        return drv_not_connected(c, SQ_SERVER);
    if (!index)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL, "no index name");
    rc = prepare(q,
                 "SELECT tbl_name FROM main.sqlite_schema WHERE type = "
                 "'index' AND name = ?1 COLLATE NOCASE",
                 &index, 1, &st);
    if (rc)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (!(*table = dup_or_null(sqlite3_column_text(st, 0))))
            rc = drv_nomem(c);
        else
            rc = STRATA_OK;
    } else {
        rc = rc == SQLITE_DONE ? STRATA_OK : sq_db_error(q, rc);
    }
    sqlite3_finalize(st);
    return rc;
}

int sq_foreign_keys(strata_conn *c, int enable)
{
    sq_conn *q = (sq_conn *)c;
    sqlite3_stmt *st;
    int rc, now = -1;

    if (!q->db)
        return drv_not_connected(c, SQ_SERVER);
    rc = sqlite3_exec(q->db, enable ? "PRAGMA foreign_keys=ON"
                                    : "PRAGMA foreign_keys=OFF",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return sq_db_error(q, rc);
    /* Inside a transaction the pragma is a silent no-op: say so. */
    if ((rc = prepare(q, "PRAGMA foreign_keys", NULL, 0, &st)))
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        now = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (now != (enable != 0))
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "PRAGMA foreign_keys=%s did not take effect "
                              "(it cannot change inside a transaction)",
                              enable ? "ON" : "OFF");
    return STRATA_OK;
}

int sq_fk_violations(strata_conn *c, const char *table, size_t *count)
{
    const char *sql =
        "SELECT count(*) FROM main.sqlite_schema m "
        "JOIN pragma_foreign_key_check(m.name, 'main') k "
        "WHERE m.type = 'table' AND (m.name = ?1 COLLATE NOCASE OR m.name "
        "IN (SELECT r.name FROM main.sqlite_schema r "
        "JOIN pragma_foreign_key_list(r.name, 'main') f "
        "WHERE r.type = 'table' AND f.\"table\" = ?1 COLLATE NOCASE))";
    sq_conn *q = (sq_conn *)c;
    sqlite3_stmt *st;
    int rc;

    if (!count)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "fk_violations: no output");
    *count = 0;
    if (!q->db)
        return drv_not_connected(c, SQ_SERVER);
    if (!table)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL, "no table name");
    if ((rc = prepare(q, sql, &table, 1, &st)))
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *count = (size_t)sqlite3_column_int64(st, 0);
        rc = STRATA_OK;
    } else {
        rc = sq_db_error(q, rc);
    }
    sqlite3_finalize(st);
    return rc;
}
