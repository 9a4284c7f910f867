/* strata/driver.h - the whole plugin ABI between the strata core and a
 * dialect driver; the only header a driver includes.  Append-only. */
#ifndef STRATA_DRIVER_H
#define STRATA_DRIVER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STRATA_ABI_MAJOR 1 /* differs => the core refuses the driver */
#define STRATA_ABI_MINOR 7 /* fields appended; older drivers keep loading */

#define STRATA_ERRMSG_SIZE 256 /* fixed so that errors work out of memory */

#if defined(__GNUC__)
#define STRATA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define STRATA_EXPORT __attribute__((visibility("default")))
#else
#define STRATA_PRINTF(f, a)
#define STRATA_EXPORT
#endif

/* Status codes.  Numbers never move and are never reused (curl's rule). */
typedef enum strata_rc {
    STRATA_OK = 0,
    STRATA_ERR = -1,              /* unspecified failure */
    STRATA_ERR_NOMEM = -2,        /* allocation failed */
    STRATA_ERR_NOTFOUND = -3,     /* named thing does not exist */
    STRATA_ERR_EXISTS = -4,       /* would overwrite something */
    STRATA_ERR_INVALID = -5,      /* bad argument or usage */
    STRATA_ERR_CONFIG = -6,       /* configuration is unusable */
    STRATA_ERR_PARSE = -7,        /* SQL text or migration file malformed */
    STRATA_ERR_DB = -8,           /* server refused a statement; sqlstate */
    STRATA_ERR_CONN = -9,         /* could not connect or connection lost */
    STRATA_ERR_LOCKED = -10,      /* DDL lock timeout: the core retries */
    STRATA_ERR_ABI = -11,         /* incompatible driver */
    STRATA_ERR_NOTSUP = -12,      /* operation not provided by this driver */
    STRATA_ERR_CHECKSUM = -13,    /* applied file changed */
    STRATA_ERR_IRREVERSIBLE = -14, /* downgrade cannot be derived */
    STRATA_ERR_USER = -15,        /* a callback asked to stop (query) */
    STRATA_ERR_BUSY = -16,        /* migration lock not obtained in time */
    STRATA_ERR_DRIFT = -17,       /* live object differs from migration */
    STRATA_ERR_POLICY = -18,      /* refused by policy (check, lint) */
    STRATA_ERR_INTERRUPTED = -19  /* stopped by SIGINT or SIGTERM (the
                                   * core's; drivers never return it) */
} strata_rc;

/* Log levels for host->log. */
enum {
    STRATA_LOG_ERROR = 0,
    STRATA_LOG_WARN = 1,
    STRATA_LOG_INFO = 2,
    STRATA_LOG_DEBUG = 3
};

/* Capability bits of strata_driver.caps.  Bit numbers are never reused. */
#define STRATA_CAP_TRANSACTIONAL_DDL (UINT64_C(1) << 0) /* DDL rolls back */
#define STRATA_CAP_SAVEPOINT (UINT64_C(1) << 1)  /* SAVEPOINT/ROLLBACK TO */
#define STRATA_CAP_ADVISORY_LOCK (UINT64_C(1) << 2) /* server-side lock */
#define STRATA_CAP_ONLINE_INDEX (UINT64_C(1) << 3) /* builds, no blocking */
#define STRATA_CAP_NATIVE_CHECK (UINT64_C(1) << 4) /* ALTER ADD CHECK */
#define STRATA_CAP_NATIVE_FK_ALTER (UINT64_C(1) << 5) /* ALTER ADD FK */
#define STRATA_CAP_NEEDS_REBUILD (UINT64_C(1) << 6) /* rebuilds tables */
/* Commits are the main cost: by default one transaction for the whole
 * run with a savepoint per migration (SQLite), not one per migration. */
#define STRATA_CAP_RUN_TRANSACTION (UINT64_C(1) << 7)

/* Identifier limits (ABI 1.2), the bits of strata_driver.ident_flags:
 * what the engine does with a name longer than ident_max. */
#define STRATA_IDENT_CHARS 0x1u    /* ident_max counts UTF-8 characters,
                                    * not bytes */
#define STRATA_IDENT_TRUNCATE 0x2u /* a longer name is cut to ident_max,
                                    * never inside a UTF-8 character, and
                                    * used (PostgreSQL); without it the
                                    * engine refuses the statement */

/* How the engine treats names (ABI 1.3), the bits of
 * strata_driver.name_flags.  0, an older driver's: an unquoted name is
 * folded to lower case and names compare without ASCII case. */
#define STRATA_NAME_KEEP_CASE 0x1u  /* an unquoted name keeps the case
                                     * written (SQLite, MySQL); without
                                     * it, it is folded to lower case
                                     * (PostgreSQL) */
