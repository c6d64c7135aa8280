/*
 * Roles: every block, from pasted text or from a page's main content, gets
 * its role here, from its words and its position. Which words mean what
 * (labels, "read also", furniture, credits, agencies, dates) is the text
 * layer's (handlers/text/), over every registered language's tables; this
 * file decides from position and shape: the head region, the lead and its
 * dateline, the tail.
 */
#include <ctype.h>
#include <string.h>

#include "clean.h"
#include "warta/lang.h"
#include "warta/str.h"
#include "warta/text.h"

/* Body-like: a real paragraph, the end of the head region. */
#define BODY_MIN_WORDS 12
#define HEAD_MAX_BLOCKS 10
#define TITLE_MAX_WORDS 30
#define KICKER_MAX_WORDS 6
#define DATE_LINE_MAX_WORDS 14
#define DATELINE_PREFIX_MAX 80
/* A dateline on a line of its own: "KUALA LUMPUR, 22 Nov (Bernama) --". */
#define DATELINE_MAX_WORDS 10
/* Links listed under a "Baca Juga" heading. */
#define RELATED_BOX_MAX 8
/* A teaser's dek under its headline link: a sentence or two. */
#define DEK_MAX_WORDS 40
/* One line under a box of bare links may be the story going on after
 * it; a box of teasers has a dek under each of a few. */
#define BOX_MIN_DEKS 2
/* A copyright line: "Copyright 2008 Kompas.com". */
#define COPYRIGHT_MAX_WORDS 16
/* One with the sign or year and the terms of reuse after it. */
#define NOTICE_MAX_WORDS 40
/* A tag: "Bank Indonesia", "Pemilu 2024", "#KTTASEAN". */
#define TAG_MAX_WORDS 6

static bool is_footer_line(struct warta_str s)
{
    /* The label opens the line; later ';' or '|' fields are read by the
     * metadata stage. */
    enum warta_label_kind kind;
    size_t at;
    return warta_match_label(s, &kind, &at);
}

/* "(bgs/rul)", "(ant/nn)": editor initials closing Indonesian copy. */
static size_t trailing_initials(struct warta_str s)
{
    if (s.len < 5 || s.p[s.len - 1] != ')')
        return 0;
    size_t i = s.len - 1;
    size_t letters = 0, slashes = 0;
    while (i > 0) {
        i--;
        char c = s.p[i];
        if (c == '(')
            break;
        if (c == '/')
            slashes++;
        else if (islower((unsigned char)c))
            letters++;
        else
            return 0;
        if (s.len - i > 24)
            return 0;
    }
    if (s.p[i] != '(' || slashes == 0 || letters < 2)
        return 0;
    return s.len - i;
}

/* "-- BERNAMA", "(AP)", "— Reuters": an agency signing off the story. */
static bool is_sign_off(struct warta_str s)
{
    while (s.len && (s.p[0] == '-' || s.p[0] == '(' || s.p[0] == ' ' ||
                     (unsigned char)s.p[0] >= 0x80)) {
        size_t n = (unsigned char)s.p[0] >= 0x80 ? 3 : 1;
        if ((unsigned char)s.p[0] >= 0x80 &&
            !(s.len >= 3 && (unsigned char)s.p[1] == 0x80 &&
              ((unsigned char)s.p[2] == 0x93 || (unsigned char)s.p[2] == 0x94)))
            return false; /* only en/em dashes may lead */
        s.p += n;
        s.len -= n;
    }
    while (s.len && (s.p[s.len - 1] == ')' || s.p[s.len - 1] == ' '))
        s.len--;
    return s.len && warta_is_agency(s);
}

