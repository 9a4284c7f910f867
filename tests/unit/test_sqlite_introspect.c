/* test_sqlite_introspect.c - the SQLite driver's catalog entries against
 * real SQLite (:memory: connections through the driver's connect), and
 * table rebuilds rendered by the driver and run through its exec,
 * begin, commit and foreign_keys, as the core runs them. */
#include "fixture_driver.h"
#include "sql/catalog.h"

FX_GROUP_SETUP("sqlite", NULL);

/* ---- helpers ------------------------------------------------------------ */

static strata_conn *open_db(void)
{
    strata_conn *c = fx_conn();

    assert_int_equal(drv->connect(c, "sqlite::memory:", NULL), STRATA_OK);
    return c;
}

static int first_int(void *payload, int n, const char *const *v,
                     const char *const *names)
{
    (void)names;
    *(long long *)payload = n > 0 && v[0] ? atoll(v[0]) : -1;
    return 0;
}

static long long qint(strata_conn *c, const char *sql)
{
    long long v = -2;

    if (drv->query(c, sql, first_int, &v) != STRATA_OK)
        fail_msg("%s: %s", sql, c->errmsg);
    return v;
}

static strata_table *introspect1(strata_conn *c, const char *name)
{
    return fx_introspect(c, &name, 1);
}

/* Render ops against the live catalog of table and run the result as
 * the core does: foreign keys off around a transaction when a statement
 * asks for it, the violation count checked before the commit. */
static int apply(strata_conn *c, const char *table, const strata_op *ops,
                 size_t n, size_t *nstmts)
{
    strata_table *cat = introspect1(c, table);
    strata_sql_list l;
    size_t viol = 99, i;
    int off = 0, rc = STRATA_OK;

    if (drv->render(c, ops, n, cat, &l) != STRATA_OK)
        fail_msg("render: %s", c->errmsg);
    strata__tables_free(cat, 1);
    for (i = 0; i < l.count; i++)
        off |= (l.items[i].flags & STRATA_SQL_NEEDS_FK_OFF) != 0;
    if (off)
        assert_int_equal(drv->foreign_keys(c, 0), STRATA_OK);
    assert_int_equal(drv->begin(c), STRATA_OK);
    for (i = 0; i < l.count && rc == STRATA_OK; i++)
        rc = drv->exec(c, l.items[i].sql);
    if (rc == STRATA_OK) {
        assert_int_equal(drv->fk_violations(c, table, &viol), STRATA_OK);
        assert_int_equal(viol, 0);
        assert_int_equal(drv->commit(c), STRATA_OK);
    } else {
        assert_int_equal(drv->rollback(c), STRATA_OK);
    }
    if (off)
        assert_int_equal(drv->foreign_keys(c, 1), STRATA_OK);
    if (nstmts)
        *nstmts = l.count;
    fx_list_free(&l);
    return rc;
}

/* ---- introspection ------------------------------------------------------ */

