/* parser.c - recognises docs/design.md §3's portable DDL and builds a
 * strata_op; anything outside the subset, or using a dialect's extension, is
 * raw. */
#include "sql/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/host.h"
#include "sql/op.h"
#include "sql/sqltok.h"

/* Internal result: the statement is not portable; run it as written.
 * Positive, so it never collides with STRATA_OK or a STRATA_ERR_*. */
enum { RAW = 1 };

typedef struct parser {
    const char *path;
    const char *sql;
    unsigned line, col;  /* where sql starts in its file */
    const strata_tok *t; /* the tokens */
    size_t n;
    size_t pos;          /* current token */
    size_t *match;       /* for each '(' the index of its ')' */
    strata_strmap cols;  /* CREATE TABLE: column name -> index (borrowed
                          * names), so that checks stay linear */
    strata_op *op;       /* being built; freed whole on any failure */
    strata_error *err;
    int keep_case;       /* unquoted names as written (the dialect's
                          * STRATA_NAME_KEEP_CASE), else folded */
} parser;

#define TRY(x)                                                             \
    do {                                                                   \
        int rc_ = (x);                                                     \
        if (rc_ != STRATA_OK)                                              \
            return rc_;                                                    \
    } while (0)

/* --- tokens ------------------------------------------------------------- */

static const strata_tok *ahead(const parser *p, size_t k)
{
    return p->pos + k < p->n ? &p->t[p->pos + k] : NULL;
}

static const strata_tok *cur(const parser *p) { return ahead(p, 0); }

static int at_end(const parser *p) { return p->pos >= p->n; }

static int is_kw(const strata_tok *t, const char *w)
{
    return strata__sqltok_is(t, w);
}

static int is_punct(const strata_tok *t, const char *s)
{
    return t && t->kind == STRATA_TOK_PUNCT && strcmp(t->text, s) == 0;
}

static int is_name_tok(const strata_tok *t)
{
    return t && (t->kind == STRATA_TOK_WORD || t->kind == STRATA_TOK_QUOTED);
}

static int accept(parser *p, const char *w)
{
    if (!is_kw(cur(p), w))
        return 0;
    p->pos++;
    return 1;
}

static int accept_punct(parser *p, const char *s)
{
    if (!is_punct(cur(p), s))
        return 0;
    p->pos++;
    return 1;
}

/* 1 when t is an unquoted word of the NULL-terminated list. */
static int is_kw_in(const strata_tok *t, const char *const *list)
{
    for (; t && *list; list++)
        if (is_kw(t, *list))
            return 1;
    return 0;
}

/* --- errors ------------------------------------------------------------- */

/* A hard error at token t: "path:LINE:COL: message", the position taken
 * in the file (the statement's first line starts at column p->col). */
static int fail(parser *p, const strata_tok *t, const char *fmt, ...)
    STRATA_PRINTF(3, 4);

static int fail(parser *p, const strata_tok *t, const char *fmt, ...)
{
    unsigned line = p->line + t->line - 1;
    unsigned col = t->line == 1 ? p->col + t->col - 1 : t->col;
    char *msg;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(msg = malloc((size_t)n + 1)))
        return strata__nomem(p->err);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    strata__error_set(p->err, STRATA_ERR_PARSE, "%s:%u:%u: %s",
                      p->path ? p->path : "-", line, col, msg);
    free(msg);
    return STRATA_ERR_PARSE;
}

/* Every '(' closed, no stray ')': recorded in p->match. */
static int balance(parser *p)
{
    size_t *stack = malloc(p->n * sizeof *stack), depth = 0;

    if (!stack || !(p->match = calloc(p->n, sizeof *p->match))) {
        free(stack);
        return strata__nomem(p->err);
    }
    for (size_t i = 0; i < p->n; i++) {
        if (is_punct(&p->t[i], "(")) {
            stack[depth++] = i;
        } else if (is_punct(&p->t[i], ")")) {
            if (!depth) {
                free(stack);
                return fail(p, &p->t[i], "unbalanced parentheses: ')' has "
                                         "no matching '('");
            }
            p->match[stack[--depth]] = i;
        }
    }
    if (depth) {
        size_t open = stack[depth - 1];

        free(stack);
        return fail(p, &p->t[open],
                    "unbalanced parentheses: '(' is never closed");
    }
    free(stack);
    return STRATA_OK;
}

/* --- pieces ------------------------------------------------------------- */

