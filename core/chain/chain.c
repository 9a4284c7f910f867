/* chain.c - load a migrations directory into revisions and a graph, and
 * split sections with the right dialect's splitter. */
#include "chain/chain.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chain/checksum.h"
#include "chain/layout.h"
#include "chain/lexer.h"
#include "db/host.h"
#include "util/alloc.h"
#include "util/buf.h"

typedef struct pathlist {
    char **v;
    size_t n, cap;
} pathlist;

static int pl_add(pathlist *pl, char *p)
{
    if (pl->n == pl->cap) {
        size_t nc = pl->cap ? pl->cap * 2 : 64;
        char **nv = realloc(pl->v, nc * sizeof *nv);
        if (!nv)
            return STRATA_ERR_NOMEM;
        pl->v = nv;
        pl->cap = nc;
    }
    pl->v[pl->n++] = p;
    return STRATA_OK;
}

static void pl_free(pathlist *pl)
{
    for (size_t i = 0; i < pl->n; i++)
        free(pl->v[i]);
    free(pl->v);
}

static int ends_with_sql(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && strcmp(name + n - 4, ".sql") == 0;
}

/* Collect dir's *.sql files recursively; depth bounds symlink loops. */
static int scan(const char *dir, pathlist *pl, int depth, strata_error *err)
{
    DIR *d;
    struct dirent *e;
    int rc = STRATA_OK;

    if (depth > 32)
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: directories nested too deep", dir);
    d = opendir(dir);
    if (!d)
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "cannot read migrations directory %s: %s",
                                 dir, strerror(errno));
    while (rc == STRATA_OK && (e = readdir(d))) {
        struct stat st;
        char *p;

        if (e->d_name[0] == '.')
            continue;
        p = strata__sprintf("%s/%s", dir, e->d_name);
        if (!p) {
            rc = strata__nomem(err);
            break;
        }
        if (stat(p, &st) != 0) {
            free(p);
            continue; /* a dangling link is not a migration */
        }
        if (S_ISDIR(st.st_mode)) {
            rc = scan(p, pl, depth + 1, err);
            free(p);
        } else if (S_ISREG(st.st_mode) && ends_with_sql(e->d_name)) {
            if (pl_add(pl, p) != STRATA_OK) {
                free(p);
                rc = strata__nomem(err);
            }
        } else {
            free(p);
        }
    }
    closedir(d);
    return rc;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The dialects a section may name: the ini's extra ones, the URL's
 * driver, the drivers strata ships, and (listed on the first name that
 * is none of those) every driver installed in the search path. */
typedef struct known_dialects {
    char *const *extra;              /* borrowed */
    size_t nextra;
    const strata_driver *drv;        /* borrowed; may be NULL */
    const strata_driver_path *dpath; /* borrowed; may be NULL */
    char **found;                    /* shipped and installed; owned */
    size_t nfound;
    int listed;                      /* found was filled */
} known_dialects;

static int in_list(const char *d, char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d, v[i]) == 0)
            return 1;
    return 0;
}

static int list_found(known_dialects *k, strata_error *err)
{
    int rc = STRATA_OK;

    if (!k->listed)
        rc = strata__loader_dialects(&k->found, &k->nfound, k->dpath, err);
    k->listed = rc == STRATA_OK;
    return rc;
}

