/* test_parser.c - the portable statements of docs/design.md §3: each form into
 * its operation, derived names, the raw fallback, hard errors with
 * positions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "sql/op.h"
#include "sql/parser.h"

/* --- helpers ------------------------------------------------------------ */

static strata_op *parse_at(const char *sql, unsigned line, unsigned col)
{
    strata_op *op = (strata_op *)1;
    strata_error err = {0};
    int rc = strata__parse_op(&op, "m.sql", sql, line, col, &err);

    if (rc != STRATA_OK)
        fail_msg("parse failed (%d): %s\n  in: %s", rc,
                 err.msg ? err.msg : "?", sql);
    assert_null(err.msg);
    if (!op)
        fail_msg("statement was raw: %s", sql);
    assert_ptr_equal(op->sql, sql);
    assert_int_equal(op->line, line);
    assert_int_equal(op->column, col);
    return op;
}

static strata_op *parse(const char *sql) { return parse_at(sql, 1, 1); }

/* The statement is not portable: STRATA_OK, no operation, no error. */
static void raw(const char *sql)
{
    strata_op *op = (strata_op *)1;
    strata_error err = {0};
    int rc = strata__parse_op(&op, "m.sql", sql, 3, 1, &err);

    if (rc != STRATA_OK || op)
        fail_msg("not raw (rc %d, %s): %s", rc,
                 op ? strata__op_kind_name(op->kind)
                    : err.msg ? err.msg : "?",
                 sql);
    assert_null(err.msg);
}

static void bad_at(const char *sql, unsigned line, unsigned col,
                   const char *msg)
{
    strata_op *op = (strata_op *)1;
    strata_error err = {0};
    int rc = strata__parse_op(&op, "m.sql", sql, line, col, &err);

    if (rc != STRATA_ERR_PARSE)
        fail_msg("rc %d (%s), want a parse error: %s", rc,
                 op ? strata__op_kind_name(op->kind) : "raw", sql);
    assert_null(op);
    assert_int_equal(err.code, STRATA_ERR_PARSE);
    assert_non_null(err.msg);
    assert_string_equal(err.msg, msg);
    strata__error_clear(&err);
}

static void bad(const char *sql, const char *msg) { bad_at(sql, 1, 1, msg); }

static void assert_str(const char *got, const char *want)
{
    if (!want) {
        if (got)
            fail_msg("got \"%s\", want NULL", got);
        return;
    }
    if (!got)
        fail_msg("got NULL, want \"%s\"", want);
    assert_string_equal(got, want);
}

/* v joined with ',' ("" for none), compared with want. */
static void assert_list(char *const *v, size_t n, const char *want)
{
    strata_buf b = {0};

    assert_int_equal(strata__buf_puts(&b, ""), STRATA_OK);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(v[i]);
        assert_int_equal(strata__buf_printf(&b, "%s%s", i ? "," : "", v[i]),
                         STRATA_OK);
    }
    assert_string_equal(b.data, want);
    strata__buf_free(&b);
}

static void assert_column(const strata_op *op, size_t i, const char *name,
                          const char *type, const char *dflt, int notnull,
                          int pk, int autoinc)
{
    const strata_column *c;

    assert_true(i < op->ncolumns);
    c = &op->columns[i];
    assert_str(c->name, name);
    assert_str(c->type, type);
    assert_str(c->default_expr, dflt);
    assert_int_equal(c->notnull, notnull);
    assert_int_equal(c->pk, pk);
    assert_int_equal(c->autoincrement, autoinc);
    assert_int_equal(c->generated, 0);
}

static void assert_con(const strata_op *op, size_t i, int kind,
                       const char *name, int named, const char *cols)
{
    const strata_constraint *c;

    assert_true(i < op->nconstraints);
    c = &op->constraints[i];
    assert_int_equal(c->kind, kind);
    assert_str(c->name, name);
    assert_int_equal(c->named, named);
    assert_list(c->columns, c->ncolumns, cols);
    assert_int_equal(c->not_valid, 0);
    if (kind != STRATA_CON_CHECK)
        assert_null(c->check);
    if (kind != STRATA_CON_FOREIGN_KEY) {
        assert_null(c->ref_table);
        assert_int_equal(c->nref_columns, 0);
        assert_null(c->on_delete);
        assert_null(c->on_update);
    }
}

static void assert_fk(const strata_op *op, size_t i, const char *ref,
                      const char *refcols, const char *del, const char *upd)
{
    const strata_constraint *c = &op->constraints[i];

    assert_int_equal(c->kind, STRATA_CON_FOREIGN_KEY);
    assert_str(c->ref_table, ref);
    assert_list(c->ref_columns, c->nref_columns, refcols);
    assert_str(c->on_delete, del);
    assert_str(c->on_update, upd);
}

/* Nothing set that the kind does not use. */
static void assert_bare(const strata_op *op, int kind)
{
    assert_int_equal(op->kind, kind);
    if (kind != STRATA_OP_CREATE_TABLE && kind != STRATA_OP_ADD_COLUMN) {
        assert_int_equal(op->ncolumns, 0);
        assert_null(op->columns);
    }
    if (kind != STRATA_OP_CREATE_TABLE && kind != STRATA_OP_ADD_COLUMN &&
        kind != STRATA_OP_ADD_CONSTRAINT)
        assert_int_equal(op->nconstraints, 0);
    if (kind != STRATA_OP_CREATE_INDEX)
        assert_null(op->index);
    if (kind != STRATA_OP_ALTER_TYPE)
        assert_null(op->type);
    if (kind != STRATA_OP_SET_DEFAULT)
        assert_null(op->default_expr);
    if (kind != STRATA_OP_RENAME_COLUMN && kind != STRATA_OP_RENAME_TABLE)
        assert_null(op->new_name);
    assert_int_equal(op->online, 0);
}

/* --- CREATE TABLE ------------------------------------------------------- */

static void test_parser__create_table(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("CREATE TABLE users (\n"
               "  id serial PRIMARY KEY,\n"
               "  email varchar(255) NOT NULL,\n"
               "  name text NULL,\n"
               "  n bigserial,\n"
               "  at timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL\n"
               ")");
    assert_bare(op, STRATA_OP_CREATE_TABLE);
    assert_null(op->schema);
    assert_str(op->table, "users");
    assert_null(op->name);
    assert_int_equal(op->if_exists, 0);
    assert_int_equal(op->ncolumns, 5);
    assert_column(op, 0, "id", "serial", NULL, 0, 1, 1);
    assert_column(op, 1, "email", "varchar(255)", NULL, 1, 0, 0);
    assert_column(op, 2, "name", "text", NULL, 0, 0, 0);
    assert_column(op, 3, "n", "bigserial", NULL, 0, 0, 1);
    assert_column(op, 4, "at", "timestamptz", "CURRENT_TIMESTAMP", 1, 0, 0);
    assert_int_equal(op->nconstraints, 1);
    assert_con(op, 0, STRATA_CON_PRIMARY_KEY, "users_pkey", 0, "id");
    strata__op_free(op);

    op = parse("create table if not exists App.T (A INT)");
    assert_int_equal(op->if_exists, 1);
    assert_str(op->schema, "app");
    assert_str(op->table, "t");
    assert_column(op, 0, "a", "INT", NULL, 0, 0, 0);
    assert_int_equal(op->nconstraints, 0);
    assert_null(op->constraints);
    strata__op_free(op);
}

