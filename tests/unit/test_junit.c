/* test_junit.c - the JUnit XML of `strata test --junit` (issue 17):
 * counts that add up, markup and control characters escaped, one
 * <failure> per failed testcase holding every failure, <skipped>. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cli/junit.h"
#include "util/buf.h"

static void test_junit__document(void **state)
{
    strata_junit_case c[3] = {{0}};
    strata_buf b = {0};

    (void)state;
    c[0].name = strdup("one head");
    c[0].classname = "strata.chain";
    c[1].name = strdup("2_<idx>");
    c[1].classname = "strata.stairway";
    c[1].file = strdup("migrations/2 \"a\".sql");
    c[1].ms = 1500;
    assert_int_equal(strata__junit_fail(&c[1], "down", strdup("index t.i"),
                                        strdup("2: leaves t & i\x01 behind")),
                     STRATA_OK);
    assert_int_equal(strata__junit_fail(&c[1], "verify", NULL,
                                        strdup("2: 'x' returned 0")),
                     STRATA_OK);
    c[2].name = strdup("3");
    c[2].classname = "strata.stairway";
    c[2].skipped = "not reached";
    /* A NULL message is out of memory; the object is freed. */
    assert_int_equal(strata__junit_fail(&c[2], "down", strdup("o"), NULL),
                     STRATA_ERR_NOMEM);
    assert_int_equal(c[2].nfailures, 0);

    assert_int_equal(strata__junit_xml("strata test (sqlite)", c, 3, 2000,
                                       0, &b),
                     STRATA_OK);
    assert_non_null(strstr(b.data, "<testsuites name=\"strata test\" "
                                   "tests=\"3\" failures=\"1\" errors=\"0\" "
                                   "skipped=\"1\" time=\"2.000\">"));
    assert_non_null(strstr(b.data, "timestamp=\"1970-01-01T00:00:00\""));
    assert_non_null(strstr(b.data, "<testcase name=\"one head\" "
                                   "classname=\"strata.chain\" "
                                   "time=\"0.000\"/>"));
    assert_non_null(strstr(b.data, "name=\"2_&lt;idx&gt;\" "
                                   "classname=\"strata.stairway\" "
                                   "file=\"migrations/2 &quot;a&quot;.sql\" "
                                   "time=\"1.500\">"));
    /* the first failure in the attributes, every one in the text */
    assert_non_null(strstr(b.data, "<failure message=\"2: leaves t &amp; "
                                   "i? behind\" type=\"down\">2: leaves t "
                                   "&amp; i? behind\n2: &apos;x&apos; "
                                   "returned 0\n</failure>"));
    assert_null(strstr(b.data, "\x01"));
    assert_non_null(strstr(b.data, "<skipped message=\"not reached\"/>"));
    assert_null(strstr(strstr(b.data, "</failure>"), "<failure"));
    strata__buf_free(&b);
    for (size_t i = 0; i < 3; i++)
        strata__junit_case_free(&c[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_junit__document),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
