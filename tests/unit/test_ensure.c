/* test_ensure.c - ensure semantics (docs/design.md §3.3) decided by
 * strata__ensure alone: an operation against a catalog built from
 * portable statements, for absent, equal and different objects. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture_driver.h"
#include "sql/catalog.h"
#include "sql/ensure.h"
#include "sql/op.h"
#include "sql/parser.h"

/* The catalog that the ';'-separated portable statements leave. */
static void build(strata_table *t, const char *name, const char *setup)
{
    char *copy = strdup(setup), *save = NULL;

    assert_non_null(copy);
    memset(t, 0, sizeof *t);
    t->name = strdup(name);
    for (char *s = strtok_r(copy, ";", &save); s;
         s = strtok_r(NULL, ";", &save)) {
        strata_op *op = fx_parse(s);

        assert_int_equal(strata__table_apply(t, op), STRATA_OK);
        strata__op_free(op);
    }
    free(copy);
}

typedef struct {
    const char *name;
    const char *setup;   /* statements building table t */
    const char *other;   /* statements building table u (RENAME TO) */
    const char *op;
    strata_ensure want;
    const char *why;     /* DRIFT: a part of the sentence */
} ensure_case;

#define T "CREATE TABLE t (id integer PRIMARY KEY, a text)"

static const ensure_case cases[] = {
    {"create absent", "", NULL, "CREATE TABLE t (id integer)",
     STRATA_ENSURE_APPLY, NULL},
    {"create other", "CREATE TABLE t (z blob)", NULL,
     "CREATE TABLE t (id integer)", STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"drop table absent", "", NULL, "DROP TABLE t",
     STRATA_ENSURE_SKIP_ABSENT, NULL},
    {"add column absent", T, NULL, "ALTER TABLE t ADD COLUMN b text",
     STRATA_ENSURE_APPLY, NULL},
    {"add column equal", T, NULL, "ALTER TABLE t ADD COLUMN a text",
     STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"add column other type", T, NULL, "ALTER TABLE t ADD COLUMN a integer",
     STRATA_ENSURE_DRIFT, "column a on t differs: migration has integer"},
    {"add column other nullability", T, NULL,
     "ALTER TABLE t ADD COLUMN a text NOT NULL", STRATA_ENSURE_DRIFT,
     "column a on t differs: migration has text NOT NULL, database has text"},
    {"drop column absent", T, NULL, "ALTER TABLE t DROP COLUMN b",
     STRATA_ENSURE_SKIP_ABSENT, NULL},
    {"drop column present", T, NULL, "ALTER TABLE t DROP COLUMN a",
     STRATA_ENSURE_APPLY, NULL},
    {"rename column", T, NULL, "ALTER TABLE t RENAME COLUMN a TO b",
     STRATA_ENSURE_APPLY, NULL},
    {"rename column done", "CREATE TABLE t (b text)", NULL,
     "ALTER TABLE t RENAME COLUMN a TO b", STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"rename column both", "CREATE TABLE t (a text, b text)", NULL,
     "ALTER TABLE t RENAME COLUMN a TO b", STRATA_ENSURE_DRIFT,
     "cannot rename column a to b: both exist"},
    {"rename column neither", T, NULL, "ALTER TABLE t RENAME COLUMN x TO y",
     STRATA_ENSURE_DRIFT, "cannot rename column x to y: neither exists"},
    {"rename table", T, "", "ALTER TABLE t RENAME TO u", STRATA_ENSURE_APPLY,
     NULL},
    {"rename table done", "", "CREATE TABLE u (id integer)",
     "ALTER TABLE t RENAME TO u", STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"rename table neither", "", "", "ALTER TABLE t RENAME TO u",
     STRATA_ENSURE_DRIFT, "cannot rename table t to u: neither exists"},
    {"set not null", T, NULL, "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
     STRATA_ENSURE_APPLY, NULL},
    {"set not null on pk", T, NULL,
     "ALTER TABLE t ALTER COLUMN id SET NOT NULL", STRATA_ENSURE_SKIP_EXISTS,
     NULL},
    {"set not null no column", T, NULL,
     "ALTER TABLE t ALTER COLUMN zz SET NOT NULL", STRATA_ENSURE_DRIFT,
     "column zz does not exist on t"},
    {"drop not null equal", T, NULL,
     "ALTER TABLE t ALTER COLUMN a DROP NOT NULL", STRATA_ENSURE_SKIP_EXISTS,
     NULL},
    {"set default other", "CREATE TABLE t (a text DEFAULT 'y')", NULL,
     "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x'", STRATA_ENSURE_APPLY,
     NULL},
    {"set default equal", "CREATE TABLE t (a text DEFAULT 'x')", NULL,
     "ALTER TABLE t ALTER COLUMN a SET DEFAULT ( 'x' )",
     STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"drop default absent", T, NULL,
     "ALTER TABLE t ALTER COLUMN a DROP DEFAULT", STRATA_ENSURE_SKIP_EXISTS,
     NULL},
    {"add check other",
     "CREATE TABLE t (a text, CONSTRAINT t_c CHECK (length(a) > 1))", NULL,
     "ALTER TABLE t ADD CONSTRAINT t_c CHECK (length(a) > 0)",
     STRATA_ENSURE_DRIFT, "constraint t_c on t differs"},
    {"add check equal",
     "CREATE TABLE t (a text, CONSTRAINT t_c CHECK (length( a )>0))", NULL,
     "ALTER TABLE t ADD CONSTRAINT t_c CHECK (length(a) > 0)",
     STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"drop constraint absent", T, NULL, "ALTER TABLE t DROP CONSTRAINT t_c",
     STRATA_ENSURE_SKIP_ABSENT, NULL},
    {"create index absent", T, NULL, "CREATE INDEX t_a ON t (a)",
     STRATA_ENSURE_APPLY, NULL},
    {"create index equal", T "; CREATE INDEX t_a ON t (a DESC) WHERE a > ''",
     NULL, "CREATE INDEX t_a ON t (a DESC) WHERE a > ''",
     STRATA_ENSURE_SKIP_EXISTS, NULL},
    {"create index other predicate", T "; CREATE INDEX t_a ON t (a)", NULL,
     "CREATE INDEX t_a ON t (a) WHERE a > ''", STRATA_ENSURE_DRIFT,
     "index t_a on t differs"},
    {"drop index absent", T, NULL, "DROP INDEX t_a ON t",
     STRATA_ENSURE_SKIP_ABSENT, NULL},
};

