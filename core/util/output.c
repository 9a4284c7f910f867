/* output.c - printing (-q, stderr prefixes) and the masking of fields
 * that may quote a credential: URLs, driver messages, config values.
 * Whole lines are not masked: a short password would turn every one of
 * its letters in a plan or a script into "***" (issue 13). */
#include "util/output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/url.h"

static char **secrets;
static size_t nsecrets;
static int quiet;

void strata__secret_add(const char *secret)
{
    char **s;

    if (!secret || !*secret)
        return;
    for (size_t i = 0; i < nsecrets; i++)
        if (strcmp(secrets[i], secret) == 0)
            return;
    s = realloc(secrets, (nsecrets + 1) * sizeof *s);
    if (!s)
        return;
    secrets = s;
    if ((secrets[nsecrets] = strdup(secret)))
        nsecrets++;
}

void strata__secrets_free(void)
{
    for (size_t i = 0; i < nsecrets; i++)
        free(secrets[i]);
    free(secrets);
    secrets = NULL;
    nsecrets = 0;
}

/* The longest registered secret at s: a shorter one first would leave
 * the rest of a longer one ("p" and "p@ss" both registered). */
static size_t secret_at(const char *s)
{
    size_t hit = 0;

    for (size_t i = 0; i < nsecrets; i++) {
        size_t n = strlen(secrets[i]);

        if (n > hit && strncmp(s, secrets[i], n) == 0)
            hit = n;
    }
    return hit;
}

char *strata__mask(const char *field)
{
    strata_buf b = {0};
    char *url = NULL, *out;
    const char *s = field;

    if (strstr(field, "://")) {
        if (!(url = strata__url_mask(field)))
            return NULL;
        s = url;
    }
    while (*s) {
        size_t hit = secret_at(s);

        if (hit ? strata__buf_puts(&b, "***") != STRATA_OK
                : strata__buf_append(&b, s, 1) != STRATA_OK) {
            strata__buf_free(&b);
            free(url);
            return NULL;
        }
        s += hit ? hit : 1;
    }
    free(url);
    out = b.data ? strata__buf_take(&b) : strdup("");
    return out;
}

void strata__output_set_quiet(int q) { quiet = q; }
int strata__output_quiet(void) { return quiet; }

static void vemit(FILE *f, const char *prefix, const char *fmt, va_list ap,
                  int newline)
{
    fputs(prefix, f);
    vfprintf(f, fmt, ap);
    if (newline)
        fputc('\n', f);
}

void strata__out(const char *fmt, ...)
{
    va_list ap;

    if (quiet)
        return;
    va_start(ap, fmt);
    vemit(stdout, "", fmt, ap, 0);
    va_end(ap);
}

void strata__print(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vemit(stdout, "", fmt, ap, 0);
    va_end(ap);
}

void strata__errout(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vemit(stderr, "strata: ", fmt, ap, 1);
    va_end(ap);
}

void strata__warn(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vemit(stderr, "strata: warning: ", fmt, ap, 1);
    va_end(ap);
}
