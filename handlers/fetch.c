/* fetch stage: placeholder until the fetcher lands (issue 4). */
#include "warta/fetch.h"

#include "warta/article.h"
#include "warta/pipeline.h"

enum warta_err warta_fetcher_open(struct warta_fetcher **out,
                                  const struct warta_config *cfg,
                                  struct warta_error *err)
{
    (void)cfg;
    (void)err;
    *out = NULL;
    return WARTA_OK;
}

void warta_fetcher_close(struct warta_fetcher *f)
{
    (void)f;
}

enum warta_err warta_fetch_run(struct warta_doc *doc,
                               const struct warta_env *env,
                               struct warta_error *err)
{
    (void)env;
    if (doc->kind != WARTA_INPUT_URL)
        return WARTA_OK;
    return warta_error_set(err, WARTA_ERR_UNSUPPORTED_MEDIA,
                           "URL input is not supported yet");
}

enum warta_err warta_fetcher_submit(struct warta_fetcher *f, const char *url,
                                    warta_fetch_done_fn done, void *userdata,
                                    struct warta_error *err)
{
    (void)f; (void)url; (void)done; (void)userdata;
    return warta_error_set(err, WARTA_ERR_UNSUPPORTED_MEDIA, "not yet");
}

void warta_fetch_result_free(struct warta_fetch_result *r)
{
    (void)r;
}

enum warta_err warta_fetch_apply(struct warta_doc *doc,
                                 const struct warta_fetch_result *r,
                                 struct warta_error *err)
{
    (void)doc; (void)r;
    return warta_error_set(err, WARTA_ERR_UNSUPPORTED_MEDIA, "not yet");
}
