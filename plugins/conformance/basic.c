/* basic.c - the areas every driver runs: load (the table's fields),
 * connect (sessions, refused connections) and errors (statuses and
 * messages on every failure). */
#include <stdlib.h>
#include <string.h>

#include "cf.h"

/* A password only this suite writes: a message quoting it leaks. */
#define CF_SECRET "Cf-s3cret-Pw9"

int cf_area_load(cf *x)
{
    const strata_driver *d = x->drv;
    const uint64_t known = (STRATA_CAP_RUN_TRANSACTION << 1) - 1;

    if (!d->version || !*d->version)
        return cf_fail(x, "version", "the table has no version string");
    if (!d->schemes || !d->schemes[0] || !*d->schemes[0])
        return cf_fail(x, "schemes", "the table serves no URL scheme");
    for (size_t i = 0; d->schemes[i]; i++)
        if (strspn(d->schemes[i], "abcdefghijklmnopqrstuvwxyz0123456789+.-") !=
            strlen(d->schemes[i]))
            return cf_fail(x, "schemes", "scheme '%s' is not lower-case "
                           "letters, digits, '+', '.', '-'", d->schemes[i]);
    cf_ok(x, "fields");
    if (d->caps & ~known)
        return cf_fail(x, "capabilities", "unknown capability bits 0x%llx",
                       (unsigned long long)(d->caps & ~known));
    if ((d->caps & STRATA_CAP_RUN_TRANSACTION) &&
        !(d->caps & STRATA_CAP_SAVEPOINT))
        return cf_fail(x, "capabilities", "run-transaction is claimed "
                       "without savepoint: the core ends each migration "
                       "with a savepoint inside the run's transaction");
    if (!d->introspect != !d->render)
        return cf_fail(x, "portable model", "%s without %s: the core runs "
                       "portable operations only with both",
                       d->render ? "render" : "introspect",
                       d->render ? "introspect" : "render");
    if (d->ident_flags && !d->ident_max)
        return cf_fail(x, "identifier limit", "ident_flags 0x%x without "
                       "an ident_max", d->ident_flags);
    if (d->ident_flags & ~(uint32_t)(STRATA_IDENT_CHARS |
                                     STRATA_IDENT_TRUNCATE))
        return cf_fail(x, "identifier limit", "unknown ident_flags 0x%x",
                       d->ident_flags);
    if (d->name_flags & ~(uint32_t)(STRATA_NAME_KEEP_CASE | STRATA_NAME_EXACT |
                                    STRATA_NAME_TABLE_EXACT))
        return cf_fail(x, "name rules", "unknown name_flags 0x%x",
                       d->name_flags);
    cf_ok(x, "capabilities");
    return CF_PASS;
}

int cf_area_connect(cf *x)
{
    strata_conn *c = NULL;
    const strata_kv nocreate[] = {{"create", "0"}, {NULL, NULL}};
    char *bad;
    int rc;

    for (int round = 0; round < 2; round++) {
        if (cf_open(x, round ? "connect again" : "connect", &c) != CF_PASS)
            return CF_FAIL;
        if (x->drv->server_version && round == 0) {
            char *v = NULL;

            rc = x->drv->server_version(c, &v);
            if (rc != STRATA_OK || !v || !*v) {
                cf_fail(x, "server_version", "returned %s%s%s",
                        cf_rc_name(rc), rc ? ": " : " and no text",
                        rc ? c->errmsg : "");
                free(v);
                cf_close(x, c);
                return CF_FAIL;
            }
            free(v);
            cf_ok(x, "server_version");
        }
        cf_close(x, c);
    }
    cf_ok(x, "connect and disconnect");

    /* A connection that cannot succeed: a closed port, a missing
     * database that must not be created, and a password in the URL. */
    cf_secret_add(CF_SECRET);
    bad = strata__sprintf("%s://cfuser:%s@127.0.0.1:1/cf_missing_db",
                     x->drv->schemes[0], CF_SECRET);
    if (!bad || !(c = cf_conn_new(x))) {
        free(bad);
        return cf_fail(x, "refused connection", "out of memory");
    }
    rc = x->drv->connect(c, bad, nocreate);
    free(bad);
    if (rc == STRATA_OK)
        rc = cf_fail(x, "refused connection", "connect to port 1 of "
                     "127.0.0.1 with create=0 succeeded");
    else if (!c->errmsg[0] || c->code != rc)
        rc = cf_fail(x, "refused connection", "returned %s without a "
                     "message set through host->error", cf_rc_name(rc));
    else
        rc = CF_PASS;
    cf_close(x, c); /* the core disconnects after a failed connect too */
    if (rc == CF_PASS)
        cf_ok(x, "refused connection");
    return rc;
}

