/* suggest.c - the closest valid choice to a mistyped verb, option,
 * target, environment or URL scheme, by edit distance. */
#include "util/suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Longest word compared: a longer one is no typo of a short choice. */
#define WORD_MAX 64

/* Optimal string alignment distance, case folded; > WORD_MAX when
 * either word is longer than that. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[WORD_MAX + 1][WORD_MAX + 1];

    if (la > WORD_MAX || lb > WORD_MAX)
        return WORD_MAX + 1;
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]);
            int cb = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ca != cb);

            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *strata__suggest(const char *word, const char *const *choices,
                            size_t n)
{
    size_t len = strlen(word), limit, best = WORD_MAX + 1, nprefix = 0;
    const char *hit = NULL, *prefix = NULL;

    limit = len <= 3 ? 1 : len <= 7 ? 2 : 3;
    for (size_t i = 0; i < n; i++) {
        size_t lc = strlen(choices[i]);
        /* Lengths further apart than the limit: too far, cheaply. */
        size_t dist = (lc > len ? lc - len : len - lc) > limit
                          ? WORD_MAX + 1
                          : distance(word, choices[i]);

        if (dist < best && dist <= limit && dist < lc) {
            best = dist;
            hit = choices[i];
        }
        if (len >= 2 && strncmp(choices[i], word, len) == 0) {
            prefix = choices[i];
            nprefix++;
        }
    }
    return hit ? hit : nprefix == 1 ? prefix : NULL;
}

void strata__suggest_add(strata_msg *m, const char *word,
                         const char *const *choices, size_t n,
                         const char *what, size_t max)
{
    const char *hit = strata__suggest(word, choices, n);

    if (hit)
        strata__msg_add(m, "; did you mean '%s'?", hit);
    if (!n)
        return;
    strata__msg_add(m, " (%s: ", what);
    for (size_t i = 0; i < n && i < max; i++)
        strata__msg_add(m, "%s%s", i ? ", " : "", choices[i]);
    if (n > max)
        strata__msg_add(m, ", and %zu more", n - max);
    strata__msg_add(m, ")");
}
