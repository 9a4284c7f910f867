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
/* Everything printed so far on stdout written out now (a pipe's
 * buffer would hold a migration's lines until the run ends). */
void strata__flush(void);
/* "strata: " + formatted text + newline on stderr. */
void strata__errout(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* "strata: warning: " + text + newline on stderr (even when quiet). */
void strata__warn(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* Progress (-v): "strata: " + text + newline on stderr; not a warning. */
void strata__progress(const char *fmt, ...) STRATA_PRINTF(1, 2);
/* A progress event as one line on stderr as it is (--json: a JSON line). */
void strata__progress_line(const char *line);

/* Colour on a terminal: each of stdout and stderr is painted when it is
 * a terminal, unless no_color (--no-color), NO_COLOR is set (any value,
 * even empty) or TERM is dumb.  Off until this is called. */
void strata__color_init(int no_color);

typedef enum strata_tone {
    STRATA_TONE_NONE,
    STRATA_TONE_GOOD,   /* applied, validated, stamped */
    STRATA_TONE_SKIP,   /* skipped, empty: nothing ran */
    STRATA_TONE_BAD,    /* failed, drift */
    STRATA_TONE_UNDONE, /* rolled back, adopted */
} strata_tone;

/* The tone of an outcome word (docs/design.md §3.3). */
strata_tone strata__outcome_tone(const char *word);
/* Append word to b, painted in tone when stdout is painted, then spaces
 * up to width characters (the paint takes no column). */
int strata__buf_paint(strata_buf *b, strata_tone tone, const char *word,
                      int width);

#endif
