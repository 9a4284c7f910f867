/* parser.h - the portable DDL subset of docs/design.md §3, parsed into
 * operations; every other statement stays raw SQL. */
#ifndef STRATA_CORE_PARSER_H
#define STRATA_CORE_PARSER_H

#include <stdint.h>

#include "util/error.h"

/* Parse one statement (NUL-terminated, as a splitter returned it, no
 * trailing ';') that starts at line:col (1-based; col in bytes) of the
 * file path.
 * - STRATA_OK, *out = NULL: not in the portable subset (including
 *   portable-looking statements with dialect extensions); the caller
 *   runs it unchanged.
 * - STRATA_OK, *out = the operation (malloc'd; free with
 *   strata__op_free); out->sql = sql (borrowed), line and column set.
 * - STRATA_ERR_PARSE: a recognised form malformed in a way no dialect
 *   accepts; the message is "path:LINE:COL: ..." at the offending token.
 * - STRATA_ERR_NOMEM. */
int strata__parse_op(strata_op **out, const char *path, const char *sql,
                     unsigned line, unsigned col, strata_error *err);
/* The same for a dialect whose driver says name_flags
 * (strata_driver.name_flags): with STRATA_NAME_KEEP_CASE unquoted names
 * keep the case written, else they are folded to lower case as
 * strata__parse_op folds them. */
int strata__parse_op_as(strata_op **out, const char *path, const char *sql,
                        unsigned line, unsigned col, uint32_t name_flags,
                        strata_error *err);

#endif
