/* The shared text rules: roles of blocks and the dateline they carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "clean/clean.h"
#include "warta/normalize.h"

struct fixture {
    struct warta_arena arena;
    struct warta_doc doc;
};

static struct warta_doc *clean(struct fixture *f, const char *text)
{
    warta_arena_init(&f->arena);
    warta_doc_init(&f->doc, &f->arena);
    struct warta_error err;
    warta_error_clear(&err);
    assert_int_equal(warta_doc_from_bytes(&f->doc, WARTA_INPUT_TEXT, NULL, text, strlen(text), &err), WARTA_OK);
    assert_int_equal(warta_clean_run(&f->doc, NULL, &err), WARTA_OK);
    return &f->doc;
}

static enum warta_block_role role_of(struct warta_doc *d, const char *prefix)
{
    for (size_t i = 0; i < d->n_blocks; i++)
        if (strncmp(d->blocks[i].text, prefix, strlen(prefix)) == 0)
            return d->blocks[i].role;
    fail_msg("no block starts with '%s'", prefix);
    return WARTA_ROLE_BODY;
}

static const char *const LONG =
    " mengatakan pemerintah akan terus memantau perkembangan situasi di lapangan bersama aparat setempat.";

/* The dateline is read into doc->dateline and stays, as published, at the
 * head of the lead paragraph. */
static void dateline(const char *lead, const char *loc, const char *agency)
{
    struct fixture f;
    char text[1024];
    snprintf(text, sizeof(text), "Judul berita yang cukup panjang\n%s%s\n", lead, LONG);
    struct warta_doc *d = clean(&f, text);
    if (loc)
        assert_string_equal(d->dateline.location ? d->dateline.location : "(null)", loc);
    else
        assert_null(d->dateline.location);
    if (agency)
        assert_string_equal(d->dateline.agency ? d->dateline.agency : "(null)", agency);
    else
        assert_null(d->dateline.agency);
    assert_true(strncmp(d->blocks[1].text, lead, strlen(lead)) == 0);
    assert_int_equal(d->blocks[1].role, loc || agency ? WARTA_ROLE_LEAD : WARTA_ROLE_BODY);
    warta_arena_free(&f.arena);
}

