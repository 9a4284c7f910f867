/* history.c - the history round trip: the core's own statements for its
 * version and history tables (core/db/history.c) run through the driver,
 * rows read back byte for byte. */
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "db/history.h"
#include "util/buf.h"

#define HIST "cf_history"
#define VERS "cf_version"

/* Text no quoting may change: quotes, a backslash, a newline, a tab,
 * a percent sign and UTF-8 (a letter a latin1 database holds too: the
 * column's character set is the database's, not the driver's). */
#define TRICKY "{\"note\": \"it's a \\\"quote\\\"; back\\\\slash\nline\t" \
               "100% caf\xc3\xa9\"}"

typedef struct rows {
    char *v[8][12];
    int n;
    int ncols;
} rows;

static int keep_row(void *payload, int ncols, const char *const *values,
                    const char *const *names)
{
    rows *r = payload;

    (void)names;
    if (r->n >= 8 || ncols > 12)
        return 1;
    r->ncols = ncols;
    for (int i = 0; i < ncols; i++)
        r->v[r->n][i] = values[i] ? strdup(values[i]) : NULL;
    r->n++;
    return 0;
}

static void rows_free(rows *r)
{
    for (int i = 0; i < r->n; i++)
        for (int k = 0; k < r->ncols; k++)
            free(r->v[i][k]);
    memset(r, 0, sizeof *r);
}

static int read_rows(cf *x, strata_conn *c, const char *check,
                     const char *sql, rows *r)
{
    int rc = x->drv->query(c, sql, keep_row, r);

    if (rc != STRATA_OK)
        return cf_fail(x, check, "query(\"%s\") returned %s: %s", sql,
                       cf_rc_name(rc), c->errmsg);
    return CF_PASS;
}

/* Run the statements as the core ends a migration: exec_batch where the
 * driver has it, else one exec each. */
static int run_all(cf *x, strata_conn *c, const char *check,
                   const char *const *sql, size_t n)
{
    size_t failed = (size_t)-1;
    int rc;

    if (!x->drv->exec_batch) {
        for (size_t i = 0; i < n; i++)
            if (cf_exec(x, c, check, sql[i]))
                return CF_FAIL;
        return CF_PASS;
    }
    rc = x->drv->exec_batch(c, sql, n, &failed);
    if (rc != STRATA_OK)
        return cf_fail(x, check, "exec_batch returned %s at statement %zu: "
                       "%s", cf_rc_name(rc), failed, c->errmsg);
    return CF_PASS;
}

static int same(cf *x, const char *check, const char *field,
                const char *got, const char *want)
{
    if ((!got) != (!want) || (got && strcmp(got, want) != 0))
        return cf_fail(x, check, "%s read back as %s%s%s, written as %s%s%s",
                       field, got ? "'" : "", got ? got : "NULL",
                       got ? "'" : "", want ? "'" : "",
                       want ? want : "NULL", want ? "'" : "");
    return CF_PASS;
}

static int batch_failure(cf *x, strata_conn *c, const char *hist,
                         const char *ins)
{
    const char *k = "exec_batch stops at a failure";
    /* The second fails when it runs (a syntax error may refuse the whole
     * batch before anything runs); the third would succeed: the batch
     * must stop before it. */
    const char *sql[3] = {ins, "INSERT INTO cf_no_such_table (id) VALUES (1)",
                          ins};
    size_t failed = 99;
    long long n = -1;
    int rc;

    if ((rc = x->drv->begin(c)) != STRATA_OK)
        return cf_fail(x, k, "begin returned %s: %s", cf_rc_name(rc),
                       c->errmsg);
    c->errmsg[0] = '\0';
    rc = x->drv->exec_batch(c, sql, 3, &failed);
    x->drv->rollback(c);
    if (rc == STRATA_OK || failed != 1 || !c->errmsg[0])
        return cf_fail(x, k, "returned %s with failed = %zu%s",
                       cf_rc_name(rc), failed,
                       c->errmsg[0] ? "" : " and no message");
    if (cf_count(x, c, k, &n, "SELECT COUNT(*) FROM %s", hist))
        return CF_FAIL;
    if (n != 2)
        return cf_fail(x, k, "%lld history rows after the rollback, not 2",
                       n);
    cf_ok(x, k);
    return CF_PASS;
}

