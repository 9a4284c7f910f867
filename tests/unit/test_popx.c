/* test_popx.c - the popx/fizz reader: names, string order, a dialect's
 * own file winning over the generic one, autocommit, refusals. */
#include "layout_fixture.h"

#include "chain/layouts/popx.h"

static void test_popx__names(void **state)
{
    strata_popx_name n;

    (void)state;
    assert_true(strata__popx_name("1_a.up.sql", &n));
    assert_int_equal(n.bit, 7);
    assert_true(strata__popx_name("12_a_b.sqlite3.autocommit.down.sql", &n));
    assert_true(n.down && n.autocommit);
    assert_int_equal(n.bit, 4);
    assert_int_equal(n.vlen, 2);
    assert_true(strata__popx_name("1_a.autocommit.up.sql", &n));
    assert_true(n.autocommit && n.bit == 7);
    assert_true(strata__popx_name("1_a.cockroach.up.sql", &n));
    assert_true(n.known && n.bit == 0);
    assert_true(strata__popx_name("1_a.oracle.up.sql", &n));
    assert_false(n.known);
    assert_false(strata__popx_name("1_.up.sql", &n));
    assert_false(strata__popx_name("1_a.Pg.up.sql", &n));
    assert_false(strata__popx_name("a_b.up.sql", &n));
    assert_false(strata__popx_name("1_a.x.y.up.sql", &n));
}

static void test_popx__own_file_wins(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("2_idx.up.sql", "CREATE INDEX i ON t (a);\n");
    lf_write("2_idx.postgres.autocommit.up.sql",
             "CREATE INDEX CONCURRENTLY i ON t (a);\n");
    lf_write("2_idx.down.sql", "DROP INDEX i;\n");
    lf_write("2_idx.mysql.down.sql", "DROP INDEX i ON t;\n");
    lf_write("10_t.up.sql", "CREATE TABLE t (a int);\n");
    lf_write("10_t.cockroach.up.sql", "never read;\n");
    lf_write("10_t.down.sql", "DROP TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "popx");
    s = lf_order(&c);
    assert_string_equal(s, "10>2"); /* versions as strings, as popx does */
    free(s);
    r = lf_rev(&c, "2");
    assert_string_equal(r->tool_version, "2");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "postgres");
    assert_string_equal(s, "CREATE INDEX CONCURRENTLY i ON t (a)");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "sqlite");
    assert_string_equal(s, "CREATE INDEX i ON t (a)");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, "mysql");
    assert_string_equal(s, "DROP INDEX i ON t");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, "postgres");
    assert_string_equal(s, "DROP INDEX i");
    free(s);
    /* CockroachDB's file is left out: the generic one is unscoped. */
    s = lf_stmts(&c, lf_rev(&c, "10"), STRATA_SECTION_UP, NULL);
    assert_string_equal(s, "CREATE TABLE t (a int)");
    free(s);
    strata__chain_free(&c);
}

static void expect_refused(const char *what)
{
    strata_chain c;
    strata_error err = {0};

    assert_int_equal(lf_load(&c, "popx", &err), STRATA_ERR_PARSE);
    if (!strstr(err.msg, what))
        fail_msg("'%s' not in: %s", what, err.msg);
    strata__error_clear(&err);
}

static void test_popx__refused(void **state)
{
    (void)state;
    lf_write("1_a.up.sql", "SELECT 1;\n");
    expect_refused("no down file of version 1");
    lf_write("1_a.down.sql", "SELECT {{ .x }};\n");
    expect_refused("Go template action");
    lf_write("1_a.down.sql", "SELECT 2;\n");
    lf_write("1_a.sqlite.up.sql", "SELECT 1;\n");
    lf_write("1_a.sqlite3.up.sql", "SELECT 1;\n");
    expect_refused("two up files of version 1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_popx__names),
        cmocka_unit_test_setup_teardown(test_popx__own_file_wins, lf_setup,
                                        lf_teardown),
        cmocka_unit_test_setup_teardown(test_popx__refused, lf_setup,
                                        lf_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
