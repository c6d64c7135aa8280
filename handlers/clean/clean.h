/*
 * Internal interface of the clean stage (handlers/clean.c and its parts).
 */
#ifndef WARTA_CLEAN_INTERNAL_H
#define WARTA_CLEAN_INTERNAL_H

#include <stdbool.h>

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

/* Marks a block as not content, recording why for `explain`. */
void warta_block_remove(struct warta_doc *doc, struct warta_block *b,
                        const char *reason, long duplicate_of);

#endif
