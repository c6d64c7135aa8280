/*
 * metadata stage: the page's own structured data first, then what the
 * blocks' roles say (title line, date line, caption, footer labels,
 * related links), then the derived fields (paragraphs, text, stats,
 * language, removed list).
 */
#include <string.h>

#include "metadata/metadata.h"
#include "warta/langid.h"
#include "warta/str.h"
#include "warta/text.h"

/* Reading speed used for reading_time_seconds (words per minute). */
#define WORDS_PER_MINUTE 200

static const char *dup_str(struct warta_doc *doc, struct warta_str s)
{
    return warta_arena_strndup(doc->arena, s.p, s.len);
}

/* "ANTARA/ Zubi Mahrofi" -> "ANTARA/Zubi Mahrofi"; "Foto: X" -> "X". */
static const char *clean_credit(struct warta_doc *doc, struct warta_str s)
{
    char *out = warta_arena_alloc(doc->arena, s.len + 1);
    size_t k = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (s.p[i] == ' ' && ((k && out[k - 1] == '/') ||
                              (i + 1 < s.len && s.p[i + 1] == '/')))
            continue;
        out[k++] = s.p[i];
    }
    out[k] = '\0';
    struct warta_str c = warta_str_make(out, k);
    const char *colon = memchr(c.p, ':', c.len);
    if (colon && !memchr(c.p, '/', (size_t)(colon - c.p)) && colon - c.p < 16)
        c = warta_str_trim(warta_str_make(colon + 1, (size_t)(c.p + c.len - colon - 1)));
    return dup_str(doc, c);
}

static void take_caption(struct warta_doc *doc, const struct warta_block *b)
{
    struct warta_str s = warta_str_make(b->text, b->len);
    const char *caption = b->text, *credit = NULL;
    long open = warta_str_trailing_parens(s);
    if (open >= 0) {
        size_t i = (size_t)open;
        credit = clean_credit(doc, warta_str_trim(warta_str_make(s.p + i + 1, s.len - i - 2)));
        caption = dup_str(doc, warta_str_trim(warta_str_make(s.p, i)));
    }
    /* The HTML extractor may have added the image already (with its URL). */
    for (size_t i = 0; i < doc->n_images; i++) {
        struct warta_image *im = &doc->images[i];
        if (im->caption && !strcmp(im->caption, b->text)) {
            im->caption = caption;
            if (!im->credit)
                im->credit = credit;
            return;
        }
    }
    warta_doc_add_image(doc, b->url, caption, credit);
}

static void split_tags(struct warta_doc *doc, struct warta_str v)
{
    const char *p = v.p, *end = v.p + v.len;
    while (p < end) {
        const char *sep = p;
        while (sep < end && *sep != ',' && *sep != ';' && *sep != '#' && *sep != '|')
            sep++;
        struct warta_str tag = warta_str_trim(warta_str_make(p, (size_t)(sep - p)));
        if (tag.len && tag.len < 80)
            warta_strlist_push_unique(doc->arena, &doc->tags, dup_str(doc, tag));
        p = sep + 1;
    }
}

/* A footer line may hold several fields: "Reporting by A; Editing by B",
 * "Penulis : A | Editor : B". Tags end it: "Tags: A; B | C" is one list,
 * whatever separates its items. */
static void take_footer(struct warta_doc *doc, const struct warta_block *b)
{
    const char *p = b->text, *end = b->text + b->len;
    while (p < end) {
        const char *sep = p;
        while (sep < end && *sep != ';' && *sep != '|')
            sep++;
        struct warta_str seg = warta_str_trim(warta_str_make(p, (size_t)(sep - p)));
        enum warta_label_kind kind;
        size_t at;
        if (seg.len && warta_match_label(seg, &kind, &at)) {
            struct warta_str v = warta_str_trim(warta_str_make(seg.p + at, seg.len - at));
            switch (kind) {
            case WARTA_LABEL_AUTHOR:
                warta_split_names(doc->arena, &doc->authors, v.p, v.len);
                break;
            case WARTA_LABEL_EDITOR:
                warta_split_names(doc->arena, &doc->editors, v.p, v.len);
                break;
            case WARTA_LABEL_TAGS:
                split_tags(doc, warta_str_make(v.p, (size_t)(end - v.p)));
                return;
            case WARTA_LABEL_PHOTOGRAPHER:
                if (v.len && doc->n_images && !doc->images[0].credit)
                    doc->images[0].credit = dup_str(doc, v);
                break;
            case WARTA_LABEL_SOURCE:
            case WARTA_LABEL_TRANSLATOR:
                break;
            }
        }
        p = sep + 1;
    }
}