/* The source text of tokens [a, b), as written (comments inside kept). */
static int span(parser *p, size_t a, size_t b, char **out)
{
    size_t from = p->t[a].offset, to = p->t[b - 1].offset + p->t[b - 1].len;

    if (!(*out = malloc(to - from + 1)))
        return strata__nomem(p->err);
    memcpy(*out, p->sql + from, to - from);
    (*out)[to - from] = '\0';
    return STRATA_OK;
}

/* One identifier into *out (a slot the operation owns). */
static int name(parser *p, char **out)
{
    const strata_tok *t = cur(p);

    /* "" is no name in any dialect, nor an unquoted reserved word in
     * PostgreSQL: leave both to the engines */
    if (!is_name_tok(t) || !*t->text ||
        (t->kind == STRATA_TOK_WORD && strata__op_reserved(t->text)))
        return RAW;
    /* Any length: each dialect's limit is its driver's (sql/ident.c).
     * Unquoted, the case written where the engine keeps it. */
    if (!(*out = p->keep_case && t->kind == STRATA_TOK_WORD
                     ? strndup(p->sql + t->offset, t->len)
                     : strdup(t->text)))
        return strata__nomem(p->err);
    p->pos++;
    return STRATA_OK;
}

/* [schema.]name; three parts (catalog.schema.name) are raw. */
static int qname(parser *p, char **schema, char **out)
{
    TRY(name(p, out));
    if (!accept_punct(p, "."))
        return STRATA_OK;
    *schema = *out;
    *out = NULL;
    TRY(name(p, out));
    return is_punct(cur(p), ".") ? RAW : STRATA_OK;
}

/* IF [NOT] EXISTS; "if" followed by anything else is raw. */
static int opt_if(parser *p, int not_exists, int *flag)
{
    if (!is_kw(cur(p), "if"))
        return STRATA_OK;
    if (not_exists ? !(is_kw(ahead(p, 1), "not") &&
                       is_kw(ahead(p, 2), "exists"))
                   : !is_kw(ahead(p, 1), "exists"))
        return RAW;
    p->pos += not_exists ? 3 : 2;
    *flag = 1;
    return STRATA_OK;
}

/* (name, ...) into *v / *n (slots the operation owns).  The caller has
 * checked that cur is '('.  () is an error; (a ASC), (a(10)) are raw. */
static int name_list(parser *p, char ***v, size_t *n)
{
    const strata_tok *open = cur(p);

    if (p->match[p->pos] == p->pos + 1)
        return fail(p, open, "empty column list");
    p->pos++;
    for (;;) {
        char **grown = realloc(*v, (*n + 1) * sizeof *grown);

        if (!grown)
            return strata__nomem(p->err);
        *v = grown;
        grown[(*n)++] = NULL;
        TRY(name(p, &grown[*n - 1]));
        if (accept_punct(p, ","))
            continue;
        if (accept_punct(p, ")"))
            return STRATA_OK;
        return RAW;
    }
}

static int grow(parser *p, void **arr, size_t *n, size_t size)
{
    char *grown = realloc(*arr, (*n + 1) * size);

    if (!grown)
        return strata__nomem(p->err);
    memset(grown + *n * size, 0, size);
    *arr = grown;
    (*n)++;
    return STRATA_OK;
}

static int push_column(parser *p, size_t *idx)
{
    TRY(grow(p, (void **)&p->op->columns, &p->op->ncolumns,
             sizeof *p->op->columns));
    *idx = p->op->ncolumns - 1;
    return STRATA_OK;
}

static int push_constraint(parser *p, size_t *idx)
{
    TRY(grow(p, (void **)&p->op->constraints, &p->op->nconstraints,
             sizeof *p->op->constraints));
    *idx = p->op->nconstraints - 1;
    return STRATA_OK;
}

static int has_pk(const strata_op *op)
{
    for (size_t i = 0; i < op->nconstraints; i++)
        if (op->constraints[i].kind == STRATA_CON_PRIMARY_KEY)
            return 1;
    return 0;
}

/* Words that cannot begin a type: a column written without one is
 * SQLite's typeless column, a dialect extension. */
static const char *const not_a_type[] = {
    "not",       "null",    "default",        "primary",
    "unique",    "references", "check",       "constraint",
    "collate",   "generated", "auto_increment", "autoincrement",
    "as",        "identity", NULL};

