/*
 * Structured page metadata: JSON-LD, OpenGraph, article:*, Twitter cards,
 * parsely, sailthru, Dublin Core, microdata, <time>, rel=canonical/author.
 *
 * One iterative walk over the parsed page gathers every candidate into
 * slots; the fields are then filled in the documented priority order,
 * each only when still unknown. What a page states about itself beats
 * anything the text rules could guess, and JSON-LD beats meta tags because
 * publishers fill it for search engines with the most care.
 *
 * JSON-LD is only looked at to a fixed depth (top level, @graph, one level
 * of author/image/publisher objects), so a deeply nested block costs
 * jansson's own bounded parse and nothing more.
 */
#include "metadata.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "warta/str.h"
#include "warta/text.h"
#include "warta/unicode.h"
#include "util/dom.h"

/* Lists are deduplicated by a linear scan, so they are capped: a page with
 * 100,000 distinct keywords must not cost 10^10 comparisons. */
#define MAX_LIST 64

/* Meta tag slots, by the key in name=, property= or itemprop=. */
enum slot {
    M_OG_TITLE, M_TW_TITLE, M_PARSELY_TITLE, M_SAILTHRU_TITLE, M_DC_TITLE,
    M_PUB_TIME, M_PARSELY_PUB, M_SAILTHRU_DATE, M_PUBDATE, M_IP_PUB,
    M_MOD_TIME, M_DC_MOD, M_IP_MOD,
    M_AUTHOR, M_ARTICLE_AUTHOR, M_PARSELY_AUTHOR, M_SAILTHRU_AUTHOR,
    M_DC_CREATOR, M_BYL,
    M_SECTION, M_PARSELY_SECTION,
    M_KEYWORDS, M_PARSELY_TAGS, M_SAILTHRU_TAGS,
    M_OG_IMAGE, M_OG_IMAGE_ALT, M_TW_IMAGE,
    M_DESCRIPTION, M_OG_DESCRIPTION, M_TW_DESCRIPTION,
    M_SITE_NAME, M_APP_NAME, M_OG_URL,
    M_CONTENT_LANGUAGE, M_DC_LANGUAGE, M_OG_LOCALE,
    M_IP_HEADLINE,
    M__COUNT
};

static const struct {
    const char *key;
    enum slot slot;
} meta_keys[] = {
    {"og:title", M_OG_TITLE},
    {"twitter:title", M_TW_TITLE},
    {"parsely-title", M_PARSELY_TITLE},
    {"sailthru.title", M_SAILTHRU_TITLE},
    {"dc.title", M_DC_TITLE},
    {"dcterms.title", M_DC_TITLE},
    {"article:published_time", M_PUB_TIME},
    {"og:article:published_time", M_PUB_TIME},
    {"article:published", M_PUB_TIME},
    {"parsely-pub-date", M_PARSELY_PUB},
    {"sailthru.date", M_SAILTHRU_DATE},
    {"pubdate", M_PUBDATE},
    {"publishdate", M_PUBDATE},
    {"publish-date", M_PUBDATE},
    {"dc.date", M_PUBDATE},
    {"dc.date.issued", M_PUBDATE},
    {"dcterms.date", M_PUBDATE},
    {"dcterms.issued", M_PUBDATE},
    {"dcterms.created", M_PUBDATE},
    {"content_publisheddate", M_PUBDATE},
    {"datepublished", M_IP_PUB},
    {"article:modified_time", M_MOD_TIME},
    {"og:article:modified_time", M_MOD_TIME},
    {"og:updated_time", M_MOD_TIME},
    {"dc.date.modified", M_DC_MOD},
    {"dcterms.modified", M_DC_MOD},
    {"datemodified", M_IP_MOD},
    {"author", M_AUTHOR},
    {"article:author", M_ARTICLE_AUTHOR},
    {"og:article:author", M_ARTICLE_AUTHOR},
    {"parsely-author", M_PARSELY_AUTHOR},
    {"sailthru.author", M_SAILTHRU_AUTHOR},
    {"dc.creator", M_DC_CREATOR},
    {"dcterms.creator", M_DC_CREATOR},
    {"byl", M_BYL},
    {"article:section", M_SECTION},
    {"og:article:section", M_SECTION},
    {"parsely-section", M_PARSELY_SECTION},
    {"news_keywords", M_KEYWORDS},
    {"keywords", M_KEYWORDS},
    {"parsely-tags", M_PARSELY_TAGS},
    {"sailthru.tags", M_SAILTHRU_TAGS},
    {"og:image", M_OG_IMAGE},
    {"og:image:url", M_OG_IMAGE},
    {"og:image:secure_url", M_OG_IMAGE},
    {"og:image:alt", M_OG_IMAGE_ALT},
    {"twitter:image", M_TW_IMAGE},
    {"twitter:image:src", M_TW_IMAGE},
    {"description", M_DESCRIPTION},
    {"og:description", M_OG_DESCRIPTION},
    {"twitter:description", M_TW_DESCRIPTION},
    {"og:site_name", M_SITE_NAME},
    {"application-name", M_APP_NAME},
    {"og:url", M_OG_URL},
    {"content-language", M_CONTENT_LANGUAGE},
    {"dc.language", M_DC_LANGUAGE},
    {"dcterms.language", M_DC_LANGUAGE},
    {"og:locale", M_OG_LOCALE},
    {"headline", M_IP_HEADLINE},
};

