/*
 * Output formats: a document built by hand, rendered as ninjs, JSON-LD,
 * text and native, and the fields each format promises checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warta/article.h"
#include "warta/pipeline.h"
#include "warta/render.h"
#include "render/json_writer.h"

struct fixture {
    struct warta_arena arena;
    struct warta_doc doc;
};

static void fill_doc(struct warta_doc *d)
{
    struct warta_arena *a = d->arena;
    d->id = "3f2a9c";
    d->language = "id";
    d->kicker = "ASEAN 2023";
    d->title = "Sekjen ASEAN: Indonesia berperan penting";
    d->subtitle = "Koordinasi isu TPPO";
    d->description = "Ringkasan singkat.";
    d->published_at = "2023-05-08T16:46:00+07:00";
    d->modified_at = "2023-05-08T18:00:00+07:00";
    d->section = "Politik";
    d->copyright = "Copyright \xc2\xa9 ANTARA 2023";
    d->site_name = "ANTARA News";
    d->canonical_url = "https://example.org/berita/1";
    d->dateline.location = "Nusa Dua, Bali";
    d->dateline.agency = "ANTARA";
    warta_strlist_push(a, &d->authors, "Zubi Mahrofi");
    warta_strlist_push(a, &d->authors, "Second Writer");
    warta_strlist_push(a, &d->editors, "Nurul Hayat");
    warta_strlist_push(a, &d->tags, "ASEAN");
    warta_strlist_push(a, &d->tags, "TPPO");
    warta_doc_add_image(d, "https://example.org/foto.jpg", "Sekjen ASEAN.",
                        "ANTARA/Zubi Mahrofi");
    static const char *const paragraphs[] = {"Paragraf satu.", "Paragraf dua."};
    static size_t paragraph_len[] = {14, 13};
    d->paragraphs = (const char **)paragraphs;
    d->paragraph_len = paragraph_len;
    d->n_paragraphs = 2;
    d->text = "Paragraf satu.\n\nParagraf dua.";
    d->stats.words = 4;
    d->stats.characters = 29;
    d->stats.paragraphs = 2;
    snprintf(d->dedupe.content_hash, sizeof(d->dedupe.content_hash),
             "xxh128:%032d", 7);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    warta_arena_init(&f->arena);
    warta_doc_init(&f->doc, &f->arena);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    warta_doc_release(&f->doc);
    warta_arena_free(&f->arena);
    free(f);
    return 0;
}

static const char *str_at(json_t *o, const char *path)
{
    json_t *v = json_object_get(o, path);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The value of the first array item whose `role` is role, or NULL. */
static const char *by_role(json_t *arr, const char *role)
{
    size_t i;
    json_t *it;
    json_array_foreach(arr, i, it) {
        if (json_is_string(json_object_get(it, "role")) &&
            strcmp(json_string_value(json_object_get(it, "role")), role) == 0)
            return str_at(it, "value");
    }
    return NULL;
}

static void test_ninjs_fields(void **state)
{
    struct fixture *f = *state;
    fill_doc(&f->doc);
    json_t *o = warta_render_ninjs(&f->doc);

    assert_string_equal(str_at(o, "uri"), "urn:warta:3f2a9c");
    assert_string_equal(str_at(o, "type"), "text");
    assert_string_equal(str_at(o, "language"), "id");
    assert_string_equal(str_at(o, "firstcreated"), "2023-05-08T16:46:00+07:00");
    assert_string_equal(str_at(o, "versioncreated"), "2023-05-08T18:00:00+07:00");
    assert_string_equal(str_at(o, "copyrightnotice"), f->doc.copyright);
    assert_string_equal(str_at(o, "located"), "Nusa Dua, Bali");
    assert_string_equal(str_at(o, "by"), "Zubi Mahrofi, Second Writer");

    json_t *h = json_object_get(o, "headlines");
    assert_string_equal(by_role(h, "main"), f->doc.title);
    assert_string_equal(by_role(h, "sub"), f->doc.subtitle);
    assert_string_equal(by_role(json_object_get(o, "descriptions"), "summary"),
                        f->doc.description);

    json_t *body = json_array_get(json_object_get(o, "bodies"), 0);
    assert_string_equal(str_at(body, "role"), "main");
    assert_string_equal(str_at(body, "contenttype"), "text/plain");
    assert_string_equal(str_at(body, "value"), f->doc.text);
    assert_int_equal(json_integer_value(json_object_get(body, "wordcount")), 4);

    json_t *people = json_object_get(o, "people");
    assert_int_equal(json_array_size(people), 3);
    assert_string_equal(str_at(json_array_get(people, 0), "rel"), "author");
    assert_string_equal(str_at(json_array_get(people, 2), "name"), "Nurul Hayat");
    assert_string_equal(str_at(json_array_get(people, 2), "rel"), "editor");

    json_t *subjects = json_object_get(o, "subjects");
    assert_int_equal(json_array_size(subjects), 3); /* 2 tags + section */
    assert_string_equal(str_at(json_array_get(subjects, 0), "name"), "ASEAN");

    json_t *img = json_array_get(json_object_get(o, "associations"), 0);
    assert_non_null(img);
    assert_string_equal(str_at(img, "type"), "picture");
    assert_string_equal(str_at(img, "uri"), "https://example.org/foto.jpg");
    assert_non_null(str_at(img, "name"));
    assert_string_equal(str_at(img, "by"), "ANTARA/Zubi Mahrofi");
    assert_string_equal(by_role(json_object_get(img, "descriptions"), "caption"),
                        "Sekjen ASEAN.");

    assert_string_equal(str_at(json_array_get(json_object_get(o, "infosources"), 0),
                               "name"),
                        "ANTARA");
    json_decref(o);
}

