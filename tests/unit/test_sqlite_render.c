/* test_sqlite_render.c - the SQLite driver's render() and type_family()
 * as the core loads them: operations built by hand, catalogs written as
 * SQLite keeps them, SQL compared as text.  No database is opened:
 * render() must work on an unconnected connection (offline SQL). */
#include "fixture_driver.h"

static strata_conn *conn; /* allocated, never connected */

FX_GROUP_SETUP("sqlite", &conn);

/* Render one operation that must give exactly want. */
static void expect_op(const strata_op *op, const strata_table *cat,
                      const char *const *want)
{
    strata_sql_list l = fx_render(conn, op, 1, cat);

    fx_expect(&l, want);
}

/* render() must refuse with STRATA_ERR_INVALID and a message holding
 * msg, leaving an empty list. */
static void expect_invalid(const strata_op *ops, size_t n,
                           const strata_table *cat, const char *msg)
{
    fx_refused(conn, ops, n, cat, STRATA_ERR_INVALID, msg);
}

static strata_table table_of(const char *name, const char *sql)
{
    return (strata_table){.name = S(name), .exists = 1, .sql = S(sql)};
}

/* Does the rebuild rendered for cat and ops rebuild (1) or go native
 * (0)? */
static int rebuilds(const strata_op *ops, size_t n, const strata_table *cat)
{
    strata_sql_list l = fx_render(conn, ops, n, cat);
    int r = l.count > 0 &&
            (l.items[0].flags & STRATA_SQL_NEEDS_FK_OFF) != 0;

    fx_list_free(&l);
    return r;
}

/* ---- types -------------------------------------------------------------- */

static void family(const char *type, const char *want)
{
    strata_buf b = {0};

    assert_int_equal(drv->type_family(conn, type, &b), STRATA_OK);
    assert_string_equal(b.data, want);
    strata__buf_free(&b);
}

static void test_sqlite_render__type_family(void **state)
{
    (void)state;
    family("varchar(20)", "TEXT");
    family("bigint", "INTEGER");
    /* BOOLEAN, DATE, TIMESTAMP, DATETIME: NUMERIC affinity */
    family("boolean", "NUMERIC");
    family("json", "TEXT");
    family("jsonb", "TEXT");
    family("timestamptz", "NUMERIC");
    family("timestamp(3) with time zone", "NUMERIC");
    family("serial", "INTEGER");
    family("bigserial", "INTEGER");
    family("numeric(10,2)", "NUMERIC");
    family("double precision", "REAL");
    family("real", "REAL");
    family("blob", "BLOB");
    family("uuid", "TEXT");
    family("date", "NUMERIC");
    /* live types reported by SQLite, and affinity rules on unknowns */
    family("INTEGER", "INTEGER");
    family("TEXT", "TEXT");
    family("", "BLOB");
    family("VARCHAR(255)", "TEXT");
    family("CLOB", "TEXT");
    family("FLOAT", "REAL");
    family("DECIMAL(5,2)", "NUMERIC");
    family("datetime", "NUMERIC");
    family("tinyint", "INTEGER");
    /* "POINT" holds INT: rule 1 wins, as in SQLite */
    family("FLOATING POINT", "INTEGER");
}

static void test_sqlite_render__types_table(void **state)
{
    static const struct {
        const char *portable, *sqlite;
    } t[] = {
        /* the declared name kept where its affinity fits the meaning */
        {"text", "TEXT"},       {"varchar(20)", "VARCHAR(20)"},
        {"smallint", "SMALLINT"}, {"integer", "INTEGER"},
        {"bigint", "BIGINT"},  {"boolean", "BOOLEAN"},
        {"numeric(10,2)", "NUMERIC(10,2)"}, {"real", "REAL"},
        {"double", "DOUBLE"},   {"double precision", "DOUBLE PRECISION"},
        {"date", "DATE"},       {"timestamp", "TIMESTAMP"},
        {"timestamp(3)", "TIMESTAMP"},
        {"timestamp without time zone", "TIMESTAMP"},
        {"timestamptz", "DATETIME"},
        {"timestamp(6) with time zone", "DATETIME"},
        {"json", "TEXT"},       {"jsonb", "TEXT"},
        {"uuid", "TEXT"},       {"blob", "BLOB"},
        {"VARCHAR (40)", "VARCHAR(40)"}, {"geometry", "geometry"},
        {"Numeric( 5, 1)", "NUMERIC( 5, 1)"},
        {"int4range", "int4range"},
    };
    char want[256];

    (void)state;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        strata_column col = {.name = S("c"), .type = S(t[i].portable)};
        strata_op o = fx_op(STRATA_OP_CREATE_TABLE, "t", NULL);
        const char *w[] = {want, NULL};

        o.columns = &col;
        o.ncolumns = 1;
        snprintf(want, sizeof want, "CREATE TABLE \"t\" (\"c\" %s)",
                 t[i].sqlite);
        expect_op(&o, NULL, w);
    }
}

/* ---- operations rendered alone ------------------------------------------ */

static void test_sqlite_render__create_table(void **state)
{
    strata_column cols[] = {
        {.name = S("id"), .type = S("serial"), .autoincrement = 1},
        {.name = S("state"), .type = S("varchar(20)"), .notnull = 1,
         .default_expr = S("'candidate'")},
        {.name = S("created_at"), .type = S("timestamptz"), .notnull = 1,
         .default_expr = S("CURRENT_TIMESTAMP")},
        {.name = S("owner_id"), .type = S("bigint")},
        {.name = S("score"), .type = S("integer"),
         .default_expr = S("abs(-1)")},
        {.name = S("we\"ird"), .type = S("boolean"),
         .default_expr = S("-1")},
    };
    char *fkcols[] = {S("owner_id")}, *refcols[] = {S("id")};
    char *ucols[] = {S("state"), S("created_at")};
    strata_constraint cons[] = {
        {.kind = STRATA_CON_CHECK, .name = S("t_state_check"),
         .check = S("state IN ('candidate', 'verified')")},
        {.kind = STRATA_CON_FOREIGN_KEY, .name = S("t_owner_id_fkey"),
         .columns = fkcols, .ncolumns = 1, .ref_table = S("owners"),
         .ref_columns = refcols, .nref_columns = 1,
         .on_delete = S("CASCADE"), .on_update = S("SET NULL")},
        {.kind = STRATA_CON_UNIQUE, .name = S("uq"), .named = 1,
         .columns = ucols, .ncolumns = 2},
    };
    strata_op o = fx_op(STRATA_OP_CREATE_TABLE, "t", NULL);
    const char *want[] = {
        "CREATE TABLE IF NOT EXISTS \"t\" ("
        "\"id\" INTEGER CONSTRAINT \"t_pkey\" PRIMARY KEY, "
        "\"state\" VARCHAR(20) NOT NULL DEFAULT 'candidate', "
        "\"created_at\" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, "
        "\"owner_id\" BIGINT, "
        "\"score\" INTEGER DEFAULT (abs(-1)), "
        "\"we\"\"ird\" BOOLEAN DEFAULT -1, "
        "CONSTRAINT \"t_state_check\" CHECK (state IN ('candidate', "
        "'verified')), "
        "CONSTRAINT \"t_owner_id_fkey\" FOREIGN KEY (\"owner_id\") "
        "REFERENCES \"owners\" (\"id\") ON DELETE CASCADE ON UPDATE SET "
        "NULL, "
        "CONSTRAINT \"uq\" UNIQUE (\"state\", \"created_at\"))",
        NULL};
    strata_sql_list l;

    (void)state;
    o.if_exists = 1;
    o.columns = cols;
    o.ncolumns = 6;
    o.constraints = cons;
    o.nconstraints = 3;
    l = fx_render(conn, &o, 1, NULL);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].flags, 0);
    assert_null(l.items[0].note);
    fx_expect(&l, want);
}