/* Values from the JSON-LD article object (and its page/graph). */
struct ld {
    const char *headline, *published, *modified, *description, *section;
    const char *canonical, *language, *publisher, *url;
    const char *image, *image_caption, *image_credit;
    struct warta_strlist persons, orgs, keywords;
    bool have_article;
};

struct gather {
    struct warta_doc *doc;
    const char *meta[M__COUNT];
    struct warta_strlist article_tags; /* article:tag, one per meta */
    const char *title, *h1, *canonical, *html_lang, *time_pub;
    const char *base_href; /* <base href>, which relative links follow */
    xmlNode *h1_node;
    const char *time_any;
    size_t n_h1;
    struct warta_strlist rel_authors, byline_authors;
    struct ld ld;
};

static const char *get_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcasecmp((const char *)a->name, name))
            return a->children && a->children->content
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

/* Decodes the few entities publishers leave in JSON-LD strings. */
static char *decode_entities(struct warta_arena *a, const char *s, size_t n,
                             size_t *out_n)
{
    char *o = warta_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            static const struct {
                const char *name;
                const char *utf8;
            } ents[] = {{"&amp;", "&"},   {"&quot;", "\""}, {"&apos;", "'"},
                        {"&lt;", "<"},    {"&gt;", ">"},    {"&nbsp;", " "},
                        {"&#039;", "'"}};
            bool done = false;
            for (size_t e = 0; e < sizeof(ents) / sizeof(ents[0]); e++) {
                size_t l = strlen(ents[e].name);
                if (i + l <= n && !strncasecmp(s + i, ents[e].name, l)) {
                    size_t u = strlen(ents[e].utf8);
                    memcpy(o + k, ents[e].utf8, u);
                    k += u;
                    i += l;
                    done = true;
                    break;
                }
            }
            if (done)
                continue;
            if (i + 3 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                unsigned long cp = 0;
                bool hex = s[j] == 'x' || s[j] == 'X';
                if (hex)
                    j++;
                size_t st = j;
                while (j < n && j - st < 7 && isxdigit((unsigned char)s[j])) {
                    int d = isdigit((unsigned char)s[j])
                                ? s[j] - '0'
                                : (tolower((unsigned char)s[j]) - 'a' + 10);
                    if (!hex && d > 9)
                        break;
                    cp = cp * (hex ? 16 : 10) + (unsigned long)d;
                    j++;
                }
                if (j > st && j < n && s[j] == ';' && cp > 0 && cp < 0x110000 &&
                    !(cp >= 0xD800 && cp < 0xE000)) {
                    /* The encoded form is never longer than "&#...;". */
                    if (cp < 0x80) {
                        o[k++] = (char)cp;
                    } else if (cp < 0x800) {
                        o[k++] = (char)(0xC0 | (cp >> 6));
                        o[k++] = (char)(0x80 | (cp & 0x3F));
                    } else if (cp < 0x10000) {
                        o[k++] = (char)(0xE0 | (cp >> 12));
                        o[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        o[k++] = (char)(0x80 | (cp & 0x3F));
                    } else {
                        o[k++] = (char)(0xF0 | (cp >> 18));
                        o[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                        o[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        o[k++] = (char)(0x80 | (cp & 0x3F));
                    }
                    i = j + 1;
                    continue;
                }
            }
        }
        o[k++] = s[i++];
    }
    o[k] = '\0';
    *out_n = k;
    return o;
}

/* Normalised arena copy, or NULL when empty. */
static const char *clean(struct warta_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s), dn, out;
    const char *d = s;
    if (memchr(s, '&', n))
        d = decode_entities(a, s, n, &dn);
    else
        dn = n;
    char *t = warta_text_normalize(a, d, dn, &out);
    return out ? t : NULL;
}

