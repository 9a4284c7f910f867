/* ensure.h - ensure semantics (docs/design.md §3.3): from an
 * operation and the live catalog, decide skip, apply or drift. */
#ifndef STRATA_CORE_ENSURE_H
#define STRATA_CORE_ENSURE_H

#include "sql/catalog.h"

typedef enum strata_ensure {
    STRATA_ENSURE_APPLY = 0,
    STRATA_ENSURE_SKIP_EXISTS = 1, /* the end state already holds */
    STRATA_ENSURE_SKIP_ABSENT = 2, /* nothing to drop */
    STRATA_ENSURE_DRIFT = 3,       /* same name, other definition */
    STRATA_ENSURE_REBUILD = 4,     /* an INVALID index of that name */
    STRATA_ENSURE_VALIDATE = 5,    /* a NOT VALID constraint: validate */
    STRATA_ENSURE_SKIP_DIFFERS = 6 /* IF NOT EXISTS and the name exists
                                    * with another definition: the name
                                    * decides, as on the engine; warned */
} strata_ensure;

/* Decide op.  t: the catalog of op's table as it stands before op
 * (simulated through the earlier operations of the migration); other:
 * for RENAME TO, the catalog of the new name (else NULL).  On DRIFT,
 * *why is a malloc'd sentence naming both versions; on SKIP_DIFFERS,
 * "migration has X, database has Y". */
int strata__ensure(strata_ensure *out, char **why, const strata_op *op,
                   const strata_table *t, const strata_table *other,
                   const strata_compare *cmp);

/* The outcome word docs/design.md §3.3 prints: "applied", "skipped (exists)",
 * ... */
const char *strata__ensure_word(strata_ensure e);

/* 1 when e runs nothing: skipped (exists, absent, or exists and
 * differs). */
int strata__ensure_skips(strata_ensure e);

/* Append e's outcome as reported to out: the past tense of a run
 * ("skipped (exists)"), or with future the tense of plan ("skip
 * (exists)"); SKIP_DIFFERS carries why: "skipped (exists, differs:
 * WHY)".  STRATA_ERR_NOMEM. */
int strata__ensure_say(strata_buf *out, strata_ensure e, const char *why,
                       int future);

#endif