/* Dash separators of a dateline: " - ", " – ", " — ", " -- ". */
static size_t find_dateline_dash(struct warta_str s, size_t *after)
{
    size_t limit = s.len < DATELINE_PREFIX_MAX ? s.len : DATELINE_PREFIX_MAX;
    for (size_t i = 1; i < limit; i++) {
        size_t dash = 0;
        if (s.p[i] == '-')
            dash = (i + 1 < s.len && s.p[i + 1] == '-') ? 2 : 1;
        else if (i + 2 < s.len && (unsigned char)s.p[i] == 0xE2 &&
                 (unsigned char)s.p[i + 1] == 0x80 &&
                 ((unsigned char)s.p[i + 2] == 0x93 || (unsigned char)s.p[i + 2] == 0x94))
            dash = 3;
        if (!dash)
            continue;
        bool space_before = s.p[i - 1] == ' ';
        bool space_after = i + dash < s.len && s.p[i + dash] == ' ';
        /* A hyphen inside a word ("ke-29") is no separator. */
        if (!space_before && !(dash == 3 && space_after))
            continue;
        if (dash == 1 && !space_after)
            continue;
        *after = warta_str_skip_spaces(s, i + dash);
        return i;
    }
    return 0;
}

/* A dateline read off the head of a paragraph. */
struct dateline {
    struct warta_str place, agency;
    size_t body_at; /* where the story starts after it */
    bool colon;     /* the "KUALA LUMPUR: ..." form */
};

/* A word of a dateline's date: "22", "8/5", "2016", "Nov", "Februari",
 * "Senin". */
static bool is_date_word(struct warta_str w)
{
    bool digits = false;
    for (size_t i = 0; i < w.len; i++) {
        if (isdigit((unsigned char)w.p[i]))
            digits = true;
        else if (w.p[i] != '/' && w.p[i] != '.')
            return !digits && (warta_month_number(w.p, w.len) || warta_is_weekday(w));
    }
    return digits;
}

/* Words of s, split at spaces and commas. */
static bool next_word(struct warta_str s, size_t *i, struct warta_str *w)
{
    while (*i < s.len && (s.p[*i] == ' ' || s.p[*i] == ','))
        (*i)++;
    size_t start = *i;
    while (*i < s.len && s.p[*i] != ' ' && s.p[*i] != ',')
        (*i)++;
    *w = warta_str_make(s.p + start, *i - start);
    return w->len > 0;
}

static struct warta_str trim_commas(struct warta_str s)
{
    s = warta_str_trim(s);
    while (s.len && (s.p[s.len - 1] == ',' || s.p[s.len - 1] == ' '))
        s.len--;
    return s;
}

/* "ISTANBUL, 23 Februari 2016", "KUALA LUMPUR, 22 Nov", "Jakarta, 8/5":
 * the date a wire puts after a comma goes; a number without the comma
 * ("PASAL 5", "TAHAP 1") is part of a label, and stays to fail the place. */
static struct warta_str drop_date(struct warta_str place)
{
    for (;;) {
        const char *comma = NULL;
        for (size_t i = place.len; i > 0; i--)
            if (place.p[i - 1] == ',') {
                comma = place.p + i - 1;
                break;
            }
        if (!comma)
            return place;
        struct warta_str tail = warta_str_make(comma + 1, (size_t)(place.p + place.len - comma - 1));
        struct warta_str w;
        size_t i = 0, words = 0;
        while (next_word(tail, &i, &w)) {
            if (!is_date_word(w))
                return place;
            words++;
        }
        if (!words)
            return place;
        place = trim_commas(warta_str_make(place.p, (size_t)(comma - place.p)));
    }
}

/* A place is a few capitalised words, without digits, whose only full
 * stops are those of tabled abbreviations ("ST. JOSEPH, Mich."). */
static bool is_place(struct warta_str place)
{
    if (warta_count_words_upto(place.p, place.len, 6) > 6)
        return false;
    size_t i = 0;
    struct warta_str w;
    while (next_word(place, &i, &w)) {
        if (memchr(w.p, '.', w.len) && !warta_place_abbreviation(w))
            return false;
        for (size_t k = 0; k < w.len; k++) {
            bool word_start = k == 0 || w.p[k - 1] == '-';
            unsigned char c = (unsigned char)w.p[k];
            if ((word_start && islower(c)) || isdigit(c) || strchr("!?\"", c))
                return false;
        }
    }
    return true;
}

