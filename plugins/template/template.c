/* template.c - a strata driver that loads and does nothing yet: every
 * entry point of include/strata/driver.h, each returning
 * STRATA_ERR_NOTSUP with a message until you write it
 * (plugins/template/README.md walks through the order). */
#include <stddef.h>
#include <string.h>

#include "strata/driver.h"

/* Rename: the dialect's name.  It must equal the file's <name> in
 * strata_<name>.so (the Makefile's NAME), or the core refuses the file. */
#define TPL_NAME "template"

/* The core's services (allocation, errors, logging, strata_buf), stored
 * by strata_driver_init before any other call.  Every string or array
 * you hand to the core comes from host->alloc/strdup/strndup; the core
 * frees it with host->free. */
static const strata_host *tpl_host;

/* Your connection: the core callocs conn_size (= sizeof(tpl_conn)) zeroed
 * bytes and sets base.host before any call; base must stay first.  Add
 * the client library's handle and whatever else a session needs. */
typedef struct tpl_conn {
    strata_conn base;
    void *handle; /* e.g. your client library's connection */
    int locked;   /* the migration lock is held */
} tpl_conn;

/* Every entry not written yet says so; the core prints the message. */
static int tpl_todo(strata_conn *c, const char *what)
{
    return tpl_host->error(c, STRATA_ERR_NOTSUP, NULL,
                           TPL_NAME ": %s is not written yet", what);
}

/* ---- ABI 1.0: required (the loader refuses a NULL one) ------------------ */

/* connect: called once per connection, first.  url is the user's URL
 * (borrowed); opts (borrowed, ends with key == NULL) may hold base_dir,
 * create ("0": a missing database is STRATA_ERR_NOTFOUND, do not create
 * it), lock_timeout_ms, statement_timeout_ms, schema, create_schema,
 * allow_locking, application_name; ignore keys you do not know.  Apply
 * the timeouts as session settings here.  On failure return
 * STRATA_ERR_CONN (server unreachable) or STRATA_ERR_CONFIG (a bad URL)
 * with a message that never repeats the URL or its password: the core
 * still calls disconnect afterwards, so leave c consistent. */
static int tpl_connect(strata_conn *c, const char *url,
                       const strata_kv *opts)
{
    (void)url, (void)opts;
    return tpl_todo(c, "connect");
}

/* disconnect: always called once at the end, also after a failed connect
 * (so handle may be NULL).  Release everything held in c, the migration
 * lock included.  Never fails; never frees c itself (the core does). */
static void tpl_disconnect(strata_conn *c)
{
    tpl_conn *t = (tpl_conn *)c;

    t->handle = NULL;
    t->locked = 0;
}

/* exec: run exactly one statement (sql borrowed, no terminator), rows
 * discarded.  A server error is STRATA_ERR_DB with the SQLSTATE (or the
 * engine's error number) as sqlstate; a lock wait that timed out is
 * STRATA_ERR_LOCKED (the core retries); a dropped connection
 * STRATA_ERR_CONN. */
static int tpl_exec(strata_conn *c, const char *sql)
{
    (void)sql;
    return tpl_todo(c, "exec");
}

/* query: run one statement and call cb once per row with the values as
 * text (NULL for SQL NULL) and the column names; all borrowed for the
 * call only.  cb returning non-zero stops it: return STRATA_ERR_USER.
 * The core reads its history table and probes tables this way. */
static int tpl_query(strata_conn *c, const char *sql, strata_row_cb cb,
                     void *payload)
{
    (void)sql, (void)cb, (void)payload;
    return tpl_todo(c, "query");
}

/* begin, commit, rollback: the one transaction the core opens; a driver
 * never opens one of its own.  With STRATA_CAP_TRANSACTIONAL_DDL the core
 * runs DDL inside it and relies on rollback undoing it; with
 * STRATA_CAP_SAVEPOINT it also runs "SAVEPOINT strata_migration",
 * "RELEASE SAVEPOINT ..." and "ROLLBACK TO SAVEPOINT ..." through exec. */
static int tpl_begin(strata_conn *c) { return tpl_todo(c, "begin"); }
static int tpl_commit(strata_conn *c) { return tpl_todo(c, "commit"); }
static int tpl_rollback(strata_conn *c) { return tpl_todo(c, "rollback"); }

/* lock: the migration lock named key (borrowed), taken after connect and
 * before the history is read.  Poll for at most wait_ms; not obtained in
 * time is STRATA_ERR_BUSY.  It must exclude another connection (of this
 * or another process) holding the same key, and be released by unlock,
 * by disconnect, and by the server or kernel when the process dies
 * (server-side advisory locks, a session-scoped lock, flock).  Claim
 * STRATA_CAP_ADVISORY_LOCK when the server holds it. */
