/* chain.c - load a migrations directory into revisions and a graph, and
 * split sections with the right dialect's splitter. */
#include "chain/chain.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chain/checksum.h"
#include "chain/lexer.h"
#include "db/host.h"
#include "util/alloc.h"

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
                r->path, s->line, s->dialects[j], s->directive, names);
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

int strata__chain_load(strata_chain *out, const char *dir, size_t max_size,
                       char *const *dialects, size_t ndialects,
                       const strata_driver_path *dpath,
                       const strata_driver *drv, strata_error *err)
{
    pathlist pl = {0};
    known_dialects k = {.extra = dialects, .nextra = ndialects,
                        .drv = drv, .dpath = dpath};
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
    if (rc == STRATA_OK && pl.n) {
        qsort(pl.v, pl.n, sizeof *pl.v, cmp_path);
        out->revs = calloc(pl.n, sizeof *out->revs);
        if (!out->revs)
            rc = strata__nomem(err);
    }
    for (size_t i = 0; i < pl.n && rc == STRATA_OK; i++) {
        rc = strata__migration_load(&out->revs[i], pl.v[i], max_size, err);
        if (rc == STRATA_OK) {
            out->n++;
            rc = check_dialects(out->revs[i], &k, err);
        }
    }
    pl_free(&pl);
    strata__strings_free(k.found, k.nfound);
    if (rc == STRATA_OK)
        rc = strata__graph_build(&out->graph, out->revs, out->n, err);
    if (rc != STRATA_OK)
        strata__chain_free(out);
    return rc;
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

int strata__chain_split(strata_chain *c, const char *dialect,
                        const strata_revision *r, const strata_section *sec,
                        strata_stmt_list *out, strata_error *err)
{
    const char *body = r->text + sec->offset;
    strata_splitter *sp = dialect ? splitter_for(c, dialect) : NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (sp) {
        rc = sp->drv->split(sp->conn, body, sec->len, out);
        if (rc != STRATA_OK)
            strata__error_set(err, rc, "%s", sp->conn->errmsg);
    } else {
        rc = strata__lexer_split(body, sec->len, out, err);
    }
    if (rc != STRATA_OK) {
        unsigned line = line_at(body, 0, out->err_offset < sec->len
                                             ? out->err_offset
                                             : sec->len,
                                sec->body_line);
        strata__stmt_list_free(out);
        return strata__error_prefix(err, "%s:%u: ", r->path, line);
    }
    for (size_t i = 0; i < out->count; i++) {
        out->items[i].line += sec->body_line - 1;
        out->items[i].offset += sec->offset;
    }
    return STRATA_OK;
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
