/*
 * Notices and teasers among the body lines. The role rules of
 * clean/roles.c take a copyright line when it is short and opens with the
 * notice; the wires and sites write longer ones ("Copyright 2008 The
 * Associated Press. All rights reserved. This material may not be
 * published, broadcast, rewritten or redistributed.") and put them after
 * the story in the same container, where they read as a paragraph. A
 * rights phrase anywhere in a short paragraph makes it the notice.
 *
 * The site's word to the reader's browser ("Best viewed in 1024x768",
 * "Your browser has been unable to load the stylesheet", "Please enable
 * JavaScript") stands among the body lines where the template put it
 * first or last, and is furniture. So is its note of when the page
 * last changed ("Last updated: 14 January 2008"): a label of the tables
 * opening a short line that ends with a date.
 *
 * A feed of other stories that sits inside the picked region shows as
 * paragraphs closed by their link's label ("... in straight sets. Full
 * Story", "... überfordert. mehr"); a story's own paragraph never ends
 * that way. They go when there are a few of them, a feed rather than a
 * summary with its one "Read more.", and unless they are all the body
 * there is (a page that is a feed has nothing else to give).
 */
#include "clean/clean.h"

#include "warta/text.h"

/* One teaser can be a summary page's own paragraph; a feed has more. */
#define FEED_MIN_TEASERS 2
/* "Last updated: 14 January 2008 at 8:37 AM". */
#define UPDATED_LINE_MAX_WORDS 12
/* What may follow the date: its time, "2:35 PM PDT". */
#define UPDATED_TAIL_MAX_WORDS 3

static bool has_digit(struct warta_str s)
{
    for (size_t i = 0; i < s.len; i++)
        if (s.p[i] >= '0' && s.p[i] <= '9')
            return true;
    return false;
}

/* When the page last changed, a line of the template: it opens with a
 * label of the tables that says so and holds a date. A story's own
 * sentence about an update does not open with the label. */
static bool is_updated_line(struct warta_doc *doc, struct warta_str s)
{
    size_t end;
    if (warta_date_label_opening(s) != WARTA_DATE_LABEL_MODIFIED ||
        warta_count_words_upto(s.p, s.len, UPDATED_LINE_MAX_WORDS) > UPDATED_LINE_MAX_WORDS ||
        !warta_find_date(doc->arena, s.p, s.len, 0, NULL, &end))
        return false;
    /* The date closes the line, or its time does: a listing's "Updated:
     * March 23, 2006 Job Opportunity" is an entry's date and title. */
    struct warta_str tail = warta_str_trim(warta_str_make(s.p + end, s.len - end));
    if (!tail.len)
        return true;
    return warta_count_words_upto(tail.p, tail.len, UPDATED_TAIL_MAX_WORDS) <=
               UPDATED_TAIL_MAX_WORDS &&
           has_digit(tail);
}

void warta_mark_notices(struct warta_doc *doc)
{
    size_t body = 0, teasers = 0;
    /* each paragraph is read once: the verdicts wait for the count */
    bool *teaser = warta_arena_alloc(doc->arena, doc->n_blocks ? doc->n_blocks : 1);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        struct warta_block *b = &doc->blocks[i];
        if (b->removed_reason || b->role != WARTA_ROLE_BODY)
            continue;
        struct warta_str s = warta_str_make(b->text, b->len);
        if (warta_is_rights_notice(s)) {
            b->role = WARTA_ROLE_COPYRIGHT;
            continue;
        }
        if (warta_is_browser_notice(s) || is_updated_line(doc, s)) {
            b->role = WARTA_ROLE_FURNITURE;
            warta_block_remove(doc, b, "furniture", -1);
            continue;
        }
        body++;
        teaser[i] = warta_is_teaser_line(s);
        teasers += teaser[i];
    }
    if (teasers < FEED_MIN_TEASERS || teasers == body)
        return;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (teaser[i])
            warta_block_remove(doc, &doc->blocks[i], "teaser", -1);
}
