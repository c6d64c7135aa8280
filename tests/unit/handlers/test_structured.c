/*
 * Structured metadata priority rules (handlers/metadata/structured.c):
 * each test parses a small page and checks which source won.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>

#include "metadata/metadata.h"

struct page {
    struct warta_arena arena;
    struct warta_doc doc;
};

static void free_html(void *p)
{
    xmlFreeDoc(p);
}

static struct page *parse(const char *html, const char *url)
{
    struct page *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    warta_arena_init(&p->arena);
    warta_doc_init(&p->doc, &p->arena);
    p->doc.kind = WARTA_INPUT_HTML;
    p->doc.base_url = url;
    p->doc.html = htmlReadMemory(html, (int)strlen(html), url, "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    p->doc.html_free = free_html;
    assert_non_null(p->doc.html);
    warta_metadata_from_html(&p->doc);
    return p;
}

static void done(struct page *p)
{
    warta_doc_release(&p->doc);
    warta_arena_free(&p->arena);
    free(p);
}

#define assert_str(got, want)                                                 \
    do {                                                                      \
        const char *g_ = (got), *w_ = (want);                                 \
        if (!w_ ? g_ != NULL : (!g_ || strcmp(g_, w_)))                       \
            fail_msg("%s: expected %s, got %s", #got, w_ ? w_ : "NULL",      \
                     g_ ? g_ : "NULL");                                       \
    } while (0)

static void jsonld_beats_og(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"og:title\" content=\"OG title\">"
        "<meta name=\"twitter:title\" content=\"Twitter title\">"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
        "\"@type\":\"NewsArticle\",\"headline\":\"LD headline\","
        "\"datePublished\":\"2023-05-08T16:46:00+07:00\"}</script>"
        "<title>Page title - Site</title></head><body></body></html>",
        NULL);
    assert_str(p->doc.title, "LD headline");
    assert_str(p->doc.published_at, "2023-05-08T16:46:00+07:00");
    done(p);
}

static void og_then_twitter_then_title(void **state)
{
    (void)state;
    struct page *p = parse("<html><head><meta name=\"twitter:title\" content=\"Tw\">"
                           "<meta property=\"og:title\" content=\"OG\"></head></html>",
                           NULL);
    assert_str(p->doc.title, "OG");
    done(p);
    p = parse("<html><head><meta name=\"twitter:title\" content=\"Tw\"></head></html>",
              NULL);
    assert_str(p->doc.title, "Tw");
    done(p);
}

static void graph_and_type_arrays(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html lang=\"en-US\"><head><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"Example\"},"
        "{\"@type\":[\"WebPage\"],\"inLanguage\":\"id-ID\"},"
        "{\"@type\":[\"Article\",\"NewsArticle\"],\"headline\":\"Graph headline\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Ani Suryani\"},"
        "{\"@type\":\"Person\",\"name\":\"Budi Santoso\"}],"
        "\"articleSection\":\"Ekonomi\",\"keywords\":\"pajak, APBN\","
        "\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://ex.id/a.jpg\","
        "\"caption\":\"Caption\"}}]}</script></head><body></body></html>",
        NULL);
    assert_str(p->doc.title, "Graph headline");
    assert_int_equal(p->doc.authors.n, 2);
    assert_str(p->doc.authors.items[0], "Ani Suryani");
    assert_str(p->doc.authors.items[1], "Budi Santoso");
    assert_str(p->doc.section, "Ekonomi");
    assert_int_equal(p->doc.tags.n, 2);
    assert_str(p->doc.tags.items[1], "APBN");
    assert_int_equal(p->doc.n_images, 1);
    assert_str(p->doc.images[0].url, "https://ex.id/a.jpg");
    assert_str(p->doc.images[0].caption, "Caption");
    /* JSON-LD inLanguage beats html@lang, reduced to the primary tag. */
    assert_str(p->doc.language, "id");
    done(p);
}

static void several_blocks(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\":\"BreadcrumbList\",\"itemListElement\":[]}</script>"
        "<script type=\"application/ld+json\">not json at all</script>"
        "<script type=\"application/ld+json\">[{\"@type\":\"Organization\","
        "\"name\":\"Pub\"},{\"@type\":\"BlogPosting\",\"headline\":\"Third &amp; last\"}]"
        "</script></head></html>",
        NULL);
    assert_str(p->doc.title, "Third & last");
    assert_str(p->doc.site_name, "Pub");
    done(p);
}

