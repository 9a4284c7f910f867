/* test_op.c - operations: portable SQL round trips, deep copies, derived
 * downgrades (captured definitions, irreversible kinds), derived names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "fixture_driver.h"
#include "sql/op.h"

/* --- helpers ------------------------------------------------------------ */

/* The ABI structs hold char *; the literals put there are never written. */
#define M(s) ((char *)(s))

static char *to_sql(const strata_op *op)
{
    strata_buf b = {0};

    assert_int_equal(strata__op_to_sql(op, &b), STRATA_OK);
    return strata__buf_take(&b);
}

static int str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int strv_eq(char *const *a, size_t na, char *const *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!str_eq(a[i], b[i]))
            return 0;
    return 1;
}

/* Equal field by field, except sql, line, column and online. */
static void assert_op_equal(const strata_op *a, const strata_op *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_true(str_eq(a->schema, b->schema));
    assert_true(str_eq(a->table, b->table));
    assert_true(str_eq(a->name, b->name));
    assert_true(str_eq(a->new_name, b->new_name));
    assert_int_equal(a->if_exists, b->if_exists);
    assert_int_equal(a->concurrently, b->concurrently);
    assert_true(str_eq(a->type, b->type));
    assert_true(str_eq(a->default_expr, b->default_expr));
    assert_int_equal(a->ncolumns, b->ncolumns);
    for (size_t i = 0; i < a->ncolumns; i++) {
        const strata_column *x = &a->columns[i], *y = &b->columns[i];

        assert_true(str_eq(x->name, y->name));
        assert_true(str_eq(x->type, y->type));
        assert_true(str_eq(x->default_expr, y->default_expr));
        assert_int_equal(x->notnull, y->notnull);
        assert_int_equal(x->pk, y->pk);
        assert_int_equal(x->generated, y->generated);
        assert_int_equal(x->autoincrement, y->autoincrement);
    }
    assert_int_equal(a->nconstraints, b->nconstraints);
    for (size_t i = 0; i < a->nconstraints; i++) {
        const strata_constraint *x = &a->constraints[i];
        const strata_constraint *y = &b->constraints[i];

        assert_int_equal(x->kind, y->kind);
        assert_true(str_eq(x->name, y->name));
        assert_int_equal(x->named, y->named);
        assert_true(strv_eq(x->columns, x->ncolumns, y->columns,
                            y->ncolumns));
        assert_true(str_eq(x->check, y->check));
        assert_true(str_eq(x->ref_table, y->ref_table));
        assert_true(strv_eq(x->ref_columns, x->nref_columns, y->ref_columns,
                            y->nref_columns));
        assert_true(str_eq(x->on_delete, y->on_delete));
        assert_true(str_eq(x->on_update, y->on_update));
        assert_int_equal(x->not_valid, y->not_valid);
    }
    assert_true((a->index == NULL) == (b->index == NULL));
    if (a->index) {
        const strata_index *x = a->index, *y = b->index;

        assert_true(str_eq(x->name, y->name));
        assert_true(str_eq(x->table, y->table));
        assert_int_equal(x->unique, y->unique);
        assert_true(str_eq(x->where, y->where));
        assert_int_equal(x->nkeys, y->nkeys);
        for (size_t i = 0; i < x->nkeys; i++) {
            assert_true(str_eq(x->keys[i].column, y->keys[i].column));
            assert_true(str_eq(x->keys[i].expr, y->keys[i].expr));
            assert_int_equal(x->keys[i].desc, y->keys[i].desc);
        }
    }
}

/* parse -> to_sql (== want when given) -> parse -> the same operation,
 * and to_sql of that gives the same text again. */
static void round_trip(const char *sql, const char *want)
{
    strata_op *a = fx_parse(sql), *b;
    char *text = to_sql(a), *again;

    if (want)
        assert_string_equal(text, want);
    b = fx_parse(text);
    assert_op_equal(a, b);
    again = to_sql(b);
    assert_string_equal(again, text);
    free(again);
    free(text);
    strata__op_free(a);
    strata__op_free(b);
}

/* --- to_sql ------------------------------------------------------------- */

