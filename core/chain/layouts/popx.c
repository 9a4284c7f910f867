/* popx.c - the popx/fizz layout (Ory's pop migrations): <version>_<name>
 * [.<dialect>][.autocommit].<up|down>.sql, versions in string order, a
 * dialect's own file winning over the generic one. */
#include "chain/layouts/popx.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/tooldb.h"

#define LAYOUT "popx"

/* pop's dialect names and synonyms; CockroachDB has no strata driver. */
static const strata_tooldb_name dialects[] = {
    {"postgres", STRATA_TOOLDB_POSTGRES}, {"postgresql", STRATA_TOOLDB_POSTGRES},
    {"pg", STRATA_TOOLDB_POSTGRES},       {"pgx", STRATA_TOOLDB_POSTGRES},
    {"mysql", STRATA_TOOLDB_MYSQL},       {"mariadb", STRATA_TOOLDB_MYSQL},
    {"sqlite3", STRATA_TOOLDB_SQLITE},    {"sqlite", STRATA_TOOLDB_SQLITE},
    {"cockroach", 0},                     {"cockroachdb", 0},
    {"crdb", 0},                          {NULL, 0}};

static int lower_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
            return 0;
    return n > 0;
}

int strata__popx_name(const char *name, strata_popx_name *n)
{
    size_t len = strlen(name), v = 0, t, end, p;
    const strata_tooldb_name *d;

    memset(n, 0, sizeof *n);
    while (isdigit((unsigned char)name[v]))
        v++;
    if (!v || name[v] != '_')
        return 0;
    if (len > 7 && strcmp(name + len - 7, ".up.sql") == 0) {
        end = len - 7;
    } else if (len > 9 && strcmp(name + len - 9, ".down.sql") == 0) {
        end = len - 9;
        n->down = 1;
    } else {
        return 0;
    }
    t = v + 1;
    for (p = t; p < end && name[p] != '.'; p++)
        ;
    if (p == t)
        return 0;
    n->vlen = v;
    n->title = t;
    n->tlen = p - t;
    /* What is left: "", ".X", ".autocommit" or ".X.autocommit". */
    if (end - p >= 11 && memcmp(name + end - 11, ".autocommit", 11) == 0) {
        n->autocommit = 1;
        end -= 11;
    }
    n->bit = STRATA_TOOLDB_ALL;
    n->known = 1;
    if (p == end)
        return 1;
    if (name[p] != '.' || !lower_alnum(name + p + 1, end - p - 1))
        return 0;
    n->dialect = p + 1;
    n->dlen = end - p - 1;
    d = strata__tooldb_find(dialects, name + n->dialect, n->dlen);
    n->known = d != NULL;
    n->bit = d ? d->bit : 0;
    return 1;
}

/* Marked when a dialect popx knows or .autocommit is in the name; a
 * generic name is golang-migrate's too. */
static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    strata_popx_name n;

    (void)ctx;
    if (strchr(f->rel, '/') || !strata__popx_name(f->name, &n))
        return STRATA_LAYOUT_NO;
    return (n.dlen && n.known) || n.autocommit ? STRATA_LAYOUT_MARKED
                                               : STRATA_LAYOUT_NAME;
}

typedef struct entry {
    const strata_layout_file *f;
    strata_popx_name n;
} entry;

/* By version as popx compares them (strings), then name. */
static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    size_t m = a->n.vlen < b->n.vlen ? a->n.vlen : b->n.vlen;
    int c = memcmp(a->f->name, b->f->name, m);

    if (c)
        return c;
    if (a->n.vlen != b->n.vlen)
        return a->n.vlen < b->n.vlen ? -1 : 1;
    return strcmp(a->f->name, b->f->name);
}

static int same_version(const entry *a, const entry *b)
{
    return a->n.vlen == b->n.vlen &&
           memcmp(a->f->name, b->f->name, a->n.vlen) == 0;
}

/* The files of one version and direction: the generic one and each
 * dialect's own (indexed by bit 1, 2, 4). */
typedef struct slots {
    const entry *generic;
    const entry *own[5];
    int any;
} slots;

static int has_action(const char *t, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (t[i] == '{' && t[i + 1] == '{')
            return 1;
    return 0;
}

static int place(slots *s, const entry *e, strata_error *err)
{
    const entry **slot;

    if (e->n.bit == 0)
        return STRATA_OK; /* CockroachDB or a database popx skips too */
    slot = e->n.bit == STRATA_TOOLDB_ALL ? &s->generic : &s->own[e->n.bit];
    if (*slot)
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s and %s: two %s files of version %.*s "
                                 "for one database",
                                 (*slot)->f->path, e->f->path,
                                 e->n.down ? "down" : "up", (int)e->n.vlen,
                                 e->f->name);
    if (has_action(e->f->text, e->f->len))
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: holds a Go template action ('{{'), "
                                 "which popx expands and strata does not",
                                 e->f->path);
    *slot = e;
    s->any = 1;
    return STRATA_OK;
}

