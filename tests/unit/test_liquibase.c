/* test_liquibase.c - the Liquibase formatted SQL reader: changesets as
 * revisions, Liquibase's statement splitting, rollbacks, dbms: filters,
 * attributes, what it refuses. */
#include "layout_fixture.h"

#include "chain/layouts/liquibase_split.h"

static const char *HEAD = "--liquibase formatted sql\n\n";

static void w(const char *rel, const char *body)
{
    char *t = strata__sprintf("%s%s", HEAD, body);

    lf_write(rel, t);
    free(t);
}

static void test_liquibase__changesets_in_order(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    w("b.sql", "--changeset ann:1\nCREATE TABLE u (b int);\n");
    w("a.sql", "--changeset bob:create-t\n--comment: the first table\n"
               "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n"
               "--rollback DROP TABLE t;\n\n"
               "--changeset bob:2\nALTER TABLE t ADD b int;\n");
    lf_load_ok(&c, NULL);
    assert_string_equal(c.layout, "liquibase");
    s = lf_order(&c);
    assert_string_equal(s, "a.create-t>a.2>b.1"); /* files by name */
    free(s);
    r = lf_rev(&c, "a.create-t");
    assert_string_equal(r->tool_version, "a.sql::create-t::bob");
    assert_string_equal(r->message, "the first table");
    s = lf_stmts(&c, r, STRATA_SECTION_UP, NULL);
    assert_string_equal(s, "CREATE TABLE t (a int)|INSERT INTO t VALUES (1)");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, NULL);
    assert_string_equal(s, "DROP TABLE t");
    free(s);
    /* No --rollback: no down section (irreversible). */
    assert_false(strata__migration_has(lf_rev(&c, "a.2"),
                                       STRATA_SECTION_DOWN, "sqlite"));
    /* The message shows a line of its own file. */
    assert_int_equal(r->sections[0].body_line, 4);
    strata__chain_free(&c);
}

static int collect(void *payload, size_t off, size_t len)
{
    strata_buf *b = payload;

    return strata__buf_printf(b, "%s%zu+%zu", b->len ? "," : "", off, len);
}

static char *split(const char *sql, int on, const char *delim)
{
    strata_buf b = {0};

    assert_int_equal(strata__liquibase_split(sql, strlen(sql), on, delim,
                                             collect, &b),
                     0);
    return b.data ? strata__buf_take(&b) : strdup("");
}

static void test_liquibase__split_rules(void **state)
{
    char *s;

    (void)state;
    /* Quotes, comments, BEGIN ... END, GO and '/' alone on a line. */
    s = split("a ';' -- x;\n; b \"c;\";", 1, NULL);
    assert_string_equal(s, "0+5,14+6");
    free(s);
    s = split("CREATE TRIGGER t BEGIN x; y; END; z", 1, NULL);
    assert_string_equal(s, "0+32,34+1");
    free(s);
    s = split("BEGIN TRANSACTION; x", 1, NULL);
    assert_string_equal(s, "0+17,19+1");
    free(s);
    s = split("a\nGO\nb\n/\nc / d", 1, NULL);
    assert_string_equal(s, "0+1,5+1,9+5");
    free(s);
    /* endDelimiter: "//" (two tokens), and GO given as "\nGO". */
    s = split("a; b\n//\nc", 1, "//");
    assert_string_equal(s, "0+4,8+1");
    free(s);
    s = split("a; b\ngo\nc", 1, "\\nGO");
    assert_string_equal(s, "0+4,8+1");
    free(s);
    /* splitStatements:false: one statement, comments around it out. */
    s = split("-- c\nx; y;\n-- d\n", 0, NULL);
    assert_string_equal(s, "5+5");
    free(s);
    s = split("  -- only a comment\n", 1, NULL);
    assert_string_equal(s, "");
    free(s);
}

