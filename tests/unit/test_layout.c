/* test_layout.c - the layout framework: format = auto / NAME / strata /
 * strata+NAME, folders that mix layouts, pieces (a tool's own statement
 * boundaries), and checksums over every file of an adopted revision. */
#include "layout_fixture.h"

#include "chain/layouts/build.h"

static const char strata_file[] = "-- revision: s1\n-- revises: 2\n"
                                  "-- +up\nSELECT 3;\n";

static void test_layout__strata_only_stays_strata(void **state)
{
    strata_chain c;

    (void)state;
    lf_write("a.sql", "-- revision: a\n-- +up\nSELECT 1;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "strata");
    strata__chain_free(&c);
    lf_load_ok(&c, "strata");
    assert_string_equal(c.layout, "strata");
    strata__chain_free(&c);
}

static void test_layout__mixed_refused(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1_a.up.sql", "SELECT 1;\n");
    lf_write("2_b.up.sql", "SELECT 2;\n");
    lf_write("s1.sql", strata_file);
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "/s1.sql is a strata migration and "));
    assert_non_null(strstr(err.msg, "/1_a.up.sql a golang-migrate one"));
    assert_non_null(strstr(err.msg, "format = strata+golang-migrate"));
    /* Forced, the strata file is not the tool's. */
    strata__error_clear(&err);
    assert_int_equal(lf_load(&c, "golang-migrate", &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "/s1.sql is not a golang-migrate "
                                    "migration"));
    strata__error_clear(&err);
}

static void test_layout__strata_beside(void **state)
{
    strata_chain c;
    char *s;

    (void)state;
    lf_write("1_a.up.sql", "SELECT 1;\n");
    lf_write("2_b.up.sql", "SELECT 2;\n");
    lf_write("s1.sql", strata_file);
    lf_load_ok(&c, "strata+golang-migrate");
    assert_string_equal(c.layout, "strata+golang-migrate");
    s = lf_order(&c);
    assert_string_equal(s, "1>2>s1");
    free(s);
    assert_null(lf_rev(&c, "s1")->layout);
    strata__chain_free(&c);
}

static void test_layout__unknown_format(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    assert_int_equal(lf_load(&c, "flyaway", &err), STRATA_ERR_CONFIG);
    assert_non_null(strstr(err.msg, "format 'flyaway' is not one strata "
                                    "reads (known: auto, strata, "));
    strata__error_clear(&err);
    assert_int_equal(lf_load(&c, "strata+auto", &err), STRATA_ERR_CONFIG);
    strata__error_clear(&err);
}

/* Headerless files no reader claims keep strata's own message. */
static void test_layout__unclaimed_stays_strata(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    lf_write("1.sql", "-- a comment\n-- +up\nSELECT 1;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "missing '-- revision: ID' header"));
    strata__error_clear(&err);
}

/* A revision built by hand the way a reader builds one: a whole piece
 * is one statement as written, another is split; lines count in the
 * piece's own file. */
static void test_layout__pieces(void **state)
{
    static const char up[] = "-- +goose Up\n"
                             "CREATE TABLE t (a int);\n"
                             "-- +goose StatementBegin\n"
                             "CREATE FUNCTION f() AS $$ SELECT 1; SELECT 2; "
                             "$$;\n"
                             "-- +goose StatementEnd\n"
                             "SELECT 3; SELECT 4;\n";
    strata_layout_file f = {.path = (char *)"m/1_a.sql", .rel = "1_a.sql",
                            .name = "1_a.sql", .text = (char *)up,
                            .len = sizeof up - 1};
    strata_chain c;
    strata_revision *r;
    strata_error err = {0};
    strata_stmt_list l;
    const char *fn = strstr(up, "CREATE FUNCTION"),
               *end = strstr(up, "-- +goose StatementEnd"),
               *tail = strstr(up, "SELECT 3");
    size_t idx;

    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(strata__adopt_rev(&r, "test", &f, "1", "1", "a", &err),
                     STRATA_OK);
    assert_int_equal(strata__adopt_section(r, 0, STRATA_SECTION_UP, NULL, 0,
                                           f.len, "-- +goose Up", &idx,
                                           &err),
                     STRATA_OK);
    assert_int_equal(strata__adopt_piece(r, idx, 13, 24, 0, &err),
                     STRATA_OK);
    assert_int_equal(strata__adopt_piece(r, idx, (size_t)(fn - up),
                                         (size_t)(end - fn), 1, &err),
                     STRATA_OK);
    assert_int_equal(strata__adopt_piece(r, idx, (size_t)(tail - up),
                                         strlen(tail), 0, &err),
                     STRATA_OK);
    assert_int_equal(strata__chain_split(&c, NULL, r, &r->sections[0], &l,
                                         &err),
                     STRATA_OK);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].sql, "CREATE TABLE t (a int)");
    assert_int_equal(l.items[0].line, 2);
    assert_string_equal(l.items[1].sql, "CREATE FUNCTION f() AS $$ SELECT "
                                        "1; SELECT 2; $$");
    assert_int_equal(l.items[1].line, 4);
    assert_string_equal(l.items[3].sql, "SELECT 4");
    assert_int_equal(l.items[3].line, 6);
    strata__stmt_list_free(&l);
    /* Synthesized keys set the fields a strata header would. */
    assert_int_equal(strata__adopt_key(r, "transaction", "none", &err),
                     STRATA_OK);
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    strata__migration_free(r);
    strata__chain_free(&c);
}

/* The checksum covers the down file too, and not its comments. */
static void test_layout__checksum_over_files(void **state)
{
    strata_chain c;
    strata_error err = {0};
    char a[STRATA_CHECKSUM_SIZE], b[STRATA_CHECKSUM_SIZE];

    (void)state;
    lf_write("1_a.up.sql", "CREATE TABLE t (a int);\n");
    lf_write("1_a.down.sql", "DROP TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_int_equal(strata__chain_checksum(&c, c.revs[0], a, &err),
                     STRATA_OK);
    strata__chain_free(&c);
    lf_write("1_a.down.sql", "-- why\nDROP   TABLE t;\n");
    lf_load_ok(&c, NULL);
    assert_int_equal(strata__chain_checksum(&c, c.revs[0], b, &err),
                     STRATA_OK);
    assert_string_equal(a, b);
    strata__chain_free(&c);
    lf_write("1_a.down.sql", "DROP TABLE t2;\n");
    lf_load_ok(&c, NULL);
    assert_int_equal(strata__chain_checksum(&c, c.revs[0], b, &err),
                     STRATA_OK);
    assert_string_not_equal(a, b);
    strata__chain_free(&c);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, lf_setup, lf_teardown)
    const struct CMUnitTest tests[] = {
        T(test_layout__strata_only_stays_strata),
        T(test_layout__mixed_refused),
        T(test_layout__strata_beside),
        T(test_layout__unknown_format),
        T(test_layout__unclaimed_stays_strata),
        T(test_layout__pieces),
        T(test_layout__checksum_over_files),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
