/* test_seed.c - the seed readers (YAML, CSV, JSON: rows, NULLs, lines,
 * table and key) and the coercion of values by column type (one
 * canonical form per value; what does not read is refused), and the
 * CHECK enumerations read from each engine's spelling (issue 19). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "run/seed/seed.h"
#include "util/buf.h"

static void parse_ok(const char *path, const char *text, strata_seed_file *f)
{
    strata_error err = {0};
    int rc = strata__seed_parse(path, text, strlen(text), f, &err);

    if (rc != STRATA_OK)
        fail_msg("%s: %s", path, err.msg);
}

static void parse_bad(const char *path, const char *text, const char *want)
{
    strata_seed_file f;
    strata_error err = {0};

    assert_int_equal(strata__seed_parse(path, text, strlen(text), &f, &err),
                     STRATA_ERR_PARSE);
    if (!strstr(err.msg, want))
        fail_msg("%s: '%s' lacks '%s'", path, err.msg, want);
    strata__error_clear(&err);
}

static const char *value(const strata_seed_row *r, const char *name)
{
    long i = strata__seed_find(r, name);

    assert_true(i >= 0);
    return r->values[i];
}

static void test_seed__yaml(void **state)
{
    strata_seed_file f;

    (void)state;
    parse_ok("seed/01_labels.yaml",
             "# a comment\n- name: bug\n  color: '#d73a4a'\n"
             "- name: docs\n  color: ~\n  note: \"null\"\n",
             &f);
    assert_string_equal(f.table, "labels");
    assert_int_equal(f.nrows, 2);
    assert_int_equal(f.rows[0].line, 2);
    assert_int_equal(f.rows[1].line, 4);
    assert_string_equal(value(&f.rows[0], "color"), "#d73a4a");
    assert_null(value(&f.rows[1], "color"));
    assert_string_equal(value(&f.rows[1], "note"), "null");
    strata__seed_file_free(&f);

    parse_ok("x.yml", "table: roles\nkey: [name, scope]\nrows:\n"
                      "  - {name: admin, scope: all}\n",
             &f);
    assert_string_equal(f.table, "roles");
    assert_int_equal(f.nkey, 2);
    assert_string_equal(f.key[1], "scope");
    assert_int_equal(f.rows[0].line, 4);
    strata__seed_file_free(&f);

    parse_bad("a.yaml", "- name: [1, 2]\n", "a.yaml:1: name: a value must");
    parse_bad("a.yaml", "- a: 1\n  a: 2\n", "a.yaml:2: column 'a' twice");
    parse_bad("a.yaml", "- a: 1\n- 7\n", "a.yaml:2: a row must be a mapping");
    parse_bad("a.yaml", "- a: 'x\n", "a.yaml:");
    parse_bad("a.yaml", "rows: []\ntabel: x\n", "unknown entry 'tabel'");
    parse_bad("a.yaml", "- a: 1\n---\n- a: 2\n", "a second YAML document");
}

static void test_seed__csv(void **state)
{
    strata_seed_file f;

    (void)state;
    parse_ok("labels.csv",
             "# table: tags\n# key: name\nname,color,note\r\n"
             "bug,#d73a4a,\"two\nlines\"\r\n\ndocs,,\"\"\n",
             &f);
    assert_string_equal(f.table, "tags");
    assert_int_equal(f.nkey, 1);
    assert_int_equal(f.nrows, 2);
    assert_int_equal(f.rows[0].line, 4);
    assert_int_equal(f.rows[1].line, 7);
    assert_string_equal(value(&f.rows[0], "note"), "two\nlines");
    assert_null(value(&f.rows[1], "color")); /* empty: NULL */
    assert_string_equal(value(&f.rows[1], "note"), ""); /* "": empty */
    strata__seed_file_free(&f);

    parse_bad("a.csv", "a,b\n1\n", "a.csv:2: 1 field, the header has 2");
    parse_bad("a.csv", "a,b\n1,2,3\n", "a.csv:2: more fields");
    parse_bad("a.csv", "a,b\n1,\"2\n", "a.csv:2: a quoted field is not closed");
    parse_bad("a.csv", "a,a\n", "header: column 'a' twice");
    parse_bad("a.csv", "# only\n", "no header line");
    parse_bad("a.txt", "a\n", "must end in .yaml, .yml, .csv or .json");
}

