/* test_autogen.c - the statement writer of `revision --autogenerate`
 * (strata__autogen): order, portable text the parser reads back, dialect
 * sections where a type or an expression is the engine's own, review
 * comments, and the expression clean-up (strata__autogen_expr). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture_schema.h"
#include "sql/autogen.h"
#include "sql/op.h"
#include "sql/parser.h"

#define HEAD "{'format': 'strata-schema', 'version': 1, 'dialect': 'pg', "
#define ID "{'name': 'id', 'type': 'integer', 'notnull': true, 'pk': 1}"
#define PKEY(t)                                                          \
    "{'kind': 'primary key', 'name': '" t "_pkey', 'columns': ['id']}"
#define USERS_COLS(more)                                                 \
    "{'name': 'users', 'columns': [" ID ", {'name': 'email', "           \
    "'type': 'text'}" more "], 'constraints': [" PKEY("users") "]"
#define USERS USERS_COLS("") "}"

/* The +up from a to b, the options given (NULL: plain); *g filled. */
static void gen(const char *a, const char *b, const strata_autogen_opts *o,
                strata_autogen *g)
{
    static const strata_autogen_opts plain = {"up", "", NULL, NULL, NULL,
                                              NULL, NULL};
    strata_schema sa, sb;

    fx_schema_load(&sa, a);
    fx_schema_load(&sb, b);
    memset(g, 0, sizeof *g);
    assert_int_equal(strata__autogen(&sa, &sb, o ? o : &plain, g),
                     STRATA_OK);
    strata__schema_free(&sa);
    strata__schema_free(&sb);
}

/* Every statement of the text's generic sections is one the parser
 * reads as a portable operation (none falls back to raw SQL). */
