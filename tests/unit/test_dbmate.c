/* test_dbmate.c - the dbmate reader: blocks, transaction:false, order by
 * file name, an empty down block, what it refuses. */
#include "layout_fixture.h"

static void test_dbmate__blocks(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("20240102000000_b.sql",
             "-- migrate:up transaction:false\nCREATE INDEX i ON t (a);\n"
             "-- migrate:down\n");
    lf_write("20240101000000_create_t.sql",
             "-- a comment before the block\n\n-- migrate:up\n"
             "CREATE TABLE t (a int);\n\n-- migrate:down\nDROP TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "dbmate");
    s = lf_order(&c);
    assert_string_equal(s, "20240101000000>20240102000000");
    free(s);
    r = lf_rev(&c, "20240101000000");
    assert_string_equal(r->tool_version, "20240101000000");
    assert_string_equal(r->message, "create_t");
    assert_int_equal(r->txn, STRATA_TXN_PER_MIGRATION);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, NULL);
    assert_string_equal(s, "CREATE TABLE t (a int)");
    free(s);
    assert_int_equal(r->sections[0].body_line, 4);
    r = lf_rev(&c, "20240102000000");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    /* An empty down block is a deliberate no-op, not a missing one. */
    assert_true(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"));
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "");
    free(s);
    strata__chain_free(&c);
}

static void test_dbmate__refused(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.sql", "CREATE TABLE t (a int);\n-- migrate:up\nSELECT 1;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "1_a.sql:1: SQL before '-- migrate:up'"));
    strata__error_clear(&err);
    lf_write("1_a.sql", "-- migrate:down\nSELECT 2;\n-- migrate:up\n");
    assert_int_equal(lf_load(&c, "dbmate", &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "1_a.sql:3: '-- migrate:up' after"));
    strata__error_clear(&err);
    lf_write("1_a.sql", "-- migrate:up\nSELECT 1;\n");
    lf_write("1_b.sql", "-- migrate:up\nSELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "two migrations of version"));
    strata__error_clear(&err);
}

/* A dbmate marker beside goose files: two layouts, refused by name. */
static void test_dbmate__mixed_with_goose(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.sql", "-- migrate:up\nSELECT 1;\n");
    lf_write("2_b.sql", "-- +goose Up\nSELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "a folder holds one layout"));
    assert_non_null(strstr(err.msg, "1_a.sql"));
    assert_non_null(strstr(err.msg, "2_b.sql"));
    strata__error_clear(&err);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, lf_setup, lf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_dbmate__blocks),
        T(test_dbmate__refused),
        T(test_dbmate__mixed_with_goose),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
