/* render.c - portable operations as SQLite statements.  What SQLite's
 * ALTER TABLE can do is rendered natively; everything else goes through
 * one table rebuild per call (docs/design.md §6, SQLite's lang_altertable §7).
 * A rebuild edits the table's own CREATE TABLE text clause by clause
 * (tabledef.c), so whatever strata does not model -- COLLATE,
 * GENERATED, AUTOINCREMENT, WITHOUT ROWID, STRICT, comments -- is copied
 * byte for byte.  Nothing here queries: c may be unconnected. */
#include <string.h>
#include <strings.h>

#include "abi/free.h"
#include "tabledef.h"
#include "../common/clauses.h"
#include "../common/quote.h"
#include "../common/sqllist.h"
#include "../common/written.h"

#define NEW_PREFIX SQ_NEW_PREFIX
#define REBUILD_LOCK "rebuild (writes blocked)"
#define REBUILD_NOTE "table rebuilt"

/* ---- output ------------------------------------------------------------- */

static int emit(strata_sql_list *l, strata_buf *b, uint32_t flags,
                const char *lock, const char *note)
{
    return drv_sql_emit(sq_host, l, b, flags, lock, note, NULL);
}

/* Append s; a NULL s is "nothing". */
static int put(strata_buf *b, const char *s)
{
    return s ? sq_host->buf_append(b, s, strlen(s)) : STRATA_OK;
}

static int putn(strata_buf *b, const char *s, size_t n)
{
    return n ? sq_host->buf_append(b, s, n) : STRATA_OK;
}

/* "name" with each " doubled. */
static int qi(strata_buf *b, const char *name)
{
    return drv_quote(sq_host, b, name, '"');
}

/* 'text' with each ' doubled. */
static int ql(strata_buf *b, const char *s)
{
    return drv_quote(sq_host, b, s, '\'');
}

/* ---- types and defaults ------------------------------------------------- */

/* how: SQ_TYPE_* (a dialect section's type is declared as it is). */
static int put_type(strata_buf *b, const char *type, int how, int *serial)
{
    return sq_type_put(b, type, how, serial);
}

/* What a DEFAULT expression is, for ADD COLUMN's rules. */
enum { DEF_LITERAL, DEF_NULL, DEF_CURRENT, DEF_PAREN };

/* Classify a DEFAULT expression: a literal SQLite takes bare (string,
 * number, signed number, blob, TRUE/FALSE, NULL, CURRENT_*, and a lone
 * identifier, bare or double-quoted, which SQLite's grammar takes as a
 * string there: `DEFAULT "x"`), or an expression already wrapped in
 * parentheses, or (DEF_PAREN with *wrap = 1) anything else, which
 * SQLite's grammar needs wrapped. */
static int default_kind(const char *expr, int *wrap)
{
    size_t end = strlen(expr), pos = 0, p2;
    sq_tok t = sq_token(expr, end, &pos), u;
    sq_span sp = {t.off, t.len};

    *wrap = 0;
    p2 = pos;
    u = sq_token(expr, end, &p2);
    if (t.type == SQ_TK_OP && t.len == 1 &&
        (expr[t.off] == '-' || expr[t.off] == '+') &&
        u.type == SQ_TK_NUM) {
        u = sq_token(expr, end, &p2);
        if (u.type == SQ_TK_EOF)
            return DEF_LITERAL;
    } else if (u.type == SQ_TK_EOF) {
        if (t.type == SQ_TK_STR || t.type == SQ_TK_NUM ||
            t.type == SQ_TK_BLOB || t.type == SQ_TK_QID)
            return DEF_LITERAL;
        if (t.type == SQ_TK_ID) {
            if (sq_tok_is(expr, sp, "NULL"))
                return DEF_NULL;
            if (sq_tok_is(expr, sp, "TRUE") || sq_tok_is(expr, sp, "FALSE"))
                return DEF_LITERAL;
            if (sq_tok_is(expr, sp, "CURRENT_TIME") ||
                sq_tok_is(expr, sp, "CURRENT_DATE") ||
                sq_tok_is(expr, sp, "CURRENT_TIMESTAMP"))
                return DEF_CURRENT;
            return DEF_LITERAL;
        }
    }
    if (t.type == SQ_TK_LP) {
        /* Wrapped when this '(' closes at the very end. */
        int depth = 1;

        pos = t.off + 1;
        while ((u = sq_token(expr, end, &pos)).type != SQ_TK_EOF) {
            if (u.type == SQ_TK_LP) {
                depth++;
            } else if (u.type == SQ_TK_RP && --depth == 0) {
                size_t q = pos;

                if (sq_token(expr, end, &q).type == SQ_TK_EOF)
                    return DEF_PAREN;
                break;
            }
        }
    }
    *wrap = 1;
    return DEF_PAREN;
}

static int put_default(strata_buf *b, const char *expr)
{
    int wrap;
    size_t n = strlen(expr);

    while (n && (expr[n - 1] == ' ' || expr[n - 1] == '\n' ||
                 expr[n - 1] == '\t' || expr[n - 1] == '\r'))
        n--;
    while (n && (*expr == ' ' || *expr == '\n' || *expr == '\t' ||
                 *expr == '\r')) {
        expr++;
        n--;
    }
    default_kind(expr, &wrap);
    if (wrap && put(b, "("))
        return STRATA_ERR_NOMEM;
    if (putn(b, expr, n))
        return STRATA_ERR_NOMEM;
    return wrap ? put(b, ")") : STRATA_OK;
}

/* ---- constraints of operations ------------------------------------------ */

/* The name to write for constraint k of table: its own, or the one
 * PostgreSQL derives when the core left it unset (a CHECK after the
 * one column it references). */
static int con_name(strata_buf *b, const char *table,
                    const strata_constraint *k, const char *column)
{
    const char *one[1] = {column};
    char *checkcol = NULL;
    strata_buf d = {0};
    int rc;

    if (k->name && *k->name)
        return qi(b, k->name);
    if (k->kind == STRATA_CON_CHECK) {
        if (sq_check_column(k->check, NULL, 0, &checkcol))
            return STRATA_ERR_NOMEM;
        one[0] = checkcol;
    }
    rc = sq_derive_name(k->kind, table,
                        one[0] || k->kind == STRATA_CON_CHECK
                            ? one
                            : (const char *const *)k->columns,
                        one[0] ? 1
                        : k->kind == STRATA_CON_CHECK ? 0
                                                      : k->ncolumns,
                        0, &d);
    sq_host->free(checkcol);
    if (!rc)
        rc = qi(b, d.data);
    sq_host->buf_free(&d);
    return rc;
}

