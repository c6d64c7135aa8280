/*
 * dedupe stage: first the article against itself (repeated paragraphs, a
 * body pasted twice), then its fingerprint against the articles seen
 * before. Remembering it waits for commit, when its title is known.
 */
#include "dedupe/dedupe.h"

enum warta_err warta_dedupe_run(struct warta_doc *doc,
                                const struct warta_env *env,
                                struct warta_error *err)
{
    (void)err;
    warta_dedupe_blocks(doc);
    warta_dedupe_fingerprint(doc);
    warta_dedupe_lookup(doc, env);
    return WARTA_OK;
}

void warta_dedupe_commit(struct warta_doc *doc, const struct warta_env *env)
{
    warta_dedupe_remember(doc, env);
}