/* "REPUBLIKA.CO.ID", "Liputan6.com": an outlet signing by its domain. */
static bool is_domain(struct warta_str part)
{
    const char *dot = memchr(part.p, '.', part.len);
    return dot && dot > part.p && part.p[part.len - 1] != '.' &&
           isalpha((unsigned char)dot[1]) && !memchr(part.p, ' ', part.len) &&
           !warta_place_abbreviation(part);
}

/* Reads "PLACE (AGENCY) -", "PLACE, AGENCY.com -", "AGENCY.CO, Place -",
 * "Agency.com -", "PLACE, 22 Nov (AGENCY) --", "PLACE, Mich. (AP) —",
 * "PLACE -" or "PLACE:" (all capitals) at the start of s. Pure: the
 * caller decides what a dateline there means. */
static bool read_dateline(struct warta_str s, struct dateline *d)
{
    size_t after = 0;
    size_t sep = find_dateline_dash(s, &after);
    memset(d, 0, sizeof(*d));
    if (!sep) {
        /* "KUALA LUMPUR: ..." - only in capitals, or "Menurutnya: ..."
         * would match; and only in a paragraph that ends its sentence, or
         * the headline "KPK: ..." would. */
        const char *colon = memchr(s.p, ':', s.len < 32 ? s.len : 32);
        if (!colon || !warta_ends_sentence(s.p, s.len))
            return false;
        sep = (size_t)(colon - s.p);
        for (size_t i = 0; i < sep; i++)
            if (!isupper((unsigned char)s.p[i]) && s.p[i] != ' ')
                return false;
        after = warta_str_skip_spaces(s, sep + 1);
        d->colon = true;
    }
    struct warta_str prefix = warta_str_trim(warta_str_make(s.p, sep));
    struct warta_str rest = warta_str_make(s.p + after, s.len - after);
    if (prefix.len < 2 || warta_count_words_upto(rest.p, rest.len, 5) < 5)
        return false;
    /* The body after a dateline starts a sentence. */
    if (islower((unsigned char)rest.p[0]))
        return false;

    struct warta_str place = prefix, agency = {NULL, 0};
    if (prefix.p[prefix.len - 1] == ')') {
        const char *open = memchr(prefix.p, '(', prefix.len);
        if (!open)
            return false;
        agency = warta_str_trim(warta_str_make(open + 1, (size_t)(prefix.p + prefix.len - 1 - open - 1)));
        place = warta_str_trim(warta_str_make(prefix.p, (size_t)(open - prefix.p)));
        /* "Jakarta, Senin (22/11) -": a date in the parentheses. */
        bool letters = false;
        for (size_t i = 0; i < agency.len; i++)
            letters |= isalpha((unsigned char)agency.p[i]) != 0;
        if (!letters)
            agency.len = 0;
    } else {
        /* A comma-separated part that is a known agency or looks like a
         * domain is the outlet. */
        const char *p = prefix.p, *end = prefix.p + prefix.len;
        while (p < end) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            struct warta_str part = warta_str_trim(warta_str_make(p, comma ? (size_t)(comma - p) : (size_t)(end - p)));
            if (is_domain(part) || warta_is_agency(part)) {
                agency = part;
                if (part.p == prefix.p)
                    place = warta_str_trim(warta_str_make(comma ? comma + 1 : end, comma ? (size_t)(end - comma - 1) : 0));
                else
                    place = warta_str_trim(warta_str_make(prefix.p, (size_t)(part.p - prefix.p)));
                break;
            }
            if (!comma)
                break;
            p = comma + 1;
        }
    }
    place = drop_date(trim_commas(place));
    if ((place.len == 0 && agency.len == 0) || !is_place(place))
        return false;
    if (agency.len > 40 || warta_count_words_upto(agency.p, agency.len, 4) > 4)
        return false;
    d->place = place;
    d->agency = agency;
    d->body_at = after;
    return true;
}

