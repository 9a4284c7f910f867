/* test_offline.c - what offline scripts share with the runner, with no
 * database: the version-table changes each step makes (linear moves,
 * merges, downgrades back to the parents), the history statements'
 * text, the next id computed by the database when strata cannot count,
 * and the driver entries a script needs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain/graph.h"
#include "chain/versions.h"
#include "db/history.h"
#include "db/host.h"
#include "plan/offline.h"

/* --- a hand-built chain: a; b, c from a; merge m of b and c; d -------- */

static char *xstrdup(const char *s)
{
    char *d = strdup(s);

    assert_non_null(d);
    return d;
}

static strata_revision *mkrev(const char *id, const char *p1,
                              const char *p2)
{
    strata_revision *r = calloc(1, sizeof *r);

    assert_non_null(r);
    r->path = xstrdup(id);
    r->id = xstrdup(id);
    r->id_line = 1;
    r->nparents = (p1 != NULL) + (p2 != NULL);
    if (r->nparents) {
        r->parents = calloc(r->nparents, sizeof *r->parents);
        assert_non_null(r->parents);
        r->parents[0] = xstrdup(p1);
        if (p2)
            r->parents[1] = xstrdup(p2);
        r->parents_line = 2;
    }
    return r;
}

typedef struct chain {
    strata_revision *revs[5];
    strata_graph *g;
} chain;

static int setup(void **state)
{
    chain *c = calloc(1, sizeof *c);
    strata_error err = {0};

    assert_non_null(c);
    c->revs[0] = mkrev("a", NULL, NULL);
    c->revs[1] = mkrev("b", "a", NULL);
    c->revs[2] = mkrev("c", "a", NULL);
    c->revs[3] = mkrev("m", "b", "c");
    c->revs[4] = mkrev("d", "m", NULL);
    assert_int_equal(strata__graph_build(&c->g, c->revs, 5, &err),
                     STRATA_OK);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    chain *c = *state;

    strata__graph_free(c->g);
    for (size_t i = 0; i < 5; i++)
        strata__migration_free(c->revs[i]);
    free(c);
    return 0;
}

/* Each change as text: "move a b;", "add c;", "del b;". */
static int record(void *payload, strata_version_change kind,
                  const char *rev, const char *to)
{
    static const char *const words[] = {"add", "del", "move"};
    strata_buf *b = payload;

    return to ? strata__buf_printf(b, "%s %s %s;", words[kind], rev, to)
              : strata__buf_printf(b, "%s %s;", words[kind], rev);
}

static void step(chain *c, const char *id, strata_direction dir,
                 unsigned char *rows, unsigned char *applied,
                 const char *want)
{
    strata_buf b = {0};
    long idx = strata__graph_find(c->g, id);

    assert_true(idx >= 0);
    assert_int_equal(strata__version_step(c->g, (size_t)idx, dir,
                                                  rows, applied, record,
                                                  &b),
                     STRATA_OK);
    assert_string_equal(b.data ? b.data : "", want);
    strata__buf_free(&b);
}

static void test_offline__version_steps(void **state)
{
    chain *c = *state;
    unsigned char rows[5] = {0}, applied[5] = {0};

    step(c, "a", STRATA_UP, rows, applied, "add a;");
    step(c, "b", STRATA_UP, rows, applied, "move a b;");
    /* a is no longer a row: c gets its own */
    step(c, "c", STRATA_UP, rows, applied, "add c;");
    step(c, "m", STRATA_UP, rows, applied, "del b;del c;add m;");
    step(c, "d", STRATA_UP, rows, applied, "move m d;");
    /* back down: the parents become rows again */
    step(c, "d", STRATA_DOWN, rows, applied, "del d;add m;");
    step(c, "m", STRATA_DOWN, rows, applied, "del m;add b;add c;");
    step(c, "c", STRATA_DOWN, rows, applied, "del c;");
    step(c, "b", STRATA_DOWN, rows, applied, "del b;add a;");
    step(c, "a", STRATA_DOWN, rows, applied, "del a;");
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(rows[i] | applied[i], 0);
}

/* --- the statements' text, quoted by a driver-like table ------------- */

static int quote(const char *s, char q, strata_buf *out)
{
    int rc = strata__buf_append(out, &q, 1);

    for (; *s && rc == STRATA_OK; s++) {
        rc = strata__buf_append(out, s, 1);
        if (rc == STRATA_OK && *s == q)
            rc = strata__buf_append(out, &q, 1);
    }
    return rc == STRATA_OK ? strata__buf_append(out, &q, 1) : rc;
}

