/* test_mysql_render.c - the MySQL/MariaDB driver's render(),
 * type_family() and same_expr() as the core loads them: operations
 * parsed by the core's own parser from portable SQL, catalogs written
 * by hand as introspection returns them, SQL compared as text.  No
 * server is opened: render() must work unconnected (offline SQL, which
 * targets MariaDB 10.11); the MySQL 8 and older-server forms are
 * checked by setting the flavour the driver would read at connect. */
#include "fixture_driver.h"
#include "sql/op.h"
#include "sql/parser.h"

/* The driver's connection struct, without the client's headers. */
#define MY_TEST_LAYOUT
#include "../../drivers/mysql/my.h"

#define ONLINE ", ALGORITHM=INPLACE, LOCK=NONE"

static strata_conn *conn; /* allocated, never connected */

FX_GROUP_SETUP("mysql", &conn);

/* The server render targets: 0 = offline (MariaDB 10.11). */
static void flavour(int mysql8, unsigned long version)
{
    my_conn *q = (my_conn *)conn;

    q->mysql8 = mysql8;
    q->version = version;
}

static int reset(void **state)
{
    (void)state;
    flavour(0, 0);
    return 0;
}

/* The operation of portable sql, as the core parses it. */
static strata_op *parse(const char *sql)
{
    strata_error err = {0};
    strata_op *op = NULL;

    if (strata__parse_op(&op, "t.sql", sql, 1, 1, &err) != STRATA_OK)
        fail_msg("parse %s: %s", sql, err.msg ? err.msg : "?");
    if (!op)
        fail_msg("not portable: %s", sql);
    strata__error_clear(&err);
    return op;
}

static strata_sql_list render_sql(const char *sql, const strata_table *cat,
                                  uint32_t flags)
{
    strata_op *op = parse(sql);
    strata_sql_list l;

    op->flags = flags;
    op->online = 1;
    l = fx_render(conn, op, 1, cat);
    strata__op_free(op);
    return l;
}

/* One statement: sql, AUTOCOMMIT, alternative alt (NULL: none). */
static void expect_one(const char *portable, const strata_table *cat,
                       uint32_t flags, const char *sql, const char *alt)
{
    strata_sql_list l = render_sql(portable, cat, flags);

    if (l.count != 1)
        fail_msg("%s: %zu statements", portable, l.count);
    assert_string_equal(l.items[0].sql, sql);
    assert_int_equal(l.items[0].flags, STRATA_SQL_AUTOCOMMIT);
    if (alt)
        assert_string_equal(l.items[0].alternative, alt);
    else
        assert_null(l.items[0].alternative);
    assert_non_null(l.items[0].lock);
    fx_list_free(&l);
}

/* The online form and its locking alternative: the same without the
 * online clauses. */
static void expect_online(const char *portable, const strata_table *cat,
                          const char *locking)
{
    char sql[1024];

    snprintf(sql, sizeof sql, "%s%s", locking, ONLINE);
    expect_one(portable, cat, 0, sql, locking);
}

/* render() must refuse with code and a message holding msg. */
static void expect_refusal(const char *portable, const strata_table *cat,
                           uint32_t flags, int code, const char *msg)
{
    strata_op *op = parse(portable);

    op->flags = flags;
    op->online = 1;
    fx_refused(conn, op, 1, cat, code, msg);
    strata__op_free(op);
}

/* ---- a catalog as introspection returns it ----------------------------- */

static char *c_id[] = {S("id")}, *c_pid[] = {S("p_id")}, *c_ref[] = {S("id")};
static char *c_name[] = {S("name")};

static strata_column t_cols[] = {
    {.name = S("id"), .type = S("int"), .notnull = 1, .pk = 1,
     .autoincrement = 1},
    {.name = S("name"), .type = S("varchar(20)"), .default_expr = S("'x'")},
    {.name = S("upd"), .type = S("datetime(6)"), .notnull = 1,
     .default_expr = S("CURRENT_TIMESTAMP")},
    {.name = S("created"), .type = S("datetime(6)"),
     .default_expr = S("utc_timestamp(6)")},
    {.name = S("n"), .type = S("int")},
    {.name = S("p_id"), .type = S("int")},
    {.name = S("g"), .type = S("int"), .generated = 1},
    {.name = S("doc"), .type = S("json")},
    {.name = S("ts"), .type = S("timestamp"), .notnull = 1},
    {.name = S("body"), .type = S("text")},
};

static strata_constraint t_cons[] = {
    {.kind = STRATA_CON_PRIMARY_KEY, .name = S("t_pkey"), .columns = c_id,
     .ncolumns = 1},
    {.kind = STRATA_CON_UNIQUE, .name = S("t_name_key"), .columns = c_name,
     .ncolumns = 1, .named = 1},
    {.kind = STRATA_CON_CHECK, .name = S("t_n_check"), .check = S("n > 0"),
     .named = 1},
    {.kind = STRATA_CON_FOREIGN_KEY, .name = S("t_p_id_fkey"),
     .columns = c_pid, .ncolumns = 1, .ref_table = S("p"),
     .ref_columns = c_ref, .nref_columns = 1, .named = 1},
};

static strata_index_key k_id = {.column = S("id")};
static strata_index_key k_name = {.column = S("name")};
static strata_index_key k_pid = {.column = S("p_id")};

static strata_index t_idx[] = {
    {.name = S("t_pkey"), .unique = 1, .keys = &k_id, .nkeys = 1,
     .constraint = 1},
    {.name = S("t_name_key"), .unique = 1, .keys = &k_name, .nkeys = 1,
     .constraint = 1},
    {.name = S("t_p_id_fkey"), .keys = &k_pid, .nkeys = 1, .constraint = 1},
};

/* Written as introspect writes it (attributes strata does not model
 * come from here). */
static const char t_sql[] =
    "CREATE TABLE `t` (\n"
    "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
    "  `name` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
    "DEFAULT 'x' COMMENT 'the name, (really)',\n"
    "  `upd` datetime(6) NOT NULL DEFAULT current_timestamp(6) "
    "ON UPDATE current_timestamp(6),\n"
    "  `created` datetime(6) DEFAULT utc_timestamp(6) INVISIBLE,\n"
    "  `n` int(11) DEFAULT NULL,\n"
    "  `p_id` int(11) DEFAULT NULL,\n"
    "  `g` int(11) GENERATED ALWAYS AS (`n` + 1) VIRTUAL,\n"
    "  `doc` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,\n"
    "  `ts` timestamp NOT NULL,\n"
    "  `body` text COLLATE utf8mb4_unicode_ci\n"
    ")";

