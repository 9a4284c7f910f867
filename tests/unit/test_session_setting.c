/* test_session_setting.c - each bundled driver's is_session_setting, the
 * gate of session_sql on read-only verbs (docs/design.md §10.6): what
 * only changes the session passes, anything that could write does not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "db/loader.h"

typedef struct verdict {
    const char *sql;
    int setting;
} verdict;

/* Load $STRATA_BUILD/drivers/strata_<name>.so and check each verdict. */
static void check(const char *name, const verdict *v, size_t n)
{
    const char *build = getenv("STRATA_BUILD");
    char *path = strata__sprintf("%s/drivers/strata_%s.so",
                                 build && *build ? build : "build", name);
    strata_loaded *l = NULL;
    strata_error err = {0};
    strata_conn *c;

    assert_non_null(path);
    if (strata__loader_load_file(&l, path, &err) != STRATA_OK)
        fail_msg("%s (run 'make all' first)", err.msg);
    assert_non_null(l->drv.is_session_setting);
    c = calloc(1, l->drv.conn_size); /* never connected: text only */
    assert_non_null(c);
    c->host = strata__host();
    for (size_t i = 0; i < n; i++) {
        int out = -1;

        assert_int_equal(l->drv.is_session_setting(c, v[i].sql, &out),
                         STRATA_OK);
        if (out != v[i].setting)
            fail_msg("%s: '%s' is%s a session setting", name, v[i].sql,
                     v[i].setting ? "" : " not");
    }
    free(c);
    strata__loaded_free(l);
    free(path);
}

#define CHECK(name, table) check(name, table, sizeof table / sizeof table[0])

static void test_session_setting__postgres(void **state)
{
    static const verdict v[] = {
        {"SET statement_timeout = '5s'", 1},
        {"set search_path to app, public", 1},
        {"SET LOCAL lock_timeout = 0", 1},
        {"SET TIME ZONE 'UTC'", 1},
        {"SET SESSION AUTHORIZATION DEFAULT", 1},
        {"SET ROLE app", 1},
        {"RESET ALL", 1},
        {"/* c */ SET x.y = 'a\"stmt\":{' -- c", 1},
        {"CREATE TABLE pwned (x int)", 0},
        {"SET a = 1; CREATE TABLE pwned (x int)", 0},
        {"SELECT set_config('a', 'b', false)", 0},
        {"SET CONSTRAINTS ALL DEFERRED", 0},
        {"SET x = ", 0},
        {"", 0},
        {"DO $$ BEGIN CREATE TABLE t (); END $$", 0},
    };

    (void)state;
    CHECK("postgres", v);
}

static void test_session_setting__mysql(void **state)
{
    static const verdict v[] = {
        {"SET SESSION sql_mode = 'STRICT_ALL_TABLES'", 1},
        {"SET @@session.lock_wait_timeout = 5", 1},
        {"set innodb_lock_wait_timeout=5, @a := -1", 1},
        {"SET NAMES utf8mb4 COLLATE utf8mb4_bin", 1},
        {"SET TRANSACTION ISOLATION LEVEL READ COMMITTED", 1},
        {"SET x = DEFAULT", 1},
        {"# c\nSET /* c */ @a = 'it''s' -- c", 1},
        {"CREATE TABLE pwned (x int)", 0},
        {"SET @a = (SELECT 1)", 0},
        {"SET @a = f()", 0},
        {"SET @a = 1 /*!, @b = f() */", 0},
        {"SET @a = 1 /*M!, @b = f() */", 0},
        /* '\'' ends after one quote where backslashes escape (the
         * default), after three where they do not: never certain. */
        {"SET @a = '\\'', @b = f() -- '", 0},
        {"SET @a = 'x\\', @b = f() -- '", 0},
        {"SET GLOBAL sql_mode = ''", 0},
        {"SET @@global.sql_mode = ''", 0},
        {"SET PERSIST max_connections = 10", 0},
        {"SET PASSWORD = 'x'", 0},
        {"SET DEFAULT ROLE ALL TO u", 0},
        {"SET STATEMENT max_statement_time = 1 FOR DELETE FROM t", 0},
        {"SET @a = 1; DROP TABLE t", 0},
        {"SET @a = 1 /* unterminated", 0},
        {"SELECT 1", 0},
    };

    (void)state;
    CHECK("mysql", v);
}

static void test_session_setting__sqlite(void **state)
{
    static const verdict v[] = {
        {"PRAGMA foreign_keys = ON", 1},
        {"pragma main.cache_size = -2000", 1},
        {"PRAGMA busy_timeout(5000)", 1},
        {"PRAGMA synchronous = 'NORMAL'", 1},
        {"-- c\nPRAGMA /* c */ temp_store = memory", 1},
        {"PRAGMA foreign_keys", 1},
        {"PRAGMA user_version = 5", 0},
        {"PRAGMA journal_mode = WAL", 0},
        {"PRAGMA main.application_id = 1", 0},
        {"PRAGMA writable_schema = 1", 0},
        {"PRAGMA optimize", 0},
        {"PRAGMA wal_checkpoint(TRUNCATE)", 0},
        {"PRAGMA foreign_keys = ON; CREATE TABLE t (x)", 0},
        {"PRAGMA cache_size = (SELECT 1)", 0},
        {"PRAGMA cache_size = 1 2", 0},
        {"PRAGMA busy_timeout(5000", 0},
        {"CREATE TABLE pwned (x int)", 0},
        {"PRAGMA", 0},
    };

    (void)state;
    CHECK("sqlite", v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_setting__postgres),
        cmocka_unit_test(test_session_setting__mysql),
        cmocka_unit_test(test_session_setting__sqlite),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
