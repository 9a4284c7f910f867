/* op.h - portable operations (strata_op, driver.h ABI 1.1): memory, SQL
 * text for history and plans, derived downgrades, derived names. */
#ifndef STRATA_CORE_OP_H
#define STRATA_CORE_OP_H

#include <stddef.h>

#include "abi/name.h"
#include "util/error.h"
#include "util/strmap.h"

/* Free op and everything it owns (op->sql is borrowed).  NULL-safe. */
void strata__op_free(strata_op *op);

/* *out = a deep copy of op (op->sql copied as a pointer).  NOMEM. */
int strata__op_copy(strata_op **out, const strata_op *op);

/* Append to out portable SQL that strata__parse_op reads back into an
 * equal operation (online, sql, line and column aside).  Identifiers
 * are quoted only where needed.  STRATA_ERR_INVALID for a kind it does
 * not know. */
int strata__op_to_sql(const strata_op *op, strata_buf *out);

/* What op removes or replaces, as the operation that puts it back:
 * DROP INDEX -> CREATE INDEX, DROP CONSTRAINT -> ADD CONSTRAINT, SET or
 * DROP DEFAULT -> the previous SET DEFAULT (or DROP DEFAULT).  *out is
 * NULL for other kinds or when t lacks the object.  Free with
 * strata__op_free. */
int strata__op_capture(strata_op **out, const strata_op *op,
                       const strata_table *t);

/* *out = the operation undoing up (docs/design.md §4).
 * captured is what up removed or replaced, recorded just before it ran:
 * for DROP INDEX the CREATE INDEX, for DROP CONSTRAINT the ADD
 * CONSTRAINT, for SET/DROP DEFAULT the previous SET DEFAULT (or DROP
 * DEFAULT when there was none); NULL otherwise.  The result has sql =
 * NULL and up's line and column.  STRATA_ERR_IRREVERSIBLE (message
 * without file:line) for DROP TABLE, DROP COLUMN, ALTER TYPE, or when
 * captured is needed but NULL. */
int strata__op_inverse(strata_op **out, const strata_op *up,
                       const strata_op *captured, strata_error *err);

/* "create table", "add column", ...; "unknown operation" otherwise. */
const char *strata__op_kind_name(int kind);

/* The shape every driver's render() relies on, checked once here for
 * each operation the core makes (parsed or derived): a known kind, a
 * table (DROP INDEX aside: looked up later), the names and parts the
 * kind needs (one column for ADD COLUMN, one constraint for ADD
 * CONSTRAINT, keys for CREATE INDEX, ...), known constraint kinds.
 * STRATA_ERR_INVALID saying what is missing. */
int strata__op_check(const strata_op *op, strata_error *err);

/* What a CHECK's derived name is made from besides its expression
 * (strata_abi_check_column): the table's columns when known, and
 * whether unquoted words keep their case (the dialect's
 * STRATA_NAME_KEEP_CASE). */
typedef struct strata_name_ctx {
    char *const *cols;
    size_t ncols;
    int keep_case;
} strata_name_ctx;

/* *out = PostgreSQL's name for an unnamed constraint con on table:
 * <table>_pkey, <table>_<cols>_key, <table>_<cols>_fkey,
 * <table>_<col>_check (the one column its expression references, as
 * ctx reads it; ctx may be NULL: no columns known, words folded) or
 * <table>_check, cut to max bytes (strata_abi_name_max) as PostgreSQL's
 * makeObjectName does; when that is a key of taken, the label gets 1,
 * 2, ... appended (t_check1).  Memory from malloc. */
int strata__op_constraint_name(char **out, const char *table,
                               const strata_constraint *con,
                               const strata_name_ctx *ctx,
                               const strata_strmap *taken, size_t max);

/* Name op's unnamed constraints (named == 0), in order, avoiding every
 * written name and those named before, cut to max bytes; a name one of
 * them had is replaced.  keep_case: the dialect's unquoted words keep
 * their case.  STRATA_ERR_NOMEM. */
int strata__op_name_constraints(strata_op *op, size_t max, int keep_case);

/* 1 when word (lowercase) is reserved in PostgreSQL, the strictest of
 * the engines: the parser takes it as a name only when quoted. */
int strata__op_reserved(const char *word);

/* Append name to out, double-quoted only when it is not a lowercase
 * plain identifier or is a word the parser reads as a keyword. */
int strata__op_put_ident(strata_buf *out, const char *name);

#endif