static void from_roles(struct warta_doc *doc)
{
    /* Structured authors (HTML) win; text bylines only fill a gap. */
    bool had_authors = doc->authors.n > 0, had_editors = doc->editors.n > 0;
    struct warta_strlist authors = {0}, editors = {0};
    struct warta_strlist saved_a = doc->authors, saved_e = doc->editors;
    doc->authors = authors;
    doc->editors = editors;

    for (size_t i = 0; i < doc->n_blocks; i++) {
        const struct warta_block *b = &doc->blocks[i];
        if (b->removed_reason)
            continue;
        struct warta_str s = warta_str_make(b->text, b->len);
        switch (b->role) {
        case WARTA_ROLE_TITLE:
            if (!doc->title)
                doc->title = b->text;
            break;
        case WARTA_ROLE_KICKER:
            if (!doc->kicker)
                doc->kicker = b->text;
            break;
        case WARTA_ROLE_SUBTITLE:
            if (!doc->subtitle)
                doc->subtitle = b->text;
            break;
        case WARTA_ROLE_DATE:
            if (!doc->published_at)
                doc->published_at = warta_parse_date(doc->arena, s.p, s.len);
            break;
        case WARTA_ROLE_CAPTION:
            take_caption(doc, b);
            break;
        case WARTA_ROLE_BYLINE: {
            /* "Name - outlet" keeps the name only. */
            const char *dash = strstr(b->text, " - ");
            warta_split_names(doc->arena, &doc->authors, b->text,
                              dash ? (size_t)(dash - b->text) : b->len);
            break;
        }
        case WARTA_ROLE_FOOTER:
            take_footer(doc, b);
            break;
        case WARTA_ROLE_TAG:
            split_tags(doc, s);
            break;
        case WARTA_ROLE_COPYRIGHT:
            if (!doc->copyright)
                doc->copyright = b->text;
            break;
        case WARTA_ROLE_RELATED:
            warta_doc_add_related(doc, b->text, b->url);
            break;
        default:
            break;
        }
    }
    if (had_authors)
        doc->authors = saved_a;
    if (had_editors)
        doc->editors = saved_e;
}

static const char *removal_reason(const struct warta_block *b)
{
    if (b->removed_reason)
        return b->removed_reason;
    return warta_role_name(b->role);
}

static void derive_body(struct warta_doc *doc)
{
    size_t n = 0, total = 0;
    long *para_of = warta_arena_alloc(doc->arena, (doc->n_blocks + 1) * sizeof(long));
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const struct warta_block *b = &doc->blocks[i];
        para_of[i] = -1;
        if (warta_role_is_content(b->role) && !b->removed_reason && b->len) {
            para_of[i] = (long)n++;
            total += b->len + 2;
        }
    }
    doc->paragraphs = warta_arena_alloc(doc->arena, (n + 1) * sizeof(char *));
    doc->paragraph_len = warta_arena_alloc(doc->arena, (n + 1) * sizeof(size_t));
    doc->text = warta_arena_alloc(doc->arena, total + 1);
    size_t w = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const struct warta_block *b = &doc->blocks[i];
        if (para_of[i] < 0) {
            if (!doc->opts.explain)
                continue;
            if (doc->n_removed == doc->cap_removed) {
                size_t cap = doc->cap_removed ? doc->cap_removed * 2 : 16;
                doc->removed = warta_arena_grow(doc->arena, doc->removed,
                                                doc->n_removed, cap,
                                                sizeof(*doc->removed));
                doc->cap_removed = cap;
            }
            struct warta_removed *r = &doc->removed[doc->n_removed++];
            r->text = b->text;
            r->reason = removal_reason(b);
            /* Point at the kept paragraph this block repeats, if any. */
            r->duplicate_of = b->duplicate_of >= 0 ? para_of[b->duplicate_of] : -1;
            continue;
        }
        doc->paragraph_len[doc->n_paragraphs] = b->len;
        doc->paragraphs[doc->n_paragraphs++] = b->text;
        if (w) {
            doc->text[w++] = '\n';
            doc->text[w++] = '\n';
        }
        memcpy(doc->text + w, b->text, b->len);
        w += b->len;
    }
    doc->text[w] = '\0';
    doc->stats.paragraphs = doc->n_paragraphs;
    /* Words as the fold split them (cached since dedupe). */
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (para_of[i] >= 0) {
            size_t flen;
            warta_block_folded(doc, &doc->blocks[i], &flen);
            doc->stats.words += doc->blocks[i].words;
        }
    doc->stats.characters = warta_utf8_length(doc->text, w);
    doc->stats.reading_time_seconds =
        (doc->stats.words * 60 + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
}

