/* test_goose.c - the goose reader: Up and Down, StatementBegin/End as
 * statements sent whole, NO TRANSACTION, order by version. */
#include "layout_fixture.h"

static void test_goose__sections_and_blocks(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("10_later.sql", "-- +goose Up\nSELECT 10;\n");
    lf_write("00002_fn.sql",
             "-- +goose NO TRANSACTION\n"
             "-- +goose Up\n"
             "CREATE TABLE t (a int);\n"
             "-- +goose StatementBegin\n"
             "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT 2';\n"
             "SELECT 'still one';\n"
             "-- +goose StatementEnd\n"
             "SELECT 3;\n"
             "-- +goose Down\n"
             "DROP TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "goose");
    s = lf_order(&c);
    assert_string_equal(s, "00002>10");
    free(s);
    r = lf_rev(&c, "00002");
    assert_string_equal(r->tool_version, "2");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, NULL);
    assert_string_equal(s, "CREATE TABLE t (a int)|CREATE FUNCTION f() "
                           "RETURNS int AS 'SELECT 1; SELECT 2';\n"
                           "SELECT 'still one'|SELECT 3");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "DROP TABLE t");
    free(s);
    assert_int_equal(lf_rev(&c, "10")->txn, STRATA_TXN_PER_MIGRATION);
    strata__chain_free(&c);
}

static void test_goose__refused(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "1_a.sql:2: StatementBegin without "
                                    "StatementEnd"));
    strata__error_clear(&err);
    lf_write("1_a.sql", "-- +goose Up\n-- +goose ENVSUB ON\nSELECT 1;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "1_a.sql:2: a goose annotation strata "
                                    "does not run"));
    strata__error_clear(&err);
    lf_write("1_a.sql", "SELECT 0;\n-- +goose Up\nSELECT 1;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "1_a.sql:1: SQL before '-- +goose Up'"));
    strata__error_clear(&err);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, lf_setup, lf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_goose__sections_and_blocks),
        T(test_goose__refused),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
