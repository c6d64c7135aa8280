/* placeholder */
#include "clean.h"
#include "warta/unicode.h"
#include <string.h>

enum warta_err warta_clean_text(struct warta_doc *doc,
                                const struct warta_env *env,
                                struct warta_error *err)
{
    (void)env; (void)err;
    size_t n;
    char *t = warta_text_normalize_lines(doc->arena, doc->input, doc->input_len, &n);
    char *p = t;
    while (*p) {
        size_t l = strcspn(p, "\n");
        if (l) warta_doc_add_block(doc, WARTA_BLOCK_PARAGRAPH, p, l);
        p += l; if (*p) p++;
    }
    return WARTA_OK;
}
