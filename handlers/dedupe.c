/*
 * dedupe stage: first the article against itself (repeated paragraphs, a
 * body pasted twice), then its fingerprint against the articles seen
 * before. Remembering it waits for commit, when its title is known.
 */
#include "dedupe/dedupe.h"

void warta_dedupe_options_from_config(struct warta_dedupe_options *o,
                                      const struct warta_config *cfg)
{
    o->near_distance = cfg->near_distance;
    o->near_max = cfg->near_max;
}

enum warta_err warta_dedupe_run(struct warta_doc *doc,
                                const struct warta_dedupe_options *opts,
                                struct warta_index *index,
                                struct warta_error *err)
{
    (void)err;
    warta_dedupe_blocks(doc);
    warta_dedupe_fingerprint(doc);
    warta_dedupe_lookup(doc, opts, index);
    return WARTA_OK;
}

void warta_dedupe_commit(struct warta_doc *doc, struct warta_index *index)
{
    warta_dedupe_remember(doc, index);
}
