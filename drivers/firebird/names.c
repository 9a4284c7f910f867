/* names.c - names between strata and Firebird: strata folds unquoted
 * names to lower case, Firebird to upper case, so a name the engine would
 * fold is sent and read back in the other case (docs/dialects.md §11). */
#include <string.h>

#include "fb.h"

/* Would the engine fold this word (a letter first; letters, digits, _,
 * $)?  Only then does the case map. */
static int foldable(const char *s, int upper)
{
    char lo = upper ? 'A' : 'a', hi = upper ? 'Z' : 'z';

    if (!s || !((*s >= lo && *s <= hi)))
        return 0;
    for (; *s; s++)
        if (!((*s >= lo && *s <= hi) || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '$'))
            return 0;
    return 1;
}

static int put_mapped(strata_buf *b, const char *name, char q)
{
    int up = foldable(name, 0);
    char ch[2] = {0, 0};
    int rc = fb_host->buf_append(b, &q, 1);

    for (const char *p = name ? name : ""; rc == STRATA_OK && *p; p++) {
        ch[0] = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        rc = fb_host->buf_append(b, ch, 1);
        if (rc == STRATA_OK && *p == q)
            rc = fb_host->buf_append(b, ch, 1);
    }
    return rc == STRATA_OK ? fb_host->buf_append(b, &q, 1) : rc;
}

char *fb_engine_name(const char *name)
{
    int up = foldable(name, 0);
    char *out = fb_host->strdup(name ? name : "");

    for (char *p = out; up && p && *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return out;
}

int fb_put_name(strata_buf *b, const char *name)
{
    return put_mapped(b, name, '"');
}

int fb_put_name_literal(strata_buf *b, const char *name)
{
    return put_mapped(b, name, '\'');
}

int fb_put_literal(strata_buf *b, const char *s)
{
    char q = '\'';
    const char *p = s ? s : "", *run = p;
    int rc = fb_host->buf_append(b, &q, 1);

    for (; rc == STRATA_OK && *p; p++)
        if (*p == q) {
            rc = fb_host->buf_append(b, run, (size_t)(p - run) + 1);
            run = p;
        }
    if (rc == STRATA_OK)
        rc = fb_host->buf_append(b, run, strlen(run));
    return rc == STRATA_OK ? fb_host->buf_append(b, &q, 1) : rc;
}

char *fb_strata_name(const char *engine)
{
    size_t n = engine ? strlen(engine) : 0;
    char *out;

    while (n > 0 && engine[n - 1] == ' ')
        n--;
    if (!(out = fb_host->strndup(engine ? engine : "", n)))
        return NULL;
    if (foldable(out, 1))
        for (char *p = out; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    return out;
}
