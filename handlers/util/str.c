/* String views and Unicode-aware helpers shared by every stage. */
#include "warta/str.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

#include "warta/arena.h"

struct warta_str warta_str_from(const char *cstr)
{
    return warta_str_make(cstr, cstr ? strlen(cstr) : 0);
}

size_t warta_utf8_decode(const char *p, size_t len, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p,
                                          (utf8proc_ssize_t)len, &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

bool warta_cp_is_space(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
        return true;
    if (cp < 0x80)
        return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || cp == 0x85;
}

struct warta_str warta_str_trim(struct warta_str s)
{
    while (s.len) {
        int32_t cp;
        size_t n = warta_utf8_decode(s.p, s.len, &cp);
        if (!warta_cp_is_space(cp))
            break;
        s.p += n;
        s.len -= n;
    }
    while (s.len) {
        /* Step back to the start of the last code point. */
        size_t i = s.len - 1;
        while (i > 0 && ((unsigned char)s.p[i] & 0xC0) == 0x80 && s.len - i < 4)
            i--;
        int32_t cp;
        warta_utf8_decode(s.p + i, s.len - i, &cp);
        if (!warta_cp_is_space(cp))
            break;
        s.len = i;
    }
    return s;
}

static bool iequal_n(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (warta_ascii_lower((unsigned char)a[i]) != warta_ascii_lower((unsigned char)b[i]))
            return false;
    return true;
}

bool warta_str_ieq(struct warta_str a, const char *b)
{
    size_t n = strlen(b);
    return a.len == n && iequal_n(a.p, b, n);
}

bool warta_str_istarts(struct warta_str s, const char *prefix)
{
    return warta_str_istarts_n(s, prefix, strlen(prefix));
}

bool warta_str_istarts_n(struct warta_str s, const char *prefix, size_t n)
{
    return s.len >= n && iequal_n(s.p, prefix, n);
}

bool warta_str_iends(struct warta_str s, const char *suffix)
{
    size_t n = strlen(suffix);
    return s.len >= n && iequal_n(s.p + s.len - n, suffix, n);
}

long warta_str_ifind(struct warta_str s, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return 0;
    for (size_t i = 0; i + n <= s.len; i++)
        if (iequal_n(s.p + i, needle, n))
            return (long)i;
    return -1;
}

long warta_str_trailing_parens(struct warta_str s)
{
    if (!s.len || s.p[s.len - 1] != ')')
        return -1;
    size_t depth = 0, i = s.len;
    while (i > 0) {
        i--;
        if (s.p[i] == ')')
            depth++;
        else if (s.p[i] == '(' && --depth == 0)
            return (long)i;
    }
    return -1;
}

size_t warta_utf8_length(const char *p, size_t len)
{
    return warta_utf8_length_upto(p, len, SIZE_MAX);
}

size_t warta_utf8_length_upto(const char *p, size_t len, size_t limit)
{
    size_t count = 0;
    /* A byte starts a character unless it is a continuation byte
     * (10xxxxxx), eight bytes at a time and then one by one. The tail is
     * counted by the same rule, not decoded: the last chunk may have
     * ended inside a character, leaving its continuation bytes here. */
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t starts = ((~w >> 7) | (w >> 6)) & 0x0101010101010101ULL;
        /* The eight 0/1 bytes summed into the top byte (no popcount
         * instruction is assumed: baseline x86-64 lacks it). */
        count += (size_t)((starts * 0x0101010101010101ULL) >> 56);
        p += 8;
        len -= 8;
        if (count > limit)
            return count;
    }
    for (; len; p++, len--)
        count += ((unsigned char)*p & 0xC0) != 0x80;
    return count;
}

char *warta_title_case_if_shouting(struct warta_arena *a, struct warta_str s)
{
    bool has_lower = false, has_upper = false;
    for (size_t i = 0; i < s.len; i++) {
        has_lower |= islower((unsigned char)s.p[i]) != 0;
        has_upper |= isupper((unsigned char)s.p[i]) != 0;
    }
    char *out = warta_arena_strndup(a, s.p, s.len);
    if (has_lower || !has_upper)
        return out;
    bool start = true;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)out[i];
        /* Latin-1 capitals (U+00C0-U+00DE but U+00D7) in UTF-8: "THÜRINGEN"
         * becomes "Thüringen", not "ThÜringen". */
        if (c == 0xC3 && i + 1 < s.len) {
            unsigned char d = (unsigned char)out[i + 1];
            if (!start && d >= 0x80 && d <= 0x9E && d != 0x97)
                out[i + 1] = (char)(d + 0x20);
            start = false;
            i++;
            continue;
        }
        if (isalpha(c)) {
            out[i] = (char)(start ? c : tolower(c));
            start = false;
        } else {
            start = c == ' ' || c == '-' || c == ',' || c == '(' || c == '/' ||
                    c == '\'';
        }
    }
    return out;
}

size_t warta_format_i64(char out[20], int64_t v)
{
    char num[20];
    size_t k = sizeof(num);
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        num[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        num[--k] = '-';
    memcpy(out, num + k, sizeof(num) - k);
    return sizeof(num) - k;
}

void warta_hex64(char out[16], uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, v >>= 4)
        out[i] = digits[v & 15];
}

static void two_digits(char *out, unsigned v)
{
    out[0] = (char)('0' + v / 10);
    out[1] = (char)('0' + v % 10);
}

bool warta_format_utc(char out[21], int64_t t)
{
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    /* Civil date from days since 1970-01-01, in 400-year eras whose years
     * start on 1 March (H. Hinnant, "chrono-Compatible Low-Level Date
     * Algorithms"). */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    unsigned month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    int64_t year = yoe + era * 400 + (month <= 2);
    if (year < 0 || year > 9999)
        return false;
    two_digits(out, (unsigned)(year / 100));
    two_digits(out + 2, (unsigned)(year % 100));
    out[4] = '-';
    two_digits(out + 5, month);
    out[7] = '-';
    two_digits(out + 8, day);
    out[10] = 'T';
    two_digits(out + 11, (unsigned)(secs / 3600));
    out[13] = ':';
    two_digits(out + 14, (unsigned)(secs / 60 % 60));
    out[16] = ':';
    two_digits(out + 17, (unsigned)(secs % 60));
    out[19] = 'Z';
    out[20] = '\0';
    return true;
}
