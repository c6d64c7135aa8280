/*
 * The metrics registry: static atomics, recorded with relaxed adds and read
 * only by the /metrics renderer. Relaxed order is enough because every
 * series is an independent monotonic counter (or a gauge); a scrape that
 * races with a request may see its count before its duration sum, which
 * Prometheus' rate() tolerates by design.
 */
#include "warta/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warta/pipeline.h"
#include "warta/thread.h"

/* The routes of the contract; anything else is "other" so the label set
 * stays closed whatever paths clients invent. */
static const char *const route_paths[] = {
    "/v1/normalize", "/v1/normalize/batch", "/healthz", "/readyz",
    "/metrics",      "/openapi.yaml",       "/",
};
#define N_ROUTES (sizeof(route_paths) / sizeof(route_paths[0]))
#define ROUTE_OTHER N_ROUTES

/* Status classes 1xx..5xx, plus "none" for a client that left before a
 * status was sent. */
static const char *const class_names[] = {"none", "1xx", "2xx",
                                          "3xx",  "4xx", "5xx"};
#define N_CLASSES (sizeof(class_names) / sizeof(class_names[0]))

/* Request duration buckets, in microseconds (rendered in seconds). */
static const int64_t bucket_usec[] = {
    500,    1000,   2500,    5000,    10000,   25000,   50000,
    100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000,
};
#define N_BUCKETS (sizeof(bucket_usec) / sizeof(bucket_usec[0]))

struct route_stats {
    atomic_ullong by_class[N_CLASSES];
    atomic_ullong bucket[N_BUCKETS + 1]; /* last: above every bound (+Inf) */
    atomic_ullong usec_sum;
};

/* The counters, once per shard. Each thread records into its own shard,
 * so the dozen adds of a request stay in a cache line no other core
 * writes: shared counters bounced between the worker threads' cores on
 * every add. More threads than shards share them, which the atomics allow;
 * the renderer sums the shards. */
#define N_SHARDS 16
struct shard {
    _Alignas(64) struct route_stats routes[N_ROUTES + 1];
    atomic_ullong problems[WARTA_ERR__LAST];
    atomic_ullong stage_runs[WARTA_MAX_STAGES];
    atomic_ullong stage_usec[WARTA_MAX_STAGES];
};

static struct shard shards[N_SHARDS];
static atomic_llong fetches_in_flight;

static struct shard *my_shard(void)
{
    return &shards[warta_thread_number() % N_SHARDS];
}

static size_t route_index(const char *path)
{
    if (!path)
        return ROUTE_OTHER;
    for (size_t i = 0; i < N_ROUTES; i++)
        if (strcmp(path, route_paths[i]) == 0)
            return i;
    return ROUTE_OTHER;
}

static unsigned long long clamp_usec(int64_t usec)
{
    return usec > 0 ? (unsigned long long)usec : 0;
}

void warta_metrics_request(const char *path, int status, enum warta_err code,
                           int64_t usec)
{
    struct shard *sh = my_shard();
    struct route_stats *r = &sh->routes[route_index(path)];
    size_t cls = status >= 100 && status <= 599 ? (size_t)(status / 100) : 0;
    atomic_fetch_add_explicit(&r->by_class[cls], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < N_BUCKETS && usec > bucket_usec[b])
        b++;
    atomic_fetch_add_explicit(&r->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&r->usec_sum, clamp_usec(usec),
                              memory_order_relaxed);
    if (code > WARTA_OK && code < WARTA_ERR__LAST)
        atomic_fetch_add_explicit(&sh->problems[code], 1, memory_order_relaxed);
}

void warta_metrics_stage(size_t stage, int64_t usec, unsigned runs)
{
    if (stage >= WARTA_MAX_STAGES)
        return;
    struct shard *sh = my_shard();
    if (runs)
        atomic_fetch_add_explicit(&sh->stage_runs[stage], runs,
                                  memory_order_relaxed);
    atomic_fetch_add_explicit(&sh->stage_usec[stage], clamp_usec(usec),
                              memory_order_relaxed);
}

void warta_metrics_fetch_add(int delta)
{
    atomic_fetch_add_explicit(&fetches_in_flight, delta, memory_order_relaxed);
}

/* A counter summed over the shards, named by where it is in the first. */
static unsigned long long sum(const atomic_ullong *in_first)
{
    size_t at = (size_t)((const char *)in_first - (const char *)&shards[0]);
    unsigned long long total = 0;
    for (size_t i = 0; i < N_SHARDS; i++)
        total += atomic_load_explicit(
            (const atomic_ullong *)((const char *)&shards[i] + at),
            memory_order_relaxed);
    return total;
}

