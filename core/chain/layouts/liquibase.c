/* liquibase.c - Liquibase formatted SQL: files starting "--liquibase
 * formatted sql", each "--changeset author:id" a revision in file order,
 * files in name order; --rollback lines and blocks, dbms:, endDelimiter:,
 * splitStatements:, runInTransaction: as Liquibase reads them. */
#include "chain/layouts/liquibase.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chain/layouts/build.h"
#include "chain/layouts/liquibase_split.h"
#include "chain/layouts/tooldb.h"
#include "util/alloc.h"
#include "util/buf.h"

#define LAYOUT "liquibase"

/* Liquibase's short names of the databases strata has drivers for. */
static const strata_tooldb_name dbms_names[] = {
    {"postgresql", STRATA_TOOLDB_POSTGRES}, {"mysql", STRATA_TOOLDB_MYSQL},
    {"mariadb", STRATA_TOOLDB_MYSQL},       {"sqlite", STRATA_TOOLDB_SQLITE},
    {NULL, 0}};

typedef struct line {
    const char *s, *e; /* without the newline (and a '\r' before it) */
    size_t at, next;   /* its offset and the next line's */
    unsigned no;
} line;

static int next_line(const char *t, size_t len, line *l)
{
    const char *nl;

    if (l->next >= len && l->no)
        return 0;
    l->at = l->next;
    l->s = t + l->at;
    nl = memchr(l->s, '\n', len - l->at);
    l->e = nl ? nl : t + len;
    l->next = nl ? (size_t)(nl - t) + 1 : len;
    if (l->e > l->s && l->e[-1] == '\r')
        l->e--;
    l->no++;
    return 1;
}

static const char *skip_blank(const char *p, const char *e)
{
    while (p < e && isspace((unsigned char)*p))
        p++;
    return p;
}

/* p at "--", optional blanks, then word (any case): past it, or NULL. */
static const char *directive(const char *p, const char *e, const char *word)
{
    size_t n = strlen(word);

    p = skip_blank(p, e);
    if (e - p < 2 || p[0] != '-' || p[1] != '-')
        return NULL;
    p = skip_blank(p + 2, e);
    if ((size_t)(e - p) < n || strncasecmp(p, word, n) != 0)
        return NULL;
    return p + n;
}

int strata__liquibase_marked(const char *text, size_t len)
{
    line l = {0};
    const char *p;

    while (next_line(text, len, &l)) {
        if (skip_blank(l.s, l.e) == l.e)
            continue;
        p = directive(l.s, l.e, "liquibase");
        if (!p)
            return 0;
        p = skip_blank(p, l.e);
        return (size_t)(l.e - p) >= 9 && strncasecmp(p, "formatted", 9) == 0;
    }
    return 0;
}

static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    (void)ctx;
    return strata__liquibase_marked(f->text, f->len) ? STRATA_LAYOUT_MARKED
                                                     : STRATA_LAYOUT_NO;
}

/* The value of "key:" on the changeset line (the last one, as
 * Liquibase's greedy patterns find), or NULL; *n its length.  A value
 * runs to the next blank; quoted ("a b") for context and labels. */
static const char *attr(const line *l, const char *key, size_t *n)
{
    size_t k = strlen(key);
    const char *found = NULL;

    for (const char *p = l->s; p + k < l->e; p++)
        if ((p == l->s || !isalnum((unsigned char)p[-1])) &&
            strncasecmp(p, key, k) == 0 && p[k] == ':')
            found = p + k + 1;
    if (!found)
        return NULL;
    *n = 0;
    while (found + *n < l->e && !isspace((unsigned char)found[*n]))
        (*n)++;
    return found;
}

/* Boolean.parseBoolean: "true" in any case is true, anything else false. */
static int attr_bool(const line *l, const char *key, int dflt)
{
    size_t n;
    const char *v = attr(l, key, &n);

    if (!v)
        return dflt;
    return n == 4 && strncasecmp(v, "true", 4) == 0;
}

/* dbms: as Liquibase matches a database against it: none, all, names,
 * and !names left out.  The dialects it allows, as a mask. */
