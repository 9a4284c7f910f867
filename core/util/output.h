/* output.h - everything strata prints goes through here, so that -q and
 * --json are honoured; and the masking of the fields that may quote a
 * credential (docs/design.md §9.4). */
#ifndef STRATA_CORE_OUTPUT_H
#define STRATA_CORE_OUTPUT_H

#include <stdio.h>

#include "strata/driver.h"

/* Register a credential (a URL's password, as written and decoded):
 * strata__mask replaces it wherever a field quotes it. */
void strata__secret_add(const char *secret);
void strata__secrets_free(void);

/* field with the credentials of a URL in it (strata__url_mask) and every
 * registered secret replaced by "***"; a malloc'd copy (NULL out of
 * memory).  For fields that may quote a credential, before they are
 * escaped (JSON) or cut (a driver's message): never whole lines. */
char *strata__mask(const char *field);

/* Quiet: strata__out prints nothing (errors still go to stderr). */
void strata__output_set_quiet(int quiet);
int strata__output_quiet(void);

/* Formatted text on stdout (suppressed when quiet). */
void strata__out(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* Formatted text on stdout even when quiet (requested data:
 * --json documents, "current", "heads"). */
void strata__print(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* "strata: " + formatted text + newline on stderr. */
void strata__errout(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* "strata: warning: " + text + newline on stderr (even when quiet). */
void strata__warn(const char *fmt, ...) STRATA_PRINTF(1, 2);

#endif