static void test_seed__json(void **state)
{
    strata_seed_file f;

    (void)state;
    parse_ok("plans.json",
             "[\n  {\"name\": \"free\", \"price\": 0.1, \"seats\": 3,\n"
             "   \"active\": true, \"note\": null},\n"
             "  {\"name\": \"pro\", \"price\": 1.5e1}\n]\n",
             &f);
    assert_string_equal(f.table, "plans");
    assert_int_equal(f.rows[0].line, 2);
    assert_int_equal(f.rows[1].line, 4);
    assert_string_equal(value(&f.rows[0], "price"), "0.1");
    assert_string_equal(value(&f.rows[0], "seats"), "3");
    assert_string_equal(value(&f.rows[0], "active"), "true");
    assert_null(value(&f.rows[0], "note"));
    assert_string_equal(value(&f.rows[1], "price"), "15");
    strata__seed_file_free(&f);

    parse_ok("x.json", "{\"table\": \"roles\", \"key\": \"name\",\n"
                       " \"rows\": [\n {\"name\": \"a{[\\\"\"}]}",
             &f);
    assert_string_equal(f.table, "roles");
    assert_int_equal(f.rows[0].line, 3);
    assert_string_equal(value(&f.rows[0], "name"), "a{[\"");
    strata__seed_file_free(&f);

    parse_bad("a.json", "[{\"a\": [1]}]", "a.json:1: a: a value must");
    parse_bad("a.json", "{\"rows\": [], \"x\": 1}", "unknown member 'x'");
    parse_bad("a.json", "[1,", "a.json:1: not valid JSON");
    parse_bad("a.json", "", "a.json:1: not valid JSON");
    parse_bad("a.json", "[\n{\"a\": 1, \"a\": 2}]", "a.json:2: not valid JSON");
}

static void coerce(strata_seed_kind k, const char *v, const char *want)
{
    strata_buf b = {0};
    int rc = strata__seed_coerce(k, v, &b);

    if (!want && rc != 1)
        fail_msg("'%s' read as '%s', expected a refusal", v,
                 b.data ? b.data : "");
    if (want && (rc != 0 || !b.data || strcmp(b.data, want) != 0))
        fail_msg("'%s' read as '%s', expected '%s'", v,
                 rc == 0 && b.data ? b.data : "(refused)", want);
    strata__buf_free(&b);
}