/* Text of an element's subtree, iterative, capped at cap bytes. */
static char *node_text(struct warta_arena *a, xmlNode *root, size_t cap)
{
    char *buf = warta_arena_alloc(a, cap + 1);
    size_t k = 0;
    xmlNode *n = root->children;
    while (n && k < cap) {
        bool descend = false;
        if (n->type == XML_TEXT_NODE && n->content) {
            size_t l = strlen((const char *)n->content);
            if (l > cap - k)
                l = cap - k;
            memcpy(buf + k, n->content, l);
            k += l;
        } else if (n->type == XML_ELEMENT_NODE && n->children &&
                   strcmp((const char *)n->name, "script") &&
                   strcmp((const char *)n->name, "style")) {
            buf[k++] = ' ';
            descend = true;
        }
        n = warta_dom_next(n, root, descend);
    }
    size_t out;
    return warta_text_normalize(a, buf, k, &out);
}

/* --- JSON-LD ------------------------------------------------------------ */

static const char *jstr(struct warta_arena *a, json_t *v)
{
    if (json_is_string(v))
        return clean(a, json_string_value(v));
    if (json_is_object(v)) {
        json_t *x = json_object_get(v, "name");
        if (!json_is_string(x))
            x = json_object_get(v, "@id");
        if (!json_is_string(x))
            x = json_object_get(v, "url");
        return json_is_string(x) ? clean(a, json_string_value(x)) : NULL;
    }
    if (json_is_array(v) && json_array_size(v))
        return jstr(a, json_array_get(v, 0));
    return NULL;
}

static bool type_is(json_t *obj, const char *const *names)
{
    json_t *t = json_object_get(obj, "@type");
    size_t n = json_is_array(t) ? json_array_size(t) : 1;
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_is_array(t) ? json_array_get(t, i) : t;
        if (!json_is_string(x))
            continue;
        const char *s = json_string_value(x);
        const char *colon = strrchr(s, '/'); /* "http://schema.org/X" */
        if (colon)
            s = colon + 1;
        for (const char *const *p = names; *p; p++)
            if (!strcasecmp(s, *p))
                return true;
    }
    return false;
}

static const char *const article_types[] = {
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
    "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle",
    "TechArticle", "SocialMediaPosting", NULL,
};
static const char *const org_types[] = {"Organization", "NewsMediaOrganization",
                                        "Corporation", NULL};
static const char *const page_types[] = {"WebPage", "ItemPage", NULL};

static void ld_authors(struct gather *g, json_t *v)
{
    struct warta_arena *a = g->doc->arena;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < n && g->ld.persons.n + g->ld.orgs.n < MAX_LIST; i++) {
        json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
        const char *name = NULL;
        if (json_is_string(x))
            name = clean(a, json_string_value(x));
        else if (json_is_object(x) && json_is_string(json_object_get(x, "name")))
            name = clean(a, json_string_value(json_object_get(x, "name")));
        if (!name || !strncmp(name, "http", 4))
            continue;
        if (json_is_object(x) && type_is(x, org_types))
            warta_strlist_push_unique(a, &g->ld.orgs, name);
        else
            warta_split_names(a, &g->ld.persons, name, strlen(name));
    }
}

static void ld_image(struct gather *g, json_t *v)
{
    struct warta_arena *a = g->doc->arena;
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_string(v)) {
        g->ld.image = clean(a, json_string_value(v));
    } else if (json_is_object(v)) {
        json_t *u = json_object_get(v, "url");
        if (!json_is_string(u))
            u = json_object_get(v, "contentUrl");
        g->ld.image = json_is_string(u) ? clean(a, json_string_value(u)) : NULL;
        g->ld.image_caption = jstr(a, json_object_get(v, "caption"));
        json_t *c = json_object_get(v, "creditText");
        if (!c)
            c = json_object_get(v, "copyrightHolder");
        if (!c)
            c = json_object_get(v, "author");
        g->ld.image_credit = jstr(a, c);
    }
}

