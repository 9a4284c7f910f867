/* goose.c - goose's SQL migrations: <version>_<name>.sql with "-- +goose
 * Up" and "-- +goose Down" sections, StatementBegin/StatementEnd around
 * statements sent whole, and "-- +goose NO TRANSACTION". */
#include "chain/layouts/goose.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chain/layouts/build.h"
#include "chain/layouts/lines.h"

#define LAYOUT "goose"

/* The version digits of <digits>_<name>.sql; 0 when the name is not so. */
static size_t version_len(const char *name)
{
    size_t v = strspn(name, "0123456789"), n = strlen(name);

    return v && name[v] == '_' && n > v + 4 &&
                   strcmp(name + n - 4, ".sql") == 0
               ? v
               : 0;
}

enum { A_NONE, A_UP, A_DOWN, A_BEGIN, A_END, A_NOTXN, A_OTHER };

/* The annotation on line l ("-- +goose WORD"), A_NONE when none. */
static int annotation(const strata_layout_file *f, const strata_line *l)
{
    static const struct {
        const char *word;
        int a;
    } words[] = {{"up", A_UP},
                 {"down", A_DOWN},
                 {"statementbegin", A_BEGIN},
                 {"statementend", A_END},
                 {"no transaction", A_NOTXN}};
    size_t rest, n;
    const char *s;

    if (!strata__line_comment(f, l, "+goose", &rest))
        return A_NONE;
    s = f->text + rest;
    n = l->end - rest;
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (n == strlen(words[i].word) &&
            strncasecmp(s, words[i].word, n) == 0)
            return words[i].a;
    return A_OTHER;
}

static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    strata_line l;

    (void)ctx;
    if (strchr(f->rel, '/') || !version_len(f->name))
        return STRATA_LAYOUT_NO;
    for (int ok = strata__line_first(f, &l); ok;
         ok = strata__line_next(f, &l))
        if (annotation(f, &l) == A_UP)
            return STRATA_LAYOUT_MARKED;
    return STRATA_LAYOUT_NO;
}

/* A file being read: the revision and its open section and piece. */
typedef struct reading {
    const strata_layout_file *f;
    strata_revision *r;
    int have[2];     /* Up, Down seen */
    int cur;         /* -1 before Up, else 0 (Up) or 1 (Down) */
    size_t sec;      /* the open section's index */
    size_t piece;    /* where the open piece starts */
    unsigned block;  /* line of an open StatementBegin, 0 when none */
    int notxn;
    strata_error *err;
} reading;

static int perr(reading *x, unsigned line, const char *what)
{
    return strata__error_set(x->err, STRATA_ERR_PARSE, "%s:%u: %s",
                             x->f->path, line, what);
}

/* Close the piece that runs from x->piece to end. */
static int piece(reading *x, size_t end, int whole)
{
    if (x->cur < 0 || end <= x->piece)
        return STRATA_OK;
    return strata__adopt_piece(x->r, x->sec, x->piece, end - x->piece,
                               whole, x->err);
}

static int open_section(reading *x, int dir, const strata_line *l)
{
    int rc = piece(x, l->start, 0);

    if (rc == STRATA_OK && x->cur >= 0)
        x->r->sections[x->sec].len =
            x->r->sources[0].offset + l->start - x->r->sections[x->sec].offset;
    if (rc != STRATA_OK)
        return rc;
    x->cur = dir;
    x->have[dir] = 1;
    x->piece = l->next;
    return strata__adopt_section(x->r, 0,
                                 dir ? STRATA_SECTION_DOWN : STRATA_SECTION_UP,
                                 NULL, l->next, x->f->len - l->next,
                                 dir ? "-- +goose Down" : "-- +goose Up",
                                 &x->sec, x->err);
}