static void test_parser__quoted_names(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("CREATE TABLE \"My Schema\".\"Order\"\"s\" (\"Key\" int, "
               "\"select\" text, \"a.b\" int)");
    assert_str(op->schema, "My Schema");
    assert_str(op->table, "Order\"s");
    assert_column(op, 0, "Key", "int", NULL, 0, 0, 0);
    assert_column(op, 1, "select", "text", NULL, 0, 0, 0);
    assert_column(op, 2, "a.b", "int", NULL, 0, 0, 0);
    strata__op_free(op);

    /* a quoted word is a name, never a keyword */
    op = parse("ALTER TABLE \"t\" DROP COLUMN \"if\"");
    assert_bare(op, STRATA_OP_DROP_COLUMN);
    assert_str(op->name, "if");
    assert_int_equal(op->if_exists, 0);
    strata__op_free(op);

    /* words that are keywords only somewhere else are names */
    op = parse("CREATE TABLE data (type text, value text, \"user\" text, "
               "status int, name text, date date, text text)");
    assert_str(op->table, "data");
    assert_column(op, 0, "type", "text", NULL, 0, 0, 0);
    assert_column(op, 1, "value", "text", NULL, 0, 0, 0);
    assert_column(op, 2, "user", "text", NULL, 0, 0, 0);
    assert_column(op, 5, "date", "date", NULL, 0, 0, 0);
    assert_column(op, 6, "text", "text", NULL, 0, 0, 0);
    strata__op_free(op);

    /* unquoted names fold; quoted ones differing only in case differ */
    op = parse("CREATE TABLE t (\"A\" int, a int)");
    assert_column(op, 0, "A", "int", NULL, 0, 0, 0);
    assert_column(op, 1, "a", "int", NULL, 0, 0, 0);
    strata__op_free(op);
}

static void test_parser__column_constraints(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("CREATE TABLE orders (\n"
               "  id bigint CONSTRAINT orders_id PRIMARY KEY,\n"
               "  code text UNIQUE NOT NULL,\n"
               "  user_id int REFERENCES users ON DELETE CASCADE,\n"
               "  org int CONSTRAINT fk_org REFERENCES app_orgs (id)\n"
               "      ON UPDATE SET NULL ON DELETE NO ACTION,\n"
               "  qty int CHECK (qty > 0) CHECK (qty < 100),\n"
               "  x int REFERENCES r(a) ON DELETE SET DEFAULT "
               "ON UPDATE RESTRICT\n"
               ")");
    assert_int_equal(op->ncolumns, 6);
    assert_column(op, 0, "id", "bigint", NULL, 0, 1, 0);
    assert_column(op, 1, "code", "text", NULL, 1, 0, 0);
    assert_column(op, 2, "user_id", "int", NULL, 0, 0, 0);
    assert_int_equal(op->nconstraints, 7);
    assert_con(op, 0, STRATA_CON_PRIMARY_KEY, "orders_id", 1, "id");
    assert_con(op, 1, STRATA_CON_UNIQUE, "orders_code_key", 0, "code");
    assert_con(op, 2, STRATA_CON_FOREIGN_KEY, "orders_user_id_fkey", 0,
               "user_id");
    assert_fk(op, 2, "users", "", "CASCADE", NULL);
    assert_con(op, 3, STRATA_CON_FOREIGN_KEY, "fk_org", 1, "org");
    assert_fk(op, 3, "app_orgs", "id", "NO ACTION", "SET NULL");
    assert_con(op, 4, STRATA_CON_CHECK, "orders_qty_check", 0, "qty");
    assert_str(op->constraints[4].check, "qty > 0");
    assert_con(op, 5, STRATA_CON_CHECK, "orders_qty_check1", 0, "qty");
    assert_str(op->constraints[5].check, "qty < 100");
    assert_con(op, 6, STRATA_CON_FOREIGN_KEY, "orders_x_fkey", 0, "x");
    assert_fk(op, 6, "r", "a", "SET DEFAULT", "RESTRICT");
    strata__op_free(op);
    /* a key's NOT NULL is as written (SQLite's text keys take NULL) */
    op = parse("CREATE TABLE k (id TEXT PRIMARY KEY)");
    assert_column(op, 0, "id", "TEXT", NULL, 0, 1, 0);
    strata__op_free(op);
    op = parse("CREATE TABLE k (id UUID NOT NULL PRIMARY KEY)");
    assert_column(op, 0, "id", "UUID", NULL, 1, 1, 0);
    strata__op_free(op);
}

static void test_parser__table_constraints(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("CREATE TABLE m (a int, b text, c int,\n"
               "  PRIMARY KEY (b, a),\n"
               "  UNIQUE (a, c),\n"
               "  CONSTRAINT m_c_pos CHECK (c > 0),\n"
               "  CHECK (a < c),\n"
               "  CHECK ((a + c) > (0)),\n"
               "  FOREIGN KEY (a, c) REFERENCES other (x, y) ON DELETE "
               "RESTRICT,\n"
               "  CONSTRAINT m_fk FOREIGN KEY (b) REFERENCES o2\n"
               ")");
    assert_column(op, 0, "a", "int", NULL, 0, 2, 0);
    assert_column(op, 1, "b", "text", NULL, 0, 1, 0);
    assert_column(op, 2, "c", "int", NULL, 0, 0, 0);
    assert_int_equal(op->nconstraints, 7);
    assert_con(op, 0, STRATA_CON_PRIMARY_KEY, "m_pkey", 0, "b,a");
    assert_con(op, 1, STRATA_CON_UNIQUE, "m_a_c_key", 0, "a,c");
    assert_con(op, 2, STRATA_CON_CHECK, "m_c_pos", 1, "");
    assert_str(op->constraints[2].check, "c > 0");
    assert_con(op, 3, STRATA_CON_CHECK, "m_check", 0, "");
    assert_str(op->constraints[3].check, "a < c");
    assert_con(op, 4, STRATA_CON_CHECK, "m_check1", 0, "");
    assert_str(op->constraints[4].check, "(a + c) > (0)");
    /* PostgreSQL 12 and later join every key column */
    assert_con(op, 5, STRATA_CON_FOREIGN_KEY, "m_a_c_fkey", 0, "a,c");
    assert_fk(op, 5, "other", "x,y", "RESTRICT", NULL);
    assert_con(op, 6, STRATA_CON_FOREIGN_KEY, "m_fk", 1, "b");
    assert_fk(op, 6, "o2", "", NULL, NULL);
    strata__op_free(op);

    /* a derived name steps aside for a written one, even a later one */
    op = parse("CREATE TABLE t (a int CHECK (a > 0), b int,"
               " CONSTRAINT t_a_check CHECK (a < 9))");
    assert_con(op, 0, STRATA_CON_CHECK, "t_a_check1", 0, "a");
    assert_con(op, 1, STRATA_CON_CHECK, "t_a_check", 1, "");
    strata__op_free(op);
}