static void test_liquibase__attributes(void **state)
{
    strata_chain c;
    const strata_revision *r;
    char *s;

    (void)state;
    w("c.sql",
      "--changeset a:fn dbms:postgresql splitStatements:false "
      "runInTransaction:false\n"
      "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ "
      "LANGUAGE plpgsql;\n--rollback DROP FUNCTION f();\n\n"
      "--changeset a:my dbms:mysql,mariadb endDelimiter://\n"
      "CREATE TABLE x (a int)\n//\nCREATE TABLE y (a int)\n//\n"
      "/* liquibase rollback\nDROP TABLE y;\nDROP TABLE x;\n*/\n\n"
      "--changeset a:not dbms:!postgresql runOnChange:true\n"
      "SELECT 1;\n--rollback not required\n\n"
      "--changeset a:skip ignore:true\nSELECT 2;\n\n"
      "--changeset a:none dbms:h2\nSELECT 3;\n");
    lf_load_ok(&c, NULL);
    s = lf_order(&c);
    assert_string_equal(s, "c.fn>c.my>c.not>c.none"); /* ignore:true */
    free(s);
    r = lf_rev(&c, "c.fn");
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "postgres");
    assert_string_equal(s, "CREATE FUNCTION f() RETURNS int AS $$ BEGIN "
                           "RETURN 1; END; $$ LANGUAGE plpgsql");
    free(s);
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "sqlite");
    assert_string_equal(s, "");
    free(s);
    r = lf_rev(&c, "c.my");
    s = lf_stmts(&c, r, STRATA_SECTION_UP, "mysql");
    assert_string_equal(s, "CREATE TABLE x (a int)|CREATE TABLE y (a int)");
    free(s);
    /* A rollback block's lines join with nothing between them. */
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, "mysql");
    assert_string_equal(s, "DROP TABLE y|DROP TABLE x");
    free(s);
    r = lf_rev(&c, "c.not");
    assert_true(r->repeatable);
    assert_false(strata__migration_has(r, STRATA_SECTION_UP, "postgres"));
    assert_true(strata__migration_has(r, STRATA_SECTION_UP, "mysql"));
    /* "not required": an explicit empty down. */
    assert_true(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"));
    s = lf_stmts(&c, r, STRATA_SECTION_DOWN, "sqlite");
    assert_string_equal(s, "");
    free(s);
    assert_false(strata__migration_has(lf_rev(&c, "c.none"),
                                       STRATA_SECTION_UP, "sqlite"));
    strata__chain_free(&c);
}

static void test_liquibase__ids(void **state)
{
    strata_chain c;
    char *s;

    (void)state;
    w("sub/x y.sql", "--changeset a:1\nSELECT 1;\n--changeset b:1\n"
                     "SELECT 2;\n--changeset \"c d\":\"e f\"\nSELECT 3;\n");
    lf_load_ok(&c, NULL);
    s = lf_order(&c);
    assert_string_equal(s, "sub.x_y.1.a>sub.x_y.1.b>sub.x_y.e_f");
    free(s);
    assert_string_equal(lf_rev(&c, "sub.x_y.e_f")->tool_version,
                        "sub/x y.sql::e f::c d");
    strata__chain_free(&c);
}

static void expect_refused(const char *body, const char *what)
{
    strata_chain c;
    strata_error err = {0};

    w("r.sql", body);
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    if (!strstr(err.msg, what))
        fail_msg("'%s' not in: %s", what, err.msg);
    strata__error_clear(&err);
}

static void test_liquibase__refused(void **state)
{
    (void)state;
    expect_refused("--changeset nobody\nSELECT 1;\n",
                   "r.sql:3: expected '--changeset <author>:<id>'");
    expect_refused("--changeset a:1\n--preconditions onFail:HALT\n"
                   "SELECT 1;\n",
                   "r.sql:4: Liquibase preconditions");
    expect_refused("--changeset a:1\n-- nothing\n--changeset a:2\n"
                   "SELECT 1;\n",
                   "r.sql:3: no SQL for changeset a:1");
    expect_refused("--changeset a:1\nSELECT 1;\n/* liquibase rollback\n"
                   "DROP TABLE t;\n",
                   "rollback comment is not closed");
    expect_refused("--changeset a:1\nSELECT 1;\n--rollback changesetId:2 "
                   "changesetAuthor:a\n",
                   "r.sql:5: a rollback naming another changeset");
}

/* A plain .sql file beside formatted ones is not Liquibase's. */
static void test_liquibase__detect(void **state)
{
    strata_chain c;
    strata_error err = {0};

    (void)state;
    w("a.sql", "--changeset a:1\nSELECT 1;\n");
    lf_write("b.sql", "SELECT 2;\n");
    assert_int_equal(lf_load(&c, NULL, &err), STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "b.sql is not a liquibase migration"));
    strata__error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_liquibase__changesets_in_order,
                                        lf_setup, lf_teardown),
        cmocka_unit_test(test_liquibase__split_rules),
        cmocka_unit_test_setup_teardown(test_liquibase__attributes, lf_setup,
                                        lf_teardown),
        cmocka_unit_test_setup_teardown(test_liquibase__ids, lf_setup,
                                        lf_teardown),
        cmocka_unit_test_setup_teardown(test_liquibase__refused, lf_setup,
                                        lf_teardown),
        cmocka_unit_test_setup_teardown(test_liquibase__detect, lf_setup,
                                        lf_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