static unsigned dbms_mask(const line *l)
{
    size_t n, i = 0;
    const char *v = attr(l, "dbms", &n);
    unsigned pos = 0, neg = 0;
    int any_pos = 0;

    if (!v || !n)
        return STRATA_TOOLDB_ALL;
    while (i < n) {
        size_t j = i;
        int not = v[i] == '!';
        const strata_tooldb_name *d;

        while (j < n && v[j] != ',')
            j++;
        d = strata__tooldb_find(dbms_names, v + i + not, j - i - not);
        if (j - i - not == 4 && strncasecmp(v + i + not, "none", 4) == 0)
            return 0;
        if (j - i - not == 3 && strncasecmp(v + i + not, "all", 3) == 0)
            pos |= not ? 0 : STRATA_TOOLDB_ALL;
        else if (not)
            neg |= d ? d->bit : 0;
        else
            pos |= d ? d->bit : 0;
        any_pos |= !not;
        i = j + 1;
    }
    return (any_pos ? pos : STRATA_TOOLDB_ALL) & ~neg;
}

/* One changeset, as read from its file. */
typedef struct changeset {
    line head;          /* the --changeset line */
    size_t end;         /* where the next one starts (or the file ends) */
    char *author, *id;  /* owned */
    char *comment;      /* --comment: text, owned, may be NULL */
    strata_buf rollback;
    unsigned rollback_line; /* 0: no rollback given */
} changeset;

typedef struct file_state {
    const strata_layout_file *f;
    changeset *v;
    size_t n, cap;
    char *logical;      /* logicalFilePath: of the header, owned */
    strata_error *err;
} file_state;

static void changesets_free(file_state *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->v[i].author);
        free(st->v[i].id);
        free(st->v[i].comment);
        strata__buf_free(&st->v[i].rollback);
    }
    free(st->v);
    free(st->logical);
}

static int refuse(file_state *st, const line *l, const char *what)
{
    return strata__error_set(st->err, STRATA_ERR_PARSE, "%s:%u: %s",
                             st->f->path, l->no, what);
}

static char *unquote(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
        return strndup(s + 1, n - 2);
    return strndup(s, n);
}

/* "--changeset author:id": a new changeset; 0 when l is none, an error
 * when it is one written wrong. */
static int changeset_line(file_state *st, const line *l, int *is)
{
    const char *p = directive(l->s, l->e, "changeset"), *a, *colon, *id;
    changeset *c;

    *is = p != NULL;
    if (!p)
        return STRATA_OK;
    a = skip_blank(p, l->e);
    if (a == p || a == l->e)
        return refuse(st, l, "expected '--changeset <author>:<id>'");
    if (*a == '"') {
        const char *q = memchr(a + 1, '"', (size_t)(l->e - a - 1));
        colon = q ? q + 1 : l->e;
    } else {
        colon = memchr(a, ':', (size_t)(l->e - a));
    }
    if (!colon || colon >= l->e || *colon != ':' || colon == a)
        return refuse(st, l, "expected '--changeset <author>:<id>'");
    id = colon + 1;
    p = id;
    if (p < l->e && *p == '"') {
        const char *q = memchr(p + 1, '"', (size_t)(l->e - p - 1));
        p = q ? q + 1 : l->e;
    }
    while (p < l->e && !isspace((unsigned char)*p))
        p++;
    if (p == id)
        return refuse(st, l, "expected '--changeset <author>:<id>' (no "
                             "blank before the id)");
    if (st->n == st->cap) {
        size_t nc = st->cap ? st->cap * 2 : 16;
        changeset *nv = realloc(st->v, nc * sizeof *nv);

        STRATA_ALLOC_CHECK(nv, st->err);
        st->v = nv;
        st->cap = nc;
    }
    c = &st->v[st->n];
    memset(c, 0, sizeof *c);
    c->head = *l;
    c->author = unquote(a, (size_t)(colon - a));
    c->id = unquote(id, (size_t)(p - id));
    st->n++;
    if (!c->author || !c->id)
        return strata__nomem(st->err);
    return STRATA_OK;
}

