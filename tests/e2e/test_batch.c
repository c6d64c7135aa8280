/*
 * POST /v1/normalize/batch end to end, plus the HTTP shell's compression
 * and validators: the real binary, real sockets, a fake upstream on
 * 127.0.0.1 for the URL lines (tests/support/fixture_server.c).
 */
#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include <cmocka.h>

#include "e2e.h"
#include "fixture_server.h"

static struct fixture_server *fx;
static struct e2e_server srv;

static const char *const ndjson[] = {"Content-Type: application/x-ndjson",
                                     NULL};

static const char article[] =
    "Jakarta - Pemerintah kota meresmikan jalur sepeda baru sepanjang dua "
    "belas kilometer yang menghubungkan kawasan perumahan dengan pusat "
    "perkantoran pada Senin pagi.\n\n"
    "Kepala dinas perhubungan mengatakan jalur itu dibangun agar warga "
    "memiliki pilihan perjalanan yang lebih sehat dan murah, sekaligus "
    "mengurangi kemacetan pada jam sibuk.\n";

static int setup(void **state)
{
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fx = fixture_start();
    if (!fx)
        return -1;
    static const char *const args[] = {
        "--fetch-allow-cidr", "127.0.0.1/32", "--batch-max-lines", "20",
        "--batch-concurrency", "3", "--max-body", "256KiB", NULL};
    return e2e_server_start(&srv, args, NULL);
}

static int teardown(void **state)
{
    (void)state;
    e2e_server_kill(&srv);
    fixture_stop(fx);
    curl_global_cleanup();
    return 0;
}

/* A request line for the text, with options.format when format is set. */
static char *text_line(const char *text, const char *format)
{
    json_t *o = format ? json_pack("{s:s, s:{s:s}}", "text", text, "options",
                                   "format", format)
                       : json_pack("{s:s}", "text", text);
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    assert_non_null(s);
    return s;
}

/* Splits an NDJSON body into parsed lines; returns the count. */
static size_t parse_lines(const char *body, json_t **out, size_t max)
{
    size_t n = 0;
    for (const char *p = body; *p && n < max;) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            fail_msg("the last result line has no newline: %.200s", p);
        json_error_t jerr;
        out[n] = json_loadb(p, (size_t)(nl - p), JSON_DECODE_ANY, &jerr);
        if (!out[n])
            fail_msg("result line %zu is not JSON (%s): %.200s", n + 1,
                     jerr.text, p);
        n++;
        p = nl + 1;
    }
    return n;
}

static void assert_problem_line(json_t *j, long status, const char *slug,
                                long line)
{
    assert_true(json_is_object(j));
    const char *type = json_string_value(json_object_get(j, "type"));
    if (!type || strcmp(type, slug) != 0)
        fail_msg("line %ld: problem type %s, wanted %s", line,
                 type ? type : "(none)", slug);
    assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
    assert_int_equal(json_integer_value(json_object_get(j, "line")), line);
    assert_non_null(json_object_get(j, "detail"));
}