/* Whether the words of s, tabled abbreviations aside, are all capitals. */
static bool shouted(struct warta_str s)
{
    bool upper = false;
    size_t i = 0;
    struct warta_str w;
    while (next_word(s, &i, &w)) {
        if (warta_place_abbreviation(w))
            continue;
        for (size_t k = 0; k < w.len; k++) {
            if (islower((unsigned char)w.p[k]))
                return false;
            upper |= isupper((unsigned char)w.p[k]) != 0;
        }
    }
    return upper;
}

/* The place as a reader wants it: a shouted city title-cased ("ST. JOSEPH,
 * Mich." is "St. Joseph, Mich.", "MANILA, Philippines" "Manila,
 * Philippines"), the rest as written unless all of it shouts ("Mataram,
 * NTB" keeps its acronym), and abbreviations as the table spells them. */
static const char *format_place(struct warta_arena *a, struct warta_str place)
{
    const char *comma = memchr(place.p, ',', place.len);
    size_t city_len = comma ? (size_t)(comma - place.p) : place.len;
    bool all = shouted(place);
    bool city = all || shouted(warta_str_make(place.p, city_len));
    char *out = warta_arena_strndup(a, place.p, place.len);
    size_t i = 0;
    struct warta_str w;
    while (next_word(place, &i, &w)) {
        const char *abbr = warta_place_abbreviation(w);
        char *o = out + (w.p - place.p);
        if (abbr)
            memcpy(o, abbr, w.len);
        else if (all || (city && (size_t)(w.p - place.p) < city_len))
            memcpy(o, warta_title_case_if_shouting(a, w), w.len);
    }
    return out;
}

static void set_dateline(struct warta_doc *doc, const struct dateline *d)
{
    if (doc->dateline.location || doc->dateline.agency)
        return;
    doc->dateline.location = d->place.len ? format_place(doc->arena, d->place) : NULL;
    doc->dateline.agency = d->agency.len ? warta_arena_strndup(doc->arena, d->agency.p, d->agency.len) : NULL;
}

/* A capitals-only label and its colon open the paragraph: "KUALA LUMPUR:"
 * in a Malay lead, "JESSICA LIVINGSTON:" in a transcript. */
static bool opens_with_caps_label(const struct warta_block *b)
{
    const char *colon = memchr(b->text, ':', b->len < 32 ? b->len : 32);
    if (!colon || colon == b->text)
        return false;
    for (const char *p = b->text; p < colon; p++)
        if (!isupper((unsigned char)*p) && *p != ' ' && *p != '.')
            return false;
    return true;
}

/* A transcript or a Q&A: paragraphs open with the speaker's name in
 * capitals, so the first one's "JESSICA LIVINGSTON:" is no place. A
 * dateline comes once; a speaker speaks again. */
static bool speakers_labelled(const struct warta_doc *doc)
{
    size_t labels = 0;
    for (size_t i = 0; i < doc->n_blocks && labels < 2; i++)
        if (warta_role_is_content(doc->blocks[i].role) &&
            !doc->blocks[i].removed_reason &&
            opens_with_caps_label(&doc->blocks[i]))
            labels++;
    return labels >= 2;
}

/* "Name Surname - outlet" under a headline. */
static bool is_author_outlet_line(struct warta_str s)
{
    size_t after;
    size_t sep = find_dateline_dash(s, &after);
    if (!sep)
        return false;
    struct warta_str name = warta_str_trim(warta_str_make(s.p, sep));
    struct warta_str outlet = warta_str_trim(warta_str_make(s.p + after, s.len - after));
    size_t words = warta_count_words_upto(name.p, name.len, 5);
    if (words < 2 || words > 5 || outlet.len == 0 || memchr(outlet.p, ' ', outlet.len))
        return false;
    for (size_t i = 0; i < name.len; i++) {
        bool word_start = i == 0 || name.p[i - 1] == ' ';
        if (word_start && !isupper((unsigned char)name.p[i]))
            return false;
        if (isdigit((unsigned char)name.p[i]))
            return false;
    }
    return true;
}