static void test_parser__derived_name_length(void **state)
{
    /* 60 + 5 bytes of table, 40 of column: PostgreSQL shortens the longer
     * of the two until name_col_key fits in 63 bytes */
    char sql[512], table[64], col[64], want[64];
    strata_op *op;

    (void)state;
    memset(table, 't', 60);
    table[60] = '\0';
    memset(col, 'c', 40);
    col[40] = '\0';
    snprintf(sql, sizeof sql, "CREATE TABLE %s (%s int UNIQUE, z int, "
                              "CONSTRAINT x PRIMARY KEY (z))",
             table, col);
    op = parse(sql);
    /* 63 - strlen("_key") - 1 = 58 bytes for both: 29 + 29 */
    snprintf(want, sizeof want, "%.29s_%.29s_key", table, col);
    assert_int_equal(strlen(want), 63);
    assert_str(op->constraints[0].name, want);
    strata__op_free(op);

    /* PRIMARY KEY: the table name alone is cut */
    snprintf(sql, sizeof sql, "CREATE TABLE %s (a int PRIMARY KEY)", table);
    op = parse(sql);
    snprintf(want, sizeof want, "%.58s_pkey", table);
    assert_str(op->constraints[0].name, want);
    strata__op_free(op);
}

static void test_parser__types(void **state)
{
    static const struct {
        const char *written, *type;
    } cases[] = {
        /* kept as written: a dialect section runs it so */
        {"VARCHAR ( 20 )", "VARCHAR ( 20 )"},
        {"Double  Precision", "Double  Precision"},
        {"TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE"},
        {"timestamp(3)  without time zone",
         "timestamp(3)  without time zone"},
        {"time", "time"},
        {"NUMERIC(10, 2)", "NUMERIC(10, 2)"},
        {"numeric ( 10 ,2 )", "numeric ( 10 ,2 )"},
        {"character varying(30)", "character varying(30)"},
        {"bit varying", "bit varying"},
        {"BOOLEAN", "BOOLEAN"},
        {"UUID", "UUID"},
        {"json", "json"},
        {"my_domain", "my_domain"}, /* unknown names pass through */
        {"double", "double"},
        {"int8", "int8"},
    };
    char sql[256];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strata_op *op;

        snprintf(sql, sizeof sql, "CREATE TABLE t (c %s NOT NULL)",
                 cases[i].written);
        op = parse(sql);
        assert_column(op, 0, "c", cases[i].type, NULL, 1, 0, 0);
        strata__op_free(op);
        snprintf(sql, sizeof sql, "ALTER TABLE t ALTER c TYPE %s",
                 cases[i].written);
        op = parse(sql);
        assert_str(op->type, cases[i].type);
        strata__op_free(op);
    }
}

static void test_parser__expressions(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("CREATE TABLE t (\n"
               "  a text DEFAULT 'x, (y' NOT NULL,\n"
               "  b int DEFAULT (1 + (2 * 3)) CHECK (b IN (1, 2, (3))),\n"
               "  c text DEFAULT coalesce(NULL, 'a)b', ''''),\n"
               "  d int DEFAULT -1,\n"
               "  e text CHECK (e <> ')' AND length(e) > 0) DEFAULT 'q',\n"
               "  f text DEFAULT NULL,\n"
               "  g timestamp DEFAULT now() /* the time */ NOT NULL\n"
               ")");
    assert_column(op, 0, "a", "text", "'x, (y'", 1, 0, 0);
    assert_column(op, 1, "b", "int", "(1 + (2 * 3))", 0, 0, 0);
    assert_str(op->constraints[0].check, "b IN (1, 2, (3))");
    assert_column(op, 2, "c", "text", "coalesce(NULL, 'a)b', '''')", 0, 0, 0);
    assert_column(op, 3, "d", "int", "-1", 0, 0, 0);
    assert_column(op, 4, "e", "text", "'q'", 0, 0, 0);
    assert_str(op->constraints[1].check, "e <> ')' AND length(e) > 0");
    assert_column(op, 5, "f", "text", "NULL", 0, 0, 0);
    assert_column(op, 6, "g", "timestamp", "now()", 1, 0, 0);
    strata__op_free(op);

    /* a CHECK spanning lines keeps its text, comments and all */
    op = parse("ALTER TABLE t ADD CHECK (\n  a > 0 -- positive\n  AND b)");
    assert_str(op->constraints[0].check, "a > 0 -- positive\n  AND b");
    strata__op_free(op);
}

/* --- ALTER TABLE -------------------------------------------------------- */

static void test_parser__drop_table(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("DROP TABLE users");
    assert_bare(op, STRATA_OP_DROP_TABLE);
    assert_str(op->table, "users");
    assert_null(op->schema);
    assert_null(op->name);
    assert_int_equal(op->if_exists, 0);
    strata__op_free(op);
    op = parse("drop table if exists s.\"Users\"");
    assert_bare(op, STRATA_OP_DROP_TABLE);
    assert_str(op->schema, "s");
    assert_str(op->table, "Users");
    assert_int_equal(op->if_exists, 1);
    strata__op_free(op);
}

static void test_parser__add_column(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("ALTER TABLE signals ADD COLUMN state varchar(20) NOT NULL "
               "DEFAULT 'candidate'");
    assert_bare(op, STRATA_OP_ADD_COLUMN);
    assert_str(op->table, "signals");
    assert_str(op->name, "state");
    assert_int_equal(op->if_exists, 0);
    assert_int_equal(op->ncolumns, 1);
    assert_column(op, 0, "state", "varchar(20)", "'candidate'", 1, 0, 0);
    assert_int_equal(op->nconstraints, 0);
    strata__op_free(op);

    op = parse("alter table s.t add if not exists c int unique "
               "references r(id) on delete cascade check (c > 0)");
    assert_str(op->schema, "s");
    assert_str(op->name, "c");
    assert_int_equal(op->if_exists, 1);
    assert_column(op, 0, "c", "int", NULL, 0, 0, 0);
    assert_int_equal(op->nconstraints, 3);
    assert_con(op, 0, STRATA_CON_UNIQUE, "t_c_key", 0, "c");
    assert_con(op, 1, STRATA_CON_FOREIGN_KEY, "t_c_fkey", 0, "c");
    assert_fk(op, 1, "r", "id", "CASCADE", NULL);
    assert_con(op, 2, STRATA_CON_CHECK, "t_c_check", 0, "c");
    assert_str(op->constraints[2].check, "c > 0");
    strata__op_free(op);

    op = parse("ALTER TABLE t ADD COLUMN IF NOT EXISTS n bigserial "
               "CONSTRAINT n_uq UNIQUE");
    assert_int_equal(op->if_exists, 1);
    assert_column(op, 0, "n", "bigserial", NULL, 0, 0, 1);
    assert_con(op, 0, STRATA_CON_UNIQUE, "n_uq", 1, "n");
    strata__op_free(op);
}

