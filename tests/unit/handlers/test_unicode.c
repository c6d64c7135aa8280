/* Bytes to canonical UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "warta/unicode.h"

static struct warta_arena a;

static int setup(void **state)
{
    (void)state;
    warta_arena_init(&a);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    warta_arena_free(&a);
    return 0;
}

static void test_repair(void **state)
{
    (void)state;
    bool repaired;
    size_t n;
    const char in[] = "ok \xC3\x28 x \xFF y \xE2\x82"; /* bad 2-byte, bad byte, truncated */
    char *out = warta_utf8_repair(&a, in, sizeof(in) - 1, &n, &repaired);
    assert_true(repaired);
    assert_string_equal(out, "ok \xEF\xBF\xBD( x \xEF\xBF\xBD y \xEF\xBF\xBD\xEF\xBF\xBD");
    out = warta_utf8_repair(&a, "caf\xC3\xA9", 5, &n, &repaired);
    assert_false(repaired);
    assert_string_equal(out, "caf\xC3\xA9");
    /* An embedded NUL never reaches the stages. */
    out = warta_utf8_repair(&a, "a\0b", 3, &n, &repaired);
    assert_true(repaired);
    assert_int_equal(n, 5);
}

static void test_charsets(void **state)
{
    (void)state;
    size_t n;
    bool repaired;
    char *out = warta_charset_to_utf8(&a, "ISO-8859-1", "caf\xE9", 4, &n, &repaired);
    assert_string_equal(out, "caf\xC3\xA9");
    /* Latin-1 labels read as windows-1252, as browsers do: 0x93/0x94 quotes. */
    out = warta_charset_to_utf8(&a, "latin1", "\x93hi\x94", 4, &n, &repaired);
    assert_string_equal(out, "\xE2\x80\x9Chi\xE2\x80\x9D");
    out = warta_charset_to_utf8(&a, "windows-1252", "\x80", 1, &n, &repaired);
    assert_string_equal(out, "\xE2\x82\xAC");
    assert_null(warta_charset_to_utf8(&a, "no-such-charset", "x", 1, &n, &repaired));
}

static void test_normalize(void **state)
{
    (void)state;
    size_t n;
    /* NFC: e + combining acute -> é; NBSP and tabs -> one space; ZWSP,
     * soft hyphen, BOM, LRM gone; trimmed. */
    const char in[] = " \xEF\xBB\xBF" "Cafe\xCC\x81\xC2\xA0\t dan\xE2\x80\x8B te\xC2\xADh\xE2\x80\x8E  ";
    char *out = warta_text_normalize(&a, in, sizeof(in) - 1, &n);
    assert_string_equal(out, "Caf\xC3\xA9 dan teh");
    assert_int_equal(n, strlen(out));
    /* ZWJ stays (emoji sequences). */
    out = warta_text_normalize(&a, "a\xE2\x80\x8D" "b", 5, &n);
    assert_string_equal(out, "a\xE2\x80\x8D" "b");
}

static void test_normalize_lines(void **state)
{
    (void)state;
    size_t n;
    const char *in = "\r\n a  b \r\nc\rd\n\n";
    char *out = warta_text_normalize_lines(&a, in, strlen(in), &n);
    assert_string_equal(out, "a b\nc\nd");
}

static void test_fold(void **state)
{
    (void)state;
    size_t n;
    char *out = warta_text_fold(&a, "\"Caf\xC3\xA9, KATA-nya!\"  2023", 25, &n);
    assert_string_equal(out, "cafe kata nya 2023");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repair),
        cmocka_unit_test(test_charsets),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_normalize_lines),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests_name("unicode", tests, setup, teardown);
}