static strata_table t_table(void)
{
    return (strata_table){
        .name = S("t"),
        .exists = 1,
        .columns = t_cols,
        .ncolumns = sizeof t_cols / sizeof t_cols[0],
        .constraints = t_cons,
        .nconstraints = sizeof t_cons / sizeof t_cons[0],
        .indexes = t_idx,
        .nindexes = sizeof t_idx / sizeof t_idx[0],
        .sql = S(t_sql)};
}

/* ---- types -------------------------------------------------------------- */

static void family(const char *type, const char *want)
{
    strata_buf b = {0};

    assert_int_equal(drv->type_family(conn, type, &b), STRATA_OK);
    if (strcmp(b.data ? b.data : "", want) != 0)
        fail_msg("family(%s) = %s, expected %s", type, b.data, want);
    strata__buf_free(&b);
}

static void test_mysql_render__type_family(void **state)
{
    (void)state;
    /* portable types as MySQL declares them, and live types as the
     * server reports them, meet in one spelling */
    family("integer", "int");
    family("int(11)", "int");
    family("INT", "int");
    family("serial", "int");
    family("bigserial", "bigint");
    family("bigint(20)", "bigint");
    family("smallint", "smallint");
    family("smallint(6)", "smallint");
    family("boolean", "tinyint(1)");
    family("tinyint(1)", "tinyint(1)");
    family("tinyint(4)", "tinyint");
    family("text", "longtext");
    family("longtext", "longtext");
    family("varchar(20)", "varchar(20)");
    family("VARCHAR( 20 )", "varchar(20)");
    family("character varying(7)", "varchar(7)");
    family("timestamptz", "datetime(6)");
    family("timestamp with time zone", "datetime(6)");
    family("timestamp", "datetime(6)");
    family("timestamp(3)", "datetime(3)");
    family("datetime(6)", "datetime(6)");
    family("datetime", "datetime");
    family("date", "date");
    family("numeric(10,2)", "decimal(10,2)");
    family("decimal(10, 2)", "decimal(10,2)");
    family("numeric", "decimal(10,0)");
    family("decimal(8)", "decimal(8,0)");
    family("real", "float");
    family("float", "float");
    family("double", "double");
    family("double precision", "double");
    family("json", "json");
    family("uuid", "char(36)");
    family("char(36)", "char(36)");
    family("blob", "longblob");
    family("longblob", "longblob");
    family("int(10) unsigned", "int unsigned");
    family("enum('A','b')", "enum('A','b')");
}

static void test_mysql_render__types_table(void **state)
{
    (void)state;
    expect_one(
        "CREATE TABLE kinds (a text, b varchar(9), c smallint, d integer, "
        "e bigint, f boolean, g numeric(10,2), h real, i double precision, "
        "j date, k timestamp, l timestamptz, m json, n uuid, o blob, "
        "p geometry)",
        NULL, 0,
        "CREATE TABLE `kinds` (`a` longtext, `b` varchar(9), `c` smallint, "
        "`d` int, `e` bigint, `f` tinyint(1), `g` decimal(10,2), `h` float, "
        "`i` double, `j` date, `k` datetime(6), `l` datetime(6), `m` json, "
        "`n` char(36), `o` longblob, `p` geometry)",
        NULL);
}

/* ---- CREATE TABLE ------------------------------------------------------- */

static void test_mysql_render__create_table(void **state)
{
    (void)state;
    /* explicit constraint names, so every dialect has the same ones (a
     * CHECK written on its column stays on it, where MariaDB names it
     * after the column); timestamptz's CURRENT_TIMESTAMP is UTC,
     * timestamp's local */
    expect_one(
        "CREATE TABLE IF NOT EXISTS signals (\n"
        "  id serial PRIMARY KEY,\n"
        "  symbol varchar(32) NOT NULL UNIQUE,\n"
        "  score real CHECK (score >= 0),\n"
        "  ok boolean NOT NULL DEFAULT true,\n"
        "  created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
        "  seen_at timestamp DEFAULT CURRENT_TIMESTAMP,\n"
        "  note varchar(40) DEFAULT 'it''s \\ here',\n"
        "  total numeric(10,2) DEFAULT (1 + 2),\n"
        "  CONSTRAINT signals_note_check CHECK (\"note\" <> 'a\\b')\n"
        ")",
        NULL, 0,
        "CREATE TABLE IF NOT EXISTS `signals` (`id` int NOT NULL "
        "AUTO_INCREMENT, `symbol` varchar(32) NOT NULL, `score` float "
        "CHECK (score >= 0), `ok` tinyint(1) NOT NULL DEFAULT true, `created_at` datetime(6) "
        "NOT NULL DEFAULT (UTC_TIMESTAMP(6)), `seen_at` datetime(6) DEFAULT "
        "CURRENT_TIMESTAMP(6), `note` varchar(40) DEFAULT "
        "'it''s \\\\ here', `total` decimal(10,2) DEFAULT (1 + 2), "
        "PRIMARY KEY (`id`), CONSTRAINT `signals_symbol_key` UNIQUE KEY "
        "`signals_symbol_key` (`symbol`), CONSTRAINT `signals_note_check` "
        "CHECK (`note` <> 'a\\\\b'))",
        NULL);
    /* foreign keys, a composite key, a serial that is not the key */
    expect_one(
        "CREATE TABLE c (id bigserial, k integer, p_id integer NOT NULL "
        "REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL, "
        "up integer REFERENCES c, \"Odd`name\" int, PRIMARY KEY (k, p_id))",
        NULL, 0,
        "CREATE TABLE `c` (`id` bigint NOT NULL AUTO_INCREMENT, `k` int NOT "
        "NULL, `p_id` int NOT NULL, `up` int, `Odd``name` int, "
        "CONSTRAINT `c_p_id_fkey` FOREIGN KEY (`p_id`) REFERENCES `p` "
        "(`id`) ON DELETE CASCADE ON UPDATE SET NULL, CONSTRAINT "
        "`c_up_fkey` FOREIGN KEY (`up`) REFERENCES `c` (`k`, `p_id`), "
        "PRIMARY KEY (`k`, `p_id`), KEY (`id`))",
        NULL);
    /* MySQL has no default referenced columns */
    expect_refusal("CREATE TABLE c (p_id integer REFERENCES p)", NULL, 0,
                   STRATA_ERR_NOTSUP, "REFERENCES p needs its column list");
    /* a mysql section's table: its text, no option added, the server
     * names its keys */
    expect_one("CREATE TABLE t2 (name TEXT NOT NULL, p int REFERENCES p "
               "(id), UNIQUE (name))",
               NULL, STRATA_OP_AS_WRITTEN,
               "CREATE TABLE t2 (name TEXT NOT NULL, p int REFERENCES p "
               "(id), UNIQUE (name))",
               NULL);
}

