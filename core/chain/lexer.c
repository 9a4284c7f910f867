/* lexer.c - the standard SQL splitter: quotes, comments, ';'.  Dialect
 * rules (dollar quotes, backslashes, trigger bodies) live in drivers. */
#include "chain/lexer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "abi/norm.h"
#include "db/host.h"

/* Where the quote or comment starting at i ends (one past it), or
 * (size_t)-1 when it is unterminated. */
static size_t skip_quoted(const char *s, size_t len, size_t i)
{
    char q = s[i];

    for (i++; i < len; i++) {
        if (s[i] == q) {
            if (i + 1 < len && s[i + 1] == q) {
                i++; /* doubled quote */
                continue;
            }
            return i + 1;
        }
    }
    return (size_t)-1;
}

static size_t skip_comment(const char *s, size_t len, size_t i)
{
    if (s[i] == '-') {
        while (i < len && s[i] != '\n')
            i++;
        return i;
    }
    for (i += 2; i + 1 < len; i++)
        if (s[i] == '*' && s[i + 1] == '/')
            return i + 2;
    return len; /* an unterminated comment runs to the end */
}

static int is_comment(const char *s, size_t len, size_t i)
{
    return i + 1 < len && ((s[i] == '-' && s[i + 1] == '-') ||
                           (s[i] == '/' && s[i + 1] == '*'));
}

static unsigned count_lines(const char *s, size_t from, size_t to)
{
    unsigned n = 0;

    for (size_t i = from; i < to; i++)
        n += s[i] == '\n';
    return n;
}

/* The token at s[i] for the checksum normaliser (abi/norm.h): a
 * comment, one whitespace character, a quoted run (to end when
 * unterminated) or one other character. */
static size_t norm_lex(void *ctx, const char *s, size_t end, size_t i,
                       int *blank)
{
    size_t j;

    (void)ctx;
    *blank = 1;
    if (is_comment(s, end, i))
        return skip_comment(s, end, i);
    if (isspace((unsigned char)s[i]))
        return i + 1;
    *blank = 0;
    if (s[i] != '\'' && s[i] != '"')
        return i + 1;
    j = skip_quoted(s, end, i);
    return j == (size_t)-1 ? end : j;
}

/* Append the statement s[a, b) to out, normalising a copy for norm. */
static int emit(strata_stmt_list *out, size_t *cap, const char *s, size_t a,
                size_t b, unsigned line)
{
    strata_stmt *st;
    size_t last; /* one past the last token */
    char *norm = strata_abi_norm(strata__host(), s, a, b, norm_lex, NULL,
                                 &last);

    if (!norm)
        return STRATA_ERR_NOMEM;
    if (!*norm) { /* only comments: no statement */
        free(norm);
        return STRATA_OK;
    }
    if (out->count == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        strata_stmt *ni = realloc(out->items, nc * sizeof *ni);
        if (!ni)
            goto oom;
        out->items = ni;
        *cap = nc;
    }
    st = &out->items[out->count];
    memset(st, 0, sizeof *st);
    /* Trailing comments stay out, so appending ';' cannot comment it. */
    st->sql = strndup(s + a, last - a);
    if (!st->sql)
        goto oom;
    st->norm = norm;
    st->offset = a;
    st->line = line;
    out->count++;
    return STRATA_OK;
oom:
    free(norm);
    return STRATA_ERR_NOMEM;
}

int strata__lexer_split(const char *s, size_t len, strata_stmt_list *out,
                        strata_error *err)
{
    size_t cap = 0, i = 0, start = (size_t)-1;
    unsigned line = 1, start_line = 1;
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    while (i < len && rc == STRATA_OK) {
        size_t j;

        if (start == (size_t)-1 && !isspace((unsigned char)s[i]) &&
            !is_comment(s, len, i) && s[i] != ';') {
            start = i;
            start_line = line;
        }
        if (is_comment(s, len, i)) {
            j = skip_comment(s, len, i);
        } else if (s[i] == '\'' || s[i] == '"') {
            j = skip_quoted(s, len, i);
            if (j == (size_t)-1) {
                out->err_offset = i;
                rc = strata__error_set(err, STRATA_ERR_PARSE,
                                       "unterminated %s",
                                       s[i] == '\'' ? "string literal"
                                                    : "quoted identifier");
                break;
            }
        } else if (s[i] == ';') {
            if (start != (size_t)-1)
                rc = emit(out, &cap, s, start, i, start_line);
            start = (size_t)-1;
            j = i + 1;
        } else {
            j = i + 1;
        }
        line += count_lines(s, i, j);
        i = j;
    }
    if (rc == STRATA_OK && start != (size_t)-1)
        rc = emit(out, &cap, s, start, len, start_line);
    if (rc == STRATA_ERR_NOMEM)
        strata__nomem(err);
    if (rc != STRATA_OK) {
        size_t off = out->err_offset;
        strata__stmt_list_free(out);
        out->err_offset = off;
    }
    return rc;
}
