/* split.c - SQLite's statement splitter: SQL text into statements with
 * offsets, lines, checksum text and NOTXN flags, without a connection. */
#include <string.h>
#include <strings.h>

#include "sqlite.h"
#include "../common/stmts.h"

/* Token kinds of lex().  Single characters are enough for TK_OTHER: the
 * splitter only needs to know where quotes, comments and ';' are. */
enum {
    TK_SPACE,    /* run of whitespace */
    TK_COMMENT,  /* -- to end of line, or a block comment */
    TK_QUOTED,   /* '...', "...", `...` or [...] */
    TK_SEMI,     /* ; */
    TK_OTHER,    /* a run of word characters, or any other character */
    TK_BADSTR,   /* ' without its closing quote */
    TK_BADIDENT  /* ", ` or [ without its closing character */
};

/* The whitespace of SQLite's tokenizer and of sqlite3_complete(): not
 * '\v', which SQLite takes for an illegal character. */
static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' ||
           ch == '\r';
}

static int is_word(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
           (unsigned char)ch >= 0x80;
}

/* End of the quoted token opened at s[i], *closed = 0 when the quote
 * runs to the end of the input.  Inside '...', "..." and `...` a doubled
 * quote stands for one; [...] has no escape, as in SQLite's tokenizer. */
static size_t skip_quoted(const char *s, size_t len, size_t i, int *closed)
{
    char close = s[i] == '[' ? ']' : s[i];

    for (i++; i < len; i++) {
        if (s[i] != close)
            continue;
        if (close != ']' && i + 1 < len && s[i + 1] == close) {
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
    size_t end;
    int closed;

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
        /* Block comments do not nest; an unterminated one runs to the
         * end of the input, as in SQLite. */
        for (i += 2; i + 1 < len; i++)
            if (s[i] == '*' && s[i + 1] == '/')
                break;
        *kind = TK_COMMENT;
        return i + 1 < len ? i + 2 : len;
    }
    if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
        end = skip_quoted(s, len, i, &closed);
        if (closed)
            *kind = TK_QUOTED;
        else
            *kind = ch == '\'' ? TK_BADSTR : TK_BADIDENT;
        return end;
    }
    if (ch == ';') {
        *kind = TK_SEMI;
        return i + 1;
    }
    *kind = TK_OTHER;
    if (!is_word(ch))
        return i + 1;
    while (i < len && is_word(s[i]))
        i++;
    return i;
}

/* Here rather than in driver.c so that exec() and split() agree on
 * what a comment is. */
const char *sq_skip_blank(const char *s)
{
    size_t len = strlen(s), i = 0, next;
    int kind;

    while (i < len) {
        next = lex(s, len, i, &kind);
        if (kind != TK_SPACE && kind != TK_COMMENT && kind != TK_SEMI)
            break;
        i = next;
    }
    return s + i;
}

/* Next name of the checksum text at *p, without its quotes, as
 * [*w, *w + *n); 0 when the next token is neither a word nor quoted. */
static int next_name(const char **p, const char **w, size_t *n)
{
    const char *s = *p;
    char close;

    while (*s == ' ')
        s++;
    if (*s == '"' || *s == '`' || *s == '[') {
        close = *s == '[' ? ']' : *s;
        *w = ++s;
        while (*s && *s != close)
            s++;
        *n = (size_t)(s - *w);
        *p = *s ? s + 1 : s;
        return 1;
    }
    *w = s;
    while (is_word(*s))
        s++;
    *n = (size_t)(s - *w);
    *p = s;
    return *n > 0;
}

static int name_is(const char *w, size_t n, const char *name)
{
    return n == strlen(name) && strncasecmp(w, name, n) == 0;
}

/* STRATA_STMT_NOTXN for what SQLite refuses or ignores inside a
 * transaction: VACUUM, PRAGMA foreign_keys (a silent no-op there) and
 * PRAGMA journal_mode (WAL cannot be entered there).  The pragma may be
 * schema-qualified: PRAGMA main.journal_mode = WAL. */
static uint32_t stmt_flags(const char *norm)
{
    const char *p = norm, *w;
    size_t n;

    if (!next_name(&p, &w, &n))
        return 0;
    if (name_is(w, n, "vacuum"))
        return STRATA_STMT_NOTXN;
    if (!name_is(w, n, "pragma") || !next_name(&p, &w, &n))
        return 0;
    while (*p == ' ')
        p++;
    if (*p == '.') {
        p++;
        if (!next_name(&p, &w, &n))
            return 0;
    }
    if (name_is(w, n, "foreign_keys") || name_is(w, n, "journal_mode"))
        return STRATA_STMT_NOTXN;
    return 0;
}

/* State of one split() call. */
typedef struct splitter {
    strata_conn *c;
    const char *sql;    /* the caller's text */
    size_t len;
    strata_buf scratch; /* NUL-terminated text for sqlite3_complete() */
    drv_stmts st;
} splitter;

