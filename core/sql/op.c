/* op.c - portable operations: freeing and copying them, writing them back
 * as portable SQL, capturing what a change removes and inverting it for
 * derived downgrades, derived names. */
#include "sql/op.h"

#include <stdlib.h>
#include <string.h>

#include "abi/checkcol.h"
#include "sql/catalog.h"
#include "db/host.h"

/* --- memory ------------------------------------------------------------- */
/* The neutral structs inside an operation are catalog.c's to free and
 * copy; these functions only walk the operation. */

void strata__op_free(strata_op *op)
{
    if (!op)
        return;
    free(op->schema);
    free(op->table);
    free(op->name);
    free(op->new_name);
    for (size_t i = 0; op->columns && i < op->ncolumns; i++)
        strata__column_clear(&op->columns[i]);
    free(op->columns);
    for (size_t i = 0; op->constraints && i < op->nconstraints; i++)
        strata__constraint_clear(&op->constraints[i]);
    free(op->constraints);
    if (op->index) {
        strata__index_clear(op->index);
        free(op->index);
    }
    free(op->type);
    free(op->default_expr);
    free(op);
}

/* *dst = a copy of src (NULL stays NULL); 0 or -1 when out of memory. */
static int sdup(char **dst, const char *src)
{
    *dst = NULL;
    return src && !(*dst = strdup(src)) ? -1 : 0;
}

int strata__op_copy(strata_op **out, const strata_op *op)
{
    strata_op *c = calloc(1, sizeof *c);

    *out = NULL;
    if (!c)
        return STRATA_ERR_NOMEM;
    *c = *op;
    c->schema = c->table = c->name = c->new_name = NULL;
    c->type = c->default_expr = NULL;
    c->columns = NULL;
    c->constraints = NULL;
    c->ncolumns = c->nconstraints = 0;
    c->index = NULL;
    if (sdup(&c->schema, op->schema) || sdup(&c->table, op->table) ||
        sdup(&c->name, op->name) || sdup(&c->new_name, op->new_name) ||
        sdup(&c->type, op->type) || sdup(&c->default_expr, op->default_expr))
        goto oom;
    if (op->index && (!(c->index = calloc(1, sizeof *c->index)) ||
                      strata__index_copy(c->index, op->index)))
        goto oom;
    /* A failed copy clears itself; the counts cover whole copies only. */
    if (op->ncolumns && op->columns) {
        if (!(c->columns = calloc(op->ncolumns, sizeof *c->columns)))
            goto oom;
        for (; c->ncolumns < op->ncolumns; c->ncolumns++)
            if (strata__column_copy(&c->columns[c->ncolumns],
                                    &op->columns[c->ncolumns]))
                goto oom;
    }
    if (op->nconstraints && op->constraints) {
        c->constraints = calloc(op->nconstraints, sizeof *c->constraints);
        if (!c->constraints)
            goto oom;
        for (; c->nconstraints < op->nconstraints; c->nconstraints++)
            if (strata__constraint_copy(&c->constraints[c->nconstraints],
                                        &op->constraints[c->nconstraints]))
                goto oom;
    }
    *out = c;
    return STRATA_OK;
oom:
    strata__op_free(c);
    return STRATA_ERR_NOMEM;
}

/* --- names -------------------------------------------------------------- */

const char *strata__op_kind_name(int kind)
{
    static const char *const names[] = {
        [STRATA_OP_CREATE_TABLE] = "create table",
        [STRATA_OP_DROP_TABLE] = "drop table",
        [STRATA_OP_ADD_COLUMN] = "add column",
        [STRATA_OP_DROP_COLUMN] = "drop column",
        [STRATA_OP_RENAME_COLUMN] = "rename column",
        [STRATA_OP_RENAME_TABLE] = "rename table",
        [STRATA_OP_SET_NOT_NULL] = "set not null",
        [STRATA_OP_DROP_NOT_NULL] = "drop not null",
        [STRATA_OP_SET_DEFAULT] = "set default",
        [STRATA_OP_DROP_DEFAULT] = "drop default",
        [STRATA_OP_ALTER_TYPE] = "alter type",
        [STRATA_OP_ADD_CONSTRAINT] = "add constraint",
        [STRATA_OP_DROP_CONSTRAINT] = "drop constraint",
        [STRATA_OP_CREATE_INDEX] = "create index",
        [STRATA_OP_DROP_INDEX] = "drop index",
    };

    if (kind <= 0 || (size_t)kind >= sizeof names / sizeof names[0] ||
        !names[kind])
        return "unknown operation";
    return names[kind];
}