/* "--rollback SQL": SQL joins the changeset's rollback, a line each. */
static int rollback_line(file_state *st, changeset *c, const line *l,
                         int *is)
{
    const char *p = directive(l->s, l->e, "rollback");

    *is = p && p < l->e && *p == ' ';
    if (!*is)
        return STRATA_OK;
    if (!c->rollback_line)
        c->rollback_line = l->no;
    if (strata__buf_append(&c->rollback, p + 1, (size_t)(l->e - p - 1)) ||
        strata__buf_append(&c->rollback, "\n", 1))
        return strata__nomem(st->err);
    return STRATA_OK;
}

/* "/ * liquibase rollback" up to a line ending "* /": its lines joined
 * as Liquibase joins them (with nothing between). */
static int rollback_block(file_state *st, changeset *c, line *l,
                          const char *text, size_t len, int *is)
{
    const char *p = skip_blank(l->s, l->e);
    unsigned first = l->no;

    *is = 0;
    if (l->e - p < 2 || p[0] != '/' || p[1] != '*')
        return STRATA_OK;
    p = skip_blank(p + 2, l->e);
    if ((size_t)(l->e - p) < 9 || strncasecmp(p, "liquibase", 9) != 0)
        return STRATA_OK;
    p = skip_blank(p + 9, l->e);
    if ((size_t)(l->e - p) < 8 || strncasecmp(p, "rollback", 8) != 0 ||
        skip_blank(p + 8, l->e) != l->e)
        return STRATA_OK;
    *is = 1;
    if (!c->rollback_line)
        c->rollback_line = first + 1;
    while (next_line(text, len, l)) {
        const char *e = l->e;

        while (e > l->s && isspace((unsigned char)e[-1]))
            e--;
        if (e - l->s >= 2 && e[-2] == '*' && e[-1] == '/') {
            const char *q = e - 2;

            if (skip_blank(l->s, q) != q &&
                strata__buf_append(&c->rollback, l->s, (size_t)(q - l->s)))
                return strata__nomem(st->err);
            return STRATA_OK;
        }
        if (strata__buf_append(&c->rollback, l->s, (size_t)(l->e - l->s)))
            return strata__nomem(st->err);
    }
    l->no = first;
    return refuse(st, l, "this Liquibase rollback comment is not closed");
}

/* Lines strata cannot honour: refused rather than run differently. */
static const char *unsupported(const line *l)
{
    static const struct {
        const char *word, *why;
    } v[] = {
        {"preconditions", "Liquibase preconditions are not evaluated by "
                          "strata; move the check into the SQL (IF [NOT] "
                          "EXISTS) or remove it"},
        {"precondition-", "Liquibase preconditions are not evaluated by "
                          "strata; move the check into the SQL (IF [NOT] "
                          "EXISTS) or remove it"},
        {"ignorelines:", "--ignoreLines is not supported; remove the lines "
                         "or comment them out"},
        {"property ", "changelog properties (--property, ${name}) are not "
                      "substituted by strata; write the values out"},
        {NULL, NULL}};

    for (size_t i = 0; v[i].word; i++)
        if (directive(l->s, l->e, v[i].word))
            return v[i].why;
    return NULL;
}

static int read_changesets(file_state *st)
{
    const strata_layout_file *f = st->f;
    line l = {0};
    int header = 0, rc = STRATA_OK;

    while (rc == STRATA_OK && next_line(f->text, f->len, &l)) {
        changeset *c = st->n ? &st->v[st->n - 1] : NULL;
        const char *why, *p;
        int is = 0;

        if (!header && skip_blank(l.s, l.e) != l.e) {
            size_t n;
            const char *v = attr(&l, "logicalFilePath", &n);

            header = 1;
            if (v && !(st->logical = strndup(v, n)))
                return strata__nomem(st->err);
            continue;
        }
        if ((why = unsupported(&l)))
            return refuse(st, &l, why);
        rc = changeset_line(st, &l, &is);
        if (rc != STRATA_OK || is) {
            /* c may have moved: changeset_line grows the array. */
            if (is && st->n > 1)
                st->v[st->n - 2].end = l.at;
            continue;
        }
        if (!c)
            continue; /* Liquibase ignores what comes before */
        if ((p = directive(l.s, l.e, "comment")) && (*p == ':' || *p == ' ')) {
            p = skip_blank(p + (*p == ':'), l.e);
            free(c->comment);
            if (!(c->comment = strndup(p, (size_t)(l.e - p))))
                return strata__nomem(st->err);
            continue;
        }
        rc = rollback_line(st, c, &l, &is);
        if (rc == STRATA_OK && !is)
            rc = rollback_block(st, c, &l, f->text, f->len, &is);
    }
    if (st->n)
        st->v[st->n - 1].end = f->len;
    return rc;
}

