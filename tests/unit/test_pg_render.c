/* test_pg_render.c - the PostgreSQL driver's render() and type_family()
 * as the core loads them: operations built by hand, catalogs written as
 * the driver's introspection reports them, SQL compared as text
 * together with the autocommit flag and the lock each statement says it
 * takes.  No server: render() must work on an unconnected connection
 * (offline SQL). */
#include "fixture_driver.h"

#define AC STRATA_SQL_AUTOCOMMIT

static strata_conn *conn; /* allocated, never connected */

FX_GROUP_SETUP("postgres", &conn);

/* One expected statement: its text, flags and lock (NULL: none). */
typedef struct want {
    const char *sql;
    uint32_t flags;
    const char *lock;
} want;

/* Assert l holds exactly w[0..n), then free it. */
static void expect_n(strata_sql_list *l, const want *w, size_t n)
{
    for (size_t i = 0; i < l->count && i < n; i++) {
        assert_string_equal(l->items[i].sql, w[i].sql);
        if (l->items[i].flags != w[i].flags)
            fail_msg("statement %zu (%s): flags %u, expected %u", i,
                     w[i].sql, l->items[i].flags, w[i].flags);
        if (w[i].lock)
            assert_string_equal(l->items[i].lock ? l->items[i].lock : "",
                                w[i].lock);
        assert_null(l->items[i].alternative);
    }
    if (l->count != n) {
        for (size_t i = 0; i < l->count; i++)
            fprintf(stderr, "  [%zu] %s\n", i, l->items[i].sql);
        fail_msg("%zu statements, expected %zu", l->count, n);
    }
    fx_list_free(l);
}

#define EXPECT(l, ...)                                                     \
    do {                                                                   \
        const want w_[] = {__VA_ARGS__};                                   \
        expect_n((l), w_, sizeof w_ / sizeof w_[0]);                       \
    } while (0)

/* Most tests render against the existing table t: operations marked
 * online, as the core marks those on a table older than the migration. */
static strata_op op(int kind, const char *table, const char *name)
{
    strata_op o = fx_op(kind, table, name);

    o.online = 1;
    return o;
}

/* A catalog: table t exists with columns id (pk), state, n. */
static strata_column cat_cols[] = {
    {.name = S("id"), .type = S("integer"), .notnull = 1, .pk = 1,
     .autoincrement = 1},
    {.name = S("state"), .type = S("character varying(20)"), .notnull = 1,
     .default_expr = S("'new'::character varying")},
    {.name = S("n"), .type = S("integer")},
};

static strata_table existing(void)
{
    return (strata_table){.name = S("t"), .exists = 1, .columns = cat_cols,
                          .ncolumns = sizeof cat_cols / sizeof cat_cols[0]};
}

static const strata_table missing = {.name = S("t")};

/* ---- CREATE TABLE ------------------------------------------------------- */

static void test_pg_render__create_table(void **state)
{
    strata_column cols[] = {
        {.name = S("id"), .type = S("serial"), .notnull = 1, .pk = 1,
         .autoincrement = 1},
        {.name = S("symbol"), .type = S("varchar(32)"), .notnull = 1},
        {.name = S("score"), .type = S("double")},
        {.name = S("settings"), .type = S("json")},
        {.name = S("body"), .type = S("blob")},
        {.name = S("created_at"), .type = S("timestamptz"), .notnull = 1,
         .default_expr = S("CURRENT_TIMESTAMP")},
        {.name = S("Mixed \"Case\""), .type = S("citext")},
    };
    char *pkc[] = {S("id")}, *uqc[] = {S("symbol")};
    strata_constraint cons[] = {
        {.kind = STRATA_CON_PRIMARY_KEY, .name = S("signals_pkey"),
         .columns = pkc, .ncolumns = 1},
        {.kind = STRATA_CON_UNIQUE, .name = S("signals_symbol_key"),
         .columns = uqc, .ncolumns = 1},
        {.kind = STRATA_CON_CHECK, .name = S("signals_score_check"),
         .check = S("score >= 0")},
    };
    strata_op o = op(STRATA_OP_CREATE_TABLE, "signals", NULL);
    strata_sql_list l;

    (void)state;
    o.columns = cols;
    o.ncolumns = sizeof cols / sizeof cols[0];
    o.constraints = cons;
    o.nconstraints = sizeof cons / sizeof cons[0];
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l,
           {"CREATE TABLE \"signals\" ("
            "\"id\" serial NOT NULL, "
            "\"symbol\" varchar(32) NOT NULL, "
            "\"score\" double precision, \"settings\" json, "
            "\"body\" bytea, \"created_at\" timestamptz NOT NULL DEFAULT "
            "CURRENT_TIMESTAMP, \"Mixed \"\"Case\"\"\" citext, "
            "CONSTRAINT \"signals_pkey\" PRIMARY KEY (\"id\"), "
            "CONSTRAINT \"signals_symbol_key\" UNIQUE (\"symbol\"), "
            "CONSTRAINT \"signals_score_check\" CHECK (score >= 0))",
            0, NULL});
}

