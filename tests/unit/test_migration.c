/* test_migration.c - one migration file: header keys, sections with their
 * offsets and lines, and every parse error with its exact path:line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/host.h"
#include "chain/migration.h"

/* --- helpers ------------------------------------------------------------ */

static strata_revision *parse_ok(const char *text)
{
    strata_revision *r = NULL;
    strata_error err = {0};
    int rc = strata__migration_parse(&r, "t.sql", text, strlen(text), &err);

    if (rc != STRATA_OK)
        fail_msg("parse failed (%d): %s", rc, err.msg ? err.msg : "?");
    assert_null(err.msg);
    assert_non_null(r);
    return r;
}

/* Parse len bytes of text and expect STRATA_ERR_PARSE with exactly want. */
static void parse_fails_n(const char *text, size_t len, const char *want)
{
    strata_revision *r = (strata_revision *)&r; /* must be reset */
    strata_error err = {0};
    int rc = strata__migration_parse(&r, "t.sql", text, len, &err);

    if (rc == STRATA_OK) {
        strata__migration_free(r);
        fail_msg("parsed, expected the error \"%s\"", want);
    }
    assert_null(r);
    assert_int_equal(rc, STRATA_ERR_PARSE);
    assert_int_equal(err.code, STRATA_ERR_PARSE);
    assert_non_null(err.msg);
    assert_string_equal(err.msg, want);
    strata__error_clear(&err);
}

static void parse_fails(const char *text, const char *want)
{
    parse_fails_n(text, strlen(text), want);
}

/* Byte offset just past the first occurrence of needle in text. */
static size_t after(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);

    if (!p)
        fail_msg("'%s' not in the text", needle);
    return (size_t)(p - text) + strlen(needle);
}

/* Byte offset of the first occurrence of needle in text. */
static size_t at(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);

    if (!p)
        fail_msg("'%s' not in the text", needle);
    return (size_t)(p - text);
}

/* Section s's body is exactly body. */
static void body_is(const strata_revision *r, const strata_section *s,
                    const char *body)
{
    assert_true(s->offset <= r->len);
    assert_true(s->offset + s->len <= r->len);
    assert_int_equal(s->len, strlen(body));
    assert_memory_equal(r->text + s->offset, body, s->len);
}

static void key_is(const strata_revision *r, size_t i, const char *key,
                   const char *value, unsigned line)
{
    assert_true(i < r->nkeys);
    assert_string_equal(r->keys[i].key, key);
    assert_string_equal(r->keys[i].value, value);
    assert_int_equal(r->keys[i].line, line);
}

/* --- header keys ------------------------------------------------------- */

static void test_migration__header_keys(void **state)
{
    static const char text[] =
        "-- revision: 012_signals.state-v2\n"
        "-- revises: 010_a, 011_b ,011_c\n"
        "-- depends: pay_001,pay_002\n"
        "-- message:   signals: state lifecycle, check; index  \n"
        "-- branch: payments\n"
        "-- transaction: none\n"
        "-- allow_locking: true\n"
        "\n"
        "-- +up\n"
        "SELECT 1;\n";
    strata_revision *r = parse_ok(text);

    (void)state;
    assert_string_equal(r->path, "t.sql");
    assert_int_equal(r->len, strlen(text));
    assert_string_equal(r->text, text);
    assert_string_equal(r->id, "012_signals.state-v2");
    assert_int_equal(r->id_line, 1);
    assert_int_equal(r->nparents, 3);
    assert_string_equal(r->parents[0], "010_a");
    assert_string_equal(r->parents[1], "011_b");
    assert_string_equal(r->parents[2], "011_c");
    assert_int_equal(r->parents_line, 2);
    assert_int_equal(r->ndepends, 2);
    assert_string_equal(r->depends[0], "pay_001");
    assert_string_equal(r->depends[1], "pay_002");
    assert_int_equal(r->depends_line, 3);
    assert_string_equal(r->message, "signals: state lifecycle, check; index");
    assert_string_equal(r->branch, "payments");
    assert_int_equal(r->branch_line, 5);
    assert_int_equal(r->txn, STRATA_TXN_NONE);
    assert_int_equal(r->allow_locking, 1);

    assert_int_equal(r->nkeys, 7);
    key_is(r, 0, "revision", "012_signals.state-v2", 1);
    key_is(r, 1, "revises", "010_a, 011_b ,011_c", 2);
    key_is(r, 2, "depends", "pay_001,pay_002", 3);
    key_is(r, 3, "message", "signals: state lifecycle, check; index", 4);
    key_is(r, 4, "branch", "payments", 5);
    key_is(r, 5, "transaction", "none", 6);
    key_is(r, 6, "allow_locking", "true", 7);
    assert_int_equal(r->nsections, 1);
    strata__migration_free(r);
}

