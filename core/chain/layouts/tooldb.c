/* tooldb.c - other tools' database names as strata dialects, a file
 * scoped to several dialects, and files kept beside migrations. */
#include "chain/layouts/tooldb.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "chain/layouts/build.h"
#include "util/alloc.h"
#include "util/buf.h"

const strata_tooldb_name *strata__tooldb_find(const strata_tooldb_name *names,
                                              const char *name, size_t len)
{
    for (; names->name; names++)
        if (strlen(names->name) == len &&
            strncasecmp(names->name, name, len) == 0)
            return names;
    return NULL;
}

const char *strata__tooldb_dialect(unsigned bit)
{
    switch (bit) {
    case STRATA_TOOLDB_POSTGRES:
        return "postgres";
    case STRATA_TOOLDB_MYSQL:
        return "mysql";
    case STRATA_TOOLDB_SQLITE:
        return "sqlite";
    default:
        return NULL;
    }
}

int strata__tooldb_sections(strata_revision *r, size_t src,
                            strata_section_kind kind, unsigned mask,
                            size_t off, size_t len, const char *directive,
                            size_t *idx, size_t *nidx, strata_error *err)
{
    int rc = STRATA_OK;

    if (mask == STRATA_TOOLDB_ALL) {
        rc = strata__adopt_section(r, src, kind, NULL, off, len, directive,
                                   idx ? &idx[(*nidx)++] : NULL, err);
        return rc;
    }
    for (unsigned bit = 1; bit < STRATA_TOOLDB_ALL && rc == STRATA_OK;
         bit <<= 1)
        if (mask & bit)
            rc = strata__adopt_section(r, src, kind,
                                       strata__tooldb_dialect(bit), off, len,
                                       directive,
                                       idx ? &idx[(*nidx)++] : NULL, err);
    return rc;
}

int strata__tooldb_push(strata_revision *r, int none, strata_revlist *out,
                        strata_error *err)
{
    int rc = none ? strata__adopt_key(r, "transaction", "none", err)
                  : STRATA_OK;

    if (rc != STRATA_OK) {
        strata__migration_free(r);
        return rc;
    }
    return strata__revlist_push(out, r, err);
}

int strata__tooldb_side(const strata_layout_ctx *ctx, const char *rel,
                        strata_layout_file *f, strata_error *err)
{
    struct stat st;
    const char *slash;
    int rc;

    memset(f, 0, sizeof *f);
    f->path = strata__sprintf("%s/%s", ctx->dir, rel);
    STRATA_ALLOC_CHECK(f->path, err);
    if (stat(f->path, &st) != 0 && errno == ENOENT) {
        strata__tooldb_file_free(f);
        return STRATA_ERR_NOTFOUND;
    }
    f->rel = f->path + strlen(ctx->dir) + 1;
    slash = strrchr(f->path, '/');
    f->name = slash ? slash + 1 : f->path;
    rc = strata__migration_read(f->path, ctx->max_size, &f->text, &f->len,
                                err);
    if (rc == STRATA_OK)
        rc = strata__text_check(f->path, f->text, f->len, err);
    if (rc != STRATA_OK)
        strata__tooldb_file_free(f);
    return rc;
}

void strata__tooldb_file_free(strata_layout_file *f)
{
    free(f->path);
    free(f->text);
    memset(f, 0, sizeof *f);
}

int strata__tooldb_has(const strata_layout_ctx *ctx, const char *rel)
{
    struct stat st;
    char *p = strata__sprintf("%s/%s", ctx->dir, rel);
    int has = p && stat(p, &st) == 0;

    free(p);
    return has;
}

char *strata__tooldb_id(const char *s, size_t len)
{
    char *id = strndup(s, len), *out;
    unsigned long h = 2166136261u;

    if (!id || !len)
        return id;
    for (char *p = id; *p; p++) {
        h = (h ^ (unsigned char)*p) * 16777619u;
        if (*p == '/')
            *p = '.';
        else if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' &&
                 *p != '-')
            *p = '_';
    }
    if (strlen(id) <= 64)
        return id;
    out = strata__sprintf("%.55s-%08lx", id, h & 0xffffffffu);
    free(id);
    return out;
}
