/* lines.c - a file line by line, and comment-line markers in it. */
#include "chain/layouts/lines.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static void fill(const strata_layout_file *f, strata_line *l, size_t at)
{
    const char *nl = memchr(f->text + at, '\n', f->len - at);

    l->start = at;
    l->end = nl ? (size_t)(nl - f->text) : f->len;
    l->next = nl ? l->end + 1 : f->len;
    if (l->end > l->start && f->text[l->end - 1] == '\r')
        l->end--;
}

int strata__line_first(const strata_layout_file *f, strata_line *l)
{
    if (!f->len)
        return 0;
    fill(f, l, 0);
    l->no = 1;
    return 1;
}

int strata__line_next(const strata_layout_file *f, strata_line *l)
{
    if (l->next >= f->len)
        return 0;
    fill(f, l, l->next);
    l->no++;
    return 1;
}

int strata__line_comment(const strata_layout_file *f, const strata_line *l,
                         const char *word, size_t *rest)
{
    const char *s = f->text + l->start, *e = f->text + l->end;
    size_t n = strlen(word);

    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (e - s < 2 || s[0] != '-' || s[1] != '-')
        return 0;
    s += 2;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if ((size_t)(e - s) < n || strncasecmp(s, word, n) != 0)
        return 0;
    if (rest)
        *rest = (size_t)(s + n - f->text);
    return 1;
}

int strata__line_blank(const strata_layout_file *f, const strata_line *l)
{
    const char *s = f->text + l->start, *e = f->text + l->end;

    while (s < e && isspace((unsigned char)*s))
        s++;
    return s == e || (e - s >= 2 && s[0] == '-' && s[1] == '-');
}