int strata__op_constraint_name(char **out, const char *table,
                               const strata_constraint *con,
                               const strata_name_ctx *ctx,
                               const strata_strmap *taken, size_t max)
{
    strata_buf b = {0};
    char *const *cols = con->columns;
    size_t ncols = con->ncolumns;
    char *checkcol = NULL;

    *out = NULL;
    /* A CHECK is named after the one column it references, wherever it
     * was written (PostgreSQL's AddRelationNewConstraints). */
    if (con->kind == STRATA_CON_CHECK) {
        if (strata_abi_check_column(strata__host(), con->check,
                                    ctx ? ctx->cols : NULL,
                                    ctx ? ctx->ncols : 0,
                                    ctx && ctx->keep_case, &checkcol))
            return STRATA_ERR_NOMEM;
        cols = checkcol ? &checkcol : NULL;
        ncols = checkcol ? 1 : 0;
    }
    /* PostgreSQL's own step around a taken name: t_check1, t_check2 */
    for (unsigned long pass = 0;; pass++) {
        b.len = 0;
        if (strata_abi_constraint_name(strata__host(), &b, con->kind, table,
                                       (const char *const *)cols, ncols,
                                       pass, max)) {
            strata__buf_free(&b);
            free(checkcol);
            return STRATA_ERR_NOMEM;
        }
        if (strata__strmap_find(taken, b.data) < 0)
            break;
    }
    free(checkcol);
    *out = strata__buf_take(&b);
    return STRATA_OK;
}

/* The naming context of op: a CREATE TABLE's column names (a borrowed
 * array in *names, freed by the caller). */
static int name_ctx(const strata_op *op, int keep_case, strata_name_ctx *ctx,
                    char ***names)
{
    *names = NULL;
    ctx->cols = NULL;
    ctx->ncols = 0;
    ctx->keep_case = keep_case;
    if (op->kind != STRATA_OP_CREATE_TABLE || !op->ncolumns)
        return STRATA_OK;
    if (!(*names = calloc(op->ncolumns, sizeof **names)))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < op->ncolumns; i++)
        (*names)[i] = op->columns[i].name;
    ctx->cols = *names;
    ctx->ncols = op->ncolumns;
    return STRATA_OK;
}

int strata__op_name_constraints(strata_op *op, size_t max, int keep_case)
{
    strata_strmap taken;
    strata_name_ctx ctx;
    char **names;
    int rc = STRATA_OK;

    if (!op->nconstraints)
        return STRATA_OK;
    if (name_ctx(op, keep_case, &ctx, &names) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    if (strata__strmap_init(&taken, op->nconstraints) != STRATA_OK) {
        free(names);
        return STRATA_ERR_NOMEM;
    }
    for (size_t i = 0; i < op->nconstraints; i++)
        if (op->constraints[i].named)
            strata__strmap_add(&taken, op->constraints[i].name, (long)i);
    for (size_t i = 0; i < op->nconstraints && rc == STRATA_OK; i++) {
        strata_constraint *c = &op->constraints[i];
        char *name;

        if (c->named)
            continue;
        rc = strata__op_constraint_name(&name, op->table, c, &ctx, &taken,
                                        max);
        if (rc != STRATA_OK)
            break;
        free(c->name);
        c->name = name;
        strata__strmap_add(&taken, c->name, (long)i);
    }
    strata__strmap_free(&taken);
    free(names);
    return rc;
}

/* --- shape ------------------------------------------------------------- */

static int bad_op(strata_error *err, const strata_op *op, const char *table,
                  const char *what)
{
    return strata__error_set(err, STRATA_ERR_INVALID, "%s%s%s: %s",
                             strata__op_kind_name(op->kind),
                             table ? " on " : "", table ? table : "", what);
}

/* Whether kind needs op->name (CREATE INDEX: or its index's name). */
static int needs_name(int kind)
{
    return kind != STRATA_OP_CREATE_TABLE && kind != STRATA_OP_DROP_TABLE &&
           kind != STRATA_OP_RENAME_TABLE && kind != STRATA_OP_ADD_COLUMN &&
           kind != STRATA_OP_ADD_CONSTRAINT;
}

static int check_parts(const strata_op *op, const char *table,
                       strata_error *err)
{
    const strata_index *ix = op->index;

    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        return op->columns && op->ncolumns
                   ? STRATA_OK
                   : bad_op(err, op, table, "no column");
    case STRATA_OP_ADD_COLUMN:
        return op->columns && op->ncolumns == 1 && op->columns[0].name
                   ? STRATA_OK
                   : bad_op(err, op, table, "needs exactly one column");
    case STRATA_OP_ADD_CONSTRAINT:
        return op->constraints && op->nconstraints == 1
                   ? STRATA_OK
                   : bad_op(err, op, table,
                            "needs exactly one constraint");
    case STRATA_OP_CREATE_INDEX:
        if (!ix || !ix->keys || !ix->nkeys)
            return bad_op(err, op, table, "no key");
        for (size_t i = 0; i < ix->nkeys; i++)
            if (!ix->keys[i].column && !ix->keys[i].expr)
                return bad_op(err, op, table, "a key is empty");
        return STRATA_OK;
    case STRATA_OP_SET_DEFAULT:
        return op->default_expr ? STRATA_OK
                                : bad_op(err, op, table, "no default");
    case STRATA_OP_ALTER_TYPE:
        return op->type && *op->type ? STRATA_OK
                                     : bad_op(err, op, table, "no type");
    default:
        return STRATA_OK;
    }
}