static void test_parser__drop_column(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("ALTER TABLE t DROP COLUMN c");
    assert_bare(op, STRATA_OP_DROP_COLUMN);
    assert_str(op->table, "t");
    assert_str(op->name, "c");
    assert_int_equal(op->if_exists, 0);
    strata__op_free(op);
    op = parse("ALTER TABLE t DROP IF EXISTS \"C\"");
    assert_bare(op, STRATA_OP_DROP_COLUMN);
    assert_str(op->name, "C");
    assert_int_equal(op->if_exists, 1);
    strata__op_free(op);
    op = parse("ALTER TABLE t DROP COLUMN IF EXISTS c");
    assert_int_equal(op->if_exists, 1);
    strata__op_free(op);
}

static void test_parser__rename(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("ALTER TABLE t RENAME COLUMN a TO b");
    assert_bare(op, STRATA_OP_RENAME_COLUMN);
    assert_str(op->table, "t");
    assert_str(op->name, "a");
    assert_str(op->new_name, "b");
    strata__op_free(op);
    op = parse("ALTER TABLE t RENAME \"A\" TO \"B b\"");
    assert_bare(op, STRATA_OP_RENAME_COLUMN);
    assert_str(op->name, "A");
    assert_str(op->new_name, "B b");
    strata__op_free(op);
    op = parse("ALTER TABLE s.t RENAME TO u");
    assert_bare(op, STRATA_OP_RENAME_TABLE);
    assert_str(op->schema, "s");
    assert_str(op->table, "t");
    assert_null(op->name);
    assert_str(op->new_name, "u");
    strata__op_free(op);
}

static void test_parser__alter_column(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("ALTER TABLE t ALTER COLUMN c SET NOT NULL");
    assert_bare(op, STRATA_OP_SET_NOT_NULL);
    assert_str(op->table, "t");
    assert_str(op->name, "c");
    strata__op_free(op);
    op = parse("alter table t alter c drop not null");
    assert_bare(op, STRATA_OP_DROP_NOT_NULL);
    assert_str(op->name, "c");
    strata__op_free(op);
    op = parse("ALTER TABLE t ALTER c SET DEFAULT lower('A, (B)') || 'x'");
    assert_bare(op, STRATA_OP_SET_DEFAULT);
    assert_str(op->default_expr, "lower('A, (B)') || 'x'");
    strata__op_free(op);
    op = parse("ALTER TABLE t ALTER COLUMN c DROP DEFAULT");
    assert_bare(op, STRATA_OP_DROP_DEFAULT);
    assert_str(op->name, "c");
    strata__op_free(op);
    op = parse("ALTER TABLE t ALTER COLUMN c SET DATA TYPE Numeric(12,4)");
    assert_bare(op, STRATA_OP_ALTER_TYPE);
    assert_str(op->type, "Numeric(12,4)");
    strata__op_free(op);
    op = parse("ALTER TABLE t ALTER COLUMN c TYPE bigint");
    assert_bare(op, STRATA_OP_ALTER_TYPE);
    assert_str(op->name, "c");
    assert_str(op->type, "bigint");
    strata__op_free(op);
}

static void test_parser__add_constraint(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("ALTER TABLE signals ADD CONSTRAINT signals_state_check\n"
               "    CHECK (state IN ('candidate', 'verified', 'rejected'))");
    assert_bare(op, STRATA_OP_ADD_CONSTRAINT);
    assert_str(op->table, "signals");
    assert_str(op->name, "signals_state_check");
    assert_int_equal(op->nconstraints, 1);
    assert_con(op, 0, STRATA_CON_CHECK, "signals_state_check", 1, "");
    assert_str(op->constraints[0].check,
               "state IN ('candidate', 'verified', 'rejected')");
    strata__op_free(op);

    /* named after the one column it references, as PostgreSQL does */
    op = parse("ALTER TABLE t ADD CHECK (a > 0)");
    assert_str(op->name, "t_a_check");
    assert_con(op, 0, STRATA_CON_CHECK, "t_a_check", 0, "");
    strata__op_free(op);
    op = parse("ALTER TABLE t ADD UNIQUE (a, b)");
    assert_str(op->name, "t_a_b_key");
    assert_con(op, 0, STRATA_CON_UNIQUE, "t_a_b_key", 0, "a,b");
    strata__op_free(op);
    op = parse("ALTER TABLE t ADD PRIMARY KEY (id)");
    assert_str(op->name, "t_pkey");
    assert_con(op, 0, STRATA_CON_PRIMARY_KEY, "t_pkey", 0, "id");
    strata__op_free(op);
    op = parse("ALTER TABLE t ADD FOREIGN KEY (u) REFERENCES users");
    assert_str(op->name, "t_u_fkey");
    assert_con(op, 0, STRATA_CON_FOREIGN_KEY, "t_u_fkey", 0, "u");
    assert_fk(op, 0, "users", "", NULL, NULL);
    strata__op_free(op);
    op = parse("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a, b) "
               "REFERENCES r (x, y) ON DELETE SET NULL ON UPDATE CASCADE");
    assert_str(op->name, "fk");
    assert_con(op, 0, STRATA_CON_FOREIGN_KEY, "fk", 1, "a,b");
    assert_fk(op, 0, "r", "x,y", "SET NULL", "CASCADE");
    strata__op_free(op);
    op = parse("ALTER TABLE t ADD CONSTRAINT \"Uq\" UNIQUE (\"A\")");
    assert_con(op, 0, STRATA_CON_UNIQUE, "Uq", 1, "A");
    strata__op_free(op);
}

static void test_parser__drop_constraint(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("ALTER TABLE t DROP CONSTRAINT t_a_check");
    assert_bare(op, STRATA_OP_DROP_CONSTRAINT);
    assert_str(op->table, "t");
    assert_str(op->name, "t_a_check");
    assert_int_equal(op->if_exists, 0);
    strata__op_free(op);
    op = parse("ALTER TABLE t DROP CONSTRAINT IF EXISTS \"X\"");
    assert_str(op->name, "X");
    assert_int_equal(op->if_exists, 1);
    strata__op_free(op);
}

/* --- indexes ------------------------------------------------------------ */

static void assert_key(const strata_index *ix, size_t i, const char *col,
                       const char *expr, int desc)
{
    assert_true(i < ix->nkeys);
    assert_str(ix->keys[i].column, col);
    assert_str(ix->keys[i].expr, expr);
    assert_int_equal(ix->keys[i].desc, desc);
}