static void test_sqlite_render__create_table_keys(void **state)
{
    /* A named single-column INTEGER key stays inline (the rowid
     * alias); a bigint one is a key like any other, as in SQLite (NOT
     * NULL, which a generic section's key means); a composite key is a
     * table constraint. */
    strata_column a[] = {
        {.name = S("id"), .type = S("bigint"), .notnull = 1, .pk = 1},
        {.name = S("name"), .type = S("text")},
    };
    char *idc[] = {S("id")}, *two[] = {S("a"), S("b")};
    strata_constraint pk = {.kind = STRATA_CON_PRIMARY_KEY,
                            .name = S("things_pk"), .named = 1,
                            .columns = idc, .ncolumns = 1};
    strata_column b[] = {
        {.name = S("a"), .type = S("integer"), .notnull = 1, .pk = 1},
        {.name = S("b"), .type = S("text"), .notnull = 1, .pk = 2},
    };
    strata_constraint pk2 = {.kind = STRATA_CON_PRIMARY_KEY,
                             .name = S("pairs_pkey"), .columns = two,
                             .ncolumns = 2};
    strata_column t[] = {{.name = S("k"), .type = S("text"), .pk = 1}};
    strata_op o = fx_op(STRATA_OP_CREATE_TABLE, "things", NULL);
    const char *w1[] = {"CREATE TABLE \"things\" (\"id\" BIGINT NOT NULL, "
                        "\"name\" TEXT, CONSTRAINT \"things_pk\" PRIMARY "
                        "KEY (\"id\"))",
                        NULL};
    const char *w1i[] = {"CREATE TABLE \"things\" (\"id\" INTEGER "
                         "CONSTRAINT \"things_pk\" PRIMARY KEY NOT NULL, \"name\" "
                         "TEXT)",
                         NULL};
    const char *w2[] = {"CREATE TABLE \"pairs\" (\"a\" INTEGER NOT NULL, "
                        "\"b\" TEXT NOT NULL, CONSTRAINT \"pairs_pkey\" "
                        "PRIMARY KEY (\"a\", \"b\"))",
                        NULL};
    /* key only in the columns' pk positions: t_pkey, a table
     * constraint since the column is not INTEGER */
    const char *w3[] = {"CREATE TABLE \"kv\" (\"k\" TEXT NOT NULL, "
                        "CONSTRAINT \"kv_pkey\" PRIMARY KEY (\"k\"))",
                        NULL};

    (void)state;
    o.columns = a;
    o.ncolumns = 2;
    o.constraints = &pk;
    o.nconstraints = 1;
    expect_op(&o, NULL, w1);
    a[0].type = S("integer");
    expect_op(&o, NULL, w1i);
    o = fx_op(STRATA_OP_CREATE_TABLE, "pairs", NULL);
    o.columns = b;
    o.ncolumns = 2;
    o.constraints = &pk2;
    o.nconstraints = 1;
    expect_op(&o, NULL, w2);
    o = fx_op(STRATA_OP_CREATE_TABLE, "kv", NULL);
    o.columns = t;
    o.ncolumns = 1;
    expect_op(&o, NULL, w3);
}

/* The first statement render() gives for op on cat is want (a rebuild's
 * CREATE TABLE). */
static void expect_first(const strata_op *op, const strata_table *cat,
                         const char *want)
{
    strata_sql_list l = fx_render(conn, op, 1, cat);

    assert_true(l.count > 0);
    assert_string_equal(l.items[0].sql, want);
    fx_list_free(&l);
}

/* An operation of a dialect section, its text sql. */
static strata_op written(int kind, const char *table, const char *name,
                         const char *sql)
{
    strata_op o = fx_op(kind, table, name);

    o.flags = STRATA_OP_AS_WRITTEN;
    o.sql = sql;
    return o;
}

/* A dialect section's statements (STRATA_OP_AS_WRITTEN): the text as
 * written wherever SQLite would keep it; mapped nothing, added nothing,
 * in a rebuild too. */
static void test_sqlite_render__as_written(void **state)
{
    strata_column cols[] = {
        {.name = S("id"), .type = S("UUID"), .notnull = 1, .pk = 1},
        {.name = S("k"), .type = S("TEXT"), .pk = 0},
    };
    const char *sql = "CREATE TABLE jobs (\n  id UUID NOT NULL PRIMARY KEY,"
                      " -- key\n  k TEXT)";
    strata_op o = written(STRATA_OP_CREATE_TABLE, "jobs", NULL, sql);
    strata_table cat = table_of("t", "CREATE TABLE t (a INTEGER)");
    strata_column add = {.name = S("at"), .type = S("TIMESTAMP")};
    strata_constraint uq = {.kind = STRATA_CON_UNIQUE, .name = S("t_at_key"),
                            .columns = (char *[]){S("at")}, .ncolumns = 1};
    strata_index_key key = {.column = S("a")};
    strata_index ix = {.name = S("i"), .table = S("t"), .keys = &key,
                       .nkeys = 1};
    const char *w1[] = {sql, NULL};
    const char *w2[] = {"CREATE TABLE IF NOT EXISTS jobs (\n  id UUID NOT "
                        "NULL PRIMARY KEY, -- key\n  k TEXT)",
                        NULL};
    const char *w3[] = {"create /* x */ table IF NOT EXISTS jobs (id int)",
                        NULL};
    const char *w4[] = {"ALTER TABLE t ADD at TIMESTAMP", NULL};
    const char *w5[] = {"create unique index IF NOT EXISTS i on t(a)", NULL};

    (void)state;
    o.columns = cols;
    o.ncolumns = 2;
    expect_op(&o, NULL, w1);
    o.if_exists = 1; /* offline scripts ask for it */
    expect_op(&o, NULL, w2);
    o.sql = "create /* x */ table jobs (id int)";
    expect_op(&o, NULL, w3);
    o.sql = "CREATE TABLE IF NOT EXISTS jobs (id int)";
    o.if_exists = 1;
    expect_first(&o, NULL, o.sql);
    /* ADD COLUMN SQLite does itself: the text; in a rebuild, the type
     * as written and no NOT NULL beyond what is */
    o = written(STRATA_OP_ADD_COLUMN, "t", "at",
                "ALTER TABLE t ADD at TIMESTAMP");
    o.columns = &add;
    o.ncolumns = 1;
    expect_op(&o, &cat, w4);
    o.constraints = &uq;
    o.nconstraints = 1;
    expect_first(&o, &cat,
                 "CREATE TABLE \"strata_new_t\" (a INTEGER, "
                 "\"at\" TIMESTAMP UNIQUE)");
    o.flags = 0; /* generic: mapped, and the same rebuild */
    add.type = S("uuid");
    expect_first(&o, &cat,
                 "CREATE TABLE \"strata_new_t\" (a INTEGER, "
                 "\"at\" TEXT CONSTRAINT \"t_at_key\" UNIQUE)");
    /* ALTER TYPE in a rebuild */
    o = written(STRATA_OP_ALTER_TYPE, "t", "a",
                "ALTER TABLE t ALTER a TYPE Bool");
    o.type = S("Bool");
    expect_first(&o, &cat, "CREATE TABLE \"strata_new_t\" (a Bool)");
    /* an index: SQLite keeps its text too */
    o = written(STRATA_OP_CREATE_INDEX, "t", "i",
                "create unique index i on t(a)");
    o.index = &ix;
    o.if_exists = 1;
    expect_op(&o, &cat, w5);
}