int strata__op_check(const strata_op *op, strata_error *err)
{
    const char *table = op->table ? op->table
                        : op->index ? op->index->table : NULL;
    const char *name = op->name ? op->name
                       : op->kind == STRATA_OP_CREATE_INDEX && op->index
                           ? op->index->name
                           : NULL;

    if (op->kind < STRATA_OP_CREATE_TABLE || op->kind > STRATA_OP_DROP_INDEX)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "unknown operation kind %d", op->kind);
    if (!table && op->kind != STRATA_OP_DROP_INDEX)
        return bad_op(err, op, NULL, "no table");
    if ((op->kind == STRATA_OP_RENAME_COLUMN ||
         op->kind == STRATA_OP_RENAME_TABLE) && !op->new_name)
        return bad_op(err, op, table, "no new name");
    if (!name && needs_name(op->kind))
        return bad_op(err, op, table, "names nothing");
    for (size_t i = 0; op->constraints && i < op->nconstraints; i++)
        if (op->constraints[i].kind < STRATA_CON_PRIMARY_KEY ||
            op->constraints[i].kind > STRATA_CON_FOREIGN_KEY)
            return bad_op(err, op, table, "a constraint of unknown kind");
    return check_parts(op, table, err);
}

/* PostgreSQL's reserved keywords (both of its reserved categories), the
 * strictest of the three engines: none can be an unquoted name there. */
static const char *const reserved[] = {
    "all",           "analyse",        "analyze",      "and",
    "any",           "array",          "as",           "asc",
    "asymmetric",    "authorization",  "binary",       "both",
    "case",          "cast",           "check",        "collate",
    "collation",     "column",         "concurrently", "constraint",
    "create",        "cross",          "current_catalog", "current_date",
    "current_role",  "current_schema", "current_time", "current_timestamp",
    "current_user",  "default",        "deferrable",   "desc",
    "distinct",      "do",             "else",         "end",
    "except",        "false",          "fetch",        "for",
    "foreign",       "freeze",         "from",         "full",
    "grant",         "group",          "having",       "ilike",
    "in",            "initially",      "inner",        "intersect",
    "into",          "is",             "isnull",       "join",
    "lateral",       "leading",        "left",         "like",
    "limit",         "localtime",      "localtimestamp", "natural",
    "not",           "notnull",        "null",         "offset",
    "on",            "only",           "or",           "order",
    "outer",         "overlaps",       "placing",      "primary",
    "references",    "returning",      "right",        "select",
    "session_user",  "similar",        "some",         "symmetric",
    "system_user",   "table",          "tablesample",  "then",
    "to",            "trailing",       "true",         "union",
    "unique",        "user",           "using",        "variadic",
    "verbose",       "when",           "where",        "window",
    "with",
};

/* Other words the parser reads as keywords where a name can stand
 * (ADD COLUMN, DROP INDEX, IF EXISTS, ...) or MySQL reserves: written
 * quoted, though accepted unquoted. */
static const char *const keywords[] = {
    "add",     "alter",    "by",      "cascade", "data",    "delete",
    "drop",    "exclude",  "exists",  "fulltext", "generated", "if",
    "index",   "insert",   "key",     "period",  "rename",  "restrict",
    "set",     "spatial",  "type",    "update",  "values",
};

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

/* The lists are sorted: every identifier of every file is looked up. */
static int in_list(const char *w, const char *const *list, size_t n)
{
    return bsearch(w, list, n, sizeof *list, cmp_word) != NULL;
}

int strata__op_reserved(const char *word)
{
    return in_list(word, reserved, sizeof reserved / sizeof reserved[0]);
}

static int plain_ident(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z') && *s != '_')
        return 0;
    for (const char *p = s + 1; *p; p++)
        if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9') &&
            *p != '_' && *p != '$')
            return 0;
    return !strata__op_reserved(s) &&
           !in_list(s, keywords, sizeof keywords / sizeof keywords[0]);
}

int strata__op_put_ident(strata_buf *out, const char *name)
{
    if (!name)
        name = "";
    if (plain_ident(name))
        return strata__buf_puts(out, name);
    if (strata__buf_append(out, "\"", 1))
        return STRATA_ERR_NOMEM;
    for (const char *p = name; *p; p++)
        if (strata__buf_append(out, p, 1) ||
            (*p == '"' && strata__buf_append(out, "\"", 1)))
            return STRATA_ERR_NOMEM;
    return strata__buf_append(out, "\"", 1);
}

/* --- portable SQL text -------------------------------------------------- */

static int put_qname(strata_buf *b, const char *schema, const char *name)
{
    if (schema &&
        (strata__op_put_ident(b, schema) || strata__buf_puts(b, ".")))
        return STRATA_ERR_NOMEM;
    return strata__op_put_ident(b, name);
}

static int put_list(strata_buf *b, char *const *v, size_t n)
{
    if (strata__buf_puts(b, "("))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if ((i && strata__buf_puts(b, ", ")) ||
            strata__op_put_ident(b, v[i]))
            return STRATA_ERR_NOMEM;
    return strata__buf_puts(b, ")");
}