/* CONSTRAINT "n" <body>: table form, or (column != NULL) the inline
 * form inside column's definition.  written: a dialect section's
 * constraint, left unnamed when written so, as SQLite leaves it. */
static int put_con(strata_buf *b, const char *table,
                   const strata_constraint *k, const char *column,
                   int written)
{
    strata_buf body = {0};
    int rc;

    if (written && !k->named) {
        rc = drv_con_body(sq_host, &body, k, column != NULL, '"');
        if (!rc) /* the body starts with a blank */
            rc = put(b, body.data + 1);
        sq_host->buf_free(&body);
        return rc;
    }
    rc = put(b, "CONSTRAINT ");
    if (!rc)
        rc = con_name(b, table, k, column);
    return rc ? rc : drv_con_body(sq_host, b, k, column != NULL, '"');
}

static int bad_con(strata_conn *c, const char *table,
                   const strata_constraint *k)
{
    return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                          "constraint %s of table \"%s\": unknown kind %d",
                          k->name ? k->name : "(unnamed)", table, k->kind);
}

/* A column of an operation (or simulated catalog) as SQLite declares
 * it.  rowid_alias: the column carries the table's single-column
 * INTEGER PRIMARY KEY inline, named after pk (NULL: derived); inl: the
 * constraints written inline too (ADD COLUMN's, every one); how:
 * SQ_TYPE_WRITTEN for a dialect section's column, type and NOT NULL as
 * written. */
static int put_column(strata_buf *b, const char *table,
                      const strata_column *col, int rowid_alias,
                      const strata_constraint *pk,
                      const strata_constraint *inl, size_t ninl, int how)
{
    int serial, rc = qi(b, col->name);
    int written = how == SQ_TYPE_WRITTEN;

    if (!rc && col->type && *col->type) {
        rc = put(b, " ");
        if (!rc)
            rc = put_type(b, col->type, how, &serial);
    }
    if (!rc && rowid_alias) {
        if (pk) {
            rc = put(b, " ");
            if (!rc)
                rc = put_con(b, table, pk, col->name, written);
        } else {
            strata_constraint k = {.kind = STRATA_CON_PRIMARY_KEY};

            rc = put(b, " ");
            if (!rc)
                rc = put_con(b, table, &k, col->name, written);
        }
    }
    /* NOT NULL as written; a key column takes NULL in SQLite unless
     * declared NOT NULL, which a generic section's key means
     * (docs/dialects.md §9.3), but the rowid alias is never NULL, so
     * there it is added only where written. */
    if (!rc && (written ? col->notnull
                        : col->notnull || (col->pk && !rowid_alias)))
        rc = put(b, " NOT NULL");
    if (!rc && col->default_expr) {
        rc = put(b, " DEFAULT ");
        if (!rc)
            rc = put_default(b, col->default_expr);
    }
    for (size_t i = 0; !rc && i < ninl; i++) {
        if (rowid_alias && inl[i].kind == STRATA_CON_PRIMARY_KEY)
            continue;
        rc = put(b, " ");
        if (!rc)
            rc = put_con(b, table, &inl[i], col->name, written);
    }
    return rc;
}

/* A generic serial: the rowid alias.  Written in a dialect section,
 * serial is a type name like any other, as in SQLite. */
static int is_serial(const strata_column *col, int how)
{
    strata_buf t = {0};
    int serial = 0;

    if (how == SQ_TYPE_WRITTEN)
        return 0;
    sq_type_put(&t, col->type, how, &serial);
    sq_host->buf_free(&t);
    return serial || col->autoincrement;
}

/* Declared exactly INTEGER: only that makes a one-column key the rowid
 * alias. */
static int renders_integer(const strata_column *col, int how)
{
    strata_buf t = {0};
    int serial, yes;

    sq_type_put(&t, col->type, how, &serial);
    yes = t.len == 7 && strncasecmp(t.data, "INTEGER", 7) == 0;
    sq_host->buf_free(&t);
    return yes;
}

static size_t find_column(const strata_column *cols, size_t n,
                          const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (cols[i].name && strcasecmp(cols[i].name, name) == 0)
            return i;
    return (size_t)-1;
}

/* CREATE TABLE [IF NOT EXISTS] "name" (...) from columns and
 * constraints (an operation's, or a simulated catalog's).  A
 * single-column PRIMARY KEY on a column rendered INTEGER (serial
 * included) stays inline, so the column is the rowid alias; every other
 * constraint is a named table constraint. */
static int put_create_table(strata_conn *c, strata_buf *b, const char *name,
                            const char *table, int if_not_exists,
                            const strata_column *cols, size_t ncols,
                            const strata_constraint *cons, size_t ncons)
{
    const strata_constraint *pk = NULL;
    size_t alias = (size_t)-1, i, npk = 0, pkcol = (size_t)-1;
    int rc;

    for (i = 0; i < ncons; i++)
        if (cons[i].kind == STRATA_CON_PRIMARY_KEY) {
            pk = &cons[i];
            break;
        }
    if (pk) {
        if (pk->ncolumns == 1)
            pkcol = find_column(cols, ncols, pk->columns[0]);
        npk = pk->ncolumns;
    } else {
        for (i = 0; i < ncols; i++)
            if (cols[i].pk) {
                npk++;
                pkcol = i;
            }
    }
    if (npk == 1 && pkcol != (size_t)-1 && renders_integer(&cols[pkcol], SQ_TYPE_GENERIC))
        alias = pkcol;
    else if (npk == 0)
        for (i = 0; i < ncols && alias == (size_t)-1; i++)
            if (is_serial(&cols[i], SQ_TYPE_GENERIC))
                alias = i;
    rc = put(b, "CREATE TABLE ");
    if (!rc && if_not_exists)
        rc = put(b, "IF NOT EXISTS ");
    if (!rc)
        rc = qi(b, name);
    if (!rc)
        rc = put(b, " (");
    for (i = 0; !rc && i < ncols; i++) {
        if (i)
            rc = put(b, ", ");
        if (!rc)
            rc = put_column(b, table, &cols[i], i == alias, pk, NULL, 0,
                            SQ_TYPE_GENERIC);
    }
    for (i = 0; !rc && i < ncons; i++) {
        if (&cons[i] == pk && alias != (size_t)-1)
            continue;
        if (cons[i].kind < STRATA_CON_PRIMARY_KEY ||
            cons[i].kind > STRATA_CON_FOREIGN_KEY)
            return bad_con(c, table, &cons[i]);
        rc = put(b, ", ");
        if (!rc)
            rc = put_con(b, table, &cons[i], NULL, 0);
    }
    if (!rc && !pk && npk > 0 && alias == (size_t)-1) {
        /* Key positions from the columns alone: t_pkey over them. */
        strata_constraint k = {.kind = STRATA_CON_PRIMARY_KEY};
        char **names = sq_host->alloc(npk * sizeof *names);

        if (!names)
            return drv_nomem(c);
        for (i = 0; i < ncols; i++)
            if (cols[i].pk > 0 && (size_t)cols[i].pk <= npk)
                names[cols[i].pk - 1] = cols[i].name;
        for (i = 0; i < npk; i++)
            if (!names[i])
                names[i] = (char *)"";
        k.columns = names;
        k.ncolumns = npk;
        rc = put(b, ", ");
        if (!rc)
            rc = put_con(b, table, &k, NULL, 0);
        sq_host->free(names);
    }
    if (!rc)
        rc = put(b, ")");
    return rc ? drv_nomem(c) : STRATA_OK;
}

