/* Structured page metadata: lands with the HTML extractor (issue 3). */
#include "metadata.h"

void warta_metadata_from_html(struct warta_doc *doc)
{
    (void)doc;
}
