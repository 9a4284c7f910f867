/* json.c - JSON values for strata's documents, made and read by jansson
 * (so the parser facing users' files is a fuzzed, widely used one). */
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

/* The dump flags of every document: compact, members in insertion order,
 * any value at the top (a lone string for the transitional writer). */
#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY)

/* s with each byte that starts no valid UTF-8 sequence replaced by
 * U+FFFD; malloc'd, NULL when out of memory. */
static char *scrub_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    strata_buf b = {0};
    int rc = STRATA_OK;

    while (len && rc == STRATA_OK) {
        size_t ok = strata__utf8_invalid_at(p, len);

        rc = strata__buf_append(&b, (const char *)p, ok);
        if (rc == STRATA_OK && ok < len) {
            rc = strata__buf_puts(&b, "\xEF\xBF\xBD");
            ok++;
        }
        p += ok;
        len -= ok;
    }
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    return strata__buf_take(&b);
}

json_t *strata__json_text(const char *s)
{
    json_t *v;
    char *clean;

    if (!s)
        return json_null();
    if (strata__utf8_invalid_at((const unsigned char *)s, strlen(s)) ==
        strlen(s))
        return json_string_nocheck(s);
    clean = scrub_utf8(s);
    v = clean ? json_string_nocheck(clean) : NULL;
    free(clean);
    return v;
}

json_t *strata__json_strings(char *const *v, size_t n)
{
    json_t *a = json_array();
    int bad = !a;

    for (size_t i = 0; i < n && !bad; i++)
        bad = json_array_append_new(a, strata__json_text(v[i])) != 0;
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

char *strata__json_dump(const json_t *v)
{
    return v ? json_dumps(v, DUMP_FLAGS) : NULL;
}

char *strata__json_dump_new(json_t *v)
{
    char *text = strata__json_dump(v);

    json_decref(v);
    return text;
}

/* Whether v nests no deeper than max levels of arrays and objects. */
static int depth_ok(const json_t *v, int max)
{
    const char *key;
    json_t *m;
    size_t i;

    if (!json_is_array(v) && !json_is_object(v))
        return 1;
    if (max == 0)
        return 0;
    if (json_is_array(v)) {
        json_array_foreach(v, i, m)
            if (!depth_ok(m, max - 1))
                return 0;
    } else {
        json_object_foreach((json_t *)v, key, m)
            if (!depth_ok(m, max - 1))
                return 0;
    }
    return 1;
}

int strata__json_load(json_t **out, const char *text, const char *what,
                      strata_error *err)
{
    json_error_t je;

    *out = json_loads(text, JSON_DECODE_ANY, &je);
    if (!*out) {
        if (json_error_code(&je) == json_error_out_of_memory)
            return strata__nomem(err);
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s is not valid JSON (line %d, column "
                                 "%d: %s)",
                                 what, je.line, je.column, je.text);
    }
    if (!depth_ok(*out, STRATA_JSON_MAX_DEPTH)) {
        json_decref(*out);
        *out = NULL;
        return strata__error_set(err, STRATA_ERR_PARSE,
                                 "%s nests JSON deeper than %d levels", what,
                                 STRATA_JSON_MAX_DEPTH);
    }
    return STRATA_OK;
}

json_t *strata__json_load_quiet(const char *text)
{
    strata_error err = {0};
    json_t *v = NULL;

    if (text && strata__json_load(&v, text, "text", &err) != STRATA_OK)
        v = NULL;
    strata__error_clear(&err);
    return v;
}

/* --- transitional (see json.h) ------------------------------------------- */

int strata__json_str(strata_buf *b, const char *s)
{
    json_t *v = strata__json_text(s);
    char *text = strata__json_dump(v);
    int rc = text ? strata__buf_puts(b, text) : STRATA_ERR_NOMEM;

    json_decref(v);
    free(text);
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

/* Copy jansson's value j into the tree node v (zeroed). */
static int convert(strata_json *v, const json_t *j)
{
    const char *key;
    json_t *m;
    size_t i = 0, n;

    switch (json_typeof(j)) {
    case JSON_OBJECT:
    case JSON_ARRAY:
        v->type = json_is_object(j) ? STRATA_JSON_OBJECT : STRATA_JSON_ARRAY;
        n = json_is_object(j) ? json_object_size(j) : json_array_size(j);
        v->items = calloc(n ? n : 1, sizeof *v->items);
        if (json_is_object(j))
            v->keys = calloc(n ? n : 1, sizeof *v->keys);
        if (!v->items || (json_is_object(j) && !v->keys))
            return STRATA_ERR_NOMEM;
        v->count = n;
        if (json_is_array(j)) {
            json_array_foreach(j, i, m)
                if (convert(&v->items[i], m) != STRATA_OK)
                    return STRATA_ERR_NOMEM;
            return STRATA_OK;
        }
        json_object_foreach((json_t *)j, key, m) {
            if (!(v->keys[i] = strdup(key)) ||
                convert(&v->items[i++], m) != STRATA_OK)
                return STRATA_ERR_NOMEM;
        }
        return STRATA_OK;
    case JSON_STRING:
        v->type = STRATA_JSON_STRING;
        v->string = strdup(json_string_value(j));
        return v->string ? STRATA_OK : STRATA_ERR_NOMEM;
    case JSON_INTEGER:
    case JSON_REAL:
        v->type = STRATA_JSON_NUMBER;
        v->number = json_number_value(j);
        return STRATA_OK;
    case JSON_TRUE:
    case JSON_FALSE:
        v->type = STRATA_JSON_BOOL;
        v->boolean = json_is_true(j);
        return STRATA_OK;
    default:
        v->type = STRATA_JSON_NULL;
        return STRATA_OK;
    }
}

int strata__json_parse(strata_json **out, const char *text)
{
    strata_error err = {0};
    json_t *j = NULL;
    int rc = strata__json_load(&j, text, "text", &err);

    *out = NULL;
    strata__error_clear(&err);
    if (rc != STRATA_OK)
        return rc;
    *out = calloc(1, sizeof **out);
    rc = *out ? convert(*out, j) : STRATA_ERR_NOMEM;
    json_decref(j);
    if (rc != STRATA_OK) {
        strata__json_free(*out);
        *out = NULL;
    }
    return rc;
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
