/*
 * Request helpers: Accept and Accept-Encoding matching (warta_accepts) and
 * the validators of static bodies (warta_req_respond_static).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "warta/req.h"

static void test_accepts_media_and_codings(void **state)
{
    (void)state;
    assert_true(warta_accepts(NULL, "application/json"));
    assert_true(warta_accepts("*/*", "application/x-ndjson"));
    assert_true(warta_accepts("application/*;q=0.5", "application/x-ndjson"));
    assert_false(warta_accepts("application/json", "application/x-ndjson"));
    assert_false(warta_accepts("application/x-ndjson;q=0", "application/x-ndjson"));
    /* Accept-Encoding: a coding has no '/', only its own name matches. */
    assert_true(warta_accepts("gzip", "gzip"));
    assert_true(warta_accepts("deflate, GZIP;q=0.8, br", "gzip"));
    assert_false(warta_accepts("gzip;q=0", "gzip"));
    assert_false(warta_accepts("deflate, br", "gzip"));
    assert_false(warta_accepts("x-gzip2", "gzip"));
}

static int status_for(const char *if_none_match)
{
    struct warta_req req;
    memset(&req, 0, sizeof(req));
    req.if_none_match = if_none_match;
    warta_req_respond_static(&req, "text/plain", "body", 4, "\"0123abcd\"");
    assert_string_equal(req.etag, "\"0123abcd\"");
    assert_int_equal(req.resp_len, 4); /* a 304 keeps its length */
    assert_memory_equal(req.resp_body, "body", 4);
    free(req.resp_body);
    return req.status;
}

static void test_if_none_match(void **state)
{
    (void)state;
    assert_int_equal(status_for(NULL), 200);
    assert_int_equal(status_for("\"0123abcd\""), 304);
    assert_int_equal(status_for("W/\"0123abcd\""), 304);
    assert_int_equal(status_for("\"0123abcd-gzip\""), 304);
    assert_int_equal(status_for("\"x\", \"y\" ,\"0123abcd\""), 304);
    assert_int_equal(status_for("*"), 304);
    assert_int_equal(status_for("\"0123abc\""), 200);
    assert_int_equal(status_for("0123abcd"), 200); /* unquoted: no tag */
    assert_int_equal(status_for("\"0123abcd-br\""), 200);
    assert_int_equal(status_for(""), 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts_media_and_codings),
        cmocka_unit_test(test_if_none_match),
    };
    return cmocka_run_group_tests_name("req", tests, NULL, NULL);
}