static bool is_byline(struct warta_str s)
{
    if (warta_count_words_upto(s.p, s.len, 10) > 10)
        return false;
    size_t i = warta_byline_prefix(s);
    return i && i < s.len && isupper((unsigned char)s.p[i]);
}

static bool is_date_line(struct warta_doc *doc, struct warta_str s)
{
    if (warta_count_words_upto(s.p, s.len, DATE_LINE_MAX_WORDS) > DATE_LINE_MAX_WORDS)
        return false;
    return warta_parse_date(doc->arena, s.p, s.len) != NULL;
}

static bool ends_with_period(struct warta_str s)
{
    while (s.len && strchr("\"')", s.p[s.len - 1]))
        s.len--;
    return s.len && s.p[s.len - 1] == '.';
}

static bool body_like(struct warta_block *b)
{
    return warta_count_words_upto(b->text, b->len, BODY_MIN_WORDS) >= BODY_MIN_WORDS;
}

static void set_text(struct warta_doc *doc, struct warta_block *b,
                     const char *p, size_t len)
{
    b->text = warta_arena_strndup(doc->arena, p, len);
    b->len = len;
    b->folded = NULL; /* the folded form (and its word count) follow the text */
}

/* "Tags", "Tags:", "Topik :": a tags label with its values on the lines
 * below (pages list their tags as links, one a line once pasted). */
static bool is_tags_heading(struct warta_str s)
{
    enum warta_label_kind kind;
    size_t at;
    if (warta_is_label_line(s, &kind))
        return kind == WARTA_LABEL_TAGS;
    return warta_match_label(s, &kind, &at) && kind == WARTA_LABEL_TAGS &&
           at >= s.len;
}

/* A copyright line opening with the sign or a year ("(c) 2004 The
 * Star-Ledger", "Copyright © 2001 by ...") goes on to say who may reprint
 * it; a sentence about copyright opens with the word alone. */
static bool signed_notice(struct warta_str s)
{
    if (warta_str_istarts(s, "\xC2\xA9") || warta_str_istarts(s, "(c)"))
        return true;
    if (!warta_str_istarts(s, "Copyright"))
        return false;
    size_t i = warta_str_skip_spaces(s, 9);
    return i < s.len && (isdigit((unsigned char)s.p[i]) || s.p[i] == '(' ||
                         warta_str_istarts(warta_str_make(s.p + i, s.len - i), "\xC2\xA9"));
}

static bool is_copyright_notice(struct warta_str s)
{
    if (!warta_is_copyright_line(s))
        return false;
    size_t max = signed_notice(s) ? NOTICE_MAX_WORDS : COPYRIGHT_MAX_WORDS;
    return warta_count_words_upto(s.p, s.len, max) <= max;
}

/* Roles any block can have wherever it stands. */
static bool assign_line_role(struct warta_doc *doc, struct warta_block *b)
{
    struct warta_str s = warta_str_make(b->text, b->len);
    size_t at;
    if (b->role == WARTA_ROLE_CAPTION) {
        return true;
    } else if ((at = warta_related_prefix(s)) != 0) {
        b->role = WARTA_ROLE_RELATED;
        set_text(doc, b, s.p + at, s.len - at);
    } else if (is_copyright_notice(s)) {
        b->role = WARTA_ROLE_COPYRIGHT;
    } else if (is_footer_line(s) && warta_count_words_upto(s.p, s.len, 40) <= 40) {
        b->role = WARTA_ROLE_FOOTER;
    } else if (is_tags_heading(s)) {
        b->role = WARTA_ROLE_FOOTER;
    } else if (trailing_initials(s) == s.len) {
        b->role = WARTA_ROLE_FOOTER;
    } else if (warta_is_furniture_line(s) || warta_is_related_heading(s)) {
        b->role = WARTA_ROLE_FURNITURE;
        warta_block_remove(doc, b, "furniture", -1);
    } else if (is_sign_off(s)) {
        b->role = WARTA_ROLE_FURNITURE;
        warta_block_remove(doc, b, "sign-off", -1);
    } else if (warta_caption_credit(s)) {
        b->role = WARTA_ROLE_CAPTION;
    } else {
        return false;
    }
    return true;
}