static void ld_keywords(struct gather *g, json_t *v)
{
    struct warta_arena *a = g->doc->arena;
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        while (*s && g->ld.keywords.n < MAX_LIST) {
            size_t l = strcspn(s, ",;");
            size_t out;
            char *t = warta_text_normalize(a, s, l, &out);
            if (out)
                warta_strlist_push_unique(a, &g->ld.keywords, t);
            s += l;
            if (*s)
                s++;
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && g->ld.keywords.n < MAX_LIST; i++)
            if (json_is_string(json_array_get(v, i)))
                ld_keywords(g, json_array_get(v, i));
    }
}

static void ld_article(struct gather *g, json_t *o)
{
    struct warta_arena *a = g->doc->arena;
    struct ld *l = &g->ld;
    if (l->have_article)
        return; /* the first article object is the page's own */
    l->have_article = true;
    l->headline = jstr(a, json_object_get(o, "headline"));
    if (!l->headline)
        l->headline = jstr(a, json_object_get(o, "name"));
    l->published = jstr(a, json_object_get(o, "datePublished"));
    if (!l->published)
        l->published = jstr(a, json_object_get(o, "dateCreated"));
    l->modified = jstr(a, json_object_get(o, "dateModified"));
    l->description = jstr(a, json_object_get(o, "description"));
    l->section = jstr(a, json_object_get(o, "articleSection"));
    json_t *me = json_object_get(o, "mainEntityOfPage");
    if (me)
        l->canonical = jstr(a, me);
    if (!l->url)
        l->url = jstr(a, json_object_get(o, "url"));
    if (!l->language)
        l->language = jstr(a, json_object_get(o, "inLanguage"));
    json_t *pub = json_object_get(o, "publisher");
    if (pub && !l->publisher)
        l->publisher = jstr(a, pub);
    ld_authors(g, json_object_get(o, "author"));
    if (!g->ld.persons.n && !g->ld.orgs.n)
        ld_authors(g, json_object_get(o, "creator"));
    ld_image(g, json_object_get(o, "image"));
    if (!l->image)
        ld_image(g, json_object_get(o, "thumbnailUrl"));
    ld_keywords(g, json_object_get(o, "keywords"));
}

static void ld_object(struct gather *g, json_t *o)
{
    if (!json_is_object(o))
        return;
    if (type_is(o, article_types)) {
        ld_article(g, o);
    } else if (type_is(o, page_types)) {
        /* A WebPage carries the language and sometimes the dates. */
        struct warta_arena *a = g->doc->arena;
        if (!g->ld.language)
            g->ld.language = jstr(a, json_object_get(o, "inLanguage"));
        json_t *main = json_object_get(o, "mainEntity");
        if (json_is_object(main) && type_is(main, article_types))
            ld_article(g, main);
    } else if (type_is(o, org_types) && !g->ld.publisher) {
        g->ld.publisher = jstr(g->doc->arena, json_object_get(o, "name"));
    }
}

static void ld_script(struct gather *g, const char *text, size_t len)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_DECODE_ANY, &jerr);
    if (!root)
        return;
    size_t n = json_is_array(root) ? json_array_size(root) : 1;
    /* Articles first, wherever they sit, then the rest for fallbacks. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n && i < 256; i++) {
            json_t *o = json_is_array(root) ? json_array_get(root, i) : root;
            if (!json_is_object(o))
                continue;
            json_t *graph = json_object_get(o, "@graph");
            size_t gn = json_is_array(graph) ? json_array_size(graph) : 0;
            for (size_t k = 0; k <= gn && k < 1024; k++) {
                json_t *x = k < gn ? json_array_get(graph, k) : o;
                if (pass == 0 && !type_is(x, article_types))
                    continue;
                ld_object(g, x);
            }
        }
    }
    json_decref(root);
}

/* --- the walk ------------------------------------------------------------ */