static void test_op__to_sql_create_table(void **state)
{
    (void)state;
    round_trip("create table if not exists App.Users (Id serial primary "
               "key, email VARCHAR ( 255 ) not null unique, n numeric(10, "
               "2) default (1 + 2) check (n > 0))",
               "CREATE TABLE IF NOT EXISTS app.users (id serial PRIMARY "
               "KEY, email VARCHAR ( 255 ) NOT NULL UNIQUE, n "
               "numeric(10, 2) DEFAULT (1 + 2) CHECK (n > 0))");
    round_trip("CREATE TABLE m (a int, b text, c int,"
               " PRIMARY KEY (b, a), UNIQUE (a, c),"
               " CONSTRAINT m_c_pos CHECK (c > 0), CHECK (a < c),"
               " CHECK (a <> c),"
               " FOREIGN KEY (a, c) REFERENCES other (x, y) ON DELETE "
               "RESTRICT ON UPDATE SET NULL)",
               "CREATE TABLE m (a int, b text, c int, "
               "PRIMARY KEY (b, a), UNIQUE (a, c), CONSTRAINT m_c_pos "
               "CHECK (c > 0), CHECK (a < c), CHECK (a <> c), FOREIGN KEY "
               "(a, c) REFERENCES other (x, y) ON DELETE RESTRICT ON "
               "UPDATE SET NULL)");
    /* column-level constraints go back on their columns; a table-level
     * one on a single column reads back the same either way */
    round_trip("CREATE TABLE t (id int CONSTRAINT pk PRIMARY KEY, "
               "u int REFERENCES users ON DELETE CASCADE, "
               "q int CHECK (q > 0) CHECK (q < 9), UNIQUE (q))",
               "CREATE TABLE t (id int CONSTRAINT pk PRIMARY KEY, "
               "u int REFERENCES users ON DELETE CASCADE, q int CHECK "
               "(q > 0) CHECK (q < 9) UNIQUE)");
    /* order kept: a table-level CHECK before a one-column UNIQUE */
    round_trip("CREATE TABLE t (a int, CHECK (a > 0), UNIQUE (a))",
               "CREATE TABLE t (a int, CHECK (a > 0), UNIQUE (a))");
    /* a written name the derivation would collide with */
    round_trip("CREATE TABLE t (a int CHECK (a > 0), b int, "
               "CONSTRAINT t_a_check CHECK (a < 9))",
               "CREATE TABLE t (a int CHECK (a > 0), b int, CONSTRAINT "
               "t_a_check CHECK (a < 9))");
    /* names needing quotes, keywords as names, defaults with strings */
    round_trip("CREATE TABLE \"S\".\"My T\" (\"Key\" text DEFAULT 'a, (b', "
               "\"select\" int, \"x\"\"y\" int, \"order\" int NOT NULL "
               "DEFAULT 0)",
               "CREATE TABLE \"S\".\"My T\" (\"Key\" text DEFAULT "
               "'a, (b', \"select\" int, \"x\"\"y\" int, \"order\" int "
               "NOT NULL DEFAULT 0)");
    round_trip("CREATE TABLE t (at timestamp with time zone DEFAULT "
               "CURRENT_TIMESTAMP NOT NULL, d double precision)",
               "CREATE TABLE t (at timestamp with time zone NOT NULL "
               "DEFAULT CURRENT_TIMESTAMP, d double precision)");
}

