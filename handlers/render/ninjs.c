/*
 * format=ninjs: IPTC ninjs 2.1 (../shared/schemas/ninjs/ninjs-schema_2.1.json).
 *
 * Unlike the native article, ninjs forbids unknown keys and most of its
 * values must be non-null strings of a given shape, so a property is
 * emitted only when we know its value; `uri` (the one required key) is
 * always there. Field choices follow the 2.1 schema: `by` is one display
 * string and the people behind it go to `people` with a `rel`, the dateline
 * agency is an `infosource`, and images are `picture` associations (each
 * association needs `name` and `uri`).
 */
#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "warta/render.h"

#define NINJS_VERSION "2.1"
#define NINJS_SCHEMA "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#"
#define URN_PREFIX "urn:warta:"

static void set_str(json_t *o, const char *key, const char *s)
{
    if (s && *s)
        json_object_set_new(o, key, json_string(s));
}

/* RFC 3339 date-time (what the schema's format "date-time" means): a bare
 * date or an offset-less time would be rejected by strict validators, so
 * such values stay out of the ninjs rather than break it. */
static bool is_date_time(const char *s)
{
    if (!s || strlen(s) < 20)
        return false;
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    for (size_t i = 0; shape[i]; i++) {
        char c = s[i];
        if (shape[i] == 'd' ? (c < '0' || c > '9')
                            : (shape[i] == 'T' ? (c != 'T' && c != 't')
                                               : c != shape[i]))
            return false;
    }
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
        return true;
    return (*p == '+' || *p == '-') && p[1] >= '0' && p[1] <= '9' &&
           p[2] >= '0' && p[2] <= '9' && p[3] == ':' && p[4] >= '0' &&
           p[4] <= '9' && p[5] >= '0' && p[5] <= '9' && p[6] == '\0';
}

/* The schema's format "uri" means an absolute URI: a scheme, then no
 * white space or control characters. A relative image path (a page
 * without a base URL) fails that and stays out of uri/href. */