/* A line shaped like a headline, whatever its length: Indonesian online
 * headlines run to twenty words, as long as a short paragraph. */
static bool headline_shaped(struct warta_block *b)
{
    struct warta_str s = warta_str_make(b->text, b->len);
    return warta_count_words_upto(s.p, s.len, TITLE_MAX_WORDS) <= TITLE_MAX_WORDS &&
           !ends_with_period(s);
}

static size_t next_open(const bool *fixed, size_t n, size_t i)
{
    while (i < n && fixed[i])
        i++;
    return i;
}

/* Where the head region ends (the index of the first block past it), by
 * position and shape rather than by length: lines without a final period
 * at the top belong to the head when what follows sets them off from the
 * story: a blank line, a date line, a byline or a dateline-led lead. */
static size_t head_end(struct warta_doc *doc, const bool *fixed)
{
    size_t n = doc->n_blocks, head = 0;
    struct dateline d;
    for (size_t i = next_open(fixed, n, 0); i < n && i < HEAD_MAX_BLOCKS;
         i = next_open(fixed, n, i + 1)) {
        struct warta_block *b = &doc->blocks[i];
        struct warta_str s = warta_str_make(b->text, b->len);
        if (is_date_line(doc, s) || is_byline(s)) {
            head = i + 1;
            continue;
        }
        if (!headline_shaped(b))
            break;
        size_t j = next_open(fixed, n, i + 1);
        if (j == n)
            break;
        struct warta_str next = warta_str_make(doc->blocks[j].text, doc->blocks[j].len);
        if (b->blank_after || is_date_line(doc, next) || is_byline(next) ||
            is_author_outlet_line(next) || read_dateline(next, &d))
            head = i + 1;
    }
    return head;
}

/* Drops block i, closing the gap (clean only: nothing refers to blocks by
 * index before dedupe). */
static void drop_block(struct warta_doc *doc, bool *fixed, size_t i)
{
    size_t tail = doc->n_blocks - i - 1;
    memmove(&doc->blocks[i], &doc->blocks[i + 1], tail * sizeof(*doc->blocks));
    memmove(&fixed[i], &fixed[i + 1], tail * sizeof(*fixed));
    doc->n_blocks--;
}

/* "KUALA LUMPUR, 22 Nov (Bernama) --" on a line of its own above the lead:
 * joined to the lead, with a space for the line break, as the wire prints
 * it, so the lead opens with its dateline however the copy was pasted. */
static void join_standalone_dateline(struct warta_doc *doc, bool *fixed)
{
    for (size_t i = 0; i + 1 < doc->n_blocks && i <= HEAD_MAX_BLOCKS; i++) {
        struct warta_block *b = &doc->blocks[i], *next = &doc->blocks[i + 1];
        if (fixed[i] || b->role != WARTA_ROLE_BODY)
            continue;
        if (body_like(b))
            return; /* the story has begun */
        if (fixed[i + 1] || next->role != WARTA_ROLE_BODY || !body_like(next) ||
            warta_count_words_upto(b->text, b->len, DATELINE_MAX_WORDS) > DATELINE_MAX_WORDS)
            continue;
        size_t len = b->len + 1 + next->len;
        char *joined = warta_arena_alloc(doc->arena, len + 1);
        memcpy(joined, b->text, b->len);
        joined[b->len] = ' ';
        memcpy(joined + b->len + 1, next->text, next->len);
        struct dateline d;
        if (!read_dateline(warta_str_make(joined, len), &d) || d.body_at != b->len + 1)
            continue;
        next->text = joined;
        next->len = len;
        next->folded = NULL;
        drop_block(doc, fixed, i);
        return;
    }
}

