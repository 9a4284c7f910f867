/* schema_diff.h - the differences between two normalised schemas,
 * object by object: what `diff` prints, and what `check` (dump_schema),
 * verify and autogenerate build on. */
#ifndef STRATA_CORE_SCHEMA_DIFF_H
#define STRATA_CORE_SCHEMA_DIFF_H

#include <stddef.h>

#include "sql/schema.h"

/* Change words (docs/json.md "diff"). */
#define STRATA_DIFF_ONLY_A "only in A"
#define STRATA_DIFF_ONLY_B "only in B"
#define STRATA_DIFF_DIFFERS "differs"

typedef struct strata_schema_change {
    const char *kind;   /* "table", "column", "constraint", "index",
                         * "trigger", "view", "sequence" (static) */
    char *table;        /* the table it belongs to; NULL for a table, a
                         * view or a sequence; owned */
    char *name;         /* owned */
    const char *change; /* STRATA_DIFF_* (static) */
    char *a, *b;        /* its definition on each side, in words; NULL
                         * where it is absent; owned */
} strata_schema_change;

typedef struct strata_schema_diff {
    strata_schema_change *v; /* in the order of the dumps */
    size_t n;
    int portable;            /* the dialects differ: only what the
                              * portable model expresses was compared */
    const char **skipped;    /* what was then left out (static strings) */
    size_t nskipped;
} strata_schema_diff;

/* Compare a with b.  Schemas of one dialect compare every field the
 * dump holds; of two dialects (or when portable != 0), what the
 * portable model expresses: tables, columns and their nullability,
 * constraints by kind and columns, indexes by uniqueness and columns;
 * the rest is listed in out->skipped.  STRATA_ERR_NOMEM. */
int strata__schema_diff(const strata_schema *a, const strata_schema *b,
                        int portable, strata_schema_diff *out);
void strata__schema_diff_free(strata_schema_diff *d);

#endif
