/* layout_fuzz.h - what the layout readers' fuzz targets share: the input
 * cut into files (NUL bytes separate them; each file's first line is its
 * name in the folder), the reader's detect() and read() run on them as
 * the loader runs them, and the result's shape checked. */
#ifndef STRATA_TEST_LAYOUT_FUZZ_H
#define STRATA_TEST_LAYOUT_FUZZ_H

#include "fuzz.h"

#include "chain/chain.h"
#include "chain/layout.h"
#include "db/host.h"

#define FZ_MAX_FILES 16

static inline int fz_cmp_rel(const void *a, const void *b)
{
    return strcmp((*(const strata_layout_file *const *)a)->rel,
                  (*(const strata_layout_file *const *)b)->rel);
}

/* Every section's statements through the standard lexer (pieces too). */
static inline void fz_split_all(const strata_revision *r)
{
    strata_chain c;

    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < r->nsections; i++) {
        strata_stmt_list l;
        strata_error err = {0, NULL};

        if (strata__chain_split(&c, NULL, r, &r->sections[i], &l, &err) ==
            STRATA_OK) {
            for (size_t k = 0; k < l.count; k++)
                FZ_CHECK(l.items[k].offset < r->len);
            strata__stmt_list_free(&l);
        } else {
            FZ_CHECK(err.msg != NULL);
            strata__error_clear(&err);
        }
    }
}

static inline void fz_check_rev(const strata_revision *r, const char *layout)
{
    FZ_CHECK(r->id && strata__revision_id_valid(r->id));
    FZ_CHECK(r->layout && strcmp(r->layout, layout) == 0);
    FZ_CHECK(r->nsources >= 1 && r->sources[0].offset == 0);
    for (size_t i = 0; i < r->nsources; i++)
        FZ_CHECK(r->sources[i].offset <= r->len &&
                 r->sources[i].len <= r->len - r->sources[i].offset);
    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *s = &r->sections[i];
        const strata_source *src = &r->sources[s->source];

        FZ_CHECK(s->source < r->nsources);
        FZ_CHECK(s->offset >= src->offset &&
                 s->offset + s->len <= src->offset + src->len);
        for (size_t k = 0; k < s->npieces; k++)
            FZ_CHECK(s->pieces[k].offset >= src->offset &&
                     s->pieces[k].offset + s->pieces[k].len <=
                         src->offset + src->len);
    }
    fz_split_all(r);
}

static inline int fz_layout(const strata_layout *lay, const uint8_t *data,
                            size_t size)
{
    strata_layout_file files[FZ_MAX_FILES];
    const strata_layout_file *mine[FZ_MAX_FILES];
    strata_layout_ctx ctx = {"fuzz", 1 << 20};
    strata_revlist out = {0};
    strata_error err = {0, NULL};
    size_t n = 0, nmine = 0, at = 0;
    int rc;

    while (at < size && n < FZ_MAX_FILES) {
        const uint8_t *end = memchr(data + at, 0, size - at);
        size_t len = end ? (size_t)(end - (data + at)) : size - at;
        const char *text = (const char *)data + at;
        const char *nl = memchr(text, '\n', len);
        size_t nlen = nl ? (size_t)(nl - text) : len;
        strata_layout_file *f = &files[n++];
        const char *slash;

        f->path = malloc(nlen + 6);
        FZ_CHECK(f->path != NULL);
        memcpy(f->path, "fuzz/", 5);
        memcpy(f->path + 5, text, nlen);
        f->path[nlen + 5] = '\0';
        f->rel = f->path + 5;
        slash = strrchr(f->path, '/');
        f->name = slash + 1;
        f->len = nl ? len - nlen - 1 : 0;
        f->text = malloc(f->len + 1);
        FZ_CHECK(f->text != NULL);
        memcpy(f->text, nl ? nl + 1 : text, f->len);
        f->text[f->len] = '\0';
        at += len + 1;
    }
    for (size_t i = 0; i < n; i++) {
        /* The loader reads only what detect() claims, UTF-8 checked. */
        if (lay->detect(&ctx, &files[i]) && strlen(files[i].rel) &&
            strata__text_check(files[i].path, files[i].text, files[i].len,
                               &err) == STRATA_OK)
            mine[nmine++] = &files[i];
        strata__error_clear(&err);
    }
    qsort(mine, nmine, sizeof *mine, fz_cmp_rel);
    rc = lay->read(&ctx, mine, nmine, &out, &err);
    if (rc != STRATA_OK) {
        FZ_CHECK(err.code == rc && err.msg && *err.msg);
        FZ_CHECK(rc == STRATA_ERR_PARSE || rc == STRATA_ERR_NOMEM);
        strata__error_clear(&err);
    } else {
        for (size_t i = 0; i < out.n; i++) {
            fz_check_rev(out.v[i], lay->name);
            /* A linear chain in the tool's order. */
            FZ_CHECK(i ? out.v[i]->nparents == 1 &&
                             strcmp(out.v[i]->parents[0],
                                    out.v[i - 1]->id) == 0
                       : out.v[i]->nparents == 0);
        }
    }
    strata__revlist_free(&out);
    for (size_t i = 0; i < n; i++) {
        free(files[i].path);
        free(files[i].text);
    }
    return 0;
}

#endif
