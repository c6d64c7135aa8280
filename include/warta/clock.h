/*
 * warta/clock.h - the one monotonic clock: stage timings, request
 * durations and timeouts all read it, so their figures add up.
 */
#ifndef WARTA_CLOCK_H
#define WARTA_CLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC in microseconds: the clock of `timings`. */
int64_t warta_now_usec(void);

#endif