static void test_sqlite_render__drop_and_rename(void **state)
{
    strata_op o = fx_op(STRATA_OP_DROP_TABLE, "t", NULL);
    const char *w1[] = {"DROP TABLE \"t\"", NULL};
    const char *w2[] = {"DROP TABLE IF EXISTS \"t\"", NULL};
    const char *w3[] = {"ALTER TABLE \"t\" RENAME TO \"u\"", NULL};
    const char *w4[] = {"ALTER TABLE \"t\" RENAME COLUMN \"a\" TO \"b\"",
                        NULL};

    (void)state;
    expect_op(&o, NULL, w1);
    o.if_exists = 1;
    expect_op(&o, NULL, w2);
    o = fx_op(STRATA_OP_RENAME_TABLE, "t", NULL);
    o.new_name = S("u");
    expect_op(&o, NULL, w3);
    o = fx_op(STRATA_OP_RENAME_COLUMN, "t", "a");
    o.new_name = S("b");
    expect_op(&o, NULL, w4);
    o = fx_op(STRATA_OP_DROP_TABLE, "t", NULL);
    o.schema = S("aux");
    expect_invalid(&o, 1, NULL, "only the schema 'main'");
    o.schema = S("main");
    expect_op(&o, NULL, w1);
}

static void test_sqlite_render__indexes(void **state)
{
    strata_index_key keys[] = {
        {.column = S("state")},
        {.column = S("created_at"), .desc = 1},
        {.expr = S("lower(email)")},
    };
    strata_index ix = {.name = S("idx_state"), .table = S("signals"),
                       .keys = keys, .nkeys = 2};
    strata_op o = fx_op(STRATA_OP_CREATE_INDEX, "signals", "idx_state");
    const char *w1[] = {"CREATE INDEX \"idx_state\" ON \"signals\" "
                        "(\"state\", \"created_at\" DESC)",
                        NULL};
    const char *w2[] = {"CREATE UNIQUE INDEX IF NOT EXISTS \"idx_state\" "
                        "ON \"signals\" (\"state\", \"created_at\" DESC, "
                        "(lower(email))) WHERE state <> 'rejected'",
                        NULL};
    const char *w3[] = {"DROP INDEX IF EXISTS \"idx_state\"", NULL};
    strata_sql_list l;

    (void)state;
    o.index = &ix;
    l = fx_render(conn, &o, 1, NULL);
    assert_null(l.items[0].note);
    assert_int_equal(l.items[0].flags, 0);
    fx_expect(&l, w1);
    ix.unique = 1;
    ix.nkeys = 3;
    ix.where = S("state <> 'rejected'");
    o.if_exists = 1;
    o.online = 1;
    o.concurrently = 1;
    l = fx_render(conn, &o, 1, NULL);
    assert_string_equal(l.items[0].note,
                        "SQLite has one writer: built in place");
    fx_expect(&l, w2);
    o = fx_op(STRATA_OP_DROP_INDEX, NULL, "idx_state");
    o.if_exists = 1;
    o.online = 1;
    l = fx_render(conn, &o, 1, NULL);
    assert_string_equal(l.items[0].note,
                        "SQLite has one writer: dropped in place");
    fx_expect(&l, w3);
    o.online = 0;
    l = fx_render(conn, &o, 1, NULL);
    assert_null(l.items[0].note);
    fx_list_free(&l);
}

/* ---- ADD COLUMN --------------------------------------------------------- */

static const char *const base_sql =
    "CREATE TABLE signals (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";

static void test_sqlite_render__add_column_native(void **state)
{
    strata_table cat = table_of("signals", base_sql);
    strata_column col = {.name = S("state"), .type = S("varchar(20)"),
                         .notnull = 1, .default_expr = S("'candidate'")};
    char *refc[] = {S("id")}, *fkc[] = {S("state")};
    strata_constraint chk = {.kind = STRATA_CON_CHECK,
                             .name = S("signals_state_check"),
                             .check = S("state <> ''")};
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY,
                            .name = S("signals_state_fkey"),
                            .columns = fkc, .ncolumns = 1,
                            .ref_table = S("states"), .ref_columns = refc,
                            .nref_columns = 1, .on_delete = S("SET NULL")};
    strata_op o = fx_op(STRATA_OP_ADD_COLUMN, "signals", "state");
    const char *w1[] = {"ALTER TABLE \"signals\" ADD COLUMN \"state\" "
                        "VARCHAR(20) "
                        "NOT NULL DEFAULT 'candidate'",
                        NULL};
    const char *w2[] = {"ALTER TABLE \"signals\" ADD COLUMN \"state\" "
                        "VARCHAR(20) "
                        "NOT NULL DEFAULT 'candidate' CONSTRAINT "
                        "\"signals_state_check\" CHECK (state <> '')",
                        NULL};
    const char *w3[] = {"ALTER TABLE \"signals\" ADD COLUMN \"state\" "
                        "VARCHAR(20) "
                        "CONSTRAINT \"signals_state_fkey\" REFERENCES "
                        "\"states\" (\"id\") ON DELETE SET NULL",
                        NULL};
    const char *w4[] = {"ALTER TABLE \"signals\" ADD COLUMN \"n\" BIGINT "
                        "DEFAULT -5",
                        NULL};
    strata_column n = {.name = S("n"), .type = S("bigint"),
                       .default_expr = S("-5")};

    (void)state;
    o.columns = &col;
    o.ncolumns = 1;
    expect_op(&o, &cat, w1);
    o.constraints = &chk;
    o.nconstraints = 1;
    expect_op(&o, &cat, w2); /* CHECK is allowed */
    col.notnull = 0;
    col.default_expr = NULL;
    o.constraints = &fk;
    expect_op(&o, &cat, w3); /* REFERENCES with a NULL default */
    col.default_expr = S("NULL");
    assert_false(rebuilds(&o, 1, &cat));
    /* the table need not be known for a native ADD COLUMN */
    o = fx_op(STRATA_OP_ADD_COLUMN, "signals", "n");
    o.columns = &n;
    o.ncolumns = 1;
    expect_op(&o, NULL, w4);
    /* a lone identifier is a string literal to SQLite's DEFAULT: bare,
     * never wrapped (DEFAULT ("x") would name a column) */
    n.default_expr = S("\"x\"");
    n.notnull = 1;
    expect_op(&o, NULL,
              (const char *const[]){"ALTER TABLE \"signals\" ADD COLUMN "
                                    "\"n\" BIGINT NOT NULL DEFAULT \"x\"",
                                    NULL});
}