static int stop_at_first(void *payload, int ncols, const char *const *values,
                         const char *const *names)
{
    (void)ncols, (void)values, (void)names;
    ++*(int *)payload;
    return 1;
}

/* rc must be a failure with the message the driver set for it. */
static int refused(cf *x, strata_conn *c, const char *check, int rc,
                   int want)
{
    if (rc == STRATA_OK)
        return cf_fail(x, check, "succeeded");
    if (!c->errmsg[0] || c->code != rc)
        return cf_fail(x, check, "returned %s without a message set "
                       "through host->error", cf_rc_name(rc));
    if (want && rc != want)
        return cf_fail(x, check, "returned %s (%s), not %s", cf_rc_name(rc),
                       c->errmsg, cf_rc_name(want));
    cf_ok(x, check);
    return CF_PASS;
}

int cf_area_errors(cf *x)
{
    strata_conn *c = NULL;
    char *t = NULL;
    int rc, rows = 0;
    long long n;

    if (cf_open(x, "connect", &c) != CF_PASS)
        return CF_FAIL;
    cf_drop(x, c, "cf_err");
    if (!(t = cf_qi(x, c, "setup", "cf_err")) ||
        cf_execf(x, c, "setup", "CREATE TABLE %s (id INTEGER)", t) ||
        cf_execf(x, c, "setup", "INSERT INTO %s (id) VALUES (1)", t) ||
        cf_execf(x, c, "setup", "INSERT INTO %s (id) VALUES (2)", t))
        goto done;

    memset(c->errmsg, 0, sizeof c->errmsg);
    c->code = 0;
    rc = x->drv->exec(c, "CF_NOT_A_STATEMENT cf");
    if (refused(x, c, "exec of bad SQL", rc, STRATA_ERR_DB))
        goto done;
    c->code = 0;
    c->errmsg[0] = '\0';
    rc = x->drv->query(c, "CF_NOT_A_QUERY cf", stop_at_first, &rows);
    if (refused(x, c, "query of bad SQL", rc, STRATA_ERR_DB))
        goto done;
    c->code = 0;
    c->errmsg[0] = '\0';
    rc = x->drv->exec(c, "DROP TABLE cf_no_such_table_here");
    if (refused(x, c, "exec on a missing table", rc, STRATA_ERR_DB))
        goto done;

    {
        char *sql = strata__sprintf("SELECT id FROM %s", t);

        rc = sql ? x->drv->query(c, sql, stop_at_first, &rows)
                 : STRATA_ERR_NOMEM;
        free(sql);
    }
    if (rc != STRATA_ERR_USER || rows != 1) {
        cf_fail(x, "query stopped by its callback", "returned %s after %d "
                "rows, not STRATA_ERR_USER after 1", cf_rc_name(rc), rows);
        goto done;
    }
    cf_ok(x, "query stopped by its callback");
    if (cf_count(x, c, "usable after a stopped query", &n,
                 "SELECT COUNT(*) FROM %s", t))
        goto done;

    /* A failure inside the core's transaction, then its rollback. */
    if ((rc = x->drv->begin(c)) != STRATA_OK) {
        cf_fail(x, "error in a transaction", "begin returned %s: %s",
                cf_rc_name(rc), c->errmsg);
        goto done;
    }
    rc = x->drv->exec(c, "CF_NOT_A_STATEMENT cf");
    if (refused(x, c, "error in a transaction", rc, STRATA_ERR_DB)) {
        x->drv->rollback(c);
        goto done;
    }
    if ((rc = x->drv->rollback(c)) != STRATA_OK) {
        cf_fail(x, "rollback after an error", "returned %s: %s",
                cf_rc_name(rc), c->errmsg);
        goto done;
    }
    if (cf_count(x, c, "usable after a rollback", &n,
                 "SELECT COUNT(*) FROM %s", t))
        goto done;
    cf_ok(x, "rollback after an error");
done:
    if (c)
        cf_drop(x, c, "cf_err");
    free(t);
    cf_close(x, c);
    return x->area_failed ? CF_FAIL : CF_PASS;
}