static int qi(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    return quote(s, '"', out);
}

static int ql(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    return quote(s, '\'', out);
}

static void test_offline__history_sql(void **state)
{
    strata_driver drv = {.quote_ident = qi, .quote_literal = ql};
    strata_conn conn = {0};
    strata_history_row row = {0};
    strata_buf b = {0};
    char *q = NULL, *sql = NULL;

    (void)state;
    assert_int_equal(strata__history_quote(&drv, &conn, "strata_history",
                                           &q),
                     STRATA_OK);
    assert_string_equal(q, "\"strata_history\"");
    assert_int_equal(strata__history_sql_create(q, 1, &sql), STRATA_OK);
    assert_non_null(strstr(sql, "CREATE TABLE IF NOT EXISTS "
                                "\"strata_history\" (id bigint NOT NULL "
                                "PRIMARY KEY"));
    free(sql);

    row.revision = (char *)"r1";
    row.direction = (char *)"up";
    row.started_at = (char *)"2024-01-01T00:00:00.000Z";
    row.outcome = (char *)"applied";
    row.applied_by = (char *)"o'neil@host";
    row.duration_ms = -1;
    row.statement_index = -1;
    /* A script cannot count: the database does, reading the table. */
    row.id = -1;
    assert_int_equal(strata__history_sql_append(&drv, &conn, q, &row, &b),
                     STRATA_OK);
    assert_string_equal(
        b.data,
        "INSERT INTO \"strata_history\" (id, revision, direction, "
        "checksum, started_at, finished_at, duration_ms, applied_by, "
        "tool_version, outcome, statement_index, detail) SELECT "
        "COALESCE(MAX(id), 0) + 1, 'r1', 'up', NULL, "
        "'2024-01-01T00:00:00.000Z', NULL, NULL, 'o''neil@host', NULL, "
        "'applied', NULL, NULL FROM \"strata_history\"");
    strata__buf_free(&b);
    /* The runner counts: VALUES. */
    row.id = 7;
    row.duration_ms = 12;
    row.statement_index = 3;
    assert_int_equal(strata__history_sql_append(&drv, &conn, q, &row, &b),
                     STRATA_OK);
    assert_non_null(strstr(b.data, ") VALUES (7, 'r1', 'up', NULL, "));
    assert_non_null(strstr(b.data, "NULL, 12, 'o''neil@host', NULL, "
                                   "'applied', 3, NULL)"));
    strata__buf_free(&b);

    assert_int_equal(strata__history_sql_version(&drv, &conn, "v",
                                                 STRATA_VERSION_MOVE, "a",
                                                 "b", &b),
                     STRATA_OK);
    assert_string_equal(b.data,
                        "UPDATE v SET revision = 'b' WHERE revision = 'a'");
    strata__buf_free(&b);
    assert_int_equal(strata__history_sql_version(&drv, &conn, "v",
                                                 STRATA_VERSION_DEL, "a",
                                                 NULL, &b),
                     STRATA_OK);
    assert_string_equal(b.data, "DELETE FROM v WHERE revision IN ('a')");
    strata__buf_free(&b);
    free(q);
}

/* A script is written in the driver's words: without them, or without
 * a renderer, --sql refuses and says which is missing. */
static int render_nothing(strata_conn *c, const strata_op *ops, size_t n,
                          const strata_table *t, strata_sql_list *out)
{
    (void)c, (void)ops, (void)n, (void)t, (void)out;
    return STRATA_OK;
}

static void test_offline__supported(void **state)
{
    static const strata_script_words words = {.client = "x", .begin = "B"};
    strata_driver drv = {.name = "stub"};
    strata_error err = {0};

    (void)state;
    assert_int_equal(strata__offline_supported(&drv, &err),
                     STRATA_ERR_NOTSUP);
    assert_non_null(strstr(err.msg, "the stub driver cannot write scripts"));
    strata__error_clear(&err);
    drv.script = &words;
    assert_int_equal(strata__offline_supported(&drv, &err),
                     STRATA_ERR_NOTSUP);
    assert_non_null(strstr(err.msg, "no render entry"));
    strata__error_clear(&err);
    drv.render = render_nothing;
    assert_int_equal(strata__offline_supported(&drv, &err), STRATA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_offline__version_steps, setup,
                                        teardown),
        cmocka_unit_test(test_offline__history_sql),
        cmocka_unit_test(test_offline__supported),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
