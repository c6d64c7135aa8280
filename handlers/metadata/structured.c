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
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "warta/stems.h"
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
    M_AUTHOR, M_ARTICLE_AUTHOR, M_PARSELY_AUTHOR, M_SAILTHRU_AUTHOR,
    M_DC_CREATOR, M_BYL,
    M_SECTION, M_PARSELY_SECTION,
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
    {"author", M_AUTHOR},
    {"article:author", M_ARTICLE_AUTHOR},
    {"og:article:author", M_ARTICLE_AUTHOR},
    {"articleauthor", M_ARTICLE_AUTHOR},
    {"parsely-author", M_PARSELY_AUTHOR},
    {"sailthru.author", M_SAILTHRU_AUTHOR},
    {"dc.creator", M_DC_CREATOR},
    {"dcterms.creator", M_DC_CREATOR},
    {"byl", M_BYL},
    {"article:section", M_SECTION},
    {"og:article:section", M_SECTION},
    {"parsely-section", M_PARSELY_SECTION},
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
    {NULL, M__COUNT},
};

/* Meta tags that carry tags: every one counts, each may be a
 * comma-joined list. */
static const char *const tag_meta_keys[] = {
    "article:tag", "og:article:tag", "keywords", "news_keywords",
    "parsely-tags", "sailthru.tags", NULL,
};

/* Meta tags that carry a date: name=, property= or itemprop= keys, and
 * whether the date is a modification. Every one is a candidate of the
 * same strength; the pick below settles between them. */
static const struct {
    const char *key;
    bool modified;
} date_meta_keys[] = {
    {"article:published_time", false}, {"og:article:published_time", false},
    {"article:published", false},      {"og:published_time", false},
    {"parsely-pub-date", false},       {"sailthru.date", false},
    {"pubdate", false},                {"publishdate", false},
    {"publish-date", false},           {"publish_date", false},
    {"publication_date", false},       {"date", false},
    {"bt:pubdate", false},             {"dc.date", false},
    {"dc.date.issued", false},         {"dc.date.created", false},
    {"dcterms.date", false},           {"dcterms.issued", false},
    {"dcterms.created", false},        {"citation_date", false},
    {"citation_publication_date", false}, {"bepress_citation_date", false},
    {"content_publisheddate", false},  {"datepublished", false},
    {"datecreated", false},            {"uploaddate", false},
    {"article:modified_time", true},   {"og:article:modified_time", true},
    {"og:updated_time", true},         {"og:modified_time", true},
    {"article:modified", true},        {"bt:moddate", true},
    {"dc.date.modified", true},        {"dcterms.modified", true},
    {"datemodified", true},            {"last-modified", true},
    {NULL, false},
};

/* Where a date was read, strongest first. Positional sources (visible
 * text, <time>) lose strength with their distance from the headline. */
enum date_src {
    DS_LD,        /* datePublished of the page's article node */
    DS_META,      /* a date meta tag (name= or property=) */
    DS_ITEMPROP,  /* microdata, which may describe an embedded item */
    DS_TIME_PUB,  /* <time pubdate> */
    DS_LD_OTHER,  /* WebPage / dateCreated / a JSON-LD block read leniently */
    DS_VISIBLE,   /* a date line in the page's text */
    DS_TIME,      /* any other <time datetime> */
    DS_BODY,      /* a date inside the first sentences of the body */
    DS_URL,       /* /2019/11/19/ in the page's URL */
    DS_IMAGE_URL, /* the same in og:image's path */
};
static const int date_strength[] = {
    [DS_LD] = 100,   [DS_META] = 95,    [DS_ITEMPROP] = 84,
    [DS_LD_OTHER] = 75, [DS_TIME_PUB] = 80, [DS_VISIBLE] = 70,
    [DS_TIME] = 65,  [DS_BODY] = 30,    [DS_URL] = 20,
    [DS_IMAGE_URL] = 10,
};
/* Candidates at least this strong are the page's own statements: among
 * them the earliest publication day wins (a republished story keeps its
 * first date in one field and the republication in another). */
#define DATE_STRONG 95
#define MAX_DATES 48
/* Elements between the headline and a byline for it to be the article's. */
#define NEAR_HEADLINE 80
/* Beyond it, a byline outside any aside still counts when none is near
 * (a side column's "Autorin/Autor" list, an author box after the text). */
#define FAR_FROM_HEADLINE 320
#define MAX_H1 4

struct date_cand {
    const char *value; /* RFC 3339 as the parser wrote it */
    enum date_src src;
    bool modified;
    long pos; /* element index in document order, -1 for none */
    bool aside; /* inside an aside, footer, teaser or comment */
};

struct name_cand {
    const char *text;
    long pos;
    bool aside;
    xmlNode *node; /* for its children's texts apart, or NULL */
};
#define MAX_NAME_CANDS 32

/* Values from the JSON-LD article object (and its page/graph). */
struct ld {
    const char *headline, *published, *modified, *description, *section;
    const char *canonical, *language, *publisher, *url;
    const char *image, *image_caption, *image_credit;
    struct warta_strlist persons, orgs, editors;
    bool have_article;
    /* The nodes of the block being read, for @id references. */
    json_t *nodes[256];
    size_t n_nodes;
};

/* What the class and id tests found for one attribute value, by set. */
#define CLASS_MEMO_SLOTS 512
struct class_memo {
    uint64_t key; /* hash of the value, 0 = empty */
    uint8_t known, says; /* one bit per enum class_set */
};

struct gather {
    struct warta_doc *doc;
    const char *meta[M__COUNT];
    /* Tags from every source (tag and keyword metas, JSON-LD keywords,
     * tag links) in page order, before the filter of choose_tags. */
    struct warta_strlist tags;
    const char *title, *canonical, *html_lang;
    const char *base_href; /* <base href>, which relative links follow */
    size_t n_h1;
    const char *h1s[MAX_H1];
    long h1_pos[MAX_H1];
    xmlNode *h1_nodes[MAX_H1];
    long pos; /* elements visited so far */
    int p_after_h1; /* paragraphs with text since the last <h1> */
    bool month_first;
    struct date_cand dates[MAX_DATES];
    size_t n_dates;
    struct name_cand rel_names[MAX_NAME_CANDS], byline_names[MAX_NAME_CANDS];
    size_t n_rel, n_byline;
    struct ld ld;
    struct class_memo *memo; /* CLASS_MEMO_SLOTS, from the arena */
};

static bool in_aside(struct gather *g, const xmlNode *n);

static void add_date(struct gather *g, const char *value, enum date_src src,
                     bool modified, long pos, bool aside)
{
    if (!value || g->n_dates == MAX_DATES)
        return;
    g->dates[g->n_dates++] = (struct date_cand){value, src, modified, pos, aside};
}

static void add_date_text(struct gather *g, const char *s, enum date_src src,
                          bool modified)
{
    if (s && *s)
        add_date(g, warta_find_date(g->doc->arena, s, strlen(s), g->month_first,
                                    NULL, NULL),
                 src, modified, -1, false);
}

/* s is, as a whole and ignoring case, a phrase of category cat. */
static bool lex_is(enum warta_lex cat, struct warta_str s)
{
    size_t n;
    const struct warta_lex_entry *e =
        s.len ? warta_lex_bucket(cat, (unsigned char)s.p[0], &n) : NULL;
    for (size_t k = 0; e && k < n; k++)
        if (warta_str_ieq(s, e[k].text))
            return true;
    return false;
}

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
            /* Any other named entity ("&uuml;"), from libxml2's table. */
            size_t e_end = i + 1;
            while (e_end < n && e_end - i < 32 && isalnum((unsigned char)s[e_end]))
                e_end++;
            if (e_end < n && s[e_end] == ';' && e_end > i + 1 && s[i + 1] != '#') {
                char name[33];
                memcpy(name, s + i + 1, e_end - i - 1);
                name[e_end - i - 1] = '\0';
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e && e->value < 0x10000 && e->value >= 0x80) {
                    unsigned cp = e->value;
                    if (cp < 0x800) {
                        o[k++] = (char)(0xC0 | (cp >> 6));
                        o[k++] = (char)(0x80 | (cp & 0x3F));
                    } else {
                        o[k++] = (char)(0xE0 | (cp >> 12));
                        o[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        o[k++] = (char)(0x80 | (cp & 0x3F));
                    }
                    i = e_end + 1;
                    continue;
                }
            }
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
    "TechArticle", "SocialMediaPosting", "ClaimReview",
    "Recipe", "PodcastEpisode", NULL,
};
static const char *const person_types[] = {"Person", NULL};
static const char *const video_types[] = {"VideoObject", NULL};
static const char *const org_types[] = {"Organization", "NewsMediaOrganization",
                                        "Corporation", NULL};
