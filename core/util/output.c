/* output.c - masked printing: no line strata prints may carry a URL
 * password, whichever module formatted it. */
#include "util/output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

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

char *strata__mask(const char *s)
{
    strata_buf b = {0};

    while (*s) {
        size_t hit = 0;

        for (size_t i = 0; i < nsecrets && !hit; i++) {
            size_t n = strlen(secrets[i]);
            if (strncmp(s, secrets[i], n) == 0)
                hit = n;
        }
        if (hit) {
            if (strata__buf_puts(&b, "***") != STRATA_OK)
                goto oom;
            s += hit;
        } else {
            if (strata__buf_append(&b, s, 1) != STRATA_OK)
                goto oom;
            s++;
        }
    }
    return strata__buf_take(&b);
oom:
    strata__buf_free(&b);
    return NULL;
}

void strata__output_set_quiet(int q) { quiet = q; }
int strata__output_quiet(void) { return quiet; }

static void vemit(FILE *f, const char *prefix, const char *fmt, va_list ap,
                  int newline)
{
    strata_buf b = {0};
    char *masked;

    if (strata__buf_vprintf(&b, fmt, ap) != STRATA_OK) {
        strata__buf_free(&b);
        fputs("strata: out of memory\n", stderr);
        return;
    }
    masked = nsecrets ? strata__mask(b.data ? b.data : "") : NULL;
    fprintf(f, "%s%s%s", prefix, masked ? masked : (b.data ? b.data : ""),
            newline ? "\n" : "");
    free(masked);
    strata__buf_free(&b);
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
