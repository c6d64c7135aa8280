/*
 * HTML -> main-content blocks.
 *
 * The page is parsed once with libxml2 and never modified (the metadata
 * stage reads the same tree later). Every element gets a slot in a
 * pre-order array; because a child always sits after its parent there,
 * subtree sums are one reverse sweep and inherited flags one forward sweep,
 * so no step recurses on DOM depth and none is worse than linear.
 *
 * Steps: (1) tag, class/id verdicts and own text per element; (2) mark
 * boilerplate (navigation, share bars, comments, ads... by tag, role,
 * class/id), unless the element carries most of the page's text or holds a
 * content container; (3) link/text sums over what is left; (4) pick the
 * main container: a named content container (itemprop=articleBody,
 * "article-body", "entry-content"...) when it holds most of the text the
 * readability scorer finds, else the readability winner plus its good
 * siblings, then the standfirst just above it that the meta description
 * repeats (or that captions the video in the player box above it) and the
 * modules around it that repeat it; (5) walk it into
 * typed blocks, dropping link-dense ones.
 */
#include "clean/clean.h"
#include "clean/html.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "warta/lang.h"
#include "warta/str.h"
#include "warta/unicode.h"
#include "util/dom.h"

enum {
    F_BLOCK = 1 << 0,   /* breaks a text block */
    F_JUNK = 1 << 1,    /* never text: script, style, form controls */
    F_HEADING = 1 << 2,
    F_LI = 1 << 3,
    F_QUOTE = 1 << 4,
    F_PRE = 1 << 5,
    F_FIGCAP = 1 << 6,
    F_ROW = 1 << 7,
    F_CELL = 1 << 8,
    F_BR = 1 << 9,
    F_A = 1 << 10,
    F_SCORE = 1 << 11,  /* a paragraph-like unit for the scorer */
    F_H1 = 1 << 12,
    F_BODY = 1 << 13,
    F_ARTICLE = 1 << 14,
    F_TABLE = 1 << 15,
    F_MEDIA = 1 << 16,  /* a player: video, audio, a plugin */
};

/* xmlParserMaxDepth: the parser halts deeper than this. */
#define LIBXML_HTML_MAX_DEPTH 256

struct tag_info {
    const char *name;
    unsigned flags;
    signed char base;      /* readability's initial score by tag */
    const char *reason;    /* boilerplate by tag alone */
};

/* Sorted by name for bsearch. */
static const struct tag_info tags[] = {
    {"a", F_A, 0, NULL},
    {"address", F_BLOCK, -3, NULL},
    {"applet", F_JUNK | F_MEDIA, 0, NULL},
    {"area", F_JUNK, 0, NULL},
    {"article", F_BLOCK | F_ARTICLE, 0, NULL},
    {"aside", F_BLOCK, 0, "boilerplate:sidebar"},
    {"audio", F_JUNK | F_MEDIA, 0, NULL},
    {"blockquote", F_BLOCK | F_QUOTE | F_SCORE, 3, NULL},
    {"body", F_BLOCK | F_BODY, 0, NULL},
    {"br", F_BR, 0, NULL},
    {"button", F_JUNK, 0, NULL},
    {"canvas", F_JUNK, 0, NULL},
    {"caption", F_BLOCK, 0, NULL},
    {"center", F_BLOCK, 0, NULL},
    {"datalist", F_JUNK, 0, NULL},
    {"dd", F_BLOCK, -3, NULL},
    {"details", F_BLOCK, 0, NULL},
    {"dialog", F_JUNK, 0, NULL},
    {"dir", F_BLOCK, -3, NULL},
    {"div", F_BLOCK | F_SCORE, 5, NULL},
    {"dl", F_BLOCK, -3, NULL},
    {"dt", F_BLOCK, -3, NULL},
    {"embed", F_JUNK | F_MEDIA, 0, NULL},
    {"fieldset", F_BLOCK, 0, NULL},
    {"figcaption", F_BLOCK | F_FIGCAP, 0, NULL},
    {"figure", F_BLOCK | F_FIGCAP, 0, NULL},
    {"footer", F_BLOCK, 0, "boilerplate:footer"},
    {"form", F_BLOCK, -3, "boilerplate:form"},
    {"frame", F_JUNK, 0, NULL},
    {"frameset", F_JUNK, 0, NULL},
    {"h1", F_BLOCK | F_HEADING | F_H1, -5, NULL},
    {"h2", F_BLOCK | F_HEADING | F_SCORE, -5, NULL},
    {"h3", F_BLOCK | F_HEADING | F_SCORE, -5, NULL},
    {"h4", F_BLOCK | F_HEADING | F_SCORE, -5, NULL},
    {"h5", F_BLOCK | F_HEADING | F_SCORE, -5, NULL},
    {"h6", F_BLOCK | F_HEADING | F_SCORE, -5, NULL},
    {"head", F_JUNK, 0, NULL},
    {"header", F_BLOCK, 0, "boilerplate:header"},
    {"hgroup", F_BLOCK, 0, NULL},
    {"hr", F_BLOCK, 0, NULL},
    {"html", F_BLOCK, 0, NULL},
    {"iframe", F_JUNK | F_MEDIA, 0, NULL},
    {"input", F_JUNK, 0, NULL},
    {"label", F_JUNK, 0, NULL},
    {"legend", F_BLOCK, 0, NULL},
    {"li", F_BLOCK | F_LI, -3, NULL},
    {"link", F_JUNK, 0, NULL},
    {"main", F_BLOCK, 0, NULL},
    {"map", F_JUNK, 0, NULL},
    {"menu", F_BLOCK, -3, "boilerplate:navigation"},
    {"meta", F_JUNK, 0, NULL},
    {"nav", F_BLOCK, 0, "boilerplate:navigation"},
    {"noscript", F_JUNK, 0, NULL},
    /* Its children besides <param> are the fallback a reader sees where
     * the plugin cannot run (Flash players set the video's summary
     * there). */
    {"object", F_BLOCK | F_MEDIA, 0, NULL},
    {"ol", F_BLOCK, -3, NULL},
    {"optgroup", F_JUNK, 0, NULL},
    {"option", F_JUNK, 0, NULL},
    {"p", F_BLOCK | F_SCORE, 0, NULL},
    {"picture", F_JUNK, 0, NULL},
    {"pre", F_BLOCK | F_PRE | F_SCORE, 3, NULL},
    {"script", F_JUNK, 0, NULL},
    {"section", F_BLOCK | F_SCORE, 0, NULL},
    {"select", F_JUNK, 0, NULL},
    {"source", F_JUNK, 0, NULL},
    {"style", F_JUNK, 0, NULL},
    {"summary", F_BLOCK, 0, NULL},
    {"svg", F_JUNK, 0, NULL},
    {"table", F_BLOCK | F_TABLE, 0, NULL},
    {"tbody", F_BLOCK, 0, NULL},
    {"td", F_CELL | F_SCORE, 3, NULL},
    {"template", F_JUNK, 0, NULL},
    {"textarea", F_JUNK, 0, NULL},
    {"tfoot", F_BLOCK, 0, NULL},
    {"th", F_CELL, -5, NULL},
    {"thead", F_BLOCK, 0, NULL},
    {"title", F_JUNK, 0, NULL},
    {"tr", F_BLOCK | F_ROW, 0, NULL},
    {"track", F_JUNK, 0, NULL},
    {"ul", F_BLOCK, -3, NULL},
    {"video", F_JUNK | F_MEDIA, 0, NULL},
};

static int tag_cmp(const void *k, const void *e)
{
    const char *a = k, *b = ((const struct tag_info *)e)->name;
    /* The first letter settles most steps of the search. */
    if (a[0] != b[0])
        return (unsigned char)a[0] - (unsigned char)b[0];
    return strcmp(a, b);
}

static const struct tag_info *tag_lookup(const xmlChar *name)
{
    return bsearch(name, tags, sizeof(tags) / sizeof(tags[0]), sizeof(tags[0]),
                   tag_cmp);
}

/* One element of the page, in document order. */
struct hn {
    xmlNode *node;
    int32_t parent;         /* index, -1 for the root */
    const struct tag_info *tag;
    const char *reason;     /* why it is boilerplate, or NULL */
    unsigned own, commas;   /* text directly inside */
    unsigned inl, icommas;  /* ... plus that of inline descendants */
    unsigned raw;           /* subtree text before boilerplate marking */
    unsigned prose;         /* ... of it in paragraphs of 25+ characters */
    unsigned runs;          /* ... plus loose text: boxes of RUN_MIN+ */
    unsigned text, link;    /* subtree text and link text after marking */
    float score;
    short weight;
    uint64_t cls_hash;      /* of the class/id text, 0 when none */
    uint64_t mod_hash;      /* ... without its digits: "table3", "table4" */
    bool content;           /* named content container */
    bool has_content;       /* ... or holds one */
    bool has_h1;            /* holds an <h1> */
    bool drop, dropped_here, scored, picked, hidden;
    bool prose_scored;      /* scored on a unit that is no contact block */
    bool keep;              /* holds the densest prose: no class verdict */
    bool caption;           /* class names a caption or photo credit */
    bool aria_hidden;       /* aria-hidden="true" */
    bool is_link;           /* an <a> with an href: a link, not an anchor */
    bool thread;            /* a comment thread after the body */
    bool cut;               /* its marker: nothing after it in its parent
                               is read, loose text included */
};

/* Class/id verdicts by attribute text: pages repeat a few class names
 * thousands of times, so each distinct one is matched once. */
#define VERDICT_SLOTS 1024
#define PRESIZE_MAX (1u << 18) /* elements reserved up front, at most */

struct verdict {
    uint64_t key; /* 0 = empty */
    const char *reason;
    short weight;
    bool content, caption;
};

struct hx {
    struct warta_doc *doc;
    struct verdict *cache;
    struct hn *el;
    size_t n, cap;
    size_t max_nodes;
    long max_depth;
    long deepest;           /* deepest element nesting seen */
    bool depth_capped;
    /* block under construction */
    char *buf;
    size_t len, bcap;
    unsigned blink, btext;
    unsigned blinks;        /* <a> elements in the block */
    const char *bhref;      /* the first one's href */
    long owner;
    bool body_seen;         /* a body block was emitted */
    bool solo;              /* picked elements are single blocks (reread) */
    long hl;                /* the headline element, -1 none, -2 not sought */
    long overruled;         /* a box that lost to the headline's story, or -1 */
    bool title_moved;       /* the headline under a moved <title> was sought */
    const char *title;      /* the page's <title> text, or NULL */
    const char *description; /* its meta description, or NULL */
    size_t page_text;       /* visible text outside <noscript> + 1, 0 until needed */
    bool noscript_open;     /* a <noscript> holding the page is read */
};

static size_t text_weight(const xmlChar *s, unsigned *commas)
{
    size_t n = 0;
    for (; *s; s++) {
        unsigned char c = *s;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            continue;
        if ((c & 0xC0) == 0x80)
            continue; /* count code points, not bytes */
        if (c == ',')
            (*commas)++;
        n++;
    }
    return n;
}

static long node_index(const xmlNode *n)
{
    return n && n->_private ? (long)(uintptr_t)n->_private - 1 : -1;
}

/* The element's index, or -1 for a text, comment or other non-element
 * node: for walks over a node's siblings. */
static long element_index(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE ? node_index(n) : -1;
}

