/* test_suggest.c - "did you mean": the closest choice to a mistyped
 * verb, option, environment or scheme, and none for a word that is not
 * close to any (issue 15). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/suggest.h"

static const char *const verbs[] = {"init",    "upgrade", "downgrade",
                                    "plan",    "current", "heads",
                                    "history", "stamp",   "show"};
#define NVERBS (sizeof verbs / sizeof verbs[0])

static void check(const char *word, const char *const *v, size_t n,
                  const char *want)
{
    const char *got = strata__suggest(word, v, n);

    if (!want && got)
        fail_msg("'%s': suggested '%s', expected none", word, got);
    if (want && (!got || strcmp(got, want) != 0))
        fail_msg("'%s': suggested '%s', expected '%s'", word,
                 got ? got : "(none)", want);
}

static void test_suggest__typos(void **state)
{
    static const char *const envs[] = {"dev", "prod", "staging"};
    static const char *const schemes[] = {"mysql", "mariadb", "postgres",
                                          "postgresql", "sqlite"};
    static const char *const opts[] = {"--json", "--url", "--schema",
                                       "--lock-wait", "-v"};

    (void)state;
    check("upgrdae", verbs, NVERBS, "upgrade");  /* a swap */
    check("updgrade", verbs, NVERBS, "upgrade"); /* an extra letter */
    check("histroy", verbs, NVERBS, "history");
    check("UPGRADE", verbs, NVERBS, "upgrade");  /* case */
    check("downgr", verbs, NVERBS, "downgrade"); /* a unique prefix */
    check("prdo", envs, 3, "prod");
    check("dve", envs, 3, "dev"); /* a swap is one edit, not two */
    check("stagign", envs, 3, "staging");
    check("sqlit", schemes, 5, "sqlite");
    check("postgre", schemes, 5, "postgres");
    check("--jsn", opts, 5, "--json");
    check("--lockwait", opts, 5, "--lock-wait");
}

static void test_suggest__nothing_close(void **state)
{
    static const char *const envs[] = {"dev", "prod"};

    (void)state;
    check("frobnicate", verbs, NVERBS, NULL);
    check("x", envs, 2, NULL);      /* every choice is one letter away
                                     * from being replaced whole */
    check("qa", envs, 2, NULL);
    check("h", verbs, NVERBS, NULL); /* a prefix of several */
    check("upgrade", verbs, 0, NULL);
}

static void test_suggest__message(void **state)
{
    static const char *const envs[] = {"dev", "prod", "staging"};
    strata_msg m = {0};
    strata_error err = {0};

    (void)state;
    strata__msg_add(&m, "no section [prdo]");
    strata__suggest_add(&m, "prdo", envs, 3, "sections", 2);
    assert_int_equal(strata__msg_set(&m, &err, STRATA_ERR_CONFIG),
                     STRATA_ERR_CONFIG);
    assert_string_equal(err.msg, "no section [prdo]; did you mean 'prod'? "
                                 "(sections: dev, prod, and 1 more)");
    strata__error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest__typos),
        cmocka_unit_test(test_suggest__nothing_close),
        cmocka_unit_test(test_suggest__message),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