static void test_op__to_sql_alter(void **state)
{
    (void)state;
    round_trip("DROP TABLE t", "DROP TABLE t");
    round_trip("drop table if exists s.\"T\"", "DROP TABLE IF EXISTS s.\"T\"");
    round_trip("ALTER TABLE t ADD state varchar(20) NOT NULL DEFAULT 'c'",
               "ALTER TABLE t ADD COLUMN state varchar(20) NOT NULL "
               "DEFAULT 'c'");
    round_trip("ALTER TABLE s.t ADD COLUMN IF NOT EXISTS c int UNIQUE "
               "CONSTRAINT c_fk REFERENCES r (id) ON DELETE SET NULL "
               "CHECK (c > 0)",
               "ALTER TABLE s.t ADD COLUMN IF NOT EXISTS c int UNIQUE "
               "CONSTRAINT c_fk REFERENCES r (id) ON DELETE SET NULL "
               "CHECK (c > 0)");
    round_trip("ALTER TABLE t DROP c", "ALTER TABLE t DROP COLUMN c");
    round_trip("ALTER TABLE t DROP IF EXISTS \"C\"",
               "ALTER TABLE t DROP COLUMN IF EXISTS \"C\"");
    round_trip("ALTER TABLE t RENAME a TO \"B\"",
               "ALTER TABLE t RENAME COLUMN a TO \"B\"");
    round_trip("ALTER TABLE t RENAME TO \"to\"",
               "ALTER TABLE t RENAME TO \"to\"");
    round_trip("ALTER TABLE t ALTER c SET NOT NULL",
               "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
    round_trip("ALTER TABLE t ALTER c DROP NOT NULL",
               "ALTER TABLE t ALTER COLUMN c DROP NOT NULL");
    round_trip("ALTER TABLE t ALTER c SET DEFAULT lower('A, (B)')",
               "ALTER TABLE t ALTER COLUMN c SET DEFAULT lower('A, (B)')");
    round_trip("ALTER TABLE t ALTER c DROP DEFAULT",
               "ALTER TABLE t ALTER COLUMN c DROP DEFAULT");
    round_trip("ALTER TABLE t ALTER c SET DATA TYPE NUMERIC(4, 1)",
               "ALTER TABLE t ALTER COLUMN c TYPE NUMERIC(4, 1)");
    round_trip("ALTER TABLE t ADD CHECK (a > 0)",
               "ALTER TABLE t ADD CHECK (a > 0)");
    round_trip("ALTER TABLE t ADD CONSTRAINT c CHECK (a IN ('x', 'y'))",
               "ALTER TABLE t ADD CONSTRAINT c CHECK (a IN ('x', 'y'))");
    round_trip("ALTER TABLE t ADD UNIQUE (a, b)",
               "ALTER TABLE t ADD UNIQUE (a, b)");
    round_trip("ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY (id)",
               "ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY (id)");
    round_trip("ALTER TABLE t ADD FOREIGN KEY (a, b) REFERENCES r (x, y) "
               "ON UPDATE CASCADE ON DELETE NO ACTION",
               "ALTER TABLE t ADD FOREIGN KEY (a, b) REFERENCES r (x, y) "
               "ON DELETE NO ACTION ON UPDATE CASCADE");
    round_trip("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_a_check",
               "ALTER TABLE t DROP CONSTRAINT IF EXISTS t_a_check");
}

static void test_op__to_sql_index(void **state)
{
    (void)state;
    round_trip("create unique index concurrently if not exists \"I\" on "
               "s.t (a asc, b DESC, (lower(c) || ',)'), upper(d) desc) "
               "where a is not null",
               "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"I\" ON "
               "s.t (a, b DESC, (lower(c) || ',)'), (upper(d)) DESC) "
               "WHERE a is not null");
    round_trip("CREATE INDEX i ON t (\"Key\")",
               "CREATE INDEX i ON t (\"Key\")");
    round_trip("DROP INDEX i", "DROP INDEX i");
    round_trip("DROP INDEX CONCURRENTLY IF EXISTS s.i",
               "DROP INDEX CONCURRENTLY IF EXISTS s.i");
    round_trip("DROP INDEX i ON t", "DROP INDEX i ON t");
}

/* Definitions captured from a catalog, not parsed: names the parser
 * would not derive are written out. */
static void test_op__to_sql_captured(void **state)
{
    char *cols[] = {M("a")}, *text;
    strata_constraint con = {.kind = STRATA_CON_UNIQUE, .name = M("uq_a"),
                             .columns = cols, .ncolumns = 1};
    strata_op op = {.kind = STRATA_OP_ADD_CONSTRAINT, .table = M("t"),
                    .name = M("uq_a"), .constraints = &con,
                    .nconstraints = 1};
    strata_index_key keys[] = {{.column = M("a"), .desc = 1},
                               {.expr = M("lower(b)")}};
    strata_index ix = {.name = M("ix"), .table = M("t"), .keys = keys,
                       .nkeys = 2, .where = M("a > 0"),
                       .sql = M("ignored")};
    strata_op cix = {.kind = STRATA_OP_CREATE_INDEX, .index = &ix};
    strata_op dflt = {.kind = STRATA_OP_SET_DEFAULT, .table = M("t"),
                      .name = M("c"), .default_expr = M("'x'::text")};

    (void)state;
    text = to_sql(&op);
    assert_string_equal(text, "ALTER TABLE t ADD CONSTRAINT uq_a UNIQUE (a)");
    free(text);
    con.name = M("t_a_key"); /* what the parser derives: left unwritten */
    op.name = M("t_a_key");
    text = to_sql(&op);
    assert_string_equal(text, "ALTER TABLE t ADD UNIQUE (a)");
    free(text);
    /* a CHECK is named after the one column it references, wherever
     * written: the derived name is left unwritten, another written */
    con = (strata_constraint){.kind = STRATA_CON_CHECK,
                              .name = M("t_a_check"), .columns = cols,
                              .ncolumns = 1, .check = M("a > 0")};
    text = to_sql(&op);
    assert_string_equal(text, "ALTER TABLE t ADD CHECK (a > 0)");
    free(text);
    con.name = M("t_check");
    text = to_sql(&op);
    assert_string_equal(text, "ALTER TABLE t ADD CONSTRAINT t_check "
                              "CHECK (a > 0)");
    free(text);
    /* the index's own name and table stand in for the operation's */
    text = to_sql(&cix);
    assert_string_equal(text, "CREATE INDEX ix ON t (a DESC, (lower(b))) "
                              "WHERE a > 0");
    free(text);
    text = to_sql(&dflt);
    assert_string_equal(text, "ALTER TABLE t ALTER COLUMN c SET DEFAULT "
                              "'x'::text");
    free(text);
    /* no name at all: the reader derives one */
    con = (strata_constraint){.kind = STRATA_CON_UNIQUE, .columns = cols,
                              .ncolumns = 1};
    op.name = NULL;
    text = to_sql(&op);
    assert_string_equal(text, "ALTER TABLE t ADD UNIQUE (a)");
    free(text);
    /* reserved words as names come back quoted, and read back */
    keys[0].column = M("user");
    keys[1].expr = M("\"order\" + 1");
    text = to_sql(&cix);
    assert_string_equal(text, "CREATE INDEX ix ON t (\"user\" DESC, "
                              "(\"order\" + 1)) WHERE a > 0");
    {
        strata_op *back = fx_parse(text);

        assert_string_equal(back->index->keys[0].column, "user");
        assert_string_equal(back->index->keys[1].expr, "\"order\" + 1");
        strata__op_free(back);
    }
    free(text);
    op.kind = 99;
    {
        strata_buf b = {0};

        assert_int_equal(strata__op_to_sql(&op, &b), STRATA_ERR_INVALID);
        strata__buf_free(&b);
    }
}

/* --- copy --------------------------------------------------------------- */

static void test_op__copy(void **state)
{
    static const char *const sqls[] = {
        "CREATE TABLE s.t (id serial PRIMARY KEY, a text DEFAULT 'x' "
        "UNIQUE, b int REFERENCES r (x) ON DELETE CASCADE ON UPDATE "
        "RESTRICT, CHECK (b > 0))",
        "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a DESC, (lower(b))) "
        "WHERE a > 0",
        "ALTER TABLE t RENAME a TO b",
        "ALTER TABLE t ALTER c SET DEFAULT 1",
        "ALTER TABLE t ALTER c TYPE text",
    };

    (void)state;
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        strata_op *a = fx_parse(sqls[i]), *b = NULL;

        a->online = 1;
        assert_int_equal(strata__op_copy(&b, a), STRATA_OK);
        assert_non_null(b);
        assert_ptr_equal(b->sql, a->sql);
        assert_int_equal(b->line, a->line);
        assert_int_equal(b->column, a->column);
        assert_int_equal(b->online, 1);
        assert_op_equal(a, b);
        /* deep: nothing shared but sql */
        assert_ptr_not_equal(b->table, a->table);
        if (a->ncolumns) {
            assert_ptr_not_equal(b->columns, a->columns);
            assert_ptr_not_equal(b->columns[0].name, a->columns[0].name);
        }
        if (a->nconstraints) {
            assert_ptr_not_equal(b->constraints[0].columns,
                                 a->constraints[0].columns);
            assert_ptr_not_equal(b->constraints[0].name,
                                 a->constraints[0].name);
        }
        if (a->index) {
            assert_ptr_not_equal(b->index, a->index);
            assert_ptr_not_equal(b->index->keys, a->index->keys);
        }
        strata__op_free(a); /* b must survive a */
        {
            char *text = to_sql(b);

            assert_non_null(text);
            free(text);
        }
        strata__op_free(b);
    }
    strata__op_free(NULL);
}