static void test_parser__create_index(void **state)
{
    strata_op *op;
    const strata_index *ix;

    (void)state;
    op = parse("CREATE INDEX CONCURRENTLY idx_signals_state_created_at\n"
               "    ON signals (state, created_at DESC)");
    assert_bare(op, STRATA_OP_CREATE_INDEX);
    assert_str(op->name, "idx_signals_state_created_at");
    assert_str(op->table, "signals");
    assert_int_equal(op->concurrently, 1);
    assert_int_equal(op->if_exists, 0);
    ix = op->index;
    assert_non_null(ix);
    assert_str(ix->name, "idx_signals_state_created_at");
    assert_str(ix->table, "signals");
    assert_int_equal(ix->unique, 0);
    assert_int_equal(ix->nkeys, 2);
    assert_key(ix, 0, "state", NULL, 0);
    assert_key(ix, 1, "created_at", NULL, 1);
    assert_null(ix->where);
    assert_int_equal(ix->invalid, 0);
    assert_int_equal(ix->constraint, 0);
    assert_null(ix->sql);
    strata__op_free(op);

    op = parse("create unique index if not exists \"I\" on s.t "
               "(a ASC, (lower(b) || ',)'), upper(c) DESC, "
               "coalesce(d, 0), \"E\") WHERE deleted_at IS NULL AND "
               "(a > 0)");
    assert_int_equal(op->concurrently, 0);
    assert_int_equal(op->if_exists, 1);
    assert_str(op->schema, "s");
    assert_str(op->table, "t");
    ix = op->index;
    assert_str(ix->name, "I");
    assert_int_equal(ix->unique, 1);
    assert_int_equal(ix->nkeys, 5);
    assert_key(ix, 0, "a", NULL, 0);
    assert_key(ix, 1, NULL, "lower(b) || ',)'", 0);
    assert_key(ix, 2, NULL, "upper(c)", 1);
    assert_key(ix, 3, NULL, "coalesce(d, 0)", 0);
    assert_key(ix, 4, "E", NULL, 0);
    assert_str(ix->where, "deleted_at IS NULL AND (a > 0)");
    strata__op_free(op);

    op = parse("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)");
    assert_int_equal(op->concurrently, 1);
    assert_int_equal(op->if_exists, 1);
    assert_int_equal(op->index->unique, 1);
    strata__op_free(op);
}

static void test_parser__drop_index(void **state)
{
    strata_op *op;

    (void)state;
    op = parse("DROP INDEX i");
    assert_bare(op, STRATA_OP_DROP_INDEX);
    assert_str(op->name, "i");
    assert_null(op->table);
    assert_null(op->schema);
    assert_int_equal(op->concurrently, 0);
    assert_int_equal(op->if_exists, 0);
    strata__op_free(op);
    op = parse("DROP INDEX CONCURRENTLY IF EXISTS s.\"I\"");
    assert_bare(op, STRATA_OP_DROP_INDEX);
    assert_str(op->schema, "s");
    assert_str(op->name, "I");
    assert_null(op->table);
    assert_int_equal(op->concurrently, 1);
    assert_int_equal(op->if_exists, 1);
    strata__op_free(op);
    op = parse("drop index i on t");
    assert_bare(op, STRATA_OP_DROP_INDEX);
    assert_str(op->name, "i");
    assert_str(op->table, "t");
    strata__op_free(op);
}

static void test_parser__position(void **state)
{
    const char *sql = "DROP TABLE t -- gone\n";
    strata_op *op;

    (void)state;
    op = parse_at(sql, 12, 7);
    assert_int_equal(op->line, 12);
    assert_int_equal(op->column, 7);
    strata__op_free(op);
    /* a stray terminator is tolerated */
    op = parse("DROP TABLE t;");
    assert_str(op->table, "t");
    strata__op_free(op);
}

/* --- raw ---------------------------------------------------------------- */

static void test_parser__raw_statements(void **state)
{
    (void)state;
    raw("");
    raw("-- just a comment");
    raw("INSERT INTO t (a) VALUES (1), (2)");
    raw("UPDATE t SET a = 1");
    raw("DELETE FROM t");
    raw("SELECT 1");
    raw("CREATE VIEW v AS SELECT 1");
    raw("CREATE OR REPLACE VIEW v AS SELECT 1");
    raw("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END");
    raw("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql");
    raw("CREATE SEQUENCE s");
    raw("CREATE SCHEMA s");
    raw("CREATE EXTENSION pgcrypto");
    raw("CREATE TYPE mood AS ENUM ('a', 'b')");
    raw("DROP VIEW v");
    raw("DROP SEQUENCE s");
    raw("ALTER SEQUENCE s RESTART");
    raw("ALTER INDEX i RENAME TO j");
    raw("COMMENT ON TABLE t IS 'x'");
    raw("GRANT SELECT ON t TO u");
    raw("PRAGMA foreign_keys = ON");
    raw("VACUUM");
    raw("SET search_path = x");
    raw("TRUNCATE t");
    raw("RENAME TABLE a TO b");
    /* an unterminated quote is the splitter's business */
    raw("CREATE TABLE t (a text DEFAULT 'x)");
}