static void take_meta(struct gather *g, const xmlNode *n)
{
    const char *key = get_attr(n, "property");
    const char *val = get_attr(n, "content");
    if (!key || !*key)
        key = get_attr(n, "name");
    if (!key || !*key)
        key = get_attr(n, "itemprop");
    if (!key || !*key)
        key = get_attr(n, "http-equiv");
    if (!key || !val || !*val)
        return;
    struct warta_arena *a = g->doc->arena;
    if (!strcasecmp(key, "article:tag") || !strcasecmp(key, "og:article:tag")) {
        const char *t = g->article_tags.n < MAX_LIST ? clean(a, val) : NULL;
        if (t)
            warta_strlist_push_unique(a, &g->article_tags, t);
        return;
    }
    for (size_t i = 0; i < sizeof(meta_keys) / sizeof(meta_keys[0]); i++)
        if (!strcasecmp(key, meta_keys[i].key)) {
            if (!g->meta[meta_keys[i].slot])
                g->meta[meta_keys[i].slot] = clean(a, val);
            return;
        }
}

static bool has_token(const char *list, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (l == wl && !strncasecmp(p, word, wl))
            return true;
        p += l;
    }
    return false;
}

static void visit(struct gather *g, xmlNode *n)
{
    struct warta_arena *a = g->doc->arena;
    const char *name = (const char *)n->name;
    if (!strcmp(name, "meta")) {
        take_meta(g, n);
        return;
    }
    if (!strcmp(name, "script")) {
        const char *t = get_attr(n, "type");
        if (t && !strcasecmp(t, "application/ld+json") && n->children &&
            n->children->content) {
            const char *s = (const char *)n->children->content;
            ld_script(g, s, strlen(s));
        }
        return;
    }
    if (!strcmp(name, "base") && !g->base_href) {
        g->base_href = clean(a, get_attr(n, "href"));
        return;
    }
    if (!strcmp(name, "title") && !g->title) {
        g->title = node_text(a, n, 1024);
        return;
    }
    if (!strcmp(name, "html")) {
        const char *l = get_attr(n, "lang");
        if (!l)
            l = get_attr(n, "xml:lang");
        g->html_lang = clean(a, l);
        return;
    }
    if (!strcmp(name, "h1")) {
        if (!g->n_h1++) {
            g->h1 = node_text(a, n, 1024);
            g->h1_node = n;
        }
        return;
    }
    const char *rel = get_attr(n, "rel");
    if (rel && (!strcmp(name, "link") || !strcmp(name, "a"))) {
        if (has_token(rel, "canonical") && !g->canonical)
            g->canonical = clean(a, get_attr(n, "href"));
        if (has_token(rel, "author") && !strcmp(name, "a") &&
            g->rel_authors.n < MAX_LIST) {
            const char *t = node_text(a, n, 256);
            if (t && *t && strncmp(t, "http", 4))
                warta_split_names(a, &g->rel_authors, t, strlen(t));
        }
    }
    const char *ip = get_attr(n, "itemprop");
    if (ip && strcmp(name, "meta")) {
        if (!strcasecmp(ip, "datePublished") && !g->meta[M_IP_PUB]) {
            const char *v = get_attr(n, "datetime");
            if (!v)
                v = get_attr(n, "content");
            g->meta[M_IP_PUB] = v ? clean(a, v) : node_text(a, n, 256);
        } else if (!strcasecmp(ip, "dateModified") && !g->meta[M_IP_MOD]) {
            const char *v = get_attr(n, "datetime");
            if (!v)
                v = get_attr(n, "content");
            g->meta[M_IP_MOD] = v ? clean(a, v) : node_text(a, n, 256);
        } else if (!strcasecmp(ip, "author") && g->byline_authors.n < 16) {
            const char *t = node_text(a, n, 256);
            if (t && *t)
                warta_split_names(a, &g->byline_authors, t, strlen(t));
        }
    }
    if (!strcmp(name, "time")) {
        const char *dt = get_attr(n, "datetime");
        if (dt && *dt) {
            if (!g->time_any)
                g->time_any = clean(a, dt);
            if (!g->time_pub && get_attr(n, "pubdate"))
                g->time_pub = clean(a, dt);
        }
    }
    const char *cls = get_attr(n, "class");
    if (cls && g->byline_authors.n == 0 && !ip &&
        (has_token(cls, "byline") || has_token(cls, "author-name") ||
         has_token(cls, "byline__name"))) {
        const char *t = node_text(a, n, 256);
        if (t && *t && strlen(t) < 120)
            warta_split_names(a, &g->byline_authors, t, strlen(t));
    }
}

