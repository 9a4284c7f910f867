/* flyway.c - Flyway's SQL migrations: V<version>__<description>.sql in
 * version order, U<version>__ as their undo, R__<description>.sql
 * repeatables after them; a <file>.sql.conf with
 * executeInTransaction=false runs the file outside a transaction. */
#include "chain/layouts/flyway.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain/layouts/build.h"
#include "util/buf.h"

#define LAYOUT "flyway"

typedef struct fw_name {
    char kind;          /* 'V', 'U' or 'R' */
    size_t ver, vlen;   /* the version in the name (V, U) */
    size_t desc, dlen;  /* the description */
} fw_name;

static int fw_parse(const char *name, fw_name *n)
{
    size_t len = strlen(name), i = 1;

    if (len < 7 || strcmp(name + len - 4, ".sql") != 0 ||
        !strchr("VUR", name[0]))
        return 0;
    n->kind = name[0];
    if (n->kind != 'R') {
        if (!isdigit((unsigned char)name[1]))
            return 0;
        while (isdigit((unsigned char)name[i]) || name[i] == '.' ||
               (name[i] == '_' && name[i + 1] != '_'))
            i++;
    }
    if (name[i] != '_' || name[i + 1] != '_' || i + 2 > len - 4)
        return 0;
    n->ver = 1;
    n->vlen = i - 1;
    n->desc = i + 2;
    n->dlen = len - 4 - n->desc;
    return n->kind != 'R' || n->dlen > 0;
}

static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    fw_name n;

    (void)ctx;
    return fw_parse(f->name, &n) ? STRATA_LAYOUT_MARKED : STRATA_LAYOUT_NO;
}

/* Versions part by part as numbers ("1.10" > "1.9", "1" = "1.0"). */
static int vercmp(const char *a, size_t na, const char *b, size_t nb)
{
    while (na || nb) {
        size_t pa = strcspn(a, "._"), pb = strcspn(b, "._");
        int c;

        pa = pa < na ? pa : na;
        pb = pb < nb ? pb : nb;
        c = strata__adopt_vercmp(pa ? a : "0", pa ? pa : 1, pb ? b : "0",
                                 pb ? pb : 1);
        if (c)
            return c;
        a += pa + (pa < na);
        na -= pa + (pa < na);
        b += pb + (pb < nb);
        nb -= pb + (pb < nb);
    }
    return 0;
}

typedef struct entry {
    const strata_layout_file *f;
    fw_name n;
} entry;

/* V before R; V by version, R by description (Flyway's order); U
 * files sort with their V, after it. */
static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int ra = a->n.kind == 'R', rb = b->n.kind == 'R', c;

    if (ra != rb)
        return ra - rb;
    if (ra)
        return strcmp(a->f->name + a->n.desc, b->f->name + b->n.desc);
    c = vercmp(a->f->name + 1, a->n.vlen, b->f->name + 1, b->n.vlen);
    if (c)
        return c;
    return (a->n.kind == 'U') - (b->n.kind == 'U');
}

/* "executeInTransaction=false" in f's .conf file, when it has one. */
static int conf_no_txn(const strata_layout_ctx *ctx,
                       const strata_layout_file *f, int *notxn,
                       strata_error *err)
{
    char *path = strata__sprintf("%s.conf", f->path), *text = NULL;
    size_t len;
    int rc = STRATA_OK;

    *notxn = 0;
    STRATA_ALLOC_CHECK(path, err);
    if (access(path, F_OK) == 0)
        rc = strata__migration_read(path, ctx->max_size, &text, &len, err);
    for (char *line = text, *next; rc == STRATA_OK && line && *line;
         line = next) {
        char *eq, *k, *v;

        next = line + strcspn(line, "\n");
        if (*next)
            *next++ = '\0';
        if (!(eq = strchr(line, '=')))
            continue;
        *eq = '\0';
        k = line + strspn(line, " \t");
        v = eq + 1 + strspn(eq + 1, " \t");
        for (char *e = eq; e > k && isspace((unsigned char)e[-1]);)
            *--e = '\0';
        v[strcspn(v, " \t\r")] = '\0';
        if (strcmp(k, "executeInTransaction") == 0)
            *notxn = strcmp(v, "false") == 0;
    }
    free(text);
    free(path);
    return rc;
}

