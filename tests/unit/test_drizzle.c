/* test_drizzle.c - the Drizzle Kit reader: the journal's order, files
 * cut at "--> statement-breakpoint", the journal's dialect. */
#include "layout_fixture.h"

static const char *JOURNAL =
    "{\"version\": \"7\", \"dialect\": \"%s\", \"entries\": ["
    "{\"idx\": 0, \"when\": 1, \"tag\": \"0001_b\", \"breakpoints\": true},"
    "{\"idx\": 1, \"when\": 2, \"tag\": \"0000_a\", \"breakpoints\": true}]}";

static void journal(const char *dialect)
{
    char *t = strata__sprintf(JOURNAL, dialect);

    lf_write("meta/_journal.json", t);
    free(t);
}

static void test_drizzle__journal_order(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    journal("postgresql");
    lf_write("0000_a.sql", "CREATE TABLE a (x int);\n");
    lf_write("0001_b.sql",
             "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE "
             "sql;\n--> statement-breakpoint\n"
             "CREATE TABLE b (x int);--> statement-breakpoint\n"
             "-- only a comment\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "drizzle");
    s = lf_order(&c);
    assert_string_equal(s, "0001_b>0000_a"); /* the journal's, not names' */
    free(s);
    r = lf_rev(&c, "0001_b");
    assert_string_equal(r->tool_version, "0001_b");
    /* Each piece whole, the function body's ';' inside it. */
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "postgres");
    assert_string_equal(s, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; "
                           "$$ LANGUAGE sql|CREATE TABLE b (x int)");
    free(s);
    assert_false(strata__migration_has(r, STRATA_SECTION_UP, "sqlite"));
    strata__chain_free(&c);
}

static void expect_refused(const char *what)
{
    strata_chain c;
    strata_error err = {0};

    assert_int_equal(lf_load(&c, "drizzle", &err), STRATA_ERR_PARSE);
    if (!strstr(err.msg, what))
        fail_msg("'%s' not in: %s", what, err.msg);
    strata__error_clear(&err);
}

static void test_drizzle__refused(void **state)
{
    (void)state;
    lf_write("0000_a.sql", "SELECT 1;\n");
    expect_refused("meta/_journal.json: not found");
    journal("sqlite");
    expect_refused("entry '0001_b' has no file 0001_b.sql");
    lf_write("0001_b.sql", "SELECT 1;\n");
    lf_write("0002_c.sql", "SELECT 1;\n");
    expect_refused("0002_c.sql: not in");
    journal("singlestore");
    expect_refused("dialect 'singlestore' is not one strata has");
    lf_write("meta/_journal.json", "{\"dialect\": ");
    expect_refused("_journal.json");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_drizzle__journal_order, lf_setup,
                                        lf_teardown),
        cmocka_unit_test_setup_teardown(test_drizzle__refused, lf_setup,
                                        lf_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