/* A dialect section's statements (STRATA_OP_AS_WRITTEN): CREATE TABLE
 * as its text (PostgreSQL names its constraints), types never mapped. */
static void test_pg_render__as_written(void **state)
{
    strata_column cols[] = {{.name = S("j"), .type = S("JSON")}};
    strata_column add = {.name = S("b"), .type = S("blob")};
    strata_op o = op(STRATA_OP_CREATE_TABLE, "t", NULL);
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    o.flags = STRATA_OP_AS_WRITTEN;
    o.sql = "CREATE TABLE t (j JSON, UNIQUE (j))";
    o.columns = cols;
    o.ncolumns = 1;
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l, {"CREATE TABLE t (j JSON, UNIQUE (j))", 0, NULL});
    o.if_exists = 1;
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l, {"CREATE TABLE IF NOT EXISTS t (j JSON, UNIQUE (j))", 0,
                NULL});
    o = op(STRATA_OP_ADD_COLUMN, "t", "b");
    o.flags = STRATA_OP_AS_WRITTEN;
    o.sql = "ALTER TABLE t ADD b blob";
    o.columns = &add;
    o.ncolumns = 1;
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" ADD COLUMN \"b\" blob", 0, NULL});
    o.flags = 0; /* generic: PostgreSQL has no blob */
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" ADD COLUMN \"b\" bytea", 0, NULL});
    o = op(STRATA_OP_ALTER_TYPE, "t", "n");
    o.flags = STRATA_OP_AS_WRITTEN;
    o.sql = "ALTER TABLE t ALTER n TYPE Double";
    o.type = S("Double");
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE Double", 0,
                NULL});
}

static void test_pg_render__create_table_fk(void **state)
{
    strata_column cols[] = {
        {.name = S("id"), .type = S("bigserial"), .pk = 1},
        {.name = S("project_id"), .type = S("integer"), .notnull = 1},
        {.name = S("a"), .type = S("int")},
        {.name = S("b"), .type = S("int")},
    };
    char *fkc[] = {S("project_id")}, *refc[] = {S("id")}, *ac[] = {S("a")};
    strata_constraint cons[] = {
        {.kind = STRATA_CON_FOREIGN_KEY, .name = S("ev_project_id_fkey"),
         .columns = fkc, .ncolumns = 1, .ref_table = S("projects"),
         .ref_columns = refc, .nref_columns = 1,
         .on_delete = S("CASCADE")},
        /* unnamed: the driver derives PostgreSQL's name */
        {.kind = STRATA_CON_FOREIGN_KEY, .columns = ac, .ncolumns = 1,
         .ref_table = S("other"), .on_update = S("SET NULL")},
    };
    strata_op o = op(STRATA_OP_CREATE_TABLE, "ev", NULL);
    strata_sql_list l;

    (void)state;
    o.schema = S("app");
    o.if_exists = 1;
    o.columns = cols;
    o.ncolumns = sizeof cols / sizeof cols[0];
    o.constraints = cons;
    o.nconstraints = sizeof cons / sizeof cons[0];
    l = fx_render(conn, &o, 1, &missing);
    /* No PRIMARY KEY constraint given: the key positions make one. */
    EXPECT(&l,
           {"CREATE TABLE IF NOT EXISTS \"app\".\"ev\" ("
            "\"id\" bigserial NOT NULL, "
            "\"project_id\" integer NOT NULL, \"a\" int, \"b\" int, "
            "CONSTRAINT \"ev_project_id_fkey\" FOREIGN KEY "
            "(\"project_id\") REFERENCES \"projects\" (\"id\") "
            "ON DELETE CASCADE, "
            "CONSTRAINT \"ev_a_fkey\" FOREIGN KEY "
            "(\"a\") REFERENCES \"other\" ON UPDATE SET NULL, "
            "CONSTRAINT \"ev_pkey\" PRIMARY KEY (\"id\"))",
            0,
            "\"projects\", \"other\" SHARE ROW EXCLUSIVE (blocks writes, "
            "briefly)"});
}

