/*
 * Language-neutral boilerplate patterns of class and id attributes. Words
 * here are CSS naming conventions shared across the web (and across
 * languages), not phrases a reader sees; phrases go to handlers/lang/.
 *
 * Short words match whole tokens only (`ad` must not hit `header` or
 * `shadow`); long, distinctive stems match anywhere.
 */
#include "clean/html.h"

#include <string.h>

#include "warta/stems.h"

struct pattern {
    const char *word;
    const char *reason;
};

/* Whole-token matches; tokens are split on anything but [a-z0-9]. */
static const struct pattern token_patterns[] = {
    {"nav", "boilerplate:navigation"},
    {"navbar", "boilerplate:navigation"},
    {"menu", "boilerplate:navigation"},
    {"breadcrumb", "boilerplate:navigation"},
    {"breadcrumbs", "boilerplate:navigation"},
    {"pagination", "boilerplate:navigation"},
    {"pager", "boilerplate:navigation"},
    {"prev", "boilerplate:navigation"},
    {"previous", "boilerplate:navigation"},
    {"skip", "boilerplate:navigation"},
    {"toolbar", "boilerplate:navigation"},
    {"masthead", "boilerplate:navigation"},
    {"comment", "boilerplate:comments"},
    {"comments", "boilerplate:comments"},
    {"disqus", "boilerplate:comments"},
    {"share", "boilerplate:share"},
    {"sharing", "boilerplate:share"},
    {"social", "boilerplate:share"},
    {"related", "boilerplate:related"},
    {"trending", "boilerplate:related"},
    {"popular", "boilerplate:related"},
    {"recirc", "boilerplate:related"},
    {"ad", "boilerplate:ads"},
    {"ads", "boilerplate:ads"},
    {"adv", "boilerplate:ads"},
    {"advert", "boilerplate:ads"},
    {"adslot", "boilerplate:ads"},
    {"dfp", "boilerplate:ads"},
    {"sponsor", "boilerplate:ads"},
    {"sponsored", "boilerplate:ads"},
    {"banner", "boilerplate:ads"},
    {"footer", "boilerplate:footer"},
    {"sidebar", "boilerplate:sidebar"},
    {"aside", "boilerplate:sidebar"},
    {"rail", "boilerplate:sidebar"},
    {"widget", "boilerplate:sidebar"},
    {"tags", "boilerplate:tags"},
    {"keywords", "boilerplate:tags"},
    {"byline", "boilerplate:byline"},
    {"author", "boilerplate:byline"},
    {"authors", "boilerplate:byline"},
    {"date", "boilerplate:byline"},
    {"timestamp", "boilerplate:byline"},
    {"meta", "boilerplate:byline"},
    {"popup", "boilerplate:prompt"},
    {"modal", "boilerplate:prompt"},
    {"signup", "boilerplate:newsletter"},
    {"login", "boilerplate:prompt"},
    {"hidden", "boilerplate:hidden"},
    {"offscreen", "boilerplate:hidden"},
    {NULL, NULL},
};

/* Substring matches on the lowercased attribute text. */
static const struct pattern stem_patterns[] = {
    {"navigation", "boilerplate:navigation"},
    {"breadcrumb", "boilerplate:navigation"},
    {"comment-", "boilerplate:comments"},
    {"comments", "boilerplate:comments"},
    /* glued compounds ("commentlist", "commentBody"); "commentary" is an
     * article kind, so the bare stem is not one */
    {"commentlist", "boilerplate:comments"},
    {"commentbody", "boilerplate:comments"},
    {"commentbox", "boilerplate:comments"},
    {"commentwrap", "boilerplate:comments"},
    {"commentcontainer", "boilerplate:comments"},
    {"commentblock", "boilerplate:comments"},
    {"commentsection", "boilerplate:comments"},
    {"commententry", "boilerplate:comments"},
    {"commentcontent", "boilerplate:comments"},
    {"commentform", "boilerplate:comments"},
    {"share-", "boilerplate:share"},
    {"sharing", "boilerplate:share"},
    {"social", "boilerplate:share"},
    {"sharethis", "boilerplate:share"},
    {"related", "boilerplate:related"},
    {"recommend", "boilerplate:related"},
    {"more-stories", "boilerplate:related"},
    {"most-popular", "boilerplate:related"},
    {"most-read", "boilerplate:related"},
    {"latest-news", "boilerplate:related"},
    {"more-news", "boilerplate:related"},
    {"read-next", "boilerplate:related"},
    {"up-next", "boilerplate:related"},
    {"you-may-like", "boilerplate:related"},
    {"outbrain", "boilerplate:related"},
    {"taboola", "boilerplate:related"},
    {"advert", "boilerplate:ads"},
    {"promo", "boilerplate:ads"},
    {"newsletter", "boilerplate:newsletter"},
    {"subscribe", "boilerplate:newsletter"},
    {"subscription", "boilerplate:newsletter"},
    {"cookie", "boilerplate:cookie"},
    {"consent", "boilerplate:cookie"},
    {"gdpr", "boilerplate:cookie"},
    {"sidebar", "boilerplate:sidebar"},
    {"footer", "boilerplate:footer"},
    {"sr-only", "boilerplate:hidden"},
    {"element-hidden", "boilerplate:hidden"},
    {"element-invisible", "boilerplate:hidden"},
    {"visually-hidden", "boilerplate:hidden"},
    {"screen-reader", "boilerplate:hidden"},
    {"screenreader", "boilerplate:hidden"},
    {"visuallyhidden", "boilerplate:hidden"},
    {"print-only", "boilerplate:hidden"},
    {NULL, NULL},
};

