/* format=ninjs: IPTC ninjs 2.x. */
#include <jansson.h>

#include "warta/render.h"

void *warta_render_ninjs(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "uri", json_string(doc->id ? doc->id : "urn:warta:unknown"));
    return o;
}
