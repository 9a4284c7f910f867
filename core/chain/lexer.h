/* lexer.h - standard-SQL statement splitting, for the parts of a file no
 * driver owns: generic sections' checksums (docs/design.md §2.5). */
#ifndef STRATA_CORE_LEXER_H
#define STRATA_CORE_LEXER_H

#include <stddef.h>

#include "util/error.h"

/* Split sql on ';' outside '...' strings ('' escapes), "..." identifiers,
 * -- and C-style comments.  Items carry sql, norm (comments dropped,
 * whitespace outside quotes folded), offset and line, as a driver's
 * split() would; memory from malloc (free with strata__stmt_list_free).
 * An unterminated quote is STRATA_ERR_PARSE with err_offset set. */
int strata__lexer_split(const char *sql, size_t len, strata_stmt_list *out,
                        strata_error *err);

#endif