static const char *const page_types[] = {"WebPage", "ItemPage", NULL};

/* {"@id": X} alone names a node elsewhere in the block: that node. */
static json_t *ld_resolve(struct gather *g, json_t *x)
{
    json_t *id = json_object_get(x, "@id");
    if (!json_is_string(id) || json_object_get(x, "name"))
        return x;
    const char *want = json_string_value(id);
    for (size_t i = 0; i < g->ld.n_nodes; i++) {
        json_t *o = g->ld.nodes[i];
        json_t *oid = json_object_get(o, "@id");
        if (o != x && json_is_string(oid) && !strcmp(json_string_value(oid), want))
            return o;
    }
    return x;
}

/* Authors (or editors, into `into`): a Person goes to the names, an
 * Organization aside, to be used only when no person is named. */
static void ld_people(struct gather *g, json_t *v, struct warta_strlist *into)
{
    struct warta_arena *a = g->doc->arena;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < n && into->n + g->ld.orgs.n < MAX_LIST; i++) {
        json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
        if (json_is_object(x))
            x = ld_resolve(g, x);
        const char *name = NULL;
        if (json_is_string(x))
            name = clean(a, json_string_value(x));
        else if (json_is_object(x) && json_is_string(json_object_get(x, "name")))
            name = clean(a, json_string_value(json_object_get(x, "name")));
        if (!name || !strncmp(name, "http", 4))
            continue;
        if (json_is_object(x) && type_is(x, org_types) && !type_is(x, person_types))
            warta_strlist_push_unique(a, &g->ld.orgs, name);
        else
            warta_split_names(a, into, name, strlen(name));
    }
}

static void ld_authors(struct gather *g, json_t *v)
{
    ld_people(g, v, &g->ld.persons);
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

/* A tag value as the page gives it: one tag, or several joined by commas
 * or semicolons ("Politik, Pemilu 2024"), a hashtag's '#' dropped. */
static void add_tag(struct gather *g, struct warta_str t)
{
    struct warta_arena *a = g->doc->arena;
    t = warta_str_trim(t);
    while (t.len && t.p[0] == '#')
        t = warta_str_trim(warta_str_make(t.p + 1, t.len - 1));
    size_t out;
    char *n = t.len && g->tags.n < MAX_LIST ? warta_text_normalize(a, t.p, t.len, &out)
                                            : NULL;
    if (n && out)
        warta_strlist_push_unique(a, &g->tags, n);
}

static void add_tags(struct gather *g, const char *v, size_t len)
{
    const char *p = v, *end = v + len;
    while (p < end) {
        const char *sep = p;
        while (sep < end && *sep != ',' && *sep != ';')
            sep++;
        add_tag(g, warta_str_make(p, (size_t)(sep - p)));
        p = sep + 1;
    }
}

/* JSON-LD keywords: a comma-joined string or an array of them. */
static void ld_keywords(struct gather *g, json_t *v)
{
    if (json_is_string(v)) {
        const char *t = clean(g->doc->arena, json_string_value(v));
        if (t)
            add_tags(g, t, strlen(t));
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && g->tags.n < MAX_LIST; i++)
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
    add_date_text(g, jstr(a, json_object_get(o, "datePublished")), DS_LD, false);
    add_date_text(g, jstr(a, json_object_get(o, "uploadDate")), DS_LD, false);
    add_date_text(g, jstr(a, json_object_get(o, "dateCreated")), DS_LD_OTHER, false);
    add_date_text(g, jstr(a, json_object_get(o, "dateModified")), DS_LD, true);
    ld_people(g, json_object_get(o, "editor"), &g->ld.editors);
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
        add_date_text(g, jstr(a, json_object_get(o, "datePublished")), DS_LD_OTHER, false);
        add_date_text(g, jstr(a, json_object_get(o, "dateModified")), DS_LD_OTHER, true);
        json_t *main = json_object_get(o, "mainEntity");
        if (json_is_object(main) && type_is(main, article_types))
            ld_article(g, main);
    } else if (type_is(o, video_types)) {
        /* A video page's date, or the date of a clip on the article. */
        add_date_text(g, jstr(g->doc->arena, json_object_get(o, "uploadDate")),
                      DS_LD_OTHER, false);
    } else if (type_is(o, org_types) && !g->ld.publisher) {
        g->ld.publisher = jstr(g->doc->arena, json_object_get(o, "name"));
    }
}

/* The string value of "key": "..." in text that jansson refused (a stray
 * comma, an unescaped quote elsewhere, a CMS comment): dates are still
 * recoverable there even though the block as a whole is not. */
static void ld_lenient(struct gather *g, const char *text, size_t len,
                       const char *key, bool modified)
{
    size_t kl = strlen(key);
    for (const char *p = text, *end = text + len; p + kl + 4 < end; p++) {
        p = memchr(p, '"', (size_t)(end - p));
        if (!p || p + kl + 4 >= end)
            return;
        if (memcmp(p + 1, key, kl) || p[kl + 1] != '"')
            continue;
        const char *q = p + kl + 2;
        while (q < end && (*q == ' ' || *q == ':' || *q == '\t' || *q == '\n'))
            q++;
        if (q >= end || *q != '"')
            continue;
        const char *v = ++q;
        while (q < end && *q != '"' && q - v < 64)
            q++;
        const char *d = warta_find_date(g->doc->arena, v, (size_t)(q - v),
                                        g->month_first, NULL, NULL);
        add_date(g, d, DS_LD_OTHER, modified, -1, false);
        return;
    }
}

/* Every object of a block, to a fixed depth, for @id references. */
static void ld_collect(struct gather *g, json_t *v, int depth)
{
    if (depth > 3 || g->ld.n_nodes == sizeof(g->ld.nodes) / sizeof(g->ld.nodes[0]))
        return;
    if (json_is_object(v)) {
        if (json_object_get(v, "@id"))
            g->ld.nodes[g->ld.n_nodes++] = v;
        ld_collect(g, json_object_get(v, "@graph"), depth + 1);
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && i < 256; i++)
            ld_collect(g, json_array_get(v, i), depth + 1);
    }
}

static void ld_script(struct gather *g, const char *text, size_t len)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_DECODE_ANY, &jerr);
    if (!root) {
        ld_lenient(g, text, len, "datePublished", false);
        ld_lenient(g, text, len, "dateModified", true);
        return;
    }
    g->ld.n_nodes = 0;
    ld_collect(g, root, 0);
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
    g->ld.n_nodes = 0;
    json_decref(root);
}

/* --- the walk ------------------------------------------------------------ */

/* The key tables, indexed for whole-key lookups (warta/stems.h): a page
 * has dozens of meta tags and the tables some eighty keys. */
