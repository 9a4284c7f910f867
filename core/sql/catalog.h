/* catalog.h - a table's neutral catalog (live, from a driver, or simulated
 * by replaying operations): memory, lookups, applying an operation, and
 * comparing definitions the way ensure semantics need
 * (docs/design.md §3.3). */
#ifndef STRATA_CORE_CATALOG_H
#define STRATA_CORE_CATALOG_H

#include <stddef.h>

#include "strata/driver.h"

/* Free what the structs own (NULL-safe) and zero them: abi/free.h's
 * destructors with the core's host. */
void strata__column_clear(strata_column *c);
void strata__constraint_clear(strata_constraint *c);
void strata__index_clear(strata_index *ix);
void strata__table_clear(strata_table *t);
/* Free an array of n tables (introspect's answer) and the array. */
void strata__tables_free(strata_table *v, size_t n);

/* Deep copies into zeroed destinations; STRATA_ERR_NOMEM (dst cleared). */
int strata__column_copy(strata_column *dst, const strata_column *src);
int strata__constraint_copy(strata_constraint *dst,
                            const strata_constraint *src);
int strata__index_copy(strata_index *dst, const strata_index *src);
int strata__table_copy(strata_table *dst, const strata_table *src);

/* Lookups by name: the one spelt so, else one equal without ASCII case
 * (SQLite and MySQL compare names so); NULL when absent.  Where the
 * engine's rule matters (ensure), strata__name_same checks the match. */
strata_column *strata__table_column(const strata_table *t, const char *name);
strata_constraint *strata__table_constraint(const strata_table *t,
                                            const char *name);
strata_index *strata__table_index(const strata_table *t, const char *name);
int strata__name_eq(const char *a, const char *b);
/* Are a and b one name to an engine whose driver says flags
 * (strata_driver.name_flags)?  table: they name tables. */
int strata__name_same(uint32_t flags, int table, const char *a,
                      const char *b);

/* Change t as op would (a simulation: no engine rewriting). */
int strata__table_apply(strata_table *t, const strata_op *op);

/* Expression text folded for comparison: whitespace dropped and letters
 * lowered outside quotes, redundant outer parentheses removed. */
int strata__expr_fold(const char *e, strata_buf *out);

/* Compare expressions: the driver's same_expr when given (may be NULL),
 * else folded text.  *out = 1 when equal. */
typedef struct strata_compare {
    const strata_driver *drv; /* for same_expr and type_family */
    strata_conn *conn;
    const char *table;
} strata_compare;

int strata__expr_eq(const strata_compare *cmp, const char *a, const char *b,
                    int *out);
/* Same type family through the driver (folded text without one). */
int strata__type_eq(const strata_compare *cmp, const char *a, const char *b,
                    int *out);
/* Same definition (the name is not compared). */
int strata__index_eq(const strata_compare *cmp, const strata_index *a,
                     const strata_index *b, int *out);
int strata__constraint_eq(const strata_compare *cmp,
                          const strata_constraint *a,
                          const strata_constraint *b, int *out);

/* Definitions in words, for drift messages ("(a, b DESC) WHERE x"). */
int strata__index_describe(const strata_index *ix, strata_buf *out);
int strata__constraint_describe(const strata_constraint *c, strata_buf *out);
int strata__column_describe(const strata_column *c, strata_buf *out);

#endif