#define STRATA_NAME_EXACT 0x2u      /* names are equal only byte for byte
                                     * (PostgreSQL); without it ASCII
                                     * letters compare without case
                                     * (SQLite; MySQL's columns, indexes
                                     * and constraints) */
#define STRATA_NAME_TABLE_EXACT 0x4u /* table names are equal only byte
                                      * for byte (MySQL/MariaDB with
                                      * lower_case_table_names = 0, the
                                      * default on Linux) */

/* Growable string.  Memory comes from host->alloc: free it with
 * host->buf_free, or hand data over as a string freed with host->free.
 * Zero-initialise before first use. */
typedef struct strata_buf {
    char *data; /* NUL-terminated once anything was appended; owned */
    size_t len; /* bytes used, excluding the NUL */
    size_t cap; /* bytes allocated */
} strata_buf;

/* Key/value pair; arrays of them end with key == NULL. */
typedef struct strata_kv {
    const char *key;   /* borrowed for the call */
    const char *value; /* borrowed for the call */
} strata_kv;

/* The head of every connection.  The core allocates conn_size zeroed
 * bytes; a driver's own connection struct starts with this member.
 * Its layout is frozen: it never grows. */
typedef struct strata_conn {
    const struct strata_host *host; /* set by the core before any call */
    int code;                       /* last error code set by host->error */
    char sqlstate[6];               /* last SQLSTATE, "" when none */
    char errmsg[STRATA_ERRMSG_SIZE]; /* last error message */
    void *core;                     /* private to the core */
} strata_conn;

/* One statement found by split().  Every pointer member is allocated
 * with host->alloc and freed by the core. */
typedef struct strata_stmt {
    char *sql;     /* text from its first token to its last, without
                    * the terminator; owned */
    char *norm;    /* comments dropped, whitespace outside quotes folded
                    * to one space (checksums); owned */
    size_t offset; /* byte offset of the statement's first character */
    uint32_t line; /* 1-based line of that character in the input */
    uint32_t flags; /* STRATA_STMT_* */
} strata_stmt;

#define STRATA_STMT_NOTXN 0x1u /* cannot run inside a transaction: the
                                * runner gives it its own segment */

/* split() output.  items is a host-allocated array of count entries. */
typedef struct strata_stmt_list {
    strata_stmt *items; /* owned by the caller after the call */
    size_t count;       /* entries in items */
    size_t err_offset;  /* on STRATA_ERR_PARSE: byte offset of the cause */
} strata_stmt_list;

/* Row callback of query().  values[i] is NULL for SQL NULL; all pointers
 * are borrowed for the call.  Return non-zero to stop (query() then
 * returns STRATA_ERR_USER). */
typedef int (*strata_row_cb)(void *payload, int ncols,
                             const char *const *values,
                             const char *const *names);

/* ---- ABI 1.1: portable operations, the live catalog, rendered SQL ----
 * Every pointer inside these structs is allocated with host->alloc (or
 * host->strdup) by whoever fills the struct; the core frees catalogs and
 * SQL lists a driver returns, and owns the operations it passes in. */

/* A column of a portable operation (type as written in the migration) or
 * of the live catalog (type as the engine reports it). */
typedef struct strata_column {
    char *name;         /* column name, unquoted */
    char *type;         /* portable (operation) or live (catalog) type */
    char *default_expr; /* DEFAULT expression text; NULL = none */
    int notnull;        /* 1 = NOT NULL */
    int pk;             /* 1-based position in the primary key; 0 = none */
    int generated;      /* catalog: computed column; rebuilds do not copy */
    int autoincrement;  /* serial / identity / AUTO_INCREMENT */
} strata_column;

/* Constraint kinds. */
enum {
    STRATA_CON_PRIMARY_KEY = 1,
    STRATA_CON_UNIQUE = 2,
    STRATA_CON_CHECK = 3,
    STRATA_CON_FOREIGN_KEY = 4,
    /* ABI 1.3, catalog only (never in an operation): an exclusion
     * constraint (PostgreSQL), its definition as the engine prints it
     * ("EXCLUDE USING gist (a WITH =)") in check, its columns in
     * columns. */
    STRATA_CON_EXCLUDE = 5
};

typedef struct strata_constraint {
    int kind;             /* STRATA_CON_* */
    char *name;           /* always set: an unnamed one gets PostgreSQL's
                           * derived name (t_pkey, t_a_key, t_a_check,
                           * t_a_fkey) */
    int named;            /* 1 when the name was written explicitly */
    char **columns;       /* PRIMARY KEY, UNIQUE, FOREIGN KEY columns */
    size_t ncolumns;
    char *check;          /* CHECK expression, without outer parentheses */
    char *ref_table;      /* FOREIGN KEY: referenced table */
    char **ref_columns;   /* FOREIGN KEY: referenced columns */
    size_t nref_columns;
    char *on_delete;      /* FOREIGN KEY action ("CASCADE"); NULL = none */
    char *on_update;      /* FOREIGN KEY action; NULL = none */
    int not_valid;        /* catalog: added NOT VALID, not yet validated */
} strata_constraint;