/* What collect needs from an element's attributes, in one scan. */
struct attrs {
    char cls[256];    /* lowercased "class id" */
    size_t cl;
    const char *role;
    bool article_body, hidden, aria_hidden, href;
};

/* Inline styles that keep text from the reader's eyes: not displayed,
 * invisible, or the screen-reader idiom of a box clipped to nothing or
 * shrunk to one pixel. Spaces after ':' vary, so they are squeezed out
 * first. */
static bool style_hides(const char *v)
{
    char buf[512];
    size_t k = 0;
    for (; *v && k + 1 < sizeof(buf); v++)
        if (*v != ' ' && *v != '\t' && *v != '\n')
            buf[k++] = (char)warta_ascii_lower((unsigned char)*v);
    buf[k] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden") ||
           strstr(buf, "clip:rect(0") || strstr(buf, "clip:rect(1px,1px,1px,1px)") ||
           strstr(buf, "clip-path:inset(50%)") ||
           ((strstr(buf, "width:1px") || strstr(buf, "width:0")) &&
            (strstr(buf, "height:1px") || strstr(buf, "height:0")) &&
            strstr(buf, "overflow:hidden"));
}

/* An anchor's name is where a page's own links jump to (<a
 * name="comments">): it names a part of the page as an id does. */
static void scan_attrs(const xmlNode *n, bool anchor, struct attrs *at)
{
    size_t k = 0;
    at->role = NULL;
    at->article_body = at->hidden = at->aria_hidden = at->href = false;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *nm = (const char *)a->name;
        const char *v = a->children && a->children->content
                            ? (const char *)a->children->content
                            : "";
        if (!strcmp(nm, "class") || !strcmp(nm, "id") ||
            (anchor && !strcmp(nm, "name"))) {
            if (k && k + 1 < sizeof(at->cls))
                at->cls[k++] = ' ';
            for (; *v && k + 1 < sizeof(at->cls); v++) {
                at->cls[k++] = (char)warta_ascii_lower((unsigned char)*v);
            }
            continue;
        }
        switch (nm[0]) {
        case 'i':
            if (!strcmp(nm, "itemprop"))
                at->article_body |= !strcmp(v, "articleBody");
            break;
        case 'r':
            if (!strcmp(nm, "role"))
                at->role = v;
            break;
        case 'h':
            if (!strcmp(nm, "hidden"))
                at->hidden = true;
            else if (!strcmp(nm, "href"))
                at->href = true;
            break;
        case 's':
            if (!strcmp(nm, "style"))
                at->hidden |= style_hides(v);
            break;
        case 'a':
            if (!strcmp(nm, "aria-hidden") && !strcmp(v, "true"))
                at->aria_hidden = true;
            break;
        default:
            break;
        }
    }
    at->cls[k] = '\0';
    at->cl = k;
}

/* The class/id text's hash with its digits dropped: a page numbers the
 * boxes of one module ("table3", "section-12"). */
static uint64_t module_hash(const char *cls)
{
    char buf[sizeof(((struct attrs *)0)->cls)];
    size_t k = 0;
    for (; *cls; cls++)
        if (*cls < '0' || *cls > '9')
            buf[k++] = *cls;
    return warta_fnv1a(buf, k);
}

static const struct verdict *class_verdict(struct hx *h, const char *cls,
                                           size_t cl)
{
    uint64_t key = warta_fnv1a(cls, cl) | 1; /* 0 marks an empty slot */
    struct verdict *v = &h->cache[key % VERDICT_SLOTS];
    if (v->key == key)
        return v;
    v->key = key;
    v->content = warta_boilerplate_is_content(cls, cl);
    v->reason = v->content ? NULL : warta_boilerplate_reason(cls, cl);
    v->weight = v->content ? 25 : (short)warta_boilerplate_weight(cls, cl);
    v->caption = strstr(cls, "caption") || strstr(cls, "credit");
    return v;
}

static const char *role_reason(const char *role)
{
    static const struct {
        const char *role, *reason;
    } roles[] = {
        {"navigation", "boilerplate:navigation"},
        {"menu", "boilerplate:navigation"},
        {"menubar", "boilerplate:navigation"},
        {"search", "boilerplate:navigation"},
        {"banner", "boilerplate:header"},
        {"contentinfo", "boilerplate:footer"},
        {"complementary", "boilerplate:sidebar"},
        {"dialog", "boilerplate:prompt"},
        {"alertdialog", "boilerplate:prompt"},
    };
    for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
        if (!strcmp(role, roles[i].role))
            return roles[i].reason;
    return NULL;
}

/* Visible text (characters without spaces) of a subtree: what script,
 * style and other never-text elements hold is not counted. */
static size_t visible_text(xmlNode *root)
{
    size_t n = 0;
    unsigned commas = 0;
    xmlNode *x = root->children;
    while (x) {
        bool descend = false;
        if ((x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) && x->content) {
            n += text_weight(x->content, &commas);
        } else if (x->type == XML_ELEMENT_NODE) {
            const struct tag_info *t = tag_lookup(x->name);
            descend = !t || !(t->flags & F_JUNK);
        }
        x = warta_dom_next(x, root, descend);
    }
    return n;
}

/* A <noscript> is the fallback for browsers without scripts (a tracking
 * pixel, "please enable JavaScript") and is never read, unless it holds
 * most of the page's text: an end tag the parser could not match (a
 * <noscript><div> closed by </noscript> alone) leaves it open around the
 * rest of the page, which is then the page. A fallback message is
 * shorter than NOSCRIPT_PAGE_MIN. One is opened at most: the fallbacks
 * inside it stay unread, and no subtree is measured twice over. */
#define NOSCRIPT_PAGE_MIN 500
static const struct tag_info open_noscript = {"noscript", F_BLOCK, 0, NULL};

static bool noscript_holds_page(struct hx *h, xmlNode *n)
{
    if (h->noscript_open)
        return false;
    size_t t = visible_text(n);
    if (t < NOSCRIPT_PAGE_MIN)
        return false;
    /* the text outside every <noscript>: this one holds more */
    if (!h->page_text)
        h->page_text = visible_text((xmlNode *)h->doc->html) + 1;
    h->noscript_open = t >= h->page_text;
    return h->noscript_open;
}

/* Step 1: elements into the array with tag, verdicts and own text. The
 * walk follows parent pointers, so it needs no stack at any depth. */
static enum warta_err collect(struct hx *h, xmlNode *root,
                              struct warta_error *err)
{
    xmlNode *n = root;
    long cur = -1; /* index of n's parent element */
    long depth = 0;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            if (h->n == h->max_nodes)
                return warta_error_set(
                    err, WARTA_ERR_TOO_COMPLEX,
                    "the page has more than %zu HTML elements (max-html-nodes)",
                    h->max_nodes);
            if (h->n == h->cap) {
                h->cap = h->cap ? h->cap * 2 : 1024;
                h->el = warta_xrealloc(h->el, h->cap * sizeof(*h->el));
            }
            struct hn *e = &h->el[h->n];
            memset(e, 0, sizeof(*e));
            e->node = n;
            e->parent = cur;
            e->tag = tag_lookup(n->name);
            n->_private = (void *)(uintptr_t)(h->n + 1);
            if (e->tag && !strcmp(e->tag->name, "noscript") && noscript_holds_page(h, n))
                e->tag = &open_noscript;
            unsigned fl = e->tag ? e->tag->flags : 0;
            if (!(fl & F_JUNK) && n->properties) {
                struct attrs at;
                scan_attrs(n, (fl & F_A) != 0, &at);
                if (at.cl) {
                    const struct verdict *v = class_verdict(h, at.cls, at.cl);
                    e->cls_hash = e->mod_hash = v->key;
                    if (strpbrk(at.cls, "0123456789"))
                        e->mod_hash = module_hash(at.cls) | 1;
                    e->content = v->content;
                    e->reason = v->reason;
                    e->weight = v->weight;
                    e->caption = v->caption;
                }
                if (at.article_body) {
                    e->content = true;
                    e->reason = NULL;
                    e->weight = 25;
                }
                /* A page-wide body id="article_body" names no part. */
                if ((fl & F_BODY) || cur < 0)
                    e->content = false;
                if (at.role && !e->reason)
                    e->reason = role_reason(at.role);
                e->aria_hidden = at.aria_hidden;
                /* <a name="x"> marks a place: old pages leave it open
                 * around whole sections, which are not link text. */
                e->is_link = (fl & F_A) && at.href;
                if (at.hidden) {
                    e->reason = "boilerplate:hidden";
                    e->hidden = true;
                    e->content = false;
                }
            }
            if (!e->reason && e->tag && e->tag->reason)
                e->reason = e->tag->reason;
            if (fl & F_JUNK)
                e->drop = true;

            h->n++;
            /* Deeper than max-html-depth: the subtree still counts as
             * text of this element, but its structure is not followed. */
            if (!(fl & F_JUNK)) {
                if (depth < h->max_depth) {
                    descend = true;
                } else if (!h->depth_capped) {
                    h->depth_capped = true;
                    warta_doc_warn(h->doc, "html-depth-flattened");
                }
            }
        } else if ((n->type == XML_TEXT_NODE ||
                    n->type == XML_CDATA_SECTION_NODE) && cur >= 0 &&
                   n->content) {
            h->el[cur].own += (unsigned)text_weight(n->content, &h->el[cur].commas);
        }
        if (descend && n->children) {
            cur = (long)h->n - 1;
            if (++depth > h->deepest)
                h->deepest = depth;
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && n->type == XML_ELEMENT_NODE) {
                cur = h->el[cur].parent;
                depth--;
            }
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return WARTA_OK;
}

/* Text below a flattened (too deep) element is not in its `own`: the
 * marking and scoring see less of it, but extraction reads it whole. */

/* Paragraph text (characters) past which a "caption" class is a wrapper:
 * long captions run to a few hundred characters. */
#define CAPTION_MAX_PROSE 800

/* A +-25 class weight scales a candidate's score by +-25 %. */
#define WEIGHT_SCALE 100.0f

/* Verdicts a wrapper of the article can carry by accident (an unclosed
 * share bar, a "meta" or "widget" box around the post); a comment thread,
 * sidebar, footer, menu, related or ad box around the densest prose means
 * that prose is not the article's. */
static bool weak_verdict(const char *reason)
{
    static const char *const weak[] = {
        "boilerplate:share", "boilerplate:byline", "boilerplate:prompt",
        "boilerplate:tags", "boilerplate:header", "boilerplate:form", NULL,
    };
    if (!reason)
        return true;
    for (const char *const *w = weak; *w; w++)
        if (!strcmp(reason, *w))
            return true;
    return false;
}

/* The paragraph scorer's winner before any class verdict, by text alone
 * (readability's paragraph weights, the class weight as a soft factor).
 * A word in a wrapper's class ("sharepost", "widget", "meta") must not
 * drop the article it wraps: the winner's ancestors are kept whatever
 * their class says, unless one of them names a place for other prose. */
