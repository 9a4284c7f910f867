/* norm.h - the checksum text of one statement (strata_stmt.norm): the
 * one normaliser behind every dialect's split() and the core's standard
 * SQL lexer, each lexer telling it where tokens end. */
#ifndef STRATA_ABI_NORM_H
#define STRATA_ABI_NORM_H

#include <stddef.h>

#include "strata/driver.h"

/* A lexer: the end of the token at s[i] (i < end; nothing at or past
 * end is read), *blank = 1 when the token is whitespace or a comment.
 * An unterminated token ends at end. */
typedef size_t (*strata_abi_lex_fn)(void *ctx, const char *s, size_t end,
                                    size_t i, int *blank);

/* Checksum text of s[start, end) in host memory (NULL when out of
 * memory): every run of blanks becomes one space (a comment separates
 * tokens, so it cannot simply vanish), blanks at either end are dropped
 * and every other token is kept byte for byte.  "" when the statement
 * holds only blanks.  *last, when not NULL, is set to one past the last
 * token that is not blank (start when there is none). */
char *strata_abi_norm(const strata_host *host, const char *s, size_t start,
                      size_t end, strata_abi_lex_fn lex, void *ctx,
                      size_t *last);

#endif
