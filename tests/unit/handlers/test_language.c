/*
 * Language identification: the stopword tables, textcat's shortlist for
 * close calls and for languages without a table, scripts that one
 * language writes, and the handle slots under concurrent callers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warta/arena.h"
#include "warta/langid.h"
#include "warta/unicode.h"

static const struct sample {
    const char *want; /* NULL: no answer */
    const char *text;
} samples[] = {
    {"id",
        "Pemerintah akan menambah anggaran subsidi pupuk tahun depan kare"
        "na harga bahan baku di pasar dunia masih tinggi. Menurut menteri"
        ", tambahan itu diperlukan agar petani tidak kesulitan saat musim"
        " tanam tiba. Namun sejumlah ekonom menilai kebijakan tersebut ha"
        "rus diikuti perbaikan penyaluran supaya tepat sasaran."},
    {"ms",
        "Kerajaan akan menambah peruntukan subsidi baja tahun hadapan ker"
        "ana harga bahan mentah di pasaran dunia masih tinggi. Menurut me"
        "nteri, tambahan itu perlu supaya petani tidak menghadapi kesukar"
        "an ketika musim menanam tiba. Beliau berkata kerajaan turut mene"
        "liti cara pengagihan yang lebih cekap."},
    {"en",
        "The government will increase the fertiliser subsidy budget next "
        "year because raw material prices on the world market are still h"
        "igh. According to the minister, the extra money is needed so tha"
        "t farmers do not struggle when the planting season arrives."},
    {"vi",
        "Ch\xC3\xADnh ph\xE1\xBB\xA7 s\xE1\xBA\xBD t\xC4\x83ng ng\xC3\xA2"
        "n s\xC3\xA1" "ch tr\xE1\xBB\xA3 gi\xC3\xA1 ph\xC3\xA2n b\xC3\xB3"
        "n v\xC3\xA0o n\xC4\x83m t\xE1\xBB\x9Bi v\xC3\xAC gi\xC3\xA1 nguy"
        "\xC3\xAAn li\xE1\xBB\x87u tr\xC3\xAAn th\xE1\xBB\x8B tr\xC6\xB0"
        "\xE1\xBB\x9Dng th\xE1\xBA\xBF gi\xE1\xBB\x9Bi v\xE1\xBA\xABn c"
        "\xC3\xB2n cao. Theo b\xE1\xBB\x99 tr\xC6\xB0\xE1\xBB\x9Fng, kho"
        "\xE1\xBA\xA3n b\xE1\xBB\x95 sung n\xC3\xA0y l\xC3\xA0 c\xE1\xBA"
        "\xA7n thi\xE1\xBA\xBFt \xC4\x91\xE1\xBB\x83 n\xC3\xB4ng d\xC3"
        "\xA2n kh\xC3\xB4ng g\xE1\xBA\xB7p kh\xC3\xB3 kh\xC4\x83n khi m"
        "\xC3\xB9" "a v\xE1\xBB\xA5 \xC4\x91\xE1\xBA\xBFn."},
    {"fr",
        "Le gouvernement augmentera le budget des subventions aux engrais"
        " l'ann\xC3\xA9" "e prochaine, car les prix des mati\xC3\xA8res p"
        "remi\xC3\xA8res sur le march\xC3\xA9 mondial restent \xC3\xA9lev"
        "\xC3\xA9s. Selon le ministre, cette rallonge est n\xC3\xA9" "ces"
        "saire pour que les agriculteurs ne soient pas en difficult\xC3"
        "\xA9 \xC3\xA0 la saison des semis."},
    {"tl",
        "Dadagdagan ng pamahalaan ang badyet para sa subsidiya sa pataba "
        "sa susunod na taon dahil mataas pa rin ang presyo ng mga hilaw n"
        "a materyales sa pandaigdigang merkado. Ayon sa kalihim, kailanga"
        "n ang dagdag na pondo upang hindi mahirapan ang mga magsasaka sa"
        " panahon ng pagtatanim."},
    /* Mostly words Indonesian and Malay share: a close call. */
    {"id",
        "Menteri mengatakan bahwa pemerintah akan terus memantau "
        "perkembangan situasi di lapangan bersama aparat setempat, dan "
        "warga diminta tetap tenang serta tidak mudah percaya pada kabar "
        "yang belum jelas kebenarannya."},
    {"ms",
        "Menteri berkata bahawa kerajaan akan terus memantau perkembangan "
        "situasi di lapangan bersama pihak berkuasa tempatan, dan orang "
        "ramai diminta bertenang serta tidak mudah percaya pada khabar "
        "yang tidak jelas kebenarannya."},
    {"th",
        "\xE0\xB8\xA3\xE0\xB8\xB1\xE0\xB8\x90\xE0\xB8\x9A\xE0\xB8\xB2\xE0"
        "\xB8\xA5\xE0\xB8\x88\xE0\xB8\xB0\xE0\xB9\x80\xE0\xB8\x9E\xE0\xB8"
        "\xB4\xE0\xB9\x88\xE0\xB8\xA1\xE0\xB8\x87\xE0\xB8\x9A\xE0\xB8\x9B"
        "\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\xA1\xE0\xB8\xB2\xE0\xB8\x93\xE0"
        "\xB8\xAD\xE0\xB8\xB8\xE0\xB8\x94\xE0\xB8\xAB\xE0\xB8\x99\xE0\xB8"
        "\xB8\xE0\xB8\x99\xE0\xB8\x9B\xE0\xB8\xB8\xE0\xB9\x8B\xE0\xB8\xA2"
        "\xE0\xB9\x83\xE0\xB8\x99\xE0\xB8\x9B\xE0\xB8\xB5\xE0\xB8\xAB\xE0"
        "\xB8\x99\xE0\xB9\x89\xE0\xB8\xB2 \xE0\xB9\x80\xE0\xB8\x99\xE0"
        "\xB8\xB7\xE0\xB9\x88\xE0\xB8\xAD\xE0\xB8\x87\xE0\xB8\x88\xE0\xB8"
        "\xB2\xE0\xB8\x81\xE0\xB8\xA3\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xB2"
        "\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\x95\xE0\xB8\x96\xE0\xB8\xB8\xE0"
        "\xB8\x94\xE0\xB8\xB4\xE0\xB8\x9A\xE0\xB9\x83\xE0\xB8\x99\xE0\xB8"
        "\x95\xE0\xB8\xA5\xE0\xB8\xB2\xE0\xB8\x94\xE0\xB9\x82\xE0\xB8\xA5"
        "\xE0\xB8\x81\xE0\xB8\xA2\xE0\xB8\xB1\xE0\xB8\x87\xE0\xB8\x84\xE0"
        "\xB8\x87\xE0\xB8\xAA\xE0\xB8\xB9\xE0\xB8\x87\xE0\xB8\xAD\xE0\xB8"
        "\xA2\xE0\xB8\xB9\xE0\xB9\x88"},
    {"km",
        "\xE1\x9E\x9A\xE1\x9E\x8A\xE1\x9F\x92\xE1\x9E\x8B\xE1\x9E\xB6\xE1"
        "\x9E\x97\xE1\x9E\xB7\xE1\x9E\x94\xE1\x9E\xB6\xE1\x9E\x9B\xE1\x9E"
        "\x93\xE1\x9E\xB9\xE1\x9E\x84\xE1\x9E\x94\xE1\x9E\x84\xE1\x9F\x92"
        "\xE1\x9E\x80\xE1\x9E\xBE\xE1\x9E\x93\xE1\x9E\x90\xE1\x9E\x9C\xE1"
        "\x9E\xB7\xE1\x9E\x80\xE1\x9E\xB6\xE1\x9E\xA7\xE1\x9E\x94\xE1\x9E"
        "\x8F\xE1\x9F\x92\xE1\x9E\x90\xE1\x9E\x98\xE1\x9F\x92\xE1\x9E\x97"
        "\xE1\x9E\x87\xE1\x9E\xB8\xE1\x9E\x93\xE1\x9F\x85\xE1\x9E\x86\xE1"
        "\x9F\x92\xE1\x9E\x93\xE1\x9E\xB6\xE1\x9F\x86\xE1\x9E\x80\xE1\x9F"
        "\x92\xE1\x9E\x9A\xE1\x9F\x84\xE1\x9E\x99 \xE1\x9E\x8A\xE1\x9F"
        "\x84\xE1\x9E\x99\xE1\x9E\x9F\xE1\x9E\xB6\xE1\x9E\x9A\xE1\x9E\x8F"
        "\xE1\x9E\x98\xE1\x9F\x92\xE1\x9E\x9B\xE1\x9F\x83\xE1\x9E\x9C\xE1"
        "\x9E\x8F\xE1\x9F\x92\xE1\x9E\x90\xE1\x9E\xBB\xE1\x9E\x92\xE1\x9E"
        "\xB6\xE1\x9E\x8F\xE1\x9E\xBB\xE1\x9E\x8A\xE1\x9E\xBE\xE1\x9E\x98"
        "\xE1\x9E\x93\xE1\x9F\x85\xE1\x9E\x9B\xE1\x9E\xBE\xE1\x9E\x91\xE1"
        "\x9E\xB8\xE1\x9E\x95\xE1\x9F\x92\xE1\x9E\x9F\xE1\x9E\xB6\xE1\x9E"
        "\x9A\xE1\x9E\x96\xE1\x9E\xB7\xE1\x9E\x97\xE1\x9E\x96\xE1\x9E\x9B"
        "\xE1\x9F\x84\xE1\x9E\x80\xE1\x9E\x93\xE1\x9F\x85\xE1\x9E\x8F\xE1"
        "\x9F\x82\xE1\x9E\x81\xE1\x9F\x92\xE1\x9E\x96\xE1\x9E\x9F\xE1\x9F"
        "\x8B\xE1\x9F\x94"},
    {"ko",
        "\xEC\xA0\x95\xEB\xB6\x80\xEB\x8A\x94 \xEC\x84\xB8\xEA\xB3\x84 "
        "\xEC\x8B\x9C\xEC\x9E\xA5\xEC\x9D\x98 \xEC\x9B\x90\xEC\x9E\x90"
        "\xEC\x9E\xAC \xEA\xB0\x80\xEA\xB2\xA9\xEC\x9D\xB4 \xEC\x97\xAC"
        "\xEC\xA0\x84\xED\x9E\x88 \xEB\x86\x92\xEA\xB8\xB0 \xEB\x95\x8C"
        "\xEB\xAC\xB8\xEC\x97\x90 \xEB\x82\xB4\xEB\x85\x84\xEC\x97\x90 "
        "\xEB\xB9\x84\xEB\xA3\x8C \xEB\xB3\xB4\xEC\xA1\xB0\xEA\xB8\x88 "
        "\xEC\x98\x88\xEC\x82\xB0\xEC\x9D\x84 \xEB\x8A\x98\xEB\xA6\xB4 "
        "\xEC\x98\x88\xEC\xA0\x95\xEC\x9D\xB4\xEB\x8B\xA4."},
    /* A few words of Thai in English copy do not make it Thai. */
    {"en",
        "The Thai greeting \xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8"
        "\xAA\xE0\xB8\x94\xE0\xB8\xB5 opened the speech, and the minister"
        " said the fertiliser subsidy budget will increase next year beca"
        "use prices on the world market remain high."},
    {NULL, "Halo semua."},
};
#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

