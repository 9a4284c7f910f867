/* apply.h - what a group of portable operations on one table should do:
 * catalog (cached per migration), online decisions, ensure outcomes,
 * captured definitions and the driver's statements.  Nothing runs here;
 * the runner executes the result. */
#ifndef STRATA_CORE_APPLY_H
#define STRATA_CORE_APPLY_H

#include "sql/ensure.h"
#include "plan/planner.h"
#include "db/session.h"

/* The catalogs of the tables one migration touches. */
typedef struct strata_catcache strata_catcache;

int strata__catcache_new(strata_catcache **out, strata_session *s);
void strata__catcache_free(strata_catcache *c);
/* A new migration: forget everything and count from zero. */
void strata__catcache_reset(strata_catcache *c);
/* table changed (NULL: any table may have: raw SQL ran). */
void strata__catcache_stale(strata_catcache *c, const char *table);
/* Before a run: one catalog read of tables the run's CREATE TABLEs name;
 * those missing are known missing for the run (no existence query each),
 * until raw SQL or a change to them says otherwise. */
int strata__catcache_prefetch(strata_catcache *c, const char *const *tables,
                              size_t n, strata_error *err);
/* Catalog round trips (introspect and index lookups) since the reset. */
unsigned strata__catcache_queries(const strata_catcache *c);

/* Simulation (plan, offline scripts): nothing runs, so the effect of
 * every group prepared is kept as the table's catalog, for the
 * operations after it in this migration and in later ones.  live: a
 * table is read from the database the first time it is needed; without
 * (no connection at all) a table not simulated yet does not exist, as
 * on a fresh database, and since raw SQL it cannot follow may have
 * created what it thinks absent, a drop is rendered anyway (on a table
 * it knows, or of the table itself).  Call before the first group. */
void strata__catcache_simulate(strata_catcache *c, int live);
/* The next migration of a simulation: catalogs kept, the tables it
 * created and the round trips counted from zero. */
void strata__catcache_next(strata_catcache *c);
/* 1 when a group since the reset (or strata__catcache_next) created
 * table: operations on it are not online (DESIGN §4). */
int strata__catcache_created(const strata_catcache *c, const char *table);

/* The operations of a migration that are grouped with items[first]:
 * consecutive operations on its table that a driver may render together
 * (the column and constraint changes); any other kind stands alone. */
size_t strata__group_end(const strata_item *items, size_t n, size_t first);

typedef struct strata_group {
    strata_ensure *outcome;   /* per operation of the group */
    int *adopted;             /* per operation: drift accepted (--adopt) */
    char **why;               /* per operation: the drift sentence */
    strata_sql_list sql;      /* what to run, in order (may be empty) */
    char *captured;           /* JSON members {"item":N,"sql":"..."},
                               * comma-joined; NULL when none */
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
 * DESIGN §4); op_flags: STRATA_OP_* set on every operation.  A drift
 * without adopt is STRATA_ERR_DRIFT naming file:line and both versions. */
int strata__group_prepare(strata_group *g, strata_catcache *cache,
                          strata_item *items, size_t n, size_t index_base,
                          const char *path, int online, int adopt,
                          int created, uint32_t op_flags,
                          strata_error *err);
void strata__group_clear(strata_group *g);

#endif
