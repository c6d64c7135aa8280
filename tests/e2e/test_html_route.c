/*
 * The HTML route end to end: raw text/html bodies, JSON {"html", "base_url"},
 * charsets from the Content-Type header, `explain`, and the complexity
 * caps as 422 problems. One server for the group; the last test stops it
 * and requires a clean exit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "e2e.h"

static const char page[] =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Bridge reopens after repairs | Harbour Post</title>"
    "<link rel=\"canonical\" href=\"/city/bridge-reopens?utm_source=feed\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
    "\"headline\":\"Bridge reopens after repairs\","
    "\"datePublished\":\"2024-05-06T09:30:00+08:00\","
    "\"author\":{\"@type\":\"Person\",\"name\":\"Lee Wen\"}}</script></head>"
    "<body><nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/city\">City</a></nav>"
    "<article><h1>Bridge reopens after repairs</h1>"
    "<div class=\"share-tools\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>"
    "<div class=\"article-body\"><p>The harbour bridge reopened to traffic on "
    "Monday after eight months of repairs to its deck and cables, the transport "
    "department said.</p><p>Officials said the work finished two weeks ahead of "
    "schedule and cost less than the budget set aside last year.</p></div>"
    "<section class=\"comments\"><p>Finally! It took them long enough to fix "
    "the thing, my commute doubled.</p></section></article>"
    "<footer><p>Copyright Harbour Post</p></footer></body></html>";

static struct e2e_server server;

static int setup(void **state)
{
    static const char *const args[] = {"--index", "none", "--max-html-nodes", "1000", NULL};
    *state = &server;
    return e2e_server_start(&server, args, NULL);
}

static int teardown(void **state)
{
    (void)state;
    e2e_server_kill(&server);
    return 0;
}

static json_t *post(const struct e2e_server *s, const char *path,
                    const char *ctype, const char *body, size_t len,
                    long want_status)
{
    char header[160];
    snprintf(header, sizeof(header), "Content-Type: %s", ctype);
    const char *const headers[] = {header, NULL};
    struct e2e_response r;
    if (e2e_request(s, "POST", path, headers, body, len, &r) != 0)
        fail_msg("request to %s failed", path);
    if (r.status != want_status)
        fail_msg("status %ld, wanted %ld: %.400s", r.status, want_status, r.body);
    json_error_t jerr;
    json_t *j = json_loadb(r.body, r.len, 0, &jerr);
    if (!j)
        fail_msg("not JSON (%s): %.300s", jerr.text, r.body);
    e2e_response_free(&r);
    return j;
}

static const char *str(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

static void raw_html_body(void **state)
{
    struct e2e_server *s = *state;
    json_t *a = post(s, "/v1/normalize", "text/html; charset=utf-8", page,
                     strlen(page), 200);
    assert_string_equal(str(a, "title"), "Bridge reopens after repairs");
    assert_string_equal(str(a, "published_at"), "2024-05-06T09:30:00+08:00");
    assert_string_equal(json_string_value(json_array_get(json_object_get(a, "authors"), 0)), "Lee Wen");
    json_t *paras = json_object_get(a, "paragraphs");
    assert_int_equal(json_array_size(paras), 2);
    assert_non_null(strstr(json_string_value(json_array_get(paras, 0)),
                           "The harbour bridge reopened"));
    const char *text = str(a, "text");
    assert_null(strstr(text, "Share"));
    assert_null(strstr(text, "commute"));
    assert_null(strstr(text, "Copyright"));
    json_t *src = json_object_get(a, "source");
    assert_string_equal(str(src, "type"), "html");
    assert_string_equal(str(src, "charset"), "utf-8");
    json_decref(a);
}

static void json_html_with_base_url(void **state)
{
    struct e2e_server *s = *state;
    json_t *req = json_pack("{s:s, s:s, s:{s:b}}", "html", page, "base_url",
                            "https://harbour.example/city/x", "options",
                            "explain", 1);
    char *body = json_dumps(req, 0);
    json_t *a = post(s, "/v1/normalize", "application/json", body,
                     strlen(body), 200);
    assert_string_equal(str(a, "canonical_url"),
                        "https://harbour.example/city/bridge-reopens");
    /* explain lists what was cut and why */
    json_t *removed = json_object_get(a, "removed");
    assert_true(json_array_size(removed) > 0);
    bool comments = false;
    size_t i;
    json_t *r;
    json_array_foreach(removed, i, r) {
        if (!strcmp(str(r, "reason"), "boilerplate:comments"))
            comments = true;
    }
    assert_true(comments);
    json_decref(a);
    free(body);
    json_decref(req);
}

static void header_charset_wins(void **state)
{
    struct e2e_server *s = *state;
    static const char latin1[] =
        "<html><body><article><p>Le caf\xe9 du coin a rouvert ses portes lundi "
        "apr\xe8s des mois de travaux, au grand plaisir des habitu\xe9s du "
        "quartier.</p></article></body></html>";
    json_t *a = post(s, "/v1/normalize", "text/html; charset=ISO-8859-1", latin1,
                     sizeof(latin1) - 1, 200);
    assert_non_null(strstr(str(a, "text"), "Le café du coin"));
    json_decref(a);
}

static void too_complex_is_422(void **state)
{
    struct e2e_server *s = *state;
    size_t n = 5000;
    char *big = malloc(n * 14 + 64);
    size_t k = (size_t)snprintf(big, 64, "<html><body>");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(big + k, 15, "<span>x</span>");
    json_t *p = post(s, "/v1/normalize", "text/html", big, k, 422);
    assert_string_equal(str(p, "type"), "document-too-complex");
    assert_non_null(strstr(str(p, "detail"), "max-html-nodes"));
    json_decref(p);
    free(big);
}

static void no_content_is_422(void **state)
{
    struct e2e_server *s = *state;
    static const char empty[] = "<html><body><nav><a href=\"/\">Home</a></nav></body></html>";
    json_t *p = post(s, "/v1/normalize", "text/html", empty, sizeof(empty) - 1, 422);
    assert_string_equal(str(p, "type"), "no-article-content");
    json_decref(p);
}

/* A page that says what it is but has no body text (a gallery, a video
 * page) is still an answer: its metadata, no paragraphs, a warning. */
static void bodiless_page_is_200(void **state)
{
    struct e2e_server *s = *state;
    static const char gallery[] =
        "<html><head><title>Spring fair in pictures</title>"
        "<meta name=\"description\" content=\"Forty photos from the fair\">"
        "</head><body><nav><a href=\"/\">Home</a></nav></body></html>";
    json_t *a = post(s, "/v1/normalize", "text/html", gallery, sizeof(gallery) - 1, 200);
    assert_string_equal(str(a, "title"), "Spring fair in pictures");
    assert_int_equal(json_array_size(json_object_get(a, "paragraphs")), 0);
    json_t *w = json_object_get(a, "warnings");
    bool warned = false;
    for (size_t i = 0; i < json_array_size(w); i++)
        warned |= !strcmp(json_string_value(json_array_get(w, i)), "no-article-content");
    assert_true(warned);
    json_decref(a);
}

static void stop_cleanly(void **state)
{
    struct e2e_server *s = *state;
    assert_int_equal(e2e_server_stop(s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(raw_html_body),      cmocka_unit_test(json_html_with_base_url),
        cmocka_unit_test(header_charset_wins), cmocka_unit_test(too_complex_is_422),
        cmocka_unit_test(no_content_is_422),
        cmocka_unit_test(bodiless_page_is_200),  cmocka_unit_test(stop_cleanly),
    };
    return cmocka_run_group_tests_name("html-route", tests, setup, teardown);
}