static void protect_article(struct hx *h)
{
    struct hn *el = h->el;
    float *acc = warta_xcalloc(h->n + 1, sizeof(*acc));
    for (size_t i = 0; i < h->n; i++) {
        const struct hn *e = &el[i];
        if (e->drop || !e->tag || !(e->tag->flags & F_SCORE) || e->inl < 25)
            continue;
        float sc = 1.0f + (float)e->icommas + (float)(e->inl / 100 > 3 ? 3 : e->inl / 100);
        long a = e->parent;
        for (int level = 0; a >= 0 && level < 5; level++, a = el[a].parent) {
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            acc[a] += sc / div;
        }
    }
    long best = -1;
    float best_score = 0;
    for (size_t i = 0; i < h->n; i++) {
        float sc = acc[i] * (1.0f + (float)el[i].weight / WEIGHT_SCALE);
        if (sc > best_score && !el[i].drop) {
            best = (long)i;
            best_score = sc;
        }
    }
    free(acc);
    if (best < 0 || el[best].raw < 200)
        return;
    for (long a = best; a >= 0; a = el[a].parent)
        if (!weak_verdict(el[a].reason))
            return;
    for (long a = el[best].parent; a >= 0; a = el[a].parent)
        el[a].keep = true;
}

/* Prose (characters of paragraph text) a comment section must follow:
 * below it, a "comments" anchor or heading is not where readers' posts
 * start but a link bar or counter above the story. */
#define THREAD_AFTER_PROSE 300
/* A comment section's marker: an empty anchor (<a name="comments">), a
 * heading ("Comments", "12 Responses") or the box that holds only it. */
#define THREAD_MARKER_MAX 40

static bool is_comments(const struct hn *e)
{
    return e->reason && !strcmp(e->reason, "boilerplate:comments");
}

/* Comment threads after the story. Two shapes keep a thread in the text
 * when the class words alone decide: (1) the thread's own box holds more
 * prose than the story (a long discussion under a short post), which the
 * rule "most of the page's prose is the page" would keep; (2) the posts
 * have no class of their own and follow a marker (<a name="comments">,
 * <h2 id="comments">) as siblings, in the story's container. Position
 * decides both: a thread comes after the story, so its verdict stands
 * when enough prose precedes it and it does not hold the headline; and
 * what follows a marker there is the thread. */
static void comment_threads(struct hx *h)
{
    struct hn *el = h->el;
    /* visible paragraph text before each element, in page order */
    unsigned *before = warta_xmalloc((h->n + 1) * sizeof(*before));
    unsigned sum = 0;
    for (size_t i = 0; i < h->n; i++) {
        const struct hn *e = &el[i];
        before[i] = sum;
        if (e->tag && !strcmp(e->tag->name, "p") && e->inl >= 25 && !e->drop)
            sum += e->inl;
    }
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        if (before[i] < THREAD_AFTER_PROSE || e->has_h1 || e->has_content ||
            !is_comments(e) || e->drop || e->parent < 0 || !e->tag)
            continue;
        e->thread = true;
        unsigned fl = e->tag->flags;
        if (e->raw > THREAD_MARKER_MAX || !strcmp(e->tag->name, "form") ||
            !((fl & F_HEADING) || (fl & F_BLOCK && e->raw) ||
              (fl & F_A && !e->is_link && !e->raw)))
            continue;
        /* the box that holds only the marker */
        long m = (long)i;
        while (el[m].parent >= 0 && el[el[m].parent].raw == el[m].raw &&
               el[el[m].parent].tag && !(el[el[m].parent].tag->flags & F_BODY))
            m = el[m].parent;
        /* the story it follows is in the same container; an anchor
         * inside a paragraph is a place in the story */
        long pi = el[m].parent;
        const struct hn *p = pi >= 0 ? &el[pi] : NULL;
        if (!p || !p->tag || !(p->tag->flags & (F_BLOCK | F_CELL)) ||
            (p->tag->flags & (F_HEADING | F_LI)) || !strcmp(p->tag->name, "p") ||
            before[m] - before[pi] < THREAD_AFTER_PROSE)
            continue;
        el[m].cut = true;
        for (xmlNode *x = el[m].node->next; x; x = x->next) {
            long k = element_index(x);
            if (k < 0 || el[k].has_h1 || el[k].has_content || el[k].reason)
                continue;
            el[k].reason = "boilerplate:comments";
            el[k].thread = true;
        }
    }
    free(before);
}

/* Old pages set paragraphs as lines between <br> in a cell or a <div>,
 * never in a <p>, and guides set theirs as list items: such a box with a
 * couple of lines of text directly in it, or an item of a sentence or
 * two, holds prose too, where a date, a label or a menu item is shorter. */
#define RUN_MIN 60u

/* Whether element i sits in the named article container after a story's
 * worth of that container's paragraphs: a slideshow or promo box
 * appended to the story ("Also on ...") can hold more prose than the
 * story, and its verdict stands all the same. Asked only of the few
 * boxes that hold most of the page's prose. */
static bool after_story(const struct hx *h, size_t i)
{
    const struct hn *el = h->el;
    for (long c = el[i].parent; c >= 0; c = el[c].parent) {
        if (!el[c].content)
            continue;
        unsigned sum = 0;
        for (size_t k = (size_t)c + 1; k < i && sum < THREAD_AFTER_PROSE; k++)
            if (el[k].tag && !strcmp(el[k].tag->name, "p") && el[k].inl >= 25 &&
                !el[k].drop)
                sum += el[k].inl;
        return sum >= THREAD_AFTER_PROSE;
    }
    return false;
}

static void mark_and_sum(struct hx *h)
{
    struct hn *el = h->el;
    /* raw text and content containment, bottom-up */
    for (size_t i = h->n; i-- > 0;) {
        struct hn *e = &el[i];
        unsigned fl = e->tag ? e->tag->flags : 0;
        e->raw += e->own;
        e->inl += e->own;
        e->icommas += e->commas;
        e->has_content |= e->content;
        e->has_h1 |= (fl & F_H1) != 0;
        if (e->tag && !strcmp(e->tag->name, "p") && e->inl >= 25)
            e->prose += e->inl;
        if ((fl & (F_BLOCK | F_CELL)) && !(fl & (F_HEADING | F_BODY)) &&
            e->inl >= (strcmp(e->tag->name, "p") ? RUN_MIN : 25u))
            e->runs += e->inl;
        if (e->parent >= 0 && !(fl & (F_BLOCK | F_CELL | F_JUNK))) {
            el[e->parent].inl += e->inl;
            el[e->parent].icommas += e->icommas;
        }
        if (el[i].parent >= 0 && !(fl & F_JUNK)) {
            el[el[i].parent].raw += el[i].raw;
            el[el[i].parent].prose += el[i].prose;
            el[el[i].parent].runs += el[i].runs;
            el[el[i].parent].has_content |= el[i].has_content;
            el[el[i].parent].has_h1 |= el[i].has_h1;
        }
    }
    /* "caption" or "credit" in a class or id names a caption only when
     * the element holds a caption's worth of text: a wrapper called
     * "story-with-captions" or "captioned-article" around the story's
     * paragraphs (or its content container) is the story. */
    for (size_t i = 0; i < h->n; i++)
        if (el[i].caption && (el[i].has_content || el[i].prose > CAPTION_MAX_PROSE))
            el[i].caption = false;
    unsigned page = 0, page_raw = 0;
    for (size_t i = 0; i < h->n; i++)
        if (el[i].tag && (el[i].tag->flags & F_BODY)) {
            page = el[i].prose;
            page_raw = el[i].raw;
            break;
        }
    /* hidden subtrees first: what a reader never sees scores nothing */
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        if (e->parent >= 0 && el[e->parent].drop)
            e->drop = true;
        else if (e->hidden)
            e->drop = e->dropped_here = true;
        /* aria-hidden hides from screen readers what is shown twice or
         * is decoration (icons, a label repeated for the eye); pages
         * also set it on paragraphs behind a paywall overlay, which
         * are the article, so paragraphs keep it from being a verdict. */
        else if (e->aria_hidden && !e->prose) {
            e->drop = e->dropped_here = true;
            e->hidden = true;
        }
    }
    comment_threads(h);
    protect_article(h);
    /* boilerplate marking, top-down */
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        if (e->parent >= 0 && el[e->parent].drop) {
            e->drop = true;
            continue;
        }
        if (e->drop || !e->reason || e->has_content || e->keep || e->parent < 0 ||
            (e->tag && (e->tag->flags & F_BODY)))
            continue;
        /* A class word on an inline element (a <span class="byline">
         * some editors wrap the whole story in) is no verdict when it
         * holds a paragraph's worth of text: inline furniture (a share
         * link, a date) is short. Custom elements (a '-' in the name)
         * are often blocks, so they keep their verdict. */
        if (e->raw >= 100 && !(e->tag && (e->tag->flags & (F_BLOCK | F_CELL))) &&
            !strchr((const char *)e->node->name, '-'))
            continue;
        /* A form is a search box, a log-in or a sign-up, unless the
         * page is built as one form (ASP.NET) around its headline. */
        if (e->has_h1 && !strcmp(e->reason, "boilerplate:form"))
            continue;
        /* An element holding most of the page's prose is the page,
         * whatever its class says ("main has-sidebar"). */
        if (!e->thread &&
            ((e->prose > 300 && (uint64_t)e->prose * 2 > page) ||
             (e->raw > 300 && (uint64_t)e->raw * 10 > (uint64_t)page_raw * 7)) &&
            !after_story(h, i))
            continue;
        e->drop = e->dropped_here = true;
    }
    /* text, links and inline text rolled into block owners, bottom-up */
    for (size_t i = h->n; i-- > 0;) {
        struct hn *e = &el[i];
        if (e->drop) {
            e->text = e->link = 0;
            continue;
        }
        e->text += e->own;
        if (e->is_link)
            e->link = e->text;
        if (e->parent < 0)
            continue;
        struct hn *p = &el[e->parent];
        p->text += e->text;
        p->link += e->link;
    }
}

static void init_candidate(struct hn *e)
{
    if (e->scored)
        return;
    e->scored = true;
    e->score = (float)(e->tag ? e->tag->base : 0);
}

/* Characters (links aside) of a couple of sentences: less is a title, a
 * byline or a contact line, not an article. */
#define SENTENCES_MIN 140

/* A contact block: an address or a switchboard's numbers set as short
 * lines between <br>, one of them with a phone number or a postal code
 * (a run of CONTACT_DIGITS digits, with spaces, dashes, dots, brackets or
 * slashes between them, that no letter touches: a link's hex id is none),
 * and none of them a sentence. Its commas ("Columbia, SC") and length
 * score it like prose, and on a page whose own text is short the box of
 * such blocks outscores that text; a press release's contact lines beside
 * its story still score for the story's box. A line of prose between
 * <br> runs longer than CONTACT_LINE_WORDS; units longer than
 * CONTACT_MAX_TEXT are not looked at. */
#define CONTACT_DIGITS 7
#define CONTACT_LINE_WORDS 12
#define CONTACT_SENTENCE_WORDS 4
#define CONTACT_MAX_TEXT 600

struct contact_scan {
    unsigned lines, words, digits;
    bool glued;     /* the digit run follows a letter */
    bool number;    /* a phone number or postal code seen */
    bool in_word;
    unsigned char last; /* the line's last character that is not a space */
};

/* Ends the line: false when it was a sentence. */
static bool contact_line_end(struct contact_scan *c)
{
    bool sentence = c->words >= CONTACT_SENTENCE_WORDS && c->last && strchr(".!?", c->last);
    if (c->words)
        c->lines++;
    c->words = c->digits = 0;
    c->glued = c->in_word = false;
    c->last = 0;
    return !sentence;
}

