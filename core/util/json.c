/* json.c - JSON values for strata's documents, made and read by jansson
 * (so the parser facing users' files is a fuzzed, widely used one). */
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

/* The dump flags of every document: compact, members in insertion order,
 * any value at the top. */
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