/* ---- indexes ------------------------------------------------------------ */

static strata_index_key keys[] = {
    {.column = S("state")},
    {.column = S("created_at"), .desc = 1},
    {.expr = S("lower(symbol)")},
};

static strata_index an_index(int unique)
{
    strata_index ix;

    memset(&ix, 0, sizeof ix);
    ix.name = S("idx_t_state");
    ix.table = S("t");
    ix.unique = unique;
    ix.keys = keys;
    ix.nkeys = 3;
    ix.where = S("state <> 'gone'");
    return ix;
}

static void test_pg_render__index_online(void **state)
{
    strata_index ix = an_index(0);
    strata_op o = op(STRATA_OP_CREATE_INDEX, "t", "idx_t_state");
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    o.index = &ix;
    o.online = 1;
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"CREATE INDEX CONCURRENTLY \"idx_t_state\" ON \"t\" "
                "(\"state\", \"created_at\" DESC, (lower(symbol))) "
                "WHERE state <> 'gone'",
                AC, "SHARE UPDATE EXCLUSIVE (writes continue)"});
    assert_string_equal(cat.name, "t");

    /* Plain, in the migration's transaction: a new table. */
    ix = an_index(1);
    ix.where = NULL;
    o.online = 0;
    o.if_exists = 1;
    o.schema = S("app");
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l, {"CREATE UNIQUE INDEX IF NOT EXISTS \"idx_t_state\" ON "
                "\"app\".\"t\" (\"state\", \"created_at\" DESC, "
                "(lower(symbol)))",
                0, "SHARE (blocks writes)"});
}

static void test_pg_render__index_invalid_rebuild(void **state)
{
    strata_index ix = an_index(1), live = an_index(1);
    strata_op o = op(STRATA_OP_CREATE_INDEX, "t", "idx_t_state");
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    live.invalid = 1;
    cat.indexes = &live;
    cat.nindexes = 1;
    o.index = &ix;
    o.online = 1;
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l,
           {"DROP INDEX CONCURRENTLY IF EXISTS \"idx_t_state\"", AC,
            "SHARE UPDATE EXCLUSIVE (writes continue)"},
           {"CREATE UNIQUE INDEX CONCURRENTLY \"idx_t_state\" ON \"t\" "
            "(\"state\", \"created_at\" DESC, (lower(symbol))) "
            "WHERE state <> 'gone'",
            AC, "SHARE UPDATE EXCLUSIVE (writes continue)"});

    /* A valid index of that name: nothing to drop (the core decided
     * to build, e.g. --adopt elsewhere). */
    live.invalid = 0;
    l = fx_render(conn, &o, 1, &cat);
    assert_int_equal(l.count, 1);
    fx_list_free(&l);
}

static void test_pg_render__drop_index(void **state)
{
    strata_op o = op(STRATA_OP_DROP_INDEX, "t", "idx_t_state");
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    o.online = 1;
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"DROP INDEX CONCURRENTLY \"idx_t_state\"", AC,
                "SHARE UPDATE EXCLUSIVE (writes continue)"});
    o.online = 0;
    o.if_exists = 1;
    o.schema = S("app");
    o.table = NULL; /* an index the catalog lookup did not find */
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l, {"DROP INDEX IF EXISTS \"app\".\"idx_t_state\"", 0,
                "ACCESS EXCLUSIVE (brief)"});
}

/* ---- constraints -------------------------------------------------------- */

static void test_pg_render__check_not_valid(void **state)
{
    strata_constraint k = {.kind = STRATA_CON_CHECK,
                           .name = S("t_state_check"),
                           .check = S("state IN ('new', 'done')")};
    strata_op o = op(STRATA_OP_ADD_CONSTRAINT, "t", "t_state_check");
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    o.constraints = &k;
    o.nconstraints = 1;
    l = fx_render(conn, &o, 1, &cat);
    assert_string_equal(l.items[0].note,
                        "NOT VALID, then VALIDATE outside the transaction");
    EXPECT(&l,
           {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_state_check\" CHECK "
            "(state IN ('new', 'done')) NOT VALID",
            0, "ACCESS EXCLUSIVE (brief, no scan)"},
           {"ALTER TABLE \"t\" VALIDATE CONSTRAINT \"t_state_check\"", AC,
            "SHARE UPDATE EXCLUSIVE (writes continue)"});

    /* A new table: no rows, nothing to validate apart. */
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l, {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_state_check\" CHECK "
                "(state IN ('new', 'done'))",
                0, "ACCESS EXCLUSIVE (brief)"});
}

