/* split.c - PostgreSQL's statement splitter: SQL text into statements
 * with offsets, lines, checksum text and NOTXN flags, without a
 * connection.  The lexical rules are the server's (sql-syntax-lexical):
 * '' and E'' strings, "" identifiers, $tag$ quotes, -- comments and
 * nested block comments; PG14+ BEGIN ATOMIC bodies keep their ';' by
 * psql's own heuristic (psqlscan.l), so a file splits here exactly as
 * psql would split it. */
#include <string.h>
#include <strings.h>

#include "pg.h"
#include "../common/stmts.h"

/* Token kinds of lex().  Only what splitting and the leading keywords
 * need is told apart. */
enum {
    TK_SPACE,      /* run of whitespace */
    TK_COMMENT,    /* -- to end of line, or a (nested) block comment */
    TK_STRING,     /* '...', E'...' or $tag$...$tag$ */
    TK_IDENT,      /* "..." */
    TK_WORD,       /* identifier or key word, unquoted */
    TK_SEMI,       /* ; */
    TK_LPAREN,     /* ( */
    TK_RPAREN,     /* ) */
    TK_OTHER,      /* a number, a parameter ($1), an operator character */
    TK_BADSTR,     /* ' or E' without its closing quote */
    TK_BADIDENT,   /* " without its closing quote */
    TK_BADDOLLAR,  /* $tag$ without its closing $tag$ */
    TK_BADCOMMENT, /* block comment never closed */
    TK_META        /* a backslash: a psql meta-command */
};

/* The server's whitespace (scan.l "space"). */
static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\f' || ch == '\v';
}

/* scan.l ident_start and ident_cont: bytes >= 0x80 are letters. */
static int ident_start(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch == '_' || (unsigned char)ch >= 0x80;
}

static int ident_cont(char ch)
{
    return ident_start(ch) || (ch >= '0' && ch <= '9') || ch == '$';
}

/* scan.l dolq_cont: an identifier character other than '$'. */
static int dolq_cont(char ch)
{
    return ident_start(ch) || (ch >= '0' && ch <= '9');
}

/* Length of the dollar-quote delimiter ($$ or $tag$) at s[i], 0 when
 * s[i] does not start one ($1 is a parameter, $ alone an operator). */
static size_t dollar_delim(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;

    if (j < len && s[j] == '$')
        return 2;
    if (j >= len || !ident_start(s[j]))
        return 0;
    while (j < len && dolq_cont(s[j]))
        j++;
    return j < len && s[j] == '$' ? j + 1 - i : 0;
}

/* End of a quoted run opened at s[i] with quote q (a doubled q stands
 * for one); backslash: \x escapes the next byte (E'' strings).  Returns
 * len with *closed = 0 when the input ends first. */
static size_t skip_quoted(const char *s, size_t len, size_t i, char q,
                          int backslash, int *closed)
{
    for (; i < len; i++) {
        if (backslash && s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] != q)
            continue;
        if (i + 1 < len && s[i + 1] == q) {
            i++;
            continue;
        }
        *closed = 1;
        return i + 1;
    }
    *closed = 0;
    return len;
}