/* A description built from the body is at most this many characters, as
 * Readability's excerpt and what search results show. */
#define LEAD_MAX_CHARS 300
/* A first paragraph shorter than this (a dateline, a standfirst label, a
 * one-line quote) says too little; the lead comes from the next one. */
#define LEAD_MIN_WORDS 8

/* No description stated by the page: the first one or two sentences of
 * the body. */
static void describe_from_lead(struct warta_doc *doc)
{
    if (doc->description || !doc->n_paragraphs)
        return;
    size_t pick = 0;
    for (size_t i = 0; i < doc->n_paragraphs; i++)
        if (warta_count_words_upto(doc->paragraphs[i], doc->paragraph_len[i],
                                   LEAD_MIN_WORDS) >= LEAD_MIN_WORDS) {
            pick = i;
            break;
        }
    doc->description = warta_lead_sentences(doc->arena, doc->paragraphs[pick],
                                            doc->paragraph_len[pick], LEAD_MAX_CHARS);
}

#define LANGID_SAMPLE 4096

static void detect_language(struct warta_doc *doc, struct warta_langid *langid)
{
    if (doc->opts.lang_hint) {
        doc->language = doc->opts.lang_hint;
        return;
    }
    if (doc->language)
        return;
    /* The body's word hashes are already there from dedupe: the first
     * LANGID_SAMPLE bytes' worth of folded words. */
    size_t n;
    const uint64_t *words = warta_doc_body_words(doc, LANGID_SAMPLE, &n);
    const char *code = warta_langid_detect_words(langid, words, n, doc->text,
                                                 strlen(doc->text));
    if (code)
        doc->language = code;
}

/* A time read without a zone ("2023-05-08T16:46:00") gets the offset its
 * language implies where there is one (Malay: UTC+8). Otherwise only the
 * date is kept, with a warning: RFC 3339 has no zone-less times, and an
 * invented offset would move the story by hours. */
static void settle_zones(struct warta_doc *doc)
{
    const struct warta_lang *l = warta_lang_find(doc->language);
    const char **fields[] = {&doc->published_at, &doc->modified_at};
    for (size_t i = 0; i < 2; i++) {
        const char *v = *fields[i];
        if (!v || strlen(v) != 19)
            continue; /* no time, or already zoned */
        if (l && l->has_default_offset) {
            int off = l->default_offset_minutes, a = off < 0 ? -off : off;
            *fields[i] = warta_arena_printf(doc->arena, "%s%c%02d:%02d", v,
                                            off < 0 ? '-' : '+', a / 60, a % 60);
        } else {
            *fields[i] = warta_arena_strndup(doc->arena, v, 10);
            warta_doc_warn(doc, "time-zone-unknown");
        }
    }
}

enum warta_err warta_metadata_run(struct warta_doc *doc,
                                  struct warta_langid *langid,
                                  struct warta_error *err)
{
    warta_metadata_from_html(doc);
    from_roles(doc);
    derive_body(doc);
    describe_from_lead(doc);
    detect_language(doc, langid);
    settle_zones(doc);
    /* A bodiless page is still an answer when it has a title, a date or
     * a description; with none of them there is nothing to report. */
    if (!doc->n_paragraphs && !doc->title && !doc->published_at &&
        !doc->description)
        return warta_error_set(err, WARTA_ERR_NO_CONTENT,
                               "no article text, title, date or description "
                               "found in the input");
    return WARTA_OK;
}
