/* poll.h - the wait between two tries of a polled migration lock
 * (flock, pg_try_advisory_lock, GET_LOCK(…, 0)). */
#ifndef STRATA_DRV_POLL_H
#define STRATA_DRV_POLL_H

#include <stdint.h>
#include <time.h>

#include "hidden.h"

/* Sleep up to poll_ms, never past wait_ms after *t0 (CLOCK_MONOTONIC).
 * Returns 0, without sleeping, once wait_ms has passed: give up. */
int drv_poll_sleep(const struct timespec *t0, uint32_t wait_ms,
                   long poll_ms) DRV_HIDDEN;

#endif
