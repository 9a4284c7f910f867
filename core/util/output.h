/* output.h - everything strata prints goes through here, so that secrets
 * (URL passwords) are masked in every line, and -q/--json are honoured. */
#ifndef STRATA_CORE_OUTPUT_H
#define STRATA_CORE_OUTPUT_H

#include <stdio.h>

#include "strata/driver.h"

/* Register a secret: every later occurrence in output becomes "***". */
void strata__secret_add(const char *secret);
void strata__secrets_free(void);

/* Mask secrets in s; a malloc'd copy (NULL on out-of-memory). */
char *strata__mask(const char *s);

/* Quiet: strata__out prints nothing (errors still go to stderr). */
void strata__output_set_quiet(int quiet);
int strata__output_quiet(void);

/* Formatted, masked text on stdout (suppressed when quiet). */
void strata__out(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* Formatted, masked text on stdout even when quiet (requested data:
 * --json documents, "current", "heads"). */
void strata__print(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* "strata: " + formatted, masked text + newline on stderr. */
void strata__errout(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* "strata: warning: " + text + newline on stderr (even when quiet). */
void strata__warn(const char *fmt, ...) STRATA_PRINTF(1, 2);

#endif
