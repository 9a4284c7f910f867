/* lock.c - the migration lock: two connections exclude each other, and
 * the lock goes with unlock, with disconnect, and with a killed process. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cf.h"

#define KEY "cf_conformance_lock"

/* lock(key, wait_ms) must give want; BUSY within its wait (a second of
 * slack for a slow server). */
static int expect_lock(cf *x, strata_conn *c, const char *check,
                       uint32_t wait_ms, int want)
{
    long long t0 = cf_now_ms(), took;
    int rc = x->drv->lock(c, KEY, wait_ms);

    took = cf_now_ms() - t0;
    if (rc != want)
        return cf_fail(x, check, "lock(wait %u ms) returned %s, not %s%s%s",
                       wait_ms, cf_rc_name(rc), cf_rc_name(want),
                       rc ? ": " : "", rc ? c->errmsg : "");
    if (want == STRATA_ERR_BUSY && took > (long long)wait_ms + 1000)
        return cf_fail(x, check, "BUSY came after %lld ms, waiting %u ms",
                       took, wait_ms);
    if (want == STRATA_ERR_BUSY && !c->errmsg[0])
        return cf_fail(x, check, "BUSY without a message");
    cf_ok(x, check);
    return CF_PASS;
}

static int unlock(cf *x, strata_conn *c, const char *check)
{
    int rc = x->drv->unlock(c, KEY);

    if (rc != STRATA_OK)
        return cf_fail(x, check, "unlock returned %s: %s", cf_rc_name(rc),
                       c->errmsg);
    return CF_PASS;
}

/* A child process takes the lock, says so on fd, and waits to be killed.
 * It never returns. */
static void holder(cf *x, int fd)
{
    strata_conn *c = NULL;
    char ok = 'E';

    if (cf_open(x, "holder connects", &c) == CF_PASS &&
        x->drv->lock(c, KEY, 5000) == STRATA_OK)
        ok = 'L';
    if (write(fd, &ok, 1) != 1 || ok != 'L')
        _exit(1);
    for (;;)
        pause();
}

static int killed_holder(cf *x, strata_conn *b)
{
    int fds[2], status, rc = CF_FAIL;
    struct pollfd p;
    char got = 0;
    pid_t pid;

    if (pipe(fds) != 0)
        return cf_fail(x, "release when killed", "pipe: %s", strerror(errno));
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return cf_fail(x, "release when killed", "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        holder(x, fds[1]);
    }
    close(fds[1]);
    p.fd = fds[0];
    p.events = POLLIN;
    if (poll(&p, 1, 20000) != 1 || read(fds[0], &got, 1) != 1 || got != 'L')
        cf_fail(x, "lock from another process", "the child process did not "
                "take the lock");
    else if (expect_lock(x, b, "exclusion across processes", 200,
                         STRATA_ERR_BUSY) == CF_PASS) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        pid = 0;
        /* The server notices the dead session, the kernel the file. */
        if (expect_lock(x, b, "release when the holder is killed", 10000,
                        STRATA_OK) == CF_PASS)
            rc = unlock(x, b, "release when the holder is killed");
    }
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    close(fds[0]);
    return rc;
}

int cf_area_lock(cf *x)
{
    strata_conn *a = NULL, *b = NULL;

    if (cf_open(x, "connect", &a) || cf_open(x, "connect", &b))
        goto done;
    if (expect_lock(x, a, "take", 0, STRATA_OK) ||
        expect_lock(x, b, "exclusion", 300, STRATA_ERR_BUSY) ||
        unlock(x, a, "unlock") ||
        expect_lock(x, b, "release by unlock", 2000, STRATA_OK) ||
        unlock(x, b, "unlock") ||
        expect_lock(x, a, "take again", 2000, STRATA_OK))
        goto done;
    cf_close(x, a);
    a = NULL;
    if (expect_lock(x, b, "release on disconnect", 5000, STRATA_OK) ||
        unlock(x, b, "unlock"))
        goto done;
    killed_holder(x, b);
done:
    cf_close(x, a);
    cf_close(x, b);
    return x->area_failed ? CF_FAIL : CF_PASS;
}