static bool contact_text(struct contact_scan *c, const xmlChar *p)
{
    for (; *p; p++) {
        bool digit = *p >= '0' && *p <= '9';
        bool letter = ((*p | 32) >= 'a' && (*p | 32) <= 'z') || *p >= 0x80;
        if (digit) {
            if (!c->digits)
                c->glued = c->in_word && (((c->last | 32) >= 'a' && (c->last | 32) <= 'z') ||
                                          c->last >= 0x80);
            c->digits++;
        } else if (letter || !strchr(" -.()/+\t\n\r", *p)) {
            if (c->digits >= CONTACT_DIGITS && !c->glued && !letter)
                c->number = true;
            c->digits = 0;
        }
        bool space = strchr(" \t\n\r", *p) != NULL;
        if (!space && !c->in_word && ++c->words > CONTACT_LINE_WORDS)
            return false;
        c->in_word = !space;
        if (!space)
            c->last = *p;
    }
    return true;
}

static bool contact_block(const struct hn *e)
{
    if (e->inl > CONTACT_MAX_TEXT)
        return false;
    struct contact_scan c = {.lines = 0};
    const xmlNode *root = e->node;
    xmlNode *x = root->children;
    while (x) {
        bool descend = false;
        if (x->type == XML_ELEMENT_NODE) {
            const struct tag_info *t = tag_lookup(x->name);
            unsigned fl = t ? t->flags : 0;
            if (fl & F_BR) {
                if (c.digits >= CONTACT_DIGITS && !c.glued)
                    c.number = true;
                if (!contact_line_end(&c))
                    return false;
            }
            descend = !(fl & (F_JUNK | F_BLOCK | F_CELL));
        } else if (x->type == XML_TEXT_NODE && x->content && !contact_text(&c, x->content)) {
            return false;
        }
        x = warta_dom_next(x, root, descend);
    }
    if (c.digits >= CONTACT_DIGITS && !c.glued)
        c.number = true;
    return contact_line_end(&c) && c.number && c.lines > 1;
}

/* Step 4b: readability's scorer. Returns the best index or -1. */
static long score(struct hx *h)
{
    struct hn *el = h->el;
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        if (e->drop || !e->tag || !(e->tag->flags & F_SCORE) || e->inl < 25)
            continue;
        float s = 1.0f + (float)e->icommas + (float)(e->inl / 100 > 3 ? 3 : e->inl / 100);
        bool contact = contact_block(e);
        long a = e->parent;
        for (int level = 0; a >= 0 && level < 5; level++, a = el[a].parent) {
            init_candidate(&el[a]);
            el[a].prose_scored |= !contact;
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            el[a].score += s / div;
        }
    }
    long best = -1;
    float best_score = 0;
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        /* a box that scored on contact blocks alone is the address */
        if (!e->scored || e->drop || !e->prose_scored)
            continue;
        float ld = e->text ? (float)e->link / (float)e->text : 0;
        /* The class weight scales what the paragraphs earned instead of
         * adding to it, so a "page-bottom" box with one line cannot
         * outscore the body on its name alone. */
        e->score *= (1.0f - ld) * (1.0f + (float)e->weight / WEIGHT_SCALE);
        /* A class bonus on a title or byline box can outweigh a few real
         * paragraphs; an article has at least a couple of sentences. */
        if (e->text - e->link < SENTENCES_MIN && best >= 0)
            continue;
        if (best < 0 || e->score > best_score ||
            (el[best].text - el[best].link < SENTENCES_MIN &&
             e->text - e->link >= SENTENCES_MIN)) {
            best = (long)i;
            best_score = e->score;
        }
    }
    return best;
}

static bool is_ancestor(const struct hx *h, long a, long d)
{
    for (long x = h->el[d].parent; x >= 0; x = h->el[x].parent)
        if (x == a)
            return true;
    return false;
}

/* One past the last element of a's subtree: the elements are in
 * pre-order, so the subtree is the run after a whose parents are not
 * before it. */
static size_t subtree_end(const struct hx *h, long a)
{
    size_t i = (size_t)a + 1;
    while (i < h->n && h->el[i].parent >= a)
        i++;
    return i;
}

static char *subtree_text(struct hx *h, xmlNode *root, bool inline_only,
                          size_t *n);

/* The headline: the longest heading or headline-sized box whose own text
 * the page's <title> repeats and is most of ("Headline | Site"; the site's
 * name in a banner is shorter), or -1. Blogs set the post title in an
 * <h2> or a <div>, not always an <h1>. */
#define HEADLINE_MIN 10
static long headline(struct hx *h)
{
    if (!h->title)
        return -1;
    size_t tl, best_len = 0;
    long best = -1;
    unsigned commas = 0;
    size_t tw = text_weight((const xmlChar *)h->title, &commas);
    const char *t = warta_text_normalize(h->doc->arena, h->title, strlen(h->title), &tl);
    for (size_t i = 0; i < h->n; i++) {
        const struct hn *e = &h->el[i];
        /* sizes first (characters without spaces): most boxes are
         * ruled out before their text is built */
        if (e->drop || !e->tag || !(e->tag->flags & (F_HEADING | F_BLOCK)) ||
            e->inl < HEADLINE_MIN || e->inl * 3 < tw || e->raw > tw ||
            (e->tag->flags & (F_LI | F_TABLE | F_ROW)) || !strcmp(e->tag->name, "p"))
            continue;
        size_t n;
        const char *x = subtree_text(h, e->node, true, &n);
        if (n > best_len && n * 2 > tl && n <= tl && memmem(t, tl, x, n)) {
            best = (long)i;
            best_len = n;
        }
    }
    return best;
}

static long page_headline(struct hx *h)
{
    if (h->hl == -2)
        h->hl = headline(h);
    return h->hl;
}

/* Levels above the headline searched for the article: an <article> or a
 * post box holds the headline, a byline row and the body. */
#define HEADLINE_LEVELS 3
/* The scorer's winner against the container by the headline: a comment
 * thread, a sidebar of event blurbs or a featured-issue box can have more
 * commas than a short article. The article is the nearest container around
 * the headline that holds a few sentences; the winner keeps its place when
 * it is there too, or when that container scores under this share of it,
 * unless the winner is in a sidebar or comment box that kept its text only
 * for holding most of the page's prose. */
#define HEADLINE_SHARE 0.4f

/* Verdicts that name a place for other prose beside the story. */
static bool beside_story(const char *reason)
{
    static const char *const beside[] = {
        "boilerplate:sidebar", "boilerplate:related", "boilerplate:comments",
        "boilerplate:ads", NULL,
    };
    for (const char *const *b = beside; *b; b++)
        if (!strcmp(reason, *b))
            return true;
    return false;
}

/* The box around the winner whose verdict (a sidebar with the blogger's
 * profile, a comment thread) only its share of the page's prose overruled,
 * when the headline is outside it: it holds more text than the story
 * under the headline, not the story. -1 when there is none. */
static long overruled_box(const struct hx *h, long best, long hl)
{
    for (long a = best; a >= 0; a = h->el[a].parent) {
        const struct hn *e = &h->el[a];
        if (e->reason && !e->drop && beside_story(e->reason) && !e->keep &&
            !e->has_content && !is_ancestor(h, a, hl))
            return a;
    }
    return -1;
}

static long by_headline(struct hx *h, long best)
{
    struct hn *el = h->el;
    long hl = best >= 0 ? page_headline(h) : -1;
    if (hl < 0 || is_ancestor(h, best, hl))
        return best;
    long a = hl;
    for (int k = 0; k < HEADLINE_LEVELS; k++) {
        a = el[a].parent;
        if (a < 0 || (el[a].tag && (el[a].tag->flags & F_BODY)))
            return best;
        if (best == a || is_ancestor(h, a, best))
            return best;
        long near = -1;
        for (size_t i = (size_t)a, end = subtree_end(h, a); i < end; i++) {
            const struct hn *e = &el[i];
            if (e->scored && !e->drop && e->text - e->link >= SENTENCES_MIN &&
                (near < 0 || e->score > el[near].score))
                near = (long)i;
        }
        if (near < 0)
            continue;
        if (el[near].score >= el[best].score * HEADLINE_SHARE)
            return near;
        h->overruled = overruled_box(h, best, hl);
        return h->overruled >= 0 ? near : best;
    }
    return best;
}

/* The standfirst or lead set as paragraphs just before a named body
 * container ("intro" above "article-body"): plain paragraphs with almost
 * no links, up to the first element that is not one. */
#define LEAD_MIN_TEXT 80
static void lead_before(struct hx *h, long c)
{
    struct hn *el = h->el;
    for (xmlNode *x = el[c].node->prev; x; x = x->prev) {
        long i = element_index(x);
        if (i < 0)
            continue;
        struct hn *s = &el[i];
        if (s->drop || !s->raw)
            continue;
        if (!s->tag || strcmp(s->tag->name, "p") || s->text < LEAD_MIN_TEXT ||
            s->link * 10 >= s->text)
            return;
        s->picked = true;
    }
}

/* Lists, tables, subheadings, quotes and code between two picked
 * siblings are the article's own: a recipe's ingredients, a how-to's
 * steps under their <h3>, a spec table between paragraphs. The scorer
 * gives them nothing (an item is short and has no commas), so the
 * sibling rule of pick() misses them. Between body paragraphs such a box
 * is content unless it is mostly links (a related-links box, a table of
 * contents). */
#define BETWEEN_MAX_LINK 0.35f

static bool between_kind(const struct hn *s)
{
    unsigned fl = s->tag ? s->tag->flags : 0;
    if ((fl & (F_TABLE | F_PRE | F_QUOTE)) || ((fl & F_HEADING) && !(fl & F_H1)))
        return true;
    return s->tag && (!strcmp(s->tag->name, "ul") || !strcmp(s->tag->name, "ol") ||
                      !strcmp(s->tag->name, "dl"));
}

static void between_body(struct hx *h, long parent)
{
    struct hn *el = h->el;
    xmlNode *first = NULL, *last = NULL;
    for (xmlNode *c = el[parent].node->children; c; c = c->next) {
        long i = element_index(c);
        if (i >= 0 && el[i].picked) {
            if (!first)
                first = c;
            last = c;
        }
    }
    if (!first)
        return;
    for (xmlNode *c = first; c != last; c = c->next) {
        long i = element_index(c);
        if (i < 0)
            continue;
        struct hn *s = &el[i];
        if (s->picked || s->drop || !s->text || !between_kind(s))
            continue;
        if ((float)s->link > (float)s->text * BETWEEN_MAX_LINK)
            continue;
        s->picked = true;
    }
}

/* A table-layout page sets its story one record or one paragraph per
 * row: when a row wins, the rows beside it that hold text rather than
 * links are more of it (a catalogue's other items, the next puzzles),
 * though their few commas score under the threshold. */
#define ROW_MIN_TEXT 25
/* Above the winner a row must hold a paragraph: the story's head (its
 * headline, the date under it) sits in short rows of its own there. */
#define ROW_MIN_TEXT_BEFORE 200
static bool more_rows(const struct hn *s, bool before)
{
    return s->text >= s->link + (before ? ROW_MIN_TEXT_BEFORE : ROW_MIN_TEXT) &&
           s->link * 4 < s->text;
}

/* Step 4: mark picked containers. Returns the main one (the named
 * container or the scorer's winner), or -1 when the whole body is. */
