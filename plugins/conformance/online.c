/* online.c - an online index build under a concurrent writer (where
 * STRATA_CAP_ONLINE_INDEX is claimed): the writer's longest stall is
 * held against the lock timeout its connection has. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi/free.h"
#include "steps.h"

#define ROWS_LOG2 15 /* 32768 rows: long enough to overlap the writer */

/* What the writer reports when told to stop. */
typedef struct writer_result {
    long long max_stall_ms;
    long long writes;
    int rc;
    char msg[STRATA_ERRMSG_SIZE];
} writer_result;

/* The child: insert rows one by one until stop_fd reads EOF; each
 * insert's time is a stall.  Never returns. */
static void writer(cf *x, const char *table, int ready_fd, int stop_fd,
                   int out_fd)
{
    writer_result r = {0};
    strata_conn *c = NULL;
    char ok = 'W', byte;

    if (cf_open(x, "writer connects", &c) != CF_PASS)
        _exit(1);
    fcntl(stop_fd, F_SETFL, O_NONBLOCK);
    for (long long i = 0;; i++) {
        long long t0 = cf_now_ms(), took;
        char *sql = strata__sprintf("INSERT INTO %s (id, v) VALUES (%lld, %lld)",
                               table, 1000000 + i, i % 97);

        r.rc = sql ? x->drv->exec(c, sql) : STRATA_ERR_NOMEM;
        free(sql);
        took = cf_now_ms() - t0;
        if (r.rc != STRATA_OK) {
            snprintf(r.msg, sizeof r.msg, "%s", c->errmsg);
            break;
        }
        r.writes++;
        if (took > r.max_stall_ms)
            r.max_stall_ms = took;
        if (i == 0 && write(ready_fd, &ok, 1) != 1)
            break;
        if (read(stop_fd, &byte, 1) == 0)
            break;
    }
    if (write(out_fd, &r, sizeof r) != (ssize_t)sizeof r)
        _exit(1);
    _exit(0);
}

static int fill(cf *x, strata_conn *c, const char *t)
{
    long long rows = 1;

    if (cf_execf(x, c, "rows", "INSERT INTO %s (id, v) VALUES (1, 1)", t))
        return CF_FAIL;
    for (int i = 0; i < ROWS_LOG2; i++, rows *= 2)
        if (cf_execf(x, c, "rows", "INSERT INTO %s (id, v) SELECT id + %lld, "
                     "v + 1 FROM %s", t, rows, t))
            return CF_FAIL;
    return CF_PASS;
}

/* Build the index with op->online set while the writer runs. */
static int build(cf *x, strata_conn *c, const char *t)
{
    const char *k = "index build under a writer";
    int ready[2], stop[2], res[2], status, run_rc = STRATA_OK, rc = CF_FAIL;
    writer_result r = {0};
    strata_op *op = NULL;
    strata_table cat = {0};
    strata_sql_list l = {0};
    strata_ensure e;
    char *why = NULL, got = 0;
    long long t0, took;
    pid_t pid;
    int notsup = 0;

    if (pipe(ready) || pipe(stop) || pipe(res))
        return cf_fail(x, k, "pipe: %s", strerror(errno));
    fflush(NULL);
    if ((pid = fork()) < 0)
        return cf_fail(x, k, "fork: %s", strerror(errno));
    if (pid == 0) {
        close(stop[1]);
        writer(x, t, ready[1], stop[0], res[1]);
    }
    close(ready[1]);
    close(stop[0]);
    close(res[1]);
    if (read(ready[0], &got, 1) != 1) {
        cf_fail(x, k, "the writer did not start");
        goto done;
    }
    if (cf_op_parse(x, k, "CREATE INDEX cf_big_v ON cf_big (v)", 1, &op) ||
        cf_catalog(x, c, k, "cf_big", &cat) ||
        cf_render(x, c, k, op, &cat, &l, &notsup))
        goto done;
    if (notsup) {
        cf_fail(x, k, "render has no form for CREATE INDEX");
        goto done;
    }
    t0 = cf_now_ms();
    if (cf_run_list(x, c, k, op, &l, &run_rc))
        goto done;
    took = cf_now_ms() - t0;
    if (run_rc != STRATA_OK) {
        cf_fail(x, k, "the online build failed with %s: %s",
                cf_rc_name(run_rc), c->errmsg);
        goto done;
    }
    close(stop[1]);
    stop[1] = -1;
    if (read(res[0], &r, sizeof r) != (ssize_t)sizeof r) {
        cf_fail(x, k, "the writer died");
        goto done;
    }
    if (r.rc != STRATA_OK) {
        cf_fail(x, k, "the writer failed during an online build (%s): %s",
                cf_rc_name(r.rc), r.msg);
        goto done;
    }
    if (r.max_stall_ms >= x->lock_timeout_ms) {
        cf_fail(x, k, "the writer stalled %lld ms (lock timeout %u ms) "
                "during a %lld ms build", r.max_stall_ms, x->lock_timeout_ms,
                took);
        goto done;
    }
    if (cf_ensure(x, c, k, op, &e, &why))
        goto done;
    if (e != STRATA_ENSURE_SKIP_EXISTS) {
        cf_fail(x, k, "after the build the core reads the index as '%s'%s%s",
                strata__ensure_word(e), why ? ": " : "", why ? why : "");
        goto done;
    }
    if (x->verbose)
        printf("  info  online-index: %lld ms build, %lld writes, longest "
               "stall %lld ms\n", took, r.writes, r.max_stall_ms);
    cf_ok(x, k);
    rc = CF_PASS;
done:
    if (stop[1] >= 0)
        close(stop[1]);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    close(ready[0]);
    close(res[0]);
    free(why);
    strata_abi_sql_list_free(cf_host(), &l);
    strata_abi_table_free(cf_host(), &cat);
    cf_op_free(op);
    return rc;
}

static const cf_step big[] = {
    {CF_APPLY, "CREATE TABLE cf_big (id integer PRIMARY KEY, v integer)"},
};

int cf_area_online_index(cf *x)
{
    strata_conn *c = NULL;
    char *t = NULL;

    if (!(x->drv->caps & STRATA_CAP_ONLINE_INDEX))
        return cf_skip(x, "STRATA_CAP_ONLINE_INDEX not claimed");
    if (!x->drv->introspect || !x->drv->render)
        return cf_skip(x, "no introspect and render");
    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    cf_drop(x, c, "cf_big");
    if (cf_steps(x, c, "online-index", big, 1) == CF_PASS &&
        (t = cf_qi(x, c, "rows", "cf_big")) && fill(x, c, t) == CF_PASS)
        build(x, c, t);
    cf_drop(x, c, "cf_big");
    free(t);
    cf_close(x, c);
    return x->area_failed ? CF_FAIL : CF_PASS;
}
