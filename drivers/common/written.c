/* written.c - an operation's own text for a dialect section (written.h). */
#include <string.h>
#include <strings.h>

#include "text.h"
#include "written.h"

int drv_as_written(const strata_op *op)
{
    return (op->flags & STRATA_OP_AS_WRITTEN) && op->sql;
}

/* The next word of s from *pos (blanks and comments skipped): its
 * start in *at and length returned; 0 at anything else. */
static size_t word(const char *s, size_t *pos, size_t *at)
{
    size_t i = *pos, n = 0;

    for (;;) {
        while (drv_is_blank(s[i]))
            i++;
        if (s[i] == '-' && s[i + 1] == '-') {
            i += strcspn(s + i, "\n");
        } else if (s[i] == '/' && s[i + 1] == '*') {
            const char *e = strstr(s + i + 2, "*/");

            i = e ? (size_t)(e - s) + 2 : strlen(s);
        } else {
            break;
        }
    }
    *at = i;
    while ((s[i + n] | 0x20) >= 'a' && (s[i + n] | 0x20) <= 'z')
        n++;
    *pos = i + n;
    return n;
}

static int is(const char *s, size_t at, size_t n, const char *w)
{
    return n == strlen(w) && strncasecmp(s + at, w, n) == 0;
}

/* Where IF [NOT] EXISTS would go in s, or (size_t)-1 when it has one
 * or is no CREATE/DROP of a table or index; *create: which of the two. */
static size_t if_slot(const char *s, int *create)
{
    size_t pos = 0, at, n = word(s, &pos, &at);

    *create = is(s, at, n, "create");
    if (!*create && !is(s, at, n, "drop"))
        return (size_t)-1;
    n = word(s, &pos, &at);
    if (*create && is(s, at, n, "unique"))
        n = word(s, &pos, &at);
    if (is(s, at, n, "index")) {
        size_t p2 = pos, a2, n2 = word(s, &p2, &a2);

        if (is(s, a2, n2, "concurrently"))
            pos = p2;
    } else if (!is(s, at, n, "table")) {
        return (size_t)-1;
    }
    n = word(s, &pos, &at);
    return is(s, at, n, "if") ? (size_t)-1 : at;
}

int drv_put_written(const strata_host *host, strata_buf *b,
                    const strata_op *op)
{
    const char *s = op->sql ? op->sql : "";
    size_t at = (size_t)-1;
    int create = 0;

    if (op->if_exists)
        at = if_slot(s, &create);
    if (at == (size_t)-1)
        return host->buf_append(b, s, strlen(s));
    if (host->buf_append(b, s, at) ||
        host->buf_printf(b, "%s", create ? "IF NOT EXISTS " : "IF EXISTS "))
        return STRATA_ERR_NOMEM;
    return host->buf_append(b, s + at, strlen(s + at));
}
