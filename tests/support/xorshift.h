/*
 * xorshift64*: the tests' and benchmarks' deterministic random numbers,
 * the same sequence on every run for a given seed. Not for anything that
 * must be unpredictable.
 */
#ifndef WARTA_TEST_XORSHIFT_H
#define WARTA_TEST_XORSHIFT_H

#include <stdint.h>

/* The next number after *state (which must not be 0); advances *state. */
static inline uint64_t xorshift64s(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

#endif
