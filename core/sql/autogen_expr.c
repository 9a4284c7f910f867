/* autogen_expr.c - an expression read from an engine's catalog, made
 * portable where the engine reads the portable text back the same
 * (docs/design.md §9.13). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sql/autogen.h"
#include "sql/op.h"
#include "util/buf.h"

/* PostgreSQL's type names of more than one word, as format_type()
 * prints them after a cast. */
static const char *const multiword[] = {
    "character varying", "timestamp without time zone",
    "timestamp with time zone", "time without time zone",
    "time with time zone", "double precision", "bit varying"};

static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Length of the type name after "::" at p (0: none), with its
 * modifier "(n)" or "(p,s)" and array brackets. */
static size_t cast_len(const char *p)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof multiword / sizeof *multiword; i++) {
        size_t m = strlen(multiword[i]);

        if (strncmp(p, multiword[i], m) == 0 && !word_char(p[m])) {
            n = m;
            break;
        }
    }
    if (!n)
        while (word_char(p[n]))
            n++;
    if (n && p[n] == '(') {
        size_t m = 1 + strspn(p + n + 1, "0123456789, ");

        if (p[n + m] == ')')
            n += m + 1;
    }
    while (n && p[n] == '[' && p[n + 1] == ']')
        n += 2;
    return n;
}

/* A backquoted name the portable text can write bare: what
 * strata__op_put_ident writes without quotes. */
static int plain(const char *s, size_t n)
{
    strata_buf b = {0};
    char *w = strndup(s, n);
    int ok = w && n && strata__op_put_ident(&b, w) == STRATA_OK &&
             b.data && strcmp(b.data, w) == 0;

    free(w);
    strata__buf_free(&b);
    return ok;
}

int strata__autogen_expr(const char *e, char **out)
{
    strata_buf b = {0};
    int own = 0, rc = STRATA_OK;
    const char *p = e;

    *out = NULL;
    if (!e)
        return 0;
    while (*p && rc == STRATA_OK) {
        if (*p == '\'' || *p == '"') {
            const char *q = p + 1;

            for (; *q; q++)
                if (*q == *p && q[1] == *p)
                    q++;
                else if (*q == *p)
                    break;
            if (*q)
                q++;
            rc = strata__buf_append(&b, p, (size_t)(q - p));
            p = q;
            if (p[-1] == '\'' && p[0] == ':' && p[1] == ':') {
                size_t n = cast_len(p + 2);

                if (n)
                    p += 2 + n;
            }
        } else if (*p == '`') {
            const char *q = strchr(p + 1, '`');
            size_t n = q ? (size_t)(q - p - 1) : 0;

            if (q && plain(p + 1, n)) {
                rc = strata__buf_append(&b, p + 1, n);
                p = q + 1;
            } else {
                own = 1;
                rc = strata__buf_append(&b, p, 1);
                p++;
            }
        } else if (isdigit((unsigned char)*p) &&
                   (p == e || !word_char(p[-1]))) {
            /* A number, and PostgreSQL's cast after it (0::numeric). */
            size_t n = strspn(p, "0123456789.");

            rc = strata__buf_append(&b, p, n);
            p += n;
            if (p[0] == ':' && p[1] == ':' && (n = cast_len(p + 2)))
                p += 2 + n;
        } else {
            if (p[0] == ':' && p[1] == ':')
                own = 1;
            rc = strata__buf_append(&b, p, 1);
            p++;
        }
    }
    if (rc == STRATA_OK && !b.data)
        rc = strata__buf_puts(&b, "");
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return -1;
    }
    *out = b.data;
    return own;
}
