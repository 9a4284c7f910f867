/* test_lint.c - the lint engine without a database: suppression comments,
 * the standard-SQL reading of raw statements, the simulated tables over
 * a chain (what existed before each migration), findings merged across
 * dialects, the PostgreSQL driver's grammar rules (libpg_query), and a
 * fixture for every rule in the registry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain/chain.h"
#include "util/config.h"
#include "db/host.h"
#include "plan/lint.h"

/* ---- suppressions ------------------------------------------------------- */

/* The suppressions of the statement that starts at the first "stmt"
 * marker: text has it as the string "STMT" where the statement starts
 * and ";" where it ends. */
static strata_allow_list allows_of(const char *text)
{
    strata_allow_list l;
    const char *s = strstr(text, "STMT"), *e = strchr(s, ';');

    assert_int_equal(strata__lint_allows(&l, text, strlen(text),
                                         (size_t)(s - text),
                                         (size_t)(e - s)),
                     STRATA_OK);
    return l;
}

static void test_lint__allow_above(void **state)
{
    strata_allow_list l = allows_of("-- +up\n"
                                    "-- strata:allow drop-table old data\n"
                                    "-- more words\n"
                                    "STMT DROP TABLE t;\n");

    (void)state;
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].rule, "drop-table");
    assert_true(l.items[0].has_reason);
    assert_int_equal(l.items[0].line, 2);
    assert_true(strata__lint_allowed(&l, "drop-table"));
    assert_false(strata__lint_allowed(&l, "drop-column"));
    strata__lint_allows_free(&l);
}

static void test_lint__allow_detached(void **state)
{
    /* A blank line, a statement or a directive in between: not his. */
    strata_allow_list l = allows_of("-- strata:allow drop-table x\n"
                                    "\n"
                                    "STMT DROP TABLE t;\n");

    (void)state;
    assert_int_equal(l.count, 0);
    strata__lint_allows_free(&l);
    l = allows_of("-- strata:allow drop-table x\n"
                  "SELECT 1; STMT DROP TABLE t;\n");
    assert_int_equal(l.count, 0);
    strata__lint_allows_free(&l);
    l = allows_of("-- strata:allow drop-table x\n"
                  "-- +up\n"
                  "STMT DROP TABLE t;\n");
    assert_int_equal(l.count, 0);
    strata__lint_allows_free(&l);
}

static void test_lint__allow_inside_and_after(void **state)
{
    strata_allow_list l =
        allows_of("STMT ALTER TABLE t -- strata:allow drop-column,"
                  "rename-column moved\n"
                  "    DROP COLUMN c; -- strata:allow drop-table\n"
                  "-- strata:allow alter-column-type not this one\n");

    (void)state;
    assert_int_equal(l.count, 3);
    assert_true(strata__lint_allowed(&l, "drop-column"));
    assert_true(strata__lint_allowed(&l, "rename-column"));
    assert_true(l.items[0].has_reason);
    assert_true(strata__lint_allowed(&l, "drop-table"));
    assert_false(l.items[2].has_reason);
    assert_int_equal(l.items[2].line, 2);
    assert_false(strata__lint_allowed(&l, "alter-column-type"));
    strata__lint_allows_free(&l);
}

static void test_lint__allows_all(void **state)
{
    const char *text = "-- +up\n"
                       "-- strata:allow\n"
                       "SELECT '-- strata:allow in a string';\n"
                       "-- STRATA:ALLOW Drop-Table why\n";
    strata_allow_list l;

    (void)state;
    assert_int_equal(strata__lint_allows_all(&l, text, strlen(text)),
                     STRATA_OK);
    /* Naive about strings: a false suppression there costs nothing. */
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].rule, "");
    assert_false(l.items[0].has_reason);
    assert_string_equal(l.items[2].rule, "Drop-Table");
    assert_true(strata__lint_allowed(&l, "drop-table"));
    strata__lint_allows_free(&l);
}

/* ---- raw statements ----------------------------------------------------- */

static const char *rules_of(const strata_raw_lint *r, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < r->hits.count; i++) {
        strncat(buf, r->hits.items[i].rule, n - strlen(buf) - 1);
        strncat(buf, " ", n - strlen(buf) - 1);
    }
    return buf;
}

