/*
 * The HTTP contract end to end: the real binary, real sockets. Each group
 * shares one server (started in the group setup); its last test stops the
 * server and requires exit status 0 with no sanitizer report.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "e2e.h"

/* A plain news text long enough to be an article for any sane cleaner. */
static const char article[] =
    "Jakarta - Pemerintah kota meresmikan jalur sepeda baru sepanjang dua "
    "belas kilometer yang menghubungkan kawasan perumahan dengan pusat "
    "perkantoran pada Senin pagi.\n\n"
    "Kepala dinas perhubungan mengatakan jalur itu dibangun agar warga "
    "memiliki pilihan perjalanan yang lebih sehat dan murah, sekaligus "
    "mengurangi kemacetan pada jam sibuk.\n\n"
    "Menurut dia, pembangunan tahap berikutnya akan dimulai tahun depan "
    "setelah evaluasi penggunaan jalur selama enam bulan pertama.\n";

static const char *const json_ct[] = {"Content-Type: application/json", NULL};
static const char *const text_ct[] = {"Content-Type: text/plain", NULL};

/* ---- helpers ---- */

static json_t *parse_json(const struct e2e_response *r)
{
    json_error_t jerr;
    json_t *root = json_loadb(r->body, r->len, 0, &jerr);
    if (!root)
        fail_msg("response is not JSON (%s): %.300s", jerr.text, r->body);
    return root;
}

static bool is_hex32(const char *s)
{
    if (strlen(s) != 32)
        return false;
    for (; *s; s++)
        if (!isxdigit((unsigned char)*s) || isupper((unsigned char)*s))
            return false;
    return true;
}

/* Every error: application/problem+json with type/title/status/detail,
 * and the request id of the header repeated in the body. */
static void assert_problem(const struct e2e_response *r, long status,
                           const char *slug)
{
    if (r->status != status)
        fail_msg("status %ld, wanted %ld; body: %.300s", r->status, status,
                 r->body);
    if (strncmp(r->content_type, "application/problem+json", 24) != 0)
        fail_msg("Content-Type '%s' is not application/problem+json",
                 r->content_type);
    json_t *p = parse_json(r);
    assert_true(json_is_object(p));
    json_t *type = json_object_get(p, "type");
    assert_true(json_is_string(type));
    if (strcmp(json_string_value(type), slug) != 0)
        fail_msg("problem type '%s', wanted '%s'", json_string_value(type),
                 slug);
    assert_true(json_is_string(json_object_get(p, "title")));
    assert_true(json_string_length(json_object_get(p, "title")) > 0);
    assert_true(json_is_integer(json_object_get(p, "status")));
    assert_int_equal(json_integer_value(json_object_get(p, "status")), status);
    assert_true(json_is_string(json_object_get(p, "detail")));
    assert_true(json_string_length(json_object_get(p, "detail")) > 0);
    assert_true(r->request_id[0] != '\0');
    json_t *rid = json_object_get(p, "request_id");
    if (rid) {
        assert_true(json_is_string(rid));
        assert_string_equal(json_string_value(rid), r->request_id);
    }
    json_decref(p);
}

static void request(struct e2e_server *s, const char *method, const char *path,
                    const char *const *headers, const char *body, size_t len,
                    struct e2e_response *r)
{
    if (e2e_request(s, method, path, headers, body, len, r) != 0)
        fail_msg("%s %s: no HTTP exchange (server log %s)", method, path,
                 s->log_path);
}

static void post_expect_problem(struct e2e_server *s, const char *path,
                                const char *const *headers, const char *body,
                                size_t len, long status, const char *slug)
{
    struct e2e_response r;
    request(s, "POST", path, headers, body, len, &r);
    assert_problem(&r, status, slug);
    e2e_response_free(&r);
}

/* The native article answer: 200, application/json, an object with the
 * contract's keys, a generated request id. */