/* ---- ADD COLUMN --------------------------------------------------------- */

static void test_mysql_render__add_column(void **state)
{
    strata_table t = t_table();
    strata_sql_list l;

    (void)state;
    /* a mysql section's ALTER runs as written, the online clause
     * added: timestamp is MySQL's, text is text, the server names the
     * key (a comment at the end does not swallow the clause) */
    expect_one("ALTER TABLE t ADD COLUMN at timestamp NULL", &t,
               STRATA_OP_AS_WRITTEN,
               "ALTER TABLE t ADD COLUMN at timestamp NULL, "
               "ALGORITHM=INSTANT",
               "ALTER TABLE t ADD COLUMN at timestamp NULL");
    expect_one("ALTER TABLE t ADD COLUMN name TEXT NOT NULL UNIQUE -- x",
               &t, STRATA_OP_AS_WRITTEN,
               "ALTER TABLE t ADD COLUMN name TEXT NOT NULL UNIQUE -- x\n"
               ", ALGORITHM=INPLACE, LOCK=NONE",
               "ALTER TABLE t ADD COLUMN name TEXT NOT NULL UNIQUE -- x");
    /* appending a nullable or constant-default column is INSTANT */
    expect_one("ALTER TABLE t ADD COLUMN note varchar(20)", &t, 0,
               "ALTER TABLE `t` ADD COLUMN `note` varchar(20), "
               "ALGORITHM=INSTANT",
               "ALTER TABLE `t` ADD COLUMN `note` varchar(20)");
    expect_one("ALTER TABLE t ADD state varchar(20) NOT NULL DEFAULT "
               "'candidate'", &t, 0,
               "ALTER TABLE `t` ADD COLUMN `state` varchar(20) NOT NULL "
               "DEFAULT 'candidate', ALGORITHM=INSTANT",
               "ALTER TABLE `t` ADD COLUMN `state` varchar(20) NOT NULL "
               "DEFAULT 'candidate'");
    expect_one("ALTER TABLE t ADD COLUMN at timestamp DEFAULT "
               "CURRENT_TIMESTAMP", &t, 0,
               "ALTER TABLE `t` ADD COLUMN `at` datetime(6) DEFAULT "
               "CURRENT_TIMESTAMP(6), ALGORITHM=INSTANT",
               "ALTER TABLE `t` ADD COLUMN `at` datetime(6) DEFAULT "
               "CURRENT_TIMESTAMP(6)");
    /* an expression default rebuilds the table: INPLACE */
    expect_online("ALTER TABLE t ADD COLUMN e integer DEFAULT 2 * 3", &t,
                  "ALTER TABLE `t` ADD COLUMN `e` int DEFAULT (2 * 3)");
    /* UTC_TIMESTAMP is one (MariaDB copies the table): instead the
     * column comes INSTANT with CURRENT_TIMESTAMP, which is UTC in
     * strata's session, then its default becomes UTC_TIMESTAMP */
    l = render_sql("ALTER TABLE t ADD COLUMN seen timestamptz NOT NULL "
                   "DEFAULT CURRENT_TIMESTAMP", &t, 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE `t` ADD COLUMN `seen` datetime(6) NOT "
                        "NULL DEFAULT CURRENT_TIMESTAMP(6), "
                        "ALGORITHM=INSTANT");
    assert_string_equal(l.items[0].alternative,
                        "ALTER TABLE `t` ADD COLUMN `seen` datetime(6) NOT "
                        "NULL DEFAULT (UTC_TIMESTAMP(6))");
    assert_string_equal(l.items[1].sql,
                        "ALTER TABLE `t` ALTER COLUMN `seen` SET DEFAULT "
                        "(UTC_TIMESTAMP(6))" ONLINE);
    assert_int_equal(l.items[1].flags, STRATA_SQL_AUTOCOMMIT);
    fx_list_free(&l);
    /* a key: INPLACE, with the constraint named */
    expect_online("ALTER TABLE t ADD COLUMN code varchar(8) UNIQUE", &t,
                  "ALTER TABLE `t` ADD COLUMN `code` varchar(8), ADD "
                  "CONSTRAINT `t_code_key` UNIQUE KEY `t_code_key` "
                  "(`code`)");
    expect_online("ALTER TABLE t ADD COLUMN s serial", &t,
                  "ALTER TABLE `t` ADD COLUMN `s` int NOT NULL "
                  "AUTO_INCREMENT");
    /* a CHECK copies the table: refused without allow_locking */
    expect_refusal("ALTER TABLE t ADD COLUMN m integer CHECK (m > 0)", &t,
                   0, STRATA_ERR_POLICY,
                   "ADD COLUMN m with a CHECK on t copies the table under "
                   "a shared lock (writes blocked); set allow_locking");
    l = render_sql("ALTER TABLE t ADD COLUMN m integer CHECK (m > 0)", &t,
                   STRATA_OP_ALLOW_LOCKING);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE `t` ADD COLUMN `m` int CHECK (m > 0), "
                        "ALGORITHM=COPY, LOCK=SHARED");
    assert_string_equal(l.items[0].note, "locks the table: writes blocked");
    assert_null(l.items[0].alternative);
    fx_list_free(&l);
    /* a foreign key: built INPLACE with checks off; a new column holds
     * NULL, so no orphan can exist and no query is needed */
    expect_one("ALTER TABLE t ADD COLUMN q_id integer REFERENCES q (id)",
               &t, 0,
               "SET STATEMENT foreign_key_checks = 0 FOR ALTER TABLE `t` "
               "ADD COLUMN `q_id` int, ADD CONSTRAINT `t_q_id_fkey` FOREIGN "
               "KEY (`q_id`) REFERENCES `q` (`id`)" ONLINE,
               "ALTER TABLE `t` ADD COLUMN `q_id` int, ADD CONSTRAINT "
               "`t_q_id_fkey` FOREIGN KEY (`q_id`) REFERENCES `q` (`id`)");
    /* ... with a default it may: the orphan query after, undoing */
    l = render_sql("ALTER TABLE t ADD COLUMN q_id integer NOT NULL "
                   "DEFAULT 1 REFERENCES q (id)", &t, 0);
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[1].flags, STRATA_SQL_GUARD);
    assert_string_equal(l.items[1].sql,
                        "SELECT COUNT(*) FROM `t` AS c WHERE c.`q_id` IS NOT "
                        "NULL AND NOT EXISTS (SELECT 1 FROM `q` AS p WHERE "
                        "p.`id` = c.`q_id`)");
    assert_string_equal(l.items[1].note,
                        "rows of t.q_id written meanwhile have no match in "
                        "q.id: foreign key t_q_id_fkey dropped");
    assert_string_equal(l.items[1].alternative,
                        "ALTER TABLE `t` DROP FOREIGN KEY `t_q_id_fkey`, "
                        "DROP INDEX `t_q_id_fkey`");
    fx_list_free(&l);
}

