/* test_program.c - the transaction shape a plan becomes, with no
 * database: the instructions of SQLite's per-run transaction around a
 * rebuild with foreign keys off, PostgreSQL's autocommit segments (a raw
 * CONCURRENTLY statement, a rendered one), and what a resume point or a
 * migration without transactions changes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "chain/graph.h"
#include "plan/program.h"
#include "sql/op.h"

/* --- a hand-built linear chain r0 <- r1 <- r2 ------------------------- */

typedef struct chain {
    strata_revision *revs[3];
    strata_graph *g;
    strata_step steps[3];
    strata_plan plan;
    strata_program_opts o;
    strata_program p;     /* built by build() */
} chain;

static char *xstrdup(const char *s)
{
    char *d = strdup(s);

    assert_non_null(d);
    return d;
}

static strata_revision *mkrev(const char *id, const char *parent, int txn)
{
    strata_revision *r = calloc(1, sizeof *r);

    assert_non_null(r);
    r->path = xstrdup(id);
    r->id = xstrdup(id);
    r->id_line = 1;
    r->txn = txn ? STRATA_TXN_PER_MIGRATION : STRATA_TXN_NONE;
    if (parent) {
        r->nparents = 1;
        r->parents = calloc(1, sizeof *r->parents);
        assert_non_null(r->parents);
        r->parents[0] = xstrdup(parent);
        r->parents_line = 2;
    }
    return r;
}

/* txn: per revision, 1 when its statements run in transactions. */
static chain *mkchain(const int txn[3])
{
    chain *c = calloc(1, sizeof *c);
    strata_error err = {0};

    assert_non_null(c);
    c->revs[0] = mkrev("r0", NULL, txn[0]);
    c->revs[1] = mkrev("r1", "r0", txn[1]);
    c->revs[2] = mkrev("r2", "r1", txn[2]);
    assert_int_equal(strata__graph_build(&c->g, c->revs, 3, &err),
                     STRATA_OK);
    for (size_t i = 0; i < 3; i++)
        c->steps[i].rev = (size_t)strata__graph_find(c->g, c->revs[i]->id);
    c->plan.dir = STRATA_UP;
    c->plan.steps = c->steps;
    return c;
}

static void set_items(chain *c, size_t step, strata_item *items, size_t n)
{
    c->steps[step].items = items;
    c->steps[step].nitems = n;
}

/* c->p, from c->plan and c->o (a program built before is freed). */
static void build(chain *c)
{
    strata_error err = {0};

    strata__program_free(&c->p);
    assert_int_equal(
        strata__program_build(&c->p, &c->plan, c->g, &c->o, &err),
        STRATA_OK);
}

static void chain_free(chain *c)
{
    strata__program_free(&c->p);
    strata__graph_free(c->g);
    for (size_t i = 0; i < 3; i++)
        strata__migration_free(c->revs[i]);
    free(c);
}

/* Items: raw statements (flags) or operations of a kind on a table. */
static char table_t[] = "t", table_b[] = "b";
static strata_op create_t = {.kind = STRATA_OP_CREATE_TABLE,
                             .table = table_t};
static strata_op create_index_t = {.kind = STRATA_OP_CREATE_INDEX,
                                   .table = table_t};
static strata_op add_check_b = {.kind = STRATA_OP_ADD_CONSTRAINT,
                                .table = table_b};
static strata_op add_column_b = {.kind = STRATA_OP_ADD_COLUMN,
                                 .table = table_b};

static strata_item raw(const char *sql, uint32_t flags)
{
    strata_item it = {0};

    it.sql = sql;
    it.flags = flags;
    return it;
}

static strata_item op(strata_op *o)
{
    strata_item it = {0};

    it.sql = "(portable)";
    it.op = o;
    return it;
}

static void expect_insns(const strata_insn *v, size_t n, const char *want)
{
    strata_buf b = {0};

    assert_int_equal(strata__program_explain(v, n, &b), STRATA_OK);
    assert_string_equal(b.data ? b.data : "", want);
    strata__buf_free(&b);
}

static void expect_program(const strata_program *p, const char *want)
{
    expect_insns(p->insns, p->n, want);
}

/* SQLite: one transaction for the run, a savepoint per migration; the
 * rebuild's migration commits the run before it, turns foreign keys off
 * outside any transaction, checks them before its COMMIT and turns them
 * back on after. */