static void test_migration__header_defaults(void **state)
{
    strata_revision *r = parse_ok("-- revision: root\n-- +up\nSELECT 1;\n");

    (void)state;
    assert_string_equal(r->id, "root");
    assert_int_equal(r->nparents, 0);
    assert_null(r->parents);
    assert_int_equal(r->parents_line, 0);
    assert_int_equal(r->ndepends, 0);
    assert_int_equal(r->depends_line, 0);
    assert_null(r->message);
    assert_null(r->branch);
    assert_int_equal(r->branch_line, 0);
    assert_int_equal(r->txn, STRATA_TXN_PER_MIGRATION);
    assert_int_equal(r->allow_locking, 0);
    assert_int_equal(r->nkeys, 1);
    strata__migration_free(r);
}

static void test_migration__revises_base(void **state)
{
    strata_revision *r =
        parse_ok("-- revision: root\n-- revises: base\n-- +up\nSELECT 1;\n");

    (void)state;
    assert_int_equal(r->nparents, 0);
    assert_int_equal(r->parents_line, 2);
    key_is(r, 1, "revises", "base", 2);
    strata__migration_free(r);
}

/* A merge: two parents and no body at all. */
static void test_migration__merge_no_body(void **state)
{
    strata_revision *r =
        parse_ok("-- revision: merge_1\n-- revises: a1, b1\n");

    (void)state;
    assert_int_equal(r->nparents, 2);
    assert_string_equal(r->parents[0], "a1");
    assert_string_equal(r->parents[1], "b1");
    assert_int_equal(r->nsections, 0);
    assert_int_equal(strata__migration_has(r, STRATA_SECTION_UP, "sqlite"),
                     0);
    strata__migration_free(r);
}

static void test_migration__txn_and_locking_values(void **state)
{
    strata_revision *r = parse_ok("-- revision: a\n"
                                  "-- transaction: per-migration\n"
                                  "-- allow_locking: false\n");

    (void)state;
    assert_int_equal(r->txn, STRATA_TXN_PER_MIGRATION);
    assert_int_equal(r->allow_locking, 0);
    assert_int_equal(r->nkeys, 3);
    strata__migration_free(r);
}

/* Comments that are not "-- key: value" are comments; so are C-style
 * blocks; blank lines and leading blanks do not matter. */
static void test_migration__free_comments(void **state)
{
    static const char text[] =
        "-- A free comment, with words: but not a key\n"
        "--\n"
        "-- TODO: capitalised words are not keys\n"
        "-- see http://example.com/x\n"
        "   -- revision: c1\n"
        "\t-- message: indented\n"
        "/* a block\n"
        "   -- author: inside a block is a comment */\n"
        "/* one line */\n"
        "\n"
        "   \t\n"
        "-- +up\n"
        "SELECT 1;\n";
    strata_revision *r = parse_ok(text);

    (void)state;
    assert_string_equal(r->id, "c1");
    assert_int_equal(r->id_line, 5);
    assert_string_equal(r->message, "indented");
    assert_int_equal(r->nkeys, 2);
    key_is(r, 0, "revision", "c1", 5);
    key_is(r, 1, "message", "indented", 6);
    assert_int_equal(r->nsections, 1);
    assert_int_equal(r->sections[0].line, 12);
    strata__migration_free(r);
}

/* --- sections ---------------------------------------------------------- */