static void test_lines_answered_in_order(void **state)
{
    (void)state;
    char url_line[256], missing_line[256];
    char url[200];
    fixture_url(fx, "/slow?ms=300", url, sizeof(url));
    snprintf(url_line, sizeof(url_line), "{\"url\":\"%s\"}", url);
    fixture_url(fx, "/status/404", url, sizeof(url));
    snprintf(missing_line, sizeof(missing_line), "{\"url\":\"%s\"}", url);
    char *first = text_line(article, NULL);
    char *as_text = text_line(article, "text");
    /* 1 article (slow page), 2 text, 3 blank, 4 broken JSON, 5 text as
     * format=text, 6 a 404 page, 7 an unknown option, 8 a last line
     * without its newline. */
    char body[8192];
    snprintf(body, sizeof(body), "%s\n%s\r\n\n{\"text\": \n%s\n%s\n%s\n%s",
             url_line, first, as_text, missing_line,
             "{\"text\":\"x\",\"options\":{\"colour\":\"red\"}}", first);
    struct e2e_response r;
    assert_int_equal(e2e_request(&srv, "POST", "/v1/normalize/batch", ndjson,
                                 body, strlen(body), &r),
                     0);
    if (r.status != 200)
        fail_msg("status %ld: %.300s", r.status, r.body);
    assert_string_equal(r.content_type, "application/x-ndjson");
    json_t *lines[16];
    size_t n = parse_lines(r.body, lines, 16);
    assert_int_equal(n, 7);
    assert_non_null(json_object_get(lines[0], "title"));
    const json_t *src = json_object_get(lines[0], "source");
    assert_string_equal(json_string_value(json_object_get(src, "type")), "url");
    assert_non_null(json_object_get(lines[1], "paragraphs"));
    assert_problem_line(lines[2], 400, "invalid-request", 4);
    assert_true(json_is_string(lines[3]));
    assert_non_null(strstr(json_string_value(lines[3]), "jalur sepeda"));
    assert_problem_line(lines[4], 502, "fetch-failed", 6);
    assert_problem_line(lines[5], 400, "invalid-request", 7);
    assert_non_null(json_object_get(lines[6], "paragraphs"));
    for (size_t i = 0; i < n; i++)
        json_decref(lines[i]);
    e2e_response_free(&r);
    free(first);
    free(as_text);
}

static void test_query_options_are_defaults(void **state)
{
    (void)state;
    char *plain = text_line(article, NULL);
    char *native = text_line(article, "native");
    char body[4096];
    snprintf(body, sizeof(body), "%s\n%s\n", plain, native);
    struct e2e_response r;
    assert_int_equal(e2e_request(&srv, "POST",
                                 "/v1/normalize/batch?format=text", ndjson,
                                 body, strlen(body), &r),
                     0);
    assert_int_equal(r.status, 200);
    json_t *lines[4];
    assert_int_equal(parse_lines(r.body, lines, 4), 2);
    assert_true(json_is_string(lines[0]));
    assert_true(json_is_object(lines[1]));
    json_decref(lines[0]);
    json_decref(lines[1]);
    e2e_response_free(&r);
    free(plain);
    free(native);
}

/* ---- streaming: the first result leaves before a slow later one ---- */

struct timed_sink {
    double start, first_line, end;
    size_t len;
    char data[65536];
};

static size_t on_timed(char *p, size_t size, size_t nmemb, void *ud)
{
    struct timed_sink *t = ud;
    size_t n = size * nmemb;
    if (t->len + n < sizeof(t->data)) {
        memcpy(t->data + t->len, p, n);
        t->len += n;
        t->data[t->len] = '\0';
    }
    if (!t->first_line && memchr(t->data, '\n', t->len))
        t->first_line = e2e_now_s();
    return n;
}

static long timed_post(const char *path, const char *body,
                       const char *encoding, struct timed_sink *t)
{
    memset(t, 0, sizeof(*t));
    CURL *c = curl_easy_init();
    assert_non_null(c);
    char url[256];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", srv.port, path);
    struct curl_slist *h = curl_slist_append(NULL, ndjson[0]);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_timed);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
    if (encoding) /* curl decodes it */
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, encoding);
    t->start = e2e_now_s();
    CURLcode cc = curl_easy_perform(c);
    t->end = e2e_now_s();
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    assert_int_equal(cc, CURLE_OK);
    return status;
}

static void test_results_stream_as_they_are_ready(void **state)
{
    (void)state;
    char url[200], body[4096];
    fixture_url(fx, "/slow?ms=1500", url, sizeof(url));
    char *first = text_line(article, NULL);
    snprintf(body, sizeof(body), "%s\n{\"url\":\"%s\"}\n", first, url);
    /* Compressed too: each result is flushed, not held for a full
     * deflate block. */
    static const char *const encodings[] = {NULL, "gzip"};
    for (size_t i = 0; i < 2; i++) {
        struct timed_sink t;
        assert_int_equal(timed_post("/v1/normalize/batch", body, encodings[i], &t),
                         200);
        assert_true(t.first_line > 0);
        if (t.end - t.start < 1.4)
            fail_msg("the batch ended after %.2f s, before its slow line",
                     t.end - t.start);
        if (t.first_line - t.start > 1.0)
            fail_msg("%s: the first result came after %.2f s: held back for "
                     "the slow second line", encodings[i] ? "gzip" : "plain",
                     t.first_line - t.start);
    }
    free(first);
}

