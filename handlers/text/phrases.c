/*
 * Phrase matching over the language tables: every registered language's
 * labels, "read also" prefixes, furniture lines, copyright openers, photo
 * words and agencies, looked up through the lexicon's first-letter
 * buckets. Copy mixes languages (an Indonesian page with an English
 * "SCROLL TO CONTINUE WITH CONTENT"), so no language is chosen first.
 */
#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include "warta/arena.h"
#include "warta/lang.h"
#include "warta/stems.h"
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

/* The entry of `cat` that s is, as a whole (ASCII case ignored). */
static const struct warta_lex_entry *whole_entry(enum warta_lex cat, struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *c = candidates(cat, s, &n);
    for (size_t k = 0; k < n; k++)
        if (warta_str_ieq(s, c[k].text))
            return &c[k];
    return NULL;
}

/* The entry of `cat` that the line is, trailing punctuation aside. */
static const struct warta_lex_entry *line_entry(enum warta_lex cat, struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *c = candidates(cat, s, &n);
    for (size_t k = 0; k < n; k++)
        if (line_is(s, &c[k]))
            return &c[k];
    return NULL;
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

/* Promos are lines, not paragraphs: past this many words a line that
 * opens like one is a story that happens to ("Dengarkan suara ..."). */
#define PROMO_MAX_WORDS 50
/* A whole furniture line is a few words, or a few glued together
 * ("ADVERTISEMENTSCROLL TO CONTINUE WITH CONTENT"). */
#define FURNITURE_LINE_MAX_WORDS 16
#define SKELETON_MAX 512
/* Longest embed token, "[Gambas:Video 20detik]" and its kin. */
#define EMBED_MAX 64

/* What is left of a line for comparing it with the furniture phrases once
 * case, spacing and punctuation are gone: pasted copy glues a promo to its
 * neighbour, doubles spaces and recases freely ("Simak juga VIDEO:",
 * "ADVERTISEMENTSCROLL TO ..."), and the desks' templates spell the same
 * promo a dozen ways. ':' stays: "Watch:" is a promo, "Watch the" is
 * not. Letters outside ASCII stay as they are. */
struct skeleton {
    char c[SKELETON_MAX];
    unsigned short end[SKELETON_MAX]; /* offset in the line past c[i]'s byte */
    size_t n;
};

static bool skeleton_keeps(unsigned char c)
{
    return isalnum(c) || c == ':';
}

/* Punctuation and spaces outside ASCII: U+0080..U+00BF (NBSP, guillemets)
 * and U+2000..U+206F (dashes, curly quotes, ellipsis). */
static size_t non_ascii_punct(const char *p, size_t len)
{
    unsigned char a = (unsigned char)p[0];
    if (a == 0xC2 && len >= 2)
        return 2;
    if (a == 0xE2 && len >= 3 && ((unsigned char)p[1] == 0x80 || (unsigned char)p[1] == 0x81))
        return 3;
    return 0;
}

static bool make_skeleton(struct warta_str s, struct skeleton *k)
{
    k->n = 0;
    for (size_t i = 0; i < s.len;) {
        unsigned char c = (unsigned char)s.p[i];
        size_t skip = c >= 0x80 ? non_ascii_punct(s.p + i, s.len - i) : 0;
        if (skip || (c < 0x80 && !skeleton_keeps(c))) {
            i += skip ? skip : 1;
            continue;
        }
        if (k->n == SKELETON_MAX)
            return false;
        k->c[k->n] = (char)warta_ascii_lower(c);
        k->end[k->n++] = (unsigned short)++i;
    }
    return true;
}

/* How much of k, from `at`, the skeleton of p[0..len) covers; 0 when it
 * does not match there. Table phrases are ASCII but for letters. */
static size_t skeleton_match(const struct skeleton *k, size_t at,
                             const char *p, size_t len)
{
    size_t j = at;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80 && !skeleton_keeps(c))
            continue;
        if (j == k->n || k->c[j] != (char)warta_ascii_lower(c))
            return 0;
        j++;
    }
    return j - at;
}

/* The line is one or more whole furniture lines, glued or not. */
static bool is_furniture_run(const struct skeleton *k)
{
    bool reach[SKELETON_MAX + 1] = {true};
    for (size_t at = 0; at < k->n; at++) {
        if (!reach[at])
            continue;
        size_t n;
        const struct warta_lex_entry *c =
            warta_lex_bucket(WARTA_LEX_FURNITURE_LINE, (unsigned char)k->c[at], &n);
        for (size_t e = 0; e < n; e++) {
            /* "Font:" ends the line without its colon (the line's own
             * trailing colons are gone), or is glued to the next one. */
            size_t len = c[e].len;
            while (len && c[e].text[len - 1] == ':')
                len--;
            size_t m = skeleton_match(k, at, c[e].text, len);
            if (!m)
                continue;
            size_t to = at + m;
            if (to < k->n && k->c[to] == ':')
                to++;
            reach[to] = true;
        }
    }
    return reach[k->n];
}