static long pick(struct hx *h)
{
    struct hn *el = h->el;
    long best = by_headline(h, score(h));
    long named = -1;
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        if (e->drop || !e->content)
            continue;
        if (named < 0 || e->text - e->link > el[named].text - el[named].link)
            named = (long)i;
    }
    if (best < 0 && named < 0) {
        for (size_t i = 0; i < h->n; i++)
            if (el[i].tag && (el[i].tag->flags & F_BODY))
                el[i].picked = true;
        return -1;
    }
    unsigned best_text = best >= 0 ? el[best].text - el[best].link : 0;
    unsigned named_text = named >= 0 ? el[named].text - el[named].link : 0;
    /* A content class on a line or two outside any paragraph (a
     * footer's "bodyText" span with the address) names no article when
     * the winner holds a few sentences; a short post set in a <p> is
     * one. */
    if (named >= 0 && named_text * 2 >= best_text &&
        (named_text >= SENTENCES_MIN || el[named].prose || best_text < SENTENCES_MIN)) {
        /* Articles split into chunks between ads repeat their container:
         * take every disjoint one with the same name. */
        el[named].picked = true;
        for (size_t i = 0; i < h->n; i++) {
            struct hn *e = &el[i];
            if ((long)i == named || e->drop || !e->content ||
                e->cls_hash != el[named].cls_hash || e->text - e->link < 25)
                continue;
            bool nested = false;
            for (long a = e->parent; a >= 0 && !nested; a = el[a].parent)
                nested = el[a].picked;
            if (!nested && !(i < (size_t)named && is_ancestor(h, (long)i, named)))
                e->picked = true;
        }
        lead_before(h, named);
        return named;
    }
    /* The winner plus siblings that look like more of the same. */
    struct hn *b = &el[best];
    float threshold = b->score * 0.2f > 10 ? b->score * 0.2f : 10;
    long parent = b->parent;
    bool row = b->tag && (b->tag->flags & F_ROW);
    if (parent < 0) {
        b->picked = true;
        return best;
    }
    for (xmlNode *c = el[parent].node->children; c; c = c->next) {
        long i = element_index(c);
        if (i < 0)
            continue;
        struct hn *s = &el[i];
        if (s->drop)
            continue;
        if (i == best) {
            s->picked = true;
            continue;
        }
        if (s->scored && s->score >= threshold) {
            s->picked = true;
            continue;
        }
        if (row && s->tag == b->tag && more_rows(s, i < best)) {
            s->picked = true;
            continue;
        }
        if (s->tag && !strcmp(s->tag->name, "p")) {
            float ld = s->text ? (float)s->link / (float)s->text : 0;
            if ((s->text > 80 && ld < 0.25f) ||
                (s->text > 0 && s->text <= 80 && ld == 0))
                s->picked = true;
        }
    }
    between_body(h, parent);
    return best;
}

/* The standfirst set apart from the body: in the article's header beside
 * the headline, or in a box of its own above the body ("lead", "intro",
 * "preamble", "sommario": every site names it differently). What marks it
 * in any language is that the page's meta description repeats it. Looked
 * for only just before the body (the few boxes before the main container
 * and its nearest ancestors), so a teaser elsewhere that repeats the
 * description stays out; a paragraph, not a heading, with few links. */
#define LEAD_LEVELS 3
#define LEAD_SIBLINGS 4
#define LEAD_MATCH 40     /* bytes of normalised text compared */
#define LEAD_MAX_TEXT 1500

static bool repeats_description(const char *t, size_t n, const char *d, size_t dl)
{
    if (n < LEAD_MATCH || dl < LEAD_MATCH)
        return false;
    return memmem(t, n, d, LEAD_MATCH) || memmem(d, dl, t, LEAD_MATCH);
}

static void lead_by_description(struct hx *h, long core)
{
    struct hn *el = h->el;
    if (!h->description)
        return;
    size_t dl;
    const char *d = warta_text_normalize(h->doc->arena, h->description,
                                         strlen(h->description), &dl);
    if (dl < LEAD_MATCH)
        return;
    long c = core;
    for (int level = 0; level < LEAD_LEVELS && c >= 0; level++, c = el[c].parent) {
        if (el[c].tag && (el[c].tag->flags & F_BODY))
            return;
        int seen = 0;
        for (xmlNode *x = el[c].node->prev; x && seen < LEAD_SIBLINGS; x = x->prev) {
            long s = element_index(x);
            if (s < 0 || el[s].drop || !el[s].raw)
                continue;
            seen++;
            for (size_t i = (size_t)s, end = subtree_end(h, s); i < end; i++) {
                struct hn *e = &el[i];
                unsigned fl = e->tag ? e->tag->flags : 0;
                if (e->drop || e->picked || !(fl & F_BLOCK) || (fl & (F_HEADING | F_LI)) ||
                    e->inl < LEAD_MIN_TEXT || e->inl > LEAD_MAX_TEXT || e->link * 4 >= e->text)
                    continue;
                size_t n;
                const char *t = subtree_text(h, e->node, true, &n);
                if (repeats_description(t, n, d, dl)) {
                    e->picked = true;
                    return;
                }
            }
        }
    }
}

/* A video's summary set as its caption in the player box just above the
 * body (a TV show's page: the clip, what it is about, then the text): the
 * story's lead, which no meta description need repeat. Only the box
 * nearest the body at each level is looked at, it must hold the player,
 * and the summary must be named a caption: prose next to a player is
 * otherwise often an address, a promotion or a quote of the day. */
static bool holds_player(const struct hx *h, long s, size_t end)
{
    for (size_t i = (size_t)s; i < end; i++)
        if (h->el[i].tag && (h->el[i].tag->flags & F_MEDIA))
            return true;
    return false;
}

static void lead_by_player(struct hx *h, long core)
{
    struct hn *el = h->el;
    long c = core;
    for (int level = 0; level < LEAD_LEVELS && c >= 0; level++, c = el[c].parent) {
        if (el[c].tag && (el[c].tag->flags & F_BODY))
            return;
        xmlNode *x = el[c].node->prev;
        long s = -1;
        for (; x; x = x->prev) {
            s = element_index(x);
            if (s >= 0 && !el[s].drop && el[s].raw)
                break;
        }
        if (!x)
            continue;
        size_t end = subtree_end(h, s);
        if (!holds_player(h, s, end))
            continue;
        for (size_t i = (size_t)s; i < end; i++) {
            struct hn *e = &el[i];
            unsigned fl = e->tag ? e->tag->flags : 0;
            if (!e->caption || e->drop || e->picked || !(fl & F_BLOCK) ||
                e->inl < LEAD_MIN_TEXT || e->inl > LEAD_MAX_TEXT || e->link * 4 >= e->text)
                continue;
            e->picked = true;
            return;
        }
    }
}

/* Step 4b: the article is a region, not one container. Pages cut it
 * into modules the scorer weighs apart: one box per section or per few
 * paragraphs, between video, gallery and teaser boxes, so the winner is
 * one of them and the rest of the story is "low-score". From the main
 * container up through a few ancestors, the siblings built like the chain
 * element at that level (same tag and class, its number aside: the
 * module repeated, "part1" and "part2") join it when they are prose:
 * mostly paragraphs, almost no links. A teaser box has a linked
 * headline; furniture was dropped before this. */
#define GROW_LEVELS 5
#define GROW_MIN_TEXT 25

/* Whether n's first element, a few levels down, is a `name`. */
static bool opens_with(const xmlNode *n, const char *name)
{
    for (int depth = 0; n && depth < 4; depth++) {
        const xmlNode *c = n->children;
        while (c && !(c->type == XML_ELEMENT_NODE ||
                      (c->type == XML_TEXT_NODE && c->content &&
                       c->content[strspn((const char *)c->content, " \t\r\n")])))
            c = c->next;
        if (!c || c->type != XML_ELEMENT_NODE)
            return false;
        if (!strcmp((const char *)c->name, name))
            return true;
        n = c;
    }
    return false;
}

/* s repeats module a and holds more of the story. The head (the box
 * with the headline, see h1_box) is not more body (what a head holds
 * besides the headline is for the role rules to sort), and a box that
 * opens with an <hr> is a new part (the "About the company" of a press
 * release, a disclaimer). Old and hand-written pages cut
 * the story into unnamed boxes of one tag (a FAQ's sections, the parts
 * between "back to top" links, the deeply nested second half the scorer
 * never reaches, one table per puzzle or record): with no class name to
 * repeat, a box must hold a couple of sentences of text, in paragraphs or
 * in lines set with <br>, to count as more of the story, so a one-line
 * source or donation box beside it stays out; and it must have lost
 * almost nothing to the furniture rules, or it is a sign-up or comment
 * box around a form. Such a box links its terms inline (a FAQ's answer
 * points to the packing list and the visa office): up to a fifth of it
 * may be links, where a named module with a tenth is a teaser with its
 * linked headline. A named module's paragraphs are its <p>s, unless its
 * loose lines run to a few sentences (a section set in a cell with <br>):
 * shorter, they are a date row or a deals ticker. */
#define GROW_UNNAMED_PROSE 200
#define GROW_NAMED_RUNS 500
static bool same_module(const struct hn *a, const struct hn *s, bool head)
{
    unsigned prose = a->cls_hash && s->runs < GROW_NAMED_RUNS ? s->prose : s->runs;
    unsigned link_parts = a->cls_hash ? 10 : 5;
    if (!a->cls_hash && (prose < GROW_UNNAMED_PROSE ||
                         (uint64_t)s->text * 10 < (uint64_t)s->raw * 9))
        return false;
    return s->mod_hash == a->mod_hash && s->tag == a->tag && !s->drop &&
           !s->picked && !head && s->text >= s->link + GROW_MIN_TEXT &&
           s->link * link_parts < s->text && (uint64_t)prose * 2 >= (uint64_t)s->raw &&
           !opens_with(s->node, "hr");
}

/* Whether sibling i of chain element c is the story's head, or a widget
 * titled with an <h1>, rather than more of the story: it holds an <h1>.
 * A page that heads every section with an <h1> (a band's news, one item
 * per table row) opens the chain element with one too; there a sibling
 * that opens with its own <h1> is another section, unless it holds the
 * page's headline. */
static bool h1_box(struct hx *h, long c, long i)
{
    const struct hn *el = h->el;
    if (!el[i].has_h1)
        return false;
    long hl = page_headline(h);
    if (hl >= (long)i && (size_t)hl < subtree_end(h, i))
        return true;
    return !opens_with(el[c].node, "h1") || !opens_with(el[i].node, "h1");
}

/* Table layouts nest the story a dozen wrappers deep (cell, table, row,
 * cell...), and its other half sits in boxes several of those levels up
 * (the intro in the rows above, the second half in the next table). A
 * level whose only text is the chain element is no level: the climb
 * counts only levels with siblings to weigh. Beyond the levels a module
 * repeats within, the boxes that join must be a half of the story, not a
 * note or a sidebar beside it: together half as much text as the story
 * found so far, each with almost no links (a sidebar of blurbs links
 * each one). */
static bool joins(struct hx *h, long c, long i, bool far)
{
    if (i < 0 || i == c)
        return false;
    const struct hn *s = &h->el[i];
    return (!far || s->link * 10 < s->text) && same_module(&h->el[c], s, h1_box(h, c, i));
}

