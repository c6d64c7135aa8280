/*
 * Names out of bylines and credit lines: "By A, B and C", "Oleh A dan B",
 * "Reporting by A in Jakarta; ..." (the caller splits on ';'). Prefixes,
 * conjunctions and place prepositions come from the language tables.
 */
#include <ctype.h>
#include <string.h>

#include "metadata.h"
#include "warta/lang.h"
#include "warta/str.h"
#include "warta/text.h"

#define NAME_MAX_WORDS 6
#define NAME_MAX_BYTES 80

static bool word_at(struct warta_str s, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i + n > s.len || !warta_str_istarts(warta_str_make(s.p + i, s.len - i), w))
        return false;
    bool left = i == 0 || s.p[i - 1] == ' ';
    bool right = i + n == s.len || s.p[i + n] == ' ';
    return left && right;
}

/* A word of s begins with a digit: "3.5.2024", "12 Uhr". */
static bool word_starts_digit(struct warta_str s)
{
    for (size_t i = 0; i < s.len; i++)
        if (isdigit((unsigned char)s.p[i]) && (i == 0 || !isalnum((unsigned char)s.p[i - 1])))
            return true;
    return false;
}

/* Strips one leading "By"/"Oleh" (any registered language). */
static struct warta_str strip_prefix(struct warta_str s)
{
    if (!s.len)
        return s;
    size_t n;
    const struct warta_lex_entry *c = warta_lex_bucket(WARTA_LEX_BYLINE_PREFIX, (unsigned char)s.p[0], &n);
    for (size_t k = 0; k < n; k++)
        if (word_at(s, 0, c[k].text))
            return warta_str_trim(warta_str_make(s.p + c[k].len, s.len - c[k].len));
    return s;
}

/* Cuts "Name in Jakarta" to "Name", "Name (ANTARA)" to "Name". */
static struct warta_str clean_name(struct warta_str s)
{
    const char *paren = memchr(s.p, '(', s.len);
    if (paren)
        s.len = (size_t)(paren - s.p);
    s = warta_str_trim(s);
    for (size_t i = 1; i < s.len; i++) {
        if (s.p[i - 1] != ' ')
            continue;
        size_t n;
        const struct warta_lex_entry *c = warta_lex_bucket(WARTA_LEX_PLACE_PREPOSITION, (unsigned char)s.p[i], &n);
        for (size_t k = 0; k < n; k++)
            if (word_at(s, i, c[k].text) && i + c[k].len + 1 < s.len &&
                isupper((unsigned char)s.p[i + c[k].len + 1]))
                return warta_str_trim(warta_str_make(s.p, i));
    }
    /* Trailing punctuation, and the arrow or chevron of a link to the
     * author's page ("Zeige alle Beiträge von Name →"). */
    static const char *const trail[] = {".", ",", ";", ":", "-", "|", ">",
                                        "\xE2\x86\x92", "\xC2\xBB", "\xE2\x80\xBA",
                                        NULL};
    for (bool cut = true; cut;) {
        s = warta_str_trim(s);
        cut = false;
        for (const char *const *t = trail; *t && !cut; t++) {
            size_t l = strlen(*t);
            if (s.len >= l && !memcmp(s.p + s.len - l, *t, l)) {
                s.len -= l;
                cut = true;
            }
        }
    }
    return s;
}

static void push_name(struct warta_arena *a, struct warta_strlist *list,
                      struct warta_str s)
{
    s = clean_name(strip_prefix(warta_str_trim(s)));
    size_t words = warta_count_words(s.p, s.len);
    if (words == 0 || words > NAME_MAX_WORDS || s.len > NAME_MAX_BYTES)
        return;
    /* A name starts with a letter; "2023" or "-" is no name. */
    if (!isalpha((unsigned char)s.p[0]) && (unsigned char)s.p[0] < 0x80)
        return;
    /* An address, a link, a labelled credit ("Foto: X") or a date is no
     * name; a desk's name with digits in a word ("BR24 Redaktion") is. */
    if (memchr(s.p, '@', s.len) || memchr(s.p, ':', s.len) || word_starts_digit(s) ||
        warta_str_ifind(s, "http") >= 0)
        return;
    /* A single short lower-case token ("red", "ssi") is a desk code, not
     * a person; an agency's name stays ("dpa", "AFP"). */
    if (words == 1 && s.len <= 3 && !warta_is_agency(s)) {
        bool lower = true;
        for (size_t i = 0; i < s.len; i++)
            lower = lower && !isupper((unsigned char)s.p[i]);
        if (lower || s.len == 1)
            return;
    }
    /* Wire bylines shout ("By JOSH BOAK"); names are stored as written
     * elsewhere. */
    warta_strlist_push_unique(a, list, warta_title_case_if_shouting(a, s));
}

void warta_split_names(struct warta_arena *a, struct warta_strlist *list,
                       const char *text, size_t len)
{
    struct warta_str s = strip_prefix(warta_str_trim(warta_str_make(text, len)));
    size_t start = 0;
    for (size_t i = 0; i <= s.len; i++) {
        size_t cut = 0; /* length of the separator at i */
        if (i == s.len) {
            cut = 1;
        } else if (s.p[i] == ',' || s.p[i] == ';' || s.p[i] == '&' ||
                   s.p[i] == '|') {
            cut = 1;
        } else if (s.p[i] == ' ' && i + 1 < s.len) {
            size_t n;
            const struct warta_lex_entry *c = warta_lex_bucket(WARTA_LEX_CONJUNCTION, (unsigned char)s.p[i + 1], &n);
            for (size_t k = 0; k < n; k++)
                /* Exact case: "dan" joins names, "Dan" is one. */
                if (word_at(s, i + 1, c[k].text) && !memcmp(s.p + i + 1, c[k].text, c[k].len)) {
                    cut = c[k].len + 2;
                    break;
                }
        }
        if (!cut)
            continue;
        push_name(a, list, warta_str_make(s.p + start, i - start));
        start = i + cut;
        i = start - 1;
        if (start > s.len)
            break;
    }
}