/* A type: words, optionally with a list of integers in parentheses
 * ("varchar(20)", "double precision", "timestamp(3) with time zone"),
 * kept as written -- letter case, blanks and all -- since a dialect
 * section runs it so (SQLite keeps the declared text) and a driver maps
 * a generic section's names itself (docs/design.md §3.2).  Only the
 * multi-word types of standard SQL take a second word; any other word
 * ends the type, and the column-constraint parser decides about it
 * (UNSIGNED, CHARACTER SET and arrays are raw there). */
static int type(parser *p, char **out)
{
    const strata_tok *t = cur(p);
    const char *first;
    size_t start = p->pos;

    if (!t || t->kind != STRATA_TOK_WORD || is_kw_in(t, not_a_type))
        return RAW;
    first = t->text;
    p->pos++;
    if (strcmp(first, "double") == 0)
        accept(p, "precision");
    else if (strcmp(first, "character") == 0 || strcmp(first, "char") == 0 ||
             strcmp(first, "bit") == 0)
        accept(p, "varying");
    if (accept_punct(p, "(")) {
        for (;;) {
            t = cur(p);
            if (!t || t->kind != STRATA_TOK_NUMBER ||
                strspn(t->text, "0123456789") != strlen(t->text))
                return RAW; /* varchar(max), enum('a'), numeric(5.2) */
            p->pos++;
            if (accept_punct(p, ")"))
                break;
            if (!accept_punct(p, ","))
                return RAW;
        }
    }
    if ((strcmp(first, "timestamp") == 0 || strcmp(first, "time") == 0) &&
        (is_kw(cur(p), "with") || is_kw(cur(p), "without")) &&
        is_kw(ahead(p, 1), "time") && is_kw(ahead(p, 2), "zone"))
        p->pos += 3;
    return span(p, start, p->pos, out);
}

/* Words that end a DEFAULT expression at depth 0: column constraints,
 * and extensions the constraint loop then finds raw (COLLATE, ON
 * UPDATE, AUTO_INCREMENT, ...). */
static const char *const default_stop[] = {
    "not",       "null",           "primary",       "unique",
    "references", "check",         "constraint",    "default",
    "collate",   "generated",      "auto_increment", "autoincrement",
    "comment",   "on",             "character",     "charset",
    "identity",  "as",             "deferrable",    "initially",
    NULL};

/* An expression from cur to ',' at depth 0 or the end of the statement
 * (to_end: SET DEFAULT, WHERE; a ',' there is a second ALTER action, raw
 * at the end check), else also to ')' or a stop word at depth 0.  Empty
 * is raw. */
static int expr_until(parser *p, int to_end, char **out)
{
    size_t start = p->pos;

    while (p->pos < p->n) {
        const strata_tok *t = &p->t[p->pos];

        if (is_punct(t, ","))
            break;
        if (!to_end && (is_punct(t, ")") ||
                        (p->pos > start && is_kw_in(t, default_stop))))
            break;
        if (is_punct(t, "("))
            p->pos = p->match[p->pos];
        p->pos++;
    }
    if (p->pos == start)
        return RAW;
    return span(p, start, p->pos, out);
}

/* CHECK (expr): the text inside the parentheses. */
static int check_expr(parser *p, const strata_tok *kw, char **out)
{
    const strata_tok *open = cur(p);
    size_t close;

    if (!is_punct(open, "("))
        return fail(p, open ? open : kw,
                    "CHECK needs a parenthesised expression");
    close = p->match[p->pos];
    if (close == p->pos + 1)
        return fail(p, open, "CHECK needs a parenthesised expression");
    TRY(span(p, p->pos + 1, close, out));
    p->pos = close + 1;
    return STRATA_OK;
}

/* ON DELETE / ON UPDATE action, in the catalog's spelling. */
static int fk_action(parser *p, char **out)
{
    static const struct {
        const char *w1, *w2, *text;
    } actions[] = {{"cascade", NULL, "CASCADE"},
                   {"restrict", NULL, "RESTRICT"},
                   {"no", "action", "NO ACTION"},
                   {"set", "null", "SET NULL"},
                   {"set", "default", "SET DEFAULT"}};

    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        if (!is_kw(cur(p), actions[i].w1) ||
            (actions[i].w2 && !is_kw(ahead(p, 1), actions[i].w2)))
            continue;
        p->pos += actions[i].w2 ? 2 : 1;
        if (!(*out = strdup(actions[i].text)))
            return strata__nomem(p->err);
        return STRATA_OK;
    }
    return RAW; /* SET NULL (cols), a misspelling: the engine says */
}

