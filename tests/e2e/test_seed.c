/*
 * The article Warta was specified from: ../shared/seeds/antara-asean-2023.txt
 * must produce every field of ../shared/acceptance/antara-asean-2023
 * .expected.json, whether posted raw, posted as JSON or passed to
 * `warta normalize`; and every key of the native article is present.
 * The files are read from the shared folder, never copied.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "e2e.h"
#include "json_subset.h"

static struct e2e_server server;
static char *seed;
static size_t seed_len;
static json_t *expected;
static char seed_path[512];

/* Every key of DESIGN.md's native article. */
static const char *const article_keys[] = {
    "id", "source", "language", "kicker", "title", "subtitle", "description",
    "published_at", "modified_at", "authors", "editors", "dateline",
    "section", "tags", "images", "paragraphs", "text", "related",
    "copyright", "site_name", "canonical_url", "stats", "dedupe", "removed",
    "warnings", "timings", NULL,
};

static int setup(void **state)
{
    (void)state;
    char path[512];
    snprintf(seed_path, sizeof(seed_path), "%s/seeds/antara-asean-2023.txt", e2e_shared_dir());
    seed = e2e_read_file(seed_path, &seed_len);
    snprintf(path, sizeof(path), "%s/acceptance/antara-asean-2023.expected.json", e2e_shared_dir());
    json_error_t jerr;
    expected = json_load_file(path, 0, &jerr);
    if (!seed || !expected) {
        fprintf(stderr, "cannot read the seed or its acceptance file under %s\n", e2e_shared_dir());
        return -1;
    }
    return e2e_server_start(&server, NULL, NULL);
}

static int teardown(void **state)
{
    (void)state;
    int rc = e2e_server_stop(&server);
    free(seed);
    json_decref(expected);
    return rc;
}

/* The acceptance fields, the native keys, and text = paragraphs joined. */
static void check_article(const char *body, const char *how)
{
    json_error_t jerr;
    json_t *got = json_loads(body, 0, &jerr);
    if (!got)
        fail_msg("%s: response is not JSON: %s", how, jerr.text);
    char why[1024];
    if (json_subset_check(expected, got, why, sizeof(why)))
        fail_msg("%s: %s", how, why);
    for (const char *const *k = article_keys; *k; k++)
        if (!json_object_get(got, *k))
            fail_msg("%s: key %s missing", how, *k);
    json_t *paras = json_object_get(got, "paragraphs");
    size_t total = 0;
    for (size_t i = 0; i < json_array_size(paras); i++)
        total += strlen(json_string_value(json_array_get(paras, i))) + 2;
    char *joined = calloc(1, total + 1);
    for (size_t i = 0; i < json_array_size(paras); i++) {
        if (i)
            strcat(joined, "\n\n");
        strcat(joined, json_string_value(json_array_get(paras, i)));
    }
    assert_string_equal(joined, json_string_value(json_object_get(got, "text")));
    free(joined);
    json_decref(got);
}

static void test_seed_raw_text(void **state)
{
    (void)state;
    const char *h[] = {"Content-Type: text/plain; charset=utf-8", NULL};
    struct e2e_response r;
    assert_int_equal(e2e_request(&server, "POST", "/v1/normalize", h, seed, seed_len, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.content_type, "application/json"));
    check_article(r.body, "raw text/plain");
    e2e_response_free(&r);
}

static void test_seed_json(void **state)
{
    (void)state;
    json_t *req = json_pack("{s:s%}", "text", seed, seed_len);
    char *body = json_dumps(req, JSON_COMPACT);
    const char *h[] = {"Content-Type: application/json", NULL};
    struct e2e_response r;
    assert_int_equal(e2e_request(&server, "POST", "/v1/normalize", h, body, strlen(body), &r), 0);
    assert_int_equal(r.status, 200);
    check_article(r.body, "JSON {text}");
    e2e_response_free(&r);
    free(body);
    json_decref(req);
}

/* Content negotiation: the format's media type against Accept. */
static void accept_case(const char *accept, const char *query, long status)
{
    char header[256], path[128];
    snprintf(header, sizeof(header), "Accept: %s", accept);
    snprintf(path, sizeof(path), "/v1/normalize%s", query);
    const char *h[] = {"Content-Type: text/plain", header, NULL};
    struct e2e_response r;
    assert_int_equal(e2e_request(&server, "POST", path, h, seed, seed_len, &r), 0);
    if (r.status != status)
        fail_msg("Accept: %s %s: expected %ld, got %ld: %s", accept, query, status, r.status, r.body);
    if (status == 406) {
        assert_non_null(strstr(r.content_type, "application/problem+json"));
        assert_non_null(strstr(r.body, "\"type\":\"not-acceptable\""));
    }
    e2e_response_free(&r);
}

static void test_accept_header(void **state)
{
    (void)state;
    accept_case("application/json", "", 200);
    accept_case("*/*", "", 200);
    accept_case("application/*;q=0.5, text/html", "", 200);
    accept_case("text/html", "", 406);
    accept_case("application/json;q=0, text/html", "", 406);
    accept_case("text/*", "?format=text", 200);
    accept_case("application/json", "?format=text", 406);
    accept_case("application/ld+json", "?format=jsonld", 200);
}

static void test_seed_cli(void **state)
{
    (void)state;
    const char *bin = e2e_bin();
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "%s normalize --index none %s", bin, seed_path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 20, len = 0;
    char *out = malloc(cap);
    size_t n;
    while ((n = fread(out + len, 1, cap - len - 1, p)) > 0)
        len += n;
    out[len] = '\0';
    assert_int_equal(pclose(p), 0);
    /* One article, one line. */
    assert_non_null(strchr(out, '\n'));
    assert_null(strchr(out, '\n') + 1 < out + len ? strchr(strchr(out, '\n') + 1, '\n') : NULL);
    check_article(out, "warta normalize");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_raw_text),
        cmocka_unit_test(test_seed_json),
        cmocka_unit_test(test_seed_cli),
        cmocka_unit_test(test_accept_header),
    };
    return cmocka_run_group_tests_name("seed", tests, setup, teardown);
}
