/* test_checksum.c - the "v1:" checksum of a migration: blind to comments,
 * layout, line endings and the message; sensitive to what runs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain/checksum.h"
#include "db/host.h"
#include "chain/lexer.h"
#include "chain/migration.h"

/* What the split callback saw, one entry per section. */
typedef struct calls {
    const strata_section *sec[16];
    const char *dialect[16];
    size_t n;
} calls;

/* Standard SQL rules for every section, as strata__chain_split does
 * when no driver is installed. */
static int lexer_cb(void *payload, const char *dialect,
                    const strata_revision *r, const strata_section *sec,
                    strata_stmt_list *out, strata_error *err)
{
    calls *c = payload;

    if (c && c->n < 16) {
        c->sec[c->n] = sec;
        c->dialect[c->n] = dialect;
        c->n++;
    }
    return strata__lexer_split(r->text + sec->offset, sec->len, out, err);
}

static strata_revision *parse(const char *text)
{
    strata_revision *r = NULL;
    strata_error err = {0};

    if (strata__migration_parse(&r, "t.sql", text, strlen(text), &err) !=
        STRATA_OK)
        fail_msg("parse: %s", err.msg ? err.msg : "?");
    return r;
}

/* The checksum of text, into out. */
static void sum(const char *text, char out[STRATA_CHECKSUM_SIZE])
{
    strata_revision *r = parse(text);
    strata_error err = {0};
    int rc;

    memset(out, 'Z', STRATA_CHECKSUM_SIZE);
    rc = strata__checksum(out, r, lexer_cb, NULL, &err);
    if (rc != STRATA_OK)
        fail_msg("checksum: %s", err.msg ? err.msg : "?");
    assert_null(err.msg);
    strata__migration_free(r);
}

static void same(const char *a, const char *b)
{
    char x[STRATA_CHECKSUM_SIZE], y[STRATA_CHECKSUM_SIZE];

    sum(a, x);
    sum(b, y);
    if (strcmp(x, y) != 0)
        fail_msg("checksums differ (%s vs %s) for\n%s\n---- and\n%s", x, y,
                 a, b);
}

static void differ(const char *a, const char *b)
{
    char x[STRATA_CHECKSUM_SIZE], y[STRATA_CHECKSUM_SIZE];

    sum(a, x);
    sum(b, y);
    if (strcmp(x, y) == 0)
        fail_msg("checksums equal (%s) for\n%s\n---- and\n%s", x, a, b);
}

/* "\n" -> "\r\n"; free the result. */
static char *crlf(const char *s)
{
    char *d = malloc(2 * strlen(s) + 1), *p = d;

    assert_non_null(d);
    for (; *s; s++) {
        if (*s == '\n')
            *p++ = '\r';
        *p++ = *s;
    }
    *p = '\0';
    return d;
}

/* The reference migration the variants below are compared with. */
static const char base[] =
    "-- revision: 003_orders\n"
    "-- revises: 001_a, 002_b\n"
    "-- message: orders table\n"
    "\n"
    "-- +up\n"
    "CREATE TABLE orders (id int PRIMARY KEY, note text DEFAULT 'a  b');\n"
    "CREATE INDEX orders_note ON orders (note);\n"
    "\n"
    "-- +up postgres, mysql\n"
    "ALTER TABLE orders ADD COLUMN x int;\n"
    "\n"
    "-- +down\n"
    "DROP TABLE orders;\n";

/* --- shape --------------------------------------------------------------- */

static void test_checksum__format(void **state)
{
    char out[STRATA_CHECKSUM_SIZE];

    (void)state;
    assert_int_equal(STRATA_CHECKSUM_SIZE, 68);
    sum(base, out);
    assert_int_equal(strlen(out), 67);
    assert_memory_equal(out, "v1:", 3);
    for (size_t i = 3; i < 67; i++)
        if (!strchr("0123456789abcdef", out[i]))
            fail_msg("'%c' at %zu of %s is not a lowercase hex digit",
                     out[i], i, out);
}

/* Pins the algorithm: a change to what is hashed, or how, changes this
 * value, and every applied migration would then read as edited.  Bump
 * the "v1:" prefix rather than update this constant.  The value is
 * SHA-256 over NUL-terminated fields: each header key but message and
 * its value; per section its kind ("+up"), its dialects and an empty
 * field, then each statement's norm (checked once by hand in Python). */
static void test_checksum__known_value(void **state)
{
    char out[STRATA_CHECKSUM_SIZE];

    (void)state;
    sum(base, out);
    assert_string_equal(out, "v1:be2cdd1dcde6b7d50fc72e45b2f69d1b"
                             "4764b1114661f3dec3424457a4d5e20c");
    sum("-- revision: a\n", out);
    assert_string_equal(out, "v1:020c06b2de4c0d676148b081b433ac3b"
                             "02baf0b967fcb0d562b838078f02af8c");
}

/* The split callback sees each section once, in file order, with NULL
 * for a generic section and the first dialect of a scoped one. */