static void test_seed__coerce(void **state)
{
    (void)state;
    assert_int_equal(strata__seed_kind("character varying(20)"),
                     STRATA_SEED_TEXT);
    assert_int_equal(strata__seed_maxlen("character varying(20)"), 20);
    assert_int_equal(strata__seed_maxlen("VARCHAR(7)"), 7);
    assert_int_equal(strata__seed_maxlen("text"), 0);
    assert_int_equal(strata__seed_kind("tinyint(1)"), STRATA_SEED_BOOL);
    assert_int_equal(strata__seed_kind("BIGINT"), STRATA_SEED_INT);
    assert_int_equal(strata__seed_kind("interval"), STRATA_SEED_TEXT);
    assert_int_equal(strata__seed_kind("numeric(6,2)"), STRATA_SEED_DECIMAL);
    assert_int_equal(strata__seed_kind("double precision"),
                     STRATA_SEED_FLOAT);
    assert_int_equal(strata__seed_kind("timestamp with time zone"),
                     STRATA_SEED_TIMESTAMPTZ);
    assert_int_equal(strata__seed_kind("timestamp without time zone"),
                     STRATA_SEED_TIMESTAMP);
    assert_int_equal(strata__seed_kind("datetime(6)"), STRATA_SEED_TIMESTAMP);

    coerce(STRATA_SEED_INT, " +007 ", "7");
    coerce(STRATA_SEED_INT, "-0", "0");
    coerce(STRATA_SEED_INT, "1.5", NULL);
    coerce(STRATA_SEED_INT, "12abc", NULL);
    coerce(STRATA_SEED_DECIMAL, "1.50", "1.5");
    coerce(STRATA_SEED_DECIMAL, "010.000", "10");
    coerce(STRATA_SEED_DECIMAL, ".5", "0.5");
    coerce(STRATA_SEED_DECIMAL, "-1.25e2", "-125");
    coerce(STRATA_SEED_DECIMAL, "15e-3", "0.015");
    coerce(STRATA_SEED_DECIMAL, "1,5", NULL);
    coerce(STRATA_SEED_FLOAT, "0.10", "0.1");
    coerce(STRATA_SEED_FLOAT, "x", NULL);
    coerce(STRATA_SEED_BOOL, "t", "1");
    coerce(STRATA_SEED_BOOL, "Yes", "1");
    coerce(STRATA_SEED_BOOL, "off", "0");
    coerce(STRATA_SEED_BOOL, "maybe", NULL);
    coerce(STRATA_SEED_DATE, "2024-02-29", "2024-02-29");
    coerce(STRATA_SEED_DATE, "2023-02-29", NULL);
    coerce(STRATA_SEED_DATE, "2024-13-01", NULL);
    coerce(STRATA_SEED_DATE, "2024-1-01", NULL);
    coerce(STRATA_SEED_DATE, "2024-01-02 00:00:00", "2024-01-02");
    coerce(STRATA_SEED_TIMESTAMP, "2024-03-01T09:00:00+01:00",
           "2024-03-01 08:00:00");
    coerce(STRATA_SEED_TIMESTAMP, "2024-03-01 00:30-01", "2024-03-01 01:30:00");
    coerce(STRATA_SEED_TIMESTAMP, "2024-01-01 00:10:00+02",
           "2023-12-31 22:10:00");
    coerce(STRATA_SEED_TIMESTAMP, "2024-03-01 08:00:00.120000",
           "2024-03-01 08:00:00.12");
    coerce(STRATA_SEED_TIMESTAMP, "2024-03-01", "2024-03-01 00:00:00");
    coerce(STRATA_SEED_TIMESTAMPTZ, "2024-03-01 08:00:00Z",
           "2024-03-01 08:00:00+00");
    coerce(STRATA_SEED_TIMESTAMP, "2024-03-01 25:00", NULL);
    coerce(STRATA_SEED_TIMESTAMP, "yesterday", NULL);
    coerce(STRATA_SEED_TEXT, " as is ", " as is ");
    assert_int_equal(strata__seed_kind("character(3)"), STRATA_SEED_CHAR);
    assert_int_equal(strata__seed_kind("character varying"), STRATA_SEED_TEXT);
    coerce(STRATA_SEED_CHAR, " ab  ", " ab");
    assert_int_equal(strata__seed_chars("h\xc3\xa9llo"), 5);
}

static void enum_of(const strata_table *t, const char *check,
                    const char *want_col, const char *want)
{
    const char *col;
    char **v;
    size_t n;
    strata_buf b = {0};

    assert_int_equal(strata__seed_check_enum(t, check, &col, &v, &n),
                     STRATA_OK);
    if (!want_col) {
        if (col)
            fail_msg("'%s' read as an enumeration of %s", check, col);
        return;
    }
    if (!col || strcmp(col, want_col) != 0)
        fail_msg("'%s': column %s", check, col ? col : "(none)");
    for (size_t i = 0; i < n; i++)
        strata__buf_printf(&b, "%s%s", i ? "|" : "", v[i]);
    assert_string_equal(b.data, want);
    strata__buf_free(&b);
    strata__seed_strings_free(v, n);
}

static void test_seed__enum(void **state)
{
    strata_column cols[] = {{.name = (char *)"status"},
                            {.name = (char *)"level"}};
    strata_table t = {.name = (char *)"t", .exists = 1, .columns = cols,
                      .ncolumns = 2};

    (void)state;
    enum_of(&t, "status IN ('open', 'it''s')", "status", "open|it's");
    enum_of(&t, "`status` in ('a','b')", "status", "a|b");
    enum_of(&t,
            "((status)::text = ANY ((ARRAY['a'::character varying, "
            "'b'::character varying])::text[]))",
            "status", "a|b");
    enum_of(&t, "level = ANY (ARRAY[1, 2])", "level", "1|2");
    enum_of(&t, "status IN ('a') OR level > 1", NULL, NULL);
    enum_of(&t, "status NOT IN ('a')", NULL, NULL);
    enum_of(&t, "status <> 'a'", NULL, NULL);
    enum_of(&t, "other IN ('a')", NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed__yaml),
        cmocka_unit_test(test_seed__csv),
        cmocka_unit_test(test_seed__json),
        cmocka_unit_test(test_seed__coerce),
        cmocka_unit_test(test_seed__enum),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
