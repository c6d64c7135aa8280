/* Index front: placeholder until the backends land (issue 5). */
#include "warta/index.h"

enum warta_err warta_index_open(struct warta_index **out,
                                const struct warta_config *cfg,
                                struct warta_error *err)
{
    (void)cfg;
    (void)err;
    *out = NULL;
    return WARTA_OK;
}

void warta_index_close(struct warta_index *idx)
{
    (void)idx;
}

bool warta_index_ready(struct warta_index *idx)
{
    (void)idx;
    return true;
}
