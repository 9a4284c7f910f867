/* test_json.c - the JSON strata writes (escaping through jansson, compact
 * and in insertion order) and reads back (malformed input refused with a
 * message that says where). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/json.h"

/* s as the writer prints it: a JSON string in a one-element array. */
static void check_text(const char *s, const char *want)
{
    json_t *a = json_pack("[o]", strata__json_text(s));
    char *got = strata__json_dump(a);

    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    json_decref(a);
}

static void test_json__quotes_and_backslashes(void **state)
{
    (void)state;
    check_text("say \"hi\"", "[\"say \\\"hi\\\"\"]");
    check_text("C:\\dir\\", "[\"C:\\\\dir\\\\\"]");
    check_text("a/b", "[\"a/b\"]"); /* '/' needs no escape */
    check_text("\"\\", "[\"\\\"\\\\\"]");
    check_text(NULL, "[null]");
}

static void test_json__control_characters(void **state)
{
    (void)state;
    check_text("a\nb\rc\td", "[\"a\\nb\\rc\\td\"]");
    check_text("\b\f", "[\"\\b\\f\"]");
    check_text("\x01\x1f", "[\"\\u0001\\u001F\"]");
}

static void test_json__non_ascii(void **state)
{
    (void)state;
    /* Valid UTF-8 passes through unescaped. */
    check_text("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
               "[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]");
    /* Bytes that are not UTF-8 (Latin-1, a truncated sequence, an
     * overlong form) become U+FFFD instead of failing or passing through
     * as invalid JSON. */
    check_text("caf\xe9", "[\"caf\xef\xbf\xbd\"]");
    check_text("\xe2\x82", "[\"\xef\xbf\xbd\xef\xbf\xbd\"]");
    check_text("\xc0\xaf!", "[\"\xef\xbf\xbd\xef\xbf\xbd!\"]");
    check_text("\xff", "[\"\xef\xbf\xbd\"]");
}

/* Documents are compact and keep members in the order they were set. */
static void test_json__compact_in_order(void **state)
{
    char *got;
    json_t *doc = json_pack("{s:s,s:b,s:I,s:n,s:o}", "zeta", "z", "alpha",
                            1, "mid", (json_int_t)-7, "none", "list",
                            json_pack("[i,{s:b}]", 1, "x", 0));

    (void)state;
    got = strata__json_dump(doc);
    assert_non_null(got);
    assert_string_equal(got, "{\"zeta\":\"z\",\"alpha\":true,\"mid\":-7,"
                             "\"none\":null,\"list\":[1,{\"x\":false}]}");
    free(got);
    json_decref(doc);
    assert_null(strata__json_dump(NULL));
}

static void test_json__strings_array(void **state)
{
    char *v[] = {(char *)"a", (char *)"b\"c"};
    json_t *a = strata__json_strings(v, 2);
    char *got = strata__json_dump(a);

    (void)state;
    assert_string_equal(got, "[\"a\",\"b\\\"c\"]");
    free(got);
    json_decref(a);
    a = strata__json_strings(NULL, 0);
    got = strata__json_dump(a);
    assert_string_equal(got, "[]");
    free(got);
    json_decref(a);
}

/* Load text that must be refused; the message names what and, when the
 * text is malformed, where. */
static void check_bad(const char *text, const char *want_in_msg)
{
    strata_error err = {0};
    json_t *v = (json_t *)1;

    assert_int_equal(strata__json_load(&v, text, "row 3's detail", &err),
                     STRATA_ERR_PARSE);
    assert_null(v);
    assert_non_null(err.msg);
    if (!strstr(err.msg, "row 3's detail") || !strstr(err.msg, want_in_msg))
        fail_msg("'%s': message '%s' lacks '%s'", text, err.msg,
                 want_in_msg);
    strata__error_clear(&err);
}

