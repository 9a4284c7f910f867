/* tabledef.c - a small parser for the CREATE TABLE and CREATE INDEX
 * text SQLite keeps in sqlite_schema.  It does not validate: SQLite
 * already accepted the text.  It finds where each column definition,
 * table constraint and clause starts and ends, so introspection can
 * read CHECKs and constraint names (which no pragma reports) and a
 * table rebuild can edit one clause and copy every other byte. */
#include <string.h>
#include <strings.h>

#include "abi/checkcol.h"
#include "abi/name.h"
#include "tabledef.h"

/* The whitespace of SQLite's tokenizer. */
static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' ||
           ch == '\r';
}

static int is_idch(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
           (unsigned char)ch >= 0x80;
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* End of the comment starting at s[i], or i when there is none.  A line
 * comment's newline is included, so text may follow it on its own line
 * when the comment is copied. */
static size_t skip_comment(const char *s, size_t end, size_t i)
{
    if (i + 1 < end && s[i] == '-' && s[i + 1] == '-') {
        while (i < end && s[i] != '\n')
            i++;
        return i < end ? i + 1 : end;
    }
    if (i + 1 < end && s[i] == '/' && s[i + 1] == '*') {
        for (i += 2; i + 1 < end; i++)
            if (s[i] == '*' && s[i + 1] == '/')
                return i + 2;
        return end;
    }
    return i;
}

/* End of the quoted token opened at s[i]; *closed = 0 when it runs to
 * end.  A doubled quote stands for one, except inside [...]. */
static size_t skip_quoted(const char *s, size_t end, size_t i, int *closed)
{
    char close = s[i] == '[' ? ']' : s[i];

    for (i++; i < end; i++) {
        if (s[i] != close)
            continue;
        if (close != ']' && i + 1 < end && s[i + 1] == close) {
            i++;
            continue;
        }
        *closed = 1;
        return i + 1;
    }
    *closed = 0;
    return end;
}

sq_tok sq_token(const char *s, size_t end, size_t *pos)
{
    static const char *const two[] = {"||", "<=", ">=", "<>", "!=", "==",
                                      "<<", ">>", "->", NULL};
    size_t i = *pos, j;
    sq_tok t = {SQ_TK_EOF, 0, 0};
    int closed;
    char ch;

    for (;;) {
        while (i < end && is_space(s[i]))
            i++;
        if ((j = skip_comment(s, end, i)) == i)
            break;
        i = j;
    }
    t.off = i;
    if (i >= end) {
        *pos = end;
        t.off = end;
        return t;
    }
    ch = s[i];
    if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
        j = skip_quoted(s, end, i, &closed);
        t.type = !closed ? SQ_TK_BAD : ch == '\'' ? SQ_TK_STR : SQ_TK_QID;
    } else if ((ch == 'x' || ch == 'X') && i + 1 < end && s[i + 1] == '\'') {
        j = skip_quoted(s, end, i + 1, &closed);
        t.type = closed ? SQ_TK_BLOB : SQ_TK_BAD;
    } else if (is_digit(ch) ||
               (ch == '.' && i + 1 < end && is_digit(s[i + 1]))) {
        j = i;
        while (j < end && (is_idch(s[j]) || s[j] == '.' ||
                           ((s[j] == '+' || s[j] == '-') &&
                            (s[j - 1] == 'e' || s[j - 1] == 'E') &&
                            !(s[i] == '0' && i + 1 < end &&
                              (s[i + 1] == 'x' || s[i + 1] == 'X')))))
            j++;
        t.type = SQ_TK_NUM;
    } else if ((ch == '?' || ch == ':' || ch == '@' || ch == '$') &&
               i + 1 < end && is_idch(s[i + 1])) {
        for (j = i + 1; j < end && is_idch(s[j]); j++)
            ;
        t.type = SQ_TK_VAR;
    } else if (ch == '?') {
        j = i + 1;
        t.type = SQ_TK_VAR;
    } else if (is_idch(ch)) {
        for (j = i; j < end && is_idch(s[j]); j++)
            ;
        t.type = SQ_TK_ID;
    } else {
        j = i + 1;
        t.type = ch == '(' ? SQ_TK_LP : ch == ')' ? SQ_TK_RP
                 : ch == ',' ? SQ_TK_COMMA : ch == '.' ? SQ_TK_DOT
                 : ch == ';' ? SQ_TK_SEMI : SQ_TK_OP;
        if (t.type == SQ_TK_OP && i + 1 < end)
            for (size_t k = 0; two[k]; k++)
                if (s[i] == two[k][0] && s[i + 1] == two[k][1]) {
                    j = i + 2;
                    break;
                }
    }
    t.len = j - i;
    *pos = j;
    return t;
}