/* ---- the table model a rebuild edits ------------------------------------ */

/* One column definition or table constraint of the table being built:
 * its current text (edits replace it) and the parse of that text. */
typedef struct mseg {
    char *pre;    /* blanks and comments written before it */
    char *text;   /* the definition, first token to last */
    char *post;   /* comments written after it */
    sq_tseg seg;  /* parse of text (spans into text) */
    int from_old; /* a column of the old table: its rows are copied */
} mseg;

typedef struct model {
    strata_conn *c;
    const char *table;        /* the table's name */
    const strata_table *cat;  /* catalog before the operations */
    int known;                /* the table and its definition known */
    const char *why;          /* why not, for the error */
    mseg *segs;
    size_t nsegs;
    char *first_pre;          /* what followed '(' */
    char *add_pre;            /* what to write before an added part */
    char *close;              /* blanks before ')' */
    char *tail;               /* WITHOUT ROWID, STRICT */
    unsigned char *idx_drop;  /* per catalog index: dropped with a
                               * column */
    char *synth;              /* CREATE TABLE made from a catalog
                               * without one */
    int dropped;              /* a column was dropped */
} model;

static void mseg_free(mseg *s)
{
    sq_host->free(s->pre);
    sq_host->free(s->text);
    sq_host->free(s->post);
    sq_tseg_free(&s->seg);
}

static void model_free(model *m)
{
    for (size_t i = 0; i < m->nsegs; i++)
        mseg_free(&m->segs[i]);
    sq_host->free(m->segs);
    sq_host->free(m->first_pre);
    sq_host->free(m->add_pre);
    sq_host->free(m->close);
    sq_host->free(m->tail);
    sq_host->free(m->idx_drop);
    sq_host->free(m->synth);
}

/* Give segment i the text t (taken) and parse it. */
static int seg_set(model *m, size_t i, char *t)
{
    mseg *s = &m->segs[i];
    sq_tseg seg;
    int rc;

    DRV_ALLOC_CHECK(t, m->c);
    if ((rc = sq_tseg_parse(t, &seg)) != STRATA_OK) {
        if (rc == STRATA_ERR_NOMEM)
            rc = drv_nomem(m->c);
        else
            rc = sq_host->error(m->c, STRATA_ERR_INVALID, NULL,
                                "table \"%s\": the edited definition "
                                "does not parse: %s",
                                m->table, t);
        sq_host->free(t);
        return rc;
    }
    sq_host->free(s->text);
    sq_tseg_free(&s->seg);
    s->text = t;
    s->seg = seg;
    return STRATA_OK;
}

/* s[0,a) + ins + s[b,end) as a new string. */
static char *splice(const char *s, size_t a, size_t b, const char *ins)
{
    size_t n = strlen(s), k = ins ? strlen(ins) : 0;
    char *r = sq_host->alloc(n - (b - a) + k + 1);

    if (!r)
        return NULL;
    memcpy(r, s, a);
    if (k)
        memcpy(r + a, ins, k);
    memcpy(r + a + k, s + b, n - b + 1);
    return r;
}

static int seg_splice(model *m, size_t i, size_t a, size_t b,
                      const char *ins)
{
    return seg_set(m, i, splice(m->segs[i].text, a, b, ins));
}

static void seg_remove(model *m, size_t i)
{
    mseg_free(&m->segs[i]);
    memmove(&m->segs[i], &m->segs[i + 1],
            (m->nsegs - i - 1) * sizeof *m->segs);
    m->nsegs--;
}

/* Insert a new part (text taken) at position at. */
static int seg_insert(model *m, size_t at, char *text)
{
    mseg *a;
    char *pre;
    int rc;

    if (!text || !(pre = sq_host->strdup(m->add_pre))) {
        sq_host->free(text);
        return drv_nomem(m->c);
    }
    a = sq_host->realloc(m->segs, (m->nsegs + 1) * sizeof *a);
    if (!a) {
        sq_host->free(text);
        sq_host->free(pre);
        return drv_nomem(m->c);
    }
    m->segs = a;
    memmove(&a[at + 1], &a[at], (m->nsegs - at) * sizeof *a);
    memset(&a[at], 0, sizeof *a);
    a[at].pre = pre;
    m->nsegs++;
    if ((rc = seg_set(m, at, text)) != STRATA_OK)
        seg_remove(m, at);
    return rc;
}

/* Remove clause k of segment i with the blanks before it; a table
 * constraint part left with no clause goes altogether. */
static int cut_clause(model *m, size_t i, size_t k)
{
    const sq_tseg *s = &m->segs[i].seg;
    const sq_clause *cl = &s->clauses[k];
    size_t from, to = cl->all.off + cl->all.len;

    if (!s->column && s->nclauses == 1) {
        seg_remove(m, i);
        return STRATA_OK;
    }
    if (k > 0) {
        from = s->clauses[k - 1].all.off + s->clauses[k - 1].all.len;
    } else if (!s->column) {
        from = cl->all.off;
        to = s->clauses[1].all.off;
    } else {
        from = s->type.len ? s->type.off + s->type.len
                           : s->name.off + s->name.len;
    }
    return seg_splice(m, i, from, to, NULL);
}

static int seg_append(model *m, size_t i, const char *s)
{
    size_t n = strlen(m->segs[i].text);

    return seg_splice(m, i, n, n, s);
}

