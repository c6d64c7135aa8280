/*
 * Headings that head nothing. The HTML extractor gives a heading its role
 * from the tag, so the line rules of clean/roles.c never read its words;
 * a box title ("Das könnte Sie auch interessieren", "Most Read") in the
 * picked region would stay in the text. Here, after the roles:
 *
 *  - a heading whose words are a furniture line of the phrase tables is
 *    furniture, like the same words in a paragraph;
 *  - headings after the last body block head no body: the labels of
 *    teaser boxes, feeds or widgets whose links were dropped (or whose
 *    lines were furniture). A section heading always has text after it.
 *    Only short ones: old pages set whole paragraphs in heading tags,
 *    and those are text whatever follows them;
 *  - the same label over a box dropped mid-story ("Also in Business"
 *    over its links, then the story's next section): nothing of its own
 *    section is left, and something in it went.
 */
#include "clean/clean.h"

#include "warta/text.h"

/* A label, not a paragraph set in a heading tag. */
#define LABEL_MAX_WORDS 10

static bool kept(const struct warta_block *b)
{
    return !b->removed_reason && warta_role_is_content(b->role);
}

/* A statement set as a heading ("1. Prices rose."), not a box's label. */
static bool sentence_end(const char *t, size_t n)
{
    return n >= 2 && t[n - 1] == '.' && t[n - 2] != '.';
}

/* A label over a box that was dropped: up to the next heading of its rank
 * or above, nothing of its section is left but lower headings, and
 * something in it went. A section heading over text, or over a subsection
 * with text, stays. */
static bool heads_a_dropped_box(const struct warta_doc *doc, size_t i)
{
    const struct warta_block *h = &doc->blocks[i];
    if (!kept(h) || h->role != WARTA_ROLE_SUBHEAD || !h->heading_level ||
        warta_count_words_upto(h->text, h->len, LABEL_MAX_WORDS + 1) > LABEL_MAX_WORDS ||
        sentence_end(h->text, h->len))
        return false;
    unsigned gone = h->dropped_after;
    for (size_t j = i + 1; j < doc->n_blocks; j++) {
        const struct warta_block *b = &doc->blocks[j];
        if (b->heading_level && b->heading_level <= h->heading_level)
            break;
        if (b->removed_reason || b->role == WARTA_ROLE_RELATED ||
            b->role == WARTA_ROLE_FURNITURE)
            gone += 2;
        else if (warta_role_is_content(b->role) && b->role != WARTA_ROLE_SUBHEAD)
            return false;
        gone += b->dropped_after;
    }
    return gone >= 2;
}

void warta_drop_label_headings(struct warta_doc *doc)
{
    size_t last_body = doc->n_blocks;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        struct warta_block *b = &doc->blocks[i];
        if (b->removed_reason)
            continue;
        if (b->role == WARTA_ROLE_SUBHEAD &&
            warta_is_furniture_line(warta_str_make(b->text, b->len)))
            warta_block_remove(doc, b, "furniture", -1);
        else if (b->role == WARTA_ROLE_BODY || b->role == WARTA_ROLE_LEAD)
            last_body = i;
    }
    /* No body at all: the headings are all the page says, keep them. */
    if (last_body == doc->n_blocks)
        return;
    for (size_t i = last_body + 1; i < doc->n_blocks; i++)
        if (doc->blocks[i].role == WARTA_ROLE_SUBHEAD &&
            warta_count_words_upto(doc->blocks[i].text, doc->blocks[i].len,
                                   LABEL_MAX_WORDS + 1) <= LABEL_MAX_WORDS)
            warta_block_remove(doc, &doc->blocks[i], "heading-without-body", -1);
    for (size_t i = 0; i < last_body; i++)
        if (heads_a_dropped_box(doc, i))
            warta_block_remove(doc, &doc->blocks[i], "heading-without-body", -1);
}
