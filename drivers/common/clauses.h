/* clauses.h - pieces of SQL every dialect's render() writes alike:
 * quoted name lists, constraint bodies (REFERENCES clauses included),
 * index keys, and the operation's words for its messages. */
#ifndef STRATA_DRV_CLAUSES_H
#define STRATA_DRV_CLAUSES_H

#include <stddef.h>

#include "strata/driver.h"
#include "hidden.h"

/* "CREATE TABLE", "ADD COLUMN", ... for a STRATA_OP_* kind; "?" else. */
const char *drv_op_word(int kind) DRV_HIDDEN;

/* Append ("a", "b"): each name wrapped in q with q doubled inside. */
int drv_qi_list(const strata_host *host, strata_buf *b, char *const *names,
                size_t n, char q) DRV_HIDDEN;

/* Append [ ON DELETE a][ ON UPDATE a] of foreign key k. */
int drv_fk_actions(const strata_host *host, strata_buf *b,
                   const strata_constraint *k) DRV_HIDDEN;

/* Append what follows a constraint's name: " PRIMARY KEY (...)",
 * " UNIQUE (...)", " CHECK (...)" or " FOREIGN KEY (...) REFERENCES
 * ..."; inl: the column form, written inside the column's definition
 * (no column list).  STRATA_ERR_INVALID for an unknown kind. */
int drv_con_body(const strata_host *host, strata_buf *b,
                 const strata_constraint *k, int inl, char q) DRV_HIDDEN;

/* Append an index's " (key, ...)[ WHERE predicate]": a column key
 * quoted with q, an expression key in parentheses, DESC when so. */
int drv_index_keys(const strata_host *host, strata_buf *b,
                   const strata_index *ix, char q) DRV_HIDDEN;

#endif