/* *known = 1 when d is a dialect name; fails only out of memory. */
static int dialect_known(known_dialects *k, const char *d, int *known,
                         strata_error *err)
{
    int rc = STRATA_OK;

    *known = in_list(d, k->extra, k->nextra) ||
             (k->drv && k->drv->name && strcmp(d, k->drv->name) == 0) ||
             strata__driver_shipped(d);
    if (!*known && (rc = list_found(k, err)) == STRATA_OK)
        *known = in_list(d, k->found, k->nfound);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "a, b, c": every name k knows, sorted, each once; malloc'd, NULL out
 * of memory. */
static char *known_text(const known_dialects *k)
{
    size_t n = 0, cap = k->nfound + k->nextra + 1;
    const char **v = malloc(cap * sizeof *v);
    strata_buf b = {0};
    int rc = STRATA_OK;

    if (!v)
        return NULL;
    for (size_t i = 0; i < k->nfound; i++)
        v[n++] = k->found[i];
    for (size_t i = 0; i < k->nextra; i++)
        v[n++] = k->extra[i];
    if (k->drv && k->drv->name)
        v[n++] = k->drv->name;
    qsort(v, n, sizeof *v, cmp_name);
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (!i || strcmp(v[i - 1], v[i]) != 0)
            rc = strata__buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
    free(v);
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    return b.data ? strata__buf_take(&b) : strdup("");
}

static int check_dialects(const strata_revision *r, known_dialects *k,
                          strata_error *err)
{
    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *s = &r->sections[i];
        for (size_t j = 0; j < s->ndialects; j++) {
            char *names;
            int known, rc = dialect_known(k, s->dialects[j], &known, err);

            if (rc != STRATA_OK)
                return rc;
            if (known)
                continue;
            names = known_text(k);
            STRATA_ALLOC_CHECK(names, err);
            rc = strata__error_set(
                err, STRATA_ERR_PARSE,
                "%s:%u: unknown dialect '%s' in '%s' (known: %s; list "
                "others in 'dialects' in strata.ini)",
                strata__section_path(r, s), s->line, s->dialects[j],
                s->directive, names);
            free(names);
            return rc;
        }
    }
    return STRATA_OK;
}

static int add_splitter(strata_chain *c, const char *dialect,
                        strata_loaded *owned, const strata_driver *drv)
{
    strata_splitter *s =
        realloc(c->splitters, (c->nsplitters + 1) * sizeof *s);

    if (!s)
        return STRATA_ERR_NOMEM;
    c->splitters = s;
    s = &s[c->nsplitters];
    memset(s, 0, sizeof *s);
    s->dialect = strdup(dialect);
    s->conn = calloc(1, drv->conn_size);
    if (!s->dialect || !s->conn) {
        free(s->dialect);
        free(s->conn);
        return STRATA_ERR_NOMEM;
    }
    s->conn->host = strata__host();
    s->owned = owned;
    s->drv = drv;
    c->nsplitters++;
    return STRATA_OK;
}

/* Every file of pl read whole into files (n entries). */
static int read_files(const pathlist *pl, const char *dir, size_t max_size,
                      strata_layout_file **files, strata_error *err)
{
    size_t skip = strlen(dir) + 1;
    int rc = STRATA_OK;

    *files = pl->n ? calloc(pl->n, sizeof **files) : NULL;
    if (pl->n && !*files)
        return strata__nomem(err);
    for (size_t i = 0; i < pl->n && rc == STRATA_OK; i++) {
        strata_layout_file *f = &(*files)[i];
        const char *slash;

        f->path = strdup(pl->v[i]);
        STRATA_ALLOC_CHECK(f->path, err);
        f->rel = f->path + (strlen(f->path) > skip ? skip : 0);
        slash = strrchr(f->path, '/');
        f->name = slash ? slash + 1 : f->path;
        rc = strata__migration_read(f->path, max_size, &f->text, &f->len,
                                    err);
    }
    return rc;
}

static void files_free(strata_layout_file *files, size_t n)
{
    for (size_t i = 0; files && i < n; i++) {
        free(files[i].path);
        free(files[i].text);
    }
    free(files);
}

/* The adopted layout's files through its reader, then strata's own
 * files in path order, into list. */
static int read_revisions(const strata_layout_choice *ch,
                          const strata_layout_ctx *ctx,
                          strata_layout_file *files, size_t n,
                          known_dialects *k, strata_revlist *list,
                          strata_error *err)
{
    const strata_layout_file **mine = NULL;
    size_t nmine = 0;
    int rc = STRATA_OK;

    if (ch->adopted) {
        mine = n ? calloc(n, sizeof *mine) : NULL;
        if (n && !mine)
            return strata__nomem(err);
        for (size_t i = 0; i < n && rc == STRATA_OK; i++)
            if (!ch->own[i]) {
                mine[nmine++] = &files[i];
                rc = strata__text_check(files[i].path, files[i].text,
                                        files[i].len, err);
            }
        if (rc == STRATA_OK && nmine)
            rc = ch->adopted->read(ctx, mine, nmine, list, err);
        for (size_t i = 0; i < list->n && rc == STRATA_OK; i++)
            rc = check_dialects(list->v[i], k, err);
        free(mine);
    }
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        strata_revision *r;

        if (!ch->own[i])
            continue;
        rc = strata__migration_take(&r, files[i].path, files[i].text,
                                    files[i].len, err);
        files[i].text = NULL;
        if (rc == STRATA_OK)
            rc = strata__revlist_push(list, r, err);
        if (rc == STRATA_OK)
            rc = check_dialects(r, k, err);
    }
    return rc;
}