static void test_sqlite_render__add_column_rebuild(void **state)
{
    strata_table cat = table_of("signals", base_sql);
    strata_column col = {.name = S("c"), .type = S("text")};
    char *cc[] = {S("c")};
    strata_constraint uq = {.kind = STRATA_CON_UNIQUE,
                            .name = S("signals_c_key"), .columns = cc,
                            .ncolumns = 1};
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY,
                            .name = S("signals_c_fkey"), .columns = cc,
                            .ncolumns = 1, .ref_table = S("r")};
    strata_op o = fx_op(STRATA_OP_ADD_COLUMN, "signals", "c");
    const char *want[] = {
        "CREATE TABLE \"strata_new_signals\" (id INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, \"c\" TEXT CONSTRAINT \"signals_c_key\" "
        "UNIQUE)",
        "INSERT INTO \"strata_new_signals\" (\"id\", \"name\") SELECT "
        "\"id\", \"name\" FROM \"signals\"",
        "DROP TABLE \"signals\"",
        "ALTER TABLE \"strata_new_signals\" RENAME TO \"signals\"",
        NULL};
    strata_sql_list l;

    (void)state;
    o.columns = &col;
    o.ncolumns = 1;
    assert_false(rebuilds(&o, 1, &cat));
    /* UNIQUE */
    o.constraints = &uq;
    o.nconstraints = 1;
    l = fx_render(conn, &o, 1, &cat);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.items[i].flags, STRATA_SQL_NEEDS_FK_OFF);
    assert_string_equal(l.items[0].lock, "rebuild (writes blocked)");
    assert_string_equal(l.items[0].note, "table rebuilt");
    assert_null(l.items[1].lock);
    fx_expect(&l, want);
    o.constraints = NULL;
    o.nconstraints = 0;
    /* PRIMARY KEY, on the column or as serial */
    col.pk = 1;
    assert_true(rebuilds(&o, 1, &cat));
    col.pk = 0;
    col.type = S("serial");
    assert_true(rebuilds(&o, 1, &cat));
    col.type = S("text");
    /* defaults SQLite calls non-constant */
    col.default_expr = S("CURRENT_TIMESTAMP");
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = S("current_date");
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = S("(1 + 1)");
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = S("lower('X')"); /* rendered (lower('X')) */
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = S("'x'");
    assert_false(rebuilds(&o, 1, &cat));
    /* NOT NULL needs a non-NULL default */
    col.notnull = 1;
    col.default_expr = NULL;
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = S("NULL");
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = S("0");
    assert_false(rebuilds(&o, 1, &cat));
    /* REFERENCES needs a NULL default */
    col.notnull = 0;
    o.constraints = &fk;
    o.nconstraints = 1;
    assert_true(rebuilds(&o, 1, &cat));
    col.default_expr = NULL;
    assert_false(rebuilds(&o, 1, &cat));
    /* a rebuild needs the table */
    col.default_expr = S("CURRENT_TIMESTAMP");
    o.constraints = NULL;
    o.nconstraints = 0;
    expect_invalid(&o, 1, NULL, "not in the catalog");
}

/* ---- DROP COLUMN -------------------------------------------------------- */

static void test_sqlite_render__drop_column_native(void **state)
{
    strata_table cat = table_of(
        "t", "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT CHECK (a <> ''),"
             " b TEXT)");
    strata_op o = fx_op(STRATA_OP_DROP_COLUMN, "t", "a");
    const char *w[] = {"ALTER TABLE \"t\" DROP COLUMN \"a\"", NULL};

    (void)state;
    /* its own CHECK goes with it */
    expect_op(&o, &cat, w);
    o.name = S("zz");
    expect_invalid(&o, 1, &cat, "column \"zz\" of table \"t\" does not "
                                "exist");
    o.if_exists = 1;
    {
        strata_sql_list l = fx_render(conn, &o, 1, &cat);

        assert_int_equal(l.count, 0);
        fx_list_free(&l);
    }
}

static void test_sqlite_render__drop_column_rebuild_cases(void **state)
{
    static const char *const sqls[] = {
        /* PRIMARY KEY, table-level */
        "CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b))",
        /* UNIQUE, column-level */
        "CREATE TABLE t (a INT UNIQUE, b INT)",
        /* another column's CHECK */
        "CREATE TABLE t (a INT, b INT CHECK (b > a))",
        /* a table CHECK */
        "CREATE TABLE t (a INT, b INT, CHECK (a > 0))",
        /* a foreign key, table-level */
        "CREATE TABLE t (a INT, b INT, FOREIGN KEY (a) REFERENCES p (id))",
        /* a foreign key on the column */
        "CREATE TABLE t (a INT REFERENCES p, b INT)",
        /* a generated column */
        "CREATE TABLE t (a INT, b INT AS (a * 2))",
    };
    strata_op o = fx_op(STRATA_OP_DROP_COLUMN, "t", "a");
    strata_index_key k1 = {.column = S("a")};
    strata_index_key k2 = {.expr = S("lower(a)")};
    strata_index_key k3 = {.column = S("b")};
    strata_index ix = {.name = S("i"), .table = S("t"), .keys = &k1,
                       .nkeys = 1, .sql = S("CREATE INDEX i ON t (a)")};
    strata_object trg = {.kind = S("trigger"), .name = S("tr"),
                         .sql = S("CREATE TRIGGER tr AFTER INSERT ON t "
                                  "BEGIN SELECT NEW.a; END")};
    strata_object view = {.kind = S("view"), .name = S("v"),
                          .sql = S("CREATE VIEW v AS SELECT \"A\" FROM t")};
    strata_table cat;

    (void)state;
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        cat = table_of("t", sqls[i]);
        if (!rebuilds(&o, 1, &cat))
            fail_msg("no rebuild for %s", sqls[i]);
    }
    cat = table_of("t", "CREATE TABLE t (a INT, b INT)");
    assert_false(rebuilds(&o, 1, &cat));
    /* indexed: a key, an expression key, a partial index's WHERE */
    cat.indexes = &ix;
    cat.nindexes = 1;
    assert_true(rebuilds(&o, 1, &cat));
    ix.keys = &k2;
    assert_true(rebuilds(&o, 1, &cat));
    ix.keys = &k3;
    assert_false(rebuilds(&o, 1, &cat));
    ix.where = S("a IS NOT NULL");
    assert_true(rebuilds(&o, 1, &cat));
    cat.nindexes = 0;
    /* used by a trigger or a view */
    cat.triggers = &trg;
    cat.ntriggers = 1;
    assert_true(rebuilds(&o, 1, &cat));
    cat.ntriggers = 0;
    cat.dependents = &view;
    cat.ndependents = 1;
    assert_true(rebuilds(&o, 1, &cat));
}

