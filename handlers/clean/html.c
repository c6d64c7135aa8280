/* HTML extraction: lands with issue 3. Until then HTML is read as text. */
#include "clean.h"

enum warta_err warta_clean_html(struct warta_doc *doc,
                                const struct warta_env *env,
                                struct warta_error *err)
{
    return warta_clean_text(doc, env, err);
}
