/* schema.h - a whole schema in the neutral catalog, normalised and
 * sorted so that equal schemas compare and print byte for byte: what
 * `schema dump` prints, `diff` compares, and what the chain builds is
 * checked against (docs/design.md §9.9). */
#ifndef STRATA_CORE_SCHEMA_H
#define STRATA_CORE_SCHEMA_H

#include <stddef.h>

#include "strata/driver.h"
#include "util/error.h"
#include "util/json.h"

typedef struct strata_schema {
    char *dialect;            /* the driver's name; owned */
    strata_table *tables;     /* by name; each normalised (below) */
    size_t ntables;
    strata_object *views;     /* by name; sql = CREATE VIEW text */
    size_t nviews;
    strata_object *sequences; /* by name; free-standing ones only */
    size_t nsequences;
} strata_schema;

void strata__schema_free(strata_schema *s);

/* The schema of c's connection through d's schema_objects and one
 * introspect call, leaving out the tables named in skip (strata's own
 * history tables); normalised.  STRATA_ERR_NOTSUP naming the driver
 * when it cannot list its objects. */
int strata__schema_read(const strata_driver *d, strata_conn *c,
                        const char *const *skip, size_t nskip,
                        strata_schema *out, strata_error *err);

/* Sort tables, views, sequences, and each table's constraints, indexes
 * and triggers by name (columns keep their order: it is part of the
 * table); drop what only the engine's text or a rebuild needs (the
 * tables' and indexes' sql, the dependents list). */
void strata__schema_normalise(strata_schema *s);

/* The dump as JSON (docs/json.md "schema dump"), members in a fixed
 * order; NULL when out of memory. */
json_t *strata__schema_json(const strata_schema *s);
/* Read a dump strata__schema_json wrote (from a file: what names it);
 * STRATA_ERR_PARSE saying what is wrong. */
int strata__schema_from_json(const json_t *doc, const char *what,
                             strata_schema *out, strata_error *err);

/* The dump as SQL statements for d's engine (names quoted by d), one
 * per object in the order of the JSON. */
int strata__schema_sql(const strata_schema *s, const strata_driver *d,
                       strata_conn *c, strata_buf *out);

/* Pieces of a table's JSON shared with `inspect`. */
json_t *strata__json_columns(const strata_table *t);
json_t *strata__json_index(const strata_index *ix);
json_t *strata__json_constraint(const strata_constraint *c);
/* "primary key", "unique", "check", "foreign key", "exclude"; "?". */
const char *strata__constraint_kind_name(int kind);

#endif