/* After REFERENCES: r [(cols)] [ON DELETE a] [ON UPDATE a] into
 * constraint ci, whose key has nlocal columns. */
static int references(parser *p, size_t ci, size_t nlocal)
{
    strata_constraint *c = &p->op->constraints[ci];

    /* a schema-qualified target has no field to go in: raw */
    if (is_punct(ahead(p, 1), "."))
        return RAW;
    TRY(name(p, &c->ref_table));
    if (is_punct(cur(p), "(")) {
        const strata_tok *open = cur(p);

        TRY(name_list(p, &c->ref_columns, &c->nref_columns));
        if (c->nref_columns != nlocal)
            return fail(p, open, "number of referencing and referenced "
                                 "columns for foreign key disagree");
    }
    while (is_kw(cur(p), "on")) {
        char **slot = is_kw(ahead(p, 1), "delete")   ? &c->on_delete
                      : is_kw(ahead(p, 1), "update") ? &c->on_update
                                                     : NULL;

        if (!slot || *slot)
            return RAW;
        p->pos += 2;
        TRY(fk_action(p, slot));
    }
    return STRATA_OK;
}

/* Constraint ci covers just column col (a column-level constraint). */
static int one_column(parser *p, size_t ci, const char *col)
{
    strata_constraint *c = &p->op->constraints[ci];

    if (!(c->columns = calloc(1, sizeof *c->columns)) ||
        !(c->columns[0] = strdup(col)))
        return strata__nomem(p->err);
    c->ncolumns = 1;
    return STRATA_OK;
}

/* CONSTRAINT name before one of the words in kinds: a new constraint
 * ci with that name.  CONSTRAINT n before anything else is raw. */
static int named_constraint(parser *p, const char *const *kinds, size_t *ci)
{
    if (!is_name_tok(ahead(p, 1)) || !is_kw_in(ahead(p, 2), kinds))
        return RAW;
    p->pos++;
    TRY(push_constraint(p, ci));
    p->op->constraints[*ci].named = 1;
    return name(p, &p->op->constraints[*ci].name);
}

static const char *const col_con_kinds[] = {"primary", "unique", "check",
                                            "references", NULL};

/* A column definition: name type [constraints], appended to
 * op->columns; stops before ',' or ')' or the end.  add_column: the
 * ALTER TABLE ADD COLUMN form (no PRIMARY KEY there). */
static int column_def(parser *p, int add_column)
{
    const strata_tok *name_tok = cur(p);
    int explicit_null = 0, have_default = 0;
    size_t idx;
    strata_column *col;

    TRY(push_column(p, &idx));
    TRY(name(p, &p->op->columns[idx].name));
    /* ADD COLUMN has one column and no map */
    if (p->cols.slot &&
        strata__strmap_add(&p->cols, p->op->columns[idx].name, (long)idx) >= 0)
        return fail(p, name_tok, "column \"%s\" specified more than once",
                    p->op->columns[idx].name);
    TRY(type(p, &p->op->columns[idx].type));
    col = &p->op->columns[idx];
    col->autoincrement = strcasecmp(col->type, "serial") == 0 ||
                         strcasecmp(col->type, "bigserial") == 0;
    while (!at_end(p) && !is_punct(cur(p), ",") && !is_punct(cur(p), ")")) {
        const strata_tok *kw;
        size_t ci = (size_t)-1;

        if (is_kw(cur(p), "constraint"))
            TRY(named_constraint(p, col_con_kinds, &ci));
        kw = cur(p);
        col = &p->op->columns[idx];
        if (is_kw(kw, "not") && ci == (size_t)-1) {
            if (!is_kw(ahead(p, 1), "null") || explicit_null)
                return RAW; /* NOT DEFERRABLE, NULL NOT NULL */
            col->notnull = 1;
            p->pos += 2;
            continue;
        }
        if (is_kw(kw, "null") && ci == (size_t)-1) {
            if (col->notnull || col->pk)
                return RAW; /* conflicting; the engines disagree */
            explicit_null = 1;
            p->pos++;
            continue;
        }
        if (is_kw(kw, "default") && ci == (size_t)-1) {
            if (have_default)
                return RAW;
            have_default = 1;
            p->pos++;
            TRY(expr_until(p, 0, &col->default_expr));
            continue;
        }
        if (!is_kw_in(kw, col_con_kinds))
            return RAW; /* COLLATE, AUTO_INCREMENT, GENERATED, ... */
        if (is_kw(kw, "primary")) {
            if (add_column || !is_kw(ahead(p, 1), "key") || explicit_null)
                return RAW;
            if (has_pk(p->op))
                return fail(p, kw, "multiple primary keys for table \"%s\" "
                                   "are not allowed",
                            p->op->table);
            p->pos++;
        }
        p->pos++;
        if (ci == (size_t)-1)
            TRY(push_constraint(p, &ci));
        TRY(one_column(p, ci, p->op->columns[idx].name));
        if (is_kw(kw, "primary")) {
            /* NOT NULL stays as written: the key implies it where the
             * engine says so (SQLite's non-integer keys take NULL) */
            p->op->constraints[ci].kind = STRATA_CON_PRIMARY_KEY;
            p->op->columns[idx].pk = 1;
        } else if (is_kw(kw, "unique")) {
            p->op->constraints[ci].kind = STRATA_CON_UNIQUE;
        } else if (is_kw(kw, "check")) {
            p->op->constraints[ci].kind = STRATA_CON_CHECK;
            TRY(check_expr(p, kw, &p->op->constraints[ci].check));
        } else {
            p->op->constraints[ci].kind = STRATA_CON_FOREIGN_KEY;
            TRY(references(p, ci, 1));
        }
    }
    return STRATA_OK;
}