static struct warta_stems date_meta_set = WARTA_STEMS(date_meta_keys);
static struct warta_stems tag_meta_set = WARTA_STEMS(tag_meta_keys);
static struct warta_stems meta_set = WARTA_STEMS(meta_keys);

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
    /* The keys of the tables are short and lower case: a key is matched
     * ignoring case, and a longer one is none of them. */
    char low[64];
    size_t kl = strlen(key);
    if (kl >= sizeof(low))
        return;
    for (size_t i = 0; i < kl; i++)
        low[i] = (char)tolower((unsigned char)key[i]);
    struct warta_arena *a = g->doc->arena;
    long i = warta_stems_exact(&date_meta_set, low, kl);
    if (i >= 0) {
        /* A microdata meta may belong to an embedded video or teaser. */
        bool micro = get_attr(n, "itemprop") && !get_attr(n, "property") &&
                     !get_attr(n, "name");
        const char *v = clean(a, val);
        if (v)
            add_date(g, warta_find_date(a, v, strlen(v), g->month_first, NULL, NULL),
                     micro ? DS_ITEMPROP : DS_META, date_meta_keys[i].modified,
                     micro ? g->pos : -1, micro && in_aside(g, n));
        return;
    }
    if (warta_stems_exact(&tag_meta_set, low, kl) >= 0) {
        const char *t = g->tags.n < MAX_LIST ? clean(a, val) : NULL;
        if (t)
            add_tags(g, t, strlen(t));
        return;
    }
    i = warta_stems_exact(&meta_set, low, kl);
    if (i >= 0) {
        enum slot sl = meta_keys[i].slot;
        const char *v = clean(a, val);
        /* Every article:author / author meta names one more author. */
        if (v && g->meta[sl] && (sl == M_AUTHOR || sl == M_ARTICLE_AUTHOR) &&
            strlen(g->meta[sl]) < 512)
            g->meta[sl] = warta_arena_printf(a, "%s; %s", g->meta[sl], v);
        else if (!g->meta[sl])
            g->meta[sl] = v;
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

/* Class or id words that mark a date line or a byline. Markup, not
 * language: publishers' templates use these English (and a few local)
 * stems whatever language the page is in. */
static const char *const date_classes[] = {
    "date", "time", "datum", "fecha", "data", "tarih", "publish", "posted",
    "dateline", "byline", "meta", "zeit", "waktu", "tanggal", "info", NULL,
};
static const char *const byline_classes[] = {
    "byline", "author", "autor", "auteur", "writer", "reporter", "penulis",
    NULL,
};
/* Containers whose dates and names belong to other stories or readers. */
static const char *const aside_classes[] = {
    "comment", "teaser", "related", "sidebar", "recommend", "widget",
    "footer", "promo", "more-", "readmore", "most-", NULL,
};
static const char *const update_classes[] = {"updat", "modif", NULL};
/* Containers whose tag links are the site's (clouds, menus, trending
 * lists), not the article's. */
static const char *const tag_cloud_classes[] = {"sidebar", "widget", "menu", "cloud",
                                                "trending", "popular", NULL};

/* The stem lists, indexed by first byte (warta/stems.h). */
enum class_set { CS_DATE, CS_BYLINE, CS_ASIDE, CS_UPDATE, CS_TAG_CLOUD, CS__COUNT };
static struct warta_stems class_sets[CS__COUNT] = {
    [CS_DATE] = WARTA_STEMS(date_classes),
    [CS_BYLINE] = WARTA_STEMS(byline_classes),
    [CS_ASIDE] = WARTA_STEMS(aside_classes),
    [CS_UPDATE] = WARTA_STEMS(update_classes),
    [CS_TAG_CLOUD] = WARTA_STEMS(tag_cloud_classes),
};

#define CS_BIT(set) (1u << (set))

/* Of the sets asked (CS_BIT flags), those of which a class (or id) list
 * contains a stem, as a substring of a token: "article__date",
 * "c-byline-name", "authorname". Pages repeat a few lists on thousands of
 * elements, and a date or a name asks about all its ancestors' too, so
 * each distinct list (its first 256 bytes, all that is matched) is
 * matched once per set; asking for several sets at once hashes and
 * lowercases the list once. */
static unsigned class_says(struct gather *g, const char *list, unsigned sets)
{
    size_t n = strnlen(list, 256);
    uint64_t key = warta_fnv1a(list, n) | 1;
    struct class_memo *m = &g->memo[key % CLASS_MEMO_SLOTS];
    if (m->key != key) {
        m->key = key;
        m->known = m->says = 0;
    }
    unsigned missing = sets & ~m->known;
    if (missing) {
        char low[256];
        for (size_t i = 0; i < n; i++)
            low[i] = (char)tolower((unsigned char)list[i]);
        for (unsigned set = 0; set < CS__COUNT; set++)
            if ((missing & CS_BIT(set)) && warta_stems_any(&class_sets[set], low, n))
                m->says |= (uint8_t)CS_BIT(set);
        m->known |= (uint8_t)missing;
    }
    return m->says & sets;
}

/* a is an ancestor of one of the nodes. */
static bool holds_any(const xmlNode *a, const xmlNode *const *nodes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (const xmlNode *p = nodes[i]; p; p = p->parent)
            if (p == a)
                return true;
    return false;
}

/* An ancestor (up to 24 levels) is one of the elements or has a class
 * with one of the stems; a classed ancestor of a keep node (the page's
 * headline) does not count. */
static bool inside(struct gather *g, const xmlNode *n, const char *const *elements,
                   enum class_set classes, const xmlNode *const *keep, size_t n_keep)
{
    int depth = 0;
    /* <body> and <html> hold the whole page: their classes describe the
     * template ("segment--recommended", "tdc-footer-template"), never a
     * part of it. */
    for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE && depth < 24 &&
                                       strcmp((const char *)p->name, "body") &&
                                       strcmp((const char *)p->name, "html");
         p = p->parent, depth++) {
        for (const char *const *e = elements; *e; e++)
            if (!strcmp((const char *)p->name, *e))
                return true;
        const char *cls = get_attr(p, "class");
        if (cls && class_says(g, cls, CS_BIT(classes)) && !holds_any(p, keep, n_keep))
            return true;
    }
    return false;
}

/* Inside an <aside>, <footer>, <nav> or a teaser/comment container: a date
 * or name there describes something else than the article. */
static bool in_aside(struct gather *g, const xmlNode *n)
{
    static const char *const elements[] = {"aside", "footer", "nav", NULL};
    /* A container holding the headline (the first <h1>; "theiaStickySidebar"
     * around the whole column) is the article's, whatever its class says. */
    return inside(g, n, elements, CS_ASIDE, (const xmlNode *const *)g->h1_nodes,
                  g->n_h1 ? 1 : 0);
}

/* A <time> saying it is an update: its class or itemprop, or a label
 * just before it ("Aktualisiert: <time>"). */
static bool time_is_update(struct gather *g, const xmlNode *n)
{
    const char *cls = get_attr(n, "class");
    if (cls && class_says(g, cls, CS_BIT(CS_UPDATE)))
        return true;
    const xmlNode *prev = n->prev;
    if (prev && prev->type == XML_TEXT_NODE && prev->content) {
        const char *t = (const char *)prev->content;
        size_t l = strlen(t);
        if (l > 80) {
            t += l - 80;
            l = 80;
        }
        return warta_date_label_in(warta_str_make(t, l)) == WARTA_DATE_LABEL_MODIFIED;
    }
    if (prev && prev->type == XML_ELEMENT_NODE) {
        const char *t = node_text(g->doc->arena, (xmlNode *)prev, 80);
        return t && warta_date_label_in(warta_str_from(t)) == WARTA_DATE_LABEL_MODIFIED;
    }
    return false;
}

/* Dates in a short date-line element: "Veröffentlicht am 05.11.2021,
 * aktualisiert am 06.11.2021". Each date is published unless the label
 * before it (since the previous date) says it is an update. */
