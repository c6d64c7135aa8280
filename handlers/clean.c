/*
 * clean stage: input -> blocks with roles. HTML goes through the DOM
 * extractor, text through the line segmenter; both then pass through the
 * same role rules, so a dateline or a "Baca juga:" line is recognised the
 * same way wherever it came from.
 */
#include "clean/clean.h"

void warta_clean_options_from_config(struct warta_clean_options *o,
                                     const struct warta_config *cfg)
{
    o->max_html_nodes = cfg->max_html_nodes;
    o->max_html_depth = cfg->max_html_depth;
    o->max_html_attributes = cfg->max_html_attributes;
}

enum warta_err warta_clean_run(struct warta_doc *doc,
                               const struct warta_clean_options *opts,
                               struct warta_error *err)
{
    struct warta_clean_options defaults;
    if (!opts) {
        struct warta_config cfg;
        warta_config_defaults(&cfg);
        warta_clean_options_from_config(&defaults, &cfg);
        opts = &defaults;
    }
    enum warta_err rc;
    if (doc->kind == WARTA_INPUT_HTML)
        rc = warta_clean_html(doc, opts, err);
    else
        rc = warta_clean_text(doc, err);
    if (rc != WARTA_OK)
        return rc;
    warta_assign_roles(doc, doc->kind != WARTA_INPUT_HTML);
    warta_mark_notices(doc);
    if (doc->kind == WARTA_INPUT_HTML)
        warta_drop_label_headings(doc);
    if (doc->kind == WARTA_INPUT_HTML && warta_clean_html_fallback(doc))
        return WARTA_OK;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (warta_role_is_content(doc->blocks[i].role) &&
            !doc->blocks[i].removed_reason)
            return WARTA_OK;
    /* A page without body text can still say what it is (a title, a
     * date, a description: a gallery, a video page, a teaser): the
     * metadata stage decides whether anything is left to report, and the
     * caller learns from the warning that the body is empty. Pasted text
     * has no such metadata. */
    if (doc->kind == WARTA_INPUT_HTML) {
        warta_doc_warn(doc, "no-article-content");
        return WARTA_OK;
    }
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
