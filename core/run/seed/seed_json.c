/* seed_json.c - JSON seed files through jansson: an array of objects
 * (one per row), or an object with "table", "key" and "rows".  Numbers
 * keep their shortest exact spelling; true/false are booleans' words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/seed/seed.h"
#include "util/json.h"

/* jansson keeps no positions: the line of each object that opens at
 * depth want (1: the top array's rows; 2: the rows of "rows"), in
 * order, from the text itself. */
static unsigned *row_lines(const char *text, size_t len, int want,
                           size_t *n)
{
    unsigned *v = NULL, line = 1;
    int depth = 0, in_str = 0;

    *n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];

        if (c == '\n')
            line++;
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (c == '{' && depth == want) {
                unsigned *w = realloc(v, (*n + 1) * sizeof *w);

                if (!w) {
                    free(v);
                    *n = 0;
                    return NULL;
                }
                v = w;
                v[(*n)++] = line;
            }
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return v;
}

/* A number's shortest spelling that reads back as the same double. */
static void real_text(double d, char *out, size_t size)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, size, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            return;
    }
}

static int row(json_t *obj, unsigned line, strata_seed_file *f,
               strata_error *err)
{
    strata_seed_row *r;
    const char *name;
    json_t *v;

    if (!json_is_object(obj))
        return strata__seed_fail(f, line, err,
                                 "a row must be an object of column: value");
    if (!(r = strata__seed_row_new(f, line, err)))
        return STRATA_ERR_NOMEM;
    json_object_foreach(obj, name, v)
    {
        char num[64];
        const char *s = NULL;
        size_t n = 0;
        int rc;

        if (json_is_string(v)) {
            s = json_string_value(v);
            if (memchr(s, '\0', json_string_length(v)))
                return strata__seed_fail(f, line, err,
                                         "%s: a NUL character", name);
        } else if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                     json_integer_value(v));
            s = num;
        } else if (json_is_real(v)) {
            real_text(json_real_value(v), num, sizeof num);
            s = num;
        } else if (json_is_boolean(v)) {
            s = json_is_true(v) ? "true" : "false";
        } else if (!json_is_null(v)) {
            return strata__seed_fail(f, line, err,
                                     "%s: a value must be a string, number, "
                                     "boolean or null",
                                     name);
        }
        if (s)
            n = strlen(s);
        rc = strata__seed_row_set(r, name, strlen(name), s, n, err);
        if (rc != STRATA_OK)
            return rc;
    }
    return STRATA_OK;
}

int strata__seed_json(const char *text, size_t len, strata_seed_file *f,
                      strata_error *err)
{
    json_t *doc, *list;
    json_error_t je;
    unsigned *lines = NULL;
    size_t nlines = 0, i;
    int rc = STRATA_OK;

    /* jansson bounds its own recursion; a row deeper than its values is
     * refused below.  A column named twice in a row is an error. */
    doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return strata__seed_fail(f, je.line > 0 ? (unsigned)je.line : 1,
                                 err, "not valid JSON (column %d: %s)",
                                 je.column, je.text);
    list = doc;
    if (json_is_object(doc)) {
        json_t *t = json_object_get(doc, "table");
        json_t *k = json_object_get(doc, "key");
        const char *name;
        json_t *v;

        json_object_foreach(doc, name, v)
        {
            if (strcmp(name, "table") && strcmp(name, "key") &&
                strcmp(name, "rows")) {
                rc = strata__seed_fail(f, 1, err,
                                       "unknown member '%s' (expected "
                                       "table, key and rows)",
                                       name);
                goto out;
            }
        }
        list = json_object_get(doc, "rows");
        if (t && json_is_string(t)) {
            char *s = strdup(json_string_value(t));

            STRATA_ALLOC_GOTO(s, err, rc, out);
            free(f->table);
            f->table = s;
        } else if (t) {
            rc = strata__seed_fail(f, 1, err, "table: a string");
            goto out;
        }
        if (json_is_string(k))
            rc = strata__seed_key_add(f, json_string_value(k),
                                      json_string_length(k), err);
        for (i = 0; json_is_array(k) && i < json_array_size(k) && !rc; i++) {
            json_t *c = json_array_get(k, i);

            if (!json_is_string(c))
                rc = strata__seed_fail(f, 1, err,
                                       "key: a list of column names");
            else
                rc = strata__seed_key_add(f, json_string_value(c),
                                          json_string_length(c), err);
        }
        if (rc != STRATA_OK)
            goto out;
    }
    if (!json_is_array(list)) {
        rc = strata__seed_fail(f, 1, err,
                               "expected an array of row objects, or an "
                               "object with table, key and rows");
        goto out;
    }
    lines = row_lines(text, len, list == doc ? 1 : 2, &nlines);
    for (i = 0; i < json_array_size(list) && rc == STRATA_OK; i++)
        rc = row(json_array_get(list, i),
                 nlines == json_array_size(list) ? lines[i] : 1, f, err);
out:
    free(lines);
    json_decref(doc);
    return rc;
}
