/*
 * Internal interface of the metadata stage (handlers/metadata.c and parts).
 * Structured data is read first; the text rules then fill only what is
 * still unknown, so a page's own JSON-LD always wins over heuristics.
 */
#ifndef WARTA_METADATA_INTERNAL_H
#define WARTA_METADATA_INTERNAL_H

#include <stdbool.h>
#include <time.h>

#include "warta/article.h"
#include "warta/lang.h"
#include "warta/stages.h"

/* Fills doc fields from doc->html (JSON-LD, OpenGraph, article:*, parsely,
 * sailthru, Dublin Core, <time>, rel=author...) in the documented
 * priority order (metadata/structured.c). No-op when doc->html is NULL. */
void warta_metadata_from_html(struct warta_doc *doc);

/* Splits a byline ("By A, B and C", "Oleh A dan B") into names pushed onto
 * list, stripping prefixes, roles and agency suffixes (metadata/bylines.c). */
void warta_split_names(struct warta_arena *a, struct warta_strlist *list,
                       const char *text, size_t len);

#endif
