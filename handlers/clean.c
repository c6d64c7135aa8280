/*
 * clean stage: input -> blocks with roles. HTML goes through the DOM
 * extractor, text through the line segmenter; both then pass through the
 * same role rules, so a dateline or a "Baca juga:" line is recognised the
 * same way wherever it came from.
 */
#include "clean/clean.h"

enum warta_err warta_clean_run(struct warta_doc *doc,
                               const struct warta_env *env,
                               struct warta_error *err)
{
    enum warta_err rc;
    if (doc->kind == WARTA_INPUT_HTML)
        rc = warta_clean_html(doc, env, err);
    else
        rc = warta_clean_text(doc, env, err);
    if (rc != WARTA_OK)
        return rc;
    warta_assign_roles(doc, doc->kind != WARTA_INPUT_HTML);
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (warta_role_is_content(doc->blocks[i].role) &&
            !doc->blocks[i].removed_reason)
            return WARTA_OK;
    return warta_error_set(err, WARTA_ERR_NO_CONTENT,
                           "no article text found in the input");
}

void warta_block_remove(struct warta_doc *doc, struct warta_block *b,
                        const char *reason, long duplicate_of)
{
    (void)doc;
    if (b->removed_reason)
        return;
    b->removed_reason = reason;
    b->duplicate_of = duplicate_of;
}
