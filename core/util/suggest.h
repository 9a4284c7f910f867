/* suggest.h - "did you mean": the valid choice closest to a mistyped
 * word, and the message tail that names it and lists the choices. */
#ifndef STRATA_CORE_SUGGEST_H
#define STRATA_CORE_SUGGEST_H

#include <stddef.h>

#include "util/msg.h"

/* The choice closest to word (edits, a swap of two neighbours counting
 * one, case ignored), or NULL when none is close: at most 1 edit for a
 * word up to 3 characters, 2 up to 7, else 3.  Failing that, the one
 * choice word is a prefix of (2 characters or more). */
const char *strata__suggest(const char *word, const char *const *choices,
                            size_t n);

/* Append "; did you mean 'X'?" when a choice is close, then
 * " (WHAT: a, b, c)" with at most max choices ("..., and 7 more"). */
void strata__suggest_add(strata_msg *m, const char *word,
                         const char *const *choices, size_t n,
                         const char *what, size_t max);

#endif
