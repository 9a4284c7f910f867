/* layout_fixture.h - for the unit tests of the layout readers: a
 * scratch migrations folder, files written into it, the chain loaded
 * with a format, and a revision's statements read back as text. */
#ifndef STRATA_TEST_LAYOUT_FIXTURE_H
#define STRATA_TEST_LAYOUT_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain/chain.h"
#include "db/host.h"
#include "util/buf.h"

static char lf_dir[64];

/* A fresh empty folder per test (cmocka setup). */
static inline int lf_setup(void **state)
{
    (void)state;
    snprintf(lf_dir, sizeof lf_dir, "/tmp/strata-test-layout.XXXXXX");
    return mkdtemp(lf_dir) ? 0 : -1;
}

static inline int lf_teardown(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", lf_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write text to lf_dir/rel, making its folders. */
static inline void lf_write(const char *rel, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", lf_dir, rel);
    for (char *p = path + strlen(lf_dir) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Load lf_dir read as format; the return code, err filled. */
static inline int lf_load(strata_chain *c, const char *format,
                          strata_error *err)
{
    return strata__chain_load_as(c, lf_dir, format, 1 << 20, NULL, 0, NULL,
                                 NULL, err);
}

/* Load, failing the test on an error. */
static inline void lf_load_ok(strata_chain *c, const char *format)
{
    strata_error err = {0};

    if (lf_load(c, format, &err) != STRATA_OK)
        fail_msg("load: %s", err.msg);
}

/* The revision id in c, or fail. */
static inline const strata_revision *lf_rev(const strata_chain *c,
                                            const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->revs[i]->id, id) == 0)
            return c->revs[i];
    fail_msg("no revision %s", id);
    return NULL;
}

/* Every statement of r's sections of kind for dialect (NULL: the
 * standard lexer), as "sql|sql|..." (malloc'd). */
static inline char *lf_stmts(strata_chain *c, const strata_revision *r,
                             strata_section_kind kind, const char *dialect)
{
    strata_buf b = {0};
    strata_error err = {0};

    for (size_t i = 0; i < r->nsections; i++) {
        strata_stmt_list l;

        if (r->sections[i].kind != kind ||
            (dialect && !strata__section_applies(&r->sections[i], dialect)) ||
            (!dialect && r->sections[i].ndialects))
            continue;
        if (strata__chain_split(c, NULL, r, &r->sections[i], &l, &err) !=
            STRATA_OK)
            fail_msg("split: %s", err.msg);
        for (size_t k = 0; k < l.count; k++)
            strata__buf_printf(&b, "%s%s", b.data ? "|" : "",
                               l.items[k].sql);
        strata__stmt_list_free(&l);
    }
    return b.data ? strata__buf_take(&b) : strdup("");
}

/* The chain's revisions in graph order as "a>b>c" (malloc'd). */
static inline char *lf_order(const strata_chain *c)
{
    strata_buf b = {0};
    size_t n = strata__graph_count(c->graph);
    const size_t *order = strata__graph_order(c->graph);

    for (size_t i = 0; i < n; i++)
        strata__buf_printf(&b, "%s%s", i ? ">" : "",
                           strata__graph_rev(c->graph, order[i])->id);
    return b.data ? strata__buf_take(&b) : strdup("");
}

#endif
