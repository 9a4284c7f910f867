/* output.c - printing (-q, stderr prefixes, colour on a terminal) and the
 * masking of fields that may quote a credential: URLs, driver messages,
 * config values.
 * Whole lines are not masked: a short password would turn every one of
 * its letters in a plan or a script into "***" (issue 13). */
#include "util/output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/url.h"

static char **secrets;
static size_t nsecrets;
static int quiet;
static int color_out, color_err; /* stdout, stderr: paint them */

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

/* --- colour (docs/design.md §9.4) ------------------------------------- */

static const char *const tone_sgr[] = {
    [STRATA_TONE_NONE] = "",        [STRATA_TONE_GOOD] = "\033[32m",
    [STRATA_TONE_SKIP] = "\033[2m", [STRATA_TONE_BAD] = "\033[1;31m",
    [STRATA_TONE_UNDONE] = "\033[33m",
};
#define SGR_RESET "\033[0m"

void strata__color_init(int no_color)
{
    const char *term = getenv("TERM");
    /* NO_COLOR set to anything, even empty, turns colour off. */
    int off = no_color || getenv("NO_COLOR") ||
              (term && strcmp(term, "dumb") == 0);

    color_out = !off && isatty(STDOUT_FILENO);
    color_err = !off && isatty(STDERR_FILENO);
}

strata_tone strata__outcome_tone(const char *word)
{
    static const struct {
        const char *prefix;
        strata_tone tone;
    } map[] = {
        {"applied", STRATA_TONE_GOOD},    {"validated", STRATA_TONE_GOOD},
        {"rebuilt", STRATA_TONE_GOOD},    {"stamped", STRATA_TONE_GOOD},
        {"skipped", STRATA_TONE_SKIP},    {"empty", STRATA_TONE_SKIP},
        {"done", STRATA_TONE_SKIP},       {"failed", STRATA_TONE_BAD},
        {"drift", STRATA_TONE_BAD},       {"rolled back", STRATA_TONE_UNDONE},
        {"adopted", STRATA_TONE_UNDONE},
    };

    for (size_t i = 0; word && i < sizeof map / sizeof map[0]; i++)
        if (strncmp(word, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].tone;
    return STRATA_TONE_NONE;
}

int strata__buf_paint(strata_buf *b, strata_tone tone, const char *word,
                      int width)
{
    int len = (int)strlen(word), rc;

    if (color_out && tone != STRATA_TONE_NONE)
        rc = strata__buf_printf(b, "%s%s" SGR_RESET, tone_sgr[tone], word);
    else
        rc = strata__buf_puts(b, word);
    for (; rc == STRATA_OK && len < width; len++)
        rc = strata__buf_puts(b, " ");
    return rc;
}

/* --- printing ----------------------------------------------------------- */

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

void strata__flush(void)
{
    fflush(stdout);
}

/* Messages on stderr come after what stdout has so far: a terminal or a
 * log that merges both keeps their order. */
void strata__errout(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vemit(stderr,
          color_err ? "\033[1;31mstrata:" SGR_RESET " " : "strata: ", fmt,
          ap, 1);
    va_end(ap);
}

void strata__warn(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vemit(stderr,
          color_err ? "strata: \033[33mwarning:" SGR_RESET " "
                    : "strata: warning: ",
          fmt, ap, 1);
    va_end(ap);
}

void strata__progress(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vemit(stderr, color_err ? "\033[2mstrata:" SGR_RESET " " : "strata: ",
          fmt, ap, 1);
    va_end(ap);
}

void strata__progress_line(const char *line)
{
    fflush(stdout);
    fputs(line, stderr);
    fputc('\n', stderr);
}
