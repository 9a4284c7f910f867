/* checkcol.c - the one column a CHECK's expression references, which
 * PostgreSQL names an unnamed CHECK after (abi/checkcol.h).  A small
 * lexer of its own: the expression is any dialect's. */
#include "checkcol.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { T_END, T_WORD, T_QID, T_STR, T_NUM, T_PUNCT };

typedef struct tok {
    int type;   /* T_* */
    size_t off; /* first byte */
    size_t len; /* bytes */
} tok;

/* Words that are no column in an expression (SQL's and the dialects'
 * operators, literals and special values), sorted. */
static const char *const keywords[] = {
    "all",          "and",           "any",           "array",
    "as",           "asc",           "asymmetric",    "between",
    "both",         "case",          "cast",          "collate",
    "current_catalog", "current_date", "current_role", "current_schema",
    "current_time", "current_timestamp", "current_user", "default",
    "desc",         "distinct",      "div",           "else",
    "end",          "escape",        "exists",        "false",
    "from",         "glob",          "ilike",         "in",
    "interval",     "is",            "isnull",        "leading",
    "like",         "localtime",     "localtimestamp", "match",
    "mod",          "not",           "notnull",       "null",
    "nulls",        "or",            "overlaps",      "regexp",
    "rlike",        "row",           "session_user",  "similar",
    "some",         "symmetric",     "system_user",   "then",
    "to",           "trailing",      "true",          "unknown",
    "user",         "using",         "when",          "xor",
    "zone",
};

/* Words that go on a type name after its first (double precision,
 * character varying, time with time zone). */
static const char *const type_words[] = {
    "precision", "signed", "time", "unsigned", "varying", "with",
    "without",   "zone",
};

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

/* Is the word s[0, n) (any case) in list? */
static int word_in(const char *s, size_t n, const char *const *list,
                   size_t count)
{
    char w[24];

    if (n >= sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++)
        w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    w[n] = '\0';
    return bsearch(w, list, count, sizeof *list, cmp_word) != NULL;
}

static int is_kw(const char *s, const tok *t)
{
    return t->type == T_WORD &&
           word_in(s + t->off, t->len, keywords,
                   sizeof keywords / sizeof keywords[0]);
}

static int is_word(const char *s, const tok *t, const char *w)
{
    return t && t->type == T_WORD && t->len == strlen(w) &&
           strncasecmp(s + t->off, w, t->len) == 0;
}

static int is_punct(const char *s, const tok *t, const char *p)
{
    return t && t->type == T_PUNCT && t->len == strlen(p) &&
           strncmp(s + t->off, p, t->len) == 0;
}

static int word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

static size_t skip_blank(const char *s, size_t i)
{
    for (;;) {
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
               s[i] == '\f')
            i++;
        if (s[i] == '-' && s[i + 1] == '-') {
            while (s[i] && s[i] != '\n')
                i++;
        } else if (s[i] == '/' && s[i + 1] == '*') {
            const char *e = strstr(s + i + 2, "*/");

            i = e ? (size_t)(e - s) + 2 : strlen(s);
        } else {
            return i;
        }
    }
}

/* One past the quote closing the one at s[i]; a doubled close quote is
 * one character, and so is \x where backslash. */
static size_t quoted_end(const char *s, size_t i, char close, int backslash)
{
    for (i++; s[i]; i++) {
        if (backslash && s[i] == '\\' && s[i + 1]) {
            i++;
        } else if (s[i] == close) {
            if (s[i + 1] != close || close == ']')
                return i + 1;
            i++;
        }
    }
    return i;
}

/* One past the dollar-quoted string starting at s[i] ($tag$...$tag$). */
static size_t dollar_end(const char *s, size_t i)
{
    size_t t = i + 1;
    const char *e;

    while (word_char((unsigned char)s[t]) && s[t] != '$')
        t++;
    if (s[t] != '$')
        return i + 1;
    t++;
    for (e = s + t; (e = strchr(e, '$')) != NULL; e++)
        if (strncmp(e, s + i, t - i) == 0)
            return (size_t)(e - s) + (t - i);
    return strlen(s);
}

/* The token at or after *pos.  brackets: [name] is an identifier
 * (SQLite), else [ is an array subscript. */