static void grow_region(struct hx *h, long core)
{
    struct hn *el = h->el;
    long c = core;
    for (int level = 0, depth = 0; level < GROW_LEVELS; depth++, c = el[c].parent) {
        long p = el[c].parent;
        if (p < 0 || (el[p].tag && (el[p].tag->flags & F_BODY)))
            break;
        if (el[p].raw == el[c].raw)
            continue;
        level++;
        bool far = depth >= GROW_LEVELS;
        if (far) {
            uint64_t half = 0;
            for (xmlNode *x = el[p].node->children; x; x = x->next)
                if (joins(h, c, element_index(x), true))
                    half += el[element_index(x)].raw;
            if (half * 2 < el[core].text)
                continue;
        }
        for (xmlNode *x = el[p].node->children; x; x = x->next)
            if (joins(h, c, element_index(x), far))
                el[element_index(x)].picked = true;
    }
    /* A piece inside another is read with it, once. */
    bool *in = warta_xcalloc(h->n + 1, sizeof(*in));
    for (size_t i = 0; i < h->n; i++) {
        bool up = el[i].parent >= 0 && in[el[i].parent];
        in[i] = el[i].picked || up;
        if (up)
            el[i].picked = false;
    }
    free(in);
}

/* Step 4c: a second opinion when the pick looks poor. The container
 * scorer bets on one region; when what it chose holds under a third of
 * the visible paragraph text (a short pick on a long page: the body split
 * over sibling boxes, or a teaser box that outscored it), an independent,
 * region-free reading is tried: every visible paragraph that is prose
 * rather than links. It is kept only when it finds clearly more text
 * (twice the pick), so a short article beside long furniture stays as
 * picked. Both passes are linear and the second runs only on poor picks. */
#define FALLBACK_MIN_PROSE 400
#define FALLBACK_PARAGRAPH 60

/* Prose of the second reading: a long enough visible paragraph, not
 * mostly links, not in the box that lost to the headline's story (its
 * verdict stands once the story is found), and not a teaser: a paragraph
 * boxed with its linked headline (a box a quarter links) belongs to a
 * feed of other stories. */
static bool alt_paragraph(const struct hx *h, const struct hn *e)
{
    if (e->drop || !e->tag || strcmp(e->tag->name, "p") || e->inl < FALLBACK_PARAGRAPH ||
        e->link * 4 >= e->text ||
        (h->overruled >= 0 && is_ancestor(h, h->overruled, (long)(e - h->el))))
        return false;
    /* A link around it (a card that links elsewhere), or a box with a
     * linked headline: its first block ancestor an eighth links. */
    bool boxed = false;
    for (long a = e->parent, level = 0; a >= 0 && level < 4; a = h->el[a].parent, level++) {
        const struct hn *x = &h->el[a];
        unsigned fl = x->tag ? x->tag->flags : 0;
        if (x->is_link)
            return false;
        if (!boxed && (fl & (F_BLOCK | F_CELL))) {
            if (x->link * 8 >= x->text)
                return false;
            boxed = true;
        }
    }
    return true;
}

static void second_opinion(struct hx *h)
{
    struct hn *el = h->el;
    bool *in = warta_xcalloc(h->n + 1, sizeof(*in));
    uint64_t picked = 0, prose = 0, alt = 0;
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        in[i] = e->picked || (e->parent >= 0 && in[e->parent]);
        if (e->picked)
            picked += e->text - e->link;
        if (e->drop || !e->tag || strcmp(e->tag->name, "p") || e->inl < 25)
            continue;
        prose += e->text - e->link;
        if (alt_paragraph(h, e))
            alt += e->text - e->link;
    }
    if (prose >= FALLBACK_MIN_PROSE && picked * 3 < prose && alt > picked * 2) {
        for (size_t i = 0; i < h->n; i++) {
            struct hn *e = &el[i];
            if (!alt_paragraph(h, e) || in[i])
                continue;
            e->picked = true;
        }
    }
    free(in);
}

/* Step 4d: the second reading (clean/reading.c) when the pick still looks
 * poor: it holds under a third of the page's paragraph text (dropped boxes
 * included: the article may sit in one), it misses the first paragraph
 * under the headline, or it is mostly links or short lines. A healthy pick
 * is never read twice; the cost is one walk over the page's text nodes,
 * paid on poor picks only. */
#define POOR_SHARE 3
#define POOR_LINE 50    /* characters per block of a list of lines */
#define LEAD_PARAGRAPH 60

/* The page's title for the second reading. A <title> the parser moved
 * into the body (text or a body tag before it in the head) still names the
 * page; it is looked for among the first elements. */
#define TITLE_REACH 256
static const char *reading_title(struct hx *h)
{
    if (h->title)
        return h->title;
    for (size_t i = 0; i < h->n && i < TITLE_REACH; i++) {
        const xmlNode *t = h->el[i].node;
        if (h->el[i].tag && !strcmp(h->el[i].tag->name, "title") && t->children &&
            t->children->type == XML_TEXT_NODE)
            return (const char *)t->children->content;
    }
    return NULL;
}

/* The headline under that title; the first reading's rules keep the
 * title they saw. */
static long reading_headline(struct hx *h, const char *title)
{
    if (h->title || !title || h->title_moved)
        return page_headline(h);
    h->title_moved = true;
    h->title = title;
    h->hl = -2;
    long hl = page_headline(h);
    h->title = NULL;
    return hl;
}

/* Whether the pick looks poor: the sums first, then the headline's
 * first paragraph. */
static bool poor_pick(struct hx *h, const bool *in, const char *title, long *hl)
{
    struct hn *el = h->el;
    uint64_t text = 0, link = 0, lines = 0, page = 0;
    for (size_t i = 0; i < h->n; i++) {
        const struct hn *e = &el[i];
        unsigned fl = e->tag ? e->tag->flags : 0;
        if ((fl & F_BODY) && !page)
            page = e->prose;
        if (e->picked) {
            text += e->text;
            link += e->link;
        }
        if (in[i] && !e->drop && (fl & F_BLOCK) && e->own)
            lines++;
    }
    if (text < page / POOR_SHARE || link * 2 > text ||
        (lines > 3 && text - link < lines * POOR_LINE))
        return true;
    *hl = reading_headline(h, title);
    if (*hl < 0)
        return false;
    for (size_t i = (size_t)*hl + 1; i < h->n; i++) {
        const struct hn *e = &el[i];
        if (e->hidden || !e->tag || strcmp(e->tag->name, "p") ||
            e->inl < LEAD_PARAGRAPH)
            continue;
        return !in[i] || e->drop;
    }
    return false;
}

/* Whether block element o is the headline or a heading the page's title
 * repeats (a blog's name, its post's title) of a headline's length. */
static bool titled(struct hx *h, long o, long hl, const char *t, size_t tl)
{
    if (o == hl)
        return true;
    const struct hn *e = &h->el[o];
    if (!t || !e->tag || !(e->tag->flags & F_HEADING) || e->inl < HEADLINE_MIN)
        return false;
    size_t n;
    const char *x = subtree_text(h, e->node, true, &n);
    return n && n <= tl && memmem(t, tl, x, n);
}

/* Words and function words of a text node, added to a block. */
static void count_words(struct warta_rblock *b, const char *s)
{
    char w[16];
    size_t k = 0;
    bool long_word = false;
    for (;; s++) {
        unsigned char c = (unsigned char)*s;
        bool letter = c >= 0x80 || (c >= '0' && c <= '9') ||
                      ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '\'';
        if (letter) {
            if (k < sizeof(w))
                w[k++] = (char)warta_ascii_lower(c);
            else
                long_word = true;
            continue;
        }
        if (k) {
            b->words++;
            if (!long_word && warta_is_function_word(w, k))
                b->function_words++;
        }
        k = 0;
        long_word = false;
        if (!c)
            break;
    }
}

static void reread(struct hx *h)
{
    struct hn *el = h->el;
    bool *in = warta_xcalloc(h->n + 1, sizeof(*in));
    for (size_t i = 0; i < h->n; i++)
        in[i] = el[i].picked || (el[i].parent >= 0 && in[el[i].parent]);
    const char *title = reading_title(h);
    long hl = -1;
    if (!poor_pick(h, in, title, &hl)) {
        free(in);
        return;
    }
    hl = reading_headline(h, title); /* cached */
    /* Per element: its block (-1 when unseen or none yet), whether it is
     * inside a link, and the furniture box around it. */
    long *blk = warta_xmalloc((h->n + 1) * sizeof(*blk));
    long *grp = warta_xmalloc((h->n + 1) * sizeof(*grp));
    bool *vis = warta_xcalloc(h->n + 1, sizeof(*vis));
    bool *lnk = warta_xcalloc(h->n + 1, sizeof(*lnk));
    long *owner = NULL; /* block -> its element */
    struct warta_rblock *b = NULL;
    size_t nb = 0, cap = 0;
    struct warta_reading r = {.lead = -1};
    size_t tl = 0;
    const char *nt = title ? warta_text_normalize(h->doc->arena, title, strlen(title), &tl)
                           : NULL;
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        long p = e->parent;
        unsigned fl = e->tag ? e->tag->flags : 0;
        blk[i] = -1;
        vis[i] = !(fl & F_JUNK) && !e->hidden && (p < 0 || vis[p]);
        if (!vis[i])
            continue;
        lnk[i] = e->is_link || (p >= 0 && lnk[p]);
        grp[i] = e->dropped_here ? (long)i : p >= 0 ? grp[p] : -1;
        bool opens = (fl & F_BLOCK) || p < 0;
        if (!opens)
            blk[i] = blk[p];
        for (xmlNode *c = e->node->children; c; c = c->next) {
            if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) ||
                !c->content)
                continue;
            unsigned commas = 0;
            unsigned w = (unsigned)text_weight(c->content, &commas);
            if (!w)
                continue;
            if (blk[i] < 0) {
                /* the block opens with its first text */
                long o = (long)i;
                while (!(el[o].tag && (el[o].tag->flags & F_BLOCK)) && el[o].parent >= 0)
                    o = el[o].parent;
                if (nb == cap) {
                    cap = cap ? cap * 2 : 64;
                    b = warta_xrealloc(b, cap * sizeof(*b));
                    owner = warta_xrealloc(owner, cap * sizeof(*owner));
                }
                memset(&b[nb], 0, sizeof(b[nb]));
                b[nb].group = grp[o];
                b[nb].comments = grp[o] >= 0 && is_comments(&el[grp[o]]);
                b[nb].heading = el[o].tag && (el[o].tag->flags & F_HEADING);
                b[nb].first = in[o] && !el[o].drop;
                owner[nb] = o;
                for (long x = (long)i; x != o; x = el[x].parent)
                    blk[x] = (long)nb;
                blk[o] = (long)nb;
                b[nb].titled = titled(h, o, hl, nt, tl);
                nb++;
            }
            struct warta_rblock *k = &b[blk[i]];
            k->chars += w;
            if (lnk[i])
                k->link += w;
            count_words(k, (const char *)c->content);
        }
    }
    bool swap = nb && warta_second_reading(b, nb, &r);
    if (swap) {
        for (size_t i = 0; i < h->n; i++)
            el[i].picked = false;
        for (size_t k = 0; k < nb; k++)
            if (b[k].kept)
                el[owner[k]].picked = true;
        h->solo = true;
    }
    free(b);
    free(owner);
    free(blk);
    free(grp);
    free(vis);
    free(lnk);
    free(in);
}