static void test_checksum__split_calls(void **state)
{
    strata_revision *r = parse(base);
    strata_error err = {0};
    char out[STRATA_CHECKSUM_SIZE];
    calls c = {0};

    (void)state;
    assert_int_equal(strata__checksum(out, r, lexer_cb, &c, &err), STRATA_OK);
    assert_int_equal(c.n, 3);
    assert_ptr_equal(c.sec[0], &r->sections[0]);
    assert_null(c.dialect[0]);
    assert_ptr_equal(c.sec[1], &r->sections[1]);
    assert_non_null(c.dialect[1]);
    assert_string_equal(c.dialect[1], "postgres");
    assert_ptr_equal(c.sec[2], &r->sections[2]);
    assert_null(c.dialect[2]);
    strata__migration_free(r);
}

/* A splitter's error is the checksum's error. */
static void test_checksum__split_error(void **state)
{
    strata_revision *r =
        parse("-- revision: a\n-- +up\nSELECT 1;\nSELECT 'open;\n");
    strata_error err = {0};
    char out[STRATA_CHECKSUM_SIZE];

    (void)state;
    assert_int_equal(strata__checksum(out, r, lexer_cb, NULL, &err),
                     STRATA_ERR_PARSE);
    assert_int_equal(err.code, STRATA_ERR_PARSE);
    assert_string_equal(err.msg, "unterminated string literal");
    strata__error_clear(&err);
    strata__migration_free(r);
}

/* --- what does not count --------------------------------------------------- */

static void test_checksum__comments(void **state)
{
    (void)state;
    same(base,
         "-- A free comment in the header.\n"
         "-- revision: 003_orders\n"
         "/* a block comment\n   in the header */\n"
         "-- revises: 001_a, 002_b\n"
         "-- TODO: not a key\n"
         "-- message: orders table\n"
         "\n"
         "-- +up\n"
         "-- the table\n"
         "CREATE TABLE orders (id int PRIMARY KEY, /* why */ note text "
         "DEFAULT 'a  b'); -- trailing\n"
         "/* the index */\n"
         "CREATE INDEX orders_note ON orders (note) -- before ;\n"
         ";\n"
         "\n"
         "-- +up postgres, mysql\n"
         "ALTER TABLE orders ADD COLUMN x int; /* done */\n"
         "\n"
         "-- +down\n"
         "DROP TABLE orders;\n"
         "-- nothing else\n");
}

static void test_checksum__whitespace(void **state)
{
    (void)state;
    same(base,
         "--   revision:   003_orders   \n"
         "-- revises: 001_a, 002_b\n"
         "-- message: orders table\n"
         "-- +up\n"
         "  CREATE   TABLE orders\n"
         "  (id int   PRIMARY KEY,\n"
         "   note text\tDEFAULT 'a  b')\n"
         "  ;\n"
         "\n\n"
         "CREATE INDEX orders_note\n    ON orders (note)\n"
         "   -- +up postgres,mysql   \n"
         "\tALTER TABLE orders ADD COLUMN x int\n"
         "-- +down\n"
         "\n"
         "DROP TABLE orders\n"
         "\n");
}

static void test_checksum__crlf_and_bom(void **state)
{
    char *w = crlf(base);
    char *b = malloc(strlen(base) + 4);

    (void)state;
    assert_non_null(b);
    memcpy(b, "\xEF\xBB\xBF", 3);
    strcpy(b + 3, base);
    same(base, w);
    same(base, b);
    free(b);
    free(w);
}

static void test_checksum__message(void **state)
{
    (void)state;
    same(base, "-- revision: 003_orders\n"
               "-- revises: 001_a, 002_b\n"
               "-- message: a better description\n"
               "\n"
               "-- +up\n"
               "CREATE TABLE orders (id int PRIMARY KEY, note text DEFAULT "
               "'a  b');\n"
               "CREATE INDEX orders_note ON orders (note);\n"
               "\n"
               "-- +up postgres, mysql\n"
               "ALTER TABLE orders ADD COLUMN x int;\n"
               "\n"
               "-- +down\n"
               "DROP TABLE orders;\n");
    /* ... or no message at all */
    same(base, "-- revision: 003_orders\n"
               "-- revises: 001_a, 002_b\n"
               "-- +up\n"
               "CREATE TABLE orders (id int PRIMARY KEY, note text DEFAULT "
               "'a  b');\n"
               "CREATE INDEX orders_note ON orders (note);\n"
               "-- +up postgres, mysql\n"
               "ALTER TABLE orders ADD COLUMN x int;\n"
               "-- +down\n"
               "DROP TABLE orders;\n");
}

/* A list header is its ids: spacing around the commas is layout, as it
 * is in a directive's dialect list (which is hashed item by item). */
static void test_checksum__header_list_spacing(void **state)
{
    (void)state;
    same("-- revision: a\n-- revises: p1, p2\n-- +up\nSELECT 1;\n",
         "-- revision: a\n-- revises: p1,p2\n-- +up\nSELECT 1;\n");
    same("-- revision: a\n-- revises: p1, p2\n-- +up\nSELECT 1;\n",
         "-- revision: a\n-- revises:  p1 ,\tp2\n-- +up\nSELECT 1;\n");
    same("-- revision: a\n-- depends: d1, d2\n-- +up\nSELECT 1;\n",
         "-- revision: a\n-- depends: d1,d2\n-- +up\nSELECT 1;\n");
}

