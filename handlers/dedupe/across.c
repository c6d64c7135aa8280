/*
 * Across articles: the fingerprint against the index (during the dedupe
 * stage) and the finished article into it (at commit, once its title and
 * URL are known). An index that cannot answer degrades the article - the
 * warning "index-unavailable" - and never fails the request.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dedupe.h"
#include "warta/index.h"
#include "warta/log.h"
#include "warta/str.h"

static const char *rfc3339_utc(struct warta_arena *a, int64_t t)
{
    char buf[21];
    return warta_format_utc(buf, t) ? warta_arena_strdup(a, buf) : NULL;
}

void warta_dedupe_lookup(struct warta_doc *doc,
                         const struct warta_dedupe_options *opts,
                         struct warta_index *index)
{
    if (!index || !doc->dedupe.have_simhash)
        return;
    struct warta_index_hit *hits;
    size_t n;
    long max = opts->near_max > 0 ? opts->near_max : 0;
    enum warta_err rc = warta_index_lookup(
        index, doc->dedupe.simhash, (unsigned)opts->near_distance,
        (size_t)max, doc->arena, &hits, &n);
    if (rc != WARTA_OK) {
        warta_doc_warn(doc, "index-unavailable");
        return;
    }
    if (n == 0)
        return;
    doc->dedupe.near =
        warta_arena_alloc(doc->arena, n * sizeof(*doc->dedupe.near));
    for (size_t i = 0; i < n; i++) {
        struct warta_near_duplicate *d = &doc->dedupe.near[i];
        d->id = hits[i].id;
        d->distance = hits[i].distance;
        d->title = hits[i].title;
        d->url = hits[i].url;
        d->first_seen = rfc3339_utc(doc->arena, hits[i].first_seen);
    }
    doc->dedupe.n_near = n;
}

void warta_dedupe_remember(struct warta_doc *doc, struct warta_index *index)
{
    if (!index || !doc->opts.remember ||
        !doc->dedupe.have_simhash || !doc->id)
        return;
    /* The lookup already met this very content: it is stored once, so
     * there is nothing to write (a write transaction per repeat was most
     * of the SQLite cost of re-posted wire copy). */
    for (size_t i = 0; i < doc->dedupe.n_near; i++)
        if (doc->dedupe.near[i].distance == 0 && doc->dedupe.near[i].id &&
            strcmp(doc->dedupe.near[i].id, doc->id) == 0)
            return;
    const char *url = doc->canonical_url     ? doc->canonical_url
                      : doc->source.final_url ? doc->source.final_url
                                              : doc->source.url;
    struct warta_index_entry e = {
        .id = doc->id,
        .simhash = doc->dedupe.simhash,
        .content_hash = doc->dedupe.content_hash,
        .title = doc->title,
        .url = url,
        .first_seen = (int64_t)time(NULL),
    };
    /* The response is already rendered; the warning still reaches the
     * CLI and the log. An exact repeat is a no-op in the index. */
    if (warta_index_insert(index, &e) != WARTA_OK) {
        warta_doc_warn(doc, "index-unavailable");
        WARTA_LOG(WARTA_LOG_WARN, "index", NULL,
                  "article %s not remembered: index unavailable", doc->id);
    }
}
