/* Document model helpers; the model itself is include/warta/article.h. */
#include "warta/article.h"

#include "warta/unicode.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void warta_doc_init(struct warta_doc *doc, struct warta_arena *arena)
{
    memset(doc, 0, sizeof(*doc));
    doc->arena = arena;
    doc->opts.remember = true;
}

void warta_doc_release(struct warta_doc *doc)
{
    if (doc->html && doc->html_free)
        doc->html_free(doc->html);
    doc->html = NULL;
    free(doc->rendered);
    doc->rendered = NULL;
}

struct warta_block *warta_doc_add_block(struct warta_doc *doc,
                                        enum warta_block_type type,
                                        const char *text, size_t len)
{
    if (doc->n_blocks == doc->cap_blocks) {
        size_t cap = doc->cap_blocks ? doc->cap_blocks * 2 : 64;
        doc->blocks = warta_arena_grow(doc->arena, doc->blocks, doc->n_blocks,
                                       cap, sizeof(*doc->blocks));
        doc->cap_blocks = cap;
    }
    struct warta_block *b = &doc->blocks[doc->n_blocks++];
    memset(b, 0, sizeof(*b));
    b->type = type;
    b->role = WARTA_ROLE_BODY;
    b->text = warta_arena_strndup(doc->arena, text, len);
    b->len = len;
    b->duplicate_of = -1;
    return b;
}

const char *warta_block_folded(struct warta_doc *doc, struct warta_block *b,
                               size_t *len)
{
    if (!b->folded)
        b->folded = warta_text_fold_words(doc->arena, b->text, b->len,
                                          &b->folded_len, &b->word_hashes,
                                          &b->words);
    *len = b->folded_len;
    return b->folded;
}

const uint64_t *warta_doc_body_words(struct warta_doc *doc, size_t max_bytes,
                                     size_t *n)
{
    size_t total = 0, bytes = 0;
    for (size_t i = 0; i < doc->n_blocks && bytes < max_bytes; i++) {
        struct warta_block *b = &doc->blocks[i];
        if (!warta_role_is_content(b->role) || b->removed_reason)
            continue;
        size_t flen;
        warta_block_folded(doc, b, &flen);
        total += b->words;
        bytes += flen + 1;
    }
    uint64_t *words = warta_arena_alloc_uninit(doc->arena, (total + 1) * sizeof(*words));
    *n = 0;
    bytes = 0;
    for (size_t i = 0; i < doc->n_blocks && bytes < max_bytes; i++) {
        const struct warta_block *b = &doc->blocks[i];
        if (!warta_role_is_content(b->role) || b->removed_reason)
            continue;
        size_t take = b->words;
        if (b->folded_len > max_bytes - bytes) {
            /* Only the words that end inside the limit. */
            take = 0;
            for (size_t j = 0; j <= b->folded_len && j <= max_bytes - bytes; j++)
                take += j == b->folded_len || b->folded[j] == ' ';
        }
        if (take)
            memcpy(words + *n, b->word_hashes, take * sizeof(*words));
        *n += take;
        bytes += b->folded_len + 1;
    }
    return words;
}

void warta_strlist_push(struct warta_arena *a, struct warta_strlist *l,
                        const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        l->items = warta_arena_grow(a, l->items, l->n, cap, sizeof(*l->items));
        l->cap = cap;
    }
    l->items[l->n++] = s;
}

bool warta_strlist_contains(const struct warta_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->items[i], s) == 0)
            return true;
    return false;
}

void warta_strlist_push_unique(struct warta_arena *a, struct warta_strlist *l,
                               const char *s)
{
    if (!warta_strlist_contains(l, s))
        warta_strlist_push(a, l, s);
}

void warta_doc_add_image(struct warta_doc *doc, const char *url,
                         const char *caption, const char *credit)
{
    if (doc->n_images == doc->cap_images) {
        size_t cap = doc->cap_images ? doc->cap_images * 2 : 4;
        doc->images = warta_arena_grow(doc->arena, doc->images, doc->n_images,
                                       cap, sizeof(*doc->images));
        doc->cap_images = cap;
    }
    struct warta_image *im = &doc->images[doc->n_images++];
    im->url = url;
    im->caption = caption;
    im->credit = credit;
}

void warta_doc_add_related(struct warta_doc *doc, const char *title,
                           const char *url)
{
    for (size_t i = 0; i < doc->n_related; i++) {
        const struct warta_link *l = &doc->related[i];
        if (l->title && title && strcmp(l->title, title) == 0 &&
            ((!l->url && !url) || (l->url && url && strcmp(l->url, url) == 0)))
            return;
    }
    if (doc->n_related == doc->cap_related) {
        size_t cap = doc->cap_related ? doc->cap_related * 2 : 4;
        doc->related = warta_arena_grow(doc->arena, doc->related,
                                        doc->n_related, cap,
                                        sizeof(*doc->related));
        doc->cap_related = cap;
    }
    doc->related[doc->n_related].title = title;
    doc->related[doc->n_related].url = url;
    doc->n_related++;
}

void warta_doc_warn(struct warta_doc *doc, const char *slug)
{
    warta_strlist_push_unique(doc->arena, &doc->warnings, slug);
}

bool warta_role_is_content(enum warta_block_role role)
{
    return role == WARTA_ROLE_BODY || role == WARTA_ROLE_LEAD ||
           role == WARTA_ROLE_SUBHEAD;
}

const char *warta_role_name(enum warta_block_role role)
{
    static const char *const names[] = {
        [WARTA_ROLE_BODY] = "body",         [WARTA_ROLE_LEAD] = "lead",
        [WARTA_ROLE_SUBHEAD] = "subhead",   [WARTA_ROLE_KICKER] = "kicker",
        [WARTA_ROLE_TITLE] = "title",       [WARTA_ROLE_SUBTITLE] = "subtitle",
        [WARTA_ROLE_DATE] = "date",         [WARTA_ROLE_CAPTION] = "caption",
        [WARTA_ROLE_BYLINE] = "byline",     [WARTA_ROLE_RELATED] = "related",
        [WARTA_ROLE_FOOTER] = "footer",     [WARTA_ROLE_COPYRIGHT] = "copyright",
        [WARTA_ROLE_FURNITURE] = "furniture", [WARTA_ROLE_TAG] = "tag",
    };
    if ((size_t)role < sizeof(names) / sizeof(names[0]) && names[role])
        return names[role];
    return "unknown";
}