/* The revision of V file v (with undo file u, may be NULL) or of R. */
static int one(const strata_layout_ctx *ctx, const entry *v, const entry *u,
               strata_revlist *out, strata_error *err)
{
    const char *name = v->f->name;
    int rep = v->n.kind == 'R', notxn = 0, rc;
    char *id, *tool, *msg = strndup(name + v->n.desc, v->n.dlen);
    strata_revision *r = NULL;
    size_t src;

    if (rep) {
        id = strata__sprintf("R__%.*s", (int)v->n.dlen, name + v->n.desc);
        tool = msg ? strdup(msg) : NULL;
    } else {
        id = strndup(name + 1, v->n.vlen);
        tool = strndup(name + 1, v->n.vlen);
    }
    if (!id || !tool || !msg) {
        rc = strata__nomem(err);
        goto done;
    }
    /* Flyway shows '_' in versions as '.', in descriptions as ' '. */
    for (char *p = tool; *p; p++)
        if (*p == '_')
            *p = rep ? ' ' : '.';
    for (char *p = msg; *p; p++)
        if (*p == '_')
            *p = ' ';
    rc = strata__adopt_rev(&r, LAYOUT, v->f, id, tool, msg, err);
    if (rc == STRATA_OK)
        rc = strata__adopt_section(r, 0, STRATA_SECTION_UP, NULL, 0,
                                   v->f->len, name, NULL, err);
    if (rc == STRATA_OK && u) {
        rc = strata__adopt_file(r, u->f, &src, err);
        if (rc == STRATA_OK)
            rc = strata__adopt_section(r, src, STRATA_SECTION_DOWN, NULL, 0,
                                       u->f->len, u->f->name, NULL, err);
    }
    /* Undo never touches a repeatable: its downgrade is a deliberate
     * no-op, recorded as such. */
    if (rc == STRATA_OK && rep)
        rc = strata__adopt_section(r, 0, STRATA_SECTION_DOWN, NULL, 0, 0,
                                   "(repeatable: no undo)", NULL, err);
    if (rc == STRATA_OK && rep)
        rc = strata__adopt_key(r, "repeatable", "true", err);
    if (rc == STRATA_OK)
        rc = conf_no_txn(ctx, v->f, &notxn, err);
    if (rc == STRATA_OK && notxn)
        rc = strata__adopt_key(r, "transaction", "none", err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, r, err);
        r = NULL;
    }
done:
    strata__migration_free(r);
    free(id);
    free(tool);
    free(msg);
    return rc;
}

/* Two files Flyway refuses together: one kind, one version (or, for
 * repeatables, one description). */
static int same(const entry *a, const entry *b)
{
    if (a->n.kind != b->n.kind)
        return 0;
    if (a->n.kind == 'R')
        return a->n.dlen == b->n.dlen &&
               memcmp(a->f->name + a->n.desc, b->f->name + b->n.desc,
                      a->n.dlen) == 0;
    return vercmp(a->f->name + 1, a->n.vlen, b->f->name + 1, b->n.vlen) == 0;
}

static int twice(const entry *a, const entry *b, strata_error *err)
{
    return strata__error_set(err, STRATA_ERR_PARSE,
                             "%s and %s: two migrations of one %s (Flyway "
                             "refuses them too)",
                             a->f->path, b->f->path,
                             a->n.kind == 'R' ? "description" : "version");
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    entry *e = n ? calloc(n, sizeof *e) : NULL;
    size_t from = out->n;
    int rc = STRATA_OK;

    if (n && !e)
        return strata__nomem(err);
    for (size_t i = 0; i < n; i++) {
        e[i].f = files[i];
        fw_parse(files[i]->name, &e[i].n);
    }
    if (n)
        qsort(e, n, sizeof *e, cmp_entry);
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        const entry *v = &e[i], *u = NULL;

        if (v->n.kind == 'U')
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: an undo file without its V%.*s__ "
                                   "migration",
                                   v->f->path, (int)v->n.vlen,
                                   v->f->name + 1);
        else if (i + 1 < n && same(v, &e[i + 1]))
            rc = twice(v, &e[i + 1], err);
        else if (i + 1 < n && e[i + 1].n.kind == 'U' &&
                 vercmp(v->f->name + 1, v->n.vlen, e[i + 1].f->name + 1,
                        e[i + 1].n.vlen) == 0)
            u = &e[++i];
        if (rc == STRATA_OK && u && i + 1 < n && same(u, &e[i + 1]))
            rc = twice(u, &e[i + 1], err);
        if (rc == STRATA_OK)
            rc = one(ctx, v, u, out, err);
    }
    free(e);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_flyway = {
    LAYOUT,
    "V<version>__<description>.sql, U<version>__<description>.sql and "
    "R__<description>.sql",
    detect, read_layout};
