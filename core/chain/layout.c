/* layout.c - the table of layout readers, and which layout a folder is
 * in: format = auto (detected), NAME, strata or strata+NAME. */
#include "chain/layout.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain/layouts/dbmate.h"
#include "chain/layouts/flyway.h"
#include "chain/layouts/golang_migrate.h"
#include "chain/layouts/goose.h"
#include "chain/layouts/liquibase.h"
#include "chain/layouts/diesel.h"
#include "chain/layouts/drizzle.h"
#include "chain/layouts/prisma.h"
#include "chain/layouts/popx.h"
#include "chain/layouts/sqlx.h"
#include "util/msg.h"

/* Detection order: on a tie the earlier reader wins (golang-migrate
 * before sqlx for <version>_<title>.up.sql). */
static const strata_layout *const table[] = {
    &strata__layout_golang_migrate,
    &strata__layout_dbmate,
    &strata__layout_goose,
    &strata__layout_flyway,
    &strata__layout_sqlx,
    &strata__layout_liquibase, &strata__layout_diesel, &strata__layout_drizzle,
    &strata__layout_prisma, &strata__layout_popx,
};

#define NTABLE (sizeof table / sizeof *table)

const strata_layout *const *strata__layouts(size_t *n)
{
    *n = NTABLE;
    return table;
}

const strata_layout *strata__layout_find(const char *name)
{
    for (size_t i = 0; i < NTABLE; i++)
        if (strcmp(table[i]->name, name) == 0)
            return table[i];
    return NULL;
}

/* 1 when f has a strata header: a "-- revision:" line among the comment
 * lines before the first statement or directive. */
static int is_strata_file(const strata_layout_file *f)
{
    const char *p = f->text, *end = f->text + f->len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e = eol ? eol : end;

        while (s < e && isspace((unsigned char)*s))
            s++;
        if (s < e) {
            if (e - s < 2 || s[0] != '-' || s[1] != '-')
                return 0;
            s += 2;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            if (s < e && *s == '+')
                return 0;
            if (e - s >= 8 && memcmp(s, "revision", 8) == 0) {
                s += 8;
                while (s < e && (*s == ' ' || *s == '\t'))
                    s++;
                if (s < e && *s == ':')
                    return 1;
            }
        }
        p = eol ? eol + 1 : end;
    }
    return 0;
}

static int names_list(strata_msg *m)
{
    strata__msg_add(m, "auto, strata");
    for (size_t i = 0; i < NTABLE; i++)
        strata__msg_add(m, ", %s", table[i]->name);
    strata__msg_add(m, ", strata+NAME");
    return 0;
}

static int unknown_format(const char *format, strata_error *err)
{
    strata_msg m = {0};

    strata__msg_add(&m, "format '%s' is not one strata reads (known: ",
                    format);
    names_list(&m);
    strata__msg_add(&m, ")");
    return strata__msg_set(&m, err, STRATA_ERR_CONFIG);
}

/* The best-scoring reader for file i, and its score. */
static size_t best_for(const strata_layout_ctx *ctx,
                       const strata_layout_file *f, int *score)
{
    size_t best = 0;

    *score = 0;
    for (size_t l = 0; l < NTABLE; l++) {
        int s = table[l]->detect(ctx, f);
        if (s > *score) {
            *score = s;
            best = l;
        }
    }
    return best;
}

static int not_of(const strata_layout *l, const strata_layout_file *f,
                  const strata_layout_file *other, strata_error *err)
{
    if (other)
        return strata__error_set(
            err, STRATA_ERR_PARSE,
            "%s is not a %s migration but %s is: a folder holds one layout "
            "(%s reads %s; set 'format' in strata.ini or --format to choose)",
            f->path, l->name, other->path, l->name, l->files);
    return strata__error_set(err, STRATA_ERR_PARSE,
                             "%s is not a %s migration (%s reads %s)",
                             f->path, l->name, l->name, l->files);
}

/* format = auto: the reader scoring highest on any file that is not a
 * strata file, then every file checked against it. */
static int detect(const strata_layout_ctx *ctx, strata_layout_file *files,
                  size_t n, const unsigned char *own,
                  strata_layout_choice *out, strata_error *err)
{
    size_t best = 0, nown = 0, first = n;
    int top = 0;

    for (size_t i = 0; i < n; i++) {
        int s;
        size_t l;

        if (own[i]) {
            nown++;
            continue;
        }
        l = best_for(ctx, &files[i], &s);
        if (s > top || (s == top && s && l < best)) {
            top = s;
            best = l;
        }
    }
    if (!top)
        return STRATA_OK; /* strata's own files (or errors as today) */
    for (size_t i = 0; i < n && first == n; i++)
        if (!own[i] && table[best]->detect(ctx, &files[i]))
            first = i;
    for (size_t i = 0; nown && i < n; i++)
        if (own[i])
            return strata__error_set(
                err, STRATA_ERR_PARSE,
                "%s is a strata migration and %s a %s one: a folder holds "
                "one layout unless 'format = strata+%s' (strata.ini or "
                "--format) lets strata's files live beside %s's",
                files[i].path, files[first].path, table[best]->name,
                table[best]->name, table[best]->name);
    for (size_t i = 0; i < n; i++) {
        int mine = table[best]->detect(ctx, &files[i]), s;
        size_t l = best_for(ctx, &files[i], &s);

        if (!mine)
            return not_of(table[best], &files[i], &files[first], err);
        if (s > mine)
            return strata__error_set(
                err, STRATA_ERR_PARSE,
                "%s is a %s migration and %s a %s one: a folder holds one "
                "layout (set 'format' in strata.ini or --format)",
                files[i].path, table[l]->name, files[first].path,
                table[best]->name);
    }
    out->adopted = table[best];
    return STRATA_OK;
}

int strata__layout_choose(const char *format, const strata_layout_ctx *ctx,
                          strata_layout_file *files, size_t n,
                          strata_layout_choice *out, strata_error *err)
{
    const char *name = format;
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    if (!format || !*format)
        format = name = "auto";
    if (strncmp(format, "strata+", 7) == 0) {
        out->with_strata = 1;
        name = format + 7;
    }
    if (strcmp(name, "auto") == 0 && !out->with_strata) {
        out->detected = 1;
    } else if (strcmp(name, "strata") == 0 && !out->with_strata) {
        /* strata's own files only */
    } else if (!(out->adopted = strata__layout_find(name))) {
        return unknown_format(format, err);
    }
    out->own = n ? calloc(n, 1) : NULL;
    if (n && !out->own)
        return strata__nomem(err);
    for (size_t i = 0; i < n; i++)
        out->own[i] = !out->adopted || (out->with_strata &&
                                        is_strata_file(&files[i]));
    if (out->detected) {
        for (size_t i = 0; i < n; i++)
            out->own[i] = is_strata_file(&files[i]);
        rc = detect(ctx, files, n, out->own, out, err);
        /* n == 0: own is NULL, and memset of NULL is undefined even
         * for no bytes (UBSan, an empty migrations folder) */
        if (rc == STRATA_OK && !out->adopted && n)
            memset(out->own, 1, n);
    } else if (out->adopted) {
        for (size_t i = 0; i < n && rc == STRATA_OK; i++)
            if (!out->own[i] && !out->adopted->detect(ctx, &files[i]))
                rc = not_of(out->adopted, &files[i], NULL, err);
    }
    if (rc != STRATA_OK) {
        free(out->own);
        out->own = NULL;
    }
    return rc;
}
