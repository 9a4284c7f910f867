/* takeover.c - match another tool's history rows to the chain's
 * revisions by their keys, with each tool's rules for comparing them,
 * and compare the checksums the tool kept with the files on disk. */
#include "chain/takeover.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/digest.h"
#include "util/json.h"

/* Digits of s, '-' skipped (Diesel's "2017-09-03-210424"), leading
 * zeros dropped: *n of them at *p; 0 when s has anything else. */
static int digits(const char *s, char *buf, size_t size, size_t *n)
{
    size_t k = 0;

    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s == '-')
            continue;
        if (!isdigit((unsigned char)*s))
            return 0;
        if (k == 0 && *s == '0')
            continue;
        if (k + 1 >= size)
            return 0;
        buf[k++] = *s;
    }
    buf[k] = '\0';
    *n = k;
    return 1;
}

static int cmp_number(const char *a, const char *b)
{
    char da[80], db[80];
    size_t na, nb;

    if (!digits(a, da, sizeof da, &na) || !digits(b, db, sizeof db, &nb))
        return strcmp(a, b);
    if (na != nb)
        return na < nb ? -1 : 1;
    return strcmp(da, db);
}

/* One dotted part of a Flyway version ("" past the end counts as 0). */
static int cmp_part(const char *a, size_t na, const char *b, size_t nb)
{
    while (na && *a == '0')
        a++, na--;
    while (nb && *b == '0')
        b++, nb--;
    if (na != nb)
        return na < nb ? -1 : 1;
    return strncmp(a, b, na);
}

static int cmp_dotted(const char *a, const char *b)
{
    for (const char *p = a; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != '_')
            return strcmp(a, b);
    for (const char *p = b; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != '_')
            return strcmp(a, b);
    while (*a || *b) {
        size_t na = strcspn(a, "._"), nb = strcspn(b, "._");
        int c = cmp_part(a, na, b, nb);

        if (c)
            return c;
        a += na + (a[na] != '\0');
        b += nb + (b[nb] != '\0');
    }
    return 0;
}

int strata__key_cmp(strata_key_kind kind, const char *a, const char *b)
{
    switch (kind) {
    case STRATA_KEY_NUMBER:
        return cmp_number(a, b);
    case STRATA_KEY_DOTTED:
        return cmp_dotted(a, b);
    default:
        return strcmp(a, b);
    }
}

int strata__tool_checksum(strata_foreign_sum kind, const char *text,
                          size_t n, char *out, size_t size)
{
    switch (kind) {
    case STRATA_SUM_FLYWAY_CRC32:
        snprintf(out, size, "%ld", (long)strata__flyway_crc32(text, n));
        return 0;
    case STRATA_SUM_SHA384:
        return strata__digest_hex("sha384", text, n, out, size);
    case STRATA_SUM_SHA256:
    case STRATA_SUM_PRISMA:
        return strata__digest_hex("sha256", text, n, out, size);
    default:
        return -1;
    }
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');

    return s ? s + 1 : p;
}

/* Liquibase's FILENAME is the path as it was given ("db/changelog/
 * 001.sql", "classpath:/db/changelog/001.sql"): it names the reader's
 * path (relative to the migrations folder) when one ends with the
 * other at a '/'. */
static int ends_with_path(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);

    return k <= n && strcmp(s + n - k, tail) == 0 &&
           (k == n || s[n - k - 1] == '/' || s[n - k - 1] == ':');
}

static int same_path(const char *a, const char *b)
{
    return ends_with_path(a, b) || ends_with_path(b, a);
}

/* Liquibase's changeset: "id", "author:id" as its --changeset line
 * writes it, or "file::id::author" as Liquibase itself names it. */
static int liquibase_match(const strata_foreign_row *row, const char *tv)
{
    const char *sep = strstr(tv, "::");
    size_t nk = strlen(row->key);

    if (strcmp(tv, row->key) == 0)
        return 1;
    if (sep && row->script && row->name) {
        const char *id = sep + 2, *sep2 = strstr(id, "::");
        char *file = strata__sprintf("%.*s", (int)(sep - tv), tv);
        int same;

        if (!file || !sep2) {
            free(file);
            return 0;
        }
        same = (size_t)(sep2 - id) == nk && strncmp(id, row->key, nk) == 0 &&
               strcmp(sep2 + 2, row->name) == 0 &&
               same_path(file, row->script);
        free(file);
        return same;
    }
    return row->name && strncmp(tv, row->name, strlen(row->name)) == 0 &&
           tv[strlen(row->name)] == ':' &&
           strcmp(tv + strlen(row->name) + 1, row->key) == 0;
}

/* key: the revision's key in the tool's table (its tool_version, or
 * Drizzle's journal time for it). */
