/* Repeated blocks inside one article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dedupe/dedupe.h"

static struct warta_doc *make(struct warta_arena *a, struct warta_doc *d,
                              const char *const *texts)
{
    warta_arena_init(a);
    warta_doc_init(d, a);
    for (size_t i = 0; texts[i]; i++)
        warta_doc_add_block(d, WARTA_BLOCK_PARAGRAPH, texts[i], strlen(texts[i]));
    return d;
}

static const char *P1 = "Banjir merendam ratusan rumah warga di tiga kecamatan setelah hujan deras mengguyur sejak sore.";
static const char *P2 = "Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke tempat pengungsian sementara.";

static void test_exact_after_folding(void **state)
{
    (void)state;
    struct warta_arena a;
    struct warta_doc d;
    char shouted[256];
    snprintf(shouted, sizeof(shouted), "%s", P1);
    for (char *p = shouted; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    make(&a, &d, (const char *[]){P1, P2, shouted, NULL});
    warta_dedupe_blocks(&d);
    assert_null(d.blocks[0].removed_reason);
    assert_null(d.blocks[1].removed_reason);
    assert_string_equal(d.blocks[2].removed_reason, "duplicate");
    assert_int_equal(d.blocks[2].duplicate_of, 0);
    assert_int_equal(d.dedupe.removed_blocks, 1);
    warta_arena_free(&a);
}

static void test_near_duplicate(void **state)
{
    (void)state;
    struct warta_arena a;
    struct warta_doc d;
    const char *reworded = "Banjir merendam ratusan rumah penduduk di tiga kecamatan setelah hujan deras mengguyur sejak sore.";
    const char *other = "Banjir juga melanda dua desa di kabupaten tetangga namun tidak menimbulkan korban jiwa sama sekali.";
    make(&a, &d, (const char *[]){P1, P2, reworded, other, NULL});
    warta_dedupe_blocks(&d);
    assert_string_equal(d.blocks[2].removed_reason, "near-duplicate");
    assert_null(d.blocks[3].removed_reason);
    warta_arena_free(&a);
}

static void test_short_repeats_kept_unless_in_a_run(void **state)
{
    (void)state;
    struct warta_arena a;
    struct warta_doc d;
    /* A ruling's items repeat on purpose; a short line inside a repeated
     * run of paragraphs goes with its run. */
    make(&a, &d, (const char *[]){"Menimbang:", P1, "Menimbang:", P2,
                                  P1, "Demikian disampaikan.", P2, NULL});
    warta_dedupe_blocks(&d);
    assert_null(d.blocks[2].removed_reason);            /* isolated short repeat */
    assert_string_equal(d.blocks[4].removed_reason, "duplicate");
    assert_null(d.blocks[5].removed_reason);            /* first of its text */
    assert_string_equal(d.blocks[6].removed_reason, "duplicate");
    warta_arena_free(&a);
    /* The whole body pasted twice: the short line goes with its run. */
    make(&a, &d, (const char *[]){P1, "Demikian disampaikan.", P2,
                                  P1, "Demikian disampaikan.", P2, NULL});
    warta_dedupe_blocks(&d);
    assert_string_equal(d.blocks[3].removed_reason, "duplicate");
    assert_string_equal(d.blocks[4].removed_reason, "duplicate");
    assert_string_equal(d.blocks[5].removed_reason, "duplicate");
    assert_int_equal(d.dedupe.removed_blocks, 3);
    warta_arena_free(&a);
    /* Two lists sharing items in a row repeat no paragraph: all kept. */
    make(&a, &d, (const char *[]){"1 cup sugar", "2 eggs", "1 cup flour", P1,
                                  "1 cup sugar", "2 eggs", "1 cup flour", P2, NULL});
    warta_dedupe_blocks(&d);
    assert_int_equal(d.dedupe.removed_blocks, 0);
    warta_arena_free(&a);
}

/* Where the line is drawn: what a story repeats on purpose stays, a
 * stretch pasted again goes. */
