/*
 * Shared set-up of the fuzz targets (tests/fuzz/common.h).
 */
#include "common.h"

#include <stdlib.h>

#include <libxml/parser.h>

#include "warta/config.h"
#include "warta/langid.h"
#include "warta/lang.h"
#include "warta/render.h"

static struct warta_env env;
static int env_ready;

const struct warta_env *fuzz_env(void)
{
    if (env_ready)
        return &env;
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    env.request.max_body = cfg.max_body;
    env.request.max_json_depth = cfg.max_json_depth;
    warta_clean_options_from_config(&env.clean, &cfg);
    warta_dedupe_options_from_config(&env.dedupe, &cfg);
    env.langid = warta_langid_open();
    /* First use builds these; doing it here keeps that one-time memory out
     * of the first input's allocation balance. */
    xmlInitParser();
    size_t n;
    warta_lex_bucket(WARTA_LEX_MONTH, 'm', &n);
    env_ready = 1;
    return &env;
}

void fuzz_doc_init(struct fuzz_doc *f)
{
    warta_arena_init(&f->arena);
    warta_doc_init(&f->doc, &f->arena);
    warta_error_clear(&f->err);
}

void fuzz_doc_free(struct fuzz_doc *f)
{
    warta_doc_release(&f->doc);
    warta_arena_free(&f->arena);
}

void fuzz_pick_options(struct warta_options *o, const uint8_t **data,
                       size_t *size)
{
    static const char *const hints[8] = {NULL, NULL, "id", "ms",
                                         "en", "en-GB", "zz", "th"};
    if (*size == 0)
        return;
    uint8_t b = **data;
    (*data)++;
    (*size)--;
    o->format = (enum warta_format)(b & 3);
    o->explain = (b >> 2) & 1;
    o->lang_hint = hints[(b >> 3) & 7];
}

void fuzz_run_pipeline(enum warta_input_kind kind, const uint8_t *data,
                       size_t size)
{
    const struct warta_env *e = fuzz_env();
    struct fuzz_doc f;
    fuzz_doc_init(&f);
    fuzz_pick_options(&f.doc.opts, &data, &size);
    f.doc.opts.remember = false;
    f.doc.base_url = "https://news.example/2024/05/08/story.html";
    if (warta_doc_from_bytes(&f.doc, kind, NULL, (const char *)data, size,
                             &f.err) == WARTA_OK &&
        warta_pipeline_run(&f.doc, e, "clean", &f.err) == WARTA_OK) {
        size_t len;
        const char *type;
        free(warta_render_body(&f.doc, &len, &type));
    }
    fuzz_doc_free(&f);
}

/* Every target needs the same one-time set-up. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_env();
    return 0;
}