static void test_sqlite_render__drop_column_rebuild(void **state)
{
    /* Indexes and table constraints involving the column go with it,
     * as in PostgreSQL; others, and other columns' text, stay. */
    strata_table cat = table_of(
        "t", "CREATE TABLE t (\n"
             "  id INTEGER PRIMARY KEY,\n"
             "  a TEXT NOT NULL COLLATE NOCASE,\n"
             "  b TEXT CHECK (b <> a) CHECK (length(b) < 10),\n"
             "  CONSTRAINT ab UNIQUE (a, b),\n"
             "  CHECK (id > 0)\n"
             ")");
    strata_index_key ka = {.column = S("a")}, kb = {.column = S("b")};
    strata_index ixs[] = {
        {.name = S("t_a"), .table = S("t"), .keys = &ka, .nkeys = 1,
         .sql = S("CREATE INDEX t_a ON t (a)")},
        {.name = S("t_b"), .table = S("t"), .keys = &kb, .nkeys = 1,
         .sql = S("CREATE INDEX t_b ON t (b)")},
        {.name = S("sqlite_autoindex_t_1"), .table = S("t"), .keys = &ka,
         .nkeys = 1, .unique = 1, .constraint = 1},
    };
    strata_op o = fx_op(STRATA_OP_DROP_COLUMN, "t", "a");
    const char *want[] = {
        "CREATE TABLE \"strata_new_t\" (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  b TEXT CHECK (length(b) < 10),\n"
        "  CHECK (id > 0)\n"
        ")",
        "INSERT INTO \"strata_new_t\" (\"id\", \"b\") SELECT \"id\", \"b\" "
        "FROM \"t\"",
        "DROP TABLE \"t\"",
        "ALTER TABLE \"strata_new_t\" RENAME TO \"t\"",
        "CREATE INDEX t_b ON t (b)",
        NULL};

    (void)state;
    cat.indexes = ixs;
    cat.nindexes = 3;
    expect_op(&o, &cat, want);
}

/* ---- the rebuild -------------------------------------------------------- */

static void test_sqlite_render__rebuild_check_and_drop_not_null(void **state)
{
    strata_table cat = table_of(
        "signals",
        "CREATE TABLE signals (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "name TEXT NOT NULL COLLATE NOCASE, state TEXT NOT NULL DEFAULT "
        "'new', CONSTRAINT named_chk CHECK (length(name) > 0))");
    strata_constraint chk = {.kind = STRATA_CON_CHECK,
                             .name = S("signals_state_check"), .named = 1,
                             .check = S("state IN ('new', 'done')")};
    strata_op ops[2];
    strata_index_key k = {.column = S("state")};
    strata_index ix = {.name = S("i_state"), .table = S("signals"),
                       .keys = &k, .nkeys = 1,
                       .sql = S("CREATE INDEX i_state ON signals (state)")};
    strata_object trg = {
        .kind = S("trigger"), .name = S("signals_ai"),
        .sql = S("CREATE TRIGGER signals_ai AFTER INSERT ON signals "
                 "BEGIN SELECT 1; END")};
    strata_object deps[] = {
        {.kind = S("view"), .name = S("v"),
         .sql = S("CREATE VIEW v AS SELECT id FROM signals")},
        {.kind = S("trigger"), .name = S("other_ai"),
         .sql = S("CREATE TRIGGER other_ai AFTER INSERT ON other BEGIN "
                  "DELETE FROM signals; END")},
    };
    const char *want[] = {
        "CREATE TABLE \"strata_new_signals\" (id INTEGER PRIMARY KEY "
        "AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE, state TEXT DEFAULT 'new', CONSTRAINT named_chk "
        "CHECK (length(name) > 0), CONSTRAINT \"signals_state_check\" "
        "CHECK (state IN ('new', 'done')))",
        "INSERT INTO \"strata_new_signals\" (\"id\", \"name\", \"state\") "
        "SELECT \"id\", \"name\", \"state\" FROM \"signals\"",
        "DELETE FROM sqlite_sequence WHERE name = 'strata_new_signals'",
        "INSERT INTO sqlite_sequence (name, seq) SELECT "
        "'strata_new_signals', seq FROM sqlite_sequence WHERE name = "
        "'signals'",
        "DROP TRIGGER \"other_ai\"",
        "DROP VIEW \"v\"",
        "DROP TABLE \"signals\"",
        "ALTER TABLE \"strata_new_signals\" RENAME TO \"signals\"",
        "CREATE INDEX i_state ON signals (state)",
        "CREATE TRIGGER signals_ai AFTER INSERT ON signals BEGIN SELECT "
        "1; END",
        "CREATE VIEW v AS SELECT id FROM signals",
        "CREATE TRIGGER other_ai AFTER INSERT ON other BEGIN DELETE FROM "
        "signals; END",
        NULL};
    strata_sql_list l;

    (void)state;
    cat.indexes = &ix;
    cat.nindexes = 1;
    cat.triggers = &trg;
    cat.ntriggers = 1;
    cat.dependents = deps;
    cat.ndependents = 2;
    ops[0] = fx_op(STRATA_OP_ADD_CONSTRAINT, "signals", "signals_state_check");
    ops[0].constraints = &chk;
    ops[0].nconstraints = 1;
    ops[1] = fx_op(STRATA_OP_DROP_NOT_NULL, "signals", "state");
    l = fx_render(conn, ops, 2, &cat);
    for (size_t i = 0; i < l.count; i++) {
        assert_int_equal(l.items[i].flags, STRATA_SQL_NEEDS_FK_OFF);
        if (i)
            assert_null(l.items[i].note);
    }
    assert_string_equal(l.items[0].lock, "rebuild (writes blocked)");
    assert_string_equal(l.items[0].note, "table rebuilt");
    fx_expect(&l, want);
}

static void test_sqlite_render__unnamed_kept(void **state)
{
    /* Unnamed constraints stay unnamed, as SQLite leaves them; one is
     * found by the name PostgreSQL would give it (a second unnamed table
     * CHECK is t_check1), and the others keep their text. */
    strata_table cat = table_of(
        "t", "CREATE TABLE t(a INT PRIMARY KEY, b INT UNIQUE CHECK(b>0), "
             "c INT REFERENCES p(id) ON DELETE CASCADE, d INT, "
             "CONSTRAINT keep CHECK (d<>0), CHECK (a<b), CHECK(b<c), "
             "UNIQUE (c, d), FOREIGN KEY (d, c) REFERENCES q)");
    strata_op o = fx_op(STRATA_OP_SET_NOT_NULL, "t", "d");
    const char *want[] = {
        "CREATE TABLE \"strata_new_t\" (a INT PRIMARY KEY, b INT UNIQUE "
        "CHECK(b>0), c INT REFERENCES p(id) ON DELETE CASCADE, d INT NOT "
        "NULL, CONSTRAINT keep CHECK (d<>0), CHECK (a<b), CHECK(b<c), "
        "UNIQUE (c, d), FOREIGN KEY (d, c) REFERENCES q)",
        "INSERT INTO \"strata_new_t\" (\"a\", \"b\", \"c\", \"d\") SELECT "
        "\"a\", \"b\", \"c\", \"d\" FROM \"t\"",
        "DROP TABLE \"t\"",
        "ALTER TABLE \"strata_new_t\" RENAME TO \"t\"",
        NULL};
    strata_op drop = fx_op(STRATA_OP_DROP_CONSTRAINT, "t", "t_check1");
    const char *want2[] = {
        "CREATE TABLE \"strata_new_t\" (a INT PRIMARY KEY, b INT UNIQUE "
        "CHECK(b>0), c INT REFERENCES p(id) ON DELETE CASCADE, d INT, "
        "CONSTRAINT keep CHECK (d<>0), CHECK (a<b), UNIQUE (c, d), "
        "FOREIGN KEY (d, c) REFERENCES q)",
        NULL};
    strata_sql_list l;

    (void)state;
    expect_op(&o, &cat, want);
    l = fx_render(conn, &drop, 1, &cat);
    assert_string_equal(l.items[0].sql, want2[0]);
    fx_list_free(&l);
}

