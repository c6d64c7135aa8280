/*
 * HTML bytes to UTF-8. Browsers trust, in order: a BOM, the transport
 * charset, the page's own declaration, then a guess. Pages lie in one
 * common way: they say UTF-8 (or say nothing) and carry windows-1252 bytes,
 * often mixed with real UTF-8 after a CMS migration. So a declared UTF-8
 * page that fails validation keeps its valid sequences and reads each stray
 * byte as windows-1252; a page with no valid multi-byte sequence at all is
 * handed to uchardet instead.
 */
#include "clean/html.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "warta/str.h"
#include "warta/unicode.h"

/* windows-1252 0x80..0x9F; other high bytes equal their code point. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* How many of the first bytes of p[0..n), at most 32, are ASCII. */
static size_t ascii_prefix(const char *p, size_t n)
{
    if (n >= 32) {
        uint64_t w[4];
        memcpy(w, p, sizeof(w));
        if (!((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull))
            return 32;
    }
    size_t k = 0;
    while (k < n && k < 32 && (unsigned char)p[k] < 0x80)
        k++;
    return k;
}

/* Counts valid multi-byte sequences and invalid bytes. */
static void utf8_census(const char *p, size_t len, size_t *multi,
                        size_t *invalid, bool *nul)
{
    *multi = *invalid = 0;
    *nul = memchr(p, '\0', len) != NULL;
    size_t i = 0;
    while (i < len) {
        /* Pages are mostly ASCII markup: skip it 32 bytes at a time. */
        i += ascii_prefix(p + i, len - i);
        if (i == len || (unsigned char)p[i] < 0x80)
            continue;
        int32_t cp;
        size_t n = warta_utf8_decode(p + i, len - i, &cp);
        if (cp < 0)
            (*invalid)++;
        else
            (*multi)++;
        i += n;
    }
}

/* Keeps valid UTF-8, reads each invalid byte as windows-1252. */
static char *utf8_or_cp1252(struct warta_arena *a, const char *p, size_t len,
                            size_t *out_len)
{
    char *out = warta_arena_alloc(a, len * 3 + 1);
    size_t k = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80) {
            out[k++] = c ? (char)c : ' ';
            i++;
            continue;
        }
        int32_t cp;
        size_t n = warta_utf8_decode(p + i, len - i, &cp);
        if (cp >= 0) {
            memcpy(out + k, p + i, n);
            k += n;
            i += n;
            continue;
        }
        unsigned u = c < 0xA0 ? cp1252_high[c - 0x80] : c;
        k += put_utf8(out + k, u);
        i++;
    }
    out[k] = '\0';
    *out_len = k;
    return out;
}

static bool is_utf8_label(const char *cs)
{
    return !strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8") ||
           !strcasecmp(cs, "us-ascii") || !strcasecmp(cs, "ascii") ||
           !strcasecmp(cs, "unicode-1-1-utf-8");
}

/* Copies a charset token (letters, digits, -_.:) from p into out. */
static bool copy_token(const char *p, const char *end, char *out, size_t outlen)
{
    while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '='))
        p++;
    size_t k = 0;
    while (p < end && k + 1 < outlen &&
           (isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
            *p == '.' || *p == ':'))
        out[k++] = *p++;
    out[k] = '\0';
    return k > 0;
}

bool warta_html_sniff_meta_charset(const char *p, size_t len, char *out,
                                   size_t outlen)
{
    /* The HTML standard's prescan looks at the first 1024 bytes; real
     * pages put scripts first, so allow more. */
    size_t n = len < 8192 ? len : 8192;
    struct warta_str win = warta_str_make(p, n);
    size_t off = 0;
    while (off < n) {
        struct warta_str rest = warta_str_make(win.p + off, n - off);
        long m = warta_str_ifind(rest, "<meta");
        if (m < 0)
            return false;
        const char *tag = rest.p + m;
        const char *end = memchr(tag, '>', (size_t)(p + n - tag));
        if (!end)
            return false;
        struct warta_str t = warta_str_make(tag, (size_t)(end - tag));
        long c = warta_str_ifind(t, "charset");
        if (c >= 0 && copy_token(t.p + c + 7, end, out, outlen))
            return true;
        off = (size_t)(end - p);
    }
    return false;
}

