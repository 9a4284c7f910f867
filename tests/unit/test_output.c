/* test_output.c - masking of the fields that may quote a credential
 * (issue 13): URLs and registered secrets in a field, driver messages
 * masked before they are cut to STRATA_ERRMSG_SIZE, and printed lines
 * left alone. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/host.h"
#include "util/output.h"

static void check_mask(const char *field, const char *want)
{
    char *got = strata__mask(field);

    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static int teardown(void **state)
{
    (void)state;
    strata__secrets_free();
    return 0;
}

static void test_output__mask_field(void **state)
{
    (void)state;
    /* nothing registered: a URL's credentials all the same */
    check_mask("invalid duration 'postgres://u:pw@h/db?sslpassword=k' (5s)",
               "invalid duration 'postgres://u:***@h/db?sslpassword=*** "
               "(5s)");
    check_mask("plain text", "plain text");
    check_mask("", "");
    strata__secret_add("p");
    strata__secret_add("p@ss");
    strata__secret_add("s3cret");
    /* the longest secret where two start: no tail of p@ss left */
    check_mask("host \"p@ss@h\" and s3cret", "host \"***@h\" and ***");
}

/* A driver's message longer than errmsg, the password across the cut:
 * masked whole first, so no piece of it is left (issue 13). */
static void test_output__driver_message_masked_before_cut(void **state)
{
    const strata_host *h = strata__host();
    strata_conn c = {.host = h};
    char pad[300];

    (void)state;
    strata__secret_add("Zq7-long-password");
    for (size_t at = 230; at < 260; at++) {
        memset(pad, 'x', at);
        pad[at] = '\0';
        assert_int_equal(h->error(&c, STRATA_ERR_CONN, NULL,
                                  "%s Zq7-long-password tail", pad),
                         STRATA_ERR_CONN);
        if (strstr(c.errmsg, "Zq7"))
            fail_msg("a piece of the password at %zu: %s", at, c.errmsg);
    }
    h->error(&c, STRATA_ERR_DB, "42P01", "short %s", "Zq7-long-password");
    assert_string_equal(c.errmsg, "short ***");
    assert_string_equal(c.sqlstate, "42P01");
}

/* Lines strata prints are not masked: a one-letter password would turn
 * every one of its letters in a plan or a script into "***". */
static void test_output__lines_left_alone(void **state)
{
    char buf[64] = {0};
    FILE *f;
    int fd[2], saved;

    (void)state;
    strata__secret_add("r");
    assert_int_equal(pipe(fd), 0);
    fflush(stdout);
    saved = dup(1);
    dup2(fd[1], 1);
    strata__print("revision rev_rr\n");
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    close(fd[1]);
    f = fdopen(fd[0], "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "revision rev_rr\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_output__mask_field, teardown),
        cmocka_unit_test_teardown(
            test_output__driver_message_masked_before_cut, teardown),
        cmocka_unit_test_teardown(test_output__lines_left_alone, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