static void all_portable(const char *text)
{
    char *t = strdup(text), *line, *save = NULL;
    int generic = 0;

    assert_non_null(t);
    for (line = strtok_r(t, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        strata_error err = {0};
        strata_op *op = NULL;

        if (strncmp(line, "-- +", 4) == 0) {
            generic = strcmp(line, "-- +up") == 0 ||
                      strcmp(line, "-- +down") == 0;
            continue;
        }
        if (!generic || strncmp(line, "--", 2) == 0)
            continue;
        assert_true(n > 0 && line[n - 1] == ';');
        line[n - 1] = '\0';
        assert_int_equal(strata__parse_op(&op, "t.sql", line, 1, 1, &err),
                         STRATA_OK);
        if (!op)
            fail_msg("not portable: %s", line);
        strata__op_free(op);
    }
    free(t);
}

/* first and then second, both in t. */
static void before(const char *t, const char *first, const char *second)
{
    const char *a = strstr(t, first), *b = strstr(t, second);

    if (!a || !b || a > b)
        fail_msg("not '%s' then '%s' in:\n%s", first, second, t);
}

static void test_autogen__equal_writes_nothing(void **state)
{
    strata_autogen g;

    (void)state;
    gen(HEAD "'tables': [" USERS "]}", HEAD "'tables': [" USERS "]}", NULL,
        &g);
    assert_int_equal(g.nchanges, 0);
    assert_int_equal(g.text.len, 0);
    strata__autogen_free(&g);
}

/* A new table referencing another new one: both created, then the
 * foreign key, so the order of the names does not matter. */
static void test_autogen__new_tables_then_foreign_keys(void **state)
{
    strata_autogen g;
    const char *t, *fk;

    (void)state;
    gen(HEAD "'tables': []}",
        HEAD "'tables': [{'name': 'a_orders', 'columns': [" ID ", "
             "{'name': 'user_id', 'type': 'integer'}], 'constraints': ["
             PKEY("a_orders") ", {'kind': 'foreign key', 'name': "
             "'a_orders_user_id_fkey', 'columns': ['user_id'], "
             "'ref_table': 'users', 'ref_columns': ['id'], "
             "'on_delete': 'CASCADE'}], 'indexes': [{'name': "
             "'a_orders_user', 'keys': [{'column': 'user_id', 'desc': "
             "true}]}]}, " USERS "]}",
        NULL, &g);
    t = g.text.data;
    assert_non_null(t);
    assert_int_equal(strncmp(t, "-- +up\n", 7), 0);
    fk = "ALTER TABLE a_orders ADD CONSTRAINT a_orders_user_id_fkey FOREIGN "
         "KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;";
    before(t, "CREATE TABLE a_orders (", fk);
    before(t, "CREATE TABLE users (", fk);
    assert_non_null(strstr(t, "CREATE INDEX a_orders_user ON a_orders "
                              "(user_id DESC);"));
    assert_int_equal(g.nchanges, 4);
    assert_int_equal(g.underivable, 0); /* strata derives its undo */
    all_portable(t);
    strata__autogen_free(&g);
}

/* Every change to a table on both sides, in the portable forms. */
static void test_autogen__changed_table(void **state)
{
    strata_autogen g;
    const char *t;

    (void)state;
    gen(HEAD "'tables': [" USERS_COLS(
            ", {'name': 'age', 'type': 'integer'}, {'name': 'status', "
            "'type': 'text'}, {'name': 'n', 'type': 'integer'}")
             ", 'indexes': [{'name': 'users_email', 'keys': [{'column': "
             "'email'}]}]}]}",
        HEAD "'tables': [" USERS_COLS(
            ", {'name': 'status', 'type': 'text', 'notnull': true, "
            "'default': '\\u0027new\\u0027::text'}, {'name': 'n', 'type': "
            "'bigint'}, {'name': 'nick', 'type': 'text'}")
             ", 'constraints': [" PKEY("users") ", {'kind': 'unique', "
             "'name': 'users_email_key', 'columns': ['email']}, {'kind': "
             "'check', 'name': 'users_n_check', 'check': 'n > 0'}]}]}",
        NULL, &g);
    t = g.text.data;
    assert_non_null(t);
    assert_non_null(strstr(t, "DROP INDEX users_email ON users;\n"));
    assert_non_null(strstr(t, "ALTER TABLE users DROP COLUMN age;\n"));
    assert_non_null(strstr(t, "ALTER TABLE users ALTER COLUMN status SET "
                              "DEFAULT 'new';\n")); /* the cast dropped */
    assert_non_null(strstr(t, "ALTER TABLE users ALTER COLUMN status SET "
                              "NOT NULL;\n"));
    assert_non_null(strstr(t, "ALTER TABLE users ALTER COLUMN n TYPE "
                              "bigint;\n"));
    assert_non_null(strstr(t, "ALTER TABLE users ADD COLUMN nick text;\n"));
    assert_non_null(strstr(t, "ALTER TABLE users ADD CONSTRAINT "
                              "users_email_key UNIQUE (email);\n"));
    assert_non_null(strstr(t, "ALTER TABLE users ADD CONSTRAINT "
                              "users_n_check CHECK (n > 0);\n"));
    /* age is an integer, nick text: no rename to suspect */
    assert_null(strstr(t, "-- review:"));
    assert_int_equal(g.underivable, 1); /* a drop and a type change */
    all_portable(t);
    strata__autogen_free(&g);
}

/* A drop beside an add of the same type, of a column or a table: drop
 * plus add, with a review line naming the likely rename. */
static void test_autogen__renames_reviewed(void **state)
{
    strata_autogen g;
    const char *t;

    (void)state;
    gen(HEAD "'tables': [" USERS_COLS(", {'name': 'nick', 'type': 'TEXT'}")
             "}, {'name': 'old', 'columns': [" ID "]}]}",
        HEAD "'tables': [{'name': 'new', 'columns': [" ID "]}, "
             USERS_COLS(", {'name': 'handle', 'type': 'text'}") "}]}",
        NULL, &g);
    t = g.text.data;
    before(t, "-- review: users.nick is dropped and handle added with the "
              "same type",
           "ALTER TABLE users DROP COLUMN nick;");
    before(t, "-- review: table old is dropped and new created with the "
              "same columns",
           "DROP TABLE old;");
    all_portable(t);
    strata__autogen_free(&g);
}

/* Dropped tables go after the ones that reference them. */
static void test_autogen__drop_order(void **state)
{
    strata_autogen g;

    (void)state;
    gen(HEAD "'tables': [{'name': 'a', 'columns': [" ID "]}, {'name': 'b', "
             "'columns': [" ID ", {'name': 'a_id', 'type': 'integer'}], "
             "'constraints': [{'kind': 'foreign key', 'name': 'b_a_id_fkey', "
             "'columns': ['a_id'], 'ref_table': 'a', 'ref_columns': "
             "['id']}]}]}",
        HEAD "'tables': []}", NULL, &g);
    before(g.text.data, "DROP TABLE b;", "DROP TABLE a;");
    strata__autogen_free(&g);
}

static int kept_upper(void *payload, int kind, const char *type)
{
    (void)payload;
    (void)kind;
    return strcmp(type, "varchar(9)") != 0; /* the driver writes VARCHAR */
}

static int one_family(void *payload, const char *a, const char *b)
{
    (void)payload;
    return (strcmp(a, "integer") == 0 && strcmp(b, "int4") == 0) ||
           (strcmp(a, "int4") == 0 && strcmp(b, "integer") == 0);
}

/* A type the driver would spell otherwise: the target's section, and
 * the same text for the others; an expression in the engine's own
 * syntax: the target's section alone; a type of the same family: a
 * review line, no ALTER TYPE. */
static void test_autogen__dialect_sections(void **state)
{
    strata_autogen_opts o = {"down",     "sqlite,mysql", kept_upper,
                             one_family, NULL,           NULL,
                             NULL};
    strata_autogen g;
    const char *t;

    (void)state;
    gen(HEAD "'tables': [" USERS_COLS(", {'name': 'n', 'type': 'integer'}")
             "}]}",
        HEAD "'tables': [" USERS_COLS(
            ", {'name': 'n', 'type': 'int4'}, {'name': 'code', 'type': "
            "'varchar(9)'}, {'name': 'at', 'type': 'text', 'default': "
            "'now()::text'}") "}]}",
        &o, &g);
    t = g.text.data;
    assert_non_null(t);
    assert_non_null(strstr(t, "-- +down pg\nALTER TABLE users ADD COLUMN "
                              "code varchar(9);\n"));
    assert_non_null(strstr(t, "-- +down sqlite,mysql\nALTER TABLE users "
                              "ADD COLUMN code varchar(9);\n"));
    assert_non_null(strstr(t, "ALTER TABLE users ADD COLUMN at text DEFAULT "
                              "now()::text;\n"));
    assert_null(strstr(t, "-- +down sqlite,mysql\nALTER TABLE users ADD "
                          "COLUMN at"));
    assert_non_null(strstr(t, "-- review: users.n is declared int4, not "
                              "integer: one type family"));
    assert_null(strstr(t, "TYPE int4"));
    assert_int_equal(g.underivable, 1); /* the own section */
    strata__autogen_free(&g);
}

static int mysql_declares(void *payload, int kind, const char *type,
                          const char *engine)
{
    (void)payload;
    (void)kind;
    return strcmp(type, "timestamp") == 0 &&
           strcmp(engine, "datetime(6)") == 0;
}

static int mysql_kept(void *payload, int kind, const char *type)
{
    (void)payload;
    (void)kind;
    return strcmp(type, "text") != 0; /* declared longtext */
}

static char *mysql_serial(void *payload, const char *s)
{
    (void)payload;
    return strcmp(s, "serial") == 0 ? strdup("int NOT NULL AUTO_INCREMENT")
                                    : NULL;
}

/* The engine's spelling of a portable type is written portable; an
 * auto-numbered column is serial for the other engines and as the
 * target's driver declares serial in its own section. */
static void test_autogen__engine_spellings(void **state)
{
    strata_autogen_opts o = {"up",  "postgres",   mysql_kept, NULL,
                             mysql_serial, mysql_declares, NULL};
    strata_autogen g;
    const char *t;

    (void)state;
    gen(HEAD "'tables': []}",
        HEAD "'tables': [{'name': 'ev', 'columns': [{'name': 'id', 'type': "
             "'int', 'notnull': true, 'pk': 1, 'autoincrement': true}, "
             "{'name': 'at', 'type': 'datetime(6)'}, {'name': 'body', "
             "'type': 'text'}]}]}",
        &o, &g);
    t = g.text.data;
    assert_non_null(t);
    assert_non_null(strstr(t, "-- +up pg\nCREATE TABLE ev (id int NOT NULL "
                              "AUTO_INCREMENT, at datetime(6), body "
                              "text);\n"));
    assert_non_null(strstr(t, "-- +up postgres\nCREATE TABLE ev (id serial "
                              "NOT NULL, at timestamp, body text);\n"));
    strata__autogen_free(&g);
}

/* Views, triggers and sequences are the engine's text, in its section. */
static void test_autogen__engine_objects(void **state)
{
    strata_autogen g;
    const char *t;

    (void)state;
    gen(HEAD "'tables': [" USERS_COLS("") ", 'triggers': [{'name': 'tr', "
             "'sql': 'CREATE TRIGGER tr BEFORE INSERT ON users FOR EACH ROW "
             "EXECUTE FUNCTION f()'}]}], 'views': [{'name': 'v', 'sql': "
             "'CREATE VIEW v AS SELECT 1'}]}",
        HEAD "'tables': [" USERS "], 'views': [{'name': 'w', 'sql': "
             "'CREATE VIEW w AS SELECT 2'}], 'sequences': [{'name': 's', "
             "'sql': 'CREATE SEQUENCE s'}]}",
        NULL, &g);
    t = g.text.data;
    assert_non_null(t);
    {
        const char *want = "-- +up pg\nDROP VIEW v;\nDROP TRIGGER tr ON "
                           "users;\nCREATE SEQUENCE s;\n";

        assert_int_equal(strncmp(t, want, strlen(want)), 0);
    }
    assert_non_null(strstr(t, "CREATE VIEW w AS SELECT 2;\n"));
    assert_int_equal(g.nchanges, 4);
    strata__autogen_free(&g);
}

static void expr(const char *in, const char *want, int own)
{
    char *out = NULL;

    assert_int_equal(strata__autogen_expr(in, &out), own);
    assert_string_equal(out, want);
    free(out);
}

static void test_autogen__expressions(void **state)
{
    char *out = (char *)"x";

    (void)state;
    expr("`price` > 0", "price > 0", 0);
    expr("`select` > 0", "`select` > 0", 1); /* a keyword stays quoted */
    expr("'a''b'::character varying", "'a''b'", 0);
    expr("'2020-01-01'::timestamp without time zone", "'2020-01-01'", 0);
    expr("'{}'::numeric(10,2)[]", "'{}'", 0);
    expr("status::text = 'x'", "status::text = 'x'", 1);
    expr("'a::b'", "'a::b'", 0); /* inside a literal */
    expr("\"Odd`Name\" = 1", "\"Odd`Name\" = 1", 0);
    assert_int_equal(strata__autogen_expr(NULL, &out), 0);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_autogen__equal_writes_nothing),
        cmocka_unit_test(test_autogen__new_tables_then_foreign_keys),
        cmocka_unit_test(test_autogen__changed_table),
        cmocka_unit_test(test_autogen__renames_reviewed),
        cmocka_unit_test(test_autogen__drop_order),
        cmocka_unit_test(test_autogen__dialect_sections),
        cmocka_unit_test(test_autogen__engine_spellings),
        cmocka_unit_test(test_autogen__engine_objects),
        cmocka_unit_test(test_autogen__expressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