static void test_datelines(void **state)
{
    (void)state;
    dateline("Nusa Dua, Bali (ANTARA) - Menteri", "Nusa Dua, Bali", "ANTARA");
    dateline("JAKARTA, KOMPAS.com - Menteri", "Jakarta", "KOMPAS.com");
    dateline("TEMPO.CO, Jakarta - Menteri", "Jakarta", "TEMPO.CO");
    dateline("Jakarta - Menteri", "Jakarta", NULL);
    dateline("WASHINGTON (AP) \xE2\x80\x94 Menteri", "Washington", "AP");
    dateline("KUALA LUMPUR: Menteri", "Kuala Lumpur", NULL);
    dateline("Jakarta, 8/5 (ANTARA) - Menteri", "Jakarta", "ANTARA");
    dateline("Jakarta, CNN Indonesia -- Menteri", "Jakarta", "CNN Indonesia");
    dateline("REPUBLIKA.CO.ID, JAKARTA - Menteri", "Jakarta", "REPUBLIKA.CO.ID");
    dateline("Liputan6.com, Jakarta - Menteri", "Jakarta", "Liputan6.com");
    dateline("Merdeka.com - Menteri", NULL, "Merdeka.com");
    dateline("Mataram, NTB (ANTARA News) - Menteri", "Mataram, NTB", "ANTARA News");
    dateline("NEW DELHI: Menteri", "New Delhi", NULL);
    dateline("WASHINGTON (Reuters) - Menteri", "Washington", "Reuters");
    /* A date inside: after a comma, in any tabled language. */
    dateline("KUALA LUMPUR, 22 Nov (Bernama) -- Menteri", "Kuala Lumpur", "Bernama");
    dateline("PUTRAJAYA, Nov 22 \xE2\x80\x94 Menteri", "Putrajaya", NULL);
    dateline("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -- Menteri", "Istanbul", "Antara/PRNewswire");
    dateline("Jakarta, Senin (22/11) - Menteri", "Jakarta", NULL);
    dateline("JAKARTA, KOMPAS \xE2\x80\x94 Menteri", "Jakarta", "KOMPAS");
    dateline("SINGAPORE/JAKARTA, March 3 (Reuters) - Menteri", "Singapore/Jakarta", "Reuters");
    /* A shouted city is title-cased; what follows it keeps its spelling. */
    dateline("MANILA, Philippines \xE2\x80\x94 Menteri", "Manila, Philippines", NULL);
    dateline("NUSA DUA, BALI (ANTARA) - Menteri", "Nusa Dua, Bali", "ANTARA");
    /* AP style: a state's abbreviation keeps its spelling, the shouted
     * city is title-cased, and "N.M." is no domain. */
    dateline("ST. JOSEPH, Mich. (AP) \xE2\x80\x94 Menteri", "St. Joseph, Mich.", "AP");
    dateline("LOS ANGELES, Calif. (AP) \xE2\x80\x94 Menteri", "Los Angeles, Calif.", "AP");
    dateline("ALBUQUERQUE, N.M. (AP) \xE2\x80\x94 Menteri", "Albuquerque, N.M.", "AP");
    dateline("COLUMBIA, S.C. (AP) \xE2\x80\x94 Menteri", "Columbia, S.C.", "AP");
    dateline("SEATTLE, Wash. (AP) \xE2\x80\x94 Menteri", "Seattle, Wash.", "AP");
    dateline("ALBUQUERQUE, N.M. \xE2\x80\x94 Menteri", "Albuquerque, N.M.", NULL);
    /* Not datelines: a hyphenated word, a sentence with a dash, numbered
     * labels, a full stop no table knows. */
    dateline("Sidang ke-29 digelar hari ini dan menteri", NULL, NULL);
    dateline("Menurut dia, kenaikan harga - yang terjadi sejak Mei - menteri", NULL, NULL);
    dateline("TAHAP 1 - Menteri", NULL, NULL);
    dateline("PASAL 5: Menteri", NULL, NULL);
    dateline("Dr. Budi - Menteri", NULL, NULL);
}

static const char *const BODY =
    "Pemerintah memastikan harga beras medium di pasar tradisional tetap stabil menjelang bulan Ramadan.\n"
    "Kepala badan pangan mengatakan stok cadangan beras pemerintah masih mencukupi untuk tiga bulan.\n";

static const char *title_of(const char *text)
{
    static char title[512];
    struct fixture f;
    struct warta_doc *d = clean(&f, text);
    title[0] = '\0';
    for (size_t i = 0; i < d->n_blocks; i++)
        if (d->blocks[i].role == WARTA_ROLE_TITLE)
            snprintf(title, sizeof(title), "%s", d->blocks[i].text);
    warta_arena_free(&f.arena);
    return title;
}

/* The head region by position and shape: a headline as long as a
 * paragraph is still the headline when a date line, a byline, a dateline
 * lead or a blank line sets it off. */
static void test_long_headline(void **state)
{
    (void)state;
    const char *h = "Pemerintah Pastikan Harga Beras Medium Tetap Stabil Menjelang Ramadan Meski Pasokan dari Sentra Produksi Berkurang";
    char text[2048];
    snprintf(text, sizeof(text), "%s\nSenin, 4 Maret 2024 09:15 WIB\n%s", h, BODY);
    assert_string_equal(title_of(text), h);
    snprintf(text, sizeof(text), "%s\n\n%s", h, BODY);
    assert_string_equal(title_of(text), h);
    snprintf(text, sizeof(text), "%s\nOleh Budi Santoso\n%s", h, BODY);
    assert_string_equal(title_of(text), h);
    snprintf(text, sizeof(text), "%s\nJakarta (ANTARA) - %s", h, BODY);
    assert_string_equal(title_of(text), h);
    snprintf(text, sizeof(text), "Ekonomi\n%s\nSenin, 4 Maret 2024\n%s", h, BODY);
    assert_string_equal(title_of(text), h);
    /* Nothing sets it off: a first paragraph that lost its full stop. */
    snprintf(text, sizeof(text), "%s\n%s", h, BODY);
    assert_string_equal(title_of(text), "");
}