static void organization_author_last(void **state)
{
    (void)state;
    const char *ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                     "\"author\":{\"@type\":\"Organization\",\"name\":\"Newsroom\"}}</script>";
    char html[1024];
    snprintf(html, sizeof(html),
             "<html><head>%s<meta name=\"author\" content=\"Jane Doe\"></head></html>", ld);
    struct page *p = parse(html, NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Jane Doe");
    done(p);
    snprintf(html, sizeof(html), "<html><head>%s</head></html>", ld);
    p = parse(html, NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Newsroom");
    done(p);
}

static void article_author_url_skipped(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"article:author\" content=\"https://fb.com/x\">"
        "<meta name=\"parsely-author\" content=\"By Ann Lee and Bo Kim\"></head></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 2);
    assert_str(p->doc.authors.items[0], "Ann Lee");
    assert_str(p->doc.authors.items[1], "Bo Kim");
    done(p);
}

static void title_suffix(void **state)
{
    (void)state;
    struct page *p = parse("<html><head><title>Flood closes the coastal road - "
                           "Daily Times</title></head></html>",
                           NULL);
    assert_str(p->doc.title, "Flood closes the coastal road");
    done(p);
    p = parse("<html><head><meta property=\"og:site_name\" content=\"The Daily Times\">"
              "<title>Short | The Daily Times</title></head></html>",
              NULL);
    assert_str(p->doc.title, "Short");
    done(p);
    /* A dash inside the headline is not a suffix. */
    p = parse("<html><head><title>Jakarta - Bandung trains resume</title></head></html>",
              NULL);
    assert_str(p->doc.title, "Jakarta - Bandung trains resume");
    done(p);
    /* One <h1> beats <title>, several do not. */
    p = parse("<html><head><title>T - S</title></head><body><h1>The h1</h1></body></html>",
              NULL);
    assert_str(p->doc.title, "The h1");
    done(p);
}

static void canonical_resolved_and_utm_dropped(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><link rel=\"canonical\" href=\"/news/2023/story.html?utm_source=x&id=7&utm_medium=y#top\">"
        "<meta property=\"og:url\" content=\"https://other.example/\"></head></html>",
        "https://www.example.com/some/page");
    assert_str(p->doc.canonical_url, "https://www.example.com/news/2023/story.html?id=7");
    done(p);
    p = parse("<html><head><base href=\"https://cdn.example.org/site/\">"
              "<link rel=\"canonical\" href=\"story\"></head></html>",
              "https://www.example.com/x");
    assert_str(p->doc.canonical_url, "https://cdn.example.org/site/story");
    done(p);
    p = parse("<html><head><meta property=\"og:url\" content=\"https://ex.com/a?utm_campaign=z\">"
              "</head></html>",
              NULL);
    assert_str(p->doc.canonical_url, "https://ex.com/a");
    done(p);
}

static void date_priorities(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"article:published_time\" content=\"2019-11-19T08:57:40+01:00\">"
        "<meta name=\"pubdate\" content=\"2019-11-21\">"
        "<meta property=\"article:modified_time\" content=\"2019-11-20T10:00:00+01:00\">"
        "</head></html>",
        NULL);
    assert_str(p->doc.published_at, "2019-11-19T08:57:40+01:00");
    assert_str(p->doc.modified_at, "2019-11-20T10:00:00+01:00");
    done(p);
    p = parse("<html><body><article><time datetime=\"2020-02-03T04:05:06Z\">3 Feb</time>"
              "</article></body></html>",
              NULL);
    assert_str(p->doc.published_at, "2020-02-03T04:05:06Z");
    done(p);
    p = parse("<html><body><p>No dates here.</p></body></html>",
              "https://news.example.com/2019/11/19/a-story/");
    assert_str(p->doc.published_at, "2019-11-19");
    done(p);
}

static void date_near_title_beats_url(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><body><article><h1>Banjir rendam tiga kecamatan</h1>"
        "<div class=\"info\"><span>Redaksi</span></div>"
        "<div class=\"date\">Senin, 2 Oktober 2023 14:30 WIB</div>"
        "<p>Hujan deras sejak pagi membuat sungai meluap dan merendam ratusan rumah warga.</p>"
        "</article></body></html>",
        "https://news.example.id/2020/01/01/banjir/");
    assert_str(p->doc.published_at, "2023-10-02T14:30:00+07:00");
    done(p);
}

