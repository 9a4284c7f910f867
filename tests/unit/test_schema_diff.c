/* test_schema_diff.c - the normalised schema (sorted, read back from its
 * JSON) and strata__schema_diff over two of them: equal, one-sided and
 * changed objects, and the portable comparison across dialects. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture_schema.h"
#include "sql/schema.h"
#include "sql/schema_diff.h"

#define HEAD "{'format': 'strata-schema', 'version': 1, 'dialect': "
#define USERS                                                            \
    "{'name': 'users', 'columns': [{'name': 'id', 'type': 'integer', "   \
    "'notnull': true}, {'name': 'name', 'type': 'text'}], "              \
    "'constraints': [{'kind': 'primary key', 'name': 'users_pkey', "     \
    "'columns': ['id']}], 'indexes': [{'name': 'users_name', "           \
    "'keys': [{'column': 'name'}]}]}"
#define ORDERS                                                           \
    "{'name': 'orders', 'columns': [{'name': 'id', 'type': 'integer'}]}"

static char *dump(const strata_schema *s)
{
    json_t *doc = strata__schema_json(s);
    char *text;

    assert_non_null(doc);
    text = json_dumps(doc, 0);
    json_decref(doc);
    assert_non_null(text);
    return text;
}

static void test_schema__sorted_and_round_trip(void **state)
{
    strata_schema a, b, c;
    char *ta, *tb, *tc;

    (void)state;
    fx_schema_load(&a, HEAD "'sqlite', 'tables': [" USERS ", " ORDERS "]}");
    fx_schema_load(&b, HEAD "'sqlite', 'tables': [" ORDERS ", " USERS "]}");
    assert_string_equal(a.tables[0].name, "orders");
    ta = dump(&a);
    tb = dump(&b);
    assert_string_equal(ta, tb); /* order given does not matter */
    fx_schema_load(&c, ta); /* what it writes reads back the same */
    tc = dump(&c);
    assert_string_equal(tc, ta);
    free(ta);
    free(tb);
    free(tc);
    strata__schema_free(&a);
    strata__schema_free(&b);
    strata__schema_free(&c);
}

static void test_schema__bad_dump(void **state)
{
    strata_error err = {0};
    strata_schema s;
    json_t *doc = json_loads("{\"tables\": []}", 0, NULL);

    (void)state;
    assert_int_equal(strata__schema_from_json(doc, "x.json", &s, &err),
                     STRATA_ERR_PARSE);
    assert_non_null(strstr(err.msg, "x.json: not a strata schema dump"));
    strata__error_clear(&err);
    json_decref(doc);
}

static void test_diff__equal(void **state)
{
    strata_schema a, b;
    strata_schema_diff d;

    (void)state;
    fx_schema_load(&a, HEAD "'postgres', 'tables': [" USERS "]}");
    fx_schema_load(&b, HEAD "'postgres', 'tables': [" USERS "]}");
    assert_int_equal(strata__schema_diff(&a, &b, 0, &d), STRATA_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(d.portable, 0);
    assert_int_equal(d.nskipped, 0);
    strata__schema_diff_free(&d);
    strata__schema_free(&a);
    strata__schema_free(&b);
}

/* Find the change of kind and name, or fail. */
static const strata_schema_change *change(const strata_schema_diff *d,
                                          const char *kind, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->v[i].kind, kind) == 0 &&
            strcmp(d->v[i].name, name) == 0)
            return &d->v[i];
    fail_msg("no change for %s %s", kind, name);
    return NULL;
}

static void test_diff__objects(void **state)
{
    strata_schema a, b;
    strata_schema_diff d;
    const strata_schema_change *c;

    (void)state;
    fx_schema_load(&a, HEAD "'postgres', 'tables': [" USERS "], 'views': "
                  "[{'name': 'v', 'sql': 'CREATE VIEW v AS SELECT 1'}]}");
    /* users: index dropped, name is NOT NULL, a column added; orders
     * new; the view's text changed. */
    fx_schema_load(&b, HEAD "'postgres', 'tables': [" ORDERS ", "
                  "{'name': 'users', 'columns': [{'name': 'id', 'type': "
                  "'integer', 'notnull': true}, {'name': 'name', 'type': "
                  "'text', 'notnull': true}, {'name': 'nick', 'type': "
                  "'text'}], 'constraints': [{'kind': 'primary key', "
                  "'name': 'users_pkey', 'columns': ['id']}]}], "
                  "'views': [{'name': 'v', 'sql': 'CREATE VIEW v AS "
                  "SELECT 2'}]}");
    assert_int_equal(strata__schema_diff(&a, &b, 0, &d), STRATA_OK);
    assert_int_equal(d.n, 5);
    c = change(&d, "table", "orders");
    assert_string_equal(c->change, STRATA_DIFF_ONLY_B);
    assert_null(c->table);
    c = change(&d, "index", "users_name");
    assert_string_equal(c->change, STRATA_DIFF_ONLY_A);
    assert_string_equal(c->table, "users");
    assert_string_equal(c->a, "(name)");
    assert_null(c->b);
    c = change(&d, "column", "nick");
    assert_string_equal(c->change, STRATA_DIFF_ONLY_B);
    c = change(&d, "column", "name");
    assert_string_equal(c->change, STRATA_DIFF_DIFFERS);
    assert_string_equal(c->a, "text");
    assert_string_equal(c->b, "text NOT NULL");
    c = change(&d, "view", "v");
    assert_string_equal(c->change, STRATA_DIFF_DIFFERS);
    strata__schema_diff_free(&d);
    strata__schema_free(&a);
    strata__schema_free(&b);
}

static void test_diff__portable(void **state)
{
    strata_schema a, b;
    strata_schema_diff d;

    (void)state;
    /* Types and defaults are each engine's own; a MySQL prefix key
     * keys its column; a view is skipped; nullability counts. */
    fx_schema_load(&a, HEAD "'sqlite', 'tables': [" USERS "]}");
    fx_schema_load(&b, HEAD "'mysql', 'tables': [{'name': 'users', 'columns': "
                  "[{'name': 'id', 'type': 'int', 'notnull': true}, "
                  "{'name': 'name', 'type': 'longtext', 'default': "
                  "'\\'x\\''}], 'constraints': [{'kind': 'primary key', "
                  "'name': 'users_pkey', 'columns': ['id']}], 'indexes': "
                  "[{'name': 'users_name', 'keys': [{'expr': "
                  "'name(3072)'}]}, {'name': 'PRIMARY', 'unique': true, "
                  "'constraint': true, 'keys': [{'column': 'id'}]}]}], "
                  "'views': [{'name': 'v', 'sql': 'x'}]}");
    assert_int_equal(strata__schema_diff(&a, &b, 0, &d), STRATA_OK);
    assert_int_equal(d.portable, 1);
    assert_int_equal(d.n, 0);
    assert_true(d.nskipped > 0);
    assert_string_equal(d.skipped[0], "column types");
    strata__schema_diff_free(&d);
    b.tables[0].columns[1].notnull = 1;
    assert_int_equal(strata__schema_diff(&a, &b, 0, &d), STRATA_OK);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.v[0].name, "name");
    assert_string_equal(d.v[0].a, "NULL");
    assert_string_equal(d.v[0].b, "NOT NULL");
    strata__schema_diff_free(&d);
    strata__schema_free(&a);
    strata__schema_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema__sorted_and_round_trip),
        cmocka_unit_test(test_schema__bad_dump),
        cmocka_unit_test(test_diff__equal),
        cmocka_unit_test(test_diff__objects),
        cmocka_unit_test(test_diff__portable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