static void buf_add(struct hx *h, const char *s, size_t n)
{
    if (h->len + n + 1 > h->bcap) {
        h->bcap = (h->len + n + 1) * 2;
        h->buf = warta_xrealloc(h->buf, h->bcap);
    }
    memcpy(h->buf + h->len, s, n);
    h->len += n;
}

static void record_removed(struct warta_doc *doc, const char *text,
                           const char *reason)
{
    if (doc->n_removed == doc->cap_removed) {
        size_t cap = doc->cap_removed ? doc->cap_removed * 2 : 16;
        doc->removed = warta_arena_grow(doc->arena, doc->removed, doc->n_removed,
                                        cap, sizeof(*doc->removed));
        doc->cap_removed = cap;
    }
    struct warta_removed *r = &doc->removed[doc->n_removed++];
    r->text = text;
    r->reason = reason;
    r->duplicate_of = -1;
}

/* A line that introduces a related-article link ("Baca juga: ...",
 * "Read also - ..."), by the prefixes of the language tables. */
static bool related_line(const char *t, size_t n)
{
    size_t nl;
    const struct warta_lang *const *langs = warta_langs(&nl);
    for (size_t l = 0; l < nl; l++) {
        for (const char *const *p = langs[l]->related_prefixes; p && *p; p++) {
            size_t pl = strlen(*p);
            if (pl >= n || strncasecmp(t, *p, pl))
                continue;
            size_t i = pl;
            while (i < n && t[i] == ' ')
                i++;
            if (i < n && (t[i] == ':' || t[i] == '-'))
                return true;
        }
    }
    return false;
}

/* A link target made absolute against the page's URL when there is one. */
static const char *link_url(struct warta_doc *doc, const char *href)
{
    if (!href || !*href)
        return NULL;
    const char *base = doc->source.final_url ? doc->source.final_url : doc->base_url;
    xmlChar *abs = base ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)base) : NULL;
    const char *u = warta_arena_strdup(doc->arena, abs ? (const char *)abs : href);
    xmlFree(abs);
    return u;
}

/* Printable ASCII words separated by single spaces, nothing to trim. */
static bool plain_ascii(const char *p, size_t n)
{
    if (!n || p[0] == ' ' || p[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ' ? p[i + 1] == ' ' : (c < 0x21 || c > 0x7E))
            return false;
    }
    return true;
}

/* Text between two blocks went: the block before it learns, so that a
 * label heading over a dropped box can go with it (clean/headings.c). A
 * box counts as two lines: one link line is as likely a source cited
 * under the heading. */
static void dropped_text(struct hx *h, unsigned char weight)
{
    if (!h->doc->n_blocks)
        return;
    unsigned char *d = &h->doc->blocks[h->doc->n_blocks - 1].dropped_after;
    *d = *d > UCHAR_MAX - weight ? UCHAR_MAX : (unsigned char)(*d + weight);
}

/* Ends the block under construction: type from the owner's ancestry. */
static void flush(struct hx *h)
{
    if (!h->len) {
        h->owner = -1;
        h->blink = h->btext = h->blinks = 0;
        h->bhref = NULL;
        return;
    }
    struct warta_doc *doc = h->doc;
    enum warta_block_type type = WARTA_BLOCK_PARAGRAPH;
    enum warta_block_role role = WARTA_ROLE_BODY;
    bool pre = false, title_check = false;
    unsigned char level = 0;
    for (long a = h->owner; a >= 0; a = h->el[a].parent) {
        unsigned fl = h->el[a].tag ? h->el[a].tag->flags : 0;
        if (h->el[a].picked)
            break;
        if (fl & F_H1) {
            /* The headline sits above the text; an <h1> after body text
             * is a section heading of a page that misuses it. */
            type = WARTA_BLOCK_HEADING;
            role = h->body_seen ? WARTA_ROLE_SUBHEAD : WARTA_ROLE_TITLE;
            title_check = true;
            level = 1;
            break;
        }
        if (fl & F_HEADING) {
            type = WARTA_BLOCK_HEADING;
            role = WARTA_ROLE_SUBHEAD;
            level = (unsigned char)(h->el[a].tag->name[1] - '0');
            break;
        }
        if ((fl & F_FIGCAP) || h->el[a].caption) {
            type = WARTA_BLOCK_CAPTION;
            role = WARTA_ROLE_CAPTION;
            break;
        }
        if (fl & F_PRE) {
            type = WARTA_BLOCK_PREFORMATTED;
            pre = true;
            break;
        }
        if (fl & F_ROW) {
            type = WARTA_BLOCK_TABLE_ROW;
            break;
        }
        if (fl & F_LI) {
            type = WARTA_BLOCK_LIST_ITEM;
            break;
        }
        if (fl & F_QUOTE) {
            type = WARTA_BLOCK_QUOTE;
            break;
        }
    }
    size_t n;
    const char *t;
    if (!pre && plain_ascii(h->buf, h->len)) {
        /* Already canonical (NFC is the identity on ASCII): most blocks
         * of English pages take this path and skip a copy. */
        t = h->buf;
        n = h->len;
    } else {
        t = pre ? warta_text_normalize_lines(doc->arena, h->buf, h->len, &n)
                : warta_text_normalize(doc->arena, h->buf, h->len, &n);
    }
    if (n && title_check && role == WARTA_ROLE_SUBHEAD && h->title &&
        memmem(h->title, strlen(h->title), t, n))
        role = WARTA_ROLE_TITLE; /* the headline, late but unmistakable */
    if (n) {
        /* Mostly links is a menu or a "read more" line, unless what is
         * not a link is itself a real sentence, or it is quoted matter
         * (an embedded post signs off with linked name and date). */
        bool link_dense = h->btext && h->blink * 2 > h->btext &&
                          h->btext - h->blink < 50 &&
                          type != WARTA_BLOCK_PREFORMATTED &&
                          type != WARTA_BLOCK_QUOTE;
        if (link_dense && h->blinks == 1 && related_line(t, n)) {
            /* "Baca juga: <a>...</a>": kept for the role rules, which
             * turn it into a `related` entry with this link. */
            struct warta_block *b = warta_doc_add_block(doc, type, t, n);
            b->url = link_url(doc, h->bhref);
        } else if (link_dense) {
            dropped_text(h, 1);
            if (doc->opts.explain)
                record_removed(doc, warta_arena_strndup(doc->arena, t, n),
                               "link-dense");
        } else {
            struct warta_block *b = warta_doc_add_block(doc, type, t, n);
            b->role = role;
            b->heading_level = level;
            h->body_seen |= role == WARTA_ROLE_BODY && n >= 80;
        }
    }
    h->len = 0;
    h->owner = -1;
    h->blink = h->btext = h->blinks = 0;
    h->bhref = NULL;
}

static bool inside_link(const struct hx *h, const xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        long i = node_index(n);
        if (i < 0)
            return false;
        unsigned fl = h->el[i].tag ? h->el[i].tag->flags : 0;
        if (h->el[i].is_link)
            return true;
        if (fl & (F_BLOCK | F_CELL))
            return false;
    }
    return false;
}

/* Text of a subtree, for `explain`; iterative. With `inline_only` it
 * stops at nested blocks (they are listed on their own). */
static char *subtree_text(struct hx *h, xmlNode *root, bool inline_only,
                          size_t *n)
{
    size_t save = h->len;
    xmlNode *x = root->children;
    while (x) {
        bool descend = false;
        if (x->type == XML_TEXT_NODE && x->content) {
            buf_add(h, (const char *)x->content, strlen((const char *)x->content));
        } else if (x->type == XML_ELEMENT_NODE && x->children) {
            long i = node_index(x);
            unsigned fl = i >= 0 && h->el[i].tag ? h->el[i].tag->flags : 0;
            descend = !((fl & F_JUNK) || (i >= 0 && h->el[i].hidden) ||
                        (inline_only && (fl & (F_BLOCK | F_CELL))));
            if (descend)
                buf_add(h, " ", 1);
        }
        x = warta_dom_next(x, root, descend);
    }
    char *t = warta_text_normalize(h->doc->arena, h->buf + save, h->len - save, n);
    h->len = save;
    return t;
}

static const char *href_of(const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, "href") && a->children)
            return (const char *)a->children->content;
    return NULL;
}

