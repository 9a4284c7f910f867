/* poll.c - the wait between two tries of a polled migration lock. */
#include <errno.h>

#include "poll.h"

int drv_poll_sleep(const struct timespec *t0, uint32_t wait_ms, long poll_ms)
{
    struct timespec t, ts;
    long left;

    clock_gettime(CLOCK_MONOTONIC, &t);
    /* In nanoseconds first: truncating a negative nanosecond difference
     * would add up to a millisecond that has not passed. */
    left = (long)wait_ms -
           (long)(((long long)(t.tv_sec - t0->tv_sec) * 1000000000LL +
                   (t.tv_nsec - t0->tv_nsec)) / 1000000);
    if (left <= 0)
        return 0;
    if (left > poll_ms)
        left = poll_ms;
    ts.tv_sec = left / 1000;
    ts.tv_nsec = (left % 1000) * 1000000;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
    return 1;
}
