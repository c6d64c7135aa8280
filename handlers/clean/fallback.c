/*
 * Last resorts of the clean stage, for a page whose DOM gave little or no
 * body text. A body of a paragraph or more is touched by the gallery rule
 * alone, and what any of them adds is text the page shows.
 *
 *  1. Captions: a photo gallery's only prose is its captions. They were
 *     kept aside as `caption` blocks; with nothing else to say, they are
 *     the body. A photo story told picture by picture (several captions
 *     saying more than the short intro above them) has them as its body
 *     too. A gallery page often has a line about itself (a dek, a
 *     "PHOTOS: ..." link): a body shorter than a paragraph and than the
 *     captions is that line, and captions that tell (a few sentences
 *     about the picture, not a credit line or a site's footer credits)
 *     join it.
 *  2. JSON-LD: pages that render the story with script (or behind a
 *     paywall overlay) often still ship it whole in the structured data
 *     as `articleBody`. Its lines become body blocks, on an empty page
 *     only.
 */
#include "clean/clean.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "warta/text.h"
#include "warta/unicode.h"
#include "util/dom.h"

/* Below this many words the captions are credits or "1 of 12" counters,
 * not a gallery's text; each of a photo story's captions says as much. */
#define CAPTION_BODY_MIN_WORDS 12
/* Body words under which captions that say more are the text: a dek or
 * a link line, not a story. */
#define THIN_BODY_WORDS 40
/* Words a caption needs to join a thin body: a picture told in sentences,
 * where credits ("Photo: X / Agency", "(c) 2012 Site | powered by ...")
 * and "share it, link back" lines are short. */
#define TELLING_CAPTION_WORDS 30
/* Captions that make a page a gallery when together they say more than
 * its body: a photo story told picture by picture under a short intro.
 * One or two are a photo and a credit line. */
#define GALLERY_CAPTIONS 3
/* JSON-LD nesting followed when looking for articleBody (@graph, arrays,
 * mainEntity): the reader in metadata/structured.c goes no deeper. */
#define LD_MAX_DEPTH 4

/* Words of the body, counted up to `limit`. */
static size_t content_words(const struct warta_doc *doc, size_t limit)
{
    size_t words = 0;
    for (size_t i = 0; i < doc->n_blocks && words < limit; i++) {
        const struct warta_block *b = &doc->blocks[i];
        if (warta_role_is_content(b->role) && !b->removed_reason)
            words += warta_count_words_upto(b->text, b->len, limit - words);
    }
    return words;
}

static bool has_content(const struct warta_doc *doc)
{
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (warta_role_is_content(doc->blocks[i].role) &&
            !doc->blocks[i].removed_reason)
            return true;
    return false;
}

/* Caption blocks that are text, not credit lines ("Foto: X" is a label),
 * of at least `min` words. */
static bool caption_prose(const struct warta_block *b, size_t min)
{
    if (b->role != WARTA_ROLE_CAPTION || b->removed_reason || !b->len ||
        (min && warta_count_words_upto(b->text, b->len, min) < min))
        return false;
    enum warta_label_kind kind;
    size_t at;
    return !warta_match_label(warta_str_make(b->text, b->len), &kind, &at);
}

/* Captions of at least `min` words each become the body when together
 * they say more than `more` words, or more than the body (`more` of
 * SIZE_MAX) when there are GALLERY_CAPTIONS of them. */
static bool captions_as_body(struct warta_doc *doc, size_t min, size_t more)
{
    size_t words = 0, n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (caption_prose(&doc->blocks[i], min)) {
            words += warta_count_words(doc->blocks[i].text, doc->blocks[i].len);
            n++;
        }
    if (more == SIZE_MAX && n >= GALLERY_CAPTIONS)
        more = content_words(doc, words);
    if (words < CAPTION_BODY_MIN_WORDS || words <= more)
        return false;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (caption_prose(&doc->blocks[i], min))
            doc->blocks[i].role = WARTA_ROLE_BODY;
    return true;
}

/* The longest articleBody string anywhere in a JSON-LD value. */
static const char *ld_body(json_t *v, int depth, const char *best)
{
    if (depth > LD_MAX_DEPTH)
        return best;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && i < 256; i++)
            best = ld_body(json_array_get(v, i), depth + 1, best);
        return best;
    }
    if (!json_is_object(v))
        return best;
    json_t *b = json_object_get(v, "articleBody");
    if (json_is_string(b) &&
        (!best || strlen(json_string_value(b)) > strlen(best)))
        best = json_string_value(b);
    best = ld_body(json_object_get(v, "@graph"), depth + 1, best);
    return ld_body(json_object_get(v, "mainEntity"), depth + 1, best);
}

/* One body block per non-empty line of the text. */
static size_t add_lines(struct warta_doc *doc, const char *s)
{
    size_t added = 0;
    while (*s) {
        size_t l = strcspn(s, "\n");
        size_t n;
        const char *t = warta_text_normalize(doc->arena, s, l, &n);
        if (n) {
            warta_doc_add_block(doc, WARTA_BLOCK_PARAGRAPH, t, n)->role = WARTA_ROLE_BODY;
            added++;
        }
        s += l;
        if (*s)
            s++;
    }
    return added;
}

static bool jsonld_as_body(struct warta_doc *doc)
{
    xmlNode *root = doc->html ? xmlDocGetRootElement(doc->html) : NULL;
    size_t added = 0;
    for (xmlNode *n = root; n && !added;) {
        bool descend = true;
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "script")) {
            descend = false;
            xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
            bool ld = type && !strcasecmp((const char *)type, "application/ld+json");
            xmlFree(type);
            if (ld && n->children && n->children->content) {
                json_error_t jerr;
                json_t *j = json_loads((const char *)n->children->content,
                                       JSON_DECODE_ANY, &jerr);
                const char *body = j ? ld_body(j, 0, NULL) : NULL;
                if (body)
                    added = add_lines(doc, body);
                json_decref(j);
            }
        }
        n = warta_dom_next(n, root, descend);
    }
    return added > 0;
}

bool warta_clean_html_fallback(struct warta_doc *doc)
{
    if (has_content(doc)) {
        if (captions_as_body(doc, CAPTION_BODY_MIN_WORDS, SIZE_MAX))
            return true;
        size_t words = content_words(doc, THIN_BODY_WORDS);
        if (words < THIN_BODY_WORDS)
            captions_as_body(doc, TELLING_CAPTION_WORDS, words);
        return true;
    }
    if (captions_as_body(doc, 0, 0) && has_content(doc))
        return true;
    if (!jsonld_as_body(doc))
        return false;
    /* The new lines get their roles like any block (a "Read also:" line
     * or a sign-off inside articleBody is still furniture); blocks that
     * already have one keep it. */
    warta_assign_roles(doc, false);
    return has_content(doc);
}