/* --- derived downgrades ------------------------------------------------- */

/* The inverse of up (parsed) given captured (parsed, or NULL), as SQL. */
static char *inverse_sql(const char *up_sql, const char *cap_sql)
{
    strata_op *up = fx_parse(up_sql);
    strata_op *cap = cap_sql ? fx_parse(cap_sql) : NULL;
    strata_op *inv = NULL;
    strata_error err = {0};
    char *text;

    up->line = 42;
    up->column = 3;
    if (strata__op_inverse(&inv, up, cap, &err) != STRATA_OK)
        fail_msg("inverse of %s: %s", up_sql, err.msg ? err.msg : "?");
    assert_null(err.msg);
    assert_non_null(inv);
    assert_null(inv->sql);
    assert_int_equal(inv->line, 42);
    assert_int_equal(inv->column, 3);
    text = to_sql(inv);
    strata__op_free(inv);
    strata__op_free(up);
    strata__op_free(cap);
    return text;
}

#define INVERSE(up, cap, want)                                             \
    do {                                                                   \
        char *t_ = inverse_sql(up, cap);                                   \
        assert_string_equal(t_, want);                                     \
        free(t_);                                                          \
    } while (0)

static void test_op__inverse(void **state)
{
    (void)state;
    INVERSE("CREATE TABLE s.t (a int)", NULL, "DROP TABLE s.t");
    INVERSE("CREATE TABLE IF NOT EXISTS t (a int)", NULL,
            "DROP TABLE IF EXISTS t");
    INVERSE("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0", NULL,
            "ALTER TABLE t DROP COLUMN c");
    INVERSE("ALTER TABLE t ADD COLUMN IF NOT EXISTS \"C\" int", NULL,
            "ALTER TABLE t DROP COLUMN IF EXISTS \"C\"");
    /* the table is known here, so MySQL needs no catalog lookup */
    INVERSE("CREATE INDEX i ON s.t (a)", NULL, "DROP INDEX i ON s.t");
    INVERSE("CREATE INDEX CONCURRENTLY i ON t (a)", NULL,
            "DROP INDEX CONCURRENTLY i ON t");
    INVERSE("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", NULL,
            "ALTER TABLE t DROP CONSTRAINT c");
    INVERSE("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES r", NULL,
            "ALTER TABLE t DROP CONSTRAINT t_a_fkey");
    INVERSE("ALTER TABLE t RENAME COLUMN a TO b", NULL,
            "ALTER TABLE t RENAME COLUMN b TO a");
    INVERSE("ALTER TABLE s.t RENAME TO u", NULL,
            "ALTER TABLE s.u RENAME TO t");
    INVERSE("ALTER TABLE t ALTER c SET NOT NULL", NULL,
            "ALTER TABLE t ALTER COLUMN c DROP NOT NULL");
    INVERSE("ALTER TABLE t ALTER c DROP NOT NULL", NULL,
            "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
}

static void test_op__inverse_online(void **state)
{
    strata_op *up = fx_parse("CREATE INDEX i ON t (a)"), *inv = NULL;
    strata_error err = {0};

    (void)state;
    up->online = 1; /* the planner chose an online build */
    assert_int_equal(strata__op_inverse(&inv, up, NULL, &err), STRATA_OK);
    assert_int_equal(inv->kind, STRATA_OP_DROP_INDEX);
    assert_int_equal(inv->online, 1);
    assert_int_equal(inv->concurrently, 0);
    assert_string_equal(inv->name, "i");
    assert_string_equal(inv->table, "t");
    assert_null(inv->index);
    strata__op_free(inv);
    strata__op_free(up);
}

static void test_op__inverse_captured(void **state)
{
    (void)state;
    /* defaults: the previous one, or none */
    INVERSE("ALTER TABLE t ALTER c SET DEFAULT 1",
            "ALTER TABLE t ALTER c SET DEFAULT 'old, (x)'",
            "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'old, (x)'");
    INVERSE("ALTER TABLE t ALTER c SET DEFAULT 1",
            "ALTER TABLE t ALTER c DROP DEFAULT",
            "ALTER TABLE t ALTER COLUMN c DROP DEFAULT");
    INVERSE("ALTER TABLE t ALTER c DROP DEFAULT",
            "ALTER TABLE t ALTER c SET DEFAULT now()",
            "ALTER TABLE t ALTER COLUMN c SET DEFAULT now()");
    /* drops: the definition read just before */
    INVERSE("DROP INDEX IF EXISTS i",
            "CREATE UNIQUE INDEX i ON t (a DESC, (lower(b))) WHERE a > 0",
            "CREATE UNIQUE INDEX i ON t (a DESC, (lower(b))) WHERE a > 0");
    INVERSE("DROP INDEX CONCURRENTLY i", "CREATE INDEX i ON t (a)",
            "CREATE INDEX CONCURRENTLY i ON t (a)");
    INVERSE("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_a_fkey",
            "ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES r (id) "
            "ON DELETE CASCADE",
            "ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES r (id) "
            "ON DELETE CASCADE");
    INVERSE("ALTER TABLE t DROP CONSTRAINT c",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a IN ('x', 'y'))",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a IN ('x', 'y'))");
}