static void test_ensure__cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ensure_case *c = &cases[i];
        strata_table t, u;
        strata_op *op = fx_parse(c->op);
        strata_ensure got;
        char *why = NULL;

        build(&t, "t", c->setup);
        if (c->other)
            build(&u, "u", c->other);
        assert_int_equal(strata__ensure(&got, &why, op, &t,
                                        c->other ? &u : NULL, NULL),
                         STRATA_OK);
        if (got != c->want)
            fail_msg("%s: %s: got '%s', want '%s'%s%s", c->name, c->op,
                     strata__ensure_word(got), strata__ensure_word(c->want),
                     why ? " - " : "", why ? why : "");
        if (c->why && (!why || !strstr(why, c->why)))
            fail_msg("%s: the reason '%s' lacks '%s'", c->name,
                     why ? why : "(none)", c->why);
        if (!c->why && why)
            fail_msg("%s: a reason without drift: %s", c->name, why);
        free(why);
        strata__op_free(op);
        strata__table_clear(&t);
        if (c->other)
            strata__table_clear(&u);
    }
}

/* A catalog may list a primary-key column without its NOT NULL (SQLite's
 * table_info does): it is NOT NULL all the same. */
static void test_ensure__pk_is_not_null(void **state)
{
    strata_table t;
    strata_op *op = fx_parse("ALTER TABLE t ADD COLUMN id integer NOT NULL");
    strata_ensure got;
    char *why = NULL;

    (void)state;
    build(&t, "t", T);
    strata__table_column(&t, "id")->notnull = 0;
    assert_int_equal(strata__ensure(&got, &why, op, &t, NULL, NULL),
                     STRATA_OK);
    assert_string_equal(strata__ensure_word(got), "skipped (exists)");
    assert_null(why);
    strata__op_free(op);
    strata__table_clear(&t);
}

static void test_ensure__words(void **state)
{
    (void)state;
    assert_string_equal(strata__ensure_word(STRATA_ENSURE_SKIP_EXISTS),
                        "skipped (exists)");
    assert_string_equal(strata__ensure_word(STRATA_ENSURE_SKIP_ABSENT),
                        "skipped (absent)");
    assert_string_equal(strata__ensure_word((strata_ensure)99), "?");
}

