/* history.h - strata_version (the applied heads) and strata_history (the
 * append-only log) in the target database (docs/design.md §7.7). */
#ifndef STRATA_CORE_HISTORY_H
#define STRATA_CORE_HISTORY_H

#include <stddef.h>

#include "util/error.h"
#include "db/session.h"

typedef struct strata_history {
    strata_session *s;   /* borrowed */
    char *hist;          /* quoted history table name; owned */
    char *vers;          /* quoted version table name; owned */
    int exists;          /* both tables are there */
    long long next_id;   /* valid after strata__history_create */
    char **held;         /* statements strata__history_commit sends; owned */
    size_t nheld;
    int holding;         /* writes go to held, not to the database */
    long long held_id;   /* next_id when holding began */
} strata_history;

/* One row of strata_history; every string owned, NULL for SQL NULL. */
typedef struct strata_history_row {
    long long id;
    char *revision;
    char *direction;   /* up, down, stamp, adopt, checksum */
    char *checksum;
    char *started_at;  /* ISO-8601 UTC with milliseconds */
    char *finished_at;
    long long duration_ms; /* -1 = NULL */
    char *applied_by;  /* user@host */
    char *tool_version;
    char *outcome;     /* applied, failed, progress, empty, stamped, ... */
    long long statement_index; /* -1 = NULL */
    char *detail;      /* JSON text */
} strata_history_row;

/* Quote the table names and look whether the tables exist. */
int strata__history_open(strata_history *h, strata_session *s,
                         strata_error *err);
void strata__history_close(strata_history *h);

/* Create both tables when missing (a verb that writes, after every
 * offline check), and read the next history id.  Call under the
 * migration lock: ids are assigned by strata, not by the engine, so
 * the same DDL works on every dialect. */
int strata__history_create(strata_history *h, strata_error *err);

/* The rows of strata_version (sorted); none when the table is absent. */
int strata__history_versions(strata_history *h, char ***rows, size_t *n,
                             strata_error *err);
int strata__history_version_add(strata_history *h, const char *rev,
                                strata_error *err);
int strata__history_version_del(strata_history *h, const char *rev,
                                strata_error *err);
/* Replace row from by row to in one statement (a linear step). */
int strata__history_version_move(strata_history *h, const char *from,
                                 const char *to, strata_error *err);

/* Append row (its id is assigned here). */
int strata__history_append(strata_history *h, strata_history_row *row,
                           strata_error *err);
/* Every row in id order; none when the table is absent. */
/* Hold the statements of the appends and version changes that follow,
 * to send them with COMMIT in one round trip (strata__history_commit).
 * Returns 0, holding nothing, when the driver has no exec_batch. */
int strata__history_hold(strata_history *h);
/* Send what is held, then COMMIT, in one round trip.  *ended = 1 when
 * the transaction is over (committed, or its COMMIT failed); 0 when a
 * held statement failed and the transaction is still open to roll
 * back.  On failure the ids the held rows took are given back. */
int strata__history_commit(strata_history *h, int *ended, strata_error *err);
/* Drop what is held (an error before the commit). */
void strata__history_unhold(strata_history *h);

int strata__history_read(strata_history *h, strata_history_row **rows,
                         size_t *n, strata_error *err);
void strata__history_rows_free(strata_history_row *rows, size_t n);

/* From each revision's latest "up" row (indices through find): empty[i]
 * = 1 when it says "empty" (nothing ran on this dialect); detail[i] = a
 * malloc'd copy of an "applied" row's detail (captured definitions),
 * NULL otherwise. */
int strata__history_up_state(strata_history *h,
                             long (*find)(void *payload, const char *rev),
                             void *payload, unsigned char *empty,
                             char **detail, strata_error *err);

/* --- SQL text ------------------------------------------------------------
 * One source for the statements, shared by what runs them (the functions
 * above) and what prints them (offline scripts, `upgrade --sql`).
 * Quoting goes through drv on conn, which may be unconnected. */

/* *out = name quoted as an identifier (malloc'd). */
int strata__history_quote(const strata_driver *drv, strata_conn *conn,
                          const char *name, char **out);

/* *out = CREATE TABLE IF NOT EXISTS for the version table (quoted name
 * vers) or, with history != 0, the history table (malloc'd). */
int strata__history_sql_create(const char *quoted, int history,
                               char **out);

/* Append to out the INSERT of row into the history table hist (quoted):
 * with row->id, or with row->id < 0 the next id computed by the
 * database (a script, where strata cannot count). */
int strata__history_sql_append(const strata_driver *drv, strata_conn *conn,
                               const char *hist,
                               const strata_history_row *row,
                               strata_buf *out);

typedef enum strata_version_change {
    STRATA_VERSION_ADD = 0,  /* INSERT rev */
    STRATA_VERSION_DEL = 1,  /* DELETE rev */
    STRATA_VERSION_MOVE = 2  /* UPDATE rev to `to` (a linear step) */
} strata_version_change;

/* Append to out the statement of one change to the version table vers
 * (quoted). */
int strata__history_sql_version(const strata_driver *drv, strata_conn *conn,
                                const char *vers, strata_version_change kind,
                                const char *rev, const char *to,
                                strata_buf *out);

/* Receives one change to the version table (to is NULL but for a
 * MOVE); see chain/versions.h. */
typedef int (*strata_version_fn)(void *payload, strata_version_change kind,
                                 const char *rev, const char *to);

/* Now as ISO-8601 UTC with milliseconds, into buf (at least 32 bytes). */
void strata__history_now(char *buf, size_t size, long long *ms_out);
/* user@host, malloc'd. */
char *strata__history_applied_by(void);


#endif