static void visible_dates(struct gather *g, xmlNode *n)
{
    struct warta_arena *a = g->doc->arena;
    const char *t = node_text(a, n, 200);
    size_t len = t ? strlen(t) : 0;
    if (len < 6 || len > 160)
        return;
    bool aside = in_aside(g, n);
    size_t from = 0;
    for (int k = 0; k < 3 && from < len; k++) {
        size_t st, en;
        const char *d = warta_find_date(a, t + from, len - from, g->month_first, &st, &en);
        if (!d)
            return;
        enum warta_date_label_kind label =
            warta_date_label_in(warta_str_make(t + from, st));
        add_date(g, d, DS_VISIBLE, label == WARTA_DATE_LABEL_MODIFIED, g->pos, aside);
        from += en;
    }
}

/* Tag links: rel=tag (but not WordPress's rel="category tag", a
 * section), or a link to a tag or topic page inside a block that a class
 * or id calls the tag list. Path and class words are markup, not
 * language: templates use them whatever language the page is in. */
static const char *const tag_paths[] = {"/tag/", "/tags/", "/topic/", "/topics/", NULL};
static const char *const tag_block_words[] = {"tag", "tags", "taglist", "topic",
                                              "topics", "keywords", NULL};
#define TAG_BLOCK_DEPTH 4

/* One of the words is a whole word of a class or id list, words split at
 * anything but letters and digits ("article__tags", "tag-list"): a stem
 * match would take "stage" or "vintage" for a tag block. */
static bool class_word(const char *list, const char *const *words)
{
    for (const char *p = list; *p;) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        size_t l = 0;
        while (isalnum((unsigned char)p[l]))
            l++;
        for (const char *const *w = words; l && *w; w++)
            if (strlen(*w) == l && !strncasecmp(p, *w, l))
                return true;
        p += l;
    }
    return false;
}

static bool in_tag_block(const xmlNode *n)
{
    int depth = 0;
    for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE &&
                                       depth < TAG_BLOCK_DEPTH;
         p = p->parent, depth++) {
        const char *cls = get_attr(p, "class"), *id = get_attr(p, "id");
        if ((cls && class_word(cls, tag_block_words)) ||
            (id && class_word(id, tag_block_words)))
            return true;
    }
    return false;
}

/* A tag list in a <footer> is often the article's own (WordPress's
 * entry footer), so only navigation and asides count here. */
static bool in_tag_cloud(struct gather *g, const xmlNode *n)
{
    static const char *const elements[] = {"aside", "nav", NULL};
    return inside(g, n, elements, CS_TAG_CLOUD, NULL, 0);
}

static void tag_link(struct gather *g, xmlNode *n, const char *rel)
{
    if (g->tags.n >= MAX_LIST)
        return;
    if (!(rel && has_token(rel, "tag") && !has_token(rel, "category"))) {
        const char *href = get_attr(n, "href");
        bool tag_page = false;
        for (const char *const *t = tag_paths; href && *t && !tag_page; t++)
            tag_page = strstr(href, *t) != NULL;
        if (!tag_page || !in_tag_block(n))
            return;
    }
    if (in_tag_cloud(g, n))
        return;
    const char *t = node_text(g->doc->arena, n, 128);
    if (t && *t)
        add_tag(g, warta_str_from(t));
}

/* "<li><strong>Datum</strong> 28.04.2023</li>": an element that is only a
 * date label makes its parent a date line, whatever the classes say. */
static void labelled_date(struct gather *g, xmlNode *n)
{
    const xmlNode *c = n->children;
    if (!c || c->type != XML_TEXT_NODE || c->next || !c->content)
        return;
    struct warta_str t = warta_str_trim(warta_str_from((const char *)c->content));
    if (t.len < 3 || t.len > 40)
        return;
    while (t.len && (t.p[t.len - 1] == ':' || t.p[t.len - 1] == ' '))
        t.len--;
    if (lex_is(WARTA_LEX_DATE_LABEL, t))
        visible_dates(g, n->parent);
}

static void add_byline(struct gather *g, const char *text, xmlNode *n)
{
    if (g->n_byline < MAX_NAME_CANDS && text && *text)
        g->byline_names[g->n_byline++] = (struct name_cand){text, g->pos, in_aside(g, n), n};
}

/* The text of the siblings after n, as one line. */
static const char *text_after(struct warta_arena *a, const xmlNode *n, size_t cap)
{
    char *buf = warta_arena_alloc(a, cap + 1);
    size_t k = 0;
    for (xmlNode *s = n->next; s && k < cap; s = s->next) {
        const char *t = s->type == XML_TEXT_NODE       ? (const char *)s->content
                        : s->type == XML_ELEMENT_NODE ? node_text(a, s, cap - k)
                                                      : NULL;
        size_t l = t ? strlen(t) : 0;
        if (l > cap - k - 1)
            l = cap - k - 1;
        if (!l)
            continue;
        memcpy(buf + k, t, l);
        k += l;
        buf[k++] = ' ';
    }
    size_t out;
    return warta_text_normalize(a, buf, k, &out);
}

/* An author label of the language tables, alone: "Autor", "Autorin:",
 * "Autorin/Autor". */
static bool is_author_label(struct warta_str t)
{
    t = warta_str_trim(t);
    while (t.len && (t.p[t.len - 1] == ':' || t.p[t.len - 1] == ' '))
        t.len--;
    if (!t.len)
        return false;
    for (const char *p = t.p, *end = t.p + t.len; p < end;) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        struct warta_str part =
            warta_str_trim(warta_str_make(p, (size_t)((slash ? slash : end) - p)));
        size_t n;
        const struct warta_lex_entry *e =
            part.len ? warta_lex_bucket(WARTA_LEX_LABEL, (unsigned char)part.p[0], &n) : NULL;
        bool found = false;
        for (size_t k = 0; e && k < n && !found; k++)
            found = e[k].value == WARTA_LABEL_AUTHOR && warta_str_ieq(part, e[k].text);
        if (!found)
            return false;
        p = slash ? slash + 1 : end;
    }
    return true;
}

/* A byline opener of the language tables, alone: "von", "By", "Par". */
static bool is_byline_opener(struct warta_str t)
{
    return lex_is(WARTA_LEX_BYLINE_PREFIX, warta_str_trim(t));
}

/* Bylines that markup shows only by their words: "<li><strong>Autorin/
 * Autor</strong> Name</li>" (a label element, then the names), and "von
 * <a href=...>Name</a>" (an opener alone before a link). */
static void labelled_byline(struct gather *g, xmlNode *n)
{
    struct warta_arena *a = g->doc->arena;
    const xmlNode *c = n->children;
    if (!strcmp((const char *)n->name, "a")) {
        const xmlNode *prev = n->prev;
        if (prev && prev->type == XML_TEXT_NODE && prev->content &&
            strlen((const char *)prev->content) < 40 &&
            is_byline_opener(warta_str_from((const char *)prev->content)))
            add_byline(g, text_after(a, prev, 160), n);
        return;
    }
    if (c && c->type == XML_TEXT_NODE && !c->next && c->content &&
        strlen((const char *)c->content) < 40 &&
        is_author_label(warta_str_from((const char *)c->content)))
        add_byline(g, text_after(a, n, 160), n);
}

/* "<p><strong>Name</strong></p>" among the first paragraphs after the
 * headline (a standfirst may come first): a byline that only bold type
 * marks. */
#define LEAD_BYLINE_PARAGRAPHS 3
static void lead_byline(struct gather *g, xmlNode *n)
{
    if (!g->n_h1 || g->p_after_h1 >= LEAD_BYLINE_PARAGRAPHS)
        return;
    const char *t = node_text(g->doc->arena, n, 200);
    if (!t || !*t)
        return;
    g->p_after_h1++;
    xmlNode *only = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content &&
            !warta_str_trim(warta_str_from((const char *)c->content)).len)
            continue;
        if (only || c->type != XML_ELEMENT_NODE)
            return;
        only = c;
    }
    if (only && (!strcmp((const char *)only->name, "strong") ||
                 !strcmp((const char *)only->name, "b")) &&
        strlen(t) <= 80)
        add_byline(g, t, n);
}

