/* prisma.h - the Prisma Migrate reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_PRISMA_H
#define STRATA_CORE_LAYOUTS_PRISMA_H

#include "chain/layout.h"

extern const strata_layout strata__layout_prisma;

/* The dialect bits (tooldb.h) of a migration_lock.toml's provider:
 * STRATA_TOOLDB_ALL when text is NULL (no lock file); 0 for a provider
 * strata has no driver for, named in *provider (malloc'd, may be NULL). */
unsigned strata__prisma_provider(const char *text, size_t len,
                                 char **provider);

#endif