static void test_migration__sections(void **state)
{
    static const char text[] =
        "-- revision: s1\n"                         /* 1 */
        "\n"                                        /* 2 */
        "-- +up\n"                                  /* 3 */
        "CREATE TABLE a (x int);\n"                 /* 4 */
        "\n"                                        /* 5 */
        "-- +up postgres, mysql\n"                  /* 6 */
        "CREATE INDEX CONCURRENTLY i ON a (x);\n"   /* 7 */
        "-- +down\n"                                /* 8 */
        "DROP TABLE a;\n"                           /* 9 */
        "  -- +verify   sqlite  \n"                 /* 10 */
        "SELECT count(*) = 0 FROM a;\n"             /* 11 */
        "-- +down postgres\n"                       /* 12 */
        "SELECT 2;";                                /* 13 */
    strata_revision *r = parse_ok(text);
    const strata_section *s = r->sections;

    (void)state;
    assert_int_equal(r->nsections, 5);

    assert_int_equal(s[0].kind, STRATA_SECTION_UP);
    assert_int_equal(s[0].ndialects, 0);
    assert_int_equal(s[0].line, 3);
    assert_int_equal(s[0].body_line, 4);
    assert_string_equal(s[0].directive, "-- +up");
    assert_int_equal(s[0].offset, after(text, "-- +up\n"));
    assert_int_equal(s[0].offset, 24);
    body_is(r, &s[0], "CREATE TABLE a (x int);\n\n");

    assert_int_equal(s[1].kind, STRATA_SECTION_UP);
    assert_int_equal(s[1].ndialects, 2);
    assert_string_equal(s[1].dialects[0], "postgres");
    assert_string_equal(s[1].dialects[1], "mysql");
    assert_int_equal(s[1].line, 6);
    assert_int_equal(s[1].body_line, 7);
    assert_string_equal(s[1].directive, "-- +up postgres, mysql");
    assert_int_equal(s[1].offset, after(text, "-- +up postgres, mysql\n"));
    body_is(r, &s[1], "CREATE INDEX CONCURRENTLY i ON a (x);\n");

    assert_int_equal(s[2].kind, STRATA_SECTION_DOWN);
    assert_int_equal(s[2].ndialects, 0);
    assert_int_equal(s[2].line, 8);
    assert_int_equal(s[2].body_line, 9);
    assert_string_equal(s[2].directive, "-- +down");
    assert_int_equal(s[2].offset, after(text, "-- +down\n"));
    /* The body ends where the next directive's line starts, blanks and
     * all. */
    assert_int_equal(s[2].offset + s[2].len, at(text, "  -- +verify"));
    body_is(r, &s[2], "DROP TABLE a;\n");

    assert_int_equal(s[3].kind, STRATA_SECTION_VERIFY);
    assert_int_equal(s[3].ndialects, 1);
    assert_string_equal(s[3].dialects[0], "sqlite");
    assert_int_equal(s[3].line, 10);
    assert_int_equal(s[3].body_line, 11);
    assert_string_equal(s[3].directive, "-- +verify   sqlite");
    body_is(r, &s[3], "SELECT count(*) = 0 FROM a;\n");

    /* The last section runs to the end of a file without a final
     * newline. */
    assert_int_equal(s[4].kind, STRATA_SECTION_DOWN);
    assert_int_equal(s[4].line, 12);
    assert_int_equal(s[4].body_line, 13);
    assert_int_equal(s[4].offset + s[4].len, strlen(text));
    body_is(r, &s[4], "SELECT 2;");

    /* Which sections apply where. */
    assert_int_equal(strata__section_applies(&s[0], "sqlite"), 1);
    assert_int_equal(strata__section_applies(&s[1], "postgres"), 1);
    assert_int_equal(strata__section_applies(&s[1], "mysql"), 1);
    assert_int_equal(strata__section_applies(&s[1], "sqlite"), 0);
    assert_int_equal(strata__section_applies(&s[1], "postgre"), 0);
    assert_int_equal(
        strata__migration_has(r, STRATA_SECTION_VERIFY, "sqlite"), 1);
    assert_int_equal(
        strata__migration_has(r, STRATA_SECTION_VERIFY, "postgres"), 0);
    strata__migration_free(r);
}

/* "--+up" and "--\t+up" are directives too. */
static void test_migration__directive_spacing(void **state)
{
    strata_revision *r =
        parse_ok("-- revision: a\n--+up\nSELECT 1;\n--\t+down sqlite\n");

    (void)state;
    assert_int_equal(r->nsections, 2);
    assert_int_equal(r->sections[0].kind, STRATA_SECTION_UP);
    assert_string_equal(r->sections[0].directive, "--+up");
    assert_int_equal(r->sections[1].kind, STRATA_SECTION_DOWN);
    assert_int_equal(r->sections[1].ndialects, 1);
    assert_string_equal(r->sections[1].dialects[0], "sqlite");
    strata__migration_free(r);
}