/* Compare the unquoted text of token sp with name, ASCII case folded. */
int sq_tok_is(const char *s, sq_span sp, const char *name)
{
    const char *p = s + sp.off, *e = p + sp.len;
    char q = 0;

    if (sp.len >= 2 &&
        (*p == '"' || *p == '\'' || *p == '`' || *p == '[')) {
        q = *p == '[' ? ']' : *p;
        p++;
        e--;
    }
    for (; p < e; p++, name++) {
        if (q && q != ']' && *p == q && p + 1 < e && p[1] == q)
            p++;
        if (!*name || lower(*p) != lower(*name))
            return 0;
    }
    return *name == '\0';
}

char *sq_unquote(const char *s, sq_span sp)
{
    const char *p = s + sp.off, *e = p + sp.len;
    char q = 0, *out, *o;

    if (sp.len >= 2 &&
        (*p == '"' || *p == '\'' || *p == '`' || *p == '[')) {
        q = *p == '[' ? ']' : *p;
        p++;
        e--;
    }
    if (!(out = sq_host->alloc((size_t)(e - p) + 1)))
        return NULL;
    for (o = out; p < e; p++) {
        if (q && q != ']' && *p == q && p + 1 < e && p[1] == q)
            p++;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

char *sq_span_dup(const char *s, sq_span sp)
{
    while (sp.len && is_space(s[sp.off])) {
        sp.off++;
        sp.len--;
    }
    while (sp.len && is_space(s[sp.off + sp.len - 1]))
        sp.len--;
    return sq_host->strndup(s + sp.off, sp.len);
}

int sq_mentions_span(const char *s, sq_span sp, const char *word)
{
    size_t pos = sp.off, end = sp.off + sp.len;
    sq_tok t;

    if (!s || !word)
        return 0;
    while ((t = sq_token(s, end, &pos)).type != SQ_TK_EOF) {
        sq_span ts = {t.off, t.len};

        if ((t.type == SQ_TK_ID || t.type == SQ_TK_QID ||
             t.type == SQ_TK_STR) && sq_tok_is(s, ts, word))
            return 1;
    }
    return 0;
}

int sq_mentions(const char *text, const char *word)
{
    sq_span sp = {0, text ? strlen(text) : 0};

    return sq_mentions_span(text, sp, word);
}

/* ---- the parser --------------------------------------------------------- */

typedef struct parser {
    const char *s;
    size_t pos;  /* next byte to read */
    size_t end;  /* end of the range being parsed */
    size_t last; /* end of the last token consumed */
    int nomem;
} parser;

static sq_tok next(parser *p)
{
    sq_tok t = sq_token(p->s, p->end, &p->pos);

    if (t.type != SQ_TK_EOF)
        p->last = t.off + t.len;
    return t;
}

static sq_tok peek(const parser *p)
{
    size_t pos = p->pos;

    return sq_token(p->s, p->end, &pos);
}

/* The token after the next one. */
static sq_tok peek2(const parser *p)
{
    size_t pos = p->pos;

    sq_token(p->s, p->end, &pos);
    return sq_token(p->s, p->end, &pos);
}

static int is_kw(const parser *p, sq_tok t, const char *w)
{
    return t.type == SQ_TK_ID && strlen(w) == t.len &&
           strncasecmp(p->s + t.off, w, t.len) == 0;
}

static int is_name(sq_tok t)
{
    return t.type == SQ_TK_ID || t.type == SQ_TK_QID ||
           t.type == SQ_TK_STR;
}

static sq_span span_of(sq_tok t)
{
    sq_span sp = {t.off, t.len};

    return sp;
}

/* After a consumed '(': consume through its ')' and set *inside to the
 * tokens between.  -1 when the range ends first. */
static int skip_group(parser *p, sq_span *inside)
{
    size_t first = p->pos, lastend = 0;
    int depth = 0, any = 0;
    sq_tok t;

    for (;;) {
        t = next(p);
        if (t.type == SQ_TK_EOF || t.type == SQ_TK_BAD)
            return -1;
        if (t.type == SQ_TK_RP && depth == 0)
            break;
        if (!any) {
            first = t.off;
            any = 1;
        }
        if (t.type == SQ_TK_LP)
            depth++;
        else if (t.type == SQ_TK_RP)
            depth--;
        lastend = t.off + t.len;
    }
    if (inside) {
        inside->off = any ? first : t.off;
        inside->len = any ? lastend - first : 0;
    }
    return 0;
}

static int push_span(parser *p, sq_span **arr, size_t *n, sq_span sp)
{
    sq_span *a = sq_host->realloc(*arr, (*n + 1) * sizeof **arr);

    if (!a) {
        p->nomem = 1;
        return -1;
    }
    a[(*n)++] = sp;
    *arr = a;
    return 0;
}

/* "( name [COLLATE x] [ASC|DESC] [AUTOINCREMENT], ... )" after its '(':
 * the first token of each item is its column. */
static int column_list(parser *p, sq_clause *cl, sq_span **cols,
                       size_t *ncols)
{
    int depth = 0, item = 1;
    sq_tok t;

    for (;;) {
        t = next(p);
        if (t.type == SQ_TK_EOF || t.type == SQ_TK_BAD)
            return -1;
        if (depth == 0 && t.type == SQ_TK_RP)
            return 0;
        if (depth == 0 && t.type == SQ_TK_COMMA) {
            item = 1;
            continue;
        }
        if (item && is_name(t) && push_span(p, cols, ncols, span_of(t)))
            return -1;
        item = 0;
        if (cl && is_kw(p, t, "AUTOINCREMENT"))
            cl->autoincrement = 1;
        if (t.type == SQ_TK_LP)
            depth++;
        else if (t.type == SQ_TK_RP)
            depth--;
    }
}

/* ON CONFLICT <resolution>, when it comes next. */
static void conflict_clause(parser *p)
{
    if (is_kw(p, peek(p), "ON") && is_kw(p, peek2(p), "CONFLICT")) {
        next(p);
        next(p);
        next(p);
    }
}

/* INITIALLY DEFERRED | IMMEDIATE, when it comes next. */
static void initially(parser *p)
{
    if (is_kw(p, peek(p), "INITIALLY")) {
        next(p);
        next(p);
    }
}

/* The rest of a foreign key after REFERENCES. */
static int fk_tail(parser *p, sq_clause *cl)
{
    sq_tok t = next(p), a;

    if (!is_name(t))
        return -1;
    cl->ref_table = span_of(t);
    if (peek(p).type == SQ_TK_LP) {
        next(p);
        if (column_list(p, NULL, &cl->ref_cols, &cl->nref_cols))
            return -1;
    }
    for (;;) {
        t = peek(p);
        if (is_kw(p, t, "ON") && (is_kw(p, peek2(p), "DELETE") ||
                                  is_kw(p, peek2(p), "UPDATE"))) {
            sq_span *act;

            next(p);
            act = is_kw(p, next(p), "DELETE") ? &cl->on_delete
                                              : &cl->on_update;
            a = next(p);
            act->off = a.off;
            if (is_kw(p, a, "SET") || is_kw(p, a, "NO"))
                next(p);
            act->len = p->last - a.off;
        } else if (is_kw(p, t, "MATCH")) {
            next(p);
            next(p);
        } else if (is_kw(p, t, "NOT") &&
                   is_kw(p, peek2(p), "DEFERRABLE")) {
            next(p);
            next(p);
            initially(p);
        } else if (is_kw(p, t, "DEFERRABLE")) {
            next(p);
            initially(p);
        } else {
            return 0;
        }
    }
}

/* Words that end a column's type and start a column constraint; t is
 * the next token.  GENERATED does only before ALWAYS: alone it is a
 * type name to SQLite ("a generated" has the type "generated"). */
static int starts_column_constraint(const parser *p, sq_tok t)
{
    static const char *const kws[] = {
        "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
        "DEFAULT", "COLLATE", "REFERENCES", "AS", NULL};

    for (size_t i = 0; kws[i]; i++)
        if (is_kw(p, t, kws[i]))
            return 1;
    return is_kw(p, t, "GENERATED") && is_kw(p, peek2(p), "ALWAYS");
}

static int starts_table_constraint(const parser *p, sq_tok t)
{
    return is_kw(p, t, "CONSTRAINT") || is_kw(p, t, "PRIMARY") ||
           is_kw(p, t, "UNIQUE") || is_kw(p, t, "CHECK") ||
           is_kw(p, t, "FOREIGN");
}

static sq_clause *new_clause(parser *p, sq_tseg *seg)
{
    sq_clause *a = sq_host->realloc(seg->clauses, (seg->nclauses + 1) *
                                                      sizeof *a);

    if (!a) {
        p->nomem = 1;
        return NULL;
    }
    seg->clauses = a;
    memset(&a[seg->nclauses], 0, sizeof *a);
    return &a[seg->nclauses++];
}

/* One column constraint, its CONSTRAINT name included. */
static int column_clause(parser *p, sq_tseg *seg)
{
    sq_clause *cl = new_clause(p, seg);
    sq_tok t;

    if (!cl)
        return -1;
    t = next(p);
    cl->all.off = t.off;
    if (is_kw(p, t, "CONSTRAINT")) {
        t = next(p);
        if (!is_name(t))
            return -1;
        cl->name = span_of(t);
        t = next(p);
    }
    if (t.type == SQ_TK_EOF) {
        cl->kind = SQ_CL_OTHER;
    } else if (is_kw(p, t, "PRIMARY")) {
        cl->kind = SQ_CL_PRIMARY_KEY;
        if (is_kw(p, peek(p), "KEY"))
            next(p);
        if (is_kw(p, peek(p), "DESC")) {
            cl->desc = 1;
            next(p);
        } else if (is_kw(p, peek(p), "ASC")) {
            next(p);
        }
        conflict_clause(p);
        if (is_kw(p, peek(p), "AUTOINCREMENT")) {
            cl->autoincrement = 1;
            next(p);
        }
    } else if (is_kw(p, t, "NOT") && is_kw(p, peek(p), "NULL")) {
        next(p);
        cl->kind = SQ_CL_NOT_NULL;
        conflict_clause(p);
    } else if (is_kw(p, t, "NULL")) {
        cl->kind = SQ_CL_NULL;
        conflict_clause(p);
    } else if (is_kw(p, t, "UNIQUE")) {
        cl->kind = SQ_CL_UNIQUE;
        conflict_clause(p);
    } else if (is_kw(p, t, "CHECK")) {
        cl->kind = SQ_CL_CHECK;
        if (next(p).type != SQ_TK_LP || skip_group(p, &cl->expr))
            return -1;
    } else if (is_kw(p, t, "DEFAULT")) {
        sq_tok v = next(p);

        cl->kind = SQ_CL_DEFAULT;
        cl->expr.off = v.off;
        if (v.type == SQ_TK_LP) {
            if (skip_group(p, NULL))
                return -1;
        } else if (v.type == SQ_TK_OP &&
                   (p->s[v.off] == '+' || p->s[v.off] == '-')) {
            next(p);
        } else if (v.type == SQ_TK_EOF || v.type == SQ_TK_BAD) {
            return -1;
        }
        cl->expr.len = p->last - v.off;
    } else if (is_kw(p, t, "COLLATE")) {
        cl->kind = SQ_CL_COLLATE;
        next(p);
    } else if (is_kw(p, t, "REFERENCES")) {
        cl->kind = SQ_CL_FOREIGN_KEY;
        if (fk_tail(p, cl))
            return -1;
    } else if ((is_kw(p, t, "GENERATED") && is_kw(p, peek(p), "ALWAYS")) ||
               is_kw(p, t, "AS")) {
        cl->kind = SQ_CL_GENERATED;
        if (is_kw(p, t, "GENERATED")) {
            next(p);
            if (!is_kw(p, next(p), "AS"))
                return -1;
        }
        if (next(p).type != SQ_TK_LP || skip_group(p, &cl->expr))
            return -1;
        if (is_kw(p, peek(p), "STORED") || is_kw(p, peek(p), "VIRTUAL"))
            next(p);
    } else {
        /* Unknown: keep it as an opaque clause, copied as written. */
        cl->kind = SQ_CL_OTHER;
        if (t.type == SQ_TK_LP && skip_group(p, NULL))
            return -1;
        if (t.type == SQ_TK_BAD)
            return -1;
    }
    cl->all.len = p->last - cl->all.off;
    return 0;
}

/* One table constraint, its CONSTRAINT name included. */
static int table_clause(parser *p, sq_tseg *seg)
{
    sq_clause *cl = new_clause(p, seg);
    sq_tok t;

    if (!cl)
        return -1;
    t = next(p);
    cl->all.off = t.off;
    if (is_kw(p, t, "CONSTRAINT")) {
        t = next(p);
        if (!is_name(t))
            return -1;
        cl->name = span_of(t);
        t = next(p);
    }
    if (is_kw(p, t, "PRIMARY") || is_kw(p, t, "UNIQUE")) {
        cl->kind = is_kw(p, t, "PRIMARY") ? SQ_CL_PRIMARY_KEY
                                          : SQ_CL_UNIQUE;
        if (cl->kind == SQ_CL_PRIMARY_KEY && !is_kw(p, next(p), "KEY"))
            return -1;
        if (next(p).type != SQ_TK_LP ||
            column_list(p, cl, &cl->cols, &cl->ncols))
            return -1;
        conflict_clause(p);
    } else if (is_kw(p, t, "CHECK")) {
        cl->kind = SQ_CL_CHECK;
        if (next(p).type != SQ_TK_LP || skip_group(p, &cl->expr))
            return -1;
        conflict_clause(p);
    } else if (is_kw(p, t, "FOREIGN")) {
        cl->kind = SQ_CL_FOREIGN_KEY;
        if (!is_kw(p, next(p), "KEY") || next(p).type != SQ_TK_LP ||
            column_list(p, NULL, &cl->cols, &cl->ncols) ||
            !is_kw(p, next(p), "REFERENCES") || fk_tail(p, cl))
            return -1;
    } else {
        cl->kind = SQ_CL_OTHER;
        if (t.type == SQ_TK_BAD ||
            (t.type == SQ_TK_LP && skip_group(p, NULL)))
            return -1;
    }
    cl->all.len = p->last - cl->all.off;
    return 0;
}

/* Parse s[start, end) as one segment into seg (spans into s). */
static int parse_seg(const char *s, size_t start, size_t end,
                     sq_tseg *seg, int *nomem)
{
    parser p = {s, start, end, start, 0};
    sq_tok t;
    size_t i;
    int rc = 0;

    memset(seg, 0, sizeof *seg);
    seg->src = s;
    t = peek(&p);
    if (t.type == SQ_TK_EOF)
        return -1;
    seg->pre.off = start;
    seg->pre.len = t.off - start;
    seg->all.off = t.off;
    if (starts_table_constraint(&p, t)) {
        /* SQLite lets table constraints follow one another without a
         * comma, so one part may hold several. */
        while (!rc && peek(&p).type != SQ_TK_EOF)
            rc = table_clause(&p, seg);
    } else {
        seg->column = 1;
        t = next(&p);
        if (!is_name(t))
            rc = -1;
        seg->name = span_of(t);
        seg->type.off = p.last;
        for (t = peek(&p); !rc && ((t.type == SQ_TK_ID &&
                                    !starts_column_constraint(&p, t)) ||
                                   t.type == SQ_TK_QID ||
                                   t.type == SQ_TK_STR);
             t = peek(&p)) {
            if (!seg->type.len)
                seg->type.off = t.off;
            next(&p);
            seg->type.len = p.last - seg->type.off;
        }
        if (!rc && seg->type.len && peek(&p).type == SQ_TK_LP) {
            next(&p);
            if (skip_group(&p, NULL))
                rc = -1;
            seg->type.len = p.last - seg->type.off;
        }
        while (!rc && peek(&p).type != SQ_TK_EOF)
            rc = column_clause(&p, seg);
    }
    *nomem = p.nomem;
    if (rc)
        return -1;
    seg->all.len = p.last - seg->all.off;
    /* Comments after the last token stay with it. */
    seg->post.off = i = p.last;
    for (;;) {
        size_t j;

        while (i < end && is_space(s[i]))
            i++;
        if ((j = skip_comment(s, end, i)) == i)
            break;
        i = j;
        seg->post.len = i - seg->post.off;
    }
    return 0;
}

void sq_tseg_free(sq_tseg *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nclauses; i++) {
        sq_host->free(s->clauses[i].cols);
        sq_host->free(s->clauses[i].ref_cols);
    }
    sq_host->free(s->clauses);
    memset(s, 0, sizeof *s);
}

int sq_tseg_parse(const char *text, sq_tseg *out)
{
    int nomem = 0;

    if (parse_seg(text, 0, strlen(text), out, &nomem)) {
        sq_tseg_free(out);
        return nomem ? STRATA_ERR_NOMEM : STRATA_ERR_PARSE;
    }
    return STRATA_OK;
}

void sq_tdef_free(sq_tdef *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nsegs; i++)
        sq_tseg_free(&d->segs[i]);
    sq_host->free(d->segs);
    memset(d, 0, sizeof *d);
}

/* CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name ( */
static int table_head(parser *p)
{
    sq_tok t = next(p);

    if (!is_kw(p, t, "CREATE"))
        return -1;
    t = next(p);
    if (is_kw(p, t, "TEMP") || is_kw(p, t, "TEMPORARY"))
        t = next(p);
    if (!is_kw(p, t, "TABLE"))
        return -1;
    if (is_kw(p, peek(p), "IF")) {
        next(p);
        next(p);
        next(p);
    }
    if (!is_name(next(p)))
        return -1;
    if (peek(p).type == SQ_TK_DOT) {
        next(p);
        if (!is_name(next(p)))
            return -1;
    }
    return next(p).type == SQ_TK_LP ? 0 : -1;
}

int sq_tdef_parse(const char *sql, sq_tdef *out)
{
    parser p = {sql, 0, 0, 0, 0};
    size_t start;
    int depth = 0, nomem = 0;
    sq_tok t;

    memset(out, 0, sizeof *out);
    out->sql = sql;
    if (!sql)
        return STRATA_ERR_PARSE;
    p.end = strlen(sql);
    if (table_head(&p))
        return STRATA_ERR_PARSE;
    start = p.pos;
    for (;;) {
        t = next(&p);
        if (t.type == SQ_TK_EOF || t.type == SQ_TK_BAD)
            goto bad;
        if (t.type == SQ_TK_LP) {
            depth++;
            continue;
        }
        if (t.type == SQ_TK_RP && depth > 0) {
            depth--;
            continue;
        }
        if (t.type != SQ_TK_COMMA && t.type != SQ_TK_RP)
            continue;
        if (depth == 0) {
            sq_tseg *a = sq_host->realloc(out->segs, (out->nsegs + 1) *
                                                         sizeof *a);
            if (!a) {
                nomem = 1;
                goto bad;
            }
            out->segs = a;
            if (parse_seg(sql, start, t.off, &a[out->nsegs], &nomem)) {
                sq_tseg_free(&a[out->nsegs]);
                goto bad;
            }
            out->nsegs++;
            start = t.off + 1;
            if (t.type == SQ_TK_RP)
                break;
        }
    }
    {
        const sq_tseg *last = &out->segs[out->nsegs - 1];
        size_t from = last->post.len ? last->post.off + last->post.len
                                     : last->all.off + last->all.len;

        out->close.off = from;
        out->close.len = t.off - from;
    }
    out->tail.off = t.off + 1;
    out->tail.len = p.end - out->tail.off;
    while ((t = next(&p)).type != SQ_TK_EOF)
        if (is_kw(&p, t, "WITHOUT") && is_kw(&p, peek(&p), "ROWID"))
            out->without_rowid = 1;
    return STRATA_OK;
bad:
    sq_tdef_free(out);
    out->sql = sql;
    return nomem ? STRATA_ERR_NOMEM : STRATA_ERR_PARSE;
}

