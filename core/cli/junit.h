/* junit.h - test results as JUnit XML, the report CI systems read
 * (GitHub Actions' and GitLab's test summaries, Jenkins): what
 * `strata test --junit FILE` writes. */
#ifndef STRATA_CORE_JUNIT_H
#define STRATA_CORE_JUNIT_H

#include <stddef.h>

#include "util/buf.h"

/* One way a check failed. */
typedef struct strata_junit_failure {
    const char *type; /* borrowed: "upgrade", "verify", "down", ... */
    char *object;     /* owned, may be NULL: "index users.users_name" */
    char *message;    /* owned: a sentence naming the revision */
} strata_junit_failure;

/* One check: a revision's stairway step, or a check of the chain. */
typedef struct strata_junit_case {
    char *name;            /* owned: a revision id, "one head" */
    const char *classname; /* borrowed: "strata.stairway", ... */
    char *file;            /* owned, may be NULL: the migration */
    long long ms;          /* how long it took */
    const char *skipped;   /* borrowed, NULL unless it did not run: why */
    strata_junit_failure *failures; /* owned; none: passed */
    size_t nfailures;
} strata_junit_case;

/* Add a failure to c (object and message: taken, even on failure; a
 * NULL message is out of memory).  STRATA_ERR_NOMEM. */
int strata__junit_fail(strata_junit_case *c, const char *type,
                       char *object, char *message);
void strata__junit_case_free(strata_junit_case *c);

/* The document: <testsuites> holding one <testsuite> named suite with a
 * <testcase> per case (a failed one holds one <failure message type>,
 * the first failure's, with every failure in its text, one a line; a skipped one <skipped message>).
 * started: seconds since the epoch, for the timestamp. */
int strata__junit_xml(const char *suite, const strata_junit_case *cases,
                      size_t n, long long ms, long long started,
                      strata_buf *out);

#endif
