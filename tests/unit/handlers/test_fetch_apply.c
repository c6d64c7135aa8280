/* warta_fetch_apply: a fetched page becomes a document (kind, charset,
 * source fields) without any network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "warta/article.h"
#include "warta/fetch.h"

struct fixture {
    struct warta_arena arena;
    struct warta_doc doc;
    struct warta_fetch_result r;
    struct warta_error err;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    warta_arena_init(&fx->arena);
    warta_doc_init(&fx->doc, &fx->arena);
    fx->doc.kind = WARTA_INPUT_URL;
    fx->doc.source.url = "http://example.test/a";
    warta_error_clear(&fx->err);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    warta_doc_release(&fx->doc);
    warta_arena_free(&fx->arena);
    free(fx);
    return 0;
}

/* Points the result at static data; apply only reads it. */
static void page(struct fixture *fx, const char *type, const char *charset,
                 const char *body, size_t len)
{
    memset(&fx->r, 0, sizeof(fx->r));
    fx->r.url = (char *)(uintptr_t)"http://example.test/a";
    fx->r.final_url = (char *)(uintptr_t)"https://example.test/a/";
    fx->r.content_type = (char *)(uintptr_t)type;
    fx->r.charset = (char *)(uintptr_t)charset;
    fx->r.body = (char *)(uintptr_t)body;
    fx->r.len = len;
    fx->r.http_status = 200;
    snprintf(fx->r.fetched_at, sizeof(fx->r.fetched_at), "2026-01-02T03:04:05Z");
}

static const char latin1_text[] =
    "Menteri Luar Negeri Prancis St\xe9phane S\xe9journ\xe9 tiba di Jakarta "
    "pada Senin untuk membahas kerja sama perdagangan dan pendidikan.\n";
static const char utf8_name[] = "St\xc3\xa9phane S\xc3\xa9journ\xc3\xa9";

static void test_html_keeps_bytes_and_source(void **state)
{
    struct fixture *fx = *state;
    static const char html[] = "<html><body><p>Caf\xe9</p></body></html>";
    page(fx, "text/html", "iso-8859-1", html, sizeof(html) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.kind, WARTA_INPUT_HTML);
    /* The clean stage decodes HTML; the bytes arrive untouched. */
    assert_int_equal(fx->doc.input_len, sizeof(html) - 1);
    assert_memory_equal(fx->doc.input, html, sizeof(html) - 1);
    assert_string_equal(fx->doc.source.charset, "iso-8859-1");
    assert_string_equal(fx->doc.source.url, "http://example.test/a");
    assert_string_equal(fx->doc.source.final_url, "https://example.test/a/");
    assert_string_equal(fx->doc.source.content_type, "text/html");
    assert_string_equal(fx->doc.source.fetched_at, "2026-01-02T03:04:05Z");
    assert_int_equal(fx->doc.source.http_status, 200);
    assert_string_equal(fx->doc.base_url, "https://example.test/a/");
}

static void test_given_base_url_wins(void **state)
{
    struct fixture *fx = *state;
    fx->doc.base_url = "https://canonical.test/";
    page(fx, "application/xhtml+xml", NULL, "<html/>", 7);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.kind, WARTA_INPUT_HTML);
    assert_null(fx->doc.source.charset);
    assert_string_equal(fx->doc.base_url, "https://canonical.test/");
}

static void test_text_latin1_detected(void **state)
{
    struct fixture *fx = *state;
    page(fx, "text/plain", NULL, latin1_text, sizeof(latin1_text) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.kind, WARTA_INPUT_TEXT);
    assert_non_null(strstr(fx->doc.input, utf8_name));
    assert_null(strstr(fx->doc.input, "\xef\xbf\xbd"));
}

static void test_text_utf8_stays(void **state)
{
    struct fixture *fx = *state;
    static const char text[] = "Kunjungan St\xc3\xa9phane ke Jakarta.\n";
    page(fx, "text/plain", NULL, text, sizeof(text) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_string_equal(fx->doc.input, text);
    assert_int_equal(fx->doc.warnings.n, 0);
}

static void test_text_utf16_bom(void **state)
{
    struct fixture *fx = *state;
    /* "Caf\u00e9" in UTF-16LE after a BOM. */
    static const char text[] = "\xff\xfe" "C\0a\0f\0\xe9\0";
    page(fx, "text/plain", NULL, text, sizeof(text) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_non_null(strstr(fx->doc.input, "Caf\xc3\xa9"));
}

static void test_text_declared_charset(void **state)
{
    struct fixture *fx = *state;
    page(fx, "text/plain", "ISO-8859-1", latin1_text, sizeof(latin1_text) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_non_null(strstr(fx->doc.input, utf8_name));
    assert_string_equal(fx->doc.source.charset, "ISO-8859-1");
}

static void test_text_unknown_label_detected(void **state)
{
    struct fixture *fx = *state;
    page(fx, "text/plain", "x-no-such-charset", latin1_text,
         sizeof(latin1_text) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_non_null(strstr(fx->doc.input, utf8_name));
    assert_true(warta_strlist_contains(&fx->doc.warnings, "unknown-charset-label"));
}

static void test_other_text_types_are_text(void **state)
{
    struct fixture *fx = *state;
    page(fx, "text/markdown", NULL, "# Judul\n\nIsi.\n", 14);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.kind, WARTA_INPUT_TEXT);
}

static void test_missing_type_is_sniffed(void **state)
{
    struct fixture *fx = *state;
    static const char html[] = "\n  <!DOCTYPE html><html><body><p>x</p></body></html>";
    page(fx, NULL, NULL, html, sizeof(html) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.kind, WARTA_INPUT_HTML);
    assert_null(fx->doc.source.content_type);

    page(fx, NULL, NULL, latin1_text, sizeof(latin1_text) - 1);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.kind, WARTA_INPUT_TEXT);
    assert_non_null(strstr(fx->doc.input, utf8_name));
}

static void test_binary_types_refused(void **state)
{
    struct fixture *fx = *state;
    static const char *const types[] = {"application/pdf", "image/png",
                                        "application/octet-stream",
                                        "application/json"};
    for (size_t i = 0; i < 4; i++) {
        page(fx, types[i], NULL, "%PDF", 4);
        assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err),
                         WARTA_ERR_UNSUPPORTED_MEDIA);
        assert_non_null(strstr(fx->err.detail, types[i]));
    }
}

static void test_empty_body(void **state)
{
    struct fixture *fx = *state;
    page(fx, "text/html", NULL, NULL, 0);
    assert_int_equal(warta_fetch_apply(&fx->doc, &fx->r, &fx->err), WARTA_OK);
    assert_int_equal(fx->doc.input_len, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_html_keeps_bytes_and_source),
        T(test_given_base_url_wins),
        T(test_text_latin1_detected),
        T(test_text_utf8_stays),
        T(test_text_utf16_bom),
        T(test_text_declared_charset),
        T(test_text_unknown_label_detected),
        T(test_other_text_types_are_text),
        T(test_missing_type_is_sniffed),
        T(test_binary_types_refused),
        T(test_empty_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
