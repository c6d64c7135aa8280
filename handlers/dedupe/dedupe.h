/*
 * Internal interface of the dedupe stage (handlers/dedupe.c and parts).
 */
#ifndef WARTA_DEDUPE_INTERNAL_H
#define WARTA_DEDUPE_INTERNAL_H

#include "warta/article.h"
#include "warta/stages.h"

/* Inside one article: marks repeated blocks (exact after folding, and
 * near-exact) as removed, keeping short lines that legitimately repeat
 * (dedupe/blocks.c). Counts doc->dedupe.removed_blocks. */
void warta_dedupe_blocks(struct warta_doc *doc);

/* Content hash, 64-bit SimHash and the article id from the kept body
 * blocks (dedupe/simhash.c). */
void warta_dedupe_fingerprint(struct warta_doc *doc);

/* Across articles: near duplicates from the index into
 * doc->dedupe.near; an unreachable index adds the warning
 * "index-unavailable" and is not an error (dedupe/across.c). */
void warta_dedupe_lookup(struct warta_doc *doc,
                         const struct warta_dedupe_options *opts,
                         struct warta_index *index);

/* Adds the finished article to the index when opts.remember. */
void warta_dedupe_remember(struct warta_doc *doc, struct warta_index *index);

#endif
