/* diesel.c - Diesel's folder: <version>_<name>/up.sql and down.sql, in
 * version order, or one such folder per backend (postgres/, sqlite/ ...)
 * whose migrations become that dialect's sections. */
#include "chain/layouts/diesel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/tooldb.h"
#include "util/alloc.h"
#include "util/buf.h"

#define LAYOUT "diesel"

static const strata_tooldb_name backends[] = {
    {"postgres", STRATA_TOOLDB_POSTGRES}, {"postgresql", STRATA_TOOLDB_POSTGRES},
    {"pg", STRATA_TOOLDB_POSTGRES},       {"mysql", STRATA_TOOLDB_MYSQL},
    {"mariadb", STRATA_TOOLDB_MYSQL},     {"sqlite", STRATA_TOOLDB_SQLITE},
    {"sqlite3", STRATA_TOOLDB_SQLITE},    {NULL, 0}};

/* One up.sql or down.sql, taken apart. */
typedef struct dfile {
    const strata_layout_file *f;
    unsigned backend;   /* a dialect bit, or STRATA_TOOLDB_ALL */
    const char *folder; /* in f->rel */
    size_t flen;
    char version[72];   /* the folder's version, '-' left out */
    int down;
} dfile;

/* Take f->rel apart; 0 when it is not a Diesel file. */
static int parse(const strata_layout_file *f, dfile *d)
{
    const char *rel = f->rel, *s1 = strchr(rel, '/'), *s2, *p;
    size_t v = 0;

    memset(d, 0, sizeof *d);
    d->f = f;
    if (!s1)
        return 0;
    s2 = strchr(s1 + 1, '/');
    d->backend = STRATA_TOOLDB_ALL;
    d->folder = rel;
    if (s2) {
        const strata_tooldb_name *b =
            strata__tooldb_find(backends, rel, (size_t)(s1 - rel));

        if (!b || strchr(s2 + 1, '/'))
            return 0;
        d->backend = b->bit;
        d->folder = s1 + 1;
        s1 = s2;
    }
    d->flen = (size_t)(s1 - d->folder);
    if (strcmp(s1 + 1, "up.sql") == 0)
        d->down = 0;
    else if (strcmp(s1 + 1, "down.sql") == 0)
        d->down = 1;
    else
        return 0;
    /* Diesel's version: the name up to its first '_', less the '-'s;
     * strata wants it to be digits. */
    if (!isdigit((unsigned char)d->folder[0]))
        return 0;
    for (p = d->folder; p < s1 && *p != '_'; p++) {
        if (*p == '-')
            continue;
        if (!isdigit((unsigned char)*p) || v + 1 >= sizeof d->version)
            return 0;
        d->version[v++] = *p;
    }
    return v > 0;
}

static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    dfile d;

    (void)ctx;
    return parse(f, &d) ? STRATA_LAYOUT_MARKED : STRATA_LAYOUT_NO;
}

int strata__diesel_no_txn(const char *text, size_t len)
{
    const char *p = text, *end = text + len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e = eol ? eol : end;

        while (s < e && isspace((unsigned char)*s))
            s++;
        if ((size_t)(e - s) >= 18 && memcmp(s, "run_in_transaction", 18) == 0) {
            s += 18;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            if (s < e && *s == '=') {
                s++;
                while (s < e && (*s == ' ' || *s == '\t'))
                    s++;
                return (size_t)(e - s) >= 5 && memcmp(s, "false", 5) == 0;
            }
        }
        p = eol ? eol + 1 : end;
    }
    return 1;
}

/* By version (as Diesel compares them, as strings), then backend, up
 * before down. */
static int cmp_dfile(const void *pa, const void *pb)
{
    const dfile *a = pa, *b = pb;
    int c = strcmp(a->version, b->version);

    if (c)
        return c;
    if (a->backend != b->backend)
        return a->backend < b->backend ? -1 : 1;
    if (a->down != b->down)
        return a->down - b->down;
    return strcmp(a->f->rel, b->f->rel);
}