static json_t *assert_article(const struct e2e_response *r)
{
    if (r->status != 200)
        fail_msg("status %ld, wanted 200; body: %.300s", r->status, r->body);
    if (strncmp(r->content_type, "application/json", 16) != 0)
        fail_msg("Content-Type '%s' is not application/json", r->content_type);
    json_t *a = parse_json(r);
    assert_true(json_is_object(a));
    static const char *const keys[] = {
        "id", "source", "title", "paragraphs", "text", "warnings", "stats"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (!json_object_get(a, keys[i]))
            fail_msg("article lacks key '%s'", keys[i]);
    return a;
}

static bool has_warning(json_t *article_json, const char *code)
{
    json_t *w = json_object_get(article_json, "warnings");
    size_t i;
    json_t *v;
    json_array_foreach (w, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), code) == 0)
            return true;
        /* Warnings may grow into objects; accept {"code": ...} too. */
        if (json_is_object(v) && json_is_string(json_object_get(v, "code")) &&
            strcmp(json_string_value(json_object_get(v, "code")), code) == 0)
            return true;
    }
    return false;
}

static int connect_loopback(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    return fd;
}

static void send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return; /* the server may close early; the reply decides */
        p += k;
        n -= (size_t)k;
    }
}

/* Reads what the server sends until it closes or goes quiet for
 * wait_ms; returns the NUL-terminated bytes read. */
static size_t read_reply(int fd, char *out, size_t cap, int wait_ms)
{
    size_t n = 0;
    while (n + 1 < cap) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, wait_ms) <= 0)
            break;
        ssize_t k = recv(fd, out + n, cap - n - 1, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        n += (size_t)k;
        /* Headers and a complete small body are enough. */
        char *hdr_end = strstr(out, "\r\n\r\n");
        out[n] = '\0';
        if (hdr_end && strchr(hdr_end + 4, '}'))
            break;
    }
    out[n] = '\0';
    return n;
}

/* ---- group: the default server ---- */

static struct e2e_server main_server;

static int main_setup(void **state)
{
    static const char *const args[] = {"--max-json-depth", "8", NULL};
    *state = &main_server;
    return e2e_server_start(&main_server, args, NULL);
}

static int main_teardown(void **state)
{
    (void)state;
    e2e_server_kill(&main_server); /* no-op once the last test stopped it */
    return 0;
}

static void test_post_json_text_200(void **state)
{
    struct e2e_server *s = *state;
    json_t *req = json_pack("{s:s}", "text", article);
    char *body = json_dumps(req, 0);
    struct e2e_response r;
    request(s, "POST", "/v1/normalize", json_ct, body, strlen(body), &r);
    json_t *a = assert_article(&r);
    assert_true(is_hex32(r.request_id));
    json_t *src = json_object_get(a, "source");
    assert_string_equal(json_string_value(json_object_get(src, "type")),
                        "text");
    json_decref(a);
    e2e_response_free(&r);
    free(body);
    json_decref(req);
}

static void test_post_raw_text_200(void **state)
{
    struct e2e_server *s = *state;
    struct e2e_response r;
    request(s, "POST", "/v1/normalize", text_ct, article, sizeof(article) - 1,
            &r);
    json_t *a = assert_article(&r);
    assert_true(is_hex32(r.request_id));
    json_decref(a);
    e2e_response_free(&r);
}

static void test_charset_parameter_honoured(void **state)
{
    struct e2e_server *s = *state;
    static const char *const hdr[] = {
        "Content-Type: text/plain; charset=iso-8859-1", NULL};
    /* "Café" in Latin-1: 0xE9 is not UTF-8 on its own. */
    char body[sizeof(article) + 64];
    int n = snprintf(body, sizeof(body),
                     "Caf\xE9 baru dibuka di pusat kota.\n\n%s", article);
    struct e2e_response r;
    request(s, "POST", "/v1/normalize", hdr, body, (size_t)n, &r);
    json_t *a = assert_article(&r);
    if (!strstr(r.body, "Caf\xC3\xA9"))
        fail_msg("0xE9 in ISO-8859-1 did not become U+00E9: %.400s", r.body);
    assert_false(has_warning(a, "invalid-utf8-repaired"));
    json_decref(a);
    e2e_response_free(&r);
}