/* The revision id of c: "<file stem>.<id>" (".<author>" too when the
 * file has the id twice), made a strata id (strata__tooldb_id). */
static char *make_id(const strata_layout_file *f, const file_state *st,
                     const changeset *c)
{
    size_t stem = strlen(f->rel), dups = 0;
    char *raw, *id;

    if (stem > 4 && strcmp(f->rel + stem - 4, ".sql") == 0)
        stem -= 4;
    for (size_t i = 0; i < st->n; i++)
        dups += strcmp(st->v[i].id, c->id) == 0;
    raw = dups > 1 ? strata__sprintf("%.*s.%s.%s", (int)stem, f->rel, c->id,
                                     c->author)
                   : strata__sprintf("%.*s.%s", (int)stem, f->rel, c->id);
    if (!raw)
        return NULL;
    id = strata__tooldb_id(raw, strlen(raw));
    free(raw);
    return id;
}

typedef struct piece_ctx {
    strata_revision *r;
    size_t *sec, nsec;
    size_t base; /* the body's offset in the section's source */
    size_t count;
    strata_error *err;
} piece_ctx;

static int add_piece(void *payload, size_t off, size_t len)
{
    piece_ctx *pc = payload;
    int rc = STRATA_OK;

    for (size_t i = 0; i < pc->nsec && rc == STRATA_OK; i++)
        rc = strata__adopt_piece(pc->r, pc->sec[i], pc->base + off, len, 1,
                                 pc->err);
    pc->count++;
    return rc;
}

/* Sections of kind over text[off..off+len) of source src, one per
 * dialect of mask, each cut into Liquibase's statements. */
static int split_sections(strata_revision *r, size_t src,
                          strata_section_kind kind, unsigned mask,
                          const char *text, size_t off, size_t len,
                          int split, const char *delim, unsigned line_no,
                          const char *directive_text, size_t *count,
                          strata_error *err)
{
    size_t sec[3], nsec = 0;
    piece_ctx pc = {r, sec, 0, off, 0, err};
    int rc = strata__tooldb_sections(r, src, kind, mask, off, len,
                                     directive_text, sec, &nsec, err);

    pc.nsec = nsec;
    for (size_t i = 0; i < nsec; i++) {
        r->sections[sec[i]].body_line = line_no;
        r->sections[sec[i]].line = line_no > 1 ? line_no - 1 : 1;
    }
    if (rc == STRATA_OK)
        rc = strata__liquibase_split(text + off, len, split, delim,
                                     add_piece, &pc);
    *count = pc.count;
    return rc;
}

static int rollback(strata_revision *r, const changeset *c, unsigned mask,
                    const strata_layout_file *f, strata_error *err)
{
    const char *t = c->rollback.data ? c->rollback.data : "";
    size_t len = c->rollback.len, src, count, dn = 0;
    const char *p = skip_blank(t, t + len), *delim;
    strata_layout_file rb = *f;
    char *d = NULL;
    int rc;

    if (!c->rollback_line || p == t + len)
        return STRATA_OK; /* none: irreversible */
    if ((size_t)(t + len - p) >= 12 && strncasecmp(p, "not required", 12) == 0)
        len = 0;
    else if ((size_t)(t + len - p) >= 5 && strncasecmp(p, "empty", 5) == 0)
        len = 0;
    if (len == 0)
        return strata__tooldb_sections(r, 0, STRATA_SECTION_DOWN, mask, 0, 0,
                                       "--rollback not required", NULL, NULL,
                                       err);
    for (const char *q = t; q + 11 <= t + len; q++)
        if (strncasecmp(q, "changesetid", 11) == 0)
            return strata__error_set(
                err, STRATA_ERR_PARSE,
                "%s:%u: a rollback naming another changeset (changesetId:) "
                "is not supported; write its SQL out",
                f->path, c->rollback_line);
    rb.text = (char *)t;
    rb.len = len;
    rc = strata__adopt_file(r, &rb, &src, err);
    delim = attr(&c->head, "rollbackEndDelimiter", &dn);
    if (rc == STRATA_OK && delim && dn && !(d = strndup(delim, dn)))
        rc = strata__nomem(err);
    if (rc == STRATA_OK)
        rc = split_sections(r, src, STRATA_SECTION_DOWN, mask, t, 0, len,
                            attr_bool(&c->head, "rollbackSplitStatements", 1),
                            d, c->rollback_line, "--rollback", &count, err);
    free(d);
    return rc;
}

