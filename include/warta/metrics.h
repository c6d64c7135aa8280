/*
 * warta/metrics.h - process-wide counters for GET /metrics (Prometheus text
 * exposition format 0.0.4).
 *
 * The registry is a fixed set of atomics in static storage: recording is a
 * few relaxed atomic adds, never a lock or an allocation, so it can be
 * called from every server and fetch thread. Labels come from closed sets
 * (known routes, status classes, error slugs, stage names) so a scanner
 * hitting random paths cannot grow the output.
 */
#ifndef WARTA_METRICS_H
#define WARTA_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "warta/err.h"

/* One finished HTTP exchange: path without query (any string; unknown
 * paths count as route="other"), the status sent (0 when the client went
 * away first), the error code behind a problem reply (WARTA_OK otherwise)
 * and the wall time from the first byte to completion. */
void warta_metrics_request(const char *path, int status, enum warta_err code,
                           int64_t usec);

/* Time spent in a pipeline stage (stage is its index in warta_stages[]);
 * runs is 1 for a run and 0 for time added afterwards (its commit). */
void warta_metrics_stage(size_t stage, int64_t usec, unsigned runs);

/* Fetches in flight: +1 when a transfer starts, -1 when it ends. */
void warta_metrics_fetch_add(int delta);

/* A renderer whose series are appended to every exposition (the
 * server's access control registers its rate-limit counters); NULL
 * removes it. Set it before serving: it is read without a lock. */
void warta_metrics_set_extra(void (*render)(FILE *f));

/* The whole exposition, malloc'd and NUL-terminated; caller frees. */
char *warta_metrics_render(size_t *len);

/* The media type of warta_metrics_render()'s output. */
#define WARTA_METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

#endif