static void description_site_language(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html lang=\"EN-gb\"><head><meta name=\"description\" content=\"Plain\">"
        "<meta property=\"og:description\" content=\"From OG\">"
        "<meta name=\"application-name\" content=\"App\"></head></html>",
        NULL);
    assert_str(p->doc.description, "From OG");
    assert_str(p->doc.site_name, "App");
    assert_str(p->doc.language, "en");
    done(p);
}

static void fields_already_set_are_kept(void **state)
{
    (void)state;
    struct warta_arena a;
    warta_arena_init(&a);
    struct warta_doc doc;
    warta_doc_init(&doc, &a);
    const char *html = "<html><head><meta property=\"og:title\" content=\"OG\"></head></html>";
    doc.html = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                              HTML_PARSE_RECOVER | HTML_PARSE_NOERROR);
    doc.html_free = free_html;
    doc.title = "Already";
    warta_metadata_from_html(&doc);
    assert_str(doc.title, "Already");
    warta_doc_release(&doc);
    warta_arena_free(&a);
}

static void no_html_is_a_no_op(void **state)
{
    (void)state;
    struct warta_arena a;
    warta_arena_init(&a);
    struct warta_doc doc;
    warta_doc_init(&doc, &a);
    warta_metadata_from_html(&doc);
    assert_null(doc.title);
    warta_arena_free(&a);
}

static void jsonld_graph_id_references_and_editors(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><script type=\"application/ld+json\">{\"@graph\":["
        "{\"@type\":\"NewsArticle\",\"@id\":\"#a\",\"headline\":\"H\","
        "\"datePublished\":\"2024-03-01T10:00:00+01:00\","
        "\"author\":[{\"@id\":\"#p1\"},{\"@id\":\"#org\"}],"
        "\"editor\":{\"@type\":\"Person\",\"name\":\"Erik Editor\"}},"
        "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Paula Steiger\"},"
        "{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Example News\"}"
        "]}</script></head></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Paula Steiger");
    assert_int_equal(p->doc.editors.n, 1);
    assert_str(p->doc.editors.items[0], "Erik Editor");
    assert_str(p->doc.published_at, "2024-03-01T10:00:00+01:00");
    done(p);
}

static void invalid_jsonld_read_leniently(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"A \"quoted\" word\",\"datePublished\":\"2022-07-14T09:30:00Z\",}"
        "</script></head></html>",
        NULL);
    assert_str(p->doc.published_at, "2022-07-14T09:30:00Z");
    done(p);
}

static void more_meta_date_names_and_earliest(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta name=\"citation_publication_date\" content=\"2021/06/02\">"
        "</head></html>",
        NULL);
    assert_str(p->doc.published_at, "2021-06-02");
    done(p);
    /* A republication: the earliest statement is the publication. */
    p = parse("<html><head><meta name=\"date\" content=\"2020-05-04\">"
              "<meta property=\"article:published_time\" content=\"2020-05-01T08:00:00Z\">"
              "<meta name=\"DC.date.modified\" content=\"2020-05-06\"></head></html>",
              NULL);
    assert_str(p->doc.published_at, "2020-05-01T08:00:00Z");
    assert_str(p->doc.modified_at, "2020-05-06");
    done(p);
}

static void implausible_dates_dropped(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta name=\"pubdate\" content=\"2999-01-01\">"
        "<meta name=\"date\" content=\"1990-01-01\"></head></html>",
        "https://ex.com/2018/02/03/story");
    assert_str(p->doc.published_at, "2018-02-03");
    done(p);
}

static void only_an_update_is_modified(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><body><article><h1>Banjir rendam tiga kecamatan di hulu</h1>"
        "<div class=\"meta\">Diperbarui: Senin, 2 Oktober 2023 14:30 WIB</div>"
        "<p>Hujan deras.</p></article></body></html>",
        NULL);
    assert_str(p->doc.published_at, NULL);
    assert_str(p->doc.modified_at, "2023-10-02T14:30:00+07:00");
    done(p);
    p = parse("<html><body><h1>Neue Regeln für den Nahverkehr ab Mai</h1>"
              "<div class=\"info\">Veröffentlicht am 05.11.2021, aktualisiert am 06.11.2021</div>"
              "</body></html>",
              NULL);
    assert_str(p->doc.published_at, "2021-11-05");
    assert_str(p->doc.modified_at, "2021-11-06");
    done(p);
}

