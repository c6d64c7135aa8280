/*
 * warta/text.h - the text layer: what clean, dedupe and metadata share
 * about words, phrases and dates (handlers/text/).
 *
 * Its other half is warta/unicode.h (bytes to canonical UTF-8, folding and
 * word hashing, text/unicode.c). The layer reads the language tables
 * (warta/lang.h) and util/, and nothing of the stages: a rule that two
 * stages need lives here once, so neither reaches into the other.
 * Strings in are UTF-8 views; strings out are arena-owned.
 */
#ifndef WARTA_TEXT_H
#define WARTA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warta/arena.h"
#include "warta/lang.h"
#include "warta/str.h"

/* Words and sentences (text/words.c). */

/* Word count: maximal runs of letters/digits (Unicode-aware). */
size_t warta_count_words(const char *p, size_t len);

/* The same, but stops counting past `limit` (returns limit + 1 then):
 * for the "at most N words" tests, which need not read a long paragraph. */
size_t warta_count_words_upto(const char *p, size_t len, size_t limit);

/* True when p[0..len) ends a sentence: '.', '!', '?' or ':' before any
 * closing quotes or parenthesis. */
bool warta_ends_sentence(const char *p, size_t len);

/* The lead of a paragraph for a description: its first sentence, and the
 * second too when both fit in max_chars code points; a first sentence
 * longer than that is cut at a word and ends in an ellipsis. Returns an
 * arena string, or NULL for empty text. */
const char *warta_lead_sentences(struct warta_arena *a, const char *p, size_t len,
                                 size_t max_chars);

/* s can be a tag: at most 5 words and 50 characters (a longer keyword is
 * a search phrase), opening with a letter or digit, no CMS key ("section:
 * news", "Category: News") and no one-token machine code such as a wire
 * desk slug ("US-USA-ELECTION", "BC-EU--Brexit"), a number or an id
 * ("ID20230514"). */
bool warta_is_tag_text(struct warta_str s);

/* Phrases of the language tables (text/phrases.c). Matching ignores ASCII
 * case; a phrase matches at the start of s when a non-letter follows it. */

/* A labelled field at the start of seg ("Pewarta: X", "Penulis : X",
 * "Reporting by X"): its kind and the offset of its value. The longest
 * label of any registered language wins. */
bool warta_match_label(struct warta_str seg, enum warta_label_kind *kind,
                       size_t *value_at);

/* "Baca juga: X", "Read also - X": the offset of X, or 0. */
size_t warta_related_prefix(struct warta_str s);

/* "Baca Juga", "BERITA TERKAIT:": a "read also" prefix alone on its line,
 * heading a box of links. */
bool warta_is_related_heading(struct warta_str s);

/* Desk furniture and promos, compared once case, spaces and punctuation
 * are gone: one or more whole furniture lines, glued or not
 * ("ADVERTISEMENTSCROLL TO CONTINUE WITH CONTENT"); a line of at most 50
 * words opening with a furniture prefix ("Simak juga Video ...", where a
 * '*' in the table's phrase matches any words: "Ikuti*WhatsApp"); or an
 * embed token alone on its line ("[Gambas:Instagram]"). */
bool warta_is_furniture_line(struct warta_str s);

/* The line is a label and nothing else ("Tags", "Tags:", "TAG :"): its
 * values follow on the next lines. */
bool warta_is_label_line(struct warta_str s, enum warta_label_kind *kind);

/* s is an abbreviation a dateline's place may hold ("Mich.", "n.m.", "ST."):
 * the table's spelling ("Mich.", "N.M.", "St."), or NULL. */
const char *warta_place_abbreviation(struct warta_str s);

/* A copyright notice: "Copyright", the sign, "(c) " or a table opener. */
bool warta_is_copyright_line(struct warta_str s);

/* A rights or licence notice of at most 60 words: a rights phrase of
 * the tables anywhere in it ("... All rights reserved. This material may
 * not be published, ..."), compared without case, spaces or punctuation. */
bool warta_is_rights_notice(struct warta_str s);

/* A notice about the reader's browser of at most 30 words: a phrase of
 * the tables anywhere in it ("best viewed in", "enable JavaScript"),
 * compared the same way. */
bool warta_is_browser_notice(struct warta_str s);

/* A teaser: a sentence, then a link label of the tables closing the line
 * ("... in straight sets. Full Story", "... überfordert. mehr"). */
bool warta_is_teaser_line(struct warta_str s);

/* A trailing photo credit "(AGENCY/ Name)", "(ANTARA FOTO/Name)",
 * "(Foto: X)": the offset of its '(' or 0. */
size_t warta_caption_credit(struct warta_str s);

/* s is, as a whole, a weekday name in any registered language ("Senin",
 * "Isnin", "Mon"). */
bool warta_is_weekday(struct warta_str s);

/* s is, as a whole, the name of a news agency ("ANTARA", "Reuters"). */
bool warta_is_agency(struct warta_str s);

/* s is, as a whole, the name of a social network ("Twitter", "LinkedIn"). */
bool warta_is_network_name(struct warta_str s);

/* "By ", "Oleh ": the offset after the byline opener and its spaces, or 0. */
size_t warta_byline_prefix(struct warta_str s);

/* Dates (text/dates.c). */

/* Parses a date/time in free text (Indonesian, Malay, English month and
 * weekday names, WIB/WITA/WIT and other zone abbreviations, ISO 8601) into
 * RFC 3339 with the offset the text implies, or without a time when the
 * text has none ("2023-05-08"). Returns an arena string or NULL
 * (text/dates.c). */
const char *warta_parse_date(struct warta_arena *a, const char *text,
                             size_t len);

/* Flags of warta_find_date. */
#define WARTA_DATE_MONTH_FIRST 1u /* "04/05/2023" is April 5 (US English) */

/* The first date in text[0..len), as warta_parse_date reads it, but with
 * flags and the byte span of the date (time excluded) in *start / *end
 * (either may be NULL). Returns an arena string or NULL. */
const char *warta_find_date(struct warta_arena *a, const char *text,
                            size_t len, unsigned flags, size_t *start,
                            size_t *end);

/* An RFC 3339 value as the parser writes it, as instants: `local` is the
 * wall clock read as UTC seconds, `utc` the instant when has_zone. */
struct warta_when {
    int64_t local, utc;
    bool has_time, has_zone;
    int offset; /* minutes east of UTC */
};
bool warta_date_when(const char *rfc3339, struct warta_when *w);

/* A zoned RFC 3339 time re-expressed at offset_minutes (the same instant,
 * the page's own calendar day); anything else is returned unchanged. */
const char *warta_date_in_offset(struct warta_arena *a, const char *rfc3339,
                                 int offset_minutes);

/* The kind of the last date label ("Published", "Diperbarui",
 * "Aktualisiert") standing as a whole word in s, or 0. */
enum warta_date_label_kind warta_date_label_in(struct warta_str s);

/* The kind of the date label that opens s as a whole word (the longest
 * one: "Last updated" over "Last"), or 0. */
enum warta_date_label_kind warta_date_label_opening(struct warta_str s);

/* Month number (1..12) of a month name or abbreviation in any registered
 * language ("Mei", "Sept", "Ogos"), or 0. */
int warta_month_number(const char *p, size_t len);

#endif
