/* migration.c - read one migration file: UTF-8 check, header keys, and
 * the +up/+down/+verify sections (docs/design.md §2 and §2.2). */
#include "chain/migration.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/host.h"
#include "util/utf8.h"
#include "util/alloc.h"

static const char *const known_keys[] = {"revision", "revises", "depends",
                                         "message",  "branch",  "transaction",
                                         "allow_locking", "repeatable", NULL};

int strata__revision_id_valid(const char *id)
{
    size_t n = 0;

    /* Target keywords cannot name a revision. */
    if (strcmp(id, "base") == 0 || strcmp(id, "head") == 0 ||
        strcmp(id, "heads") == 0)
        return 0;

    for (; id[n]; n++)
        if (!isalnum((unsigned char)id[n]) && !strchr("_.-", id[n]))
            return 0;
    return n >= 1 && n <= 64;
}

/* The line (1-based) of byte offset off. */
static unsigned line_of(const char *text, size_t off)
{
    unsigned line = 1;

    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n')
            line++;
    return line;
}

static char *trim_dup(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return strndup(s, n);
}

/* Split a comma-separated value into trimmed, non-empty items. */
static int split_list(const char *value, char ***out, size_t *n)
{
    char **v = NULL;
    size_t cnt = 0;
    const char *p = value;

    *out = NULL;
    *n = 0;
    while (*p) {
        size_t len = strcspn(p, ",");
        char *item = trim_dup(p, len), **nv;

        if (!item)
            goto oom;
        if (!*item) {
            free(item);
        } else {
            nv = realloc(v, (cnt + 1) * sizeof *v);
            if (!nv) {
                free(item);
                goto oom;
            }
            v = nv;
            v[cnt++] = item;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    *out = v;
    *n = cnt;
    return STRATA_OK;
oom:
    strata__strings_free(v, cnt);
    return STRATA_ERR_NOMEM;
}

/* 1 when a non-empty comma list has an empty item ("a,,b", "a,"). */
static int list_has_empty(const char *value)
{
    int seen_item = 0;

    if (!*value)
        return 0;
    for (const char *p = value;; p++) {
        if (*p == ',' || !*p) {
            if (!seen_item)
                return 1;
            seen_item = 0;
            if (!*p)
                return 0;
        } else if (!isspace((unsigned char)*p)) {
            seen_item = 1;
        }
    }
}

void strata__migration_free(strata_revision *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->text);
    free(r->id);
    strata__strings_free(r->parents, r->nparents);
    strata__strings_free(r->depends, r->ndepends);
    free(r->message);
    free(r->branch);
    free(r->layout);
    free(r->tool_version);
    for (size_t i = 0; i < r->nkeys; i++) {
        free(r->keys[i].key);
        free(r->keys[i].value);
    }
    free(r->keys);
    for (size_t i = 0; i < r->nsections; i++) {
        strata__strings_free(r->sections[i].dialects, r->sections[i].ndialects);
        free(r->sections[i].directive);
        free(r->sections[i].pieces);
    }
    free(r->sections);
    for (size_t i = 0; i < r->nsources; i++)
        free(r->sources[i].path);
    free(r->sources);
    free(r);
}

/* A parse in progress: the file, the revision being filled, the error. */
typedef struct parser {
    const char *path;
    const char *text;
    size_t len;
    strata_revision *r;
    strata_error *err;
} parser;

static int perr(parser *p, unsigned line, const char *fmt, ...)
    STRATA_PRINTF(3, 4);

static int perr(parser *p, unsigned line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strata__error_vset(p->err, STRATA_ERR_PARSE, fmt, ap);
    va_end(ap);
    return strata__error_prefix(p->err, "%s:%u: ", p->path, line);
}

/* Validate every id of a list value ("revises", "depends"). */
static int check_ids(parser *p, unsigned line, const char *key,
                     const char *value, char **v, size_t n)
{
    if (list_has_empty(value))
        return perr(p, line, "empty revision id in '%s: %s'", key, value);
    for (size_t i = 0; i < n; i++) {
        if (!strata__revision_id_valid(v[i]))
            return perr(p, line,
                        "invalid revision id '%s' in '%s' (use 1-64 of "
                        "A-Z a-z 0-9 _ . -)",
                        v[i], key);
        for (size_t j = 0; j < i; j++)
            if (strcmp(v[i], v[j]) == 0)
                return perr(p, line, "'%s' lists '%s' twice", key, v[i]);
    }
    return STRATA_OK;
}

static int set_key(parser *p, const char *key, const char *value,
                   unsigned line)
{
    strata_revision *r = p->r;
    strata_header_key *k;
    int rc = STRATA_OK;

    for (size_t i = 0; i < r->nkeys; i++)
        if (strcmp(r->keys[i].key, key) == 0)
            return perr(p, line, "duplicate header key '%s' (first on line "
                                 "%u)",
                        key, r->keys[i].line);
    k = realloc(r->keys, (r->nkeys + 1) * sizeof *k);
    STRATA_ALLOC_CHECK(k, p->err);
    r->keys = k;
    k = &k[r->nkeys];
    k->key = strdup(key);
    k->value = strdup(value);
    k->line = line;
    if (!k->key || !k->value) {
        free(k->key);
        free(k->value);
        return strata__nomem(p->err);
    }
    r->nkeys++;

    if (strcmp(key, "revision") == 0) {
        if (!*value)
            return perr(p, line, "empty revision: '-- revision:' needs an id");
        if (!strata__revision_id_valid(value))
            return perr(p, line,
                        "invalid revision id '%s' (use 1-64 of A-Z a-z 0-9 "
                        "_ . -; base, head and heads are reserved)",
                        value);
        r->id = strdup(value);
        r->id_line = line;
        rc = r->id ? STRATA_OK : STRATA_ERR_NOMEM;
    } else if (strcmp(key, "revises") == 0) {
        r->parents_line = line;
        if (strcmp(value, "base") != 0) {
            rc = split_list(value, &r->parents, &r->nparents);
            if (rc == STRATA_OK)
                return check_ids(p, line, key, value, r->parents, r->nparents);
        }
    } else if (strcmp(key, "depends") == 0) {
        r->depends_line = line;
        rc = split_list(value, &r->depends, &r->ndepends);
        if (rc == STRATA_OK)
            return check_ids(p, line, key, value, r->depends, r->ndepends);
    } else if (strcmp(key, "message") == 0) {
        rc = (r->message = strdup(value)) ? STRATA_OK : STRATA_ERR_NOMEM;
    } else if (strcmp(key, "branch") == 0) {
        if (!strata__revision_id_valid(value))
            return perr(p, line,
                        "invalid branch label '%s' (use 1-64 of A-Z a-z "
                        "0-9 _ . -)",
                        value);
        r->branch = strdup(value);
        r->branch_line = line;
        rc = r->branch ? STRATA_OK : STRATA_ERR_NOMEM;
    } else if (strcmp(key, "transaction") == 0) {
        if (strcmp(value, "per-migration") == 0)
            r->txn = STRATA_TXN_PER_MIGRATION;
        else if (strcmp(value, "none") == 0)
            r->txn = STRATA_TXN_NONE;
        else
            return perr(p, line,
                        "transaction: expected 'per-migration' or 'none', "
                        "not '%s'",
                        value);
    } else if (strcmp(key, "allow_locking") == 0 ||
               strcmp(key, "repeatable") == 0) {
        int *dst = key[0] == 'a' ? &r->allow_locking : &r->repeatable;

        if (strcmp(value, "true") == 0)
            *dst = 1;
        else if (strcmp(value, "false") == 0)
            *dst = 0;
        else
            return perr(p, line, "%s: expected 'true' or 'false', not '%s'",
                        key, value);
    }
    if (rc != STRATA_OK)
        return strata__nomem(p->err);
    return STRATA_OK;
}

static int is_known_key(const char *key)
{
    for (size_t i = 0; known_keys[i]; i++)
        if (strcmp(known_keys[i], key) == 0)
            return 1;
    return 0;
}

/* A header line "-- key: value" (key = [a-z_][a-z0-9_]*).  Returns 1 and
 * fills key/value (malloc'd) when the line has that shape. */
static int header_key(const char *s, size_t n, char **key, char **value)
{
    size_t i = 2, k0, k1;

    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    k0 = i;
    if (i >= n || !(islower((unsigned char)s[i]) || s[i] == '_'))
        return 0;
    while (i < n && (islower((unsigned char)s[i]) ||
                     isdigit((unsigned char)s[i]) || s[i] == '_'))
        i++;
    k1 = i;
    /* "revises : x" is a typo of a key, not a comment that silently
     * makes a root: allow blanks before ':' for the known keys. */
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] != ':')
        return 0;
    if (i > k1) {
        char *word = strndup(s + k0, k1 - k0);
        int known = word && is_known_key(word);
        free(word);
        if (!known)
            return 0;
    }
    *key = strndup(s + k0, k1 - k0);
    *value = trim_dup(s + i + 1, n - i - 1);
    return 1;
}

