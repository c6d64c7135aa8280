/*
 * Phrase matching over the language tables: every registered language's
 * labels, "read also" prefixes, furniture lines, copyright openers, photo
 * words and agencies, looked up through the lexicon's first-letter
 * buckets. Copy mixes languages (an Indonesian page with an English
 * "SCROLL TO CONTINUE WITH CONTENT"), so no language is chosen first.
 */
#include <ctype.h>
#include <string.h>

#include "warta/lang.h"
#include "warta/str.h"
#include "warta/text.h"

/* The phrases of one category that could start s. */
static const struct warta_lex_entry *candidates(enum warta_lex cat,
                                                struct warta_str s, size_t *n)
{
    if (!s.len) {
        *n = 0;
        return NULL;
    }
    return warta_lex_bucket(cat, (unsigned char)s.p[0], n);
}

static struct warta_str strip_trailing_punct(struct warta_str s)
{
    while (s.len && s.p[s.len - 1] && strchr(" .:!|>\xC2\xBB", s.p[s.len - 1]))
        s.len--;
    return s;
}

/* Case-insensitive equality ignoring trailing punctuation and spaces on
 * both sides ("Advertisement:" is the table's "Advertisement"). */
static bool line_is(struct warta_str s, const struct warta_lex_entry *phrase)
{
    struct warta_str a = strip_trailing_punct(s);
    struct warta_str b = strip_trailing_punct(warta_str_make(phrase->text, phrase->len));
    return a.len == b.len && a.len && warta_str_istarts_n(a, b.p, b.len);
}

/* s starts with the phrase (case-insensitive) followed by a non-letter. */
static bool starts_with_entry(struct warta_str s, const struct warta_lex_entry *e)
{
    return warta_str_istarts_n(s, e->text, e->len) &&
           (s.len == e->len || !isalnum((unsigned char)s.p[e->len]));
}

static bool starts_with_word(struct warta_str s, const char *word)
{
    struct warta_lex_entry e = {word, strlen(word), 0};
    return starts_with_entry(s, &e);
}


bool warta_match_label(struct warta_str seg, enum warta_label_kind *kind,
                       size_t *value_at)
{
    size_t n_cand, best_len = 0;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_LABEL, seg, &n_cand);
    for (size_t k = 0; k < n_cand; k++) {
        size_t n = c[k].len;
        if (n <= best_len || !starts_with_entry(seg, &c[k]))
            continue;
        size_t i = warta_str_skip_spaces(seg, n);
        bool by_form = n > 3 && warta_str_iends(warta_str_make(c[k].text, n), " by");
        if (i < seg.len && seg.p[i] == ':')
            i = warta_str_skip_spaces(seg, i + 1);
        else if (!(by_form && i > n) && !(i >= seg.len && by_form))
            continue;
        best_len = n;
        *kind = (enum warta_label_kind)c[k].value;
        *value_at = i;
    }
    return best_len > 0;
}

bool warta_is_copyright_line(struct warta_str s)
{
    if (starts_with_word(s, "Copyright") || warta_str_istarts(s, "\xC2\xA9") ||
        warta_str_istarts(s, "(c) "))
        return true;
    size_t n;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_COPYRIGHT, s, &n);
    for (size_t k = 0; k < n; k++)
        if (starts_with_entry(s, &c[k]))
            return true;
    return false;
}

size_t warta_related_prefix(struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_RELATED, s, &n);
    for (size_t k = 0; k < n; k++) {
        if (!starts_with_entry(s, &c[k]))
            continue;
        size_t i = warta_str_skip_spaces(s, c[k].len);
        if (i < s.len && (s.p[i] == ':' || s.p[i] == '-')) {
            i = warta_str_skip_spaces(s, i + 1);
            if (i < s.len)
                return i;
        }
    }
    return 0;
}

bool warta_is_furniture_line(struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_FURNITURE_LINE, s, &n);
    for (size_t k = 0; k < n; k++)
        if (line_is(s, &c[k]))
            return true;
    c = candidates(WARTA_LEX_FURNITURE_PREFIX, s, &n);
    for (size_t k = 0; k < n; k++)
        if (starts_with_entry(s, &c[k]))
            return true;
    return false;
}

size_t warta_caption_credit(struct warta_str s)
{
    long open = s.len < 8 ? -1 : warta_str_trailing_parens(s);
    if (open <= 0)
        return 0;
    size_t i = (size_t)open;
    struct warta_str inner = warta_str_trim(warta_str_make(s.p + i + 1, s.len - i - 2));
    if (inner.len < 3 || inner.len > 80)
        return 0;
    size_t n_cand;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_PHOTO, inner, &n_cand);
    for (size_t k = 0; k < n_cand; k++)
        if (starts_with_entry(inner, &c[k]) &&
            (memchr(inner.p, ':', inner.len) || memchr(inner.p, '/', inner.len)))
            return i;
    /* AGENCY/Name: an all-capitals word before the slash. */
    const char *slash = memchr(inner.p, '/', inner.len);
    if (!slash || slash == inner.p)
        return 0;
    size_t upper = 0;
    for (const char *q = inner.p; q < slash; q++) {
        if (islower((unsigned char)*q))
            return 0;
        upper += isupper((unsigned char)*q) != 0;
    }
    return upper >= 2 ? i : 0;
}

bool warta_is_agency(struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_AGENCY, s, &n);
    for (size_t k = 0; k < n; k++)
        if (warta_str_ieq(s, c[k].text))
            return true;
    return false;
}


size_t warta_byline_prefix(struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *c = candidates(WARTA_LEX_BYLINE_PREFIX, s, &n);
    for (size_t k = 0; k < n; k++)
        if (starts_with_entry(s, &c[k]))
            return warta_str_skip_spaces(s, c[k].len);
    return 0;
}