static void walk(struct gather *g, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            visit(g, n);
            descend = strcmp((const char *)n->name, "script") &&
                      strcmp((const char *)n->name, "style");
        }
        n = warta_dom_next(n, root, descend);
    }
}

/* A date line printed near the headline: the text of the next few
 * elements after the first <h1> (and the element just before it), each
 * short enough to be a date line and not a paragraph. */
static const char *date_near_title(struct gather *g)
{
    xmlNode *h1 = g->h1_node;
    if (!h1)
        return NULL;
    struct warta_arena *a = g->doc->arena;
    xmlNode *prev = h1->prev;
    while (prev && prev->type != XML_ELEMENT_NODE)
        prev = prev->prev;
    if (prev) {
        const char *t = node_text(a, prev, 128);
        size_t l = t ? strlen(t) : 0;
        const char *d = l >= 6 && l < 100 ? warta_parse_date(a, t, l) : NULL;
        if (d)
            return d;
    }
    /* Document order after the h1's subtree, iteratively. */
    xmlNode *n = h1;
    for (int seen = 0; seen < 40;) {
        while (n && !n->next)
            n = n->parent;
        if (!n)
            return NULL;
        n = n->next;
        /* descend to the first leaf-most element of this subtree, one
         * element at a time */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE) {
                seen++;
                if (!strcmp((const char *)n->name, "script") ||
                    !strcmp((const char *)n->name, "style"))
                    break;
                const char *t = node_text(a, n, 128);
                size_t l = t ? strlen(t) : 0;
                if (l >= 6 && l < 100) {
                    const char *d = warta_parse_date(a, t, l);
                    if (d)
                        return d;
                    break; /* short and no date: skip its subtree */
                }
                if (l >= 100 && n->children) {
                    n = n->children;
                    continue;
                }
            }
            break;
        }
    }
    return NULL;
}

/* --- field rules ---------------------------------------------------------- */

static const char *first_of(const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] && *v[i])
            return v[i];
    return NULL;
}

/* "Headline - Site", "Headline | Site" -> "Headline". The suffix goes
 * when it is the site's name or clearly shorter than the headline. */
static const char *strip_title_suffix(struct warta_arena *a, const char *t,
                                      const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ",
                                       " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
                                       " \xC2\xBB ", NULL};
    size_t n = strlen(t);
    const char *cut = NULL;
    size_t cut_len = 0;
    for (const char *const *s = seps; *s; s++) {
        size_t sl = strlen(*s);
        for (const char *p = t; (p = strstr(p, *s)); p += sl)
            if (!cut || p > cut) {
                cut = p;
                cut_len = sl;
            }
    }
    if (!cut)
        return t;
    size_t head = (size_t)(cut - t), tail = n - head - cut_len;
    const char *suffix = cut + cut_len;
    bool is_site = site && !strcasecmp(suffix, site);
    if (is_site || (head >= 15 && tail * 2 < head && tail <= 40))
        return warta_arena_strndup(a, t, head);
    if (site && head <= 40 && !strncasecmp(t, site, head)) /* "Site | Headline" */
        return suffix;
    return t;
}

static const char *as_date(struct warta_arena *a, const char *s)
{
    return s && *s ? warta_parse_date(a, s, strlen(s)) : NULL;
}

/* /2019/11/19/ in a URL path. */
static const char *date_from_url(struct warta_arena *a, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/')
            continue;
        const char *q = p + 1;
        if (!(isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) &&
              isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3]) &&
              q[4] == '/' && isdigit((unsigned char)q[5]) &&
              isdigit((unsigned char)q[6]) && q[7] == '/' &&
              isdigit((unsigned char)q[8]) && isdigit((unsigned char)q[9]) &&
              (q[10] == '/' || q[10] == '-' || q[10] == '_' || q[10] == '\0')))
            continue;
        int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
        int m = (q[5] - '0') * 10 + (q[6] - '0');
        int d = (q[8] - '0') * 10 + (q[9] - '0');
        if (y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
            return warta_arena_printf(a, "%04d-%02d-%02d", y, m, d);
    }
    return NULL;
}