/* ---- constraint names --------------------------------------------------- */

int sq_derive_name(int kind, const char *table, const char *const *cols,
                   size_t ncols, unsigned long counter, strata_buf *out)
{
    /* no limit: the length PostgreSQL gives, as on every engine */
    return strata_abi_constraint_name(sq_host, out, kind, table, cols, ncols,
                                      counter, STRATA_ABI_NAME_MAX);
}

int sq_check_column(const char *check, char *const *cols, size_t ncols,
                    char **out)
{
    /* SQLite keeps the case written and compares without it */
    return strata_abi_check_column(sq_host, check, cols, ncols, 1, out);
}

static int name_taken(const sq_con *cons, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (cons[i].name && strcmp(cons[i].name, name) == 0)
            return 1;
    return 0;
}

void sq_cons_free(sq_con *cons, size_t n)
{
    if (!cons)
        return;
    for (size_t i = 0; i < n; i++)
        sq_host->free(cons[i].name);
    sq_host->free(cons);
}

/* The columns a clause's derived name is made of (host memory, *n of
 * them): a key's, or a CHECK's one column (sq_check_column over the
 * table's columns tcols). */
static int name_cols(const sq_tseg *seg, const sq_clause *cl,
                     char *const *tcols, size_t ntcols, char ***out,
                     size_t *n)
{
    size_t ncols = seg->column ? 1 : cl->ncols, i;
    char **cols;

    *out = NULL;
    *n = 0;
    if (cl->kind == STRATA_CON_CHECK) {
        char *expr = sq_host->strndup(seg->src + cl->expr.off, cl->expr.len);
        char *col = NULL;
        int rc = expr ? sq_check_column(expr, tcols, ntcols, &col)
                      : STRATA_ERR_NOMEM;

        sq_host->free(expr);
        if (rc || !col)
            return rc;
        if (!(*out = sq_host->alloc(sizeof **out))) {
            sq_host->free(col);
            return STRATA_ERR_NOMEM;
        }
        (*out)[0] = col;
        *n = 1;
        return STRATA_OK;
    }
    if (!ncols)
        return STRATA_OK;
    if (!(cols = sq_host->alloc(ncols * sizeof *cols)))
        return STRATA_ERR_NOMEM;
    *out = cols;
    *n = ncols;
    for (i = 0; i < ncols; i++)
        if (!(cols[i] = sq_unquote(seg->src,
                                   seg->column ? seg->name : cl->cols[i])))
            return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        sq_host->free(v[i]);
    sq_host->free(v);
}