/* Classify the token at s[i] (i < len) into *kind; return its end. */
static size_t lex(const char *s, size_t len, size_t i, int *kind)
{
    char ch = s[i];
    size_t n, j;
    int closed, depth;

    if (is_space(ch)) {
        while (i < len && is_space(s[i]))
            i++;
        *kind = TK_SPACE;
        return i;
    }
    if (ch == '-' && i + 1 < len && s[i + 1] == '-') {
        /* The newline is whitespace, not part of the comment. */
        while (i < len && s[i] != '\n')
            i++;
        *kind = TK_COMMENT;
        return i;
    }
    if (ch == '/' && i + 1 < len && s[i + 1] == '*') {
        /* Block comments nest in PostgreSQL, unlike the standard. */
        for (depth = 1, i += 2; i < len; i++) {
            if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
                depth++;
                i++;
            } else if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
                i++;
                if (--depth == 0) {
                    *kind = TK_COMMENT;
                    return i + 1;
                }
            }
        }
        *kind = TK_BADCOMMENT;
        return len;
    }
    if ((ch == 'E' || ch == 'e') && i + 1 < len && s[i + 1] == '\'') {
        /* Only at the start of a token: lex() is never called inside a
         * word, so "nameE'x'" is the word nameE and a plain string. */
        n = skip_quoted(s, len, i + 2, '\'', 1, &closed);
        *kind = closed ? TK_STRING : TK_BADSTR;
        return n;
    }
    if (ch == '\'' || ch == '"') {
        n = skip_quoted(s, len, i + 1, ch, 0, &closed);
        if (closed)
            *kind = ch == '\'' ? TK_STRING : TK_IDENT;
        else
            *kind = ch == '\'' ? TK_BADSTR : TK_BADIDENT;
        return n;
    }
    if (ch == '$') {
        if ((n = dollar_delim(s, len, i)) != 0) {
            for (j = i + n; j + n <= len; j++)
                if (s[j] == '$' && memcmp(s + j, s + i, n) == 0) {
                    *kind = TK_STRING;
                    return j + n;
                }
            *kind = TK_BADDOLLAR;
            return len;
        }
        /* $1 is a parameter: its digits belong to it. */
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            ;
        *kind = TK_OTHER;
        return i;
    }
    if (ch == '\\') {
        /* Outside quotes a backslash is never SQL: psql reads the word
         * after it (\i, \set, \gexec; \\ alone) as its own command. */
        if (++i < len && s[i] == '\\')
            i++;
        else
            while (i < len && !is_space(s[i]) && s[i] != '\\' &&
                   s[i] != ';')
                i++;
        *kind = TK_META;
        return i;
    }
    if (ch == ';' || ch == '(' || ch == ')') {
        *kind = ch == ';' ? TK_SEMI : ch == '(' ? TK_LPAREN : TK_RPAREN;
        return i + 1;
    }
    if (ident_start(ch)) {
        while (i < len && ident_cont(s[i]))
            i++;
        *kind = TK_WORD;
        return i;
    }
    if (ch >= '0' && ch <= '9') {
        /* A number with its exponent or a junk suffix: one token, so
         * that "1e" never starts an E'' string. */
        while (i < len && (ident_cont(s[i]) || s[i] == '.'))
            i++;
        *kind = TK_OTHER;
        return i;
    }
    *kind = TK_OTHER;
    return i + 1;
}

static int word_is(const char *s, size_t n, const char *w)
{
    return n == strlen(w) && strncasecmp(s, w, n) == 0;
}

/* ---- where a statement ends --------------------------------------------- */

/* psqlscan.l's state: a ';' ends a statement outside parentheses and
 * outside the BEGIN ... END of a CREATE [OR REPLACE] FUNCTION or
 * PROCEDURE (PG14+ BEGIN ATOMIC; CASE ... END nests inside it). */
typedef struct body_state {
    unsigned count; /* unquoted words seen */
    char ids[4];    /* first letters of the leading create/or/replace/
                     * function/procedure words, 0 for any other */
    int paren;      /* parenthesis depth */
    int begin;      /* BEGIN depth */
} body_state;

static void body_word(body_state *b, const char *w, size_t n)
{
    if (b->count < sizeof b->ids &&
        (word_is(w, n, "create") || word_is(w, n, "function") ||
         word_is(w, n, "procedure") || word_is(w, n, "or") ||
         word_is(w, n, "replace")))
        b->ids[b->count] = (char)(w[0] | 0x20);
    b->count++;
    if (b->ids[0] != 'c' || b->paren != 0 ||
        !(b->ids[1] == 'f' || b->ids[1] == 'p' ||
          (b->ids[1] == 'o' && b->ids[2] == 'r' &&
           (b->ids[3] == 'f' || b->ids[3] == 'p'))))
        return;
    if (word_is(w, n, "begin"))
        b->begin++;
    else if (word_is(w, n, "case") && b->begin >= 1)
        b->begin++;
    else if (word_is(w, n, "end") && b->begin > 0)
        b->begin--;
}

/* Feed one token to b; 1 when it is a ';' that ends the statement. */
static int body_token(body_state *b, int kind, const char *s, size_t n)
{
    switch (kind) {
    case TK_WORD:
        body_word(b, s, n);
        return 0;
    case TK_LPAREN:
        b->paren++;
        return 0;
    case TK_RPAREN:
        if (b->paren > 0)
            b->paren--;
        return 0;
    case TK_SEMI:
        return b->paren == 0 && b->begin == 0;
    default:
        return 0;
    }
}

