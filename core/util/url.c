/* url.c - scheme and password of a database URL, and its masked form. */
#include "util/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

char *strata__url_scheme(const char *url)
{
    size_t n = 0;

    if (!url || !isalpha((unsigned char)url[0]))
        return NULL;
    while (isalnum((unsigned char)url[n]) || url[n] == '+' ||
           url[n] == '.' || url[n] == '-')
        n++;
    if (url[n] != ':')
        return NULL;
    return strndup(url, n);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char *pct_decode(const char *s, size_t n)
{
    char *d = malloc(n + 1), *o = d;

    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
            hexval(s[i + 2]) >= 0) {
            *o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return d;
}

/* Bounds of the password in url: [*start, *end); 0 when none.  The
 * authority runs to the first '/' after "://", as libpq reads it: libpq
 * sends "u:p#w@host" or "u:p?w@host" with the password "p#w", so those
 * must be found (and masked) too.  The userinfo ends at the last '@'
 * before any '?' or '#' (RFC 3986; an unencoded '@' in the password
 * stays in it), else at the first '@' after them (libpq's reading). */
static int userinfo_password(const char *url, size_t *start, size_t *end)
{
    const char *p = strstr(url, "://"), *auth, *at, *colon, *stop, *mark;

    if (!p)
        return 0;
    auth = p + 3;
    stop = auth + strcspn(auth, "/");
    mark = auth + strcspn(auth, "?#");
    if (mark > stop)
        mark = stop;
    at = NULL;
    for (const char *q = auth; q < mark; q++)
        if (*q == '@')
            at = q;
    if (!at)
        at = memchr(mark, '@', (size_t)(stop - mark));
    if (!at)
        return 0;
    colon = memchr(auth, ':', (size_t)(at - auth));
    if (!colon)
        return 0;
    *start = (size_t)(colon + 1 - url);
    *end = (size_t)(at - url);
    return 1;
}

/* Bounds of a "password=" query parameter's value.  Every '?' and '&'
 * after the first '?' may start one: that first '?' can be inside a
 * userinfo password ("u:p?w@host/db?password=x"). */
static int query_password(const char *url, size_t *start, size_t *end)
{
    const char *q = strchr(url, '?');

    while (q) {
        q++;
        if (strncmp(q, "password=", 9) == 0) {
            *start = (size_t)(q + 9 - url);
            *end = *start + strcspn(q + 9, "&#");
            return 1;
        }
        q = strpbrk(q, "?&");
    }
    return 0;
}

char *strata__url_password(const char *url)
{
    size_t s, e;

    if (!url)
        return NULL;
    if (userinfo_password(url, &s, &e) || query_password(url, &s, &e))
        return pct_decode(url + s, e - s);
    return NULL;
}

char *strata__url_mask(const char *url)
{
    strata_buf b = {0};
    size_t s[2], e[2], n = 0, pos = 0;

    if (!url)
        return NULL;
    if (userinfo_password(url, &s[n], &e[n]))
        n++;
    if (query_password(url, &s[n], &e[n]))
        n++;
    /* In a well-formed URL the userinfo comes before the query, but the
     * two searches are independent ("a:?password=x://u:p@h" finds the
     * query first, inside it): order them and merge an overlap, or the
     * copy below would run backwards. */
    if (n == 2) {
        if (s[1] < s[0]) {
            size_t t = s[0];
            s[0] = s[1], s[1] = t;
            t = e[0];
            e[0] = e[1], e[1] = t;
        }
        if (s[1] < e[0]) {
            if (e[1] > e[0])
                e[0] = e[1];
            n = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (strata__buf_append(&b, url + pos, s[i] - pos) != STRATA_OK ||
            strata__buf_puts(&b, "***") != STRATA_OK)
            goto oom;
        pos = e[i];
    }
    if (strata__buf_puts(&b, url + pos) != STRATA_OK)
        goto oom;
    return strata__buf_take(&b);
oom:
    strata__buf_free(&b);
    return NULL;
}

static int push(char ***v, size_t *n, char *s)
{
    char **nv;

    if (!s)
        return STRATA_ERR_NOMEM;
    if (!*s) {
        free(s);
        return STRATA_OK;
    }
    nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) {
        free(s);
        return STRATA_ERR_NOMEM;
    }
    *v = nv;
    nv[(*n)++] = s;
    return STRATA_OK;
}

int strata__url_secrets(const char *url, char ***out, size_t *n)
{
    size_t s, e;
    int rc = STRATA_OK;

    *out = NULL;
    *n = 0;
    if (!url)
        return STRATA_OK;
    if (userinfo_password(url, &s, &e)) {
        rc = push(out, n, strndup(url + s, e - s));
        if (rc == STRATA_OK)
            rc = push(out, n, pct_decode(url + s, e - s));
    }
    if (rc == STRATA_OK && query_password(url, &s, &e)) {
        rc = push(out, n, strndup(url + s, e - s));
        if (rc == STRATA_OK)
            rc = push(out, n, pct_decode(url + s, e - s));
    }
    return rc;
}