typedef struct strata_index_key {
    char *column;         /* column name; NULL for an expression */
    char *expr;           /* expression text; NULL for a column */
    int desc;             /* 1 = DESC */
} strata_index_key;

typedef struct strata_index {
    char *name;
    char *table;
    int unique;           /* 1 = UNIQUE */
    strata_index_key *keys;
    size_t nkeys;
    char *where;          /* partial-index predicate; NULL = none */
    int invalid;          /* catalog: left INVALID by a failed online build */
    int constraint;       /* catalog: backs a PRIMARY KEY/UNIQUE constraint */
    char *sql;            /* catalog: the engine's definition; may be NULL */
} strata_index;

/* A trigger on the table, or (in dependents) a view or another table's
 * trigger whose text mentions the table. */
typedef struct strata_object {
    char *kind;           /* "trigger" or "view" */
    char *name;
    char *sql;            /* definition, as the engine keeps it */
} strata_object;

/* The live catalog of one table (introspect) or a simulated one. */
typedef struct strata_table {
    char *name;
    int exists;           /* 0: no such table; every array below empty */
    strata_column *columns;
    size_t ncolumns;
    strata_constraint *constraints;
    size_t nconstraints;
    strata_index *indexes;  /* named indexes, constraint-backed included */
    size_t nindexes;
    strata_object *triggers;   /* triggers on this table */
    size_t ntriggers;
    strata_object *dependents; /* views and other tables' triggers that
                                * mention it (SQLite rebuilds them) */
    size_t ndependents;
    char *sql;            /* the engine's CREATE TABLE text, where kept */
} strata_table;

/* Portable operation kinds (docs/design.md §3).  Numbers never move. */
typedef enum strata_op_kind {
    STRATA_OP_CREATE_TABLE = 1,
    STRATA_OP_DROP_TABLE = 2,
    STRATA_OP_ADD_COLUMN = 3,
    STRATA_OP_DROP_COLUMN = 4,
    STRATA_OP_RENAME_COLUMN = 5,
    STRATA_OP_RENAME_TABLE = 6,
    STRATA_OP_SET_NOT_NULL = 7,
    STRATA_OP_DROP_NOT_NULL = 8,
    STRATA_OP_SET_DEFAULT = 9,
    STRATA_OP_DROP_DEFAULT = 10,
    STRATA_OP_ALTER_TYPE = 11,
    STRATA_OP_ADD_CONSTRAINT = 12,
    STRATA_OP_DROP_CONSTRAINT = 13,
    STRATA_OP_CREATE_INDEX = 14,
    STRATA_OP_DROP_INDEX = 15
} strata_op_kind;

/* One portable operation, parsed by the core.  Owned by the core. */
typedef struct strata_op {
    int kind;             /* STRATA_OP_* */
    char *schema;         /* schema qualifier as written; NULL = none */
    char *table;          /* the table changed (DROP INDEX: looked up) */
    char *name;           /* the column, constraint or index named;
                           * RENAME: the old name */
    char *new_name;       /* RENAME: the new name */
    int if_exists;        /* IF EXISTS / IF NOT EXISTS was written */
    int concurrently;     /* index: CONCURRENTLY was written */
    int online;           /* the table existed before this migration, so
                           * avoid locks that block writers: an index is
                           * built/dropped online, a constraint validated
                           * apart (the core decides; docs/design.md §3.4).  0
                           * on a table the migration itself created. */
    strata_column *columns;  /* CREATE TABLE: its columns; ADD COLUMN: 1 */
    size_t ncolumns;
    strata_constraint *constraints; /* CREATE TABLE and ADD COLUMN: every
                           * constraint, column-level ones included;
                           * ADD CONSTRAINT: the one added */
    size_t nconstraints;
    strata_index *index;  /* CREATE INDEX */
    char *type;           /* ALTER TYPE: the new type */
    char *default_expr;   /* SET DEFAULT: the new default */
    const char *sql;      /* the statement as written */
    uint32_t line;        /* where it starts in its file, 1-based */
    uint32_t column;      /* 1-based */
    uint32_t flags;       /* STRATA_OP_* flags, set by the core */
} strata_op;

/* The migration may take locks that block writers (ini allow_locking,
 * --allow-locking, or its header "allow_locking: true"). */