int sq_constraints(const sq_tseg *segs, size_t nsegs, const char *table,
                   sq_con **out, size_t *n)
{
    sq_con *cons = NULL;
    size_t count = 0, k = 0, i, j, ncols_all = 0;
    char **tcols = NULL;
    strata_buf b = {0};
    int rc = STRATA_OK;

    *out = NULL;
    *n = 0;
    for (i = 0; i < nsegs; i++)
        for (j = 0; j < segs[i].nclauses; j++)
            if (segs[i].clauses[j].kind <= SQ_CL_FOREIGN_KEY)
                count++;
    if (!count)
        return STRATA_OK;
    if (!(cons = sq_host->alloc(count * sizeof *cons)))
        return STRATA_ERR_NOMEM;
    /* Written names first, so a derived one steps around them all. */
    for (i = 0; i < nsegs; i++)
        for (j = 0; j < segs[i].nclauses; j++) {
            const sq_clause *cl = &segs[i].clauses[j];

            if (cl->kind > SQ_CL_FOREIGN_KEY)
                continue;
            cons[k].seg = i;
            cons[k].clause = j;
            cons[k].kind = cl->kind;
            cons[k].column_level = segs[i].column;
            if (cl->name.len) {
                cons[k].named = 1;
                if (!(cons[k].name = sq_unquote(segs[i].src, cl->name)))
                    goto nomem;
            }
            k++;
        }
    /* the table's columns, which a CHECK may name */
    for (i = 0; i < nsegs; i++)
        ncols_all += segs[i].column != 0;
    if (ncols_all && !(tcols = sq_host->alloc(ncols_all * sizeof *tcols)))
        goto nomem;
    for (i = 0, j = 0; i < nsegs; i++)
        if (segs[i].column &&
            !(tcols[j++] = sq_unquote(segs[i].src, segs[i].name)))
            goto nomem;
    for (k = 0; k < count; k++) {
        unsigned long counter = 0;
        char **cols;
        size_t ncols;

        if (cons[k].named)
            continue;
        if (name_cols(&segs[cons[k].seg],
                      &segs[cons[k].seg].clauses[cons[k].clause], tcols,
                      ncols_all, &cols, &ncols)) {
            strv_free(cols, ncols);
            goto nomem;
        }
        do {
            b.len = 0;
            rc = sq_derive_name(cons[k].kind, table,
                                (const char *const *)cols, ncols, counter++,
                                &b);
        } while (!rc && name_taken(cons, count, b.data));
        strv_free(cols, ncols);
        if (rc || !(cons[k].name = sq_host->strdup(b.data)))
            goto nomem;
    }
    sq_host->buf_free(&b);
    strv_free(tcols, ncols_all);
    *out = cons;
    *n = count;
    return STRATA_OK;
nomem:
    sq_host->buf_free(&b);
    strv_free(tcols, ncols_all);
    sq_cons_free(cons, count);
    return STRATA_ERR_NOMEM;
}

