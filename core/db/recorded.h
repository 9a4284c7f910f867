/* recorded.h - what strata_history's rows say about one revision: the
 * checksum it last ran with, whether it is applied, and which way a
 * stamp row moved it. */
#ifndef STRATA_CORE_RECORDED_H
#define STRATA_CORE_RECORDED_H

#include <stddef.h>

#include "db/history.h"

/* 1 when row r records the checksum its revision ran, was stamped or
 * was accepted with (the rows strata__history_recorded reads). */
int strata__history_sets_checksum(const strata_history_row *r);

/* The checksum recorded for revision rev by the latest row of rows (n,
 * in id order) that ran, stamped or accepted it; NULL when none.  Points
 * into rows.  (check and the migrating verbs compare it with the file;
 * stamp --accept-checksum replaces it.) */
const char *strata__history_recorded(const strata_history_row *rows,
                                     size_t n, const char *rev);

/* 1 when r is a stamp row that marked its revision applied ("stamp
 * up"), 0 otherwise (a stamp down, or another row). */
int strata__history_stamp_applied(const strata_history_row *r);

/* 1 when the latest row of rows (n, in id order) that ran, reverted or
 * stamped rev says it is applied. */
int strata__history_says_applied(const strata_history_row *rows, size_t n,
                                 const char *rev);

#endif
