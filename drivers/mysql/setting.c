/* setting.c - which statements change only the session (the driver
 * table's is_session_setting): a SET of session or user variables to
 * plain values, so that session_sql runs on read-only verbs only as far
 * as it changes settings (docs/design.md §10.6). */
#include <string.h>
#include <strings.h>

#include "my.h"
#include "../common/text.h"

/* Token kinds of the scanner below. */
enum { TOK_END, TOK_WORD, TOK_QUOTED, TOK_VAR, TOK_PUNCT, TOK_REFUSED };

/* The first byte at or after p that is neither a blank nor inside a
 * comment; NULL for what MySQL would run (an executable comment
 * slash-star-! or slash-star-M-!) or cannot end. */
static const char *skip(const char *p)
{
    for (;;) {
        while (drv_is_blank(*p))
            p++;
        if (*p == '#' ||
            (p[0] == '-' && p[1] == '-' && (!p[2] || drv_is_blank(p[2])))) {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            if (p[2] == '!' || (p[2] == 'M' && p[3] == '!'))
                return NULL;
            p = strstr(p + 2, "*/");
            if (!p)
                return NULL;
            p += 2;
        } else {
            return p;
        }
    }
}

static int word_byte(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
           (unsigned char)ch >= 0x80;
}

/* The token at *p (after skip): its kind, *p past it, [*s, *s + *n) its
 * text.  A quoted token holding a backslash is refused: whether it
 * escapes the quote depends on sql_mode (NO_BACKSLASH_ESCAPES), which
 * session_sql itself may change, so where it ends is not certain. */
static int next(const char **p, const char **s, size_t *n)
{
    const char *q = skip(*p);

    if (!q)
        return TOK_REFUSED;
    *s = q;
    if (!*q) {
        *n = 0;
        *p = q;
        return TOK_END;
    }
    if (*q == '\'' || *q == '"' || *q == '`') {
        char quote = *q++;

        for (;; q++) {
            if (!*q || *q == '\\')
                return TOK_REFUSED;
            if (*q == quote && q[1] == quote)
                q++;
            else if (*q == quote)
                break;
        }
        *p = q + 1;
        *n = (size_t)(*p - *s);
        return TOK_QUOTED;
    }
    if (*q == '@') {
        q += q[1] == '@' ? 2 : 1;
        while (word_byte(*q) || *q == '.')
            q++;
        *p = q;
        *n = (size_t)(q - *s);
        return TOK_VAR;
    }
    if (word_byte(*q)) {
        while (word_byte(*q))
            q++;
        *p = q;
        *n = (size_t)(q - *s);
        return TOK_WORD;
    }
    /* A '(' opens a subquery or a call (a stored function can write);
     * a ';' a second statement. */
    if (*q == '(' || *q == ';')
        return TOK_REFUSED;
    *p = q + 1;
    *n = 1;
    return TOK_PUNCT;
}

static int is_word(const char *s, size_t n, const char *w)
{
    return n == strlen(w) && strncasecmp(s, w, n) == 0;
}

/* Words that make a SET more than a session setting: another scope
 * (GLOBAL, PERSIST, also as @@global.x), an account change (PASSWORD,
 * DEFAULT ROLE), or a statement run with it (MariaDB's SET STATEMENT
 * ... FOR).  prev is the word before (NULL at the first). */
static int writes(const char *s, size_t n, const char *prev, size_t pn)
{
    static const char *const words[] = {"GLOBAL", "PERSIST", "PERSIST_ONLY",
                                        "PASSWORD", "STATEMENT"};
    size_t k = 0;

    if (*s == '@') { /* a variable: its scope is what precedes the '.' */
        while (n && *s == '@') {
            s++;
            n--;
        }
        while (k < n && s[k] != '.')
            k++;
        n = k;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (is_word(s, n, words[i]))
            return 1;
    return prev && is_word(prev, pn, "DEFAULT") && is_word(s, n, "ROLE");
}

int my_is_session_setting(strata_conn *c, const char *sql, int *out)
{
    const char *p = sql, *s, *prev = NULL;
    size_t n, pn = 0;
    int kind;

    (void)c;
    *out = 0;
    if (!sql || next(&p, &s, &n) != TOK_WORD || !is_word(s, n, "SET"))
        return STRATA_OK;
    while ((kind = next(&p, &s, &n)) != TOK_END) {
        if (kind == TOK_REFUSED ||
            ((kind == TOK_WORD || kind == TOK_VAR) &&
             writes(s, n, prev, pn)))
            return STRATA_OK;
        prev = s;
        pn = n;
    }
    *out = 1;
    return STRATA_OK;
}
