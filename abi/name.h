/* name.h - identifier limits and the names PostgreSQL derives for
 * unnamed constraints (makeObjectName), which strata gives on every
 * engine: the core names what a migration leaves unnamed, drivers name
 * what they must write. */
#ifndef STRATA_ABI_NAME_H
#define STRATA_ABI_NAME_H

#include <stddef.h>
#include <stdint.h>

#include "strata/driver.h"

/* The length of a derived name where the engine allows it: PostgreSQL's
 * NAMEDATALEN - 1, so that every engine gets the same names. */
#define STRATA_ABI_NAME_MAX 63

/* Bytes of s (len bytes, UTF-8) to keep so that at most max bytes, or
 * max characters when chars is 1, remain, never cutting inside a UTF-8
 * sequence (PostgreSQL's pg_mbcliplen); len when s fits or max is 0. */
size_t strata_abi_clip(const char *s, size_t len, uint32_t max, int chars);

/* How long a derived name may be on an engine keeping names of at most
 * ident_max bytes or characters (strata_driver.ident_max; 0 = no limit):
 * STRATA_ABI_NAME_MAX, or ident_max where that is shorter (Firebird 3
 * keeps 31 bytes). */
size_t strata_abi_name_max(uint32_t ident_max);

/* Append name1[_name2]_label to out (host->buf_*), cut to max bytes as
 * makeObjectName does: the longer of name1 and name2 loses bytes first,
 * never inside a UTF-8 sequence.  name2 may be NULL; max is
 * strata_abi_name_max of the engine's limit.  STRATA_ERR_NOMEM on
 * failure. */
int strata_abi_object_name(const strata_host *host, strata_buf *out,
                           const char *name1, const char *name2,
                           const char *label, size_t max);

/* Append the name of an unnamed constraint of kind (STRATA_CON_*) on
 * table: <table>_pkey, <table>_<cols>_key, <table>_<cols>_fkey,
 * <table>_<col>_check when cols holds exactly one column (the one its
 * expression references: strata_abi_check_column), else
 * <table>_check, cut to max bytes.  counter > 0 is appended to the label
 * (t_check1), as PostgreSQL does to step around a name already taken. */
int strata_abi_constraint_name(const strata_host *host, strata_buf *out,
                               int kind, const char *table,
                               const char *const *cols, size_t ncols,
                               unsigned long counter, size_t max);

#endif