/* Handle one header line (before the first directive).  in_block tracks
 * a C-style comment spanning lines. */
static int header_line(parser *p, const char *s, size_t n, unsigned line,
                       int *in_block)
{
    char *key = NULL, *value = NULL;
    int rc;

    /* Inside a C-style comment: skip to its end, then treat the rest of
     * the line like any other header text. */
    if (*in_block) {
        for (size_t i = 0; i + 1 < n; i++) {
            if (s[i] == '*' && s[i + 1] == '/') {
                *in_block = 0;
                return header_line(p, s + i + 2, n - i - 2, line, in_block);
            }
        }
        return STRATA_OK;
    }
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    if (n == 0)
        return STRATA_OK;
    if (n >= 2 && s[0] == '/' && s[1] == '*') {
        *in_block = 1;
        return header_line(p, s + 2, n - 2, line, in_block);
    }
    if (n < 2 || s[0] != '-' || s[1] != '-')
        return perr(p, line,
                    "SQL before the first directive; start the body with "
                    "'-- +up'");
    if (!header_key(s, n, &key, &value))
        return STRATA_OK; /* a free comment */
    if (!key || !value)
        rc = strata__nomem(p->err);
    else if (!is_known_key(key))
        rc = perr(p, line,
                  "unknown header key '%s' (known: revision, revises, "
                  "depends, message, branch, transaction, allow_locking, "
                  "repeatable)",
                  key);
    else
        rc = set_key(p, key, value, line);
    free(key);
    free(value);
    return rc;
}