/* The attributes visit asks of every element, found in one pass over
 * its list rather than one get_attr walk each; the first of each name,
 * as get_attr would return it. */
struct common_attrs {
    const char *rel, *itemprop, *cls, *id;
};

static void common_attrs(const xmlNode *n, struct common_attrs *c)
{
    memset(c, 0, sizeof(*c));
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *nm = (const char *)a->name;
        const char **slot = NULL;
        switch (tolower((unsigned char)nm[0])) {
        case 'r':
            slot = !strcasecmp(nm, "rel") ? &c->rel : NULL;
            break;
        case 'i':
            slot = !strcasecmp(nm, "itemprop") ? &c->itemprop
                   : !strcasecmp(nm, "id")     ? &c->id
                                               : NULL;
            break;
        case 'c':
            slot = !strcasecmp(nm, "class") ? &c->cls : NULL;
            break;
        default:
            break;
        }
        if (slot && !*slot)
            *slot = a->children && a->children->content ? (const char *)a->children->content
                                                        : "";
    }
}

/* The elements visit treats apart. Each element's name is looked up once
 * here instead of being compared with a dozen names in turn. */
enum element {
    E_OTHER, E_META, E_SCRIPT, E_STYLE, E_BASE, E_TITLE, E_HTML, E_P, E_H1,
    E_LINK, E_A, E_TIME,
    E_LABEL, /* an element that may hold only a label: "<strong>Datum</strong>" */
};

static enum element element_of(const char *name)
{
    static const struct {
        const char *name;
        enum element e;
    } known[] = {
        {"meta", E_META},     {"script", E_SCRIPT}, {"style", E_STYLE},
        {"base", E_BASE},     {"title", E_TITLE},   {"html", E_HTML},
        {"p", E_P},           {"h1", E_H1},         {"link", E_LINK},
        {"a", E_A},           {"time", E_TIME},     {"strong", E_LABEL},
        {"b", E_LABEL},       {"dt", E_LABEL},      {"th", E_LABEL},
        {"label", E_LABEL},   {"span", E_LABEL},
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (name[0] == known[i].name[0] && !strcmp(name, known[i].name))
            return known[i].e;
    return E_OTHER;
}

static void visit(struct gather *g, xmlNode *n, enum element e)
{
    struct warta_arena *a = g->doc->arena;
    if (e == E_META) {
        take_meta(g, n);
        return;
    }
    if (e == E_SCRIPT) {
        const char *t = get_attr(n, "type");
        if (t && !strcasecmp(t, "application/ld+json") && n->children &&
            n->children->content) {
            const char *s = (const char *)n->children->content;
            ld_script(g, s, strlen(s));
        }
        return;
    }
    if (e == E_BASE && !g->base_href) {
        g->base_href = clean(a, get_attr(n, "href"));
        return;
    }
    if (e == E_TITLE && !g->title) {
        g->title = node_text(a, n, 1024);
        return;
    }
    if (e == E_HTML) {
        const char *l = get_attr(n, "lang");
        if (!l)
            l = get_attr(n, "xml:lang");
        g->html_lang = clean(a, l);
        /* "04/05/2023" is April 5 on a US English page only. */
        g->month_first = g->html_lang && (!strcasecmp(g->html_lang, "en-US") ||
                                          !strcasecmp(g->html_lang, "en_US"));
        return;
    }
    if (e == E_P) {
        lead_byline(g, n);
    } else if (e == E_H1) {
        g->p_after_h1 = 0;
        const char *t = node_text(a, n, 1024);
        if (t && *t && g->n_h1 < MAX_H1) {
            g->h1s[g->n_h1] = t;
            g->h1_nodes[g->n_h1] = n;
            g->h1_pos[g->n_h1++] = g->pos;
        }
        return;
    }
    struct common_attrs at;
    common_attrs(n, &at);
    const char *rel = at.rel;
    if (rel && (e == E_LINK || e == E_A)) {
        if (has_token(rel, "canonical") && !g->canonical)
            g->canonical = clean(a, get_attr(n, "href"));
        if (has_token(rel, "author") && e == E_A && g->n_rel < MAX_NAME_CANDS) {
            const char *t = node_text(a, n, 256);
            if (t && *t && strncmp(t, "http", 4))
                g->rel_names[g->n_rel++] = (struct name_cand){t, g->pos, in_aside(g, n), n};
        }
    }
    if (e == E_A) {
        tag_link(g, n, rel);
        labelled_byline(g, n);
    }
    const char *ip = at.itemprop;
    if (ip) {
        bool pub = !strcasecmp(ip, "datePublished") || !strcasecmp(ip, "dateCreated");
        if (pub || !strcasecmp(ip, "dateModified")) {
            const char *v = get_attr(n, "datetime");
            if (!v)
                v = get_attr(n, "content");
            v = v ? clean(a, v) : node_text(a, n, 256);
            if (v && *v)
                add_date(g, warta_find_date(a, v, strlen(v), g->month_first, NULL, NULL),
                         DS_ITEMPROP, !pub, g->pos, false);
        } else if (!strcasecmp(ip, "author") && g->n_byline < MAX_NAME_CANDS) {
            const char *t = node_text(a, n, 256);
            if (t && *t)
                add_byline(g, t, n);
        }
    }
    if (e == E_TIME) {
        const char *dt = get_attr(n, "datetime");
        if (dt && *dt) {
            const char *v = clean(a, dt);
            const char *d = v ? warta_find_date(a, v, strlen(v), g->month_first, NULL, NULL)
                              : NULL;
            add_date(g, d, get_attr(n, "pubdate") ? DS_TIME_PUB : DS_TIME,
                     time_is_update(g, n), g->pos, in_aside(g, n));
        }
        return;
    }
    const char *cls = at.cls;
    const char *id = at.id;
    unsigned asked = CS_BIT(CS_DATE) | (ip ? 0 : CS_BIT(CS_BYLINE));
    unsigned says = (cls ? class_says(g, cls, asked) : 0) | (id ? class_says(g, id, asked) : 0);
    if ((says & CS_BIT(CS_BYLINE)) && g->n_byline < MAX_NAME_CANDS) {
        const char *t = node_text(a, n, 256);
        if (t && *t && strlen(t) < 120)
            add_byline(g, t, n);
    }
    bool label = n->parent && e == E_LABEL;
    if (says & CS_BIT(CS_DATE))
        visible_dates(g, n);
    else if (label)
        labelled_date(g, n);
    if (label)
        labelled_byline(g, n);
}

static void walk(struct gather *g, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            enum element e = element_of((const char *)n->name);
            g->pos++;
            visit(g, n, e);
            descend = e != E_SCRIPT && e != E_STYLE;
        }
        n = warta_dom_next(n, root, descend);
    }
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

/* --- titles ---------------------------------------------------------------- */

static bool same_text(struct warta_arena *a, const char *x, const char *y)
{
    size_t xl, yl;
    const char *fx = warta_text_fold(a, x, strlen(x), &xl);
    const char *fy = warta_text_fold(a, y, strlen(y), &yl);
    return xl && xl == yl && !memcmp(fx, fy, xl);
}

static bool is_sep_byte(char c)
{
    return c == ' ' || c == ':' || c == '|' || c == '-' || c == '/' ||
           (unsigned char)c >= 0x80; /* en/em dash, middle dot, guillemet */
}

/* Where the visible headline h sits inside a stated title t, cut from the
 * rest by a separator ("Kicker: h", "h | Site", "Site - h"): 1 when h
 * opens t, 2 when it closes it, 0 when it is not such a part. *kicker_len
 * gets the length of a "Kicker:" before it. */
