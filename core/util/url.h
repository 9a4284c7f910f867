/* url.h - the few things the core reads from a database URL: its scheme
 * and its credentials, so that wherever it is printed it is masked. */
#ifndef STRATA_CORE_URL_H
#define STRATA_CORE_URL_H

#include <stddef.h>

/* Scheme of url ("postgres" for "postgres://..."; "sqlite" for
 * "sqlite::memory:"), malloc'd; NULL when url has no valid scheme
 * ([A-Za-z][A-Za-z0-9+.-]* followed by ':'). */
char *strata__url_scheme(const char *url);
/* Password of "scheme://user:password@host..." as libpq reads it (the
 * userinfo ends at the first '@' before the first '/'), percent-decoded,
 * else of a "password=" query parameter (its key percent-decoded too),
 * malloc'd; NULL when there is none. */
char *strata__url_password(const char *url);
/* 1 when clients read url's password differently: an unencoded '@' in
 * the host part after the userinfo's, or a '/' in the password.  Such a
 * URL is refused (docs/design.md §10.3). */
int strata__url_ambiguous(const char *url);
/* Every form of url's credentials a message could quote: as written
 * (percent-encoded) and decoded, for the userinfo (both readings when
 * ambiguous) and each ?password= / ?sslpassword=.  *out is a malloc'd
 * array of *n malloc'd strings (free each, then the array). */
int strata__url_secrets(const char *url, char ***out, size_t *n);
/* Copy of url with every credential (under any reading) replaced by
 * "***", malloc'd; NULL out of memory.  Applied to a text that holds
 * a URL, it masks that URL's. */
char *strata__url_mask(const char *url);

#endif
