/*
 * The second reading of an HTML page: a check on the container pick.
 *
 * The extractor (clean/html.c) bets on one container, grown into a region.
 * When that bet looks poor (it holds little of the page's paragraph text,
 * misses the paragraphs under the headline, or is mostly links and short
 * lines), the page is read a second time without containers, block by
 * block, in the spirit of jusText (Pomikálek 2011) and of the body-text
 * extraction of Finn et al. (2001):
 *
 *  1. Every text block (the text of one block element, in page order) is
 *     classed by its own shape: link density above LINK_MAX is bad; under
 *     SHORT_MAX characters it is short; otherwise a share of function words
 *     ("the", "und", "yang"...) at prose level makes it good, a little
 *     less makes it near-good, and less still is bad (menus, teaser
 *     headlines, tag rows are nouns and links).
 *  2. Context: a near-good block is good next to a good block; a short
 *     block is good between good blocks (a subheading, a one-line
 *     paragraph), else bad.
 *  3. The article is one contiguous run: the run of blocks whose good
 *     characters minus the bad ones between them is largest (a maximum
 *     sum segment). A run never crosses into another furniture box nor
 *     into the first reading's blocks (when the run wins, those are the
 *     wrong container, not more of the article).
 *
 * The two readings are then weighed by explicit evidence, in this order:
 *  - The headline. Headings the page's <title> repeats (the headline, a
 *    blog's name) announce what follows them. When the first reading
 *    starts right under one (within LEAD_GAP characters of bylines and
 *    dates), it is about what the page names and it stays, whatever the
 *    second reading finds: a link roundup or a list is a story too.
 *  - The lead: the first good block right under such a heading. When only
 *    the run holds it, the run wins if it holds at least half as much
 *    sentence-shaped text as the first reading holds text (an article can
 *    be shorter than the comment thread or sidebar picked instead).
 *  - Without a lead (no titled heading, or no prose under one): the first
 *    reading stays unless it is nothing or mostly links (a teaser grid, a
 *    menu) and the run holds prose. A short post of short lines beside a
 *    long comment thread stays.
 *
 * Everything here works on the block array alone (built by html.c, which
 * owns the DOM), so it is linear in the blocks and testable without HTML.
 */
#include "clean/clean.h"

#include <stdint.h>

/* Link characters over all characters beyond which a block is links. */
#define LINK_MAX 0.2
/* Characters (no spaces) under which a block is short: a label, a title,
 * a date, a one-line caption. */
#define SHORT_MAX 60
/* Characters a good block needs; shorter prose is near-good at best. */
#define GOOD_MIN 150
/* Function-word share of prose, and the lower bound of near-good. */
#define FW_GOOD 0.30
#define FW_NEAR 0.22
/* Characters per word past which the text has no spaces between words
 * (Chinese, Japanese, Thai): the function-word share says nothing. */
#define UNSPACED 12
/* How much smaller than the first reading the run holding the lead may
 * be, and the least it must hold. */
#define LEAD_SHARE 0.5
#define RUN_MIN 250
/* Characters between a headline and its lead: a byline, a date, a few
 * share and category labels. */
#define LEAD_GAP 400
/* Leads weighed at most: each costs a run (a page repeating its title in
 * every heading must stay linear). */
#define MAX_LEADS 8
/* Without a lead: the least good text a run replacing a prose-less first
 * reading must hold. */
#define OUTWEIGH_MIN 500

static enum warta_rb_class shape(const struct warta_rblock *b)
{
    if (!b->chars)
        return WARTA_RB_SHORT;
    if ((double)b->link > (double)b->chars * LINK_MAX)
        return WARTA_RB_BAD;
    if (b->chars < SHORT_MAX)
        return WARTA_RB_SHORT;
    double fw = b->words && b->chars <= b->words * UNSPACED
                    ? (double)b->function_words / (double)b->words
                    : 1.0;
    if (fw >= FW_GOOD && b->chars >= GOOD_MIN)
        return WARTA_RB_GOOD;
    if (fw >= FW_NEAR)
        return WARTA_RB_NEAR;
    return WARTA_RB_BAD;
}