static void raw(const char *sql, uint32_t flags, const char *want)
{
    strata_raw_lint r;
    char buf[512];

    assert_int_equal(strata__lint_raw(&r, sql), STRATA_OK);
    assert_int_equal(r.hits.flags, flags);
    assert_string_equal(rules_of(&r, buf, sizeof buf), want);
    strata__lint_raw_free(&r);
}

static void test_lint__raw_rules(void **state)
{
    (void)state;
    raw("INSERT INTO t VALUES (1)", STRATA_LINT_DML, "");
    raw("WITH x AS (SELECT 1) DELETE FROM t", STRATA_LINT_DML, "");
    raw("SELECT 1", 0, "");
    raw("PRAGMA foreign_keys = ON", 0, "");
    raw("CREATE TRIGGER g AFTER INSERT ON t BEGIN DELETE FROM u; END",
        STRATA_LINT_DDL, "");
    raw("DROP TABLE IF EXISTS a, s.b CASCADE", STRATA_LINT_DDL,
        "drop-table drop-table ");
    raw("ALTER TABLE t DROP COLUMN c, DROP CONSTRAINT k, DROP INDEX i, "
        "DROP c2",
        STRATA_LINT_DDL, "drop-column drop-column ");
    raw("ALTER TABLE ONLY t RENAME COLUMN a TO b", STRATA_LINT_DDL,
        "rename-column ");
    raw("ALTER TABLE t RENAME a TO b", STRATA_LINT_DDL, "rename-column ");
    raw("ALTER TABLE t RENAME INDEX a TO b", STRATA_LINT_DDL, "");
    raw("ALTER TABLE t RENAME TO u", STRATA_LINT_DDL, "rename-table ");
    raw("RENAME TABLE a TO b, c TO d", STRATA_LINT_DDL,
        "rename-table rename-table ");
    raw("ALTER TABLE t ALTER COLUMN a SET DATA TYPE bigint", STRATA_LINT_DDL,
        "alter-column-type ");
    raw("ALTER TABLE t ALTER COLUMN a SET DEFAULT 1", STRATA_LINT_DDL, "");
    raw("ALTER TABLE `t` MODIFY `a` bigint, CHANGE b c int, CHANGE d d int",
        STRATA_LINT_DDL,
        "alter-column-type alter-column-type rename-column "
        "alter-column-type ");
    raw("ALTER TABLE t ADD COLUMN c int NOT NULL, ADD d int NOT NULL "
        "DEFAULT 0, ADD e int CHECK (e IS NOT NULL), ADD f serial NOT NULL,"
        " ADD INDEX i (c), ALGORITHM=INSTANT",
        STRATA_LINT_DDL, "add-column-not-null ");
    raw("ALTER TABLE t ADD (c int NOT NULL)", STRATA_LINT_DDL, "");
    /* Text the standard lexer cannot read says nothing. */
    raw("INSERT INTO t VALUES ('unterminated", 0, "");
}

static void test_lint__raw_effects(void **state)
{
    strata_raw_lint r;

    (void)state;
    assert_int_equal(strata__lint_raw(&r, "CREATE TABLE IF NOT EXISTS "
                                          "\"s\".\"Big\" (a int)"),
                     STRATA_OK);
    assert_int_equal(r.neffects, 1);
    assert_int_equal(r.effects[0].kind, STRATA_EFFECT_CREATE);
    assert_string_equal(r.effects[0].name, "Big");
    assert_true(r.effects[0].if_not_exists);
    strata__lint_raw_free(&r);
    assert_int_equal(strata__lint_raw(&r, "CREATE TEMP TABLE x (a int)"),
                     STRATA_OK);
    assert_int_equal(r.neffects, 0);
    strata__lint_raw_free(&r);
    assert_int_equal(strata__lint_raw(&r, "RENAME TABLE `a``b` TO c"),
                     STRATA_OK);
    assert_int_equal(r.neffects, 1);
    assert_int_equal(r.effects[0].kind, STRATA_EFFECT_RENAME);
    assert_string_equal(r.effects[0].name, "a`b");
    assert_string_equal(r.effects[0].new_name, "c");
    strata__lint_raw_free(&r);
    assert_int_equal(strata__lint_raw(&r, "DROP TABLE a, b"), STRATA_OK);
    assert_int_equal(r.neffects, 2);
    assert_int_equal(r.effects[1].kind, STRATA_EFFECT_DROP);
    assert_string_equal(r.effects[1].name, "b");
    /* existing_table: the core drops the hit for a table just made */
    assert_true(r.hits.items[0].existing_table);
    assert_string_equal(r.hits.items[0].table, "a");
    strata__lint_raw_free(&r);
}

