/* clock.h - milliseconds on the monotonic clock: durations in reports
 * and history, and how long --wait has tried. */
#ifndef STRATA_CORE_CLOCK_H
#define STRATA_CORE_CLOCK_H

/* Milliseconds since an arbitrary start; only differences mean anything. */
long long strata__mono_ms(void);

#endif
