/*
 * The phrases of every registered language, indexed once by category and
 * by first letter, so matching a line costs the few phrases that share its
 * first letter instead of every phrase of every table.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "warta/arena.h"
#include "warta/lang.h"
#include "warta/str.h"

struct bucket {
    struct warta_lex_entry *items;
    size_t n, cap;
};

static struct bucket index_[WARTA_LEX__COUNT][256];
/* The same entries in one list per category, for phrases looked for
 * anywhere in a line rather than at its start. */
static struct bucket all_[WARTA_LEX__COUNT];
static pthread_once_t built = PTHREAD_ONCE_INIT;
/* Set, with release order, once the index is complete: a lookup (a couple
 * of hundred per article) tests it inline instead of calling pthread_once. */
static atomic_bool ready;

static void push(struct bucket *b, const char *text, int value)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4;
        b->items = warta_xrealloc(b->items, b->cap * sizeof(*b->items));
    }
    b->items[b->n++] = (struct warta_lex_entry){text, strlen(text), value};
}

static void add(enum warta_lex cat, const char *text, int value)
{
    struct bucket *b = &index_[cat][warta_ascii_lower((unsigned char)text[0])];
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->items[i].text, text) == 0 && b->items[i].value == value)
            return; /* shared by two languages */
    push(b, text, value);
    push(&all_[cat], text, value);
}

static void add_list(enum warta_lex cat, const char *const *list)
{
    for (; list && *list; list++)
        add(cat, *list, 0);
}

static void build(void)
{
    size_t n;
    const struct warta_lang *const *langs = warta_langs(&n);
    for (size_t l = 0; l < n; l++) {
        const struct warta_lang *g = langs[l];
        for (const struct warta_label *lb = g->labels; lb->text; lb++)
            add(WARTA_LEX_LABEL, lb->text, (int)lb->kind);
        add_list(WARTA_LEX_RELATED, g->related_prefixes);
        add_list(WARTA_LEX_FURNITURE_LINE, g->furniture_lines);
        add_list(WARTA_LEX_FURNITURE_PREFIX, g->furniture_prefixes);
        add_list(WARTA_LEX_BYLINE_PREFIX, g->byline_prefixes);
        add_list(WARTA_LEX_COPYRIGHT, g->copyright_prefixes);
        add_list(WARTA_LEX_RIGHTS, g->rights_phrases);
        add_list(WARTA_LEX_TEASER_TAIL, g->teaser_tails);
        add_list(WARTA_LEX_BROWSER_NOTICE, g->browser_notices);
        add_list(WARTA_LEX_PHOTO, g->photo_words);
        add_list(WARTA_LEX_TIME_WORD, g->time_words);
        add_list(WARTA_LEX_GENERIC_TITLE, g->generic_titles);
        add_list(WARTA_LEX_DATE_CONNECTOR, g->date_connectors);
        add_list(WARTA_LEX_CONJUNCTION, g->name_conjunctions);
        add_list(WARTA_LEX_PLACE_PREPOSITION, g->place_prepositions);
        add_list(WARTA_LEX_WEEKDAY, g->weekdays);
        for (const struct warta_month_name *m = g->months; m->name; m++)
            add(WARTA_LEX_MONTH, m->name, m->month);
        for (const struct warta_date_label *d = g->date_labels; d && d->text; d++)
            add(WARTA_LEX_DATE_LABEL, d->text, (int)d->kind);
        for (const struct warta_zone_name *z = g->zones; z->abbr; z++)
            add(WARTA_LEX_ZONE, z->abbr, z->offset_minutes);
    }
    add_list(WARTA_LEX_AGENCY, warta_news_agencies);
    add_list(WARTA_LEX_PLACE_ABBREV, warta_place_abbreviations);
    add_list(WARTA_LEX_NETWORK, warta_network_names);
    atomic_store_explicit(&ready, true, memory_order_release);
}

const struct warta_lex_entry *warta_lex_bucket(enum warta_lex cat,
                                               unsigned char first, size_t *n)
{
    if (!atomic_load_explicit(&ready, memory_order_acquire))
        pthread_once(&built, build);
    const struct bucket *b = &index_[cat][warta_ascii_lower(first)];
    *n = b->n;
    return b->items;
}

const struct warta_lex_entry *warta_lex_all(enum warta_lex cat, size_t *n)
{
    if (!atomic_load_explicit(&ready, memory_order_acquire))
        pthread_once(&built, build);
    *n = all_[cat].n;
    return all_[cat].items;
}
