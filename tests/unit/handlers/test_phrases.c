/* The text layer's phrase rules: furniture by pattern, "read also"
 * headings, label lines, the place abbreviations of datelines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "warta/text.h"

static bool furniture(const char *s)
{
    return warta_is_furniture_line(warta_str_from(s));
}

static void test_furniture_whole_lines(void **state)
{
    (void)state;
    assert_true(furniture("ADVERTISEMENT"));
    assert_true(furniture("advertisement:"));
    assert_true(furniture("SCROLL TO CONTINUE WITH CONTENT"));
    /* Spacing, case and glued neighbours do not matter. */
    assert_true(furniture("Scroll  to continue   with content"));
    assert_true(furniture("ADVERTISEMENTSCROLL TO CONTINUE WITH CONTENT"));
    assert_true(furniture("Advertisement \xC2\xB7 Scroll to continue"));
    assert_true(furniture("Jangan Lewatkan"));
    assert_true(furniture("FOTO TERPOPULER"));
    assert_true(furniture("Vote"));
    assert_true(furniture("Rating"));
    /* A sentence that opens with a furniture word is a sentence. */
    assert_false(furniture("Iklan rokok dilarang tayang di televisi pada jam anak-anak."));
    assert_false(furniture("Vote counting continued late into the night."));
}

static void test_furniture_promos(void **state)
{
    (void)state;
    assert_true(furniture("Simak juga Video: Detik-detik banjir di Bekasi"));
    assert_true(furniture("Simak  Juga VIDEO \"Detik-detik banjir\""));
    assert_true(furniture("SimakJuga Video banjir"));
    assert_true(furniture("Lihat juga Video: Suasana latihan timnas"));
    assert_true(furniture("Saksikan Live DetikPagi:"));
    assert_true(furniture("Tonton juga video \"Pelatih umumkan pemain\" di sini"));
    assert_true(furniture("Dengarkan podcast terbaru kami"));
    assert_true(furniture("Baca selengkapnya di halaman berikutnya"));
    assert_true(furniture("Halaman selanjutnya >>"));
    assert_true(furniture("Cek berita dan artikel lainnya di Google News"));
    /* A '*' in the table: opener, any words, then the channel. */
    assert_true(furniture("Ikuti berita terkini dari kami di WhatsApp Channel"));
    assert_true(furniture("Sertai saluran WhatsApp kami untuk berita pilihan"));
    assert_true(furniture("Follow our coverage on WhatsApp"));
    assert_true(furniture("Watch: Inside an electronics factory"));
    /* The opener must end its word, the channel must come, the colon
     * must be there. */
    assert_false(furniture("Langganan listrik rumah tangga naik mulai bulan depan."));
    assert_false(furniture("Ikuti aturan lalu lintas demi keselamatan bersama."));
    assert_false(furniture("Watch the final tonight on national television."));
    /* A promo is a line: fifty words and more make a paragraph. */
    char para[1024] = "Dengarkan";
    for (int i = 0; i < 55; i++)
        strcat(para, " suara");
    assert_false(furniture(para));
}

static void test_embed_placeholders(void **state)
{
    (void)state;
    assert_true(furniture("[Gambas:Instagram]"));
    assert_true(furniture("[Gambas:Video 20detik]"));
    assert_true(furniture("[Gambas:Instagram] [Gambas:Youtube]"));
    /* A person's note puts a space after the colon; text around a token
     * makes a paragraph; a token must close. */
    assert_false(furniture("[Koreksi: berita ini telah diperbarui]"));
    assert_false(furniture("Lihat unggahan berikut [Gambas:Instagram] yang viral kemarin sore"));
    assert_false(furniture("[Gambas:Instagram"));
    assert_false(furniture("[1:2]"));
}

static void test_related_headings_and_labels(void **state)
{
    (void)state;
    assert_true(warta_is_related_heading(warta_str_from("Baca Juga")));
    assert_true(warta_is_related_heading(warta_str_from("BERITA TERKAIT:")));
    assert_true(warta_is_related_heading(warta_str_from("TERKAIT")));
    assert_true(warta_is_related_heading(warta_str_from("Related")));
    assert_false(warta_is_related_heading(warta_str_from("Baca juga: Harga cabai naik")));

    enum warta_label_kind kind = 0;
    assert_true(warta_is_label_line(warta_str_from("Tags"), &kind));
    assert_int_equal(kind, WARTA_LABEL_TAGS);
    assert_true(warta_is_label_line(warta_str_from("Kata kunci :"), &kind));
    assert_int_equal(kind, WARTA_LABEL_TAGS);
    assert_false(warta_is_label_line(warta_str_from("Tags: ekonomi"), &kind));
}

static void test_place_abbreviations(void **state)
{
    (void)state;
    assert_string_equal(warta_place_abbreviation(warta_str_from("MICH.")), "Mich.");
    assert_string_equal(warta_place_abbreviation(warta_str_from("n.m.")), "N.M.");
    assert_string_equal(warta_place_abbreviation(warta_str_from("ST.")), "St.");
    assert_null(warta_place_abbreviation(warta_str_from("Jakarta.")));
    assert_null(warta_place_abbreviation(warta_str_from("Mich")));
    assert_true(warta_is_weekday(warta_str_from("SENIN")));
    assert_true(warta_is_weekday(warta_str_from("Isnin")));
    assert_false(warta_is_weekday(warta_str_from("Jakarta")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_furniture_whole_lines),
        cmocka_unit_test(test_furniture_promos),
        cmocka_unit_test(test_embed_placeholders),
        cmocka_unit_test(test_related_headings_and_labels),
        cmocka_unit_test(test_place_abbreviations),
    };
    return cmocka_run_group_tests_name("phrases", tests, NULL, NULL);
}
