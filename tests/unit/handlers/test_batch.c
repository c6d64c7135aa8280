/*
 * Batches without HTTP: lines split across any chunking, blank lines and
 * CRLF, line numbers in problems, format=text as a JSON string, the line
 * cap, and results read through buffers of any size. URL lines meet a
 * process without a fetcher, so their failure path is covered here and the
 * fetches themselves end to end (tests/e2e/test_batch.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warta/batch.h"
#include "warta/config.h"
#include "warta/fetch.h"
#include "warta/pipeline.h"

static struct warta_config cfg;
static struct warta_env env;

static const char line_a[] =
    "{\"text\":\"Jakarta - Pemerintah kota meresmikan jalur sepeda baru "
    "sepanjang dua belas kilometer pada Senin pagi.\\n\\nKepala dinas "
    "mengatakan jalur itu dibangun agar warga memiliki pilihan yang lebih "
    "sehat.\"}";

static struct warta_batch *new_batch(const struct warta_options *opts)
{
    struct warta_options defaults = {.format = WARTA_FORMAT_NATIVE,
                                     .remember = false};
    return warta_batch_new(&env, opts ? opts : &defaults, NULL, "/batch",
                           "rid-1");
}

/* Feeds input in pieces of `step` bytes, ends it, and reads every result
 * through a buffer of `bufsize` bytes into a malloc'd string. */
static char *run(struct warta_batch *b, const char *input, size_t step,
                 size_t bufsize)
{
    struct warta_error err;
    warta_error_clear(&err);
    size_t n = strlen(input);
    for (size_t i = 0; i < n; i += step) {
        size_t k = n - i < step ? n - i : step;
        assert_int_equal(warta_batch_feed(b, input + i, k, &err), WARTA_OK);
    }
    assert_int_equal(warta_batch_end(b, &err), WARTA_OK);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    char *buf = malloc(bufsize);
    for (;;) {
        bool fetching;
        long got = warta_batch_read(b, buf, bufsize, &fetching);
        assert_true(got != 0); /* nothing here waits for a fetch */
        if (got < 0)
            break;
        assert_true((size_t)got <= bufsize);
        while (len + (size_t)got + 1 > cap)
            out = realloc(out, cap *= 2);
        memcpy(out + len, buf, (size_t)got);
        len += (size_t)got;
    }
    out[len] = '\0';
    free(buf);
    return out;
}

static json_t *nth_line(const char *out, size_t n)
{
    const char *p = out;
    for (size_t i = 0; i < n; i++) {
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    const char *nl = strchr(p, '\n');
    assert_non_null(nl);
    json_error_t jerr;
    json_t *j = json_loadb(p, (size_t)(nl - p), JSON_DECODE_ANY, &jerr);
    if (!j)
        fail_msg("line %zu is not JSON: %s", n + 1, jerr.text);
    return j;
}

/* Whether two outputs say the same, line by line, apart from the stage
 * timings (wall time, different on every run). */
static bool same_answers(const char *a, const char *b, size_t lines)
{
    for (size_t i = 0; i < lines; i++) {
        json_t *x = nth_line(a, i), *y = nth_line(b, i);
        if (json_is_object(x))
            json_object_del(x, "timings");
        if (json_is_object(y))
            json_object_del(y, "timings");
        bool eq = json_equal(x, y);
        json_decref(x);
        json_decref(y);
        if (!eq)
            return false;
    }
    return true;
}

static size_t count_lines(const char *out)
{
    size_t n = 0;
    for (const char *p = out; (p = strchr(p, '\n')); p++)
        n++;
    return n;
}

static void test_chunking_never_changes_the_answer(void **state)
{
    (void)state;
    char input[2048];
    /* Line 2 blank, line 3 CRLF, line 4 broken, line 5 unterminated. */
    snprintf(input, sizeof(input), "%s\n\n%s\r\n{\"text\":\n%s", line_a,
             line_a, line_a);
    struct warta_batch *b = new_batch(NULL);
    char *whole = run(b, input, sizeof(input), 65536);
    warta_batch_free(b);
    assert_int_equal(count_lines(whole), 4);
    json_t *bad = nth_line(whole, 2);
    assert_string_equal(json_string_value(json_object_get(bad, "type")),
                        "invalid-request");
    assert_int_equal(json_integer_value(json_object_get(bad, "line")), 4);
    assert_int_equal(json_integer_value(json_object_get(bad, "status")), 400);
    assert_string_equal(json_string_value(json_object_get(bad, "request_id")),
                        "rid-1");
    json_decref(bad);
    static const size_t steps[] = {1, 3, 7, 64, 211};
    static const size_t bufs[] = {1, 5, 64, 4096};
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        b = new_batch(NULL);
        char *out = run(b, input, steps[i], bufs[i % 4]);
        warta_batch_free(b);
        if (count_lines(out) != 4 || !same_answers(out, whole, 4))
            fail_msg("fed %zu bytes at a time, read %zu: another answer",
                     steps[i], bufs[i % 4]);
        free(out);
    }
    free(whole);
}

