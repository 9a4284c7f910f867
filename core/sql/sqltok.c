/* sqltok.c - standard SQL tokens with positions.  Anything a dialect lexes
 * its own way (backticks, dollar quotes, E'' strings) becomes OTHER. */
#include "sql/sqltok.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct scanner {
    const char *s;
    size_t len;
    size_t i;          /* current byte */
    unsigned line;     /* line of byte i */
    size_t line_start; /* offset of the first byte of that line */
    strata_toklist *out;
    size_t cap;
    size_t used; /* bytes of out->arena taken */
    size_t room; /* its size: 2 * len + 1, more than a scan can take */
} scanner;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Bytes >= 0x80 are UTF-8 letters as far as identifiers go, as in
 * PostgreSQL and MySQL. */
static int ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c >= 0x80;
}

static int ident_char(unsigned char c)
{
    return ident_start(c) || is_digit(c) || c == '$';
}

/* Move to byte to, counting the newlines passed. */
static void advance(scanner *sc, size_t to)
{
    for (; sc->i < to; sc->i++) {
        if (sc->s[sc->i] == '\n') {
            sc->line++;
            sc->line_start = sc->i + 1;
        }
    }
}

static int push(scanner *sc, int kind, size_t start, unsigned line,
                size_t line_start, char *text)
{
    strata_toklist *l = sc->out;
    strata_tok *t;

    if (!text)
        return STRATA_ERR_NOMEM;
    if (l->count == sc->cap) {
        size_t ncap = sc->cap ? sc->cap * 2 : 32;
        strata_tok *grown = realloc(l->items, ncap * sizeof *grown);

        if (!grown)
            return STRATA_ERR_NOMEM;
        l->items = grown;
        sc->cap = ncap;
    }
    t = &l->items[l->count++];
    t->kind = kind;
    t->text = text;
    t->offset = start;
    t->len = sc->i - start;
    t->line = line;
    t->col = (unsigned)(start - line_start + 1);
    return STRATA_OK;
}

/* Room for n bytes and a NUL in the arena.  A token's text is never
 * longer than the input it spans, and every token spans a byte at
 * least, so 2 * len bytes hold them all (the arena has one more, so
 * that an empty input's is a real allocation); NULL only if that
 * fails. */
static char *take(scanner *sc, size_t n)
{
    char *d;

    if (n + 1 > sc->room - sc->used)
        return NULL;
    d = sc->out->arena + sc->used;
    sc->used += n + 1;
    return d;
}