static int part_of(const char *t, const char *h, size_t *kicker_len)
{
    size_t tl = strlen(t), hl = strlen(h);
    *kicker_len = 0;
    if (hl < 8 || hl >= tl)
        return 0;
    if (!strncasecmp(t, h, hl)) {
        const char *r = t + hl;
        size_t seps = 0;
        while (*r && is_sep_byte(*r) && seps < 6)
            r++, seps++;
        return seps >= 2 && r[-1] == ' ' ? 1 : 0;
    }
    if (!strcasecmp(t + tl - hl, h)) {
        size_t i = tl - hl, seps = 0;
        while (i > 0 && is_sep_byte(t[i - 1]) && seps < 6)
            i--, seps++;
        if (seps < 2 || t[tl - hl - 1] != ' ')
            return 0;
        if (t[i] == ':')
            *kicker_len = i;
        return 2;
    }
    return 0;
}

/* The end that x and y share after a separator each ("A - T", "B: T"),
 * when it is most of both; else NULL. */
static const char *shared_tail(const char *x, const char *y)
{
    size_t xl = strlen(x), yl = strlen(y), n = 0;
    while (n < xl && n < yl && x[xl - 1 - n] == y[yl - 1 - n])
        n++;
    /* Back to a word start in both, and to where both cut a kicker. */
    while (n && x[xl - n] == ' ')
        n--;
    while (n && (x[xl - n - 1] != ' ' || y[yl - n - 1] != ' '))
        n--;
    if (n < 16 || n == xl || n == yl)
        return NULL;
    size_t kx = 0, ky = 0;
    if (!part_of(x, x + xl - n, &kx) || !part_of(y, y + yl - n, &ky))
        return NULL;
    if (xl - n > n || yl - n > n)
        return NULL; /* two kickers longer than what they share */
    return x + xl - n;
}

/* A section label ("Press releases", "Berita Terkini") is never a title. */
static bool is_generic_title(const char *t)
{
    return lex_is(WARTA_LEX_GENERIC_TITLE, warta_str_from(t));
}

/* The title: the visible <h1> when a stated title (JSON-LD headline,
 * og:title, twitter:title, <title>...) agrees with it or contains it with
 * only a kicker or the site's name around it; else the stated titles in
 * their order, their site suffix cut. Returns the element index of the
 * headline used, or -1, for ranking dates and bylines by distance. */
static long choose_title(struct gather *g)
{
    struct warta_doc *doc = g->doc;
    struct warta_arena *a = doc->arena;
    const char **m = g->meta;
    const char *stated[] = {g->ld.headline,       m[M_OG_TITLE],
                            m[M_TW_TITLE],        m[M_PARSELY_TITLE],
                            m[M_SAILTHRU_TITLE],  m[M_DC_TITLE],
                            m[M_IP_HEADLINE],     g->title};
    const size_t n_stated = sizeof(stated) / sizeof(stated[0]);
    long hpos = -1;
    const char *h1 = NULL;
    size_t kicker = 0;
    const char *kicker_of = NULL;
    for (size_t i = 0; i < g->n_h1 && !h1; i++) {
        if (is_generic_title(g->h1s[i]))
            continue;
        for (size_t k = 0; k < n_stated && !h1; k++) {
            if (!stated[k] || !*stated[k])
                continue;
            size_t kl = 0;
            /* <title> is usually the template's copy of the <h1>: its
             * agreement is no evidence, only its site name is cut. */
            bool same = stated[k] != g->title && same_text(a, stated[k], g->h1s[i]);
            if (same || part_of(stated[k], g->h1s[i], &kl)) {
                /* Equal words: the stated spelling, since an <h1> built
                 * of spans reads "Kicker : Title" or loses its colon. */
                h1 = same ? strip_title_suffix(a, stated[k], NULL) : g->h1s[i];
                if (same && !same_text(a, h1, g->h1s[i]))
                    h1 = stated[k];
                hpos = g->h1_pos[i];
                kicker = kl;
                kicker_of = stated[k];
            }
        }
    }
    if (!h1) {
        /* No stated title names it: the first real h1 still anchors the
         * distances; the stated title is the title. */
        for (size_t i = 0; i < g->n_h1 && hpos < 0; i++)
            if (!is_generic_title(g->h1s[i]))
                hpos = g->h1_pos[i];
        /* "Kicker A - Title" on the page, "Kicker B: Title" stated: the
         * part both agree on is the headline. */
        for (size_t i = 0; i < g->n_h1 && !h1; i++)
            for (size_t k = 0; k + 1 < n_stated && !h1 && !is_generic_title(g->h1s[i]); k++)
                if (stated[k] && *stated[k]) {
                    const char *tail = shared_tail(g->h1s[i], stated[k]);
                    if (tail) {
                        h1 = tail;
                        hpos = g->h1_pos[i];
                    }
                }
    }
    /* The headline chosen still carries a kicker that another stated
     * title leaves out ("Kicker: Title" in the <h1> and JSON-LD, "Title"
     * in og:title): the title is the one without. */
    for (size_t k = 0; h1 && k + 1 < n_stated; k++) {
        size_t kl = 0;
        if (stated[k] && *stated[k] && part_of(h1, stated[k], &kl) == 2 && kl) {
            kicker = kl;
            kicker_of = h1;
            h1 = stated[k];
        }
    }
    if (doc->title)
        return hpos;
    if (h1) {
        doc->title = h1;
        if (kicker && !doc->kicker) {
            struct warta_str k = warta_str_trim(warta_str_make(kicker_of, kicker));
            if (k.len)
                doc->kicker = warta_arena_strndup(a, k.p, k.len);
        }
        return hpos;
    }
    for (size_t k = 0; k + 1 < n_stated && !doc->title; k++)
        if (stated[k] && *stated[k] && !is_generic_title(stated[k]))
            doc->title = strip_title_suffix(a, stated[k], doc->site_name);
    if (!doc->title && g->n_h1 == 1 && !is_generic_title(g->h1s[0]))
        doc->title = g->h1s[0];
    if (!doc->title && g->title && *g->title)
        doc->title = strip_title_suffix(a, g->title, doc->site_name);
    return hpos;
}

/* --- dates ------------------------------------------------------------------ */

static int date_score(const struct date_cand *c, long hpos)
{
    int s = date_strength[c->src];
    if (c->pos >= 0 && c->src >= DS_ITEMPROP) {
        if (hpos >= 0) {
            long d = labs(c->pos - hpos) / 4;
            s -= (int)(d > 40 ? 40 : d);
        }
        if (c->aside)
            s -= 40;
    }
    return s;
}

/* Nothing before the web's news sites (1995), nothing more than a day
 * ahead of now. */
static bool plausible(const struct warta_when *w, int64_t now)
{
    static const int64_t y1995 = 788918400; /* 1995-01-01T00:00:00Z */
    int64_t t = w->has_zone ? w->utc : w->local;
    return w->local >= y1995 && t <= now + 86400;
}

/* The page's own UTC offset: stated by a zoned candidate, or implied by a
 * zone-less time that is a UTC candidate's instant on the local clock
 * ("2024-04-25 04:21:02" beside "2024-04-25T08:21:02Z": UTC-4). */
static bool page_offset(const struct gather *g, const struct warta_when *w,
                        int *offset)
{
    int best = -1;
    for (size_t i = 0; i < g->n_dates; i++)
        if (w[i].has_zone && w[i].offset && date_strength[g->dates[i].src] > best) {
            best = date_strength[g->dates[i].src];
            *offset = w[i].offset;
        }
    if (best >= 0)
        return true;
    for (size_t i = 0; i < g->n_dates; i++) {
        if (!w[i].has_time || w[i].has_zone)
            continue;
        for (size_t k = 0; k < g->n_dates; k++) {
            if (!w[k].has_zone)
                continue;
            int64_t diff = w[i].local - w[k].utc;
            if (diff && diff % 900 == 0 && diff >= -14 * 3600 && diff <= 14 * 3600) {
                *offset = (int)(diff / 60);
                return true;
            }
        }
    }
    return false;
}

