/* test_flyway.c - the Flyway reader: versions compared part by part,
 * undo files as downs, .conf executeInTransaction, repeatables last. */
#include "layout_fixture.h"

static void test_flyway__order_and_fields(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("V1__init.sql", "CREATE TABLE t (a int);\n");
    lf_write("U1__init.sql", "DROP TABLE t;\n");
    lf_write("sub/V1.10__ten.sql", "SELECT 10;\n");
    lf_write("V1_9__nine.sql", "SELECT 9;\n");
    lf_write("V2__two_words.sql", "SELECT 2;\n");
    lf_write("V2__two_words.sql.conf", "# why\nexecuteInTransaction = false\n");
    lf_write("R__b_view.sql", "SELECT 'b';\n");
    lf_write("R__a_view.sql", "SELECT 'a';\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "flyway");
    s = lf_order(&c);
    assert_string_equal(s, "1>1_9>1.10>2>R__a_view>R__b_view");
    free(s);
    r = lf_rev(&c, "1_9");
    assert_string_equal(r->tool_version, "1.9");
    assert_string_equal(r->message, "nine");
    r = lf_rev(&c, "2");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    assert_string_equal(r->message, "two words");
    r = lf_rev(&c, "1");
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "DROP TABLE t");
    free(s);
    r = lf_rev(&c, "R__a_view");
    assert_true(r->repeatable);
    assert_string_equal(r->tool_version, "a view");
    /* Undo never touches a repeatable: an explicit empty down. */
    assert_true(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"));
    assert_false(lf_rev(&c, "2")->repeatable);
    strata__chain_free(&c);
}

static void test_flyway__refused(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("V1__a.sql", "SELECT 1;\n");
    lf_write("V1.0__b.sql", "SELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "two migrations of one version"));
    strata__error_clear(&err);
    lf_teardown(NULL);
    lf_setup(NULL);
    lf_write("V1__a.sql", "SELECT 1;\n");
    lf_write("U2__b.sql", "SELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "U2__b.sql: an undo file without its "
                                    "V2__ migration"));
    strata__error_clear(&err);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, lf_setup, lf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_flyway__order_and_fields),
        T(test_flyway__refused),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
