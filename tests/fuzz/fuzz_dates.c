/*
 * The date parser (warta_parse_date, warta_month_number) and the phrase
 * matchers of the text layer, over every language table.
 *
 * The first byte picks a language table (registry order). In the rest,
 * a byte 0x01..0x05 followed by a byte k stands for the k-th month name,
 * weekday, zone abbreviation, time word or date connector ("de") of that
 * table ("\x01\x04" is
 * "Mei" in Indonesian, "May" in English): the fuzzer combines real table
 * words with digits and punctuation without having to guess them, and
 * each table gets its turn. The expanded text is handed over in a buffer
 * of its exact length, not NUL-terminated, so ASan sees any over-read.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "warta/lang.h"
#include "warta/text.h"

static size_t count(const char *const *v, size_t stride)
{
    size_t n = 0;
    while (*(const char *const *)((const char *)v + n * stride))
        n++;
    return n;
}

/* The k-th word of one of the five lists of lang, or NULL. */
static const char *table_word(const struct warta_lang *lang, int list,
                              uint8_t k)
{
    const char *const *v = NULL;
    size_t stride = sizeof(const char *);
    switch (list) {
    case 1:
        if (lang->months)
            v = &lang->months[0].name;
        stride = sizeof(lang->months[0]);
        break;
    case 2:
        v = lang->weekdays;
        break;
    case 3:
        if (lang->zones)
            v = &lang->zones[0].abbr;
        stride = sizeof(lang->zones[0]);
        break;
    case 4:
        v = lang->time_words;
        break;
    default:
        v = lang->date_connectors;
        break;
    }
    if (!v)
        return NULL;
    size_t n = count(v, stride);
    if (n == 0)
        return NULL;
    return *(const char *const *)((const char *)v + (k % n) * stride);
}

/* Writes the expanded text to out (when not NULL); returns its length. */
static size_t expand(const struct warta_lang *lang, const uint8_t *p,
                     size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = NULL;
        if (p[i] >= 1 && p[i] <= 5 && i + 1 < n) {
            w = table_word(lang, p[i], p[i + 1]);
            i++;
        }
        size_t wl = w ? strlen(w) : 1;
        if (out)
            memcpy(out + o, w ? w : (const char *)&p[i], wl);
        o += wl;
    }
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t n_langs;
    const struct warta_lang *const *langs = warta_langs(&n_langs);
    const struct warta_lang *lang = langs[data[0] % n_langs];
    size_t len = expand(lang, data + 1, size - 1, NULL);
    char *text = malloc(len ? len : 1);
    if (!text)
        abort();
    expand(lang, data + 1, size - 1, text);

    struct warta_arena arena;
    warta_arena_init(&arena);
    warta_parse_date(&arena, text, len);
    warta_month_number(text, len);

    struct warta_str s = warta_str_make(text, len);
    enum warta_label_kind kind;
    size_t at;
    warta_match_label(s, &kind, &at);
    warta_related_prefix(s);
    warta_is_furniture_line(s);
    warta_is_copyright_line(s);
    warta_caption_credit(s);
    warta_is_agency(s);
    warta_byline_prefix(s);

    warta_arena_free(&arena);
    free(text);
    return 0;
}