static void test_media_type_spellings_accepted(void **state)
{
    /* Media types and parameter names are case-insensitive; parameters
     * may be quoted, unspaced or unknown (RFC 9110 8.3.1). */
    static const char *const spellings[] = {
        "Content-Type: TEXT/PLAIN",
        "Content-Type: text/plain;charset=UTF-8",
        "Content-Type: text/plain; charset=\"utf-8\"",
        "Content-Type: text/plain; format=flowed",
        "Content-Type: Text/Plain; Charset=ISO-8859-1",
    };
    for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
        const char *const hdr[] = {spellings[i], NULL};
        struct e2e_response r;
        request(*state, "POST", "/v1/normalize", hdr, article,
                sizeof(article) - 1, &r);
        if (r.status != 200)
            fail_msg("%s: status %ld: %.200s", spellings[i], r.status, r.body);
        e2e_response_free(&r);
    }
    static const char *const json_hdr[] = {
        "Content-Type: Application/JSON; charset=utf-8", NULL};
    static const char body[] = "{\"text\":\"Jakarta - Berita tentang jalur "
                               "sepeda baru di pusat kota.\"}";
    struct e2e_response r;
    request(*state, "POST", "/v1/normalize", json_hdr, body, sizeof(body) - 1,
            &r);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
}

static void test_unknown_charset_415(void **state)
{
    static const char *const hdr[] = {
        "Content-Type: text/plain; charset=no-such-charset", NULL};
    post_expect_problem(*state, "/v1/normalize", hdr, article,
                        sizeof(article) - 1, 415, "unsupported-media-type");
}

static void test_invalid_utf8_text_repaired(void **state)
{
    struct e2e_server *s = *state;
    char body[sizeof(article) + 64];
    int n = snprintf(body, sizeof(body), "Harga naik \xFF\xFE tajam.\n\n%s",
                     article);
    struct e2e_response r;
    request(s, "POST", "/v1/normalize", text_ct, body, (size_t)n, &r);
    json_t *a = assert_article(&r);
    if (!strstr(r.body, "\xEF\xBF\xBD"))
        fail_msg("invalid bytes did not become U+FFFD: %.400s", r.body);
    assert_true(has_warning(a, "invalid-utf8-repaired"));
    json_decref(a);
    e2e_response_free(&r);
}

static void test_invalid_utf8_in_json_400(void **state)
{
    static const char body[] = "{\"text\":\"Harga \xFF\xFE naik\"}";
    post_expect_problem(*state, "/v1/normalize", json_ct, body,
                        sizeof(body) - 1, 400, "invalid-request");
}

static void test_empty_body_400(void **state)
{
    post_expect_problem(*state, "/v1/normalize", text_ct, "", 0, 400,
                        "invalid-request");
    post_expect_problem(*state, "/v1/normalize", json_ct, "", 0, 400,
                        "invalid-request");
}

static void test_broken_json_400(void **state)
{
    static const char *const bodies[] = {"{\"text\": \"abc\"", "{text: 1}",
                                         "{\"text\":\"a\",}", "nul"};
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
        post_expect_problem(*state, "/v1/normalize", json_ct, bodies[i],
                            strlen(bodies[i]), 400, "invalid-request");
}

static void test_wrongly_typed_json_400(void **state)
{
    static const char *const bodies[] = {
        "{\"text\": 5}",
        "[]",
        "\"just a string\"",
        "{}",
        "{\"text\":\"a\",\"url\":\"b\"}",
        "{\"text\":\"abc\",\"colour\":\"red\"}",
        "{\"text\":\"abc\",\"options\":[]}",
        "{\"text\":\"abc\",\"options\":{\"format\":\"xml\"}}",
        "{\"text\":\"abc\",\"options\":{\"nope\":true}}",
        "{\"text\":\"abc\",\"base_url\":7}",
        "{\"html\":null}",
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        struct e2e_response r;
        request(*state, "POST", "/v1/normalize", json_ct, bodies[i],
                strlen(bodies[i]), &r);
        if (r.status != 400)
            fail_msg("%s: status %ld, wanted 400", bodies[i], r.status);
        assert_problem(&r, 400, "invalid-request");
        e2e_response_free(&r);
    }
}