/* Resolves against the page's <base href> and URL and drops utm_*
 * tracking parameters. */
static const char *resolve_url(struct warta_doc *doc, const char *base_href,
                               const char *href)
{
    if (!href || !*href)
        return NULL;
    const char *page = doc->source.final_url ? doc->source.final_url
                       : doc->source.url     ? doc->source.url
                                             : doc->base_url;
    xmlChar *base_abs = base_href ? xmlBuildURI((const xmlChar *)base_href,
                                                (const xmlChar *)page)
                                  : NULL;
    const char *base = base_abs ? (const char *)base_abs : page;
    xmlChar *abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
    xmlFree(base_abs);
    const char *u = abs ? (const char *)abs : href;
    if (strncmp(u, "http://", 7) && strncmp(u, "https://", 8)) {
        xmlFree(abs);
        return NULL; /* still relative: no base to resolve against */
    }
    size_t n = strlen(u);
    char *out = warta_arena_alloc(doc->arena, n + 1);
    const char *q = strchr(u, '?');
    const char *hash = strchr(u, '#');
    size_t head = q ? (size_t)(q - u) : hash ? (size_t)(hash - u) : n;
    memcpy(out, u, head);
    size_t k = head;
    if (q) {
        const char *end = hash && hash > q ? hash : u + n;
        const char *p = q + 1;
        bool first = true;
        while (p < end) {
            const char *amp = memchr(p, '&', (size_t)(end - p));
            const char *e = amp ? amp : end;
            if (e > p && strncasecmp(p, "utm_", 4)) {
                out[k++] = first ? '?' : '&';
                memcpy(out + k, p, (size_t)(e - p));
                k += (size_t)(e - p);
                first = false;
            }
            p = e + 1;
        }
    }
    out[k] = '\0';
    xmlFree(abs);
    return out;
}