/* "golang-migrate", "strata+golang-migrate" or "strata". */
static char *layout_name(const strata_layout_choice *ch)
{
    if (!ch->adopted)
        return strdup("strata");
    return strata__sprintf("%s%s", ch->with_strata ? "strata+" : "",
                           ch->adopted->name);
}

int strata__chain_load_as(strata_chain *out, const char *dir,
                          const char *format, size_t max_size,
                          char *const *dialects, size_t ndialects,
                          const strata_driver_path *dpath,
                          const strata_driver *drv, strata_error *err)
{
    pathlist pl = {0};
    known_dialects k = {.extra = dialects, .nextra = ndialects,
                        .drv = drv, .dpath = dpath};
    strata_layout_ctx ctx = {dir, max_size};
    strata_layout_choice ch = {0};
    strata_layout_file *files = NULL;
    strata_revlist list = {0};
    struct stat st;
    int rc;

    memset(out, 0, sizeof *out);
    out->dpath = dpath;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT) /* it is there, but cannot be read */
            return strata__error_set(err, STRATA_ERR_CONFIG,
                                     "migrations directory %s: %s", dir,
                                     strerror(errno));
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "migrations directory %s does not exist "
                                 "(run 'strata init', or set 'migrations' "
                                 "in strata.ini)",
                                 dir);
    }
    if (!S_ISDIR(st.st_mode))
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "migrations directory %s is not a directory",
                                 dir);
    out->dir = strdup(dir);
    STRATA_ALLOC_CHECK(out->dir, err);
    if (drv && add_splitter(out, drv->name, NULL, drv) != STRATA_OK) {
        strata__chain_free(out);
        return strata__nomem(err);
    }
    rc = scan(dir, &pl, 0, err);
    if (rc == STRATA_OK && pl.n)
        qsort(pl.v, pl.n, sizeof *pl.v, cmp_path);
    if (rc == STRATA_OK)
        rc = read_files(&pl, dir, max_size, &files, err);
    if (rc == STRATA_OK)
        rc = strata__layout_choose(format, &ctx, files, pl.n, &ch, err);
    if (rc == STRATA_OK)
        rc = read_revisions(&ch, &ctx, files, pl.n, &k, &list, err);
    if (rc == STRATA_OK) {
        out->layout_detected = ch.detected;
        if (!(out->layout = layout_name(&ch)))
            rc = strata__nomem(err);
    }
    files_free(files, pl.n);
    free(ch.own);
    out->revs = list.v;
    out->n = list.n;
    pl_free(&pl);
    strata__strings_free(k.found, k.nfound);
    if (rc == STRATA_OK)
        rc = strata__graph_build(&out->graph, out->revs, out->n, err);
    if (rc != STRATA_OK)
        strata__chain_free(out);
    return rc;
}

int strata__chain_load(strata_chain *out, const char *dir, size_t max_size,
                       char *const *dialects, size_t ndialects,
                       const strata_driver_path *dpath,
                       const strata_driver *drv, strata_error *err)
{
    return strata__chain_load_as(out, dir, NULL, max_size, dialects,
                                 ndialects, dpath, drv, err);
}

void strata__chain_free(strata_chain *c)
{
    for (size_t i = 0; i < c->n; i++)
        strata__migration_free(c->revs[i]);
    free(c->revs);
    strata__graph_free(c->graph);
    for (size_t i = 0; i < c->nsplitters; i++) {
        if (c->splitters[i].drv && c->splitters[i].conn)
            c->splitters[i].drv->disconnect(c->splitters[i].conn);
        free(c->splitters[i].conn);
        free(c->splitters[i].dialect);
        strata__loaded_free(c->splitters[i].owned);
    }
    free(c->splitters);
    free(c->dir);
    free(c->layout);
    memset(c, 0, sizeof *c);
}