/* Tag lines under a bare "Tags" heading: short, no sentence. */
static void take_tag_lines(struct warta_doc *doc, bool *fixed)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        struct warta_block *h = &doc->blocks[i];
        if (h->role != WARTA_ROLE_FOOTER && h->role != WARTA_ROLE_SUBHEAD)
            continue;
        if (!is_tags_heading(warta_str_make(h->text, h->len)))
            continue;
        if (h->role == WARTA_ROLE_SUBHEAD) {
            h->role = WARTA_ROLE_FOOTER;
            fixed[i] = true;
        }
        for (size_t j = i + 1; j < doc->n_blocks; j++) {
            struct warta_block *t = &doc->blocks[j];
            if (fixed[j] || t->removed_reason ||
                warta_count_words_upto(t->text, t->len, TAG_MAX_WORDS) > TAG_MAX_WORDS ||
                warta_ends_sentence(t->text, t->len))
                break;
            t->role = WARTA_ROLE_TAG;
            fixed[j] = true;
        }
    }
}

/* A teaser's dek: links (its headline) went just before it. */
static bool is_dek(const struct warta_block *before, const struct warta_block *t)
{
    return before->dropped_after > 0 &&
           warta_count_words_upto(t->text, t->len, DEK_MAX_WORDS) <= DEK_MAX_WORDS;
}

/* "Baca Juga" or "Berita Terkait" alone on its line heads a box of
 * links; pasted, the links are the headline-shaped lines under it. On a
 * page the headline links themselves went as links, and what stays of a
 * box of teasers is the dek under each (and a source or date line):
 * a few of them in a row are the box too. */
static void take_related_box(struct warta_doc *doc, bool *fixed)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        struct warta_block *h = &doc->blocks[i];
        if (h->role != WARTA_ROLE_FURNITURE ||
            !warta_is_related_heading(warta_str_make(h->text, h->len)))
            continue;
        size_t lines = 0, end = i + 1, deks = 0;
        for (size_t j = i + 1; j < doc->n_blocks && j <= i + 3 * RELATED_BOX_MAX; j++) {
            struct warta_block *t = &doc->blocks[j];
            if (fixed[j] || t->role != WARTA_ROLE_BODY)
                break;
            bool line = headline_shaped(t), dek = !line && is_dek(t - 1, t);
            if (!line && !dek)
                break;
            lines += line && !deks && j == i + 1 + lines;
            deks += dek;
            end = j + 1;
        }
        if (deks < BOX_MIN_DEKS)
            end = i + 1 + (lines < RELATED_BOX_MAX ? lines : RELATED_BOX_MAX);
        for (size_t j = i + 1; j < end; j++) {
            doc->blocks[j].role = WARTA_ROLE_RELATED;
            fixed[j] = true;
        }
    }
}

