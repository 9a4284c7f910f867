/* fixture_schema.c - a normalised schema from a dump's JSON written
 * inline in a test. */
#include "fixture_schema.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

void fx_schema_load(strata_schema *s, const char *text)
{
    char *t = strdup(text);
    strata_error err = {0};
    json_t *doc;

    assert_non_null(t);
    for (char *p = t; *p; p++)
        if (*p == '\'')
            *p = '"';
    doc = json_loads(t, 0, NULL);
    assert_non_null(doc);
    assert_int_equal(strata__schema_from_json(doc, "test", s, &err),
                     STRATA_OK);
    json_decref(doc);
    free(t);
}
