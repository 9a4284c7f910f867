/* drizzle.h - the Drizzle Kit reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_DRIZZLE_H
#define STRATA_CORE_LAYOUTS_DRIZZLE_H

#include <stddef.h>

#include "chain/layout.h"

extern const strata_layout strata__layout_drizzle;

/* Read files as Drizzle does given journal (meta/_journal.json's text,
 * read from journal_path): one revision per journal entry, in the
 * journal's order, each file cut at "--> statement-breakpoint" lines;
 * every section scoped to the journal's dialect. */
int strata__drizzle_read(const char *journal_path, const char *journal,
                         const strata_layout_file *const *files, size_t n,
                         strata_revlist *out, strata_error *err);

#endif