/* ninjs forbids nulls and unknown keys: an empty doc has uri, type and an
 * empty body, nothing else that could be null. */
static void test_ninjs_empty_doc(void **state)
{
    struct fixture *f = *state;
    json_t *o = warta_render_ninjs(&f->doc);
    assert_non_null(str_at(o, "uri"));
    assert_int_equal(strncmp(str_at(o, "uri"), "urn:warta:", 10), 0);
    assert_null(json_object_get(o, "headlines"));
    assert_null(json_object_get(o, "people"));
    assert_null(json_object_get(o, "by"));
    assert_null(json_object_get(o, "firstcreated"));
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) assert_false(json_is_null(v));
    json_decref(o);
}

/* A date without a time or offset is not an RFC 3339 date-time and must
 * not reach firstcreated (strict validators reject it). */
static void test_ninjs_skips_partial_dates(void **state)
{
    struct fixture *f = *state;
    f->doc.published_at = "2023-05-08";
    f->doc.modified_at = "2023-05-08T16:46:00"; /* no offset */
    json_t *o = warta_render_ninjs(&f->doc);
    assert_null(json_object_get(o, "firstcreated"));
    assert_null(json_object_get(o, "versioncreated"));
    json_decref(o);

    f->doc.published_at = "2023-05-08T09:46:00.5Z";
    f->doc.modified_at = NULL;
    o = warta_render_ninjs(&f->doc);
    assert_string_equal(str_at(o, "firstcreated"), "2023-05-08T09:46:00.5Z");
    assert_string_equal(str_at(o, "versioncreated"), "2023-05-08T09:46:00.5Z");
    json_decref(o);
}

static void test_ninjs_keeps_urn_id(void **state)
{
    struct fixture *f = *state;
    f->doc.id = "urn:warta:abc";
    json_t *o = warta_render_ninjs(&f->doc);
    assert_string_equal(str_at(o, "uri"), "urn:warta:abc");
    json_decref(o);
}

/* A relative image path is not a URI: the association gets a urn and no
 * rendition instead of an invalid href. */
static void test_ninjs_relative_image(void **state)
{
    struct fixture *f = *state;
    f->doc.id = "abc";
    warta_doc_add_image(&f->doc, "/foto/1.jpg", NULL, NULL);
    json_t *o = warta_render_ninjs(&f->doc);
    json_t *img = json_array_get(json_object_get(o, "associations"), 0);
    assert_string_equal(str_at(img, "uri"), "urn:warta:abc#image1");
    assert_null(json_object_get(img, "renditions"));
    assert_null(json_object_get(img, "descriptions"));
    json_decref(o);
}

