/* json.c - JSON string escaping (RFC 8259): quotes, backslashes and
 * control characters; UTF-8 passes through (files are checked valid). */
#include "json.h"

#include <stdio.h>
#include <string.h>

#include "host.h"

int strata__json_str(strata_buf *b, const char *s)
{
    int rc;

    if (!s)
        return strata__buf_puts(b, "null");
    rc = strata__buf_puts(b, "\"");
    while (*s && rc == STRATA_OK) {
        unsigned char c = (unsigned char)*s;
        const char *esc = NULL;
        size_t run = 0;

        /* Copy a run of characters that need no escape in one go. */
        while (s[run] && (unsigned char)s[run] >= 0x20 && s[run] != '"' &&
               s[run] != '\\')
            run++;
        if (run) {
            rc = strata__buf_append(b, s, run);
            s += run;
            continue;
        }
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        }
        rc = esc ? strata__buf_puts(b, esc)
                 : strata__buf_printf(b, "\\u%04x", c);
        s++;
    }
    if (rc == STRATA_OK)
        rc = strata__buf_puts(b, "\"");
    return rc;
}

int strata__json_key(strata_buf *b, const char *key, int first)
{
    int rc = first ? STRATA_OK : strata__buf_puts(b, ",");

    if (rc == STRATA_OK)
        rc = strata__json_str(b, key);
    if (rc == STRATA_OK)
        rc = strata__buf_puts(b, ":");
    return rc;
}
