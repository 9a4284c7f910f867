/* my.h - declarations shared by the MySQL/MariaDB driver's files; nothing
 * here leaves the shared object (hidden visibility). */
#ifndef STRATA_MY_H
#define STRATA_MY_H

#include <stddef.h>

/* The unit tests set a flavour on an unconnected connection (there is
 * no MySQL 8 server to test against) without the client's headers: the
 * struct's layout only needs MYSQL to be some struct. */
#ifdef MY_TEST_LAYOUT
typedef struct st_mysql MYSQL;
#else
#include <mysql.h>
#endif

#include "strata/driver.h"

#include "../common/conn.h"
#include "../common/hidden.h"

#define MY_HIDDEN DRV_HIDDEN

/* What "not connected to ..." names (drv_not_connected). */
#define MY_SERVER "a MySQL/MariaDB server"

/* What begin() sends, with the transaction's first statement. */
#define MY_BEGIN_SQL "START TRANSACTION"

/* NAME_CHAR_LEN: the server refuses names of more characters. */
#define MY_IDENT_MAX 64

/* What render assumes without a connection (offline SQL):
 * docs/design.md §11.2, "--dialect mysql renders for MariaDB 10.11". */
#define MY_OFFLINE_VERSION 101100UL

/* One connection.  The core callocs conn_size bytes, so every member
 * starts zeroed: nothing here may need a non-zero "empty" value. */
typedef struct my_conn {
    strata_conn base;  /* must be first: the core sees only this */
    MYSQL *m;          /* NULL until connected */
    unsigned long thread_id; /* m's session id on the server, and the
                              * URL (host memory), for my_cancel's
                              * second session; read at connect */
    char *url;
    MYSQL *watch;      /* progress.c's second session; NULL until the
                        * first progress() call */
    int watch_failed;  /* its query failed once: progress() says nothing
                        * more */
    int mysql8;        /* 1: Oracle MySQL; 0: MariaDB */
    unsigned long version; /* 100511 (10.5.11) or 80036 (8.0.36); 0 =
                            * unknown (render assumes MariaDB 10.11) */
    char *database;    /* the schema in use (host memory) */
    char *lock_name;   /* GET_LOCK name while the migration lock is held */
    int allow_locking; /* connect option "allow_locking" = "1" */
    int begin_owed;    /* begin() was called and nothing ran since: the
                        * START TRANSACTION goes out with the next
                        * statement, or not at all when COMMIT or
                        * ROLLBACK comes first (before each DDL statement
                        * that commits on its own, the runner's
                        * transaction is empty) */
} my_conn;

/* The core's services, set by strata_driver_init (driver.c). */
extern const strata_host *my_host MY_HIDDEN;

/* ---- driver.c ----------------------------------------------------------- */

/* Record the client's last error on q and return the strata code (1205
 * lock wait timeout: LOCKED; 1845/1846 online form refused: POLICY,
 * naming the operation of sql, which may be NULL). */
int my_db_error(my_conn *q, const char *sql) MY_HIDDEN;
/* Run sql and hand each row to cb (values NUL-terminated, NULL for SQL
 * NULL); the driver table's query() without its argument checks. */
int my_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload) MY_HIDDEN;
/* my_query for a read of information_schema: it needs no transaction
 * (the catalog is not versioned), so a START TRANSACTION still owed stays
 * owed, and a transaction that only read the catalog sends nothing. */
int my_catalog_query(strata_conn *c, const char *sql, strata_row_cb cb,
                     void *payload) MY_HIDDEN;
/* The driver table's exec(). */
int my_exec(strata_conn *c, const char *sql) MY_HIDDEN;
/* A second session to url's server (borrowed: the URL connect kept), as
 * strata opens it, with short timeouts (my_cancel, progress.c); on
 * failure the error is on own and *out is NULL. */
int my_open_second(strata_conn *own, const char *url, MYSQL **out)
    MY_HIDDEN;
/* progress.c: the driver table's progress(), and how often a live bar
 * asks it (ms). */
#define MY_PROGRESS_MS 500
int my_progress(strata_conn *c, strata_progress *out) MY_HIDDEN;
/* scratch.c: the driver table's schema_objects() and scratch
 * databases (CREATE DATABASE on the configured server). */
int my_schema_objects(strata_conn *c, strata_object **out, size_t *n)
    MY_HIDDEN;
int my_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out) MY_HIDDEN;
int my_scratch_drop(strata_conn *c, const char *url) MY_HIDDEN;
/* 1 when string literals take backslash escapes on c: always offline,
 * else unless the session has NO_BACKSLASH_ESCAPES (session_sql may
 * set it; the server says so in every reply's status). */
int my_backslashes(const strata_conn *c) MY_HIDDEN;
/* The flavour render targets: c's server (read at connect), or MariaDB
 * 10.11 offline. */
int my_is_mysql8(const strata_conn *c) MY_HIDDEN;
unsigned long my_version(const strata_conn *c) MY_HIDDEN;

/* ---- split.c ------------------------------------------------------------ */

int my_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out) MY_HIDDEN;

