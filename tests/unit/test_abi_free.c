/* test_abi_free.c - abi/free.c: each destructor releases everything its
 * type owns (leaks show under `make asan` and `make valgrind`), zeroes
 * the struct, and takes NULL and empty values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "abi/free.h"
#include "db/host.h"

static const strata_host *h;

static char *dup(const char *s)
{
    char *d = h->strdup(s);

    assert_non_null(d);
    return d;
}

static void *zalloc(size_t n)
{
    void *p = h->alloc(n);

    assert_non_null(p);
    return p;
}

static char **strv(size_t n)
{
    char **v = zalloc(n * sizeof *v);

    for (size_t i = 0; i < n; i++)
        v[i] = dup("x");
    return v;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static void fill_constraint(strata_constraint *k)
{
    k->kind = STRATA_CON_FOREIGN_KEY;
    k->name = dup("t_a_fkey");
    k->columns = strv(2);
    k->ncolumns = 2;
    k->check = dup("a > 0");
    k->ref_table = dup("r");
    k->ref_columns = strv(1);
    k->nref_columns = 1;
    k->on_delete = dup("CASCADE");
    k->on_update = dup("RESTRICT");
}

static void fill_table(strata_table *t)
{
    t->name = dup("t");
    t->exists = 1;
    t->columns = zalloc(2 * sizeof *t->columns);
    t->ncolumns = 2;
    t->columns[0].name = dup("a");
    t->columns[0].type = dup("int");
    t->columns[0].default_expr = dup("0");
    t->columns[1].name = dup("b"); /* type and default left NULL */
    t->constraints = zalloc(sizeof *t->constraints);
    t->nconstraints = 1;
    fill_constraint(&t->constraints[0]);
    t->indexes = zalloc(sizeof *t->indexes);
    t->nindexes = 1;
    t->indexes[0].name = dup("i");
    t->indexes[0].table = dup("t");
    t->indexes[0].keys = zalloc(2 * sizeof *t->indexes[0].keys);
    t->indexes[0].nkeys = 2;
    t->indexes[0].keys[0].column = dup("a");
    t->indexes[0].keys[1].expr = dup("lower(b)");
    t->indexes[0].where = dup("a > 0");
    t->indexes[0].sql = dup("CREATE INDEX i ON t (a, lower(b))");
    t->triggers = zalloc(sizeof *t->triggers);
    t->ntriggers = 1;
    t->triggers[0].kind = dup("trigger");
    t->triggers[0].name = dup("tr");
    t->triggers[0].sql = dup("CREATE TRIGGER tr ...");
    t->dependents = zalloc(sizeof *t->dependents);
    t->ndependents = 1;
    t->dependents[0].kind = dup("view");
    t->dependents[0].name = dup("v");
    t->sql = dup("CREATE TABLE t (a int, b text)");
}

static void test_abi_free__table(void **state)
{
    strata_table t = {0}, *v;

    (void)state;
    fill_table(&t);
    strata_abi_table_free(h, &t);
    assert_true(all_zero(&t, sizeof t));
    /* an empty one, a NULL one */
    strata_abi_table_free(h, &t);
    strata_abi_table_free(h, NULL);
    /* introspect()'s answer: an array, one table absent */
    v = zalloc(2 * sizeof *v);
    fill_table(&v[0]);
    v[1].name = dup("missing");
    strata_abi_tables_free(h, v, 2);
    strata_abi_tables_free(h, NULL, 3);
}

static void test_abi_free__parts(void **state)
{
    strata_column c = {0};
    strata_constraint k = {0};
    strata_index ix = {0};
    strata_object o = {0}, *ov;

    (void)state;
    c.name = dup("a");
    c.type = dup("int");
    c.notnull = 1;
    strata_abi_column_free(h, &c);
    assert_true(all_zero(&c, sizeof c));
    fill_constraint(&k);
    strata_abi_constraint_free(h, &k);
    assert_true(all_zero(&k, sizeof k));
    ix.name = dup("i");
    ix.keys = zalloc(sizeof *ix.keys);
    ix.nkeys = 1;
    ix.keys[0].column = dup("a");
    strata_abi_index_free(h, &ix);
    assert_true(all_zero(&ix, sizeof ix));
    o.kind = dup("view");
    strata_abi_object_free(h, &o);
    assert_true(all_zero(&o, sizeof o));
    ov = zalloc(2 * sizeof *ov);
    ov[1].sql = dup("x");
    strata_abi_objects_free(h, ov, 2);
    strata_abi_strv_free(h, strv(3), 3);
    strata_abi_strv_free(h, NULL, 2);
    strata_abi_column_free(h, NULL);
    strata_abi_constraint_free(h, NULL);
    strata_abi_index_free(h, NULL);
    strata_abi_object_free(h, NULL);
}

static void test_abi_free__lists(void **state)
{
    strata_sql_list sl = {0};
    strata_stmt_list st = {0};
    strata_lint_list ll = {0};

    (void)state;
    sl.items = zalloc(2 * sizeof *sl.items);
    sl.count = 2;
    sl.items[0].sql = dup("ALTER TABLE t ADD b int");
    sl.items[0].lock = dup("ACCESS EXCLUSIVE");
    sl.items[0].note = dup("brief");
    sl.items[0].alternative = dup("ALTER TABLE t ADD b int, LOCK=SHARED");
    sl.items[1].sql = dup("SELECT 0");
    strata_abi_sql_list_free(h, &sl);
    assert_true(all_zero(&sl, sizeof sl));

    /* a failed split's partial list: where it stopped stays readable */
    st.items = zalloc(sizeof *st.items);
    st.count = 1;
    st.items[0].sql = dup("SELECT 1");
    st.items[0].norm = dup("SELECT 1");
    st.err_offset = 42;
    strata_abi_stmt_list_free(h, &st);
    assert_null(st.items);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.err_offset, 42);

    ll.items = zalloc(sizeof *ll.items);
    ll.count = 1;
    ll.flags = STRATA_LINT_DDL;
    ll.items[0].rule = dup("pg-fk-without-not-valid");
    ll.items[0].message = dup("add it NOT VALID");
    ll.items[0].table = dup("t");
    strata_abi_lint_list_free(h, &ll);
    assert_true(all_zero(&ll, sizeof ll));

    strata_abi_sql_list_free(h, NULL);
    strata_abi_stmt_list_free(h, NULL);
    strata_abi_lint_list_free(h, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi_free__table),
        cmocka_unit_test(test_abi_free__parts),
        cmocka_unit_test(test_abi_free__lists),
    };

    h = strata__host();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