static int tpl_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    (void)key, (void)wait_ms;
    return tpl_todo(c, "lock");
}

/* unlock: release what lock took; harmless when nothing is held. */
static int tpl_unlock(strata_conn *c, const char *key)
{
    (void)key;
    return tpl_todo(c, "unlock");
}

/* split: len bytes of a migration file (borrowed, not NUL-terminated;
 * a NUL byte inside is STRATA_ERR_PARSE) into statements, with no
 * connection (c is allocated, never connected: do not query).  Fill out
 * with a host-allocated array; each item's sql (text without the
 * terminator) and norm (comments dropped, whitespace folded: the
 * checksum's text) are host strings; offset and line locate it.  Know
 * the dialect's quotes, comments and bodies holding ';'; refuse the
 * client's own commands (psql's \i, a DELIMITER line your engine's
 * server would not understand) with STRATA_ERR_PARSE and
 * out->err_offset at the cause.  Mark statements the engine cannot run
 * in a transaction with STRATA_STMT_NOTXN.  On failure the core frees
 * what out holds. */
static int tpl_split(strata_conn *c, const char *sql, size_t len,
                     strata_stmt_list *out)
{
    (void)sql, (void)len;
    memset(out, 0, sizeof *out);
    return tpl_todo(c, "split");
}

/* quote_ident, quote_literal: append s (borrowed) quoted as the engine
 * reads an identifier / a string literal to out (host->buf_append);
 * no connection (offline scripts use them). */
static int tpl_quote_ident(strata_conn *c, const char *s, strata_buf *out)
{
    (void)s, (void)out;
    return tpl_todo(c, "quote_ident");
}

static int tpl_quote_literal(strata_conn *c, const char *s, strata_buf *out)
{
    (void)s, (void)out;
    return tpl_todo(c, "quote_literal");
}

/* ---- ABI 1.0: optional ----------------------------------------------------
 * From here on, an entry you do not write is left out of the table
 * (NULL): the core falls back on NULL, and only on NULL.  An entry that
 * returns STRATA_ERR_NOTSUP is an error where the core calls it. */

/* server_version: *out = the server's version text (host memory), for
 * `strata status` and logs. */
static int tpl_server_version(strata_conn *c, char **out)
{
    *out = NULL;
    return tpl_todo(c, "server_version");
}

/* table_exists: *out = 1 when table (borrowed, unquoted) exists in the
 * connection's schema.  Without it the core probes with a SELECT. */
static int tpl_table_exists(strata_conn *c, const char *table, int *out)
{
    (void)table;
    *out = 0;
    return tpl_todo(c, "table_exists");
}

/* in_transaction: *out = 1 when a transaction is open; asked after an
 * error, to learn whether the engine rolled back on its own. */
static int tpl_in_transaction(strata_conn *c, int *out)
{
    *out = 0;
    return tpl_todo(c, "in_transaction");
}

/* ---- ABI 1.1: the portable model (introspection and rendering) ----------
 * introspect and render together let the core run portable operations
 * (CREATE TABLE, ADD COLUMN, ... of docs/design.md §3) with ensure
 * semantics; without them the dialect runs raw SQL only. */

/* introspect: the live catalog of ntables tables (names borrowed), one
 * round trip where the engine allows: *out = host-allocated array of
 * ntables strata_table, exists = 0 for a missing table; every string and
 * array inside host-allocated (the core frees it with abi/free.c's
 * rules). */
static int tpl_introspect(strata_conn *c, const char *const *tables,
                          size_t ntables, strata_table **out)
{
    (void)tables, (void)ntables;
    *out = NULL;
    return tpl_todo(c, "introspect");
}

/* render: nops operations on one table (borrowed) into statements, given
 * that table's catalog before them (borrowed; may be simulated).  Never
 * query: c may be unconnected (`--sql`).  STRATA_ERR_NOTSUP here is a
 * promise: the dialect has no form for the operation at all (the core
 * asks with an empty catalog and refuses such a chain before
 * connecting).  Online forms: with op->online set, build indexes without
 * blocking writers (STRATA_CAP_ONLINE_INDEX) and add constraints
 * unvalidated, then validate; a statement that must run outside a
 * transaction gets STRATA_SQL_AUTOCOMMIT. */
