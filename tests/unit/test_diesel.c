/* test_diesel.c - the Diesel reader: version folders, a folder per
 * backend, metadata.toml, a missing down.sql, what it refuses. */
#include "layout_fixture.h"

#include "chain/layouts/diesel.h"

static void test_diesel__one_backend(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("2024-01-02-000000_posts/up.sql", "CREATE TABLE p (a int);\n");
    lf_write("2024-01-02-000000_posts/metadata.toml",
             "run_in_transaction = false\n");
    lf_write("00000000000000_diesel_initial_setup/up.sql", "SELECT 1;\n");
    lf_write("00000000000000_diesel_initial_setup/down.sql", "SELECT 2;\n");
    lf_write("20240101000000_users/up.sql", "CREATE TABLE u (a int);\n");
    lf_write("20240101000000_users/down.sql", "DROP TABLE u;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "diesel");
    s = lf_order(&c);
    assert_string_equal(s, "00000000000000>20240101000000>20240102000000");
    free(s);
    r = lf_rev(&c, "20240102000000");
    assert_string_equal(r->tool_version, "20240102000000");
    assert_string_equal(r->message, "posts");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    /* No down.sql: Diesel reverts it running nothing. */
    assert_true(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"));
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "");
    free(s);
    s = lf_stmts(&c, lf_rev(&c, "20240101000000"), STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "DROP TABLE u");
    free(s);
    assert_int_equal(lf_rev(&c, "20240101000000")->txn,
                     STRATA_TXN_PER_MIGRATION);
    strata__chain_free(&c);
}

static void test_diesel__backends(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("postgres/2024-01-01-000000_t/up.sql", "CREATE TABLE t (a serial);\n");
    lf_write("postgres/2024-01-01-000000_t/down.sql", "DROP TABLE t;\n");
    lf_write("sqlite/2024-01-01-000000_t/up.sql", "CREATE TABLE t (a integer);\n");
    lf_write("sqlite/2024-01-01-000000_t/down.sql", "DROP TABLE t;\n");
    lf_write("postgres/2024-01-02-000000_pg_only/up.sql", "CREATE EXTENSION x;\n");
    lf_load_ok(&c, NULL);
    s = lf_order(&c);
    assert_string_equal(s, "20240101000000>20240102000000");
    free(s);
    r = lf_rev(&c, "20240101000000");
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "postgres");
    assert_string_equal(s, "CREATE TABLE t (a serial)");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "sqlite");
    assert_string_equal(s, "CREATE TABLE t (a integer)");
    free(s);
    assert_false(strata__migration_has(r, STRATA_SECTION_UP, "mysql"));
    r = lf_rev(&c, "20240102000000");
    assert_false(strata__migration_has(r, STRATA_SECTION_UP, "sqlite"));
    assert_true(strata__migration_has(r, STRATA_SECTION_UP, "postgres"));
    strata__chain_free(&c);
}

static void test_diesel__metadata(void **state)
{
    (void)state;
    assert_true(strata__diesel_no_txn("run_in_transaction = false\n", 28));
    assert_false(strata__diesel_no_txn("run_in_transaction=true", 23));
    /* serde's default for a bool when the key is left out */
    assert_true(strata__diesel_no_txn("# nothing\n", 10));
}

static void expect_refused(const char *what)
{
    strata_chain c;
    strata_error err = {0};

    assert_int_equal(lf_load(&c, "diesel", &err), STRATA_ERR_PARSE);
    if (!strstr(err.msg, what))
        fail_msg("'%s' not in: %s", what, err.msg);
    strata__error_clear(&err);
}

static void test_diesel__refused(void **state)
{
    (void)state;
    lf_write("1_a/down.sql", "SELECT 1;\n");
    expect_refused("1_a/down.sql: a down.sql without its up.sql");
    lf_write("1_a/up.sql", "");
    expect_refused("1_a/up.sql:1: empty up.sql");
    lf_write("1_a/up.sql", "SELECT 1;\n");
    lf_write("sqlite/2_b/up.sql", "SELECT 1;\n");
    expect_refused("either migrations or one folder of them per backend");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_diesel__one_backend, lf_setup,
                                        lf_teardown),
        cmocka_unit_test_setup_teardown(test_diesel__backends, lf_setup,
                                        lf_teardown),
        cmocka_unit_test(test_diesel__metadata),
        cmocka_unit_test_setup_teardown(test_diesel__refused, lf_setup,
                                        lf_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
