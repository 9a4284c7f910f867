/* json.h - the little JSON strata writes (--json documents, history
 * details) and reads back (history details): escaping and a small DOM. */
#ifndef STRATA_CORE_JSON_H
#define STRATA_CORE_JSON_H

#include "strata/driver.h"

/* Append s as a JSON string ("null" when s is NULL). */
int strata__json_str(strata_buf *b, const char *s);
/* Append "key": to b (with a leading comma unless first). */
int strata__json_key(strata_buf *b, const char *key, int first);

/* A parsed JSON value.  Objects keep their members in order. */
typedef enum strata_json_type {
    STRATA_JSON_NULL,
    STRATA_JSON_BOOL,
    STRATA_JSON_NUMBER,
    STRATA_JSON_STRING,
    STRATA_JSON_ARRAY,
    STRATA_JSON_OBJECT
} strata_json_type;

typedef struct strata_json {
    strata_json_type type;
    int boolean;
    double number;
    char *string;                 /* STRING: decoded UTF-8; owned */
    struct strata_json *items;    /* ARRAY elements / OBJECT values */
    char **keys;                  /* OBJECT keys, parallel to items */
    size_t count;
} strata_json;

/* Parse text (NUL-terminated) into *out (malloc'd; strata__json_free).
 * STRATA_ERR_PARSE on malformed input or nesting deeper than 64. */
int strata__json_parse(strata_json **out, const char *text);
void strata__json_free(strata_json *v);
/* The member key of an object, or NULL. */
const strata_json *strata__json_get(const strata_json *obj, const char *key);

#endif
