/* The classes of furniture and "read also" phrases in the tables of de,
 * fr, es, it, pt, nl, pl and en (handlers/lang/), as the text layer reads
 * them: box headings, calls to action, meta lines, disclosures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "warta/str.h"
#include "warta/text.h"

static bool furniture(const char *s)
{
    return warta_is_furniture_line(warta_str_make(s, strlen(s)));
}

static void box_headings_and_calls_to_action_are_furniture(void **state)
{
    (void)state;
    assert_true(furniture("Das könnte Sie auch interessieren"));
    assert_true(furniture("Les plus partagés"));
    assert_true(furniture("Lo más visto"));
    assert_true(furniture("Spis treści"));
    assert_true(furniture("Il vous reste 80 % de cet article à lire."));
    assert_true(furniture("Sostienici"));
    assert_true(furniture("Dit artikel bevat affiliate links."));
    assert_true(furniture("Sponsored Links"));
    assert_true(furniture("Kategorie: Verkehr"));
    /* Whole-line phrases do not take a sentence that opens with them. */
    assert_false(furniture("Inhalt und Form des Vertrags sind seit Jahren umstritten."));
    assert_false(furniture("Stampa e televisione hanno seguito il processo fino alla sentenza."));
}

static void read_also_lines_keep_their_title(void **state)
{
    (void)state;
    const char *s = "Lesen Sie dazu: Neue Radwege am Stadtrand";
    size_t at = warta_related_prefix(warta_str_make(s, strlen(s)));
    assert_string_equal(s + at, "Neue Radwege am Stadtrand");
    s = "Per approfondire - Il nuovo ponte sul fiume";
    at = warta_related_prefix(warta_str_make(s, strlen(s)));
    assert_string_equal(s + at, "Il nuovo ponte sul fiume");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(box_headings_and_calls_to_action_are_furniture),
        cmocka_unit_test(read_also_lines_keep_their_title),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
