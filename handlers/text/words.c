/*
 * Words and sentences: the counts every stage agrees on (a block's word
 * count decides head lines, body paragraphs and stats alike).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "warta/str.h"
#include "warta/text.h"

static bool cp_is_word(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z') || cp == '_';
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MN) ||
           cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

size_t warta_count_words(const char *p, size_t len)
{
    return warta_count_words_upto(p, len, (size_t)-2);
}

/* ASCII bytes that belong to a word (letters, digits, '_'). */
static const bool ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
#define L(c) [c] = 1, [c - 32] = 1
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
    L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
    L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

size_t warta_count_words_upto(const char *p, size_t len, size_t limit)
{
    size_t words = 0;
    bool in_word = false;
    while (len) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            /* The rest of an ASCII word, then the next byte. */
            bool w = ascii_word[c];
            if (w && !in_word && ++words > limit)
                return words;
            in_word = w;
            p++;
            len--;
            if (w)
                while (len && (unsigned char)*p < 0x80 && ascii_word[(unsigned char)*p]) {
                    p++;
                    len--;
                }
            continue;
        }
        int32_t cp;
        size_t n = warta_utf8_decode(p, len, &cp);
        bool w = cp_is_word(cp);
        if (w && !in_word && ++words > limit)
            return words;
        in_word = w;
        p += n;
        len -= n;
    }
    return words;
}

bool warta_ends_sentence(const char *p, size_t len)
{
    while (len && (p[len - 1] == '"' || p[len - 1] == '\'' || p[len - 1] == ')'))
        len--;
    if (len >= 3 && (unsigned char)p[len - 3] == 0xE2 &&
        (unsigned char)p[len - 2] == 0x80 &&
        ((unsigned char)p[len - 1] == 0x9D || (unsigned char)p[len - 1] == 0x99))
        len -= 3; /* closing curly quote */
    return len && (p[len - 1] == '.' || p[len - 1] == '!' ||
                   p[len - 1] == '?' || p[len - 1] == ':');
}

/* Where the sentence that runs on from `from` ends: after '.', '!', '?' or
 * an ellipsis, with any closing quotes, when a space and no lower-case
 * letter follow ("3.5", "e.g. this" go on). A stop after an initial or an
 * initialism ("J. Smith", "U.S. officials") or after a short capitalised
 * word ("Dr.", "Mr.") is taken for an abbreviation: a sentence cut there
 * would be a fragment, while a missed end only makes the lead longer.
 * Returns len when the text has no later end. */
static size_t sentence_end(const char *p, size_t len, size_t from)
{
    for (size_t i = from; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        size_t e = i + 1;
        bool ellipsis = c == 0xE2 && i + 2 < len && (unsigned char)p[i + 1] == 0x80 &&
                        (unsigned char)p[i + 2] == 0xA6;
        if (ellipsis)
            e = i + 3;
        else if (c != '.' && c != '!' && c != '?')
            continue;
        for (;;) {
            if (e < len && (p[e] == '"' || p[e] == '\'' || p[e] == ')')) {
                e++;
            } else if (e + 2 < len && (unsigned char)p[e] == 0xE2 &&
                       (unsigned char)p[e + 1] == 0x80 &&
                       ((unsigned char)p[e + 2] == 0x9D || (unsigned char)p[e + 2] == 0x99)) {
                e += 3; /* closing curly quote */
            } else if (e + 1 < len && (unsigned char)p[e] == 0xC2 &&
                       (unsigned char)p[e + 1] == 0xBB) {
                e += 2; /* closing guillemet */
            } else {
                break;
            }
        }
        if (e >= len || p[e] != ' ')
            continue;
        if (c == '.') {
            size_t w = i;
            bool dotted = false;
            while (w > 0 && p[w - 1] != ' ') {
                dotted = dotted || p[w - 1] == '.';
                w--;
            }
            size_t wl = i - w;
            if (dotted || wl == 1 || (wl == 2 && isupper((unsigned char)p[w])))
                continue;
        }
        size_t k = e;
        while (k < len && p[k] == ' ')
            k++;
        if (k < len && islower((unsigned char)p[k]))
            continue;
        return e;
    }
    return len;
}

