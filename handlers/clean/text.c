/*
 * Plain text -> blocks. Pasted copy comes in two shapes: one paragraph per
 * line (web copy-paste), or hard-wrapped lines with blank lines between
 * paragraphs (wire copy, e-mail). The second is recognised from its line
 * lengths and re-joined, so both give one block per paragraph.
 */
#include <ctype.h>
#include <string.h>

#include "clean.h"
#include "warta/str.h"
#include "warta/text.h"
#include "warta/unicode.h"

struct line {
    const char *p;
    size_t len;
};

/* "- item", "• item", "* item", "1. item", "2) item", "a. item". */
static bool is_list_item(const char *p, size_t len)
{
    if (len >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ')
        return true;
    if (len >= 4 && !memcmp(p, "\xE2\x80\xA2 ", 4)) /* U+2022 bullet */
        return true;
    size_t i = 0;
    while (i < len && i < 3 && isdigit((unsigned char)p[i]))
        i++;
    if (i == 0 && len >= 3 && islower((unsigned char)p[0]))
        i = 1;
    return i > 0 && i + 1 < len && (p[i] == '.' || p[i] == ')') &&
           p[i + 1] == ' ';
}

/* Hard-wrapped copy: blank lines separate paragraphs, most lines inside a
 * paragraph run to a similar width and stop short of it only at the end. */
static bool looks_hard_wrapped(const struct line *lines, size_t n)
{
    size_t blanks = 0, wrapped = 0, candidates = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].len == 0) {
            blanks++;
            continue;
        }
        bool next_is_text = i + 1 < n && lines[i + 1].len > 0;
        if (!next_is_text)
            continue;
        candidates++;
        /* A code point takes 1 to 4 bytes: outside 50..400 bytes the line
         * cannot be 50..100 characters wide, and needs no count. */
        size_t bytes = lines[i].len;
        size_t cps = bytes < 50 || bytes > 400 ? bytes
                                               : warta_utf8_length_upto(lines[i].p, bytes, 100);
        if (cps >= 50 && cps <= 100 && !warta_ends_sentence(lines[i].p, lines[i].len))
            wrapped++;
    }
    return blanks > 0 && candidates >= 3 && wrapped * 2 >= candidates;
}

enum warta_err warta_clean_text(struct warta_doc *doc,
                                struct warta_error *err)
{
    (void)err;
    size_t n_text;
    char *text = doc->input_utf8
                     ? warta_text_normalize_valid_lines(doc->arena, doc->input,
                                                        doc->input_len, &n_text)
                     : warta_text_normalize_lines(doc->arena, doc->input,
                                                  doc->input_len, &n_text);
    size_t n_lines = 1;
    for (const char *nl = text; (nl = memchr(nl, '\n', n_text - (size_t)(nl - text)));
         nl++)
        n_lines++;
    struct line *lines = warta_arena_alloc(doc->arena, n_lines * sizeof(*lines));
    size_t k = 0;
    for (char *p = text;; k++) {
        char *nl = strchr(p, '\n');
        lines[k].p = p;
        lines[k].len = nl ? (size_t)(nl - p) : strlen(p);
        if (!nl) {
            k++;
            break;
        }
        p = nl + 1;
    }
    n_lines = k;

    bool wrapped = looks_hard_wrapped(lines, n_lines);
    for (size_t i = 0; i < n_lines; i++) {
        if (lines[i].len == 0)
            continue;
        bool list = is_list_item(lines[i].p, lines[i].len);
        size_t end = i;
        if (wrapped && !list) {
            /* Join until a blank line, a list item or a sentence end on a
             * visibly short line. */
            while (end + 1 < n_lines && lines[end + 1].len > 0 &&
                   !is_list_item(lines[end + 1].p, lines[end + 1].len) &&
                   !(warta_ends_sentence(lines[end].p, lines[end].len) &&
                     warta_utf8_length_upto(lines[end].p, lines[end].len, 50) < 50))
                end++;
        }
        bool blank_after = end + 1 < n_lines && lines[end + 1].len == 0;
        if (end == i) {
            warta_doc_add_block(doc, list ? WARTA_BLOCK_LIST_ITEM
                                          : WARTA_BLOCK_PARAGRAPH,
                                lines[i].p, lines[i].len)->blank_after = blank_after;
            continue;
        }
        size_t total = 0;
        for (size_t j = i; j <= end; j++)
            total += lines[j].len + 1;
        char *joined = warta_arena_alloc(doc->arena, total + 1);
        size_t w = 0;
        for (size_t j = i; j <= end; j++) {
            if (w)
                joined[w++] = ' ';
            memcpy(joined + w, lines[j].p, lines[j].len);
            w += lines[j].len;
        }
        warta_doc_add_block(doc, WARTA_BLOCK_PARAGRAPH, joined, w)->blank_after = blank_after;
        i = end;
    }
    return WARTA_OK;
}
