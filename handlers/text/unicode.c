/*
 * Bytes to canonical UTF-8: repair, charset conversion (iconv), NFC and
 * white-space/invisible-character cleanup (utf8proc), folding for
 * comparisons.
 */
#include "warta/unicode.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
/* Word hashing runs once per word of every article: inlined, XXH3 can
 * specialise the short-input path instead of dispatching through the
 * shared library. Same algorithm, same values as libxxhash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "warta/str.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Length of the valid, NUL-free UTF-8 prefix of p[0..len). */
static size_t valid_prefix(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* Eight ASCII bytes without NUL at a time: no high bit set, and no
         * zero byte (the classic haszero test). */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ULL) ||
                ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = warta_utf8_decode(p + i, len - i, &cp);
        if (cp <= 0)
            return i;
        i += n;
    }
    return len;
}

char *warta_utf8_repair(struct warta_arena *a, const char *p, size_t len,
                        size_t *out_len, bool *repaired)
{
    /* Nearly all input is valid: copy it once without the 3x worst case. */
    if (valid_prefix(p, len) == len) {
        if (out_len)
            *out_len = len;
        if (repaired)
            *repaired = false;
        return warta_arena_strndup(a, p, len);
    }
    /* Worst case every byte becomes a 3-byte U+FFFD. */
    char *out = warta_arena_alloc(a, len * 3 + 1);
    size_t k = 0;
    bool bad = false;
    while (len) {
        int32_t cp;
        size_t n = warta_utf8_decode(p, len, &cp);
        if (cp < 0 || cp == 0) {
            memcpy(out + k, replacement, 3);
            k += 3;
            bad = true;
        } else {
            memcpy(out + k, p, n);
            k += n;
        }
        p += n;
        len -= n;
    }
    out[k] = '\0';
    if (out_len)
        *out_len = k;
    if (repaired)
        *repaired = bad;
    return out;
}