static void test_parser__raw_create_table(void **state)
{
    (void)state;
    raw("CREATE TEMP TABLE t (a int)");
    raw("CREATE TEMPORARY TABLE t (a int)");
    raw("CREATE UNLOGGED TABLE t (a int)");
    raw("CREATE GLOBAL TEMPORARY TABLE t (a int)");
    raw("CREATE TABLE t AS SELECT 1");
    raw("CREATE TABLE t (LIKE u)");
    raw("CREATE TABLE t PARTITION OF u FOR VALUES IN (1)");
    raw("CREATE TABLE t (a int) WITHOUT ROWID");
    raw("CREATE TABLE t (a int) STRICT");
    raw("CREATE TABLE t (a int) ENGINE=InnoDB");
    raw("CREATE TABLE t (a int) PARTITION BY RANGE (a)");
    raw("CREATE TABLE t (a int) WITH (fillfactor = 70)");
    raw("CREATE TABLE t (a int) INHERITS (u)");
    raw("CREATE TABLE t (a text COLLATE \"C\")");
    raw("CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY)");
    raw("CREATE TABLE t (a int GENERATED ALWAYS AS (b + 1) STORED)");
    raw("CREATE TABLE t (a integer PRIMARY KEY AUTOINCREMENT)");
    raw("CREATE TABLE t (a int AUTO_INCREMENT PRIMARY KEY)");
    raw("CREATE TABLE t (a int IDENTITY(1,1))");
    raw("CREATE TABLE t (a int PRIMARY KEY ON CONFLICT REPLACE)");
    raw("CREATE TABLE t (a int UNIQUE ON CONFLICT IGNORE)");
    raw("CREATE TABLE t (a int PRIMARY KEY ASC)");
    raw("CREATE TABLE t (a int REFERENCES r DEFERRABLE INITIALLY DEFERRED)");
    raw("CREATE TABLE t (a int, FOREIGN KEY (a) REFERENCES r DEFERRABLE)");
    raw("CREATE TABLE t (a int REFERENCES r MATCH FULL)");
    raw("CREATE TABLE t (a int REFERENCES s.r)");
    raw("CREATE TABLE t (a int REFERENCES r ON DELETE SET NULL (a))");
    raw("CREATE TABLE t (a int COMMENT 'x')");
    raw("CREATE TABLE t (a varchar(10) CHARACTER SET utf8)");
    raw("CREATE TABLE t (a int UNSIGNED)");
    raw("CREATE TABLE t (a int[])");
    raw("CREATE TABLE t (a varchar(max))");
    raw("CREATE TABLE t (a enum('x', 'y'))");
    raw("CREATE TABLE t (a numeric(5.2))");
    raw("CREATE TABLE t (a pg_catalog.int4)");
    raw("CREATE TABLE t (a \"char\")");
    raw("CREATE TABLE t (a, b)");
    raw("CREATE TABLE t (a NOT NULL)");
    raw("CREATE TABLE t (a int DEFAULT 0 ON UPDATE CURRENT_TIMESTAMP)");
    raw("CREATE TABLE t (a timestamp DEFAULT now() ON UPDATE now())");
    raw("CREATE TABLE t (a int NULL NOT NULL)");
    raw("CREATE TABLE t (a int NOT NULL NULL)");
    raw("CREATE TABLE t (a int PRIMARY KEY NULL)");
    raw("CREATE TABLE t (a int DEFAULT 1 DEFAULT 2)");
    raw("CREATE TABLE t (a int DEFAULT)");
    raw("CREATE TABLE t (a int CONSTRAINT n NOT NULL)");
    raw("CREATE TABLE t (a int CONSTRAINT n DEFAULT 1)");
    raw("CREATE TABLE t (a int CHECK (a > 0) NO INHERIT)");
    raw("CREATE TABLE t (a int, CHECK (a > 0) NOT VALID)");
    raw("CREATE TABLE t (a int, KEY k (a))");
    raw("CREATE TABLE t (a int, INDEX (a))");
    raw("CREATE TABLE t (a int, UNIQUE KEY k (a))");
    raw("CREATE TABLE t (a int, UNIQUE INDEX (a))");
    raw("CREATE TABLE t (a int, UNIQUE NULLS NOT DISTINCT (a))");
    raw("CREATE TABLE t (a int, PRIMARY KEY (a) USING INDEX TABLESPACE x)");
    raw("CREATE TABLE t (a int, PRIMARY KEY (a DESC))");
    raw("CREATE TABLE t (a text, UNIQUE (a(10)))");
    raw("CREATE TABLE t (a int, FULLTEXT (a))");
    raw("CREATE TABLE t (a int, EXCLUDE USING gist (a WITH =))");
    raw("CREATE TABLE t (a int, CONSTRAINT x EXCLUDE (a WITH =))");
    raw("CREATE TABLE t (a int, FOREIGN KEY fk (a) REFERENCES r (id))");
    raw("CREATE TABLE `t` (`a` int)");
    raw("CREATE TABLE t (a text DEFAULT $$x, y$$)");
    raw("CREATE TABLE t (a text DEFAULT E'it\\'s')");
    raw("CREATE TABLE a.b.c (x int)");
    raw("CREATE TABLE \"\" (x int)");
    raw("CREATE TABLE t (a int,)");
    raw("CREATE TABLE IF t (a int)");
    /* PostgreSQL's reserved words are names only when quoted */
    raw("CREATE TABLE user (a int)");
    raw("CREATE TABLE t (select int)");
    raw("CREATE TABLE t (a int, order int)");
    raw("CREATE TABLE t (a int REFERENCES r (end))");
    raw("CREATE TABLE t (a int, b int, PRIMARY KEY (a, b), REFERENCES r)");
}

static void test_parser__raw_alter_and_index(void **state)
{
    (void)state;
    raw("ALTER TABLE IF EXISTS t ADD COLUMN c int");
    raw("ALTER TABLE ONLY t ADD COLUMN c int");
    raw("ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int");
    raw("ALTER TABLE t ADD (a int, b int)");
    raw("ALTER TABLE t ADD COLUMN c int PRIMARY KEY");
    raw("ALTER TABLE t ADD COLUMN c int FIRST");
    raw("ALTER TABLE t ADD COLUMN c int AFTER b");
    raw("ALTER TABLE t ADD COLUMN c serial GENERATED BY DEFAULT AS IDENTITY");
    raw("ALTER TABLE t ADD INDEX i (a)");
    raw("ALTER TABLE t ADD KEY i (a)");
    raw("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID");
    raw("ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i");
    raw("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES r "
        "NOT VALID");
    raw("ALTER TABLE t ADD CONSTRAINT x EXCLUDE (a WITH =)");
    raw("ALTER TABLE t DROP COLUMN c CASCADE");
    raw("ALTER TABLE t DROP COLUMN c RESTRICT");
    raw("ALTER TABLE t DROP CONSTRAINT c CASCADE");
    raw("ALTER TABLE t DROP PRIMARY KEY");
    raw("ALTER TABLE t DROP INDEX i");
    raw("ALTER TABLE t DROP FOREIGN KEY f");
    raw("ALTER TABLE t DROP CHECK c");
    raw("ALTER TABLE t RENAME CONSTRAINT a TO b");
    raw("ALTER TABLE t RENAME INDEX a TO b");
    raw("ALTER TABLE t RENAME AS u");
    raw("ALTER TABLE t RENAME TO s.u");
    raw("ALTER TABLE t ALTER COLUMN c TYPE int USING c::int");
    raw("ALTER TABLE t ALTER COLUMN c TYPE text COLLATE \"C\"");
    raw("ALTER TABLE t ALTER COLUMN c SET STATISTICS 100");
    raw("ALTER TABLE t ALTER COLUMN c DROP IDENTITY");
    raw("ALTER TABLE t ALTER COLUMN c ADD GENERATED ALWAYS AS IDENTITY");
    raw("ALTER TABLE t ALTER COLUMN c SET DEFAULT");
    raw("ALTER TABLE t ALTER c SET DEFAULT 1, ALTER d SET DEFAULT 2");
    raw("ALTER TABLE t ALTER c SET DEFAULT 1, ALGORITHM=INSTANT");
    raw("ALTER TABLE t ALTER c SET NOT NULL, ALTER d DROP NOT NULL");
    raw("ALTER TABLE t RENAME a TO b, RENAME c TO d");
    raw("ALTER TABLE t MODIFY c int");
    raw("ALTER TABLE t CHANGE c d int");
    raw("ALTER TABLE t OWNER TO u");
    raw("ALTER TABLE t VALIDATE CONSTRAINT c");
    raw("ALTER TABLE t ENGINE = InnoDB");
    raw("ALTER TABLE t ADD COLUMN c int, ALGORITHM=INPLACE, LOCK=NONE");
    raw("CREATE INDEX ON t (a)");
    raw("CREATE INDEX CONCURRENTLY ON t (a)");
    raw("CREATE INDEX i ON t USING gin (a)");
    raw("CREATE INDEX i USING BTREE ON t (a)");
    raw("CREATE INDEX i ON t (a) USING BTREE");
    raw("CREATE INDEX i ON ONLY t (a)");
    raw("CREATE INDEX i ON t (a) INCLUDE (b)");
    raw("CREATE INDEX i ON t (a) WITH (fillfactor = 70)");
    raw("CREATE INDEX i ON t (a) TABLESPACE x");
    raw("CREATE INDEX i ON t (a NULLS FIRST)");
    raw("CREATE INDEX i ON t (a COLLATE \"C\")");
    raw("CREATE INDEX i ON t (a text_pattern_ops)");
    raw("CREATE INDEX i ON t (name(10))");
    raw("CREATE INDEX i ON t (t.a)");
    raw("CREATE INDEX i ON t (a + b)");
    raw("CREATE INDEX i ON t (a) WHERE");
    raw("CREATE INDEX i ON t (a) WHERE a > 0, b");
    raw("CREATE INDEX s.i ON t (a)");
    raw("CREATE FULLTEXT INDEX i ON t (a)");
    raw("CREATE SPATIAL INDEX i ON t (a)");
    raw("CREATE INDEX i ON t (a) ALGORITHM=INPLACE");
    raw("CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT");
    raw("DROP TABLE a, b");
    raw("DROP TABLE t CASCADE");
    raw("DROP TEMPORARY TABLE t");
    raw("DROP INDEX i CASCADE");
    raw("DROP INDEX a, b");
    raw("DROP INDEX s.i ON t");
    raw("DROP INDEX i ON t ALGORITHM=INPLACE");
    raw("DROP TABLE IF t");
    raw("ALTER TABLE t ADD COLUMN order int");
    raw("ALTER TABLE t RENAME COLUMN a TO select");
    raw("CREATE INDEX i ON t (user)");
    raw("DROP INDEX from");
}