/* --- what counts ------------------------------------------------------- */

static void test_checksum__statement_changes(void **state)
{
    static const char a[] = "-- revision: a\n-- +up\n"
                            "CREATE TABLE t (x int);\nSELECT 'a  b';\n";

    (void)state;
    same(a, "-- revision: a\n-- +up\n"
            "CREATE TABLE t (x int) ; SELECT 'a  b'");
    /* a type */
    differ(a, "-- revision: a\n-- +up\n"
              "CREATE TABLE t (x bigint);\nSELECT 'a  b';\n");
    /* whitespace inside a quote is data */
    differ(a, "-- revision: a\n-- +up\n"
              "CREATE TABLE t (x int);\nSELECT 'a b';\n");
    /* a statement more */
    differ(a, "-- revision: a\n-- +up\n"
              "CREATE TABLE t (x int);\nSELECT 'a  b';\nSELECT 1;\n");
    /* a statement less */
    differ(a, "-- revision: a\n-- +up\nCREATE TABLE t (x int);\n");
    /* two statements become one */
    differ(a, "-- revision: a\n-- +up\n"
              "CREATE TABLE t (x int)\nSELECT 'a  b';\n");
    /* the same statements in another order */
    differ(a, "-- revision: a\n-- +up\n"
              "SELECT 'a  b';\nCREATE TABLE t (x int);\n");
    /* commented out */
    differ(a, "-- revision: a\n-- +up\n"
              "-- CREATE TABLE t (x int);\nSELECT 'a  b';\n");
    /* a comment marker inside a string is data */
    differ("-- revision: a\n-- +up\nSELECT '-- x';\n",
           "-- revision: a\n-- +up\nSELECT '';\n");
}

static void test_checksum__directive_changes(void **state)
{
    static const char a[] = "-- revision: a\n-- +up\nSELECT 1;\n";

    (void)state;
    differ(a, "-- revision: a\n-- +down\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- +verify\nSELECT 1;\n");
    /* a section more, even an empty one */
    differ(a, "-- revision: a\n-- +up\nSELECT 1;\n-- +down\n");
    /* one section or two */
    differ("-- revision: a\n-- +up\nSELECT 1;\nSELECT 2;\n",
           "-- revision: a\n-- +up\nSELECT 1;\n-- +up\nSELECT 2;\n");
    /* a statement moved into the next section */
    differ("-- revision: a\n-- +up\nSELECT 1;\nSELECT 2;\n-- +down\n",
           "-- revision: a\n-- +up\nSELECT 1;\n-- +down\nSELECT 2;\n");
}

static void test_checksum__dialect_changes(void **state)
{
    static const char a[] = "-- revision: a\n-- +up postgres, mysql\n"
                            "SELECT 1;\n";

    (void)state;
    same(a, "-- revision: a\n-- +up postgres,mysql\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- +up postgres\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- +up postgres, mysql, sqlite\n"
              "SELECT 1;\n");
    differ(a, "-- revision: a\n-- +up postgres, sqlite\nSELECT 1;\n");
    /* the first dialect picks the splitter, so order counts */
    differ(a, "-- revision: a\n-- +up mysql, postgres\nSELECT 1;\n");
}

static void test_checksum__header_changes(void **state)
{
    static const char a[] = "-- revision: a\n-- revises: p1, p2\n"
                            "-- +up\nSELECT 1;\n";

    (void)state;
    differ(a, "-- revision: b\n-- revises: p1, p2\n-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- revises: p1, p3\n-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- revises: p1\n-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- revises: p1, p2\n-- depends: x1\n"
              "-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- revises: p1, p2\n-- branch: pay\n"
              "-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- revises: p1, p2\n-- transaction: none\n"
              "-- +up\nSELECT 1;\n");
    differ(a, "-- revision: a\n-- revises: p1, p2\n"
              "-- allow_locking: true\n-- +up\nSELECT 1;\n");
    /* a key counts even with an empty value */
    differ("-- revision: a\n-- +up\nSELECT 1;\n",
           "-- revision: a\n-- message: m\n-- depends:\n-- +up\n"
           "SELECT 1;\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checksum__format),
        cmocka_unit_test(test_checksum__known_value),
        cmocka_unit_test(test_checksum__split_calls),
        cmocka_unit_test(test_checksum__split_error),
        cmocka_unit_test(test_checksum__comments),
        cmocka_unit_test(test_checksum__whitespace),
        cmocka_unit_test(test_checksum__crlf_and_bom),
        cmocka_unit_test(test_checksum__message),
        cmocka_unit_test(test_checksum__header_list_spacing),
        cmocka_unit_test(test_checksum__statement_changes),
        cmocka_unit_test(test_checksum__directive_changes),
        cmocka_unit_test(test_checksum__dialect_changes),
        cmocka_unit_test(test_checksum__header_changes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
