/* seed_csv.c - CSV seed files (RFC 4180): a header line naming the
 * columns, then a row per record.  An empty unquoted field is NULL, ""
 * the empty string.  '#' lines before the header may say "table: NAME"
 * and "key: A, B". */
#include <stdlib.h>
#include <string.h>

#include "run/seed/seed.h"
#include "util/buf.h"

typedef struct csv {
    const char *p, *end;
    unsigned line;
    strata_buf field;
    int quoted;
} csv;

/* Read one field into c->field; *last = it ended its record.  1 when a
 * quote is not closed (the message names the line it opened on). */
static int field(csv *c, int *last, unsigned *open_line, strata_error *err)
{
    c->field.len = 0;
    if (c->field.data)
        c->field.data[0] = '\0';
    c->quoted = 0;
    if (c->p < c->end && *c->p == '"') {
        *open_line = c->line;
        c->quoted = 1;
        for (c->p++;; c->p++) {
            if (c->p >= c->end)
                return 1;
            if (*c->p == '"') {
                if (c->p + 1 < c->end && c->p[1] == '"') {
                    c->p++;
                } else {
                    c->p++;
                    break;
                }
            } else if (*c->p == '\n') {
                c->line++;
            }
            if (strata__buf_append(&c->field, c->p, 1) != STRATA_OK)
                return strata__nomem(err);
        }
    } else {
        const char *s = c->p;

        while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
               !(*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n')))
            c->p++;
        if (strata__buf_append(&c->field, s, (size_t)(c->p - s)) !=
            STRATA_OK)
            return strata__nomem(err);
    }
    if (c->p < c->end && *c->p == '\r')
        c->p++;
    if (c->p >= c->end || *c->p == '\n') {
        *last = 1;
        if (c->p < c->end) {
            c->p++;
            c->line++;
        }
    } else if (*c->p == ',') {
        *last = 0;
        c->p++;
    } else {
        return 2; /* text after a closing quote */
    }
    return 0;
}

/* field(), its problems said with file:line: STRATA_OK or the error. */
static int next_field(csv *c, strata_seed_file *f, int *last,
                      strata_error *err)
{
    unsigned open_line = 0;
    int bad = field(c, last, &open_line, err);

    if (bad == 1)
        return strata__seed_fail(f, open_line, err,
                                 "a quoted field is not closed");
    if (bad == 2)
        return strata__seed_fail(f, c->line, err,
                                 "text after a closing quote");
    return bad;
}

/* "# table: x" / "# key: a, b" before the header. */
static int comment(csv *c, strata_seed_file *f, strata_error *err)
{
    const char *e = memchr(c->p, '\n', (size_t)(c->end - c->p)), *s;
    size_t n;
    int rc = STRATA_OK;

    if (!e)
        e = c->end;
    s = c->p + 1;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    n = (size_t)(e - s);
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
        n--;
    if (n > 6 && strncmp(s, "table:", 6) == 0) {
        const char *t = s + 6;
        size_t tn = n - 6;

        while (tn && *t == ' ') {
            t++;
            tn--;
        }
        free(f->table);
        f->table = strndup(t, tn);
        STRATA_ALLOC_CHECK(f->table, err);
    } else if (n > 4 && strncmp(s, "key:", 4) == 0) {
        rc = strata__seed_key_add(f, s + 4, n - 4, err);
    }
    c->p = e < c->end ? e + 1 : e;
    c->line++;
    return rc;
}

int strata__seed_csv(const char *text, size_t len, strata_seed_file *f,
                     strata_error *err)
{
    csv c = {text, text + len, 1, {0}, 0};
    char **header = NULL;
    size_t nheader = 0;
    int rc = STRATA_OK, last = 0;
    unsigned start;

    /* Comments and blank lines before the header. */
    while (rc == STRATA_OK && c.p < c.end &&
           (*c.p == '#' || *c.p == '\n' || *c.p == '\r')) {
        if (*c.p == '#') {
            rc = comment(&c, f, err);
        } else {
            if (*c.p == '\n')
                c.line++;
            c.p++;
        }
    }
    if (rc != STRATA_OK)
        return rc;
    if (c.p >= c.end)
        return strata__seed_fail(f, c.line, err,
                                 "no header line naming the columns");
    start = c.line;
    for (last = 0; !last && rc == STRATA_OK;) {
        char **v;

        rc = next_field(&c, f, &last, err);
        if (rc == STRATA_OK && !c.field.len)
            rc = strata__seed_fail(f, start, err,
                                   "header: column %zu has no name",
                                   nheader + 1);
        if (rc != STRATA_OK)
            break;
        for (size_t i = 0; i < nheader; i++)
            if (strcmp(header[i], c.field.data) == 0)
                rc = strata__seed_fail(f, start, err,
                                       "header: column '%s' twice",
                                       c.field.data);
        if (rc != STRATA_OK)
            break;
        v = realloc(header, (nheader + 1) * sizeof *v);
        STRATA_ALLOC_GOTO(v, err, rc, out);
        header = v;
        header[nheader] = strdup(c.field.data);
        STRATA_ALLOC_GOTO(header[nheader], err, rc, out);
        nheader++;
    }
    while (rc == STRATA_OK && c.p < c.end) {
        strata_seed_row *r;
        size_t i = 0;

        if (*c.p == '\n' || (*c.p == '\r' && c.p + 1 < c.end &&
                             c.p[1] == '\n')) { /* a blank line */
            c.p += *c.p == '\r' ? 2 : 1;
            c.line++;
            continue;
        }
        r = strata__seed_row_new(f, c.line, err);
        if (!r) {
            rc = STRATA_ERR_NOMEM;
            break;
        }
        start = c.line;
        for (last = 0; !last && rc == STRATA_OK; i++) {
            rc = next_field(&c, f, &last, err);
            if (rc != STRATA_OK)
                ;
            else if (i >= nheader)
                rc = strata__seed_fail(f, start, err,
                                       "more fields than the header's %zu",
                                       nheader);
            else
                rc = strata__seed_row_set(
                    r, header[i], strlen(header[i]),
                    c.quoted || c.field.len
                        ? (c.field.data ? c.field.data : "")
                        : NULL,
                    c.field.len, err);
        }
        if (rc == STRATA_OK && i != nheader)
            rc = strata__seed_fail(f, start, err,
                                   "%zu field%s, the header has %zu", i,
                                   i == 1 ? "" : "s", nheader);
    }
out:
    for (size_t i = 0; i < nheader; i++)
        free(header[i]);
    free(header);
    strata__buf_free(&c.field);
    return rc;
}