static const char *in_page_offset(struct warta_arena *a, const char *v,
                                  bool have_offset, int offset)
{
    struct warta_when w;
    if (!have_offset || !warta_date_when(v, &w) || !w.has_time)
        return v;
    if (w.has_zone)
        return w.offset == 0 && offset ? warta_date_in_offset(a, v, offset) : v;
    int o = offset < 0 ? -offset : offset;
    return warta_arena_printf(a, "%.19s%c%02d:%02d", v, offset < 0 ? '-' : '+',
                              o / 60, o % 60);
}

static void pick_dates(struct gather *g, long hpos)
{
    struct warta_doc *doc = g->doc;
    struct warta_arena *a = doc->arena;
    /* Last resorts: a date in the page's URL, then in its image's. */
    const char *urls[] = {doc->source.final_url, doc->source.url, g->canonical,
                          g->meta[M_OG_URL], doc->base_url};
    for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
        add_date(g, date_from_url(a, urls[i]), DS_URL, false, -1, false);
    add_date(g, date_from_url(a, g->meta[M_OG_IMAGE]), DS_IMAGE_URL, false, -1, false);

    struct warta_when w[MAX_DATES];
    bool ok[MAX_DATES];
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < g->n_dates; i++)
        ok[i] = warta_date_when(g->dates[i].value, &w[i]) && plausible(&w[i], now);

    long pub = -1, mod = -1;
    int pub_score = 0, mod_score = 0;
    /* Among the page's own statements the earliest day wins; below them,
     * the best ranked. */
    for (size_t i = 0; i < g->n_dates; i++) {
        const struct date_cand *c = &g->dates[i];
        if (!ok[i] || c->modified || date_strength[c->src] < DATE_STRONG)
            continue;
        if (pub < 0 || w[i].local / 86400 < w[pub].local / 86400 ||
            (w[i].local / 86400 == w[pub].local / 86400 &&
             (w[i].has_time > w[pub].has_time ||
              (w[i].has_time == w[pub].has_time &&
               date_strength[c->src] > date_strength[g->dates[pub].src]))))
            pub = (long)i;
    }
    for (size_t i = 0; i < g->n_dates; i++) {
        const struct date_cand *c = &g->dates[i];
        if (!ok[i])
            continue;
        int sc = date_score(c, hpos);
        if (c->modified) {
            if (mod < 0 || sc > mod_score) {
                mod = (long)i;
                mod_score = sc;
            }
        } else if (pub < 0 || (date_strength[g->dates[pub].src] < DATE_STRONG && sc > pub_score)) {
            pub = (long)i;
            pub_score = sc;
        }
    }
    int offset = 0;
    bool have_offset = page_offset(g, w, &offset);
    if (!doc->published_at && pub >= 0)
        doc->published_at = in_page_offset(a, g->dates[pub].value, have_offset, offset);
    if (!doc->modified_at && mod >= 0)
        doc->modified_at = in_page_offset(a, g->dates[mod].value, have_offset, offset);
}

/* --- people ----------------------------------------------------------------- */

/* short is the initials of the words of long: "LTO" of "Legal Tribune
 * Online", "DW.COM" of "Deutsche Welle" (a host's first label counts). */
static bool initials_of(const char *short_, const char *long_)
{
    size_t sl = strcspn(short_, ".");
    if (sl < 2 || sl > 6 || strchr(short_, ' '))
        return false;
    size_t k = 0;
    for (const char *p = long_; *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (p != long_ && p[-1] != ' ' && p[-1] != '-')
            continue;
        if (k == sl || tolower((unsigned char)*p) != tolower((unsigned char)short_[k]))
            return false;
        k++;
    }
    return k == sl && k >= 2;
}

/* A name that is the site itself ("STERN.de", "Lesotho Times", "mdr.de"):
 * an organisation, used only when no person is named. */
static bool is_site_name(const struct gather *g, const char *name)
{
    struct warta_arena *a = g->doc->arena;
    const char *sites[] = {g->doc->site_name, g->ld.publisher, g->meta[M_SITE_NAME],
                           g->meta[M_APP_NAME]};
    for (size_t i = 0; i < sizeof(sites) / sizeof(sites[0]); i++)
        if (sites[i] && *sites[i] &&
            (same_text(a, name, sites[i]) || initials_of(name, sites[i]) ||
             initials_of(sites[i], name)))
            return true;
    /* A host name: a dot between letters and no space. */
    const char *dot = strchr(name, '.');
    return dot && dot > name && isalpha((unsigned char)dot[1]) && !strchr(name, ' ');
}

static void push_people(struct gather *g, struct warta_strlist *dst,
                        const struct warta_strlist *src, struct warta_strlist *orgs)
{
    for (size_t i = 0; i < src->n; i++)
        warta_strlist_push_unique(g->doc->arena,
                                  is_site_name(g, src->items[i]) ? orgs : dst,
                                  src->items[i]);
}

/* A class="author…" element also holds follow buttons and prompts
 * ("Folgen", "Sie haben einen Fehler gefunden?"): a name from markup alone
 * has two to five words, the first and last capitalised, and no sentence
 * punctuation. Scripts without case pass on the word count alone. */
static bool looks_like_person(const char *name)
{
    struct warta_str s = warta_str_from(name);
    size_t words = warta_count_words(s.p, s.len);
    if (words < 2 || words > 5 || strpbrk(name, "?!"))
        return false;
    const char *last = strrchr(name, ' ');
    unsigned char f = (unsigned char)name[0], l = last ? (unsigned char)last[1] : f;
    if (!((f >= 0x80 || isupper(f)) && (l >= 0x80 || isupper(l))))
        return false;
    for (const char *p = name; *p;) {
        size_t wl = strcspn(p, " ");
        if (warta_is_network_name(warta_str_make(p, wl)))
            return false;
        p += wl;
        while (*p == ' ')
            p++;
    }
    return true;
}

/* "Foto: X", "Bild: SN/APA/X": a photo credit in an element whose class
 * says author ("bildautor"), not a byline. */
static bool is_photo_credit(const char *text)
{
    struct warta_str t = warta_str_from(text);
    size_t n;
    const struct warta_lex_entry *e =
        t.len ? warta_lex_bucket(WARTA_LEX_PHOTO, (unsigned char)t.p[0], &n) : NULL;
    for (size_t k = 0; e && k < n; k++)
        if (t.len > e[k].len && warta_str_istarts(t, e[k].text) &&
            (t.p[e[k].len] == ':' || t.p[e[k].len] == ' '))
            return true;
    return false;
}

/* The texts of an element's children, joined by ", ": a byline whose
 * names sit in sibling elements with no separator between them
 * ("<span>A B</span><span>C D</span>"). NULL when there is at most one. */
static const char *children_apart(struct warta_arena *a, xmlNode *n)
{
    /* Down through wrappers of one element: <div class=byline><div>...</div></div>. */
    for (int depth = 0; n && depth < 8; depth++) {
        xmlNode *only = NULL;
        bool more = false;
        for (xmlNode *c = n->children; c && !more; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content &&
                !warta_str_trim(warta_str_from((const char *)c->content)).len)
                continue;
            if (c->type == XML_ELEMENT_NODE && !only)
                only = c;
            else if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE)
                more = true;
        }
        if (!only || more)
            break;
        n = only;
    }
    char *buf = warta_arena_alloc(a, 257);
    size_t k = 0, parts = 0;
    for (xmlNode *c = n ? n->children : NULL; c && k < 200; c = c->next) {
        const char *t = c->type == XML_ELEMENT_NODE ? node_text(a, c, 120)
                        : c->type == XML_TEXT_NODE  ? (const char *)c->content
                                                    : NULL;
        struct warta_str w = warta_str_trim(warta_str_from(t ? t : ""));
        if (!w.len || w.len > 250 - k)
            continue;
        if (k) {
            buf[k++] = ',';
            buf[k++] = ' ';
        }
        memcpy(buf + k, w.p, w.len);
        k += w.len;
        parts++;
    }
    buf[k] = '\0';
    return parts > 1 ? buf : NULL;
}

