/* split.c - MySQL/MariaDB's statement splitter: SQL text into statements
 * with offsets, lines, checksum text and NOTXN flags, without a
 * connection.  It reads what the mysql client reads: backtick
 * identifiers, '...' and "..." strings with backslash escapes, # and
 * "-- " comments, executable comments (slash-star-bang), and DELIMITER
 * lines;
 * routine bodies (BEGIN ... END) also split right without DELIMITER. */
#include <string.h>
#include <strings.h>

#include "abi/norm.h"
#include "my.h"
#include "../common/stmts.h"

/* Token kinds of lex(). */
enum {
    TK_SPACE,      /* run of whitespace */
    TK_COMMENT,    /* # or -- to end of line, or a block comment */
    TK_EXEC,       /* executable comment or optimizer hint: it runs */
    TK_QUOTED,     /* '...', "..." or `...` */
    TK_DELIM,      /* the statement delimiter (";" by default) */
    TK_WORD,       /* a run of word characters */
    TK_OTHER,      /* any other character */
    TK_BADSTR,     /* ' or " without its closing quote */
    TK_BADIDENT,   /* ` without its closing backtick */
    TK_BADCOMMENT  /* a block comment without its end */
};

/* The delimiter is at most this long (the mysql client has no limit,
 * but nobody writes more than a few characters). */
#define MY_DELIM_MAX 16

/* State of one split() call. */
typedef struct splitter {
    strata_conn *c;
    const char *sql;    /* the caller's text */
    size_t len;
    char delim[MY_DELIM_MAX + 1]; /* current statement delimiter */
    size_t dlen;
    drv_stmts st;
} splitter;

/* Whitespace as the server's lexer sees it. */
static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\f' || ch == '\v';
}

static int is_word(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
           (unsigned char)ch >= 0x80;
}

static int delim_at(const splitter *sp, size_t i)
{
    return sp->dlen && i + sp->dlen <= sp->len &&
           memcmp(sp->sql + i, sp->delim, sp->dlen) == 0;
}

/* End of the quoted token opened at s[i]; *closed = 0 when the quote
 * runs to the end.  Strings take a doubled quote and backslash escapes
 * (the session strata sets has no NO_BACKSLASH_ESCAPES); backticks
 * only the doubled backtick. */
