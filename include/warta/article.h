/*
 * warta/article.h - the per-request document model every stage works on.
 *
 * One `struct warta_doc` is created per request (HTTP, batch line or CLI
 * input). Its memory comes from the request arena: stages set fields to
 * arena strings and never free them. The doc is created by the caller of the
 * pipeline (server/ or the CLI), which also frees it.
 *
 * Field names follow the native article of openapi.yaml; a NULL string or an
 * empty list renders as `null` / `[]`.
 */
#ifndef WARTA_ARTICLE_H
#define WARTA_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warta/arena.h"

enum warta_input_kind {
    WARTA_INPUT_TEXT = 0,
    WARTA_INPUT_HTML,
    WARTA_INPUT_URL,
};

enum warta_format {
    WARTA_FORMAT_NATIVE = 0,
    WARTA_FORMAT_NINJS,
    WARTA_FORMAT_JSONLD,
    WARTA_FORMAT_TEXT,
};

/* What a block is typographically (from HTML tags or text shape). */
enum warta_block_type {
    WARTA_BLOCK_PARAGRAPH = 0,
    WARTA_BLOCK_HEADING,
    WARTA_BLOCK_LIST_ITEM,
    WARTA_BLOCK_QUOTE,
    WARTA_BLOCK_CAPTION,
    WARTA_BLOCK_PREFORMATTED,
    WARTA_BLOCK_TABLE_ROW,
};

/* What a block is for the article. Only BODY, LEAD and SUBHEAD blocks
 * become `paragraphs`; the others feed metadata or are removed. */
enum warta_block_role {
    WARTA_ROLE_BODY = 0,
    WARTA_ROLE_LEAD,      /* first body block, opening with its dateline */
    WARTA_ROLE_SUBHEAD,   /* heading inside the body */
    WARTA_ROLE_KICKER,
    WARTA_ROLE_TITLE,
    WARTA_ROLE_SUBTITLE,
    WARTA_ROLE_DATE,
    WARTA_ROLE_CAPTION,
    WARTA_ROLE_BYLINE,
    WARTA_ROLE_RELATED,
    WARTA_ROLE_FOOTER,    /* labelled footer field: Pewarta:, Editor:, Tags: */
    WARTA_ROLE_COPYRIGHT,
    WARTA_ROLE_FURNITURE, /* ads, prompts, share bars: dropped */
    WARTA_ROLE_TAG,       /* a line of tags under a bare "Tags" heading */
};

struct warta_block {
    enum warta_block_type type;
    enum warta_block_role role;
    char *text;  /* NUL-terminated, arena-owned, normalised UTF-8 */
    size_t len;
    /* Why it is not in `paragraphs` (a stable reason slug) or NULL. */
    const char *removed_reason;
    long duplicate_of; /* index of the block it repeats, or -1 */
    const char *url;   /* link target (related links, images) or NULL */
    /* Pasted text: a blank line follows the block, which is how copy sets
     * a headline off from its story. */
    bool blank_after;
    /* HTML: the heading's rank, 1 for <h1> to 6 for <h6>; 0 for other
     * blocks. */
    unsigned char heading_level;
    /* HTML: what was dropped right after the block, before the next block
     * began: 1 per link-dense line, 2 per boilerplate box (saturates). */
    unsigned char dropped_after;
    /* Folded form (warta_text_fold), computed once by warta_block_folded,
     * with its word count and each word's warta_word_hash. */
    const char *folded;
    size_t folded_len, words;
    const uint64_t *word_hashes;
};

struct warta_strlist {
    const char **items;
    size_t n, cap;
};

struct warta_image {
    const char *url, *caption, *credit;
};

struct warta_link {
    const char *title, *url;
};

struct warta_near_duplicate {
    const char *id;
    unsigned distance;
    const char *title, *url;
    const char *first_seen; /* RFC 3339 UTC */
};

struct warta_removed {
    const char *text, *reason;
    long duplicate_of; /* index into the kept paragraphs' source blocks */
};

struct warta_timing {
    const char *stage;
    int64_t usec;
};

#define WARTA_MAX_STAGES 8

struct warta_options {
    enum warta_format format;
    bool explain;
    bool remember;
    const char *lang_hint; /* BCP 47 or NULL */
};

