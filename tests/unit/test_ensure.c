/* test_ensure.c - ensure semantics compare names by the engine's rule
 * (strata_driver.name_flags): a lookup that matches only without case is
 * no match on PostgreSQL, and a rename that changes only the letter case
 * of a column is a rename on SQLite and MySQL. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "sql/catalog.h"
#include "sql/ensure.h"
#include "sql/op.h"
#include "sql/parser.h"

#define M(s) ((char *)(s))

/* The outcome of portable sql on t for an engine whose driver says
 * flags. */
static strata_ensure outcome(const char *sql, const strata_table *t,
                             uint32_t flags)
{
    strata_driver drv = {.name_flags = flags};
    strata_compare cmp = {.drv = &drv, .table = t->name};
    strata_error err = {0};
    strata_op *op = NULL;
    strata_ensure e;
    char *why = NULL;

    if (strata__parse_op_as(&op, "m.sql", sql, 1, 1, flags, &err) !=
            STRATA_OK ||
        !op)
        fail_msg("parse: %s", sql);
    assert_int_equal(strata__ensure(&e, &why, op, t, NULL, &cmp), STRATA_OK);
    free(why);
    strata__op_free(op);
    return e;
}

static void test_ensure__exact_names(void **state)
{
    strata_column cols[] = {{.name = M("Foo"), .type = M("integer")}};
    strata_table t = {.name = M("t"), .exists = 1, .columns = cols,
                      .ncolumns = 1};

    (void)state;
    /* PostgreSQL: foo is not "Foo" */
    assert_int_equal(outcome("ALTER TABLE t DROP COLUMN foo", &t,
                             STRATA_NAME_EXACT),
                     STRATA_ENSURE_SKIP_ABSENT);
    assert_int_equal(outcome("ALTER TABLE t DROP COLUMN \"Foo\"", &t,
                             STRATA_NAME_EXACT),
                     STRATA_ENSURE_APPLY);
    assert_int_equal(outcome("ALTER TABLE t RENAME COLUMN \"Foo\" TO foo", &t,
                             STRATA_NAME_EXACT),
                     STRATA_ENSURE_APPLY);
    /* SQLite: one name without case */
    assert_int_equal(outcome("ALTER TABLE t DROP COLUMN foo", &t,
                             STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_APPLY);
}

static void test_ensure__case_rename(void **state)
{
    strata_column cols[] = {{.name = M("na\xc3\xafve"), .type = M("TEXT")},
                            {.name = M("b"), .type = M("TEXT")}};
    strata_table t = {.name = M("t"), .exists = 1, .columns = cols,
                      .ncolumns = 2};
    const char *sql = "ALTER TABLE t RENAME COLUMN \"na\xc3\xafve\" TO "
                      "\"Na\xc3\xafve\"";

    (void)state;
    /* one column to SQLite: renamed while spelt the old way */
    assert_int_equal(outcome(sql, &t, STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_APPLY);
    cols[0].name = M("Na\xc3\xafve");
    assert_int_equal(outcome(sql, &t, STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_SKIP_EXISTS);
    /* two columns to PostgreSQL: both there is drift */
    cols[1].name = M("na\xc3\xafve");
    assert_int_equal(outcome(sql, &t, STRATA_NAME_EXACT),
                     STRATA_ENSURE_DRIFT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ensure__exact_names),
        cmocka_unit_test(test_ensure__case_rename),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
