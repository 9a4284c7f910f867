/* names.c - folders of <version>_<title>.up.sql / .down.sql pairs
 * (golang-migrate, sqlx reversible, popx) into a linear chain. */
#include "chain/layouts/names.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"

int strata__updown_name(const char *name, strata_updown_name *n)
{
    size_t len = strlen(name), v = 0, end;

    while (isdigit((unsigned char)name[v]))
        v++;
    if (!v || name[v] != '_')
        return 0;
    if (len >= v + 1 + 7 && strcmp(name + len - 7, ".up.sql") == 0) {
        end = len - 7;
        n->down = 0;
    } else if (len >= v + 1 + 9 && strcmp(name + len - 9, ".down.sql") == 0) {
        end = len - 9;
        n->down = 1;
    } else {
        return 0;
    }
    n->vlen = v;
    n->title = v + 1;
    n->tlen = end - n->title;
    n->simple = 0;
    return 1;
}

int strata__simple_name(const char *name, strata_updown_name *n)
{
    size_t len = strlen(name), v = strspn(name, "0123456789");

    if (!v || name[v] != '_' || len < v + 1 + 4 ||
        strcmp(name + len - 4, ".sql") != 0 ||
        strata__updown_name(name, n))
        return 0;
    n->vlen = v;
    n->title = v + 1;
    n->tlen = len - 4 - n->title;
    n->down = 0;
    n->simple = 1;
    return 1;
}

typedef struct entry {
    const strata_layout_file *f;
    strata_updown_name n;
} entry;

/* By version as a number, ups before downs, then by name. */
static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strata__adopt_vercmp(a->f->name, a->n.vlen, b->f->name,
                                 b->n.vlen);

    if (c)
        return c;
    if (a->n.down != b->n.down)
        return a->n.down - b->n.down;
    return strcmp(a->f->name, b->f->name);
}

static int same_version(const entry *a, const entry *b)
{
    return strata__adopt_vercmp(a->f->name, a->n.vlen, b->f->name,
                                b->n.vlen) == 0;
}

/* One revision from up (and down, which may be NULL). */
static int one(const char *layout, const entry *up, const entry *down,
               strata_updown_each each, strata_revlist *out,
               strata_error *err)
{
    const char *name = up->f->name, *num = name;
    char *id = strndup(name, up->n.vlen), *title, *ver;
    size_t nlen = up->n.vlen, src;
    strata_revision *r = NULL;
    int rc;

    while (nlen > 1 && *num == '0')
        num++, nlen--;
    title = strndup(name + up->n.title, up->n.tlen);
    ver = strndup(num, nlen);
    if (!id || !title || !ver) {
        rc = strata__nomem(err);
        goto done;
    }
    rc = strata__adopt_rev(&r, layout, up->f, id, ver, title, err);
    if (rc == STRATA_OK)
        rc = strata__adopt_section(r, 0, STRATA_SECTION_UP, NULL, 0,
                                   up->f->len, up->f->name, NULL, err);
    if (rc == STRATA_OK && down) {
        rc = strata__adopt_file(r, down->f, &src, err);
        if (rc == STRATA_OK)
            rc = strata__adopt_section(r, src, STRATA_SECTION_DOWN, NULL, 0,
                                       down->f->len, down->f->name, NULL,
                                       err);
    }
    if (rc == STRATA_OK && each)
        rc = each(r, err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, r, err);
        r = NULL;
    }
done:
    strata__migration_free(r);
    free(id);
    free(title);
    free(ver);
    return rc;
}

int strata__updown_read(const char *layout,
                        const strata_layout_file *const *files, size_t n,
                        strata_revlist *out, strata_error *err)
{
    return strata__updown_read_ex(layout, files, n, 0, NULL, out, err);
}

int strata__updown_read_ex(const char *layout,
                           const strata_layout_file *const *files, size_t n,
                           int simple, strata_updown_each each,
                           strata_revlist *out, strata_error *err)
{
    entry *e = n ? calloc(n, sizeof *e) : NULL;
    size_t from = out->n, i = 0;
    int rc = STRATA_OK;

    if (n && !e)
        return strata__nomem(err);
    for (size_t k = 0; k < n; k++) {
        e[k].f = files[k];
        if (!strata__updown_name(files[k]->name, &e[k].n) &&
            !(simple && strata__simple_name(files[k]->name, &e[k].n))) {
            free(e);
            return strata__error_set(err, STRATA_ERR_PARSE,
                                     "%s: not a %s migration (expected "
                                     "<version>_<title>.up.sql or .down.sql)",
                                     files[k]->path, layout);
        }
    }
    if (n)
        qsort(e, n, sizeof *e, cmp_entry);
    while (i < n && rc == STRATA_OK) {
        const entry *up = NULL, *down = NULL;
        size_t j = i;

        for (; j < n && same_version(&e[i], &e[j]) && rc == STRATA_OK; j++) {
            const entry **slot = e[j].n.down ? &down : &up;

            if (*slot)
                rc = strata__error_set(
                    err, STRATA_ERR_PARSE,
                    "%s and %s: two %s files of version %.*s (%s keeps one "
                    "per version)",
                    (*slot)->f->path, e[j].f->path,
                    e[j].n.down ? "down" : "up", (int)e[j].n.vlen,
                    e[j].f->name, layout);
            else
                *slot = &e[j];
        }
        if (rc == STRATA_OK && !up)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: a down file without its up file "
                                   "(%.*s_*.up.sql)",
                                   down->f->path, (int)down->n.vlen,
                                   down->f->name);
        if (rc == STRATA_OK)
            rc = one(layout, up, down, each, out, err);
        i = j;
    }
    free(e);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}