static void test_sqlite_render__drop_constraint(void **state)
{
    strata_table cat = table_of(
        "t", "CREATE TABLE t (id INTEGER PRIMARY KEY, state TEXT "
             "CHECK (state <> '') NOT NULL, p INT CONSTRAINT fk_p "
             "REFERENCES p (id), CONSTRAINT u UNIQUE (state) "
             "CHECK (id > 0))");
    strata_op o = fx_op(STRATA_OP_DROP_CONSTRAINT, "t", "t_state_check");
    const char *w1 =
        "CREATE TABLE \"strata_new_t\" (id INTEGER "
        "PRIMARY KEY, state TEXT NOT NULL, p INT CONSTRAINT fk_p "
        "REFERENCES p (id), CONSTRAINT u UNIQUE (state)"
        " CHECK (id > 0))";
    const char *w2 =
        "CREATE TABLE \"strata_new_t\" (id INTEGER "
        "PRIMARY KEY, state TEXT CHECK "
        "(state <> '') NOT NULL, p INT, CONSTRAINT u UNIQUE (state) "
        "CHECK (id > 0))";
    /* two table constraints after one comma: drop the first */
    const char *w3 =
        "CREATE TABLE \"strata_new_t\" (id INTEGER "
        "PRIMARY KEY, state TEXT CHECK "
        "(state <> '') NOT NULL, p INT CONSTRAINT fk_p "
        "REFERENCES p (id), CHECK (id > 0))";
    const char *w4 =
        "CREATE TABLE \"strata_new_t\" (id INTEGER, state TEXT "
        "CHECK (state <> '') NOT NULL, p INT "
        "CONSTRAINT fk_p REFERENCES p (id), CONSTRAINT u UNIQUE (state) "
        "CHECK (id > 0))";
    strata_sql_list l;

    (void)state;
    /* a column CHECK found by its derived name */
    l = fx_render(conn, &o, 1, &cat);
    assert_string_equal(l.items[0].sql, w1);
    fx_list_free(&l);
    o.name = S("FK_P"); /* names compare without case, as SQLite's */
    l = fx_render(conn, &o, 1, &cat);
    assert_string_equal(l.items[0].sql, w2);
    fx_list_free(&l);
    o.name = S("u");
    l = fx_render(conn, &o, 1, &cat);
    assert_string_equal(l.items[0].sql, w3);
    fx_list_free(&l);
    o.name = S("t_pkey");
    l = fx_render(conn, &o, 1, &cat);
    assert_string_equal(l.items[0].sql, w4);
    fx_list_free(&l);
    o.name = S("nope");
    expect_invalid(&o, 1, &cat,
                   "constraint \"nope\" of table \"t\" does not exist");
    o.if_exists = 1;
    l = fx_render(conn, &o, 1, &cat);
    assert_int_equal(l.count, 0);
    fx_list_free(&l);
}

static void test_sqlite_render__add_constraints(void **state)
{
    strata_table cat = table_of("t", "CREATE TABLE t(a INT, b TEXT)");
    char *ca[] = {S("a")}, *cab[] = {S("a"), S("b")}, *rid[] = {S("id")};
    strata_constraint pk = {.kind = STRATA_CON_PRIMARY_KEY,
                            .name = S("t_pkey"), .columns = ca,
                            .ncolumns = 1};
    strata_constraint uq = {.kind = STRATA_CON_UNIQUE, .name = S("t_ab"),
                            .named = 1, .columns = cab, .ncolumns = 2};
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY,
                            .name = S("t_a_fkey"), .columns = ca,
                            .ncolumns = 1, .ref_table = S("p"),
                            .ref_columns = rid, .nref_columns = 1,
                            .on_delete = S("RESTRICT")};
    strata_op ops[3];
    const char *want =
        "CREATE TABLE \"strata_new_t\" (a INT, b TEXT, CONSTRAINT "
        "\"t_pkey\" PRIMARY KEY (\"a\"), CONSTRAINT \"t_ab\" UNIQUE "
        "(\"a\", \"b\"), CONSTRAINT \"t_a_fkey\" FOREIGN KEY (\"a\") "
        "REFERENCES \"p\" (\"id\") ON DELETE RESTRICT)";
    strata_table haspk = table_of("t", "CREATE TABLE t(a INT PRIMARY KEY)");
    strata_sql_list l;

    (void)state;
    ops[0] = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", "t_pkey");
    ops[0].constraints = &pk;
    ops[0].nconstraints = 1;
    ops[1] = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", "t_ab");
    ops[1].constraints = &uq;
    ops[1].nconstraints = 1;
    ops[2] = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", "t_a_fkey");
    ops[2].constraints = &fk;
    ops[2].nconstraints = 1;
    l = fx_render(conn, ops, 3, &cat);
    assert_int_equal(l.count, 4); /* one rebuild for the three */
    assert_string_equal(l.items[0].sql, want);
    fx_list_free(&l);
    /* a table has one primary key */
    expect_invalid(ops, 1, &haspk, "already has a primary key");
    /* nor two constraints of one name */
    expect_invalid(&ops[1], 2, &(strata_table){
                       .name = S("t"), .exists = 1,
                       .sql = S("CREATE TABLE t(a INT CONSTRAINT t_ab "
                                "CHECK (a > 0), b TEXT)")},
                   "already has a constraint of that name");
}

