/* Dates in free text: every shape the issue lists, plus the edge cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "warta/text.h"

static void expect(const char *text, const char *want)
{
    struct warta_arena a;
    warta_arena_init(&a);
    const char *got = warta_parse_date(&a, text, strlen(text));
    if (!want) {
        if (got)
            fail_msg("'%s': expected no date, got %s", text, got);
    } else if (!got || strcmp(got, want) != 0) {
        fail_msg("'%s': expected %s, got %s", text, want, got ? got : "NULL");
    }
    warta_arena_free(&a);
}

static void test_indonesian_date_lines(void **state)
{
    (void)state;
    expect("8 Mei 2023 16:46 WIB", "2023-05-08T16:46:00+07:00");
    expect("Selasa, 23 Februari 2016 15:06 WIB", "2016-02-23T15:06:00+07:00");
    expect("Rabu 17 Jun 2015, 10:08 WIB", "2015-06-17T10:08:00+07:00");
    expect("Kamis, 5 November 2015 - 15:56 wib", "2015-11-05T15:56:00+07:00");
    expect("17 Feb 2016 at 09:10 WIB", "2016-02-17T09:10:00+07:00");
    expect("Rabu, 17 Juni 2015 pukul 10.08 WIB", "2015-06-17T10:08:00+07:00");
    expect("Kompas.com - 08/05/2023, 16:46 WIB", "2023-05-08T16:46:00+07:00");
}

static void test_zones(void **state)
{
    (void)state;
    expect("1 Agustus 2022 09:00 WITA", "2022-08-01T09:00:00+08:00");
    expect("1 Agustus 2022 09:00 WIT", "2022-08-01T09:00:00+09:00");
    expect("May 8, 2023 4:46 PM EDT", "2023-05-08T16:46:00-04:00");
    expect("8 May 2023 08:30 GMT", "2023-05-08T08:30:00Z");
    expect("8 May 2023 15:30 GMT+7", "2023-05-08T15:30:00+07:00");
    expect("8 May 2023 15:30 +0530", "2023-05-08T15:30:00+05:30");
    expect("Isnin, 8 Mei 2023 | 4:46pm", "2023-05-08T16:46:00");
    expect("12 Jan 2021 12:15 AM", "2021-01-12T00:15:00");
}

static void test_english_and_malay(void **state)
{
    (void)state;
    expect("Monday, May 8, 2023", "2023-05-08");
    expect("Sept. 14, 2022 9:05 AM", "2022-09-14T09:05:00");
    expect("Khamis, 3 Ogos 2023", "2023-08-03");
    expect("3 Disember 2021, 10:00 MYT", "2021-12-03T10:00:00+08:00");
}

static void test_iso(void **state)
{
    (void)state;
    expect("2023-05-08T16:46:00+07:00", "2023-05-08T16:46:00+07:00");
    expect("2023-05-08T09:46:00Z", "2023-05-08T09:46:00Z");
    expect("2023-05-08T09:46:00.123+0000", "2023-05-08T09:46:00Z");
    expect("2023-05-08T09:46:00-03:30", "2023-05-08T09:46:00-03:30");
    expect("2023-05-08T09:46:00+0545", "2023-05-08T09:46:00+05:45");
    expect("2023-05-08", "2023-05-08");
    expect("2023-05-08 10:11", "2023-05-08T10:11:00");
}

static void test_not_dates(void **state)
{
    (void)state;
    expect("Sekjen ASEAN: Indonesia berperan penting", NULL);
    expect("31 Februari 2023 10:00 WIB", NULL);
    expect("29 Feb 2023", NULL);
    expect("29 Feb 2024", "2024-02-29");
    expect("Mei 2023", NULL);
    expect("10:08 WIB", NULL);
    expect("", NULL);
    expect("8 Mei 2023 25:61 WIB", "2023-05-08");
}

static void test_european_month_names(void **state)
{
    (void)state;
    expect("5. November 2021, 14:30 Uhr", "2021-11-05T14:30:00");
    expect("Publié le 12 mars 2024 à 08:15", "2024-03-12T08:15:00");
    expect("Publicado el 3 de mayo de 2023", "2023-05-03"); /* test_connector_words */
    expect("3 maggio 2023", "2023-05-03");
    expect("21 outubro 2022", "2022-10-21");
    expect("7 januari 2020", "2020-01-07");
    expect("9 lipca 2019", "2019-07-09");
}

