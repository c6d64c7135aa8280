/*
 * Language identification: the stopword tables, textcat's shortlist for
 * close calls and for languages without a table, and the handle slots
 * under concurrent callers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
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
    {NULL, "Halo semua."},
};
#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

static struct warta_langid *lid;

static const char *detect(const char *text)
{
    struct warta_arena a;
    warta_arena_init(&a);
    size_t folded_len, n_words;
    const uint64_t *hashes;
    warta_text_fold_words(&a, text, strlen(text), &folded_len, &hashes, &n_words);
    const char *code = warta_langid_detect_words(lid, hashes, n_words, text, strlen(text));
    warta_arena_free(&a);
    return code;
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
        cmocka_unit_test(test_concurrent_callers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