static void test_sqlite_render__column_edits(void **state)
{
    strata_table cat = table_of(
        "t", "CREATE TABLE t(a INTEGER PRIMARY KEY AUTOINCREMENT, "
             "b VARCHAR(10) COLLATE NOCASE DEFAULT 'x' NOT NULL, c, "
             "d TEXT CONSTRAINT dd DEFAULT ('y'), "
             "g INT GENERATED ALWAYS AS (a * 2) STORED) STRICT");
    strata_op ops[6];
    const char *want[] = {
        "CREATE TABLE \"strata_new_t\" (a INTEGER "
        "PRIMARY KEY AUTOINCREMENT, b INTEGER COLLATE NOCASE NOT NULL, "
        "c REAL NOT NULL DEFAULT CURRENT_TIMESTAMP, d TEXT CONSTRAINT dd "
        "DEFAULT (lower('Z')), g INT GENERATED ALWAYS AS (a * 2) STORED) "
        "STRICT",
        "INSERT INTO \"strata_new_t\" (\"a\", \"b\", \"c\", \"d\") SELECT "
        "\"a\", \"b\", \"c\", \"d\" FROM \"t\"",
        "DELETE FROM sqlite_sequence WHERE name = 'strata_new_t'",
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'strata_new_t', "
        "seq FROM sqlite_sequence WHERE name = 't'",
        "DROP TABLE \"t\"",
        "ALTER TABLE \"strata_new_t\" RENAME TO \"t\"",
        NULL};
    strata_sql_list l;

    (void)state;
    ops[0] = fx_op(STRATA_OP_ALTER_TYPE, "t", "b");
    ops[0].type = S("bigint");
    ops[1] = fx_op(STRATA_OP_DROP_DEFAULT, "t", "b");
    ops[2] = fx_op(STRATA_OP_ALTER_TYPE, "t", "c");
    ops[2].type = S("double precision");
    ops[3] = fx_op(STRATA_OP_SET_NOT_NULL, "t", "c");
    ops[4] = fx_op(STRATA_OP_SET_DEFAULT, "t", "c");
    ops[4].default_expr = S("CURRENT_TIMESTAMP");
    ops[5] = fx_op(STRATA_OP_SET_DEFAULT, "t", "d");
    ops[5].default_expr = S("lower('Z')");
    l = fx_render(conn, ops, 6, &cat);
    fx_expect(&l, want);
    /* an unknown column */
    ops[0].name = S("zz");
    expect_invalid(ops, 1, &cat, "column \"zz\" of table \"t\"");
}

static void test_sqlite_render__mixed_call_one_rebuild(void **state)
{
    /* A native ADD COLUMN and a rebuild in one call: both inside the
     * one rebuild, in order (the CHECK names the added column). */
    strata_table cat = table_of("t", "CREATE TABLE t (a INT)");
    strata_column col = {.name = S("b"), .type = S("integer")};
    strata_constraint chk = {.kind = STRATA_CON_CHECK, .name = S("t_b"),
                             .named = 1, .check = S("b > 0")};
    strata_op ops[3];
    strata_sql_list l;

    (void)state;
    ops[0] = fx_op(STRATA_OP_ADD_COLUMN, "t", "b");
    ops[0].columns = &col;
    ops[0].ncolumns = 1;
    ops[1] = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", "t_b");
    ops[1].constraints = &chk;
    ops[1].nconstraints = 1;
    l = fx_render(conn, ops, 2, &cat);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].sql,
                        "CREATE TABLE \"strata_new_t\" (a INT, \"b\" INTEGER"
                        ", CONSTRAINT \"t_b\" CHECK (b > 0))");
    assert_string_equal(l.items[1].sql,
                        "INSERT INTO \"strata_new_t\" (\"a\") SELECT \"a\" "
                        "FROM \"t\"");
    fx_list_free(&l);
    /* two native ops stay native, in order */
    ops[1] = fx_op(STRATA_OP_DROP_COLUMN, "t", "a");
    l = fx_render(conn, ops, 2, &cat);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE \"t\" ADD COLUMN \"b\" INTEGER");
    assert_string_equal(l.items[1].sql, "ALTER TABLE \"t\" DROP COLUMN "
                                        "\"a\"");
    fx_list_free(&l);
    /* ADD then DROP of one constraint in a call: back as it was */
    ops[0] = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", "t_b");
    ops[0].constraints = &chk;
    ops[0].nconstraints = 1;
    ops[1] = fx_op(STRATA_OP_DROP_CONSTRAINT, "t", "T_B");
    l = fx_render(conn, ops, 2, &cat);
    assert_string_equal(l.items[0].sql,
                        "CREATE TABLE \"strata_new_t\" (a INT)");
    fx_list_free(&l);
    /* a creation cannot share a rebuild */
    ops[2] = fx_op(STRATA_OP_DROP_TABLE, "t", NULL);
    ops[1] = ops[0];
    ops[0] = ops[2];
    expect_invalid(ops, 2, &cat, "cannot share a table rebuild");
}

static void test_sqlite_render__layout_kept(void **state)
{
    /* Comments, line breaks, WITHOUT ROWID and quoting survive; a part
     * added lines up with the others. */
    strata_table cat = table_of(
        "Kv", "CREATE TABLE \"Kv\" (\n"
              "    k TEXT PRIMARY KEY, -- the key\n"
              "    \"v w\" BLOB /* payload */\n"
              ") WITHOUT ROWID");
    strata_constraint chk = {.kind = STRATA_CON_CHECK, .name = S("kv_k"),
                             .named = 1, .check = S("k <> ''")};
    strata_op o = fx_op(STRATA_OP_ADD_CONSTRAINT, "kv", "kv_k");
    const char *want[] = {
        "CREATE TABLE \"strata_new_Kv\" (\n"
        "    k TEXT PRIMARY KEY, -- the key\n"
        "    \"v w\" BLOB /* payload */,\n"
        "    CONSTRAINT \"kv_k\" CHECK (k <> '')\n"
        ") WITHOUT ROWID",
        "INSERT INTO \"strata_new_Kv\" (\"k\", \"v w\") SELECT \"k\", "
        "\"v w\" FROM \"Kv\"",
        "DROP TABLE \"Kv\"",
        "ALTER TABLE \"strata_new_Kv\" RENAME TO \"Kv\"",
        NULL};

    (void)state;
    o.constraints = &chk;
    o.nconstraints = 1;
    expect_op(&o, &cat, want);
}

static void test_sqlite_render__simulated_catalog(void **state)
{
    /* A catalog replayed offline has no SQL: its columns and
     * constraints stand for it. */
    strata_column cols[] = {
        {.name = S("id"), .type = S("serial"), .pk = 1, .autoincrement = 1},
        {.name = S("name"), .type = S("text"), .notnull = 1},
    };
    char *idc[] = {S("id")};
    strata_constraint pk = {.kind = STRATA_CON_PRIMARY_KEY,
                            .name = S("t_pkey"), .columns = idc,
                            .ncolumns = 1};
    strata_index_key k = {.column = S("name"), .desc = 1};
    strata_index ix = {.name = S("t_name"), .table = S("t"), .keys = &k,
                       .nkeys = 1};
    strata_table cat = {.name = S("t"), .exists = 1, .columns = cols,
                        .ncolumns = 2, .constraints = &pk,
                        .nconstraints = 1, .indexes = &ix, .nindexes = 1};
    strata_op o = fx_op(STRATA_OP_DROP_NOT_NULL, "t", "name");
    const char *want[] = {
        "CREATE TABLE \"strata_new_t\" (\"id\" INTEGER CONSTRAINT "
        "\"t_pkey\" PRIMARY KEY, \"name\" TEXT)",
        "INSERT INTO \"strata_new_t\" (\"id\", \"name\") SELECT \"id\", "
        "\"name\" FROM \"t\"",
        "DROP TABLE \"t\"",
        "ALTER TABLE \"strata_new_t\" RENAME TO \"t\"",
        "CREATE INDEX \"t_name\" ON \"t\" (\"name\" DESC)",
        NULL};

    (void)state;
    expect_op(&o, &cat, want);
}

