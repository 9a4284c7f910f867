/* prisma.c - Prisma Migrate's folder: <timestamp>_<name>/migration.sql in
 * name order, each file run whole, the engine from migration_lock.toml. */
#include "chain/layouts/prisma.h"

#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/tooldb.h"

#define LAYOUT "prisma"

static const strata_tooldb_name providers[] = {
    {"postgresql", STRATA_TOOLDB_POSTGRES},
    {"mysql", STRATA_TOOLDB_MYSQL},
    {"sqlite", STRATA_TOOLDB_SQLITE},
    {NULL, 0}};

/* <folder>/migration.sql, one level down: the layout's file alone. */
static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    const char *slash = strchr(f->rel, '/');

    (void)ctx;
    return slash && slash > f->rel && strcmp(slash + 1, "migration.sql") == 0
               ? STRATA_LAYOUT_MARKED
               : STRATA_LAYOUT_NO;
}

unsigned strata__prisma_provider(const char *text, size_t len,
                                 char **provider)
{
    const char *p = text, *end;

    *provider = NULL;
    if (!text)
        return STRATA_TOOLDB_ALL;
    end = text + len;
    /* Prisma's own reading: the first line starting "provider", less
     * "provider = " and the quotes. */
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *e = eol ? eol : end, *v = p;
        const strata_tooldb_name *n;

        if (e - p >= 8 && memcmp(p, "provider", 8) == 0) {
            if (e - v >= 11 && memcmp(v, "provider = ", 11) == 0)
                v += 11;
            while (e > v && (e[-1] == '\r' || e[-1] == '"'))
                e--;
            while (v < e && *v == '"')
                v++;
            n = strata__tooldb_find(providers, v, (size_t)(e - v));
            if (n)
                return n->bit;
            *provider = strndup(v, (size_t)(e - v));
            return 0;
        }
        p = eol ? eol + 1 : end;
    }
    *provider = strdup("<no provider line>");
    return 0;
}

static int one(const strata_layout_file *f, unsigned mask,
               strata_revlist *out, strata_error *err)
{
    size_t flen = (size_t)(strchr(f->rel, '/') - f->rel);
    char *folder = strndup(f->rel, flen), *id = NULL;
    const char *title;
    strata_revision *r = NULL;
    int rc;

    STRATA_ALLOC_CHECK(folder, err);
    id = strata__tooldb_id(folder, flen);
    if (!id) {
        free(folder);
        return strata__nomem(err);
    }
    title = strchr(folder, '_');
    rc = strata__adopt_rev(&r, LAYOUT, f, id, folder,
                           title ? title + 1 : folder, err);
    if (rc == STRATA_OK)
        rc = strata__tooldb_sections(r, 0, STRATA_SECTION_UP, mask, 0,
                                     f->len, f->rel, NULL, NULL, err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, r, err);
        r = NULL;
    }
    strata__migration_free(r);
    free(folder);
    free(id);
    return rc;
}

/* By folder name, as Prisma lists them ("a" before "a-b", which a sort
 * of the paths "a/migration.sql" and "a-b/migration.sql" would not). */
static int cmp_folder(const void *pa, const void *pb)
{
    const char *a = (*(const strata_layout_file *const *)pa)->rel;
    const char *b = (*(const strata_layout_file *const *)pb)->rel;
    size_t na = (size_t)(strchr(a, '/') - a), nb = (size_t)(strchr(b, '/') - b);
    int c = memcmp(a, b, na < nb ? na : nb);

    return c ? c : (na > nb) - (na < nb);
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    strata_layout_file lock;
    const strata_layout_file **v = NULL;
    char *provider = NULL;
    size_t from = out->n;
    unsigned mask;
    int rc = strata__tooldb_side(ctx, "migration_lock.toml", &lock, err);

    if (rc == STRATA_ERR_NOTFOUND)
        rc = STRATA_OK;
    else if (rc != STRATA_OK)
        return rc;
    mask = strata__prisma_provider(lock.text, lock.len, &provider);
    if (!mask)
        rc = provider ? strata__error_set(
                            err, STRATA_ERR_PARSE,
                            "%s: provider '%s' is not a database strata has "
                            "a driver for (postgresql, mysql, sqlite)",
                            lock.path, provider)
                      : strata__nomem(err);
    strata__tooldb_file_free(&lock);
    free(provider);
    if (rc == STRATA_OK && n) {
        v = malloc(n * sizeof *v);
        if (!v)
            rc = strata__nomem(err);
    }
    if (rc == STRATA_OK && n) {
        memcpy(v, files, n * sizeof *v);
        qsort(v, n, sizeof *v, cmp_folder);
    }
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = one(v[i], mask, out, err);
    free(v);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_prisma = {
    LAYOUT, "<timestamp>_<name>/migration.sql", detect, read_layout};
