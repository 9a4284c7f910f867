/* sqlite.h - declarations shared by the SQLite driver's files; nothing
 * here leaves the shared object (hidden visibility). */
#ifndef STRATA_SQLITE_H
#define STRATA_SQLITE_H

#include <stddef.h>

#include <sqlite3.h>

#include "strata/driver.h"

#include "../common/conn.h"
#include "../common/hidden.h"

#define SQ_HIDDEN DRV_HIDDEN

/* What "not connected to ..." names (drv_not_connected). */
#define SQ_SERVER "a SQLite database"

/* One connection.  The core callocs conn_size bytes, so every member
 * starts zeroed: nothing here may need a non-zero "empty" value. */
typedef struct sq_conn {
    strata_conn base; /* must be first: the core sees only this */
    sqlite3 *db;      /* NULL until connected */
    char *path;       /* database file (host memory); NULL for :memory: */
    char *lock_path;  /* "<path>.lock" while the migration lock is held */
    int lock_fd;      /* the sidecar's descriptor, valid when lock_path */
    int progress;     /* connect option "progress" = "1": the core asks
                       * progress(), so rebuild copies are measured */
    _Atomic long long copy_done, copy_total; /* the copy running (total
                       * 0: none), written on the thread running it,
                       * read by progress() on the core's */
} sq_conn;

/* The new table of a rebuild is named this plus the table's name. */
#define SQ_NEW_PREFIX "strata_new_"

/* The core's services, set by strata_driver_init (driver.c). */
extern const strata_host *sq_host SQ_HIDDEN;

/* split.c: the driver table's split(). */
int sq_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out) SQ_HIDDEN;

/* split.c: first byte of s (NUL-terminated) that is not whitespace, a
 * comment or an empty statement's ';' -- the end of s when none. */
const char *sq_skip_blank(const char *s) SQ_HIDDEN;

/* driver.c: record SQLite's error rc on q (the core retries BUSY and
 * LOCKED as STRATA_ERR_LOCKED); returns the strata code. */
int sq_db_error(sq_conn *q, int rc) SQ_HIDDEN;
/* driver.c: the driver table's exec() and query(). */
int sq_exec(strata_conn *c, const char *sql) SQ_HIDDEN;
int sq_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload) SQ_HIDDEN;

/* progress.c: around the statements sq_exec runs: a rebuild's copy
 * (INSERT INTO "strata_new_t" ... FROM "t") is measured while
 * q->progress; the driver table's progress(). */
void sq_copy_begin(sq_conn *q, const char *sql) SQ_HIDDEN;
void sq_copy_end(sq_conn *q) SQ_HIDDEN;
int sq_progress(strata_conn *c, strata_progress *out) SQ_HIDDEN;
/* How often a live bar asks it (ms): two atomic reads. */
#define SQ_PROGRESS_MS 250

/* scratch.c: the driver table's schema_objects() and scratch
 * databases (temporary files). */
int sq_schema_objects(strata_conn *c, strata_object **out, size_t *n)
    SQ_HIDDEN;
int sq_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out) SQ_HIDDEN;
int sq_scratch_drop(strata_conn *c, const char *url) SQ_HIDDEN;

/* types.c: how sq_type_put() declares a type: a generic section's, a
 * dialect section's (as written), a generic one in a STRICT table. */
enum { SQ_TYPE_GENERIC, SQ_TYPE_WRITTEN, SQ_TYPE_STRICT };
/* types.c: append the SQLite type of type (docs/dialects.md §9): as
 * written (trimmed) for SQ_TYPE_WRITTEN or no portable name, else the
 * table's name; *serial = 1 for a generic serial (the column is then
 * the rowid alias, INTEGER PRIMARY KEY).  STRATA_ERR_NOMEM. */
int sq_type_put(strata_buf *out, const char *type, int how, int *serial)
    SQ_HIDDEN;
/* types.c: the affinity of n bytes of declared type (datatype3 §3.1). */
const char *sq_affinity(const char *type, size_t n) SQ_HIDDEN;
/* types.c: the driver table's type_family(). */
int sq_type_family(strata_conn *c, const char *type, strata_buf *out)
    SQ_HIDDEN;

/* introspect.c: the driver table's catalog entries. */
int sq_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out) SQ_HIDDEN;
int sq_index_table(strata_conn *c, const char *index, char **table)
    SQ_HIDDEN;
int sq_foreign_keys(strata_conn *c, int enable) SQ_HIDDEN;
int sq_fk_violations(strata_conn *c, const char *table, size_t *count)
    SQ_HIDDEN;

/* render.c: the driver table's render(). */
int sq_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out) SQ_HIDDEN;

/* setting.c: the driver table's is_session_setting(): a PRAGMA of the
 * connection alone. */
int sq_is_session_setting(strata_conn *c, const char *sql, int *out)
    SQ_HIDDEN;

#endif