/* Column named name, or (size_t)-1. */
static size_t find_col(const model *m, const char *name)
{
    for (size_t i = 0; name && i < m->nsegs; i++)
        if (m->segs[i].seg.column &&
            sq_tok_is(m->segs[i].text, m->segs[i].seg.name, name))
            return i;
    return (size_t)-1;
}

static int has_clause(const sq_tseg *s, int kind)
{
    for (size_t k = 0; k < s->nclauses; k++)
        if (s->clauses[k].kind == kind)
            return 1;
    return 0;
}

/* The constraints of the model, named (sq_constraints). */
static int model_cons(model *m, sq_con **cons, size_t *n)
{
    sq_tseg *tmp = NULL;
    int rc;

    *cons = NULL;
    *n = 0;
    if (m->nsegs && !(tmp = sq_host->alloc(m->nsegs * sizeof *tmp)))
        return drv_nomem(m->c);
    for (size_t i = 0; i < m->nsegs; i++)
        tmp[i] = m->segs[i].seg;
    rc = sq_constraints(tmp, m->nsegs, m->table, cons, n);
    sq_host->free(tmp);
    return rc ? drv_nomem(m->c) : STRATA_OK;
}

/* Trailing blanks of s (after its last comment), or NULL. */
static char *trailing_blanks(const char *s)
{
    size_t n = s ? strlen(s) : 0, i = n;

    while (i && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' ||
                 s[i - 1] == '\r'))
        i--;
    return sq_host->strndup(s + i, n - i);
}

static char *span_text(const char *s, sq_span sp)
{
    return sq_host->strndup(s + sp.off, sp.len);
}

static int model_init(model *m, strata_conn *c, const char *table,
                      const strata_table *cat)
{
    sq_tdef d;
    const char *sql;
    size_t i;
    int rc;

    memset(m, 0, sizeof *m);
    m->c = c;
    m->table = table;
    m->cat = cat;
    if (!cat || !cat->exists) {
        m->why = "it is not in the catalog";
        return STRATA_OK;
    }
    if (cat->nindexes &&
        !(m->idx_drop = sq_host->alloc(cat->nindexes)))
        return drv_nomem(c);
    sql = cat->sql;
    if (!sql) {
        /* A simulated catalog: its columns and constraints say it. */
        strata_buf b = {0};

        rc = put_create_table(c, &b, table, table, 0, cat->columns,
                              cat->ncolumns, cat->constraints,
                              cat->nconstraints);
        if (rc) {
            sq_host->buf_free(&b);
            return rc;
        }
        sql = m->synth = b.data;
    }
    rc = sq_tdef_parse(sql, &d);
    if (rc == STRATA_ERR_NOMEM) {
        sq_tdef_free(&d);
        return drv_nomem(c);
    }
    if (rc != STRATA_OK) {
        sq_tdef_free(&d);
        m->why = "its CREATE TABLE text cannot be parsed";
        return STRATA_OK;
    }
    if (!(m->segs = sq_host->alloc(d.nsegs * sizeof *m->segs)))
        goto nomem;
    for (i = 0; i < d.nsegs; i++) {
        const sq_tseg *s = &d.segs[i];
        mseg *t = &m->segs[i];

        m->nsegs++;
        if (!(t->pre = span_text(sql, s->pre)) ||
            !(t->post = span_text(sql, s->post)))
            goto nomem;
        t->from_old = s->column;
        if ((rc = seg_set(m, i, span_text(sql, s->all))) != STRATA_OK)
            goto fail;
    }
    if (!(m->first_pre = sq_host->strdup(m->segs[0].pre)) ||
        !(m->close = span_text(sql, d.close)) ||
        !(m->tail = span_text(sql, d.tail)))
        goto nomem;
    m->add_pre = trailing_blanks(d.nsegs > 1 ? m->segs[d.nsegs - 1].pre
                                 : strchr(m->first_pre, '\n')
                                     ? m->first_pre : "");
    if (!m->add_pre)
        goto nomem;
    if (!*m->add_pre) {
        sq_host->free(m->add_pre);
        if (!(m->add_pre = sq_host->strdup(" ")))
            goto nomem;
    }
    sq_tdef_free(&d);
    /* Unnamed constraints stay unnamed, as SQLite leaves them: their
     * derived names (sq_constraints) follow from the text alone. */
    m->known = 1;
    return STRATA_OK;
nomem:
    rc = drv_nomem(c);
fail:
    sq_tdef_free(&d);
    return rc;
}

/* Does catalog index ix use column col (a key, an expression key or
 * its WHERE)? */
static int index_uses(const strata_index *ix, const char *col)
{
    for (size_t k = 0; k < ix->nkeys; k++) {
        if (ix->keys[k].column && strcasecmp(ix->keys[k].column, col) == 0)
            return 1;
        if (ix->keys[k].expr && sq_mentions(ix->keys[k].expr, col))
            return 1;
    }
    if (ix->where && sq_mentions(ix->where, col))
        return 1;
    return !ix->nkeys && ix->sql && sq_mentions(ix->sql, col);
}

static int cols_have(const sq_tseg *s, const sq_clause *cl, const char *col)
{
    for (size_t k = 0; k < cl->ncols; k++)
        if (sq_tok_is(s->src, cl->cols[k], col))
            return 1;
    return 0;
}

/* May SQLite's own DROP COLUMN drop column ci (docs/dialects.md §5)? */
static int drop_native_ok(const model *m, size_t ci, const char *col)
{
    size_t i, k;

    for (i = 0; i < m->nsegs; i++) {
        const sq_tseg *s = &m->segs[i].seg;

        for (k = 0; k < s->nclauses; k++) {
            const sq_clause *cl = &s->clauses[k];

            if (i == ci) {
                if (cl->kind == SQ_CL_PRIMARY_KEY ||
                    cl->kind == SQ_CL_UNIQUE ||
                    cl->kind == SQ_CL_FOREIGN_KEY)
                    return 0;
            } else if (s->column) {
                if ((cl->kind == SQ_CL_CHECK ||
                     cl->kind == SQ_CL_GENERATED) &&
                    sq_mentions_span(s->src, cl->expr, col))
                    return 0;
            } else if (cl->kind == SQ_CL_CHECK) {
                if (sq_mentions_span(s->src, cl->expr, col))
                    return 0;
            } else if (cols_have(s, cl, col)) {
                return 0;
            }
        }
    }
    for (i = 0; i < m->cat->nindexes; i++)
        if (!m->idx_drop[i] && index_uses(&m->cat->indexes[i], col))
            return 0;
    for (i = 0; i < m->cat->ntriggers; i++)
        if (sq_mentions(m->cat->triggers[i].sql, col))
            return 0;
    for (i = 0; i < m->cat->ndependents; i++)
        if (sq_mentions(m->cat->dependents[i].sql, col))
            return 0;
    return 1;
}