/* ---- leading keywords --------------------------------------------------- */

/* A token of the statement other than blanks. */
typedef struct tok {
    int kind;
    const char *s;
    size_t n;
} tok;

/* Reader over one statement's significant tokens. */
typedef struct reader {
    const char *s;
    size_t len, pos;
    body_state body;
    int seen;  /* a token of the statement was read */
    int ended; /* its ending ';' was read: no more tokens */
} reader;

/* The statement's next token into *t; 0 at its end. */
static int next_tok(reader *r, tok *t)
{
    size_t end;
    int kind;

    while (!r->ended && r->pos < r->len) {
        end = lex(r->s, r->len, r->pos, &kind);
        t->kind = kind;
        t->s = r->s + r->pos;
        t->n = end - r->pos;
        r->pos = end;
        if (kind == TK_SPACE || kind == TK_COMMENT ||
            (kind == TK_SEMI && !r->seen))
            continue; /* blanks, empty statements */
        if (body_token(&r->body, kind, t->s, t->n)) {
            r->ended = 1;
            return 0;
        }
        r->seen = 1;
        return 1;
    }
    return 0;
}

static int tok_is(const tok *t, const char *w)
{
    return t->kind == TK_WORD && word_is(t->s, t->n, w);
}

/* After REINDEX's '(': does the option list ask for CONCURRENTLY (not
 * followed by false, off or 0)?  Reads through the ')'. */
static int reindex_options(reader *r)
{
    tok t;
    int conc = 0, depth = 1;

    while (depth > 0 && next_tok(r, &t)) {
        if (t.kind == TK_LPAREN) {
            depth++;
        } else if (t.kind == TK_RPAREN) {
            depth--;
        } else if (tok_is(&t, "concurrently")) {
            conc = 1;
            if (!next_tok(r, &t))
                break;
            if (tok_is(&t, "false") || tok_is(&t, "off") ||
                (t.kind == TK_OTHER && t.n == 1 && t.s[0] == '0'))
                conc = 0;
            else if (t.kind == TK_RPAREN)
                depth--;
        }
    }
    return conc;
}

/* Read the rest of the statement; 1 when the words a, b appear in a
 * row outside parentheses, *after = 1 when word c follows them. */
static int words_seen(reader *r, const char *a, const char *b,
                      const char *c, int *after)
{
    tok t;
    int prev_a = 0, seen = 0;

    *after = 0;
    while (next_tok(r, &t)) {
        int top = r->body.paren == 0 && t.kind == TK_WORD;

        if (top && seen && c && tok_is(&t, c))
            *after = 1;
        if (top && !seen && prev_a && tok_is(&t, b))
            seen = 1;
        prev_a = top && tok_is(&t, a);
    }
    return seen;
}

static uint32_t leading(reader *r)
{
    tok t;
    int conc = 0, after;

    if (!next_tok(r, &t) || t.kind != TK_WORD)
        return 0;
    if (tok_is(&t, "vacuum"))
        return PG_STMT_NOTXN;
    if (tok_is(&t, "discard") || tok_is(&t, "deallocate"))
        return PG_STMT_DEALLOC;
    if (tok_is(&t, "copy"))
        return words_seen(r, "from", "stdin", NULL, &after)
                   ? PG_STMT_COPY_IN
                   : 0;
    if (tok_is(&t, "create") || tok_is(&t, "drop")) {
        int create = tok_is(&t, "create");

        if (!next_tok(r, &t))
            return 0;
        if (create && tok_is(&t, "unique") && !next_tok(r, &t))
            return 0;
        if (tok_is(&t, "database") || tok_is(&t, "tablespace"))
            return PG_STMT_NOTXN;
        if (!tok_is(&t, "index") || !next_tok(r, &t) ||
            !tok_is(&t, "concurrently"))
            return 0;
        return PG_STMT_NOTXN | PG_STMT_CONCURRENT |
               (create ? PG_STMT_CIC : 0);
    }
    if (tok_is(&t, "reindex")) {
        if (!next_tok(r, &t))
            return 0;
        if (t.kind == TK_LPAREN) {
            conc = reindex_options(r);
            if (!next_tok(r, &t))
                return 0;
        }
        if (tok_is(&t, "schema") || tok_is(&t, "database") ||
            tok_is(&t, "system"))
            return PG_STMT_NOTXN | (conc ? PG_STMT_CONCURRENT : 0);
        if (next_tok(r, &t) && tok_is(&t, "concurrently"))
            conc = 1;
        return conc ? PG_STMT_NOTXN | PG_STMT_CONCURRENT : 0;
    }
    if (!tok_is(&t, "alter") || !next_tok(r, &t))
        return 0;
    if (tok_is(&t, "system"))
        return PG_STMT_NOTXN;
    if (tok_is(&t, "database"))
        return words_seen(r, "set", "tablespace", NULL, &after)
                   ? PG_STMT_NOTXN
                   : 0;
    if (tok_is(&t, "table") &&
        words_seen(r, "detach", "partition", "concurrently", &after) &&
        after)
        return PG_STMT_NOTXN | PG_STMT_CONCURRENT;
    return 0;
}