static int one(const strata_layout_file *f, const file_state *st,
               const changeset *c, strata_revlist *out, strata_error *err)
{
    const line *h = &c->head;
    strata_layout_file ex = *f;
    size_t n, count, body = h->next - h->at, dn = 0;
    const char *v = attr(h, "logicalFilePath", &n), *delim;
    char *id = make_id(f, st, c), *file, *ver = NULL, *d = NULL;
    unsigned mask = dbms_mask(h);
    strata_revision *r = NULL;
    int rc;

    file = v ? strndup(v, n) : strdup(st->logical ? st->logical : f->rel);
    if (file)
        ver = strata__sprintf("%s::%s::%s", file, c->id, c->author);
    delim = attr(h, "endDelimiter", &dn);
    if (delim && dn)
        d = strndup(delim, dn);
    if (!id || !file || !ver || (delim && dn && !d)) {
        rc = strata__nomem(err);
        goto done;
    }
    /* The revision holds its own changeset, not the whole file. */
    ex.text = f->text + h->at;
    ex.len = c->end - h->at;
    rc = strata__adopt_rev(&r, LAYOUT, &ex, id, ver, c->comment, err);
    if (rc == STRATA_OK)
        rc = split_sections(r, 0, STRATA_SECTION_UP, mask, ex.text, body,
                            ex.len - body, attr_bool(h, "splitStatements", 1),
                            d, h->no + 1, h->s, &count, err);
    if (rc == STRATA_OK && count == 0)
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s:%u: no SQL for changeset %s:%s", f->path,
                               h->no, c->author, c->id);
    if (rc == STRATA_OK)
        rc = rollback(r, c, mask, f, err);
    if (rc == STRATA_OK && !attr_bool(h, "runInTransaction", 1))
        rc = strata__adopt_key(r, "transaction", "none", err);
    if (rc == STRATA_OK && (attr_bool(h, "runOnChange", 0) ||
                            attr_bool(h, "runAlways", 0)))
        rc = strata__adopt_key(r, "repeatable", "true", err);
    if (rc == STRATA_OK) {
        rc = strata__revlist_push(out, r, err);
        r = NULL;
    }
done:
    strata__migration_free(r);
    free(id);
    free(file);
    free(ver);
    free(d);
    return rc;
}

int strata__liquibase_file(const strata_layout_file *f, strata_revlist *out,
                           strata_error *err)
{
    file_state st = {f, NULL, 0, 0, NULL, err};
    int rc = read_changesets(&st);

    for (size_t i = 0; i < st.n && rc == STRATA_OK; i++)
        if (!attr_bool(&st.v[i].head, "ignore", 0))
            rc = one(f, &st, &st.v[i], out, err);
    changesets_free(&st);
    return rc;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    size_t from = out->n;
    int rc = STRATA_OK;

    (void)ctx;
    /* Files in name order, as Liquibase's includeAll runs them. */
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = strata__liquibase_file(files[i], out, err);
    if (rc == STRATA_OK)
        rc = strata__adopt_link(out, from, err);
    return rc;
}

const strata_layout strata__layout_liquibase = {
    LAYOUT, "*.sql starting '--liquibase formatted sql'", detect,
    read_layout};