/* `warta normalize --batch -` answers each line as it comes: the first
 * result must arrive while the second line has not been written yet (a
 * reader that waits for a full buffer or for the end never answers, and
 * the poll below gives up). */
static void test_cli_answers_lines_as_they_arrive(void **state)
{
    (void)state;
    const char *bin = e2e_bin();
    int in[2], out[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        close(in[1]);
        close(out[0]);
        execl(bin, bin, "normalize", "--index", "none", "--batch", "-",
              (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    char *line = text_line(article, NULL);
    size_t n = strlen(line);
    assert_int_equal(write(in[1], line, n), (ssize_t)n);
    assert_int_equal(write(in[1], "\n", 1), 1);

    char buf[65536];
    size_t got = 0;
    while (!memchr(buf, '\n', got)) {
        struct pollfd pfd = {out[0], POLLIN, 0};
        if (poll(&pfd, 1, 60000) <= 0) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            fail_msg("no result for the first line while the input stays "
                     "open: the CLI waits for more input before answering");
        }
        ssize_t k = read(out[0], buf + got, sizeof(buf) - 1 - got);
        assert_true(k > 0);
        got += (size_t)k;
    }
    /* Now the second line, then the end of the input. */
    assert_int_equal(write(in[1], line, n), (ssize_t)n);
    assert_int_equal(write(in[1], "\n", 1), 1);
    close(in[1]);
    ssize_t k;
    while (got < sizeof(buf) - 1 && (k = read(out[0], buf + got,
                                              sizeof(buf) - 1 - got)) > 0)
        got += (size_t)k;
    buf[got] = '\0';
    close(out[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    json_t *lines[4];
    assert_int_equal(parse_lines(buf, lines, 4), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_non_null(json_object_get(lines[i], "paragraphs"));
        json_decref(lines[i]);
    }
    free(line);
}

static void test_url_lines_fetched_concurrently(void **state)
{
    (void)state;
    /* Six 600 ms pages, three at a time (--batch-concurrency 3): about
     * 1.2 s, where one after another would take 3.6 s. */
    char url[200], body[4096] = "";
    for (int i = 0; i < 6; i++) {
        fixture_url(fx, "/slow?ms=600", url, sizeof(url));
        size_t used = strlen(body);
        snprintf(body + used, sizeof(body) - used, "{\"url\":\"%s&i=%d\"}\n",
                 url, i);
    }
    struct timed_sink t;
    assert_int_equal(timed_post("/v1/normalize/batch", body, NULL, &t), 200);
    json_t *lines[8];
    size_t n = parse_lines(t.data, lines, 8);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        if (!json_object_get(lines[i], "title"))
            fail_msg("line %zu is no article: %.200s", i + 1,
                     json_dumps(lines[i], 0));
        json_decref(lines[i]);
    }
    double took = t.end - t.start;
    if (took < 1.1 || took > 3.0)
        fail_msg("six 600 ms pages three at a time took %.2f s", took);
}

static void expect_problem(const char *path, const char *const *headers,
                           const char *body, size_t len, long status,
                           const char *slug)
{
    struct e2e_response r;
    assert_int_equal(e2e_request(&srv, "POST", path, headers, body, len, &r), 0);
    if (r.status != status || !strstr(r.body, slug))
        fail_msg("wanted %ld %s, got %ld: %.300s", status, slug, r.status,
                 r.body);
    assert_non_null(strstr(r.content_type, "application/problem+json"));
    e2e_response_free(&r);
}

static void test_whole_batch_refusals(void **state)
{
    (void)state;
    static const char one[] = "{\"text\":\"Jakarta - a line.\"}\n";
    static const char *const json_ct[] = {"Content-Type: application/json",
                                          NULL};
    expect_problem("/v1/normalize/batch", json_ct, one, sizeof(one) - 1, 415,
                   "unsupported-media-type");
    static const char *const accept_json[] = {
        "Content-Type: application/x-ndjson", "Accept: application/json", NULL};
    expect_problem("/v1/normalize/batch", accept_json, one, sizeof(one) - 1,
                   406, "not-acceptable");
    expect_problem("/v1/normalize/batch?format=xml", ndjson, one,
                   sizeof(one) - 1, 400, "invalid-request");
    expect_problem("/v1/normalize/batch", ndjson, "\n \n", 3, 400,
                   "invalid-request");
    /* 21 lines against --batch-max-lines 20. */
    char body[2048] = "";
    for (int i = 0; i < 21; i++)
        strcat(body, one); /* 21 x 29 bytes fit */
    expect_problem("/v1/normalize/batch", ndjson, body, strlen(body), 413,
                   "payload-too-large");
    /* Over --max-body (256 KiB), refused on its Content-Length. */
    size_t big = 300 * 1024;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big);
    expect_problem("/v1/normalize/batch", ndjson, huge, big, 413,
                   "payload-too-large");
    free(huge);
    struct e2e_response r;
    assert_int_equal(e2e_request(&srv, "GET", "/v1/normalize/batch", NULL,
                                 NULL, 0, &r),
                     0);
    assert_int_equal(r.status, 405);
    assert_non_null(strstr(r.allow, "POST"));
    e2e_response_free(&r);
}

static void test_client_leaving_mid_batch(void **state)
{
    (void)state;
    /* The client gives up while a fetch is in flight: the fetch finishes
     * into a batch nobody reads, which must neither crash nor leak (the
     * server's stop below checks the sanitizers). */
    char url[200], body[1024];
    fixture_url(fx, "/slow?ms=800", url, sizeof(url));
    snprintf(body, sizeof(body), "{\"url\":\"%s\"}\n{\"url\":\"%s\"}\n", url,
             url);
    CURL *c = curl_easy_init();
    char target[128];
    snprintf(target, sizeof(target), "http://127.0.0.1:%u/v1/normalize/batch",
             srv.port);
    struct curl_slist *h = curl_slist_append(NULL, ndjson[0]);
    curl_easy_setopt(c, CURLOPT_URL, target);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 200L);
    assert_int_equal(curl_easy_perform(c), CURLE_OPERATION_TIMEDOUT);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    struct timespec ts = {1, 500 * 1000 * 1000};
    nanosleep(&ts, NULL);
    struct e2e_response r;
    assert_int_equal(e2e_request(&srv, "GET", "/healthz", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    e2e_response_free(&r);
}

/* ---- compression and validators ---- */

static size_t gunzip(const char *p, size_t n, char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int rc = inflate(&z, Z_FINISH);
    size_t len = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END)
        fail_msg("not a complete gzip stream (zlib %d)", rc);
    return len;
}

/* The raw headers of one request (curl does not decode the body here). */
struct raw {
    long status;
    char headers[4096];
    char *body;
    size_t len;
};

static size_t on_raw_header(char *p, size_t size, size_t nmemb, void *ud)
{
    struct raw *r = ud;
    size_t n = size * nmemb, used = strlen(r->headers);
    if (used + n < sizeof(r->headers)) {
        memcpy(r->headers + used, p, n);
        r->headers[used + n] = '\0';
    }
    return n;
}

static size_t on_raw_body(char *p, size_t size, size_t nmemb, void *ud)
{
    struct raw *r = ud;
    size_t n = size * nmemb;
    r->body = realloc(r->body, r->len + n + 1);
    assert_non_null(r->body);
    memcpy(r->body + r->len, p, n);
    r->len += n;
    r->body[r->len] = '\0';
    return n;
}

static void raw_get(const char *path, const char *h1, const char *h2,
                    struct raw *r)
{
    memset(r, 0, sizeof(*r));
    CURL *c = curl_easy_init();
    char url[256];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", srv.port, path);
    struct curl_slist *h = NULL;
    if (h1)
        h = curl_slist_append(h, h1);
    if (h2)
        h = curl_slist_append(h, h2);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_raw_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_raw_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
}

/* The value of header `name` in r (lower-case name with colon), or "". */
static void header_value(const struct raw *r, const char *name, char *out,
                         size_t cap)
{
    out[0] = '\0';
    const char *p = strcasestr(r->headers, name);
    if (!p)
        return;
    p += strlen(name);
    p += strspn(p, " ");
    size_t n = strcspn(p, "\r\n");
    snprintf(out, cap, "%.*s", (int)n, p);
}

static void test_gzip_when_accepted(void **state)
{
    (void)state;
    struct raw plain, gz, small;
    raw_get("/openapi.yaml", NULL, NULL, &plain);
    raw_get("/openapi.yaml", "Accept-Encoding: gzip, br", NULL, &gz);
    raw_get("/healthz", "Accept-Encoding: gzip", NULL, &small);
    assert_int_equal(plain.status, 200);
    assert_int_equal(gz.status, 200);
    char v[256];
    header_value(&plain, "content-encoding:", v, sizeof(v));
    assert_string_equal(v, "");
    header_value(&gz, "content-encoding:", v, sizeof(v));
    assert_string_equal(v, "gzip");
    header_value(&gz, "vary:", v, sizeof(v));
    assert_string_equal(v, "Accept-Encoding");
    assert_true(gz.len < plain.len / 2);
    char *out = malloc(plain.len + 1);
    assert_int_equal(gunzip(gz.body, gz.len, out, plain.len + 1), plain.len);
    assert_memory_equal(out, plain.body, plain.len);
    free(out);
    /* Under 1 KiB: not worth compressing. */
    header_value(&small, "content-encoding:", v, sizeof(v));
    assert_string_equal(v, "");
    /* q=0 refuses gzip. */
    struct raw refused;
    raw_get("/openapi.yaml", "Accept-Encoding: gzip;q=0", NULL, &refused);
    header_value(&refused, "content-encoding:", v, sizeof(v));
    assert_string_equal(v, "");
    free(plain.body);
    free(gz.body);
    free(small.body);
    free(refused.body);
}

static void test_etag_and_304(void **state)
{
    (void)state;
    static const char *const paths[] = {"/openapi.yaml", "/"};
    for (size_t i = 0; i < 2; i++) {
        struct raw first, again, gz, again_gz, other;
        raw_get(paths[i], NULL, NULL, &first);
        assert_int_equal(first.status, 200);
        char etag[128], cond[256], v[160];
        header_value(&first, "etag:", etag, sizeof(etag));
        assert_true(strlen(etag) > 2 && etag[0] == '"');
        snprintf(cond, sizeof(cond), "If-None-Match: %s", etag);
        raw_get(paths[i], cond, NULL, &again);
        assert_int_equal(again.status, 304);
        assert_int_equal(again.len, 0);
        header_value(&again, "etag:", v, sizeof(v));
        assert_string_equal(v, etag);
        /* The compressed variant has its own tag, and either revalidates. */
        raw_get(paths[i], "Accept-Encoding: gzip", NULL, &gz);
        header_value(&gz, "etag:", v, sizeof(v));
        assert_true(strcmp(v, etag) != 0 && strstr(v, "-gzip\""));
        snprintf(cond, sizeof(cond), "If-None-Match: \"x\", W/%s", v);
        raw_get(paths[i], cond, "Accept-Encoding: gzip", &again_gz);
        assert_int_equal(again_gz.status, 304);
        raw_get(paths[i], "If-None-Match: \"0000000000000000\"", NULL, &other);
        assert_int_equal(other.status, 200);
        free(first.body);
        free(again.body);
        free(gz.body);
        free(again_gz.body);
        free(other.body);
    }
}

static void test_server_stops_cleanly(void **state)
{
    (void)state;
    assert_int_equal(e2e_server_stop(&srv), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_answered_in_order),
        cmocka_unit_test(test_query_options_are_defaults),
        cmocka_unit_test(test_results_stream_as_they_are_ready),
        cmocka_unit_test(test_cli_answers_lines_as_they_arrive),
        cmocka_unit_test(test_url_lines_fetched_concurrently),
        cmocka_unit_test(test_whole_batch_refusals),
        cmocka_unit_test(test_client_leaving_mid_batch),
        cmocka_unit_test(test_gzip_when_accepted),
        cmocka_unit_test(test_etag_and_304),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests_name("batch", tests, setup, teardown);
}