static void test_pg_render__validate_only(void **state)
{
    strata_constraint k = {.kind = STRATA_CON_CHECK,
                           .name = S("t_state_check"),
                           .check = S("state IN ('new', 'done')")};
    strata_constraint live = {
        .kind = STRATA_CON_CHECK, .name = S("t_state_check"),
        .check = S("(state)::text = ANY ((ARRAY['new'::character "
                   "varying, 'done'::character varying])::text[])"),
        .not_valid = 1};
    strata_op ops[2];
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    cat.constraints = &live;
    cat.nconstraints = 1;
    ops[0] = op(STRATA_OP_ADD_CONSTRAINT, "t", "t_state_check");
    ops[0].constraints = &k;
    ops[0].nconstraints = 1;
    l = fx_render(conn, ops, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" VALIDATE CONSTRAINT \"t_state_check\"",
                AC, "SHARE UPDATE EXCLUSIVE (writes continue)"});

    /* Dropped earlier in the same group: added again, in full. */
    ops[1] = ops[0];
    ops[0] = op(STRATA_OP_DROP_CONSTRAINT, "t", "t_state_check");
    l = fx_render(conn, ops, 2, &cat);
    EXPECT(&l,
           {"ALTER TABLE \"t\" DROP CONSTRAINT \"t_state_check\"", 0,
            "ACCESS EXCLUSIVE (brief)"},
           {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_state_check\" CHECK "
            "(state IN ('new', 'done')) NOT VALID",
            0, NULL},
           {"ALTER TABLE \"t\" VALIDATE CONSTRAINT \"t_state_check\"", AC,
            NULL});

    /* Already valid: the core skips it; were it rendered anyway, the
     * whole statement pair is what it takes. */
    live.not_valid = 0;
    l = fx_render(conn, &ops[1], 1, &cat);
    assert_int_equal(l.count, 2);
    fx_list_free(&l);
}

static void test_pg_render__fk_not_valid(void **state)
{
    char *cols[] = {S("n")}, *refs[] = {S("id")};
    strata_constraint k = {.kind = STRATA_CON_FOREIGN_KEY,
                           .name = S("t_n_fkey"), .columns = cols,
                           .ncolumns = 1, .ref_table = S("other"),
                           .ref_columns = refs, .nref_columns = 1,
                           .on_delete = S("SET NULL")};
    strata_op o = op(STRATA_OP_ADD_CONSTRAINT, "t", "t_n_fkey");
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    o.constraints = &k;
    o.nconstraints = 1;
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l,
           {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_n_fkey\" FOREIGN KEY "
            "(\"n\") REFERENCES \"other\" (\"id\") ON DELETE SET NULL "
            "NOT VALID",
            0, "\"t\" and \"other\": SHARE ROW EXCLUSIVE (brief, no scan)"},
           {"ALTER TABLE \"t\" VALIDATE CONSTRAINT \"t_n_fkey\"", AC,
            "\"t\": SHARE UPDATE EXCLUSIVE, \"other\": ROW SHARE "
            "(writes continue)"});
}

static void test_pg_render__unique_and_pk(void **state)
{
    char *cols[] = {S("state"), S("n")};
    strata_constraint k = {.kind = STRATA_CON_UNIQUE,
                           .name = S("t_state_n_key"), .columns = cols,
                           .ncolumns = 2};
    strata_op o = op(STRATA_OP_ADD_CONSTRAINT, "t", "t_state_n_key");
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    o.constraints = &k;
    o.nconstraints = 1;
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_state_n_key\" UNIQUE "
                "(\"state\", \"n\")",
                0,
                "ACCESS EXCLUSIVE (builds an index: blocks reads and "
                "writes)"});
    k.kind = STRATA_CON_PRIMARY_KEY;
    k.name = NULL; /* derived: t_pkey */
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_pkey\" PRIMARY KEY "
                "(\"state\", \"n\")",
                0, NULL});
}

