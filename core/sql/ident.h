/* ident.h - a dialect's identifier limit (strata_driver.ident_max and
 * ident_flags) applied to the names a migration writes: PostgreSQL cuts
 * them past 63 bytes, MySQL refuses them past 64 characters
 * (docs/design.md §3.6). */
#ifndef STRATA_CORE_IDENT_H
#define STRATA_CORE_IDENT_H

#include <stdint.h>

#include "strata/driver.h"

/* Apply dialect's limit (max: 0 = none; flags: STRATA_IDENT_*) to every
 * name op writes: its schema and table, the column, constraint or index
 * it names, a new name, the columns and constraints it defines and the
 * names they reference, an index's key columns.  With
 * STRATA_IDENT_TRUNCATE a longer name is cut as the engine cuts it, and
 * the unnamed constraints are named again from the cut names (read
 * with name_flags, the dialect's strata_driver.name_flags);
 * otherwise op is left as it is (the engine would refuse it).  Unnamed
 * constraints are also named again where strata_abi_name_max(max) is
 * under 63 bytes.  *note = a malloc'd sentence naming each long name
 * and what the dialect does with it, NULL when every name fits.
 * STRATA_ERR_NOMEM. */
int strata__ident_apply(strata_op *op, const char *dialect, uint32_t max,
                        uint32_t flags, uint32_t name_flags, char **note);

/* The same sentence for the names of a raw statement past the limit
 * (its unquoted and backquoted words: in any dialect a word that long
 * is a name), for lint; *note = NULL when none.  STRATA_ERR_NOMEM. */
int strata__ident_scan(const char *sql, const char *dialect, uint32_t max,
                       uint32_t flags, char **note);

#endif
