/* written.h - an operation of a dialect's own section (STRATA_OP_AS_WRITTEN)
 * run as its own text where rendering would only re-spell it. */
#ifndef STRATA_DRV_WRITTEN_H
#define STRATA_DRV_WRITTEN_H

#include "strata/driver.h"
#include "hidden.h"

/* 1 when op runs as written: the flag is set and the text is there. */
int drv_as_written(const strata_op *op) DRV_HIDDEN;

/* Append op->sql.  When op->if_exists is set (offline scripts set it)
 * and the statement is CREATE [UNIQUE] TABLE|INDEX [CONCURRENTLY] or
 * DROP TABLE|INDEX [CONCURRENTLY] without IF, "IF NOT EXISTS " or "IF
 * EXISTS " goes in after those words.  STRATA_ERR_NOMEM on failure. */
int drv_put_written(const strata_host *host, strata_buf *b,
                    const strata_op *op) DRV_HIDDEN;

#endif
