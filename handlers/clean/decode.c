/*
 * An input's bytes into the document: what kind of input it is (text or
 * HTML, when the caller did not say), and text decoded to UTF-8 from the
 * charset the caller named. The route, the CLI and the fetch stage all
 * arrive here, so a page reads the same whichever way it came.
 */
#include <string.h>

#include "warta/stages.h"
#include "warta/str.h"
#include "warta/unicode.h"

enum warta_input_kind warta_sniff_kind(const char *p, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
                       p[i] == '\n'))
        i++;
    if (i >= len || p[i] != '<')
        return WARTA_INPUT_TEXT;
    /* A leading '<' followed by a known HTML construct in the first KB. */
    static const char *const marks[] = {"<!doctype html", "<html", "<head",
                                        "<body", "<meta", "<div", "<p>",
                                        "<p ", "<article", "<!--", "<title",
                                        "<section", "<main", "<h1"};
    struct warta_str window = warta_str_make(p + i, len - i < 1024 ? len - i : 1024);
    for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
        if (warta_str_ifind(window, marks[k]) >= 0)
            return WARTA_INPUT_HTML;
    return WARTA_INPUT_TEXT;
}

enum warta_err warta_doc_from_bytes(struct warta_doc *doc,
                                    enum warta_input_kind kind,
                                    const char *charset, const char *body,
                                    size_t len, struct warta_error *err)
{
    bool repaired = false;
    size_t n = 0;
    char *utf8;
    if (kind == WARTA_INPUT_HTML) {
        /* HTML keeps its bytes: the clean stage decodes them with the
         * page's own <meta charset> when no header named one. */
        utf8 = warta_arena_strndup(doc->arena, body, len);
        n = len;
        doc->source.charset = charset ? warta_arena_strdup(doc->arena, charset) : NULL;
    } else {
        utf8 = warta_charset_to_utf8(doc->arena, charset, body, len, &n,
                                     &repaired);
        if (!utf8)
            return warta_error_set(err, WARTA_ERR_UNSUPPORTED_MEDIA,
                                   "unknown charset '%.64s'", charset);
        doc->source.charset = warta_arena_strdup(doc->arena, charset ? charset : "utf-8");
    }
    if (repaired)
        warta_doc_warn(doc, "invalid-utf8-repaired");
    doc->kind = kind;
    doc->input = utf8;
    doc->input_len = n;
    /* Text was decoded and repaired above; HTML keeps its raw bytes. */
    doc->input_utf8 = kind != WARTA_INPUT_HTML;
    return WARTA_OK;
}