/* An explicit, empty "-- +down" is present (the author says: nothing to
 * undo), unlike an absent one. */
static void test_migration__empty_down(void **state)
{
    static const char text[] = "-- revision: e1\n"
                               "-- +up\n"
                               "CREATE TABLE t (x int);\n"
                               "-- +down\n"
                               "-- +up sqlite\n"
                               "SELECT 1;\n"
                               "-- +down mysql";
    strata_revision *r = parse_ok(text);
    const strata_section *s = r->sections;

    (void)state;
    assert_int_equal(r->nsections, 4);
    assert_int_equal(s[1].kind, STRATA_SECTION_DOWN);
    assert_int_equal(s[1].len, 0);
    assert_int_equal(s[1].offset, after(text, "-- +down\n"));
    assert_int_equal(s[1].body_line, 5);
    /* the last line, without a newline: an empty body at the very end */
    assert_int_equal(s[3].kind, STRATA_SECTION_DOWN);
    assert_int_equal(s[3].line, 7);
    assert_int_equal(s[3].offset, strlen(text));
    assert_int_equal(s[3].len, 0);
    assert_int_equal(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"),
                     1);
    assert_int_equal(strata__migration_has(r, STRATA_SECTION_UP, "postgres"),
                     1);
    strata__migration_free(r);

    r = parse_ok("-- revision: e2\n-- +up\nSELECT 1;\n-- +down mysql\n");
    assert_int_equal(strata__migration_has(r, STRATA_SECTION_DOWN, "mysql"),
                     1);
    assert_int_equal(
        strata__migration_has(r, STRATA_SECTION_DOWN, "postgres"), 0);
    assert_int_equal(strata__migration_has(r, STRATA_SECTION_DOWN, "sqlite"),
                     0);
    assert_int_equal(
        strata__migration_has(r, STRATA_SECTION_VERIFY, "mysql"), 0);
    strata__migration_free(r);
}

static void test_migration__crlf(void **state)
{
    static const char text[] = "-- revision: crlf_1\r\n"
                               "-- revises: a, b\r\n"
                               "-- message: windows \r\n"
                               "\r\n"
                               "-- +up postgres,mysql\r\n"
                               "SELECT 1;\r\n"
                               "-- +down\r\n"
                               "SELECT 2;\r\n";
    strata_revision *r = parse_ok(text);
    const strata_section *s = r->sections;

    (void)state;
    assert_string_equal(r->id, "crlf_1");
    assert_int_equal(r->nparents, 2);
    assert_string_equal(r->parents[1], "b");
    assert_string_equal(r->message, "windows");
    key_is(r, 1, "revises", "a, b", 2);
    assert_int_equal(r->nsections, 2);
    assert_string_equal(s[0].directive, "-- +up postgres,mysql");
    assert_int_equal(s[0].ndialects, 2);
    assert_string_equal(s[0].dialects[1], "mysql");
    assert_int_equal(s[0].line, 5);
    assert_int_equal(s[0].body_line, 6);
    assert_int_equal(s[0].offset, after(text, "mysql\r\n"));
    body_is(r, &s[0], "SELECT 1;\r\n");
    assert_string_equal(s[1].directive, "-- +down");
    assert_int_equal(s[1].line, 7);
    assert_int_equal(s[1].offset, after(text, "-- +down\r\n"));
    body_is(r, &s[1], "SELECT 2;\r\n");
    strata__migration_free(r);
}

static void test_migration__bom(void **state)
{
    static const char text[] = "\xEF\xBB\xBF-- revision: bom_1\n"
                               "-- +up\n"
                               "SELECT 'caf\xC3\xA9 \xF0\x9F\x98\x80';\n";
    strata_revision *r = parse_ok(text);

    (void)state;
    assert_string_equal(r->id, "bom_1");
    assert_int_equal(r->id_line, 1);
    key_is(r, 0, "revision", "bom_1", 1);
    assert_int_equal(r->nsections, 1);
    assert_int_equal(r->sections[0].line, 2);
    assert_int_equal(r->sections[0].offset, after(text, "-- +up\n"));
    body_is(r, &r->sections[0], "SELECT 'caf\xC3\xA9 \xF0\x9F\x98\x80';\n");
    strata__migration_free(r);
}