static struct warta_langid *lid;

static const char *detect_with(struct warta_langid *with, const char *text)
{
    struct warta_arena a;
    warta_arena_init(&a);
    size_t folded_len, n_words;
    const uint64_t *hashes;
    warta_text_fold_words(&a, text, strlen(text), &folded_len, &hashes, &n_words);
    const char *code = warta_langid_detect_words(with, hashes, n_words, text, strlen(text));
    warta_arena_free(&a);
    return code;
}

static const char *detect(const char *text)
{
    return detect_with(lid, text);
}

static bool same(const char *got, const char *want)
{
    return got && want ? strcmp(got, want) == 0 : got == want;
}

/* Indonesian and Malay of a few sentences share most function words and
 * go to textcat's neighbour models; Vietnamese, French and Tagalog have no
 * table and take textcat's pick from every model. */
static void test_samples(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SAMPLES; i++) {
        const char *got = detect(samples[i].text);
        if (!same(got, samples[i].want))
            fail_msg("sample %zu: got %s, want %s", i, got ? got : "(null)",
                     samples[i].want ? samples[i].want : "(null)");
    }
}

/* Without textcat (no handle): the stopword tables and the one-language
 * scripts still answer; Latin-script languages without a table do not. */
static void test_without_textcat(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SAMPLES; i++) {
        const char *want = samples[i].want;
        bool scripted = want && (strcmp(want, "th") == 0 || strcmp(want, "km") == 0 ||
                                 strcmp(want, "ko") == 0);
        bool tabled = want && (strcmp(want, "id") == 0 || strcmp(want, "ms") == 0 ||
                               strcmp(want, "en") == 0);
        const char *got = detect_with(NULL, samples[i].text);
        const char *expect = scripted || tabled ? want : NULL;
        if (!same(got, expect))
            fail_msg("sample %zu without textcat: got %s, want %s", i,
                     got ? got : "(null)", expect ? expect : "(null)");
    }
}