static void labelled_date_without_class(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><body><h1>Ukrainische Gegenoffensive: Ziele, Chancen</h1>"
        "<ul><li><strong>Datum</strong> 28.04.2023</li></ul></body></html>",
        NULL);
    assert_str(p->doc.published_at, "2023-04-28");
    done(p);
}

static void time_in_sidebar_loses(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><body><aside class=\"sidebar\"><time datetime=\"2023-01-01T10:00:00Z\">x</time>"
        "</aside><article><h1>Wahl in Hessen: Ergebnis steht fest</h1>"
        "<time datetime=\"2023-10-09T06:00:00+02:00\">9. Oktober 2023</time>"
        "<p>Text.</p></article></body></html>",
        NULL);
    assert_str(p->doc.published_at, "2023-10-09T06:00:00+02:00");
    done(p);
}

static void utc_reported_in_page_offset(void **state)
{
    (void)state;
    /* A zone-less local time of the same instant gives the offset. */
    struct page *p = parse(
        "<html><head><meta property=\"article:published_time\" content=\"2024-04-25T08:21:02+00:00\">"
        "<meta itemprop=\"dateCreated\" content=\"2024-04-25 04:21:02\"></head></html>",
        NULL);
    assert_str(p->doc.published_at, "2024-04-25T04:21:02-04:00");
    done(p);
    /* A visible WIB time states it. */
    p = parse("<html><head><meta property=\"article:published_time\" content=\"2023-05-08T20:30:00Z\">"
              "</head><body><h1>Harga beras naik lagi di pasar induk</h1>"
              "<div class=\"date\">Selasa, 9 Mei 2023 03:30 WIB</div></body></html>",
              NULL);
    assert_str(p->doc.published_at, "2023-05-09T03:30:00+07:00");
    done(p);
}

static void title_prefers_visible_h1(void **state)
{
    (void)state;
    /* Kicker in og:title: the h1, and the kicker goes to `kicker`. */
    struct page *p = parse(
        "<html><head><meta property=\"og:title\" content=\"Klimaschutz: Bund kippt das Heizgesetz\">"
        "</head><body><h1>Bund kippt das Heizgesetz</h1></body></html>",
        NULL);
    assert_str(p->doc.title, "Bund kippt das Heizgesetz");
    assert_str(p->doc.kicker, "Klimaschutz");
    done(p);
    /* Site name at the front. */
    p = parse("<html><head><title>Example Post: Harga beras naik lagi</title></head>"
              "<body><h1>Harga beras naik lagi</h1></body></html>",
              NULL);
    assert_str(p->doc.title, "Harga beras naik lagi");
    done(p);
    /* A suffix the h1 shows is kept. */
    p = parse("<html><head><meta property=\"og:title\" content=\"Netz-Spott über FDP - Generalsekretär tritt zurück\">"
              "</head><body><h1>Netz-Spott über FDP - Generalsekretär tritt zurück</h1></body></html>",
              NULL);
    assert_str(p->doc.title, "Netz-Spott über FDP - Generalsekretär tritt zurück");
    done(p);
    /* A section label is never the title. */
    p = parse("<html><head><meta property=\"og:title\" content=\"Rice prices rise again\">"
              "</head><body><h1>Press releases</h1></body></html>",
              NULL);
    assert_str(p->doc.title, "Rice prices rise again");
    done(p);
    /* Named entities in JSON-LD. */
    p = parse("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
              "\"headline\":\"R&uuml;ckbau gestartet\"}</script></head></html>",
              NULL);
    assert_str(p->doc.title, "Rückbau gestartet");
    done(p);
}

static void byline_near_headline_beats_site_name(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta name=\"author\" content=\"Lesotho Times\">"
        "<meta property=\"og:site_name\" content=\"Lesotho Times\"></head><body>"
        "<h1>Young lawyer tells of her journey</h1>"
        "<div class=\"td-post-author-name\">By <a href=\"/a\">Mohloai Mpesi</a></div>"
        "<div class=\"related\"><span class=\"author\">Other Writer</span></div>"
        "</body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Mohloai Mpesi");
    done(p);
}