uint32_t pg_stmt_info(const char *sql, size_t len)
{
    reader r = {.s = sql, .len = len};
    uint32_t flags = leading(&r);
    tok t;

    /* Whatever leading() left of the first statement, then anything
     * after its ';' is a second one. */
    while (next_tok(&r, &t))
        ;
    memset(&r.body, 0, sizeof r.body);
    r.seen = r.ended = 0;
    if (next_tok(&r, &t))
        flags |= PG_STMT_MULTI;
    return flags;
}

/* An identifier token unquoted: "A""b" -> A"b, Abc -> abc. */
static char *unquote(const tok *t)
{
    char *out = pg_host->alloc(t->n + 1);
    size_t o = 0;

    if (!out)
        return NULL;
    if (t->kind == TK_IDENT) {
        for (size_t i = 1; i + 1 < t->n; i++) {
            out[o++] = t->s[i];
            if (t->s[i] == '"')
                i++;
        }
    } else {
        for (size_t i = 0; i < t->n; i++)
            out[o++] = t->s[i] >= 'A' && t->s[i] <= 'Z'
                           ? (char)(t->s[i] | 0x20) : t->s[i];
    }
    out[o] = '\0';
    return out;
}

int pg_cic_target(const char *sql, char **name, char **table)
{
    reader r = {.s = sql, .len = strlen(sql)};
    const char *from = NULL, *to = NULL;
    tok t;

    *name = *table = NULL;
    /* CREATE [UNIQUE] INDEX CONCURRENTLY */
    if (!next_tok(&r, &t) || !tok_is(&t, "create") || !next_tok(&r, &t) ||
        (tok_is(&t, "unique") && !next_tok(&r, &t)) ||
        !tok_is(&t, "index") || !next_tok(&r, &t) ||
        !tok_is(&t, "concurrently") || !next_tok(&r, &t))
        return STRATA_OK;
    if (tok_is(&t, "if")) { /* IF NOT EXISTS */
        if (!next_tok(&r, &t) || !next_tok(&r, &t) || !next_tok(&r, &t))
            return STRATA_OK;
    }
    if (!tok_is(&t, "on")) {
        if (t.kind != TK_WORD && t.kind != TK_IDENT)
            return STRATA_OK;
        if (!(*name = unquote(&t)))
            return STRATA_ERR_NOMEM;
        if (!next_tok(&r, &t) || !tok_is(&t, "on"))
            return STRATA_OK;
    }
    if (!next_tok(&r, &t) || (tok_is(&t, "only") && !next_tok(&r, &t)))
        return STRATA_OK;
    /* The table: from here to '(' or USING, as written. */
    while (t.kind != TK_LPAREN && !tok_is(&t, "using")) {
        if (!from)
            from = t.s;
        to = t.s + t.n;
        if (!next_tok(&r, &t))
            break;
    }
    if (from && !(*table = pg_host->strndup(from, (size_t)(to - from))))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* ---- split() ------------------------------------------------------------ */

/* State of one split() call. */
typedef struct splitter {
    strata_conn *c;
    const char *sql; /* the caller's text */
    size_t len;
    drv_stmts st;
} splitter;

static int add_stmt(splitter *sp, size_t start, size_t end)
{
    uint32_t info = pg_stmt_info(sp->sql + start, end - start);

    if (info & PG_STMT_COPY_IN)
        return STRATA_ERR_PARSE;
    return drv_stmts_add(&sp->st, start, end,
                         drv_stmts_norm(pg_host, sp->sql, start, end, lex,
                                        TK_SPACE, TK_COMMENT),
                         info & PG_STMT_NOTXN ? STRATA_STMT_NOTXN : 0);
}

static int fail(splitter *sp, strata_stmt_list *out, int code, size_t at,
                const char *msg)
{
    if (code == STRATA_ERR_PARSE && !msg)
        msg = "COPY ... FROM STDIN reads the lines after it as data, which "
              "only psql sends: strata runs statements through libpq (use "
              "INSERT, or COPY from a file on the server)";
    return drv_stmts_fail(pg_host, sp->c, out, code, at, msg);
}

/* The message for a token that cannot be split around. */
static int bad_token(splitter *sp, strata_stmt_list *out, int kind,
                     size_t at, size_t end)
{
    const char *s = sp->sql + at;
    size_t n;

    switch (kind) {
    case TK_BADSTR:
        return fail(sp, out, STRATA_ERR_PARSE, at,
                    s[0] == '\'' ? "unterminated string literal"
                                 : "unterminated E'' string literal");
    case TK_BADIDENT:
        return fail(sp, out, STRATA_ERR_PARSE, at,
                    "unterminated quoted identifier");
    case TK_BADCOMMENT:
        return fail(sp, out, STRATA_ERR_PARSE, at,
                    "unterminated /* comment");
    case TK_BADDOLLAR:
        n = dollar_delim(sp->sql, sp->len, at);
        out->err_offset = at;
        return pg_host->error(sp->c, STRATA_ERR_PARSE, NULL,
                              "unterminated dollar-quoted string %.*s",
                              n > 64 ? 64 : (int)n, s);
    default: /* TK_META */
        n = end - at;
        out->err_offset = at;
        return pg_host->error(sp->c, STRATA_ERR_PARSE, NULL,
                              "psql meta-command %.*s is not SQL: strata "
                              "runs statements through libpq",
                              n > 32 ? 32 : (int)n, s);
    }
}

/* The scan.  A ';' outside quotes, comments, parentheses and BEGIN
 * ATOMIC bodies ends a statement.  A statement's text runs from its
 * first token to its last, so comments around it stay out. */
static int scan(splitter *sp, strata_stmt_list *out)
{
    const size_t none = (size_t)-1;
    size_t i = 0, next, start = none, last_end = 0;
    body_state body = {0};
    int kind, rc;

    while (i < sp->len) {
        next = lex(sp->sql, sp->len, i, &kind);
        switch (kind) {
        case TK_SPACE:
        case TK_COMMENT:
            break;
        case TK_BADSTR:
        case TK_BADIDENT:
        case TK_BADDOLLAR:
        case TK_BADCOMMENT:
        case TK_META:
            return bad_token(sp, out, kind, i, next);
        case TK_SEMI:
            if (start == none)
                break; /* an empty statement */
            if (body_token(&body, kind, sp->sql + i, next - i)) {
                if ((rc = add_stmt(sp, start, last_end)) != STRATA_OK)
                    return fail(sp, out, rc, start, NULL);
                start = none;
            } else {
                last_end = next; /* inside a body: part of the text */
            }
            break;
        default:
            if (start == none) {
                start = i;
                memset(&body, 0, sizeof body);
            }
            body_token(&body, kind, sp->sql + i, next - i);
            last_end = next;
            break;
        }
        i = next;
    }
    if (start == none)
        return STRATA_OK;
    /* The last statement may omit its ';'; a body END never closed is
     * an error here rather than a syntax error from the server. */
    if (body.begin > 0)
        return fail(sp, out, STRATA_ERR_PARSE, start,
                    "unterminated BEGIN ATOMIC body: missing END");
    if ((rc = add_stmt(sp, start, last_end)) != STRATA_OK)
        return fail(sp, out, rc, start, NULL);
    return STRATA_OK;
}

int pg_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out)
{
    splitter sp = {.c = c, .sql = sql, .len = len};
    int go, rc = drv_stmts_start(&sp.st, pg_host, c, sql, len, out, &go);

    if (rc != STRATA_OK || !go)
        return rc;
    return drv_stmts_finish(&sp.st, scan(&sp, out), out);
}