/* A directive line "-- +word [dialects]".  Returns 1 if the line is one
 * (and then *rc tells whether it was valid), 0 otherwise. */
static int directive_line(parser *p, const char *s, size_t n, size_t next,
                          unsigned line, int *rc)
{
    static const char *const kinds[] = {"up", "down", "verify"};
    size_t i = 2, w0, w1;
    strata_section *sec;
    char *word, *rest;
    int kind = -1;

    if (n < 2 || s[0] != '-' || s[1] != '-')
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] != '+')
        return 0;
    w0 = ++i;
    while (i < n && !isspace((unsigned char)s[i]))
        i++;
    w1 = i;
    word = strndup(s + w0, w1 - w0);
    rest = trim_dup(s + w1, n - w1);
    *rc = STRATA_OK;
    if (!word || !rest) {
        *rc = strata__nomem(p->err);
        goto done;
    }
    for (int k = 0; k < 3; k++)
        if (strcmp(word, kinds[k]) == 0)
            kind = k;
    if (kind < 0) {
        *rc = perr(p, line,
                   "unknown directive '+%s' (expected +up, +down or "
                   "+verify)",
                   word);
        goto done;
    }
    sec = realloc(p->r->sections, (p->r->nsections + 1) * sizeof *sec);
    if (!sec) {
        *rc = strata__nomem(p->err);
        goto done;
    }
    p->r->sections = sec;
    sec = &sec[p->r->nsections++];
    memset(sec, 0, sizeof *sec);
    sec->kind = (strata_section_kind)kind;
    sec->line = line;
    sec->offset = next;
    sec->body_line = line + 1;
    if (split_list(rest, &sec->dialects, &sec->ndialects) != STRATA_OK ||
        !(sec->directive = trim_dup(s, n))) {
        *rc = strata__nomem(p->err);
        goto done;
    }
    if (list_has_empty(rest)) {
        *rc = perr(p, line, "empty dialect name in '%s'", sec->directive);
        goto done;
    }
    for (size_t d = 0; d < sec->ndialects; d++) {
        const char *c = sec->dialects[d];
        for (; *c; c++)
            if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) &&
                *c != '_')
                break;
        if (*c || !*sec->dialects[d]) {
            *rc = perr(p, line, "invalid dialect name '%s' in '%s'",
                       sec->dialects[d], sec->directive);
            goto done;
        }
    }
