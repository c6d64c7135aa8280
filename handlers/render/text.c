/* format=text: the headline, then the paragraphs, for scripts and pipes. */
#include <string.h>

#include "warta/render.h"

char *warta_render_text(const struct warta_doc *doc)
{
    const char *title = doc->title ? doc->title : "";
    const char *body = doc->text ? doc->text : "";
    if (!*title)
        return warta_arena_printf(doc->arena, "%s\n", body);
    return warta_arena_printf(doc->arena, "%s\n\n%s\n", title, body);
}