/* REFERENCES r [(cols)] [ON DELETE a] [ON UPDATE a] */
static int put_references(strata_buf *b, const strata_constraint *c)
{
    if (strata__buf_puts(b, "REFERENCES ") ||
        strata__op_put_ident(b, c->ref_table))
        return STRATA_ERR_NOMEM;
    if (c->nref_columns &&
        (strata__buf_puts(b, " ") ||
         put_list(b, c->ref_columns, c->nref_columns)))
        return STRATA_ERR_NOMEM;
    if (c->on_delete && strata__buf_printf(b, " ON DELETE %s", c->on_delete))
        return STRATA_ERR_NOMEM;
    if (c->on_update && strata__buf_printf(b, " ON UPDATE %s", c->on_update))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* A constraint, with CONSTRAINT name when named; inline = the column
 * form (no column list). */
static int put_constraint(strata_buf *b, const strata_constraint *c,
                          int named, int inl)
{
    if (named && (strata__buf_puts(b, "CONSTRAINT ") ||
                  strata__op_put_ident(b, c->name) ||
                  strata__buf_puts(b, " ")))
        return STRATA_ERR_NOMEM;
    switch (c->kind) {
    case STRATA_CON_PRIMARY_KEY:
    case STRATA_CON_UNIQUE:
        if (strata__buf_puts(b, c->kind == STRATA_CON_UNIQUE ? "UNIQUE"
                                                             : "PRIMARY KEY"))
            return STRATA_ERR_NOMEM;
        if (!inl && (strata__buf_puts(b, " ") ||
                     put_list(b, c->columns, c->ncolumns)))
            return STRATA_ERR_NOMEM;
        return STRATA_OK;
    case STRATA_CON_CHECK:
        return strata__buf_printf(b, "CHECK (%s)", c->check ? c->check : "");
    case STRATA_CON_FOREIGN_KEY:
        if (!inl && (strata__buf_puts(b, "FOREIGN KEY ") ||
                     put_list(b, c->columns, c->ncolumns) ||
                     strata__buf_puts(b, " ")))
            return STRATA_ERR_NOMEM;
        return put_references(b, c);
    }
    return STRATA_ERR_INVALID;
}

static int put_column(strata_buf *b, const strata_column *c)
{
    if (strata__op_put_ident(b, c->name) ||
        strata__buf_printf(b, " %s", c->type ? c->type : "text") ||
        (c->notnull && strata__buf_puts(b, " NOT NULL")) ||
        (c->default_expr &&
         strata__buf_printf(b, " DEFAULT %s", c->default_expr)))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* Index of each column of op by name (the first of a repeated name). */
static int column_map(const strata_op *op, strata_strmap *m)
{
    if (strata__strmap_init(m, op->ncolumns) != STRATA_OK)
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < op->ncolumns; i++)
        if (op->columns[i].name)
            strata__strmap_add(m, op->columns[i].name, (long)i);
    return STRATA_OK;
}

/* Which constraints need CONSTRAINT name written: the named ones, and
 * those whose name is not the one the parser would derive for them in
 * that place (it derives in order, avoiding every written name).
 * shape[i] is the constraint as it will read back (a table-level CHECK
 * has no columns).  Repeats until stable: writing a name can change
 * what the later ones derive. */
static int choose_names(const char *table, const strata_constraint *shape,
                        size_t n, const strata_name_ctx *ctx, int *named)
{
    strata_strmap taken = {0};
    int changed = 1, rc = STRATA_OK;

    for (size_t i = 0; i < n; i++)
        named[i] = shape[i].named && shape[i].name;
    while (changed && rc == STRATA_OK) {
        changed = 0;
        strata__strmap_free(&taken);
        if (strata__strmap_init(&taken, n) != STRATA_OK)
            return STRATA_ERR_NOMEM;
        for (size_t i = 0; i < n; i++)
            if (named[i] && shape[i].name)
                strata__strmap_add(&taken, shape[i].name, (long)i);
        for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
            char *d;

            if (named[i] || !shape[i].name)
                continue; /* nameless: the reader derives one */
            rc = strata__op_constraint_name(&d, table, &shape[i], ctx,
                                            &taken, STRATA_ABI_NAME_MAX);
            if (rc != STRATA_OK)
                break;
            if (strcmp(d, shape[i].name) != 0) {
                named[i] = 1;
                changed = 1;
            } else {
                strata__strmap_add(&taken, shape[i].name, (long)i);
            }
            free(d);
        }
    }
    strata__strmap_free(&taken);
    return rc;
}

/* CREATE TABLE: constraints stay in the parser's order (a column's own
 * ones with it, in column order, then table-level ones), so the longest
 * prefix of one-column constraints in non-decreasing column order is
 * written inline and the rest after the columns. */