done:
    free(word);
    free(rest);
    return 1;
}

/* Where a body line leaves the lexer: directives count only in code. */
typedef enum body_state {
    BODY_CODE,
    BODY_COMMENT, /* inside a C-style comment */
    BODY_STRING,  /* inside a '...' string */
    BODY_QUOTED   /* inside a "..." identifier */
} body_state;

/* The state after the n bytes of one body line, starting in st.  A
 * "--" comment ends with the line; quotes with doubled quotes inside. */
static body_state body_scan(const char *s, size_t n, body_state st)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];

        switch (st) {
        case BODY_COMMENT:
            if (c == '*' && i + 1 < n && s[i + 1] == '/')
                st = BODY_CODE, i++;
            break;
        case BODY_STRING:
        case BODY_QUOTED:
            if (c == (st == BODY_STRING ? '\'' : '"')) {
                if (i + 1 < n && s[i + 1] == c)
                    i++;
                else
                    st = BODY_CODE;
            }
            break;
        case BODY_CODE:
            if (c == '-' && i + 1 < n && s[i + 1] == '-')
                return BODY_CODE;
            if (c == '/' && i + 1 < n && s[i + 1] == '*')
                st = BODY_COMMENT, i++;
            else if (c == '\'')
                st = BODY_STRING;
            else if (c == '"')
                st = BODY_QUOTED;
            break;
        }
    }
    return st;
}

int strata__text_check(const char *path, const char *text, size_t len,
                       strata_error *err)
{
    size_t bad = strata__utf8_invalid_at((const unsigned char *)text, len);
    size_t col = 1;

    if (bad >= len)
        return STRATA_OK;
    for (size_t i = bad; i > 0 && text[i - 1] != '\n'; i--)
        col++;
    return strata__error_set(err, STRATA_ERR_PARSE,
                             "%s:%u:%zu: %s (byte 0x%02X)", path,
                             line_of(text, bad), col,
                             text[bad] ? "invalid UTF-8" : "NUL byte",
                             (unsigned char)text[bad]);
}

