/* json.c - JSON string escaping (RFC 8259): quotes, backslashes and
 * control characters; UTF-8 passes through (files are checked valid). */
#include "util/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

int strata__json_str(strata_buf *b, const char *s)
{
    int rc;

    if (!s)
        return strata__buf_puts(b, "null");
    rc = strata__buf_puts(b, "\"");
    while (*s && rc == STRATA_OK) {
        unsigned char c = (unsigned char)*s;
        const char *esc = NULL;
        size_t run = 0;

        /* Copy a run of characters that need no escape in one go. */
        while (s[run] && (unsigned char)s[run] >= 0x20 && s[run] != '"' &&
               s[run] != '\\')
            run++;
        if (run) {
            rc = strata__buf_append(b, s, run);
            s += run;
            continue;
        }
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        }
        rc = esc ? strata__buf_puts(b, esc)
                 : strata__buf_printf(b, "\\u%04x", c);
        s++;
    }
    if (rc == STRATA_OK)
        rc = strata__buf_puts(b, "\"");
    return rc;
}

int strata__json_key(strata_buf *b, const char *key, int first)
{
    int rc = first ? STRATA_OK : strata__buf_puts(b, ",");

    if (rc == STRATA_OK)
        rc = strata__json_str(b, key);
    if (rc == STRATA_OK)
        rc = strata__buf_puts(b, ":");
    return rc;
}

/* --- reading ------------------------------------------------------------ */

typedef struct reader {
    const char *p;
    int depth;
} reader;

static void skip_ws(reader *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
        r->p++;
}

static void value_clear(strata_json *v)
{
    for (size_t i = 0; i < v->count; i++) {
        value_clear(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    memset(v, 0, sizeof *v);
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;

    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static int put_utf8(strata_buf *b, unsigned cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return strata__buf_append(b, u, n);
}

/* A string at r->p (which is at the opening quote). */
static int read_string(reader *r, char **out)
{
    strata_buf b = {0};

    r->p++;
    while (*r->p != '"') {
        unsigned cp, lo;

        if (!*r->p || (unsigned char)*r->p < 0x20)
            goto bad;
        if (*r->p != '\\') {
            if (strata__buf_append(&b, r->p++, 1) != STRATA_OK)
                goto bad;
            continue;
        }
        r->p++;
        switch (*r->p) {
        case '"': case '\\': case '/':
            cp = (unsigned char)*r->p;
            break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (hex4(r->p + 1, &cp) != 0)
                goto bad;
            r->p += 4;
            /* A surrogate pair spells one code point past U+FFFF. */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (r->p[1] != '\\' || r->p[2] != 'u' ||
                    hex4(r->p + 3, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
                    goto bad;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                r->p += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                goto bad;
            }
            break;
        default:
            goto bad;
        }
        if (cp == 0 || put_utf8(&b, cp) != STRATA_OK)
            goto bad;
        r->p++;
    }
    r->p++;
    *out = strata__buf_take(&b);
    return *out ? STRATA_OK : STRATA_ERR_NOMEM;
bad:
    strata__buf_free(&b);
    return STRATA_ERR_PARSE;
}

static int read_value(reader *r, strata_json *v);

/* Elements of an array or members of an object, after the opener. */
static int read_list(reader *r, strata_json *v, int object)
{
    char close = object ? '}' : ']';
    size_t cap = 0;

    skip_ws(r);
    if (*r->p == close) {
        r->p++;
        return STRATA_OK;
    }
    for (;;) {
        char *key = NULL;
        int rc;

        if (object) {
            skip_ws(r);
            if (*r->p != '"' || (rc = read_string(r, &key)) != STRATA_OK)
                return STRATA_ERR_PARSE;
            skip_ws(r);
            if (*r->p++ != ':') {
                free(key);
                return STRATA_ERR_PARSE;
            }
        }
        if (v->count == cap) {
            size_t nc = cap ? cap * 2 : 4;
            strata_json *ni = realloc(v->items, nc * sizeof *ni);
            char **nk = object ? realloc(v->keys, nc * sizeof *nk) : NULL;
            if (ni)
                v->items = ni;
            if (nk)
                v->keys = nk;
            if (!ni || (object && !nk)) {
                free(key);
                return STRATA_ERR_NOMEM;
            }
            cap = nc;
        }
        memset(&v->items[v->count], 0, sizeof *v->items);
        if (object)
            v->keys[v->count] = key;
        v->count++;
        rc = read_value(r, &v->items[v->count - 1]);
        if (rc != STRATA_OK)
            return rc;
        skip_ws(r);
        if (*r->p == ',') {
            r->p++;
            continue;
        }
        if (*r->p++ != close)
            return STRATA_ERR_PARSE;
        return STRATA_OK;
    }
}

static int read_value(reader *r, strata_json *v)
{
    char *end;

    skip_ws(r);
    switch (*r->p) {
    case '"':
        v->type = STRATA_JSON_STRING;
        return read_string(r, &v->string);
    case '{':
    case '[':
        if (++r->depth > 64)
            return STRATA_ERR_PARSE;
        v->type = *r->p == '{' ? STRATA_JSON_OBJECT : STRATA_JSON_ARRAY;
        r->p++;
        {
            int rc = read_list(r, v, v->type == STRATA_JSON_OBJECT);
            r->depth--;
            return rc;
        }
    case 't':
    case 'f':
    case 'n': {
        static const char *const words[] = {"true", "false", "null"};
        for (int i = 0; i < 3; i++) {
            size_t n = strlen(words[i]);
            if (strncmp(r->p, words[i], n) == 0) {
                r->p += n;
                v->type = i == 2 ? STRATA_JSON_NULL : STRATA_JSON_BOOL;
                v->boolean = i == 0;
                return STRATA_OK;
            }
        }
        return STRATA_ERR_PARSE;
    }
    default:
        if (*r->p != '-' && (*r->p < '0' || *r->p > '9'))
            return STRATA_ERR_PARSE;
        v->type = STRATA_JSON_NUMBER;
        v->number = strtod(r->p, &end);
        if (end == r->p)
            return STRATA_ERR_PARSE;
        r->p = end;
        return STRATA_OK;
    }
}

int strata__json_parse(strata_json **out, const char *text)
{
    reader r = {text, 0};
    strata_json *v = calloc(1, sizeof *v);
    int rc;

    *out = NULL;
    if (!v)
        return STRATA_ERR_NOMEM;
    rc = read_value(&r, v);
    skip_ws(&r);
    if (rc == STRATA_OK && *r.p)
        rc = STRATA_ERR_PARSE;
    if (rc != STRATA_OK) {
        strata__json_free(v);
        return rc;
    }
    *out = v;
    return STRATA_OK;
}

void strata__json_free(strata_json *v)
{
    if (!v)
        return;
    value_clear(v);
    free(v);
}

const strata_json *strata__json_get(const strata_json *obj, const char *key)
{
    if (!obj || obj->type != STRATA_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}