static void test_program__sqlite_rebuild(void **state)
{
    static const int txn[3] = {1, 1, 1};
    static const unsigned char fk[2] = {0, 1};
    strata_item s0[] = {raw("INSERT INTO a VALUES (1)", 0), op(&create_t)};
    strata_item s1[] = {op(&add_check_b), op(&add_column_b)};
    chain *c = mkchain(txn);

    (void)state;
    set_items(c, 0, s0, 2);
    set_items(c, 1, s1, 2);
    c->plan.n = 2;
    c->o.per_run = 1;
    c->o.fk_off = fk;
    build(c);
    expect_program(&c->p, "STEP 0\n"
                          "BEGIN\n"
                          "SAVEPOINT\n"
                          "SQL i=0\n"
                          "GROUP i=1 arg=2\n"
                          "HISTORY\n"
                          "RELEASE\n"
                          "STEP 1 fk-off\n"
                          "COMMIT\n"
                          "FK_OFF\n"
                          "BEGIN\n"
                          "SAVEPOINT\n"
                          "GROUP i=0 arg=2\n"
                          "FK_CHECK\n"
                          "HISTORY\n"
                          "COMMIT\n"
                          "FK_ON\n"
                          "COMMIT\n");

    /* The runner learns of the rebuild when the group renders: each step
     * gets its variant with foreign keys off, run again from its start. */
    c->o.fk_off = NULL;
    c->o.fk_variants = 1;
    build(c);
    expect_insns(c->p.insns + c->p.steps[1].start,
                 c->p.steps[1].end - c->p.steps[1].start,
                 "STEP 1\nBEGIN\nSAVEPOINT\nGROUP i=0 arg=2\nHISTORY\n"
                 "RELEASE\n");
    expect_insns(c->p.insns + c->p.steps[1].fk_start,
                 c->p.steps[1].fk_end - c->p.steps[1].fk_start,
                 "STEP 1 fk-off\nCOMMIT\nFK_OFF\nBEGIN\nSAVEPOINT\n"
                 "GROUP i=0 arg=2\nFK_CHECK\nHISTORY\nCOMMIT\nFK_ON\n");
    assert_int_equal(c->p.insns[c->p.n - 1].op, STRATA_PROG_COMMIT);
    assert_int_equal(c->p.insns[c->p.n - 1].step, 2);
    /* The runner builds only the variant it needs, the same one. */
    {
        strata_program variant = {0};
        strata_error err = {0};

        assert_int_equal(strata__program_fk_step(&variant, &c->p, &c->plan,
                                                 NULL, 1, &err),
                         STRATA_OK);
        expect_insns(variant.insns, variant.n,
                     "STEP 1 fk-off\nCOMMIT\nFK_OFF\nBEGIN\nSAVEPOINT\n"
                     "GROUP i=0 arg=2\nFK_CHECK\nHISTORY\nCOMMIT\n"
                     "FK_ON\n");
        strata__program_free(&variant);
    }
    chain_free(c);
}

/* PostgreSQL: a transaction per migration; a raw CONCURRENTLY statement
 * is an autocommit segment (what ran commits with a progress row, the
 * statement runs alone with its own, the transaction reopens), and so is
 * a CONCURRENTLY statement a group renders. */