static const char *const table_con_kinds[] = {"primary", "unique", "check",
                                              "foreign", NULL};

/* [CONSTRAINT n] PRIMARY KEY (cols) | UNIQUE (cols) | CHECK (expr) |
 * FOREIGN KEY (cols) REFERENCES ...; appended to op->constraints. */
static int table_constraint(parser *p)
{
    const strata_tok *kw;
    strata_constraint *c;
    size_t ci = (size_t)-1;

    if (is_kw(cur(p), "constraint"))
        TRY(named_constraint(p, table_con_kinds, &ci));
    kw = cur(p);
    if (!is_kw_in(kw, table_con_kinds))
        return RAW;
    if (is_kw(kw, "primary") || is_kw(kw, "foreign")) {
        if (!is_kw(ahead(p, 1), "key"))
            return RAW;
        if (is_kw(kw, "primary") && has_pk(p->op))
            return fail(p, kw, "multiple primary keys for table \"%s\" are "
                               "not allowed",
                        p->op->table);
        p->pos++;
    }
    p->pos++;
    if (ci == (size_t)-1)
        TRY(push_constraint(p, &ci));
    c = &p->op->constraints[ci];
    if (is_kw(kw, "check")) {
        c->kind = STRATA_CON_CHECK;
        return check_expr(p, kw, &c->check);
    }
    /* UNIQUE KEY, UNIQUE INDEX, PRIMARY KEY USING ..., NULLS NOT ... */
    if (!is_punct(cur(p), "("))
        return RAW;
    c->kind = is_kw(kw, "primary")   ? STRATA_CON_PRIMARY_KEY
              : is_kw(kw, "unique") ? STRATA_CON_UNIQUE
                                    : STRATA_CON_FOREIGN_KEY;
    TRY(name_list(p, &c->columns, &c->ncolumns));
    if (c->kind != STRATA_CON_FOREIGN_KEY)
        return STRATA_OK;
    if (!accept(p, "references"))
        return RAW;
    return references(p, ci, c->ncolumns);
}

/* Derived names for the unnamed constraints (a dialect with shorter
 * names derives them again: core/sql/ident.c). */
static int name_constraints(parser *p)
{
    if (strata__op_name_constraints(p->op, STRATA_ABI_NAME_MAX,
                                    p->keep_case))
        return strata__nomem(p->err);
    return STRATA_OK;
}

/* --- statements --------------------------------------------------------- */

static const char *const not_a_column[] = {
    "like", "index", "key", "fulltext", "spatial", "exclude", "period", NULL};

/* The elements of the list whose '(' is token open, at most: its
 * top-level commas plus one. */
static size_t list_items(const parser *p, size_t open)
{
    size_t n = 1;

    for (size_t i = open + 1; i < p->match[open]; i++) {
        if (is_punct(&p->t[i], "("))
            i = p->match[i];
        else if (is_punct(&p->t[i], ","))
            n++;
    }
    return n;
}

static int table_elements(parser *p);