static void test_sqlite_introspect__columns(void **state)
{
    strata_conn *c = open_db();
    strata_table *t;
    const strata_column *col;

    (void)state;
    fx_run(c, "CREATE TABLE items (\n"
              "  id INTEGER PRIMARY KEY,\n"
              "  name TEXT NOT NULL DEFAULT 'x',\n"
              "  price NUMERIC(10,2),\n"
              "  created TEXT DEFAULT CURRENT_TIMESTAMP,\n"
              "  total INT GENERATED ALWAYS AS (price * 2) VIRTUAL,\n"
              "  bumped INT AS (id + 1) STORED,\n"
              "  untyped\n"
              ");\n");
    t = introspect1(c, "items");
    assert_true(t->exists);
    assert_string_equal(t->name, "items");
    assert_non_null(strstr(t->sql, "CREATE TABLE items ("));
    assert_int_equal(t->ncolumns, 7);
    col = &t->columns[0];
    assert_string_equal(col->name, "id");
    assert_string_equal(col->type, "INTEGER");
    assert_int_equal(col->pk, 1);
    /* the rowid alias: SQLite's auto id, never NULL */
    assert_int_equal(col->autoincrement, 1);
    assert_int_equal(col->notnull, 1);
    assert_null(col->default_expr);
    col = &t->columns[1];
    assert_string_equal(col->name, "name");
    assert_int_equal(col->notnull, 1);
    assert_string_equal(col->default_expr, "'x'");
    assert_int_equal(col->pk, 0);
    assert_int_equal(col->autoincrement, 0);
    assert_string_equal(t->columns[2].type, "NUMERIC(10,2)");
    assert_int_equal(t->columns[2].notnull, 0);
    assert_string_equal(t->columns[3].default_expr, "CURRENT_TIMESTAMP");
    assert_int_equal(t->columns[3].generated, 0);
    assert_string_equal(t->columns[4].name, "total");
    assert_int_equal(t->columns[4].generated, 1);
    assert_int_equal(t->columns[5].generated, 1);
    assert_string_equal(t->columns[6].name, "untyped");
    assert_string_equal(t->columns[6].type, "");
    assert_int_equal(t->nconstraints, 1);
    assert_string_equal(t->constraints[0].name, "items_pkey");
    assert_int_equal(t->constraints[0].kind, STRATA_CON_PRIMARY_KEY);
    fx_names_are(t->constraints[0].columns, t->constraints[0].ncolumns,
                 "id");
    /* INTEGER PRIMARY KEY is the rowid: no index */
    assert_int_equal(t->nindexes, 0);
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__keys_not_rowid(void **state)
{
    strata_conn *c = open_db();
    strata_table *t;

    (void)state;
    fx_run(c, "CREATE TABLE a (id BIGINT PRIMARY KEY);\n"
              "CREATE TABLE b (id INTEGER PRIMARY KEY DESC);\n"
              "CREATE TABLE w (id INTEGER PRIMARY KEY, v) WITHOUT ROWID;\n");
    /* only INTEGER exactly makes the rowid alias */
    t = introspect1(c, "a");
    assert_int_equal(t->columns[0].autoincrement, 0);
    assert_int_equal(t->nindexes, 1);
    assert_int_equal(t->indexes[0].constraint, 1);
    strata__tables_free(t, 1);
    t = introspect1(c, "b");
    assert_int_equal(t->columns[0].autoincrement, 0);
    strata__tables_free(t, 1);
    t = introspect1(c, "w");
    assert_int_equal(t->columns[0].autoincrement, 0);
    assert_int_equal(t->columns[0].notnull, 1); /* WITHOUT ROWID key */
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__indexes(void **state)
{
    strata_conn *c = open_db();
    strata_table *t;
    const strata_index *ix;

    (void)state;
    fx_run(c, "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT UNIQUE,"
              " name TEXT, age INT, CONSTRAINT pn UNIQUE (name, age));\n"
              "CREATE INDEX people_lower ON people ((lower(email)), "
              "age DESC);\n"
              "CREATE UNIQUE INDEX IF NOT EXISTS people_adult ON people (name)"
              "\n  WHERE age >= 18;\n");
    t = introspect1(c, "people");
    assert_int_equal(t->nindexes, 4);
    ix = fx_idx(t, "sqlite_autoindex_people_1");
    assert_non_null(ix);
    assert_true(ix->unique);
    assert_true(ix->constraint);
    assert_null(ix->sql);
    fx_keys_are(ix, "email");
    assert_string_equal(ix->table, "people");
    ix = fx_idx(t, "sqlite_autoindex_people_2");
    assert_non_null(ix);
    assert_int_equal(ix->nkeys, 2);
    assert_string_equal(ix->keys[1].column, "age");
    ix = fx_idx(t, "people_lower");
    assert_non_null(ix);
    assert_false(ix->unique);
    assert_false(ix->constraint);
    assert_int_equal(ix->nkeys, 2);
    assert_null(ix->keys[0].column);
    assert_string_equal(ix->keys[0].expr, "lower(email)");
    assert_false(ix->keys[0].desc);
    assert_string_equal(ix->keys[1].column, "age");
    assert_true(ix->keys[1].desc);
    assert_null(ix->where);
    assert_non_null(strstr(ix->sql, "CREATE INDEX people_lower"));
    ix = fx_idx(t, "people_adult");
    assert_non_null(ix);
    assert_true(ix->unique);
    assert_string_equal(ix->where, "age >= 18");
    assert_string_equal(ix->keys[0].column, "name");
    /* creation order */
    assert_string_equal(t->indexes[3].name, "people_adult");
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__constraints(void **state)
{
    strata_conn *c = open_db();
    strata_table *t;
    const strata_constraint *k;

    (void)state;
    fx_run(c, "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE);"
              "\n"
              "CREATE TABLE child (\n"
              "  id INTEGER PRIMARY KEY,\n"
              "  parent_id INT REFERENCES parent (id) ON DELETE CASCADE,\n"
              "  code TEXT CONSTRAINT child_code_fk REFERENCES parent (code)\n"
              "    on update set  null ON DELETE NO ACTION,\n"
              "  state TEXT CHECK (state IN ('a', 'b')),\n"
              "  a INT, b INT, p INT REFERENCES parent,\n"
              "  CHECK ((a < b)),\n"
              "  CONSTRAINT \"Named\"\"Check\" CHECK (a > 0),\n"
              "  CHECK (b > 0)\n"
              "  UNIQUE (a, b),\n"
              "  FOREIGN KEY (a, b) REFERENCES pair (x, y) DEFERRABLE "
              "INITIALLY DEFERRED\n"
              ");\n");
    t = introspect1(c, "child");
    assert_int_equal(t->nconstraints, 10);
    k = fx_con(t, "child_pkey");
    assert_int_equal(k->kind, STRATA_CON_PRIMARY_KEY);
    assert_false(k->named);
    k = fx_con(t, "child_parent_id_fkey");
    fx_fk_is(k, "parent_id", "parent", "id");
    assert_false(k->named);
    assert_string_equal(k->on_delete, "CASCADE");
    assert_null(k->on_update);
    k = fx_con(t, "child_code_fk");
    assert_true(k->named);
    assert_string_equal(k->on_update, "SET NULL");
    assert_null(k->on_delete); /* NO ACTION is the default */
    assert_string_equal(k->ref_columns[0], "code");
    k = fx_con(t, "child_state_check");
    assert_int_equal(k->kind, STRATA_CON_CHECK);
    assert_string_equal(k->check, "state IN ('a', 'b')");
    /* an implicit parent key: pragma_foreign_key_list has no "to" */
    k = fx_con(t, "child_p_fkey");
    assert_int_equal(k->nref_columns, 0);
    k = fx_con(t, "child_check");
    assert_string_equal(k->check, "(a < b)");
    k = fx_con(t, "Named\"Check");
    assert_true(k->named);
    assert_string_equal(k->check, "a > 0");
    k = fx_con(t, "child_b_check"); /* after the one column it names */
    assert_string_equal(k->check, "b > 0");
    k = fx_con(t, "child_a_b_key");
    assert_int_equal(k->kind, STRATA_CON_UNIQUE);
    assert_int_equal(k->ncolumns, 2);
    k = fx_con(t, "child_a_b_fkey");
    assert_string_equal(k->ref_table, "pair");
    assert_int_equal(k->nref_columns, 2);
    assert_string_equal(k->ref_columns[1], "y");
    assert_null(k->on_delete);
    /* text order */
    assert_string_equal(t->constraints[0].name, "child_pkey");
    assert_string_equal(t->constraints[9].name, "child_a_b_fkey");
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__triggers_and_dependents(void **state)
{
    strata_conn *c = open_db();
    strata_table *t;

    (void)state;
    fx_run(c, "CREATE TABLE t (a INT);\n"
              "CREATE TABLE other (b INT);\n"
              "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;\n"
              "CREATE VIEW v AS SELECT a FROM \"T\";\n"
              "CREATE VIEW v2 AS SELECT * FROM v;\n"
              "CREATE TRIGGER other_ai AFTER INSERT ON other BEGIN "
              "INSERT INTO [t] VALUES (NEW.b); END;\n"
              "CREATE TRIGGER v2_ins INSTEAD OF INSERT ON v2 BEGIN "
              "SELECT 2; END;\n"
              "CREATE VIEW unrelated AS SELECT 'tt' AS x, t2.b "
              "FROM other t2;\n"
              "CREATE TRIGGER other_bi BEFORE INSERT ON other BEGIN "
              "SELECT 'x'; END;\n");
    t = introspect1(c, "t");
    assert_int_equal(t->ntriggers, 1);
    assert_string_equal(t->triggers[0].kind, "trigger");
    assert_string_equal(t->triggers[0].name, "t_ai");
    assert_non_null(strstr(t->triggers[0].sql, "CREATE TRIGGER t_ai"));
    /* views first, then triggers, each in creation order; v2 through
     * v, v2_ins because dropping v2 drops it */
    assert_int_equal(t->ndependents, 4);
    assert_string_equal(t->dependents[0].name, "v");
    assert_string_equal(t->dependents[0].kind, "view");
    assert_string_equal(t->dependents[1].name, "v2");
    assert_string_equal(t->dependents[2].name, "other_ai");
    assert_string_equal(t->dependents[2].kind, "trigger");
    assert_string_equal(t->dependents[3].name, "v2_ins");
    strata__tables_free(t, 1);
    t = introspect1(c, "other");
    assert_int_equal(t->ntriggers, 2);
    assert_int_equal(t->ndependents, 1);
    assert_string_equal(t->dependents[0].name, "unrelated");
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__several_and_missing(void **state)
{
    strata_conn *c = open_db(), *u;
    const char *names[] = {"nosuch", "A", "b", "a"};
    strata_table *t = NULL;

    (void)state;
    fx_run(c, "CREATE TABLE a (x INT);\n"
              "CREATE TABLE b (y INT, z INT);\n"
              "CREATE INDEX bi ON b (z);\n");
    assert_int_equal(drv->introspect(c, names, 4, &t), STRATA_OK);
    fx_table_is(&t[0], "nosuch", 0);
    /* names resolve without case, as SQLite's; the live name is
     * reported */
    fx_table_is(&t[1], "a", 1);
    assert_int_equal(t[1].ncolumns, 1);
    assert_int_equal(t[2].ncolumns, 2);
    assert_int_equal(t[2].nindexes, 1);
    assert_int_equal(t[3].ncolumns, 1);
    strata__tables_free(t, 4);
    t = (strata_table *)1;
    assert_int_equal(drv->introspect(c, names, 0, &t), STRATA_OK);
    assert_null(t);
    /* index_table */
    {
        char *tn = (char *)1;

        assert_int_equal(drv->index_table(c, "BI", &tn), STRATA_OK);
        assert_string_equal(tn, "b");
        free(tn);
        assert_int_equal(drv->index_table(c, "nope", &tn), STRATA_OK);
        assert_null(tn);
    }
    /* unconnected */
    u = calloc(1, drv->conn_size);
    assert_non_null(u);
    u->host = strata__host();
    assert_int_equal(drv->introspect(u, names, 1, &t), STRATA_ERR_CONN);
    free(u);
    fx_conn_free(c);
}

static void test_sqlite_introspect__foreign_keys(void **state)
{
    strata_conn *c = open_db();
    size_t n = 99;

    (void)state;
    fx_run(c, "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
              "CREATE TABLE k (pid INT REFERENCES p (id));\n"
              "CREATE TABLE k2 (pid INT REFERENCES p, x INT REFERENCES q);\n"
              "INSERT INTO p VALUES (1);\n"
              "INSERT INTO k VALUES (1);\n");
    assert_int_equal(qint(c, "PRAGMA foreign_keys"), 1);
    assert_int_equal(drv->fk_violations(c, "p", &n), STRATA_OK);
    assert_int_equal(n, 0);
    assert_int_equal(drv->foreign_keys(c, 0), STRATA_OK);
    assert_int_equal(qint(c, "PRAGMA foreign_keys"), 0);
    fx_run(c, "INSERT INTO k VALUES (2);\n"
              "INSERT INTO k2 VALUES (3, NULL);\n"
              "INSERT INTO k2 VALUES (1, 5);\n");
    /* rows of the tables referencing p count, k2's other key too */
    assert_int_equal(drv->fk_violations(c, "P", &n), STRATA_OK);
    assert_int_equal(n, 3);
    assert_int_equal(drv->fk_violations(c, "k", &n), STRATA_OK);
    assert_int_equal(n, 1);
    assert_int_equal(drv->foreign_keys(c, 1), STRATA_OK);
    assert_int_equal(qint(c, "PRAGMA foreign_keys"), 1);
    /* inside a transaction the pragma does nothing: said, not hidden */
    assert_int_equal(drv->begin(c), STRATA_OK);
    assert_int_equal(drv->foreign_keys(c, 0), STRATA_ERR_INVALID);
    assert_int_equal(drv->rollback(c), STRATA_OK);
    fx_conn_free(c);
}

static void test_sqlite_introspect__virtual_table(void **state)
{
    /* No column list to parse: what the pragmas know is all there is,
     * and a rebuild is refused rather than guessed. */
    strata_conn *c = open_db();
    strata_table *t;
    strata_op o = fx_op(STRATA_OP_SET_NOT_NULL, "docs", "title");
    strata_sql_list l;

    (void)state;
    fx_run(c, "CREATE VIRTUAL TABLE docs USING fts5(title, body);\n");
    t = introspect1(c, "docs");
    assert_true(t->exists);
    assert_non_null(strstr(t->sql, "CREATE VIRTUAL TABLE"));
    assert_true(t->ncolumns >= 2);
    assert_string_equal(t->columns[0].name, "title");
    assert_int_equal(t->columns[0].generated, 0);
    assert_int_equal(t->nconstraints, 0);
    assert_int_equal(drv->render(c, &o, 1, t, &l), STRATA_ERR_INVALID);
    assert_string_equal(c->errmsg, "cannot rebuild table \"docs\": its "
                                   "CREATE TABLE text cannot be parsed");
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__odd_definitions(void **state)
{
    /* Definitions SQLite accepts that a careless parser would not:
     * "generated" and "key" as a type and a name, constraints after one
     * comma, DQS default, comments holding ',' and ')'. */
    strata_conn *c = open_db();
    strata_op o = fx_op(STRATA_OP_SET_NOT_NULL, "odd", "b");
    strata_table *t;

    (void)state;
    fx_run(c, "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
              "CREATE TABLE odd (a generated, b int generated,\n"
              "  key key REFERENCES p, d TEXT AS (upper(a)),\n"
              "  e DEFAULT \"dq\" -- a comment, with ( and )\n"
              "  , f /* ) , */ TEXT CHECK (f NOT IN ('(', ',', ')')),\n"
              "  PRIMARY KEY (a, b) UNIQUE (e) CHECK (b > 0)\n"
              ");\n"
              "INSERT INTO odd (a, b, e, f) VALUES ('x', 1, 'y', 'z');\n");
    t = introspect1(c, "odd");
    assert_string_equal(t->columns[0].type, "generated");
    assert_string_equal(t->columns[1].type, "int generated");
    assert_string_equal(t->columns[2].name, "key");
    assert_string_equal(t->columns[2].type, "key");
    assert_int_equal(t->columns[3].generated, 1);
    assert_string_equal(t->columns[4].default_expr, "\"dq\"");
    assert_int_equal(t->nconstraints, 5);
    assert_string_equal(fx_con(t, "odd_key_fkey")->ref_table, "p");
    assert_string_equal(fx_con(t, "odd_f_check")->check,
                           "f NOT IN ('(', ',', ')')");
    assert_int_equal(fx_con(t, "odd_f_check")->ncolumns, 1);
    assert_int_equal(fx_con(t, "odd_pkey")->ncolumns, 2);
    assert_int_equal(fx_con(t, "odd_e_key")->kind, STRATA_CON_UNIQUE);
    assert_string_equal(fx_con(t, "odd_b_check")->check, "b > 0");
    assert_int_equal(fx_con(t, "odd_b_check")->ncolumns, 0);
    strata__tables_free(t, 1);
    assert_int_equal(apply(c, "odd", &o, 1, NULL), STRATA_OK);
    assert_int_equal(qint(c, "SELECT count(*) FROM odd WHERE d = 'X'"), 1);
    t = introspect1(c, "odd");
    assert_int_equal(t->columns[1].notnull, 1);
    assert_string_equal(t->columns[0].type, "generated");
    assert_int_equal(t->nconstraints, 5);
    assert_non_null(strstr(t->sql, "-- a comment, with ( and )\n"));
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

/* ---- rebuilds run against SQLite ---------------------------------------- */

static const char *const signals_schema =
    "CREATE TABLE signals (\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  name TEXT NOT NULL COLLATE NOCASE,\n"
    "  state TEXT NOT NULL DEFAULT 'new',\n"
    "  score INT CHECK (score >= 0)\n"
    ");\n"
    "CREATE INDEX signals_state ON signals (state, id DESC);\n"
    "CREATE INDEX signals_lower ON signals (lower(name)) WHERE score > 0;\n"
    "CREATE TABLE audit (sid INT, what TEXT);\n"
    "CREATE TRIGGER signals_ai AFTER INSERT ON signals BEGIN\n"
    "  INSERT INTO audit VALUES (NEW.id, 'ins');\n"
    "END;\n"
    "CREATE VIEW hot AS SELECT id, name FROM signals WHERE score > 500;\n"
    "CREATE TABLE child (id INTEGER PRIMARY KEY, signal_id INT NOT NULL\n"
    "  REFERENCES signals (id) ON DELETE CASCADE);\n"
    "CREATE TRIGGER child_ai AFTER INSERT ON child BEGIN\n"
    "  UPDATE signals SET score = score + 1 WHERE id = NEW.signal_id;\n"
    "END;\n"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n\n"
    "  WHERE i < 1001)\n"
    "INSERT INTO signals (name, state, score)\n"
    "  SELECT 'sig' || i, CASE i % 2 WHEN 0 THEN 'new' ELSE 'done' END,\n"
    "  i FROM n;\n"
    "DELETE FROM signals WHERE id = 1001;\n"
    "INSERT INTO child (signal_id) SELECT id FROM signals;\n";

static int has_object(strata_conn *c, const char *type, const char *name)
{
    char sql[256];

    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM sqlite_schema WHERE type = '%s' AND "
             "name = '%s'",
             type, name);
    return (int)qint(c, sql);
}

static void test_sqlite_introspect__rebuild_end_to_end(void **state)
{
    strata_conn *c = open_db();
    strata_constraint chk = {.kind = STRATA_CON_CHECK,
                             .name = S("signals_state_check"), .named = 1,
                             .check = S("state IN ('new', 'done')")};
    strata_op ops[2];
    strata_table *t;
    size_t n;

    (void)state;
    fx_run(c, signals_schema);
    assert_int_equal(qint(c, "SELECT count(*) FROM signals"), 1000);
    assert_int_equal(qint(c, "SELECT count(*) FROM audit"), 1001);
    ops[0] = fx_op(STRATA_OP_ADD_CONSTRAINT, "signals", "signals_state_check");
    ops[0].constraints = &chk;
    ops[0].nconstraints = 1;
    ops[1] = fx_op(STRATA_OP_DROP_NOT_NULL, "signals", "state");
    assert_int_equal(apply(c, "signals", ops, 2, &n), STRATA_OK);
    assert_true(n > 6);
    /* every row, with its values */
    assert_int_equal(qint(c, "SELECT count(*) FROM signals"), 1000);
    assert_int_equal(qint(c, "SELECT sum(id) + sum(score) FROM signals"),
                     2 * (1000 * 1001 / 2) + 1000);
    assert_int_equal(qint(c, "SELECT count(*) FROM signals WHERE name = "
                             "'SIG7'"),
                     1); /* COLLATE NOCASE kept */
    /* indexes, trigger, view, the child's key */
    assert_int_equal(has_object(c, "index", "signals_state"), 1);
    assert_int_equal(has_object(c, "index", "signals_lower"), 1);
    assert_int_equal(has_object(c, "trigger", "signals_ai"), 1);
    assert_int_equal(has_object(c, "trigger", "child_ai"), 1);
    assert_int_equal(has_object(c, "view", "hot"), 1);
    assert_int_equal(has_object(c, "table", "strata_new_signals"), 0);
    assert_int_equal(qint(c, "SELECT count(*) FROM hot"), 501);
    assert_int_equal(qint(c, "SELECT count(*) FROM pragma_foreign_key_check"),
                     0);
    assert_int_equal(qint(c, "SELECT count(*) FROM pragma_integrity_check "
                             "WHERE integrity_check <> 'ok'"),
                     0);
    /* the CHECK refuses, the NOT NULL is gone, the trigger fires, the
     * AUTOINCREMENT high-water mark holds (1001 was deleted) */
    assert_int_equal(drv->exec(c, "INSERT INTO signals (name, state) "
                                  "VALUES ('bad', 'rejected')"),
                     STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "CHECK constraint failed"));
    assert_int_equal(drv->exec(c, "INSERT INTO signals (name, state) "
                                  "VALUES ('nul', NULL)"),
                     STRATA_OK);
    assert_int_equal(qint(c, "SELECT id FROM signals WHERE name = 'nul'"),
                     1002);
    assert_int_equal(qint(c, "SELECT count(*) FROM audit"), 1002);
    assert_int_equal(qint(c, "SELECT \"notnull\" FROM "
                             "pragma_table_info('signals') WHERE name = "
                             "'state'"),
                     0);
    /* the child's ON DELETE CASCADE still points at the new table */
    assert_int_equal(drv->exec(c, "DELETE FROM signals WHERE id = 5"),
                     STRATA_OK);
    assert_int_equal(qint(c, "SELECT count(*) FROM child"), 999);
    /* names: the new CHECK as given, the unnamed ones left unnamed
     * (found by their derived names) */
    t = introspect1(c, "signals");
    assert_true(fx_con(t, "signals_state_check")->named);
    assert_false(fx_con(t, "signals_score_check")->named);
    assert_false(fx_con(t, "signals_pkey")->named);
    assert_int_equal(t->nindexes, 2);
    assert_int_equal(t->ntriggers, 1);
    assert_int_equal(t->ndependents, 2); /* hot, child_ai */
    strata__tables_free(t, 1);
    fx_conn_free(c);
}

static void test_sqlite_introspect__rebuild_drop_column(void **state)
{
    strata_conn *c = open_db();
    strata_op o = fx_op(STRATA_OP_DROP_COLUMN, "signals", "score");
    strata_table *t;
    size_t n;

    (void)state;
    fx_run(c, signals_schema);
    /* score is in a partial index's WHERE and in the view: the view
     * makes the recreation fail, as PostgreSQL refuses too */
    assert_int_equal(apply(c, "signals", &o, 1, &n), STRATA_ERR_DB);
    assert_string_equal(c->errmsg,
                        "error in view hot: no such column: score");
    assert_int_equal(qint(c, "SELECT count(*) FROM signals"), 1000);
    assert_int_equal(has_object(c, "view", "hot"), 1);
    fx_run(c, "DROP VIEW hot;\n"
              "DROP TRIGGER child_ai;\n");
    assert_int_equal(apply(c, "signals", &o, 1, &n), STRATA_OK);
    assert_true(n > 2); /* a rebuild, not SQLite's DROP COLUMN */
    assert_int_equal(qint(c, "SELECT count(*) FROM signals"), 1000);
    assert_int_equal(qint(c, "SELECT sum(id) FROM signals"),
                     1000 * 1001 / 2);
    assert_int_equal(has_object(c, "index", "signals_lower"), 0);
    assert_int_equal(has_object(c, "index", "signals_state"), 1);
    assert_int_equal(has_object(c, "trigger", "signals_ai"), 1);
    t = introspect1(c, "signals");
    assert_int_equal(t->ncolumns, 3);
    assert_int_equal(t->nconstraints, 1); /* its CHECK went with it */
    strata__tables_free(t, 1);
    /* now SQLite's own DROP COLUMN does */
    o.name = S("name");
    fx_run(c, "DROP INDEX signals_state;\n");
    assert_int_equal(apply(c, "signals", &o, 1, &n), STRATA_OK);
    assert_int_equal(n, 1);
    assert_int_equal(qint(c, "SELECT count(*) FROM signals"), 1000);
    fx_conn_free(c);
}

static void test_sqlite_introspect__rebuild_each_op(void **state)
{
    /* Every rebuilt operation, run: the SQL SQLite accepts. */
    strata_conn *c = open_db();
    strata_column add = {.name = S("at"), .type = S("timestamptz"),
                         .notnull = 1, .default_expr = S("CURRENT_TIMESTAMP")};
    strata_column uq = {.name = S("code"), .type = S("varchar(8)")};
    char *cc[] = {S("code")}, *pc[] = {S("pid")}, *idc[] = {S("id")};
    strata_constraint kuq = {.kind = STRATA_CON_UNIQUE,
                             .name = S("t_code_key"), .columns = cc,
                             .ncolumns = 1};
    strata_constraint kfk = {.kind = STRATA_CON_FOREIGN_KEY,
                             .name = S("t_pid_fkey"), .columns = pc,
                             .ncolumns = 1, .ref_table = S("p"),
                             .ref_columns = idc, .nref_columns = 1,
                             .on_delete = S("SET NULL")};
    strata_constraint kpk = {.kind = STRATA_CON_PRIMARY_KEY,
                             .name = S("t_pkey"), .columns = idc,
                             .ncolumns = 1};
    strata_op o;
    strata_table *t;

    (void)state;
    fx_run(c, "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
              "INSERT INTO p VALUES (1), (2);\n"
              "CREATE TABLE t (id INTEGER NOT NULL, pid INT, v TEXT);\n"
              "INSERT INTO t VALUES (1, 1, 'a'), (2, 2, NULL),\n"
              "  (3, NULL, 'c');\n");
    o = fx_op(STRATA_OP_ADD_COLUMN, "t", "at");
    o.columns = &add;
    o.ncolumns = 1;
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    assert_int_equal(qint(c, "SELECT count(*) FROM t WHERE at IS NOT NULL"),
                     3);
    o = fx_op(STRATA_OP_ADD_COLUMN, "t", "code");
    o.columns = &uq;
    o.ncolumns = 1;
    o.constraints = &kuq;
    o.nconstraints = 1;
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    o = fx_op(STRATA_OP_ADD_CONSTRAINT, "t", "t_pkey");
    o.constraints = &kpk;
    o.nconstraints = 1;
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    o.constraints = &kfk;
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    o = fx_op(STRATA_OP_SET_DEFAULT, "t", "v");
    o.default_expr = S("'zz'");
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    o = fx_op(STRATA_OP_ALTER_TYPE, "t", "pid");
    o.type = S("bigint");
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    /* SET NOT NULL over a NULL: refused, nothing changed */
    o = fx_op(STRATA_OP_SET_NOT_NULL, "t", "v");
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_ERR_DB);
    assert_non_null(strstr(c->errmsg, "NOT NULL constraint failed"));
    fx_run(c, "UPDATE t SET v = 'b' WHERE v IS NULL;\n");
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    /* an orphan breaks the key: the check before the commit sees it */
    fx_run(c, "INSERT INTO t (id, pid, v) VALUES (4, NULL, 'd');\n");
    assert_int_equal(drv->exec(c, "UPDATE t SET pid = 9 WHERE id = 4"),
                     STRATA_ERR_DB);
    t = introspect1(c, "t");
    assert_int_equal(t->columns[0].autoincrement, 1);
    assert_string_equal(t->columns[1].type, "BIGINT");
    assert_string_equal(t->columns[2].default_expr, "'zz'");
    assert_int_equal(t->columns[2].notnull, 1);
    assert_string_equal(t->columns[3].type, "DATETIME");
    assert_string_equal(fx_con(t, "t_pid_fkey")->on_delete, "SET NULL");
    assert_int_equal(fx_con(t, "t_code_key")->kind, STRATA_CON_UNIQUE);
    assert_int_equal(qint(c, "SELECT count(*) FROM t"), 4);
    strata__tables_free(t, 1);
    /* DROP CONSTRAINT of the key: the rebuild drops it */
    o = fx_op(STRATA_OP_DROP_CONSTRAINT, "t", "t_code_key");
    assert_int_equal(apply(c, "t", &o, 1, NULL), STRATA_OK);
    assert_int_equal(drv->exec(c, "INSERT INTO t (id, v, code) VALUES "
                                  "(5, 'e', 'x'), (6, 'f', 'x')"),
                     STRATA_OK);
    fx_conn_free(c);
}

/* Every host allocation fails in turn: STRATA_ERR_NOMEM each time, no
 * partial catalog, nothing leaked (the memory checkers see leaks). */
static void test_sqlite_introspect__out_of_memory(void **state)
{
    strata_conn *c = open_db();
    const char *names[] = {"child", "nosuch", "t", "CHILD"};
    strata_table *t;
    long k;
    int rc;

    (void)state;
    fx_run(c, "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE);"
              "\n"
              "CREATE TABLE child (id INTEGER PRIMARY KEY, pid INT REFERENCES"
              " parent ON DELETE CASCADE, code TEXT CHECK (code <> ''),\n"
              "  CONSTRAINT fk FOREIGN KEY (code) REFERENCES parent (code),\n"
              "  UNIQUE (pid, code), CHECK (pid > 0),\n"
              "  FOREIGN KEY (pid, code) REFERENCES pair (a, b));\n"
              "CREATE INDEX ci ON child (lower(code) DESC) WHERE pid > 1;\n"
              "CREATE TABLE t (a INT);\n"
              "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;\n"
              "CREATE VIEW v AS SELECT a FROM t;\n"
              "CREATE VIEW v2 AS SELECT a FROM v;\n"
              "CREATE TRIGGER c_ai AFTER INSERT ON child BEGIN DELETE FROM t;"
              " END;\n");
    for (k = 0;; k++) {
        fx_host_budget(k);
        t = (strata_table *)1;
        rc = drv->introspect(c, names, 4, &t);
        fx_host_restore();
        if (rc == STRATA_OK)
            break;
        assert_int_equal(rc, STRATA_ERR_NOMEM);
        assert_string_equal(c->errmsg, "out of memory");
        assert_null(t);
    }
    assert_true(k > 50);
    assert_int_equal(t[0].nconstraints, 7);
    assert_int_equal(t[2].ndependents, 3);
    strata__tables_free(t, 4);
    for (k = 0;; k++) {
        char *tn = NULL;

        fx_host_budget(k);
        rc = drv->index_table(c, "ci", &tn);
        fx_host_restore();
        if (rc == STRATA_OK) {
            assert_string_equal(tn, "child");
            free(tn);
            break;
        }
        assert_int_equal(rc, STRATA_ERR_NOMEM);
        assert_null(tn);
    }
    fx_conn_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqlite_introspect__columns),
        cmocka_unit_test(test_sqlite_introspect__keys_not_rowid),
        cmocka_unit_test(test_sqlite_introspect__indexes),
        cmocka_unit_test(test_sqlite_introspect__constraints),
        cmocka_unit_test(test_sqlite_introspect__triggers_and_dependents),
        cmocka_unit_test(test_sqlite_introspect__several_and_missing),
        cmocka_unit_test(test_sqlite_introspect__foreign_keys),
        cmocka_unit_test(test_sqlite_introspect__virtual_table),
        cmocka_unit_test(test_sqlite_introspect__odd_definitions),
        cmocka_unit_test(test_sqlite_introspect__rebuild_end_to_end),
        cmocka_unit_test(test_sqlite_introspect__rebuild_drop_column),
        cmocka_unit_test(test_sqlite_introspect__rebuild_each_op),
        cmocka_unit_test(test_sqlite_introspect__out_of_memory),
    };

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