static void tags_from_every_source_in_page_order(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><title>Flood in the valley</title>"
        "<meta property=\"og:site_name\" content=\"Valley Post\">"
        "<meta property=\"article:tag\" content=\"Floods\">"
        /* A single comma-joined value is several tags. */
        "<meta property=\"article:tag\" content=\"Weather, Climate change\">"
        "<meta name=\"keywords\" content=\"floods; Valley Post; ex.com; US-USA-FLOODS;"
        " flood news today latest updates and pictures, Rescue\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"Flood in the valley\","
        "\"keywords\":[\"Emergency services\", \"Flood in the valley\", \"section:news\"]}"
        "</script></head><body><h1>Flood in the valley</h1>"
        "<p>Water rose overnight.</p>"
        "<div class=\"post-tags\"><ul><li><a href=\"/tag/dams/\">Dams</a></li>"
        "<li><a href=\"/topic/rescue/\">rescue</a></li></ul></div>"
        "<p>See <a href=\"/tag/elsewhere/\">a tag link outside a tag block</a>.</p>"
        "<span><a href=\"/x\" rel=\"tag\">#Rivers</a>"
        " <a href=\"/c/news\" rel=\"category tag\">News</a></span>"
        "<aside class=\"sidebar\"><div class=\"tags\">"
        "<a href=\"/tag/popular/\" rel=\"tag\">Popular</a></div></aside>"
        "<div class=\"stage\"><a href=\"/tag/stage/\">Stage</a></div>"
        "</body></html>",
        "https://ex.com/a");
    const char *want[] = {"Floods", "Weather", "Climate change", "Rescue",
                          "Emergency services", "Dams", "Rivers"};
    size_t n = sizeof(want) / sizeof(want[0]);
    for (size_t i = 0; i < p->doc.tags.n && i < n; i++)
        assert_str(p->doc.tags.items[i], want[i]);
    assert_int_equal(p->doc.tags.n, n);
    done(p);
}

static void tags_merge_with_earlier_ones(void **state)
{
    (void)state;
    struct page *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    warta_arena_init(&p->arena);
    warta_doc_init(&p->doc, &p->arena);
    p->doc.kind = WARTA_INPUT_HTML;
    const char *html = "<html><head><meta name=\"keywords\" content=\"Budget, Tax\">"
                       "</head><body></body></html>";
    p->doc.html = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    p->doc.html_free = free_html;
    warta_strlist_push(&p->arena, &p->doc.tags, "tax");
    warta_metadata_from_html(&p->doc);
    assert_int_equal(p->doc.tags.n, 2);
    assert_str(p->doc.tags.items[0], "tax");
    assert_str(p->doc.tags.items[1], "Budget");
    done(p);
}

/* A template's <body> class ("segment--recommended") says nothing about
 * the byline inside it. */
static void body_class_is_no_aside(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><body class=\"segment--recommended tdc-footer-template\">"
        "<main><h1>Heated airers tested</h1>"
        "<a rel=\"author\" href=\"/m\"><span>By</span> <span>Mara Holm</span></a>"
        "</main></body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Mara Holm");
    done(p);
}

/* Names in sibling elements with nothing between them are several names,
 * even under a wrapper of one element. */
static void byline_children_are_names(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><body><h1>Debatte um Schulwege</h1><div class=\"article-byline\">"
        "<div class=\"origins\"><span>Birgit Baum</span><span>Anna Giulia Fenk</span>"
        "<span>Jan Michael Mark</span></div></div><p>Text.</p></body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 3);
    assert_str(p->doc.authors.items[0], "Birgit Baum");
    assert_str(p->doc.authors.items[2], "Jan Michael Mark");
    done(p);
}

/* "<strong>Autorin/Autor</strong> Name" and "von <a>Name</a>": bylines
 * that only their words mark, whatever the classes. */
