/* junit.c - JUnit XML in the shape the common schema gives
 * (testsuites > testsuite > testcase > failure | skipped), with the
 * attributes CI systems read: counts, times in seconds, timestamp. */
#include "cli/junit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* s as XML attribute or text: markup escaped; control characters XML
 * 1.0 cannot hold become '?'. */
static int esc(strata_buf *b, const char *s)
{
    int rc = STRATA_OK;

    for (; s && *s && rc == STRATA_OK; s++) {
        unsigned char c = (unsigned char)*s;

        rc = c == '&'    ? strata__buf_puts(b, "&amp;")
             : c == '<'  ? strata__buf_puts(b, "&lt;")
             : c == '>'  ? strata__buf_puts(b, "&gt;")
             : c == '"'  ? strata__buf_puts(b, "&quot;")
             : c == '\'' ? strata__buf_puts(b, "&apos;")
             : c < 0x20 && c != '\n' && c != '\t' && c != '\r'
                 ? strata__buf_puts(b, "?")
                 : strata__buf_append(b, s, 1);
    }
    return rc;
}

int strata__junit_fail(strata_junit_case *c, const char *type,
                       char *object, char *message)
{
    strata_junit_failure *f =
        message ? realloc(c->failures,
                          (c->nfailures + 1) * sizeof *c->failures)
                : NULL;

    if (!f) {
        free(object);
        free(message);
        return STRATA_ERR_NOMEM;
    }
    c->failures = f;
    f[c->nfailures++] = (strata_junit_failure){type, object, message};
    return STRATA_OK;
}

void strata__junit_case_free(strata_junit_case *c)
{
    for (size_t i = 0; i < c->nfailures; i++) {
        free(c->failures[i].object);
        free(c->failures[i].message);
    }
    free(c->failures);
    free(c->name);
    free(c->file);
    c->name = c->file = NULL;
    c->failures = NULL;
    c->nfailures = 0;
}

static int testcase(strata_buf *b, const strata_junit_case *c)
{
    int rc = strata__buf_puts(b, "    <testcase name=\"");

    rc = rc ? rc : esc(b, c->name);
    rc = rc ? rc : strata__buf_puts(b, "\" classname=\"");
    rc = rc ? rc : esc(b, c->classname);
    if (c->file) {
        rc = rc ? rc : strata__buf_puts(b, "\" file=\"");
        rc = rc ? rc : esc(b, c->file);
    }
    rc = rc ? rc : strata__buf_printf(b, "\" time=\"%.3f\"",
                                      (double)c->ms / 1000.0);
    if (!c->nfailures && !c->skipped)
        return rc ? rc : strata__buf_puts(b, "/>\n");
    rc = rc ? rc : strata__buf_puts(b, ">\n");
    if (c->nfailures) {
        rc = rc ? rc : strata__buf_puts(b, "      <failure message=\"");
        rc = rc ? rc : esc(b, c->failures[0].message);
        rc = rc ? rc : strata__buf_puts(b, "\" type=\"");
        rc = rc ? rc : esc(b, c->failures[0].type);
        rc = rc ? rc : strata__buf_puts(b, "\">");
        for (size_t i = 0; i < c->nfailures; i++) {
            rc = rc ? rc : esc(b, c->failures[i].message);
            rc = rc ? rc : strata__buf_puts(b, "\n");
        }
        rc = rc ? rc : strata__buf_puts(b, "</failure>\n");
    } else {
        rc = rc ? rc : strata__buf_puts(b, "      <skipped message=\"");
        rc = rc ? rc : esc(b, c->skipped);
        rc = rc ? rc : strata__buf_puts(b, "\"/>\n");
    }
    return rc ? rc : strata__buf_puts(b, "    </testcase>\n");
}

int strata__junit_xml(const char *suite, const strata_junit_case *cases,
                      size_t n, long long ms, long long started,
                      strata_buf *out)
{
    size_t failed = 0, skipped = 0;
    char stamp[32], host[256] = "localhost";
    time_t t = (time_t)started;
    struct tm tm;
    double secs = (double)ms / 1000.0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        failed += cases[i].nfailures != 0;
        skipped += !cases[i].nfailures && cases[i].skipped;
    }
    if (!gmtime_r(&t, &tm) ||
        !strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm))
        strcpy(stamp, "1970-01-01T00:00:00");
    if (gethostname(host, sizeof host) != 0)
        strcpy(host, "localhost");
    host[sizeof host - 1] = '\0';
    rc = strata__buf_printf(out,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<testsuites name=\"strata test\" tests=\"%zu\" "
                            "failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
                            "time=\"%.3f\">\n  <testsuite name=\"",
                            n, failed, skipped, secs);
    rc = rc ? rc : esc(out, suite);
    rc = rc ? rc : strata__buf_printf(out,
                                      "\" tests=\"%zu\" failures=\"%zu\" "
                                      "errors=\"0\" skipped=\"%zu\" "
                                      "time=\"%.3f\" timestamp=\"%s\" "
                                      "hostname=\"",
                                      n, failed, skipped, secs, stamp);
    rc = rc ? rc : esc(out, host);
    rc = rc ? rc : strata__buf_puts(out, "\">\n");
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = testcase(out, &cases[i]);
    return rc ? rc : strata__buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