static void inverse_fails(const char *up_sql, const char *cap_sql, int code,
                          const char *msg)
{
    strata_op *up = fx_parse(up_sql);
    strata_op *cap = cap_sql ? fx_parse(cap_sql) : NULL;
    strata_op *inv = (strata_op *)1;
    strata_error err = {0};

    assert_int_equal(strata__op_inverse(&inv, up, cap, &err), code);
    assert_null(inv);
    assert_int_equal(err.code, code);
    assert_non_null(err.msg);
    assert_string_equal(err.msg, msg);
    strata__error_clear(&err);
    strata__op_free(up);
    strata__op_free(cap);
}

static void test_op__inverse_refused(void **state)
{
    (void)state;
    inverse_fails("DROP TABLE s.users", NULL, STRATA_ERR_IRREVERSIBLE,
                  "drop table s.users cannot be undone automatically (its "
                  "data would be lost); write a '-- +down' section");
    inverse_fails("ALTER TABLE t DROP COLUMN c", NULL,
                  STRATA_ERR_IRREVERSIBLE,
                  "drop column t.c cannot be undone automatically (its "
                  "data would be lost); write a '-- +down' section");
    inverse_fails("ALTER TABLE t ALTER c TYPE bigint", NULL,
                  STRATA_ERR_IRREVERSIBLE,
                  "alter type t.c cannot be undone automatically (the old "
                  "type is not recorded); write a '-- +down' section");
    /* irreversible whatever was captured */
    inverse_fails("DROP TABLE t", "CREATE TABLE t (a int)",
                  STRATA_ERR_IRREVERSIBLE,
                  "drop table t cannot be undone automatically (its "
                  "data would be lost); write a '-- +down' section");
    inverse_fails("DROP INDEX i", NULL, STRATA_ERR_IRREVERSIBLE,
                  "drop index i: its definition was not recorded at "
                  "upgrade");
    inverse_fails("ALTER TABLE t DROP CONSTRAINT c", NULL,
                  STRATA_ERR_IRREVERSIBLE,
                  "drop constraint c: its definition was not recorded at "
                  "upgrade");
    inverse_fails("ALTER TABLE s.t ALTER c SET DEFAULT 1", NULL,
                  STRATA_ERR_IRREVERSIBLE,
                  "set default on s.t.c: the previous default was not "
                  "recorded at upgrade");
    inverse_fails("ALTER TABLE t ALTER c DROP DEFAULT", NULL,
                  STRATA_ERR_IRREVERSIBLE,
                  "drop default on t.c: the previous default was not "
                  "recorded at upgrade");
    inverse_fails("DROP INDEX i", "ALTER TABLE t ADD CHECK (a > 0)",
                  STRATA_ERR_INVALID,
                  "drop index i: the recorded definition is a add "
                  "constraint");
}

