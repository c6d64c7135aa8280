/* metadata stage: placeholder. */
#include "warta/pipeline.h"

enum warta_err warta_metadata_run(struct warta_doc *doc,
                                  const struct warta_env *env,
                                  struct warta_error *err)
{
    (void)doc; (void)env; (void)err;
    return WARTA_OK;
}