static void test_program__postgres_concurrently(void **state)
{
    static const int txn[3] = {1, 1, 1};
    strata_item s0[] = {
        raw("CREATE TABLE t (v int)", 0),
        raw("CREATE INDEX CONCURRENTLY t_v ON t (v)", STRATA_STMT_NOTXN),
        raw("ANALYZE t", 0), op(&create_index_t)};
    char cic[] = "CREATE INDEX CONCURRENTLY t_w ON t (w)";
    char guard[] = "SELECT count(*) FROM t WHERE w IS NULL";
    char alter[] = "ALTER TABLE t ALTER COLUMN w SET NOT NULL";
    strata_sql rendered[] = {{.sql = guard, .flags = STRATA_SQL_GUARD},
                             {.sql = cic, .flags = STRATA_SQL_AUTOCOMMIT},
                             {.sql = alter}};
    strata_sql_list list = {rendered, 3};
    chain *c = mkchain(txn);
    strata_program frag = {0};
    strata_error err = {0};

    (void)state;
    set_items(c, 0, s0, 4);
    c->plan.n = 1;
    build(c);
    expect_program(&c->p, "STEP 0\n"
                          "BEGIN\n"
                          "SQL i=0\n"
                          "PROGRESS i=1 arg=0 if-dirty\n"
                          "COMMIT i=1 arg=0 segment\n"
                          "ALONE i=1\n"
                          "PROGRESS i=1 arg=1\n"
                          "BEGIN i=1\n"
                          "SQL i=2\n"
                          "GROUP i=3 arg=4\n"
                          "HISTORY\n"
                          "COMMIT\n"
                          "FK_ON\n"
                          "COMMIT\n");
    assert_int_equal(strata__program_group(&frag, &c->p, 0, 3, &list, &err),
                     STRATA_OK);
    expect_program(&frag,
                   "GUARD i=3 \"SELECT count(*) FROM t WHERE w IS NULL\"\n"
                   "PROGRESS i=3 arg=2 if-dirty\n"
                   "COMMIT i=3 arg=2 segment\n"
                   "ALONE i=3 \"CREATE INDEX CONCURRENTLY t_w ON t (w)\"\n"
                   "PROGRESS i=3 arg=3\n"
                   "BEGIN i=3\n"
                   "SQL i=3 \"ALTER TABLE t ALTER COLUMN w SET NOT NULL\"\n");
    assert_true(strata__program_alone(&s0[1], NULL, 1));
    assert_false(strata__program_alone(&s0[0], NULL, 1));
    assert_true(strata__program_alone(&s0[0], NULL, 0));
    assert_true(strata__program_alone(NULL, &rendered[1], 1));
    strata__program_free(&frag);
    chain_free(c);
}

/* Per run: a statement run alone ends the run's transaction at its
 * migration's end (foreign keys on again), unless an unfinished run
 * already ran it; a migration without transactions runs each statement
 * alone and joins an open transaction for its bookkeeping. */
static void test_program__resume_and_no_transaction(void **state)
{
    static const int txn[3] = {1, 0, 0};
    strata_item s0[] = {raw("VACUUM", STRATA_STMT_NOTXN),
                        raw("INSERT INTO a VALUES (1)", 0)};
    strata_item s1[] = {raw("INSERT INTO a VALUES (2)", 0)};
    long long resume[3] = {-1, -1, -1};
    chain *c = mkchain(txn);

    (void)state;
    set_items(c, 0, s0, 2);
    set_items(c, 1, s1, 1);
    c->steps[2].empty = 1;
    c->plan.n = 3;
    c->o.per_run = 1;
    build(c);
    expect_program(&c->p, "STEP 0\n"
                          "BEGIN\n"
                          "SAVEPOINT\n"
                          "COMMIT i=0 arg=-1 segment\n"
                          "ALONE i=0\n"
                          "PROGRESS i=0 arg=0\n"
                          "BEGIN i=0\n"
                          "SAVEPOINT i=0\n"
                          "SQL i=1\n"
                          "HISTORY\n"
                          "COMMIT\n"
                          "FK_ON\n"
                          "STEP 1\n"
                          "COMMIT i=0 arg=-1 segment\n"
                          "ALONE i=0\n"
                          "PROGRESS i=0 arg=0\n"
                          "IF_OPEN arg=2\n"
                          "BEGIN\n"
                          "SAVEPOINT\n"
                          "HISTORY\n"
                          "COMMIT\n"
                          "FK_ON\n"
                          "STEP 2\n"
                          "IF_OPEN arg=2\n"
                          "BEGIN\n"
                          "SAVEPOINT\n"
                          "HISTORY\n"
                          "COMMIT\n"
                          "COMMIT\n");

    /* VACUUM ran in an unfinished run: this one skips it, and the
     * migration stays in the run's transaction. */
    resume[c->steps[0].rev] = 0;
    c->o.resume = resume;
    c->plan.n = 1;
    build(c);
    expect_insns(c->p.insns + c->p.steps[0].end - 2, 2, "HISTORY\nRELEASE\n");
    chain_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_program__sqlite_rebuild),
        cmocka_unit_test(test_program__postgres_concurrently),
        cmocka_unit_test(test_program__resume_and_no_transaction),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