#define STRATA_OP_ALLOW_LOCKING 0x1u
/* The statement is in a section for this dialect: its types, defaults,
 * nullability and names run as written (op->sql is the text; a type is
 * the engine's own, not mapped).  The driver changes only how it runs
 * (online forms, a table rebuild, NOT VALID then VALIDATE), and the
 * result must be the catalog the engine's own client builds from op->sql
 * (docs/design.md §3.2).  Without it the section is generic. */
#define STRATA_OP_AS_WRITTEN 0x2u

/* One statement rendered by a driver. */
typedef struct strata_sql {
    char *sql;            /* exactly one statement, no terminator */
    uint32_t flags;       /* STRATA_SQL_* */
    char *lock;           /* the lock it takes, for `plan`; may be NULL */
    char *note;           /* said beside the outcome; may be NULL; for a
                           * GUARD, what a non-zero count means */
    char *alternative;    /* may be NULL.  A statement: its locking form,
                           * run instead when the engine refuses this one
                           * with STRATA_ERR_POLICY and the operation has
                           * STRATA_OP_ALLOW_LOCKING.  A GUARD: the undo
                           * run before the migration fails. */
} strata_sql;

#define STRATA_SQL_AUTOCOMMIT 0x1u  /* must run outside a transaction */
#define STRATA_SQL_NEEDS_FK_OFF 0x2u /* foreign keys off while it runs
                                      * (a table rebuild) */
#define STRATA_SQL_GUARD 0x4u       /* a query whose first column must be
                                     * 0, else the migration fails */

typedef struct strata_sql_list {
    strata_sql *items;    /* host-allocated array */
    size_t count;
} strata_sql_list;

/* What a driver's lint says of one raw statement (docs/design.md §11:
 * dialect-specific rules live in the driver). */
typedef struct strata_lint_hit {
    char *rule;           /* rule id, e.g. "pg-fk-without-not-valid" */
    int error;            /* 1: an error (check fails); 0: a warning */
    char *message;        /* one line: what is wrong and what to do */
    char *table;          /* the table it concerns; NULL when none */
    int existing_table;   /* only a problem when table existed before the
                           * migration (the core knows; drops it else) */
} strata_lint_hit;

typedef struct strata_lint_list {
    strata_lint_hit *items; /* host-allocated array */
    size_t count;
    uint32_t flags;       /* STRATA_LINT_* of the statement as a whole */
} strata_lint_list;

#define STRATA_LINT_DDL 0x1u /* the statement changes the schema */
#define STRATA_LINT_DML 0x2u /* the statement changes rows */

/* What a script printed offline (`--sql`) writes for the effects the
 * runner gets through driver calls.  Static data of the driver; every
 * string is one statement without terminator, NULL = the dialect has
 * none (nothing is printed). */
typedef struct strata_script_words {
    const char *client;      /* how a user runs the script, for its header:
                              * "sqlite3 -bail DATABASE < FILE" */
    const char *begin;       /* the statement begin() runs */
    const char *fk_off;      /* what foreign_keys(c, 0) runs */
    const char *fk_on;       /* what foreign_keys(c, 1) runs */
    const char *fk_check;    /* a query listing foreign-key violations,
                              * printed after a table rebuild */
    int client_splits;       /* 1: the client splits the script on ';'
                              * itself, so bodies need DELIMITER lines */
} strata_script_words;

/* One rule of the driver's own that lint() may report: listed by `strata
 * lint --list-rules` (with the driver's name as its dialect) and
 * accepted by `-- strata:allow`.  Static data; ids never change, and by
 * custom begin with a short form of the dialect ("pg-"). */
typedef struct strata_driver_rule {
    const char *id;          /* "pg-fk-without-not-valid" */
    int error;               /* 1: an error (check fails); 0: a warning */
    const char *summary;     /* one line: what the rule catches */
} strata_driver_rule;

/* ABI 1.6: what a long statement is doing (progress()).  The core
 * zeroes it before each call; every field may stay empty. */
typedef struct strata_progress {
    char phase[64];    /* the engine's words for the step it is in
                        * ("building index: scanning table"); "" when
                        * it says none */
    char unit[16];     /* what done and total count ("blocks", "tuples",
                        * "rows"); "%" when the engine gives only a
                        * fraction: done/total of it, shown as a percent */
    uint64_t done;     /* units done so far in this phase */
    uint64_t total;    /* units the phase has; 0 = unknown */
    char waiting[STRATA_ERRMSG_SIZE]; /* the statement waits for a lock:
                        * who holds it ("waiting for pid 4242, which holds
                        * RowExclusiveLock on table t"); "" when not */
} strata_progress;