static int create_table_sql(const strata_op *op, strata_buf *b)
{
    size_t n = op->nconstraints, ninline = 0, j = 0;
    long *col = n ? calloc(n, sizeof *col) : NULL;
    int *named = n ? calloc(n, sizeof *named) : NULL;
    strata_constraint *shape = n ? calloc(n, sizeof *shape) : NULL;
    strata_strmap cols = {0};
    strata_name_ctx ctx;
    char **names = NULL;
    long cur = 0;
    int rc = STRATA_OK, first = 1;

    if (n && (!col || !named || !shape || column_map(op, &cols))) {
        rc = STRATA_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const strata_constraint *c = &op->constraints[i];
        long k = c->ncolumns == 1 && c->columns[0]
                     ? strata__strmap_find(&cols, c->columns[0])
                     : -1;

        col[i] = -1;
        if (ninline == i && k >= cur &&
            (c->kind != STRATA_CON_FOREIGN_KEY || c->nref_columns <= 1)) {
            col[i] = cur = k;
            ninline++;
        }
        shape[i] = *c;
        if (c->kind == STRATA_CON_CHECK && col[i] < 0)
            shape[i].ncolumns = 0;
    }
    if ((rc = name_ctx(op, 0, &ctx, &names)) != STRATA_OK ||
        (rc = choose_names(op->table, shape, n, &ctx, named)) != STRATA_OK)
        goto done;
    if (strata__buf_puts(b, "CREATE TABLE ") ||
        (op->if_exists && strata__buf_puts(b, "IF NOT EXISTS ")) ||
        put_qname(b, op->schema, op->table) || strata__buf_puts(b, " ("))
        goto oom;
    for (size_t i = 0; i < op->ncolumns; i++) {
        if ((!first && strata__buf_puts(b, ", ")) ||
            put_column(b, &op->columns[i]))
            goto oom;
        first = 0;
        /* the inline ones are in column order */
        for (; j < ninline && col[j] == (long)i; j++)
            if (strata__buf_puts(b, " ") ||
                put_constraint(b, &op->constraints[j], named[j], 1))
                goto oom;
    }
    for (j = ninline; j < n; j++) {
        if ((!first && strata__buf_puts(b, ", ")) ||
            put_constraint(b, &op->constraints[j], named[j], 0))
            goto oom;
        first = 0;
    }
    if (strata__buf_puts(b, ")"))
        goto oom;
    goto done;
oom:
    rc = STRATA_ERR_NOMEM;
done:
    strata__strmap_free(&cols);
    free(col);
    free(named);
    free(shape);
    free(names);
    return rc;
}

/* ALTER TABLE t ADD COLUMN c ...: every constraint inline on c. */
static int add_column_sql(const strata_op *op, strata_buf *b)
{
    const strata_column *c = op->ncolumns ? &op->columns[0] : NULL;
    size_t n = op->nconstraints;
    int *named = n ? calloc(n, sizeof *named) : NULL;
    strata_constraint *shape = n ? calloc(n, sizeof *shape) : NULL;
    char *one[1];
    int rc;

    if (n && (!named || !shape)) {
        free(named);
        free(shape);
        return STRATA_ERR_NOMEM;
    }
    one[0] = c ? c->name : op->name;
    for (size_t i = 0; i < n; i++) {
        shape[i] = op->constraints[i];
        shape[i].columns = one; /* read back as written on the column */
        shape[i].ncolumns = 1;
    }
    rc = choose_names(op->table, shape, n, NULL, named);
    if (rc == STRATA_OK &&
        (strata__buf_puts(b, "ADD COLUMN ") ||
         (op->if_exists && strata__buf_puts(b, "IF NOT EXISTS "))))
        rc = STRATA_ERR_NOMEM;
    if (rc == STRATA_OK && c)
        rc = put_column(b, c);
    else if (rc == STRATA_OK)
        rc = strata__op_put_ident(b, op->name);
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (strata__buf_puts(b, " ") ||
            put_constraint(b, &op->constraints[i], named[i], 1))
            rc = STRATA_ERR_NOMEM;
    free(named);
    free(shape);
    return rc;
}

static int add_constraint_sql(const strata_op *op, strata_buf *b)
{
    strata_constraint shape;
    int named = 0;
    int rc;

    if (!op->nconstraints)
        return STRATA_ERR_INVALID;
    shape = op->constraints[0];
    if (!shape.name)
        shape.name = op->name;
    if (shape.kind == STRATA_CON_CHECK)
        shape.ncolumns = 0; /* ADD CHECK is table-level */
    if ((rc = choose_names(op->table, &shape, 1, NULL, &named)) != STRATA_OK)
        return rc;
    if (strata__buf_puts(b, "ADD "))
        return STRATA_ERR_NOMEM;
    shape = op->constraints[0];
    if (!shape.name)
        shape.name = op->name;
    return put_constraint(b, &shape, named, 0);
}