/* A 64-character id is the longest valid one. */
static void test_migration__id_limits(void **state)
{
    char text[128], id[66];
    strata_revision *r;
    strata_error err = {0};

    (void)state;
    memset(id, 'x', 64);
    id[64] = '\0';
    snprintf(text, sizeof text, "-- revision: %s\n", id);
    r = parse_ok(text);
    assert_string_equal(r->id, id);
    strata__migration_free(r);

    id[64] = 'x';
    id[65] = '\0';
    snprintf(text, sizeof text, "-- revision: %s\n", id);
    assert_int_equal(
        strata__migration_parse(&r, "t.sql", text, strlen(text), &err),
        STRATA_ERR_PARSE);
    assert_null(r);
    strata__error_clear(&err);

    assert_int_equal(strata__revision_id_valid("a"), 1);
    assert_int_equal(strata__revision_id_valid("A-z_0.9"), 1);
    assert_int_equal(strata__revision_id_valid(""), 0);
    assert_int_equal(strata__revision_id_valid("a b"), 0);
    assert_int_equal(strata__revision_id_valid("a/b"), 0);
    assert_int_equal(strata__revision_id_valid("caf\xC3\xA9"), 0);
}

/* --- errors ------------------------------------------------------------ */

static void test_migration__error_unknown_key(void **state)
{
    (void)state;
    parse_fails("-- revision: a\n-- author: me\n-- +up\n",
                "t.sql:2: unknown header key 'author' (known: revision, "
                "revises, depends, message, branch, transaction, "
                "allow_locking, repeatable)");
}

static void test_migration__repeatable_key(void **state)
{
    strata_revision *r = NULL;
    strata_error err = {0};
    static const char text[] = "-- revision: v\n-- repeatable: true\n"
                               "-- +up\nSELECT 1;\n";

    (void)state;
    assert_int_equal(strata__migration_parse(&r, "t.sql", text,
                                             sizeof text - 1, &err),
                     STRATA_OK);
    assert_true(r->repeatable);
    strata__migration_free(r);
    parse_fails("-- revision: a\n-- repeatable: often\n-- +up\n",
                "t.sql:2: repeatable: expected 'true' or 'false', not "
                "'often'");
}

static void test_migration__error_unknown_directive(void **state)
{
    (void)state;
    parse_fails("-- revision: a\n\n-- +upgrade\nSELECT 1;\n",
                "t.sql:3: unknown directive '+upgrade' (expected +up, "
                "+down or +verify)");
    /* also after the first section */
    parse_fails("-- revision: a\n-- +up\nSELECT 1;\n-- +UP\n",
                "t.sql:4: unknown directive '+UP' (expected +up, +down or "
                "+verify)");
}

static void test_migration__error_dialect_name(void **state)
{
    (void)state;
    parse_fails("-- revision: a\n-- +up Postgres\n",
                "t.sql:2: invalid dialect name 'Postgres' in "
                "'-- +up Postgres'");
    parse_fails("-- revision: a\n-- +up postgres mysql\n",
                "t.sql:2: invalid dialect name 'postgres mysql' in "
                "'-- +up postgres mysql'");
}

static void test_migration__error_empty_revision(void **state)
{
    (void)state;
    parse_fails("-- message: m\n-- revision:\n-- +up\n",
                "t.sql:2: empty revision: '-- revision:' needs an id");
    parse_fails("-- revision:  \t \r\n",
                "t.sql:1: empty revision: '-- revision:' needs an id");
}

static void test_migration__error_missing_revision(void **state)
{
    (void)state;
    parse_fails("-- message: no id\n-- +up\nSELECT 1;\n",
                "t.sql:1: missing '-- revision: ID' header");
    parse_fails("-- +up\nSELECT 1;\n",
                "t.sql:1: missing '-- revision: ID' header");
}

static void test_migration__error_empty_file(void **state)
{
    (void)state;
    parse_fails("", "t.sql:1: empty migration file: it needs at least "
                    "'-- revision: ID'");
    parse_fails("-- just a comment\n\n", "t.sql:1: empty migration file: "
                                         "it needs at least "
                                         "'-- revision: ID'");
}

