/* fixture_schema.h - a normalised schema from a dump's JSON written
 * inline in a test (test_schema_diff.c, test_autogen.c). */
#ifndef STRATA_TEST_FIXTURE_SCHEMA_H
#define STRATA_TEST_FIXTURE_SCHEMA_H

#include "sql/schema.h"

/* *s from the dump text, single quotes standing for double ones (a
 * quote inside a string: \u0027); the test fails when it does not
 * read. */
void fx_schema_load(strata_schema *s, const char *text);

#endif
