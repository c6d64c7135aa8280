/*
 * warta/lang.h - per-language data tables.
 *
 * Every language-specific word the stages recognise (month and weekday
 * names, time-zone abbreviations, byline labels, "read also" prefixes,
 * furniture phrases, stopwords) lives in one `struct warta_lang` per
 * language under handlers/lang/<code>.c. The logic iterates these tables and
 * never spells a word itself, so adding a language is adding one file and
 * one line to handlers/lang/registry.c.
 *
 * All strings are UTF-8 and matched case-insensitively on ASCII letters.
 */
#ifndef WARTA_LANG_H
#define WARTA_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct warta_month_name {
    const char *name; /* "Februari", "Feb", "Februari" */
    int month;        /* 1..12 */
};

struct warta_zone_name {
    const char *abbr;   /* "WIB" */
    int offset_minutes; /* +420 */
};

enum warta_label_kind {
    WARTA_LABEL_AUTHOR = 1,   /* Pewarta:, Penulis:, Reporter:, Reporting by */
    WARTA_LABEL_EDITOR,       /* Editor:, Editing by */
    WARTA_LABEL_PHOTOGRAPHER, /* Foto:, Fotografer: */
    WARTA_LABEL_TAGS,         /* Tags:, Topik: */
    WARTA_LABEL_SOURCE,       /* Sumber: */
    WARTA_LABEL_TRANSLATOR,   /* Penerjemah: */
};

/* Words that say what the date after them is ("Published", "Updated"). */
enum warta_date_label_kind {
    WARTA_DATE_LABEL_PUBLISHED = 1,
    WARTA_DATE_LABEL_MODIFIED,
};

struct warta_date_label {
    const char *text; /* "Diperbarui", "Veröffentlicht am" */
    enum warta_date_label_kind kind;
};

struct warta_label {
    const char *text; /* without the colon: "Pewarta" */
    enum warta_label_kind kind;
};

struct warta_lang {
    const char *code; /* BCP 47: "id", "ms", "en" */
    const char *name; /* English name, for logs and docs */
    const struct warta_month_name *months; /* NULL-terminated by name */
    const char *const *weekdays;           /* NULL-terminated */
    const struct warta_zone_name *zones;   /* NULL-terminated by abbr */
    const struct warta_label *labels;      /* NULL-terminated by text */
    /* Date labels; NULL-terminated by text, or NULL for none. */
    const struct warta_date_label *date_labels;
    /* Section labels that are never an article's title ("Berita Terkini"). */
    const char *const *generic_titles;
    /* Words joining the day, month and year of a date ("de" of "3 de mayo
     * de 2023"); NULL for none. */
    const char *const *date_connectors;
    /* Words that introduce a time after a date ("pukul", "at"). */
    const char *const *time_words;
    /* Line prefixes that introduce a related-article link ("Baca juga"). */
    const char *const *related_prefixes;
    /* Whole-line furniture to drop ("SCROLL TO CONTINUE WITH CONTENT",
     * "Berita Terkait"). Matched ignoring case, spaces and punctuation, and
     * glued to one another ("ADVERTISEMENTSCROLL TO ..."). */
    const char *const *furniture_lines;
    /* Openers of promo lines ("Simak juga video", "Saksikan live"), matched
     * the same way; a '*' stands for any words, and what follows it must
     * come later in the line ("Ikuti*WhatsApp"). */
    const char *const *furniture_prefixes;
    /* Byline openers stripped before names ("By", "Oleh"). */
    const char *const *byline_prefixes;
    /* Name-list conjunctions ("and", "dan"). */
    const char *const *name_conjunctions;
    /* Frequent function words: language scoring and fingerprint filtering. */
    const char *const *stopwords;
    /* libexttextcat models (file stems) of the languages its text can be
     * taken for, its own first: when stopwords leave two tabled languages
     * close, the n-gram tie-break compares these models only. */
    const char *const *textcat_neighbours;
    /* Caption/credit markers inside parentheses ("Foto", "Photo"). */
    const char *const *photo_words;
    /* Line openers of a copyright notice besides "Copyright" and the sign
     * ("Hak cipta"). */
    const char *const *copyright_prefixes;
    /* Words only a rights or licence notice says, wherever they stand in
     * its line ("All rights reserved", "may not be published, broadcast,
     * rewritten or redistributed"); NULL for none. */
    const char *const *rights_phrases;
    /* Words only a notice about the reader's browser says, wherever they
     * stand in its short line ("best viewed in", "upgrade your browser",
     * "enable JavaScript"); NULL for none. */
    const char *const *browser_notices;
    /* Link labels that close a teaser after its last sentence ("Full
     * Story", "mehr", "Lire la suite"); NULL for none. */
    const char *const *teaser_tails;
    /* Words joining a name to a place in wire credits ("in" of "Reporting
     * by A in Jakarta"); the place is dropped from the name. */
    const char *const *place_prepositions;
    /* Offset assumed for a time printed without a zone, when every country
     * writing the language keeps one (Malay: UTC+8); 0 when unknown. */
    int default_offset_minutes;
    bool has_default_offset;
};

