/* test_golang_migrate.c - the golang-migrate reader: names, numeric
 * order, up and down files as one revision, what it refuses. */
#include "layout_fixture.h"

static void test_golang_migrate__order_and_fields(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("10_idx.up.sql", "CREATE INDEX i ON t (a);\n");
    lf_write("0002_more.up.sql", "CREATE TABLE u (b int);\n");
    lf_write("0002_more.down.sql", "DROP TABLE u;\n");
    lf_write("1_init.up.sql", "CREATE TABLE t (a int);\n");
    lf_write("1_init.down.sql", "DROP TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "golang-migrate");
    assert_true(c.layout_detected);
    s = lf_order(&c);
    assert_string_equal(s, "1>0002>10"); /* by value, not by name */
    free(s);
    r = lf_rev(&c, "0002");
    assert_string_equal(r->layout, "golang-migrate");
    assert_string_equal(r->tool_version, "2");
    assert_string_equal(r->message, "more");
    assert_int_equal(r->nparents, 1);
    assert_string_equal(r->parents[0], "1");
    assert_int_equal(r->nsources, 2);
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "DROP TABLE u");
    free(s);
    assert_int_equal(lf_rev(&c, "1")->nparents, 0);
    assert_false(strata__migration_has(lf_rev(&c, "10"),
                                       STRATA_SECTION_DOWN, "sqlite"));
    strata__chain_free(&c);
}

/* An error in the down file names the down file and its own line. */
static void test_golang_migrate__down_file_lines(void **state)
{
    strata_chain c;
    strata_stmt_list l;
    strata_error err = {0};
    const strata_revision *r;

    (void)state;
    lf_write("1_a.up.sql", "CREATE TABLE t (a int);\n\n\n\n");
    lf_write("1_a.down.sql", "-- undo\nDROP TABLE t;\nSELECT 'open;\n");
    lf_load_ok(&c, "golang-migrate");
    assert_false(c.layout_detected);
    r = lf_rev(&c, "1");
    assert_int_equal(strata__chain_split(&c, NULL, r, &r->sections[1], &l,
                                         &err),
                     STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "/1_a.down.sql:3: "));
    strata__error_clear(&err);
    assert_string_equal(strata__section_path(r, &r->sections[1]) +
                            strlen(lf_dir),
                        "/1_a.down.sql");
    strata__chain_free(&c);
}

/* BEGIN; ... COMMIT; around a file: strata owns the transaction. */
static void test_golang_migrate__own_transaction_dropped(void **state)
{
    strata_chain c;
    char *s;

    (void)state;
    lf_write("1_a.up.sql", "BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\n");
    lf_write("2_b.up.sql", "begin transaction;\nSELECT 1;\n");
    lf_load_ok(&c, NULL);
    s = lf_stmts(&c, lf_rev(&c, "1"), STRATA_SECTION_UP, NULL);
    assert_string_equal(s, "CREATE TABLE t (a int)");
    free(s);
    /* Without its COMMIT the BEGIN stays, and the planner refuses it. */
    s = lf_stmts(&c, lf_rev(&c, "2"), STRATA_SECTION_UP, NULL);
    assert_string_equal(s, "begin transaction|SELECT 1");
    free(s);
    strata__chain_free(&c);
}

static void test_golang_migrate__duplicate_version(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.up.sql", "SELECT 1;\n");
    lf_write("01_b.up.sql", "SELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "01_b.up.sql and "));
    assert_non_null(strstr(err.msg, "1_a.up.sql: two up files of version"));
    strata__error_clear(&err);
}

static void test_golang_migrate__down_without_up(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.up.sql", "SELECT 1;\n");
    lf_write("2_b.down.sql", "SELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "2_b.down.sql: a down file without"));
    strata__error_clear(&err);
}

/* golang-migrate reads the folder itself only. */
static void test_golang_migrate__subfolder_refused(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.up.sql", "SELECT 1;\n");
    lf_write("old/2_b.up.sql", "SELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "old/2_b.up.sql is not a "
                                    "golang-migrate migration"));
    strata__error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_golang_migrate__order_and_fields, lf_setup, lf_teardown),
        cmocka_unit_test_setup_teardown(test_golang_migrate__down_file_lines,
                                        lf_setup, lf_teardown),
        cmocka_unit_test_setup_teardown(
            test_golang_migrate__own_transaction_dropped, lf_setup,
            lf_teardown),
        cmocka_unit_test_setup_teardown(
            test_golang_migrate__duplicate_version, lf_setup, lf_teardown),
        cmocka_unit_test_setup_teardown(
            test_golang_migrate__down_without_up, lf_setup, lf_teardown),
        cmocka_unit_test_setup_teardown(
            test_golang_migrate__subfolder_refused, lf_setup, lf_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