static void test_migration__error_invalid_id(void **state)
{
    (void)state;
    parse_fails("-- revision: bad id!\n",
                "t.sql:1: invalid revision id 'bad id!' (use 1-64 of A-Z "
                "a-z 0-9 _ . -; base, head and heads are reserved)");
    parse_fails("-- revision: a\n-- revises: b, c d\n",
                "t.sql:2: invalid revision id 'c d' in 'revises' (use 1-64 "
                "of A-Z a-z 0-9 _ . -)");
    parse_fails("-- revision: a\n-- message: m\n-- depends: x;y\n",
                "t.sql:3: invalid revision id 'x;y' in 'depends' (use 1-64 "
                "of A-Z a-z 0-9 _ . -)");
    parse_fails("-- revision: a\n-- revises: b, c, b\n",
                "t.sql:2: 'revises' lists 'b' twice");
    parse_fails("-- revision: a\n-- branch: pay ments\n",
                "t.sql:2: invalid branch label 'pay ments' (use 1-64 of "
                "A-Z a-z 0-9 _ . -)");
}

static void test_migration__error_duplicate_key(void **state)
{
    (void)state;
    parse_fails("-- revision: a\n-- message: x\n\n-- revision: b\n",
                "t.sql:4: duplicate header key 'revision' (first on line "
                "1)");
    parse_fails("-- revision: a\n-- message: x\n-- message: x\n",
                "t.sql:3: duplicate header key 'message' (first on line "
                "2)");
}

static void test_migration__error_sql_before_directive(void **state)
{
    static const char want[] = "t.sql:2: SQL before the first directive; "
                               "start the body with '-- +up'";

    (void)state;
    parse_fails("-- revision: a\nCREATE TABLE t (x int);\n-- +up\n", want);
    parse_fails("-- revision: a\n- not a comment\n", want);
    parse_fails("-- revision: a\n  SELECT 1;\n-- +up\n", want);
}

/* SQL after a one-line block comment in the header is SQL before the
 * first directive, not part of the comment. */
static void test_migration__error_sql_after_block_comment(void **state)
{
    static const char want2[] = "t.sql:2: SQL before the first directive; "
                                "start the body with '-- +up'";
    static const char want3[] = "t.sql:3: SQL before the first directive; "
                                "start the body with '-- +up'";

    (void)state;
    parse_fails("-- revision: a\n/* note */ DROP TABLE t;\n-- +up\n", want2);
    parse_fails("-- revision: a\n/* a long\nnote */ DROP TABLE t;\n-- +up\n",
                want3);
}

static void test_migration__error_utf8(void **state)
{
    (void)state;
    /* a lead byte followed by a newline: line 2, column 16 */
    parse_fails("-- revision: a\n-- message: caf\xC3\n",
                "t.sql:2:16: invalid UTF-8 (byte 0xC3)");
    /* a stray continuation byte at the start of line 3 */
    parse_fails("-- revision: a\n-- +up\n\x80SELECT 1;\n",
                "t.sql:3:1: invalid UTF-8 (byte 0x80)");
    /* overlong encoding of '/' */
    parse_fails("-- revision: a\n-- +up\nSELECT '\xC0\xAF';\n",
                "t.sql:3:9: invalid UTF-8 (byte 0xC0)");
    /* overlong three-byte form */
    parse_fails("-- revision: a\n-- +up\nSELECT '\xE0\x80\xAF';\n",
                "t.sql:3:9: invalid UTF-8 (byte 0xE0)");
    /* a UTF-16 surrogate, U+D800 */
    parse_fails("-- revision: a\n-- +up\nSELECT '\xED\xA0\x80';\n",
                "t.sql:3:9: invalid UTF-8 (byte 0xED)");
    /* past U+10FFFF */
    parse_fails("-- revision: a\n-- +up\nSELECT '\xF4\x90\x80\x80';\n",
                "t.sql:3:9: invalid UTF-8 (byte 0xF4)");
    /* Latin-1 */
    parse_fails("-- revision: a\n-- +up\nSELECT 'caf\xE9';\n",
                "t.sql:3:12: invalid UTF-8 (byte 0xE9)");
    /* truncated at the end of the file */
    parse_fails("-- revision: a\n-- +up\nSELECT '\xF0\x9F\x98",
                "t.sql:3:9: invalid UTF-8 (byte 0xF0)");
}

static void test_migration__error_nul(void **state)
{
    static const char text[] = "-- revision: a\n-- +up\nSELECT 1;\0\n";

    (void)state;
    parse_fails_n(text, sizeof text - 1,
                  "t.sql:3:10: NUL byte (byte 0x00)");
}

