/* test_ident.c - sql/ident.c: a dialect's identifier limit on what a
 * migration names: PostgreSQL's cut past 63 bytes (never inside a UTF-8
 * letter, derived names made from the cut names), MySQL's refusal past
 * 64 characters, none for SQLite, and the words of raw statements. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/ident.h"
#include "sql/op.h"
#include "sql/parser.h"

#define PG STRATA_IDENT_TRUNCATE
#define MY STRATA_IDENT_CHARS

static strata_op *parse(const char *sql)
{
    strata_op *op = NULL;
    strata_error err = {0};

    assert_int_equal(strata__parse_op(&op, "m.sql", sql, 1, 1, &err),
                     STRATA_OK);
    assert_non_null(op);
    return op;
}

/* n copies of c, then tail. */
static const char *rep(char *buf, size_t n, char c, const char *tail)
{
    memset(buf, c, n);
    strcpy(buf + n, tail);
    return buf;
}

static void test_ident__postgres_cuts(void **state)
{
    char long_fk[80], sql[400], want[300];
    char *note = NULL;
    strata_op *op;

    (void)state;
    /* the name: 64 bytes, cut to 63 as the server does */
    rep(long_fk, 62, 'f', "_k");
    snprintf(sql, sizeof sql,
             "CREATE TABLE codes (id int PRIMARY KEY, flow_id int, "
             "CONSTRAINT %s FOREIGN KEY (flow_id) REFERENCES flows (id))",
             long_fk);
    op = parse(sql);
    assert_int_equal(strata__ident_apply(op, "postgres", 63, PG, 0, &note),
                     STRATA_OK);
    assert_int_equal(strlen(op->constraints[1].name), 63);
    assert_memory_equal(op->constraints[1].name, long_fk, 63);
    assert_string_equal(op->constraints[0].name, "codes_pkey");
    snprintf(want, sizeof want,
             "name \"%s\" is 64 bytes: postgres cuts names past 63 bytes, "
             "to \"%.63s\"",
             long_fk, long_fk);
    assert_string_equal(note, want);
    free(note);
    strata__op_free(op);

    /* a two-byte letter at bytes 63-64 goes whole; every slot is cut,
     * each name said once */
    rep(long_fk, 62, 'x', "\xc3\xa9tail");
    snprintf(sql, sizeof sql, "CREATE INDEX \"%s\" ON \"%s\" (\"%s\")",
             long_fk, long_fk, long_fk);
    op = parse(sql);
    assert_int_equal(strata__ident_apply(op, "postgres", 63, PG, 0, &note),
                     STRATA_OK);
    assert_int_equal(strlen(op->index->name), 62);
    assert_int_equal(strlen(op->table), 62);
    assert_int_equal(strlen(op->index->keys[0].column), 62);
    assert_non_null(note);
    assert_null(strstr(strstr(note, "is 68 bytes") + 1, "is 68 bytes"));
    free(note);
    strata__op_free(op);

    /* unnamed constraints are named from the cut names, as the server
     * names them */
    rep(long_fk, 70, 't', "");
    snprintf(sql, sizeof sql, "CREATE TABLE %s (a int UNIQUE)", long_fk);
    op = parse(sql);
    assert_int_equal(strata__ident_apply(op, "postgres", 63, PG, 0, &note),
                     STRATA_OK);
    snprintf(want, sizeof want, "%.57s_a_key", long_fk);
    assert_string_equal(op->constraints[0].name, want);
    free(note);
    strata__op_free(op);
}

static void test_ident__mysql_refuses(void **state)
{
    char name[200], sql[400];
    char *note = NULL;
    strata_op *op;

    (void)state;
    /* 64 letters of two bytes each: 128 bytes, 64 characters, fits */
    name[0] = '\0';
    for (int i = 0; i < 64; i++)
        strcat(name, "\xc3\xa9");
    snprintf(sql, sizeof sql, "ALTER TABLE t ADD COLUMN \"%s\" int", name);
    op = parse(sql);
    assert_int_equal(strata__ident_apply(op, "mysql", 64, MY, 0, &note),
                     STRATA_OK);
    assert_null(note);
    strata__op_free(op);
    /* 65 characters: refused, and left as written */
    strcat(name, "x");
    snprintf(sql, sizeof sql, "ALTER TABLE t ADD COLUMN \"%s\" int", name);
    op = parse(sql);
    assert_int_equal(strata__ident_apply(op, "mysql", 64, MY, 0, &note),
                     STRATA_OK);
    assert_non_null(note);
    assert_non_null(strstr(note, "is 65 characters: mysql refuses names "
                                 "past 64 characters"));
    assert_string_equal(op->columns[0].name, name);
    free(note);
    strata__op_free(op);
}

static void test_ident__no_limit(void **state)
{
    char name[300], sql[400];
    char *note = (char *)1;
    strata_op *op;

    (void)state;
    snprintf(sql, sizeof sql, "DROP TABLE %s", rep(name, 250, 'n', ""));
    op = parse(sql);
    assert_int_equal(strata__ident_apply(op, "sqlite", 0, 0, 0, &note),
                     STRATA_OK);
    assert_null(note);
    assert_string_equal(op->table, name);
    strata__op_free(op);
}

/* Firebird 3 keeps 31 bytes: derived names are cut to fit it. */
static void test_ident__short_limit(void **state)
{
    char *note = NULL;
    strata_op *op = parse("CREATE TABLE abcdefghij_klmnopqrst_uvwxyz "
                          "(a int PRIMARY KEY)");

    (void)state;
    assert_int_equal(strata__ident_apply(op, "firebird", 31, 0, 0, &note),
                     STRATA_OK);
    assert_null(note);
    assert_string_equal(op->constraints[0].name,
                        "abcdefghij_klmnopqrst_uvwx_pkey");
    strata__op_free(op);
}

static void test_ident__raw(void **state)
{
    char name[80], sql[300];
    char *note = NULL;

    (void)state;
    rep(name, 70, 'r', "");
    /* a long word or backquoted name; strings and "quoted" text (a
     * string in MySQL) are not judged */
    snprintf(sql, sizeof sql, "CREATE TABLE `%s` (a int COMMENT '%s')",
             name, name);
    assert_int_equal(strata__ident_scan(sql, "mysql", 64, MY, &note),
                     STRATA_OK);
    assert_non_null(note);
    assert_non_null(strstr(note, "is 70 characters"));
    free(note);
    snprintf(sql, sizeof sql, "SELECT '%s', \"%s\"", name, name);
    assert_int_equal(strata__ident_scan(sql, "postgres", 63, PG, &note),
                     STRATA_OK);
    assert_null(note);
    snprintf(sql, sizeof sql, "CREATE VIEW %s AS SELECT 1", name);
    assert_int_equal(strata__ident_scan(sql, "postgres", 63, PG, &note),
                     STRATA_OK);
    assert_non_null(note);
    assert_non_null(strstr(note, "postgres cuts names past 63 bytes"));
    free(note);
    assert_int_equal(strata__ident_scan(sql, "sqlite", 0, 0, &note),
                     STRATA_OK);
    assert_null(note);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ident__postgres_cuts),
        cmocka_unit_test(test_ident__mysql_refuses),
        cmocka_unit_test(test_ident__no_limit),
        cmocka_unit_test(test_ident__short_limit),
        cmocka_unit_test(test_ident__raw),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