static int matches(const strata_foreign *f, const strata_foreign_row *row,
                   const strata_revision *r, const char *key)
{
    if (!key || !row->repeatable != !r->repeatable)
        return 0;
    if (row->repeatable)
        return strcmp(key, row->key) == 0 ||
               (row->script && r->path &&
                strcmp(base_name(r->path), base_name(row->script)) == 0);
    if (strcmp(f->tool->name, "liquibase") == 0)
        return liquibase_match(row, key);
    /* popx counts a version applied under pop's first 14 digits too. */
    if (strcmp(f->tool->name, "popx") == 0 && strlen(row->key) == 14 &&
        strlen(key) > 14 && strncmp(key, row->key, 14) == 0)
        return 1;
    return strata__key_cmp(f->tool->keys, key, row->key) == 0;
}

/* The file the tool hashed: the revision's path, or migration.sql in
 * it when the path is a folder (Prisma).  malloc'd text (*n bytes and a
 * NUL), NULL when it cannot be read. */
static char *read_file(const char *path, size_t max_size, size_t *n)
{
    struct stat st;
    char *alt = NULL, *buf = NULL;
    FILE *f;

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!(alt = strata__sprintf("%s/migration.sql", path)))
            return NULL;
        path = alt;
    }
    f = fopen(path, "rb");
    free(alt);
    if (!f)
        return NULL;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        (size_t)st.st_size <= max_size &&
        (buf = malloc((size_t)st.st_size + 1)) != NULL) {
        *n = fread(buf, 1, (size_t)st.st_size, f);
        buf[*n] = '\0'; /* the journal is parsed as text */
        if (ferror(f)) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static int same_sum(strata_foreign_sum kind, const char *stored,
                    const char *now)
{
    if (kind == STRATA_SUM_FLYWAY_CRC32) {
        char *end;
        long long v;

        errno = 0;
        v = strtoll(stored, &end, 10);
        return !errno && !*end && (long)(int)v == strtol(now, NULL, 10);
    }
    return strcasecmp(stored, now) == 0;
}

/* text with its line endings turned to "\n" (crlf == 0) or "\r\n":
 * Prisma accepts either, as git may have changed them.  malloc'd. */
static char *line_endings(const char *text, size_t n, int crlf, size_t *len)
{
    char *out = malloc(2 * n + 1), *o = out;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')
            continue;
        if (text[i] == '\n' && crlf)
            *o++ = '\r';
        *o++ = text[i];
    }
    *len = (size_t)(o - out);
    return out;
}

/* hex (lowercase, two digits a byte) as old Prisma versions wrote it:
 * each byte without its leading zero. */
static void unpadded(const char *hex, char *out)
{
    for (; hex[0] && hex[1]; hex += 2) {
        if (hex[0] != '0')
            *out++ = hex[0];
        *out++ = hex[1];
    }
    *out = '\0';
}

/* Prisma's match: the file, or the file with other line endings, its
 * hex written either way. */
static int prisma_same(const char *stored, const char *text, size_t n)
{
    for (int crlf = -1; crlf < 2; crlf++) {
        char sum[100], old[100], *alt = NULL;
        size_t len = n;
        int same;

        if (crlf >= 0 && !(alt = line_endings(text, n, crlf, &len)))
            return 0;
        same = strata__digest_hex("sha256", alt ? alt : text, len, sum,
                                  sizeof sum) == 0;
        free(alt);
        unpadded(sum, old);
        if (same && (strcasecmp(sum, stored) == 0 ||
                     strcasecmp(old, stored) == 0))
            return 1;
    }
    return 0;
}

static void compare_sum(const strata_foreign *f, const strata_revision *r,
                        size_t max_size, strata_take *t)
{
    size_t n = 0;
    char *text;

    if (f->tool->sum == STRATA_SUM_NONE || !t->row || !t->row->checksum)
        return;
    t->sums = STRATA_SUMS_UNCHECKED;
    if (f->tool->sum == STRATA_SUM_OTHER || !r->path ||
        !(text = read_file(r->path, max_size, &n)))
        return;
    if (strata__tool_checksum(f->tool->sum, text, n, t->file_sum,
                              sizeof t->file_sum) == 0)
        t->sums = same_sum(f->tool->sum, t->row->checksum, t->file_sum) ||
                          (f->tool->sum == STRATA_SUM_PRISMA &&
                           prisma_same(t->row->checksum, text, n))
                      ? STRATA_SUMS_SAME
                      : STRATA_SUMS_DIFFER;
    free(text);
}

static int state_of(const strata_foreign_row *row)
{
    return row->state == STRATA_FOREIGN_APPLIED  ? STRATA_TAKE_APPLIED
           : row->state == STRATA_FOREIGN_FAILED ? STRATA_TAKE_FAILED
                                                 : STRATA_TAKE_NONE;
}

