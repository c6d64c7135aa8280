/* Bytes to canonical UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

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


/* Differential check of the normalisers' word-at-a-time paths: random
 * strings from pieces that land on every position of an 8-byte chunk,
 * against a byte-at-a-time model of the rules (white-space runs to one
 * space inside a line, invisibles out, lines trimmed). The pieces are
 * NFC-stable, so NFC is not part of the model. */
enum piece_class { P_TEXT, P_SPACE, P_NEWLINE, P_CR, P_INVISIBLE };

static const struct piece {
    const char *s;
    enum piece_class cls;
} pieces[] = {
    {"a", P_TEXT},          {"Kata", P_TEXT},       {"1.", P_TEXT},
    {"\"", P_TEXT},         {"\xC3\xA9", P_TEXT},   {"\xE2\x80\x94", P_TEXT},
    {" ", P_SPACE},         {"\t", P_SPACE},        {"\xC2\xA0", P_SPACE},
    {"\n", P_NEWLINE},      {"\r", P_CR},           {"\x7F", P_INVISIBLE},
    {"\x01", P_INVISIBLE},  {"\xE2\x80\x8B", P_INVISIBLE},
};

static size_t model_normalize(const struct piece *const *in, size_t n,
                              bool keep_newlines, char *out)
{
    size_t k = 0;
    bool pending = false;
    for (size_t i = 0; i < n; i++) {
        enum piece_class cls = in[i]->cls;
        if (cls == P_CR) {
            if (i + 1 < n && in[i + 1]->cls == P_NEWLINE)
                continue;
            cls = P_NEWLINE;
        }
        if (cls == P_NEWLINE && keep_newlines) {
            pending = false;
            while (k && out[k - 1] == ' ')
                k--;
            out[k++] = '\n';
            continue;
        }
        if (cls == P_NEWLINE || cls == P_SPACE) {
            pending = true;
            continue;
        }
        if (cls == P_INVISIBLE)
            continue;
        if (pending && k && out[k - 1] != '\n')
            out[k++] = ' ';
        pending = false;
        size_t len = strlen(in[i]->s);
        memcpy(out + k, in[i]->s, len);
        k += len;
    }
    size_t start = 0;
    while (start < k && (out[start] == ' ' || out[start] == '\n'))
        start++;
    while (k > start && (out[k - 1] == ' ' || out[k - 1] == '\n'))
        k--;
    memmove(out, out + start, k - start);
    out[k - start] = '\0';
    return k - start;
}

static void test_normalize_matches_model(void **state)
{
    (void)state;
    const size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < 3000; round++) {
        const struct piece *in[64];
        char raw[64 * 4 + 1], want[64 * 4 + 1];
        size_t n = 0, len = 0;
        size_t count = (size_t)(round % 60) + 1;
        for (size_t i = 0; i < count; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* Printable text and single spaces most of the time, as in
             * real copy, so the 8-byte path runs and is then left. */
            size_t r = (size_t)(seed >> 33) % (n_pieces * 3);
            size_t pick = r < n_pieces ? r : (r % 2 ? 1 : 6);
            in[n++] = &pieces[pick];
            size_t pl = strlen(pieces[pick].s);
            memcpy(raw + len, pieces[pick].s, pl);
            len += pl;
        }
        raw[len] = '\0';
        for (int lines = 0; lines < 2; lines++) {
            size_t want_len = model_normalize(in, n, lines, want);
            size_t got_len;
            char *got = lines ? warta_text_normalize_lines(&a, raw, len, &got_len)
                              : warta_text_normalize(&a, raw, len, &got_len);
            if (strcmp(got, want) != 0)
                fail_msg("round %d lines %d: input \"%s\" gave \"%s\", want \"%s\"",
                         round, lines, raw, got, want);
            assert_int_equal(got_len, want_len);
            if (lines) { /* every piece is valid UTF-8 */
                got = warta_text_normalize_valid_lines(&a, raw, len, &got_len);
                if (strcmp(got, want) != 0)
                    fail_msg("round %d valid: input \"%s\" gave \"%s\", want \"%s\"",
                             round, raw, got, want);
            }
        }
    }
}

/* The word hashes of a fold are the hashes of its words, in order, however
 * many words there are (the hash array grows past its first guess). */
static void test_fold_words(void **state)
{
    (void)state;
    char in[4000];
    size_t len = 0;
    for (int i = 0; i < 1500; i++) {
        /* One-letter words, the case the first guess under-estimates. */
        in[len++] = (char)('a' + i % 26);
        in[len++] = i % 7 ? ' ' : ',';
    }
    memcpy(in + len, "Caf\xC3\xA9-KATA", 11);
    len += 11;
    size_t flen, n_words;
    const uint64_t *hashes;
    char *folded = warta_text_fold_words(&a, in, len, &flen, &hashes, &n_words);
    assert_int_equal(n_words, 1502);
    size_t w = 0;
    for (size_t i = 0; i <= flen;) {
        size_t end = i;
        while (end < flen && folded[end] != ' ')
            end++;
        assert_true(w < n_words);
        assert_true(hashes[w] == warta_word_hash(folded + i, end - i));
        assert_true(hashes[w] != 0);
        w++;
        i = end + 1;
    }
    assert_int_equal(w, n_words);
    assert_string_equal(folded + flen - 9, "cafe kata");
    /* Plain warta_text_fold gives the same text. */
    size_t plain_len;
    assert_string_equal(warta_text_fold(&a, in, len, &plain_len), folded);
    warta_text_fold_words(&a, "", 0, &flen, &hashes, &n_words);
    assert_int_equal(n_words, 0);
    assert_int_equal(flen, 0);
}

