/*
 * warta/str.h - string views and the small text helpers every stage needs.
 *
 * A view never owns its bytes; its lifetime is that of the buffer it points
 * into (usually the request arena).
 */
#ifndef WARTA_STR_H
#define WARTA_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct warta_str {
    const char *p;
    size_t len;
};

#define WARTA_STR_LIT(s) ((struct warta_str){(s), sizeof(s) - 1})

static inline struct warta_str warta_str_make(const char *p, size_t len)
{
    struct warta_str s = {p, len};
    return s;
}

struct warta_str warta_str_from(const char *cstr);

/* c lower-cased if it is an ASCII capital; every other byte as it is (no
 * locale: the tables and the comparisons are ASCII). */
static inline unsigned char warta_ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* FNV-1a over n bytes: the key of the per-page memos of class verdicts
 * (a page repeats a few class lists on thousands of elements). */
static inline uint64_t warta_fnv1a(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* Strips ASCII and Unicode white space (NBSP, thin space...) both ends. */
struct warta_str warta_str_trim(struct warta_str s);

/* ASCII case-insensitive comparisons; non-ASCII bytes compare exactly. */
bool warta_str_ieq(struct warta_str a, const char *b);
bool warta_str_istarts(struct warta_str s, const char *prefix);
/* The same with the prefix's length known (lexicon entries). */
bool warta_str_istarts_n(struct warta_str s, const char *prefix, size_t n);
bool warta_str_iends(struct warta_str s, const char *suffix);
/* Offset of needle in s (ASCII case-insensitive) or -1. */
long warta_str_ifind(struct warta_str s, const char *needle);

/* Offset of the '(' that opens the parenthesis closing s ("caption
 * (ANTARA/Name)" -> the offset of "(ANTARA"), or -1 when s does not end
 * with a balanced ')'. */
long warta_str_trailing_parens(struct warta_str s);

/* Number of Unicode code points: bytes that do not continue a sequence
 * (for valid UTF-8, exactly its characters). */
size_t warta_utf8_length(const char *p, size_t len);
/* The same, stopping once the count is past limit (it then returns some
 * value above limit): enough to compare a long line with a width. */
size_t warta_utf8_length_upto(const char *p, size_t len, size_t limit);

/* Decodes one code point at p (len > 0); returns bytes consumed (>= 1) and
 * stores -1 in *cp for an invalid sequence. */
size_t warta_utf8_decode(const char *p, size_t len, int32_t *cp);

/* True when the code point is Unicode white space (Zs, Zl, Zp, ASCII). */
bool warta_cp_is_space(int32_t cp);

/* An arena copy of s, title-cased when it is written all in capitals
 * ("KUALA LUMPUR" -> "Kuala Lumpur", "JOSH BOAK" -> "Josh Boak"); other
 * text is copied as is. ASCII letters only are recased. */
struct warta_arena;
char *warta_title_case_if_shouting(struct warta_arena *a, struct warta_str s);

/* v in decimal into out (no NUL); returns its length. By hand: snprintf
 * cost more than the rest of a number's output. */
size_t warta_format_i64(char out[20], int64_t v);

/* v as 16 lowercase hex digits into out (no NUL): ids and fingerprints,
 * formatted on every request. */
void warta_hex64(char out[16], uint64_t v);

/* t (seconds since the epoch) as "YYYY-MM-DDTHH:MM:SSZ" plus a NUL into
 * out; returns false, writing nothing, for a year outside 0000..9999.
 * Pure arithmetic: glibc's gmtime_r takes a process-wide lock. */
bool warta_format_utc(char out[21], int64_t t);

/* The first offset at or after i in s that is not an ASCII space. */
static inline size_t warta_str_skip_spaces(struct warta_str s, size_t i)
{
    while (i < s.len && s.p[i] == ' ')
        i++;
    return i;
}

#endif