/* ---- column changes through MODIFY COLUMN ------------------------------- */

static void test_mysql_render__modify_column(void **state)
{
    strata_table t = t_table();
    strata_op *ops[3];
    strata_op arr[3];
    strata_sql_list l;

    (void)state;
    /* the whole definition from the catalog, attributes strata does not
     * model (charset, COMMENT, ON UPDATE, INVISIBLE) from its text */
    expect_online("ALTER TABLE t ALTER COLUMN name SET NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `name` varchar(20) "
                  "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL "
                  "DEFAULT 'x' COMMENT 'the name, (really)'");
    expect_online("ALTER TABLE t ALTER COLUMN upd DROP NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `upd` datetime(6) DEFAULT "
                  "CURRENT_TIMESTAMP(6) ON UPDATE current_timestamp(6)");
    expect_online("ALTER TABLE t ALTER COLUMN created SET NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `created` datetime(6) NOT "
                  "NULL DEFAULT (utc_timestamp(6)) INVISIBLE");
    expect_online("ALTER TABLE t ALTER COLUMN id DROP NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `id` int NOT NULL "
                  "AUTO_INCREMENT");
    expect_online("ALTER TABLE t ALTER COLUMN doc SET NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `doc` json NOT NULL");
    /* live types are the server's, not portable names: timestamp stays
     * a TIMESTAMP, text a TEXT */
    expect_online("ALTER TABLE t ALTER COLUMN ts DROP NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `ts` timestamp");
    expect_online("ALTER TABLE t ALTER COLUMN body SET NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `body` text COLLATE "
                  "utf8mb4_unicode_ci NOT NULL");
    /* a type: the new one, charset only where it applies */
    expect_online("ALTER TABLE t ALTER COLUMN n TYPE bigint", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `n` bigint");
    expect_online("ALTER TABLE t ALTER COLUMN name TYPE text", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `name` longtext CHARACTER "
                  "SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'x' COMMENT "
                  "'the name, (really)'");
    expect_online("ALTER TABLE t ALTER COLUMN name TYPE integer", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `name` int DEFAULT 'x' "
                  "COMMENT 'the name, (really)'");
    /* defaults: ALTER COLUMN, CURRENT_TIMESTAMP as the column holds it */
    expect_online("ALTER TABLE t ALTER COLUMN created SET DEFAULT "
                  "CURRENT_TIMESTAMP", &t,
                  "ALTER TABLE `t` ALTER COLUMN `created` SET DEFAULT "
                  "(UTC_TIMESTAMP(6))");
    expect_online("ALTER TABLE t ALTER COLUMN upd SET DEFAULT now()", &t,
                  "ALTER TABLE `t` ALTER COLUMN `upd` SET DEFAULT "
                  "CURRENT_TIMESTAMP(6)");
    expect_online("ALTER TABLE t ALTER COLUMN name SET DEFAULT 'a\\b'", &t,
                  "ALTER TABLE `t` ALTER COLUMN `name` SET DEFAULT "
                  "'a\\\\b'");
    expect_online("ALTER TABLE t ALTER COLUMN n SET DEFAULT 2 * 3", &t,
                  "ALTER TABLE `t` ALTER COLUMN `n` SET DEFAULT (2 * 3)");
    expect_online("ALTER TABLE t ALTER COLUMN name DROP DEFAULT", &t,
                  "ALTER TABLE `t` ALTER COLUMN `name` DROP DEFAULT");
    /* several on one table: each sees the ones before */
    ops[0] = parse("ALTER TABLE t ALTER COLUMN n SET NOT NULL");
    ops[1] = parse("ALTER TABLE t ALTER COLUMN n SET DEFAULT 5");
    ops[2] = parse("ALTER TABLE t ALTER COLUMN n TYPE bigint");
    for (int i = 0; i < 3; i++)
        arr[i] = *ops[i];
    l = fx_render(conn, arr, 3, &t);
    fx_expect(&l, (const char *const[]){
                      "ALTER TABLE `t` MODIFY COLUMN `n` int NOT NULL" ONLINE,
                      "ALTER TABLE `t` ALTER COLUMN `n` SET DEFAULT 5" ONLINE,
                      "ALTER TABLE `t` MODIFY COLUMN `n` bigint NOT NULL "
                      "DEFAULT 5" ONLINE,
                      NULL});
    for (int i = 0; i < 3; i++)
        strata__op_free(ops[i]);
    /* a column added in the same call */
    ops[0] = parse("ALTER TABLE t ADD COLUMN z varchar(3)");
    ops[1] = parse("ALTER TABLE t ALTER COLUMN z SET NOT NULL");
    arr[0] = *ops[0];
    arr[1] = *ops[1];
    l = fx_render(conn, arr, 2, &t);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[1].sql, "ALTER TABLE `t` MODIFY COLUMN `z` "
                                        "varchar(3) NOT NULL" ONLINE);
    fx_list_free(&l);
    strata__op_free(ops[0]);
    strata__op_free(ops[1]);
    /* a simulated catalog holds portable types */
    {
        strata_column sim_cols[] = {
            {.name = S("id"), .type = S("serial"), .notnull = 1, .pk = 1,
             .autoincrement = 1},
            {.name = S("at"), .type = S("timestamptz"),
             .default_expr = S("CURRENT_TIMESTAMP")},
        };
        strata_table sim = {.name = S("t"), .exists = 1, .columns = sim_cols,
                            .ncolumns = 2};

        expect_online("ALTER TABLE t ALTER COLUMN at SET NOT NULL", &sim,
                      "ALTER TABLE `t` MODIFY COLUMN `at` datetime(6) NOT "
                      "NULL DEFAULT (UTC_TIMESTAMP(6))");
        expect_online("ALTER TABLE t ALTER COLUMN id TYPE bigint", &sim,
                      "ALTER TABLE `t` MODIFY COLUMN `id` bigint NOT NULL "
                      "AUTO_INCREMENT");
    }
    /* what MODIFY cannot do */
    expect_refusal("ALTER TABLE t ALTER COLUMN nope SET NOT NULL", &t, 0,
                   STRATA_ERR_INVALID, "column nope on t: the column is "
                                       "not in the catalog");
    expect_refusal("ALTER TABLE t ALTER COLUMN g DROP NOT NULL", &t, 0,
                   STRATA_ERR_NOTSUP, "a generated column");
}

