/* format=jsonld: schema.org NewsArticle. */
#include <jansson.h>

#include "warta/render.h"

void *warta_render_jsonld(const struct warta_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "@context", json_string("https://schema.org"));
    json_object_set_new(o, "@type", json_string("NewsArticle"));
    if (doc->title)
        json_object_set_new(o, "headline", json_string(doc->title));
    return o;
}
