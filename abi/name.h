/* name.h - the names PostgreSQL derives for unnamed constraints
 * (makeObjectName), which strata gives on every engine: the core names
 * what a migration leaves unnamed, drivers name what they must write. */
#ifndef STRATA_ABI_NAME_H
#define STRATA_ABI_NAME_H

#include <stddef.h>

#include "strata/driver.h"

/* PostgreSQL's NAMEDATALEN - 1: longer names are cut. */
#define STRATA_ABI_IDENT_MAX 63

/* Append name1[_name2]_label to out (host->buf_*), cut to 63 bytes as
 * makeObjectName does: the longer of name1 and name2 loses bytes first,
 * never inside a UTF-8 sequence.  name2 may be NULL.
 * STRATA_ERR_NOMEM on failure. */
int strata_abi_object_name(const strata_host *host, strata_buf *out,
                           const char *name1, const char *name2,
                           const char *label);

/* Append the name of an unnamed constraint of kind (STRATA_CON_*) on
 * table: <table>_pkey, <table>_<cols>_key, <table>_<cols>_fkey,
 * <table>_<col>_check when cols holds exactly one column (a CHECK
 * written on its column; pass none for a table-level CHECK), else
 * <table>_check.  counter > 0 is appended to the label (t_check1), as
 * PostgreSQL does to step around a name already taken. */
int strata_abi_constraint_name(const strata_host *host, strata_buf *out,
                               int kind, const char *table,
                               const char *const *cols, size_t ncols,
                               unsigned long counter);

#endif
