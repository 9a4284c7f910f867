/* liquibase_split.h - Liquibase's statement splitting for formatted SQL
 * changesets (StringUtil.processMultiLineSQL). */
#ifndef STRATA_CORE_LAYOUTS_LIQUIBASE_SPLIT_H
#define STRATA_CORE_LAYOUTS_LIQUIBASE_SPLIT_H

#include <stddef.h>

/* Called per statement with its bytes [off, off + len) of the text:
 * comments and blanks around it and its delimiter left out.  A non-zero
 * return stops the split and is returned. */
typedef int (*strata_lb_stmt_fn)(void *payload, size_t off, size_t len);

/* Split text[0..len) as Liquibase does: at ';', or at GO or '/' alone at
 * the start of a line, outside quotes, comments and BEGIN ... END; with
 * delim (endDelimiter, may be NULL) at that token sequence instead; with
 * split = 0 the whole text is one statement. */
int strata__liquibase_split(const char *text, size_t len, int split,
                            const char *delim, strata_lb_stmt_fn fn,
                            void *payload);

#endif