/* metadata.toml beside d's up.sql: *none = 1 when it says no transaction. */
static int metadata(const strata_layout_ctx *ctx, const dfile *d, int *none,
                    strata_error *err)
{
    strata_layout_file m;
    size_t dir = (size_t)(strrchr(d->f->rel, '/') - d->f->rel);
    char *rel = strata__sprintf("%.*s/metadata.toml", (int)dir, d->f->rel);
    int rc;

    STRATA_ALLOC_CHECK(rel, err);
    rc = strata__tooldb_side(ctx, rel, &m, err);
    free(rel);
    if (rc == STRATA_ERR_NOTFOUND)
        return STRATA_OK;
    if (rc == STRATA_OK && strata__diesel_no_txn(m.text, m.len))
        *none = 1;
    strata__tooldb_file_free(&m);
    return rc;
}

/* One revision from e[i..j): one version's files over every backend. */
static int one(const strata_layout_ctx *ctx, const dfile *e, size_t i,
               size_t j, strata_revlist *out, strata_error *err)
{
    const dfile *first = &e[i];
    const char *title = memchr(first->folder, '_', first->flen);
    char *msg = title ? strndup(title + 1, first->flen - (size_t)(title + 1 - first->folder))
                      : strndup(first->folder, first->flen);
    strata_revision *r = NULL;
    int rc, none = 0;

    STRATA_ALLOC_CHECK(msg, err);
    if (first->down) {
        free(msg);
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: a down.sql without its up.sql (Diesel "
                                 "refuses the folder)",
                                 first->f->path);
    }
    rc = strata__adopt_rev(&r, LAYOUT, first->f, first->version,
                           first->version, msg, err);
    free(msg);
    for (size_t k = i; k < j && rc == STRATA_OK; k++) {
        const dfile *d = &e[k];
        size_t src = 0;

        if (k > i && d->backend == e[k - 1].backend &&
            d->down == e[k - 1].down)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s and %s: two migrations of version %s",
                                   e[k - 1].f->path, d->f->path, d->version);
        else if (d->down && (k == i || e[k - 1].backend != d->backend))
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: a down.sql without its up.sql (Diesel "
                                   "refuses the folder)",
                                   d->f->path);
        else if (!d->down && d->f->len == 0)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s:1: empty up.sql (Diesel refuses to "
                                   "run an empty migration)",
                                   d->f->path);
        if (rc == STRATA_OK && k > i)
            rc = strata__adopt_file(r, d->f, &src, err);
        if (rc == STRATA_OK)
            rc = strata__tooldb_sections(
                r, src, d->down ? STRATA_SECTION_DOWN : STRATA_SECTION_UP,
                d->backend, 0, d->f->len, d->f->rel, NULL, NULL, err);
        if (rc == STRATA_OK && !d->down)
            rc = metadata(ctx, d, &none, err);
        /* No down.sql: Diesel reverts the migration running nothing. */
        if (rc == STRATA_OK && !d->down &&
            (k + 1 == j || e[k + 1].backend != d->backend))
            rc = strata__tooldb_sections(r, src, STRATA_SECTION_DOWN,
                                         d->backend, 0, 0,
                                         "no down.sql: reverts nothing",
                                         NULL, NULL, err);
    }
    if (rc == STRATA_OK) {
        rc = strata__tooldb_push(r, none, out, err);
        r = NULL;
    }
    strata__migration_free(r);
    return rc;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    dfile *e = n ? calloc(n, sizeof *e) : NULL;
    size_t from = out->n, i = 0;
    int rc = STRATA_OK;

    if (n && !e)
        return strata__nomem(err);
    for (size_t k = 0; k < n && rc == STRATA_OK; k++) {
        if (!parse(files[k], &e[k]))
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: not a Diesel migration (expected "
                                   "[BACKEND/]<version>_<name>/up.sql or "
                                   "down.sql)",
                                   files[k]->path);
        else if (k && (e[k].backend == STRATA_TOOLDB_ALL) !=
                          (e[0].backend == STRATA_TOOLDB_ALL))
            rc = strata__error_set(
                err, STRATA_ERR_PARSE,
                "%s and %s: a Diesel folder holds either migrations or one "
                "folder of them per backend (postgres/, mysql/, sqlite/)",
                files[0]->path, files[k]->path);
    }
    if (rc == STRATA_OK && n)
        qsort(e, n, sizeof *e, cmp_dfile);
    while (i < n && rc == STRATA_OK) {
        size_t j = i + 1;

        while (j < n && strcmp(e[j].version, e[i].version) == 0)
            j++;
        rc = one(ctx, e, i, j, out, err);
        i = j;
    }
    free(e);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_diesel = {
    LAYOUT, "<version>_<name>/up.sql and down.sql (or BACKEND/<version>_<name>/...)",
    detect, read_layout};