/* Microseconds as a decimal number of seconds, without float rounding. */
static void put_seconds(FILE *f, unsigned long long usec)
{
    fprintf(f, "%llu.%06llu", usec / 1000000, usec % 1000000);
}

static const char *route_label(size_t i)
{
    return i < N_ROUTES ? route_paths[i] : "other";
}

static void render_requests(FILE *f)
{
    fputs("# HELP warta_http_requests_total HTTP requests completed, by route "
          "and status class.\n"
          "# TYPE warta_http_requests_total counter\n",
          f);
    for (size_t i = 0; i <= N_ROUTES; i++)
        for (size_t c = 0; c < N_CLASSES; c++) {
            unsigned long long n = sum(&shards[0].routes[i].by_class[c]);
            /* Unused series stay out, except 2xx on real routes so a
             * dashboard finds every route from the first scrape. */
            if (!n && !(c == 2 && i < N_ROUTES))
                continue;
            fprintf(f, "warta_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n",
                    route_label(i), class_names[c], n);
        }

    fputs("# HELP warta_http_request_duration_seconds Time from a request's "
          "first byte to its completion.\n"
          "# TYPE warta_http_request_duration_seconds histogram\n",
          f);
    for (size_t i = 0; i <= N_ROUTES; i++) {
        unsigned long long cum = 0;
        unsigned long long counts[N_BUCKETS + 1];
        for (size_t b = 0; b <= N_BUCKETS; b++) {
            counts[b] = sum(&shards[0].routes[i].bucket[b]);
            cum += counts[b];
        }
        if (!cum && i == ROUTE_OTHER)
            continue;
        cum = 0;
        for (size_t b = 0; b < N_BUCKETS; b++) {
            cum += counts[b];
            fprintf(f, "warta_http_request_duration_seconds_bucket{route=\"%s\","
                       "le=\"%g\"} %llu\n",
                    route_label(i), (double)bucket_usec[b] / 1e6, cum);
        }
        cum += counts[N_BUCKETS];
        fprintf(f, "warta_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                route_label(i), cum);
        fprintf(f, "warta_http_request_duration_seconds_sum{route=\"%s\"} ",
                route_label(i));
        put_seconds(f, sum(&shards[0].routes[i].usec_sum));
        fprintf(f, "\nwarta_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                route_label(i), cum);
    }
}

static void render_problems(FILE *f)
{
    fputs("# HELP warta_problems_total Problem responses, by RFC 9457 type.\n"
          "# TYPE warta_problems_total counter\n",
          f);
    for (int c = WARTA_OK + 1; c < WARTA_ERR__LAST; c++)
        fprintf(f, "warta_problems_total{type=\"%s\"} %llu\n",
                warta_err_slug((enum warta_err)c), sum(&shards[0].problems[c]));
}

static void render_stages(FILE *f)
{
    fputs("# HELP warta_stage_seconds_total Wall time spent in each pipeline "
          "stage.\n"
          "# TYPE warta_stage_seconds_total counter\n",
          f);
    for (size_t i = 0; i < WARTA_MAX_STAGES && warta_stages[i].name; i++) {
        fprintf(f, "warta_stage_seconds_total{stage=\"%s\"} ",
                warta_stages[i].name);
        put_seconds(f, sum(&shards[0].stage_usec[i]));
        fputc('\n', f);
    }
    fputs("# HELP warta_stage_runs_total Pipeline stage runs.\n"
          "# TYPE warta_stage_runs_total counter\n",
          f);
    for (size_t i = 0; i < WARTA_MAX_STAGES && warta_stages[i].name; i++)
        fprintf(f, "warta_stage_runs_total{stage=\"%s\"} %llu\n",
                warta_stages[i].name, sum(&shards[0].stage_runs[i]));
}

static void (*extra_render)(FILE *f);

void warta_metrics_set_extra(void (*render)(FILE *f))
{
    extra_render = render;
}

char *warta_metrics_render(size_t *len)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    if (!f)
        abort(); /* only fails for lack of memory */
    render_requests(f);
    render_problems(f);
    render_stages(f);
    fprintf(f,
            "# HELP warta_fetches_in_flight URL fetches currently running.\n"
            "# TYPE warta_fetches_in_flight gauge\n"
            "warta_fetches_in_flight %lld\n",
            (long long)atomic_load_explicit(&fetches_in_flight,
                                            memory_order_relaxed));
    if (extra_render)
        extra_render(f);
    if (fclose(f) != 0 || !out)
        abort();
    *len = n;
    return out;
}