/* ---- names compared by the engine's rule (strata_driver.name_flags):
 * a lookup that matches only without case is no match on PostgreSQL,
 * and a rename that changes only the letter case of a column is a
 * rename on SQLite and MySQL. */

#define M(s) ((char *)(s))

/* The outcome of portable sql on t for an engine whose driver says
 * flags. */
static strata_ensure outcome(const char *sql, const strata_table *t,
                             uint32_t flags)
{
    strata_driver engine = {.name_flags = flags};
    strata_compare cmp = {.drv = &engine, .table = t->name};
    strata_error err = {0};
    strata_op *op = NULL;
    strata_ensure e;
    char *why = NULL;

    if (strata__parse_op_as(&op, "m.sql", sql, 1, 1, flags, &err) !=
            STRATA_OK ||
        !op)
        fail_msg("parse: %s", sql);
    assert_int_equal(strata__ensure(&e, &why, op, t, NULL, &cmp), STRATA_OK);
    free(why);
    strata__op_free(op);
    return e;
}

static void test_ensure__exact_names(void **state)
{
    strata_column cols[] = {{.name = M("Foo"), .type = M("integer")}};
    strata_table t = {.name = M("t"), .exists = 1, .columns = cols,
                      .ncolumns = 1};

    (void)state;
    /* PostgreSQL: foo is not "Foo" */
    assert_int_equal(outcome("ALTER TABLE t DROP COLUMN foo", &t,
                             STRATA_NAME_EXACT),
                     STRATA_ENSURE_SKIP_ABSENT);
    assert_int_equal(outcome("ALTER TABLE t DROP COLUMN \"Foo\"", &t,
                             STRATA_NAME_EXACT),
                     STRATA_ENSURE_APPLY);
    assert_int_equal(outcome("ALTER TABLE t RENAME COLUMN \"Foo\" TO foo", &t,
                             STRATA_NAME_EXACT),
                     STRATA_ENSURE_APPLY);
    /* SQLite: one name without case */
    assert_int_equal(outcome("ALTER TABLE t DROP COLUMN foo", &t,
                             STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_APPLY);
}

static void test_ensure__case_rename(void **state)
{
    strata_column cols[] = {{.name = M("na\xc3\xafve"), .type = M("TEXT")},
                            {.name = M("b"), .type = M("TEXT")}};
    strata_table t = {.name = M("t"), .exists = 1, .columns = cols,
                      .ncolumns = 2};
    const char *sql = "ALTER TABLE t RENAME COLUMN \"na\xc3\xafve\" TO "
                      "\"Na\xc3\xafve\"";

    (void)state;
    /* one column to SQLite: renamed while spelt the old way */
    assert_int_equal(outcome(sql, &t, STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_APPLY);
    cols[0].name = M("Na\xc3\xafve");
    assert_int_equal(outcome(sql, &t, STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_SKIP_EXISTS);
    /* two columns to PostgreSQL: both there is drift */
    cols[1].name = M("na\xc3\xafve");
    assert_int_equal(outcome(sql, &t, STRATA_NAME_EXACT),
                     STRATA_ENSURE_DRIFT);
}

/* A CHECK's written name is the engine's: an unnamed CHECK the catalog
 * lists under the same derived name does not satisfy it. */
static void test_ensure__written_check_name(void **state)
{
    strata_column cols[] = {{.name = M("a"), .type = M("int")}};
    strata_constraint chk = {.kind = STRATA_CON_CHECK,
                             .name = M("t_a_check"), .check = M("a > 0")};
    strata_table t = {.name = M("t"), .exists = 1, .columns = cols,
                      .ncolumns = 1, .constraints = &chk,
                      .nconstraints = 1};
    const char *named = "ALTER TABLE t ADD CONSTRAINT t_a_check "
                        "CHECK (a > 0)";

    (void)state;
    assert_int_equal(outcome(named, &t, STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_APPLY);
    assert_int_equal(outcome("ALTER TABLE t ADD CHECK (a > 0)", &t,
                             STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_SKIP_EXISTS);
    chk.named = 1;
    assert_int_equal(outcome(named, &t, STRATA_NAME_KEEP_CASE),
                     STRATA_ENSURE_SKIP_EXISTS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ensure__cases),
        cmocka_unit_test(test_ensure__pk_is_not_null),
        cmocka_unit_test(test_ensure__words),
        cmocka_unit_test(test_ensure__exact_names),
        cmocka_unit_test(test_ensure__case_rename),
        cmocka_unit_test(test_ensure__written_check_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