static void labelled_bylines_in_markup(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"og:site_name\" content=\"DW.COM\">"
        "<meta name=\"author\" content=\"Deutsche Welle\"></head><body>"
        "<h1>Neue Brücke eröffnet</h1><ul><li><strong>Datum</strong> 28.04.2023</li>"
        "<li><strong>Autorin/Autor</strong> Roman Gonta</li></ul></body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Roman Gonta");
    done(p);
    p = parse("<html><head><meta name=\"author\" content=\"LTO\">"
              "<meta property=\"og:site_name\" content=\"Legal Tribune Online\">"
              "</head><body><h1>Beschwerde eingelegt</h1><p class=\"meta-info\">"
              "von <a href=\"/autoren/mk\">Dr. Max Kalter</a></p></body></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Dr. Max Kalter");
    done(p);
    p = parse("<html><body><h1>Les prix montent</h1><p>Par <a href=\"/a\">Claire Dupuis</a>"
              " et <a href=\"/b\">Marc Leroy</a></p></body></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 2);
    assert_str(p->doc.authors.items[1], "Marc Leroy");
    done(p);
}

/* An author meta that is the site's imprint ("site, City, Country") names
 * no person; an organisation credited beside persons in JSON-LD is a
 * co-author unless it is the site; the site's name is the last resort. */