/* Would sqlite3_complete() accept the statement's text so far, which
 * ends with sql[from..end) (plus a ';' when add_semi)?  Before the
 * statement's first ';' from is its start.  After a ';' that did not
 * complete it, sqlite3_complete() is always in its SEMI state (inside a
 * trigger body, just past a ';'), and "CREATE TRIGGER;" leads there
 * too; so from is just past the last ';' and that prefix stands in for
 * the text before it.  Each byte is thus read once or twice, not once
 * per ';' of a long body. */
static int is_complete(splitter *sp, size_t from, size_t end, int in_body,
                       int add_semi, int *out)
{
    static const char body[] = "CREATE TRIGGER;";

    sp->scratch.len = 0;
    if ((in_body && sq_host->buf_append(&sp->scratch, body,
                                        sizeof body - 1)) ||
        sq_host->buf_append(&sp->scratch, sp->sql + from, end - from) ||
        (add_semi && sq_host->buf_append(&sp->scratch, ";", 1)))
        return STRATA_ERR_NOMEM;
    *out = sqlite3_complete(sp->scratch.data) == 1;
    return STRATA_OK;
}

static int add_stmt(splitter *sp, size_t start, size_t end)
{
    char *norm = drv_stmts_norm(sq_host, sp->sql, start, end, lex, TK_SPACE,
                                TK_COMMENT);

    return drv_stmts_add(&sp->st, start, end, norm,
                         norm ? stmt_flags(norm) : 0);
}

static int fail(splitter *sp, strata_stmt_list *out, int code, size_t at,
                const char *msg)
{
    return drv_stmts_fail(sq_host, sp->c, out, code, at, msg);
}

/* A statement that starts with '.' is no SQL but a sqlite3 dot-command
 * (.shell, .system, .read, .once ...): the library would refuse it, but
 * an offline script prints every statement at the start of a line,
 * where `sqlite3` runs it.  Refused here, so lint and check report it
 * too (docs/dialects.md §8). */
static int dot_command(splitter *sp, strata_stmt_list *out, size_t at)
{
    size_t end = at + 1;

    while (end < sp->len && is_word(sp->sql[end]) && end - at < 32)
        end++;
    out->err_offset = at;
    return sq_host->error(sp->c, STRATA_ERR_PARSE, NULL,
                          "sqlite3 dot-command %.*s is not SQL: strata runs "
                          "statements through the SQLite library, and the "
                          "sqlite3 shell would run it from a script",
                          (int)(end - at), sp->sql + at);
}

/* The scan.  A ';' outside quotes and comments ends a statement only
 * when sqlite3_complete() agrees, which keeps "CREATE TRIGGER ... BEGIN
 * ...; ...; END;" whole.  A statement's text runs from its first token
 * to its last, so comments around it stay out. */
static int scan(splitter *sp, strata_stmt_list *out)
{
    const size_t none = (size_t)-1;
    size_t i = 0, next, start = none, last_end = 0, body = 0;
    int kind, rc, done, in_body = 0;

    while (i < sp->len) {
        next = lex(sp->sql, sp->len, i, &kind);
        switch (kind) {
        case TK_SPACE:
        case TK_COMMENT:
            break;
        case TK_BADSTR:
            return fail(sp, out, STRATA_ERR_PARSE, i,
                        "unterminated string literal");
        case TK_BADIDENT:
            return fail(sp, out, STRATA_ERR_PARSE, i,
                        "unterminated quoted identifier");
        case TK_SEMI:
            if (start == none)
                break; /* an empty statement */
            rc = is_complete(sp, in_body ? body : start, next, in_body, 0,
                             &done);
            if (rc != STRATA_OK)
                return fail(sp, out, rc, start, NULL);
            if (done) {
                if ((rc = add_stmt(sp, start, last_end)) != STRATA_OK)
                    return fail(sp, out, rc, start, NULL);
                start = none;
            } else {
                /* Inside a trigger body: the ';' is part of the text. */
                in_body = 1;
                body = last_end = next;
            }
            break;
        default:
            if (start == none && sp->sql[i] == '.')
                return dot_command(sp, out, i);
            if (start == none) {
                start = i;
                in_body = 0;
            }
            last_end = next;
            break;
        }
        i = next;
    }
    if (start == none)
        return STRATA_OK;
    /* The last statement may omit its ';', a trigger's too ("...; END"),
     * but a body that END never closes is an error, with or without a
     * ';' inside it ("... BEGIN SELECT 1" at the end of the text). */
    rc = is_complete(sp, in_body ? body : start, last_end, in_body, 1, &done);
    if (rc != STRATA_OK)
        return fail(sp, out, rc, start, NULL);
    if (!done)
        return fail(sp, out, STRATA_ERR_PARSE, start,
                    "unterminated CREATE TRIGGER body: missing END;");
    if ((rc = add_stmt(sp, start, last_end)) != STRATA_OK)
        return fail(sp, out, rc, start, NULL);
    return STRATA_OK;
}

int sq_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out)
{
    splitter sp = {.c = c, .sql = sql, .len = len};
    int go, rc = drv_stmts_start(&sp.st, sq_host, c, sql, len, out, &go);

    if (rc != STRATA_OK || !go)
        return rc;
    rc = scan(&sp, out);
    sq_host->buf_free(&sp.scratch);
    return drv_stmts_finish(&sp.st, rc, out);
}