static int create_index_sql(const strata_op *op, strata_buf *b)
{
    const strata_index *ix = op->index;
    const char *name = op->name ? op->name : ix ? ix->name : NULL;
    const char *table = op->table ? op->table : ix ? ix->table : NULL;

    if (!ix)
        return STRATA_ERR_INVALID;
    if (strata__buf_printf(b, "CREATE %sINDEX %s%s",
                           ix->unique ? "UNIQUE " : "",
                           op->concurrently ? "CONCURRENTLY " : "",
                           op->if_exists ? "IF NOT EXISTS " : "") ||
        strata__op_put_ident(b, name) || strata__buf_puts(b, " ON ") ||
        put_qname(b, op->schema, table) || strata__buf_puts(b, " ("))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < ix->nkeys; i++) {
        const strata_index_key *k = &ix->keys[i];

        if ((i && strata__buf_puts(b, ", ")) ||
            (k->column ? strata__op_put_ident(b, k->column)
                       : strata__buf_printf(b, "(%s)",
                                            k->expr ? k->expr : "")) ||
            (k->desc && strata__buf_puts(b, " DESC")))
            return STRATA_ERR_NOMEM;
    }
    if (strata__buf_puts(b, ")") ||
        (ix->where && strata__buf_printf(b, " WHERE %s", ix->where)))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

static int drop_index_sql(const strata_op *op, strata_buf *b)
{
    if (strata__buf_printf(b, "DROP INDEX %s%s",
                           op->concurrently ? "CONCURRENTLY " : "",
                           op->if_exists ? "IF EXISTS " : ""))
        return STRATA_ERR_NOMEM;
    if (!op->table)
        return put_qname(b, op->schema, op->name);
    if (strata__op_put_ident(b, op->name) || strata__buf_puts(b, " ON ") ||
        put_qname(b, op->schema, op->table))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* The ALTER TABLE forms after "ALTER TABLE t ". */
static int alter_sql(const strata_op *op, strata_buf *b)
{
    switch (op->kind) {
    case STRATA_OP_ADD_COLUMN:
        return add_column_sql(op, b);
    case STRATA_OP_DROP_COLUMN:
        return strata__buf_printf(b, "DROP COLUMN %s",
                                  op->if_exists ? "IF EXISTS " : "") ||
                       strata__op_put_ident(b, op->name)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_OP_RENAME_COLUMN:
        return strata__buf_puts(b, "RENAME COLUMN ") ||
                       strata__op_put_ident(b, op->name) ||
                       strata__buf_puts(b, " TO ") ||
                       strata__op_put_ident(b, op->new_name)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_OP_RENAME_TABLE:
        return strata__buf_puts(b, "RENAME TO ") ||
                       strata__op_put_ident(b, op->new_name)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_OP_ADD_CONSTRAINT:
        return add_constraint_sql(op, b);
    case STRATA_OP_DROP_CONSTRAINT:
        return strata__buf_printf(b, "DROP CONSTRAINT %s",
                                  op->if_exists ? "IF EXISTS " : "") ||
                       strata__op_put_ident(b, op->name)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    default:
        break;
    }
    /* ALTER COLUMN c ... */
    if (strata__buf_puts(b, "ALTER COLUMN ") ||
        strata__op_put_ident(b, op->name))
        return STRATA_ERR_NOMEM;
    switch (op->kind) {
    case STRATA_OP_SET_NOT_NULL:
        return strata__buf_puts(b, " SET NOT NULL");
    case STRATA_OP_DROP_NOT_NULL:
        return strata__buf_puts(b, " DROP NOT NULL");
    case STRATA_OP_SET_DEFAULT:
        return strata__buf_printf(b, " SET DEFAULT %s",
                                  op->default_expr ? op->default_expr
                                                   : "NULL");
    case STRATA_OP_DROP_DEFAULT:
        return strata__buf_puts(b, " DROP DEFAULT");
    case STRATA_OP_ALTER_TYPE:
        return strata__buf_printf(b, " TYPE %s", op->type ? op->type : "");
    }
    return STRATA_ERR_INVALID;
}

int strata__op_to_sql(const strata_op *op, strata_buf *out)
{
    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        return create_table_sql(op, out);
    case STRATA_OP_DROP_TABLE:
        return strata__buf_printf(out, "DROP TABLE %s",
                                  op->if_exists ? "IF EXISTS " : "") ||
                       put_qname(out, op->schema, op->table)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_OP_CREATE_INDEX:
        return create_index_sql(op, out);
    case STRATA_OP_DROP_INDEX:
        return drop_index_sql(op, out);
    case STRATA_OP_ADD_COLUMN:
    case STRATA_OP_DROP_COLUMN:
    case STRATA_OP_RENAME_COLUMN:
    case STRATA_OP_RENAME_TABLE:
    case STRATA_OP_SET_NOT_NULL:
    case STRATA_OP_DROP_NOT_NULL:
    case STRATA_OP_SET_DEFAULT:
    case STRATA_OP_DROP_DEFAULT:
    case STRATA_OP_ALTER_TYPE:
    case STRATA_OP_ADD_CONSTRAINT:
    case STRATA_OP_DROP_CONSTRAINT:
        if (strata__buf_puts(out, "ALTER TABLE ") ||
            put_qname(out, op->schema, op->table) ||
            strata__buf_puts(out, " "))
            return STRATA_ERR_NOMEM;
        return alter_sql(op, out);
    }
    return STRATA_ERR_INVALID;
}

/* --- derived downgrades ------------------------------------------------- */