/* Main-content containers, matched with '-' and '_' removed. */
static const char *const content_stems[] = {
    "articlebody", "articlecontent", "articletext", "articlecopy",
    "postcontent", "postbody", "posttext", "entrycontent", "entrybody",
    "storybody", "storycontent", "storytext", "contentbody", "bodytext",
    "bodycopy", "textbody", "richtext", "articlemain", "newsbody",
    "detailcontent", "detailtext", "contentarticle", "readcontent",
    NULL,
};

static const char *const negative_stems[] = {
    "hidden", "banner", "combx", "comment", "contact", "foot", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll",
    "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping",
    "tags", "tool", "widget", "byline", "author", "social", "caption",
    NULL,
};

static const char *const positive_stems[] = {
    "article", "body", "content", "entry", "hentry", "main", "page",
    "post", "text", "blog", "story", NULL,
};

/* The tables indexed by first byte: a page has hundreds of distinct
 * classes and each is tried against every table (warta/stems.h). */
static struct warta_stems token_set = WARTA_STEMS(token_patterns);
static struct warta_stems stem_set = WARTA_STEMS(stem_patterns);
static struct warta_stems content_set = WARTA_STEMS(content_stems);
static struct warta_stems negative_set = WARTA_STEMS(negative_stems);
static struct warta_stems positive_set = WARTA_STEMS(positive_stems);

static bool has_stem(const char *s, size_t len, const char *stem)
{
    size_t n = strlen(stem);
    if (n > len)
        return false;
    const char *end = s + len - n;
    for (const char *p = s; p <= end; p++) {
        p = memchr(p, stem[0], (size_t)(end - p) + 1);
        if (!p)
            return false;
        if (!memcmp(p, stem, n))
            return true;
    }
    return false;
}

static bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static const char *reason_of(const char *s, size_t len);

/* Whether one of the space-separated names is exactly `name`. */
static bool has_name(const char *s, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n <= len; i++)
        if ((i == 0 || s[i - 1] == ' ') && !memcmp(s + i, name, n) &&
            (i + n == len || s[i + n] == ' '))
            return true;
    return false;
}

const char *warta_boilerplate_reason(const char *s, size_t len)
{
    const char *r = reason_of(s, len);
    /* A box named "header" alone is the site's banner; a compound
     * ("entry-header", "post-header") heads the article and holds its
     * headline, so the bare word is no token pattern. */
    if (!r && has_name(s, len, "header"))
        return "boilerplate:header";
    /* "social-media-embed" is a quoted post in the story, not a share
     * bar: embeds are content. */
    if (r && !strcmp(r, "boilerplate:share") && has_stem(s, len, "embed"))
        return NULL;
    /* Utility-class pages show "hidden md:block" from some width up: a
     * breakpoint prefix anywhere makes "hidden" a layout detail. */
    if (r && !strcmp(r, "boilerplate:hidden") && memchr(s, ':', len))
        return NULL;
    return r;
}

static const char *reason_of(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && !is_word(s[i]))
            i++;
        size_t st = i;
        while (i < len && is_word(s[i]))
            i++;
        size_t n = i - st;
        if (!n)
            break;
        long t = warta_stems_exact(&token_set, s + st, n);
        if (t >= 0)
            return token_patterns[t].reason;
    }
    long m = warta_stems_first(&stem_set, s, len);
    return m >= 0 ? stem_patterns[m].reason : NULL;
}

/* s with '-' and '_' removed, as much as fits in out[0..cap - 1). */
static size_t unjoined(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < cap; i++)
        if (s[i] != '-' && s[i] != '_')
            out[k++] = s[i];
    return k;
}

/* One class token names the content container. A BEM element of it
 * that is furniture ("article-body__newsletter") does not. */
static bool token_is_content(const char *s, size_t len)
{
    char buf[256];
    size_t k = unjoined(s, len, buf, sizeof(buf));
    if (!warta_stems_any(&content_set, buf, k))
        return false;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '_' && s[i + 1] == '_')
            return !warta_boilerplate_reason(s + i + 2, len - i - 2);
    return true;
}

bool warta_boilerplate_is_content(const char *s, size_t len)
{
    /* Few lists name a content container: one look at the whole list,
     * dashes and underscores dropped, rules most out before the token by
     * token test. A stem holds no space, so it occurs here exactly when
     * it occurs in one of the tokens. */
    char buf[256] = "";
    if (len < sizeof(buf)) {
        size_t k = unjoined(s, len, buf, sizeof(buf));
        if (!warta_stems_any(&content_set, buf, k))
            return false;
    }
    size_t i = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < len && s[i] != ' ')
            i++;
        if (i > st && token_is_content(s + st, i - st))
            return true;
    }
    return false;
}

int warta_boilerplate_weight(const char *s, size_t len)
{
    return (warta_stems_any(&negative_set, s, len) ? -25 : 0) +
           (warta_stems_any(&positive_set, s, len) ? 25 : 0);
}