/* --- hard errors -------------------------------------------------------- */

static void test_parser__errors(void **state)
{
    (void)state;
    bad("CREATE TABLE t (a int", "m.sql:1:16: unbalanced parentheses: "
                                 "'(' is never closed");
    bad("CREATE TABLE t (a int CHECK ((a > 0), b int)",
        "m.sql:1:16: unbalanced parentheses: '(' is never closed");
    bad("CREATE TABLE t (a int))", "m.sql:1:23: unbalanced parentheses: "
                                   "')' has no matching '('");
    bad("ALTER TABLE t ADD CHECK (a > 0",
        "m.sql:1:25: unbalanced parentheses: '(' is never closed");
    bad("CREATE INDEX i ON t ((lower(a)", "m.sql:1:22: unbalanced "
                                          "parentheses: '(' is never "
                                          "closed");
    /* parentheses in strings, quoted names and comments do not count */
    bad("DROP TABLE t ) -- (", "m.sql:1:14: unbalanced parentheses: ')' "
                               "has no matching '('");
    bad("CREATE TABLE t ()", "m.sql:1:16: empty column list");
    bad("CREATE INDEX i ON t ()", "m.sql:1:21: empty column list");
    bad("ALTER TABLE t ADD UNIQUE ()", "m.sql:1:26: empty column list");
    bad("CREATE TABLE t (a int, PRIMARY KEY ())",
        "m.sql:1:36: empty column list");
    bad("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES r ()",
        "m.sql:1:48: empty column list");
    bad("CREATE TABLE t (a int, b text, a text)",
        "m.sql:1:32: column \"a\" specified more than once");
    bad("CREATE TABLE t (\"A\" int, \"A\" text)",
        "m.sql:1:26: column \"A\" specified more than once");
    bad("CREATE TABLE t (a int PRIMARY KEY, b int PRIMARY KEY)",
        "m.sql:1:42: multiple primary keys for table \"t\" are not allowed");
    bad("CREATE TABLE t (a int PRIMARY KEY, b int, PRIMARY KEY (b))",
        "m.sql:1:43: multiple primary keys for table \"t\" are not allowed");
    bad("CREATE TABLE t (a int, CONSTRAINT p PRIMARY KEY (a), "
        "CONSTRAINT q PRIMARY KEY (a))",
        "m.sql:1:67: multiple primary keys for table \"t\" are not allowed");
    bad("CREATE TABLE t (a int CHECK a > 0)",
        "m.sql:1:29: CHECK needs a parenthesised expression");
    bad("ALTER TABLE t ADD CONSTRAINT c CHECK",
        "m.sql:1:32: CHECK needs a parenthesised expression");
    bad("ALTER TABLE t ADD CHECK ()",
        "m.sql:1:25: CHECK needs a parenthesised expression");
    bad("ALTER TABLE t ADD COLUMN c int CHECK",
        "m.sql:1:32: CHECK needs a parenthesised expression");
    bad("ALTER TABLE t ADD FOREIGN KEY (a, b) REFERENCES r (x)",
        "m.sql:1:51: number of referencing and referenced columns for "
        "foreign key disagree");
    bad("CREATE TABLE t (a int REFERENCES r (x, y))",
        "m.sql:1:36: number of referencing and referenced columns for "
        "foreign key disagree");
}

/* A name of any length parses as written: limits are the dialects'
 * (sql/ident.c), none for SQLite. */
static void test_parser__long_names(void **state)
{
    char id[201], sql[400];
    strata_op *op;

    (void)state;
    memset(id, 'x', 200);
    id[200] = '\0';
    snprintf(sql, sizeof sql, "DROP TABLE %s", id);
    op = parse(sql);
    assert_string_equal(op->table, id);
    strata__op_free(op);
    snprintf(sql, sizeof sql, "CREATE TABLE t (a int, \"%s\" int)", id);
    op = parse(sql);
    assert_string_equal(op->columns[1].name, id);
    strata__op_free(op);
    snprintf(sql, sizeof sql, "CREATE INDEX %.64s ON t (a)", id);
    op = parse(sql);
    assert_int_equal(strlen(op->index->name), 64);
    strata__op_free(op);
    snprintf(sql, sizeof sql, "ALTER TABLE t ADD CONSTRAINT %s UNIQUE (a)",
             id);
    op = parse(sql);
    assert_string_equal(op->constraints[0].name, id);
    strata__op_free(op);
}

/* 100,000 columns, the last a repeat of the first: found and placed, and
 * a table key over all of them numbers each.  The checks use a hash of
 * the names (issue 13: they compared every pair, 20 s a verb); speed is
 * bench/wide_table.sh's, this is the answer at that size. */
static void test_parser__wide_table(void **state)
{
    enum { N = 100000 };
    strata_buf b = {0};
    strata_op *op;

    (void)state;
    strata__buf_puts(&b, "CREATE TABLE t (");
    for (int i = 0; i < N; i++)
        strata__buf_printf(&b, "c%d int,\n", i);
    strata__buf_puts(&b, "PRIMARY KEY (");
    for (int i = N - 1; i >= 0; i--)
        strata__buf_printf(&b, "c%d%s", i, i ? ", " : "))");
    assert_non_null(b.data);
    op = parse(b.data);
    assert_int_equal(op->ncolumns, N);
    assert_int_equal(op->columns[0].pk, N);
    assert_int_equal(op->columns[N - 1].pk, 1);
    assert_int_equal(op->columns[N / 2].pk, N - N / 2);
    assert_false(op->columns[N / 2].notnull); /* as written */
    strata__op_free(op);

    b.len = 0;
    strata__buf_puts(&b, "CREATE TABLE t (");
    for (int i = 0; i < N; i++)
        strata__buf_printf(&b, "c%d int,\n", i);
    strata__buf_puts(&b, "c0 text)");
    bad(b.data, "m.sql:100001:1: column \"c0\" specified more than once");
    strata__buf_free(&b);
}