static void test_jsonld_fields(void **state)
{
    struct fixture *f = *state;
    fill_doc(&f->doc);
    json_t *o = warta_render_jsonld(&f->doc);

    assert_string_equal(str_at(o, "@context"), "https://schema.org");
    assert_string_equal(str_at(o, "@type"), "NewsArticle");
    assert_string_equal(str_at(o, "headline"), f->doc.title);
    assert_string_equal(str_at(o, "alternativeHeadline"), f->doc.subtitle);
    assert_string_equal(str_at(o, "description"), f->doc.description);
    assert_string_equal(str_at(o, "datePublished"), f->doc.published_at);
    assert_string_equal(str_at(o, "dateModified"), f->doc.modified_at);
    assert_string_equal(str_at(o, "inLanguage"), "id");
    assert_string_equal(str_at(o, "articleSection"), "Politik");
    assert_string_equal(str_at(o, "keywords"), "ASEAN, TPPO");
    assert_string_equal(str_at(o, "articleBody"), f->doc.text);
    assert_int_equal(json_integer_value(json_object_get(o, "wordCount")), 4);
    assert_string_equal(str_at(o, "copyrightNotice"), f->doc.copyright);
    assert_string_equal(str_at(o, "url"), "https://example.org/berita/1");
    assert_string_equal(str_at(json_object_get(o, "mainEntityOfPage"), "@id"),
                        "https://example.org/berita/1");

    json_t *author = json_object_get(o, "author");
    assert_int_equal(json_array_size(author), 2);
    assert_string_equal(str_at(json_array_get(author, 0), "@type"), "Person");
    assert_string_equal(str_at(json_array_get(author, 0), "name"), "Zubi Mahrofi");
    assert_string_equal(str_at(json_array_get(json_object_get(o, "editor"), 0),
                               "name"),
                        "Nurul Hayat");

    json_t *img = json_array_get(json_object_get(o, "image"), 0);
    assert_string_equal(str_at(img, "@type"), "ImageObject");
    assert_string_equal(str_at(img, "url"), "https://example.org/foto.jpg");
    assert_string_equal(str_at(img, "caption"), "Sekjen ASEAN.");
    assert_string_equal(str_at(img, "creditText"), "ANTARA/Zubi Mahrofi");

    assert_string_equal(str_at(json_object_get(o, "publisher"), "name"),
                        "ANTARA News");
    assert_string_equal(str_at(json_object_get(o, "sourceOrganization"), "name"),
                        "ANTARA");
    json_decref(o);
}

/* Without a site name the dateline agency publishes; unknowns are absent,
 * never null. */
static void test_jsonld_publisher_fallback(void **state)
{
    struct fixture *f = *state;
    f->doc.dateline.agency = "ANTARA";
    json_t *o = warta_render_jsonld(&f->doc);
    assert_string_equal(str_at(json_object_get(o, "publisher"), "@type"),
                        "Organization");
    assert_string_equal(str_at(json_object_get(o, "publisher"), "name"), "ANTARA");
    assert_null(json_object_get(o, "headline"));
    assert_null(json_object_get(o, "author"));
    assert_null(json_object_get(o, "keywords"));
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) assert_false(json_is_null(v));
    json_decref(o);
}

/* The render stage dispatches on opts.format and serialises with the
 * media type of the format. */
static void test_render_run_media_types(void **state)
{
    struct fixture *f = *state;
    fill_doc(&f->doc);
    static const struct {
        enum warta_format fmt;
        const char *type, *needle;
    } cases[] = {
        {WARTA_FORMAT_NINJS, "application/json", "\"uri\":\"urn:warta:3f2a9c\""},
        {WARTA_FORMAT_JSONLD, "application/ld+json", "\"@type\":\"NewsArticle\""},
        {WARTA_FORMAT_NATIVE, "application/json", "\"id\":\"3f2a9c\""},
        {WARTA_FORMAT_TEXT, "text/plain; charset=utf-8", "Paragraf dua."},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        f->doc.opts.format = cases[i].fmt;
        struct warta_error err = {0};
        assert_int_equal(warta_render_run(&f->doc, &err), WARTA_OK);
        size_t len = 0;
        const char *type = NULL;
        char *body = warta_render_body(&f->doc, &len, &type);
        assert_string_equal(type, cases[i].type);
        assert_non_null(strstr(body, cases[i].needle));
        assert_int_equal(body[len - 1], '\n');
        free(body);
        /* Release what this round built before the next format. */
        warta_doc_release(&f->doc);
    }
}


/* The native writer's string escaping, word-at-a-time, against a
 * byte-at-a-time model on random strings whose escapes land on every
 * position of an 8-byte chunk; jansson must read the result back. */
