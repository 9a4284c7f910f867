/* catcache.h - the catalogs of the tables a migration touches: read from
 * the database once and refreshed after a change (a run), or kept as a
 * simulation of every operation so far (plan, offline scripts, lint):
 * the one simulated schema of the core. */
#ifndef STRATA_CORE_CATCACHE_H
#define STRATA_CORE_CATCACHE_H

#include <stddef.h>

#include "db/session.h"
#include "util/error.h"

typedef struct strata_catcache strata_catcache;

/* s: the session whose driver reads catalogs (borrowed); NULL for a
 * simulation fed only by the strata__catcache_replay functions. */
int strata__catcache_new(strata_catcache **out, strata_session *s);
void strata__catcache_free(strata_catcache *c);
/* A new migration: forget everything and count from zero. */
void strata__catcache_reset(strata_catcache *c);
/* table changed (NULL: any table may have: raw SQL ran). */
void strata__catcache_stale(strata_catcache *c, const char *table);
/* Before a run: one catalog read of the tables the run's CREATE TABLEs
 * and DROP TABLEs name; whether each is there is known for the run (no
 * existence query each), until raw SQL or a change to it says otherwise. */
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
/* 1 when simulating without a database (strata__catcache_simulate with
 * live == 0). */
int strata__catcache_offline(const strata_catcache *c);
/* The next migration of a simulation: catalogs kept, the tables it
 * created and the round trips counted from zero. */
void strata__catcache_next(strata_catcache *c);
/* 1 when a group since the reset (or strata__catcache_next) created
 * table: operations on it are not online (docs/design.md §3). */
int strata__catcache_created(const strata_catcache *c, const char *table);

/* ---- what group preparation asks of the cache ------------------------ */

/* The session the cache reads with. */
strata_session *strata__catcache_session(const strata_catcache *c);
/* Fresh catalogs for names[0..n) (NULL entries skipped; out[i] NULL for
 * them), read in one introspect call for those missing or stale.  The
 * catalogs stay owned by the cache, valid until its next change. */
int strata__catcache_get(strata_catcache *c, const char *const *names,
                         size_t n, const strata_table **out,
                         strata_error *err);
/* Whether table exists, which is all CREATE/DROP TABLE need: one cheap
 * query instead of a full catalog read.  A missing table's catalog is
 * complete (empty) and cached; an existing one is cached stale, so an
 * operation that needs its details reads them. */
int strata__catcache_exists(strata_catcache *c, const char *table,
                            const strata_table **out, strata_error *err);
/* The table of a DROP INDEX written without ON t: a simulation's own
 * indexes first, else the driver; op->table stays NULL when no such
 * index exists. */
int strata__catcache_index_table(strata_catcache *c, strata_op *op,
                                 strata_error *err);
/* A group created table and cat is exactly its catalog (moved into the
 * cache: *cat is zeroed): later operations of the migration need not
 * read it.  written: created as written (another tool's file), so cat
 * is strata's simulation, not the engine's catalog: only
 * strata__catcache_written gives it; a read goes to the database.  0
 * when the cache holds no entry for table (nothing moved). */
int strata__catcache_store_created(strata_catcache *c, const char *table,
                                   strata_table *cat, int written);
/* The simulated catalog of table when this migration created it as
 * written and nothing changed it since; NULL otherwise. */
const strata_table *strata__catcache_written(const strata_catcache *c,
                                             const char *table);
/* Simulation only (else nothing): the group's result sim becomes the
 * catalog of names[1] when set (RENAME TO, and names[0] is left absent)
 * or of names[0].  *sim is moved.  STRATA_ERR_NOMEM. */
int strata__catcache_keep(strata_catcache *c, const char *const names[2],
                          strata_table *sim);

/* ---- replaying statements (lint) -------------------------------------
 * A simulation fed one statement at a time, as lint reads a chain: no
 * database, no driver and no ensure outcomes.  A table created since
 * strata__catcache_next counts as created (strata__catcache_created)
 * until it is dropped, under its new name once renamed. */

/* The simulated catalog of table (exists == 0 once dropped), or NULL
 * when the simulation never saw it. */
const strata_table *strata__catcache_table(const strata_catcache *c,
                                           const char *table);
/* The first existing table in the simulation with index name, or NULL. */
const strata_table *strata__catcache_index_owner(const strata_catcache *c,
                                                 const char *index);
/* Apply op as written: CREATE TABLE of an existing table changes nothing
 * (ensure semantics), DROP INDEX changes the index's table, any other
 * operation an existing table only.  STRATA_ERR_NOMEM. */
int strata__catcache_replay(strata_catcache *c, const strata_op *op);
/* What raw SQL does to the set of tables: CREATE TABLE (an empty table;
 * nothing when it exists and if_not_exists), DROP TABLE and RENAME. */
int strata__catcache_replay_create(strata_catcache *c, const char *name,
                                   int if_not_exists);
void strata__catcache_replay_drop(strata_catcache *c, const char *name);
int strata__catcache_replay_rename(strata_catcache *c, const char *from,
                                   const char *to);

#endif
