/* test_sqlx.c - the sqlx reader: simple and reversible files, version
 * order, "-- no-transaction"; auto reads .up/.down pairs as
 * golang-migrate's, so sqlx is chosen with format. */
#include "layout_fixture.h"

static void test_sqlx__simple(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("20240101000000_init.sql", "CREATE TABLE t (a int);\n");
    lf_write("3_idx.sql", "-- no-transaction\nCREATE INDEX i ON t (a);\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "sqlx");
    s = lf_order(&c);
    assert_string_equal(s, "3>20240101000000");
    free(s);
    r = lf_rev(&c, "3");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    assert_false(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"));
    assert_int_equal(lf_rev(&c, "20240101000000")->txn,
                     STRATA_TXN_PER_MIGRATION);
    strata__chain_free(&c);
}

static void test_sqlx__reversible(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("1_a.up.sql", "CREATE TABLE t (a int);\n");
    lf_write("1_a.down.sql", "DROP TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "golang-migrate");
    strata__chain_free(&c);
    lf_load_ok(&c, "sqlx");
    assert_string_equal(c.layout, "sqlx");
    r = lf_rev(&c, "1");
    assert_string_equal(r->layout, "sqlx");
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "DROP TABLE t");
    free(s);
    strata__chain_free(&c);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, lf_setup, lf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_sqlx__simple),
        T(test_sqlx__reversible),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
