/* report.c - the suite's checks reported: a failure names its area and
 * check; skipped areas say why. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cf.h"
#include "util/buf.h"

int cf_fail(cf *x, const char *check, const char *fmt, ...)
{
    strata_buf b = {0};
    va_list ap;

    va_start(ap, fmt);
    strata__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    printf("  FAIL  %s: %s: %s\n", x->area, check, b.data ? b.data : "");
    fflush(stdout);
    if (!x->failure)
        x->failure = strata__sprintf("%s: %s", x->area, check);
    x->area_failed = 1;
    strata__buf_free(&b);
    return CF_FAIL;
}

void cf_ok(cf *x, const char *check)
{
    if (x->verbose)
        printf("  ok    %s: %s\n", x->area, check);
}

int cf_skip(cf *x, const char *fmt, ...)
{
    strata_buf b = {0};
    va_list ap;

    va_start(ap, fmt);
    strata__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    free(x->skip_why);
    x->skip_why = b.data;
    return CF_SKIP;
}

void cf_unclaimed(cf *x, const char *what)
{
    strata__buf_printf(&x->unclaimed, "  %s\n", what);
}

const char *cf_rc_name(int rc)
{
    static const char *const names[] = {
        "STRATA_OK", "STRATA_ERR", "STRATA_ERR_NOMEM", "STRATA_ERR_NOTFOUND",
        "STRATA_ERR_EXISTS", "STRATA_ERR_INVALID", "STRATA_ERR_CONFIG",
        "STRATA_ERR_PARSE", "STRATA_ERR_DB", "STRATA_ERR_CONN",
        "STRATA_ERR_LOCKED", "STRATA_ERR_ABI", "STRATA_ERR_NOTSUP",
        "STRATA_ERR_CHECKSUM", "STRATA_ERR_IRREVERSIBLE", "STRATA_ERR_USER",
        "STRATA_ERR_BUSY", "STRATA_ERR_DRIFT", "STRATA_ERR_POLICY",
        "STRATA_ERR_INTERRUPTED"};

    if (rc <= 0 && -rc < (int)(sizeof names / sizeof names[0]))
        return names[-rc];
    return "an unknown status";
}
