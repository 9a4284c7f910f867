/* test_interrupt.c - SIGINT and SIGTERM as util/interrupt.c takes them:
 * at once without a run or on a second signal, a cancel only while a
 * statement runs (repeated each second, never during bookkeeping), an
 * inherited SIG_IGN kept, SIGPIPE ignored.  A signal is taken once per
 * process, so each case runs in a child of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/interrupt.h"

static atomic_int cancels;

static int count_cancel(void *arg)
{
    (void)arg;
    atomic_fetch_add(&cancels, 1);
    return STRATA_OK;
}

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Poll cond for up to ms milliseconds. */
#define WITHIN_MS(ms, cond)                                                \
    do {                                                                   \
        for (long waited_ = 0; !(cond) && waited_ < (ms); waited_ += 10)   \
            nap_ms(10);                                                    \
    } while (0)

/* Run child in a new process; its exit status, or 1000 + the signal
 * that killed it. */
static int in_child(int (*child)(void))
{
    int status = 0;
    pid_t pid = fork();

    if (pid == 0)
        _exit(child());
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status)
                             : 1000 + WTERMSIG(status);
}

static int unarmed_sigint(void)
{
    strata__interrupt_install();
    kill(getpid(), SIGINT);
    nap_ms(5000);
    return 0; /* not reached: the watcher exits 130 */
}

static int unarmed_sigterm(void)
{
    strata__interrupt_install();
    kill(getpid(), SIGTERM);
    nap_ms(5000);
    return 0;
}

static void test_interrupt__exits_at_once_outside_a_run(void **state)
{
    (void)state;
    assert_int_equal(in_child(unarmed_sigint), 130);
    assert_int_equal(in_child(unarmed_sigterm), 143);
}

/* Codes 1..9 say which expectation failed. */
static int armed_cancels_only_statements(void)
{
    int n;

    strata__interrupt_install();
    strata__interrupt_arm(count_cancel, NULL);
    kill(getpid(), SIGINT);
    WITHIN_MS(2000, strata__interrupt_signal() != 0);
    if (strata__interrupt_signal() != SIGINT)
        return 1;
    /* No statement runs: bookkeeping is never cancelled. */
    nap_ms(1500);
    if (atomic_load(&cancels) != 0)
        return 2;
    /* A statement starts: cancelled at once... */
    strata__interrupt_cancellable(1);
    WITHIN_MS(500, atomic_load(&cancels) >= 1);
    if (atomic_load(&cancels) < 1)
        return 3;
    /* ...and again each second while it runs. */
    WITHIN_MS(2500, atomic_load(&cancels) >= 2);
    if (atomic_load(&cancels) < 2)
        return 4;
    /* Off: no call after it returned. */
    strata__interrupt_cancellable(0);
    n = atomic_load(&cancels);
    nap_ms(1500);
    if (atomic_load(&cancels) != n)
        return 5;
    strata__interrupt_cancellable(1);
    strata__interrupt_disarm();
    n = atomic_load(&cancels);
    nap_ms(1500);
    if (atomic_load(&cancels) != n)
        return 6;
    if (strata__exit_code(STRATA_ERR_INTERRUPTED) != 130)
        return 7;
    return 0;
}

static void test_interrupt__cancels_while_a_statement_runs(void **state)
{
    (void)state;
    assert_int_equal(in_child(armed_cancels_only_statements), 0);
}

static int second_signal(void)
{
    strata__interrupt_install();
    strata__interrupt_arm(NULL, NULL);
    kill(getpid(), SIGINT);
    WITHIN_MS(2000, strata__interrupt_signal() != 0);
    if (strata__interrupt_signal() != SIGINT)
        return 1;
    /* Armed: the first one did not exit.  The second does, at once. */
    kill(getpid(), SIGTERM);
    nap_ms(5000);
    return 2;
}

static int sigterm_code(void)
{
    strata__interrupt_install();
    strata__interrupt_arm(NULL, NULL);
    kill(getpid(), SIGTERM);
    WITHIN_MS(2000, strata__interrupt_signal() != 0);
    strata__interrupt_disarm();
    return strata__exit_code(STRATA_ERR_INTERRUPTED) == 143 ? 0 : 1;
}

static void test_interrupt__second_signal_and_exit_codes(void **state)
{
    (void)state;
    assert_int_equal(in_child(second_signal), 143);
    assert_int_equal(in_child(sigterm_code), 0);
}

static int ignored_on_entry(void)
{
    signal(SIGINT, SIG_IGN);
    strata__interrupt_install();
    kill(getpid(), SIGINT);
    nap_ms(300);
    raise(SIGPIPE); /* ignored too */
    return strata__interrupt_signal() == 0 ? 7 : 1;
}

static void test_interrupt__ignored_signals_stay_ignored(void **state)
{
    (void)state;
    assert_int_equal(in_child(ignored_on_entry), 7);
}

/* The process's threads, from /proc/self/status; -1 when unknown. */
static int threads(void)
{
    char line[128];
    int n = -1;
    FILE *f = fopen("/proc/self/status", "r");

    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Threads: %d", &n) == 1)
            break;
    if (f)
        fclose(f);
    return n;
}

/* The fleet's parent: no watcher while it forks; a signal waits until
 * it polls, then counts as the first (armed); a second polled exits. */
static int stopped_then_polled(void)
{
    strata__interrupt_install();
    strata__interrupt_stop();
    if (threads() != 1)
        return 1;
    strata__interrupt_arm(NULL, NULL);
    kill(getpid(), SIGINT);
    nap_ms(300);
    if (strata__interrupt_signal() != 0)
        return 2; /* taken with no thread to take it */
    strata__interrupt_poll();
    if (strata__interrupt_signal() != SIGINT || threads() != 1)
        return 3; /* not taken, or a canceller with nothing to cancel */
    strata__interrupt_poll(); /* nothing pending: goes on */
    kill(getpid(), SIGTERM);
    strata__interrupt_poll();
    return 4; /* not reached: the second exits 143 */
}

/* One that came while stopped and unarmed is taken by the watcher
 * started again, which exits at once. */
static int stopped_then_started(void)
{
    strata__interrupt_install();
    strata__interrupt_stop();
    kill(getpid(), SIGINT);
    nap_ms(300);
    if (strata__interrupt_signal() != 0)
        return 1;
    strata__interrupt_start();
    nap_ms(5000);
    return 2;
}

static void test_interrupt__stopped_watcher_and_polling(void **state)
{
    (void)state;
    assert_int_equal(in_child(stopped_then_polled), 143);
    assert_int_equal(in_child(stopped_then_started), 130);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interrupt__exits_at_once_outside_a_run),
        cmocka_unit_test(test_interrupt__cancels_while_a_statement_runs),
        cmocka_unit_test(test_interrupt__second_signal_and_exit_codes),
        cmocka_unit_test(test_interrupt__ignored_signals_stay_ignored),
        cmocka_unit_test(test_interrupt__stopped_watcher_and_polling),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
