/* watch.h - what a long statement is doing while it runs: a thread asks
 * the driver's progress() and shows it as a live bar on a terminal, a
 * plain line every progress_interval otherwise, or JSON events with
 * --json (docs/design.md §9.14). */
#ifndef STRATA_CORE_WATCH_H
#define STRATA_CORE_WATCH_H

#include "db/session.h"

typedef struct strata_watch strata_watch;

/* Start watching statements run on s (borrowed until stop): *out = NULL,
 * and nothing is shown, when the driver has no progress(), the ini's
 * progress_interval is 0, text output is quiet (-q, without --json), or
 * the thread cannot start.
 * json: events as JSON lines on stderr. */
void strata__watch_start(strata_watch **out, strata_session *s, int json);
/* A statement of a migration begins (revision and file borrowed until
 * end); w may be NULL. */
void strata__watch_begin(strata_watch *w, const char *revision,
                         const char *file, unsigned line);
/* It ended: its bar is erased. */
void strata__watch_end(strata_watch *w);
/* No more calls on the connection: returns once the thread is gone, so
 * the connection may be closed after; w may be NULL. */
void strata__watch_stop(strata_watch *w);

#endif