static char *copy(scanner *sc, const char *s, size_t n)
{
    char *d = take(sc, n);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* The text of the quoted token s[a, b) (quotes included) with doubled
 * quotes unescaped. */
static char *unquote(scanner *sc, const char *s, size_t a, size_t b)
{
    char q = s[a];
    char *d = take(sc, b - a - 1);
    size_t n = 0;

    if (!d)
        return NULL;
    for (size_t i = a + 1; i + 1 < b; i++) {
        d[n++] = s[i];
        if (s[i] == q)
            i++; /* the second of a doubled quote */
    }
    d[n] = '\0';
    return d;
}

/* One past the quote opened at i, or 0 when it is never closed. */
static size_t quote_end(const scanner *sc, size_t i)
{
    char q = sc->s[i];

    for (i++; i < sc->len; i++) {
        if (sc->s[i] != q)
            continue;
        if (i + 1 < sc->len && sc->s[i + 1] == q) {
            i++; /* doubled: an escaped quote (MySQL's backticks too) */
            continue;
        }
        return i + 1;
    }
    return 0;
}

static size_t number_end(const char *s, size_t len, size_t i)
{
    while (i < len && is_digit((unsigned char)s[i]))
        i++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit((unsigned char)s[i]))
            i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;

        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < len && is_digit((unsigned char)s[j])) {
            while (j < len && is_digit((unsigned char)s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

/* Operators of more than one character, longest first. */
static const char *const multi_ops[] = {"->>", "::", "<=", ">=", "<>", "!=",
                                        "||",  "->", "=>", ":=", "<<", ">>"};

static size_t punct_len(const char *s, size_t len, size_t i)
{
    if (i + 1 >= len || !strchr("-:<>!|=", s[i]))
        return 1; /* no operator above begins otherwise */
    for (size_t k = 0; k < sizeof multi_ops / sizeof multi_ops[0]; k++) {
        size_t n = strlen(multi_ops[k]);

        if (i + n <= len && memcmp(s + i, multi_ops[k], n) == 0)
            return n;
    }
    return 1;
}

static int unterminated(scanner *sc, strata_error *err, const char *what)
{
    return strata__error_set(err, STRATA_ERR_PARSE, "%u:%u: unterminated %s",
                             sc->line, (unsigned)(sc->i - sc->line_start + 1),
                             what);
}

static int scan(scanner *sc, strata_error *err)
{
    const char *s = sc->s;

    while (sc->i < sc->len) {
        unsigned char c = (unsigned char)s[sc->i];
        size_t start = sc->i, ls = sc->line_start, end;
        unsigned line = sc->line;
        int rc, kind;

        if (is_space(c)) {
            advance(sc, sc->i + 1);
            continue;
        }
        if (c == '-' && sc->i + 1 < sc->len && s[sc->i + 1] == '-') {
            end = sc->i;
            while (end < sc->len && s[end] != '\n')
                end++;
            advance(sc, end);
            continue;
        }
        if (c == '/' && sc->i + 1 < sc->len && s[sc->i + 1] == '*') {
            const char *close = NULL;

            for (end = sc->i + 2; end + 1 < sc->len; end++)
                if (s[end] == '*' && s[end + 1] == '/') {
                    close = s + end;
                    break;
                }
            if (!close)
                return unterminated(sc, err, "comment");
            advance(sc, end + 2);
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
            if (!(end = quote_end(sc, sc->i)))
                return unterminated(sc, err,
                                    c == '\'' ? "string literal"
                                    : c == '"' ? "quoted identifier"
                                               : "backtick identifier");
            advance(sc, end);
            kind = c == '\'' ? STRATA_TOK_STRING
                   : c == '"' ? STRATA_TOK_QUOTED
                              : STRATA_TOK_OTHER;
            rc = push(sc, kind, start, line, ls,
                      kind == STRATA_TOK_OTHER
                          ? copy(sc, s + start, end - start)
                          : unquote(sc, s, start, end));
        } else if (ident_start(c)) {
            char *text;

            end = sc->i;
            while (end < sc->len && ident_char((unsigned char)s[end]))
                end++;
            advance(sc, end);
            if (!(text = copy(sc, s + start, end - start)))
                return STRATA_ERR_NOMEM;
            for (char *p = text; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            kind = STRATA_TOK_WORD;
            /* E'...' takes backslash escapes and U&'...' Unicode ones: a
             * standard lexer would misread them, so the parser must not
             * trust what follows. */
            if (end < sc->len && end - start == 1 &&
                ((text[0] == 'e' && s[end] == '\'') ||
                 (text[0] == 'u' && s[end] == '&')))
                kind = STRATA_TOK_OTHER;
            rc = push(sc, kind, start, line, ls, text);
        } else if (is_digit(c) ||
                   (c == '.' && sc->i + 1 < sc->len &&
                    is_digit((unsigned char)s[sc->i + 1]))) {
            end = number_end(s, sc->len, sc->i);
            advance(sc, end);
            rc = push(sc, STRATA_TOK_NUMBER, start, line, ls,
                      copy(sc, s + start, end - start));
        } else if (c && strchr("(),.;[]{}+-*/<>=~!@%^&|?:", c)) {
            end = sc->i + punct_len(s, sc->len, sc->i);
            advance(sc, end);
            rc = push(sc, STRATA_TOK_PUNCT, start, line, ls,
                      copy(sc, s + start, end - start));
        } else {
            /* $, \, #, control bytes: one byte each */
            advance(sc, sc->i + 1);
            rc = push(sc, STRATA_TOK_OTHER, start, line, ls,
                      copy(sc, s + start, 1));
        }
        if (rc != STRATA_OK)
            return rc;
    }
    return STRATA_OK;
}

int strata__sqltok_scan(strata_toklist *out, const char *sql, size_t len,
                        strata_error *err)
{
    scanner sc = {.s = sql, .len = len, .line = 1, .out = out};
    int rc;

    out->items = NULL;
    out->count = 0;
    sc.room = len <= (SIZE_MAX - 1) / 2 ? 2 * len + 1 : 0;
    out->arena = sc.room ? malloc(sc.room) : NULL;
    rc = out->arena ? scan(&sc, err) : STRATA_ERR_NOMEM;
    if (rc == STRATA_ERR_NOMEM)
        strata__nomem(err);
    if (rc != STRATA_OK)
        strata__sqltok_free(out);
    return rc;
}

void strata__sqltok_free(strata_toklist *l)
{
    if (!l)
        return;
    free(l->arena);
    free(l->items);
    l->arena = NULL;
    l->items = NULL;
    l->count = 0;
}

int strata__sqltok_is(const strata_tok *t, const char *w)
{
    return t && t->kind == STRATA_TOK_WORD && strcmp(t->text, w) == 0;
}
