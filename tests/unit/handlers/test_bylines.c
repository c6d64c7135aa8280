/* Names out of bylines and credit lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "metadata/metadata.h"

static void expect_names(const char *text, const char *const *want)
{
    struct warta_arena a;
    warta_arena_init(&a);
    struct warta_strlist l = {0};
    warta_split_names(&a, &l, text, strlen(text));
    size_t n = 0;
    while (want[n])
        n++;
    if (l.n != n)
        fail_msg("'%s': expected %zu names, got %zu (%s...)", text, n, l.n,
                 l.n ? l.items[0] : "");
    for (size_t i = 0; i < n; i++)
        assert_string_equal(l.items[i], want[i]);
    warta_arena_free(&a);
}

static void test_splitting(void **state)
{
    (void)state;
    expect_names("Zubi Mahrofi", (const char *[]){"Zubi Mahrofi", NULL});
    expect_names("By A. Smith, B. Jones and C. Lee",
                 (const char *[]){"A. Smith", "B. Jones", "C. Lee", NULL});
    expect_names("Oleh Budi Santoso dan Siti Aminah",
                 (const char *[]){"Budi Santoso", "Siti Aminah", NULL});
    expect_names("Ana; Ben & Cy", (const char *[]){"Ana", "Ben", "Cy", NULL});
}

static void test_cleaning(void **state)
{
    (void)state;
    expect_names("Stefanno Sulaiman in Jakarta",
                 (const char *[]){"Stefanno Sulaiman", NULL});
    expect_names("By JOSH BOAK and LISA MASCARO",
                 (const char *[]){"Josh Boak", "Lisa Mascaro", NULL});
    expect_names("Dan Brown", (const char *[]){"Dan Brown", NULL});
    expect_names("Rina (ANTARA)", (const char *[]){"Rina", NULL});
    expect_names("Ana, Ana", (const char *[]){"Ana", NULL});
}

static void test_rejects(void **state)
{
    (void)state;
    expect_names("", (const char *[]){NULL});
    expect_names(", ,", (const char *[]){NULL});
    expect_names("2023", (const char *[]){NULL});
    expect_names("this is clearly a whole sentence rather than a person name",
                 (const char *[]){NULL});
    /* Addresses, labelled credits, dates and desk codes are no names. */
    expect_names("d.kuckelkorn@example.de", (const char *[]){NULL});
    expect_names("Foto: Mads Rasmussen", (const char *[]){NULL});
    expect_names("Sweidah 05.01.2025", (const char *[]){NULL});
    expect_names("red", (const char *[]){NULL});
    expect_names("dpa", (const char *[]){"dpa", NULL});
    /* A word opening with a digit is a date or a count... */
    expect_names("Anna Fink, 3.5.2024", (const char *[]){"Anna Fink", NULL});
    /* ...a desk's name with digits inside a word is a name. */
    expect_names("BR24 Redaktion", (const char *[]){"BR24 Redaktion", NULL});
}

static void test_prefixes_in_every_language(void **state)
{
    (void)state;
    expect_names("Von Anna Schmidt und Jan Meyer",
                 (const char *[]){"Anna Schmidt", "Jan Meyer", NULL});
    expect_names("Par Claire Dupont", (const char *[]){"Claire Dupont", NULL});
    expect_names("Por Ana García", (const char *[]){"Ana García", NULL});
    expect_names("Di Marco Rossi", (const char *[]){"Marco Rossi", NULL});
    expect_names("Veröffentlicht von Eva Kirchner",
                 (const char *[]){"Eva Kirchner", NULL});
    /* A link to the author's page ends in an arrow or a chevron. */
    expect_names("Zeige alle Beiträge von Eva Kirchner \xE2\x86\x92",
                 (const char *[]){"Eva Kirchner", NULL});
    expect_names("Posted by Tom Hale \xC2\xBB", (const char *[]){"Tom Hale", NULL});
    expect_names("Ditulis oleh Rina Wati", (const char *[]){"Rina Wati", NULL});
    expect_names("Scritto da Luca Bianchi", (const char *[]){"Luca Bianchi", NULL});
    expect_names("Publicado por João Silva e Ana Costa",
                 (const char *[]){"João Silva", "Ana Costa", NULL});
    expect_names("Geschreven door Pieter de Vries",
                 (const char *[]){"Pieter de Vries", NULL});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splitting),
        cmocka_unit_test(test_cleaning),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_prefixes_in_every_language),
    };
    return cmocka_run_group_tests_name("bylines", tests, NULL, NULL);
}
