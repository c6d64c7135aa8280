/*
 * Access control end to end, with the real binary: API keys (both headers,
 * the open routes, SIGHUP reload, the log naming the key and never the
 * key), rate limits per key and per client, trusted proxies deciding the
 * client address of the access log, CORS preflights, start-up errors, and
 * `warta healthcheck`.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "e2e.h"

#define ALPHA_SHA "677509799af78b2efa2f2af71d0f906e0a0c50c048efd3b515625f788e92b99a"
#define BRAVO_SHA "6a0eaa1e1b4cb2c91d350a8ff98ee233712fcb948a734bcfc329f539823003e3"
#define CHARLIE_SHA "80b326613275d28f9eb7cb5547b7f51d3a4d32184d2370e2346d11db82724d9c"

static const char article[] =
    "Jakarta - Pemerintah kota meresmikan jalur sepeda baru sepanjang dua "
    "belas kilometer yang menghubungkan kawasan perumahan dengan pusat "
    "perkantoran pada Senin pagi.\n\n"
    "Kepala dinas perhubungan mengatakan jalur itu dibangun agar warga "
    "memiliki pilihan perjalanan yang lebih sehat dan murah, sekaligus "
    "mengurangi kemacetan pada jam sibuk.\n";

static char keys_path[64];

static void write_keys(const char *text)
{
    char tmp[80];
    snprintf(tmp, sizeof(tmp), "%s.new", keys_path);
    FILE *f = fopen(tmp, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(rename(tmp, keys_path), 0); /* as an editor would */
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The log once it holds `needle` (access lines are flushed within 1 s
 * here: --log-flush 0 makes it at once). */
static char *log_with(const struct e2e_server *s, const char *needle)
{
    char *log = NULL;
    for (int i = 0; i < 300; i++) {
        free(log);
        log = e2e_read_file(s->log_path, NULL);
        if (log && strstr(log, needle))
            return log;
        sleep_ms(10);
    }
    fail_msg("no '%s' in the server log %s", needle, s->log_path);
    return log;
}

/* The access line of request id `rid`, parsed. */
static json_t *access_line(const struct e2e_server *s, const char *rid)
{
    char needle[128];
    snprintf(needle, sizeof(needle), "\"request_id\":\"%s\"", rid);
    char *log = log_with(s, needle);
    char *at = strstr(log, needle);
    while (at > log && at[-1] != '\n')
        at--;
    char *eol = strchr(at, '\n');
    if (eol)
        *eol = '\0';
    json_error_t jerr;
    json_t *j = json_loads(at, 0, &jerr);
    if (!j)
        fail_msg("access line is not JSON: %s", at);
    free(log);
    return j;
}

static void request(const struct e2e_server *s, const char *method,
                    const char *path, const char *const *headers,
                    const char *body, struct e2e_response *r)
{
    if (e2e_request(s, method, path, headers, body, body ? strlen(body) : 0, r))
        fail_msg("%s %s: no HTTP exchange", method, path);
}

static void assert_problem(const struct e2e_response *r, long status,
                           const char *slug)
{
    if (r->status != status)
        fail_msg("status %ld, wanted %ld: %.300s", r->status, status, r->body);
    assert_int_equal(strncmp(r->content_type, "application/problem+json", 24), 0);
    json_t *p = json_loads(r->body, 0, NULL);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "type")), slug);
    json_decref(p);
}

/* ---- API keys and rate limits ---- */

static int keys_setup(void **state)
{
    snprintf(keys_path, sizeof(keys_path), "/tmp/warta-e2e-keys-XXXXXX");
    int fd = mkstemp(keys_path);
    if (fd < 0)
        return -1;
    close(fd);
    write_keys("# desk keys: NAME:SHA256HEX\nalice:" ALPHA_SHA "\nbob:" BRAVO_SHA "\n");
    static struct e2e_server s;
    const char *const args[] = {"--api-keys-file", keys_path, "--rate-limit", "1",
                                "--rate-burst", "3", "--log-flush", "0", NULL};
    if (e2e_server_start(&s, args, NULL) != 0)
        return -1;
    *state = &s;
    return 0;
}

static int keys_teardown(void **state)
{
    e2e_server_kill(*state);
    unlink(keys_path);
    return 0;
}