static void organisations_and_imprints(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"og:site_name\" content=\"hessen.de\">"
        "<meta name=\"author\" content=\"hessen.de, Frankfurt, Germany\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"author\":[{\"@type\":\"NewsMediaOrganization\",\"name\":\"Redaktion hessen.de\"}]}"
        "</script></head><body></body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Redaktion hessen.de");
    done(p);
    p = parse("<html><head><meta property=\"og:site_name\" content=\"Tages-Blatt\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
              "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Tages-Blatt\"},"
              "\"author\":[{\"@type\":\"Person\",\"name\":\"Paula Stein\"},"
              "{\"@type\":\"Organization\",\"name\":\"SDA\"},"
              "{\"@type\":\"Organization\",\"name\":\"Tages-Blatt\"}]}"
              "</script></head><body></body></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 2);
    assert_str(p->doc.authors.items[0], "Paula Stein");
    assert_str(p->doc.authors.items[1], "SDA");
    done(p);
    p = parse("<html><head><meta name=\"author\" content=\"Stadt Zeitung\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
              "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Stadt Zeitung\"},"
              "\"author\":[{\"@type\":\"Organization\",\"name\":\"dpa\"}]}"
              "</script></head><body></body></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "dpa");
    done(p);
    /* Every article:author meta counts. */
    p = parse("<html><head><meta property=\"article:author\" content=\"Eva Roth\">"
              "<meta property=\"article:author\" content=\"Jon Weiss\"></head></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 2);
    assert_str(p->doc.authors.items[1], "Jon Weiss");
    done(p);
}

/* Share links and photo credits in author-classed elements are no
 * persons; "A B/C D" names two persons; a bold name as one of the first
 * paragraphs is a byline; a byline far from the headline counts when none
 * is near. */
static void visible_byline_rejects_and_fallbacks(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"og:site_name\" content=\"Valley Times\"></head>"
        "<body><h1>A journey</h1><div class=\"author-box\"><a>Twitter</a> <a>Facebook</a></div>"
        "<div class=\"bildautor\">Foto: SN/APA/Karl Wend</div>"
        "<p><em>A standfirst line.</em></p><p><strong>Mathe Sebu/Moha Phak</strong></p>"
        "<p>The story begins here and goes on.</p></body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 2);
    assert_str(p->doc.authors.items[0], "Mathe Sebu");
    assert_str(p->doc.authors.items[1], "Moha Phak");
    done(p);
    /* A bold subheading later in the text is no byline. */
    p = parse("<html><body><h1>A journey</h1><p>One.</p><p>Two.</p><p>Three.</p>"
              "<p><strong>Neue Wege Gesucht</strong></p></body></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 0);
    done(p);
}

/* A container whose class says sidebar but that holds the headline is the
 * article's column; each author meta is judged alone (the site's name in
 * one does not make the other an imprint); articleAuthor is an author meta. */
static void headline_column_and_separate_author_metas(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"og:site_name\" content=\"Hill Times\">"
        "<meta name=\"author\" content=\"Hill Times\"></head><body>"
        "<div class=\"stickySidebar\"><h1>Quarry blasts crack homes</h1>"
        "<span class=\"byline\">by <a href=\"/a\">Hill Times</a></span>"
        "<p><strong>Mathe Sebusa</strong></p><p>Text of the story.</p></div>"
        "<div class=\"sidebar\"><span class=\"author\">Other Writer</span></div>"
        "</body></html>",
        NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Mathe Sebusa");
    done(p);
    p = parse("<html><head><meta property=\"og:site_name\" content=\"Ilbo\">"
              "<meta name=\"author\" content=\"Ilbo\">"
              "<meta name=\"author\" content=\"Shin Hyun\"></head></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Shin Hyun");
    done(p);
    p = parse("<html><head><meta name=\"articleAuthor\" content=\"Anadolu Ajans\">"
              "</head></html>",
              NULL);
    assert_int_equal(p->doc.authors.n, 1);
    assert_str(p->doc.authors.items[0], "Anadolu Ajans");
    done(p);
}

/* The kicker goes whichever source shows the headline without it, and
 * two different kickers leave the part both titles share. */
static void title_kicker_dropped_from_any_source(void **state)
{
    (void)state;
    struct page *p = parse(
        "<html><head><meta property=\"og:title\" content=\"Judy Lybke, ganz und gar nicht eigen\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
        "\"Neue Leipziger Schule: Judy Lybke, ganz und gar nicht eigen\"}</script></head>"
        "<body><h1>Neue Leipziger Schule: Judy Lybke, ganz und gar nicht eigen</h1></body></html>",
        NULL);
    assert_str(p->doc.title, "Judy Lybke, ganz und gar nicht eigen");
    assert_str(p->doc.kicker, "Neue Leipziger Schule");
    done(p);
    p = parse("<html><head><meta property=\"og:title\" content=\"Angriff auf den Hafen: "
              "«Die Zurückhaltung hat viele Gründe»\"></head><body>"
              "<h1>Eskalation am Meer - «Die Zurückhaltung hat viele Gründe»</h1>"
              "</body></html>",
              NULL);
    assert_str(p->doc.title, "«Die Zurückhaltung hat viele Gründe»");
    done(p);
    /* Different wordings share only a few words: the stated title stays. */
    p = parse("<html><head><meta property=\"og:title\" content=\"Feuer in Lichterfelde: Warnung vor Gas\">"
              "</head><body><h1>Brand im Betrieb: Warnung vor Gas</h1></body></html>",
              NULL);
    assert_str(p->doc.title, "Feuer in Lichterfelde: Warnung vor Gas");
    done(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonld_beats_og),
        cmocka_unit_test(og_then_twitter_then_title),
        cmocka_unit_test(graph_and_type_arrays),
        cmocka_unit_test(several_blocks),
        cmocka_unit_test(organization_author_last),
        cmocka_unit_test(article_author_url_skipped),
        cmocka_unit_test(title_suffix),
        cmocka_unit_test(canonical_resolved_and_utm_dropped),
        cmocka_unit_test(date_priorities),
        cmocka_unit_test(date_near_title_beats_url),
        cmocka_unit_test(description_site_language),
        cmocka_unit_test(fields_already_set_are_kept),
        cmocka_unit_test(no_html_is_a_no_op),
        cmocka_unit_test(jsonld_graph_id_references_and_editors),
        cmocka_unit_test(invalid_jsonld_read_leniently),
        cmocka_unit_test(more_meta_date_names_and_earliest),
        cmocka_unit_test(implausible_dates_dropped),
        cmocka_unit_test(only_an_update_is_modified),
        cmocka_unit_test(labelled_date_without_class),
        cmocka_unit_test(time_in_sidebar_loses),
        cmocka_unit_test(utc_reported_in_page_offset),
        cmocka_unit_test(title_prefers_visible_h1),
        cmocka_unit_test(byline_near_headline_beats_site_name),
        cmocka_unit_test(tags_from_every_source_in_page_order),
        cmocka_unit_test(tags_merge_with_earlier_ones),
        cmocka_unit_test(body_class_is_no_aside),
        cmocka_unit_test(byline_children_are_names),
        cmocka_unit_test(labelled_bylines_in_markup),
        cmocka_unit_test(organisations_and_imprints),
        cmocka_unit_test(visible_byline_rejects_and_fallbacks),
        cmocka_unit_test(headline_column_and_separate_author_metas),
        cmocka_unit_test(title_kicker_dropped_from_any_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