static void test_meant_repeats_kept(void **state)
{
    (void)state;
    struct warta_arena a;
    struct warta_doc d;
    const char *quote = "\"Kami tidak akan mundur sedikit pun sampai tuntutan kami dipenuhi,\" kata Budi.";
    /* A quotation restated further on, on its own. */
    make(&a, &d, (const char *[]){P1, quote, P2, quote, NULL});
    warta_dedupe_blocks(&d);
    assert_int_equal(d.dedupe.removed_blocks, 0);
    warta_arena_free(&a);
    /* Straight after its first telling it is a paste. */
    make(&a, &d, (const char *[]){P1, quote, quote, P2, NULL});
    warta_dedupe_blocks(&d);
    assert_string_equal(d.blocks[2].removed_reason, "duplicate");
    warta_arena_free(&a);
    /* A refrain: verse lines, long or short, without a sentence's end. */
    const char *verse = "Kami menunggu di dermaga yang sama, di bawah langit yang sama";
    const char *close = "Pulanglah sebelum lampu terakhir padam";
    make(&a, &d, (const char *[]){P1, verse, close, "Perahu kembali tanpa layarmu", verse, close, P2, NULL});
    warta_dedupe_blocks(&d);
    assert_int_equal(d.dedupe.removed_blocks, 0);
    warta_arena_free(&a);
    /* A ruling's clause, however long, as a list item. */
    const char *clause = "1. Menyatakan terdakwa terbukti secara sah dan meyakinkan bersalah melakukan tindak pidana korupsi.";
    warta_arena_init(&a);
    warta_doc_init(&d, &a);
    warta_doc_add_block(&d, WARTA_BLOCK_PARAGRAPH, P1, strlen(P1));
    warta_doc_add_block(&d, WARTA_BLOCK_LIST_ITEM, clause, strlen(clause));
    warta_doc_add_block(&d, WARTA_BLOCK_PARAGRAPH, P2, strlen(P2));
    warta_doc_add_block(&d, WARTA_BLOCK_LIST_ITEM, clause, strlen(clause));
    warta_dedupe_blocks(&d);
    assert_int_equal(d.dedupe.removed_blocks, 0);
    warta_arena_free(&a);
    /* Quotes pasted again with the paragraphs around them go with them. */
    make(&a, &d, (const char *[]){P1, quote, P2, P1, quote, P2, NULL});
    warta_dedupe_blocks(&d);
    assert_int_equal(d.dedupe.removed_blocks, 3);
    warta_arena_free(&a);
}

static void test_many_blocks_stay_linear(void **state)
{
    (void)state;
    /* 20,000 distinct paragraphs plus their copies: the bucketed
     * comparison must not degrade to all pairs (and finishes quickly). */
    struct warta_arena a;
    struct warta_doc d;
    warta_arena_init(&a);
    warta_doc_init(&d, &a);
    char buf[256];
    for (int copy = 0; copy < 2; copy++)
        for (int i = 0; i < 20000; i++) {
            int n = snprintf(buf, sizeof(buf), "Paragraf nomor %d berisi laporan tentang kejadian %d di wilayah %d yang ditulis wartawan kami.", i, i * 7, i % 97);
            warta_doc_add_block(&d, WARTA_BLOCK_PARAGRAPH, buf, (size_t)n);
        }
    warta_dedupe_blocks(&d);
    assert_int_equal(d.dedupe.removed_blocks, 20000);
    warta_arena_free(&a);
}

/* Paragraphs past the inline sort's size (2000 shingles) take the qsort
 * path: a 3000-word block re-sent with one word changed is still a near
 * duplicate, and a 3000-word block of other words is not. */
static char *long_block(struct warta_arena *a, unsigned seed, unsigned changed)
{
    char *out = warta_arena_alloc(a, 3000 * 12 + 1);
    size_t k = 0;
    for (unsigned w = 0; w < 3000; w++) {
        unsigned v = (w == changed ? 77777u : w) * 2654435761u + seed;
        k += (size_t)snprintf(out + k, 13, "%sk%07u", w ? " " : "", v % 9999991u);
    }
    return out;
}

static void test_long_near_duplicate(void **state)
{
    (void)state;
    struct warta_arena a;
    struct warta_doc d;
    struct warta_arena scratch;
    warta_arena_init(&scratch);
    const char *first = long_block(&scratch, 1, 3001);
    const char *resent = long_block(&scratch, 1, 1500);
    const char *other = long_block(&scratch, 2, 3001);
    make(&a, &d, (const char *[]){first, other, resent, NULL});
    warta_dedupe_blocks(&d);
    assert_null(d.blocks[0].removed_reason);
    assert_null(d.blocks[1].removed_reason);
    assert_string_equal(d.blocks[2].removed_reason, "near-duplicate");
    assert_int_equal(d.blocks[2].duplicate_of, 0);
    warta_arena_free(&a);
    warta_arena_free(&scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_after_folding),
        cmocka_unit_test(test_near_duplicate),
        cmocka_unit_test(test_short_repeats_kept_unless_in_a_run),
        cmocka_unit_test(test_meant_repeats_kept),
        cmocka_unit_test(test_many_blocks_stay_linear),
        cmocka_unit_test(test_long_near_duplicate),
    };
    return cmocka_run_group_tests_name("dedupe_blocks", tests, NULL, NULL);
}
