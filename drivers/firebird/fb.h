/* fb.h - what the Firebird driver's files share: the connection, the
 * host table, names mapped between strata and the engine, and the entry
 * points each file defines (hidden in strata_firebird.so). */
#ifndef STRATA_FB_H
#define STRATA_FB_H

#include <ibase.h>

#include <strata/driver.h>

#include "../common/hidden.h"

/* Firebird 3 keeps names of up to 31 bytes and refuses longer ones. */
#define FB_IDENT_MAX 31

typedef struct fb_conn {
    strata_conn base;
    isc_db_handle db;
    isc_tr_handle tr;      /* the core's transaction; 0 when none */
    isc_tr_handle lock_tr; /* holds the migration lock's row; 0 when none */
    long lock_timeout_s;   /* a transaction's lock wait; 0 = none */
} fb_conn;

extern const strata_host *fb_host DRV_HIDDEN;

/* ---- names (names.c) ----------------------------------------------------
 * strata's names fold unquoted words to lower case (name_flags 0);
 * Firebird folds them to upper case.  A name without upper-case letters
 * that the engine would fold (letters, digits, _ and $, a letter first)
 * is the engine's upper-case name; any other is kept exactly. */
int fb_put_name(strata_buf *b, const char *name) DRV_HIDDEN;
/* The engine's name as strata sees it, host memory (NULL: no memory);
 * trailing blanks (CHAR columns of RDB$) dropped. */
char *fb_strata_name(const char *engine) DRV_HIDDEN;
/* Append name as the engine stores it, as a string literal. */
int fb_put_name_literal(strata_buf *b, const char *name) DRV_HIDDEN;
/* Append s quoted as a string literal. */
int fb_put_literal(strata_buf *b, const char *s) DRV_HIDDEN;
/* name as the engine stores it (what fb_put_name_literal quotes), host
 * memory; NULL when memory ran out. */
char *fb_engine_name(const char *name) DRV_HIDDEN;

/* ---- statements (exec.c) ---------------------------------------------- */
/* Record the error in status on c; returns the strata code. */
int fb_fail(strata_conn *c, const ISC_STATUS *status, const char *what)
    DRV_HIDDEN;
int fb_exec(strata_conn *c, const char *sql) DRV_HIDDEN;
int fb_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload) DRV_HIDDEN;
/* exec and query on transaction *tr (0: one of their own, committed
 * after; tpb_nowait: that one waits for no lock). */
int fb_exec_in(fb_conn *f, isc_tr_handle *tr, const char *sql) DRV_HIDDEN;
int fb_query_in(fb_conn *f, isc_tr_handle *tr, const char *sql,
                strata_row_cb cb, void *payload) DRV_HIDDEN;
/* Start *tr (wait: wait for locks up to lock_timeout_s). */
int fb_start(fb_conn *f, isc_tr_handle *tr, int wait) DRV_HIDDEN;
int fb_begin(strata_conn *c) DRV_HIDDEN;
/* compat.c: run CREATE TABLE IF NOT EXISTS the Firebird 3 way; *handled
 * = 0 for any other statement (nothing run). */
int fb_exec_compat(fb_conn *f, const char *sql, int *handled) DRV_HIDDEN;
int fb_commit(strata_conn *c) DRV_HIDDEN;
int fb_rollback(strata_conn *c) DRV_HIDDEN;

/* ---- the migration lock (lock.c) --------------------------------------- */
int fb_lock(strata_conn *c, const char *key, uint32_t wait_ms) DRV_HIDDEN;
int fb_unlock(strata_conn *c, const char *key) DRV_HIDDEN;

/* ---- split.c ------------------------------------------------------------ */
int fb_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out) DRV_HIDDEN;

/* ---- introspect.c ------------------------------------------------------- */
int fb_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out) DRV_HIDDEN;
int fb_index_table(strata_conn *c, const char *index, char **table)
    DRV_HIDDEN;
int fb_table_exists(strata_conn *c, const char *table, int *out) DRV_HIDDEN;
int fb_tables_exist(strata_conn *c, const char *const *tables, size_t n,
                    unsigned char *out) DRV_HIDDEN;

/* ---- render.c and types.c ---------------------------------------------- */
int fb_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out) DRV_HIDDEN;
/* Append the Firebird type for a portable type (as written). */
int fb_put_type(strata_buf *b, const char *type) DRV_HIDDEN;
int fb_type_family(strata_conn *c, const char *type, strata_buf *out)
    DRV_HIDDEN;
/* 1 when a portable type is an auto-increment one (serial, bigserial). */
int fb_type_serial(const char *type) DRV_HIDDEN;

#endif
