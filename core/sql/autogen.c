/* autogen.c - the statements from one normalised schema to another, in
 * an order every engine accepts: what goes away first (views, triggers,
 * foreign keys, constraints, indexes, tables, columns), then what
 * changes and what is new, foreign keys last (docs/design.md §9.13). */
#include "sql/autogen.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/catalog.h"
#include "sql/op.h"
#include "util/buf.h"

/* How a statement is written (bits): its text is portable but the
 * target's driver would declare a type otherwise in a generic section
 * (RESPELT: a section of the target's dialect, and the same text in one
 * of the other dialects); or it holds the engine's own syntax (OWN: the
 * target's section only). */
enum { RESPELT = 1, OWN = 2 };

typedef struct writer {
    strata_autogen *out;
    const strata_autogen_opts *o;
    const char *dialect; /* the target's, for its own sections */
    int section;         /* 0 none yet, 1 generic, 2 the target's, 3 the
                          * others' */
    strata_buf others;   /* RESPELT statements not yet written for the
                          * other dialects */
    int rc;
} writer;

static void open_section(writer *w, int which)
{
    strata_buf *t = &w->out->text;

    if (w->rc != STRATA_OK || w->section == which)
        return;
    w->section = which;
    w->rc = strata__buf_printf(t, "%s-- +%s%s%s\n", t->len ? "\n" : "",
                               w->o->dir, which >= 2 ? " " : "",
                               which == 2   ? w->dialect
                               : which == 3 ? w->o->others
                                            : "");
}

/* The RESPELT statements so far, in the other dialects' section. */
static void flush_others(writer *w)
{
    if (w->rc != STRATA_OK || !w->others.len)
        return;
    open_section(w, 3);
    if (w->rc == STRATA_OK)
        w->rc = strata__buf_puts(&w->out->text, w->others.data);
    w->others.len = 0;
    w->others.data[0] = '\0';
}

static void review(writer *w, const char *fmt, ...) STRATA_PRINTF(2, 3);

/* A "-- review:" line: what a person must decide. */
static void review(writer *w, const char *fmt, ...)
{
    va_list ap;

    if (w->rc != STRATA_OK)
        return;
    flush_others(w);
    open_section(w, w->section == 2 ? 2 : 1);
    if (w->rc == STRATA_OK)
        w->rc = strata__buf_puts(&w->out->text, "-- review: ");
    if (w->rc == STRATA_OK) {
        va_start(ap, fmt);
        w->rc = strata__buf_vprintf(&w->out->text, fmt, ap);
        va_end(ap);
    }
    if (w->rc == STRATA_OK)
        w->rc = strata__buf_puts(&w->out->text, "\n");
}

/* One statement, written as how says: own is its text for the
 * target's section, sql for the generic one and the others'. */
static void put(writer *w, const char *own, const char *sql, int how)
{
    if (w->rc != STRATA_OK)
        return;
    if (!(how & RESPELT) || (how & OWN) || !*w->o->others)
        flush_others(w);
    open_section(w, how ? 2 : 1);
    w->out->nchanges++;
    if (how & OWN)
        w->out->underivable = 1;
    if (w->rc == STRATA_OK)
        w->rc = strata__buf_printf(&w->out->text, "%s;\n", how ? own : sql);
    if (w->rc == STRATA_OK && how == RESPELT && *w->o->others)
        w->rc = strata__buf_printf(&w->others, "%s;\n", sql);
}

/* Text for the dialect's own section, as the engine keeps it. */
static void raw(writer *w, const char *sql)
{
    put(w, sql ? sql : "", sql ? sql : "", OWN);
}

/* op as portable text, written as how says; exact (may be NULL: op) is
 * the same operation as the target's own section declares it. */