/* ---- constraints -------------------------------------------------------- */

static void test_mysql_render__add_check(void **state)
{
    strata_table t = t_table();
    strata_sql_list l;

    (void)state;
    expect_refusal("ALTER TABLE t ADD CONSTRAINT t_state_check CHECK "
                   "(state IN ('a', 'b'))", &t, 0, STRATA_ERR_POLICY,
                   "ADD CONSTRAINT t_state_check CHECK on t copies the table "
                   "under a shared lock (writes blocked); set allow_locking");
    l = render_sql("ALTER TABLE t ADD CONSTRAINT t_state_check CHECK "
                   "(\"state\" IN ('it''s', 'a\\b'))", &t,
                   STRATA_OP_ALLOW_LOCKING);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE `t` ADD CONSTRAINT `t_state_check` CHECK "
                        "(`state` IN ('it''s', 'a\\\\b')), ALGORITHM=COPY, "
                        "LOCK=SHARED");
    assert_int_equal(l.items[0].flags, STRATA_SQL_AUTOCOMMIT);
    assert_string_equal(l.items[0].note, "locks the table: writes blocked");
    assert_string_equal(l.items[0].lock,
                        "shared: writes blocked while the table is copied");
    assert_null(l.items[0].alternative);
    fx_list_free(&l);
}

static void test_mysql_render__add_foreign_key(void **state)
{
    strata_table t = t_table();
    strata_sql_list l;
    const char *orphans =
        "SELECT COUNT(*) FROM `t` AS c WHERE c.`n` IS NOT NULL AND NOT "
        "EXISTS (SELECT 1 FROM `q` AS p WHERE p.`id` = c.`n`)";
    const char *add = "ALTER TABLE `t` ADD CONSTRAINT `t_n_fk` FOREIGN KEY "
                      "(`n`) REFERENCES `q` (`id`) ON DELETE SET NULL";

    (void)state;
    l = render_sql("ALTER TABLE t ADD CONSTRAINT t_n_fk FOREIGN KEY (n) "
                   "REFERENCES q (id) ON DELETE SET NULL", &t, 0);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[0].flags, STRATA_SQL_GUARD);
    assert_string_equal(l.items[0].sql, orphans);
    assert_string_equal(l.items[0].note, "rows of t.n have no match in q.id");
    assert_null(l.items[0].alternative);
    assert_int_equal(l.items[1].flags, STRATA_SQL_AUTOCOMMIT);
    assert_true(strncmp(l.items[1].sql, "SET STATEMENT foreign_key_checks = "
                                        "0 FOR ", 41) == 0);
    assert_string_equal(l.items[1].sql + 41, "ALTER TABLE `t` ADD CONSTRAINT "
                                             "`t_n_fk` FOREIGN KEY (`n`) "
                                             "REFERENCES `q` (`id`) ON "
                                             "DELETE SET NULL" ONLINE);
    assert_string_equal(l.items[1].alternative, add);
    assert_int_equal(l.items[2].flags, STRATA_SQL_GUARD);
    assert_string_equal(l.items[2].sql, orphans);
    assert_string_equal(l.items[2].note,
                        "rows of t.n written meanwhile have no match in "
                        "q.id: foreign key t_n_fk dropped");
    /* n has no index: InnoDB makes one named after the key */
    assert_string_equal(l.items[2].alternative,
                        "ALTER TABLE `t` DROP FOREIGN KEY `t_n_fk`, DROP "
                        "INDEX `t_n_fk`");
    fx_list_free(&l);
    /* p_id has an index already: nothing else to undo */
    l = render_sql("ALTER TABLE t ADD CONSTRAINT t_p2 FOREIGN KEY (p_id) "
                   "REFERENCES p (id)", &t, 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[2].alternative,
                        "ALTER TABLE `t` DROP FOREIGN KEY `t_p2`");
    fx_list_free(&l);
    /* MySQL 8 has no SET STATEMENT: the setting around the statement */
    flavour(1, 80036);
    l = render_sql("ALTER TABLE t ADD CONSTRAINT t_n_fk FOREIGN KEY (n) "
                   "REFERENCES q (id) ON DELETE SET NULL", &t, 0);
    fx_expect(&l, (const char *const[]){orphans, "SET foreign_key_checks = 0",
                                        "ALTER TABLE `t` ADD CONSTRAINT "
                                        "`t_n_fk` FOREIGN KEY (`n`) "
                                        "REFERENCES `q` (`id`) ON DELETE "
                                        "SET NULL" ONLINE,
                                        "SET foreign_key_checks = 1", orphans,
                                        NULL});
    /* a composite key */
    flavour(0, 0);
    l = render_sql("ALTER TABLE t ADD CONSTRAINT t_2 FOREIGN KEY (n, p_id) "
                   "REFERENCES r (a, b)", &t, 0);
    assert_string_equal(l.items[0].sql,
                        "SELECT COUNT(*) FROM `t` AS c WHERE c.`n` IS NOT "
                        "NULL AND c.`p_id` IS NOT NULL AND NOT EXISTS "
                        "(SELECT 1 FROM `r` AS p WHERE p.`a` = c.`n` AND "
                        "p.`b` = c.`p_id`)");
    assert_string_equal(l.items[0].note,
                        "rows of t.(n, p_id) have no match in r.(a, b)");
    fx_list_free(&l);
}