/* A row that stands for every version up to its own. */
static int map_upto(const strata_graph *g, const strata_foreign *f,
                    const strata_foreign_row *row, char *const *keys,
                    strata_take *take)
{
    int own = 0;

    for (size_t j = 0; j < strata__graph_count(g); j++) {
        const strata_revision *r = strata__graph_rev(g, j);
        int c;

        if (!keys[j] || r->repeatable)
            continue;
        c = strata__key_cmp(f->tool->keys, keys[j], row->key);
        if (c > 0 || (c < 0 && take[j].state != STRATA_TAKE_NONE))
            continue; /* a row of its own said where it stands */
        take[j].baseline = row->upto == 2;
        take[j].row = c == 0 && row->upto == 1 ? row : NULL;
        take[j].state = c == 0 && row->upto == 1 ? state_of(row)
                                                 : STRATA_TAKE_APPLIED;
        own |= c == 0;
    }
    return own || row->upto == 2 || row->state == STRATA_FOREIGN_REVERTED;
}

/* Drizzle's "when" for the file r's reader named by its tag, from
 * meta/_journal.json beside it (*doc caches one folder's, *dir names
 * it); NULL when the journal does not list it. */
static char *drizzle_when(const strata_revision *r, size_t max_size,
                          json_t **doc, char **dir)
{
    const char *slash = strrchr(r->path, '/');
    size_t dn = slash ? (size_t)(slash - r->path) : 1, i;
    json_t *e;

    if (!*dir || strlen(*dir) != dn ||
        strncmp(*dir, slash ? r->path : ".", dn) != 0) {
        char *path, *text;
        size_t len = 0;

        json_decref(*doc);
        free(*dir);
        *doc = NULL;
        *dir = strndup(slash ? r->path : ".", dn);
        path = *dir ? strata__sprintf("%s/meta/_journal.json", *dir) : NULL;
        text = path ? read_file(path, max_size, &len) : NULL;
        *doc = strata__json_load_quiet(text);
        free(path);
        free(text);
    }
    json_array_foreach(json_object_get(*doc, "entries"), i, e) {
        const char *tag = json_string_value(json_object_get(e, "tag"));
        json_t *when = json_object_get(e, "when");

        if (tag && strcmp(tag, r->tool_version) == 0 && json_is_integer(when))
            return strata__sprintf("%" JSON_INTEGER_FORMAT,
                                   json_integer_value(when));
    }
    return NULL;
}

/* Each revision's key in the tool's table: its tool_version, or for
 * Drizzle the journal time its table keeps.  keys[i] malloc'd. */
static int revision_keys(const strata_graph *g, const strata_foreign *f,
                         size_t max_size, char **keys)
{
    json_t *doc = NULL;
    char *dir = NULL;
    int rc = STRATA_OK;

    for (size_t j = 0; j < strata__graph_count(g) && rc == STRATA_OK; j++) {
        const strata_revision *r = strata__graph_rev(g, j);

        if (!r->tool_version)
            continue;
        if (strcmp(f->tool->name, "drizzle") == 0 && r->path)
            keys[j] = drizzle_when(r, max_size, &doc, &dir);
        else if (!(keys[j] = strdup(r->tool_version)))
            rc = STRATA_ERR_NOMEM;
    }
    json_decref(doc);
    free(dir);
    return rc;
}

int strata__takeover_map(const strata_graph *g, const strata_foreign *f,
                         size_t max_size, strata_takeover *out,
                         strata_error *err)
{
    size_t n = strata__graph_count(g);
    char **keys = calloc(n ? n : 1, sizeof *keys);

    memset(out, 0, sizeof *out);
    out->revs = calloc(n ? n : 1, sizeof *out->revs);
    out->orphans = calloc(f->nrows ? f->nrows : 1, sizeof *out->orphans);
    if (!keys || !out->revs || !out->orphans ||
        revision_keys(g, f, max_size, keys) != STRATA_OK) {
        strata__strings_free(keys, n);
        strata__takeover_free(out);
        return strata__nomem(err);
    }
    out->n = n;
    for (size_t i = 0; i < f->nrows; i++) {
        const strata_foreign_row *row = &f->rows[i];
        int found = 0;

        if (row->upto) {
            found = map_upto(g, f, row, keys, out->revs);
        } else {
            for (size_t j = 0; j < n; j++) {
                if (!matches(f, row, strata__graph_rev(g, j), keys[j]))
                    continue;
                out->revs[j].state = state_of(row);
                out->revs[j].row = row;
                out->revs[j].baseline = 0;
                found = 1;
            }
            found |= row->state == STRATA_FOREIGN_REVERTED;
        }
        if (!found)
            out->orphans[out->norphans++] = row;
    }
    for (size_t j = 0; j < n; j++)
        if (out->revs[j].state != STRATA_TAKE_NONE)
            compare_sum(f, strata__graph_rev(g, j), max_size, &out->revs[j]);
    strata__strings_free(keys, n);
    return STRATA_OK;
}

void strata__takeover_free(strata_takeover *t)
{
    free(t->revs);
    free(t->orphans);
    memset(t, 0, sizeof *t);
}
