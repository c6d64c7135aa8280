/* arena, buf, str and the error table. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "warta/arena.h"
#include "warta/buf.h"
#include "warta/err.h"
#include "warta/stems.h"
#include "warta/str.h"
#include "warta/text.h"
#include "warta/thread.h"

static void test_arena(void **state)
{
    (void)state;
    struct warta_arena a;
    warta_arena_init(&a);
    char *small = warta_arena_alloc(&a, 3);
    assert_int_equal((uintptr_t)small % _Alignof(max_align_t), 0);
    assert_int_equal(small[0] | small[1] | small[2], 0);
    /* A block larger than a chunk, then many small ones. */
    char *big = warta_arena_alloc(&a, 1 << 20);
    memset(big, 'x', 1 << 20);
    for (int i = 0; i < 10000; i++)
        warta_arena_printf(&a, "%d", i);
    int *arr = warta_arena_alloc(&a, 4 * sizeof(int));
    for (int i = 0; i < 4; i++)
        arr[i] = i;
    int *grown = warta_arena_grow(&a, arr, 4, 8, sizeof(int));
    assert_int_equal(grown[3], 3);
    assert_int_equal(grown[7], 0);
    assert_string_equal(warta_arena_strndup(&a, "abcdef", 3), "abc");
    warta_arena_free(&a);
    assert_null(a.head);
}

static void test_buf_cap(void **state)
{
    (void)state;
    struct warta_buf b;
    warta_buf_init(&b, 10);
    assert_int_equal(warta_buf_append(&b, "12345", 5), 0);
    assert_int_equal(warta_buf_append(&b, "67890", 5), 0);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.data, "1234567890");
    /* Crossing the cap empties the buffer: a half body is never used. */
    assert_int_equal(warta_buf_append(&b, "x", 1), -1);
    assert_int_equal(b.len, 0);
    assert_null(b.data);
    warta_buf_init(&b, 4);
    assert_int_equal(warta_buf_append(&b, "123456", 6), -1);
    warta_buf_free(&b);
}

static void test_str(void **state)
{
    (void)state;
    struct warta_str s = warta_str_trim(warta_str_from("\xC2\xA0  Judul \xE2\x80\x83"));
    assert_int_equal(s.len, 5);
    assert_true(warta_str_istarts(s, "JUD"));
    assert_true(warta_str_iends(s, "DUL"));
    assert_int_equal(warta_str_ifind(s, "du"), 2);
    assert_int_equal(warta_str_ifind(s, "zz"), -1);
    assert_int_equal(warta_count_words("Kao Kim-Hourn, 2023!", 20), 4);
    assert_int_equal(warta_utf8_length("caf\xC3\xA9", 5), 4);
    /* 40 two-byte letters and 20 ASCII: 60 code points in 100 bytes. */
    char mixed[101];
    for (int i = 0; i < 40; i++)
        memcpy(mixed + 2 * i, "\xC3\xA9", 2);
    memset(mixed + 80, 'a', 20);
    mixed[100] = '\0';
    assert_int_equal(warta_utf8_length(mixed, 100), 60);
    assert_int_equal(warta_utf8_length_upto(mixed, 100, 100), 60);
    size_t past = warta_utf8_length_upto(mixed, 100, 30);
    assert_true(past > 30 && past <= 60);
    struct warta_arena a;
    warta_arena_init(&a);
    assert_string_equal(warta_title_case_if_shouting(&a, warta_str_from("NUSA DUA")), "Nusa Dua");
    assert_string_equal(warta_title_case_if_shouting(&a, warta_str_from("Nusa DUA")), "Nusa DUA");
    assert_string_equal(warta_title_case_if_shouting(&a, warta_str_from("MDR THÜRINGEN")),
                        "Mdr Thüringen");
    assert_string_equal(warta_title_case_if_shouting(&a, warta_str_from("ÉLODIE GARÇON")),
                        "Élodie Garçon");
    warta_arena_free(&a);
}

/* The hand-made formatters against libc: hex against printf, UTC dates
 * against gmtime_r over the whole 0000..9999 range, leap days
 * and the era boundaries included. */
static void test_formatters(void **state)
{
    (void)state;
    uint64_t x = 0x0123456789abcdefULL;
    for (int i = 0; i < 1000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t v = i < 3 ? (uint64_t[]){0, 1, UINT64_MAX}[i] : x;
        char got[17], want[17];
        warta_hex64(got, v);
        got[16] = '\0';
        snprintf(want, sizeof(want), "%016llx", (unsigned long long)v);
        assert_string_equal(got, want);
    }
    const int64_t first = -62167219200LL; /* 0000-01-01T00:00:00Z */
    const int64_t last = 253402300799LL;  /* 9999-12-31T23:59:59Z */
    const int64_t edges[] = {0, -1, 86399, 86400, 951782400 /* 2000-02-29 */,
                             951868800, 4107542399LL /* 2100-02-28T23:59:59 */,
                             first, last, 1700000000};
    for (int i = 0; i < 20000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        int64_t t = i < 10 ? edges[i]
                           : first + (int64_t)(x % (uint64_t)(last - first + 1));
        char got[21], want[32];
        time_t tt = (time_t)t;
        struct tm tm;
        assert_non_null(gmtime_r(&tt, &tm));
        /* strftime's %Y does not pad years below 1000; RFC 3339 does. */
        snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02dZ",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec);
        assert_true(warta_format_utc(got, t));
        if (strcmp(got, want) != 0)
            fail_msg("t=%lld: got %s, want %s", (long long)t, got, want);
    }
    char out[21] = "untouched";
    assert_false(warta_format_utc(out, first - 1));
    assert_false(warta_format_utc(out, last + 1));
    assert_string_equal(out, "untouched");
}