static void test_mysql_render__keys(void **state)
{
    strata_table t = t_table();

    (void)state;
    expect_online("ALTER TABLE t ADD CONSTRAINT t_n_key UNIQUE (n, p_id)", &t,
                  "ALTER TABLE `t` ADD CONSTRAINT `t_n_key` UNIQUE KEY "
                  "`t_n_key` (`n`, `p_id`)");
    expect_online("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (n)", &t,
                  "ALTER TABLE `t` ADD PRIMARY KEY (`n`)");
}

static void test_mysql_render__drop_constraint(void **state)
{
    strata_table t = t_table();
    strata_index no_fk_index[2];

    (void)state;
    /* per kind and flavour */
    expect_online("ALTER TABLE t DROP CONSTRAINT t_pkey", &t,
                  "ALTER TABLE `t` DROP PRIMARY KEY");
    expect_online("ALTER TABLE t DROP CONSTRAINT t_name_key", &t,
                  "ALTER TABLE `t` DROP INDEX `t_name_key`");
    expect_online("ALTER TABLE t DROP CONSTRAINT t_n_check", &t,
                  "ALTER TABLE `t` DROP CONSTRAINT `t_n_check`");
    /* the key's own index goes with it: the table is as before */
    expect_online("ALTER TABLE t DROP CONSTRAINT t_p_id_fkey", &t,
                  "ALTER TABLE `t` DROP FOREIGN KEY `t_p_id_fkey`, DROP "
                  "INDEX `t_p_id_fkey`");
    expect_online("ALTER TABLE t DROP CONSTRAINT IF EXISTS unknown_one", &t,
                  "ALTER TABLE `t` DROP CONSTRAINT `unknown_one`");
    memcpy(no_fk_index, t_idx, sizeof no_fk_index);
    t.indexes = no_fk_index;
    t.nindexes = 2;
    expect_online("ALTER TABLE t DROP CONSTRAINT t_p_id_fkey", &t,
                  "ALTER TABLE `t` DROP FOREIGN KEY `t_p_id_fkey`");
    flavour(1, 80036);
    expect_online("ALTER TABLE t DROP CONSTRAINT t_n_check", &t,
                  "ALTER TABLE `t` DROP CHECK `t_n_check`");
}

/* t_table() with one constraint more, in cons (5 entries). */
static strata_table with_constraint(strata_constraint *cons,
                                    strata_constraint extra)
{
    strata_table t = t_table();

    memcpy(cons, t_cons, sizeof t_cons);
    cons[4] = extra;
    t.constraints = cons;
    t.nconstraints = 5;
    return t;
}

/* MariaDB keeps a CHECK written on a column in the column's definition
 * (LEVEL Column): introspect lists it unnamed, on its column; a MODIFY
 * COLUMN keeps it, a DROP CONSTRAINT is a MODIFY COLUMN without it. */
static void test_mysql_render__column_check(void **state)
{
    strata_constraint cons[5];
    char *c_n[] = {S("n")};
    strata_table t = with_constraint(
        cons, (strata_constraint){.kind = STRATA_CON_CHECK,
                                  .name = S("t_n_check1"), .columns = c_n,
                                  .ncolumns = 1, .check = S("n < 100")});

    (void)state;
    expect_online("ALTER TABLE t ALTER COLUMN n SET NOT NULL", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `n` int NOT NULL CHECK "
                  "(n < 100)");
    expect_online("ALTER TABLE t DROP CONSTRAINT t_n_check1", &t,
                  "ALTER TABLE `t` MODIFY COLUMN `n` int");
    /* MySQL 8 has no such place: a CHECK is the table's */
    flavour(1, 80036);
    expect_online("ALTER TABLE t DROP CONSTRAINT t_n_check1", &t,
                  "ALTER TABLE `t` DROP CHECK `t_n_check1`");
}

/* A dialect section's unnamed constraint is left unnamed: the server
 * names it as with the client; a foreign key's undo names what InnoDB
 * will call it and its index. */
static void test_mysql_render__unnamed_as_written(void **state)
{
    strata_table t = t_table();
    strata_constraint cons[5];
    strata_sql_list l;

    (void)state;
    expect_one("ALTER TABLE t ADD UNIQUE (n, p_id)", &t,
               STRATA_OP_AS_WRITTEN,
               "ALTER TABLE `t` ADD UNIQUE (`n`, `p_id`)" ONLINE,
               "ALTER TABLE `t` ADD UNIQUE (`n`, `p_id`)");
    l = render_sql("ALTER TABLE t ADD CHECK (n <> \"x\")", &t,
                   STRATA_OP_AS_WRITTEN | STRATA_OP_ALLOW_LOCKING);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE `t` ADD CHECK (n <> \"x\"), "
                        "ALGORITHM=COPY, LOCK=SHARED");
    fx_list_free(&l);
    t = with_constraint(cons,
                        (strata_constraint){.kind = STRATA_CON_FOREIGN_KEY,
                                            .name = S("t_ibfk_4"),
                                            .named = 1});
    l = render_sql("ALTER TABLE t ADD FOREIGN KEY (n) REFERENCES q (id)", &t,
                   STRATA_OP_AS_WRITTEN);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[1].alternative,
                        "ALTER TABLE `t` ADD FOREIGN KEY (`n`) REFERENCES "
                        "`q` (`id`)");
    assert_string_equal(l.items[2].alternative,
                        "ALTER TABLE `t` DROP FOREIGN KEY `t_ibfk_5`, DROP "
                        "INDEX `n`");
    fx_list_free(&l);
    /* an ADD COLUMN with a CHECK runs as written (the CHECK on the
     * column, as the client leaves it) */
    l = render_sql("ALTER TABLE t ADD COLUMN m int CHECK (m > 0)", &t,
                   STRATA_OP_AS_WRITTEN | STRATA_OP_ALLOW_LOCKING);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE t ADD COLUMN m int CHECK (m > 0), "
                        "ALGORITHM=COPY, LOCK=SHARED");
    fx_list_free(&l);
}

/* A written RESTRICT is left out of MariaDB's ALTER: its online form
 * would store NO ACTION, the default is RESTRICT. */
static void test_mysql_render__restrict_kept(void **state)
{
    strata_table t = t_table();
    strata_sql_list l;
    const char *sql = "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (n) "
                      "REFERENCES q (id) ON DELETE RESTRICT ON UPDATE "
                      "CASCADE";

    (void)state;
    l = render_sql(sql, &t, 0);
    assert_string_equal(l.items[1].alternative,
                        "ALTER TABLE `t` ADD CONSTRAINT `f` FOREIGN KEY "
                        "(`n`) REFERENCES `q` (`id`) ON UPDATE CASCADE");
    fx_list_free(&l);
    flavour(1, 80036);
    l = render_sql(sql, &t, 0);
    assert_string_equal(l.items[2].sql,
                        "ALTER TABLE `t` ADD CONSTRAINT `f` FOREIGN KEY "
                        "(`n`) REFERENCES `q` (`id`) ON DELETE RESTRICT ON "
                        "UPDATE CASCADE" ONLINE);
    fx_list_free(&l);
}