/* --- shape -------------------------------------------------------------- */

/* strata__op_check refuses op with STRATA_ERR_INVALID and message msg,
 * or (msg NULL) passes it. */
static void assert_check(const strata_op *op, const char *msg)
{
    strata_error err = {0};
    int rc = strata__op_check(op, &err);

    if (!msg) {
        if (rc != STRATA_OK)
            print_error("%s: %s\n", strata__op_kind_name(op->kind),
                        err.msg);
        assert_int_equal(rc, STRATA_OK);
    } else {
        assert_int_equal(rc, STRATA_ERR_INVALID);
        assert_string_equal(err.msg, msg);
    }
    strata__error_clear(&err);
}

static void test_op__check(void **state)
{
    strata_column col = {.name = M("a"), .type = M("int")};
    strata_column two[] = {{.name = M("a")}, {.name = M("b")}};
    strata_constraint con = {.kind = STRATA_CON_CHECK, .check = M("a > 0")};
    strata_constraint odd = {.kind = 9};
    strata_index_key empty_key = {0}, key = {.column = M("a")};
    strata_index ix = {.name = M("i"), .table = M("t"), .keys = &key,
                       .nkeys = 1};
    strata_index ix_empty_key = {.name = M("i"), .table = M("t"),
                                 .keys = &empty_key, .nkeys = 1};
    strata_index ix_no_key = {.name = M("i"), .table = M("t"),
                              .keys = &empty_key};
    strata_index ix_no_name = {.table = M("t"), .keys = &empty_key};
    strata_error err = {0};
    const char *const good[] = {
        "CREATE TABLE t (a int)", "DROP TABLE t", "ALTER TABLE t ADD a int",
        "ALTER TABLE t RENAME a TO b", "ALTER TABLE t RENAME TO u",
        "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
        "CREATE INDEX i ON t (a)", "DROP INDEX i",
        "ALTER TABLE t ALTER a SET DEFAULT 1",
        "ALTER TABLE t ALTER a TYPE bigint"};
    /* Operations built by hand, and what the check says (NULL: it
     * passes). */
    const struct {
        strata_op op;
        const char *msg;
    } cases[] = {
        {{.kind = 99, .table = M("t")}, "unknown operation kind 99"},
        {{.kind = STRATA_OP_DROP_COLUMN, .name = M("a")},
         "drop column: no table"},
        /* DROP INDEX finds its table later; CREATE INDEX may name it in
         * the index alone */
        {{.kind = STRATA_OP_DROP_INDEX, .name = M("i")}, NULL},
        {{.kind = STRATA_OP_CREATE_INDEX, .index = &ix}, NULL},
        {{.kind = STRATA_OP_CREATE_INDEX, .index = &ix_empty_key},
         "create index on t: a key is empty"},
        {{.kind = STRATA_OP_CREATE_INDEX, .index = &ix_no_key},
         "create index on t: no key"},
        {{.kind = STRATA_OP_CREATE_INDEX, .index = &ix_no_name},
         "create index on t: names nothing"},
        {{.kind = STRATA_OP_RENAME_COLUMN, .table = M("t"), .name = M("a")},
         "rename column on t: no new name"},
        {{.kind = STRATA_OP_RENAME_TABLE, .table = M("t"), .name = M("a")},
         "rename table on t: no new name"},
        {{.kind = STRATA_OP_DROP_CONSTRAINT, .table = M("t")},
         "drop constraint on t: names nothing"},
        /* ADD COLUMN: exactly one named column, as PostgreSQL's copy of
         * the check had it and SQLite's did not */
        {{.kind = STRATA_OP_ADD_COLUMN, .table = M("t"), .name = M("a")},
         "add column on t: needs exactly one column"},
        {{.kind = STRATA_OP_ADD_COLUMN, .table = M("t"), .name = M("a"),
          .columns = two, .ncolumns = 2},
         "add column on t: needs exactly one column"},
        {{.kind = STRATA_OP_ADD_COLUMN, .table = M("t"), .name = M("a"),
          .columns = &col, .ncolumns = 1},
         NULL},
        {{.kind = STRATA_OP_ADD_COLUMN, .table = M("t"), .name = M("a"),
          .columns = &col, .ncolumns = 1, .constraints = &odd,
          .nconstraints = 1},
         "add column on t: a constraint of unknown kind"},
        {{.kind = STRATA_OP_ADD_CONSTRAINT, .table = M("t"), .name = M("a"),
          .columns = &col, .ncolumns = 1},
         "add constraint on t: needs exactly one constraint"},
        {{.kind = STRATA_OP_ADD_CONSTRAINT, .table = M("t"), .name = M("a"),
          .columns = &col, .ncolumns = 1, .constraints = &con,
          .nconstraints = 1},
         NULL},
        {{.kind = STRATA_OP_CREATE_TABLE, .table = M("t"), .name = M("a")},
         "create table on t: no column"},
        {{.kind = STRATA_OP_SET_DEFAULT, .table = M("t"), .name = M("a")},
         "set default on t: no default"},
        {{.kind = STRATA_OP_ALTER_TYPE, .table = M("t"), .name = M("a"),
          .type = M("")},
         "alter type on t: no type"},
    };

    (void)state;
    /* what the parser makes passes */
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        strata_op *p = fx_parse(good[i]);

        if (strata__op_check(p, &err) != STRATA_OK)
            fail_msg("%s: %s", good[i], err.msg);
        strata__op_free(p);
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_check(&cases[i].op, cases[i].msg);
}

