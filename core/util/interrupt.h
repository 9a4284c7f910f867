/* interrupt.h - SIGINT and SIGTERM turned into a flag the runner polls and
 * a cancel request to the server; SIGPIPE ignored (docs/architecture.md
 * §7, docs/design.md §7.8). */
#ifndef STRATA_CORE_INTERRUPT_H
#define STRATA_CORE_INTERRUPT_H

/* Called by main before anything else: blocks SIGINT and SIGTERM in
 * every thread, ignores SIGPIPE, and starts the thread that takes the
 * two signals with sigwait.  Until something is armed, a signal exits
 * at once with 128 + its number; so does a second one. */
void strata__interrupt_install(void);
/* Stops that thread and waits for it, for a process about to fork (the
 * fleet's parent): a child inherits no lock another thread held.  A
 * signal then waits, blocked, until strata__interrupt_poll or a
 * strata__interrupt_start takes it.  A canceller a signal started is
 * not stopped: a process that forks arms no cancel function. */
void strata__interrupt_stop(void);
void strata__interrupt_start(void);
/* Takes the signals pending now, as the thread would, without waiting. */
void strata__interrupt_poll(void);

/* While armed, the first signal does not exit: it sets the flag and,
 * whenever the arming thread says a statement runs (cancellable), has
 * cancel(arg) called from a thread of its own, again every second (a
 * request that reached the engine just before the statement began is
 * lost there).  cancel must be safe to call while the arming thread is
 * inside any call on the same connection; cancel may be NULL (the runner
 * then stops at the next statement). */
void strata__interrupt_arm(int (*cancel)(void *arg), void *arg);
/* on = 1 before a statement of a migration, 0 after it: strata's own
 * bookkeeping (history rows, COMMIT) is never cancelled.  Turning it off
 * returns once a running cancel call has returned. */
void strata__interrupt_cancellable(int on);
/* No more cancel calls: returns once a running one has returned, so the
 * connection may be closed after.  A signal from now on exits at once.
 * Harmless when not armed. */
void strata__interrupt_disarm(void);

/* The first signal received (SIGINT, SIGTERM), 0 when none. */
int strata__interrupt_signal(void);
/* "SIGINT", "SIGTERM", "signal N". */
const char *strata__interrupt_name(int signo);

#endif