static bool is_absolute_uri(const char *s)
{
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return false;
    const char *p = s;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
           (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p != ':')
        return false;
    for (; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}

static void set_date(json_t *o, const char *key, const char *s)
{
    if (is_date_time(s))
        json_object_set_new(o, key, json_string(s));
}

/* {role, contenttype?, value}: the item shape of headlines/descriptions. */
static json_t *text_item(const char *role, const char *contenttype,
                         const char *value)
{
    json_t *o = json_object();
    json_object_set_new(o, "role", json_string(role));
    if (contenttype)
        json_object_set_new(o, "contenttype", json_string(contenttype));
    json_object_set_new(o, "value", json_string(value));
    return o;
}

static void append_text(json_t *arr, const char *role, const char *value)
{
    if (value && *value)
        json_array_append_new(arr, text_item(role, "text/plain", value));
}

static void set_array(json_t *o, const char *key, json_t *arr)
{
    if (json_array_size(arr))
        json_object_set_new(o, key, arr);
    else
        json_decref(arr);
}

/* Authors joined with ", " for `by`; NULL when there are none. */
static char *byline(const struct warta_doc *doc)
{
    const struct warta_strlist *l = &doc->authors;
    if (!l->n)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += strlen(l->items[i]) + 2;
    char *out = warta_arena_alloc(doc->arena, n + 1);
    char *p = out;
    for (size_t i = 0; i < l->n; i++) {
        size_t k = strlen(l->items[i]);
        if (i) {
            memcpy(p, ", ", 2);
            p += 2;
        }
        memcpy(p, l->items[i], k);
        p += k;
    }
    *p = '\0';
    return out;
}

static void add_people(json_t *people, const struct warta_strlist *l,
                       const char *rel)
{
    for (size_t i = 0; i < l->n; i++) {
        if (!l->items[i] || !*l->items[i])
            continue;
        json_t *p = json_object();
        json_object_set_new(p, "name", json_string(l->items[i]));
        json_object_set_new(p, "rel", json_string(rel));
        json_array_append_new(people, p);
    }
}

static const char *doc_uri(const struct warta_doc *doc)
{
    if (doc->id && *doc->id) {
        if (strncmp(doc->id, URN_PREFIX, strlen(URN_PREFIX)) == 0)
            return doc->id;
        return warta_arena_printf(doc->arena, URN_PREFIX "%s", doc->id);
    }
    /* Without an id (a stage failed to derive one) the content hash is
     * the next most stable name; never a constant shared by articles. */
    if (doc->dedupe.content_hash[0])
        return warta_arena_printf(doc->arena, URN_PREFIX "%s",
                                  doc->dedupe.content_hash);
    return URN_PREFIX "anonymous";
}

static json_t *image_association(const struct warta_doc *doc, size_t i)
{
    const struct warta_image *im = &doc->images[i];
    json_t *a = json_object();
    json_object_set_new(a, "name",
                        json_string(warta_arena_printf(doc->arena, "image%zu",
                                                       i + 1)));
    bool have_url = is_absolute_uri(im->url);
    json_object_set_new(a, "uri",
                        json_string(have_url
                                        ? im->url
                                        : warta_arena_printf(
                                              doc->arena, "%s#image%zu",
                                              doc_uri(doc), i + 1)));
    json_object_set_new(a, "type", json_string("picture"));
    if (im->caption && *im->caption) {
        json_t *d = json_array();
        append_text(d, "caption", im->caption);
        json_object_set_new(a, "descriptions", d);
    }
    set_str(a, "by", im->credit);
    if (have_url) {
        json_t *r = json_object();
        json_object_set_new(r, "name", json_string("original"));
        json_object_set_new(r, "href", json_string(im->url));
        json_t *rs = json_array();
        json_array_append_new(rs, r);
        json_object_set_new(a, "renditions", rs);
    }
    return a;
}

void *warta_render_ninjs(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "uri", json_string(doc_uri(doc)));
    json_object_set_new(o, "type", json_string("text"));
    json_object_set_new(o, "representationtype", json_string("full"));

    json_t *std = json_object();
    json_object_set_new(std, "name", json_string("ninjs"));
    json_object_set_new(std, "version", json_string(NINJS_VERSION));
    json_object_set_new(std, "schema", json_string(NINJS_SCHEMA));
    json_object_set_new(o, "standard", std);

    set_str(o, "language", doc->language);
    set_date(o, "firstcreated", doc->published_at);
    set_date(o, "versioncreated",
             is_date_time(doc->modified_at) ? doc->modified_at
                                            : doc->published_at);
    set_str(o, "copyrightnotice", doc->copyright);
    set_str(o, "title", doc->title);

    json_t *headlines = json_array();
    append_text(headlines, "main", doc->title);
    append_text(headlines, "sub", doc->subtitle);
    append_text(headlines, "kicker", doc->kicker);
    set_array(o, "headlines", headlines);

    json_t *descriptions = json_array();
    append_text(descriptions, "summary", doc->description);
    set_array(o, "descriptions", descriptions);

    json_t *bodies = json_array();
    json_t *body = text_item("main", "text/plain", doc->text ? doc->text : "");
    json_object_set_new(body, "charcount",
                        json_integer((json_int_t)doc->stats.characters));
    json_object_set_new(body, "wordcount",
                        json_integer((json_int_t)doc->stats.words));
    json_array_append_new(bodies, body);
    json_object_set_new(o, "bodies", bodies);

    set_str(o, "by", byline(doc));
    json_t *people = json_array();
    add_people(people, &doc->authors, "author");
    add_people(people, &doc->editors, "editor");
    set_array(o, "people", people);

    set_str(o, "located", doc->dateline.location);
    json_t *sources = json_array();
    if (doc->dateline.agency && *doc->dateline.agency) {
        json_t *s = json_object();
        json_object_set_new(s, "name", json_string(doc->dateline.agency));
        json_object_set_new(s, "role", json_string("originator"));
        json_array_append_new(sources, s);
    }
    if (doc->site_name && *doc->site_name) {
        json_t *s = json_object();
        json_object_set_new(s, "name", json_string(doc->site_name));
        json_object_set_new(s, "role", json_string("publisher"));
        json_array_append_new(sources, s);
    }
    set_array(o, "infosources", sources);

    json_t *subjects = json_array();
    for (size_t i = 0; i < doc->tags.n; i++) {
        if (!doc->tags.items[i] || !*doc->tags.items[i])
            continue;
        json_t *s = json_object();
        json_object_set_new(s, "name", json_string(doc->tags.items[i]));
        json_object_set_new(s, "rel", json_string("about"));
        json_array_append_new(subjects, s);
    }
    /* ninjs has no section field; a subject with its own rel keeps it
     * apart from the tags. */
    if (doc->section && *doc->section) {
        json_t *s = json_object();
        json_object_set_new(s, "name", json_string(doc->section));
        json_object_set_new(s, "rel", json_string("section"));
        json_array_append_new(subjects, s);
    }
    set_array(o, "subjects", subjects);

    json_t *assoc = json_array();
    for (size_t i = 0; i < doc->n_images; i++)
        json_array_append_new(assoc, image_association(doc, i));
    set_array(o, "associations", assoc);

    /* Where the article lives, and its content hash, as alternative ids. */
    json_t *altids = json_array();
    const char *url = doc->canonical_url ? doc->canonical_url
                      : doc->source.final_url ? doc->source.final_url
                                              : doc->source.url;
    if (url && *url)
        json_array_append_new(altids, text_item("url", NULL, url));
    if (doc->dedupe.content_hash[0])
        json_array_append_new(altids, text_item("content-hash", NULL,
                                                doc->dedupe.content_hash));
    set_array(o, "altids", altids);
    return o;
}