int cf_area_history(cf *x)
{
    strata_conn *c = NULL;
    char *hist = NULL, *vers = NULL, *sql[2] = {NULL, NULL};
    strata_buf ins = {0}, ins2 = {0}, ins3 = {0}, v[4] = {{0}};
    /* (char *): the row type is the core's, which owns its strings. */
    strata_history_row row = {
        .id = 1, .revision = (char *)"a1b2c3d4e5f6",
        .direction = (char *)"up",
        .checksum = (char *)"sha256:0123456789abcdef",
        .started_at = (char *)"2026-01-02T03:04:05.678Z",
        .finished_at = NULL, .duration_ms = -1,
        .applied_by = (char *)"o'brien@host",
        .tool_version = (char *)"strata 9.9", .outcome = (char *)"applied",
        .statement_index = -1, .detail = (char *)TRICKY};
    rows r = {0};
    const char *k = "round trip";

    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    if (strata__history_quote(x->drv, c, HIST, &hist) != STRATA_OK ||
        strata__history_quote(x->drv, c, VERS, &vers) != STRATA_OK ||
        strata__history_sql_create(hist, 1, &sql[0]) != STRATA_OK ||
        strata__history_sql_create(vers, 0, &sql[1]) != STRATA_OK) {
        cf_fail(x, "setup", "quoting the table names: %s", c->errmsg);
        goto done;
    }
    cf_drop(x, c, HIST);
    cf_drop(x, c, VERS);
    /* The core creates them with IF NOT EXISTS whenever a verb writes. */
    if (cf_exec(x, c, "create the tables", sql[0]) ||
        cf_exec(x, c, "create the tables", sql[1]) ||
        cf_exec(x, c, "create the tables again", sql[0]) ||
        cf_exec(x, c, "create the tables again", sql[1]))
        goto done;
    cf_ok(x, "create the tables (twice)");

    if (strata__history_sql_append(x->drv, c, hist, &row, &ins) ||
        strata__history_sql_version(x->drv, c, vers, STRATA_VERSION_ADD,
                                    "rev-a", NULL, &v[0]) ||
        strata__history_sql_version(x->drv, c, vers, STRATA_VERSION_ADD,
                                    "rev-b", NULL, &v[1]) ||
        strata__history_sql_version(x->drv, c, vers, STRATA_VERSION_MOVE,
                                    "rev-a", "rev-c", &v[2]) ||
        strata__history_sql_version(x->drv, c, vers, STRATA_VERSION_DEL,
                                    "rev-b", NULL, &v[3])) {
        cf_fail(x, "setup", "building the statements: %s", c->errmsg);
        goto done;
    }
    row.id = -1; /* the form of offline scripts: the next id from SQL */
    row.finished_at = (char *)"2026-01-02T03:04:06.000Z";
    row.duration_ms = 322;
    row.statement_index = 2;
    row.outcome = (char *)"failed";
    if (strata__history_sql_append(x->drv, c, hist, &row, &ins2) ||
        (row.id = 100,
         strata__history_sql_append(x->drv, c, hist, &row, &ins3))) {
        cf_fail(x, "setup", "building the statements: %s", c->errmsg);
        goto done;
    }
    {
        const char *one[] = {ins.data, v[0].data, v[1].data};
        const char *two[] = {ins2.data, v[2].data, v[3].data};
        int rc;

        if ((rc = x->drv->begin(c)) != STRATA_OK) {
            cf_fail(x, k, "begin returned %s: %s", cf_rc_name(rc),
                    c->errmsg);
            goto done;
        }
        if (run_all(x, c, k, one, 3) || run_all(x, c, k, two, 3)) {
            x->drv->rollback(c);
            goto done;
        }
        if ((rc = x->drv->commit(c)) != STRATA_OK) {
            cf_fail(x, k, "commit returned %s: %s", cf_rc_name(rc),
                    c->errmsg);
            goto done;
        }
    }
    {
        char *q = strata__sprintf("SELECT id, revision, direction, checksum, "
                             "started_at, finished_at, duration_ms, "
                             "applied_by, tool_version, outcome, "
                             "statement_index, detail FROM %s ORDER BY id",
                             hist);

        if (!q || read_rows(x, c, k, q, &r)) {
            free(q);
            goto done;
        }
        free(q);
    }
    if (r.n != 2 || r.ncols != 12) {
        cf_fail(x, k, "read %d rows of %d columns, not 2 of 12", r.n,
                r.ncols);
        goto done;
    }
    if (same(x, k, "id", r.v[0][0], "1") ||
        same(x, k, "id of the next row", r.v[1][0], "2") ||
        same(x, k, "revision", r.v[0][1], "a1b2c3d4e5f6") ||
        same(x, k, "checksum", r.v[0][3], row.checksum) ||
        same(x, k, "started_at", r.v[0][4], row.started_at) ||
        same(x, k, "finished_at", r.v[0][5], NULL) ||
        same(x, k, "duration_ms", r.v[0][6], NULL) ||
        same(x, k, "applied_by", r.v[0][7], "o'brien@host") ||
        same(x, k, "outcome", r.v[0][9], "applied") ||
        same(x, k, "statement_index", r.v[0][10], NULL) ||
        same(x, k, "detail", r.v[0][11], TRICKY) ||
        same(x, k, "duration_ms", r.v[1][6], "322") ||
        same(x, k, "statement_index", r.v[1][10], "2") ||
        same(x, k, "detail", r.v[1][11], TRICKY))
        goto done;
    rows_free(&r);
    {
        char *q = strata__sprintf("SELECT revision FROM %s ORDER BY revision",
                             vers);

        if (!q || read_rows(x, c, "versions", q, &r)) {
            free(q);
            goto done;
        }
        free(q);
    }
    if (r.n != 1) {
        cf_fail(x, "versions", "%d version rows, not 1 (rev-c)", r.n);
        goto done;
    }
    if (same(x, "versions", "the version row", r.v[0][0], "rev-c"))
        goto done;
    cf_ok(x, k);
    if (x->drv->exec_batch)
        batch_failure(x, c, hist, ins3.data);
done:
    rows_free(&r);
    if (c) {
        cf_drop(x, c, HIST);
        cf_drop(x, c, VERS);
    }
    strata__buf_free(&ins);
    strata__buf_free(&ins2);
    strata__buf_free(&ins3);
    for (int i = 0; i < 4; i++)
        strata__buf_free(&v[i]);
    free(sql[0]);
    free(sql[1]);
    free(hist);
    free(vers);
    cf_close(x, c);
    return x->area_failed ? CF_FAIL : CF_PASS;
}
