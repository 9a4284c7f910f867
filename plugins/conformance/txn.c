/* txn.c - the transactions the core owns: commit keeps, rollback undoes;
 * in_transaction; transactional DDL and savepoints where claimed. */
#include <stdio.h>
#include <stdlib.h>

#include "cf.h"

static int verb(cf *x, strata_conn *c, const char *check,
                int (*fn)(strata_conn *), const char *name)
{
    int rc = fn(c);

    if (rc != STRATA_OK)
        return cf_fail(x, check, "%s returned %s: %s", name, cf_rc_name(rc),
                       c->errmsg);
    return CF_PASS;
}

static int open_is(cf *x, strata_conn *c, const char *check, int want)
{
    int open = -1, rc;

    if (!x->drv->in_transaction)
        return CF_PASS;
    rc = x->drv->in_transaction(c, &open);
    if (rc != STRATA_OK)
        return cf_fail(x, check, "in_transaction returned %s: %s",
                       cf_rc_name(rc), c->errmsg);
    if (open != want)
        return cf_fail(x, check, "in_transaction says %d, not %d", open,
                       want);
    return CF_PASS;
}

static int rows_are(cf *x, strata_conn *c, const char *check,
                    const char *t, const char *where, long long want)
{
    long long n = -1;

    if (cf_count(x, c, check, &n, "SELECT COUNT(*) FROM %s%s%s", t,
                 where ? " WHERE " : "", where ? where : ""))
        return CF_FAIL;
    if (n != want)
        return cf_fail(x, check, "%lld rows%s%s, not %lld", n,
                       where ? " where " : "", where ? where : "", want);
    cf_ok(x, check);
    return CF_PASS;
}

/* The statements the core runs through exec around each migration
 * (core/plan/program.h). */
#define SP "SAVEPOINT strata_migration"
#define SP_RELEASE "RELEASE SAVEPOINT strata_migration"
#define SP_ROLLBACK "ROLLBACK TO SAVEPOINT strata_migration"

static int savepoints(cf *x, strata_conn *c, const char *t)
{
    const char *k = "STRATA_CAP_SAVEPOINT";

    if (verb(x, c, k, x->drv->begin, "begin") ||
        cf_execf(x, c, k, "INSERT INTO %s (id, v) VALUES (3, 'kept')", t) ||
        cf_exec(x, c, k, SP) ||
        cf_execf(x, c, k, "INSERT INTO %s (id, v) VALUES (4, 'kept')", t) ||
        cf_exec(x, c, k, SP_RELEASE) || cf_exec(x, c, k, SP) ||
        cf_execf(x, c, k, "INSERT INTO %s (id, v) VALUES (5, 'undone')",
                 t) ||
        cf_exec(x, c, k, SP_ROLLBACK) ||
        open_is(x, c, "in_transaction after ROLLBACK TO", 1) ||
        cf_execf(x, c, k, "INSERT INTO %s (id, v) VALUES (6, 'kept')", t) ||
        verb(x, c, k, x->drv->commit, "commit"))
        return CF_FAIL;
    if (rows_are(x, c, "STRATA_CAP_SAVEPOINT: RELEASE keeps", t, "id = 4",
                 1) ||
        rows_are(x, c, "STRATA_CAP_SAVEPOINT: ROLLBACK TO undoes", t,
                 "id = 5", 0) ||
        rows_are(x, c, "STRATA_CAP_SAVEPOINT: work after ROLLBACK TO is "
                 "kept", t, "id = 6", 1))
        return CF_FAIL;
    return CF_PASS;
}

static int ddl(cf *x, strata_conn *c)
{
    const char *k = "STRATA_CAP_TRANSACTIONAL_DDL";
    char *t = cf_qi(x, c, k, "cf_txn_ddl");
    int there = 1, rc = CF_FAIL;

    cf_drop(x, c, "cf_txn_ddl");
    if (t && !verb(x, c, k, x->drv->begin, "begin") &&
        !cf_execf(x, c, k, "CREATE TABLE %s (id INTEGER)", t) &&
        !verb(x, c, k, x->drv->rollback, "rollback") &&
        !cf_table_there(x, c, k, "cf_txn_ddl", &there)) {
        if (there)
            cf_fail(x, k, "a table created in a rolled-back transaction "
                    "is there");
        else
            rc = CF_PASS;
    }
    cf_drop(x, c, "cf_txn_ddl");
    free(t);
    return rc;
}

int cf_area_transactions(cf *x)
{
    strata_conn *c = NULL;
    char *t = NULL;

    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    cf_drop(x, c, "cf_txn");
    if (!(t = cf_qi(x, c, "setup", "cf_txn")) ||
        cf_execf(x, c, "setup", "CREATE TABLE %s (id INTEGER, v VARCHAR(40))",
                 t) ||
        open_is(x, c, "in_transaction outside one", 0))
        goto done;
    if (verb(x, c, "rollback", x->drv->begin, "begin") ||
        open_is(x, c, "in_transaction after begin", 1) ||
        cf_execf(x, c, "rollback", "INSERT INTO %s (id, v) VALUES (1, 'a')",
                 t) ||
        verb(x, c, "rollback", x->drv->rollback, "rollback") ||
        open_is(x, c, "in_transaction after rollback", 0) ||
        rows_are(x, c, "rollback", t, NULL, 0))
        goto done;
    if (verb(x, c, "commit", x->drv->begin, "begin") ||
        cf_execf(x, c, "commit", "INSERT INTO %s (id, v) VALUES (2, 'b')",
                 t) ||
        verb(x, c, "commit", x->drv->commit, "commit") ||
        open_is(x, c, "in_transaction after commit", 0) ||
        rows_are(x, c, "commit", t, NULL, 1))
        goto done;
    /* What the driver claims; the rest is listed as not claimed. */
    if (x->drv->caps & STRATA_CAP_SAVEPOINT) {
        if (savepoints(x, c, t))
            goto done;
    }
    if (x->drv->caps & STRATA_CAP_TRANSACTIONAL_DDL)
        ddl(x, c);
done:
    if (c)
        cf_drop(x, c, "cf_txn");
    free(t);
    cf_close(x, c);
    if (!(x->drv->caps & STRATA_CAP_SAVEPOINT))
        cf_unclaimed(x, "transactions: savepoint (STRATA_CAP_SAVEPOINT)");
    if (!(x->drv->caps & STRATA_CAP_TRANSACTIONAL_DDL))
        cf_unclaimed(x, "transactions: transactional-ddl "
                        "(STRATA_CAP_TRANSACTIONAL_DDL)");
    return x->area_failed ? CF_FAIL : CF_PASS;
}
