/* pg.h - declarations shared by the PostgreSQL driver's files; nothing
 * here leaves the shared object (hidden visibility). */
#ifndef STRATA_PG_H
#define STRATA_PG_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "strata/driver.h"

#include "../common/conn.h"
#include "../common/hidden.h"

#define PG_HIDDEN DRV_HIDDEN

/* What "not connected to ..." names (drv_not_connected). */
#define PG_SERVER "a PostgreSQL server"

/* NAMEDATALEN - 1: the server cuts longer names to this many bytes. */
#define PG_IDENT_MAX 63

/* One connection.  The core callocs conn_size bytes, so every member
 * starts zeroed: nothing here may need a non-zero "empty" value. */
typedef struct pg_conn {
    strata_conn base; /* must be first: the core sees only this */
    PGconn *pg;       /* NULL until connected */
    PGcancel *cancel; /* what cancel() sends, read at connect (another
                       * thread uses it while pg is busy) */
    char *version;    /* server_version as the server reported it at
                       * startup (host memory), read once */
    char *lock_key;   /* the advisory lock held: its bigint key as text
                       * (host memory); NULL when none is held */
    int prepared;     /* the catalog queries are prepared in this
                       * session (introspect.c) */
    int pid;          /* pg's backend pid, and the URL (host memory),
                       * read at connect for progress.c's session */
    char *url;
    PGconn *watch;    /* progress.c's second session; NULL until the
                       * first progress() call */
    int watch_failed; /* its query failed once (a server without the
                       * views): progress() says nothing more */
} pg_conn;

/* The core's services, set by strata_driver_init (driver.c). */
extern const strata_host *pg_host PG_HIDDEN;

/* driver.c: the driver table's exec() and query(). */
int pg_exec(strata_conn *c, const char *sql) PG_HIDDEN;
int pg_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload) PG_HIDDEN;

/* scratch.c: the driver table's schema_objects() and scratch
 * databases (CREATE DATABASE on the configured server). */
int pg_schema_objects(strata_conn *c, strata_object **out, size_t *n)
    PG_HIDDEN;
int pg_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out) PG_HIDDEN;
int pg_scratch_drop(strata_conn *c, const char *url) PG_HIDDEN;

/* driver.c: a new session to url (borrowed) named app, into *out; on
 * failure the error is on c and *out is NULL. */
int pg_open(strata_conn *c, const char *url, const char *app,
            PGconn **out) PG_HIDDEN;

/* progress.c: the driver table's progress(), and how often a live bar
 * asks it (ms). */
#define PG_PROGRESS_MS 500
int pg_progress(strata_conn *c, strata_progress *out) PG_HIDDEN;

/* ---- split.c ------------------------------------------------------------ */

/* The driver table's split(). */
int pg_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out) PG_HIDDEN;

/* What the leading keywords of one statement (len bytes) say. */
#define PG_STMT_NOTXN 0x1u      /* refused in a transaction block
                                 * (SQLSTATE 25001) */
#define PG_STMT_CONCURRENT 0x2u /* a CONCURRENTLY form: waits for other
                                 * transactions, so no lock_timeout */
#define PG_STMT_CIC 0x4u        /* CREATE INDEX CONCURRENTLY: a failure
                                 * leaves an INVALID index behind */
#define PG_STMT_MULTI 0x8u      /* more than one statement */
#define PG_STMT_COPY_IN 0x10u   /* COPY ... FROM STDIN: psql sends the
                                 * data lines that follow it */
#define PG_STMT_DEALLOC 0x20u   /* DISCARD or DEALLOCATE: prepared
                                 * statements may be gone */
uint32_t pg_stmt_info(const char *sql, size_t len) PG_HIDDEN;

/* For a CREATE INDEX CONCURRENTLY statement: the index name as an
 * unquoted identifier (*name, host memory; NULL when the statement
 * names none) and the table as written, quotes and schema included
 * (*table, host memory; NULL when it cannot be found).  Returns
 * STRATA_ERR_NOMEM or STRATA_OK. */
int pg_cic_target(const char *sql, char **name, char **table) PG_HIDDEN;

/* ---- driver.c ----------------------------------------------------------- */

/* Record the failure of res (NULL: libpq ran out of memory or lost the
 * connection) on p with the strata code its SQLSTATE maps to; note, when
 * not NULL, is said right after the server's message.  Returns the
 * code.  res is not cleared. */
int pg_result_error(pg_conn *p, const PGresult *res, const char *note)
    PG_HIDDEN;

/* Run sql with params[0..n) (text, NULL = SQL NULL) through the extended
 * protocol, which refuses a second statement.  On success *out is the
 * result (PQclear it); on failure the error is recorded on p. */
int pg_exec_params(pg_conn *p, const char *sql, int n,
                   const char *const *params, PGresult **out) PG_HIDDEN;

/* ---- types.c ------------------------------------------------------------ */

/* The PostgreSQL type of a portable type (docs/dialects.md §9): a static
 * string, or type itself trimmed when written (a dialect's own section)
 * or no name PostgreSQL lacks; *len is the length to use, *serial = 1
 * for serial/bigserial/smallserial (a sequence default). */
const char *pg_type_map(const char *type, int written, size_t *len,
                        int *serial) PG_HIDDEN;
/* The driver table's type_family(). */
int pg_type_family(strata_conn *c, const char *type, strata_buf *out)
    PG_HIDDEN;

/* ---- introspect.c ------------------------------------------------------- */

int pg_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out) PG_HIDDEN;
int pg_tables_exist(strata_conn *c, const char *const *tables, size_t n,
                    unsigned char *out) PG_HIDDEN;
int pg_index_table(strata_conn *c, const char *index, char **table)
    PG_HIDDEN;
int pg_same_expr(strata_conn *c, const char *table, const char *a,
                 const char *b, int *out) PG_HIDDEN;

/* ---- render.c ----------------------------------------------------------- */

int pg_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out) PG_HIDDEN;

/* ---- lint.c ------------------------------------------------------------- */

/* The driver table's lint(): PostgreSQL's own grammar (libpg_query). */
int pg_lint(strata_conn *c, const char *sql, strata_lint_list *out)
    PG_HIDDEN;
/* The driver table's lint_rules: the ids pg_lint adds to the core's. */
extern const strata_driver_rule pg_lint_rules[] PG_HIDDEN;

/* ---- setting.c ---------------------------------------------------------- */

/* The driver table's is_session_setting(): one SET or RESET. */
int pg_is_session_setting(strata_conn *c, const char *sql, int *out)
    PG_HIDDEN;

#endif