/* Add e's file to r (source 0 when it is r's first) and its sections
 * for the dialects in mask. */
static int add(strata_revision *r, const entry *e, strata_section_kind kind,
               unsigned mask, const strata_layout_file **first,
               strata_error *err)
{
    size_t src = 0;
    int rc = STRATA_OK;

    if (*first != e->f) {
        for (src = 0; src < r->nsources; src++)
            if (strcmp(r->sources[src].path, e->f->path) == 0)
                break;
        if (src == r->nsources)
            rc = strata__adopt_file(r, e->f, &src, err);
    }
    if (rc == STRATA_OK)
        rc = strata__tooldb_sections(r, src, kind, mask, 0, e->f->len,
                                     e->f->name, NULL, NULL, err);
    return rc;
}

/* A dialect's own file where it has one, the generic one elsewhere. */
static int sections(strata_revision *r, const slots *s,
                    strata_section_kind kind, const strata_layout_file **first,
                    int *autocommit, strata_error *err)
{
    int rc = STRATA_OK, own = 0;

    for (unsigned bit = 1; bit < STRATA_TOOLDB_ALL; bit <<= 1)
        own |= s->own[bit] != NULL;
    if (!own && s->generic) {
        *autocommit |= s->generic->n.autocommit;
        return add(r, s->generic, kind, STRATA_TOOLDB_ALL, first, err);
    }
    for (unsigned bit = 1; bit < STRATA_TOOLDB_ALL && rc == STRATA_OK;
         bit <<= 1) {
        const entry *e = s->own[bit] ? s->own[bit] : s->generic;

        if (e) {
            *autocommit |= e->n.autocommit;
            rc = add(r, e, kind, bit, first, err);
        }
    }
    return rc;
}

static int one(const slots *up, const slots *down, strata_revlist *out,
               strata_error *err)
{
    const entry *e = up->generic;
    const strata_layout_file *first;
    char *id, *title;
    strata_revision *r = NULL;
    int rc, autocommit = 0;

    for (unsigned bit = 1; !e && bit < STRATA_TOOLDB_ALL; bit <<= 1)
        e = up->own[bit];
    first = e->f;
    id = strndup(e->f->name, e->n.vlen);
    title = strndup(e->f->name + e->n.title, e->n.tlen);
    if (!id || !title) {
        free(id);
        free(title);
        return strata__nomem(err);
    }
    rc = strata__adopt_rev(&r, LAYOUT, e->f, id, id, title, err);
    free(id);
    free(title);
    if (rc == STRATA_OK)
        rc = sections(r, up, STRATA_SECTION_UP, &first, &autocommit, err);
    if (rc == STRATA_OK)
        rc = sections(r, down, STRATA_SECTION_DOWN, &first, &autocommit, err);
    if (rc == STRATA_OK) {
        rc = strata__tooldb_push(r, autocommit, out, err);
        r = NULL;
    }
    strata__migration_free(r);
    return rc;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    entry *e = n ? calloc(n, sizeof *e) : NULL;
    size_t from = out->n, i = 0;
    int rc = STRATA_OK;

    (void)ctx;
    if (n && !e)
        return strata__nomem(err);
    for (size_t k = 0; k < n && rc == STRATA_OK; k++) {
        e[k].f = files[k];
        if (!strata__popx_name(files[k]->name, &e[k].n))
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: not a popx migration (expected "
                                   "<version>_<name>[.<dialect>]"
                                   "[.autocommit].<up|down>.sql)",
                                   files[k]->path);
    }
    if (rc == STRATA_OK && n)
        qsort(e, n, sizeof *e, cmp_entry);
    while (i < n && rc == STRATA_OK) {
        slots up = {0}, down = {0};
        size_t j = i;

        for (; j < n && same_version(&e[i], &e[j]) && rc == STRATA_OK; j++)
            rc = place(e[j].n.down ? &down : &up, &e[j], err);
        if (rc == STRATA_OK && !up.any && down.any)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: a down file without an up file of "
                                   "its version",
                                   e[i].f->path);
        else if (rc == STRATA_OK && up.any && !down.any)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: no down file of version %.*s (popx "
                                   "refuses a migration without one)",
                                   e[i].f->path, (int)e[i].n.vlen,
                                   e[i].f->name);
        else if (rc == STRATA_OK && up.any)
            rc = one(&up, &down, out, err);
        i = j;
    }
    free(e);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_popx = {
    LAYOUT, "<version>_<name>[.<dialect>][.autocommit].<up|down>.sql",
    detect, read_layout};