/* The splitter for dialect, loading its driver on first use; NULL when
 * it is not installed (the standard lexer stands in). */
static strata_splitter *splitter_for(strata_chain *c, const char *dialect)
{
    strata_loaded *l = NULL;
    strata_error lerr = {0};

    for (size_t i = 0; i < c->nsplitters; i++)
        if (strcmp(c->splitters[i].dialect, dialect) == 0)
            return c->splitters[i].drv ? &c->splitters[i] : NULL;
    if (c->dpath)
        strata__loader_by_name(&l, c->dpath, dialect, &lerr);
    strata__error_clear(&lerr);
    if (!l) {
        /* Remember the absence so the search is not repeated. */
        strata_splitter *s =
            realloc(c->splitters, (c->nsplitters + 1) * sizeof *s);
        if (s) {
            c->splitters = s;
            memset(&s[c->nsplitters], 0, sizeof *s);
            if ((s[c->nsplitters].dialect = strdup(dialect)))
                c->nsplitters++;
        }
        return NULL;
    }
    if (add_splitter(c, dialect, l, &l->drv) != STRATA_OK) {
        strata__loaded_free(l);
        return NULL;
    }
    return &c->splitters[c->nsplitters - 1];
}

int strata__chain_driver(strata_chain *c, const char *dialect,
                         const strata_driver **drv, strata_conn **conn)
{
    strata_splitter *sp = splitter_for(c, dialect);

    if (!sp)
        return STRATA_ERR_NOTFOUND;
    *drv = sp->drv;
    *conn = sp->conn;
    return STRATA_OK;
}

static unsigned line_at(const char *text, size_t from, size_t to,
                        unsigned line)
{
    for (size_t i = from; i < to; i++)
        line += text[i] == '\n';
    return line;
}

/* Split len bytes at off of r's text, whose first line is line of
 * path, into out (offsets in r's text, lines in path). */
static int split_range(strata_splitter *sp, const strata_revision *r,
                       const char *path, size_t off, size_t len,
                       unsigned line, strata_stmt_list *out,
                       strata_error *err)
{
    const char *body = r->text + off;
    int rc;

    memset(out, 0, sizeof *out);
    if (sp) {
        rc = sp->drv->split(sp->conn, body, len, out);
        if (rc != STRATA_OK)
            strata__error_set(err, rc, "%s", sp->conn->errmsg);
    } else {
        rc = strata__lexer_split(body, len, out, err);
    }
    if (rc != STRATA_OK) {
        unsigned at = line_at(body, 0, out->err_offset < len
                                           ? out->err_offset
                                           : len,
                              line);
        strata__stmt_list_free(out);
        return strata__error_prefix(err, "%s:%u: ", path, at);
    }
    for (size_t i = 0; i < out->count; i++) {
        out->items[i].line += line - 1;
        out->items[i].offset += off;
    }
    return STRATA_OK;
}

/* Make l one statement: the text from its first statement to the end of
 * its last, as written; norms joined, flags combined. */
static int merge_whole(const strata_revision *r, strata_stmt_list *l,
                       size_t end)
{
    strata_stmt *a = &l->items[0], *z = &l->items[l->count - 1];
    size_t stop = z->offset + strlen(z->sql);
    strata_buf norm = {0};
    char *sql;
    int rc = STRATA_OK;

    if (stop > end)
        stop = end;
    for (size_t i = 0; i < l->count && rc == STRATA_OK; i++) {
        const strata_stmt *s = &l->items[i];
        rc = strata__buf_printf(&norm, "%s%s", i ? "; " : "",
                                s->norm ? s->norm : s->sql);
        a->flags |= s->flags;
    }
    sql = rc == STRATA_OK ? strndup(r->text + a->offset, stop - a->offset)
                          : NULL;
    if (!sql || !norm.data) {
        free(sql);
        strata__buf_free(&norm);
        return STRATA_ERR_NOMEM;
    }
    free(a->sql);
    free(a->norm);
    a->sql = sql;
    a->norm = strata__buf_take(&norm);
    for (size_t i = 1; i < l->count; i++) {
        free(l->items[i].sql);
        free(l->items[i].norm);
    }
    l->count = 1;
    return STRATA_OK;
}