/* CREATE TABLE [IF NOT EXISTS] t (element, ...) */
static int create_table(parser *p)
{
    strata_op *op = p->op;
    const strata_tok *open;
    int rc;

    op->kind = STRATA_OP_CREATE_TABLE;
    TRY(opt_if(p, 1, &op->if_exists));
    TRY(qname(p, &op->schema, &op->table));
    open = cur(p);
    if (!is_punct(open, "("))
        return RAW; /* AS SELECT, LIKE, OF type, PARTITION OF */
    if (p->match[p->pos] == p->pos + 1)
        return fail(p, open, "empty column list");
    /* A hash of the names, not a scan per column: 100,000 columns must
     * not cost every verb 10^10 comparisons (issue 13). */
    if (strata__strmap_init(&p->cols, list_items(p, p->pos)) != STRATA_OK)
        return strata__nomem(p->err);
    rc = table_elements(p);
    strata__strmap_free(&p->cols);
    return rc;
}

/* The elements of CREATE TABLE's list and what follows it. */
static int table_elements(parser *p)
{
    strata_op *op = p->op;

    p->pos++;
    for (;;) {
        const strata_tok *t = cur(p);

        if (is_kw(t, "constraint") || is_kw_in(t, table_con_kinds))
            TRY(table_constraint(p));
        else if (is_kw_in(t, not_a_column) || !is_name_tok(t))
            return RAW;
        else
            TRY(column_def(p, 0));
        if (accept_punct(p, ","))
            continue;
        if (accept_punct(p, ")"))
            break;
        return RAW;
    }
    if (!at_end(p))
        return RAW; /* WITHOUT ROWID, STRICT, ENGINE=, PARTITION BY, ... */
    /* a table-level key numbers its columns (NOT NULL as written) */
    for (size_t i = 0; i < op->nconstraints; i++) {
        const strata_constraint *c = &op->constraints[i];

        if (c->kind != STRATA_CON_PRIMARY_KEY)
            continue;
        for (size_t k = 0; k < c->ncolumns; k++) {
            long j = strata__strmap_find(&p->cols, c->columns[k]);

            if (j >= 0)
                op->columns[j].pk = (int)k + 1;
        }
    }
    return name_constraints(p);
}

/* CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] n ON t (keys)
 * [WHERE predicate] */
static int create_index(parser *p, int unique)
{
    strata_op *op = p->op;
    strata_index *ix;
    const strata_tok *open;

    op->kind = STRATA_OP_CREATE_INDEX;
    op->concurrently = accept(p, "concurrently");
    TRY(opt_if(p, 1, &op->if_exists));
    if (is_kw(cur(p), "on"))
        return RAW; /* unnamed: each engine names it its own way */
    TRY(name(p, &op->name));
    if (!accept(p, "on") || is_kw(cur(p), "only"))
        return RAW; /* USING btree ON, ON ONLY, s.name */
    TRY(qname(p, &op->schema, &op->table));
    open = cur(p);
    if (!is_punct(open, "("))
        return RAW; /* USING method */
    if (p->match[p->pos] == p->pos + 1)
        return fail(p, open, "empty column list");
    if (!(ix = op->index = calloc(1, sizeof *ix)) ||
        !(ix->name = strdup(op->name)) || !(ix->table = strdup(op->table)))
        return strata__nomem(p->err);
    ix->unique = unique;
    p->pos++;
    for (;;) {
        const strata_tok *t = cur(p);
        strata_index_key *k;

        TRY(grow(p, (void **)&ix->keys, &ix->nkeys, sizeof *ix->keys));
        k = &ix->keys[ix->nkeys - 1];
        if (is_punct(t, "(")) {
            size_t close = p->match[p->pos];

            if (close == p->pos + 1)
                return RAW;
            TRY(span(p, p->pos + 1, close, &k->expr));
            p->pos = close + 1;
        } else if (t && t->kind == STRATA_TOK_WORD &&
                   is_punct(ahead(p, 1), "(")) {
            size_t close = p->match[p->pos + 1];

            /* name(10) is MySQL's prefix length, not a function */
            if (close == p->pos + 3 &&
                p->t[p->pos + 2].kind == STRATA_TOK_NUMBER)
                return RAW;
            TRY(span(p, p->pos, close + 1, &k->expr));
            p->pos = close + 1;
        } else {
            TRY(name(p, &k->column));
        }
        if (accept(p, "desc"))
            k->desc = 1;
        else
            accept(p, "asc");
        if (accept_punct(p, ","))
            continue;
        if (accept_punct(p, ")"))
            break;
        return RAW; /* NULLS FIRST, COLLATE, opclass, a.b */
    }
    if (accept(p, "where"))
        TRY(expr_until(p, 1, &ix->where));
    return at_end(p) ? STRATA_OK : RAW; /* INCLUDE, WITH, USING, ... */
}