/* Drop column ci and, as PostgreSQL does, the indexes and table
 * constraints that involve it (a generated column using it stays and
 * makes the new CREATE TABLE fail, as PostgreSQL refuses too). */
static int drop_column(model *m, size_t ci, const char *col)
{
    size_t i, k;
    int rc;

    seg_remove(m, ci);
    m->dropped = 1;
    for (i = m->nsegs; i-- > 0;) {
        for (k = m->segs[i].seg.nclauses; k-- > 0;) {
            const sq_tseg *s = &m->segs[i].seg;
            const sq_clause *cl = &s->clauses[k];
            int involved;

            if (cl->kind == SQ_CL_CHECK)
                involved = sq_mentions_span(s->src, cl->expr, col);
            else
                involved = !s->column && cl->kind <= SQ_CL_FOREIGN_KEY &&
                           cols_have(s, cl, col);
            if (!involved)
                continue;
            if (!s->column && s->nclauses == 1) {
                seg_remove(m, i);
                break;
            }
            if ((rc = cut_clause(m, i, k)) != STRATA_OK)
                return rc;
        }
    }
    for (i = 0; i < m->cat->nindexes; i++)
        if (index_uses(&m->cat->indexes[i], col))
            m->idx_drop[i] = 1;
    return STRATA_OK;
}

/* SQLite holds no table without columns: dropping the last one is
 * refused before anything runs (its ALTER TABLE would fail, and a
 * rebuild would write "CREATE TABLE t ()", a syntax error). */
static int last_column(model *m, size_t ci, const char *col)
{
    size_t left = 0;

    if (m->known) {
        for (size_t i = 0; i < m->nsegs; i++)
            left += i != ci && m->segs[i].seg.column;
    } else if (m->cat && m->cat->exists) {
        left = m->cat->ncolumns -
               (find_column(m->cat->columns, m->cat->ncolumns, col) !=
                (size_t)-1);
    } else {
        return STRATA_OK; /* nothing known: the engine decides */
    }
    if (left)
        return STRATA_OK;
    return sq_host->error(m->c, STRATA_ERR_INVALID, NULL,
                          "cannot drop column \"%s\": it is the last column "
                          "of table \"%s\", and SQLite cannot hold a table "
                          "without columns; drop the table instead (DROP "
                          "TABLE \"%s\")",
                          col ? col : "", m->table, m->table);
}

static int no_column(model *m, const char *col)
{
    return sq_host->error(m->c, STRATA_ERR_INVALID, NULL,
                          "column \"%s\" of table \"%s\" does not exist",
                          col ? col : "", m->table);
}

/* ---- operations --------------------------------------------------------- */

/* Every STRATA_OP_* that may share a rebuild. */
static int is_alter(int kind)
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
    default:
        return 0;
    }
}

/* ALTER TABLE "t" ...prefix */
static int alter(strata_buf *b, const char *table)
{
    int rc = put(b, "ALTER TABLE ");

    return rc ? rc : qi(b, table);
}

/* How op's types are declared in the model's table: as written in a
 * dialect section, else mapped, to the names a STRICT table takes there. */
static int type_how(const model *m, const strata_op *op)
{
    if (drv_as_written(op))
        return SQ_TYPE_WRITTEN;
    return m->known && m->tail && sq_mentions(m->tail, "STRICT")
               ? SQ_TYPE_STRICT
               : SQ_TYPE_GENERIC;
}

/* ADD COLUMN's definition, every constraint inline; *native = 1 when
 * SQLite's ADD COLUMN accepts it (docs/dialects.md §5): no PRIMARY KEY or
 * UNIQUE, no CURRENT_* or parenthesised default, NOT NULL with a
 * non-NULL default, REFERENCES with a NULL default.  how: SQ_TYPE_*. */
static int add_column_def(strata_buf *b, const char *table,
                          const strata_op *op, int how, int *native)
{
    const strata_column *col = &op->columns[0];
    const strata_constraint *pk = NULL;
    int unique = 0, fk = 0, dk = DEF_NULL, wrap = 0, alias;

    for (size_t i = 0; i < op->nconstraints; i++) {
        int k = op->constraints[i].kind;

        if (k == STRATA_CON_PRIMARY_KEY && !pk)
            pk = &op->constraints[i];
        unique |= k == STRATA_CON_UNIQUE;
        fk |= k == STRATA_CON_FOREIGN_KEY;
    }
    if (col->default_expr)
        dk = default_kind(col->default_expr, &wrap);
    alias = is_serial(col, how) ||
            ((pk || col->pk) && renders_integer(col, how) &&
             (!pk || pk->ncolumns <= 1));
    *native = !pk && !col->pk && !alias && !unique && dk != DEF_CURRENT &&
              dk != DEF_PAREN && !(col->notnull && dk == DEF_NULL) &&
              !(fk && dk != DEF_NULL);
    if (!pk && col->pk && !alias) {
        /* PRIMARY KEY written on the column, not in constraints. */
        strata_constraint k = {.kind = STRATA_CON_PRIMARY_KEY};
        int rc = put_column(b, table, col, 0, NULL, op->constraints,
                            op->nconstraints, how);

        if (!rc)
            rc = put(b, " ");
        return rc ? rc : put_con(b, table, &k, col->name,
                                  how == SQ_TYPE_WRITTEN);
    }
    return put_column(b, table, col, alias, pk, op->constraints,
                      op->nconstraints, how);
}

/* Apply one alter operation to the model; *native_ok = 1 when SQLite's
 * ALTER TABLE does it alone, its statement then in *native. */