void warta_assign_roles(struct warta_doc *doc, bool head_rules)
{
    size_t n = doc->n_blocks;
    bool *fixed = warta_arena_alloc(doc->arena, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        struct warta_block *b = &doc->blocks[i];
        struct warta_str s = warta_str_make(b->text, b->len);
        if (b->role == WARTA_ROLE_SUBHEAD &&
            (warta_is_furniture_line(s) || warta_is_related_heading(s))) {
            /* "Berita Terkait", "Baca Juga" as the heading of a box. */
            b->role = WARTA_ROLE_FURNITURE;
            warta_block_remove(doc, b, "furniture", -1);
        }
        if (b->role != WARTA_ROLE_BODY && b->role != WARTA_ROLE_CAPTION) {
            fixed[i] = true; /* the HTML extractor knew better */
            continue;
        }
        fixed[i] = assign_line_role(doc, b);
    }
    take_tag_lines(doc, fixed);
    take_related_box(doc, fixed);
    join_standalone_dateline(doc, fixed);
    n = doc->n_blocks;

    /* The head: what stands before the first real paragraph. */
    size_t head = head_rules ? head_end(doc, fixed) : 0;
    size_t first_body = n;
    for (size_t i = head; i < n; i++) {
        if (fixed[i] || doc->blocks[i].role != WARTA_ROLE_BODY)
            continue;
        struct warta_str s = warta_str_make(doc->blocks[i].text, doc->blocks[i].len);
        if (body_like(&doc->blocks[i]) && !(head_rules && is_date_line(doc, s))) {
            first_body = i;
            break;
        }
    }
    if (first_body == n)
        first_body = head < n ? head : 0; /* no paragraph stands out */

    if (head_rules) {
        size_t title_candidates[HEAD_MAX_BLOCKS];
        size_t n_cand = 0;
        size_t limit = first_body < HEAD_MAX_BLOCKS ? first_body : HEAD_MAX_BLOCKS;
        for (size_t i = 0; i < limit; i++) {
            struct warta_block *b = &doc->blocks[i];
            if (fixed[i])
                continue;
            struct warta_str s = warta_str_make(b->text, b->len);
            if (is_date_line(doc, s)) {
                b->role = WARTA_ROLE_DATE;
            } else if (is_byline(s) || (n_cand > 0 && is_author_outlet_line(s))) {
                b->role = WARTA_ROLE_BYLINE;
            } else if (headline_shaped(b) && n_cand < HEAD_MAX_BLOCKS) {
                title_candidates[n_cand++] = i;
                continue;
            } else {
                continue;
            }
            fixed[i] = true;
        }
        size_t t = 0;
        if (n_cand >= 2) {
            struct warta_block *k = &doc->blocks[title_candidates[0]];
            struct warta_block *h = &doc->blocks[title_candidates[1]];
            size_t kw = warta_count_words(k->text, k->len);
            size_t hw = warta_count_words(h->text, h->len);
            /* A short line over a longer one is a kicker over a headline. */
            if (kw <= KICKER_MAX_WORDS && hw > kw &&
                title_candidates[1] == title_candidates[0] + 1) {
                k->role = WARTA_ROLE_KICKER;
                fixed[title_candidates[0]] = true;
                t = 1;
            }
        }
        if (t < n_cand) {
            doc->blocks[title_candidates[t]].role = WARTA_ROLE_TITLE;
            fixed[title_candidates[t]] = true;
            if (t + 1 < n_cand && title_candidates[t + 1] == title_candidates[t] + 1) {
                doc->blocks[title_candidates[t + 1]].role = WARTA_ROLE_SUBTITLE;
                fixed[title_candidates[t + 1]] = true;
            }
        }
    }

    /* The lead: the first paragraph. Its dateline is read into
     * doc->dateline but stays in the text, as published: an editor who
     * republishes the paragraph expects "Nusa Dua, Bali (ANTARA) - ..." */
    for (size_t i = first_body; i < n; i++) {
        struct warta_block *b = &doc->blocks[i];
        if (fixed[i] || b->role != WARTA_ROLE_BODY || b->removed_reason)
            continue;
        struct dateline d;
        if (read_dateline(warta_str_make(b->text, b->len), &d) &&
            !(d.colon && speakers_labelled(doc))) {
            set_dateline(doc, &d);
            b->role = WARTA_ROLE_LEAD;
        }
        break;
    }

    /* The tail: editor initials glued to the last paragraph. */
    for (size_t i = n; i > 0; i--) {
        struct warta_block *b = &doc->blocks[i - 1];
        if (!warta_role_is_content(b->role) || b->removed_reason)
            continue;
        struct warta_str s = warta_str_make(b->text, b->len);
        size_t k = trailing_initials(s);
        if (k && k < s.len) {
            struct warta_str kept = warta_str_trim(warta_str_make(s.p, s.len - k));
            set_text(doc, b, kept.p, kept.len);
        }
        break;
    }
}