/* A furniture prefix opens the line: "Simak juga Video ...". A '*' in the
 * phrase stands for any words and what follows it must come later in the
 * line: "Ikuti*WhatsApp" is "Ikuti berita kami di WhatsApp Channel". */
static bool opens_with_promo(struct warta_str s, const struct skeleton *k)
{
    size_t n;
    const struct warta_lex_entry *c =
        warta_lex_bucket(WARTA_LEX_FURNITURE_PREFIX, (unsigned char)k->c[0], &n);
    for (size_t e = 0; e < n; e++) {
        const char *star = memchr(c[e].text, '*', c[e].len);
        size_t head_len = star ? (size_t)(star - c[e].text) : c[e].len;
        size_t m = skeleton_match(k, 0, c[e].text, head_len);
        if (!m)
            continue;
        /* The phrase ends with its word: "Langgan" is not "Langganan".
         * Glued to a capital, a digit or a sign it still counts. */
        size_t next = k->end[m - 1];
        if (isalpha((unsigned char)k->c[m - 1]) && next < s.len &&
            islower((unsigned char)s.p[next]))
            continue;
        if (!star)
            return true;
        struct warta_str tail = warta_str_make(star + 1, c[e].len - head_len - 1);
        struct skeleton t;
        if (!make_skeleton(tail, &t) || t.n == 0)
            continue;
        if (memmem(k->c + m, k->n - m, t.c, t.n))
            return true;
    }
    return false;
}

/* "[Gambas:Instagram]", "[Gambas:Video 20detik]": a CMS's embed token left
 * in pasted copy, known by its shape rather than its name: a bracketed
 * word glued to a colon, alone on the line (a person's note puts a space
 * after the colon: "[Koreksi: ...]"). Several may stand in a row. */
static bool is_embed_placeholder(struct warta_str s)
{
    size_t i = 0, tokens = 0;
    while (i < s.len) {
        if (s.p[i] == ' ') {
            i++;
            continue;
        }
        if (s.p[i] != '[')
            return false;
        size_t j = i + 1;
        while (j < s.len && isalpha((unsigned char)s.p[j]))
            j++;
        if (j - i - 1 < 2 || j + 1 >= s.len || s.p[j] != ':' || s.p[j + 1] == ' ')
            return false;
        const char *close = memchr(s.p + j, ']', s.len - j);
        if (!close || close - (s.p + i) > EMBED_MAX ||
            memchr(s.p + j, '[', (size_t)(close - (s.p + j))))
            return false;
        i = (size_t)(close - s.p) + 1;
        tokens++;
    }
    return tokens > 0;
}

bool warta_is_related_heading(struct warta_str s)
{
    return line_entry(WARTA_LEX_RELATED, s) != NULL;
}

bool warta_is_furniture_line(struct warta_str s)
{
    size_t words = warta_count_words_upto(s.p, s.len, PROMO_MAX_WORDS);
    if (words > PROMO_MAX_WORDS || s.len == 0)
        return false;
    if (is_embed_placeholder(s))
        return true;
    struct skeleton k;
    if (!make_skeleton(s, &k))
        return false;
    while (k.n && k.c[k.n - 1] == ':')
        k.n--;
    if (k.n == 0)
        return false;
    if (words <= FURNITURE_LINE_MAX_WORDS && is_furniture_run(&k))
        return true;
    return opens_with_promo(s, &k);
}

/* A notice is a line or a short paragraph: the wires' "Copyright 2008
 * The Associated Press. All rights reserved. This material may not be
 * published, broadcast, rewritten or redistributed." runs to twenty-odd
 * words, a site's licence terms to a few dozen. */
#define RIGHTS_MAX_WORDS 60
/* The shortest rights or browser phrase of the tables is longer than
 * this. */
#define RIGHTS_MIN_LEN 12

/* A notice about the reader's browser ("Best viewed in ...", "Your
 * browser has been unable to load the stylesheet", "Please enable
 * JavaScript") is a line or two; past this a paragraph that names the
 * same things is about browsers. */
#define BROWSER_NOTICE_MAX_WORDS 30

/* The skeletons of a category's phrases, made once and indexed by first
 * byte: every body paragraph is looked through for all of them. */
