/* liquibase_split.c - Liquibase's splitting of a changeset's SQL: its
 * simple tokens (quotes, comments, words), BEGIN ... END kept whole, the
 * ';' / GO / '/' delimiters or the changeset's endDelimiter. */
#include "chain/layouts/liquibase_split.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

typedef enum { T_WS, T_COMMENT, T_QUOTED, T_WORD, T_OTHER } tok_kind;

typedef struct tok {
    size_t at, end;
    tok_kind kind;
} tok;

static int word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c == '@' || c == '#' ||
           c >= 0x80;
}

/* The token starting at pos (< len). */
static tok next_tok(const char *s, size_t len, size_t pos)
{
    tok t = {pos, pos + 1, T_OTHER};
    unsigned char c = (unsigned char)s[pos];

    if (isspace(c)) {
        while (t.end < len && isspace((unsigned char)s[t.end]))
            t.end++;
        t.kind = T_WS;
    } else if (c == '-' && pos + 1 < len && s[pos + 1] == '-') {
        while (t.end < len && s[t.end] != '\n')
            t.end++;
        t.kind = T_COMMENT;
    } else if (c == '/' && pos + 1 < len && s[pos + 1] == '*') {
        t.end = pos + 2;
        while (t.end < len && !(s[t.end] == '/' && s[t.end - 1] == '*' &&
                                t.end > pos + 2))
            t.end++;
        t.end = t.end < len ? t.end + 1 : len;
        t.kind = T_COMMENT;
    } else if (c == '\'' || c == '"' || c == '`') {
        t.kind = T_QUOTED;
        while (t.end < len) {
            if (s[t.end] == '\\' && c != '`' && t.end + 1 < len) {
                t.end += 2;
            } else if ((unsigned char)s[t.end] == c) {
                t.end++;
                if (c == '`' || t.end >= len || (unsigned char)s[t.end] != c)
                    break;
                t.end++; /* a doubled quote */
            } else {
                t.end++;
            }
        }
    } else if (word_char(c)) {
        while (t.end < len && word_char((unsigned char)s[t.end]))
            t.end++;
        t.kind = T_WORD;
    }
    return t;
}

static int tok_is(const char *s, const tok *t, const char *w)
{
    size_t n = strlen(w);

    return t->kind == T_WORD && t->end - t->at == n &&
           strncasecmp(s + t->at, w, n) == 0;
}

/* The next token that is neither blank nor a comment (Liquibase strips
 * comments before it looks), from pos; kind T_WS at the end. */
static tok next_solid(const char *s, size_t len, size_t pos)
{
    tok t = {len, len, T_WS};

    while (pos < len) {
        t = next_tok(s, len, pos);
        if (t.kind != T_WS && t.kind != T_COMMENT)
            return t;
        pos = t.end;
        t.kind = T_WS;
    }
    t.at = t.end = len;
    return t;
}

/* BEGIN opens a block unless it starts a transaction or the like; END
 * closes one unless it ends a transaction. */
static int opens(const char *s, const tok *t, const tok *next)
{
    static const char *const not[] = {"transaction", "trans", "tran",
                                      "dialog", "conversation", "distributed",
                                      NULL};

    if (!tok_is(s, t, "begin"))
        return 0;
    for (size_t i = 0; not[i]; i++)
        if (tok_is(s, next, not[i]))
            return 0;
    return 1;
}

static int closes(const char *s, const tok *t, const tok *next)
{
    return tok_is(s, t, "end") && !tok_is(s, next, "transaction") &&
           !tok_is(s, next, "trans") && !tok_is(s, next, "tran");
}

/* 1 when the text before pos ends a line (or there is none). */
static int line_start(const char *s, size_t pos, size_t prev_end)
{
    return prev_end == 0 || (pos > 0 && s[pos - 1] == '\n') ||
           (prev_end > 0 && s[prev_end - 1] == '\n');
}

/* How many bytes from t on form the delimiter, 0 when they do not. */
static size_t delim_at(const char *s, size_t len, const tok *t,
                       size_t prev_end, const char *delim)
{
    size_t n, at = t->at;

    if (!delim) {
        if (t->end - t->at == 1 && s[t->at] == ';')
            return 1;
        if ((tok_is(s, t, "go") || (t->end - t->at == 1 && s[t->at] == '/')) &&
            line_start(s, t->at, prev_end))
            return t->end - t->at;
        return 0;
    }
    n = strlen(delim);
    /* "\nX" (written with a backslash): X alone at the start of a line. */
    if (n > 2 && delim[0] == '\\' && delim[1] == 'n') {
        return t->end - t->at == n - 2 &&
                       strncasecmp(s + t->at, delim + 2, n - 2) == 0 &&
                       line_start(s, t->at, prev_end)
                   ? n - 2
                   : 0;
    }
    if (n == 1 && delim[0] == '/' && !line_start(s, t->at, prev_end))
        return 0;
    if (t->end - t->at == n && strncasecmp(s + t->at, delim, n) == 0)
        return n;
    /* Several tokens spelling it ("//" is two '/' tokens). */
    while (at < len && at - t->at < n) {
        tok u = next_tok(s, len, at);

        if (u.end - t->at > n ||
            memcmp(s + u.at, delim + (u.at - t->at), u.end - u.at) != 0)
            return 0;
        at = u.end;
    }
    return at - t->at == n ? n : 0;
}

int strata__liquibase_split(const char *text, size_t len, int split,
                            const char *delim, strata_lb_stmt_fn fn,
                            void *payload)
{
    size_t pos = 0, start = len, last = 0, prev_end = 0;
    int depth = 0, rc;

    while (pos < len) {
        tok t = next_tok(text, len, pos), nx;
        size_t d;

        if (t.kind == T_WS || t.kind == T_COMMENT) {
            if (t.kind == T_WS)
                prev_end = t.end;
            pos = t.end;
            continue;
        }
        nx = next_solid(text, len, t.end);
        if (opens(text, &t, &nx))
            depth++;
        else if (depth > 0 && closes(text, &t, &nx))
            depth--;
        d = split && depth == 0 ? delim_at(text, len, &t, prev_end, delim)
                                : 0;
        if (d) {
            if (start < len && (rc = fn(payload, start, last - start)) != 0)
                return rc;
            start = len;
            pos = t.at + d;
            prev_end = pos;
            continue;
        }
        if (start == len)
            start = t.at;
        last = t.end;
        prev_end = t.end;
        pos = t.end;
    }
    if (start < len)
        return fn(payload, start, last - start);
    return 0;
}
