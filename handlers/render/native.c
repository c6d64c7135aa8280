/*
 * The native article: every key of openapi.yaml's Article is always
 * present, null or [] when unknown, so dashboards never test for absence.
 * Written with the streaming writer: this runs on every request.
 */
#include <string.h>

#include "json_writer.h"
#include "warta/clock.h"
#include "warta/render.h"
#include "warta/str.h"

static void strlist(struct json_writer *w, struct jw_lit key,
                    const struct warta_strlist *l)
{
    jw_key_lit(w, key);
    jw_array_begin(w);
    for (size_t i = 0; i < l->n; i++)
        jw_string(w, l->items[i]);
    jw_array_end(w);
}

static void field(struct json_writer *w, struct jw_lit key, const char *v)
{
    jw_key_lit(w, key);
    jw_string(w, v);
}

static void count(struct json_writer *w, struct jw_lit key, size_t v)
{
    jw_key_lit(w, key);
    jw_int(w, (long long)v);
}

static const char *const input_kinds[] = {"text", "html", "url"};

static void source(struct json_writer *w, const struct warta_doc *doc)
{
    jw_key_lit(w, JW_KEY("source"));
    jw_object_begin(w);
    field(w, JW_KEY("type"), input_kinds[doc->source.url ? WARTA_INPUT_URL : doc->kind]);
    field(w, JW_KEY("url"), doc->source.url);
    field(w, JW_KEY("final_url"), doc->source.final_url);
    field(w, JW_KEY("fetched_at"), doc->source.fetched_at);
    jw_key_lit(w, JW_KEY("http_status"));
    if (doc->source.http_status)
        jw_int(w, doc->source.http_status);
    else
        jw_null(w);
    field(w, JW_KEY("content_type"), doc->source.content_type);
    field(w, JW_KEY("charset"), doc->source.charset);
    jw_object_end(w);
}

