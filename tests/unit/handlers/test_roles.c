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
    /* Not datelines: a hyphenated word, a sentence with a dash. */
    dateline("Sidang ke-29 digelar hari ini dan menteri", NULL, NULL);
    dateline("Menurut dia, kenaikan harga - yang terjadi sejak Mei - menteri", NULL, NULL);
}

static enum warta_block_role role_of(struct warta_doc *d, const char *prefix)
{
    for (size_t i = 0; i < d->n_blocks; i++)
        if (strncmp(d->blocks[i].text, prefix, strlen(prefix)) == 0)
            return d->blocks[i].role;
    fail_msg("no block starts with '%s'", prefix);
    return WARTA_ROLE_BODY;
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
        cmocka_unit_test(test_line_roles),
        cmocka_unit_test(test_empty_input_is_no_content),
    };
    return cmocka_run_group_tests_name("roles", tests, NULL, NULL);
}
