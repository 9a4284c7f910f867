/* json.h - JSON through jansson: the typed helpers strata builds its
 * --json documents and history details with, and the checked reader. */
#ifndef STRATA_CORE_JSON_H
#define STRATA_CORE_JSON_H

#include <jansson.h>

#include "util/error.h"

/* Deepest nesting strata__json_load accepts (strata writes two levels). */
#define STRATA_JSON_MAX_DEPTH 64

/* A JSON string holding s, or JSON null when s is NULL.  Bytes that are
 * not UTF-8 (a database's message in another encoding) become U+FFFD:
 * jansson holds only valid text.  NULL only when out of memory. */
json_t *strata__json_text(const char *s);
/* An array of the strings v[0..n); NULL when out of memory. */
json_t *strata__json_strings(char *const *v, size_t n);
/* v as compact text ("a":1,"b":[2]), members in the order they were set:
 * malloc'd (free()), NULL when out of memory or v is NULL.  Borrows v. */
char *strata__json_dump(const json_t *v);
/* strata__json_dump, then json_decref(v): for a value built only to be
 * written (a history detail).  NULL when v is NULL or out of memory. */
char *strata__json_dump_new(json_t *v);
/* Parse text into *out (json_decref it).  Malformed text or nesting
 * deeper than STRATA_JSON_MAX_DEPTH is STRATA_ERR_PARSE, with a message
 * that starts with what ("history row 7's detail") and says where. */
int strata__json_load(json_t **out, const char *text, const char *what,
                      strata_error *err);
/* Read back JSON strata wrote itself (a history detail): the value, or
 * NULL when text is NULL, not JSON or memory ran out -- a caller that
 * ignores a value it cannot read needs no message. */
json_t *strata__json_load_quiet(const char *text);

#endif