/* Parse text (malloc'd, len + 1 bytes, NUL-terminated), taking it over. */
static int parse_owned(strata_revision **out, const char *path, char *text,
                       size_t len, strata_error *err)
{
    parser p = {path, text, len, NULL, err};
    size_t pos = 0;
    unsigned line = 1;
    int in_block = 0, rc = STRATA_OK;
    body_state body = BODY_CODE;

    *out = NULL;
    if (strata__text_check(path, text, len, err) != STRATA_OK) {
        free(text);
        return STRATA_ERR_PARSE;
    }
    p.r = calloc(1, sizeof *p.r);
    if (!p.r || !(p.r->path = strdup(path))) {
        free(p.r);
        free(text);
        return strata__nomem(err);
    }
    p.r->text = text;
    p.r->len = len;
    /* A UTF-8 byte order mark is not part of the first line. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;

    while (pos < len && rc == STRATA_OK) {
        size_t eol = pos, n, next;
        const char *s = text + pos;

        while (eol < len && text[eol] != '\n')
            eol++;
        next = eol < len ? eol + 1 : eol;
        n = eol - pos;
        if (n && s[n - 1] == '\r')
            n--;
        /* Leading blanks do not hide a header key or directive. */
        while (n && (*s == ' ' || *s == '\t'))
            s++, n--;
        /* Inside a body's block comment or string a directive-shaped
         * line is text, not a new section. */
        if (body != BODY_CODE || !directive_line(&p, s, n, next, line, &rc)) {
            if (p.r->nsections == 0)
                rc = header_line(&p, s, n, line, &in_block);
            else
                body = body_scan(text + pos, eol - pos, body);
        } else if (rc == STRATA_OK && p.r->nsections > 1) {
            strata_section *prev = &p.r->sections[p.r->nsections - 2];
            prev->len = pos - prev->offset;
        }
        pos = next;
        line++;
    }
    if (rc == STRATA_OK && p.r->nsections > 0) {
        strata_section *last = &p.r->sections[p.r->nsections - 1];
        last->len = len - last->offset;
    }
    if (rc == STRATA_OK && !p.r->id && p.r->nkeys == 0 &&
        p.r->nsections == 0)
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s:1: empty migration file: it needs at "
                               "least '-- revision: ID'",
                               path);
    if (rc == STRATA_OK && !p.r->id)
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "%s:1: missing '-- revision: ID' header",
                               path);
    if (rc != STRATA_OK) {
        strata__migration_free(p.r);
        return rc;
    }
    *out = p.r;
    return STRATA_OK;
}

int strata__migration_parse(strata_revision **out, const char *path,
                            const char *text, size_t len, strata_error *err)
{
    char *copy = malloc(len + 1);

    *out = NULL;
    STRATA_ALLOC_CHECK(copy, err);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return parse_owned(out, path, copy, len, err);
}

int strata__migration_take(strata_revision **out, const char *path,
                           char *text, size_t len, strata_error *err)
{
    return parse_owned(out, path, text, len, err);
}

int strata__migration_read(const char *path, size_t max_size, char **text,
                           size_t *len, strata_error *err)
{
    FILE *f;
    struct stat st;
    char *buf;
    size_t n;
    int rc;

    *text = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (!f)
        return strata__error_set(err, STRATA_ERR_PARSE, "%s: %s", path,
                                 strerror(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: not a regular file", path);
    }
    if ((size_t)st.st_size > max_size) {
        fclose(f);
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s: %lld bytes, larger than the limit of "
                                 "%zu (max_file_size in strata.ini)",
                                 path, (long long)st.st_size, max_size);
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        fclose(f);
        return strata__nomem(err);
    }
    n = fread(buf, 1, (size_t)st.st_size, f);
    if (ferror(f)) {
        rc = strata__error_set(err, STRATA_ERR_PARSE, "%s: read error: %s",
                               path, strerror(errno));
        fclose(f);
        free(buf);
        return rc;
    }
    fclose(f);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return STRATA_OK;
}

int strata__migration_load(strata_revision **out, const char *path,
                           size_t max_size, strata_error *err)
{
    char *text;
    size_t len;
    int rc = strata__migration_read(path, max_size, &text, &len, err);

    *out = NULL;
    if (rc != STRATA_OK)
        return rc;
    return parse_owned(out, path, text, len, err);
}

const char *strata__revision_path_at(const strata_revision *r, size_t off)
{
    for (size_t i = r->nsources; i-- > 0;)
        if (off >= r->sources[i].offset)
            return r->sources[i].path;
    return r->path;
}

const char *strata__section_path(const strata_revision *r,
                                 const strata_section *s)
{
    return s->source < r->nsources ? r->sources[s->source].path : r->path;
}

int strata__section_applies(const strata_section *s, const char *dialect)
{
    if (s->ndialects == 0)
        return 1;
    for (size_t i = 0; i < s->ndialects; i++)
        if (strcmp(s->dialects[i], dialect) == 0)
            return 1;
    return 0;
}

int strata__migration_has(const strata_revision *r, strata_section_kind kind,
                          const char *dialect)
{
    for (size_t i = 0; i < r->nsections; i++)
        if (r->sections[i].kind == kind &&
            strata__section_applies(&r->sections[i], dialect))
            return 1;
    return 0;
}