static void dedupe(struct json_writer *w, const struct warta_doc *doc)
{
    jw_key_lit(w, JW_KEY("dedupe"));
    jw_object_begin(w);
    count(w, JW_KEY("removed_blocks"), doc->dedupe.removed_blocks);
    field(w, JW_KEY("content_hash"), doc->dedupe.content_hash[0] ? doc->dedupe.content_hash : NULL);
    char hex[17];
    warta_hex64(hex, doc->dedupe.simhash);
    hex[16] = '\0';
    field(w, JW_KEY("simhash"), doc->dedupe.have_simhash ? hex : NULL);
    jw_key_lit(w, JW_KEY("near_duplicates"));
    jw_array_begin(w);
    for (size_t i = 0; i < doc->dedupe.n_near; i++) {
        const struct warta_near_duplicate *d = &doc->dedupe.near[i];
        jw_object_begin(w);
        field(w, JW_KEY("id"), d->id);
        count(w, JW_KEY("distance"), d->distance);
        field(w, JW_KEY("title"), d->title);
        field(w, JW_KEY("url"), d->url);
        field(w, JW_KEY("first_seen"), d->first_seen);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

/* `paragraphs`, then `text`, which is those paragraphs joined by a blank
 * line (derive_body), from the bytes just escaped: the body was half of
 * what render escaped. */
static void body(struct json_writer *w, const struct warta_doc *doc)
{
    struct jw_span *span = warta_arena_alloc_uninit(
        doc->arena, (doc->n_paragraphs + 1) * sizeof(*span));
    jw_key_lit(w, JW_KEY("paragraphs"));
    jw_array_begin(w);
    for (size_t i = 0; i < doc->n_paragraphs; i++)
        span[i] = jw_string_n(w, doc->paragraphs[i], doc->paragraph_len[i]);
    jw_array_end(w);
    jw_key_lit(w, JW_KEY("text"));
    jw_string_joined(w, span, doc->n_paragraphs, JW_LIT("\\n\\n"));
}

char *warta_render_native(const struct warta_doc *doc, size_t *len)
{
    struct json_writer w;
    jw_init(&w, 2 * (doc->text ? strlen(doc->text) : 0) + 4096);
    jw_object_begin(&w);
    field(&w, JW_KEY("id"), doc->id);
    source(&w, doc);
    field(&w, JW_KEY("language"), doc->language);
    field(&w, JW_KEY("kicker"), doc->kicker);
    field(&w, JW_KEY("title"), doc->title);
    field(&w, JW_KEY("subtitle"), doc->subtitle);
    field(&w, JW_KEY("description"), doc->description);
    field(&w, JW_KEY("published_at"), doc->published_at);
    field(&w, JW_KEY("modified_at"), doc->modified_at);
    strlist(&w, JW_KEY("authors"), &doc->authors);
    strlist(&w, JW_KEY("editors"), &doc->editors);

    jw_key_lit(&w, JW_KEY("dateline"));
    jw_object_begin(&w);
    field(&w, JW_KEY("location"), doc->dateline.location);
    field(&w, JW_KEY("agency"), doc->dateline.agency);
    jw_object_end(&w);

    field(&w, JW_KEY("section"), doc->section);
    strlist(&w, JW_KEY("tags"), &doc->tags);

    jw_key_lit(&w, JW_KEY("images"));
    jw_array_begin(&w);
    for (size_t i = 0; i < doc->n_images; i++) {
        jw_object_begin(&w);
        field(&w, JW_KEY("url"), doc->images[i].url);
        field(&w, JW_KEY("caption"), doc->images[i].caption);
        field(&w, JW_KEY("credit"), doc->images[i].credit);
        jw_object_end(&w);
    }
    jw_array_end(&w);

    body(&w, doc);

    jw_key_lit(&w, JW_KEY("related"));
    jw_array_begin(&w);
    for (size_t i = 0; i < doc->n_related; i++) {
        jw_object_begin(&w);
        field(&w, JW_KEY("title"), doc->related[i].title);
        field(&w, JW_KEY("url"), doc->related[i].url);
        jw_object_end(&w);
    }
    jw_array_end(&w);

    field(&w, JW_KEY("copyright"), doc->copyright);
    field(&w, JW_KEY("site_name"), doc->site_name);
    field(&w, JW_KEY("canonical_url"), doc->canonical_url);

    jw_key_lit(&w, JW_KEY("stats"));
    jw_object_begin(&w);
    count(&w, JW_KEY("paragraphs"), doc->stats.paragraphs);
    count(&w, JW_KEY("words"), doc->stats.words);
    count(&w, JW_KEY("characters"), doc->stats.characters);
    count(&w, JW_KEY("reading_time_seconds"), doc->stats.reading_time_seconds);
    jw_object_end(&w);

    dedupe(&w, doc);

    /* `removed` lists blocks only with explain; the key is always there. */
    jw_key_lit(&w, JW_KEY("removed"));
    jw_array_begin(&w);
    for (size_t i = 0; doc->opts.explain && i < doc->n_removed; i++) {
        const struct warta_removed *r = &doc->removed[i];
        jw_object_begin(&w);
        field(&w, JW_KEY("text"), r->text);
        field(&w, JW_KEY("reason"), r->reason);
        jw_key_lit(&w, JW_KEY("duplicate_of"));
        if (r->duplicate_of >= 0)
            jw_int(&w, r->duplicate_of);
        else
            jw_null(&w);
        jw_object_end(&w);
    }
    jw_array_end(&w);

    strlist(&w, JW_KEY("warnings"), &doc->warnings);
    jw_key_lit(&w, JW_KEY("timings"));
    jw_object_begin(&w);
    for (size_t i = 0; i < doc->n_timings; i++) {
        jw_key(&w, doc->timings[i].stage);
        jw_int(&w, doc->timings[i].usec);
    }
    /* Render is still running: its time up to this last key. */
    jw_key_lit(&w, JW_KEY("render"));
    jw_int(&w, doc->stage_started_usec ? warta_now_usec() - doc->stage_started_usec : 0);
    jw_object_end(&w);
    jw_object_end(&w);
    jw_raw(&w, "\n", 1);
    return jw_take(&w, len);
}