struct warta_doc {
    struct warta_arena *arena; /* borrowed from the owner of the doc */

    /* Input as received; input bytes are arena-owned and NUL-terminated. */
    enum warta_input_kind kind;
    char *input;
    size_t input_len;
    bool input_utf8; /* input is valid UTF-8 (text, decoded on arrival) */
    const char *base_url; /* for resolving relative links, or NULL */
    struct warta_options opts;

    struct {
        const char *url, *final_url, *content_type, *charset, *fetched_at;
        long http_status; /* 0 when not fetched */
    } source;

    /* Blocks in reading order, produced by clean. */
    struct warta_block *blocks;
    size_t n_blocks, cap_blocks;

    /* Parsed HTML document (an xmlDocPtr), owned by the clean stage and
     * released by warta_doc_release(); NULL for text. */
    void *html;
    void (*html_free)(void *);

    const char *id, *language, *kicker, *title, *subtitle, *description;
    const char *published_at, *modified_at, *section, *copyright;
    const char *site_name, *canonical_url;
    struct warta_strlist authors, editors, tags, warnings;
    struct {
        const char *location, *agency;
    } dateline;
    struct warta_image *images;
    size_t n_images, cap_images;
    struct warta_link *related;
    size_t n_related, cap_related;

    /* Derived by the metadata stage from the kept blocks. */
    const char **paragraphs;
    size_t *paragraph_len; /* bytes of each paragraph */
    size_t n_paragraphs;
    char *text; /* paragraphs joined by "\n\n" */
    struct {
        size_t paragraphs, words, characters, reading_time_seconds;
    } stats;

    struct {
        size_t removed_blocks;
        char content_hash[48];  /* "xxh128:<32 hex>" */
        uint64_t simhash;
        bool have_simhash;
        struct warta_near_duplicate *near;
        size_t n_near;
    } dedupe;

    struct warta_removed *removed;
    size_t n_removed, cap_removed;

    struct warta_timing timings[WARTA_MAX_STAGES];
    size_t n_timings;
    /* Monotonic start of the running stage (µs), so render can report its
     * own time inside the output it is writing. */
    int64_t stage_started_usec;

    /* Set by render: the response body (malloc'd, NUL-terminated, ending
     * in a newline) and its media type; freed by warta_doc_release() unless
     * taken with warta_render_body(). */
    char *rendered;
    size_t rendered_len;
    const char *rendered_type;
};

/* Initialises doc over an arena the caller owns. */
void warta_doc_init(struct warta_doc *doc, struct warta_arena *arena);

/* Releases what is not arena memory (parsed HTML, rendered JSON). */
void warta_doc_release(struct warta_doc *doc);

/* The block's text folded for comparisons (case, accents, punctuation
 * gone), computed on first use and kept; it follows later text edits. */
const char *warta_block_folded(struct warta_doc *doc, struct warta_block *b,
                               size_t *len);

/* The word hashes (warta_word_hash) of the body: the content blocks still
 * in the article, in order, as far as max_bytes of folded text reaches (a
 * word counts when it ends within them; SIZE_MAX for all). Arena memory,
 * *n entries. */
const uint64_t *warta_doc_body_words(struct warta_doc *doc, size_t max_bytes,
                                     size_t *n);

/* Appends a block whose text is copied into the arena; returns it. */
struct warta_block *warta_doc_add_block(struct warta_doc *doc,
                                        enum warta_block_type type,
                                        const char *text, size_t len);

void warta_strlist_push(struct warta_arena *a, struct warta_strlist *l,
                        const char *s);
/* Pushes unless an equal string (case-insensitive) is already present. */
void warta_strlist_push_unique(struct warta_arena *a, struct warta_strlist *l,
                               const char *s);
bool warta_strlist_contains(const struct warta_strlist *l, const char *s);

void warta_doc_add_image(struct warta_doc *doc, const char *url,
                         const char *caption, const char *credit);
void warta_doc_add_related(struct warta_doc *doc, const char *title,
                           const char *url);
/* Records a warning slug once (e.g. "invalid-utf8-repaired"). */
void warta_doc_warn(struct warta_doc *doc, const char *slug);

/* True for roles whose blocks make up `paragraphs`. */
bool warta_role_is_content(enum warta_block_role role);

const char *warta_role_name(enum warta_block_role role);

#endif
