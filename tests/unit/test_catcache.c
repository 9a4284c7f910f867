/* test_catcache.c - the catalog cache as a simulation replayed statement
 * by statement (what lint reads): tables created, dropped and renamed,
 * the created marks of one migration, and indexes found by name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "fixture_driver.h"
#include "plan/catcache.h"
#include "sql/catalog.h"
#include "sql/op.h"

/* Replay one portable statement. */
static void replay(strata_catcache *c, const char *sql)
{
    strata_op *op = fx_parse(sql);

    assert_int_equal(strata__catcache_replay(c, op), STRATA_OK);
    strata__op_free(op);
}

static strata_catcache *simulation(void)
{
    strata_catcache *c;

    assert_int_equal(strata__catcache_new(&c, NULL), STRATA_OK);
    strata__catcache_simulate(c, 0);
    return c;
}

static int exists(const strata_catcache *c, const char *table)
{
    const strata_table *t = strata__catcache_table(c, table);

    return t && t->exists;
}

static void test_catcache__create_and_drop(void **state)
{
    strata_catcache *c = simulation();
    const strata_table *t;

    (void)state;
    assert_null(strata__catcache_table(c, "t"));
    replay(c, "CREATE TABLE t (id integer, a text)");
    t = strata__catcache_table(c, "T"); /* names compare case-blind */
    assert_non_null(t);
    assert_true(t->exists);
    assert_int_equal(t->ncolumns, 2);
    assert_true(strata__catcache_created(c, "t"));
    /* Ensure semantics: a second CREATE TABLE changes nothing. */
    replay(c, "CREATE TABLE t (id integer)");
    assert_int_equal(strata__catcache_table(c, "t")->ncolumns, 2);
    replay(c, "ALTER TABLE t DROP COLUMN a");
    assert_int_equal(strata__catcache_table(c, "t")->ncolumns, 1);
    /* Operations on a table never seen leave no trace. */
    replay(c, "ALTER TABLE elsewhere DROP COLUMN z");
    assert_null(strata__catcache_table(c, "elsewhere"));

    /* The next migration: the table is old now. */
    strata__catcache_next(c);
    assert_false(strata__catcache_created(c, "t"));
    replay(c, "DROP TABLE t");
    t = strata__catcache_table(c, "t");
    assert_non_null(t);
    assert_false(t->exists);
    assert_string_equal(t->name, "t");
    assert_int_equal(t->ncolumns, 0);
    strata__catcache_free(c);
}

static void test_catcache__raw_effects(void **state)
{
    strata_catcache *c = simulation();

    (void)state;
    replay(c, "CREATE TABLE old (id integer)");
    strata__catcache_next(c);
    /* IF NOT EXISTS of an existing table: nothing happens. */
    assert_int_equal(strata__catcache_replay_create(c, "old", 1), STRATA_OK);
    assert_false(strata__catcache_created(c, "old"));
    assert_int_equal(strata__catcache_table(c, "old")->ncolumns, 1);
    /* Without it, the table is made anew (empty: raw SQL is not read). */
    assert_int_equal(strata__catcache_replay_create(c, "old", 0), STRATA_OK);
    assert_true(strata__catcache_created(c, "old"));
    assert_int_equal(strata__catcache_table(c, "old")->ncolumns, 0);
    strata__catcache_replay_drop(c, "old");
    assert_false(exists(c, "old"));
    assert_false(strata__catcache_created(c, "old"));
    strata__catcache_replay_drop(c, "never"); /* nothing to do */
    strata__catcache_free(c);
}

static void test_catcache__rename(void **state)
{
    strata_catcache *c = simulation();

    (void)state;
    replay(c, "CREATE TABLE a (id integer)");
    replay(c, "CREATE TABLE b (x integer, y integer)");
    strata__catcache_next(c);
    replay(c, "CREATE TABLE fresh (id integer)");
    /* A table created in this migration stays so under its new name. */
    replay(c, "ALTER TABLE fresh RENAME TO fresher");
    assert_true(strata__catcache_created(c, "fresher"));
    assert_false(strata__catcache_created(c, "fresh"));
    assert_null(strata__catcache_table(c, "fresh"));
    assert_string_equal(strata__catcache_table(c, "fresher")->name,
                        "fresher");
    /* Onto a name in use: the old entry goes, the renamed one stays. */
    assert_int_equal(strata__catcache_replay_rename(c, "a", "b"), STRATA_OK);
    assert_null(strata__catcache_table(c, "a"));
    assert_int_equal(strata__catcache_table(c, "b")->ncolumns, 1);
    assert_false(strata__catcache_created(c, "b"));
    /* An unknown table: nothing. */
    assert_int_equal(strata__catcache_replay_rename(c, "zz", "yy"),
                     STRATA_OK);
    assert_null(strata__catcache_table(c, "yy"));
    strata__catcache_free(c);
}

static void test_catcache__index_owner(void **state)
{
    strata_catcache *c = simulation();
    const strata_table *t;

    (void)state;
    replay(c, "CREATE TABLE t (id integer)");
    replay(c, "CREATE INDEX t_id ON t (id)");
    t = strata__catcache_index_owner(c, "t_id");
    assert_non_null(t);
    assert_string_equal(t->name, "t");
    assert_non_null(strata__table_index(t, "t_id"));
    /* DROP INDEX without ON finds the table by the index. */
    replay(c, "DROP INDEX t_id");
    assert_null(strata__catcache_index_owner(c, "t_id"));
    assert_null(strata__catcache_index_owner(c, NULL));
    strata__catcache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catcache__create_and_drop),
        cmocka_unit_test(test_catcache__raw_effects),
        cmocka_unit_test(test_catcache__rename),
        cmocka_unit_test(test_catcache__index_owner),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