/* ---- indexes ------------------------------------------------------------ */

static void test_mysql_render__indexes(void **state)
{
    strata_table t = t_table();
    strata_op *op;
    strata_sql_list l;

    (void)state;
    expect_online("CREATE INDEX CONCURRENTLY i ON t (name, upd DESC)", &t,
                  "ALTER TABLE `t` ADD INDEX `i` (`name`, `upd` DESC)");
    expect_online("CREATE UNIQUE INDEX u ON t (n)", &t,
                  "ALTER TABLE `t` ADD UNIQUE INDEX `u` (`n`)");
    /* a table created in the same migration: no online form needed */
    op = parse("CREATE UNIQUE INDEX u ON t (n)");
    op->online = 0;
    l = fx_render(conn, op, 1, &t);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE `t` ADD UNIQUE INDEX `u` (`n`)");
    assert_int_equal(l.items[0].flags, STRATA_SQL_AUTOCOMMIT);
    assert_null(l.items[0].alternative);
    fx_list_free(&l);
    strata__op_free(op);
    /* no MariaDB form: refused, even with an empty catalog (the core
     * asks so before connecting) */
    expect_refusal("CREATE INDEX p ON t (n) WHERE n > 0", NULL, 0,
                   STRATA_ERR_NOTSUP,
                   "partial/expression indexes have no MariaDB form: put "
                   "this statement in a dialect section");
    expect_refusal("CREATE INDEX e ON t ((lower(name)))", NULL, 0,
                   STRATA_ERR_NOTSUP, "partial/expression indexes");
    /* dropping: online, and offline for a new table */
    expect_online("DROP INDEX CONCURRENTLY t_name_key", &t,
                  "ALTER TABLE `t` DROP INDEX `t_name_key`");
    op = parse("DROP INDEX t_name_key");
    free(op->table);
    op->table = strdup("t");
    l = fx_render(conn, op, 1, &t);
    assert_string_equal(l.items[0].sql,
                        "ALTER TABLE `t` DROP INDEX `t_name_key`");
    fx_list_free(&l);
    strata__op_free(op);
}

static void test_mysql_render__drop_index_of_foreign_key(void **state)
{
    char *c_pn[] = {S("p_id"), S("n")};
    strata_index_key k_pn[] = {{.column = S("p_id")}, {.column = S("n")}};
    strata_index idx[] = {
        {.name = S("t_pkey"), .unique = 1, .keys = &k_id, .nkeys = 1},
        {.name = S("idx_p"), .keys = k_pn, .nkeys = 2},
    };
    strata_constraint fk = {.kind = STRATA_CON_FOREIGN_KEY,
                            .name = S("t_p_id_fkey"), .columns = c_pn,
                            .ncolumns = 1, .ref_table = S("p"),
                            .ref_columns = c_ref, .nref_columns = 1};
    strata_table t = t_table();

    (void)state;
    t.indexes = idx;
    t.nindexes = 2;
    t.constraints = &fk;
    t.nconstraints = 1;
    /* InnoDB refuses to drop the only index a foreign key can use: its
     * own index comes back, as InnoDB would have made it */
    expect_online("DROP INDEX idx_p", &t,
                  "ALTER TABLE `t` DROP INDEX `idx_p`, ADD INDEX "
                  "`t_p_id_fkey` (`p_id`)");
    t.nindexes = 1;
    idx[0].keys = k_pn;
    idx[0].name = S("other");
    t.nindexes = 2;
    expect_online("DROP INDEX idx_p", &t,
                  "ALTER TABLE `t` DROP INDEX `idx_p`");
}

/* ---- the rest ----------------------------------------------------------- */

static void test_mysql_render__drop_and_rename(void **state)
{
    strata_table t = t_table();

    (void)state;
    expect_one("DROP TABLE t", &t, 0, "DROP TABLE `t`", NULL);
    expect_one("DROP TABLE IF EXISTS t", &t, 0, "DROP TABLE IF EXISTS `t`",
               NULL);
    expect_one("ALTER TABLE t RENAME TO u", &t, 0, "RENAME TABLE `t` TO `u`",
               NULL);
    expect_online("ALTER TABLE t RENAME COLUMN n TO m", &t,
                  "ALTER TABLE `t` RENAME COLUMN `n` TO `m`");
    expect_online("ALTER TABLE t DROP COLUMN n", &t,
                  "ALTER TABLE `t` DROP COLUMN `n`");
    /* before MariaDB 10.5: CHANGE with the whole definition */
    flavour(0, 100406);
    expect_online("ALTER TABLE t RENAME COLUMN name TO title", &t,
                  "ALTER TABLE `t` CHANGE COLUMN `name` `title` varchar(20) "
                  "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'x' "
                  "COMMENT 'the name, (really)'");
}

static void test_mysql_render__flavours(void **state)
{
    strata_table t = t_table();

    (void)state;
    /* MySQL 8.0.12+ adds columns INSTANT; CURRENT_TIMESTAMP defaults
     * only INPLACE there */
    flavour(1, 80036);
    expect_one("ALTER TABLE t ADD COLUMN note varchar(20)", &t, 0,
               "ALTER TABLE `t` ADD COLUMN `note` varchar(20), "
               "ALGORITHM=INSTANT",
               "ALTER TABLE `t` ADD COLUMN `note` varchar(20)");
    expect_online("ALTER TABLE t ADD COLUMN at timestamp DEFAULT "
                  "CURRENT_TIMESTAMP", &t,
                  "ALTER TABLE `t` ADD COLUMN `at` datetime(6) DEFAULT "
                  "CURRENT_TIMESTAMP(6)");
    expect_online("ALTER TABLE t ADD COLUMN seen timestamptz NOT NULL "
                  "DEFAULT CURRENT_TIMESTAMP", &t,
                  "ALTER TABLE `t` ADD COLUMN `seen` datetime(6) NOT NULL "
                  "DEFAULT (UTC_TIMESTAMP(6))");
    /* before INSTANT existed */
    flavour(1, 80011);
    expect_online("ALTER TABLE t ADD COLUMN note varchar(20)", &t,
                  "ALTER TABLE `t` ADD COLUMN `note` varchar(20)");
    flavour(0, 100206);
    expect_online("ALTER TABLE t ADD COLUMN note varchar(20)", &t,
                  "ALTER TABLE `t` ADD COLUMN `note` varchar(20)");
}