static int tpl_render(strata_conn *c, const strata_op *ops, size_t nops,
                      const strata_table *catalog, strata_sql_list *out)
{
    (void)ops, (void)nops, (void)catalog;
    memset(out, 0, sizeof *out);
    return tpl_todo(c, "render");
}

/* index_table: *table = the table (host string) index (borrowed) belongs
 * to, NULL when there is none; DROP INDEX names only the index. */
static int tpl_index_table(strata_conn *c, const char *index, char **table)
{
    (void)index;
    *table = NULL;
    return tpl_todo(c, "index_table");
}

/* type_family: append to out a canonical spelling of type (borrowed):
 * two types of one family hold the same values ("int4" and "integer"). */
static int tpl_type_family(strata_conn *c, const char *type, strata_buf *out)
{
    (void)type, (void)out;
    return tpl_todo(c, "type_family");
}

/* foreign_keys: enforcement off (0) or on (1) for the session, outside a
 * transaction; required when render sets STRATA_SQL_NEEDS_FK_OFF. */
static int tpl_foreign_keys(strata_conn *c, int enable)
{
    (void)enable;
    return tpl_todo(c, "foreign_keys");
}

/* fk_violations: *count = rows of table and of tables referencing it that
 * break a foreign key (checked after a table rebuild). */
static int tpl_fk_violations(strata_conn *c, const char *table,
                             size_t *count)
{
    (void)table;
    *count = 0;
    return tpl_todo(c, "fk_violations");
}

/* same_expr: *out = 1 when expressions a and b mean the same on table
 * (the engine may rewrite defaults and CHECKs when it stores them). */
static int tpl_same_expr(strata_conn *c, const char *table, const char *a,
                         const char *b, int *out)
{
    (void)table, (void)a, (void)b;
    *out = 0;
    return tpl_todo(c, "same_expr");
}

/* session_sql: the statements connect runs for opts (timeouts, schema),
 * host-allocated, for scripts printed offline; never query. */
static int tpl_session_sql(strata_conn *c, const strata_kv *opts,
                           strata_sql_list *out)
{
    (void)opts;
    memset(out, 0, sizeof *out);
    return tpl_todo(c, "session_sql");
}

/* lint: rules only your grammar can tell for one raw statement
 * (borrowed), offline, plus its STRATA_LINT_DDL/DML flags; rule ids
 * listed in tpl_rules below. */
static int tpl_lint(strata_conn *c, const char *sql, strata_lint_list *out)
{
    (void)sql;
    memset(out, 0, sizeof *out);
    return tpl_todo(c, "lint");
}

/* exec_batch: n statements (borrowed) in order, one round trip where the
 * engine can; stop at the first failure, *failed = its index, and return
 * its error as exec would. */
static int tpl_exec_batch(strata_conn *c, const char *const *sql, size_t n,
                          size_t *failed)
{
    (void)sql, (void)n;
    *failed = 0;
    return tpl_todo(c, "exec_batch");
}

/* ---- ABI 1.2 ---------------------------------------------------------- */

/* is_session_setting: *out = 1 when sql (borrowed, one statement) only
 * changes settings of the session; when in doubt 0.  Text only. */
static int tpl_is_session_setting(strata_conn *c, const char *sql, int *out)
{
    (void)sql;
    *out = 0;
    return tpl_todo(c, "is_session_setting");
}

/* ---- ABI 1.4 ---------------------------------------------------------- */

/* cancel: ask the engine to stop the statement running on c (a signal
 * came).  Called from another thread while c may be in any other call:
 * do not touch c's session or its error fields; report a failure with
 * host->log only.  Harmless when nothing runs; repeatable. */
static int tpl_cancel(strata_conn *c)
{
    (void)c;
    tpl_host->log(STRATA_LOG_WARN, TPL_NAME ": cancel is not written yet");
    return STRATA_ERR_NOTSUP;
}

/* ---- ABI 1.5: proving a chain ------------------------------------------ */

/* schema_objects: *out = host array of *n objects of the connection's
 * schema, kind "table", "view" or "sequence", a view's or sequence's
 * CREATE statement in sql (NULL for a table); not the engine's own
 * objects nor sequences a column owns.  Without it `schema dump` and
 * `diff` refuse the dialect. */
static int tpl_schema_objects(strata_conn *c, strata_object **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    return tpl_todo(c, "schema_objects");
}

/* scratch_create: a new, empty database named name (letters, digits,
 * '_'), *out = host string of a URL reaching it.  A server engine
 * creates it through c (connected to url) and answers url with the
 * database replaced; a file engine makes a temporary file (c may be
 * unconnected).  STRATA_ERR_POLICY with the server's reason when the user
 * may not create one. */