/* Characters counted eight bytes at a time against one at a time, on
 * random UTF-8 whose multi-byte characters straddle every chunk boundary
 * (a chunk ending inside a character once made its tail count twice). */
static void test_utf8_length(void **state)
{
    (void)state;
    static const char *const chars[] = {"a", " ", "\xC2\xA9", "\xE2\x80\x94",
                                        "\xF0\x9F\x98\x80", "\xE0\xB8\x81"};
    uint64_t x = 7;
    for (int round = 0; round < 3000; round++) {
        char buf[256];
        size_t len = 0, want = 0;
        size_t count = (size_t)(round % 50);
        for (size_t i = 0; i < count; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *c = chars[(x >> 33) % 6];
            memcpy(buf + len, c, strlen(c));
            len += strlen(c);
            want++;
        }
        if (warta_utf8_length(buf, len) != want)
            fail_msg("round %d: %zu characters counted, %zu written", round,
                     warta_utf8_length(buf, len), want);
        /* Past the limit it only promises more than the limit. */
        if (want > 3)
            assert_true(warta_utf8_length_upto(buf, len, want - 2) > want - 2);
        assert_int_equal(warta_utf8_length_upto(buf, len, want), want);
    }
}

/* A thread keeps its number; threads alive together never share one. */
#define NUMBERED 8

static void *number_twice(void *arg)
{
    unsigned *out = arg;
    out[0] = warta_thread_number();
    out[1] = warta_thread_number();
    return NULL;
}

static void test_thread_numbers(void **state)
{
    (void)state;
    pthread_t t[NUMBERED];
    unsigned got[NUMBERED][2];
    for (int i = 0; i < NUMBERED; i++)
        assert_int_equal(pthread_create(&t[i], NULL, number_twice, got[i]), 0);
    for (int i = 0; i < NUMBERED; i++)
        pthread_join(t[i], NULL);
    unsigned mine = warta_thread_number();
    assert_int_equal(warta_thread_number(), mine);
    for (int i = 0; i < NUMBERED; i++) {
        assert_int_equal(got[i][0], got[i][1]);
        assert_int_not_equal(got[i][0], mine);
        for (int j = 0; j < i; j++)
            assert_int_not_equal(got[i][0], got[j][0]);
    }
}

static void test_error_table(void **state)
{
    (void)state;
    /* Every code has its own slug and a 4xx/5xx status. */
    for (int i = 1; i < WARTA_ERR__LAST; i++) {
        assert_true(warta_err_http_status(i) >= 400);
        for (int k = 1; k < i; k++)
            assert_string_not_equal(warta_err_slug(i), warta_err_slug(k));
    }
    assert_string_equal(warta_err_slug(WARTA_ERR_PAYLOAD_TOO_LARGE), "payload-too-large");
    assert_int_equal(warta_err_http_status(WARTA_ERR_FETCH_TIMEOUT), 504);
    struct warta_error e;
    assert_int_equal(warta_error_set(&e, WARTA_ERR_INVALID_REQUEST, "bad %d", 7), WARTA_ERR_INVALID_REQUEST);
    assert_string_equal(e.detail, "bad 7");
    assert_string_equal(warta_err_slug((enum warta_err)999), "internal-error");
}

/* The indexed search answers as the word-by-word loop it replaces: the
 * first table word (in table order) found anywhere, any word found, and
 * a whole-string match; checked on random strings over a small alphabet
 * so that words, prefixes and near misses all occur, at every length
 * around the four-byte head compare. "!c" begins with a pair that the
 * index folds together with "ac" ('!' and 'a' agree in their low six
 * bits), so a false alarm of the pair filter must not become a match. */
static const char *const stem_words[] = {
    "ab", "abc", "b", "bca", "cab", "abca", "abcab", "ccccc", "ba", "c:a", "\xC3\xA9" "a",
    "!c", NULL,
};

static long naive_first(const char *s, size_t len)
{
    for (long w = 0; stem_words[w]; w++)
        if (memmem(s, len, stem_words[w], strlen(stem_words[w])))
            return w;
    return -1;
}

static long naive_exact(const char *s, size_t len)
{
    for (long w = 0; stem_words[w]; w++)
        if (strlen(stem_words[w]) == len && !memcmp(s, stem_words[w], len))
            return w;
    return -1;
}

static void test_stems(void **state)
{
    (void)state;
    static struct warta_stems set = WARTA_STEMS(stem_words);
    static const char alphabet[] = "abc:!\xC3\xA9";
    unsigned seed = 12345;
    char s[16];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % sizeof(s);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
        }
        long want = naive_first(s, len);
        assert_int_equal(warta_stems_first(&set, s, len), want);
        assert_int_equal(warta_stems_any(&set, s, len), want >= 0);
        assert_int_equal(warta_stems_exact(&set, s, len), naive_exact(s, len));
    }
    assert_int_equal(warta_stems_first(&set, "xxabcabxx", 9), 0);
    assert_int_equal(warta_stems_first(&set, "xxbcaxx", 7), 2);
    assert_int_equal(warta_stems_exact(&set, "abcab", 5), 6);
    assert_int_equal(warta_stems_exact(&set, "abcabc", 6), -1);
    assert_int_equal(warta_stems_first(&set, "xacx", 4), -1);
    assert_int_equal(warta_stems_first(&set, "x!cx", 4), 11);
    assert_false(warta_stems_any(&set, "", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_str),
        cmocka_unit_test(test_formatters),
        cmocka_unit_test(test_utf8_length),
        cmocka_unit_test(test_thread_numbers),
        cmocka_unit_test(test_error_table),
        cmocka_unit_test(test_stems),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
