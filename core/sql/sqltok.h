/* sqltok.h - standard SQL tokens with positions, for the portable-statement
 * parser: words folded, quotes unescaped, comments skipped. */
#ifndef STRATA_CORE_SQLTOK_H
#define STRATA_CORE_SQLTOK_H

#include <stddef.h>

#include "util/error.h"

typedef enum strata_tok_kind {
    STRATA_TOK_WORD = 1, /* unquoted identifier or keyword; text folded to
                          * lowercase (ASCII letters only) */
    STRATA_TOK_QUOTED,   /* "identifier": text exact, "" unescaped */
    STRATA_TOK_STRING,   /* 'string': text with '' unescaped */
    STRATA_TOK_NUMBER,   /* 12, 1.5, .5, 1e-3 */
    STRATA_TOK_PUNCT,    /* ( ) , . ; [ ] and operators (<= :: || ...) */
    STRATA_TOK_OTHER     /* no standard SQL meaning: `backticks`, $1,
                          * $$, \, #, E'...', U&"..." (dialect lexing) */
} strata_tok_kind;

typedef struct strata_tok {
    int kind;      /* STRATA_TOK_* */
    char *text;    /* the folded or unescaped text, in the list's arena */
    size_t offset; /* byte offset of the token in the input */
    size_t len;    /* bytes the token spans in the input */
    unsigned line; /* 1-based line in the input */
    unsigned col;  /* 1-based column in that line, in bytes */
} strata_tok;

typedef struct strata_toklist {
    strata_tok *items; /* owned; count entries */
    size_t count;
    char *arena;       /* owned: every token's text, one allocation for
                        * the list instead of one per token */
} strata_toklist;

/* Tokenize len bytes of sql into out (zeroed first).  -- and C-style
 * comments are skipped; whitespace separates.  An unterminated string,
 * quoted identifier, backtick name or comment is STRATA_ERR_PARSE with
 * the message "LINE:COL: unterminated ..." (out left empty). */
int strata__sqltok_scan(strata_toklist *out, const char *sql, size_t len,
                        strata_error *err);
void strata__sqltok_free(strata_toklist *l);

/* 1 when t is the unquoted word w (w given in lowercase). */
int strata__sqltok_is(const strata_tok *t, const char *w);

#endif
