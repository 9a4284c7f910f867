/* schema_sql.c - a schema as SQL statements (`schema dump --format
 * sql`): built from the neutral catalog, names quoted by the driver, so
 * equal catalogs print equal text whatever SQL first built them. */
#include "sql/schema.h"

#include <string.h>

#include "util/buf.h"

typedef struct sqlw {
    const strata_driver *d;
    strata_conn *c;
    strata_buf *out;
    int rc;
} sqlw;

static void put(sqlw *w, const char *s)
{
    if (w->rc == STRATA_OK && s)
        w->rc = strata__buf_puts(w->out, s);
}

static void ident(sqlw *w, const char *name)
{
    if (w->rc == STRATA_OK)
        w->rc = w->d->quote_ident(w->c, name ? name : "", w->out);
}

static void idents(sqlw *w, char *const *v, size_t n)
{
    put(w, "(");
    for (size_t i = 0; i < n; i++) {
        if (i)
            put(w, ", ");
        ident(w, v[i]);
    }
    put(w, ")");
}

static void constraint(sqlw *w, const strata_constraint *k)
{
    put(w, "CONSTRAINT ");
    ident(w, k->name);
    switch (k->kind) {
    case STRATA_CON_PRIMARY_KEY:
        put(w, " PRIMARY KEY ");
        idents(w, k->columns, k->ncolumns);
        break;
    case STRATA_CON_UNIQUE:
        put(w, " UNIQUE ");
        idents(w, k->columns, k->ncolumns);
        break;
    case STRATA_CON_CHECK:
        put(w, " CHECK (");
        put(w, k->check);
        put(w, ")");
        break;
    case STRATA_CON_FOREIGN_KEY:
        put(w, " FOREIGN KEY ");
        idents(w, k->columns, k->ncolumns);
        put(w, " REFERENCES ");
        ident(w, k->ref_table);
        put(w, " ");
        idents(w, k->ref_columns, k->nref_columns);
        if (k->on_delete) {
            put(w, " ON DELETE ");
            put(w, k->on_delete);
        }
        if (k->on_update) {
            put(w, " ON UPDATE ");
            put(w, k->on_update);
        }
        break;
    default: /* EXCLUDE: the engine's own text */
        put(w, " ");
        put(w, k->check);
    }
    if (k->not_valid)
        put(w, " NOT VALID");
}

static int has_pk_constraint(const strata_table *t)
{
    for (size_t i = 0; i < t->nconstraints; i++)
        if (t->constraints[i].kind == STRATA_CON_PRIMARY_KEY)
            return 1;
    return 0;
}

static void table(sqlw *w, const strata_table *t)
{
    int pk = !has_pk_constraint(t), first = 1;

    put(w, "CREATE TABLE ");
    ident(w, t->name);
    put(w, " (");
    for (size_t i = 0; i < t->ncolumns; i++) {
        const strata_column *c = &t->columns[i];

        put(w, first ? "\n    " : ",\n    ");
        first = 0;
        ident(w, c->name);
        put(w, " ");
        put(w, c->type);
        if (c->notnull)
            put(w, " NOT NULL");
        if (c->default_expr) {
            put(w, c->generated ? " GENERATED ALWAYS AS (" : " DEFAULT ");
            put(w, c->default_expr);
            if (c->generated)
                put(w, ")");
        }
        if (c->autoincrement)
            put(w, " /* autoincrement */");
    }
    /* A primary key the catalog has no constraint row for. */
    for (int k = 1; pk; k++) {
        size_t i;

        for (i = 0; i < t->ncolumns && t->columns[i].pk != k; i++)
            ;
        if (i == t->ncolumns)
            break;
        put(w, k == 1 ? ",\n    PRIMARY KEY (" : ", ");
        ident(w, t->columns[i].name);
        pk = 2;
    }
    if (pk == 2)
        put(w, ")");
    for (size_t i = 0; i < t->nconstraints; i++) {
        put(w, ",\n    ");
        constraint(w, &t->constraints[i]);
    }
    put(w, "\n);\n");
}

static void index(sqlw *w, const strata_table *t, const strata_index *ix)
{
    if (ix->constraint) /* its constraint builds it */
        return;
    put(w, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    ident(w, ix->name);
    put(w, " ON ");
    ident(w, t->name);
    put(w, " (");
    for (size_t k = 0; k < ix->nkeys; k++) {
        if (k)
            put(w, ", ");
        if (ix->keys[k].column) {
            ident(w, ix->keys[k].column);
        } else {
            put(w, "(");
            put(w, ix->keys[k].expr);
            put(w, ")");
        }
        if (ix->keys[k].desc)
            put(w, " DESC");
    }
    put(w, ")");
    if (ix->where) {
        put(w, " WHERE ");
        put(w, ix->where);
    }
    put(w, ix->invalid ? "; -- INVALID\n" : ";\n");
}

/* An object's own statement, ended once. */
static void object(sqlw *w, const strata_object *o)
{
    size_t n = o->sql ? strlen(o->sql) : 0;

    while (n && (o->sql[n - 1] == ';' || o->sql[n - 1] == ' ' ||
                 o->sql[n - 1] == '\n'))
        n--;
    if (w->rc == STRATA_OK && n)
        w->rc = strata__buf_append(w->out, o->sql, n);
    put(w, ";\n");
}

int strata__schema_sql(const strata_schema *s, const strata_driver *d,
                       strata_conn *c, strata_buf *out)
{
    sqlw w = {d, c, out, STRATA_OK};

    put(&w, "-- strata schema dump (");
    put(&w, s->dialect);
    put(&w, ")\n");
    for (size_t i = 0; i < s->nsequences; i++) {
        put(&w, "\n");
        object(&w, &s->sequences[i]);
    }
    for (size_t i = 0; i < s->ntables; i++) {
        const strata_table *t = &s->tables[i];

        put(&w, "\n");
        table(&w, t);
        for (size_t k = 0; k < t->nindexes; k++)
            index(&w, t, &t->indexes[k]);
        for (size_t k = 0; k < t->ntriggers; k++)
            object(&w, &t->triggers[k]);
    }
    for (size_t i = 0; i < s->nviews; i++) {
        put(&w, "\n");
        object(&w, &s->views[i]);
    }
    return w.rc;
}
