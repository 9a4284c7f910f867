/* interrupt.c - SIGINT and SIGTERM taken by a watcher thread with
 * sigwait (or polled, by the fleet's parent), never in a signal handler:
 * the first one, while the runner is armed, sets a flag and has a second
 * thread cancel the running statement; otherwise, and on a second signal,
 * strata exits at once.  SIGPIPE is ignored.  Why threads and not
 * handlers: docs/architecture.md §7. */
#include "util/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "strata/driver.h"

/* Seconds between two cancel requests while the statement runs on: one
 * that reached the engine before the statement began is lost there. */
#define RECANCEL_S 1

static sigset_t taken;     /* SIGINT and SIGTERM, unless ignored on entry */
static atomic_int received; /* the first signal; 0 = none */
static pthread_t watcher_thread;
static int watching;        /* watcher_thread runs */
static atomic_int stopping; /* it is asked to return */

/* What the canceller thread reads; all under lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int armed;          /* the first signal does not exit */
static int cancellable;    /* a statement of the migration runs */
static int (*cancel_fn)(void *arg);
static void *cancel_arg;

const char *strata__interrupt_name(int signo)
{
    static char other[24];

    if (signo == SIGINT)
        return "SIGINT";
    if (signo == SIGTERM)
        return "SIGTERM";
    snprintf(other, sizeof other, "signal %d", signo);
    return other;
}

int strata__interrupt_signal(void) { return atomic_load(&received); }

/* A line on stderr with write(2): the main thread may be inside stdio. */
static void say(const char *a, const char *b)
{
    char line[256];
    int n = snprintf(line, sizeof line, "strata: %s%s\n", a, b);

    if (n > 0 && write(STDERR_FILENO, line,
                       (size_t)n < sizeof line ? (size_t)n
                                               : sizeof line - 1) < 0)
        return; /* nowhere left to say it */
}

static void exit_now(int signo, int again)
{
    if (again)
        say(strata__interrupt_name(signo),
            " again: exiting at once; what was not committed rolls back");
    else
        say("interrupted by ", strata__interrupt_name(signo));
    _exit(128 + signo);
}

/* Cancels while a statement runs, again every RECANCEL_S seconds, until
 * disarmed.  The call is made under lock, so disarm and cancellable(0)
 * wait for it: the connection is never closed under it, and no request
 * reaches strata's own bookkeeping statements. */
static void *canceller(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    while (armed) {
        struct timespec until;

        if (cancellable && cancel_fn)
            cancel_fn(cancel_arg); /* a failing driver said why (log) */
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += RECANCEL_S;
        pthread_cond_timedwait(&changed, &lock, &until);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void first_signal(int signo)
{
    pthread_t t;
    int start, cancels;

    pthread_mutex_lock(&lock);
    atomic_store(&received, signo);
    start = armed;
    cancels = cancel_fn != NULL;
    pthread_mutex_unlock(&lock);
    if (!start)
        exit_now(signo, 0);
    say(strata__interrupt_name(signo),
        ": stopping; the running statement is cancelled, its migration "
        "rolled back and recorded (a second signal exits at once)");
    /* Nothing to cancel (the fleet's parent): no thread either. */
    if (cancels && pthread_create(&t, NULL, canceller, NULL) == 0)
        pthread_detach(t);
    /* else: nothing is cancelled; the runner still stops at the next
     * statement */
}

static void take(int signo)
{
    if (atomic_load(&received))
        exit_now(signo, 1);
    first_signal(signo);
}

static void *watcher(void *unused)
{
    sigset_t set = taken;

    (void)unused;
    sigaddset(&set, SIGURG); /* strata__interrupt_stop's wake-up */
    for (;;) {
        int signo = 0;

        if (sigwait(&set, &signo) != 0)
            continue;
        if (signo != SIGURG)
            take(signo);
        else if (atomic_load(&stopping))
            return NULL;
    }
}

void strata__interrupt_poll(void)
{
    static const struct timespec now = {0, 0};
    int signo;

    while ((signo = sigtimedwait(&taken, NULL, &now)) > 0)
        take(signo);
}

static void block(void)
{
    struct sigaction ign, old;
    sigset_t mask;

    /* strata upgrade | head: a write to the closed pipe fails instead of
     * killing the run between a statement and its history row. */
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, NULL);
    /* A signal ignored on entry (a background job of a script ignores
     * SIGINT) stays ignored. */
    sigemptyset(&taken);
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        sigaddset(&taken, SIGINT);
    if (sigaction(SIGTERM, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        sigaddset(&taken, SIGTERM);
    /* Blocked before any thread starts, so every thread inherits it and
     * only the watcher takes them: no statement of the main thread ever
     * sees EINTR.  SIGURG too (its default action ignores it): the
     * watcher's wake-up from strata__interrupt_stop. */
    mask = taken;
    sigaddset(&mask, SIGURG);
    if (pthread_sigmask(SIG_BLOCK, &mask, NULL) != 0)
        sigemptyset(&taken); /* not blocked: the default actions */
}

void strata__interrupt_start(void)
{
    if (watching ||
        (!sigismember(&taken, SIGINT) && !sigismember(&taken, SIGTERM)))
        return;
    if (pthread_create(&watcher_thread, NULL, watcher, NULL) != 0) {
        /* The default actions, as without this module, from now on: a
         * later start or poll finds nothing to take. */
        pthread_sigmask(SIG_UNBLOCK, &taken, NULL);
        sigemptyset(&taken);
        return;
    }
    watching = 1;
}

void strata__interrupt_stop(void)
{
    if (!watching)
        return;
    atomic_store(&stopping, 1);
    pthread_kill(watcher_thread, SIGURG);
    pthread_join(watcher_thread, NULL);
    atomic_store(&stopping, 0);
    watching = 0;
}

void strata__interrupt_install(void)
{
    block();
    strata__interrupt_start();
}

void strata__interrupt_arm(int (*cancel)(void *arg), void *arg)
{
    pthread_mutex_lock(&lock);
    armed = 1;
    cancellable = 0;
    cancel_fn = cancel;
    cancel_arg = arg;
    pthread_mutex_unlock(&lock);
}

void strata__interrupt_cancellable(int on)
{
    pthread_mutex_lock(&lock);
    cancellable = on;
    if (on)
        pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
}

void strata__interrupt_disarm(void)
{
    pthread_mutex_lock(&lock);
    armed = cancellable = 0;
    cancel_fn = NULL;
    cancel_arg = NULL;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
}