static int apply_op(model *m, const strata_op *op, int *native_ok,
                    strata_buf *native, int *skip)
{
    const char *col = op->name;
    size_t ci = (size_t)-1, k;
    strata_buf b = {0};
    int rc = STRATA_OK;

    *native_ok = 0;
    *skip = 0;
    switch (op->kind) {
    case STRATA_OP_ADD_COLUMN: {
        size_t at = 0;

        if (add_column_def(&b, m->table, op, type_how(m, op), native_ok))
            goto nomem;
        /* SQLite appends the column's text to the table's: a dialect
         * section's runs as written */
        if (*native_ok && drv_as_written(op)
                ? drv_put_written(sq_host, native, op)
                : *native_ok &&
                      (alter(native, m->table) ||
                       put(native, " ADD COLUMN ") || put(native, b.data)))
            goto nomem;
        if (!m->known) {
            sq_host->buf_free(&b);
            return STRATA_OK;
        }
        for (size_t i = 0; i < m->nsegs; i++)
            if (m->segs[i].seg.column)
                at = i + 1;
        rc = seg_insert(m, at, b.data);
        memset(&b, 0, sizeof b);
        return rc;
    }
    case STRATA_OP_DROP_COLUMN:
        if (!m->known) {
            *native_ok = 1;
        } else if ((ci = find_col(m, col)) == (size_t)-1) {
            if (op->if_exists) {
                *skip = 1;
                return STRATA_OK;
            }
            return no_column(m, col);
        } else {
            *native_ok = drop_native_ok(m, ci, col);
        }
        if ((rc = last_column(m, ci, col)) != STRATA_OK)
            return rc;
        if (*native_ok &&
            (alter(native, m->table) || put(native, " DROP COLUMN ") ||
             qi(native, col)))
            goto nomem;
        return m->known ? drop_column(m, ci, col) : STRATA_OK;
    case STRATA_OP_ADD_CONSTRAINT:
    case STRATA_OP_DROP_CONSTRAINT:
        break;
    default:
        if (!m->known)
            return STRATA_OK; /* the rebuild reports it */
        if ((ci = find_col(m, col)) == (size_t)-1)
            return no_column(m, col);
        break;
    }
    if (!m->known)
        return STRATA_OK;
    switch (op->kind) {
    case STRATA_OP_SET_NOT_NULL:
        if (!has_clause(&m->segs[ci].seg, SQ_CL_NOT_NULL))
            rc = seg_append(m, ci, " NOT NULL");
        return rc;
    case STRATA_OP_DROP_NOT_NULL:
    case STRATA_OP_DROP_DEFAULT: {
        int kind = op->kind == STRATA_OP_DROP_NOT_NULL ? SQ_CL_NOT_NULL
                                                       : SQ_CL_DEFAULT;

        for (k = m->segs[ci].seg.nclauses; !rc && k-- > 0;)
            if (m->segs[ci].seg.clauses[k].kind == kind)
                rc = cut_clause(m, ci, k);
        return rc;
    }
    case STRATA_OP_SET_DEFAULT: {
        const sq_tseg *s = &m->segs[ci].seg;
        size_t first = (size_t)-1;

        if (put_default(&b, op->default_expr))
            goto nomem;
        for (k = s->nclauses; !rc && k-- > 0;) {
            if (m->segs[ci].seg.clauses[k].kind != SQ_CL_DEFAULT)
                continue;
            if (first != (size_t)-1)
                rc = cut_clause(m, ci, first);
            first = k;
        }
        if (!rc && first != (size_t)-1) {
            sq_span e = m->segs[ci].seg.clauses[first].expr;

            rc = seg_splice(m, ci, e.off, e.off + e.len, b.data);
        } else if (!rc) {
            strata_buf d = {0};

            if (put(&d, " DEFAULT ") || put(&d, b.data)) {
                sq_host->buf_free(&d);
                goto nomem;
            }
            rc = seg_append(m, ci, d.data);
            sq_host->buf_free(&d);
        }
        sq_host->buf_free(&b);
        return rc;
    }
    case STRATA_OP_ALTER_TYPE: {
        const sq_tseg *s = &m->segs[ci].seg;
        int serial;

        if (!s->type.len && put(&b, " "))
            goto nomem;
        if (put_type(&b, op->type, type_how(m, op), &serial))
            goto nomem;
        rc = s->type.len
                 ? seg_splice(m, ci, s->type.off, s->type.off + s->type.len,
                              b.data)
                 : seg_splice(m, ci, s->type.off, s->type.off, b.data);
        sq_host->buf_free(&b);
        return rc;
    }
    case STRATA_OP_ADD_CONSTRAINT: {
        const strata_constraint *kc = op->constraints;
        sq_con *cons;
        size_t n;

        if ((rc = model_cons(m, &cons, &n)) != STRATA_OK)
            return rc;
        for (k = 0; k < n; k++) {
            const char *what = NULL;

            if (kc->kind == STRATA_CON_PRIMARY_KEY &&
                cons[k].kind == STRATA_CON_PRIMARY_KEY)
                what = "a primary key";
            else if (kc->name && strcasecmp(cons[k].name, kc->name) == 0)
                what = "a constraint of that name";
            if (what) {
                rc = sq_host->error(m->c, STRATA_ERR_INVALID, NULL,
                                    "cannot add constraint \"%s\": table "
                                    "\"%s\" already has %s (\"%s\")",
                                    kc->name ? kc->name : "", m->table,
                                    what, cons[k].name);
                sq_cons_free(cons, n);
                return rc;
            }
        }
        sq_cons_free(cons, n);
        if (put_con(&b, m->table, kc, NULL, drv_as_written(op)))
            goto nomem;
        rc = seg_insert(m, m->nsegs, b.data);
        memset(&b, 0, sizeof b);
        return rc;
    }
    case STRATA_OP_DROP_CONSTRAINT: {
        sq_con *cons;
        size_t n, seg = 0, clause = 0;
        int found = 0;

        if ((rc = model_cons(m, &cons, &n)) != STRATA_OK)
            return rc;
        for (k = 0; k < n && !found; k++)
            if (op->name && strcasecmp(cons[k].name, op->name) == 0) {
                found = 1;
                seg = cons[k].seg;
                clause = cons[k].clause;
            }
        sq_cons_free(cons, n);
        if (!found) {
            if (op->if_exists) {
                *skip = 1;
                return STRATA_OK;
            }
            return sq_host->error(m->c, STRATA_ERR_INVALID, NULL,
                                  "constraint \"%s\" of table \"%s\" does "
                                  "not exist",
                                  op->name ? op->name : "", m->table);
        }
        return cut_clause(m, seg, clause);
    }
    default:
        return sq_host->error(m->c, STRATA_ERR_INVALID, NULL,
                              "cannot render %s on SQLite",
                              drv_op_word(op->kind));
    }
nomem:
    sq_host->buf_free(&b);
    return drv_nomem(m->c);
}

