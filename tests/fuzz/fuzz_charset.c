/*
 * Charsets: sniffing and decoding of HTML bytes (BOM, header charset,
 * <meta charset>, the UTF-8/windows-1252 repair, uchardet), the text
 * path's charset choice for fetched pages (warta_fetch_apply, no network),
 * the iconv conversion itself, and the Unicode layer the decoded text goes
 * through next (line normalisation, folding with word hashes).
 *
 * Byte 0 picks the charset label a Content-Type header would carry (none,
 * common ones, UTF-16/32 and ones iconv does not know) and whether the
 * page is served as text/plain, text/html or with no type; the rest is
 * the body.
 */
#include <stdlib.h>
#include <string.h>

#include "clean/html.h"
#include "common.h"
#include "warta/fetch.h"
#include "warta/unicode.h"

static const char *const labels[16] = {
    NULL,        NULL,      "utf-8",     "UTF8",
    "windows-1252", "iso-8859-1", "gbk",  "shift_jis",
    "euc-kr",    "koi8-r",  "utf-16le",  "UTF-16",
    "utf-32",    "UTF-7",   "x-no-such", "",
};

static void unicode_layer(struct warta_arena *a, const char *p, size_t len)
{
    size_t n;
    char *lines = warta_text_normalize_valid_lines(a, p, len, &n);
    const uint64_t *hashes;
    size_t words;
    warta_text_fold_words(a, lines, n, &n, &hashes, &words);
    warta_text_normalize(a, p, len, &n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *label = labels[data[0] & 15];
    unsigned served = (data[0] >> 4) % 3;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;

    /* HTML bytes as the clean stage decodes them. */
    struct fuzz_doc html;
    fuzz_doc_init(&html);
    if (warta_doc_from_bytes(&html.doc, WARTA_INPUT_HTML, label, body, len,
                             &html.err) == WARTA_OK) {
        size_t n;
        char *utf8 = warta_html_decode(&html.doc, &n);
        unicode_layer(&html.arena, utf8, n);
    }

    /* The conversion on its own, for any label. */
    size_t n;
    bool repaired;
    warta_charset_to_utf8(&html.arena, label ? label : "utf-8", body, len, &n,
                          &repaired);
    fuzz_doc_free(&html);

    /* A fetched page: the type and charset of its header. */
    struct fuzz_doc page;
    fuzz_doc_init(&page);
    struct warta_fetch_result r;
    memset(&r, 0, sizeof(r));
    r.body = malloc(len + 1);
    if (!r.body)
        abort();
    memcpy(r.body, body, len);
    r.body[len] = '\0';
    r.len = len;
    r.content_type = served == 0   ? NULL
                     : served == 1 ? (char *)"text/plain"
                                   : (char *)"text/html";
    r.charset = (char *)label;
    if (warta_fetch_apply(&page.doc, &r, &page.err) == WARTA_OK &&
        page.doc.input_utf8)
        unicode_layer(&page.arena, page.doc.input, page.doc.input_len);
    free(r.body);
    fuzz_doc_free(&page);
    return 0;
}