static void test_pg_render__set_not_null(void **state)
{
    strata_op o = op(STRATA_OP_SET_NOT_NULL, "t", "n");
    strata_table cat = existing();
    strata_constraint helper = {.kind = STRATA_CON_CHECK,
                                .name = S("t_n_not_null"),
                                .check = S("n IS NOT NULL"),
                                .not_valid = 1};
    strata_sql_list l;

    (void)state;
    l = fx_render(conn, &o, 1, &cat);
    assert_string_equal(l.items[2].note,
                        "proved by a CHECK validated outside the "
                        "transaction");
    EXPECT(&l,
           {"ALTER TABLE \"t\" ADD CONSTRAINT \"t_n_not_null\" CHECK "
            "(\"n\" IS NOT NULL) NOT VALID",
            0, "ACCESS EXCLUSIVE (brief, no scan)"},
           {"ALTER TABLE \"t\" VALIDATE CONSTRAINT \"t_n_not_null\"", AC,
            "SHARE UPDATE EXCLUSIVE (writes continue)"},
           {"ALTER TABLE \"t\" ALTER COLUMN \"n\" SET NOT NULL", 0,
            "ACCESS EXCLUSIVE (brief, no scan)"},
           {"ALTER TABLE \"t\" DROP CONSTRAINT \"t_n_not_null\"", 0,
            "ACCESS EXCLUSIVE (brief)"});

    /* A run that stopped after adding the helper: validate it and go
     * on; one that stopped after validating: go on. */
    cat.constraints = &helper;
    cat.nconstraints = 1;
    l = fx_render(conn, &o, 1, &cat);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].sql, "ALTER TABLE \"t\" VALIDATE "
                                        "CONSTRAINT \"t_n_not_null\"");
    fx_list_free(&l);
    helper.not_valid = 0;
    l = fx_render(conn, &o, 1, &cat);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE \"t\" ALTER COLUMN \"n\" SET NOT NULL");
    fx_list_free(&l);

    /* A new table, or a column added in the same group: plain. */
    l = fx_render(conn, &o, 1, &missing);
    EXPECT(&l, {"ALTER TABLE \"t\" ALTER COLUMN \"n\" SET NOT NULL", 0,
                "ACCESS EXCLUSIVE (brief)"});
    o.name = S("fresh");
    l = fx_render(conn, &o, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" ALTER COLUMN \"fresh\" SET NOT NULL", 0,
                NULL});
}

/* The helper's name is cut as PostgreSQL cuts names, to 63 bytes. */
static void test_pg_render__long_names(void **state)
{
    const char *tbl = "a_table_with_a_rather_long_name_for_testing_purposes";
    const char *col = "and_a_column_whose_name_is_long_too";
    strata_op o = op(STRATA_OP_SET_NOT_NULL, tbl, col);
    strata_column cols[] = {{.name = S(col), .type = S("text")}};
    strata_table cat = {.name = S(tbl), .exists = 1, .columns = cols,
                        .ncolumns = 1};
    strata_sql_list l = fx_render(conn, &o, 1, &cat);
    const char *q = strstr(l.items[0].sql, "CONSTRAINT \"") + 12;
    size_t n = (size_t)(strchr(q, '"') - q);

    (void)state;
    assert_int_equal(n, 63);
    assert_true(strncmp(q, "a_table_with_a_rather_long__and_a_column_whose_"
                           "name_is_not_null\"", 64) == 0);
    fx_list_free(&l);
}

/* ---- the other operations ----------------------------------------------- */