/* --- names -------------------------------------------------------------- */

static void assert_name_max(const char *table, const strata_constraint *c,
                            const char *const *taken, size_t n, size_t max,
                            const char *want)
{
    char *name = NULL;
    strata_strmap m;

    assert_int_equal(strata__strmap_init(&m, n), STRATA_OK);
    for (size_t i = 0; i < n; i++)
        strata__strmap_add(&m, taken[i], (long)i);
    assert_int_equal(strata__op_constraint_name(&name, table, c, NULL, &m, max),
                     STRATA_OK);
    strata__strmap_free(&m);
    assert_non_null(name);
    assert_string_equal(name, want);
    free(name);
}

static void assert_name_ctx(const char *table, const strata_constraint *c,
                            const strata_name_ctx *ctx, const char *want)
{
    char *name = NULL;
    strata_strmap m;

    assert_int_equal(strata__strmap_init(&m, 1), STRATA_OK);
    assert_int_equal(strata__op_constraint_name(&name, table, c, ctx, &m,
                                                STRATA_ABI_NAME_MAX),
                     STRATA_OK);
    strata__strmap_free(&m);
    assert_non_null(name);
    assert_string_equal(name, want);
    free(name);
}

static void assert_name(const char *table, const strata_constraint *c,
                        const char *const *taken, size_t n, const char *want)
{
    assert_name_max(table, c, taken, n, STRATA_ABI_NAME_MAX, want);
}