/* Settles the blocks of class `which` by their neighbours: the nearest
 * block before and after that is neither short nor, with skip_near,
 * near-good (bad at the page's edge). A forward sweep keeps the one
 * before in `ctx`, a backward sweep meets the one after: a page of a
 * million short lines stays linear. */
static void resolve(struct warta_rblock *b, size_t n, unsigned char which,
                    bool skip_near)
{
    unsigned char last = WARTA_RB_BAD;
    for (size_t i = 0; i < n; i++) {
        b[i].ctx = last;
        unsigned char c = b[i].cls;
        if (c != WARTA_RB_SHORT && !(skip_near && c == WARTA_RB_NEAR))
            last = c;
    }
    last = WARTA_RB_BAD;
    for (size_t i = n; i-- > 0;) {
        unsigned char c = b[i].cls;
        if (c == which) {
            /* near-good: good beside a good block; short: good between
             * two */
            bool good = which == WARTA_RB_NEAR
                            ? b[i].ctx == WARTA_RB_GOOD || last == WARTA_RB_GOOD
                            : b[i].ctx == WARTA_RB_GOOD && last == WARTA_RB_GOOD;
            b[i].ctx = good ? WARTA_RB_GOOD : WARTA_RB_BAD;
        }
        if (c != WARTA_RB_SHORT && !(skip_near && c == WARTA_RB_NEAR))
            last = c;
    }
    /* written after both sweeps: one near-good block does not chain the
     * next into prose */
    for (size_t i = 0; i < n; i++)
        if (b[i].cls == which)
            b[i].cls = b[i].ctx;
}

void warta_reading_classify(struct warta_rblock *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        b[i].cls = (unsigned char)shape(&b[i]);
        b[i].kept = false;
    }
    /* Near-good next to good prose is more of it; then a short block
     * between good ones (a subheading, a short paragraph) belongs to
     * them. */
    resolve(b, n, WARTA_RB_NEAR, true);
    resolve(b, n, WARTA_RB_SHORT, false);
}

/* What a block adds to a run: its characters when good, minus them when
 * bad. A bad block's cost is capped so that one long link list between two
 * halves of a story costs as much as a short one, no more. */
#define BAD_COST_MAX 400
static long gain(const struct warta_rblock *b)
{
    if (b->cls == WARTA_RB_GOOD)
        return (long)b->chars;
    return -(long)(b->chars < BAD_COST_MAX ? b->chars : BAD_COST_MAX);
}

/* The best run, Kadane's maximum-sum segment restarted at every change of
 * furniture box and at the edges of the first reading. Returns its gain; 0 (and from == to) when none. */
static long best_run(const struct warta_rblock *b, size_t n, size_t *from,
                     size_t *to)
{
    long best = 0, cur = 0;
    size_t start = 0;
    *from = *to = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (b[i].group != b[i - 1].group || b[i].first != b[i - 1].first))
            cur = 0;
        if (cur <= 0) {
            cur = 0;
            start = i;
        }
        cur += gain(&b[i]);
        if (cur > best) {
            best = cur;
            *from = start;
            *to = i + 1;
        }
    }
    return best;
}

/* The best run that holds block `lead`: the best extension to each side
 * within its furniture box, added to it. It stops at the first reading's
 * blocks: the run is weighed against them, and when it wins they are the
 * wrong container (the comment thread after the story), not more of it. */
static void run_around(const struct warta_rblock *b, size_t n, size_t lead,
                       size_t *from, size_t *to)
{
    long sum = 0, best = 0;
    *from = lead;
    for (size_t k = lead; k-- > 0 && b[k].group == b[lead].group && !b[k].first;) {
        sum += gain(&b[k]);
        if (sum > best) {
            best = sum;
            *from = k;
        }
    }
    sum = best = 0;
    *to = lead + 1;
    for (size_t k = lead + 1; k < n && b[k].group == b[lead].group && !b[k].first; k++) {
        sum += gain(&b[k]);
        if (sum > best) {
            best = sum;
            *to = k + 1;
        }
    }
}

/* Whether the first reading starts right under titled block t: it holds
 * one of the blocks within LEAD_GAP characters after it. A story of links
 * and lines (a link roundup, a gallery) has no good block, but it is the
 * story the headline announces. */