/* Byte offset of the n-th code point of p[0..len), or len. */
static size_t byte_of_char(const char *p, size_t len, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80 && chars++ == n)
            return i;
    return len;
}

const char *warta_lead_sentences(struct warta_arena *a, const char *p, size_t len,
                                 size_t max_chars)
{
    struct warta_str s = warta_str_trim(warta_str_make(p, len));
    if (!s.len || !max_chars)
        return NULL;
    size_t end = sentence_end(s.p, s.len, 0);
    if (end < s.len) {
        size_t two = sentence_end(s.p, s.len, end);
        if (warta_utf8_length_upto(s.p, two, max_chars) <= max_chars)
            end = two;
    }
    struct warta_str lead = warta_str_trim(warta_str_make(s.p, end));
    if (warta_utf8_length_upto(lead.p, lead.len, max_chars) <= max_chars)
        return warta_arena_strndup(a, lead.p, lead.len);
    /* One sentence longer than the cap: cut at the last space that leaves
     * room for the ellipsis, so no word is cut in half. */
    size_t b = byte_of_char(lead.p, lead.len, max_chars - 1), cut = b;
    while (cut > 0 && lead.p[cut] != ' ')
        cut--;
    if (!cut)
        cut = b;
    while (cut > 0 && strchr(" ,;:-", lead.p[cut - 1]))
        cut--;
    return warta_arena_printf(a, "%.*s\xE2\x80\xA6", (int)cut, lead.p);
}

/* Above these a keyword is a search phrase written for engines ("harga
 * emas hari ini di jakarta terbaru"), not a subject a reader can follow:
 * real tags name a person, place, event or topic in a few words. */
#define TAG_MAX_WORDS 5
#define TAG_MAX_CHARS 50

bool warta_is_tag_text(struct warta_str s)
{
    s = warta_str_trim(s);
    if (!s.len || warta_count_words_upto(s.p, s.len, TAG_MAX_WORDS) > TAG_MAX_WORDS ||
        warta_utf8_length_upto(s.p, s.len, TAG_MAX_CHARS) > TAG_MAX_CHARS)
        return false;
    /* A name or a word opens a tag; "& Economics" is a list's leftover. */
    unsigned char first = (unsigned char)s.p[0];
    if (first < 0x80 && !isalnum(first))
        return false;
    /* A CMS key is "key: value" or "key=value" ("Category: News",
     * "pageType=article"): a field for machines, whatever its spaces. */
    for (size_t i = 0; i < s.len; i++)
        if (strchr("_:=@|\\", s.p[i]))
            return false;
    if (memchr(s.p, ' ', s.len))
        return true;
    /* One token: a wire or CMS slug joins parts with '/' or a double
     * hyphen ("US/POLITICS", "BC-EU--Brexit"), chains three or more
     * capitalised parts ("US-USA-ELECTION") or five of any case
     * ("stats-reach-team-all-articles"), or is a number or carries one too
     * long for a name ("887412", "ID20230514"); "COVID-19", "G20", "5G" and
     * "black-lives-matter" stay. */
    size_t digits = 0, letters = 0, lower = 0, hyphens = 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (c == '/' || (c == '-' && i + 1 < s.len && s.p[i + 1] == '-'))
            return false;
        digits += isdigit(c) != 0;
        letters += isalpha(c) != 0 || c >= 0x80;
        lower += islower(c) != 0 || c >= 0x80;
        hyphens += c == '-';
    }
    if ((!lower && hyphens >= 2) || hyphens >= 4)
        return false;
    if ((letters && digits >= 4) || !letters)
        return false;
    return true;
}
