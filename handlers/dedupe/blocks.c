/* In-article duplicate blocks: placeholder. */
#include "dedupe.h"

void warta_dedupe_blocks(struct warta_doc *doc)
{
    (void)doc;
}
