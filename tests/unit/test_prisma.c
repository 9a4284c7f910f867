/* test_prisma.c - the Prisma Migrate reader: folders in name order, the
 * provider of migration_lock.toml as the dialect. */
#include "layout_fixture.h"

#include "chain/layouts/prisma.h"

static void test_prisma__folders(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    lf_write("migration_lock.toml", "# do not edit\nprovider = \"sqlite\"\n");
    lf_write("02_b/migration.sql", "CREATE TABLE b (a int);\n");
    lf_write("02/migration.sql", "CREATE TABLE c (a int);\n");
    lf_write("01_init/migration.sql", "CREATE TABLE a (a int);\n"
                                      "CREATE INDEX i ON a (a);\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "prisma");
    s = lf_order(&c);
    assert_string_equal(s, "01_init>02>02_b"); /* by folder name */
    free(s);
    r = lf_rev(&c, "01_init");
    assert_string_equal(r->tool_version, "01_init");
    assert_string_equal(r->message, "init");
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "sqlite");
    assert_string_equal(s, "CREATE TABLE a (a int)|CREATE INDEX i ON a (a)");
    free(s);
    assert_false(strata__migration_has(r, STRATA_SECTION_UP, "postgres"));
    assert_false(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"));
    strata__chain_free(&c);
}

static void test_prisma__provider(void **state)
{
    char *p;

    (void)state;
    assert_int_equal(strata__prisma_provider(NULL, 0, &p), 7);
    assert_null(p);
    assert_int_equal(strata__prisma_provider("provider = \"postgresql\"\r\n",
                                             25, &p),
                     1);
    assert_int_equal(strata__prisma_provider("provider = \"mysql\"", 18, &p),
                     2);
    assert_int_equal(strata__prisma_provider("provider = \"sqlserver\"", 22,
                                             &p),
                     0);
    assert_string_equal(p, "sqlserver");
    free(p);
}

static void test_prisma__refused(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("migration_lock.toml", "provider = \"mongodb\"\n");
    lf_write("1_a/migration.sql", "SELECT 1;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "provider 'mongodb' is not a database"));
    strata__error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_prisma__folders, lf_setup,
                                        lf_teardown),
        cmocka_unit_test(test_prisma__provider),
        cmocka_unit_test_setup_teardown(test_prisma__refused, lf_setup,
                                        lf_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
