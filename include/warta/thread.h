/*
 * warta/thread.h - a small number per thread, for spreading per-thread
 * state over a fixed set of slots (metrics shards, classifier handles)
 * so that the worker threads do not share one cache line or one lock.
 */
#ifndef WARTA_THREAD_H
#define WARTA_THREAD_H

/* This thread's number: 0, 1, 2... in the order threads first ask, the
 * same for the thread's whole life. Take it modulo the slot count. */
unsigned warta_thread_number(void);

#endif