static int tpl_scratch_create(strata_conn *c, const char *url,
                              const char *name, char **out)
{
    (void)url, (void)name;
    *out = NULL;
    return tpl_todo(c, "scratch_create");
}

/* scratch_drop: drop what scratch_create made, through the same c; the
 * core has closed its own connections to it. */
static int tpl_scratch_drop(strata_conn *c, const char *url)
{
    (void)url;
    return tpl_todo(c, "scratch_drop");
}

/* ---- ABI 1.6: progress of a long statement ------------------------------ */

/* progress: what the statement running on c is doing, from the engine's
 * views, into *out (zeroed by the core), through a second session of
 * your own opened on the first call.  Called as cancel is: from another
 * thread while c may be in any other call, so leave c's session and
 * error fields alone; say a failure with host->log.  Set progress_ms in
 * the table to what reading the views costs. */
static int tpl_progress(strata_conn *c, strata_progress *out)
{
    (void)c, (void)out;
    tpl_host->log(STRATA_LOG_WARN, TPL_NAME ": progress is not written yet");
    return STRATA_ERR_NOTSUP;
}

/* ---- ABI 1.7: whether tables are there ---------------------------------- */

/* tables_exist: out[i] = 1 if tables[i] is there, else 0, each answered
 * as table_exists answers it, for all n names in one round trip.  Without
 * it a run asks table_exists before each DROP TABLE. */
static int tpl_tables_exist(strata_conn *c, const char *const *tables,
                            size_t n, unsigned char *out)
{
    (void)tables;
    memset(out, 0, n);
    return tpl_todo(c, "tables_exist");
}

/* ---- the table --------------------------------------------------------- */

/* What `strata --sql` prints for the effects the runner gets through
 * calls; NULL where the dialect has none.  Without it --sql refuses. */
static const strata_script_words tpl_script = {
    .client = NULL,      /* how to run a script: "myclient DB < FILE" */
    .begin = "BEGIN",    /* the statement begin() runs */
    .fk_off = NULL,
    .fk_on = NULL,
    .fk_check = NULL,
    .client_splits = 0,
};

/* Your lint rules' ids, ended by a NULL id. */
static const strata_driver_rule tpl_rules[] = {
    {NULL, 0, NULL},
};

/* The URL schemes served: template://... */
static const char *const tpl_schemes[] = {TPL_NAME, NULL};

STRATA_DRIVER_DEFINE(tpl_host,
    .name = TPL_NAME,
    .version = "0.0.1",
    .schemes = tpl_schemes,
    /* STRATA_CAP_*: claim only what the conformance suite confirms. */
    .caps = 0,
    .conn_size = sizeof(tpl_conn),
    .connect = tpl_connect,
    .disconnect = tpl_disconnect,
    .exec = tpl_exec,
    .query = tpl_query,
    .begin = tpl_begin,
    .commit = tpl_commit,
    .rollback = tpl_rollback,
    .lock = tpl_lock,
    .unlock = tpl_unlock,
    .split = tpl_split,
    .quote_ident = tpl_quote_ident,
    .quote_literal = tpl_quote_literal,
    /* Optional from here: delete a line (the entry is then NULL) for an
     * entry you decide not to write; see the comment above
     * tpl_server_version. */
    .server_version = tpl_server_version,
    .table_exists = tpl_table_exists,
    .in_transaction = tpl_in_transaction,
    .introspect = tpl_introspect,
    .render = tpl_render,
    .index_table = tpl_index_table,
    .type_family = tpl_type_family,
    .foreign_keys = tpl_foreign_keys,
    .fk_violations = tpl_fk_violations,
    .same_expr = tpl_same_expr,
    .session_sql = tpl_session_sql,
    .lint = tpl_lint,
    .exec_batch = tpl_exec_batch,
    .script = &tpl_script,
    .lint_rules = tpl_rules,
    .is_session_setting = tpl_is_session_setting,
    /* The longest name the engine keeps (0: no limit), and what it does
     * with a longer one (STRATA_IDENT_CHARS, STRATA_IDENT_TRUNCATE). */
    .ident_max = 0,
    .ident_flags = 0,
    /* STRATA_NAME_*: case of unquoted names, how names compare. */
    .name_flags = 0,
    .cancel = tpl_cancel,
    .schema_objects = tpl_schema_objects,
    .scratch_create = tpl_scratch_create,
    .scratch_drop = tpl_scratch_drop,
    .progress = tpl_progress,
    .progress_ms = 0, /* 0: the core's default, 1000 */
    .tables_exist = tpl_tables_exist);