static void test_key_required_and_accepted(void **state)
{
    struct e2e_server *s = *state;
    struct e2e_response r;
    char v[256];
    static const char *const none[] = {"Content-Type: text/plain",
                                       "X-Request-Id: no-key", NULL};
    request(s, "POST", "/v1/normalize", none, article, &r);
    assert_problem(&r, 401, "unauthorized");
    assert_true(e2e_header(&r, "WWW-Authenticate", v, sizeof(v)));
    assert_int_equal(strncmp(v, "Bearer", 6), 0);
    e2e_response_free(&r);

    static const char *const wrong[] = {"Content-Type: text/plain",
                                        "Authorization: Bearer alpha-kez", NULL};
    request(s, "POST", "/v1/normalize", wrong, article, &r);
    assert_problem(&r, 401, "unauthorized");
    e2e_response_free(&r);

    static const char *const bearer[] = {"Content-Type: text/plain",
                                         "Authorization: Bearer alpha-key",
                                         "X-Request-Id: alice-1", NULL};
    request(s, "POST", "/v1/normalize", bearer, article, &r);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
    static const char *const xkey[] = {"X-API-Key: bravo-key",
                                       "X-Request-Id: bob-1", NULL};
    request(s, "GET", "/v1/normalize?url=http%3A%2F%2F127.0.0.1%3A1%2F", xkey,
            NULL, &r);
    assert_problem(&r, 403, "fetch-blocked"); /* past the key check */
    e2e_response_free(&r);

    /* The log names the key, never the key itself. */
    json_t *line = access_line(s, "alice-1");
    assert_string_equal(json_string_value(json_object_get(line, "key")), "alice");
    json_decref(line);
    line = access_line(s, "no-key");
    assert_null(json_object_get(line, "key"));
    assert_int_equal(json_integer_value(json_object_get(line, "status")), 401);
    json_decref(line);
    char *log = log_with(s, "bob-1");
    assert_null(strstr(log, "alpha-key"));
    assert_null(strstr(log, "bravo-key"));
    free(log);
}

static void test_operational_routes_stay_open(void **state)
{
    struct e2e_server *s = *state;
    static const char *const open[] = {"/healthz", "/readyz", "/metrics",
                                       "/openapi.yaml"};
    for (size_t i = 0; i < 4; i++) {
        struct e2e_response r;
        /* More than the burst: operational routes are not rate limited. */
        for (int k = 0; k < 5; k++) {
            request(s, "GET", open[i], NULL, NULL, &r);
            if (r.status != 200)
                fail_msg("%s answered %ld without a key", open[i], r.status);
            e2e_response_free(&r);
        }
    }
    /* An unknown path does not tell a stranger it does not exist. */
    struct e2e_response r;
    request(s, "GET", "/v1/secret", NULL, NULL, &r);
    assert_problem(&r, 401, "unauthorized");
    e2e_response_free(&r);
}