static bool first_under(const struct warta_rblock *b, size_t n, size_t t)
{
    unsigned gap = 0;
    for (size_t i = t + 1; i < n && !b[i].titled && b[i].group == b[t].group; i++) {
        if (b[i].first)
            return true;
        if ((gap += b[i].chars) > LEAD_GAP)
            break;
    }
    return false;
}

/* The first good block right under titled block t: in the same box (a
 * headline in the page's head does not lead into the comment thread's),
 * past no more than LEAD_GAP characters of bylines, dates and share
 * labels, and before the next titled block. */
static long lead_of(const struct warta_rblock *b, size_t n, size_t t)
{
    unsigned gap = 0;
    for (size_t i = t + 1; i < n && !b[i].titled && b[i].group == b[t].group; i++) {
        if (b[i].cls == WARTA_RB_GOOD)
            return (long)i;
        if ((gap += b[i].chars) > LEAD_GAP)
            break;
    }
    return -1;
}

static unsigned good_in(const struct warta_rblock *b, size_t from, size_t to)
{
    unsigned g = 0;
    for (size_t i = from; i < to; i++)
        if (b[i].cls == WARTA_RB_GOOD)
            g += b[i].chars;
    return g;
}

bool warta_second_reading(struct warta_rblock *b, size_t n,
                          struct warta_reading *r)
{
    r->lead = -1;
    r->from = r->to = 0;
    r->first_good = r->run_good = 0;
    r->why = "no-lead";
    warta_reading_classify(b, n);
    uint64_t first_chars = 0, first_link = 0;
    for (size_t i = 0; i < n; i++) {
        if (!b[i].first)
            continue;
        first_chars += b[i].chars;
        first_link += b[i].link;
        if (b[i].cls == WARTA_RB_GOOD)
            r->first_good += b[i].chars;
    }
    /* Every heading the page's title repeats opens a lead: a blog's name
     * and its post's title both can. The first reading holding any lead
     * is about an article the page names. */
    bool any_lead = false;
    for (size_t t = 0; t < n; t++) {
        if (b[t].titled && first_under(b, n, t)) {
            r->why = "first-under-headline";
            return false;
        }
    }
    size_t leads = 0;
    for (size_t t = 0; t < n && leads < MAX_LEADS; t++) {
        long l = b[t].titled ? lead_of(b, n, t) : -1;
        if (l < 0)
            continue;
        leads++;
        any_lead = true;
        if (b[l].first) {
            r->why = "first-holds-lead";
            r->lead = l;
            return false;
        }
        size_t from, to;
        run_around(b, n, (size_t)l, &from, &to);
        unsigned g = good_in(b, from, to);
        if (r->lead < 0 || g > r->run_good) {
            r->lead = l;
            r->from = from;
            r->to = to;
            r->run_good = g;
        }
    }
    bool swap;
    if (any_lead) {
        r->why = "only-run-holds-lead";
        swap = r->run_good >= RUN_MIN &&
               (double)r->run_good >= (double)(first_chars - first_link) * LEAD_SHARE;
    } else {
        /* No headline to go by: the first reading is kept unless it is
         * nothing or links (a teaser list, a menu) and the run is prose.
         * A first reading of short lines with few links is a short post
         * or a list, often beside a long comment thread: it stays. So
         * does a post of links (a reading list, "related posts") above
         * a comment section: readers' prose is the best run there, and
         * without a headline tying the run to the page nothing says the
         * class verdict on that box was wrong. */
        r->why = "no-lead";
        best_run(b, n, &r->from, &r->to);
        r->run_good = good_in(b, r->from, r->to);
        swap = r->first_good < GOOD_MIN && first_link * 2 >= first_chars &&
               r->run_good >= OUTWEIGH_MIN && !b[r->from].comments;
    }
    if (!swap)
        return false;
    /* The run's good blocks, and the headings right before good text in
     * it: a subheading is short, and short blocks were judged by both
     * neighbours. */
    for (size_t i = r->from; i < r->to; i++)
        b[i].kept = b[i].cls == WARTA_RB_GOOD ||
                    (b[i].heading && i + 1 < r->to && b[i + 1].cls == WARTA_RB_GOOD);
    return true;
}