static void test_json_too_deep_400(void **state)
{
    /* The server runs with --max-json-depth 8; this nests 12 deep. */
    static const char body[] =
        "{\"text\":\"abc\",\"options\":{\"x\":[[[[[[[[[[1]]]]]]]]]]}}";
    post_expect_problem(*state, "/v1/normalize", json_ct, body,
                        sizeof(body) - 1, 400, "invalid-request");
    /* Deep but inside a string is not nesting: must not trip the cap. */
    static const char ok[] = "{\"text\":\"[[[[[[[[[[[[[[[[ "
                             "Jakarta - Berita tentang kurung siku.\"}";
    struct e2e_response r;
    request(*state, "POST", "/v1/normalize", json_ct, ok, sizeof(ok) - 1, &r);
    assert_true(r.status != 400);
    e2e_response_free(&r);
}

static void test_unsupported_media_415(void **state)
{
    static const char *const pdf[] = {"Content-Type: application/pdf", NULL};
    post_expect_problem(*state, "/v1/normalize", pdf, "%PDF-1.4", 8, 415,
                        "unsupported-media-type");
    /* "Content-Type:" with no value makes curl send no such header. */
    static const char *const none[] = {"Content-Type:", NULL};
    post_expect_problem(*state, "/v1/normalize", none, article,
                        sizeof(article) - 1, 415, "unsupported-media-type");
}

static void test_unknown_route_404(void **state)
{
    struct e2e_response r;
    request(*state, "GET", "/v1/nothing-here", NULL, NULL, 0, &r);
    assert_problem(&r, 404, "not-found");
    e2e_response_free(&r);
    request(*state, "POST", "/v2/normalize", text_ct, "abc", 3, &r);
    assert_problem(&r, 404, "not-found");
    e2e_response_free(&r);
}

static void test_wrong_method_405(void **state)
{
    struct e2e_response r;
    request(*state, "DELETE", "/v1/normalize", NULL, NULL, 0, &r);
    assert_problem(&r, 405, "method-not-allowed");
    if (!strstr(r.allow, "POST") || !strstr(r.allow, "GET"))
        fail_msg("Allow '%s' should list POST and GET", r.allow);
    e2e_response_free(&r);

    request(*state, "POST", "/healthz", text_ct, "x", 1, &r);
    assert_problem(&r, 405, "method-not-allowed");
    if (!strstr(r.allow, "GET") || strstr(r.allow, "POST"))
        fail_msg("Allow '%s' should list GET only", r.allow);
    e2e_response_free(&r);
}