/* A new operation of kind on up's table, at up's place. */
static strata_op *derived(int kind, const strata_op *up)
{
    strata_op *op = calloc(1, sizeof *op);

    if (!op)
        return NULL;
    op->kind = kind;
    op->line = up->line;
    op->column = up->column;
    if (sdup(&op->schema, up->schema) || sdup(&op->table, up->table)) {
        strata__op_free(op);
        return NULL;
    }
    return op;
}

/* "t.c" (schema-qualified when written so) for messages. */
static char *target(const strata_op *up, int column)
{
    const char *name = column ? up->name : NULL;

    return strata__sprintf("%s%s%s%s%s", up->schema ? up->schema : "",
                           up->schema ? "." : "",
                           up->table ? up->table : "?", name ? "." : "",
                           name ? name : "");
}

static int irreversible(strata_error *err, const strata_op *up, int column)
{
    char *t = target(up, column);

    strata__error_set(err, STRATA_ERR_IRREVERSIBLE,
                      "%s %s cannot be undone automatically (%s); write a "
                      "'-- +down' section",
                      strata__op_kind_name(up->kind), t ? t : "?",
                      up->kind == STRATA_OP_ALTER_TYPE
                          ? "the old type is not recorded"
                          : "its data would be lost");
    free(t);
    return STRATA_ERR_IRREVERSIBLE;
}

static int not_recorded(strata_error *err, const strata_op *up,
                        const char *what)
{
    int dflt = up->kind == STRATA_OP_SET_DEFAULT ||
               up->kind == STRATA_OP_DROP_DEFAULT;
    char *t = target(up, dflt);

    if (dflt)
        strata__error_set(err, STRATA_ERR_IRREVERSIBLE,
                          "%s on %s: %s was not recorded at upgrade",
                          strata__op_kind_name(up->kind), t ? t : "?", what);
    else
        strata__error_set(err, STRATA_ERR_IRREVERSIBLE,
                          "%s %s: %s was not recorded at upgrade",
                          strata__op_kind_name(up->kind),
                          up->name ? up->name : "?", what);
    free(t);
    return STRATA_ERR_IRREVERSIBLE;
}

/* The inverse from what was captured before up ran: a copy of captured,
 * which must be of one of the kinds k1, k2. */
static int from_captured(strata_op **out, const strata_op *up,
                         const strata_op *cap, int k1, int k2,
                         const char *what, strata_error *err)
{
    strata_op *op;

    if (!cap)
        return not_recorded(err, up, what);
    if (cap->kind != k1 && cap->kind != k2)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "%s %s: the recorded definition is a %s",
                                 strata__op_kind_name(up->kind),
                                 up->name ? up->name : "?",
                                 strata__op_kind_name(cap->kind));
    if (strata__op_copy(&op, cap) != STRATA_OK)
        return strata__nomem(err);
    op->sql = NULL;
    op->line = up->line;
    op->column = up->column;
    /* the capture knows the table even where the drop did not say it
     * (PostgreSQL's DROP INDEX); fill in only what it lacks */
    if ((!op->table && sdup(&op->table, up->table)) ||
        (!op->schema && sdup(&op->schema, up->schema))) {
        strata__op_free(op);
        return strata__nomem(err);
    }
    *out = op;
    return STRATA_OK;
}

int strata__op_capture(strata_op **out, const strata_op *op,
                       const strata_table *t)
{
    strata_op *c;
    const strata_column *col;
    int rc = STRATA_OK;

    *out = NULL;
    switch (op->kind) {
    case STRATA_OP_DROP_INDEX:
        if (!strata__table_index(t, op->name))
            return STRATA_OK;
        break;
    case STRATA_OP_DROP_CONSTRAINT: {
        const strata_constraint *k = strata__table_constraint(t, op->name);

        /* none, or one no portable statement can add back (an
         * exclusion constraint): nothing to capture */
        if (!k || k->kind < STRATA_CON_PRIMARY_KEY ||
            k->kind > STRATA_CON_FOREIGN_KEY)
            return STRATA_OK;
        break;
    }
    case STRATA_OP_SET_DEFAULT:
    case STRATA_OP_DROP_DEFAULT:
        if (!strata__table_column(t, op->name))
            return STRATA_OK;
        break;
    default:
        return STRATA_OK;
    }
    if (!(c = calloc(1, sizeof *c)))
        return STRATA_ERR_NOMEM;
    if (sdup(&c->table, t->name) || sdup(&c->schema, op->schema))
        rc = STRATA_ERR_NOMEM;
    if (rc == STRATA_OK && op->kind == STRATA_OP_DROP_INDEX) {
        const strata_index *ix = strata__table_index(t, op->name);
        c->kind = STRATA_OP_CREATE_INDEX;
        c->online = op->online;
        if (sdup(&c->name, ix->name) ||
            !(c->index = calloc(1, sizeof *c->index)) ||
            strata__index_copy(c->index, ix))
            rc = STRATA_ERR_NOMEM;
        else if (!c->index->table && sdup(&c->index->table, t->name))
            rc = STRATA_ERR_NOMEM;
    } else if (rc == STRATA_OK && op->kind == STRATA_OP_DROP_CONSTRAINT) {
        c->kind = STRATA_OP_ADD_CONSTRAINT;
        if (sdup(&c->name, op->name) ||
            !(c->constraints = calloc(1, sizeof *c->constraints)) ||
            strata__constraint_copy(c->constraints,
                                    strata__table_constraint(t, op->name)))
            rc = STRATA_ERR_NOMEM;
        else
            c->nconstraints = 1;
    } else if (rc == STRATA_OK) {
        col = strata__table_column(t, op->name);
        c->kind = col->default_expr ? STRATA_OP_SET_DEFAULT
                                    : STRATA_OP_DROP_DEFAULT;
        if (sdup(&c->name, col->name) ||
            sdup(&c->default_expr, col->default_expr))
            rc = STRATA_ERR_NOMEM;
    }
    if (rc != STRATA_OK) {
        strata__op_free(c);
        return rc;
    }
    *out = c;
    return STRATA_OK;
}