/* A block of code points whose letters are written in one language only
 * (handlers/lang/scripts.c); the table ends with a NULL code. */
struct warta_script_lang {
    int32_t first, last;
    const char *code;
};
extern const struct warta_script_lang warta_script_langs[];

/* News agencies (handlers/lang/agencies.c), NULL-terminated. */
extern const char *const warta_news_agencies[];

/* Social networks and sharing channels (handlers/lang/networks.c),
 * NULL-terminated. */
extern const char *const warta_network_names[];

/* Abbreviations a dateline's place may hold ("Mich.", "N.M.", "St."),
 * spelled as printed (handlers/lang/places.c), NULL-terminated. */
extern const char *const warta_place_abbreviations[];

/* Function words of every tabled language, lowercase, sorted by strcmp,
 * NULL-terminated (handlers/lang/function_words.c). */
extern const char *const warta_function_words[];
/* Whether the n lowercase bytes at `lower` are one of them. */
bool warta_is_function_word(const char *lower, size_t n);

/* Every language's phrases by category, indexed by first letter
 * (handlers/lang/lexicon.c). Built on first use; thread-safe. */
enum warta_lex {
    WARTA_LEX_LABEL,            /* value: enum warta_label_kind */
    WARTA_LEX_RELATED,
    WARTA_LEX_FURNITURE_LINE,
    WARTA_LEX_FURNITURE_PREFIX,
    WARTA_LEX_BYLINE_PREFIX,
    WARTA_LEX_COPYRIGHT,
    WARTA_LEX_PHOTO,
    WARTA_LEX_TIME_WORD,
    WARTA_LEX_CONJUNCTION,
    WARTA_LEX_PLACE_PREPOSITION,
    WARTA_LEX_MONTH,            /* value: month 1..12 */
    WARTA_LEX_WEEKDAY,
    WARTA_LEX_ZONE,             /* value: offset in minutes */
    WARTA_LEX_AGENCY,
    WARTA_LEX_DATE_LABEL,       /* value: enum warta_date_label_kind */
    WARTA_LEX_GENERIC_TITLE,
    WARTA_LEX_DATE_CONNECTOR,
    WARTA_LEX_PLACE_ABBREV,
    WARTA_LEX_NETWORK,
    WARTA_LEX_RIGHTS,
    WARTA_LEX_TEASER_TAIL,
    WARTA_LEX_BROWSER_NOTICE,
    WARTA_LEX__COUNT
};

struct warta_lex_entry {
    const char *text;
    size_t len;
    int value;
};

/* The entries of `cat` whose text starts with `first` (ASCII letters
 * case-folded); *n gets their count. */
const struct warta_lex_entry *warta_lex_bucket(enum warta_lex cat,
                                               unsigned char first, size_t *n);

/* Every entry of `cat`, for phrases that may stand anywhere in a line. */
const struct warta_lex_entry *warta_lex_all(enum warta_lex cat, size_t *n);

/* All registered languages, in registry order. */
const struct warta_lang *const *warta_langs(size_t *count);

/* The language with this BCP 47 primary code, or NULL. */
const struct warta_lang *warta_lang_find(const char *code);

#endif
