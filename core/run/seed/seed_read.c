/* seed_read.c - one seed file into rows: the format from the extension,
 * the table from the file name unless the file names it, and the helpers
 * the three readers share. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "chain/migration.h"
#include "run/seed/seed.h"
#include "util/buf.h"

static void strings_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void strata__seed_strings_free(char **v, size_t n)
{
    strings_free(v, n);
}

void strata__seed_file_free(strata_seed_file *f)
{
    for (size_t i = 0; i < f->nrows; i++) {
        strata_seed_row *r = &f->rows[i];

        for (size_t k = 0; k < r->n; k++) {
            free(r->names[k]);
            free(r->values[k]);
            if (r->canon)
                free(r->canon[k]);
        }
        free(r->names);
        free(r->values);
        free(r->canon);
    }
    free(f->rows);
    strings_free(f->key, f->nkey);
    free(f->path);
    free(f->table);
    memset(f, 0, sizeof *f);
}

char *strata__seed_vsay(const strata_seed_file *f, unsigned line,
                        const char *fmt, va_list ap)
{
    strata_buf b = {0};

    if (strata__buf_printf(&b, "%s:%u: ", f->path, line ? line : 1) !=
            STRATA_OK ||
        strata__buf_vprintf(&b, fmt, ap) != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    return strata__buf_take(&b);
}

int strata__seed_fail(const strata_seed_file *f, unsigned line,
                      strata_error *err, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    int rc;

    va_start(ap, fmt);
    msg = strata__seed_vsay(f, line, fmt, ap);
    va_end(ap);
    STRATA_ALLOC_CHECK(msg, err);
    rc = strata__error_set(err, STRATA_ERR_PARSE, "%s", msg);
    free(msg);
    return rc;
}

strata_seed_row *strata__seed_row_new(strata_seed_file *f, unsigned line,
                                      strata_error *err)
{
    strata_seed_row *v = realloc(f->rows, (f->nrows + 1) * sizeof *v);

    if (!v) {
        strata__nomem(err);
        return NULL;
    }
    f->rows = v;
    memset(&v[f->nrows], 0, sizeof *v);
    v[f->nrows].line = line;
    return &v[f->nrows++];
}

int strata__seed_row_set(strata_seed_row *r, const char *name, size_t nlen,
                         const char *value, size_t vlen, strata_error *err)
{
    char **names = realloc(r->names, (r->n + 1) * sizeof *names), **values;
    char *n, *v = NULL;

    STRATA_ALLOC_CHECK(names, err);
    r->names = names;
    values = realloc(r->values, (r->n + 1) * sizeof *values);
    STRATA_ALLOC_CHECK(values, err);
    r->values = values;
    n = strndup(name, nlen);
    if (n && value && !(v = strndup(value, vlen))) {
        free(n);
        n = NULL;
    }
    STRATA_ALLOC_CHECK(n, err);
    names[r->n] = n;
    values[r->n++] = v;
    return STRATA_OK;
}

int strata__seed_key_add(strata_seed_file *f, const char *name, size_t len,
                         strata_error *err)
{
    /* "a, b" is two names. */
    while (len) {
        size_t n = 0, skip;
        char **v;

        while (len && (*name == ' ' || *name == ',' || *name == '\t')) {
            name++;
            len--;
        }
        while (n < len && name[n] != ',')
            n++;
        skip = n;
        while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
            n--;
        if (n) {
            v = realloc(f->key, (f->nkey + 1) * sizeof *v);
            STRATA_ALLOC_CHECK(v, err);
            f->key = v;
            v[f->nkey] = strndup(name, n);
            STRATA_ALLOC_CHECK(v[f->nkey], err);
            f->nkey++;
        }
        name += skip;
        len -= skip;
    }
    return STRATA_OK;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* The file name without folder and extension, and without a leading
 * "NN_" or "NN-" that orders files ("01_projects.csv" seeds projects). */
static char *table_from_name(const char *path)
{
    const char *base = strrchr(path, '/'), *dot;
    size_t digits = 0;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    while (base[digits] >= '0' && base[digits] <= '9')
        digits++;
    if (digits && (base[digits] == '_' || base[digits] == '-') &&
        base + digits + 1 < (dot ? dot : base + strlen(base)))
        base += digits + 1;
    return strndup(base, dot && dot > base ? (size_t)(dot - base)
                                           : strlen(base));
}

int strata__seed_parse(const char *path, const char *text, size_t len,
                       strata_seed_file *f, strata_error *err)
{
    const char *ext = extension(path);
    int rc;

    memset(f, 0, sizeof *f);
    f->path = strdup(path);
    f->table = table_from_name(path);
    if (!f->path || !f->table) {
        strata__seed_file_free(f);
        return strata__nomem(err);
    }
    rc = strata__text_check(path, text, len, err);
    if (rc != STRATA_OK)
        ;
    else if (strcmp(ext, "yaml") == 0 || strcmp(ext, "yml") == 0)
        rc = strata__seed_yaml(text, len, f, err);
    else if (strcmp(ext, "csv") == 0)
        rc = strata__seed_csv(text, len, f, err);
    else if (strcmp(ext, "json") == 0)
        rc = strata__seed_json(text, len, f, err);
    else
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s: not a seed file: the name must end in "
                               ".yaml, .yml, .csv or .json",
                               path);
    if (rc == STRATA_OK && !*f->table)
        rc = strata__seed_fail(f, 1, err, "no table: name it with 'table:'");
    if (rc != STRATA_OK)
        strata__seed_file_free(f);
    return rc;
}

int strata__seed_read(const char *path, size_t max_size,
                      strata_seed_file *out, strata_error *err)
{
    char *text;
    size_t len;
    int rc = strata__migration_read(path, max_size, &text, &len, err);

    memset(out, 0, sizeof *out);
    if (rc != STRATA_OK)
        return rc;
    rc = strata__seed_parse(path, text, len, out, err);
    free(text);
    return rc;
}
