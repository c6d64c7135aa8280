/*
 * The JSON-LD reader and the rest of the structured metadata walk
 * (handlers/metadata/structured.c): the input is the text of one
 * <script type="application/ld+json"> in an otherwise small page, parsed
 * by libxml2 as the clean stage parses pages, then read by
 * warta_metadata_from_html. Byte 0 picks where the script sits (head or
 * body) and whether og: meta tags compete with it.
 */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "metadata/metadata.h"

static void free_html(void *p)
{
    xmlFreeDoc(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const heads[4] = {
        "<html><head><title>T</title><script type=\"application/ld+json\">",
        "<html><head><meta property=\"og:title\" content=\"OG\">"
        "<meta property=\"article:published_time\" "
        "content=\"2024-05-08T10:00:00+07:00\">"
        "<script type=\"application/ld+json\">",
        "<html><body><article><h1>T</h1><script "
        "type=\"application/ld+json\">",
        "<html lang=\"id\"><head><link rel=\"canonical\" href=\"/a\">"
        "<script type='application/ld+json'>",
    };
    static const char tail[] = "</script></head><body><p>Body.</p></body>"
                               "</html>";
    const char *head = heads[data[0] & 3];
    size_t hl = strlen(head), bl = size - 1, tl = sizeof(tail) - 1;
    char *page = malloc(hl + bl + tl);
    if (!page)
        abort();
    memcpy(page, head, hl);
    memcpy(page + hl, data + 1, bl);
    memcpy(page + hl + bl, tail, tl);

    struct fuzz_doc f;
    fuzz_doc_init(&f);
    struct warta_doc *doc = &f.doc;
    doc->kind = WARTA_INPUT_HTML;
    doc->base_url = "https://news.example/2024/05/08/story.html";
    doc->html = htmlReadMemory(page, (int)(hl + bl + tl), doc->base_url,
                              "UTF-8",
                              HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                  HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                  HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    doc->html_free = free_html;
    free(page);
    if (doc->html)
        warta_metadata_from_html(doc);
    fuzz_doc_free(&f);
    return 0;
}