/* The NFC-inert set, checked against utf8proc over all of Unicode: each
 * inert code point is its own NFC, and none stands after the first place
 * in any canonical decomposition, so nothing before it can compose with
 * it. Text made of them, marks in canonical order, is then already NFC. */
static void test_nfc_inert_set(void **state)
{
    (void)state;
    size_t inert = 0;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        if (warta_cp_nfc_inert(cp)) {
            inert++;
            utf8proc_uint8_t one[5] = {0};
            utf8proc_encode_char(cp, one);
            utf8proc_uint8_t *nfc = utf8proc_NFC(one);
            assert_non_null(nfc);
            if (strcmp((const char *)nfc, (const char *)one) != 0)
                fail_msg("U+%04X is inert but NFC changes it", (unsigned)cp);
            free(nfc);
        }
        utf8proc_int32_t parts[32];
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 32,
                                                     UTF8PROC_DECOMPOSE, &last);
        assert_true(n >= 1 && n <= 32);
        for (utf8proc_ssize_t k = 1; k < n; k++)
            if (warta_cp_nfc_inert(parts[k]))
                fail_msg("U+%04X decomposes with inert U+%04X after its start",
                         (unsigned)cp, (unsigned)parts[k]);
    }
    assert_true(inert > 128 + 600); /* ASCII, Latin, punctuation, currency */
    /* So text of them takes the quick path and is returned as is. */
    static const char curly[] = "\xE2\x80\x9CKata\xE2\x80\x9D \xE2\x80\x94 "
                                "Vi\xE1\xBB\x87t Nam \xE2\x82\xAC" "5";
    size_t n;
    char *out = warta_text_normalize(&a, curly, strlen(curly), &n);
    assert_string_equal(out, curly);
    /* A decomposed accent is not inert: e + U+0301 becomes U+00E9. */
    out = warta_text_normalize(&a, "Caf" "e\xCC\x81", 6, &n);
    assert_string_equal(out, "Caf\xC3\xA9");
    /* Thai marks in canonical order stay; out of order (MAI EK, class
     * 107, before SARA U, class 103) NFC puts them in order. */
    static const char thai_ordered[] = "\xE0\xB8\x81\xE0\xB8\xB8\xE0\xB9\x88 ok";
    static const char thai_swapped[] = "\xE0\xB8\x81\xE0\xB9\x88\xE0\xB8\xB8 ok";
    out = warta_text_normalize(&a, thai_ordered, strlen(thai_ordered), &n);
    assert_string_equal(out, thai_ordered);
    out = warta_text_normalize(&a, thai_swapped, strlen(thai_swapped), &n);
    assert_string_equal(out, thai_ordered);
    /* An invisible character removed after NFC leaves what it separated
     * to compose or reorder: e ZWSP U+0301 is U+00E9; U+01B0 BOM U+0301
     * is U+1EE9; U+1025 ZWSP U+102E is U+1026; U+0301 ZWSP U+0E38 puts
     * the Thai mark (class 103) first. */
    static const struct {
        const char *in, *want;
    } rejoined[] = {
        {"e\xE2\x80\x8B\xCC\x81", "\xC3\xA9"},
        {"\xC6\xB0\xEF\xBB\xBF\xCC\x81", "\xE1\xBB\xA9"},
        {"\xE1\x80\xA5\xE2\x80\x8B\xE1\x80\xAE", "\xE1\x80\xA6"},
        {"x \xCC\x81\xE2\x80\x8B\xE0\xB8\xB8", "x \xE0\xB8\xB8\xCC\x81"},
    };
    for (size_t i = 0; i < sizeof(rejoined) / sizeof(rejoined[0]); i++) {
        out = warta_text_normalize(&a, rejoined[i].in, strlen(rejoined[i].in), &n);
        assert_string_equal(out, rejoined[i].want);
        assert_int_equal(n, strlen(rejoined[i].want));
        out = warta_text_normalize_lines(&a, rejoined[i].in, strlen(rejoined[i].in), &n);
        assert_string_equal(out, rejoined[i].want);
    }
    /* ASCII between marks resets the order: a new run of marks. */
    static const char two_runs[] = "\xE0\xB8\x81\xE0\xB9\x88 \xE0\xB8\x81\xE0\xB8\xB8";
    out = warta_text_normalize(&a, two_runs, strlen(two_runs), &n);
    assert_string_equal(out, two_runs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repair),
        cmocka_unit_test(test_charsets),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_normalize_lines),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_normalize_matches_model),
        cmocka_unit_test(test_fold_words),
        cmocka_unit_test(test_nfc_inert_set),
    };
    return cmocka_run_group_tests_name("unicode", tests, setup, teardown);
}