static void test_pg_render__alters(void **state)
{
    strata_column added = {.name = S("kind"), .type = S("varchar(40)"),
                           .notnull = 1, .default_expr = S("'x'")};
    strata_column ident = {.name = S("seq"), .type = S("bigserial")};
    char *kc[] = {S("kind")}, *refs[] = {S("id")};
    strata_constraint inl[] = {
        {.kind = STRATA_CON_UNIQUE, .name = S("t_kind_key"), .columns = kc,
         .ncolumns = 1},
        {.kind = STRATA_CON_CHECK, .name = S("t_kind_check"),
         .columns = kc, .ncolumns = 1, .check = S("kind <> ''")},
        {.kind = STRATA_CON_FOREIGN_KEY, .name = S("t_kind_fkey"),
         .columns = kc, .ncolumns = 1, .ref_table = S("kinds"),
         .ref_columns = refs, .nref_columns = 1},
    };
    strata_op ops[12];
    strata_table cat = existing();
    strata_sql_list l;

    (void)state;
    ops[0] = op(STRATA_OP_ADD_COLUMN, "t", "kind");
    ops[0].columns = &added;
    ops[0].ncolumns = 1;
    ops[0].constraints = inl;
    ops[0].nconstraints = 3;
    ops[1] = op(STRATA_OP_DROP_COLUMN, "t", "n");
    ops[1].if_exists = 1;
    ops[2] = op(STRATA_OP_SET_DEFAULT, "t", "state");
    ops[2].default_expr = S("'open'");
    ops[3] = op(STRATA_OP_DROP_DEFAULT, "t", "state");
    ops[4] = op(STRATA_OP_DROP_NOT_NULL, "t", "state");
    ops[5] = op(STRATA_OP_ALTER_TYPE, "t", "state");
    ops[5].type = S("text");
    ops[6] = op(STRATA_OP_DROP_CONSTRAINT, "t", "t_kind_check");
    ops[6].if_exists = 1;
    ops[7] = op(STRATA_OP_ADD_COLUMN, "t", "seq");
    ops[7].columns = &ident;
    ops[7].ncolumns = 1;
    ops[7].if_exists = 1;
    ops[8] = op(STRATA_OP_ALTER_TYPE, "t", "n");
    ops[8].type = S("json");
    l = fx_render(conn, ops, 9, &cat);
    EXPECT(&l,
           {"ALTER TABLE \"t\" ADD COLUMN \"kind\" varchar(40) NOT NULL "
            "DEFAULT 'x' CONSTRAINT \"t_kind_key\" UNIQUE "
            "CONSTRAINT \"t_kind_check\" CHECK (kind <> '') "
            "CONSTRAINT \"t_kind_fkey\" REFERENCES \"kinds\" (\"id\")",
            0,
            "ACCESS EXCLUSIVE (scans the table: blocks reads and writes); "
            "\"kinds\" SHARE ROW EXCLUSIVE (blocks writes)"},
           {"ALTER TABLE \"t\" DROP COLUMN IF EXISTS \"n\"", 0,
            "ACCESS EXCLUSIVE (brief)"},
           {"ALTER TABLE \"t\" ALTER COLUMN \"state\" SET DEFAULT 'open'", 0,
            "ACCESS EXCLUSIVE (brief)"},
           {"ALTER TABLE \"t\" ALTER COLUMN \"state\" DROP DEFAULT", 0,
            NULL},
           {"ALTER TABLE \"t\" ALTER COLUMN \"state\" DROP NOT NULL", 0,
            NULL},
           {"ALTER TABLE \"t\" ALTER COLUMN \"state\" TYPE text", 0,
            "ACCESS EXCLUSIVE (rewrites the table unless the new type is "
            "binary-coercible: blocks reads and writes)"},
           {"ALTER TABLE \"t\" DROP CONSTRAINT IF EXISTS \"t_kind_check\"",
            0, NULL},
           {"ALTER TABLE \"t\" ADD COLUMN IF NOT EXISTS \"seq\" "
            "bigserial",
            0,
            "ACCESS EXCLUSIVE (rewrites the table: blocks reads and "
            "writes)"},
           {"ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE json", 0, NULL});

    ops[0] = op(STRATA_OP_RENAME_COLUMN, "t", "state");
    ops[0].new_name = S("status");
    ops[0].schema = S("app");
    l = fx_render(conn, ops, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"app\".\"t\" RENAME COLUMN \"state\" TO "
                "\"status\"",
                0, "ACCESS EXCLUSIVE (brief)"});
    ops[0] = op(STRATA_OP_RENAME_TABLE, "t", NULL);
    ops[0].new_name = S("u");
    l = fx_render(conn, ops, 1, &cat);
    EXPECT(&l, {"ALTER TABLE \"t\" RENAME TO \"u\"", 0, NULL});
    ops[0] = op(STRATA_OP_DROP_TABLE, "t", NULL);
    ops[0].if_exists = 1;
    l = fx_render(conn, ops, 1, &cat);
    EXPECT(&l, {"DROP TABLE IF EXISTS \"t\"", 0, "ACCESS EXCLUSIVE"});
}