/* "en-US", "id_ID", "en" -> "en"; NULL unless it looks like a tag. */
static const char *primary_language(struct warta_arena *a, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ')
        s++;
    size_t n = 0;
    while (isalpha((unsigned char)s[n]) && n < 9)
        n++;
    if (n < 2 || n > 3 || (s[n] && s[n] != '-' && s[n] != '_' && s[n] != ' ' &&
                           s[n] != ','))
        return NULL;
    char *o = warta_arena_strndup(a, s, n);
    for (char *c = o; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return o;
}

static void push_names(struct warta_doc *doc, const char *s)
{
    if (s && *s && strncmp(s, "http", 4))
        warta_split_names(doc->arena, &doc->authors, s, strlen(s));
}

static void push_list(struct warta_doc *doc, struct warta_strlist *dst,
                      const char *csv)
{
    if (!csv)
        return;
    const char *s = csv;
    while (*s && dst->n < MAX_LIST) {
        size_t l = strcspn(s, ",;");
        size_t out;
        char *t = warta_text_normalize(doc->arena, s, l, &out);
        if (out)
            warta_strlist_push_unique(doc->arena, dst, t);
        s += l;
        if (*s)
            s++;
    }
}

void warta_metadata_from_html(struct warta_doc *doc)
{
    xmlDoc *x = doc->html;
    if (!x)
        return;
    xmlNode *root = xmlDocGetRootElement(x);
    if (!root)
        return;
    struct warta_arena *a = doc->arena;
    struct gather g;
    memset(&g, 0, sizeof(g));
    g.doc = doc;
    walk(&g, root);
    const char **m = g.meta;

    if (!doc->site_name) {
        const char *v[] = {m[M_SITE_NAME], g.ld.publisher, m[M_APP_NAME]};
        doc->site_name = first_of(v, 3);
    }
    if (!doc->title) {
        const char *v[] = {g.ld.headline,       m[M_OG_TITLE],
                           m[M_TW_TITLE],       m[M_PARSELY_TITLE],
                           m[M_SAILTHRU_TITLE], m[M_DC_TITLE],
                           m[M_IP_HEADLINE],    g.n_h1 == 1 ? g.h1 : NULL};
        doc->title = first_of(v, sizeof(v) / sizeof(v[0]));
        if (doc->title)
            doc->title = strip_title_suffix(a, doc->title, doc->site_name);
        else if (g.title && *g.title)
            doc->title = strip_title_suffix(a, g.title, doc->site_name);
    }
    if (!doc->published_at) {
        const char *v[] = {g.ld.published,    m[M_PUB_TIME], m[M_PARSELY_PUB],
                           m[M_SAILTHRU_DATE], m[M_PUBDATE], m[M_IP_PUB],
                           g.time_pub,         g.time_any};
        for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) && !doc->published_at; i++)
            doc->published_at = as_date(a, v[i]);
    }
    if (!doc->modified_at) {
        const char *v[] = {g.ld.modified, m[M_MOD_TIME], m[M_DC_MOD], m[M_IP_MOD]};
        for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) && !doc->modified_at; i++)
            doc->modified_at = as_date(a, v[i]);
    }
    if (!doc->authors.n) {
        for (size_t i = 0; i < g.ld.persons.n; i++)
            warta_strlist_push_unique(a, &doc->authors, g.ld.persons.items[i]);
        const char *v[] = {m[M_AUTHOR], m[M_ARTICLE_AUTHOR], m[M_PARSELY_AUTHOR],
                           m[M_SAILTHRU_AUTHOR], m[M_DC_CREATOR], m[M_BYL]};
        for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) && !doc->authors.n; i++)
            push_names(doc, v[i]);
        struct warta_strlist *lists[] = {&g.rel_authors, &g.byline_authors,
                                         &g.ld.orgs};
        for (size_t l = 0; l < 3 && !doc->authors.n; l++)
            for (size_t i = 0; i < lists[l]->n; i++)
                warta_strlist_push_unique(a, &doc->authors, lists[l]->items[i]);
    }
    if (!doc->section) {
        const char *v[] = {g.ld.section, m[M_SECTION], m[M_PARSELY_SECTION]};
        doc->section = first_of(v, 3);
    }
    if (!doc->tags.n) {
        for (size_t i = 0; i < g.ld.keywords.n; i++)
            warta_strlist_push_unique(a, &doc->tags, g.ld.keywords.items[i]);
        for (size_t i = 0; !doc->tags.n && i < g.article_tags.n; i++)
            warta_strlist_push_unique(a, &doc->tags, g.article_tags.items[i]);
        if (!doc->tags.n)
            push_list(doc, &doc->tags, m[M_KEYWORDS]);
        if (!doc->tags.n)
            push_list(doc, &doc->tags, m[M_PARSELY_TAGS]);
        if (!doc->tags.n)
            push_list(doc, &doc->tags, m[M_SAILTHRU_TAGS]);
    }
    if (!doc->n_images) {
        const char *img = g.ld.image, *cap = g.ld.image_caption,
                   *credit = g.ld.image_credit;
        if (!img) {
            img = m[M_OG_IMAGE] ? m[M_OG_IMAGE] : m[M_TW_IMAGE];
            cap = m[M_OG_IMAGE_ALT];
            credit = NULL;
        }
        img = resolve_url(doc, g.base_href, img);
        if (img)
            warta_doc_add_image(doc, img, cap, credit);
    }
    if (!doc->description) {
        const char *v[] = {g.ld.description, m[M_OG_DESCRIPTION],
                           m[M_TW_DESCRIPTION], m[M_DESCRIPTION]};
        doc->description = first_of(v, 4);
    }
    if (!doc->canonical_url) {
        const char *v[] = {g.canonical, m[M_OG_URL], g.ld.canonical, g.ld.url};
        for (size_t i = 0; i < 4 && !doc->canonical_url; i++)
            doc->canonical_url = resolve_url(doc, g.base_href, v[i]);
    }
    if (!doc->published_at)
        doc->published_at = date_near_title(&g);
    if (!doc->published_at) {
        const char *v[] = {doc->source.final_url, doc->source.url,
                           doc->canonical_url, doc->base_url};
        for (size_t i = 0; i < 4 && !doc->published_at; i++)
            doc->published_at = date_from_url(a, v[i]);
    }
    if (!doc->language) {
        const char *v[] = {g.ld.language, g.html_lang, m[M_CONTENT_LANGUAGE],
                           m[M_DC_LANGUAGE], m[M_OG_LOCALE]};
        for (size_t i = 0; i < 5 && !doc->language; i++)
            doc->language = primary_language(a, v[i]);
    }
}
