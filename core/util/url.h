/* url.h - the few things the core reads from a database URL: its scheme
 * and its password, so that every printed line can mask it. */
#ifndef STRATA_CORE_URL_H
#define STRATA_CORE_URL_H

#include <stddef.h>

/* Scheme of url ("postgres" for "postgres://..."; "sqlite" for
 * "sqlite::memory:"), malloc'd; NULL when url has no valid scheme
 * ([A-Za-z][A-Za-z0-9+.-]* followed by ':'). */
char *strata__url_scheme(const char *url);
/* Password of "scheme://user:password@host..." (percent-decoded) and of
 * a "password=" query parameter, malloc'd; NULL when there is none. */
char *strata__url_password(const char *url);
/* Every form of url's passwords a message could quote: as written
 * (percent-encoded) and decoded, for userinfo and ?password=.  *out is
 * a malloc'd array of *n malloc'd strings (free each, then the array). */
int strata__url_secrets(const char *url, char ***out, size_t *n);
/* Copy of url with the password replaced by "***", malloc'd. */
char *strata__url_mask(const char *url);

#endif