/* Core services, passed to strata_driver_init; valid until unload. */
typedef struct strata_host {
    uint32_t struct_size; /* sizeof(strata_host) of the core */
    uint16_t abi_major;   /* STRATA_ABI_MAJOR of the core */
    uint16_t abi_minor;   /* STRATA_ABI_MINOR of the core */
    /* Zeroed allocation; NULL when out of memory.  Free with free(). */
    void *(*alloc)(size_t size);
    /* Resize memory from alloc(); NULL when out of memory (p kept). */
    void *(*realloc)(void *p, size_t size);
    /* Release memory from alloc(), realloc() or strdup(); NULL is fine. */
    void (*free)(void *p);
    /* Copy of s in host memory; NULL when out of memory. */
    char *(*strdup)(const char *s);
    /* Copy of at most n bytes of s, NUL-terminated, in host memory. */
    char *(*strndup)(const char *s, size_t n);
    /* Record an error on c (message truncated to STRATA_ERRMSG_SIZE);
     * sqlstate may be NULL.  Returns code, so drivers write
     * "return host->error(c, STRATA_ERR_DB, st, "...", ...);". */
    int (*error)(strata_conn *c, int code, const char *sqlstate,
                 const char *fmt, ...) STRATA_PRINTF(4, 5);
    /* Print a message at a STRATA_LOG_* level (the core filters). */
    void (*log)(int level, const char *fmt, ...) STRATA_PRINTF(2, 3);
    /* Append n bytes of s to b; STRATA_ERR_NOMEM on failure. */
    int (*buf_append)(strata_buf *b, const char *s, size_t n);
    /* Append formatted text to b; STRATA_ERR_NOMEM on failure. */
    int (*buf_printf)(strata_buf *b, const char *fmt, ...)
        STRATA_PRINTF(2, 3);
    /* Release b's memory and zero it. */
    void (*buf_free)(strata_buf *b);
    /* APPEND ONLY below this line. */
} strata_host;