static void emit_as(writer *w, const strata_op *exact, const strata_op *op,
                    int how)
{
    strata_buf b = {0}, e = {0};

    if (w->rc != STRATA_OK)
        return;
    if (strata__op_to_sql(op, &b) != STRATA_OK ||
        (exact && strata__op_to_sql(exact, &e) != STRATA_OK)) {
        strata__buf_free(&b);
        strata__buf_free(&e);
        w->rc = STRATA_ERR_NOMEM;
        return;
    }
    if (op->kind == STRATA_OP_DROP_TABLE ||
        op->kind == STRATA_OP_DROP_COLUMN ||
        op->kind == STRATA_OP_ALTER_TYPE)
        w->out->underivable = 1;
    put(w, exact ? e.data : b.data, b.data, how);
    strata__buf_free(&b);
    strata__buf_free(&e);
}

static void emit(writer *w, const strata_op *op, int how)
{
    emit_as(w, NULL, op, how);
}

/* RESPELT when the target's driver would declare type otherwise. */
static int type_how(const writer *w, int kind, const char *type)
{
    return type && w->o->type_kept &&
                   !w->o->type_kept(w->o->payload, kind, type)
               ? RESPELT
               : 0;
}

/* --- lookups ------------------------------------------------------------- */

static const strata_table *table_in(const strata_schema *s, const char *n)
{
    for (size_t i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, n) == 0)
            return &s->tables[i];
    return NULL;
}

static const strata_column *column_in(const strata_table *t, const char *n)
{
    for (size_t i = 0; t && i < t->ncolumns; i++)
        if (strcmp(t->columns[i].name, n) == 0)
            return &t->columns[i];
    return NULL;
}