static void test_pg_render__invalid(void **state)
{
    strata_op o = op(99, "t", "x");
    strata_sql_list l;

    (void)state;
    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->render(conn, &o, 1, &missing, &l),
                     STRATA_ERR_INVALID);
    assert_int_equal(l.count, 0);
    assert_null(l.items);
    assert_string_equal(conn->errmsg,
                        "cannot render operation kind 99 on PostgreSQL");
    /* Malformed operations are the core's to refuse (strata__op_check,
     * test_op.c). */
    /* Nothing to render is nothing rendered. */
    assert_int_equal(drv->render(conn, NULL, 0, NULL, &l), STRATA_OK);
    assert_int_equal(l.count, 0);
}

/* ---- type_family -------------------------------------------------------- */

static void family(const char *type, const char *expected)
{
    strata_buf b = {0};

    assert_int_equal(drv->type_family(conn, type, &b), STRATA_OK);
    if (strcmp(b.data ? b.data : "", expected) != 0)
        fail_msg("family of '%s' is '%s', expected '%s'", type,
                 b.data ? b.data : "", expected);
    strata__buf_free(&b);
}

static void test_pg_render__type_family(void **state)
{
    (void)state;
    /* portable type, then what format_type() says for it */
    family("integer", "integer");
    family("int4", "integer");
    family("int", "integer");
    family("serial", "integer");
    family("bigserial", "bigint");
    family("int8", "bigint");
    family("smallint", "smallint");
    family("varchar(20)", "varchar(20)");
    family("character varying(20)", "varchar(20)");
    family("VARCHAR ( 20 )", "varchar(20)");
    family("character varying", "varchar");
    family("char", "char(1)");
    family("character(3)", "char(3)");
    family("timestamptz", "timestamptz");
    family("timestamp with time zone", "timestamptz");
    family("timestamp(3) with time zone", "timestamptz(3)");
    family("timestamp", "timestamp");
    family("timestamp without time zone", "timestamp");
    family("bool", "boolean");
    family("boolean", "boolean");
    family("double", "double precision");
    family("float8", "double precision");
    family("double  precision", "double precision");
    family("float", "double precision");
    family("float(10)", "real");
    family("real", "real");
    family("numeric(10,2)", "numeric(10,2)");
    family("decimal(10, 2)", "numeric(10,2)");
    family("numeric(10)", "numeric(10,0)");
    /* json and jsonb are two types: key order, duplicates, operators */
    family("json", "json");
    family("jsonb", "jsonb");
    family("blob", "bytea");
    family("text", "text");
    family("uuid", "uuid");
    family("date", "date");
    family("integer[]", "integer[]");
    family("character varying(20)[]", "varchar(20)[]");
    family("\"Mood\"", "\"Mood\"");
    family("", "");
}

static void test_pg_render__type_family_differs(void **state)
{
    strata_buf a = {0}, b = {0};

    (void)state;
    assert_int_equal(drv->type_family(conn, "varchar(20)", &a), STRATA_OK);
    assert_int_equal(drv->type_family(conn, "character varying(40)", &b),
                     STRATA_OK);
    assert_string_not_equal(a.data, b.data);
    strata__buf_free(&a);
    strata__buf_free(&b);
    assert_int_equal(drv->type_family(conn, "integer", &a), STRATA_OK);
    assert_int_equal(drv->type_family(conn, "bigint", &b), STRATA_OK);
    assert_string_not_equal(a.data, b.data);
    strata__buf_free(&a);
    strata__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pg_render__create_table),
        cmocka_unit_test(test_pg_render__create_table_fk),
        cmocka_unit_test(test_pg_render__as_written),
        cmocka_unit_test(test_pg_render__index_online),
        cmocka_unit_test(test_pg_render__index_invalid_rebuild),
        cmocka_unit_test(test_pg_render__drop_index),
        cmocka_unit_test(test_pg_render__check_not_valid),
        cmocka_unit_test(test_pg_render__validate_only),
        cmocka_unit_test(test_pg_render__fk_not_valid),
        cmocka_unit_test(test_pg_render__unique_and_pk),
        cmocka_unit_test(test_pg_render__set_not_null),
        cmocka_unit_test(test_pg_render__long_names),
        cmocka_unit_test(test_pg_render__alters),
        cmocka_unit_test(test_pg_render__invalid),
        cmocka_unit_test(test_pg_render__type_family),
        cmocka_unit_test(test_pg_render__type_family_differs),
    };

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