/* The driver table: static const data inside the .so. */
typedef struct strata_driver {
    uint32_t struct_size; /* sizeof(strata_driver) the driver was built with */
    uint16_t abi_major;   /* STRATA_ABI_MAJOR the driver was built with */
    uint16_t abi_minor;   /* STRATA_ABI_MINOR the driver was built with */
    const char *name;     /* "sqlite": equals the file's strata_<name>.so */
    const char *version;  /* the driver's own version string */
    const char *const *schemes; /* URL schemes served, NULL-terminated */
    uint64_t caps;        /* STRATA_CAP_* bits */
    size_t conn_size;     /* bytes the core callocs for a connection;
                           * at least sizeof(strata_conn) */

    /* Open c for url.  opts (borrowed) may hold: "base_dir" (directory
     * relative file paths start from), "create" ("0": do not create a
     * missing database; return STRATA_ERR_NOTFOUND), "lock_timeout_ms",
     * "statement_timeout_ms", "schema", "create_schema" ("1": create a
     * missing schema), "allow_locking" ("1"), "application_name",
     * "progress" ("1": progress() will be called; ABI 1.6).
     * Unknown keys are ignored.  On failure the core still calls
     * disconnect. */
    int (*connect)(strata_conn *c, const char *url, const strata_kv *opts);
    /* Close c and release what the driver holds in it; never fails. */
    void (*disconnect)(strata_conn *c);
    /* Run exactly one statement (sql borrowed), discarding rows. */
    int (*exec)(strata_conn *c, const char *sql);
    /* Run one statement and call cb for each row (sql borrowed). */
    int (*query)(strata_conn *c, const char *sql, strata_row_cb cb,
                 void *payload);
    /* Open a transaction the core owns (drivers never open their own). */
    int (*begin)(strata_conn *c);
    /* Commit the open transaction. */
    int (*commit)(strata_conn *c);
    /* Roll back the open transaction. */
    int (*rollback)(strata_conn *c);
    /* Take the migration lock named key (borrowed), polling for at most
     * wait_ms; STRATA_ERR_BUSY when not obtained.  Released by unlock,
     * by disconnect, or by the server/kernel when the process dies. */
    int (*lock)(strata_conn *c, const char *key, uint32_t wait_ms);
    /* Release the migration lock taken by lock(). */
    int (*unlock)(strata_conn *c, const char *key);
    /* Split len bytes of sql (borrowed; need not be NUL-terminated; a
     * NUL inside is a parse error) into statements, without a
     * connection (c is allocated but may be unconnected).  Fills out;
     * on STRATA_ERR_PARSE sets out->err_offset and the message. */
    int (*split)(strata_conn *c, const char *sql, size_t len,
                 strata_stmt_list *out);
    /* Append ident (borrowed) quoted as an identifier to out. */
    int (*quote_ident)(strata_conn *c, const char *ident, strata_buf *out);
    /* Append s (borrowed) quoted as a string literal to out. */
    int (*quote_literal)(strata_conn *c, const char *s, strata_buf *out);
    /* Optional.  *out = server version text in host memory. */
    int (*server_version)(strata_conn *c, char **out);
    /* Optional.  *out = 1 if table (borrowed) exists in the connection's
     * schema, else 0.  Without it the core probes with a SELECT. */
    int (*table_exists)(strata_conn *c, const char *table, int *out);
    /* Optional.  *out = 1 if a transaction is open on c.  The core asks
     * after an error to learn whether the engine rolled back on its own
     * (SQLite's sqlite3_get_autocommit). */
    int (*in_transaction)(strata_conn *c, int *out);
    /* APPEND ONLY below this line (fields after ABI 1.0 are optional). */

    /* ABI 1.1.  The live catalog of ntables tables (names borrowed) in
     * one round trip: *out = host-allocated array of ntables entries,
     * exists = 0 for a table that is not there. */
    int (*introspect)(strata_conn *c, const char *const *tables,
                      size_t ntables, strata_table **out);
    /* ABI 1.1.  Render nops consecutive operations on one table (both
     * borrowed) given that table's catalog before them (borrowed; may be
     * simulated) into statements, in order.  Must not query: c may be
     * unconnected (offline SQL).  STRATA_ERR_NOTSUP means the dialect
     * has no form for the operation at all: the core asks with an empty
     * catalog before connecting and refuses such a chain (exit 2).  The
     * core has checked each operation's shape: a known kind, its table
     * (DROP INDEX aside), and the names and parts its kind needs. */
    int (*render)(strata_conn *c, const strata_op *ops, size_t nops,
                  const strata_table *catalog, strata_sql_list *out);
    /* ABI 1.1.  *table = host-allocated name of the table that index
     * (borrowed) belongs to, NULL when there is no such index. */
    int (*index_table)(strata_conn *c, const char *index, char **table);
    /* ABI 1.1.  Append to out the family of a portable or live type
     * (borrowed): two types with one family hold the same values, so an
     * ADD COLUMN whose column exists with that family is satisfied. */
    int (*type_family)(strata_conn *c, const char *type, strata_buf *out);
    /* ABI 1.1, optional.  Turn foreign-key enforcement off (0) or on
     * (1) for the session; called outside a transaction. */
    int (*foreign_keys)(strata_conn *c, int enable);
    /* ABI 1.1, optional.  *count = rows of table (borrowed), and of the
     * tables referencing it, that break a foreign key. */
    int (*fk_violations)(strata_conn *c, const char *table, size_t *count);
    /* ABI 1.1, optional.  *out = 1 when expressions a and b (borrowed)
     * mean the same on table; without it the core compares the text
     * with whitespace and letter case folded outside quotes. */
    int (*same_expr)(strata_conn *c, const char *table, const char *a,
                     const char *b, int *out);
    /* ABI 1.1, optional.  The statements connect runs for opts (the
     * session settings: lock and statement timeouts, search_path,
     * sql_mode, ...), for scripts printed offline (`--sql`); must not
     * query.  One the script's client sets its own way may be left out
     * (SQLite's busy_timeout prints a row).  Items host-allocated. */
    int (*session_sql)(strata_conn *c, const strata_kv *opts,
                       strata_sql_list *out);
    /* ABI 1.1, optional.  Lint one raw statement (borrowed) of the
     * dialect without a connection: rules only the dialect's grammar
     * can tell (PostgreSQL parses with libpg_query), plus the statement's
     * DDL/DML flags.  Items host-allocated. */
    int (*lint)(strata_conn *c, const char *sql, strata_lint_list *out);
    /* ABI 1.1, optional.  Run n statements (borrowed; each one
     * statement as exec takes, none that must run outside a
     * transaction) in order, in one round trip where the engine can,
     * stopping at the first that fails: *failed = its index and its error
     * is returned as exec would.  A COMMIT among them that only rolled
     * back fails.  The core ends a migration with its history row,
     * version row and COMMIT sent this way. */
    int (*exec_batch)(strata_conn *c, const char *const *sql, size_t n,
                      size_t *failed);
    /* ABI 1.2, optional.  The words of offline scripts; without them a
     * script for this dialect cannot be printed (`--sql` refuses). */
    const strata_script_words *script;
    /* ABI 1.2, optional.  The rules lint() reports beyond the core's
     * (lint() may report core ids such as "drop-table" too; they are
     * not repeated here), ended by an entry whose id is NULL.  Without
     * it, ids that begin with the driver's name and '-' are taken as
     * its rules. */
    const strata_driver_rule *lint_rules;
    /* ABI 1.2, optional.  *out = 1 when sql (borrowed; one statement as
     * split() returns it) changes nothing but settings of the session
     * (PostgreSQL SET/RESET, MySQL SET of session variables, SQLite
     * PRAGMAs that write nothing), else 0; when in doubt, 0.  On verbs
     * that only read, the core runs the statements of the ini's
     * session_sql for which this says 1 and skips the others; without
     * it, none of them.  Reads the text only: must not query (c may be
     * unconnected). */
    int (*is_session_setting)(strata_conn *c, const char *sql, int *out);

    /* ABI 1.2, optional.  The longest name (of a table, column, index,
     * constraint or schema) the engine keeps: ident_max bytes, or
     * characters with STRATA_IDENT_CHARS; 0 = no limit.  ident_flags
     * (STRATA_IDENT_*) say what the engine does with a longer one; the
     * core does the same before the engine sees the statement (cuts it
     * and warns, or refuses it before connecting), and cuts the names it
     * derives to fit. */
    uint32_t ident_max;
    uint32_t ident_flags;

    /* ABI 1.3, optional.  How the engine reads and compares names
     * (STRATA_NAME_*): the core keeps or folds the case of unquoted
     * names as the engine does, and compares the names of its catalog
     * and of operations by the engine's rule. */
    uint32_t name_flags;

    /* ABI 1.4, optional.  Ask the engine to stop the statement running on
     * c (SIGINT or SIGTERM came).  Called from a thread of the core's
     * own, never from a signal handler, while the thread using c may be
     * inside any other call on it: it must not use c's session nor write
     * c's error fields (code, sqlstate, errmsg; host->error goes to a
     * strata_conn of its own), and must be thread-safe against that
     * call.  Never concurrent with connect or disconnect.  Harmless when
     * nothing runs, repeatable.  The running call then returns the
     * engine's error for a cancelled statement (or its result, if it
     * ended first).  STRATA_OK once the request was delivered; on failure
     * a status code, the reason said with host->log. */
    int (*cancel)(strata_conn *c);

    /* ABI 1.5, optional.  The objects of the connection's schema a
     * schema dump lists beside what introspect reads: *out = host array
     * of *n entries whose kind is "table", "view" or "sequence", with a
     * view's or sequence's CREATE statement in sql (NULL for a table).  The
     * engine's own objects, and sequences a column owns (the column
     * shows them), are left out; any order.  Without it `schema dump` and
     * `diff` refuse the dialect. */
    int (*schema_objects)(strata_conn *c, strata_object **out, size_t *n);
    /* ABI 1.5, optional.  A new, empty scratch database, to build what a
     * chain builds (`schema dump --from-chain`, `diff chain:REV`):
     * *out = host string of a URL that connects to it.  name (borrowed)
     * is a fresh name of letters, digits and '_' to give it.  A server
     * engine creates it through c, connected to url (borrowed: the
     * configured database), and answers url with the database replaced;
     * a file engine makes a temporary file (c may be unconnected, url
     * NULL).  STRATA_ERR_POLICY, with a message, when the user may not
     * create one. */
    int (*scratch_create)(strata_conn *c, const char *url, const char *name,
                          char **out);
    /* ABI 1.5, optional (with scratch_create).  Drop the scratch
     * database url (borrowed) made through c; the core has closed its
     * connections to it. */
    int (*scratch_drop)(strata_conn *c, const char *url);

    /* ABI 1.6, optional.  What the statement running on c is doing, read
     * from the engine's own progress views into *out (zeroed by the
     * core) through a second session of the driver's own, opened on the
     * first call from what connect kept and closed by disconnect.  Called
     * as cancel is: from a thread of the core's own while the thread
     * using c may be inside any other call on it (never concurrent with
     * connect, disconnect or another progress call), so it must not use
     * c's session nor write c's error fields.  STRATA_OK with out left
     * empty when there is nothing to say; on failure a status code, the
     * reason said with host->log (the core stops asking for that
     * statement).  connect gets the option "progress" = "1" when the core
     * will ask, so work done only for progress is skipped otherwise. */
    int (*progress)(strata_conn *c, strata_progress *out);
    /* ABI 1.6, optional (with progress).  Milliseconds between two calls
     * while a live bar is drawn on a terminal: what the engine's views
     * cost to read; 0 = the core's default (1000). */
    uint32_t progress_ms;
    /* ABI 1.7, optional.  out[i] = 1 if tables[i] (borrowed) is there,
     * else 0, each answered as table_exists() would, for ntables names
     * in one round trip.  Without it a run reads whether the tables its
     * CREATE TABLEs name are there with introspect(), and asks
     * table_exists() before each DROP TABLE. */
    int (*tables_exist)(strata_conn *c, const char *const *tables,
                        size_t ntables, unsigned char *out);
} strata_driver;