/* ---- the engine over a chain -------------------------------------------- */

static char dir[64];

static void put(const char *name, const char *text)
{
    char path[128];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void lint_dir(strata_lint_report *rep, char *const *dialects,
                     size_t n, size_t ntargets)
{
    strata_chain c;
    strata_error err = {0};
    strata_lint_opts o = {.dialects = dialects, .ndialects = n,
                          .ntargets = ntargets};
    int rc;

    /* Dialects without drivers: the core's rules alone. */
    rc = strata__chain_load(&c, dir, 1 << 20, dialects, n, NULL, NULL, &err);
    if (rc != STRATA_OK)
        fail_msg("chain: %s", err.msg);
    rc = strata__lint_chain(rep, &c, &o, &err);
    if (rc != STRATA_OK)
        fail_msg("lint: %s", err.msg);
    /* Findings borrow revisions: keep what the test reads as text. */
    for (size_t i = 0; i < rep->count; i++) {
        char *m = strata__sprintf("%s:%u:%s", rep->items[i].rev->id,
                                  rep->items[i].line, rep->items[i].rule);
        free(rep->items[i].message);
        rep->items[i].message = m;
        rep->items[i].rev = NULL;
    }
    strata__chain_free(&c);
}

static int has(const strata_lint_report *rep, const char *what)
{
    for (size_t i = 0; i < rep->count; i++)
        if (strcmp(rep->items[i].message, what) == 0)
            return 1;
    return 0;
}

static void test_lint__existing_tables(void **state)
{
    char *d[] = {(char *)"sqlite"};
    strata_lint_report rep;

    (void)state;
    put("1.sql", "-- revision: r1\n-- +up\n"
                 "CREATE TABLE old (id integer, a integer);\n");
    put("2.sql",
        "-- revision: r2\n-- revises: r1\n-- +up\n"
        /* 4: CREATE TABLE IF NOT EXISTS of an old table creates nothing */
        "CREATE TABLE IF NOT EXISTS old (id integer);\n"
        "ALTER TABLE old DROP COLUMN a;\n"                  /* 5: hit */
        "CREATE TABLE fresh (id integer, b integer);\n"
        "ALTER TABLE fresh DROP COLUMN b;\n"                /* 7: new */
        "ALTER TABLE fresh RENAME TO fresher;\n"            /* 8: new */
        "ALTER TABLE fresher ADD COLUMN c integer NOT NULL;\n" /* 9 */
        "CREATE TABLE raw_t (id integer) WITHOUT ROWID;\n"  /* raw */
        "ALTER TABLE raw_t RENAME COLUMN id TO ident;\n"   /* 11: new */
        "ALTER TABLE elsewhere DROP COLUMN z;\n"            /* 12: hit */
        "DROP TABLE old;\n"                                 /* 13: hit */
        "CREATE TABLE old (id integer);\n"
        "DROP TABLE old;\n");                               /* 15: new */
    lint_dir(&rep, d, 1, 1);
    assert_true(has(&rep, "r2:5:drop-column"));
    assert_true(has(&rep, "r2:12:drop-column"));
    assert_true(has(&rep, "r2:13:drop-table"));
    assert_int_equal(rep.count, 3);
    assert_int_equal(rep.errors, 3);
    strata__lint_report_free(&rep);
}

static void test_lint__merge_and_generic(void **state)
{
    char *d[] = {(char *)"x1", (char *)"x2"};
    strata_lint_report rep;

    (void)state;
    put("1.sql", "-- revision: r1\n-- +up\n"
                 "CREATE TABLE t (id integer, a integer);\n"
                 "-- +up x1\n"
                 "INSERT INTO t VALUES (1, 2);\n");
    put("2.sql", "-- revision: r2\n-- revises: r1\n-- +up\n"
                 "ALTER TABLE t DROP COLUMN a;\n"
                 "INSERT INTO t VALUES (1);\n"
                 "-- +down\n"
                 "-- strata:allow raw-sql-generic-section no way back\n"
                 "DELETE FROM t;\n"
                 "-- +up x2\n"
                 "ALTER TABLE t RENAME COLUMN id TO ident;\n");
    lint_dir(&rep, d, 2, 2);
    /* One finding for both dialects; the x2 one for x2 only. */
    assert_true(has(&rep, "r2:4:drop-column"));
    assert_true(has(&rep, "r2:5:raw-sql-generic-section"));
    assert_true(has(&rep, "r2:10:rename-column"));
    assert_int_equal(rep.count, 3);
    for (size_t i = 0; i < rep.count; i++) {
        if (strcmp(rep.items[i].message, "r2:4:drop-column") == 0)
            assert_int_equal(rep.items[i].dialects, 3);
        if (strcmp(rep.items[i].message, "r2:10:rename-column") == 0)
            assert_int_equal(rep.items[i].dialects, 2);
    }
    assert_int_equal(rep.errors, 2);
    assert_int_equal(rep.warnings, 1);
    strata__lint_report_free(&rep);
}

static void test_lint__suppression_findings(void **state)
{
    char *d[] = {(char *)"sqlite"};
    strata_lint_report rep;

    (void)state;
    put("1.sql", "-- revision: r1\n-- +up\n"
                 "CREATE TABLE t (id integer, a integer, b integer);\n");
    put("2.sql", "-- revision: r2\n-- revises: r1\n-- +up\n"
                 "-- strata:allow drop-column\n"
                 "ALTER TABLE t DROP COLUMN a;\n"
                 "-- strata:allow drop-colum typo\n"
                 "ALTER TABLE t DROP COLUMN b;\n"
                 "-- strata:allow sqlite-own-rule a driver's rule\n"
                 "SELECT 1;\n");
    lint_dir(&rep, d, 1, 1);
    assert_true(has(&rep, "r2:4:suppression-without-reason"));
    assert_true(has(&rep, "r2:6:suppression-unknown-rule"));
    assert_true(has(&rep, "r2:7:drop-column"));
    assert_int_equal(rep.count, 3);
    assert_int_equal(rep.errors, 1);
    strata__lint_report_free(&rep);
}

/* ---- the PostgreSQL driver's rules -------------------------------------- */

static void *so;
static const strata_driver *pg;

/* A scratch migrations directory, and the PostgreSQL driver when it is
 * built (its cases are skipped otherwise). */
static int group_setup(void **state)
{
    const char *build = getenv("STRATA_BUILD");
    strata_driver_init_fn init;
    void *sym;
    char path[4096];

    (void)state;
    snprintf(dir, sizeof dir, "/tmp/strata-test-lint.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/drivers/strata_postgres.so",
             build ? build : "build");
    if (!(so = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
        return 0;
    if (!(sym = dlsym(so, STRATA_DRIVER_INIT_SYMBOL)))
        return -1;
    /* POSIX lets a data pointer from dlsym become a function pointer;
     * memcpy says so without a cast ISO C frowns on. */
    memcpy(&init, &sym, sizeof init);
    pg = init(strata__host());
    return pg ? 0 : -1;
}

static int group_teardown(void **state)
{
    char cmd[128];

    (void)state;
    /* The driver stays loaded, as in strata itself: libpg_query keeps
     * its memory context for the life of the thread, and unloading the
     * library would orphan it. */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void pg_case(const char *sql, uint32_t flags, const char *want)
{
    strata_conn *c;
    strata_lint_list l = {0};
    char buf[512] = "";

    if (!pg) {
        skip();
        return;
    }
    assert_non_null(pg->lint);
    c = calloc(1, pg->conn_size);
    c->host = strata__host();
    assert_int_equal(pg->lint(c, sql, &l), STRATA_OK);
    for (size_t i = 0; i < l.count; i++) {
        strncat(buf, l.items[i].rule, sizeof buf - strlen(buf) - 1);
        strncat(buf, l.items[i].error ? "! " : "? ",
                sizeof buf - strlen(buf) - 1);
        assert_non_null(l.items[i].message);
    }
    assert_string_equal(buf, want);
    assert_int_equal(l.flags, flags);
    strata__lint_list_free(&l);
    pg->disconnect(c);
    free(c);
}

static void test_lint__pg_rules(void **state)
{
    const uint32_t ddl = STRATA_LINT_DDL;

    (void)state;
    pg_case("CREATE INDEX i ON public.t (a)", ddl, "index-not-online! ");
    pg_case("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", ddl, "");
    pg_case("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0)", ddl,
            "pg-check-without-not-valid! ");
    pg_case("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID", ddl,
            "");
    pg_case("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u", ddl,
            "pg-fk-without-not-valid! ");
    pg_case("ALTER TABLE t ADD PRIMARY KEY (a), ADD UNIQUE USING INDEX i",
            ddl, "pg-unique-constraint! ");
    pg_case("ALTER TABLE t ADD COLUMN a int NOT NULL, ADD b bigserial, "
            "ADD c int NOT NULL DEFAULT 1, ADD d int GENERATED ALWAYS AS "
            "IDENTITY, ADD e int UNIQUE",
            ddl, "add-column-not-null! pg-unique-constraint! ");
    pg_case("ALTER TABLE t ALTER a TYPE bigint, DROP COLUMN b", ddl,
            "alter-column-type! drop-column! ");
    pg_case("ALTER TABLE t RENAME a TO b", ddl, "rename-column! ");
    pg_case("ALTER TABLE t RENAME TO u", ddl, "rename-table! ");
    pg_case("ALTER INDEX i RENAME TO j", ddl, "");
    pg_case("DROP TABLE a, b", ddl, "drop-table! drop-table! ");
    pg_case("DROP INDEX CONCURRENTLY i", ddl, "");
    pg_case("UPDATE t SET a = 1", STRATA_LINT_DML, "");
    pg_case("COPY t FROM STDIN", STRATA_LINT_DML, "");
    pg_case("SELECT 1", 0, "");
    pg_case("DO $$BEGIN PERFORM 1; END$$", 0, "");
    pg_case("SELEC 1", 0, "pg-syntax-error? ");
    /* JSON escapes in the tree: \", \n, \u0001, raw UTF-8. */
    pg_case("INSERT INTO \"\xc3\xa9\"\"t\" VALUES (E'a\\nb\\u0001')",
            STRATA_LINT_DML, "");
    pg_case("ALTER TABLE \"\xc3\xa9\"\"t\" DROP COLUMN \"a\"\"b\"", ddl,
            "drop-column! ");
}

static void test_lint__pg_hit_fields(void **state)
{
    strata_conn *c;
    strata_lint_list l = {0};

    (void)state;
    if (!pg) {
        skip();
        return;
    }
    c = calloc(1, pg->conn_size);
    c->host = strata__host();
    assert_int_equal(pg->lint(c, "ALTER TABLE s.\"T\" DROP COLUMN x", &l),
                     STRATA_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].table, "T");
    assert_true(l.items[0].existing_table);
    assert_non_null(strstr(l.items[0].message, "\"x\""));
    strata__lint_list_free(&l);
    /* Names come back decoded from the tree's JSON strings. */
    assert_int_equal(pg->lint(c, "DROP TABLE \"\xc3\xa9\"\"t\"", &l),
                     STRATA_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].table, "\xc3\xa9\"t");
    strata__lint_list_free(&l);
    pg->disconnect(c);
    free(c);
}

/* ---- every rule has its fixtures ---------------------------------------- */

static void has_fixtures(const char *id)
{
    const char *kinds[] = {"trigger/expect", "clean/strata.ini"};

    for (size_t k = 0; k < 2; k++) {
        char path[256];
        struct stat st;

        snprintf(path, sizeof path, "tests/data/lint/%s/%s", id, kinds[k]);
        if (stat(path, &st) != 0)
            fail_msg("rule %s has no fixture %s", id, path);
    }
}

static void test_lint__every_rule_has_fixtures(void **state)
{
    size_t n;
    const strata_lint_rule *r = strata__lint_rules(&n);

    (void)state;
    assert_true(n >= 12);
    for (size_t i = 0; i < n; i++) {
        has_fixtures(r[i].id);
        assert_ptr_equal(strata__lint_rule(r[i].id), &r[i]);
    }
    assert_null(strata__lint_rule("no-such-rule"));
    /* A dialect's own rules are its driver's, not the core's. */
    assert_null(strata__lint_rule("pg-syntax-error"));
    if (!pg)
        return;
    n = 0;
    for (const strata_driver_rule *d = pg->lint_rules; d && d->id; d++) {
        has_fixtures(d->id);
        assert_null(strata__lint_rule(d->id));
        assert_ptr_equal(strata__lint_driver_rule(pg, d->id), d);
        n++;
    }
    assert_true(n >= 4);
    assert_null(strata__lint_driver_rule(pg, "drop-table"));
    assert_null(strata__lint_driver_rule(NULL, "pg-syntax-error"));
}

/* The drivers' directory of the build, as a search path of its own. */
static void build_drivers(strata_driver_path *p, char **one)
{
    const char *build = getenv("STRATA_BUILD");

    *one = strata__sprintf("%s/drivers", build ? build : "build");
    assert_non_null(*one);
    p->dirs = one;
    p->ndirs = 1;
}

/* The whole list: the core's rules, then each installed driver's, with
 * the driver's name as their dialect, each id once. */
static void test_lint__rule_list(void **state)
{
    strata_driver_path p;
    strata_lint_rule *v;
    strata_error err = {0};
    size_t n, ncore, npg = 0;
    char *one;

    (void)state;
    strata__lint_rules(&ncore);
    assert_int_equal(strata__lint_rule_list(&v, &n, NULL, &err), STRATA_OK);
    assert_int_equal(n, ncore);
    free(v);
    if (!pg) {
        skip();
        return;
    }
    build_drivers(&p, &one);
    assert_int_equal(strata__lint_rule_list(&v, &n, &p, &err), STRATA_OK);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(v[i].id, v[j].id);
        if (i < ncore)
            assert_ptr_equal(strata__lint_rule(v[i].id)->summary,
                             v[i].summary);
        if (strncmp(v[i].id, "pg-", 3) == 0) {
            assert_true(i >= ncore);
            assert_string_equal(v[i].where, "postgres");
            npg++;
        }
    }
    assert_true(npg >= 4);
    free(v);
    free(one);
}

/* A suppression may name any installed driver's rule, even in a chain
 * linted for another dialect. */
static void test_lint__driver_rule_suppressions(void **state)
{
    char *d[] = {(char *)"sqlite"};
    strata_lint_opts o = {.dialects = d, .ndialects = 1, .ntargets = 1};
    strata_driver_path p;
    strata_lint_report rep;
    strata_error err = {0};
    strata_chain c;
    char *one;

    (void)state;
    if (!pg) {
        skip();
        return;
    }
    put("1.sql", "-- revision: r1\n-- +up\n"
                 "-- strata:allow pg-syntax-error not for PostgreSQL\n"
                 "SELECT 1;\n"
                 "-- strata:allow pg-no-such-rule a typo\n"
                 "SELECT 2;\n");
    put("2.sql", "-- revision: r2\n-- revises: r1\n-- +up\n"
                 "-- strata:allow sqlite-own-rule a driver's rule\n"
                 "SELECT 3;\n");
    build_drivers(&p, &one);
    assert_int_equal(strata__chain_load(&c, dir, 1 << 20, d, 1, &p, NULL,
                                        &err),
                     STRATA_OK);
    assert_int_equal(strata__lint_chain(&rep, &c, &o, &err), STRATA_OK);
    /* pg-syntax-error is the PostgreSQL driver's, pg-no-such-rule is
     * not; sqlite's driver declares no rules, so its prefix stands in. */
    assert_int_equal(rep.count, 1);
    assert_string_equal(rep.items[0].rule, "suppression-unknown-rule");
    assert_int_equal(rep.items[0].line, 5);
    strata__lint_report_free(&rep);
    strata__chain_free(&c);
    free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lint__allow_above),
        cmocka_unit_test(test_lint__allow_detached),
        cmocka_unit_test(test_lint__allow_inside_and_after),
        cmocka_unit_test(test_lint__allows_all),
        cmocka_unit_test(test_lint__raw_rules),
        cmocka_unit_test(test_lint__raw_effects),
        cmocka_unit_test(test_lint__existing_tables),
        cmocka_unit_test(test_lint__merge_and_generic),
        cmocka_unit_test(test_lint__suppression_findings),
        cmocka_unit_test(test_lint__pg_rules),
        cmocka_unit_test(test_lint__pg_hit_fields),
        cmocka_unit_test(test_lint__every_rule_has_fixtures),
        cmocka_unit_test(test_lint__rule_list),
        cmocka_unit_test(test_lint__driver_rule_suppressions),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
