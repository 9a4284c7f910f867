/* fixture_driver.h - a dialect driver loaded as the core loads it, for the
 * drivers' unit tests (test_<dialect>_*.c): its connections, and the
 * checks their split, render and introspect tests all make. */
#ifndef STRATA_TEST_FIXTURE_DRIVER_H
#define STRATA_TEST_FIXTURE_DRIVER_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/host.h"

/* String literals into the ABI's char * members (borrowed, never
 * written by the driver). */
#define S(x) ((char *)(x))

/* The driver under test, set by fx_open. */
extern const strata_driver *drv;

/* Load $STRATA_BUILD/drivers/strata_<dialect>.so (build/ by default)
 * and run its entry point with the core's host table; with conn, also
 * allocate one unconnected connection in *conn.  0, or -1 having said
 * why on stderr: a cmocka group setup's result. */
int fx_open(const char *dialect, strata_conn **conn);

/* Define group_setup, the cmocka group setup calling fx_open(dialect,
 * conn); written with a ';' after it. */
#define FX_GROUP_SETUP(dialect, conn)                                     \
    static int group_setup(void **state)                                  \
    {                                                                     \
        (void)state;                                                      \
        return fx_open(dialect, conn);                                    \
    }                                                                     \
    extern int fx_group_setup_end_

/* The group teardown matching fx_open: disconnect and free its
 * connection, dlclose the driver. */
int fx_close(void **state);

/* A connection of the driver's conn_size with the host set (asserts the
 * allocation); fx_conn_free disconnects it (NULL is fine) and frees. */
strata_conn *fx_conn(void);
void fx_conn_free(strata_conn *c);

/* split() on c, the list first filled with garbage: split() must set
 * every field. */
int fx_split(strata_conn *c, const char *sql, strata_stmt_list *l);

/* Split sql on a fresh connection, expecting n statements (listed on
 * stderr when not); returns the list (free it). */
strata_stmt_list fx_split_ok(const char *sql, size_t n);

/* A statement split() must give: its text, offset, line, normal form
 * (not checked when NULL) and flags. */
typedef struct fx_stmt {
    const char *sql;
    size_t offset;
    uint32_t line;
    const char *norm;
    uint32_t flags;
} fx_stmt;

/* Split the len bytes of sql on a fresh connection: it must give exactly
 * want[0..n); on a difference, what it gave is printed as fx_stmt
 * initialisers. */
void fx_split_expect(const char *sql, size_t len, const fx_stmt *want,
                     size_t n);

/* FX_SPLIT(sql, {sql, offset, line[, norm[, flags]]}, ...); FX_SPLIT_N
 * splits the first len bytes of sql only. */
#define FX_SPLIT_N(sql, len, ...)                                         \
    do {                                                                  \
        const fx_stmt w_[] = {__VA_ARGS__};                               \
        fx_split_expect((sql), (len), w_, sizeof w_ / sizeof *w_);        \
    } while (0)
#define FX_SPLIT(sql, ...) FX_SPLIT_N(sql, strlen(sql), __VA_ARGS__)

/* split() of the len bytes of sql must fail with STRATA_ERR_PARSE at
 * offset at, with message msg exactly, leaving an empty list;
 * fx_split_fails takes the whole string. */
void fx_split_fails_n(const char *sql, size_t len, size_t at,
                      const char *msg);
#define fx_split_fails(sql, at, msg)                                      \
    fx_split_fails_n(sql, strlen(sql), at, msg)

/* A test every driver's split() passes alike, which each driver's test
 * runs as its own: statements with offsets, lines and normal forms, the
 * last one without its ';', nothing to split, a NUL byte. */
void fx_split_common(void **state);

/* quote_ident (literal 0) or quote_literal on an unconnected connection
 * must turn in into want. */
void fx_quote(int literal, const char *in, const char *want);

/* Split script and exec each statement, as the runner does. */
void fx_run(strata_conn *c, const char *script);

/* An operation of kind on table, named name (may be NULL). */
strata_op fx_op(int kind, const char *table, const char *name);

/* render() that must succeed (the list first filled with garbage). */
strata_sql_list fx_render(strata_conn *c, const strata_op *ops, size_t n,
                          const strata_table *cat);
void fx_list_free(strata_sql_list *l);

/* Assert l holds exactly want (NULL-terminated), then free it. */
void fx_expect(strata_sql_list *l, const char *const *want);

/* render() must refuse with code and a message holding msg, leaving an
 * empty list. */
void fx_refused(strata_conn *c, const strata_op *ops, size_t n,
                const strata_table *cat, int code, const char *msg);

/* Every allocation render() makes failing in turn: each failure must be
 * STRATA_ERR_NOMEM saying so, with nothing left behind (the memory
 * checkers see leaks), until one succeeds. */
void fx_oom_render(strata_conn *c, const strata_op *ops, size_t n,
                   const strata_table *cat);

/* Hand the driver a host whose allocations fail after k more succeed
 * (-1: none fail); fx_host_restore gives it the core's host again. */
void fx_host_budget(long k);
void fx_host_restore(void);

/* introspect() that must succeed; free with strata__tables_free. */
strata_table *fx_introspect(strata_conn *c, const char *const *names,
                            size_t n);

/* introspect() reported t as name, existing or (exists 0) missing: no
 * columns, no definition. */
void fx_table_is(const strata_table *t, const char *name, int exists);

/* The n names of v are those of the list csv ("a, b"). */
void fx_names_are(char *const *v, size_t n, const char *csv);

/* c is a foreign key from columns to ref_table (ref_columns), the lists
 * as fx_names_are takes them. */
void fx_fk_is(const strata_constraint *c, const char *columns,
              const char *ref_table, const char *ref_columns);

/* ix's keys are the plain columns of spec ("a, b DESC"): no expression,
 * descending where marked. */
void fx_keys_are(const strata_index *ix, const char *spec);

/* The column, constraint or index of t named name; the test fails when
 * there is none. */
const strata_column *fx_col(const strata_table *t, const char *name);
const strata_constraint *fx_con(const strata_table *t, const char *name);
const strata_index *fx_idx(const strata_table *t, const char *name);

/* table_exists() on c must succeed and say want (1: it exists). */
void fx_exists(strata_conn *c, const char *table, int want);

/* A query callback counting rows into the int at payload, asking to
 * stop after the first. */
int fx_stop_after_one(void *payload, int ncols, const char *const *v,
                      const char *const *names);

/* A monotonic clock in milliseconds, for timeouts. */
long fx_now_ms(void);

/* The portable operation sql parses to (free with strata__op_free); the
 * test fails when sql is raw or refused. */
strata_op *fx_parse(const char *sql);

#endif