/* The one symbol a driver exports. */
typedef const strata_driver *(*strata_driver_init_fn)(const strata_host *);
#define STRATA_DRIVER_INIT_SYMBOL "strata_driver_init"

/* Defines the exported entry point and the driver's static table, in the
 * manner of PG_MODULE_MAGIC.  host_var names a `const strata_host *`
 * the driver declares and uses; the remaining arguments are designated
 * initialisers: STRATA_DRIVER_DEFINE(sq_host, .name = "sqlite", ...);
 * The trailing ';' is the caller's: the expansion ends with a harmless
 * declaration that takes it (PostgreSQL's no_such_variable). */
#define STRATA_DRIVER_DEFINE(host_var, ...)                                \
    static const strata_driver strata_driver_table_ = {                    \
        .struct_size = sizeof(strata_driver),                              \
        .abi_major = STRATA_ABI_MAJOR,                                     \
        .abi_minor = STRATA_ABI_MINOR,                                     \
        __VA_ARGS__};                                                      \
    STRATA_EXPORT const strata_driver *strata_driver_init(                 \
        const strata_host *host);                                          \
    const strata_driver *strata_driver_init(const strata_host *host)       \
    {                                                                      \
        if (!host || host->abi_major != STRATA_ABI_MAJOR)                  \
            return NULL;                                                   \
        host_var = host;                                                   \
        return &strata_driver_table_;                                      \
    }                                                                      \
    extern int strata_driver_define_end_