static void test_text_format_is_one_json_string(void **state)
{
    (void)state;
    struct warta_options opts = {.format = WARTA_FORMAT_TEXT};
    struct warta_batch *b = new_batch(&opts);
    char input[1024];
    /* The line's own option wins over the batch default. */
    snprintf(input, sizeof(input), "%s\n%.*s,\"options\":{\"format\":\"native\"}}\n",
             line_a, (int)strlen(line_a) - 1, line_a);
    char *out = run(b, input, 100, 512);
    warta_batch_free(b);
    assert_int_equal(count_lines(out), 2);
    json_t *text = nth_line(out, 0);
    assert_true(json_is_string(text));
    assert_non_null(strstr(json_string_value(text), "jalur sepeda"));
    assert_non_null(strstr(json_string_value(text), "\n\n"));
    json_decref(text);
    json_t *native = nth_line(out, 1);
    assert_true(json_is_object(native));
    assert_non_null(json_object_get(native, "paragraphs"));
    json_decref(native);
    free(out);
}

static void test_line_cap(void **state)
{
    (void)state;
    long saved = env.request.batch_max_lines;
    env.request.batch_max_lines = 2;
    struct warta_batch *b = new_batch(NULL);
    struct warta_error err;
    warta_error_clear(&err);
    char input[1024];
    snprintf(input, sizeof(input), "%s\n\n\n%s\n", line_a, line_a);
    /* Blank lines do not count. */
    assert_int_equal(warta_batch_feed(b, input, strlen(input), &err), WARTA_OK);
    assert_int_equal(warta_batch_lines(b), 2);
    assert_int_equal(warta_batch_feed(b, "{\"text\":\"x\"}\n", 13, &err),
                     WARTA_ERR_PAYLOAD_TOO_LARGE);
    assert_non_null(strstr(err.detail, "--batch-max-lines"));
    warta_batch_free(b);
    env.request.batch_max_lines = saved;
}

static void test_empty_batch_refused(void **state)
{
    (void)state;
    struct warta_batch *b = new_batch(NULL);
    struct warta_error err;
    warta_error_clear(&err);
    assert_int_equal(warta_batch_feed(b, " \r\n\n\t", 5, &err), WARTA_OK);
    assert_int_equal(warta_batch_end(b, &err), WARTA_ERR_INVALID_REQUEST);
    warta_batch_free(b);
}

static void test_url_line_without_fetcher(void **state)
{
    (void)state;
    struct warta_batch *b = new_batch(NULL);
    char input[1024];
    snprintf(input, sizeof(input), "{\"url\":\"http://example.org/a\"}\n"
                                   "{\"url\":\"gopher://example.org/a\"}\n%s\n",
             line_a);
    char *out = run(b, input, 1000, 1000);
    warta_batch_free(b);
    assert_int_equal(count_lines(out), 3);
    json_t *nofetch = nth_line(out, 0);
    assert_string_equal(json_string_value(json_object_get(nofetch, "type")),
                        "internal-error");
    assert_string_equal(json_string_value(json_object_get(nofetch, "stage")),
                        "fetch");
    assert_int_equal(json_integer_value(json_object_get(nofetch, "line")), 1);
    json_decref(nofetch);
    json_t *scheme = nth_line(out, 1);
    assert_string_equal(json_string_value(json_object_get(scheme, "type")),
                        "internal-error");
    assert_int_equal(json_integer_value(json_object_get(scheme, "line")), 2);
    json_decref(scheme);
    json_t *text = nth_line(out, 2);
    assert_non_null(json_object_get(text, "paragraphs"));
    json_decref(text);
    free(out);
}

static void test_free_before_reading(void **state)
{
    (void)state;
    /* Lines read but never answered are released with the batch. */
    struct warta_batch *b = new_batch(NULL);
    struct warta_error err;
    warta_error_clear(&err);
    assert_int_equal(warta_batch_feed(b, line_a, sizeof(line_a) - 1, &err),
                     WARTA_OK);
    assert_int_equal(warta_batch_feed(b, "\n{\"te", 5, &err), WARTA_OK);
    warta_batch_free(b);
    warta_batch_free(NULL);
}

int main(void)
{
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "none");
    /* The service's options, but no fetcher and no index: URL lines fail
     * the way they must in a process that cannot fetch. */
    struct warta_error err;
    warta_error_clear(&err);
    if (warta_env_open(&env, &cfg, &err) != WARTA_OK) {
        fprintf(stderr, "env: %s\n", err.detail);
        return 1;
    }
    warta_fetcher_close(env.fetcher);
    env.fetcher = NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunking_never_changes_the_answer),
        cmocka_unit_test(test_text_format_is_one_json_string),
        cmocka_unit_test(test_line_cap),
        cmocka_unit_test(test_empty_batch_refused),
        cmocka_unit_test(test_url_line_without_fetcher),
        cmocka_unit_test(test_free_before_reading),
    };
    int failed = cmocka_run_group_tests_name("batch", tests, NULL, NULL);
    warta_env_close(&env);
    return failed ? 1 : 0;
}
