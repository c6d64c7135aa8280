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
    /* A table's "Font:" alone, or glued to the next widget's label. */
    assert_true(furniture("Font:"));
    assert_true(furniture("Font: Text size"));
    assert_true(furniture("Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns."));
    assert_true(furniture("Vous avez aimé cet article ? Partagez-le."));
    assert_true(furniture("This entry was posted on Monday and is filed under Ports."));
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

static bool notice(const char *s)
{
    return warta_is_rights_notice(warta_str_make(s, strlen(s)));
}

static bool teaser(const char *s)
{
    return warta_is_teaser_line(warta_str_make(s, strlen(s)));
}

static void rights_phrases_make_a_notice_wherever_they_stand(void **state)
{
    (void)state;
    assert_true(notice("Copyright 2024 Harbour Wire. All rights reserved. This material "
                       "may not be published, broadcast, rewritten, or redistributed."));
    assert_true(notice("(c) Stadtkurier GmbH, Alle Rechte vorbehalten"));
    assert_true(notice("Texte et photos : Le Petit Riverain. Tous droits réservés."));
    assert_true(notice("Fotos: Diario del Puerto. Todos los derechos reservados."));
    assert_true(notice("Gazeta Portowa - Wszelkie prawa zastrzeżone"));
    assert_true(notice("Berita ini milik Kabar Pesisir. Hak cipta dilindungi undang-undang."));
    /* A story about copyright is not a notice. */
    assert_false(notice("The court ruled that the archive's copyright had expired in 1990."));
    assert_false(notice("Der Verlag behält sich die Rechte an der Neuauflage vor, sagte er."));
}

static void link_labels_after_a_sentence_close_a_teaser(void **state)
{
    (void)state;
    assert_true(teaser("The harbour board approved two new berths on Monday. Full Story"));
    assert_true(teaser("Der Stadtrat hat den Haushalt beschlossen. mehr"));
    assert_true(teaser("Le conseil a voté le budget. Lire la suite \xC2\xBB"));
    assert_true(teaser("El ayuntamiento aprobó el presupuesto. Leer más"));
    assert_true(teaser("Rada miasta przyjęła budżet. Czytaj więcej..."));
    /* The words inside a sentence are not its link label. */
    assert_false(teaser("Sie wollte das nicht mehr"));
    assert_false(teaser("He urged the visitors to read more."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(box_headings_and_calls_to_action_are_furniture),
        cmocka_unit_test(read_also_lines_keep_their_title),
        cmocka_unit_test(rights_phrases_make_a_notice_wherever_they_stand),
        cmocka_unit_test(link_labels_after_a_sentence_close_a_teaser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