static void test_sqlite_render__refusals(void **state)
{
    strata_table cat = table_of("t", "CREATE TABLE t (a INT)");
    strata_table vt = table_of("t", "CREATE VIRTUAL TABLE t USING fts5(a)");
    strata_op o = fx_op(99, "t", "a");
    strata_sql_list l;

    (void)state;
    expect_invalid(&o, 1, &cat, "kind 99");
    o = fx_op(STRATA_OP_SET_NOT_NULL, "t", "a");
    expect_invalid(&o, 1, &vt, "cannot be parsed");
    expect_invalid(&o, 1, NULL, "not in the catalog");
    o = fx_op(STRATA_OP_ALTER_TYPE, "t", "a");
    o.type = S("varchar(10");
    expect_invalid(&o, 1, &cat, "the edited definition does not parse: a "
                                "varchar(10");
    /* Malformed operations are the core's to refuse (strata__op_check,
     * test_op.c). */
    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->render(conn, &o, 0, &cat, &l), STRATA_OK);
    assert_int_equal(l.count, 0);
    assert_null(l.items);
}

static void test_sqlite_render__out_of_memory(void **state)
{
    strata_table cat = table_of(
        "t", "CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, "
             "a TEXT NOT NULL DEFAULT 'x' CHECK (a <> ''), b INT UNIQUE "
             "REFERENCES p ON DELETE CASCADE, c INT, CHECK (c > b), "
             "CONSTRAINT u UNIQUE (a, c) CHECK (c > 0)) STRICT");
    strata_index_key kb = {.column = S("b")}, ke = {.expr = S("c + 1")};
    strata_index ixs[] = {
        {.name = S("ib"), .keys = &kb, .nkeys = 1,
         .sql = S("CREATE INDEX ib ON t (b)")},
        {.name = S("ie"), .keys = &ke, .nkeys = 1, .where = S("a > ''")},
    };
    strata_object trg = {.kind = S("trigger"), .name = S("tr"),
                         .sql = S("CREATE TRIGGER tr AFTER INSERT ON t "
                                  "BEGIN SELECT 1; END")};
    strata_object dep = {.kind = S("view"), .name = S("v"),
                         .sql = S("CREATE VIEW v AS SELECT id FROM t")};
    strata_column col = {.name = S("d"), .type = S("timestamptz"),
                         .notnull = 1, .default_expr = S("CURRENT_TIMESTAMP")};
    char *cc[] = {S("c")}, *rid[] = {S("id")};
    strata_constraint chk = {.kind = STRATA_CON_CHECK, .check = S("c < 9")};
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY, .columns = cc,
                            .ncolumns = 1, .ref_table = S("q"),
                            .ref_columns = rid, .nref_columns = 1,
                            .on_update = S("CASCADE")};
    strata_op ops[8];
    strata_column cols[] = {
        {.name = S("id"), .type = S("serial")},
        {.name = S("n"), .type = S("numeric(5,2)"), .notnull = 1,
         .default_expr = S("1.5")},
    };
    strata_index_key keys[] = {{.column = S("n"), .desc = 1},
                               {.expr = S("abs(n)")}};
    strata_index ix = {.name = S("i"), .keys = keys, .nkeys = 2,
                       .unique = 1, .where = S("n > 0")};

    (void)state;
    cat.indexes = ixs;
    cat.nindexes = 2;
    cat.triggers = &trg;
    cat.ntriggers = 1;
    cat.dependents = &dep;
    cat.ndependents = 1;
    ops[0] = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", NULL);
    ops[0].constraints = &chk;
    ops[0].nconstraints = 1;
    ops[1] = fx_op(STRATA_OP_DROP_NOT_NULL, "t", "a");
    ops[2] = fx_op(STRATA_OP_ADD_COLUMN, "t", "d");
    ops[2].columns = &col;
    ops[2].ncolumns = 1;
    ops[2].constraints = &fk;
    ops[2].nconstraints = 1;
    ops[3] = fx_op(STRATA_OP_DROP_COLUMN, "t", "b");
    ops[4] = fx_op(STRATA_OP_SET_DEFAULT, "t", "c");
    ops[4].default_expr = S("2 * 3");
    ops[5] = fx_op(STRATA_OP_ALTER_TYPE, "t", "c");
    ops[5].type = S("bigint");
    ops[6] = fx_op(STRATA_OP_DROP_CONSTRAINT, "t", "u");
    ops[7] = fx_op(STRATA_OP_DROP_DEFAULT, "t", "a");
    fx_oom_render(conn, ops, 8, &cat);
    ops[0] = fx_op(STRATA_OP_CREATE_TABLE, "n", NULL);
    ops[0].columns = cols;
    ops[0].ncolumns = 2;
    ops[0].constraints = &chk;
    ops[0].nconstraints = 1;
    fx_oom_render(conn, ops, 1, NULL);
    ops[0] = fx_op(STRATA_OP_CREATE_INDEX, "n", "i");
    ops[0].index = &ix;
    ops[0].online = 1;
    fx_oom_render(conn, ops, 1, NULL);
    /* the simulated catalog is written out first */
    cat.sql = NULL;
    cat.columns = cols;
    cat.ncolumns = 2;
    ops[0] = fx_op(STRATA_OP_SET_NOT_NULL, "t", "id");
    fx_oom_render(conn, ops, 1, &cat);
    {
        strata_buf b = {0};

        fx_host_budget(0);
        assert_int_equal(drv->type_family(conn, "varchar(3)", &b),
                         STRATA_ERR_NOMEM);
        fx_host_restore();
        strata__buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqlite_render__type_family),
        cmocka_unit_test(test_sqlite_render__types_table),
        cmocka_unit_test(test_sqlite_render__create_table),
        cmocka_unit_test(test_sqlite_render__create_table_keys),
        cmocka_unit_test(test_sqlite_render__as_written),
        cmocka_unit_test(test_sqlite_render__drop_and_rename),
        cmocka_unit_test(test_sqlite_render__indexes),
        cmocka_unit_test(test_sqlite_render__add_column_native),
        cmocka_unit_test(test_sqlite_render__add_column_rebuild),
        cmocka_unit_test(test_sqlite_render__drop_column_native),
        cmocka_unit_test(test_sqlite_render__drop_column_rebuild_cases),
        cmocka_unit_test(test_sqlite_render__drop_column_rebuild),
        cmocka_unit_test(
            test_sqlite_render__rebuild_check_and_drop_not_null),
        cmocka_unit_test(test_sqlite_render__unnamed_kept),
        cmocka_unit_test(test_sqlite_render__drop_constraint),
        cmocka_unit_test(test_sqlite_render__add_constraints),
        cmocka_unit_test(test_sqlite_render__column_edits),
        cmocka_unit_test(test_sqlite_render__mixed_call_one_rebuild),
        cmocka_unit_test(test_sqlite_render__layout_kept),
        cmocka_unit_test(test_sqlite_render__simulated_catalog),
        cmocka_unit_test(test_sqlite_render__refusals),
        cmocka_unit_test(test_sqlite_render__out_of_memory),
    };

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