static void stems_build(enum warta_lex cat, struct warta_stems *set)
{
    size_t n, k = 0;
    const struct warta_lex_entry *c = warta_lex_all(cat, &n);
    const char **words = warta_xcalloc(n + 1, sizeof(*words));
    struct skeleton e;
    for (size_t i = 0; i < n; i++) {
        if (!make_skeleton(warta_str_make(c[i].text, c[i].len), &e) || !e.n)
            continue;
        char *w = warta_xmalloc(e.n + 1);
        memcpy(w, e.c, e.n);
        w[e.n] = '\0';
        words[k++] = w;
    }
    set->table = words;
    set->stride = sizeof(*words);
}

static struct warta_stems rights_set, browser_set;
static pthread_once_t rights_once = PTHREAD_ONCE_INIT, browser_once = PTHREAD_ONCE_INIT;

static void rights_build(void)
{
    stems_build(WARTA_LEX_RIGHTS, &rights_set);
}

static void browser_build(void)
{
    stems_build(WARTA_LEX_BROWSER_NOTICE, &browser_set);
}

/* Whether a line of at most max_words holds a phrase of the set. */
static bool short_line_has(struct warta_str s, size_t max_words, struct warta_stems *set,
                           pthread_once_t *once, void (*build)(void))
{
    if (s.len < RIGHTS_MIN_LEN)
        return false;
    if (warta_count_words_upto(s.p, s.len, max_words) > max_words)
        return false;
    struct skeleton k;
    if (!make_skeleton(s, &k) || k.n == 0)
        return false;
    pthread_once(once, build);
    return warta_stems_any(set, k.c, k.n);
}

bool warta_is_rights_notice(struct warta_str s)
{
    return short_line_has(s, RIGHTS_MAX_WORDS, &rights_set, &rights_once, rights_build);
}

bool warta_is_browser_notice(struct warta_str s)
{
    return short_line_has(s, BROWSER_NOTICE_MAX_WORDS, &browser_set, &browser_once,
                          browser_build);
}

/* Marks a link may carry after its label ("Full Story »", "mehr ›"). */
static struct warta_str strip_link_marks(struct warta_str s)
{
    for (;;) {
        s = warta_str_trim(s);
        if (s.len && s.p[s.len - 1] && strchr(".>", s.p[s.len - 1]))
            s.len--;
        else if (warta_str_iends(s, "\xC2\xBB") || warta_str_iends(s, "\xC2\xA0"))
            s.len -= 2; /* » and a no-break space */
        else if (warta_str_iends(s, "\xE2\x80\xBA") || warta_str_iends(s, "\xE2\x80\xA6"))
            s.len -= 3; /* › and … */
        else
            return s;
    }
}

/* What ends a sentence before a teaser's link label: a stop, or a quote
 * or bracket closing one. */
static bool ends_with_stop(struct warta_str s)
{
    s = warta_str_trim(s);
    if (!s.len)
        return false;
    if (s.p[s.len - 1] && strchr(".!?\"')", s.p[s.len - 1]))
        return true;
    /* ” and ’ */
    return warta_str_iends(s, "\xE2\x80\x9D") || warta_str_iends(s, "\xE2\x80\x99");
}

bool warta_is_teaser_line(struct warta_str s)
{
    s = strip_link_marks(s);
    size_t n;
    const struct warta_lex_entry *c = warta_lex_all(WARTA_LEX_TEASER_TAIL, &n);
    for (size_t i = 0; i < n; i++) {
        if (c[i].len >= s.len)
            continue;
        size_t at = s.len - c[i].len;
        struct warta_str tail = warta_str_make(s.p + at, c[i].len);
        if (s.p[at - 1] == ' ' && warta_str_istarts_n(tail, c[i].text, c[i].len) &&
            ends_with_stop(warta_str_make(s.p, at)))
            return true;
    }
    return false;
}

bool warta_is_label_line(struct warta_str s, enum warta_label_kind *kind)
{
    const struct warta_lex_entry *e = line_entry(WARTA_LEX_LABEL, s);
    if (e)
        *kind = (enum warta_label_kind)e->value;
    return e != NULL;
}

const char *warta_place_abbreviation(struct warta_str s)
{
    const struct warta_lex_entry *e = whole_entry(WARTA_LEX_PLACE_ABBREV, s);
    return e ? e->text : NULL;
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

bool warta_is_weekday(struct warta_str s)
{
    return whole_entry(WARTA_LEX_WEEKDAY, s) != NULL;
}

bool warta_is_agency(struct warta_str s)
{
    return whole_entry(WARTA_LEX_AGENCY, s) != NULL;
}

bool warta_is_network_name(struct warta_str s)
{
    return whole_entry(WARTA_LEX_NETWORK, s) != NULL;
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