static bool is_utf8_name(const char *cs)
{
    return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
           strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

char *warta_charset_to_utf8(struct warta_arena *a, const char *charset,
                            const char *p, size_t len, size_t *out_len,
                            bool *repaired)
{
    if (!charset || !*charset || is_utf8_name(charset))
        return warta_utf8_repair(a, p, len, out_len, repaired);
    /* Browsers read ISO-8859-1 and ASCII labels as windows-1252 (WHATWG
     * Encoding): pages that say latin1 mostly mean cp1252 quotes. */
    const char *from = charset;
    if (strcasecmp(charset, "iso-8859-1") == 0 ||
        strcasecmp(charset, "latin1") == 0 ||
        strcasecmp(charset, "iso8859-1") == 0 ||
        strcasecmp(charset, "l1") == 0)
        from = "WINDOWS-1252";
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 4 + 16;
    char *out = warta_arena_alloc(a, cap);
    char *in = (char *)(uintptr_t)p;
    size_t in_left = len;
    char *o = out;
    size_t o_left = cap - 1;
    bool bad = false;
    while (in_left) {
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        if (r != (size_t)-1)
            break;
        if (errno == EILSEQ || errno == EINVAL) {
            /* Undecodable or truncated byte: mark it, go on after it. */
            if (o_left < 3)
                break;
            memcpy(o, replacement, 3);
            o += 3;
            o_left -= 3;
            in++;
            in_left--;
            bad = true;
        } else {
            break; /* E2BIG cannot happen with cap = 4x */
        }
    }
    iconv(cd, NULL, NULL, &o, &o_left);
    iconv_close(cd);
    *o = '\0';
    size_t n = (size_t)(o - out);
    /* iconv output is valid UTF-8 except for NULs the input carried. */
    char *clean = warta_utf8_repair(a, out, n, out_len, NULL);
    if (repaired)
        *repaired = bad;
    return clean;
}

/* Invisible characters that carry no text: dropped everywhere. ZWJ and
 * ZWNJ stay, since they change how Indic and emoji sequences render. */
static bool is_invisible(int32_t cp)
{
    if (cp == 0x200C || cp == 0x200D)
        return false;
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
        return true;
    if (cp >= 0x7F && cp < 0xA0)
        return true;
    if (cp < 0x80)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_CF;
}

/* Code points that are their own NFC wherever they stand, as long as any
 * marks among them come in canonical order: nothing for NFC to undo, and
 * never after the first place of a canonical decomposition, so no
 * neighbour composes with them. Latin (Vietnamese included), general
 * punctuation (curly quotes, dashes, the ellipsis), currency signs, and
 * the Thai, Lao, Myanmar and Khmer blocks (all but U+102E, which composes
 * U+1026): most of the region's copy. Cyrillic, kana (without the
 * combining voicing marks U+3099 and U+309A), CJK ideographs and Hangul
 * syllables too: a Russian, Japanese, Chinese or Korean article would
 * otherwise go through utf8proc's mapping whole. test_unicode checks
 * every one against utf8proc and every canonical decomposition in
 * Unicode. */
static const struct {
    int32_t lo, hi;
} nfc_inert[] = {
    {0x0080, 0x02FF}, {0x0400, 0x052F}, {0x0E01, 0x0E5B}, {0x0E81, 0x0EDF},
    {0x1000, 0x102D}, {0x102F, 0x109F}, {0x1780, 0x17F9}, {0x1E00, 0x1EFF},
    {0x2002, 0x206F}, {0x20A0, 0x20C0}, {0x3041, 0x3096}, {0x30A1, 0x30FA},
    {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
};

bool warta_cp_nfc_inert(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return true;
    for (size_t i = 0; i < sizeof(nfc_inert) / sizeof(nfc_inert[0]); i++)
        if (cp >= nfc_inert[i].lo && cp <= nfc_inert[i].hi)
            return true;
    return false;
}

/* True when p (valid UTF-8) is made only of NFC-inert code points with
 * their marks in canonical order (combining classes never falling within
 * a run of marks), and so is already NFC: utf8proc's full mapping costs
 * some 300 instructions a byte, and a single curly quote used to send a
 * whole article through it. */
static bool nfc_stable(const char *p, size_t len)
{
    size_t i = 0;
    unsigned last_class = 0;
    for (;;) {
        /* ASCII eight bytes at a time, then one character by itself. */
        size_t from = i;
        for (; i + 8 <= len; i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
        }
        while (i < len && (unsigned char)p[i] < 0x80)
            i++;
        if (i > from)
            last_class = 0; /* ASCII characters are all starters */
        if (i >= len)
            return true;
        int32_t cp;
        i += warta_utf8_decode(p + i, len - i, &cp);
        if (!warta_cp_nfc_inert(cp))
            return false;
        unsigned cls = utf8proc_get_property(cp)->combining_class;
        if (cls && cls < last_class)
            return false; /* out of canonical order: NFC reorders */
        last_class = cls;
    }
}

/* NFC of p[0..len) (already valid UTF-8) via utf8proc; malloc'd, or NULL
 * when the text is already in NFC (or cannot be mapped). */
static utf8proc_uint8_t *nfc(const char *p, size_t len, size_t *out_len)
{
    if (nfc_stable(p, len)) {
        *out_len = 0;
        return NULL;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map(
        (const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len, &dst,
        (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) {
        *out_len = 0;
        return NULL;
    }
    *out_len = (size_t)n;
    return dst;
}

/* Shared body of the two normalisers: keep_newlines keeps '\n'. */
static char *normalize(struct warta_arena *a, const char *p, size_t len,
                       size_t *out_len, bool keep_newlines, bool known_valid)
{
    /* Valid input (the usual case) is read in place, not copied. */
    const char *valid = p;
    size_t vlen = len;
    if (!known_valid && valid_prefix(p, len) != len)
        valid = warta_utf8_repair(a, p, len, &vlen, NULL);
    size_t mlen;
    utf8proc_uint8_t *mapped = nfc(valid, vlen, &mlen);
    const char *src = mapped ? (const char *)mapped : valid;
    size_t slen = mapped ? mlen : vlen;

    char *out = warta_arena_alloc_uninit(a, slen + 1);
    size_t k = 0;
    bool dropped = false; /* an invisible character was removed */
    /* A white-space run becomes one space where it follows text on the
     * line; spaces left before a line end or at the end are trimmed. */
#define SPACE_FITS() (k && out[k - 1] != ' ' && out[k - 1] != '\n')
    for (size_t i = 0; i < slen;) {
        /* Eight bytes at a time while they are printable ASCII or single
         * spaces that fit: most of any article, copied as they are. */
        while (i + 8 <= slen) {
            uint64_t w;
            memcpy(&w, src + i, 8);
            const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7F7F7F7F7F7F7F7FULL;
            uint64_t low = w & lo7;
            uint64_t below_space = ~(low + 0x6060606060606060ULL) & hi;
            uint64_t del = (low + 0x0101010101010101ULL) & hi;
            if ((w & hi) | below_space | del)
                break;
            uint64_t x = w ^ 0x2020202020202020ULL;
            uint64_t spaces = ~(((x & lo7) + lo7) | x | lo7);
            if (spaces & (spaces << 8))
                break; /* two spaces in a row */
            if (src[i] == ' ' && !SPACE_FITS())
                break; /* a leading space the line cannot take */
            memcpy(out + k, &w, 8);
            k += 8;
            i += 8;
        }
        if (i >= slen)
            break;
        unsigned char c = (unsigned char)src[i];
        if (c > ' ' && c < 0x7F) {
            out[k++] = (char)c;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = warta_utf8_decode(src + i, slen - i, &cp);
        const char *at = src + i;
        i += n;
        if (cp == '\r') {
            /* \r\n and lone \r are line ends. */
            if (i < slen && src[i] == '\n')
                continue;
            cp = '\n';
        }
        if (cp == '\n' && keep_newlines) {
            while (k && out[k - 1] == ' ')
                k--;
            out[k++] = '\n';
            continue;
        }
        if (warta_cp_is_space(cp)) {
            if (SPACE_FITS())
                out[k++] = ' ';
            continue;
        }
        if (is_invisible(cp)) {
            dropped = true;
            continue;
        }
        memcpy(out + k, at, n);
        k += n;
    }
#undef SPACE_FITS
    free(mapped);
    /* Trim, keeping interior newlines. */
    size_t start = 0;
    while (start < k && (out[start] == ' ' || out[start] == '\n'))
        start++;
    while (k > start && (out[k - 1] == ' ' || out[k - 1] == '\n'))
        k--;
    out[k] = '\0';
    if (dropped) {
        /* What an invisible character kept apart may now compose or need
         * reordering (e, ZWSP, U+0301): NFC once more, when the check
         * says so. Spaces and line ends are starters, so collapsing them
         * never does this. */
        size_t again_len;
        utf8proc_uint8_t *again = nfc(out + start, k - start, &again_len);
        if (again) {
            char *copy = warta_arena_alloc_uninit(a, again_len + 1);
            memcpy(copy, again, again_len);
            copy[again_len] = '\0';
            free(again);
            if (out_len)
                *out_len = again_len;
            return copy;
        }
    }
    if (out_len)
        *out_len = k - start;
    return out + start;
}

char *warta_text_normalize(struct warta_arena *a, const char *p, size_t len,
                           size_t *out_len)
{
    return normalize(a, p, len, out_len, false, false);
}

char *warta_text_normalize_lines(struct warta_arena *a, const char *p,
                                 size_t len, size_t *out_len)
{
    return normalize(a, p, len, out_len, true, false);
}

char *warta_text_normalize_valid_lines(struct warta_arena *a, const char *p,
                                       size_t len, size_t *out_len)
{
    return normalize(a, p, len, out_len, true, true);
}

static bool cp_is_word(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* The one definition of a word's hash, inlined into the fold loop. */
static inline uint64_t word_hash(const char *w, size_t n)
{
    uint64_t h = XXH3_64bits(w, n);
    return h ? h : 1; /* 0 marks an empty slot in the hash sets */
}

uint64_t warta_word_hash(const char *w, size_t n)
{
    return word_hash(w, n);
}

/* ASCII letters and digits to their folded byte; everything else
 * (punctuation, white space, bytes of multi-byte characters) to 0. */
static const unsigned char ascii_fold[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
#define L(c) [c] = c, [c - 32] = c
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
    L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
    L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

/* High bit of each byte of x that is an ASCII letter or digit. Each
 * range test adds within a byte (all bytes below 0x80 first), so no carry
 * crosses into the next byte. */
static inline uint64_t alnum_bytes(uint64_t x)
{
    const uint64_t hi = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    uint64_t a = x & ~hi;
    uint64_t lower = a | (ones * 0x20);
    uint64_t letter = (lower + ones * (0x80 - 'a')) & ~(lower + ones * (0x7F - 'z'));
    uint64_t digit = (a + ones * (0x80 - '0')) & ~(a + ones * (0x7F - '9'));
    return (letter | digit) & ~x & hi;
}

/* Copies the ASCII letters and digits from p[i] on, lower-cased, to
 * out[*k..]; returns where they end. Eight bytes at a time where the byte
 * order allows: the lower-cased chunk is stored whole and the run length
 * read off the mask (cap leaves room for the over-write). */
static size_t copy_ascii_word(const char *p, size_t len, size_t i, char *out,
                              size_t *k, size_t cap)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t hi = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    while (i + 8 <= len && *k + 8 <= cap) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t m = alnum_bytes(x);
        uint64_t lower = (x & ~hi) | (ones * 0x20);
        memcpy(out + *k, &lower, 8);
        size_t run = m == hi ? 8 : (size_t)__builtin_ctzll(~m & hi) >> 3;
        i += run;
        *k += run;
        if (run < 8)
            return i;
    }
#endif
    unsigned char folded;
    while (i < len && (folded = ascii_fold[(unsigned char)p[i]])) {
        out[(*k)++] = (char)folded;
        i++;
    }
    return i;
}

/* The word hashes of one fold, grown as words end. */
struct word_list {
    struct warta_arena *arena;
    uint64_t *hashes; /* NULL when the caller wants none */
    size_t n, cap;
};

static void word_list_grow(struct word_list *wl)
{
    size_t cap = wl->cap * 2;
    wl->hashes = warta_arena_grow(wl->arena, wl->hashes, wl->n, cap,
                                  sizeof(*wl->hashes));
    wl->cap = cap;
}

static inline void word_list_add(struct word_list *wl, const char *word, size_t n)
{
    if (wl->n == wl->cap)
        word_list_grow(wl);
    wl->hashes[wl->n++] = word_hash(word, n);
}

#define NO_WORD ((size_t)-1)

char *warta_text_fold_words(struct warta_arena *a, const char *p, size_t len,
                            size_t *out_len, const uint64_t **hashes,
                            size_t *n_words)
{
    /* Code point by code point: ASCII through a table, anything else
     * through utf8proc's case folding, compatibility decomposition and
     * mark stripping for that one character. A folded character is at most
     * a few code points, each at most 4 bytes. Words are hashed as they
     * end, while their bytes are still in cache. */
    const utf8proc_option_t opts =
        (utf8proc_option_t)(UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
                            UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    char *out = warta_arena_alloc_uninit(a, len * 3 + 1);
    size_t cap = len * 3, k = 0;
    size_t word = NO_WORD; /* where the current word starts in out */
    size_t words = 0;
    struct word_list wl = {.arena = a};
    if (hashes) {
        /* Words average more than four bytes with their separator. */
        wl.cap = len / 4 + 4;
        wl.hashes = warta_arena_alloc_uninit(a, wl.cap * sizeof(*wl.hashes));
    }
#define END_WORD()                                                         \
    do {                                                                   \
        if (word != NO_WORD) {                                             \
            words++;                                                       \
            if (wl.hashes)                                                 \
                word_list_add(&wl, out + word, k - word);                  \
            word = NO_WORD;                                                \
        }                                                                  \
    } while (0)
#define BEGIN_WORD()                                                       \
    do {                                                                   \
        if (word == NO_WORD) {                                             \
            if (k)                                                         \
                out[k++] = ' ';                                            \
            word = k;                                                      \
        }                                                                  \
    } while (0)
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80) {
            unsigned char folded = ascii_fold[c];
            if (!folded) {
                i++;
                END_WORD();
                continue;
            }
            BEGIN_WORD();
            i = copy_ascii_word(p, len, i, out, &k, cap);
            continue;
        }
        int32_t cp;
        i += warta_utf8_decode(p + i, len - i, &cp);
        utf8proc_int32_t dst[8];
        int last = 0;
        utf8proc_ssize_t n = cp < 0 ? 0 : utf8proc_decompose_char(cp, dst, 8, opts, &last);
        if (n <= 0 || n > 8) {
            END_WORD();
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < n; j++) {
            if (!cp_is_word(dst[j])) {
                END_WORD();
                continue;
            }
            if (k + 5 >= cap)
                break;
            BEGIN_WORD();
            k += (size_t)utf8proc_encode_char(dst[j], (utf8proc_uint8_t *)out + k);
        }
    }
    END_WORD();
#undef END_WORD
#undef BEGIN_WORD
    out[k] = '\0';
    if (out_len)
        *out_len = k;
    if (hashes)
        *hashes = wl.hashes;
    if (n_words)
        *n_words = words;
    return out;
}

char *warta_text_fold(struct warta_arena *a, const char *p, size_t len,
                      size_t *out_len)
{
    return warta_text_fold_words(a, p, len, out_len, NULL, NULL);
}
