/*
 * Internal interface of the clean stage (handlers/clean.c and its parts).
 */
#ifndef WARTA_CLEAN_INTERNAL_H
#define WARTA_CLEAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "warta/article.h"
#include "warta/lang.h"
#include "warta/stages.h"
#include "warta/str.h"

/* Plain text -> one block per paragraph line (clean/text.c). */
enum warta_err warta_clean_text(struct warta_doc *doc,
                                struct warta_error *err);

/* HTML -> typed main-content blocks plus structured metadata
 * (clean/html.c). */
enum warta_err warta_clean_html(struct warta_doc *doc,
                                const struct warta_clean_options *opts,
                                struct warta_error *err);

/* Roles (clean/roles.c): give every block its role from its words and
 * position, using the text layer's phrase tables. `head_rules` also
 * recognises kicker/title/date lines at the top (plain-text inputs). */
void warta_assign_roles(struct warta_doc *doc, bool head_rules);

/* When no block of an HTML page is body text: a gallery's captions, else
 * the JSON-LD articleBody, become the body (clean/fallback.c). True when
 * the page then has body text. */
bool warta_clean_html_fallback(struct warta_doc *doc);

/* Rights notices in the body become copyright lines; paragraphs that end
 * with a teaser's link label ("... Full Story") go (clean/notices.c). */
void warta_mark_notices(struct warta_doc *doc);

/* Drops headings that head no body: furniture phrases, and headings after
 * the last body block (clean/headings.c). */
void warta_drop_label_headings(struct warta_doc *doc);

/* The second reading (clean/reading.c): the page as a sequence of text
 * blocks, classed by their own shape and their neighbours, the best run
 * of good ones taken as the article. */
enum warta_rb_class { WARTA_RB_BAD, WARTA_RB_SHORT, WARTA_RB_NEAR, WARTA_RB_GOOD };

struct warta_rblock {
    unsigned chars;          /* code points, spaces aside */
    unsigned link;           /* ... of them inside links */
    unsigned words, function_words;
    long group;              /* the furniture box it sits in, -1 for none */
    bool comments;           /* ... and that box is a comment section */
    bool heading;            /* an <h1>..<h6> */
    bool titled;             /* a heading the page's <title> repeats */
    bool first;              /* the container pick extracts it */
    unsigned char cls;       /* out: enum warta_rb_class after context */
    unsigned char ctx;       /* scratch: a neighbour's class */
    bool kept;               /* out: the second reading keeps it */
};

struct warta_reading {
    long lead;               /* out: the lead weighed (first good block
                              * under a titled heading), or -1 */
    size_t from, to;         /* out: the run, blocks [from, to) */
    unsigned first_good;     /* out: good characters of the first reading */
    unsigned run_good;       /* ... and of the run */
    const char *why;         /* out: the evidence that decided */
};

/* Classes every block (`cls`): good or bad, context applied. */
void warta_reading_classify(struct warta_rblock *b, size_t n);

/* Reads the blocks a second time and weighs the run found against the
 * first reading (blocks with `first`). True when the run is better
 * supported; its blocks then have `kept`. */
bool warta_second_reading(struct warta_rblock *b, size_t n,
                          struct warta_reading *r);

/* Marks a block as not content, recording why for `explain`. */
void warta_block_remove(struct warta_doc *doc, struct warta_block *b,
                        const char *reason, long duplicate_of);

#endif
