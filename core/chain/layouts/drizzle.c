/* drizzle.c - Drizzle Kit's folder: NNNN_<name>.sql in the order of
 * meta/_journal.json, each file cut into statements at
 * "--> statement-breakpoint", the engine from the journal's dialect. */
#include "chain/layouts/drizzle.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/tooldb.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json.h"

#define LAYOUT "drizzle"
#define JOURNAL "meta/_journal.json"
#define BREAK "--> statement-breakpoint"

static const strata_tooldb_name dialects[] = {
    {"postgresql", STRATA_TOOLDB_POSTGRES}, {"pg", STRATA_TOOLDB_POSTGRES},
    {"mysql", STRATA_TOOLDB_MYSQL},         {"sqlite", STRATA_TOOLDB_SQLITE},
    {"turso", STRATA_TOOLDB_SQLITE},        {NULL, 0}};

/* A top-level .sql file of a folder that has meta/_journal.json; one
 * named NNNN_<name>.sql without it is Drizzle's by name only (so that a
 * forced format = drizzle says the journal is missing). */
static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    if (strchr(f->rel, '/'))
        return STRATA_LAYOUT_NO;
    if (strata__tooldb_has(ctx, JOURNAL))
        return STRATA_LAYOUT_MARKED;
    return isdigit((unsigned char)f->name[0]) && strchr(f->name, '_')
               ? STRATA_LAYOUT_NAME
               : STRATA_LAYOUT_NO;
}

/* 1 when s[0..n) holds nothing but blanks and -- comments: Drizzle sends
 * such a chunk too, but it runs nothing (and MySQL refuses it). */
static int blank(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        if (isspace((unsigned char)s[i])) {
            i++;
        } else if (i + 1 < n && s[i] == '-' && s[i + 1] == '-') {
            while (i < n && s[i] != '\n')
                i++;
        } else {
            return 0;
        }
    }
    return 1;
}

/* The file's pieces: what lies between breakpoint markers, as is. */
static int pieces(strata_revision *r, size_t sec, const strata_layout_file *f,
                  strata_error *err)
{
    size_t at = 0, blen = strlen(BREAK);
    int rc = STRATA_OK;

    while (rc == STRATA_OK && at <= f->len) {
        const char *m = strstr(f->text + at, BREAK);
        size_t end = m ? (size_t)(m - f->text) : f->len;

        if (!blank(f->text + at, end - at))
            rc = strata__adopt_piece(r, sec, at, end - at, 1, err);
        if (!m)
            break;
        at = end + blen;
    }
    return rc;
}

static const strata_layout_file *
find_file(const strata_layout_file *const *files, size_t n, const char *tag,
          unsigned char *used)
{
    for (size_t i = 0; i < n; i++) {
        size_t t = strlen(tag);

        if (strncmp(files[i]->rel, tag, t) == 0 &&
            strcmp(files[i]->rel + t, ".sql") == 0) {
            used[i] = 1;
            return files[i];
        }
    }
    return NULL;
}

static int one(const char *jpath, const char *tag, unsigned mask,
               const strata_layout_file *const *files, size_t n,
               unsigned char *used, strata_revlist *out, strata_error *err)
{
    const strata_layout_file *f = find_file(files, n, tag, used);
    const char *title = strchr(tag, '_');
    char *id;
    size_t sec[3], nsec = 0;
    strata_revision *r = NULL;
    int rc;

    if (!f)
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: entry '%s' has no file %s.sql (Drizzle "
                                 "would stop there)",
                                 jpath, tag, tag);
    id = strata__tooldb_id(tag, strlen(tag));
    STRATA_ALLOC_CHECK(id, err);
    rc = strata__adopt_rev(&r, LAYOUT, f, id, tag, title ? title + 1 : tag,
                           err);
    free(id);
    if (rc == STRATA_OK)
        rc = strata__tooldb_sections(r, 0, STRATA_SECTION_UP, mask, 0, f->len,
                                     f->rel, sec, &nsec, err);
    for (size_t i = 0; i < nsec && rc == STRATA_OK; i++)
        rc = pieces(r, sec[i], f, err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, r, err);
        r = NULL;
    }
    strata__migration_free(r);
    return rc;
}

static int entries(const char *jpath, json_t *doc, unsigned mask,
                   const strata_layout_file *const *files, size_t n,
                   strata_revlist *out, strata_error *err)
{
    json_t *list = json_object_get(doc, "entries");
    unsigned char *used = calloc(n ? n : 1, 1);
    size_t i;
    json_t *e;
    int rc = STRATA_OK;

    STRATA_ALLOC_CHECK(used, err);
    if (!json_is_array(list))
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s: no \"entries\" array", jpath);
    json_array_foreach(list, i, e)
    {
        const char *tag = json_string_value(json_object_get(e, "tag"));

        if (rc != STRATA_OK)
            break;
        if (!tag || !*tag || strchr(tag, '/'))
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: entry %zu has no \"tag\" naming a "
                                   "file",
                                   jpath, i);
        else
            rc = one(jpath, tag, mask, files, n, used, out, err);
    }
    for (i = 0; i < n && rc == STRATA_OK; i++)
        if (!used[i])
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: not in %s (Drizzle would never run "
                                   "it; add it to the journal or remove it)",
                                   files[i]->path, jpath);
    free(used);
    return rc;
}

int strata__drizzle_read(const char *journal_path, const char *journal,
                         const strata_layout_file *const *files, size_t n,
                         strata_revlist *out, strata_error *err)
{
    json_t *doc = NULL;
    const char *dialect;
    const strata_tooldb_name *d;
    size_t from = out->n;
    int rc = strata__json_load(&doc, journal, journal_path, err);

    if (rc != STRATA_OK)
        return rc;
    dialect = json_string_value(json_object_get(doc, "dialect"));
    d = dialect ? strata__tooldb_find(dialects, dialect, strlen(dialect))
                : NULL;
    if (!d)
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s: dialect '%s' is not one strata has a "
                               "driver for (postgresql, mysql, sqlite)",
                               journal_path, dialect ? dialect : "(none)");
    if (rc == STRATA_OK)
        rc = entries(journal_path, doc, d->bit, files, n, out, err);
    json_decref(doc);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    strata_layout_file j;
    int rc = strata__tooldb_side(ctx, JOURNAL, &j, err);

    if (rc == STRATA_ERR_NOTFOUND)
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s/%s: not found (Drizzle reads the order "
                                 "of its migrations there)",
                                 ctx->dir, JOURNAL);
    if (rc == STRATA_OK)
        rc = strata__drizzle_read(j.path, j.text, files, n, out, err);
    strata__tooldb_file_free(&j);
    return rc;
}

const strata_layout strata__layout_drizzle = {
    LAYOUT, "NNNN_<name>.sql listed in meta/_journal.json", detect,
    read_layout};