static void test_migration__error_transaction(void **state)
{
    (void)state;
    parse_fails("-- revision: a\n-- transaction: bogus\n",
                "t.sql:2: transaction: expected 'per-migration' or 'none', "
                "not 'bogus'");
    parse_fails("-- revision: a\n-- transaction:\n",
                "t.sql:2: transaction: expected 'per-migration' or 'none', "
                "not ''");
    parse_fails("-- revision: a\n-- allow_locking: yes\n",
                "t.sql:2: allow_locking: expected 'true' or 'false', not "
                "'yes'");
}

/* --- files --------------------------------------------------------------- */

static char *temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *t = strata__sprintf("%s/strata-mig-XXXXXX",
                              tmp && *tmp ? tmp : "/tmp");

    assert_non_null(t);
    if (!mkdtemp(t))
        fail_msg("mkdtemp %s: %s", t, strerror(errno));
    return t;
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_migration__load_max_size(void **state)
{
    static const char text[] = "-- revision: big_1\n-- +up\nSELECT 1;\n";
    size_t len = sizeof text - 1;
    char *dir = temp_dir();
    char *path = strata__sprintf("%s/001_big.sql", dir);
    char *want = strata__sprintf("%s: %zu bytes, larger than the limit of "
                                 "%zu (max_file_size in strata.ini)",
                                 path, len, len - 1);
    strata_revision *r = NULL;
    strata_error err = {0};

    (void)state;
    assert_non_null(path);
    assert_non_null(want);
    write_file(path, text, len);

    assert_int_equal(strata__migration_load(&r, path, len - 1, &err),
                     STRATA_ERR_PARSE);
    assert_null(r);
    assert_int_equal(err.code, STRATA_ERR_PARSE);
    assert_string_equal(err.msg, want);
    strata__error_clear(&err);

    /* exactly at the limit is fine, and the path is the one shown */
    assert_int_equal(strata__migration_load(&r, path, len, &err), STRATA_OK);
    assert_non_null(r);
    assert_string_equal(r->path, path);
    assert_string_equal(r->id, "big_1");
    assert_int_equal(r->len, len);
    assert_memory_equal(r->text, text, len);
    assert_int_equal(r->text[len], '\0');
    strata__migration_free(r);

    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    free(want);
    free(path);
    free(dir);
}

static void test_migration__load_errors(void **state)
{
    char *dir = temp_dir();
    char *path = strata__sprintf("%s/none.sql", dir);
    char *want = strata__sprintf("%s: %s", path, strerror(ENOENT));
    char *want_dir = strata__sprintf("%s: not a regular file", dir);
    char *bad = strata__sprintf("%s/bad.sql", dir);
    char *want_bad = strata__sprintf("%s:2: unknown directive '+op' "
                                     "(expected +up, +down or +verify)",
                                     bad);
    strata_revision *r = NULL;
    strata_error err = {0};

    (void)state;
    assert_int_equal(strata__migration_load(&r, path, 1 << 20, &err),
                     STRATA_ERR_PARSE);
    assert_null(r);
    assert_string_equal(err.msg, want);

    assert_int_equal(strata__migration_load(&r, dir, 1 << 20, &err),
                     STRATA_ERR_PARSE);
    assert_null(r);
    assert_string_equal(err.msg, want_dir);

    /* parse errors name the path as given */
    write_file(bad, "-- revision: a\n-- +op\n", 22);
    assert_int_equal(strata__migration_load(&r, bad, 1 << 20, &err),
                     STRATA_ERR_PARSE);
    assert_null(r);
    assert_string_equal(err.msg, want_bad);
    strata__error_clear(&err);

    assert_int_equal(unlink(bad), 0);
    assert_int_equal(rmdir(dir), 0);
    free(want_bad);
    free(bad);
    free(want_dir);
    free(want);
    free(path);
    free(dir);
}

/* Target keywords cannot be revision ids: "head" would never resolve. */
static void test_migration__error_reserved_ids(void **state)
{
    (void)state;
    parse_fails("-- revision: head\n",
                "t.sql:1: invalid revision id 'head' (use 1-64 of A-Z a-z "
                "0-9 _ . -; base, head and heads are reserved)");
    parse_fails("-- revision: base\n",
                "t.sql:1: invalid revision id 'base' (use 1-64 of A-Z a-z "
                "0-9 _ . -; base, head and heads are reserved)");
    parse_fails("-- revision: a\n-- revises: heads\n",
                "t.sql:2: invalid revision id 'heads' in 'revises' (use 1-64 "
                "of A-Z a-z 0-9 _ . -)");
}

