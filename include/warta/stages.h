/*
 * warta/stages.h - the stages' entry points, one per file in handlers/
 * (fetch.c, clean.c, dedupe.c, metadata.c, render.c), and the options each
 * takes. A stage receives its own small options struct and the services it
 * uses, never the whole configuration: the pipeline (warta/pipeline.h)
 * fills these from the one option table and hands each stage its part.
 */
#ifndef WARTA_STAGES_H
#define WARTA_STAGES_H

#include <stddef.h>

#include "warta/article.h"
#include "warta/config.h"
#include "warta/err.h"

struct warta_fetcher;
struct warta_index;
struct warta_langid;

/* fetch: a URL input becomes the page's bytes (a no-op for text and HTML
 * inputs). Blocks on the fetcher; the HTTP route uses the asynchronous
 * warta_fetcher_submit() instead (warta/fetch.h). */
enum warta_err warta_fetch_run(struct warta_doc *doc,
                               struct warta_fetcher *fetcher,
                               struct warta_error *err);

/* clean: bytes -> blocks with roles. The caps on what an HTML page may
 * make the parser build (--max-html-nodes, -depth, -attributes). */
struct warta_clean_options {
    long max_html_nodes;
    long max_html_depth;
    long max_html_attributes; /* per element */
};

void warta_clean_options_from_config(struct warta_clean_options *o,
                                     const struct warta_config *cfg);

/* opts NULL means the configuration's defaults. */
enum warta_err warta_clean_run(struct warta_doc *doc,
                               const struct warta_clean_options *opts,
                               struct warta_error *err);

/* The input's bytes into doc (handlers/clean/decode.c): text is decoded
 * from charset (NULL = UTF-8; invalid UTF-8 repaired with U+FFFD and a
 * warning); HTML keeps its bytes for the clean stage to decode with the
 * page's own <meta charset>. */
enum warta_err warta_doc_from_bytes(struct warta_doc *doc,
                                    enum warta_input_kind kind,
                                    const char *charset, const char *body,
                                    size_t len, struct warta_error *err);

/* Guesses text or HTML from the first bytes of an input. */
enum warta_input_kind warta_sniff_kind(const char *p, size_t len);

/* dedupe: repeated blocks inside the article, then the near duplicates
 * among the articles seen before (--near-distance, --near-max). */
struct warta_dedupe_options {
    long near_distance;
    long near_max; /* near duplicates listed per article */
};

void warta_dedupe_options_from_config(struct warta_dedupe_options *o,
                                      const struct warta_config *cfg);

/* index NULL: no cross-article lookup (--index none). */
enum warta_err warta_dedupe_run(struct warta_doc *doc,
                                const struct warta_dedupe_options *opts,
                                struct warta_index *index,
                                struct warta_error *err);
/* Remembers the finished article in the index (when doc->opts.remember). */
void warta_dedupe_commit(struct warta_doc *doc, struct warta_index *index);

/* metadata: fields from the page's structured data and the blocks' roles,
 * the derived text and stats, and the language (langid NULL: stopword
 * tables only). Fails with WARTA_ERR_NO_CONTENT when the input has no
 * body, title, date or description: nothing to report. */
enum warta_err warta_metadata_run(struct warta_doc *doc,
                                  struct warta_langid *langid,
                                  struct warta_error *err);

/* render: the finished article in doc->opts.format into doc->rendered
 * (warta/render.h hands it over). */
enum warta_err warta_render_run(struct warta_doc *doc, struct warta_error *err);

#endif
