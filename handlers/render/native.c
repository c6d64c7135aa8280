/*
 * The native article: every key of openapi.yaml's Article is always
 * present, null or [] when unknown, so dashboards never test for absence.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>

#include "warta/render.h"

static json_t *str_or_null(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    return j ? j : json_null();
}

static json_t *strlist(const struct warta_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, str_or_null(l->items[i]));
    return a;
}

static const char *const input_kinds[] = {"text", "html", "url"};

static json_t *source_object(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(input_kinds[doc->source.url ? WARTA_INPUT_URL : doc->kind]));
    json_object_set_new(o, "url", str_or_null(doc->source.url));
    json_object_set_new(o, "final_url", str_or_null(doc->source.final_url));
    json_object_set_new(o, "fetched_at", str_or_null(doc->source.fetched_at));
    json_object_set_new(o, "http_status",
                        doc->source.http_status
                            ? json_integer(doc->source.http_status)
                            : json_null());
    json_object_set_new(o, "content_type", str_or_null(doc->source.content_type));
    json_object_set_new(o, "charset", str_or_null(doc->source.charset));
    return o;
}

static json_t *dedupe_object(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "removed_blocks",
                        json_integer((json_int_t)doc->dedupe.removed_blocks));
    json_object_set_new(o, "content_hash",
                        doc->dedupe.content_hash[0]
                            ? json_string(doc->dedupe.content_hash)
                            : json_null());
    if (doc->dedupe.have_simhash) {
        char hex[17];
        snprintf(hex, sizeof(hex), "%016" PRIx64, doc->dedupe.simhash);
        json_object_set_new(o, "simhash", json_string(hex));
    } else {
        json_object_set_new(o, "simhash", json_null());
    }
    json_t *near = json_array();
    for (size_t i = 0; i < doc->dedupe.n_near; i++) {
        const struct warta_near_duplicate *d = &doc->dedupe.near[i];
        json_t *e = json_object();
        json_object_set_new(e, "id", str_or_null(d->id));
        json_object_set_new(e, "distance", json_integer(d->distance));
        json_object_set_new(e, "title", str_or_null(d->title));
        json_object_set_new(e, "url", str_or_null(d->url));
        json_object_set_new(e, "first_seen", str_or_null(d->first_seen));
        json_array_append_new(near, e);
    }
    json_object_set_new(o, "near_duplicates", near);
    return o;
}

void *warta_render_native(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", str_or_null(doc->id));
    json_object_set_new(o, "source", source_object(doc));
    json_object_set_new(o, "language", str_or_null(doc->language));
    json_object_set_new(o, "kicker", str_or_null(doc->kicker));
    json_object_set_new(o, "title", str_or_null(doc->title));
    json_object_set_new(o, "subtitle", str_or_null(doc->subtitle));
    json_object_set_new(o, "description", str_or_null(doc->description));
    json_object_set_new(o, "published_at", str_or_null(doc->published_at));
    json_object_set_new(o, "modified_at", str_or_null(doc->modified_at));
    json_object_set_new(o, "authors", strlist(&doc->authors));
    json_object_set_new(o, "editors", strlist(&doc->editors));

    json_t *dl = json_object();
    json_object_set_new(dl, "location", str_or_null(doc->dateline.location));
    json_object_set_new(dl, "agency", str_or_null(doc->dateline.agency));
    json_object_set_new(o, "dateline", dl);

    json_object_set_new(o, "section", str_or_null(doc->section));
    json_object_set_new(o, "tags", strlist(&doc->tags));

    json_t *images = json_array();
    for (size_t i = 0; i < doc->n_images; i++) {
        json_t *im = json_object();
        json_object_set_new(im, "url", str_or_null(doc->images[i].url));
        json_object_set_new(im, "caption", str_or_null(doc->images[i].caption));
        json_object_set_new(im, "credit", str_or_null(doc->images[i].credit));
        json_array_append_new(images, im);
    }
    json_object_set_new(o, "images", images);

    json_t *paras = json_array();
    for (size_t i = 0; i < doc->n_paragraphs; i++)
        json_array_append_new(paras, str_or_null(doc->paragraphs[i]));
    json_object_set_new(o, "paragraphs", paras);
    json_object_set_new(o, "text", str_or_null(doc->text ? doc->text : ""));

    json_t *related = json_array();
    for (size_t i = 0; i < doc->n_related; i++) {
        json_t *r = json_object();
        json_object_set_new(r, "title", str_or_null(doc->related[i].title));
        json_object_set_new(r, "url", str_or_null(doc->related[i].url));
        json_array_append_new(related, r);
    }
    json_object_set_new(o, "related", related);

    json_object_set_new(o, "copyright", str_or_null(doc->copyright));
    json_object_set_new(o, "site_name", str_or_null(doc->site_name));
    json_object_set_new(o, "canonical_url", str_or_null(doc->canonical_url));

    json_t *stats = json_object();
    json_object_set_new(stats, "paragraphs", json_integer((json_int_t)doc->stats.paragraphs));
    json_object_set_new(stats, "words", json_integer((json_int_t)doc->stats.words));
    json_object_set_new(stats, "characters", json_integer((json_int_t)doc->stats.characters));
    json_object_set_new(stats, "reading_time_seconds",
                        json_integer((json_int_t)doc->stats.reading_time_seconds));
    json_object_set_new(o, "stats", stats);

    json_object_set_new(o, "dedupe", dedupe_object(doc));

    if (doc->opts.explain) {
        json_t *removed = json_array();
        for (size_t i = 0; i < doc->n_removed; i++) {
            const struct warta_removed *r = &doc->removed[i];
            json_t *e = json_object();
            json_object_set_new(e, "text", str_or_null(r->text));
            json_object_set_new(e, "reason", str_or_null(r->reason));
            json_object_set_new(e, "duplicate_of",
                                r->duplicate_of >= 0 ? json_integer(r->duplicate_of)
                                                     : json_null());
            json_array_append_new(removed, e);
        }
        json_object_set_new(o, "removed", removed);
    } else {
        json_object_set_new(o, "removed", json_array());
    }

    json_object_set_new(o, "warnings", strlist(&doc->warnings));
    json_t *timings = json_object();
    for (size_t i = 0; i < doc->n_timings; i++)
        json_object_set_new(timings, doc->timings[i].stage,
                            json_integer(doc->timings[i].usec));
    json_object_set_new(o, "timings", timings);
    return o;
}
