/* group.h - what a group of portable operations on one table should do:
 * online decisions, ensure outcomes against the cached catalog, captured
 * definitions and the driver's statements.  Nothing runs here; the
 * runner executes the result. */
#ifndef STRATA_CORE_GROUP_H
#define STRATA_CORE_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "plan/catcache.h"
#include "plan/planner.h"
#include "sql/ensure.h"
#include "util/json.h"

/* The operations of a migration that are grouped with items[first]:
 * consecutive operations on its table that a driver may render together
 * (the column and constraint changes); any other kind stands alone. */
size_t strata__group_end(const strata_item *items, size_t n, size_t first);

typedef struct strata_group {
    strata_ensure *outcome;   /* per operation of the group */
    int *adopted;             /* per operation: drift accepted (--adopt) */
    char **why;               /* per operation: the drift sentence */
    strata_sql_list sql;      /* what to run, in order (may be empty) */
    json_t *captured;         /* what the operations remove, for a derived
                               * downgrade: an array of {"item":N,
                               * "sql":"..."}; owned, NULL when none */
    char *table;              /* the table the group changes (owned) */
    int created;              /* it created that table: its catalog is
                               * the simulation, already in the cache */
    char *other;              /* RENAME TO: the new name (owned) */
    size_t nops;
} strata_group;

/* Prepare items[first, end) (operations on one table).  index_base is
 * the first item's index in its migration (captures name items by it).
 * online: config online_indexes; created: 1 when the migration itself
 * created the table (then an index is built plainly in the transaction,
 * docs/design.md §3); op_flags: STRATA_OP_* set on every operation.  A drift
 * without adopt is STRATA_ERR_DRIFT naming file:line and both versions. */
int strata__group_prepare(strata_group *g, strata_catcache *cache,
                          strata_item *items, size_t n, size_t index_base,
                          const char *path, int online, int adopt,
                          int created, uint32_t op_flags,
                          strata_error *err);
void strata__group_clear(strata_group *g);

/* The drivers' notes on g's statements (guards' aside), each once, joined
 * by "; ", appended to out.  STRATA_ERR_NOMEM. */
int strata__group_notes(const strata_group *g, strata_buf *out);

/* Append g's captured definitions to *list (an array made on first use,
 * json_decref it): the "captured" of the migration's history detail.
 * STRATA_ERR_NOMEM when out of memory. */
int strata__group_add_captures(json_t **list, const strata_group *g);

/* Set op->online: online by default where it matters, on a table that
 * existed before this migration (existing); online (the config's
 * online_indexes) says how indexes are built there, and everything else
 * on such a table avoids long locks (docs/design.md §3). */
void strata__group_online(strata_op *op, int existing, int online);

#endif