/* ---- CREATE INDEX ------------------------------------------------------- */

void sq_idef_free(sq_idef *d)
{
    if (!d)
        return;
    sq_host->free(d->keys);
    memset(d, 0, sizeof *d);
}

/* Key s[start, end): drop a trailing ASC/DESC and parentheses that
 * wrap the whole of it. */
static sq_span key_span(const char *s, size_t start, size_t end)
{
    parser p = {s, start, end, start, 0};
    sq_span sp = {start, 0};
    size_t first = end, prev_last = start, lastend = start;
    sq_tok t, lt = {SQ_TK_EOF, 0, 0};
    int depth = 0, wrapped = 1, ntok = 0;

    while ((t = next(&p)).type != SQ_TK_EOF) {
        if (first == end)
            first = t.off;
        prev_last = lastend;
        lastend = t.off + t.len;
        lt = t;
        ntok++;
    }
    if (ntok > 1 && (is_kw(&p, lt, "ASC") || is_kw(&p, lt, "DESC")))
        lastend = prev_last;
    if (first >= lastend)
        return sp;
    /* Wrapped: '(' at first whose ')' is the last token. */
    p.pos = first;
    p.end = lastend;
    t = next(&p);
    if (t.type == SQ_TK_LP) {
        depth = 1;
        while ((t = next(&p)).type != SQ_TK_EOF) {
            if (t.type == SQ_TK_LP)
                depth++;
            else if (t.type == SQ_TK_RP && --depth == 0 &&
                     t.off + t.len != lastend)
                wrapped = 0;
        }
        if (wrapped) {
            p.pos = first + 1;
            p.end = lastend - 1;
            p.last = first + 1;
            t = next(&p);
            first = t.off;
            while (next(&p).type != SQ_TK_EOF)
                ;
            lastend = p.last;
        }
    }
    sp.off = first;
    sp.len = lastend > first ? lastend - first : 0;
    return sp;
}

