/* dbmate.c - dbmate's folder: <version>_<name>.sql files, each with a
 * "-- migrate:up" block and an optional "-- migrate:down" block, either
 * marked "transaction:false"; ordered by file name as dbmate does. */
#include "chain/layouts/dbmate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/lines.h"

#define LAYOUT "dbmate"

/* The leading digits of a dbmate file name (its version); 0 if none or
 * the name does not end in .sql. */
static size_t version_len(const char *name)
{
    size_t v = strspn(name, "0123456789"), n = strlen(name);

    return v && n > 4 && strcmp(name + n - 4, ".sql") == 0 ? v : 0;
}

/* 1 when line l is "-- migrate:up" (dir 0) or "-- migrate:down" (1);
 * *opts is where its options start. */
static int marker(const strata_layout_file *f, const strata_line *l,
                  int *dir, size_t *opts)
{
    if (strata__line_comment(f, l, "migrate:up", opts))
        *dir = 0;
    else if (strata__line_comment(f, l, "migrate:down", opts))
        *dir = 1;
    else
        return 0;
    /* "-- migrate:upper" is not a marker. */
    return *opts >= (size_t)l->end || isspace((unsigned char)f->text[*opts]);
}

static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    strata_line l;
    size_t opts;
    int dir;

    (void)ctx;
    if (strchr(f->rel, '/') || !version_len(f->name))
        return STRATA_LAYOUT_NO;
    for (int ok = strata__line_first(f, &l); ok;
         ok = strata__line_next(f, &l))
        if (marker(f, &l, &dir, &opts))
            return STRATA_LAYOUT_MARKED;
    return STRATA_LAYOUT_NO;
}

/* "transaction:false" among a marker's options. */
static int no_transaction(const strata_layout_file *f, const strata_line *l,
                          size_t opts)
{
    static const char word[] = "transaction:false";
    size_t n = sizeof word - 1;

    for (size_t i = opts; i + n <= l->end; i++)
        if (strncmp(f->text + i, word, n) == 0 &&
            (i == opts || isspace((unsigned char)f->text[i - 1])) &&
            (i + n == l->end || isspace((unsigned char)f->text[i + n])))
            return 1;
    return 0;
}

static int one(const strata_layout_file *f, strata_revlist *out,
               strata_error *err)
{
    size_t vlen = version_len(f->name), at[2] = {0, 0}, body[2] = {0, 0};
    size_t opts, nlen = strlen(f->name) - 4;
    unsigned lines[2] = {0, 0};
    int seen[2] = {0, 0}, notxn = 0, dir, rc;
    strata_revision *r = NULL;
    strata_line l;
    char *id = strndup(f->name, vlen), *msg;

    msg = strndup(f->name + vlen + (f->name[vlen] == '_'),
                  nlen - vlen - (f->name[vlen] == '_'));
    if (!id || !msg) {
        free(id);
        free(msg);
        return strata__nomem(err);
    }
    rc = STRATA_OK;
    for (int ok = strata__line_first(f, &l); ok && rc == STRATA_OK;
         ok = strata__line_next(f, &l)) {
        if (!marker(f, &l, &dir, &opts)) {
            if (!seen[0] && !seen[1] && !strata__line_blank(f, &l))
                rc = strata__error_set(
                    err, STRATA_ERR_PARSE,
                    "%s:%u: SQL before '-- migrate:up' (dbmate runs only "
                    "the up and down blocks)",
                    f->path, l.no);
            continue;
        }
        if (seen[dir])
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s:%u: a second '-- migrate:%s' (the "
                                   "first is on line %u)",
                                   f->path, l.no, dir ? "down" : "up",
                                   lines[dir]);
        else if (dir == 0 && seen[1])
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s:%u: '-- migrate:up' after "
                                   "'-- migrate:down' (dbmate needs up "
                                   "first)",
                                   f->path, l.no);
        seen[dir] = 1;
        lines[dir] = l.no;
        at[dir] = l.start;
        body[dir] = l.next;
        notxn |= no_transaction(f, &l, opts);
    }
    if (rc == STRATA_OK && !seen[0])
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s:1: no '-- migrate:up' block (dbmate "
                               "needs one)",
                               f->path);
    if (rc == STRATA_OK)
        rc = strata__adopt_rev(&r, LAYOUT, f, id, id, msg, err);
    if (rc == STRATA_OK)
        rc = strata__adopt_section(r, 0, STRATA_SECTION_UP, NULL, body[0],
                                   (seen[1] ? at[1] : f->len) - body[0],
                                   "-- migrate:up", NULL, err);
    if (rc == STRATA_OK && seen[1])
        rc = strata__adopt_section(r, 0, STRATA_SECTION_DOWN, NULL, body[1],
                                   f->len - body[1], "-- migrate:down", NULL,
                                   err);
    /* dbmate decides per block; strata per migration: either block's
     * transaction:false makes both run outside one (docs/adopting.md). */
    if (rc == STRATA_OK && notxn)
        rc = strata__adopt_key(r, "transaction", "none", err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, r, err);
        r = NULL;
    }
    strata__migration_free(r);
    free(id);
    free(msg);
    return rc;
}

static int cmp_version(const void *pa, const void *pb)
{
    const strata_layout_file *a = *(const strata_layout_file *const *)pa,
                             *b = *(const strata_layout_file *const *)pb;
    size_t na = version_len(a->name), nb = version_len(b->name);
    int c = strncmp(a->name, b->name, na < nb ? na : nb);

    return c ? c : (na > nb) - (na < nb);
}

/* Two files of one version (dbmate would record one and skip the
 * other); found by sorting a copy by version. */
static int unique(const strata_layout_file *const *files, size_t n,
                  strata_error *err)
{
    const strata_layout_file **v = n ? malloc(n * sizeof *v) : NULL;
    int rc = STRATA_OK;

    if (n && !v)
        return strata__nomem(err);
    if (n) {
        memcpy(v, files, n * sizeof *v);
        qsort(v, n, sizeof *v, cmp_version);
    }
    for (size_t i = 1; i < n && rc == STRATA_OK; i++)
        if (cmp_version(&v[i - 1], &v[i]) == 0)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s and %s: two migrations of version "
                                   "%.*s",
                                   v[i - 1]->path, v[i]->path,
                                   (int)version_len(v[i]->name), v[i]->name);
    free(v);
    return rc;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    size_t from = out->n;
    int rc = unique(files, n, err);

    (void)ctx;
    /* files come sorted by name: dbmate's order. */
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = one(files[i], out, err);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_dbmate = {
    LAYOUT, "<version>_<name>.sql with '-- migrate:up' (and '-- migrate:down')",
    detect, read_layout};