static const strata_object *object_in(const strata_object *v, size_t n,
                                      const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_constraint(const strata_constraint *a,
                           const strata_constraint *b, int *rc)
{
    strata_buf wa = {0}, wb = {0};
    int same;

    if (strata__constraint_describe(a, &wa) != STRATA_OK ||
        strata__constraint_describe(b, &wb) != STRATA_OK)
        *rc = STRATA_ERR_NOMEM;
    same = same_text(wa.data, wb.data) && a->not_valid == b->not_valid;
    strata__buf_free(&wa);
    strata__buf_free(&wb);
    return same;
}

static int same_index(const strata_index *a, const strata_index *b, int *rc)
{
    strata_buf wa = {0}, wb = {0};
    int same;

    if (strata__index_describe(a, &wa) != STRATA_OK ||
        strata__index_describe(b, &wb) != STRATA_OK)
        *rc = STRATA_ERR_NOMEM;
    same = same_text(wa.data, wb.data);
    strata__buf_free(&wa);
    strata__buf_free(&wb);
    return same;
}

/* t's constraint named as c, when it has the same definition. */
static int constraint_kept(const strata_table *t, const strata_constraint *c,
                           int *rc)
{
    for (size_t i = 0; t && i < t->nconstraints; i++)
        if (strcmp(t->constraints[i].name, c->name) == 0)
            return same_constraint(&t->constraints[i], c, rc);
    return 0;
}

static int index_kept(const strata_table *t, const strata_index *ix, int *rc)
{
    for (size_t i = 0; t && i < t->nindexes; i++)
        if (strcmp(t->indexes[i].name, ix->name) == 0)
            return same_index(&t->indexes[i], ix, rc);
    return 0;
}

/* --- portable text of catalog parts -------------------------------------- */

/* *field (owned, may be NULL) in its portable form; OWN into *how when
 * it keeps the engine's own syntax.  STRATA_ERR_NOMEM (*field kept). */
static int clean_expr(char **field, int *how)
{
    char *e = NULL;
    int r = strata__autogen_expr(*field, &e);

    if (r < 0)
        return STRATA_ERR_NOMEM;
    *how |= r ? OWN : 0;
    free(*field);
    *field = e;
    return STRATA_OK;
}

/* A copy of c with what ties its expressions to one engine removed
 * where it can be; OWN in *how when some remains.  Free with
 * strata__constraint_clear. */
static int portable_constraint(strata_constraint *dst,
                               const strata_constraint *c, int *how)
{
    /* Written named as the catalog says: op.c writes a name only where
     * the parser would derive another, so MySQL's own section gets
     * `id int PRIMARY KEY`, which it takes, not a named one inline. */
    if (strata__constraint_copy(dst, c) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    if (clean_expr(&dst->check, how) != STRATA_OK) {
        strata__constraint_clear(dst);
        return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

/* The serial type of an auto-numbered integer column whose numbering
 * a portable statement only gets from serial: one numbered by a
 * sequence default (nextval(...), PostgreSQL) or by the column itself
 * (int AUTO_INCREMENT, MySQL).  Not SQLite's rowid alias, declared
 * INTEGER: INTEGER and the primary key build it again, and are a plain
 * key elsewhere.  NULL for any other column. */
static const char *serial_type(const strata_column *c)
{
    static const struct {
        const char *type, *serial;
    } map[] = {{"integer", "serial"},   {"int", "serial"},
               {"int4", "serial"},      {"bigint", "bigserial"},
               {"int8", "bigserial"},   {"smallint", "smallserial"},
               {"int2", "smallserial"}};
    char low[16];
    size_t n = c->type ? strlen(c->type) : 0;

    if (!c->autoincrement || !c->type || n >= sizeof low ||
        (c->default_expr && strncmp(c->default_expr, "nextval(", 8) != 0) ||
        (!c->default_expr && strcmp(c->type, "INTEGER") == 0))
        return NULL;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)c->type[i]);
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(low, map[i].type) == 0)
            return map[i].serial;
    return NULL;
}

/* A portable name for a type as an engine prints it, where a generic
 * section gives the engine's type back: PostgreSQL's long names
 * (format_type: "character varying(20)" is varchar(20), which it keeps
 * and holds as the same type), another engine's spelling of a portable
 * name (MySQL declares timestamp as datetime(6), text as longtext),
 * each checked with the target's driver.  NULL: the type as it is;
 * else malloc'd. */
static char *short_type(const writer *w, int kind, const char *type)
{
    static const struct {
        const char *longer, *shorter;
        int same; /* kept and one family, else declared as the longer */
    } names[] = {{"character varying", "varchar", 1},
                 {"timestamp without time zone", "timestamp", 1},
                 {"timestamp with time zone", "timestamptz", 1},
                 {"time without time zone", "time", 1},
                 {"character", "char", 1},
                 {"datetime(6)", "timestamp", 0},
                 {"longtext", "text", 0},
                 {"longblob", "blob", 0},
                 {"tinyint(1)", "boolean", 0},
                 {"decimal", "numeric", 0},
                 {"int", "integer", 0}};
    const strata_autogen_opts *o = w->o;
    char *s = NULL;
    int ok = 0;

    for (size_t i = 0; type && !ok && i < sizeof names / sizeof *names;
         i++) {
        size_t n = strlen(names[i].longer);

        if (strncmp(type, names[i].longer, n) != 0 ||
            (type[n] != '\0' && type[n] != '('))
            continue;
        free(s);
        if (!(s = strata__sprintf("%s%s", names[i].shorter, type + n)))
            return NULL;
        ok = names[i].same ? o->type_kept && o->same_family &&
                                 o->type_kept(o->payload, kind, s) &&
                                 o->same_family(o->payload, type, s)
                           : o->declares &&
                                 o->declares(o->payload, kind, s, type);
    }
    if (!ok) {
        free(s);
        s = NULL;
    }
    return s;
}

/* A copy of c as a portable statement declares it: an auto-numbered
 * integer as serial (its engine-made default dropped), a default
 * without the engine's own syntax where it can be. */
static int portable_column(const writer *w, int kind, strata_column *dst,
                           const strata_column *c, int *how)
{
    const char *serial = serial_type(c);
    char *e;

    if (strata__column_copy(dst, c) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    if (serial) {
        free(dst->type);
        free(dst->default_expr);
        dst->default_expr = NULL;
        if (!(dst->type = strdup(serial))) {
            strata__column_clear(dst);
            return STRATA_ERR_NOMEM;
        }
        return STRATA_OK;
    }
    if ((e = short_type(w, kind, c->type))) {
        free(dst->type); /* the driver declares e as c->type */
        dst->type = e;
    } else {
        *how |= type_how(w, kind, dst->type);
    }
    if (clean_expr(&dst->default_expr, how) != STRATA_OK) {
        strata__column_clear(dst);
        return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

/* --- the steps ----------------------------------------------------------- */

/* cols (n, written for the portable text from orig) as the target's own
 * section must declare them: each type as the catalog has it (a
 * portable name is the engine's own type there: MySQL's timestamp),
 * and a serial column as the target's driver renders serial (MySQL's
 * own serial is another type).  *out NULL when none differs, else
 * shallow copies (the serial declarations owned: free with
 * exact_free).  STRATA_ERR_NOMEM. */
static int exact_columns(const writer *w, const strata_column *orig,
                         const strata_column *cols, size_t n,
                         strata_column **out)
{
    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *serial = serial_type(&orig[i]);
        char *d = NULL;

        if (serial ? !w->o->serial_decl ||
                         !(d = w->o->serial_decl(w->o->payload, serial))
                   : same_text(orig[i].type, cols[i].type))
            continue;
        if (!*out) {
            if (!(*out = malloc(n * sizeof **out))) {
                free(d);
                return STRATA_ERR_NOMEM;
            }
            memcpy(*out, cols, n * sizeof **out);
        }
        (*out)[i].type = d ? d : orig[i].type;
        if (d)
            (*out)[i].notnull = 0; /* the declaration says it */
    }
    return STRATA_OK;
}

static void exact_free(strata_column *exact, const strata_column *orig,
                       const strata_column *cols, size_t n)
{
    for (size_t i = 0; exact && i < n; i++)
        if (exact[i].type != cols[i].type && exact[i].type != orig[i].type)
            free(exact[i].type);
    free(exact);
}

static int is_fk(const strata_constraint *c)
{
    return c->kind == STRATA_CON_FOREIGN_KEY;
}

static void drop_constraint(writer *w, const strata_table *t,
                            const strata_constraint *c)
{
    strata_op op = {.kind = STRATA_OP_DROP_CONSTRAINT};

    op.table = t->name;
    op.name = c->name;
    emit(w, &op, 0);
}

static void add_constraint(writer *w, const strata_table *t,
                           const strata_constraint *c)
{
    strata_op op = {.kind = STRATA_OP_ADD_CONSTRAINT};
    strata_constraint pc;
    int how = 0;

    if (c->kind == STRATA_CON_EXCLUDE) {
        strata_buf b = {0};

        w->rc = strata__buf_printf(&b, "ALTER TABLE %s ADD CONSTRAINT %s %s",
                                   t->name, c->name, c->check ? c->check : "");
        raw(w, b.data);
        strata__buf_free(&b);
        return;
    }
    if (portable_constraint(&pc, c, &how) != STRATA_OK) {
        w->rc = STRATA_ERR_NOMEM;
        return;
    }
    op.table = t->name;
    op.name = pc.name;
    op.constraints = &pc;
    op.nconstraints = 1;
    emit(w, &op, how);
    strata__constraint_clear(&pc);
}

/* The foreign keys (fk != 0) or the other constraints of one side that
 * the other lacks or defines otherwise: of a (in from), dropped; of b
 * (in to, add != 0), added. */
static void constraints(writer *w, const strata_table *a,
                        const strata_table *b, int fk, int add)
{
    const strata_table *s = add ? b : a, *o = add ? a : b;

    for (size_t i = 0; i < s->nconstraints && w->rc == STRATA_OK; i++) {
        const strata_constraint *c = &s->constraints[i];

        if (is_fk(c) != fk || constraint_kept(o, c, &w->rc))
            continue;
        if (add)
            add_constraint(w, s, c);
        else
            drop_constraint(w, s, c);
    }
}

static void drop_indexes(writer *w, const strata_table *a,
                         const strata_table *b)
{
    for (size_t i = 0; i < a->nindexes && w->rc == STRATA_OK; i++) {
        const strata_index *ix = &a->indexes[i];
        strata_op op = {.kind = STRATA_OP_DROP_INDEX};

        if (ix->constraint || index_kept(b, ix, &w->rc))
            continue;
        op.table = a->name;
        op.name = ix->name;
        emit(w, &op, 0);
    }
}

static void create_indexes(writer *w, const strata_table *a,
                           const strata_table *b)
{
    for (size_t i = 0; i < b->nindexes && w->rc == STRATA_OK; i++) {
        const strata_index *ix = &b->indexes[i];
        strata_op op = {.kind = STRATA_OP_CREATE_INDEX};
        strata_index pix = *ix;
        strata_index_key *keys;
        char *where = NULL;
        int how = 0, r;

        if (ix->constraint || index_kept(a, ix, &w->rc))
            continue;
        keys = calloc(ix->nkeys ? ix->nkeys : 1, sizeof *keys);
        if (!keys) {
            w->rc = STRATA_ERR_NOMEM;
            return;
        }
        for (size_t k = 0; k < ix->nkeys && w->rc == STRATA_OK; k++) {
            keys[k] = ix->keys[k];
            if (!ix->keys[k].expr)
                continue;
            r = strata__autogen_expr(ix->keys[k].expr, &keys[k].expr);
            if (r < 0)
                w->rc = STRATA_ERR_NOMEM;
            how |= r > 0 ? OWN : 0;
        }
        r = strata__autogen_expr(ix->where, &where);
        if (r < 0)
            w->rc = STRATA_ERR_NOMEM;
        how |= r > 0 ? OWN : 0;
        pix.keys = keys;
        pix.where = where;
        op.table = b->name;
        op.name = ix->name;
        op.index = &pix;
        emit(w, &op, how);
        for (size_t k = 0; k < ix->nkeys; k++)
            if (ix->keys[k].expr)
                free(keys[k].expr);
        free(keys);
        free(where);
    }
}

/* A column dropped beside one added with the same type may be one
 * renamed: say so before the drop. */
static void rename_hint(writer *w, const strata_table *a,
                        const strata_table *b, const strata_column *gone)
{
    for (size_t i = 0; i < b->ncolumns; i++) {
        const strata_column *c = &b->columns[i];

        /* Type names are case blind on every engine. */
        if (!column_in(a, c->name) && c->type && gone->type &&
            strcasecmp(c->type, gone->type) == 0) {
            review(w,
                   "%s.%s is dropped and %s added with the same type: if "
                   "it was renamed, write RENAME COLUMN instead, or its "
                   "values are lost",
                   a->name, gone->name, c->name);
            return;
        }
    }
}

static void add_column(writer *w, const strata_table *t,
                       const strata_column *c)
{
    strata_op op = {.kind = STRATA_OP_ADD_COLUMN};
    strata_column pc, *exact = NULL;
    int how = 0;

    if (portable_column(w, STRATA_OP_ADD_COLUMN, &pc, c, &how) !=
        STRATA_OK) {
        w->rc = STRATA_ERR_NOMEM;
        return;
    }
    if (pc.notnull && !pc.default_expr && !serial_type(c))
        review(w, "%s.%s is added NOT NULL without a default: on a table "
                  "with rows, give it one",
               t->name, c->name);
    op.table = t->name;
    op.name = pc.name;
    op.columns = &pc;
    op.ncolumns = 1;
    if (how && exact_columns(w, c, &pc, 1, &exact) != STRATA_OK) {
        w->rc = STRATA_ERR_NOMEM;
    } else {
        strata_op own = op;

        own.columns = exact;
        emit_as(w, exact ? &own : NULL, &op, how);
    }
    exact_free(exact, c, &pc, 1);
    strata__column_clear(&pc);
}

/* SET/DROP DEFAULT, ALTER TYPE, SET/DROP NOT NULL of a column on both
 * sides. */
static void alter_column(writer *w, const strata_table *t,
                         const strata_column *was, const strata_column *c)
{
    strata_op op = {.table = t->name, .name = c->name};
    strata_column pc;
    int how = 0;

    if (portable_column(w, STRATA_OP_ALTER_TYPE, &pc, c, &how) !=
        STRATA_OK) {
        w->rc = STRATA_ERR_NOMEM;
        return;
    }
    if (!same_text(was->type, c->type) && !serial_type(c) &&
        w->o->same_family &&
        w->o->same_family(w->o->payload, was->type, c->type)) {
        review(w,
               "%s.%s is declared %s, not %s: one type family to the "
               "engine, so ALTER TYPE would change nothing; declare it "
               "anew by hand if the name matters",
               t->name, c->name, c->type, was->type);
    } else if (!same_text(was->type, c->type) && !serial_type(c)) {
        op.kind = STRATA_OP_ALTER_TYPE;
        op.type = pc.type;
        emit(w, &op, type_how(w, STRATA_OP_ALTER_TYPE, pc.type));
    }
    if (!same_text(was->default_expr, c->default_expr) &&
        !(serial_type(c) && serial_type(was))) {
        op.kind = pc.default_expr ? STRATA_OP_SET_DEFAULT
                                  : STRATA_OP_DROP_DEFAULT;
        op.default_expr = pc.default_expr;
        emit(w, &op, how & OWN);
    }
    if (was->notnull != c->notnull) {
        op.kind = c->notnull ? STRATA_OP_SET_NOT_NULL
                             : STRATA_OP_DROP_NOT_NULL;
        emit(w, &op, 0);
    }
    if (was->autoincrement != c->autoincrement ||
        was->generated != c->generated)
        review(w, "%s.%s: %s differs; change it by hand", t->name, c->name,
               was->generated != c->generated ? "GENERATED"
                                              : "auto-numbering");
    strata__column_clear(&pc);
}

static void columns(writer *w, const strata_table *a, const strata_table *b)
{
    for (size_t i = 0; i < a->ncolumns && w->rc == STRATA_OK; i++) {
        const strata_column *c = &a->columns[i];
        strata_op op = {.kind = STRATA_OP_DROP_COLUMN};

        if (column_in(b, c->name))
            continue;
        rename_hint(w, a, b, c);
        op.table = a->name;
        op.name = c->name;
        emit(w, &op, 0);
    }
    for (size_t i = 0; i < b->ncolumns && w->rc == STRATA_OK; i++) {
        const strata_column *c = &b->columns[i];
        const strata_column *was = column_in(a, c->name);

        if (!was)
            add_column(w, b, c);
        else
            alter_column(w, b, was, c);
    }
}

/* A table dropped beside one created with the same columns. */
static void table_rename_hint(writer *w, const strata_schema *from,
                              const strata_schema *to, const strata_table *t)
{
    for (size_t i = 0; i < to->ntables; i++) {
        const strata_table *u = &to->tables[i];
        size_t k = 0;

        if (table_in(from, u->name) || u->ncolumns != t->ncolumns)
            continue;
        while (k < t->ncolumns && column_in(u, t->columns[k].name))
            k++;
        if (k == t->ncolumns) {
            review(w,
                   "table %s is dropped and %s created with the same "
                   "columns: if it was renamed, write ALTER TABLE %s "
                   "RENAME TO instead, or its rows are lost",
                   t->name, u->name, t->name);
            return;
        }
    }
}

/* 1 when another table still to drop (done[] 0) references t. */
static int referenced(const strata_schema *from, const strata_schema *to,
                      const unsigned char *done, const strata_table *t)
{
    for (size_t i = 0; i < from->ntables; i++) {
        const strata_table *u = &from->tables[i];

        if (done[i] || u == t || table_in(to, u->name))
            continue;
        for (size_t k = 0; k < u->nconstraints; k++)
            if (is_fk(&u->constraints[k]) &&
                strcmp(u->constraints[k].ref_table, t->name) == 0)
                return 1;
    }
    return 0;
}

/* The tables only in from, each after the ones referencing it (a cycle
 * is dropped in name order: its foreign keys would have to go first). */
static void drop_tables(writer *w, const strata_schema *from,
                        const strata_schema *to)
{
    unsigned char *done = calloc(from->ntables ? from->ntables : 1, 1);
    size_t left = 0;

    if (!done) {
        w->rc = STRATA_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < from->ntables; i++)
        if (table_in(to, from->tables[i].name))
            done[i] = 1;
        else
            left++;
    while (left && w->rc == STRATA_OK) {
        size_t pick = from->ntables;

        for (size_t i = 0; i < from->ntables && pick == from->ntables; i++)
            if (!done[i] && !referenced(from, to, done, &from->tables[i]))
                pick = i;
        for (size_t i = 0; i < from->ntables && pick == from->ntables; i++)
            if (!done[i])
                pick = i;
        {
            strata_op op = {.kind = STRATA_OP_DROP_TABLE};

            table_rename_hint(w, from, to, &from->tables[pick]);
            op.table = from->tables[pick].name;
            emit(w, &op, 0);
        }
        done[pick] = 1;
        left--;
    }
    free(done);
}

/* CREATE TABLE with its columns and every constraint but its foreign
 * keys (added after every table exists). */
static void create_table(writer *w, const strata_table *t)
{
    strata_op op = {.kind = STRATA_OP_CREATE_TABLE};
    strata_column *cols = calloc(t->ncolumns ? t->ncolumns : 1,
                                 sizeof *cols);
    strata_constraint *cons = calloc(t->nconstraints ? t->nconstraints : 1,
                                     sizeof *cons);
    strata_column *exact = NULL;
    int how = 0, rc = cols && cons ? STRATA_OK : STRATA_ERR_NOMEM;

    for (size_t i = 0; i < t->ncolumns && rc == STRATA_OK; i++, op.ncolumns++)
        rc = portable_column(w, STRATA_OP_CREATE_TABLE, &cols[i],
                             &t->columns[i], &how);
    for (size_t i = 0; i < t->nconstraints && rc == STRATA_OK; i++)
        if (!is_fk(&t->constraints[i]) &&
            t->constraints[i].kind != STRATA_CON_EXCLUDE)
            rc = portable_constraint(&cons[op.nconstraints++],
                                     &t->constraints[i], &how);
    if (rc == STRATA_OK && how)
        rc = exact_columns(w, t->columns, cols, op.ncolumns, &exact);
    if (rc == STRATA_OK) {
        strata_op own;

        op.table = t->name;
        op.columns = cols;
        op.constraints = cons;
        own = op;
        own.columns = exact;
        emit_as(w, exact ? &own : NULL, &op, how);
    } else {
        w->rc = rc;
    }
    exact_free(exact, t->columns, cols, op.ncolumns);
    for (size_t i = 0; i < op.ncolumns; i++)
        strata__column_clear(&cols[i]);
    for (size_t i = 0; i < op.nconstraints; i++)
        strata__constraint_clear(&cons[i]);
    free(cols);
    free(cons);
    for (size_t i = 0; i < t->nconstraints && w->rc == STRATA_OK; i++)
        if (t->constraints[i].kind == STRATA_CON_EXCLUDE)
            add_constraint(w, t, &t->constraints[i]);
}

/* --- views, triggers, sequences: the engine's own text ------------------- */

static void drop_object(writer *w, const char *what, const char *name,
                        const char *table)
{
    strata_buf b = {0};

    w->rc = strata__buf_printf(&b, "DROP %s %s%s%s", what, name,
                               table ? " ON " : "", table ? table : "");
    raw(w, b.data);
    strata__buf_free(&b);
}

/* The objects of a that b lacks, or (changed != 0) defines otherwise. */
/* A trigger that runs a function (EXECUTE FUNCTION f(), PostgreSQL's
 * only kind) is dropped naming its table; one with a body (SQLite,
 * MySQL) without it, as those engines want. */
static int names_table(const char *sql)
{
    return sql && (strstr(sql, "EXECUTE FUNCTION") ||
                   strstr(sql, "EXECUTE PROCEDURE"));
}

/* The objects of a that b lacks, or (changed != 0) defines otherwise;
 * table: the triggers' table. */
static void drop_objects(writer *w, const char *what,
                         const strata_object *a, size_t na,
                         const strata_object *b, size_t nb,
                         const char *table, int changed)
{
    for (size_t i = 0; i < na && w->rc == STRATA_OK; i++) {
        const strata_object *o = object_in(b, nb, a[i].name);

        if (!o || (changed && !same_text(o->sql, a[i].sql)))
            drop_object(w, what, a[i].name,
                        names_table(a[i].sql) ? table : NULL);
    }
}

static void create_objects(writer *w, const strata_object *a, size_t na,
                           const strata_object *b, size_t nb, int changed)
{
    for (size_t i = 0; i < nb && w->rc == STRATA_OK; i++) {
        const strata_object *o = object_in(a, na, b[i].name);

        if (!o || (changed && !same_text(o->sql, b[i].sql)))
            raw(w, b[i].sql ? b[i].sql : "");
        else if (!same_text(o->sql, b[i].sql))
            review(w, "sequence %s differs; change it by hand", b[i].name);
    }
}

static const strata_object no_objects[1];

static void triggers(writer *w, const strata_schema *from,
                     const strata_schema *to, int create)
{
    const strata_schema *s = create ? to : from, *o = create ? from : to;

    for (size_t i = 0; i < s->ntables && w->rc == STRATA_OK; i++) {
        const strata_table *t = &s->tables[i], *u = table_in(o, t->name);
        const strata_object *ov = u ? u->triggers : no_objects;
        size_t on = u ? u->ntriggers : 0;

        if (create)
            create_objects(w, ov, on, t->triggers, t->ntriggers, 1);
        else if (u) /* a dropped table takes its triggers along */
            drop_objects(w, "TRIGGER", t->triggers, t->ntriggers, ov, on,
                         t->name, 1);
    }
}

int strata__autogen(const strata_schema *from, const strata_schema *to,
                    const strata_autogen_opts *o, strata_autogen *out)
{
    writer w = {out, o, to->dialect ? to->dialect : "", 0, {0}, STRATA_OK};

    drop_objects(&w, "VIEW", from->views, from->nviews, to->views,
                 to->nviews, NULL, 1);
    triggers(&w, from, to, 0);
    create_objects(&w, from->sequences, from->nsequences, to->sequences,
                   to->nsequences, 0);
    for (int fk = 1; fk >= 0; fk--)
        for (size_t i = 0; i < from->ntables && w.rc == STRATA_OK; i++) {
            const strata_table *t = table_in(to, from->tables[i].name);

            if (t)
                constraints(&w, &from->tables[i], t, fk, 0);
        }
    for (size_t i = 0; i < from->ntables && w.rc == STRATA_OK; i++) {
        const strata_table *t = table_in(to, from->tables[i].name);

        if (t)
            drop_indexes(&w, &from->tables[i], t);
    }
    drop_tables(&w, from, to);
    for (size_t i = 0; i < from->ntables && w.rc == STRATA_OK; i++) {
        const strata_table *t = table_in(to, from->tables[i].name);

        if (t)
            columns(&w, &from->tables[i], t);
    }
    for (size_t i = 0; i < to->ntables && w.rc == STRATA_OK; i++)
        if (!table_in(from, to->tables[i].name))
            create_table(&w, &to->tables[i]);
    for (int fk = 0; fk <= 1; fk++)
        for (size_t i = 0; i < to->ntables && w.rc == STRATA_OK; i++) {
            const strata_table *t = &to->tables[i];
            const strata_table *was = table_in(from, t->name);
            strata_table none = {0};

            if (!fk)
                create_indexes(&w, was ? was : &none, t);
            if (was || fk)
                constraints(&w, was ? was : &none, t, fk, 1);
        }
    triggers(&w, from, to, 1);
    create_objects(&w, from->views, from->nviews, to->views, to->nviews, 1);
    drop_objects(&w, "SEQUENCE", from->sequences, from->nsequences,
                 to->sequences, to->nsequences, NULL, 0);
    flush_others(&w);
    strata__buf_free(&w.others);
    return w.rc;
}

void strata__autogen_free(strata_autogen *g)
{
    strata__buf_free(&g->text);
    memset(g, 0, sizeof *g);
}
