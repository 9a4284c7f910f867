/* build.c - revisions out of another tool's files: each revision's text
 * holds its files one after the other, sections and pieces point into
 * it, and the readers' output becomes one linear chain. */
#include "chain/layouts/build.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

int strata__revlist_push(strata_revlist *l, strata_revision *r,
                         strata_error *err)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        strata_revision **nv = realloc(l->v, nc * sizeof *nv);

        if (!nv) {
            strata__migration_free(r);
            return strata__nomem(err);
        }
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = r;
    return STRATA_OK;
}

void strata__revlist_free(strata_revlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        strata__migration_free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

unsigned strata__adopt_line(const strata_layout_file *f, size_t off)
{
    unsigned line = 1;

    for (size_t i = 0; i < off && i < f->len; i++)
        line += f->text[i] == '\n';
    return line;
}

int strata__adopt_file(strata_revision *r, const strata_layout_file *f,
                       size_t *src, strata_error *err)
{
    /* A file that does not end in a newline gets one, so the next file
     * starts on a line of its own (columns count from line starts). */
    int nl = r->len && r->text[r->len - 1] != '\n';
    char *t = realloc(r->text, r->len + nl + f->len + 1);
    strata_source *s;

    STRATA_ALLOC_CHECK(t, err);
    r->text = t;
    s = realloc(r->sources, (r->nsources + 1) * sizeof *s);
    STRATA_ALLOC_CHECK(s, err);
    r->sources = s;
    s = &s[r->nsources];
    s->path = strdup(f->path);
    STRATA_ALLOC_CHECK(s->path, err);
    if (nl)
        t[r->len++] = '\n';
    s->offset = r->len;
    s->len = f->len;
    memcpy(t + r->len, f->text, f->len);
    r->len += f->len;
    t[r->len] = '\0';
    if (src)
        *src = r->nsources;
    r->nsources++;
    return STRATA_OK;
}

int strata__adopt_rev(strata_revision **out, const char *layout,
                      const strata_layout_file *f, const char *id,
                      const char *tool_version, const char *message,
                      strata_error *err)
{
    strata_revision *r;
    int rc;

    *out = NULL;
    if (!strata__revision_id_valid(id))
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: '%s' is not a revision id strata can "
                                 "use (1-64 of A-Z a-z 0-9 _ . -)",
                                 f->path, id);
    r = calloc(1, sizeof *r);
    STRATA_ALLOC_CHECK(r, err);
    r->path = strdup(f->path);
    r->id = strdup(id);
    r->layout = strdup(layout);
    r->tool_version = tool_version ? strdup(tool_version) : NULL;
    r->message = message ? strdup(message) : NULL;
    r->id_line = 1;
    if (!r->path || !r->id || !r->layout || (tool_version && !r->tool_version) ||
        (message && !r->message)) {
        strata__migration_free(r);
        return strata__nomem(err);
    }
    rc = strata__adopt_file(r, f, NULL, err);
    if (rc != STRATA_OK) {
        strata__migration_free(r);
        return rc;
    }
    *out = r;
    return STRATA_OK;
}

/* The 1-based line of byte off in r's source src. */
static unsigned source_line(const strata_revision *r, size_t src, size_t off)
{
    const char *t = r->text + r->sources[src].offset;
    unsigned line = 1;

    for (size_t i = 0; i < off; i++)
        line += t[i] == '\n';
    return line;
}

int strata__adopt_section(strata_revision *r, size_t src,
                          strata_section_kind kind, const char *dialect,
                          size_t off, size_t len, const char *directive,
                          size_t *idx, strata_error *err)
{
    strata_section *s;

    if (src >= r->nsources || off > r->sources[src].len ||
        len > r->sources[src].len - off)
        return strata__error_set(err, STRATA_ERR, "%s: section outside "
                                 "its file (a reader's bug)", r->path);
    s = realloc(r->sections, (r->nsections + 1) * sizeof *s);
    STRATA_ALLOC_CHECK(s, err);
    r->sections = s;
    s = &s[r->nsections];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->source = src;
    s->offset = r->sources[src].offset + off;
    s->len = len;
    s->body_line = source_line(r, src, off);
    s->line = s->body_line > 1 ? s->body_line - 1 : 1;
    /* Shown as a strata directive would be ("+up"), then the tool's. */
    s->directive = strata__sprintf("-- +%s (%s)",
                                   kind == STRATA_SECTION_UP     ? "up"
                                   : kind == STRATA_SECTION_DOWN ? "down"
                                                                 : "verify",
                                   directive);
    if (!s->directive)
        return strata__nomem(err);
    if (dialect) {
        s->dialects = malloc(sizeof *s->dialects);
        if (!s->dialects || !(s->dialects[0] = strdup(dialect))) {
            free(s->dialects);
            s->dialects = NULL;
            free(s->directive);
            return strata__nomem(err);
        }
        s->ndialects = 1;
    }
    if (idx)
        *idx = r->nsections;
    r->nsections++;
    return STRATA_OK;
}

int strata__adopt_piece(strata_revision *r, size_t idx, size_t off,
                        size_t len, int whole, strata_error *err)
{
    strata_section *s = &r->sections[idx];
    const strata_source *src = &r->sources[s->source];
    strata_piece *p;

    if (off > src->len || len > src->len - off)
        return strata__error_set(err, STRATA_ERR, "%s: piece outside its "
                                 "file (a reader's bug)", src->path);
    p = realloc(s->pieces, (s->npieces + 1) * sizeof *p);
    STRATA_ALLOC_CHECK(p, err);
    s->pieces = p;
    p[s->npieces].offset = src->offset + off;
    p[s->npieces].len = len;
    p[s->npieces].whole = whole;
    s->npieces++;
    return STRATA_OK;
}

int strata__adopt_key(strata_revision *r, const char *key,
                      const char *value, strata_error *err)
{
    strata_header_key *k = realloc(r->keys, (r->nkeys + 1) * sizeof *k);

    STRATA_ALLOC_CHECK(k, err);
    r->keys = k;
    k = &k[r->nkeys];
    k->key = strdup(key);
    k->value = strdup(value);
    k->line = 1;
    if (!k->key || !k->value) {
        free(k->key);
        free(k->value);
        return strata__nomem(err);
    }
    r->nkeys++;
    if (strcmp(key, "transaction") == 0)
        r->txn = strcmp(value, "none") == 0 ? STRATA_TXN_NONE
                                            : STRATA_TXN_PER_MIGRATION;
    else if (strcmp(key, "repeatable") == 0)
        r->repeatable = strcmp(value, "true") == 0;
    return STRATA_OK;
}

int strata__adopt_link(strata_revlist *l, size_t from, strata_error *err)
{
    for (size_t i = from + 1; i < l->n; i++) {
        strata_revision *r = l->v[i];

        strata__strings_free(r->parents, r->nparents);
        r->parents = malloc(sizeof *r->parents);
        r->nparents = 0;
        STRATA_ALLOC_CHECK(r->parents, err);
        r->parents[0] = strdup(l->v[i - 1]->id);
        STRATA_ALLOC_CHECK(r->parents[0], err);
        r->nparents = 1;
    }
    return STRATA_OK;
}

int strata__adopt_vercmp(const char *a, size_t na, const char *b, size_t nb)
{
    while (na > 1 && *a == '0')
        a++, na--;
    while (nb > 1 && *b == '0')
        b++, nb--;
    if (na != nb)
        return na < nb ? -1 : 1;
    return memcmp(a, b, na);
}
