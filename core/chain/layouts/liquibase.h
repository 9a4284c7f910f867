/* liquibase.h - the Liquibase formatted SQL reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_LIQUIBASE_H
#define STRATA_CORE_LAYOUTS_LIQUIBASE_H

#include <stddef.h>

#include "chain/layout.h"

extern const strata_layout strata__layout_liquibase;

/* 1 when text's first non-blank line is "--liquibase formatted sql". */
int strata__liquibase_marked(const char *text, size_t len);

/* The changesets of one formatted SQL file f, appended to out in file
 * order (not linked). */
int strata__liquibase_file(const strata_layout_file *f, strata_revlist *out,
                           strata_error *err);

#endif
