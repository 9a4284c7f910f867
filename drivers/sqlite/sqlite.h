/* sqlite.h - declarations shared by the SQLite driver's files; nothing
 * here leaves the shared object (hidden visibility). */
#ifndef STRATA_SQLITE_H
#define STRATA_SQLITE_H

#include <stddef.h>

#include <sqlite3.h>

#include "strata/driver.h"

#if defined(__GNUC__)
#define SQ_HIDDEN __attribute__((visibility("hidden")))
#else
#define SQ_HIDDEN
#endif

/* One connection.  The core callocs conn_size bytes, so every member
 * starts zeroed: nothing here may need a non-zero "empty" value. */
typedef struct sq_conn {
    strata_conn base; /* must be first: the core sees only this */
    sqlite3 *db;      /* NULL until connected */
    char *path;       /* database file (host memory); NULL for :memory: */
    char *lock_path;  /* "<path>.lock" while the migration lock is held */
    int lock_fd;      /* the sidecar's descriptor, valid when lock_path */
} sq_conn;

/* The core's services, set by strata_driver_init (driver.c). */
extern const strata_host *sq_host SQ_HIDDEN;

/* split.c: the driver table's split(). */
int sq_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out) SQ_HIDDEN;

/* split.c: first byte of s (NUL-terminated) that is not whitespace, a
 * comment or an empty statement's ';' -- the end of s when none. */
const char *sq_skip_blank(const char *s) SQ_HIDDEN;

#endif
