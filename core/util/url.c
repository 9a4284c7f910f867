/* url.c - scheme and password of a database URL, read as libpq reads
 * it, and its masked form. */
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

/* The password of url's userinfo.  libpq reads the authority up to the
 * first '/' and the userinfo up to the first '@' in it, so an unencoded
 * '#' or '?' belongs to the password; [*start, *end) is that password.
 * *span_end goes further where another reading takes more: a second '@'
 * in the host part (the RFC, and MySQL clients, end the userinfo at the
 * last '@'; libpq makes the rest a host), or a '/' in the password (no
 * '@' before the first '/', but a ':' there and an '@' after it: libpq
 * reads no password, the user meant one).  *ambiguous says so: such a
 * URL is refused, and everything that might be the password is masked.
 * 0 when there is no password. */
static int userinfo_password(const char *url, size_t *start, size_t *end,
                             size_t *span_end, int *ambiguous)
{
    const char *p = strstr(url, "://"), *auth, *slash, *at, *colon, *q;

    *ambiguous = 0;
    if (!p)
        return 0;
    auth = p + 3;
    slash = auth + strcspn(auth, "/");
    at = memchr(auth, '@', (size_t)(slash - auth));
    colon = memchr(auth, ':', (size_t)((at ? at : slash) - auth));
    if (!colon)
        return 0;
    *start = (size_t)(colon + 1 - url);
    if (at) {
        const char *host = at + 1, *last = at;

        for (q = host; *q && *q != '/' && *q != '?'; q++)
            if (*q == '@')
                last = q;
        *end = (size_t)(at - url);
        *span_end = (size_t)(last - url);
        *ambiguous = last != at;
        return 1;
    }
    /* u:p/w@host: an '@' after the first '/', before any query */
    if (!*slash)
        return 0;
    q = slash + strcspn(slash, "?@");
    if (*q != '@')
        return 0;
    *end = *span_end = (size_t)(q - url);
    *ambiguous = 1;
    return 1;
}

/* A query key that carries a credential, once percent-decoded: libpq
 * decodes keys too (?%70assword= is password=). */
static int secret_key(const char *k, size_t n)
{
    static const char *const keys[] = {"password", "sslpassword"};
    char *d = pct_decode(k, n);
    int hit = 0;

    if (!d)
        return -1;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        hit |= strcmp(d, keys[i]) == 0;
    free(d);
    return hit;
}

/* The value of the credential parameter at or after the byte from: its
 * bounds; 0 when there is none more, -1 out of memory.  Every '?' and
 * '&' after the first '?' may start one: that first '?' can be inside
 * a userinfo password ("u:p?w@host/db?password=x"). */
static int query_password(const char *url, size_t from, size_t *start,
                          size_t *end)
{
    const char *q = strchr(url, '?');

    while (q) {
        size_t kn;
        int hit;

        q++;
        kn = strcspn(q, "=&#?");
        if (q[kn] == '=' && (size_t)(q - url) >= from) {
            if ((hit = secret_key(q, kn)) < 0)
                return -1;
            if (hit) {
                /* a URL has no blank (libpq refuses one): in a
                 * message quoting the URL, the value ends there */
                *start = (size_t)(q + kn + 1 - url);
                *end = *start + strcspn(q + kn + 1, "&# \t\n");
                return 1;
            }
        }
        q = strpbrk(q, "?&");
    }
    return 0;
}

char *strata__url_password(const char *url)
{
    size_t s, e, span;
    int amb;

    if (!url)
        return NULL;
    if (userinfo_password(url, &s, &e, &span, &amb) ||
        query_password(url, 0, &s, &e) == 1)
        return pct_decode(url + s, e - s);
    return NULL;
}

int strata__url_ambiguous(const char *url)
{
    size_t s, e, span;
    int amb = 0;

    return url && userinfo_password(url, &s, &e, &span, &amb) && amb;
}

/* Every region of url that may hold a credential, in order, overlaps
 * merged: *n pairs in s[] and e[] (at most cap).  -1 out of memory. */
static int regions(const char *url, size_t *s, size_t *e, size_t cap,
                   size_t *n)
{
    size_t end, from = 0;
    int amb, r;

    *n = 0;
    if (userinfo_password(url, &s[0], &end, &e[0], &amb))
        *n = 1;
    while (*n < cap &&
           (r = query_password(url, from, &s[*n], &e[*n])) != 0) {
        if (r < 0)
            return -1;
        from = e[*n];
        (*n)++;
    }
    /* In a well-formed URL the userinfo comes before the query, but the
     * searches are independent ("a:?password=x://u:p@h" finds the
     * query first, inside it): sort, then merge overlaps, or the copy
     * in strata__url_mask would run backwards. */
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && s[j] < s[j - 1]; j--) {
            size_t t = s[j];
            s[j] = s[j - 1], s[j - 1] = t;
            t = e[j];
            e[j] = e[j - 1], e[j - 1] = t;
        }
    for (size_t i = 1; i < *n;) {
        if (s[i] <= e[i - 1]) {
            if (e[i] > e[i - 1])
                e[i - 1] = e[i];
            memmove(&s[i], &s[i + 1], (*n - i - 1) * sizeof *s);
            memmove(&e[i], &e[i + 1], (*n - i - 1) * sizeof *e);
            (*n)--;
        } else {
            i++;
        }
    }
    return 0;
}

#define URL_REGIONS 16 /* credentials in one URL; more are not masked
                        * apart (the rest of the query is, whole) */

char *strata__url_mask(const char *url)
{
    strata_buf b = {0};
    size_t s[URL_REGIONS], e[URL_REGIONS], n, pos = 0;

    if (!url)
        return NULL;
    if (regions(url, s, e, URL_REGIONS, &n) < 0)
        return NULL;
    if (n == URL_REGIONS) /* absurd: mask to the end */
        e[n - 1] = strlen(url);
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

/* s[0, n) as written and decoded. */
static int push_both(char ***v, size_t *nv, const char *s, size_t n)
{
    int rc = push(v, nv, strndup(s, n));

    return rc == STRATA_OK ? push(v, nv, pct_decode(s, n)) : rc;
}

int strata__url_secrets(const char *url, char ***out, size_t *n)
{
    size_t s, e, span, from = 0;
    int rc = STRATA_OK, amb, r;

    *out = NULL;
    *n = 0;
    if (!url)
        return STRATA_OK;
    if (userinfo_password(url, &s, &e, &span, &amb)) {
        rc = push_both(out, n, url + s, e - s);
        if (rc == STRATA_OK && span != e)
            rc = push_both(out, n, url + s, span - s);
    }
    while (rc == STRATA_OK && (r = query_password(url, from, &s, &e)) != 0) {
        if (r < 0)
            return STRATA_ERR_NOMEM;
        rc = push_both(out, n, url + s, e - s);
        from = e;
    }
    return rc;
}