/* "KPK: ..." heads the story: the colon form of a dateline needs a
 * paragraph that ends its sentence. */
static void test_colon_headline_is_no_dateline(void **state)
{
    (void)state;
    struct fixture f;
    struct warta_doc *d = clean(&f,
        "KPK: Tersangka Baru Kasus Korupsi Alat Kesehatan di Dinas Provinsi Akan Diumumkan Pekan Depan\n"
        "Komisi Pemberantasan Korupsi akan mengumumkan tersangka baru dalam kasus alat kesehatan pada pekan depan.\n");
    assert_null(d->dateline.location);
    warta_arena_free(&f.arena);
    d = clean(&f,
        "KPK: Tersangka Baru Kasus Korupsi Alat Kesehatan di Dinas Provinsi Akan Diumumkan Pekan Depan\n"
        "Jakarta (ANTARA) - Komisi Pemberantasan Korupsi akan mengumumkan tersangka baru pekan depan.\n");
    assert_int_equal(role_of(d, "KPK:"), WARTA_ROLE_TITLE);
    assert_string_equal(d->dateline.location, "Jakarta");
    warta_arena_free(&f.arena);
}

/* A transcript's speaker labels are no place. */
static void test_speaker_labels(void **state)
{
    (void)state;
    struct fixture f;
    struct warta_doc *d = clean(&f,
        "Transkrip wawancara dua pendiri perusahaan\n"
        "JESSICA LIVINGSTON: Kami memulai dengan tiga orang di sebuah ruangan sewaan di atas toko.\n"
        "PAUL GRAHAM: Titik baliknya adalah ketika sebuah perusahaan logistik kecil meminta alat yang sama.\n");
    assert_null(d->dateline.location);
    assert_int_equal(role_of(d, "JESSICA"), WARTA_ROLE_BODY);
    warta_arena_free(&f.arena);
}

/* A dateline on its own line is joined to the lead it heads. */
static void test_standalone_dateline(void **state)
{
    (void)state;
    struct fixture f;
    struct warta_doc *d = clean(&f,
        "Harga minyak sawit dijangka kukuh minggu depan\n"
        "KUALA LUMPUR, 22 Nov (Bernama) --\n\n"
        "Harga minyak sawit mentah dijangka kukuh minggu depan disokong permintaan yang lebih tinggi.\n"
        "Seorang peniaga berkata, pasaran akan memantau data eksport bulanan pada awal minggu.\n");
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(d->blocks[1].text,
                        "KUALA LUMPUR, 22 Nov (Bernama) -- Harga minyak sawit mentah dijangka kukuh "
                        "minggu depan disokong permintaan yang lebih tinggi.");
    assert_int_equal(d->blocks[1].role, WARTA_ROLE_LEAD);
    assert_string_equal(d->dateline.location, "Kuala Lumpur");
    assert_string_equal(d->dateline.agency, "Bernama");
    warta_arena_free(&f.arena);
    /* A kicker is no dateline: nothing is joined. */
    d = clean(&f, "Ekonomi\nHarga minyak sawit dijangka kukuh\n"
                  "Harga minyak sawit mentah dijangka kukuh minggu depan disokong permintaan yang lebih tinggi.\n");
    assert_int_equal(d->n_blocks, 3);
    assert_int_equal(role_of(d, "Ekonomi"), WARTA_ROLE_KICKER);
    warta_arena_free(&f.arena);
}

/* Tags listed a line each under a bare heading; a "read also" heading
 * over its links. */
static void test_tag_lines_and_related_box(void **state)
{
    (void)state;
    struct fixture f;
    struct warta_doc *d = clean(&f,
        "BI tahan suku bunga acuan\n"
        "Jakarta - Bank Indonesia mempertahankan suku bunga acuan di level enam persen bulan ini.\n"
        "Baca Juga\n"
        "Rupiah Menguat di Awal Pekan\n"
        "Gubernur BI mengatakan keputusan tersebut konsisten dengan upaya menjaga inflasi.\n"
        "Tag\n"
        "Bank Indonesia\n"
        "BI Rate\n"
        "Keputusan ini diambil dalam rapat dua hari.\n");
    assert_int_equal(role_of(d, "Baca Juga"), WARTA_ROLE_FURNITURE);
    assert_int_equal(role_of(d, "Rupiah Menguat"), WARTA_ROLE_RELATED);
    assert_int_equal(role_of(d, "Gubernur BI"), WARTA_ROLE_BODY);
    assert_int_equal(role_of(d, "Tag"), WARTA_ROLE_FOOTER);
    assert_int_equal(role_of(d, "Bank Indonesia"), WARTA_ROLE_TAG);
    assert_int_equal(role_of(d, "BI Rate"), WARTA_ROLE_TAG);
    assert_int_equal(role_of(d, "Keputusan"), WARTA_ROLE_BODY); /* a sentence ends the tags */
    warta_arena_free(&f.arena);
}