static void test_numeric_and_sentence(void **state)
{
    (void)state;
    expect("Die Entscheidung wurde am 05.11.2021 bekanntgegeben", "2021-11-05");
    expect("Do 25.04.24 | 14:07 Uhr", "2024-04-25T14:07:00");
}

static void test_month_first_by_flag(void **state)
{
    (void)state;
    struct warta_arena a;
    warta_arena_init(&a);
    const char *t = "Updated 04/05/2023";
    size_t st = 0, en = 0;
    const char *d = warta_find_date(&a, t, strlen(t), WARTA_DATE_MONTH_FIRST, &st, &en);
    assert_string_equal(d, "2023-04-05");
    assert_int_equal(st, 8);
    assert_int_equal(en, strlen(t));
    d = warta_find_date(&a, t, strlen(t), 0, NULL, NULL);
    assert_string_equal(d, "2023-05-04");
    /* Dots are day first even on a US page. */
    d = warta_find_date(&a, "04.05.2023", 10, WARTA_DATE_MONTH_FIRST, NULL, NULL);
    assert_string_equal(d, "2023-05-04");
    warta_arena_free(&a);
}

static void test_offsets(void **state)
{
    (void)state;
    struct warta_arena a;
    warta_arena_init(&a);
    assert_string_equal(warta_date_in_offset(&a, "2023-05-08T20:30:00Z", 420),
                        "2023-05-09T03:30:00+07:00");
    assert_string_equal(warta_date_in_offset(&a, "2024-04-25T08:21:02Z", -240),
                        "2024-04-25T04:21:02-04:00");
    assert_string_equal(warta_date_in_offset(&a, "2024-04-25", 60), "2024-04-25");
    struct warta_when w;
    assert_true(warta_date_when("2024-04-25T04:21:02-04:00", &w));
    assert_true(w.has_zone);
    assert_int_equal(w.offset, -240);
    assert_int_equal(w.utc, 1714033262);
    warta_arena_free(&a);
}

static void test_connector_words(void **state)
{
    (void)state;
    /* Spanish and Portuguese join day, month and year with "de". */
    expect("3 de mayo de 2023", "2023-05-03");
    expect("Publicado el 1 de enero del 2024", "2024-01-01");
    expect("5 de março de 2021", "2021-03-05");
    expect("Lisboa, 12 de Outubro de 2022 às 10:30", "2022-10-12T10:30:00");
    /* A connector alone is no date. */
    expect("3 de los 2023 votos", NULL);
}

static void test_date_labels(void **state)
{
    (void)state;
    assert_int_equal(warta_date_label_in(warta_str_from("Diperbarui: ")),
                     WARTA_DATE_LABEL_MODIFIED);
    assert_int_equal(warta_date_label_in(warta_str_from("Veröffentlicht am ")),
                     WARTA_DATE_LABEL_PUBLISHED);
    assert_int_equal(warta_date_label_in(warta_str_from("Diterbitkan")),
                     WARTA_DATE_LABEL_PUBLISHED);
    assert_int_equal(warta_date_label_in(warta_str_from("Mis à jour le")),
                     WARTA_DATE_LABEL_MODIFIED);
    assert_int_equal(warta_date_label_in(warta_str_from("Updatedness")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_european_month_names),
        cmocka_unit_test(test_numeric_and_sentence),
        cmocka_unit_test(test_month_first_by_flag),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_date_labels),
        cmocka_unit_test(test_connector_words),
        cmocka_unit_test(test_indonesian_date_lines),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_english_and_malay),
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_not_dates),
    };
    return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