static void test_healthz_200(void **state)
{
    struct e2e_response r;
    request(*state, "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(r.request_id[0] != '\0');
    e2e_response_free(&r);
}

static void test_request_id_echoed_and_generated(void **state)
{
    static const char *const with_id[] = {"Content-Type: text/plain",
                                          "X-Request-Id: e2e-trace-42", NULL};
    struct e2e_response r;
    request(*state, "POST", "/v1/normalize", with_id, article,
            sizeof(article) - 1, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.request_id, "e2e-trace-42");
    e2e_response_free(&r);

    /* On a problem too, header and body agree. */
    request(*state, "GET", "/nope", with_id, NULL, 0, &r);
    assert_problem(&r, 404, "not-found");
    assert_string_equal(r.request_id, "e2e-trace-42");
    e2e_response_free(&r);

    request(*state, "GET", "/nope", NULL, NULL, 0, &r);
    assert_problem(&r, 404, "not-found");
    assert_true(is_hex32(r.request_id));
    char first[sizeof(r.request_id)];
    snprintf(first, sizeof(first), "%s", r.request_id);
    e2e_response_free(&r);

    request(*state, "POST", "/v1/normalize", text_ct, article,
            sizeof(article) - 1, &r);
    assert_int_equal(r.status, 200);
    assert_true(is_hex32(r.request_id));
    assert_string_not_equal(r.request_id, first);
    e2e_response_free(&r);

    /* An id with a quote could break the JSON logs: replaced. */
    static const char *const bad_id[] = {"X-Request-Id: a\"b", NULL};
    request(*state, "GET", "/healthz", bad_id, NULL, 0, &r);
    assert_true(is_hex32(r.request_id));
    e2e_response_free(&r);
}

static void test_unknown_option_400(void **state)
{
    post_expect_problem(*state, "/v1/normalize?format=xml", text_ct, article,
                        sizeof(article) - 1, 400, "invalid-request");
    post_expect_problem(*state, "/v1/normalize?colour=red", text_ct, article,
                        sizeof(article) - 1, 400, "invalid-request");
    post_expect_problem(*state, "/v1/normalize?explain=maybe", text_ct, article,
                        sizeof(article) - 1, 400, "invalid-request");
    struct e2e_response r;
    request(*state, "GET", "/v1/normalize", NULL, NULL, 0, &r);
    assert_problem(&r, 400, "invalid-request"); /* GET needs ?url= */
    e2e_response_free(&r);
}

static void test_too_many_query_parameters_400(void **state)
{
    char path[1024] = "/v1/normalize?";
    for (int i = 0; i < 40; i++) {
        size_t used = strlen(path);
        snprintf(path + used, sizeof(path) - used, "%sp%d=1", i ? "&" : "", i);
    }
    post_expect_problem(*state, path, text_ct, article, sizeof(article) - 1,
                        400, "invalid-request");
}

static void test_long_request_id_replaced(void **state)
{
    char hdr[128];
    snprintf(hdr, sizeof(hdr), "X-Request-Id: %064d", 7);
    const char *const headers[] = {hdr, NULL};
    struct e2e_response r;
    request(*state, "GET", "/healthz", headers, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(is_hex32(r.request_id));
    e2e_response_free(&r);
}

static void test_hostile_path_logs_stay_json(void **state)
{
    struct e2e_server *s = *state;
    int fd = connect_loopback(s->port);
    /* Quote, backslash, control byte and a non-UTF-8 byte in the path. */
    static const char req[] = "GET /a\"b\\c\x01%00%ff\xfe HTTP/1.1\r\n"
                              "Host: 127.0.0.1\r\n"
                              "X-Request-Id: hostile-path\r\n"
                              "Connection: close\r\n\r\n";
    send_all(fd, req, sizeof(req) - 1);
    char reply[4096];
    read_reply(fd, reply, sizeof(reply), 5000);
    close(fd);
    if (strncmp(reply, "HTTP/1.1 404", 12) != 0)
        fail_msg("wanted 404 for a hostile path, got: %.200s", reply);
    const char *json = strstr(reply, "\r\n\r\n");
    assert_non_null(json);
    json_error_t jerr;
    json_t *p = json_loads(json + 4, 0, &jerr);
    if (!p)
        fail_msg("problem body is not JSON (%s): %.200s", jerr.text, json);
    json_decref(p);

    /* The access line is written after the reply: wait for it, then every
     * complete log line must be JSON a collector can parse. */
    char *log = NULL;
    for (int i = 0; i < 200; i++) {
        free(log);
        log = e2e_read_file(s->log_path, NULL);
        if (log && strstr(log, "\"request_id\":\"hostile-path\""))
            break;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    assert_non_null(log);
    assert_non_null(strstr(log, "\"request_id\":\"hostile-path\""));
    for (char *line = log, *eol; (eol = strchr(line, '\n')); line = eol + 1) {
        *eol = '\0';
        json_t *j = json_loads(line, 0, &jerr);
        if (!j)
            fail_msg("log line is not JSON (%s): %.300s", jerr.text, line);
        json_decref(j);
    }
    free(log);
}

static void test_main_server_stops_cleanly(void **state)
{
    struct e2e_server *s = *state;
    assert_int_equal(e2e_server_stop(s), 0);
}

/* ---- group: a server with --max-body 1024 ---- */

static struct e2e_server small_server;

static int small_setup(void **state)
{
    static const char *const args[] = {"--max-body", "1024",
                                       "--connection-memory", "8KiB", NULL};
    *state = &small_server;
    return e2e_server_start(&small_server, args, NULL);
}

static int small_teardown(void **state)
{
    (void)state;
    e2e_server_kill(&small_server);
    return 0;
}

static void test_declared_length_over_cap_413_before_body(void **state)
{
    struct e2e_server *s = *state;
    int fd = connect_loopback(s->port);
    /* Declares 50 MB, sends none of it: the 413 must come anyway, so the
     * server refused on the header and never waited for the body. */
    static const char head[] = "POST /v1/normalize HTTP/1.1\r\n"
                               "Host: 127.0.0.1\r\n"
                               "Content-Type: text/plain\r\n"
                               "Content-Length: 52428800\r\n"
                               "X-Request-Id: big-declared\r\n"
                               "\r\n";
    send_all(fd, head, sizeof(head) - 1);
    char reply[4096];
    read_reply(fd, reply, sizeof(reply), 5000);
    close(fd);
    if (strncmp(reply, "HTTP/1.1 413", 12) != 0)
        fail_msg("wanted an immediate 413, got: %.300s", reply);
    if (!strcasestr(reply, "application/problem+json") ||
        !strstr(reply, "payload-too-large"))
        fail_msg("413 is not a payload-too-large problem: %.600s", reply);
    assert_non_null(strstr(reply, "big-declared"));
}

static void test_declared_length_over_cap_413_curl(void **state)
{
    /* The same through an ordinary client that does send the body. */
    char *body = malloc(4096);
    assert_non_null(body);
    memset(body, 'a', 4096);
    post_expect_problem(*state, "/v1/normalize", text_ct, body, 4096, 413,
                        "payload-too-large");
    free(body);
}

/* Sends a chunked POST of n_chunks chunks of `size` bytes each. */
static int send_chunked(unsigned port, int n_chunks, int size)
{
    int fd = connect_loopback(port);
    static const char head[] = "POST /v1/normalize HTTP/1.1\r\n"
                               "Host: 127.0.0.1\r\n"
                               "Content-Type: text/plain\r\n"
                               "Transfer-Encoding: chunked\r\n"
                               "\r\n";
    send_all(fd, head, sizeof(head) - 1);
    char *chunk = malloc((size_t)size + 16);
    assert_non_null(chunk);
    int n = snprintf(chunk, 16, "%x\r\n", size);
    memset(chunk + n, 'b', (size_t)size);
    memcpy(chunk + n + size, "\r\n", 2);
    for (int i = 0; i < n_chunks; i++)
        send_all(fd, chunk, (size_t)(n + size + 2));
    send_all(fd, "0\r\n\r\n", 5);
    free(chunk);
    return fd;
}

static void test_chunked_over_cap_413(void **state)
{
    struct e2e_server *s = *state;
    /* 4 x 400 bytes crosses the 1024-byte cap at the third chunk; no
     * length was declared, so the refusal comes when the body ends. */
    int fd = send_chunked(s->port, 4, 400);
    char reply[4096];
    read_reply(fd, reply, sizeof(reply), 5000);
    close(fd);
    if (strncmp(reply, "HTTP/1.1 413", 12) != 0)
        fail_msg("wanted 413 for a chunked body over the cap, got: %.300s",
                 reply);
    assert_non_null(strstr(reply, "payload-too-large"));
}

static void test_endless_chunked_cut_off(void **state)
{
    struct e2e_server *s = *state;
    /* 64 KiB against a 1 KiB cap: the server stops reading (closes)
     * instead of swallowing whatever the client sends. */
    int fd = send_chunked(s->port, 128, 512);
    char reply[4096];
    read_reply(fd, reply, sizeof(reply), 5000);
    close(fd);
    assert_true(strncmp(reply, "HTTP/1.1 200", 12) != 0);
}

static void test_body_at_cap_accepted(void **state)
{
    /* Exactly 1024 bytes is within the cap: not refused for its size. */
    char body[1024];
    memcpy(body, article,
           sizeof(body) < sizeof(article) - 1 ? sizeof(body)
                                              : sizeof(article) - 1);
    if (sizeof(article) - 1 < sizeof(body))
        memset(body + sizeof(article) - 1, ' ',
               sizeof(body) - (sizeof(article) - 1));
    struct e2e_response r;
    request(*state, "POST", "/v1/normalize", text_ct, body, sizeof(body), &r);
    assert_int_not_equal(r.status, 413);
    e2e_response_free(&r);
}

static void test_headers_over_connection_memory_431(void **state)
{
    /* 16 KiB of headers against --connection-memory 8KiB: MHD refuses
     * them itself (its own body, not a problem) and closes. */
    struct e2e_server *s = *state;
    int fd = connect_loopback(s->port);
    static const char head[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "X-Padding: ";
    send_all(fd, head, sizeof(head) - 1);
    char pad[16384];
    memset(pad, 'p', sizeof(pad));
    send_all(fd, pad, sizeof(pad));
    send_all(fd, "\r\n\r\n", 4);
    char reply[4096];
    read_reply(fd, reply, sizeof(reply), 5000);
    close(fd);
    if (strncmp(reply, "HTTP/1.1 431", 12) != 0)
        fail_msg("wanted 431 for oversize headers, got: %.200s", reply);
}

static void test_small_server_still_serves(void **state)
{
    /* Refused bodies leave the server healthy. */
    struct e2e_response r;
    request(*state, "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
}

static void test_small_server_stops_cleanly(void **state)
{
    assert_int_equal(e2e_server_stop(*state), 0);
}

/* ---- standalone ---- */

static void test_sigterm_idle_exit_0(void **state)
{
    (void)state;
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, NULL, NULL), 0);
    assert_int_equal(e2e_server_stop(&s), 0);
    char *log = e2e_read_file(s.log_path, NULL);
    assert_non_null(log);
    assert_non_null(strstr(log, "\"event\":\"stopped\""));
    free(log);
}

static void test_buffered_access_lines_are_written_at_stop(void **state)
{
    (void)state;
    /* An interval longer than the test: only the stop can write them. */
    static const char *const args[] = {"--log-flush", "60s", NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    static const char *const hdrs[] = {"X-Request-Id: buffered-line", NULL};
    struct e2e_response r;
    request(&s, "GET", "/healthz", hdrs, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
    char *log = e2e_read_file(s.log_path, NULL);
    assert_non_null(log);
    assert_null(strstr(log, "\"request_id\":\"buffered-line\""));
    free(log);
    assert_int_equal(e2e_server_stop(&s), 0);
    log = e2e_read_file(s.log_path, NULL);
    assert_non_null(log);
    const char *line = strstr(log, "\"request_id\":\"buffered-line\"");
    const char *stopped = strstr(log, "\"event\":\"stopped\"");
    assert_non_null(line);
    assert_non_null(stopped);
    assert_true(line < stopped);
    free(log);
}

static void test_sigterm_drains_in_flight(void **state)
{
    (void)state;
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, NULL, NULL), 0);
    int fd = connect_loopback(s.port);
    char head[256];
    size_t half = (sizeof(article) - 1) / 2;
    int n = snprintf(head, sizeof(head),
                     "POST /v1/normalize HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: text/plain\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n\r\n",
                     sizeof(article) - 1);
    send_all(fd, head, (size_t)n);
    send_all(fd, article, half);
    /* The request is now in flight: the stop signal must let it finish. */
    struct pollfd p = {fd, POLLIN, 0};
    assert_int_equal(poll(&p, 1, 300), 0);
    kill(s.pid, SIGTERM);
    assert_int_equal(poll(&p, 1, 300), 0);
    send_all(fd, article + half, sizeof(article) - 1 - half);
    char reply[16384];
    read_reply(fd, reply, sizeof(reply), 10000);
    close(fd);
    if (strncmp(reply, "HTTP/1.1 200", 12) != 0)
        fail_msg("in-flight request cut by SIGTERM: %.300s", reply);
    assert_int_equal(e2e_server_stop(&s), 0);
    char *log = e2e_read_file(s.log_path, NULL);
    assert_non_null(log);
    assert_non_null(strstr(log, "\"event\":\"draining\""));
    free(log);
}

static void test_idle_partial_request_timed_out(void **state)
{
    (void)state;
    /* A client that stops mid-headers (slowloris) is dropped after
     * --connection-timeout instead of holding a connection forever. */
    static const char *const args[] = {"--connection-timeout", "1s", NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    int fd = connect_loopback(s.port);
    static const char part[] =
        "POST /v1/normalize HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: text/pl";
    send_all(fd, part, sizeof(part) - 1);
    char buf[256];
    struct pollfd p = {fd, POLLIN, 0};
    bool closed = false;
    for (int i = 0; i < 10 && !closed; i++) {
        if (poll(&p, 1, 1000) > 0)
            closed = recv(fd, buf, sizeof(buf), 0) <= 0;
    }
    close(fd);
    assert_true(closed);
    struct e2e_response r;
    request(&s, "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
    assert_int_equal(e2e_server_stop(&s), 0);
}

static void test_env_entries_reach_server(void **state)
{
    (void)state;
    /* Configuration by environment (containers): WARTA_MAX_BODY alone
     * sets the cap; a flag given after it would win. */
    static const char *const env[] = {"WARTA_MAX_BODY=1024", NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, NULL, env), 0);
    char *body = malloc(4096);
    assert_non_null(body);
    memset(body, 'a', 4096);
    post_expect_problem(&s, "/v1/normalize", text_ct, body, 4096, 413,
                        "payload-too-large");
    free(body);
    assert_int_equal(e2e_server_stop(&s), 0);
}

int main(void)
{
    const struct CMUnitTest main_tests[] = {
        cmocka_unit_test(test_post_json_text_200),
        cmocka_unit_test(test_post_raw_text_200),
        cmocka_unit_test(test_charset_parameter_honoured),
        cmocka_unit_test(test_media_type_spellings_accepted),
        cmocka_unit_test(test_unknown_charset_415),
        cmocka_unit_test(test_invalid_utf8_text_repaired),
        cmocka_unit_test(test_invalid_utf8_in_json_400),
        cmocka_unit_test(test_empty_body_400),
        cmocka_unit_test(test_broken_json_400),
        cmocka_unit_test(test_wrongly_typed_json_400),
        cmocka_unit_test(test_json_too_deep_400),
        cmocka_unit_test(test_unsupported_media_415),
        cmocka_unit_test(test_unknown_route_404),
        cmocka_unit_test(test_wrong_method_405),
        cmocka_unit_test(test_healthz_200),
        cmocka_unit_test(test_request_id_echoed_and_generated),
        cmocka_unit_test(test_unknown_option_400),
        cmocka_unit_test(test_too_many_query_parameters_400),
        cmocka_unit_test(test_long_request_id_replaced),
        cmocka_unit_test(test_hostile_path_logs_stay_json),
        cmocka_unit_test(test_main_server_stops_cleanly),
    };
    const struct CMUnitTest small_tests[] = {
        cmocka_unit_test(test_declared_length_over_cap_413_before_body),
        cmocka_unit_test(test_declared_length_over_cap_413_curl),
        cmocka_unit_test(test_chunked_over_cap_413),
        cmocka_unit_test(test_endless_chunked_cut_off),
        cmocka_unit_test(test_body_at_cap_accepted),
        cmocka_unit_test(test_headers_over_connection_memory_431),
        cmocka_unit_test(test_small_server_still_serves),
        cmocka_unit_test(test_small_server_stops_cleanly),
    };
    const struct CMUnitTest lone_tests[] = {
        cmocka_unit_test(test_sigterm_idle_exit_0),
        cmocka_unit_test(test_buffered_access_lines_are_written_at_stop),
        cmocka_unit_test(test_sigterm_drains_in_flight),
        cmocka_unit_test(test_env_entries_reach_server),
        cmocka_unit_test(test_idle_partial_request_timed_out),
    };
    int failed = 0;
    failed += cmocka_run_group_tests_name("http", main_tests, main_setup,
                                          main_teardown);
    failed += cmocka_run_group_tests_name("body-limits", small_tests,
                                          small_setup, small_teardown);
    failed += cmocka_run_group_tests_name("lifecycle", lone_tests, NULL, NULL);
    return failed ? 1 : 0;
}
