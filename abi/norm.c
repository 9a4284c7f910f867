/* norm.c - the checksum text of one statement (abi/norm.h). */
#include "norm.h"

#include <string.h>

char *strata_abi_norm(const strata_host *host, const char *s, size_t start,
                      size_t end, strata_abi_lex_fn lex, void *ctx,
                      size_t *last)
{
    char *norm = host->alloc(end - start + 1);
    size_t i = start, n = 0, next, stop = start;
    int blank, gap = 0;

    if (!norm)
        return NULL;
    while (i < end) {
        next = lex(ctx, s, end, i, &blank);
        if (next <= i || next > end)
            next = end; /* a lexer that cannot move on ends the text */
        if (blank) {
            gap = 1;
        } else {
            if (gap && n)
                norm[n++] = ' ';
            gap = 0;
            memcpy(norm + n, s + i, next - i);
            n += next - i;
            stop = next;
        }
        i = next;
    }
    norm[n] = '\0';
    if (last)
        *last = stop;
    return norm;
}