static void test_json_writer_escapes(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "kata ", "\"", "\\", "\n", "\t", "\r", "\x01", "\x1F",
        "\xC3\xA9", "\xE2\x80\x94", "/", "~", "\x7F",
    };
    const size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
    uint64_t seed = 42;
    for (int round = 0; round < 2000; round++) {
        char in[256], want[1024];
        size_t len = 0, k = 0;
        want[k++] = '"';
        size_t count = (size_t)(round % 40);
        for (size_t i = 0; i < count; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t r = (size_t)(seed >> 33) % (n_pieces * 3);
            const char *p = pieces[r < n_pieces ? r : r % 2];
            for (; *p; p++) {
                unsigned char c = (unsigned char)*p;
                in[len++] = (char)c;
                if (c == '"' || c == '\\') {
                    want[k++] = '\\';
                    want[k++] = (char)c;
                } else if (c == '\n') {
                    memcpy(want + k, "\\n", 2), k += 2;
                } else if (c == '\t') {
                    memcpy(want + k, "\\t", 2), k += 2;
                } else if (c == '\r') {
                    memcpy(want + k, "\\r", 2), k += 2;
                } else if (c < 0x20) {
                    k += (size_t)snprintf(want + k, sizeof(want) - k, "\\u%04x", c);
                } else {
                    want[k++] = (char)c;
                }
            }
        }
        in[len] = '\0';
        want[k++] = '"';
        want[k] = '\0';
        struct json_writer w;
        jw_init(&w, 0);
        jw_string(&w, in);
        size_t out_len;
        char *out = jw_take(&w, &out_len);
        if (strcmp(out, want) != 0)
            fail_msg("round %d: got %s, want %s", round, out, want);
        json_error_t jerr;
        json_t *back = json_loads(out, JSON_DECODE_ANY, &jerr);
        assert_non_null(back);
        assert_string_equal(json_string_value(back), in);
        json_decref(back);
        free(out);
    }
    /* Integers by hand, both signs and the extremes. */
    struct json_writer w;
    jw_init(&w, 0);
    jw_array_begin(&w);
    const long long ints[] = {0, 7, -7, 1234567890123LL, LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
        jw_int(&w, ints[i]);
    jw_array_end(&w);
    size_t out_len;
    char *out = jw_take(&w, &out_len);
    assert_string_equal(out, "[0,7,-7,1234567890123,9223372036854775807,"
                             "-9223372036854775808]");
    free(out);
}

/* A string joined from spans already written equals the joined string
 * written whole, escapes included; a literal key is written as spelled. */
static void test_json_writer_joined(void **state)
{
    (void)state;
    static const char *const parts[] = {"Paragraf \"satu\".", "", "a\\b\tc",
                                        "\xE2\x80\x94 akhir\x01"};
    const size_t n = sizeof(parts) / sizeof(parts[0]);
    for (size_t take = 0; take <= n; take++) {
        struct json_writer w;
        jw_init(&w, 0);
        jw_object_begin(&w);
        jw_key_lit(&w, JW_KEY("paragraphs"));
        jw_array_begin(&w);
        struct jw_span spans[4];
        char joined[256] = "";
        for (size_t i = 0; i < take; i++) {
            spans[i] = jw_string_n(&w, parts[i], strlen(parts[i]));
            if (i)
                strcat(joined, "\n\n");
            strcat(joined, parts[i]);
        }
        jw_array_end(&w);
        jw_key_lit(&w, JW_KEY("text"));
        jw_string_joined(&w, spans, take, JW_LIT("\\n\\n"));
        jw_key(&w, "whole");
        jw_string(&w, joined);
        jw_object_end(&w);
        size_t len;
        char *out = jw_take(&w, &len);
        json_error_t jerr;
        json_t *o = json_loads(out, 0, &jerr);
        if (!o)
            fail_msg("not JSON (%s): %s", jerr.text, out);
        assert_int_equal(json_array_size(json_object_get(o, "paragraphs")), take);
        assert_string_equal(str_at(o, "text"), joined);
        assert_string_equal(str_at(o, "whole"), joined);
        /* Byte for byte as the whole string was escaped. */
        const char *t = strstr(out, "\"text\":"), *wh = strstr(out, "\"whole\":");
        assert_non_null(t);
        assert_non_null(wh);
        size_t text_len = (size_t)(wh - 1 - (t + 7)); /* quotes included */
        assert_int_equal(text_len, strlen(wh + 8) - 1); /* less the '}' */
        assert_memory_equal(t + 7, wh + 8, text_len);
        json_decref(o);
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ninjs_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ninjs_empty_doc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ninjs_skips_partial_dates, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ninjs_keeps_urn_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ninjs_relative_image, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_jsonld_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonld_publisher_fallback, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_render_run_media_types, setup,
                                        teardown),
        cmocka_unit_test(test_json_writer_escapes),
        cmocka_unit_test(test_json_writer_joined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