static size_t skip_quoted(const char *s, size_t len, size_t i, int *closed)
{
    char q = s[i];

    for (i++; i < len; i++) {
        if (s[i] == '\\' && q != '`') {
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
static size_t lex(const splitter *sp, size_t i, int *kind)
{
    const char *s = sp->sql;
    size_t len = sp->len, end;
    char ch = s[i];
    int closed;

    if (delim_at(sp, i)) {
        *kind = TK_DELIM;
        return i + sp->dlen;
    }
    if (is_space(ch)) {
        while (i < len && is_space(s[i]) && !delim_at(sp, i))
            i++;
        *kind = TK_SPACE;
        return i;
    }
    /* "--" starts a comment only before whitespace or a control
     * character (or the end): "--x" is minus minus x. */
    if (ch == '#' ||
        (ch == '-' && i + 1 < len && s[i + 1] == '-' &&
         (i + 2 == len || (unsigned char)s[i + 2] <= ' '))) {
        while (i < len && s[i] != '\n')
            i++;
        *kind = TK_COMMENT;
        return i;
    }
    if (ch == '/' && i + 1 < len && s[i + 1] == '*') {
        int exec = i + 2 < len &&
                   (s[i + 2] == '!' || s[i + 2] == '+' ||
                    (s[i + 2] == 'M' && i + 3 < len && s[i + 3] == '!'));

        for (end = i + 2; end + 1 < len; end++)
            if (s[end] == '*' && s[end + 1] == '/')
                break;
        if (end + 1 >= len) {
            *kind = TK_BADCOMMENT;
            return len;
        }
        *kind = exec ? TK_EXEC : TK_COMMENT;
        return end + 2;
    }
    if (ch == '\'' || ch == '"' || ch == '`') {
        end = skip_quoted(s, len, i, &closed);
        if (closed)
            *kind = TK_QUOTED;
        else
            *kind = ch == '`' ? TK_BADIDENT : TK_BADSTR;
        return end;
    }
    if (is_word(ch)) {
        /* A custom delimiter may follow a word without a blank
         * ("END$$"), and $ is a word character. */
        while (i < len && is_word(s[i]) && !delim_at(sp, i))
            i++;
        *kind = TK_WORD;
        return i;
    }
    *kind = TK_OTHER;
    return i + 1;
}

/* lex() as the checksum normaliser (abi/norm.h) reads it: executable
 * comments are kept byte for byte (docs/design.md §2.5); ctx is a
 * splitter ending at the statement's end, with no delimiter (the
 * statement holds none). */
static size_t norm_lex(void *ctx, const char *s, size_t end, size_t i,
                       int *blank)
{
    const splitter *sp = ctx;
    int kind;
    size_t next = lex(sp, i, &kind);

    (void)s;
    (void)end;
    *blank = kind == TK_SPACE || kind == TK_COMMENT;
    return next;
}

/* Checksum text of the statement sql[start, end). */
static char *make_norm(const splitter *base, size_t start, size_t end)
{
    splitter sp = *base;

    sp.len = end;
    sp.dlen = 0;
    return strata_abi_norm(my_host, sp.sql, start, end, norm_lex, &sp, NULL);
}

/* The first words of a checksum text, lowercased, into w[0..max): an
 * executable comment's content counts (mysqldump's versioned CREATE
 * VIEW); the first token that is not a bare word ends the list. */
static size_t first_words(const char *norm, char w[][16], size_t max)
{
    const char *p = norm;
    size_t n = 0;

    while (n < max) {
        size_t k = 0;

        while (*p == ' ')
            p++;
        if (p[0] == '/' && p[1] == '*') {
            p += 2;
            if (*p == 'M')
                p++;
            if (*p == '!' || *p == '+')
                p++;
            while (*p >= '0' && *p <= '9')
                p++;
            continue;
        }
        if (!is_word(*p))
            break;
        while (is_word(*p)) {
            if (k < 15)
                w[n][k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
            p++;
        }
        w[n][k] = '\0';
        n++;
    }
    return n;
}

/* STRATA_STMT_NOTXN for every statement that commits implicitly
 * (docs/dialects.md §2; MY:implicit-commit): DDL on tables, indexes, views,
 * triggers, routines, events, databases and users (the TEMPORARY forms
 * excepted), RENAME, TRUNCATE, GRANT/REVOKE, LOCK/UNLOCK TABLES,
 * transaction control, and ANALYZE/CHECK/OPTIMIZE/REPAIR TABLE. */
static uint32_t stmt_flags(const char *norm)
{
    static const char *const always[] = {
        "alter",   "rename",    "truncate", "grant",   "revoke",
        "analyze", "optimize",  "repair",   "flush",   "install",
        "uninstall", "commit",  "cache",    "reset",   "purge"};
    char w[4][16];
    size_t n = first_words(norm, w, 4), i;

    if (!n)
        return 0;
    for (i = 0; i < sizeof always / sizeof always[0]; i++)
        if (strcmp(w[0], always[i]) == 0)
            return STRATA_STMT_NOTXN;
    if (strcmp(w[0], "create") == 0) {
        i = n > 2 && strcmp(w[1], "or") == 0 && strcmp(w[2], "replace") == 0
                ? 3 : 1;
        return i < n && strcmp(w[i], "temporary") == 0 ? 0
                                                        : STRATA_STMT_NOTXN;
    }
    if (strcmp(w[0], "drop") == 0)
        return n > 1 && strcmp(w[1], "temporary") == 0 ? 0
                                                        : STRATA_STMT_NOTXN;
    if (strcmp(w[0], "lock") == 0 || strcmp(w[0], "unlock") == 0)
        return n > 1 && (strcmp(w[1], "tables") == 0 ||
                         strcmp(w[1], "table") == 0)
                   ? STRATA_STMT_NOTXN : 0;
    if (strcmp(w[0], "check") == 0 || strcmp(w[0], "load") == 0)
        return n > 1 && (strcmp(w[1], "table") == 0 ||
                         strcmp(w[1], "index") == 0)
                   ? STRATA_STMT_NOTXN : 0;
    if (strcmp(w[0], "start") == 0)
        return n > 1 && strcmp(w[1], "transaction") == 0 ? STRATA_STMT_NOTXN
                                                          : 0;
    if (strcmp(w[0], "begin") == 0) /* BEGIN [WORK], not BEGIN NOT ATOMIC */
        return n > 1 && strcmp(w[1], "not") == 0 ? 0 : STRATA_STMT_NOTXN;
    if (strcmp(w[0], "rollback") == 0) /* not ROLLBACK TO SAVEPOINT */
        return n > 1 && strcmp(w[1], "to") == 0 ? 0 : STRATA_STMT_NOTXN;
    if (strcmp(w[0], "set") == 0)
        return n > 1 && strcmp(w[1], "password") == 0 ? STRATA_STMT_NOTXN
                                                       : 0;
    return 0;
}

static int add_stmt(splitter *sp, size_t start, size_t end)
{
    char *norm = make_norm(sp, start, end);

    return drv_stmts_add(&sp->st, start, end, norm,
                         norm ? stmt_flags(norm) : 0);
}

static int fail(splitter *sp, strata_stmt_list *out, int code, size_t at,
                const char *msg)
{
    return drv_stmts_fail(my_host, sp->c, out, code, at, msg);
}

static int word_is(const splitter *sp, size_t at, size_t end,
                   const char *w)
{
    size_t n = strlen(w);

    return end - at == n && strncasecmp(sp->sql + at, w, n) == 0;
}

/* A DELIMITER command (a mysql client command, not SQL: docs/dialects.md §8)
 * whose word ends at i: read the new delimiter from the rest of its
 * line; return the end of that line, or (size_t)-1 after setting the
 * error. */
static size_t delimiter_line(splitter *sp, strata_stmt_list *out,
                             size_t word, size_t i)
{
    size_t a, b, eol;

    for (eol = i; eol < sp->len && sp->sql[eol] != '\n'; eol++)
        ;
    for (a = i; a < eol && is_space(sp->sql[a]); a++)
        ;
    for (b = a; b < eol && !is_space(sp->sql[b]); b++)
        ;
    /* DELIMITER '$$' is DELIMITER $$. */
    if (b - a >= 2 && (sp->sql[a] == '\'' || sp->sql[a] == '"' ||
                       sp->sql[a] == '`') && sp->sql[b - 1] == sp->sql[a]) {
        a++;
        b--;
    }
    if (a == b) {
        fail(sp, out, STRATA_ERR_PARSE, word,
             "DELIMITER without a delimiter");
        return (size_t)-1;
    }
    if (b - a > MY_DELIM_MAX || memchr(sp->sql + a, '\\', b - a)) {
        fail(sp, out, STRATA_ERR_PARSE, a,
             "bad DELIMITER: at most 16 characters, no backslash");
        return (size_t)-1;
    }
    memcpy(sp->delim, sp->sql + a, b - a);
    sp->delim[b - a] = '\0';
    sp->dlen = b - a;
    return eol;
}

/* ---- client commands ---------------------------------------------------
 * The mysql/mariadb client runs some input itself instead of sending it:
 * a backslash command anywhere outside strings and comments (\! runs a
 * shell, \. reads a file), and a statement that starts with a command's
 * name (system, source, tee, pager, connect ...).  The library strata
 * runs through sends them to the server, which refuses them; but an
 * offline script prints every statement as written, and the client would
 * run them.  Refused here, so lint and check report them too
 * (docs/dialects.md §8).  DELIMITER where a statement starts is the
 * splitter's own (applied and dropped); at the start of a line inside a
 * statement it is refused: clients differ on what they do with it. */

/* The client's command names that are not also SQL statements (USE and
 * HELP are: the server runs them as the client would). */
static const char *const client_commands[] = {
    "charset",  "clear",     "connect", "edit",    "ego",
    "exit",     "go",        "nopager", "notee",   "nowarning",
    "pager",    "print",     "prompt",  "quit",    "rehash",
    "source",   "status",    "system",  "tee",     "warnings",
    "query_attributes",      "resetconnection",
    "ssl_session_data_print"};

static int client_command_word(const splitter *sp, size_t start,
                               size_t at, size_t end)
{
    size_t b = at;

    if (start != (size_t)-1) { /* inside a statement: DELIMITER at BOL */
        while (b > start && (sp->sql[b - 1] == ' ' || sp->sql[b - 1] == '\t'))
            b--;
        return sp->sql[b - 1] == '\n' && word_is(sp, at, end, "delimiter");
    }
    for (size_t i = 0;
         i < sizeof client_commands / sizeof client_commands[0]; i++)
        if (word_is(sp, at, end, client_commands[i]))
            return 1;
    return 0;
}

/* A backslash command at s[i]: \N is NULL, which the client passes on. */
static int is_backslash_command(const char *s, size_t len, size_t i)
{
    return s[i] == '\\' && !(i + 1 < len && s[i + 1] == 'N');
}

/* Offset of a backslash command in the executable comment s[from, to),
 * outside its strings; to when there is none. */
static size_t backslash_at(const char *s, size_t from, size_t to)
{
    int closed;

    for (size_t i = from; i < to; i++) {
        if (s[i] == '\'' || s[i] == '"' || s[i] == '`')
            i = skip_quoted(s, to, i, &closed) - 1;
        else if (is_backslash_command(s, to, i))
            return i;
    }
    return to;
}

static int client_command(splitter *sp, strata_stmt_list *out, size_t at,
                          size_t end)
{
    if (sp->sql[at] == '\\')
        end = at + 2 <= sp->len ? at + 2 : sp->len;
    out->err_offset = at;
    return my_host->error(sp->c, STRATA_ERR_PARSE, NULL,
                          "mysql client command %.*s is not SQL: strata "
                          "runs statements through the client library, and "
                          "the mysql client would run it from a script",
                          (int)(end - at > 32 ? 32 : end - at),
                          sp->sql + at);
}

/* Compound statements of a routine, trigger or event body, counted so
 * that a ';' inside BEGIN ... END does not end it when no DELIMITER
 * was written: BEGIN and CASE open, END closes (END IF, END LOOP, END
 * WHILE, END REPEAT and END FOR close what was never counted). */
typedef struct body {
    int routine;   /* CREATE ... PROCEDURE|FUNCTION|TRIGGER|EVENT seen */
    int words;     /* words of the statement so far */
    int create;    /* its first word is CREATE */
    int other;     /* CREATE TABLE, VIEW, ...: never a routine */
    int depth;     /* open BEGIN/CASE */
    int after_end; /* the previous word was END */
    int begin;     /* its first word is BEGIN: a block only before NOT */
} body;

static void body_word(body *bd, const splitter *sp, size_t at, size_t end)
{
    int first = bd->words++ == 0, was_end = bd->after_end;

    bd->after_end = 0;
    if (first) {
        bd->create = word_is(sp, at, end, "create");
        bd->begin = word_is(sp, at, end, "begin");
        return;
    }
    /* MariaDB's BEGIN NOT ATOMIC ... END block; a plain BEGIN (or BEGIN
     * WORK) starts a transaction and ends at its ';'. */
    if (bd->words == 2 && bd->begin) {
        if (word_is(sp, at, end, "not")) {
            bd->routine = 1;
            bd->depth = 1;
        }
        return;
    }
    if (!bd->routine) {
        /* CREATE TABLE event (...) names no event. */
        if (word_is(sp, at, end, "table") || word_is(sp, at, end, "view") ||
            word_is(sp, at, end, "index") ||
            word_is(sp, at, end, "database") ||
            word_is(sp, at, end, "schema") || word_is(sp, at, end, "user"))
            bd->other = 1;
        if (bd->create && !bd->other &&
            (word_is(sp, at, end, "procedure") ||
                           word_is(sp, at, end, "function") ||
                           word_is(sp, at, end, "trigger") ||
                           word_is(sp, at, end, "event")))
            bd->routine = 1;
        if (!(first && bd->routine))
            return;
    }
    if (was_end) {
        if (word_is(sp, at, end, "if") || word_is(sp, at, end, "loop") ||
            word_is(sp, at, end, "while") ||
            word_is(sp, at, end, "repeat") || word_is(sp, at, end, "for")) {
            bd->depth++; /* undo the END's close: it closed no BEGIN */
            return;
        }
        if (word_is(sp, at, end, "case"))
            return; /* END CASE: the END closed the CASE */
    }
    if (word_is(sp, at, end, "begin") || word_is(sp, at, end, "case")) {
        bd->depth++;
    } else if (word_is(sp, at, end, "end")) {
        if (bd->depth > 0)
            bd->depth--;
        bd->after_end = 1;
    }
}

/* The scan.  A statement's text runs from its first token to its last,
 * so comments around it and its delimiter stay out. */
static int scan(splitter *sp, strata_stmt_list *out)
{
    const size_t none = (size_t)-1;
    size_t i = 0, next, start = none, last_end = 0, at;
    body bd = {0};
    int kind, rc;

    while (i < sp->len) {
        next = lex(sp, i, &kind);
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
        case TK_BADCOMMENT:
            return fail(sp, out, STRATA_ERR_PARSE, i,
                        "unterminated /* comment");
        case TK_DELIM:
            if (start == none)
                break; /* an empty statement */
            bd.after_end = 0;
            if (bd.routine && bd.depth > 0 && sp->dlen == 1 &&
                sp->delim[0] == ';') {
                last_end = next; /* a ';' inside the body */
                break;
            }
            if ((rc = add_stmt(sp, start, last_end)) != STRATA_OK)
                return fail(sp, out, rc, start, NULL);
            start = none;
            break;
        default:
            if (start == none && kind == TK_WORD &&
                word_is(sp, i, next, "delimiter")) {
                next = delimiter_line(sp, out, i, next);
                if (next == none)
                    return sp->c->code;
                break;
            }
            if ((kind == TK_WORD && client_command_word(sp, start, i, next)) ||
                (kind == TK_OTHER &&
                 is_backslash_command(sp->sql, sp->len, i)))
                return client_command(sp, out, i, next);
            if (kind == TK_EXEC &&
                (at = backslash_at(sp->sql, i, next)) < next)
                return client_command(sp, out, at, next);
            if (start == none) {
                start = i;
                memset(&bd, 0, sizeof bd);
            }
            if (kind == TK_WORD)
                body_word(&bd, sp, i, next);
            else
                bd.after_end = 0;
            last_end = next;
            break;
        }
        i = next;
    }
    if (start == none)
        return STRATA_OK;
    /* The last statement may omit its delimiter, but a body that END
     * never closes is an error. */
    if (bd.routine && bd.depth > 0 && sp->dlen == 1 && sp->delim[0] == ';')
        return fail(sp, out, STRATA_ERR_PARSE, start,
                    "unterminated BEGIN ... END body: missing END");
    if ((rc = add_stmt(sp, start, last_end)) != STRATA_OK)
        return fail(sp, out, rc, start, NULL);
    return STRATA_OK;
}

int my_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out)
{
    splitter sp = {.c = c, .sql = sql, .len = len, .delim = ";", .dlen = 1};
    int go, rc = drv_stmts_start(&sp.st, my_host, c, sql, len, out, &go);

    if (rc != STRATA_OK || !go)
        return rc;
    return drv_stmts_finish(&sp.st, scan(&sp, out), out);
}