int sq_idef_parse(const char *sql, sq_idef *out)
{
    parser p = {sql, 0, 0, 0, 0};
    size_t start;
    int depth = 0;
    sq_tok t;

    memset(out, 0, sizeof *out);
    if (!sql)
        return STRATA_ERR_PARSE;
    p.end = strlen(sql);
    /* Up to the '(' after ON table. */
    for (;;) {
        t = next(&p);
        if (t.type == SQ_TK_EOF || t.type == SQ_TK_BAD)
            return STRATA_ERR_PARSE;
        if (is_kw(&p, t, "ON"))
            break;
    }
    if (!is_name(next(&p)))
        return STRATA_ERR_PARSE;
    if (peek(&p).type == SQ_TK_DOT) {
        next(&p);
        next(&p);
    }
    if (next(&p).type != SQ_TK_LP)
        return STRATA_ERR_PARSE;
    start = p.pos;
    for (;;) {
        t = next(&p);
        if (t.type == SQ_TK_EOF || t.type == SQ_TK_BAD)
            goto bad;
        if (t.type == SQ_TK_LP) {
            depth++;
        } else if (t.type == SQ_TK_RP && depth > 0) {
            depth--;
        } else if (depth == 0 &&
                   (t.type == SQ_TK_COMMA || t.type == SQ_TK_RP)) {
            if (push_span(&p, &out->keys, &out->nkeys,
                          key_span(sql, start, t.off)))
                goto bad;
            start = t.off + 1;
            if (t.type == SQ_TK_RP)
                break;
        }
    }
    if (is_kw(&p, peek(&p), "WHERE")) {
        size_t first;

        next(&p);
        first = peek(&p).off;
        while ((t = peek(&p)).type != SQ_TK_EOF && t.type != SQ_TK_SEMI)
            next(&p);
        out->where.off = first;
        out->where.len = p.last > first ? p.last - first : 0;
    }
    return STRATA_OK;
bad:
    sq_idef_free(out);
    return p.nomem ? STRATA_ERR_NOMEM : STRATA_ERR_PARSE;
}