/* ---- the rebuild -------------------------------------------------------- */

static int seg_generated(const mseg *s)
{
    return has_clause(&s->seg, SQ_CL_GENERATED);
}

static int old_generated(const model *m, const mseg *s)
{
    for (size_t i = 0; i < m->cat->ncolumns; i++)
        if (m->cat->columns[i].name &&
            sq_tok_is(s->text, s->seg.name, m->cat->columns[i].name))
            return m->cat->columns[i].generated;
    return 0;
}

static int has_autoincrement(const model *m)
{
    for (size_t i = 0; i < m->nsegs; i++)
        for (size_t k = 0; k < m->segs[i].seg.nclauses; k++)
            if (m->segs[i].seg.clauses[k].autoincrement)
                return 1;
    return 0;
}

/* CREATE INDEX from a catalog index without its SQL (simulated). */
static int put_index(strata_buf *b, const strata_index *ix,
                     const char *table, int if_not_exists)
{
    int rc = put(b, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");

    if (!rc && if_not_exists)
        rc = put(b, "IF NOT EXISTS ");
    if (!rc)
        rc = qi(b, ix->name);
    if (!rc)
        rc = put(b, " ON ");
    if (!rc)
        rc = qi(b, table);
    return rc ? rc : drv_index_keys(sq_host, b, ix, '"');
}

static int emit_text(strata_sql_list *l, const char *sql)
{
    strata_buf b = {0};
    int rc = put(&b, sql);

    if (!rc)
        rc = emit(l, &b, STRATA_SQL_NEEDS_FK_OFF, NULL, NULL);
    sq_host->buf_free(&b);
    return rc;
}

static int is_view(const strata_object *o)
{
    return o->kind && strcasecmp(o->kind, "view") == 0;
}

/* The statements of docs/design.md §6 for the model's final state. */
static int emit_rebuild(model *m, strata_sql_list *l)
{
    const uint32_t fl = STRATA_SQL_NEEDS_FK_OFF;
    const strata_table *cat = m->cat;
    strata_buf b = {0}, nb = {0}, cols = {0};
    size_t i, ncopy = 0;
    int rc;

    if (put(&nb, NEW_PREFIX) || put(&nb, m->table))
        goto nomem;
    /* 1. the new table, from the edited parts */
    if (put(&b, "CREATE TABLE ") || qi(&b, nb.data) || put(&b, " ("))
        goto nomem;
    for (i = 0; i < m->nsegs; i++)
        if ((i && put(&b, ",")) ||
            put(&b, i ? m->segs[i].pre : m->first_pre) ||
            put(&b, m->segs[i].text) || put(&b, m->segs[i].post))
            goto nomem;
    if (put(&b, m->close) || put(&b, ")") || put(&b, m->tail))
        goto nomem;
    if (emit(l, &b, fl, REBUILD_LOCK, REBUILD_NOTE))
        goto nomem;
    /* 2. the rows: columns both tables have, computed ones excepted */
    for (i = 0; i < m->nsegs; i++) {
        const mseg *s = &m->segs[i];
        char *name;

        if (!s->seg.column || !s->from_old || seg_generated(s) ||
            old_generated(m, s))
            continue;
        if (!(name = sq_unquote(s->text, s->seg.name)))
            goto nomem;
        rc = (ncopy++ && put(&cols, ", ")) || qi(&cols, name);
        sq_host->free(name);
        if (rc)
            goto nomem;
    }
    if (ncopy) {
        if (put(&b, "INSERT INTO ") || qi(&b, nb.data) || put(&b, " (") ||
            put(&b, cols.data) || put(&b, ") SELECT ") ||
            put(&b, cols.data) || put(&b, " FROM ") || qi(&b, m->table) ||
            emit(l, &b, fl, NULL, NULL))
            goto nomem;
    }
    /* AUTOINCREMENT's high-water mark, or ids of deleted rows return. */
    if (has_autoincrement(m)) {
        if (put(&b, "DELETE FROM sqlite_sequence WHERE name = ") ||
            ql(&b, nb.data) || emit(l, &b, fl, NULL, NULL) ||
            put(&b, "INSERT INTO sqlite_sequence (name, seq) SELECT ") ||
            ql(&b, nb.data) ||
            put(&b, ", seq FROM sqlite_sequence WHERE name = ") ||
            ql(&b, m->table) || emit(l, &b, fl, NULL, NULL))
            goto nomem;
    }
    /* 3. views and other tables' triggers that mention the table: the
     * RENAME below re-parses the schema and fails on them while the
     * table is gone (docs/dialects.md §5).  Triggers first: dropping a view
     * drops its triggers too. */
    for (int pass = 0; pass < 2; pass++)
        for (i = cat->ndependents; i-- > 0;) {
            const strata_object *o = &cat->dependents[i];

            if (is_view(o) != pass || !o->sql)
                continue;
            if (put(&b, pass ? "DROP VIEW " : "DROP TRIGGER ") ||
                qi(&b, o->name) || emit(l, &b, fl, NULL, NULL))
                goto nomem;
        }
    /* 4. the old table (its indexes and triggers go with it) */
    if (put(&b, "DROP TABLE ") || qi(&b, m->table) ||
        emit(l, &b, fl, NULL, NULL))
        goto nomem;
    /* 5. the new one under the old name */
    if (alter(&b, nb.data) || put(&b, " RENAME TO ") || qi(&b, m->table) ||
        emit(l, &b, fl, NULL, NULL))
        goto nomem;
    /* 6. what was saved: indexes (not the automatic ones, which the
     * constraints rebuild, nor those on a dropped column), the
     * table's triggers, then the dependents */
    for (i = 0; i < cat->nindexes; i++) {
        const strata_index *ix = &cat->indexes[i];

        if (m->idx_drop[i] || ix->constraint)
            continue;
        if (ix->sql ? emit_text(l, ix->sql)
                    : (put_index(&b, ix, m->table, 0) ||
                       emit(l, &b, fl, NULL, NULL)))
            goto nomem;
    }
    for (i = 0; i < cat->ntriggers; i++)
        if (cat->triggers[i].sql && emit_text(l, cat->triggers[i].sql))
            goto nomem;
    for (i = 0; i < cat->ndependents; i++)
        if (cat->dependents[i].sql && emit_text(l, cat->dependents[i].sql))
            goto nomem;
    /* 7. CREATE VIEW and CREATE TRIGGER do not resolve names, so one
     * still using a dropped column would come back broken.  A RENAME
     * COLUMN runs the schema check SQLite's own DROP COLUMN runs, with
     * its message ("error in view v: no such column: c"); on a scratch
     * table it rewrites nothing of the user's. */
    if (m->dropped && (cat->ntriggers || cat->ndependents)) {
        if (put(&b, "CREATE TABLE ") || qi(&b, nb.data) ||
            put(&b, " (\"strata_check\")") || emit(l, &b, fl, NULL, NULL) ||
            alter(&b, nb.data) ||
            put(&b, " RENAME COLUMN \"strata_check\" TO \"strata_check\"")
            || emit(l, &b, fl, NULL, NULL) || put(&b, "DROP TABLE ") ||
            qi(&b, nb.data) || emit(l, &b, fl, NULL, NULL))
            goto nomem;
    }
    sq_host->buf_free(&nb);
    sq_host->buf_free(&cols);
    return STRATA_OK;
nomem:
    sq_host->buf_free(&b);
    sq_host->buf_free(&nb);
    sq_host->buf_free(&cols);
    return drv_nomem(m->c);
}

/* ---- operations rendered alone ------------------------------------------ */

/* SQLite keeps a table's and an index's CREATE text as given, so a
 * dialect section's runs as written (docs/design.md §3.2). */
static int render_create_table(strata_conn *c, const strata_op *op,
                               strata_buf *b)
{
    if (drv_as_written(op))
        return drv_put_written(sq_host, b, op) ? drv_nomem(c) : STRATA_OK;
    return put_create_table(c, b, op->table, op->table, op->if_exists,
                            op->columns, op->ncolumns, op->constraints,
                            op->nconstraints);
}

static int render_create_index(strata_conn *c, const strata_op *op,
                               strata_buf *b)
{
    strata_index ix = *op->index;

    if (drv_as_written(op))
        return drv_put_written(sq_host, b, op) ? drv_nomem(c) : STRATA_OK;
    if (!ix.name)
        ix.name = op->name;
    return put_index(b, &ix, op->table ? op->table : ix.table,
                     op->if_exists)
               ? drv_nomem(c)
               : STRATA_OK;
}

/* One operation that never shares a rebuild. */
static int render_alone(strata_conn *c, const strata_op *op,
                        strata_sql_list *l)
{
    strata_buf b = {0};
    const char *note = NULL;
    int rc = STRATA_OK;

    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        rc = render_create_table(c, op, &b);
        break;
    case STRATA_OP_DROP_TABLE:
        rc = put(&b, op->if_exists ? "DROP TABLE IF EXISTS " : "DROP TABLE ")
             || qi(&b, op->table);
        break;
    case STRATA_OP_RENAME_TABLE:
        rc = alter(&b, op->table) || put(&b, " RENAME TO ") ||
             qi(&b, op->new_name);
        break;
    case STRATA_OP_RENAME_COLUMN:
        rc = alter(&b, op->table) || put(&b, " RENAME COLUMN ") ||
             qi(&b, op->name) || put(&b, " TO ") || qi(&b, op->new_name);
        break;
    case STRATA_OP_CREATE_INDEX:
        rc = render_create_index(c, op, &b);
        if (op->online)
            note = "SQLite has one writer: built in place";
        break;
    case STRATA_OP_DROP_INDEX:
        rc = put(&b, op->if_exists ? "DROP INDEX IF EXISTS " : "DROP INDEX ")
             || qi(&b, op->name);
        if (op->online)
            note = "SQLite has one writer: dropped in place";
        break;
    default:
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "cannot render operation kind %d on SQLite",
                              op->kind);
    }
    if (rc > 0 || rc == STRATA_ERR_NOMEM)
        rc = drv_nomem(c);
    if (!rc && emit(l, &b, 0, NULL, note))
        rc = drv_nomem(c);
    sq_host->buf_free(&b);
    return rc;
}

