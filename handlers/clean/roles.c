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

/* Parses "PLACE (AGENCY) -", "PLACE, AGENCY.com -", "AGENCY.CO, Place -",
 * "PLACE -" or "PLACE:" (all capitals) at the start of a lead paragraph.
 * Returns the offset of the body text, or 0 when there is no dateline. */
static size_t parse_dateline(struct warta_doc *doc, struct warta_str s)
{
    size_t after = 0;
    size_t sep = find_dateline_dash(s, &after);
    if (!sep) {
        /* "KUALA LUMPUR: ..." - only in capitals, or "Menurutnya: ..."
         * would match. */
        const char *colon = memchr(s.p, ':', s.len < 32 ? s.len : 32);
        if (!colon)
            return 0;
        sep = (size_t)(colon - s.p);
        for (size_t i = 0; i < sep; i++)
            if (!isupper((unsigned char)s.p[i]) && s.p[i] != ' ')
                return 0;
        after = warta_str_skip_spaces(s, sep + 1);
    }
    struct warta_str prefix = warta_str_trim(warta_str_make(s.p, sep));
    struct warta_str rest = warta_str_make(s.p + after, s.len - after);
    if (prefix.len < 2 || warta_count_words_upto(rest.p, rest.len, 5) < 5)
        return 0;
    /* The body after a dateline starts a sentence. */
    unsigned char first = (unsigned char)rest.p[0];
    if (islower(first))
        return 0;

    struct warta_str place = prefix, agency = {NULL, 0};
    if (prefix.p[prefix.len - 1] == ')') {
        const char *open = memchr(prefix.p, '(', prefix.len);
        if (!open)
            return 0;
        agency = warta_str_trim(warta_str_make(open + 1, (size_t)(prefix.p + prefix.len - 1 - open - 1)));
        place = warta_str_trim(warta_str_make(prefix.p, (size_t)(open - prefix.p)));
    } else {
        /* A comma-separated part that is a known agency or looks like a
         * domain is the outlet. */
        const char *p = prefix.p, *end = prefix.p + prefix.len;
        while (p < end) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            struct warta_str part = warta_str_trim(warta_str_make(p, comma ? (size_t)(comma - p) : (size_t)(end - p)));
            const char *dot = memchr(part.p, '.', part.len);
            bool domain = dot && dot > part.p && dot + 1 < part.p + part.len &&
                          isalpha((unsigned char)dot[1]) &&
                          !memchr(part.p, ' ', part.len);
            if (domain || warta_is_agency(part)) {
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
    while (place.len && (place.p[place.len - 1] == ',' || place.p[place.len - 1] == ' '))
        place.len--;
    /* Old wire style "Jakarta, 8/5 (ANTARA)", "KUALA LUMPUR, May 8
     * (Bernama)": drop the date tokens. */
    while (place.len) {
        const char *sp = NULL;
        for (size_t i = place.len; i > 0; i--)
            if (place.p[i - 1] == ' ' || place.p[i - 1] == ',') {
                sp = place.p + i - 1;
                break;
            }
        struct warta_str last = sp ? warta_str_make(sp + 1, (size_t)(place.p + place.len - sp - 1)) : place;
        bool digits = false;
        for (size_t i = 0; i < last.len; i++)
            digits |= isdigit((unsigned char)last.p[i]) != 0;
        if (!digits && !warta_month_number(last.p, last.len))
            break;
        place.len = sp ? (size_t)(sp - place.p) : 0;
        while (place.len && (place.p[place.len - 1] == ',' || place.p[place.len - 1] == ' '))
            place.len--;
    }
    /* A place is a few capitalised words. */
    size_t words = warta_count_words_upto(place.p, place.len, 6);
    if (words > 6 || (place.len == 0 && agency.len == 0))
        return 0;
    for (size_t i = 0; i < place.len; i++) {
        bool word_start = i == 0 || place.p[i - 1] == ' ' || place.p[i - 1] == '-';
        if (word_start && islower((unsigned char)place.p[i]))
            return 0;
        if (strchr(".!?\"", place.p[i]))
            return 0;
    }
    if (agency.len > 40 || warta_count_words_upto(agency.p, agency.len, 4) > 4)
        return 0;
    if (!doc->dateline.location && !doc->dateline.agency) {
        doc->dateline.location = place.len ? warta_title_case_if_shouting(doc->arena, place) : NULL;
        doc->dateline.agency = agency.len ? warta_arena_strndup(doc->arena, agency.p, agency.len) : NULL;
    }
    return after;
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
    } else if (warta_is_copyright_line(s) && warta_count_words_upto(s.p, s.len, 16) <= 16) {
        b->role = WARTA_ROLE_COPYRIGHT;
    } else if (is_footer_line(s) && warta_count_words_upto(s.p, s.len, 40) <= 40) {
        b->role = WARTA_ROLE_FOOTER;
    } else if (trailing_initials(s) == s.len) {
        b->role = WARTA_ROLE_FOOTER;
    } else if (warta_is_furniture_line(s)) {
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

void warta_assign_roles(struct warta_doc *doc, bool head_rules)
{
    size_t n = doc->n_blocks;
    bool *fixed = warta_arena_alloc(doc->arena, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        struct warta_block *b = &doc->blocks[i];
        if (b->role != WARTA_ROLE_BODY && b->role != WARTA_ROLE_CAPTION) {
            fixed[i] = true; /* the HTML extractor knew better */
            continue;
        }
        fixed[i] = assign_line_role(doc, b);
    }

    /* The head: what stands before the first real paragraph. */
    size_t first_body = n;
    for (size_t i = 0; i < n; i++) {
        if (fixed[i] || doc->blocks[i].role != WARTA_ROLE_BODY)
            continue;
        struct warta_str s = warta_str_make(doc->blocks[i].text, doc->blocks[i].len);
        if (body_like(&doc->blocks[i]) && !(head_rules && is_date_line(doc, s))) {
            first_body = i;
            break;
        }
    }
    if (first_body == n)
        first_body = 0; /* no paragraph stands out: no head to read */

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
            } else if (warta_count_words_upto(s.p, s.len, TITLE_MAX_WORDS) <= TITLE_MAX_WORDS &&
                       !ends_with_period(s) && n_cand < HEAD_MAX_BLOCKS) {
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
        if (parse_dateline(doc, warta_str_make(b->text, b->len)))
            b->role = WARTA_ROLE_LEAD;
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