static void test_rate_limit_per_key(void **state)
{
    struct e2e_server *s = *state;
    /* An empty body is refused after the checks, cheaply: 400 counts. */
    static const char *const alice[] = {"Content-Type: text/plain",
                                        "Authorization: Bearer alpha-key", NULL};
    static const char *const bob[] = {"Content-Type: text/plain",
                                      "X-API-Key: bravo-key", NULL};
    struct e2e_response r;
    int limited = 0;
    char retry[32] = "";
    for (int i = 0; i < 8 && !limited; i++) {
        request(s, "POST", "/v1/normalize", alice, "", &r);
        if (r.status == 429) {
            assert_problem(&r, 429, "rate-limited");
            assert_true(e2e_header(&r, "Retry-After", retry, sizeof(retry)));
            limited = 1;
        } else {
            assert_int_equal(r.status, 400);
        }
        e2e_response_free(&r);
    }
    assert_true(limited);
    assert_true(strtol(retry, NULL, 10) >= 1);
    /* Bob's bucket is his own. */
    request(s, "POST", "/v1/normalize", bob, "", &r);
    assert_int_equal(r.status, 400);
    e2e_response_free(&r);

    request(s, "GET", "/metrics", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    const char *line = strstr(r.body, "warta_rate_limited_total{key=\"alice\"} ");
    assert_non_null(line);
    assert_true(strtol(line + strlen("warta_rate_limited_total{key=\"alice\"} "), NULL, 10) >= 1);
    assert_non_null(strstr(r.body, "warta_rate_limited_total{key=\"bob\"} 0\n"));
    assert_non_null(strstr(r.body, "warta_problems_total{type=\"rate-limited\"} "));
    assert_non_null(strstr(r.body, "warta_problems_total{type=\"unauthorized\"} "));
    e2e_response_free(&r);
}

static void test_sighup_reloads_keys(void **state)
{
    struct e2e_server *s = *state;
    static const char *const charlie[] = {"Content-Type: text/plain",
                                          "Authorization: Bearer charlie-key", NULL};
    static const char *const bob[] = {"Content-Type: text/plain",
                                      "X-API-Key: bravo-key", NULL};
    struct e2e_response r;
    request(s, "POST", "/v1/normalize", charlie, "", &r);
    assert_problem(&r, 401, "unauthorized");
    e2e_response_free(&r);

    write_keys("charlie:" CHARLIE_SHA "\n");
    kill(s->pid, SIGHUP);
    free(log_with(s, "\"msg\":\"1 API keys\""));
    request(s, "POST", "/v1/normalize", charlie, "", &r);
    assert_int_equal(r.status, 400); /* in, then refused for the empty body */
    e2e_response_free(&r);
    request(s, "POST", "/v1/normalize", bob, "", &r);
    assert_problem(&r, 401, "unauthorized"); /* bob was removed */
    e2e_response_free(&r);

    /* A broken file keeps the keys in force. */
    write_keys("charlie:oops\n");
    kill(s->pid, SIGHUP);
    free(log_with(s, "the keys loaded before stay in force"));
    request(s, "POST", "/v1/normalize", charlie, "", &r);
    assert_int_equal(r.status, 400);
    e2e_response_free(&r);
    assert_int_equal(e2e_server_stop(s), 0);
}

/* ---- trusted proxies, per-client limits ---- */

static void test_client_address_from_trusted_proxy(void **state)
{
    (void)state;
    struct e2e_server s;
    const char *const args[] = {"--trusted-proxy", "127.0.0.0/8", "--trusted-proxy",
                                "10.0.0.0/8", "--rate-limit", "1", "--log-flush",
                                "0", NULL};
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    static const char *const via[] = {
        "X-Forwarded-For: 198.51.100.1, 203.0.113.9", "X-Forwarded-For: 10.1.2.3",
        "X-Request-Id: via-proxy", NULL};
    struct e2e_response r;
    request(&s, "GET", "/healthz", via, NULL, &r);
    e2e_response_free(&r);
    json_t *line = access_line(&s, "via-proxy");
    assert_string_equal(json_string_value(json_object_get(line, "client")),
                        "203.0.113.9");
    json_decref(line);

    /* Without keys the limit is per client address: 203.0.113.20 runs
     * out, 203.0.113.21 behind the same proxy does not. */
    static const char *const c20[] = {"Content-Type: text/plain",
                                      "X-Forwarded-For: 203.0.113.20", NULL};
    static const char *const c21[] = {"Content-Type: text/plain",
                                      "X-Forwarded-For: 203.0.113.21", NULL};
    int limited = 0;
    for (int i = 0; i < 6 && !limited; i++) {
        request(&s, "POST", "/v1/normalize", c20, "", &r);
        limited = r.status == 429;
        e2e_response_free(&r);
    }
    assert_true(limited);
    request(&s, "POST", "/v1/normalize", c21, "", &r);
    assert_int_equal(r.status, 400);
    e2e_response_free(&r);
    request(&s, "GET", "/metrics", NULL, NULL, &r);
    assert_non_null(strstr(r.body, "warta_rate_limited_total{key=\"anonymous\"} "));
    e2e_response_free(&r);
    assert_int_equal(e2e_server_stop(&s), 0);
}

static void test_untrusted_peer_is_the_client(void **state)
{
    (void)state;
    struct e2e_server s;
    const char *const args[] = {"--log-flush", "0", NULL};
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    static const char *const forged[] = {"X-Forwarded-For: 203.0.113.9",
                                         "X-Request-Id: forged", NULL};
    struct e2e_response r;
    request(&s, "GET", "/healthz", forged, NULL, &r);
    e2e_response_free(&r);
    json_t *line = access_line(&s, "forged");
    assert_string_equal(json_string_value(json_object_get(line, "client")),
                        "127.0.0.1");
    json_decref(line);
    /* No options: everything stays open, as before. */
    static const char *const text[] = {"Content-Type: text/plain", NULL};
    request(&s, "POST", "/v1/normalize", text, article, &r);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
    assert_int_equal(e2e_server_stop(&s), 0);
}

/* ---- CORS ---- */

static void test_cors_preflight_and_response(void **state)
{
    (void)state;
    struct e2e_server s;
    const char *const args[] = {"--cors-origin", "https://desk.example.com", NULL};
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    static const char *const pre[] = {"Origin: https://desk.example.com",
                                      "Access-Control-Request-Method: POST",
                                      "Access-Control-Request-Headers: content-type, authorization",
                                      NULL};
    struct e2e_response r;
    char v[256];
    request(&s, "OPTIONS", "/v1/normalize", pre, NULL, &r);
    assert_int_equal(r.status, 204);
    assert_true(e2e_header(&r, "Access-Control-Allow-Origin", v, sizeof(v)));
    assert_string_equal(v, "https://desk.example.com");
    assert_true(e2e_header(&r, "Access-Control-Allow-Methods", v, sizeof(v)));
    assert_non_null(strstr(v, "POST"));
    assert_true(e2e_header(&r, "Access-Control-Allow-Headers", v, sizeof(v)));
    assert_non_null(strstr(v, "Authorization"));
    assert_non_null(strstr(v, "X-API-Key"));
    assert_non_null(strstr(v, "X-Request-Id"));
    assert_non_null(strstr(v, "Content-Type"));
    assert_true(e2e_header(&r, "Access-Control-Max-Age", v, sizeof(v)));
    assert_true(strtol(v, NULL, 10) > 0);
    e2e_response_free(&r);

    static const char *const other[] = {"Origin: https://evil.example",
                                        "Access-Control-Request-Method: POST", NULL};
    request(&s, "OPTIONS", "/v1/normalize", other, NULL, &r);
    assert_false(e2e_header(&r, "Access-Control-Allow-Origin", v, sizeof(v)));
    assert_false(e2e_header(&r, "Access-Control-Allow-Methods", v, sizeof(v)));
    e2e_response_free(&r);

    static const char *const real[] = {"Origin: https://desk.example.com",
                                       "Content-Type: text/plain", NULL};
    request(&s, "POST", "/v1/normalize", real, article, &r);
    assert_int_equal(r.status, 200);
    assert_true(e2e_header(&r, "Access-Control-Allow-Origin", v, sizeof(v)));
    assert_string_equal(v, "https://desk.example.com");
    assert_true(e2e_header(&r, "Vary", v, sizeof(v)));
    e2e_response_free(&r);
    static const char *const real_other[] = {"Origin: https://evil.example",
                                             "Content-Type: text/plain", NULL};
    request(&s, "POST", "/v1/normalize", real_other, article, &r);
    assert_int_equal(r.status, 200);
    assert_false(e2e_header(&r, "Access-Control-Allow-Origin", v, sizeof(v)));
    e2e_response_free(&r);
    assert_int_equal(e2e_server_stop(&s), 0);
}

/* ---- start-up errors and the healthcheck command ---- */

static int run(const char *const *argv)
{
    const char *bin = e2e_bin();
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", 1);
        dup2(null, 1);
        dup2(null, 2);
        const char *args[32] = {bin};
        for (int i = 0; argv[i] && i < 30; i++)
            args[i + 1] = argv[i];
        execv(bin, (char *const *)args);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_bad_options_exit_2(void **state)
{
    (void)state;
    static const char *const bad_cidr[] = {"serve", "--port", "0", "--trusted-proxy",
                                           "10.0.0.0/40", NULL};
    assert_int_equal(run(bad_cidr), 2);
    static const char *const no_file[] = {"serve", "--port", "0", "--api-keys-file",
                                          "/nonexistent/keys", NULL};
    assert_int_equal(run(no_file), 2);
    static const char *const bad_origin[] = {"serve", "--port", "0", "--cors-origin",
                                             "*", NULL};
    assert_int_equal(run(bad_origin), 2);
}

static void test_healthcheck_command(void **state)
{
    (void)state;
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, NULL, NULL), 0);
    char port[16];
    snprintf(port, sizeof(port), "%u", s.port);
    const char *const up[] = {"healthcheck", "--port", port, NULL};
    assert_int_equal(run(up), 0);
    assert_int_equal(e2e_server_stop(&s), 0);
    assert_int_equal(run(up), 1); /* nobody listens there now */
}

int main(void)
{
    const struct CMUnitTest keyed[] = {
        cmocka_unit_test(test_key_required_and_accepted),
        cmocka_unit_test(test_operational_routes_stay_open),
        cmocka_unit_test(test_rate_limit_per_key),
        cmocka_unit_test(test_sighup_reloads_keys),
    };
    const struct CMUnitTest lone[] = {
        cmocka_unit_test(test_client_address_from_trusted_proxy),
        cmocka_unit_test(test_untrusted_peer_is_the_client),
        cmocka_unit_test(test_cors_preflight_and_response),
        cmocka_unit_test(test_bad_options_exit_2),
        cmocka_unit_test(test_healthcheck_command),
    };
    int failed = 0;
    failed += cmocka_run_group_tests_name("api-keys", keyed, keys_setup, keys_teardown);
    failed += cmocka_run_group_tests_name("access", lone, NULL, NULL);
    return failed ? 1 : 0;
}
