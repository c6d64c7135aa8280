/*
 * The metrics registry and the /metrics and /openapi.yaml handlers, driven
 * without a socket.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "warta/metrics.h"

static void assert_has(const char *text, const char *line)
{
    if (!strstr(text, line))
        fail_msg("missing line: %s", line);
}

static void test_requests_by_route_and_class(void **state)
{
    (void)state;
    warta_metrics_request("/v1/normalize", 200, WARTA_OK, 3000);
    warta_metrics_request("/v1/normalize", 200, WARTA_OK, 2000000);
    warta_metrics_request("/v1/normalize", 422, WARTA_ERR_NO_CONTENT, 100);
    /* Arbitrary paths fold into one label. */
    warta_metrics_request("/wp-admin/x.php", 404, WARTA_ERR_NOT_FOUND, 10);
    warta_metrics_request("/etc/passwd", 404, WARTA_ERR_NOT_FOUND, 10);
    warta_metrics_request("/healthz", 0, WARTA_OK, 10); /* client left */

    size_t len;
    char *m = warta_metrics_render(&len);
    assert_int_equal(strlen(m), len);
    assert_has(m, "# TYPE warta_http_requests_total counter\n");
    assert_has(m, "warta_http_requests_total{route=\"/v1/normalize\",code=\"2xx\"} 2\n");
    assert_has(m, "warta_http_requests_total{route=\"/v1/normalize\",code=\"4xx\"} 1\n");
    assert_has(m, "warta_http_requests_total{route=\"other\",code=\"4xx\"} 2\n");
    assert_has(m, "warta_http_requests_total{route=\"/healthz\",code=\"none\"} 1\n");
    assert_null(strstr(m, "wp-admin"));

    /* Cumulative buckets: 100 us and 3 ms below 5 ms, 2 s below 2.5 s. */
    assert_has(m, "warta_http_request_duration_seconds_bucket{route=\"/v1/normalize\",le=\"0.0005\"} 1\n");
    assert_has(m, "warta_http_request_duration_seconds_bucket{route=\"/v1/normalize\",le=\"0.005\"} 2\n");
    assert_has(m, "warta_http_request_duration_seconds_bucket{route=\"/v1/normalize\",le=\"1\"} 2\n");
    assert_has(m, "warta_http_request_duration_seconds_bucket{route=\"/v1/normalize\",le=\"2.5\"} 3\n");
    assert_has(m, "warta_http_request_duration_seconds_bucket{route=\"/v1/normalize\",le=\"+Inf\"} 3\n");
    assert_has(m, "warta_http_request_duration_seconds_sum{route=\"/v1/normalize\"} 2.003100\n");
    assert_has(m, "warta_http_request_duration_seconds_count{route=\"/v1/normalize\"} 3\n");
    assert_has(m, "warta_problems_total{type=\"no-article-content\"} 1\n");
    assert_has(m, "warta_problems_total{type=\"not-found\"} 2\n");
    assert_int_equal(m[len - 1], '\n');
    free(m);
}

static void test_stages_and_fetches(void **state)
{
    (void)state;
    warta_metrics_stage(1, 1500, 1);
    warta_metrics_stage(1, 500, 0); /* commit time: no extra run */
    warta_metrics_stage(99, 1, 1);  /* out of range: ignored */
    warta_metrics_fetch_add(1);
    warta_metrics_fetch_add(1);
    warta_metrics_fetch_add(-1);
    size_t len;
    char *m = warta_metrics_render(&len);
    assert_has(m, "warta_stage_seconds_total{stage=\"clean\"} 0.002000\n");
    assert_has(m, "warta_stage_runs_total{stage=\"clean\"} 1\n");
    assert_has(m, "warta_stage_runs_total{stage=\"render\"} 0\n");
    assert_has(m, "warta_fetches_in_flight 1\n");
    free(m);
}

/* Counters recorded from more threads than there are shards add up
 * exactly: every thread's adds land in some shard and the render sums
 * them all. */
#define RECORDERS 40
#define ADDS 2000

static void *record(void *arg)
{
    (void)arg;
    for (int i = 0; i < ADDS; i++) {
        warta_metrics_request("/readyz", 200, WARTA_OK, 7);
        warta_metrics_stage(4, 3, 1);
    }
    return NULL;
}

static void test_threads_add_up(void **state)
{
    (void)state;
    pthread_t t[RECORDERS];
    for (int i = 0; i < RECORDERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, record, NULL), 0);
    for (int i = 0; i < RECORDERS; i++)
        pthread_join(t[i], NULL);
    size_t len;
    char *m = warta_metrics_render(&len);
    char want[160];
    snprintf(want, sizeof(want),
             "warta_http_requests_total{route=\"/readyz\",code=\"2xx\"} %d\n",
             RECORDERS * ADDS);
    assert_has(m, want);
    snprintf(want, sizeof(want),
             "warta_http_request_duration_seconds_sum{route=\"/readyz\"} 0.%06d\n",
             RECORDERS * ADDS * 7);
    assert_has(m, want);
    snprintf(want, sizeof(want), "warta_stage_runs_total{stage=\"render\"} %d\n",
             RECORDERS * ADDS);
    assert_has(m, want);
    free(m);
}

static void test_handlers(void **state)
{
    (void)state;
    struct warta_req req;
    memset(&req, 0, sizeof(req));
    warta_arena_init(&req.arena);
    assert_int_equal(warta_handle_metrics(&req), WARTA_OK);
    assert_int_equal(req.status, 200);
    assert_string_equal(req.resp_type, WARTA_METRICS_CONTENT_TYPE);
    assert_non_null(strstr(req.resp_body, "warta_http_requests_total"));
    free(req.resp_body);

    memset(&req, 0, sizeof(req));
    assert_int_equal(warta_handle_openapi(&req), WARTA_OK);
    assert_int_equal(req.status, 200);
    assert_string_equal(req.resp_type, "application/yaml");
    assert_int_equal(strlen(req.resp_body), req.resp_len);
    free(req.resp_body);
    warta_arena_free(&req.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requests_by_route_and_class),
        cmocka_unit_test(test_stages_and_fetches),
        cmocka_unit_test(test_threads_add_up),
        cmocka_unit_test(test_handlers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