static int inverse(strata_op **out, const strata_op *up,
                   const strata_op *captured, strata_error *err)
{
    strata_op *op = NULL;
    int kind = 0;

    *out = NULL;
    switch (up->kind) {
    case STRATA_OP_DROP_TABLE:
        return irreversible(err, up, 0);
    case STRATA_OP_DROP_COLUMN:
    case STRATA_OP_ALTER_TYPE:
        return irreversible(err, up, 1);
    case STRATA_OP_DROP_INDEX:
        if (from_captured(&op, up, captured, STRATA_OP_CREATE_INDEX, 0,
                          "its definition", err))
            return err->code;
        op->concurrently = up->concurrently;
        op->online = up->online;
        op->if_exists = 0;
        *out = op;
        return STRATA_OK;
    case STRATA_OP_DROP_CONSTRAINT:
        if (from_captured(&op, up, captured, STRATA_OP_ADD_CONSTRAINT, 0,
                          "its definition", err))
            return err->code;
        op->if_exists = 0;
        *out = op;
        return STRATA_OK;
    case STRATA_OP_SET_DEFAULT:
    case STRATA_OP_DROP_DEFAULT:
        if (from_captured(&op, up, captured, STRATA_OP_SET_DEFAULT,
                          STRATA_OP_DROP_DEFAULT, "the previous default",
                          err))
            return err->code;
        *out = op;
        return STRATA_OK;
    case STRATA_OP_CREATE_TABLE:
        kind = STRATA_OP_DROP_TABLE;
        break;
    case STRATA_OP_ADD_COLUMN:
        kind = STRATA_OP_DROP_COLUMN;
        break;
    case STRATA_OP_CREATE_INDEX:
        kind = STRATA_OP_DROP_INDEX;
        break;
    case STRATA_OP_ADD_CONSTRAINT:
        kind = STRATA_OP_DROP_CONSTRAINT;
        break;
    case STRATA_OP_RENAME_COLUMN:
    case STRATA_OP_RENAME_TABLE:
        kind = up->kind;
        break;
    case STRATA_OP_SET_NOT_NULL:
        kind = STRATA_OP_DROP_NOT_NULL;
        break;
    case STRATA_OP_DROP_NOT_NULL:
        kind = STRATA_OP_SET_NOT_NULL;
        break;
    default:
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "operation kind %d cannot be inverted",
                                 up->kind);
    }
    if (!(op = derived(kind, up)))
        return strata__nomem(err);
    switch (up->kind) {
    case STRATA_OP_CREATE_TABLE:
        op->if_exists = up->if_exists; /* IF NOT EXISTS -> IF EXISTS */
        break;
    case STRATA_OP_CREATE_INDEX:
        op->concurrently = up->concurrently;
        op->online = up->online;
        op->if_exists = up->if_exists;
        if (sdup(&op->name, up->name ? up->name
                                    : up->index ? up->index->name : NULL) ||
            (!op->table && up->index &&
             sdup(&op->table, up->index->table)))
            goto oom;
        break;
    case STRATA_OP_RENAME_COLUMN:
        if (sdup(&op->name, up->new_name) || sdup(&op->new_name, up->name))
            goto oom;
        break;
    case STRATA_OP_RENAME_TABLE:
        free(op->table);
        op->table = NULL;
        if (sdup(&op->table, up->new_name) || sdup(&op->new_name, up->table))
            goto oom;
        break;
    case STRATA_OP_ADD_COLUMN:
        op->if_exists = up->if_exists;
        /* fall through */
    default:
        if (sdup(&op->name, up->name))
            goto oom;
        break;
    }
    *out = op;
    return STRATA_OK;
oom:
    strata__op_free(op);
    return strata__nomem(err);
}

int strata__op_inverse(strata_op **out, const strata_op *up,
                       const strata_op *captured, strata_error *err)
{
    int rc = inverse(out, up, captured, err);

    if (rc == STRATA_OK && (rc = strata__op_check(*out, err)) != STRATA_OK) {
        strata__op_free(*out);
        *out = NULL;
    }
    return rc;
}