/* ALTER TABLE t ADD ... */
static int alter_add(parser *p)
{
    strata_op *op = p->op;

    if (is_kw(cur(p), "constraint") || is_kw_in(cur(p), table_con_kinds)) {
        op->kind = STRATA_OP_ADD_CONSTRAINT;
        TRY(table_constraint(p));
        TRY(name_constraints(p));
        if (!(op->name = strdup(op->constraints[0].name)))
            return strata__nomem(p->err);
        return STRATA_OK;
    }
    op->kind = STRATA_OP_ADD_COLUMN;
    if (!accept(p, "column") && (is_kw_in(cur(p), not_a_column) ||
                                 is_punct(cur(p), "(")))
        return RAW; /* ADD INDEX, ADD KEY, ADD (a int, b int) */
    TRY(opt_if(p, 1, &op->if_exists));
    TRY(column_def(p, 1));
    TRY(name_constraints(p));
    if (!(op->name = strdup(op->columns[0].name)))
        return strata__nomem(p->err);
    return STRATA_OK;
}

static const char *const drop_raw[] = {"primary", "index", "key", "foreign",
                                       "check", "unique", "partition",
                                       "period", NULL};

/* ALTER TABLE t DROP ... */
static int alter_drop(parser *p)
{
    strata_op *op = p->op;

    if (accept(p, "constraint"))
        op->kind = STRATA_OP_DROP_CONSTRAINT;
    else if (accept(p, "column") || !is_kw_in(cur(p), drop_raw))
        op->kind = STRATA_OP_DROP_COLUMN;
    else
        return RAW; /* DROP PRIMARY KEY, DROP INDEX, DROP FOREIGN KEY */
    TRY(opt_if(p, 0, &op->if_exists));
    return name(p, &op->name);
}

/* ALTER TABLE t RENAME ... */
static int alter_rename(parser *p)
{
    strata_op *op = p->op;

    if (accept(p, "to")) {
        op->kind = STRATA_OP_RENAME_TABLE;
        return name(p, &op->new_name);
    }
    if (!accept(p, "column") &&
        (is_kw(cur(p), "constraint") || is_kw(cur(p), "index") ||
         is_kw(cur(p), "key") || is_kw(cur(p), "as")))
        return RAW;
    op->kind = STRATA_OP_RENAME_COLUMN;
    TRY(name(p, &op->name));
    if (!accept(p, "to"))
        return RAW;
    return name(p, &op->new_name);
}

/* ALTER TABLE t ALTER [COLUMN] c ... */
static int alter_column(parser *p)
{
    strata_op *op = p->op;

    accept(p, "column");
    TRY(name(p, &op->name));
    if (accept(p, "set")) {
        if (accept(p, "not")) {
            op->kind = STRATA_OP_SET_NOT_NULL;
            return accept(p, "null") ? STRATA_OK : RAW;
        }
        if (accept(p, "default")) {
            op->kind = STRATA_OP_SET_DEFAULT;
            return expr_until(p, 1, &op->default_expr);
        }
        if (!accept(p, "data") || !is_kw(cur(p), "type"))
            return RAW; /* SET STATISTICS, SET STORAGE, SET VISIBLE */
    } else if (accept(p, "drop")) {
        if (accept(p, "default")) {
            op->kind = STRATA_OP_DROP_DEFAULT;
            return STRATA_OK;
        }
        op->kind = STRATA_OP_DROP_NOT_NULL;
        return accept(p, "not") && accept(p, "null") ? STRATA_OK : RAW;
    }
    if (!accept(p, "type"))
        return RAW; /* ADD GENERATED, DROP EXPRESSION, ... */
    op->kind = STRATA_OP_ALTER_TYPE;
    return type(p, &op->type); /* USING, COLLATE: raw at the end check */
}

/* ALTER TABLE t <one action> */
static int alter_table(parser *p)
{
    strata_op *op = p->op;

    if (is_kw(cur(p), "if") || is_kw(cur(p), "only"))
        return RAW;
    TRY(qname(p, &op->schema, &op->table));
    if (accept(p, "add"))
        TRY(alter_add(p));
    else if (accept(p, "drop"))
        TRY(alter_drop(p));
    else if (accept(p, "rename"))
        TRY(alter_rename(p));
    else if (accept(p, "alter"))
        TRY(alter_column(p));
    else
        return RAW; /* MODIFY, CHANGE, OWNER TO, VALIDATE, ... */
    /* a second action (','), CASCADE, NOT VALID, USING, ALGORITHM=... */
    return at_end(p) ? STRATA_OK : RAW;
}

