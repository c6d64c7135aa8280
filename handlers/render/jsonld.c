/*
 * format=jsonld: a schema.org NewsArticle, ready to embed in a page's
 * <script type="application/ld+json">. Unknown values are left out rather
 * than set to null: search engines read a null as a (bad) value.
 */
#include <jansson.h>
#include <string.h>

#include "warta/render.h"

static void set_str(json_t *o, const char *key, const char *s)
{
    if (s && *s)
        json_object_set_new(o, key, json_string(s));
}

static json_t *typed(const char *type, const char *name)
{
    json_t *o = json_object();
    json_object_set_new(o, "@type", json_string(type));
    json_object_set_new(o, "name", json_string(name));
    return o;
}

static void set_people(json_t *o, const char *key,
                       const struct warta_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i] && *l->items[i])
            json_array_append_new(a, typed("Person", l->items[i]));
    if (json_array_size(a))
        json_object_set_new(o, key, a);
    else
        json_decref(a);
}

/* Tags as schema.org expects `keywords`: one comma-separated text. */
static char *keywords(const struct warta_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->tags.n; i++)
        n += strlen(doc->tags.items[i]) + 2;
    if (!n)
        return NULL;
    char *out = warta_arena_alloc(doc->arena, n + 1);
    char *p = out;
    for (size_t i = 0; i < doc->tags.n; i++) {
        size_t k = strlen(doc->tags.items[i]);
        if (!k)
            continue;
        if (p != out) {
            memcpy(p, ", ", 2);
            p += 2;
        }
        memcpy(p, doc->tags.items[i], k);
        p += k;
    }
    *p = '\0';
    return out;
}

static json_t *image_object(const struct warta_image *im)
{
    json_t *o = json_object();
    json_object_set_new(o, "@type", json_string("ImageObject"));
    if (im->url && *im->url) {
        json_object_set_new(o, "url", json_string(im->url));
        json_object_set_new(o, "contentUrl", json_string(im->url));
    }
    set_str(o, "caption", im->caption);
    set_str(o, "creditText", im->credit);
    return o;
}

void *warta_render_jsonld(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "@context", json_string("https://schema.org"));
    json_object_set_new(o, "@type", json_string("NewsArticle"));

    const char *url = doc->canonical_url ? doc->canonical_url
                      : doc->source.final_url ? doc->source.final_url
                                              : doc->source.url;
    if (url && *url) {
        json_object_set_new(o, "url", json_string(url));
        json_t *page = json_object();
        json_object_set_new(page, "@type", json_string("WebPage"));
        json_object_set_new(page, "@id", json_string(url));
        json_object_set_new(o, "mainEntityOfPage", page);
    }
    set_str(o, "identifier", doc->id);
    set_str(o, "headline", doc->title);
    set_str(o, "alternativeHeadline", doc->subtitle);
    set_str(o, "description", doc->description);
    set_str(o, "datePublished", doc->published_at);
    set_str(o, "dateModified", doc->modified_at);
    set_str(o, "inLanguage", doc->language);
    set_people(o, "author", &doc->authors);
    set_people(o, "editor", &doc->editors);
    set_str(o, "articleSection", doc->section);
    set_str(o, "keywords", keywords(doc));

    if (doc->n_images) {
        json_t *images = json_array();
        for (size_t i = 0; i < doc->n_images; i++)
            json_array_append_new(images, image_object(&doc->images[i]));
        json_object_set_new(o, "image", images);
    }

    /* The site is the publisher; a wire agency named in the dateline is
     * where the story comes from, and the publisher too when the text
     * names no site. */
    const char *agency = doc->dateline.agency;
    const char *publisher = doc->site_name && *doc->site_name ? doc->site_name
                                                              : agency;
    if (publisher && *publisher)
        json_object_set_new(o, "publisher", typed("Organization", publisher));
    if (agency && *agency)
        json_object_set_new(o, "sourceOrganization",
                            typed("Organization", agency));
    if (doc->dateline.location && *doc->dateline.location)
        json_object_set_new(o, "locationCreated",
                            typed("Place", doc->dateline.location));

    json_object_set_new(o, "articleBody",
                        json_string(doc->text ? doc->text : ""));
    json_object_set_new(o, "wordCount",
                        json_integer((json_int_t)doc->stats.words));
    set_str(o, "copyrightNotice", doc->copyright);
    return o;
}