/* A blank before the colon of a known key is still that key, so a typo
 * cannot silently turn a migration into a root. */
static void test_migration__key_blank_before_colon(void **state)
{
    strata_revision *r;

    (void)state;
    r = parse_ok("-- revision : a\n-- revises\t: p\n-- Note : free\n");
    assert_string_equal(r->id, "a");
    assert_int_equal(r->nparents, 1);
    assert_string_equal(r->parents[0], "p");
    strata__migration_free(r);
}

static void test_migration__error_empty_list_item(void **state)
{
    (void)state;
    parse_fails("-- revision: a\n-- revises: p1,,p2\n",
                "t.sql:2: empty revision id in 'revises: p1,,p2'");
    parse_fails("-- revision: a\n-- depends: p1,\n",
                "t.sql:2: empty revision id in 'depends: p1,'");
    parse_fails("-- revision: a\n-- +up ,\n",
                "t.sql:2: empty dialect name in '-- +up ,'");
    parse_fails("-- revision: a\n-- +up sqlite,,postgres\n",
                "t.sql:2: empty dialect name in '-- +up sqlite,,postgres'");
}

/* A directive-shaped line inside a block comment or a string is text:
 * it neither opens a section nor hides the statements after it. */
static void test_migration__directive_in_comment_or_string(void **state)
{
    strata_revision *r;

    (void)state;
    r = parse_ok("-- revision: a\n-- +up\n/* disabled:\n-- +down\n*/\n"
                 "CREATE TABLE a (x integer);\n");
    assert_int_equal(r->nsections, 1);
    assert_int_equal(r->sections[0].kind, STRATA_SECTION_UP);
    assert_non_null(strstr(r->text + r->sections[0].offset, "CREATE TABLE"));
    strata__migration_free(r);
    r = parse_ok("-- revision: a\n-- +up\nINSERT INTO t VALUES ('one\n"
                 "-- +down\nit''s');\n-- +down\nDELETE FROM t;\n");
    assert_int_equal(r->nsections, 2);
    assert_int_equal(r->sections[1].kind, STRATA_SECTION_DOWN);
    assert_int_equal(r->sections[1].line, 6);
    strata__migration_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migration__header_keys),
        cmocka_unit_test(test_migration__header_defaults),
        cmocka_unit_test(test_migration__revises_base),
        cmocka_unit_test(test_migration__merge_no_body),
        cmocka_unit_test(test_migration__txn_and_locking_values),
        cmocka_unit_test(test_migration__free_comments),
        cmocka_unit_test(test_migration__sections),
        cmocka_unit_test(test_migration__directive_spacing),
        cmocka_unit_test(test_migration__empty_down),
        cmocka_unit_test(test_migration__crlf),
        cmocka_unit_test(test_migration__bom),
        cmocka_unit_test(test_migration__id_limits),
        cmocka_unit_test(test_migration__error_unknown_key),
        cmocka_unit_test(test_migration__repeatable_key),
        cmocka_unit_test(test_migration__error_unknown_directive),
        cmocka_unit_test(test_migration__error_dialect_name),
        cmocka_unit_test(test_migration__error_empty_revision),
        cmocka_unit_test(test_migration__error_missing_revision),
        cmocka_unit_test(test_migration__error_empty_file),
        cmocka_unit_test(test_migration__error_invalid_id),
        cmocka_unit_test(test_migration__error_reserved_ids),
        cmocka_unit_test(test_migration__directive_in_comment_or_string),
        cmocka_unit_test(test_migration__key_blank_before_colon),
        cmocka_unit_test(test_migration__error_empty_list_item),
        cmocka_unit_test(test_migration__error_duplicate_key),
        cmocka_unit_test(test_migration__error_sql_before_directive),
        cmocka_unit_test(test_migration__error_sql_after_block_comment),
        cmocka_unit_test(test_migration__error_utf8),
        cmocka_unit_test(test_migration__error_nul),
        cmocka_unit_test(test_migration__error_transaction),
        cmocka_unit_test(test_migration__load_max_size),
        cmocka_unit_test(test_migration__load_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
