/* quote.c - text wrapped in a quote character, each one inside doubled. */
#include <string.h>

#include "quote.h"

int drv_quote(const strata_host *host, strata_buf *b, const char *s, char q)
{
    const char *p;

    if (!s)
        s = "";
    if (host->buf_append(b, &q, 1))
        return STRATA_ERR_NOMEM;
    while ((p = strchr(s, q)) != NULL) {
        if (host->buf_append(b, s, (size_t)(p - s) + 1) ||
            host->buf_append(b, &q, 1))
            return STRATA_ERR_NOMEM;
        s = p + 1;
    }
    return host->buf_append(b, s, strlen(s)) || host->buf_append(b, &q, 1)
               ? STRATA_ERR_NOMEM
               : STRATA_OK;
}