/* DROP TABLE [IF EXISTS] t | DROP INDEX [CONCURRENTLY] [IF EXISTS] n
 * [ON t] */
static int drop(parser *p, int index)
{
    strata_op *op = p->op;

    if (!index) {
        op->kind = STRATA_OP_DROP_TABLE;
        TRY(opt_if(p, 0, &op->if_exists));
        TRY(qname(p, &op->schema, &op->table));
        return at_end(p) ? STRATA_OK : RAW; /* a, b; CASCADE */
    }
    op->kind = STRATA_OP_DROP_INDEX;
    op->concurrently = accept(p, "concurrently");
    TRY(opt_if(p, 0, &op->if_exists));
    TRY(qname(p, &op->schema, &op->name));
    if (accept(p, "on")) {
        if (op->schema)
            return RAW;
        TRY(qname(p, &op->schema, &op->table));
    }
    return at_end(p) ? STRATA_OK : RAW;
}

/* Which form the leading words name: 'T' create table, 'I' create
 * index, 'U' create unique index, 't' drop table, 'i' drop index, 'a'
 * alter table; 0 for anything else.  Moves past those words. */
static int form(parser *p)
{
    int f = 0;

    if (is_kw(cur(p), "create")) {
        if (is_kw(ahead(p, 1), "table"))
            f = 'T';
        else if (is_kw(ahead(p, 1), "index"))
            f = 'I';
        else if (is_kw(ahead(p, 1), "unique") && is_kw(ahead(p, 2), "index"))
            f = 'U';
    } else if (is_kw(cur(p), "drop")) {
        if (is_kw(ahead(p, 1), "table"))
            f = 't';
        else if (is_kw(ahead(p, 1), "index"))
            f = 'i';
    } else if (is_kw(cur(p), "alter") && is_kw(ahead(p, 1), "table")) {
        f = 'a';
    }
    p->pos += f == 'U' ? 3 : f ? 2 : 0;
    return f;
}

static int parse(parser *p)
{
    int f = form(p);

    if (!f)
        return RAW;
    for (size_t i = 0; i < p->n; i++)
        if (p->t[i].kind == STRATA_TOK_OTHER)
            return RAW; /* backticks, $$, E'': the dialect's own lexing */
    TRY(balance(p));
    switch (f) {
    case 'T':
        return create_table(p);
    case 'I':
    case 'U':
        return create_index(p, f == 'U');
    case 't':
    case 'i':
        return drop(p, f == 'i');
    default:
        return alter_table(p);
    }
}

int strata__parse_op(strata_op **out, const char *path, const char *sql,
                     unsigned line, unsigned col, strata_error *err)
{
    return strata__parse_op_as(out, path, sql, line, col, 0, err);
}

int strata__parse_op_as(strata_op **out, const char *path, const char *sql,
                        unsigned line, unsigned col, uint32_t name_flags,
                        strata_error *err)
{
    strata_toklist toks;
    strata_error lex_err = {0};
    parser p = {.path = path, .sql = sql, .line = line, .col = col,
                .err = err,
                .keep_case = (name_flags & STRATA_NAME_KEEP_CASE) != 0};
    int rc;

    *out = NULL;
    rc = strata__sqltok_scan(&toks, sql, strlen(sql), &lex_err);
    strata__error_clear(&lex_err);
    if (rc == STRATA_ERR_NOMEM)
        return strata__nomem(p.err);
    if (rc != STRATA_OK)
        return STRATA_OK; /* unterminated quote: not ours to judge */
    p.t = toks.items;
    p.n = toks.count;
    while (p.n && is_punct(&p.t[p.n - 1], ";"))
        p.n--; /* tolerate the terminator a splitter would have cut */
    if (!(p.op = calloc(1, sizeof *p.op))) {
        strata__sqltok_free(&toks);
        return strata__nomem(p.err);
    }
    rc = parse(&p);
    if (rc == STRATA_OK)
        rc = strata__op_check(p.op, err);
    if (rc == STRATA_OK) {
        p.op->sql = sql;
        p.op->line = line;
        p.op->column = col;
        *out = p.op;
    } else {
        strata__op_free(p.op);
        if (rc == RAW)
            rc = STRATA_OK;
    }
    free(p.match);
    strata__sqltok_free(&toks);
    return rc;
}