/* ---- frozen layouts, checked by the compiler ----------------------------
 * The loader reads struct_size and the ABI numbers before it knows which
 * ABI a driver was built for, accepts any table reaching in_transaction
 * (ABI 1.0), and drivers embed strata_conn first in their connections:
 * none of these may move.  _Static_assert (C11), static_assert (C++11),
 * else a negative array size (C99). */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define STRATA_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#elif !defined(__cplusplus) && defined(__STDC_VERSION__) &&                \
    __STDC_VERSION__ >= 201112L
#define STRATA_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#else
#define STRATA_STATIC_ASSERT_JOIN2(a, b) a##b
#define STRATA_STATIC_ASSERT_JOIN(a, b) STRATA_STATIC_ASSERT_JOIN2(a, b)
#define STRATA_STATIC_ASSERT(cond, msg)                                    \
    typedef char STRATA_STATIC_ASSERT_JOIN(strata_static_assert_,          \
                                           __LINE__)[(cond) ? 1 : -1]
#endif

/* On every platform: the heads of the two tables. */
STRATA_STATIC_ASSERT(offsetof(strata_driver, struct_size) == 0 &&
                         offsetof(strata_driver, abi_major) == 4 &&
                         offsetof(strata_driver, abi_minor) == 6 &&
                         offsetof(strata_driver, name) == 8,
                     "strata_driver's head is frozen");
STRATA_STATIC_ASSERT(offsetof(strata_host, struct_size) == 0 &&
                         offsetof(strata_host, abi_major) == 4 &&
                         offsetof(strata_host, abi_minor) == 6 &&
                         offsetof(strata_host, alloc) == 8,
                     "strata_host's head is frozen");
STRATA_STATIC_ASSERT(offsetof(strata_conn, host) == 0,
                     "strata_conn starts with host");
/* ABI 1.0's functions stand one after another from connect on. */
STRATA_STATIC_ASSERT(offsetof(strata_driver, in_transaction) ==
                         offsetof(strata_driver, connect) +
                             14 * sizeof(((strata_driver *)0)->connect),
                     "strata_driver's ABI 1.0 functions are frozen");
STRATA_STATIC_ASSERT(offsetof(strata_host, buf_free) ==
                         offsetof(strata_host, alloc) +
                             9 * sizeof(((strata_host *)0)->alloc),
                     "strata_host's ABI 1.0 services are frozen");

/* With 8-byte pointers (every 64-bit target strata builds on), the
 * exact offsets of ABI 1.0. */
#if defined(UINTPTR_MAX) && UINTPTR_MAX == UINT64_MAX
STRATA_STATIC_ASSERT(sizeof(strata_conn) == 288 &&
                         offsetof(strata_conn, code) == 8 &&
                         offsetof(strata_conn, sqlstate) == 12 &&
                         offsetof(strata_conn, errmsg) == 18 &&
                         offsetof(strata_conn, core) == 280,
                     "strata_conn's layout is frozen");
STRATA_STATIC_ASSERT(offsetof(strata_driver, schemes) == 24 &&
                         offsetof(strata_driver, caps) == 32 &&
                         offsetof(strata_driver, conn_size) == 40 &&
                         offsetof(strata_driver, connect) == 48 &&
                         offsetof(strata_driver, in_transaction) == 160,
                     "strata_driver's ABI 1.0 fields are frozen");
STRATA_STATIC_ASSERT(offsetof(strata_host, buf_free) == 80,
                     "strata_host's ABI 1.0 fields are frozen");
#endif

#ifdef __cplusplus
}
#endif

#endif /* STRATA_DRIVER_H */
