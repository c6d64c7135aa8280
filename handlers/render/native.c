/*
 * The native article: every key of openapi.yaml's Article is always
 * present, null or [] when unknown, so dashboards never test for absence.
 * Written with the streaming writer: this runs on every request.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "json_writer.h"
#include "warta/pipeline.h"
#include "warta/render.h"

static void strlist(struct json_writer *w, const char *key,
                    const struct warta_strlist *l)
{
    jw_key(w, key);
    jw_array_begin(w);
    for (size_t i = 0; i < l->n; i++)
        jw_string(w, l->items[i]);
    jw_array_end(w);
}

static void field(struct json_writer *w, const char *key, const char *v)
{
    jw_key(w, key);
    jw_string(w, v);
}

static void count(struct json_writer *w, const char *key, size_t v)
{
    jw_key(w, key);
    jw_int(w, (long long)v);
}

static const char *const input_kinds[] = {"text", "html", "url"};

static void source(struct json_writer *w, const struct warta_doc *doc)
{
    jw_key(w, "source");
    jw_object_begin(w);
    field(w, "type", input_kinds[doc->source.url ? WARTA_INPUT_URL : doc->kind]);
    field(w, "url", doc->source.url);
    field(w, "final_url", doc->source.final_url);
    field(w, "fetched_at", doc->source.fetched_at);
    jw_key(w, "http_status");
    if (doc->source.http_status)
        jw_int(w, doc->source.http_status);
    else
        jw_null(w);
    field(w, "content_type", doc->source.content_type);
    field(w, "charset", doc->source.charset);
    jw_object_end(w);
}

static void dedupe(struct json_writer *w, const struct warta_doc *doc)
{
    jw_key(w, "dedupe");
    jw_object_begin(w);
    count(w, "removed_blocks", doc->dedupe.removed_blocks);
    field(w, "content_hash", doc->dedupe.content_hash[0] ? doc->dedupe.content_hash : NULL);
    char hex[17];
    snprintf(hex, sizeof(hex), "%016" PRIx64, doc->dedupe.simhash);
    field(w, "simhash", doc->dedupe.have_simhash ? hex : NULL);
    jw_key(w, "near_duplicates");
    jw_array_begin(w);
    for (size_t i = 0; i < doc->dedupe.n_near; i++) {
        const struct warta_near_duplicate *d = &doc->dedupe.near[i];
        jw_object_begin(w);
        field(w, "id", d->id);
        count(w, "distance", d->distance);
        field(w, "title", d->title);
        field(w, "url", d->url);
        field(w, "first_seen", d->first_seen);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

char *warta_render_native(const struct warta_doc *doc, size_t *len)
{
    struct json_writer w;
    jw_init(&w, 2 * (doc->text ? strlen(doc->text) : 0) + 4096);
    jw_object_begin(&w);
    field(&w, "id", doc->id);
    source(&w, doc);
    field(&w, "language", doc->language);
    field(&w, "kicker", doc->kicker);
    field(&w, "title", doc->title);
    field(&w, "subtitle", doc->subtitle);
    field(&w, "description", doc->description);
    field(&w, "published_at", doc->published_at);
    field(&w, "modified_at", doc->modified_at);
    strlist(&w, "authors", &doc->authors);
    strlist(&w, "editors", &doc->editors);

    jw_key(&w, "dateline");
    jw_object_begin(&w);
    field(&w, "location", doc->dateline.location);
    field(&w, "agency", doc->dateline.agency);
    jw_object_end(&w);

    field(&w, "section", doc->section);
    strlist(&w, "tags", &doc->tags);

    jw_key(&w, "images");
    jw_array_begin(&w);
    for (size_t i = 0; i < doc->n_images; i++) {
        jw_object_begin(&w);
        field(&w, "url", doc->images[i].url);
        field(&w, "caption", doc->images[i].caption);
        field(&w, "credit", doc->images[i].credit);
        jw_object_end(&w);
    }
    jw_array_end(&w);

    jw_key(&w, "paragraphs");
    jw_array_begin(&w);
    for (size_t i = 0; i < doc->n_paragraphs; i++)
        jw_string(&w, doc->paragraphs[i]);
    jw_array_end(&w);
    field(&w, "text", doc->text ? doc->text : "");

    jw_key(&w, "related");
    jw_array_begin(&w);
    for (size_t i = 0; i < doc->n_related; i++) {
        jw_object_begin(&w);
        field(&w, "title", doc->related[i].title);
        field(&w, "url", doc->related[i].url);
        jw_object_end(&w);
    }
    jw_array_end(&w);

    field(&w, "copyright", doc->copyright);
    field(&w, "site_name", doc->site_name);
    field(&w, "canonical_url", doc->canonical_url);

    jw_key(&w, "stats");
    jw_object_begin(&w);
    count(&w, "paragraphs", doc->stats.paragraphs);
    count(&w, "words", doc->stats.words);
    count(&w, "characters", doc->stats.characters);
    count(&w, "reading_time_seconds", doc->stats.reading_time_seconds);
    jw_object_end(&w);

    dedupe(&w, doc);

    /* `removed` lists blocks only with explain; the key is always there. */
    jw_key(&w, "removed");
    jw_array_begin(&w);
    for (size_t i = 0; doc->opts.explain && i < doc->n_removed; i++) {
        const struct warta_removed *r = &doc->removed[i];
        jw_object_begin(&w);
        field(&w, "text", r->text);
        field(&w, "reason", r->reason);
        jw_key(&w, "duplicate_of");
        if (r->duplicate_of >= 0)
            jw_int(&w, r->duplicate_of);
        else
            jw_null(&w);
        jw_object_end(&w);
    }
    jw_array_end(&w);

    strlist(&w, "warnings", &doc->warnings);
    jw_key(&w, "timings");
    jw_object_begin(&w);
    for (size_t i = 0; i < doc->n_timings; i++) {
        jw_key(&w, doc->timings[i].stage);
        jw_int(&w, doc->timings[i].usec);
    }
    /* Render is still running: its time up to this last key. */
    jw_key(&w, "render");
    jw_int(&w, doc->stage_started_usec ? warta_now_usec() - doc->stage_started_usec : 0);
    jw_object_end(&w);
    jw_object_end(&w);
    jw_raw(&w, "\n", 1);
    return jw_take(&w, len);
}