/* ---- render() ----------------------------------------------------------- */

/* SQLite has one schema (the core checked the rest of the operation). */
static int check_schema(strata_conn *c, const strata_op *op)
{
    if (op->schema && *op->schema && strcasecmp(op->schema, "main") != 0)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "SQLite has only the schema 'main', not "
                              "'%s'", op->schema);
    return STRATA_OK;
}

int sq_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out)
{
    strata_sql_list natives = {0};
    const char *table;
    model m;
    size_t i;
    int rc, rebuild = 0, alone = -1;

    if (!out)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "render: no output list");
    out->items = NULL;
    out->count = 0;
    if (!ops || !nops)
        return STRATA_OK;
    table = catalog && catalog->exists && catalog->name ? catalog->name
                                                        : ops[0].table;
    for (i = 0; i < nops; i++)
        if ((rc = check_schema(c, &ops[i])) != STRATA_OK)
            return rc;
    if ((rc = model_init(&m, c, table, catalog)) != STRATA_OK) {
        model_free(&m);
        return rc;
    }
    for (i = 0; i < nops; i++) {
        const strata_op *op = &ops[i];
        strata_buf b = {0};
        int native_ok, skip;

        if (!is_alter(op->kind)) {
            alone = (int)i;
            rc = render_alone(c, op, &natives);
        } else {
            rc = apply_op(&m, op, &native_ok, &b, &skip);
            if (!rc && !skip && native_ok)
                rc = emit(&natives, &b, 0, NULL, NULL) ? drv_nomem(c) : rc;
            else if (!rc && !skip)
                rebuild = 1;
        }
        sq_host->buf_free(&b);
        if (rc)
            goto fail;
    }
    if (rebuild) {
        if (alone >= 0) {
            rc = sq_host->error(c, STRATA_ERR_INVALID, NULL,
                                "%s cannot share a table rebuild of "
                                "\"%s\" with other operations",
                                drv_op_word(ops[alone].kind), table);
            goto fail;
        }
        if (!m.known) {
            rc = sq_host->error(c, STRATA_ERR_INVALID, NULL,
                                "cannot rebuild table \"%s\": %s", table,
                                m.why ? m.why : "unknown");
            goto fail;
        }
        strata_abi_sql_list_free(sq_host, &natives);
        if ((rc = emit_rebuild(&m, out)) != STRATA_OK) {
            strata_abi_sql_list_free(sq_host, out);
            goto fail;
        }
    } else {
        *out = natives;
        memset(&natives, 0, sizeof natives);
    }
    model_free(&m);
    return STRATA_OK;
fail:
    strata_abi_sql_list_free(sq_host, &natives);
    model_free(&m);
    return rc;
}
