/* diesel.h - the Diesel reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_DIESEL_H
#define STRATA_CORE_LAYOUTS_DIESEL_H

#include <stddef.h>

#include "chain/layout.h"

extern const strata_layout strata__layout_diesel;

/* 1 when a metadata.toml of this text says the migration runs outside a
 * transaction, as Diesel reads it: run_in_transaction = false, or a file
 * that parses but leaves the key out (serde's default for a bool). */
int strata__diesel_no_txn(const char *text, size_t len);

#endif