/* ---- quoting and expressions (expr.c) ----------------------------------- */

/* `name` with each ` doubled. */
int my_qi(strata_buf *b, const char *name) MY_HIDDEN;
/* 'text' with ' doubled and, when backslashes, \ doubled. */
int my_ql(strata_buf *b, const char *s, int backslashes) MY_HIDDEN;
/* A portable (standard SQL) expression as MySQL reads it: "x" is an
 * identifier there and a string here, so it becomes `x`; a \ inside a
 * string literal is doubled when the session takes backslash escapes. */
int my_expr_to_mysql(strata_buf *out, const char *expr, int backslashes)
    MY_HIDDEN;
/* An expression as the server prints it (CHECK_CLAUSE, COLUMN_DEFAULT,
 * EXPRESSION) in standard SQL: `x` bare when plain, else "x"; escapes
 * and charset introducers out of string literals; MOD, lcase and ucase
 * in their standard spelling; whitespace folded. */
int my_expr_from_mysql(strata_buf *out, const char *expr) MY_HIDDEN;
/* The driver table's same_expr(). */
int my_same_expr(strata_conn *c, const char *table, const char *a,
                 const char *b, int *out) MY_HIDDEN;
/* Is expr (standard SQL) CURRENT_TIMESTAMP in one of its spellings
 * (CURRENT_TIMESTAMP, now(), current_timestamp(6), localtimestamp)? */
int my_is_current_timestamp(const char *expr) MY_HIDDEN;
/* What DEFAULT expr is: a constant (number, string, TRUE/FALSE), NULL,
 * CURRENT_TIMESTAMP, or anything else (an expression). */
enum { MY_DEF_CONST, MY_DEF_NULL, MY_DEF_NOW, MY_DEF_EXPR };
int my_default_kind(const char *expr) MY_HIDDEN;

/* ---- types.c ------------------------------------------------------------ */

/* Flags of my_type_map(). */
#define MY_TYPE_SERIAL 0x1 /* serial/bigserial: AUTO_INCREMENT */
#define MY_TYPE_UTC 0x2    /* timestamptz: datetime holding UTC */
#define MY_TYPE_LOCAL 0x4  /* timestamp without time zone */
#define MY_TYPE_TEXTUAL 0x8 /* takes CHARACTER SET / COLLATE */

/* Append the MySQL type of a portable type (docs/dialects.md §9) to out, or
 * the type itself, trimmed, when it is no portable name; *flags gets
 * MY_TYPE_*. */
int my_type_map(strata_buf *out, const char *type, int *flags) MY_HIDDEN;
/* Append the canonical spelling of a live type (int(11) -> int,
 * tinyint(1) kept, decimal -> decimal(10,0), lowercase). */
int my_type_canon(strata_buf *out, const char *type) MY_HIDDEN;
/* The driver table's type_family(). */
int my_type_family(strata_conn *c, const char *type, strata_buf *out)
    MY_HIDDEN;

/* ---- introspect.c ------------------------------------------------------- */

int my_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out) MY_HIDDEN;
int my_index_table(strata_conn *c, const char *index, char **table)
    MY_HIDDEN;
int my_table_exists(strata_conn *c, const char *table, int *out) MY_HIDDEN;
int my_tables_exist(strata_conn *c, const char *const *tables, size_t n,
                    unsigned char *out) MY_HIDDEN;
/* *out = PostgreSQL's <table>_pkey within 63 bytes (makeObjectName),
 * host memory: MySQL calls every primary key PRIMARY. */
int my_pkey_name(const char *table, char **out) MY_HIDDEN;

/* ---- names.c ------------------------------------------------------------ */

/* A constraint or key render added earlier in the same call. */
typedef struct my_added {
    char *name;
    int kind; /* STRATA_CON_* */
} my_added;

/* *out (host memory) = the name InnoDB gives the next foreign key of
 * table written without one: <table>_ibfk_<n>, n one past the highest
 * such number the catalog and added hold. */
int my_fk_auto_name(const strata_table *cat, const my_added *added,
                    size_t nadded, const char *table, char **out) MY_HIDDEN;
/* *out (host memory) = the name the server gives a key it makes on
 * column (an unnamed foreign key's index, an unnamed UNIQUE): the
 * column's, else column_2, column_3, ... where that is taken. */
int my_key_auto_name(const strata_table *cat, const my_added *added,
                     size_t nadded, const char *column, char **out)
    MY_HIDDEN;
/* 1 when k is a CHECK written unnamed on column: MariaDB keeps it in
 * the column's definition, names it after the column and drops it with
 * a MODIFY COLUMN that leaves it out (introspect names it
 * <table>_<column>_check, as PostgreSQL would, and lists column). */
int my_column_check(const strata_constraint *k, const char *column)
    MY_HIDDEN;

/* ---- render.c ----------------------------------------------------------- */

int my_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out) MY_HIDDEN;

/* ---- setting.c ---------------------------------------------------------- */

/* The driver table's is_session_setting(): a SET of session variables. */
int my_is_session_setting(strata_conn *c, const char *sql, int *out)
    MY_HIDDEN;

#endif