static void test_line_roles(void **state)
{
    (void)state;
    struct fixture f;
    struct warta_doc *d = clean(&f,
        "Politik\n"
        "Presiden resmikan bendungan baru di Jawa Tengah\n"
        "Senin, 8 Mei 2023 10:00 WIB\n"
        "Presiden meresmikan bendungan di Jawa Tengah, Senin (8/5/2023). (ANTARA FOTO/Budi)\n"
        "Semarang (ANTARA) - Presiden meresmikan bendungan baru yang diharapkan mampu mengairi ribuan hektare sawah di wilayah itu.\n"
        "Baca juga: Bendungan lain segera rampung\n"
        "Advertisement\n"
        "This slideshow requires JavaScript\n"
        "Pembangunan bendungan tersebut menelan biaya triliunan rupiah dan melibatkan ribuan pekerja dari berbagai daerah.\n"
        "Pewarta: Budi Santoso\n"
        "Editor: Siti Aminah\n"
        "Copyright \xC2\xA9 ANTARA 2023\n");
    assert_int_equal(role_of(d, "Politik"), WARTA_ROLE_KICKER);
    assert_int_equal(role_of(d, "Presiden resmikan"), WARTA_ROLE_TITLE);
    assert_int_equal(role_of(d, "Senin, 8 Mei"), WARTA_ROLE_DATE);
    assert_int_equal(role_of(d, "Presiden meresmikan bendungan di"), WARTA_ROLE_CAPTION);
    assert_int_equal(role_of(d, "Semarang (ANTARA) - Presiden meresmikan"), WARTA_ROLE_LEAD);
    assert_int_equal(role_of(d, "Bendungan lain"), WARTA_ROLE_RELATED);
    assert_int_equal(role_of(d, "Advertisement"), WARTA_ROLE_FURNITURE);
    /* The table spells it with a full stop: both sides lose it. */
    assert_int_equal(role_of(d, "This slideshow"), WARTA_ROLE_FURNITURE);
    assert_int_equal(role_of(d, "Pembangunan"), WARTA_ROLE_BODY);
    assert_int_equal(role_of(d, "Pewarta"), WARTA_ROLE_FOOTER);
    assert_int_equal(role_of(d, "Editor"), WARTA_ROLE_FOOTER);
    assert_int_equal(role_of(d, "Copyright"), WARTA_ROLE_COPYRIGHT);
    warta_arena_free(&f.arena);
}

static void test_empty_input_is_no_content(void **state)
{
    (void)state;
    struct warta_arena a;
    warta_arena_init(&a);
    struct warta_doc d;
    warta_doc_init(&d, &a);
    struct warta_error err;
    warta_error_clear(&err);
    const char *text = " \n\t\n\xE2\x80\x8B\n";
    assert_int_equal(warta_doc_from_bytes(&d, WARTA_INPUT_TEXT, NULL, text, strlen(text), &err), WARTA_OK);
    assert_int_equal(warta_clean_run(&d, NULL, &err), WARTA_ERR_NO_CONTENT);
    warta_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_long_headline),
        cmocka_unit_test(test_colon_headline_is_no_dateline),
        cmocka_unit_test(test_speaker_labels),
        cmocka_unit_test(test_standalone_dateline),
        cmocka_unit_test(test_tag_lines_and_related_box),
        cmocka_unit_test(test_line_roles),
        cmocka_unit_test(test_empty_input_is_no_content),
    };
    return cmocka_run_group_tests_name("roles", tests, NULL, NULL);
}