/* Names of one candidate that pass as persons; 0 when none. */
static size_t push_persons(struct gather *g, struct warta_strlist *dst, const char *text)
{
    struct warta_arena *a = g->doc->arena;
    struct warta_strlist names = {0};
    size_t pushed = 0;
    if (is_photo_credit(text))
        return 0;
    warta_split_names(a, &names, text, strlen(text));
    /* "A B/C D": two persons when both halves are; "Name/Agency" and
     * "SN/APA/Name" credits stay one (rejected) item. */
    for (size_t k = 0; k < names.n; k++) {
        const char *slash = strchr(names.items[k], '/');
        if (!slash || slash != strrchr(names.items[k], '/'))
            continue;
        const char *l = warta_arena_strndup(a, names.items[k],
                                            (size_t)(slash - names.items[k]));
        struct warta_str r = warta_str_trim(warta_str_from(slash + 1));
        const char *rs = warta_arena_strndup(a, r.p, r.len);
        struct warta_str ls = warta_str_trim(warta_str_from(l));
        l = warta_arena_strndup(a, ls.p, ls.len);
        if (looks_like_person(l) && looks_like_person(rs)) {
            names.items[k] = l;
            warta_strlist_push_unique(a, &names, rs);
        }
    }
    for (size_t k = 0; k < names.n; k++)
        if (looks_like_person(names.items[k]) && !is_site_name(g, names.items[k])) {
            warta_strlist_push_unique(a, dst, names.items[k]);
            pushed++;
        }
    return pushed;
}

static void push_near(struct gather *g, struct warta_strlist *dst,
                      const struct name_cand *c, size_t n, long hpos, long limit)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].aside || (hpos >= 0 && labs(c[i].pos - hpos) > limit))
            continue;
        if (!push_persons(g, dst, c[i].text)) {
            const char *apart = children_apart(g->doc->arena, c[i].node);
            if (apart)
                push_persons(g, dst, apart);
        }
    }
}

/* An author meta naming the site among other parts ("site.de, Frankfurt,
 * Germany") is the site's imprint: the site counts as an organisation,
 * the rest (its address) as nothing. */
static void push_meta_author(struct gather *g, struct warta_strlist *dst,
                             const char *v, struct warta_strlist *sites)
{
    struct warta_arena *a = g->doc->arena;
    /* Several author metas were joined with "; ": each is judged alone. */
    for (const char *p = v; *p;) {
        size_t len = strcspn(p, ";");
        struct warta_strlist names = {0};
        warta_split_names(a, &names, p, len);
        p += len + (p[len] == ';');
        bool imprint = false;
        for (size_t i = 0; i < names.n && !imprint; i++)
            imprint = names.n > 1 && is_site_name(g, names.items[i]);
        for (size_t i = 0; imprint && i < names.n; i++)
            if (is_site_name(g, names.items[i]))
                warta_strlist_push_unique(a, sites, names.items[i]);
        if (!imprint)
            push_people(g, dst, &names, sites);
    }
}

/* Authors: JSON-LD persons (with the agencies credited beside them), then
 * author meta tags, then bylines near the headline (rel=author,
 * itemprop=author, byline classes, labelled bylines), then such bylines
 * further off that no aside holds; only when none names a person, the
 * organisations, and the site's own name last. */
static void choose_people(struct gather *g, long hpos)
{
    struct warta_doc *doc = g->doc;
    struct warta_arena *a = doc->arena;
    const char **m = g->meta;
    struct warta_strlist orgs = {0}, sites = {0}, editor_orgs = {0};
    if (!doc->editors.n)
        push_people(g, &doc->editors, &g->ld.editors, &editor_orgs);
    if (doc->authors.n)
        return;
    push_people(g, &doc->authors, &g->ld.persons, &sites);
    /* "Paula Steiger, SDA": an organisation credited beside the persons
     * is a co-author unless it is the site itself. */
    for (size_t i = 0; doc->authors.n && i < g->ld.orgs.n; i++)
        if (!is_site_name(g, g->ld.orgs.items[i]))
            warta_strlist_push_unique(a, &doc->authors, g->ld.orgs.items[i]);
    const char *v[] = {m[M_AUTHOR], m[M_ARTICLE_AUTHOR], m[M_PARSELY_AUTHOR],
                       m[M_SAILTHRU_AUTHOR], m[M_DC_CREATOR], m[M_BYL]};
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) && !doc->authors.n; i++)
        if (v[i] && *v[i] && strncmp(v[i], "http", 4))
            push_meta_author(g, &doc->authors, v[i], &sites);
    const long limits[] = {NEAR_HEADLINE, FAR_FROM_HEADLINE};
    for (size_t l = 0; l < 2 && !doc->authors.n; l++) {
        push_near(g, &doc->authors, g->rel_names, g->n_rel, hpos, limits[l]);
        if (!doc->authors.n)
            push_near(g, &doc->authors, g->byline_names, g->n_byline, hpos, limits[l]);
    }
    for (size_t i = 0; i < g->ld.orgs.n; i++)
        warta_strlist_push_unique(a, is_site_name(g, g->ld.orgs.items[i]) ? &sites : &orgs,
                                  g->ld.orgs.items[i]);
    const struct warta_strlist *fallback = orgs.n ? &orgs : &sites;
    for (size_t i = 0; !doc->authors.n && i < fallback->n; i++)
        warta_strlist_push_unique(a, &doc->authors, fallback->items[i]);
}

/* --- tags -------------------------------------------------------------------- */

/* Every tag source in page order, merged into what doc->tags holds already
 * (tags another rule found stay, duplicates ignoring case go). Dropped:
 * search phrases and machine codes (warta_is_tag_text), and a keyword that
 * only repeats the headline or the site's name, which SEO templates add
 * to every page. */
static void choose_tags(struct gather *g)
{
    struct warta_doc *doc = g->doc;
    struct warta_arena *a = doc->arena;
    const char *repeats[] = {doc->title, doc->site_name, g->meta[M_SITE_NAME],
                             g->ld.publisher};
    const char *hosts[] = {doc->source.final_url, doc->source.url, doc->base_url,
                           g->canonical, g->meta[M_OG_URL]};
    for (size_t i = 0; i < g->tags.n; i++) {
        const char *t = g->tags.items[i];
        bool keep = warta_is_tag_text(warta_str_from(t));
        for (size_t k = 0; keep && k < sizeof(repeats) / sizeof(repeats[0]); k++)
            keep = !(repeats[k] && same_text(a, t, repeats[k]));
        /* The site's host name ("nationalpost.com") is its name too. */
        for (size_t k = 0; keep && k < sizeof(hosts) / sizeof(hosts[0]); k++)
            keep = !(hosts[k] && strchr(t, '.') && !strchr(t, ' ') && strcasestr(hosts[k], t));
        if (keep && doc->tags.n < MAX_LIST)
            warta_strlist_push_unique(a, &doc->tags, t);
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
    g.memo = warta_arena_alloc(a, CLASS_MEMO_SLOTS * sizeof(*g.memo));
    walk(&g, root);
    const char **m = g.meta;

    if (!doc->site_name) {
        const char *v[] = {m[M_SITE_NAME], g.ld.publisher, m[M_APP_NAME]};
        doc->site_name = first_of(v, 3);
    }
    long hpos = choose_title(&g);
    pick_dates(&g, hpos);
    choose_people(&g, hpos);
    if (!doc->section) {
        const char *v[] = {g.ld.section, m[M_SECTION], m[M_PARSELY_SECTION]};
        doc->section = first_of(v, 3);
    }
    choose_tags(&g);
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
    if (!doc->language) {
        const char *v[] = {g.ld.language, g.html_lang, m[M_CONTENT_LANGUAGE],
                           m[M_DC_LANGUAGE], m[M_OG_LOCALE]};
        for (size_t i = 0; i < 5 && !doc->language; i++)
            doc->language = primary_language(a, v[i]);
    }
}