static const char *detect(const char *p, size_t len)
{
    static __thread char name[64];
    uchardet_t ud = uchardet_new();
    size_t n = len < (1u << 20) ? len : (1u << 20);
    const char *res = NULL;
    if (uchardet_handle_data(ud, p, n) == 0) {
        uchardet_data_end(ud);
        const char *cs = uchardet_get_charset(ud);
        if (cs && *cs) {
            size_t l = strlen(cs);
            if (l >= sizeof(name))
                l = sizeof(name) - 1;
            memcpy(name, cs, l);
            name[l] = '\0';
            res = name;
        }
    }
    uchardet_delete(ud);
    return res;
}

char *warta_html_decode(struct warta_doc *doc, size_t *out_len)
{
    struct warta_arena *a = doc->arena;
    const char *p = doc->input;
    size_t len = doc->input_len;
    bool repaired = false;
    char *out;

    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        doc->source.charset = "utf-8";
        return warta_utf8_repair(a, p + 3, len - 3, out_len, &repaired);
    }
    if (len >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2))) {
        const char *cs = p[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        out = warta_charset_to_utf8(a, cs, p + 2, len - 2, out_len, &repaired);
        if (out) {
            doc->source.charset = p[0] == '\xFF' ? "utf-16le" : "utf-16be";
            return out;
        }
    }

    char meta[64];
    const char *declared = doc->source.charset;
    if (!declared && warta_html_sniff_meta_charset(p, len, meta, sizeof(meta)))
        declared = warta_arena_strdup(a, meta);

    size_t multi, invalid;
    bool nul;
    utf8_census(p, len, &multi, &invalid, &nul);
    if (invalid == 0) {
        /* Valid UTF-8 with real multi-byte text wins over a declaration
         * of a single-byte charset: such bytes are vanishingly unlikely
         * in legacy encodings. Pure ASCII is the same in all of them. */
        if (!declared || is_utf8_label(declared) || multi > 0) {
            doc->source.charset = multi > 0 || !declared ? "utf-8" : declared;
            if (!nul) {
                /* Already what the parser needs: no copy. */
                *out_len = len;
                return doc->input;
            }
            return warta_utf8_repair(a, p, len, out_len, &repaired);
        }
    }
    if (declared && !is_utf8_label(declared)) {
        out = warta_charset_to_utf8(a, declared, p, len, out_len, &repaired);
        if (out) {
            doc->source.charset = declared;
            return out;
        }
    }
    if (multi == 0 || invalid * 4 > multi) {
        /* Not UTF-8, or only by accident (GBK or Shift_JIS pairs can form
         * valid sequences): ask the detector. A windows-1252 verdict is
         * better served by the byte-wise repair below, which keeps any
         * real UTF-8 in the page intact. */
        const char *cs = detect(p, len);
        if (cs && !is_utf8_label(cs) && strcasecmp(cs, "windows-1252") &&
            strcasecmp(cs, "iso-8859-1") && strcasecmp(cs, "iso-8859-15")) {
            out = warta_charset_to_utf8(a, cs, p, len, out_len, &repaired);
            if (out) {
                doc->source.charset = warta_arena_strdup(a, cs);
                for (char *c = (char *)doc->source.charset; *c; c++)
                    *c = (char)tolower((unsigned char)*c);
                return out;
            }
        }
    }
    doc->source.charset = "windows-1252";
    if (multi > 0) {
        doc->source.charset = "utf-8";
        warta_doc_warn(doc, "invalid-utf8-repaired");
    }
    return utf8_or_cp1252(a, p, len, out_len);
}
