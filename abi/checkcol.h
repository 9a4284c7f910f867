/* checkcol.h - the column PostgreSQL names an unnamed CHECK after: the
 * one column its expression references, for the core and the drivers
 * that derive the same names. */
#ifndef STRATA_ABI_CHECKCOL_H
#define STRATA_ABI_CHECKCOL_H

#include <stddef.h>

#include "strata/driver.h"

/* *out (host memory) = the column an unnamed CHECK of expression expr is
 * named after, as PostgreSQL names it (AddRelationNewConstraints: the
 * one column the expression references when it references exactly one,
 * whether written on the column or on the table), else NULL: the CHECK
 * is <table>_check.  cols (ncols, may be 0): the table's columns when
 * known: only words naming one of them count, and its own spelling is
 * returned; without them every word that is no keyword, function,
 * type or qualifier counts.  keep_case: an unquoted word keeps its case
 * and words compare without ASCII case (SQLite, MySQL); else it is
 * folded to lower case and words compare byte for byte (PostgreSQL).
 * STRATA_ERR_NOMEM. */
int strata_abi_check_column(const strata_host *host, const char *expr,
                            char *const *cols, size_t ncols, int keep_case,
                            char **out);

#endif