/* Step 5: blocks from one picked container, skipping boilerplate. */
static void extract(struct hx *h, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            long i = node_index(n);
            struct hn *e = i >= 0 ? &h->el[i] : NULL;
            unsigned fl = e && e->tag ? e->tag->flags : 0;
            if (e && e->cut && n != root) {
                /* a comment section begins: the rest of the parent is
                 * posts, set as elements or as loose text */
                while (n->next)
                    n = n->next;
            } else if (h->solo && n != root && (fl & F_BLOCK)) {
                /* a block of its own in the second reading: picked
                 * itself when kept */
                flush(h);
            } else if (e && (h->solo ? n != root && (e->dropped_here || (fl & F_JUNK))
                                     : e->drop)) {
                /* skipped; `explain` lists it from explain_removed() */
                if (e->raw && !e->hidden && !h->btext)
                    dropped_text(h, 2);
            } else if (fl & F_BR) {
                flush(h);
            } else {
                if (fl & F_BLOCK)
                    flush(h);
                else if (fl & F_CELL)
                    buf_add(h, " ", 1);
                if (e && e->is_link) {
                    if (!h->blinks++)
                        h->bhref = href_of(n);
                }
                descend = true;
            }
        } else if ((n->type == XML_TEXT_NODE ||
                    n->type == XML_CDATA_SECTION_NODE) && n->content) {
            const char *s = (const char *)n->content;
            size_t l = strlen(s);
            unsigned c = 0;
            unsigned w = (unsigned)text_weight(n->content, &c);
            if (w) {
                if (h->owner < 0)
                    h->owner = node_index(n->parent);
                h->btext += w;
                if (inside_link(h, n->parent))
                    h->blink += w;
            }
            buf_add(h, s, l);
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (n == root)
                return;
            if (n->type == XML_ELEMENT_NODE) {
                long i = node_index(n);
                if (i >= 0 && h->el[i].tag &&
                    (h->el[i].tag->flags & F_BLOCK) && !h->el[i].drop)
                    flush(h);
                else if (i >= 0 && h->el[i].tag && (h->el[i].tag->flags & F_CELL))
                    buf_add(h, " ", 1);
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* libxml2 compares each attribute with all earlier ones of the same
 * element, so one element with 100,000 attributes costs 10^10 steps.
 * Counting them first is linear. The count follows HTML's tokenizer, so it
 * counts what the parser will build: a quote opens a value only right
 * after '=' (a stray quote, as in `type="hidden""/>`, is part of a name
 * and must not swallow the rest of the page as one open value); unquoted
 * values end at white space. Script and style bodies and comments are
 * skipped, their '<' are not tags. Returns the largest count; *start_tags
 * is the number of start tags seen. */
enum attr_state { A_GAP, A_NAME, A_AFTER_NAME, A_BEFORE_VALUE, A_QUOTED, A_UNQUOTED };

static bool tag_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Attributes of the start tag whose name ends at *q; *q is left on the
 * tag's closing '>' (or at end). */
static size_t count_tag_attributes(const char **qp, const char *end)
{
    const char *q = *qp;
    enum attr_state st = A_GAP;
    char quote = 0;
    size_t n = 0;
    for (; q < end; q++) {
        char c = *q;
        switch (st) {
        case A_GAP:
            if (c == '>')
                goto done;
            if (!tag_space(c) && c != '/') {
                n++;
                st = A_NAME;
            }
            break;
        case A_NAME:
            if (c == '>')
                goto done;
            if (c == '=')
                st = A_BEFORE_VALUE;
            else if (tag_space(c) || c == '/')
                st = A_AFTER_NAME;
            break;
        case A_AFTER_NAME:
            if (c == '>')
                goto done;
            if (c == '=') {
                st = A_BEFORE_VALUE;
            } else if (c == '/') {
                st = A_GAP;
            } else if (!tag_space(c)) {
                n++;
                st = A_NAME;
            }
            break;
        case A_BEFORE_VALUE:
            if (c == '>')
                goto done;
            if (c == '"' || c == '\'') {
                quote = c;
                st = A_QUOTED;
            } else if (!tag_space(c)) {
                st = A_UNQUOTED;
            }
            break;
        case A_QUOTED: {
            /* Quoted values run long (srcset lists, inline JSON, styles):
             * jump to the closing quote instead of stepping through. */
            const char *close = memchr(q, quote, (size_t)(end - q));
            if (!close) {
                q = end;
                goto done;
            }
            q = close;
            st = A_GAP;
            break;
        }
        case A_UNQUOTED:
            if (c == '>')
                goto done;
            if (tag_space(c))
                st = A_GAP;
            break;
        }
    }
done:
    *qp = q;
    return n;
}

/* The first "</name" (close) at or after q, as memmem finds it: raw text
 * holds few '<', so hopping from one to the next is cheaper than a
 * substring search through a long inline script. */
static const char *find_end_tag(const char *q, const char *end, const char *close,
                                size_t cl)
{
    while ((q = memchr(q, '<', (size_t)(end - q))) && (size_t)(end - q) >= cl) {
        if (!memcmp(q, close, cl))
            return q;
        q++;
    }
    return NULL;
}

/* Byte spans of the page the parser must not see, start and end in turn. */
struct spans {
    size_t *at;
    size_t n, cap;
};

static void spans_add(struct spans *s, size_t from, size_t to)
{
    if (s->n + 2 > s->cap) {
        s->cap = s->cap ? 2 * s->cap : 32;
        s->at = warta_xrealloc(s->at, s->cap * sizeof(*s->at));
    }
    s->at[s->n++] = from;
    s->at[s->n++] = to;
}

/* Also notes the bogus comments outside raw text: "<!" not opening a
 * comment or the doctype, up to the next '>'. Browsers hide them, but
 * libxml2 reads them as text, and Word's downlevel-revealed conditionals
 * ("<![if !supportLists]>1.<![endif]>") put one around every list number
 * and empty paragraph of a saved document. */
static size_t max_attributes(const char *p, size_t len, size_t stop_at, size_t *start_tags,
                             struct spans *bogus)
{
    const char *end = p + len, *q = p;
    size_t most = 0;
    *start_tags = 0;
    while ((q = memchr(q, '<', (size_t)(end - q)))) {
        q++;
        if (q < end && *q == '!') {
            bool comment = end - q >= 3 && !memcmp(q, "!--", 3);
            const char *c = comment ? memmem(q, (size_t)(end - q), "-->", 3)
                                    : memchr(q, '>', (size_t)(end - q));
            if (!c)
                break;
            if (!comment && !(end - q >= 8 && !strncasecmp(q, "!doctype", 8)))
                spans_add(bogus, (size_t)(q - 1 - p), (size_t)(c + 1 - p));
            q = c;
            continue;
        }
        if (q >= end || !((*q | 32) >= 'a' && (*q | 32) <= 'z'))
            continue;
        const char *name = q;
        (*start_tags)++;
        while (q < end && *q != '>' && !tag_space(*q) && *q != '/')
            q++;
        size_t nl = (size_t)(q - name);
        size_t n = count_tag_attributes(&q, end);
        if (n > most)
            most = n;
        if (most > stop_at)
            return most;
        /* Raw-text elements: their content holds no tags. */
        static const struct {
            const char *close; /* "</" and the name */
            size_t len;        /* of the name */
        } raw[] = {{"</script", 6}, {"</style", 5}, {"</textarea", 8}, {"</xmp", 3}};
        for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
            if (nl == raw[i].len && !strncasecmp(name, raw[i].close + 2, nl)) {
                const char *c = q < end ? find_end_tag(q, end, raw[i].close, nl + 2) : NULL;
                if (!c) /* the parser reads the rest as raw text too */
                    return most;
                q = c;
                break;
            }
        }
    }
    return most;
}

/* For `explain`: what the page had outside the article, in page order.
 * Boilerplate goes with the reason it was marked for; other text that lost
 * to the main container is "low-score". */
static void explain_removed(struct hx *h)
{
    struct hn *el = h->el;
    bool *inside = warta_xcalloc(h->n + 1, sizeof(*inside));
    for (size_t i = 0; i < h->n; i++) {
        struct hn *e = &el[i];
        inside[i] = e->picked || (e->parent >= 0 && inside[e->parent]);
        unsigned fl = e->tag ? e->tag->flags : 0;
        if ((fl & F_JUNK) || (e->parent >= 0 && el[e->parent].drop))
            continue;
        size_t n = 0;
        char *t = NULL;
        const char *reason = NULL;
        if (e->dropped_here && e->raw && !e->hidden) {
            t = subtree_text(h, e->node, false, &n);
            reason = e->reason;
        } else if (!e->drop && !inside[i] && e->inl && (fl & (F_BLOCK | F_CELL))) {
            t = subtree_text(h, e->node, true, &n);
            reason = (fl & F_H1) ? "title" : "low-score";
        }
        if (n)
            record_removed(h->doc, t, reason);
    }
    free(inside);
}

/* The <title> text (head is not walked: it holds no body text). */
static const char *page_title(const xmlNode *root)
{
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "head"))
            continue;
        for (const xmlNode *t = c->children; t; t = t->next)
            if (t->type == XML_ELEMENT_NODE && !strcmp((const char *)t->name, "title") &&
                t->children && t->children->type == XML_TEXT_NODE)
                return (const char *)t->children->content;
    }
    return NULL;
}

/* An attribute's value as the parser stored it, or NULL. */
static const char *attr_value(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcasecmp((const char *)a->name, name))
            return a->children && a->children->type == XML_TEXT_NODE
                       ? (const char *)a->children->content
                       : NULL;
    return NULL;
}

/* The meta description (name="description", else og:description): pages
 * fill it with the standfirst. */
static const char *page_description(const xmlNode *root)
{
    const char *og = NULL;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "head"))
            continue;
        for (const xmlNode *m = c->children; m; m = m->next) {
            if (m->type != XML_ELEMENT_NODE || strcmp((const char *)m->name, "meta"))
                continue;
            const char *name = attr_value(m, "name");
            const char *prop = attr_value(m, "property");
            const char *content = attr_value(m, "content");
            if (!content)
                continue;
            if (name && !strcasecmp(name, "description"))
                return content;
            if (!og && prop && !strcasecmp(prop, "og:description"))
                og = content;
        }
    }
    return og;
}

static void free_html(void *p)
{
    xmlFreeDoc(p);
}

enum warta_err warta_clean_html(struct warta_doc *doc,
                                const struct warta_clean_options *limits,
                                struct warta_error *err)
{
    size_t len;
    char *utf8 = warta_html_decode(doc, &len);
    if (len > INT32_MAX)
        return warta_error_set(err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                               "the HTML is larger than 2 GiB");
    size_t max_attrs = limits->max_html_attributes > 0 ? (size_t)limits->max_html_attributes : 1000;
    size_t start_tags;
    struct spans bogus = {0};
    if (max_attributes(utf8, len, max_attrs, &start_tags, &bogus) > max_attrs) {
        free(bogus.at);
        return warta_error_set(err, WARTA_ERR_TOO_COMPLEX,
                               "an HTML element has more than %zu attributes "
                               "(max-html-attributes)", max_attrs);
    }
    if (bogus.n) {
        char *cut = warta_arena_alloc(doc->arena, len + 1);
        size_t n = 0, from = 0;
        for (size_t i = 0; i < bogus.n; i += 2) {
            memcpy(cut + n, utf8 + from, bogus.at[i] - from);
            n += bogus.at[i] - from;
            from = bogus.at[i + 1];
        }
        memcpy(cut + n, utf8 + from, len - from);
        n += len - from;
        cut[n] = '\0';
        utf8 = cut;
        len = n;
        free(bogus.at);
    }
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    htmlDocPtr x = htmlReadMemory(utf8, (int)len, doc->base_url, "UTF-8", opts);
    if (!x)
        return warta_error_set(err, WARTA_ERR_NO_CONTENT,
                               "the HTML could not be parsed");
    doc->html = x;
    doc->html_free = free_html;

    struct hx h = {.doc = doc,
                   .max_nodes = (size_t)limits->max_html_nodes, /* >= 1000 */
                   .max_depth = limits->max_html_depth,
                   .owner = -1,
                   .hl = -2,
                   .overruled = -1};
    enum warta_err rc = WARTA_OK;
    h.cache = warta_xcalloc(VERDICT_SLOTS, sizeof(*h.cache));
    /* Elements come from start tags, plus the few the parser adds (an
     * implied tbody, p or li): sizing the array from them up front spares
     * the reallocs (mremap and page faults on big pages). */
    size_t lt = 64 + start_tags + start_tags / 4;
    /* ...but a page of empty tags must not reserve gigabytes: past a
     * generous size the array grows as elements really appear. */
    h.cap = lt < h.max_nodes ? lt : h.max_nodes + 1;
    if (h.cap > PRESIZE_MAX)
        h.cap = PRESIZE_MAX;
    h.el = warta_xmalloc(h.cap * sizeof(*h.el));
    xmlNode *root = xmlDocGetRootElement(x);
    if (!root)
        goto out;
    h.title = page_title(root);
    h.description = page_description(root);
    rc = collect(&h, root, err);
    if (rc != WARTA_OK)
        goto out;
    mark_and_sum(&h);
    long core = pick(&h);
    if (core >= 0) {
        lead_by_description(&h, core);
        lead_by_player(&h, core);
        grow_region(&h, core);
    }
    second_opinion(&h);
    reread(&h);
    for (size_t i = 0; i < h.n; i++) {
        if (!h.el[i].picked)
            continue;
        extract(&h, h.el[i].node);
        flush(&h);
    }
    if (doc->opts.explain)
        explain_removed(&h);
    /* libxml2 stops parsing at 256 levels unless HTML_PARSE_HUGE, which we
     * do not set: without it the parser's own end-tag search is bounded
     * (with it, deep nesting plus stray end tags is quadratic). What sat
     * deeper is lost, so say so, and say why when nothing is left. */
    if (h.deepest >= LIBXML_HTML_MAX_DEPTH - 1) {
        warta_doc_warn(doc, "html-nesting-truncated");
        if (!doc->n_blocks)
            rc = warta_error_set(err, WARTA_ERR_TOO_COMPLEX,
                                 "the page nests elements more than %d levels "
                                 "deep; content below that depth cannot be read",
                                 LIBXML_HTML_MAX_DEPTH);
    }
out:
    free(h.cache);
    free(h.el);
    free(h.buf);
    return rc;
}