/* Append every statement of from to to (from's array is freed). */
static int take_all(strata_stmt_list *to, strata_stmt_list *from)
{
    strata_stmt *v;

    if (!from->count) {
        strata__stmt_list_free(from);
        return STRATA_OK;
    }
    v = realloc(to->items, (to->count + from->count) * sizeof *v);
    if (!v) {
        strata__stmt_list_free(from);
        return STRATA_ERR_NOMEM;
    }
    memcpy(v + to->count, from->items, from->count * sizeof *v);
    to->items = v;
    to->count += from->count;
    free(from->items);
    memset(from, 0, sizeof *from);
    return STRATA_OK;
}

/* The section's pieces, each split, a whole piece made one statement. */
static int split_pieces(strata_splitter *sp, const strata_revision *r,
                        const strata_section *sec, strata_stmt_list *out,
                        strata_error *err)
{
    const char *path = strata__section_path(r, sec);
    size_t base = sec->source < r->nsources ? r->sources[sec->source].offset
                                            : 0;
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sec->npieces && rc == STRATA_OK; i++) {
        const strata_piece *p = &sec->pieces[i];
        strata_stmt_list l;

        rc = split_range(sp, r, path, p->offset, p->len,
                         line_at(r->text, base, p->offset, 1), &l, err);
        if (rc != STRATA_OK)
            break;
        if (p->whole && l.count > 1 &&
            merge_whole(r, &l, p->offset + p->len) != STRATA_OK) {
            strata__stmt_list_free(&l);
            rc = strata__nomem(err);
        } else if (take_all(out, &l) != STRATA_OK) {
            rc = strata__nomem(err);
        }
    }
    if (rc != STRATA_OK)
        strata__stmt_list_free(out);
    return rc;
}

/* 1 when sql is one of words (case-insensitive, blanks folded). */
static int is_words(const char *sql, const char *const *words)
{
    for (size_t i = 0; words[i]; i++) {
        const char *w = words[i], *p = sql;

        while (*w && *p) {
            if (*w == ' ') {
                if (!isspace((unsigned char)*p))
                    break;
                while (isspace((unsigned char)*p))
                    p++;
                w++;
            } else if (tolower((unsigned char)*p) == *w) {
                p++, w++;
            } else {
                break;
            }
        }
        if (!*w && !*p)
            return 1;
    }
    return 0;
}

/* An adopted file that wraps itself in BEGIN ... COMMIT (golang-migrate
 * users write it so): strata owns that transaction, so both go. */
static void drop_own_txn(strata_stmt_list *l)
{
    static const char *const open[] = {"begin", "begin transaction",
                                       "begin work", "start transaction",
                                       NULL};
    static const char *const close[] = {"commit", "commit transaction",
                                        "commit work", "end",
                                        "end transaction", NULL};
    strata_stmt *v = l->items;

    if (l->count < 2 || !is_words(v[0].sql, open) ||
        !is_words(v[l->count - 1].sql, close))
        return;
    free(v[0].sql);
    free(v[0].norm);
    free(v[l->count - 1].sql);
    free(v[l->count - 1].norm);
    memmove(v, v + 1, (l->count - 2) * sizeof *v);
    l->count -= 2;
}

int strata__chain_split(strata_chain *c, const char *dialect,
                        const strata_revision *r, const strata_section *sec,
                        strata_stmt_list *out, strata_error *err)
{
    strata_splitter *sp = dialect ? splitter_for(c, dialect) : NULL;
    int rc;

    if (sec->npieces)
        rc = split_pieces(sp, r, sec, out, err);
    else
        rc = split_range(sp, r, strata__section_path(r, sec), sec->offset,
                         sec->len, sec->body_line, out, err);
    if (rc == STRATA_OK && r->layout)
        drop_own_txn(out);
    return rc;
}

static int split_cb(void *payload, const char *dialect,
                    const strata_revision *r, const strata_section *sec,
                    strata_stmt_list *out, strata_error *err)
{
    return strata__chain_split(payload, dialect, r, sec, out, err);
}

int strata__chain_checksum(strata_chain *c, const strata_revision *r,
                           char out[68], strata_error *err)
{
    return strata__checksum(out, r, split_cb, c, err);
}