static void test_mysql_render__same_expr(void **state)
{
    static const struct {
        const char *a, *b;
        int same;
    } cases[] = {
        {"state IN ('a', 'b')", "state in ('a','b')", 1},
        {"\"state\" <> 'x'", "state <> 'x'", 1},
        {"a != 1", "a <> 1", 1},
        {"lower(s) = 'x'", "lcase(s) = 'x'", 1},
        {"length(s) < 5", "octet_length(s) < 5", 1},
        {"a % 2 = 0", "a MOD 2 = 0", 1},
        {"ok = true", "ok = 1", 1},
        {"CURRENT_TIMESTAMP", "utc_timestamp(6)", 1},
        {"now()", "CURRENT_TIMESTAMP", 1},
        {"1.5", "1.50", 1},
        {"(a > 0)", "a > 0", 1},
        {"'A'", "'a'", 0},
        {"a > 0", "a >= 0", 0},
        {"(a + 1) * 2", "a + 1 * 2", 0},
        {"'x'", "'x '", 0},
    };
    int same;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(drv->same_expr(conn, "t", cases[i].a, cases[i].b,
                                        &same), STRATA_OK);
        if (same != cases[i].same)
            fail_msg("same_expr(%s, %s) = %d", cases[i].a, cases[i].b, same);
    }
}

static void test_mysql_render__refusals(void **state)
{
    strata_op o;
    strata_sql_list l;

    (void)state;
    /* Malformed operations are the core's to refuse (strata__op_check,
     * test_op.c); a kind the driver does not know is its own. */
    memset(&o, 0, sizeof o);
    o.kind = 99;
    o.table = S("t");
    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->render(conn, &o, 1, NULL, &l), STRATA_ERR_INVALID);
    assert_null(l.items);
    /* nothing to do is fine */
    assert_int_equal(drv->render(conn, &o, 0, NULL, &l), STRATA_OK);
    assert_int_equal(l.count, 0);
}

/* ---- out of memory ------------------------------------------------------ */

/* fx_oom_render on operations parsed from portable sql. */
static void oom_render(const char *const *sql, size_t n,
                       const strata_table *cat, uint32_t flags)
{
    strata_op *ops[8];
    strata_op arr[8] = {0};

    for (size_t i = 0; i < n; i++) {
        ops[i] = parse(sql[i]);
        ops[i]->flags = flags;
        ops[i]->online = 1;
        arr[i] = *ops[i];
    }
    fx_oom_render(conn, arr, n, cat);
    for (size_t i = 0; i < n; i++)
        strata__op_free(ops[i]);
}

static void test_mysql_render__out_of_memory(void **state)
{
    strata_table t = t_table();
    const char *const alters[] = {
        "ALTER TABLE t ALTER COLUMN name SET NOT NULL",
        "ALTER TABLE t ADD COLUMN q integer NOT NULL DEFAULT 1 "
        "REFERENCES q (id)",
        "ALTER TABLE t ADD CONSTRAINT k CHECK (n > 0)",
        "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (n) REFERENCES q (id)",
        "ALTER TABLE t ALTER COLUMN created SET DEFAULT CURRENT_TIMESTAMP",
        "ALTER TABLE t DROP CONSTRAINT t_p_id_fkey",
        "ALTER TABLE t ADD COLUMN u varchar(3) UNIQUE",
        "ALTER TABLE t ADD COLUMN w timestamptz DEFAULT CURRENT_TIMESTAMP",
    };
    const char *const create[] = {
        "CREATE TABLE n (id serial PRIMARY KEY, a text NOT NULL DEFAULT "
        "'x' CHECK (a <> ''), b integer REFERENCES n (id), "
        "c timestamptz DEFAULT CURRENT_TIMESTAMP)"};
    const char *const index[] = {"CREATE INDEX i ON t (n, name DESC)"};
    const char *const drop[] = {"DROP INDEX t_name_key"};
    strata_buf b = {0};
    int same;

    (void)state;
    oom_render(alters, 8, &t, STRATA_OP_ALLOW_LOCKING);
    oom_render(create, 1, NULL, 0);
    oom_render(index, 1, &t, 0);
    oom_render(drop, 1, &t, 0);
    fx_host_budget(0);
    assert_int_equal(drv->type_family(conn, "varchar(3)", &b),
                     STRATA_ERR_NOMEM);
    assert_int_equal(drv->same_expr(conn, "t", "a", "b", &same),
                     STRATA_ERR_NOMEM);
    fx_host_restore();
    strata__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_mysql_render__type_family, reset),
        cmocka_unit_test_setup(test_mysql_render__types_table, reset),
        cmocka_unit_test_setup(test_mysql_render__create_table, reset),
        cmocka_unit_test_setup(test_mysql_render__add_column, reset),
        cmocka_unit_test_setup(test_mysql_render__modify_column, reset),
        cmocka_unit_test_setup(test_mysql_render__add_check, reset),
        cmocka_unit_test_setup(test_mysql_render__add_foreign_key, reset),
        cmocka_unit_test_setup(test_mysql_render__keys, reset),
        cmocka_unit_test_setup(test_mysql_render__drop_constraint, reset),
        cmocka_unit_test_setup(test_mysql_render__column_check, reset),
        cmocka_unit_test_setup(test_mysql_render__unnamed_as_written, reset),
        cmocka_unit_test_setup(test_mysql_render__restrict_kept, reset),
        cmocka_unit_test_setup(test_mysql_render__indexes, reset),
        cmocka_unit_test_setup(test_mysql_render__drop_index_of_foreign_key,
                               reset),
        cmocka_unit_test_setup(test_mysql_render__drop_and_rename, reset),
        cmocka_unit_test_setup(test_mysql_render__flavours, reset),
        cmocka_unit_test_setup(test_mysql_render__same_expr, reset),
        cmocka_unit_test_setup(test_mysql_render__refusals, reset),
        cmocka_unit_test_setup(test_mysql_render__out_of_memory, reset),
    };

    return cmocka_run_group_tests(tests, group_setup, fx_close);
}
