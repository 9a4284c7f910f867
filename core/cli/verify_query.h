/* verify_query.h - a revision's +verify queries run on a context's
 * session: what `verify` runs for every applied revision and `test`
 * after each revision's upgrade. */
#ifndef STRATA_CORE_VERIFY_QUERY_H
#define STRATA_CORE_VERIFY_QUERY_H

#include <stddef.h>

#include "cli/context.h"

typedef struct strata_verify_failure {
    const strata_revision *r; /* borrowed from the chain */
    unsigned line;            /* the query's line in r's file */
    char *message;            /* owned: "returned no row" ... */
} strata_verify_failure;

typedef struct strata_verify_failures {
    strata_verify_failure *v;
    size_t n;
} strata_verify_failures;

/* Run r's +verify sections for x's dialect on x's session (connected):
 * a query that returns no row, a false or NULL first value, or an error
 * is added to f; *nrun counts the queries run.  The status is an error
 * of strata's own (out of memory, a section that does not split). */
int strata__verify_revision(strata_ctx *x, const strata_revision *r,
                            strata_verify_failures *f, size_t *nrun);
void strata__verify_failures_free(strata_verify_failures *f);

#endif