static void test_parser__error_positions(void **state)
{
    (void)state;
    /* a statement at line 10 column 1, the error on its second line:
     * that token's own column */
    bad_at("CREATE TABLE t (a int,\n  a text)", 10, 1,
           "m.sql:11:3: column \"a\" specified more than once");
    bad_at("CREATE TABLE t (\n  a int,\n  a text\n)", 10, 1,
           "m.sql:12:3: column \"a\" specified more than once");
    bad_at("CREATE TABLE t (\n    id int PRIMARY KEY,\n"
           "    PRIMARY KEY (id))",
           10, 1,
           "m.sql:12:5: multiple primary keys for table \"t\" are not "
           "allowed");
    /* on the statement's first line the statement's column is added */
    bad_at("CREATE TABLE t ()", 4, 9, "m.sql:4:24: empty column list");
    bad_at("CREATE TABLE t (a int CHECK\n  a > 0)", 4, 9,
           "m.sql:5:3: CHECK needs a parenthesised expression");
    bad_at("ALTER TABLE t\n  ADD CHECK (a > 0", 7, 3,
           "m.sql:8:13: unbalanced parentheses: '(' is never closed");
}

/* Every prefix of long statements: an operation, raw or a parse error,
 * never a crash or a leak (the sanitizer and valgrind runs check). */
static void test_parser__prefixes(void **state)
{
    static const char *const sqls[] = {
        "CREATE TABLE IF NOT EXISTS s.\"T\" (id serial CONSTRAINT p "
        "PRIMARY KEY, a varchar ( 20 ) NOT NULL DEFAULT 'x, (y' UNIQUE, "
        "b int REFERENCES r (x) ON DELETE SET NULL ON UPDATE CASCADE "
        "CHECK (b > (0)), c timestamp(3) with time zone, UNIQUE (a, b), "
        "CONSTRAINT f FOREIGN KEY (b, c) REFERENCES q (x, y), CHECK (c))",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a DESC, "
        "(lower(b)), f(c, 'd)') ASC) WHERE a > 0 AND (b IS NULL)",
        "ALTER TABLE s.t ADD COLUMN IF NOT EXISTS c numeric(10,2) NOT NULL "
        "DEFAULT 0 CONSTRAINT u UNIQUE REFERENCES r(i) CHECK (c >= 0)",
        "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a, b) REFERENCES r "
        "(x, y) ON DELETE NO ACTION",
        "ALTER TABLE t ALTER COLUMN c SET DATA TYPE double precision",
        "DROP INDEX CONCURRENTLY IF EXISTS i ON t",
    };
    char buf[512];

    (void)state;
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        size_t len = strlen(sqls[i]);

        assert_true(len < sizeof buf);
        for (size_t n = 0; n <= len; n++) {
            strata_op *op = NULL;
            strata_error err = {0};
            int rc;

            memcpy(buf, sqls[i], n);
            buf[n] = '\0';
            rc = strata__parse_op(&op, "m.sql", buf, 1, 1, &err);
            if (rc != STRATA_OK && rc != STRATA_ERR_PARSE)
                fail_msg("rc %d for: %s", rc, buf);
            if (rc == STRATA_ERR_PARSE) {
                assert_null(op);
                assert_non_null(err.msg);
                assert_memory_equal(err.msg, "m.sql:1:", 8);
            } else {
                assert_null(err.msg);
            }
            if (op) {
                strata_buf b = {0};

                assert_int_equal(strata__op_to_sql(op, &b), STRATA_OK);
                strata__buf_free(&b);
            }
            strata__op_free(op);
            strata__error_clear(&err);
        }
    }
}

/* Unquoted names read as the dialect's engine reads them: kept as
 * written where it keeps them (SQLite, MySQL), else folded; derived
 * names follow, a CHECK's after the column it references. */
static void test_parser__name_case(void **state)
{
    const char *sql = "CREATE TABLE OrderItems (ItemId integer PRIMARY KEY, "
                      "\"Qty\" integer CHECK (Qty > 0))";
    strata_error err = {0};
    strata_op *op = NULL;

    (void)state;
    assert_int_equal(strata__parse_op_as(&op, "m.sql", sql, 1, 1,
                                         STRATA_NAME_KEEP_CASE, &err),
                     STRATA_OK);
    assert_non_null(op);
    assert_str(op->table, "OrderItems");
    assert_str(op->columns[0].name, "ItemId");
    assert_str(op->columns[1].name, "Qty");
    assert_con(op, 0, STRATA_CON_PRIMARY_KEY, "OrderItems_pkey", 0,
               "ItemId");
    assert_con(op, 1, STRATA_CON_CHECK, "OrderItems_Qty_check", 0, "Qty");
    strata__op_free(op);
    op = parse(sql); /* folded, as PostgreSQL reads it */
    assert_str(op->table, "orderitems");
    assert_str(op->columns[0].name, "itemid");
    assert_str(op->columns[1].name, "Qty");
    /* qty is not "Qty" there: the CHECK names no column of the table */
    assert_con(op, 1, STRATA_CON_CHECK, "orderitems_check", 0, "Qty");
    strata__op_free(op);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parser__create_table),
        cmocka_unit_test(test_parser__quoted_names),
        cmocka_unit_test(test_parser__column_constraints),
        cmocka_unit_test(test_parser__table_constraints),
        cmocka_unit_test(test_parser__derived_name_length),
        cmocka_unit_test(test_parser__types),
        cmocka_unit_test(test_parser__expressions),
        cmocka_unit_test(test_parser__drop_table),
        cmocka_unit_test(test_parser__add_column),
        cmocka_unit_test(test_parser__drop_column),
        cmocka_unit_test(test_parser__rename),
        cmocka_unit_test(test_parser__alter_column),
        cmocka_unit_test(test_parser__add_constraint),
        cmocka_unit_test(test_parser__drop_constraint),
        cmocka_unit_test(test_parser__create_index),
        cmocka_unit_test(test_parser__drop_index),
        cmocka_unit_test(test_parser__position),
        cmocka_unit_test(test_parser__raw_statements),
        cmocka_unit_test(test_parser__raw_create_table),
        cmocka_unit_test(test_parser__raw_alter_and_index),
        cmocka_unit_test(test_parser__errors),
        cmocka_unit_test(test_parser__long_names),
        cmocka_unit_test(test_parser__error_positions),
        cmocka_unit_test(test_parser__wide_table),
        cmocka_unit_test(test_parser__prefixes),
        cmocka_unit_test(test_parser__name_case),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