static void test_json__load_refuses_malformed(void **state)
{
    (void)state;
    check_bad("", "not valid JSON");
    check_bad("{", "not valid JSON");
    check_bad("{\"a\":1,}", "line 1");
    check_bad("{\"a\" 1}", "column");
    check_bad("[1 2]", "not valid JSON");
    check_bad("{\"a\":1} x", "not valid JSON");  /* trailing text */
    check_bad("\"unterminated", "not valid JSON");
    check_bad("\"tab\there\"", "not valid JSON"); /* raw control char */
    check_bad("\"\\x\"", "not valid JSON");        /* unknown escape */
    check_bad("\"\\ud800\"", "not valid JSON");    /* lone surrogate */
    check_bad("\"\\u0000\"", "not valid JSON");    /* NUL in a string */
    check_bad("\"\xff\"", "not valid JSON");       /* not UTF-8 */
    check_bad("tru", "not valid JSON");
    check_bad("01", "not valid JSON");
    check_bad("{\"a\":1,\n\"b\":}", "line 2");
}

static void test_json__load_depth_limit(void **state)
{
    char deep[2 * (STRATA_JSON_MAX_DEPTH + 1) + 1];
    strata_error err = {0};
    json_t *v = NULL;
    size_t n = STRATA_JSON_MAX_DEPTH;

    (void)state;
    /* Exactly the limit is accepted... */
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    assert_int_equal(strata__json_load(&v, deep, "deep", &err), STRATA_OK);
    json_decref(v);
    /* ... one more level is not. */
    n++;
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    check_bad(deep, "deeper than 64");
}

static void test_json__load_reads_back(void **state)
{
    strata_error err = {0};
    json_t *v = NULL;
    const char *text = "{\"captured\":[{\"item\":2,\"sql\":\"CREATE INDEX "
                       "i ON t (\\\"a\\\")\\n\"}],\"s\":\"\\u00e9\\ud83d"
                       "\\ude00\"}";

    (void)state;
    assert_int_equal(strata__json_load(&v, text, "detail", &err), STRATA_OK);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(v, "captured"), 0),
                         "item")),
                     2);
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(v, "captured"), 0), "sql")),
        "CREATE INDEX i ON t (\"a\")\n");
    assert_string_equal(json_string_value(json_object_get(v, "s")),
                        "\xc3\xa9\xf0\x9f\x98\x80");
    json_decref(v);
    /* Any value may stand at the top. */
    assert_int_equal(strata__json_load(&v, " 42 ", "n", &err), STRATA_OK);
    assert_int_equal(json_integer_value(v), 42);
    json_decref(v);
}

/* A value built only to be written is freed by the dump (ASan checks). */
static void test_json__dump_new(void **state)
{
    char *got = strata__json_dump_new(json_pack("{s:s}", "prefix", "ab"));

    (void)state;
    assert_string_equal(got, "{\"prefix\":\"ab\"}");
    free(got);
    assert_null(strata__json_dump_new(NULL));
}

/* Reading back strata's own details: what cannot be read is NULL. */
static void test_json__load_quiet(void **state)
{
    char deep[2 * (STRATA_JSON_MAX_DEPTH + 1) + 1];
    size_t n = STRATA_JSON_MAX_DEPTH + 1;
    json_t *v = strata__json_load_quiet("{\"prefix\":\"ab\"}");

    (void)state;
    assert_string_equal(json_string_value(json_object_get(v, "prefix")),
                        "ab");
    json_decref(v);
    assert_null(strata__json_load_quiet(NULL));
    assert_null(strata__json_load_quiet("{\"captured\":["));
    assert_null(strata__json_load_quiet(""));
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    assert_null(strata__json_load_quiet(deep));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json__quotes_and_backslashes),
        cmocka_unit_test(test_json__control_characters),
        cmocka_unit_test(test_json__non_ascii),
        cmocka_unit_test(test_json__compact_in_order),
        cmocka_unit_test(test_json__strings_array),
        cmocka_unit_test(test_json__load_refuses_malformed),
        cmocka_unit_test(test_json__load_depth_limit),
        cmocka_unit_test(test_json__load_reads_back),
        cmocka_unit_test(test_json__dump_new),
        cmocka_unit_test(test_json__load_quiet),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