static tok next_tok(const char *s, size_t *pos, int brackets)
{
    size_t i = skip_blank(s, *pos), e = i + 1;
    unsigned char c = (unsigned char)s[i];
    tok t = {T_PUNCT, i, 0};

    if (!c) {
        t.type = T_END;
    } else if (c == '\'') {
        t.type = T_STR;
        e = quoted_end(s, i, '\'', 0);
    } else if ((c == 'e' || c == 'E') && s[i + 1] == '\'') {
        t.type = T_STR;
        e = quoted_end(s, i + 1, '\'', 1);
    } else if (c == '"' || c == '`' || (c == '[' && brackets)) {
        t.type = T_QID;
        e = quoted_end(s, i, c == '[' ? ']' : (char)c, 0);
    } else if (c == '$' && !(s[i + 1] >= '0' && s[i + 1] <= '9')) {
        t.type = T_STR;
        e = dollar_end(s, i);
    } else if ((c >= '0' && c <= '9') ||
               (c == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') ||
               c == '$') {
        t.type = T_NUM;
        for (e = i + 1; word_char((unsigned char)s[e]) || s[e] == '.' ||
                        ((s[e] == '+' || s[e] == '-') &&
                         (s[e - 1] == 'e' || s[e - 1] == 'E'));
             e++)
            ;
    } else if (word_char(c)) {
        t.type = T_WORD;
        for (e = i + 1; word_char((unsigned char)s[e]); e++)
            ;
    } else if (c == ':' && s[i + 1] == ':') {
        e = i + 2;
    }
    t.len = e - i;
    *pos = e;
    return t;
}

/* The name token t stands for, in host memory: a quoted one unquoted, a
 * bare one as written or folded to lower case. */
static char *name_of(const strata_host *host, const char *s, const tok *t,
                     int keep_case)
{
    char *out = host->alloc(t->len + 1), *o = out;
    const char *p = s + t->off, *end = p + t->len;

    if (!out)
        return NULL;
    if (t->type == T_QID) {
        char close = *p == '[' ? ']' : *p;

        for (p++, end--; p < end; p++) {
            *o++ = *p;
            if (*p == close && p + 1 < end && p[1] == close)
                p++;
        }
    } else {
        for (; p < end; p++)
            *o++ = (char)(!keep_case && *p >= 'A' && *p <= 'Z'
                              ? *p - 'A' + 'a'
                              : *p);
    }
    *o = '\0';
    return out;
}

/* Does t stand for a column?  v[i] is t; in_type: the type of a cast
 * being read (1: its first word next, 2: after it). */
static int names_column(const char *s, const tok *v, size_t n, size_t i,
                        int *in_type)
{
    const tok *t = &v[i], *prev = i ? &v[i - 1] : NULL;
    const tok *next = i + 1 < n ? &v[i + 1] : NULL;

    if (*in_type == 1 ||
        (*in_type == 2 && t->type == T_WORD &&
         word_in(s + t->off, t->len, type_words,
                 sizeof type_words / sizeof type_words[0]))) {
        *in_type = 2;
        return 0;
    }
    *in_type = 0;
    if (is_word(s, t, "as")) {
        *in_type = 1; /* CAST (x AS type) */
        return 0;
    }
    if (is_kw(s, t) || is_punct(s, next, "(") || is_punct(s, next, ".") ||
        is_word(s, prev, "collate"))
        return 0;
    /* a typed literal: date '2020-01-01', x'00' */
    if (t->type == T_WORD && next && next->type == T_STR)
        return 0;
    /* EXTRACT(field FROM x) */
    return !(i >= 2 && is_punct(s, prev, "(") &&
             is_word(s, &v[i - 2], "extract"));
}

int strata_abi_check_column(const strata_host *host, const char *expr,
                            char *const *cols, size_t ncols, int keep_case,
                            char **out)
{
    tok *v = NULL;
    size_t n = 0, cap = 0, pos = 0;
    char *found = NULL;
    int in_type = 0, many = 0;

    *out = NULL;
    if (!expr)
        return STRATA_OK;
    for (;;) {
        tok t = next_tok(expr, &pos, keep_case);

        if (t.type == T_END)
            break;
        if (n == cap) {
            tok *g = host->realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);

            if (!g) {
                host->free(v);
                return STRATA_ERR_NOMEM;
            }
            v = g;
        }
        v[n++] = t;
    }
    for (size_t i = 0; i < n && !many; i++) {
        char *name;

        if (is_punct(expr, &v[i], "::")) {
            in_type = 1;
            continue;
        }
        if (v[i].type != T_WORD && v[i].type != T_QID) {
            in_type = 0;
            continue;
        }
        if (!names_column(expr, v, n, i, &in_type))
            continue;
        if (!(name = name_of(host, expr, &v[i], keep_case))) {
            host->free(found);
            host->free(v);
            return STRATA_ERR_NOMEM;
        }
        if (ncols) {
            /* only the table's columns count, spelt as declared */
            size_t k;

            for (k = 0; k < ncols; k++)
                if (cols[k] && (keep_case ? strcasecmp(cols[k], name)
                                          : strcmp(cols[k], name)) == 0)
                    break;
            host->free(name);
            if (k == ncols)
                continue;
            if (!(name = host->strdup(cols[k]))) {
                host->free(found);
                host->free(v);
                return STRATA_ERR_NOMEM;
            }
        }
        if (!found)
            found = name;
        else {
            many = (keep_case ? strcasecmp(found, name)
                              : strcmp(found, name)) != 0;
            host->free(name);
        }
    }
    host->free(v);
    if (many) {
        host->free(found);
        found = NULL;
    }
    *out = found;
    return STRATA_OK;
}