static void test_op__constraint_name(void **state)
{
    char *ab[] = {M("a"), M("b")}, *one[] = {M("a")};
    char *mb[] = {M("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9")};
    const char *taken[] = {"t_check", "t_check1", "t_a_b_key"};
    char table[64], want[80];
    strata_constraint pk = {.kind = STRATA_CON_PRIMARY_KEY, .columns = ab,
                            .ncolumns = 2};
    strata_constraint uq = {.kind = STRATA_CON_UNIQUE, .columns = ab,
                            .ncolumns = 2};
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY, .columns = ab,
                            .ncolumns = 2};
    strata_constraint ck = {.kind = STRATA_CON_CHECK,
                            .check = M("a < b")};
    strata_constraint cc = {.kind = STRATA_CON_CHECK, .columns = one,
                            .ncolumns = 1,
                            .check = M("length(\"a\") > 0 AND a::text "
                                       "<> 'x' COLLATE \"C\"")};
    strata_constraint c1 = {.kind = STRATA_CON_CHECK,
                            .check = M("B IS NOT NULL OR b > 0")};
    strata_constraint c0 = {.kind = STRATA_CON_CHECK,
                            .check = M("current_date > date '2020-01-01'")};
    strata_name_ctx keep = {.cols = ab, .ncols = 2, .keep_case = 1};
    strata_constraint um = {.kind = STRATA_CON_UNIQUE, .columns = mb,
                            .ncolumns = 1};

    (void)state;
    assert_name("t", &pk, NULL, 0, "t_pkey");
    assert_name("t", &uq, NULL, 0, "t_a_b_key");
    assert_name("t", &fk, NULL, 0, "t_a_b_fkey");
    /* a CHECK: after the one column its expression references
     * (PostgreSQL's AddRelationNewConstraints), wherever written */
    assert_name("t", &ck, NULL, 0, "t_check");
    assert_name("t", &cc, NULL, 0, "t_a_check");
    assert_name("t", &c1, NULL, 0, "t_b_check"); /* folded: one column */
    assert_name("t", &c0, NULL, 0, "t_check");   /* none */
    assert_name_ctx("t", &c1, &keep, "t_b_check"); /* the column's own */
    assert_name("t", &ck, taken, 3, "t_check2");
    assert_name("t", &uq, taken, 3, "t_a_b_key1");
    /* 40 bytes of table and 40 of column (20 two-byte letters) share
     * 63 - strlen("__key") = 58 bytes: 29 each, the column's cut back to
     * 28 so no UTF-8 sequence is split */
    memset(table, 'x', 40);
    table[40] = '\0';
    assert_name(table, &um, NULL, 0,
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_"
                "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                "_key");
    /* a 63-byte table: PRIMARY KEY keeps 58 bytes of it */
    memset(table, 'y', 63);
    table[63] = '\0';
    snprintf(want, sizeof want, "%.58s_pkey", table);
    assert_name(table, &pk, NULL, 0, want);
    /* an engine keeping 31 bytes (Firebird 3): 26 of them */
    snprintf(want, sizeof want, "%.26s_pkey", table);
    assert_name_max(table, &pk, NULL, 0, 31, want);
}

static void test_op__kind_name(void **state)
{
    static const char *const want[] = {
        NULL,           "create table",   "drop table",
        "add column",   "drop column",    "rename column",
        "rename table", "set not null",   "drop not null",
        "set default",  "drop default",   "alter type",
        "add constraint", "drop constraint", "create index",
        "drop index"};

    (void)state;
    for (int k = 1; k <= STRATA_OP_DROP_INDEX; k++)
        assert_string_equal(strata__op_kind_name(k), want[k]);
    assert_string_equal(strata__op_kind_name(0), "unknown operation");
    assert_string_equal(strata__op_kind_name(16), "unknown operation");
    assert_string_equal(strata__op_kind_name(-3), "unknown operation");
}

static void test_op__put_ident(void **state)
{
    static const struct {
        const char *name, *out;
    } cases[] = {
        {"users", "users"},     {"_a1$", "_a1$"},
        {"Users", "\"Users\""}, {"1a", "\"1a\""},
        {"a b", "\"a b\""},     {"x\"y", "\"x\"\"y\""},
        {"select", "\"select\""}, {"constraint", "\"constraint\""},
        {"if", "\"if\""},       {"", "\"\""},
        {"type", "\"type\""},   {"user", "\"user\""},
        {"status", "status"},
        {"\xc3\xa9", "\"\xc3\xa9\""},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strata_buf b = {0};

        assert_int_equal(strata__op_put_ident(&b, cases[i].name), STRATA_OK);
        assert_string_equal(b.data, cases[i].out);
        strata__buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_op__to_sql_create_table),
        cmocka_unit_test(test_op__to_sql_alter),
        cmocka_unit_test(test_op__to_sql_index),
        cmocka_unit_test(test_op__to_sql_captured),
        cmocka_unit_test(test_op__copy),
        cmocka_unit_test(test_op__inverse),
        cmocka_unit_test(test_op__inverse_online),
        cmocka_unit_test(test_op__inverse_captured),
        cmocka_unit_test(test_op__inverse_refused),
        cmocka_unit_test(test_op__check),
        cmocka_unit_test(test_op__constraint_name),
        cmocka_unit_test(test_op__kind_name),
        cmocka_unit_test(test_op__put_ident),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