static int line(reading *x, const strata_line *l)
{
    int a = annotation(x->f, l), rc = STRATA_OK;

    switch (a) {
    case A_UP:
    case A_DOWN:
        if (x->block)
            return perr(x, l->no, "'-- +goose Up/Down' inside a "
                                  "StatementBegin block");
        if (x->have[a == A_DOWN])
            return perr(x, l->no, a == A_UP ? "a second '-- +goose Up'"
                                            : "a second '-- +goose Down'");
        return open_section(x, a == A_DOWN, l);
    case A_BEGIN:
        if (x->cur < 0)
            return perr(x, l->no, "StatementBegin before '-- +goose Up'");
        if (x->block)
            return perr(x, l->no, "StatementBegin inside another");
        rc = piece(x, l->start, 0);
        x->block = l->no;
        x->piece = l->next;
        return rc;
    case A_END:
        if (!x->block)
            return perr(x, l->no, "StatementEnd without StatementBegin");
        rc = piece(x, l->start, 1);
        x->block = 0;
        x->piece = l->next;
        return rc;
    case A_NOTXN:
        x->notxn = 1;
        return STRATA_OK;
    case A_OTHER:
        return perr(x, l->no, "a goose annotation strata does not run "
                              "(known: Up, Down, StatementBegin, "
                              "StatementEnd, NO TRANSACTION)");
    default:
        if (x->cur < 0 && !strata__line_blank(x->f, l))
            return perr(x, l->no, "SQL before '-- +goose Up'");
        return STRATA_OK;
    }
}

static int one(const strata_layout_file *f, strata_revlist *out,
               strata_error *err)
{
    size_t vlen = version_len(f->name), nlen = strlen(f->name) - 4;
    const char *num = f->name;
    size_t numlen = vlen;
    reading x = {f, NULL, {0, 0}, -1, 0, 0, 0, 0, err};
    char *id = strndup(f->name, vlen), *ver, *msg;
    strata_line l;
    int rc;

    while (numlen > 1 && *num == '0')
        num++, numlen--;
    ver = strndup(num, numlen);
    msg = strndup(f->name + vlen + 1, nlen - vlen - 1);
    rc = id && ver && msg ? STRATA_OK : strata__nomem(err);
    if (rc == STRATA_OK)
        rc = strata__adopt_rev(&x.r, LAYOUT, f, id, ver, msg, err);
    for (int ok = rc == STRATA_OK && strata__line_first(f, &l);
         ok && rc == STRATA_OK; ok = strata__line_next(f, &l))
        rc = line(&x, &l);
    if (rc == STRATA_OK && x.block)
        rc = perr(&x, x.block, "StatementBegin without StatementEnd");
    if (rc == STRATA_OK && !x.have[0])
        rc = perr(&x, 1, "no '-- +goose Up' annotation (goose needs one)");
    if (rc == STRATA_OK)
        rc = piece(&x, f->len, 0);
    if (rc == STRATA_OK && x.notxn)
        rc = strata__adopt_key(x.r, "transaction", "none", err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, x.r, err);
        x.r = NULL;
    }
    strata__migration_free(x.r);
    free(id);
    free(ver);
    free(msg);
    return rc;
}

static int cmp_file(const void *pa, const void *pb)
{
    const strata_layout_file *a = *(const strata_layout_file *const *)pa,
                             *b = *(const strata_layout_file *const *)pb;

    return strata__adopt_vercmp(a->name, version_len(a->name), b->name,
                                version_len(b->name));
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    const strata_layout_file **v = n ? malloc(n * sizeof *v) : NULL;
    size_t from = out->n;
    int rc = STRATA_OK;

    (void)ctx;
    if (n && !v)
        return strata__nomem(err);
    if (n) { /* goose orders by version */
        memcpy(v, files, n * sizeof *v);
        qsort(v, n, sizeof *v, cmp_file);
    }
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        if (i && cmp_file(&v[i - 1], &v[i]) == 0)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s and %s: two migrations of version "
                                   "%.*s (goose refuses them too)",
                                   v[i - 1]->path, v[i]->path,
                                   (int)version_len(v[i]->name), v[i]->name);
        else
            rc = one(v[i], out, err);
    }
    free(v);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_goose = {
    LAYOUT, "<version>_<name>.sql with '-- +goose Up' (and '-- +goose Down')",
    detect, read_layout};