/* More callers than textcat slots, all at once: each still gets its own
 * answer (a handle reuses its buffers, so a slot shared without its lock
 * would mix answers up). */
#define CALLERS 12
#define ROUNDS 6

static void *classify_all(void *arg)
{
    size_t offset = (size_t)(uintptr_t)arg, *wrong = calloc(1, sizeof(size_t));
    for (int r = 0; r < ROUNDS; r++)
        for (size_t k = 0; k < N_SAMPLES; k++) {
            const struct sample *s = &samples[(k + offset) % N_SAMPLES];
            if (!same(detect(s->text), s->want))
                (*wrong)++;
        }
    return wrong;
}

static void test_concurrent_callers(void **state)
{
    (void)state;
    pthread_t t[CALLERS];
    for (size_t i = 0; i < CALLERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, classify_all, (void *)(uintptr_t)i), 0);
    size_t wrong = 0;
    for (size_t i = 0; i < CALLERS; i++) {
        void *r;
        pthread_join(t[i], &r);
        wrong += *(size_t *)r;
        free(r);
    }
    assert_int_equal(wrong, 0);
}

static int setup(void **state)
{
    (void)state;
    lid = warta_langid_open();
    return lid ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    warta_langid_close(lid);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples),
        cmocka_unit_test(test_without_textcat),
        cmocka_unit_test(test_concurrent_callers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
