/*
 * Language identification: libexttextcat's n-gram models shortlist the
 * candidates; for languages with a table in handlers/lang/, stopword hits
 * decide, since n-grams barely separate Indonesian from Malay.
 */
#include "warta/langid.h"

#include <libexttextcat/textcat.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "warta/arena.h"
#include "warta/lang.h"
#include "warta/unicode.h"

#define TEXTCAT_DIR "/usr/share/libexttextcat/"
#define SAMPLE_BYTES 4096

struct warta_langid {
    void *textcat; /* NULL when the models are not installed */
    pthread_mutex_t lock; /* textcat_Classify reuses buffers in its handle */
};

struct warta_langid *warta_langid_open(void)
{
    struct warta_langid *lid = warta_xcalloc(1, sizeof(*lid));
    pthread_mutex_init(&lid->lock, NULL);
    lid->textcat = special_textcat_Init(TEXTCAT_DIR "fpdb.conf", TEXTCAT_DIR);
    return lid;
}

void warta_langid_close(struct warta_langid *lid)
{
    if (!lid)
        return;
    if (lid->textcat)
        textcat_Done(lid->textcat);
    pthread_mutex_destroy(&lid->lock);
    free(lid);
}

/* The registered stopwords as one open-addressing set of folded-word
 * hashes, each with the bit mask of the languages listing it; built once. */
#define STOP_SLOTS 4096
#define MAX_TABLED 32

static struct stop_slot {
    uint64_t hash;
    uint32_t langs;
} stop_set[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void stop_set_build(void)
{
    size_t n_langs;
    const struct warta_lang *const *langs = warta_langs(&n_langs);
    for (size_t l = 0; l < n_langs && l < MAX_TABLED; l++)
        for (const char *const *w = langs[l]->stopwords; *w; w++) {
            uint64_t h = warta_word_hash(*w, strlen(*w));
            size_t i = h & (STOP_SLOTS - 1);
            while (stop_set[i].hash && stop_set[i].hash != h)
                i = (i + 1) & (STOP_SLOTS - 1);
            stop_set[i].hash = h;
            stop_set[i].langs |= 1u << l;
        }
}

static uint32_t stop_langs(uint64_t h)
{
    for (size_t i = h & (STOP_SLOTS - 1); stop_set[i].hash; i = (i + 1) & (STOP_SLOTS - 1))
        if (stop_set[i].hash == h)
            return stop_set[i].langs;
    return 0;
}

/* Stopword hits per registered language over the folded sample; the
 * winner needs a margin, since close languages share most function words. */
static const char *by_stopwords(const uint64_t *words, size_t n_words,
                                const char *const *shortlist, size_t n_short,
                                size_t *best_hits, size_t *margin)
{
    size_t n_langs;
    const struct warta_lang *const *langs = warta_langs(&n_langs);
    size_t hits[MAX_TABLED] = {0};
    for (size_t i = 0; i < n_words; i++) {
        uint32_t m = stop_langs(words[i]);
        for (size_t l = 0; m && l < n_langs && l < MAX_TABLED; l++)
            if (m & (1u << l))
                hits[l]++;
    }
    const char *best = NULL;
    size_t best_score = 0, second = 0;
    for (size_t l = 0; l < n_langs && l < MAX_TABLED; l++) {
        if (n_short) {
            bool listed = false;
            for (size_t k = 0; k < n_short; k++)
                if (strcmp(shortlist[k], langs[l]->code) == 0)
                    listed = true;
            if (!listed)
                continue;
        }
        if (hits[l] > best_score) {
            second = best_score;
            best_score = hits[l];
            best = langs[l]->code;
        } else if (hits[l] > second) {
            second = hits[l];
        }
    }
    *best_hits = best_score;
    *margin = best_score - second;
    return best_score > second ? best : NULL;
}

/* Enough stopword evidence to skip the n-gram models: they cost far more
 * than the rest of the pipeline together. */
#define CLEAR_HITS 8
#define CLEAR_MARGIN 3
#define TEXTCAT_SAMPLE 1024

static size_t utf8_cut(const char *text, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max && ((unsigned char)text[max] & 0xC0) == 0x80)
        max--;
    return max;
}

const char *warta_langid_detect_words(struct warta_langid *lid,
                                      const uint64_t *words, size_t n_words,
                                      const char *text, size_t len)
{
    len = utf8_cut(text, len, SAMPLE_BYTES);
    if (len < 20)
        return NULL;
    pthread_once(&stop_once, stop_set_build);

    size_t hits = 0, margin = 0;
    const char *code = by_stopwords(words, n_words, NULL, 0, &hits, &margin);
    if (code && hits >= CLEAR_HITS && margin >= CLEAR_MARGIN)
        return code;

    /* Unclear: textcat's shortlist ("[id--utf8][ms--utf8]"), then the
     * stopwords among its candidates. */
    char codes[8][16];
    const char *shortlist[8];
    size_t n_short = 0;
    if (lid && lid->textcat) {
        pthread_mutex_lock(&lid->lock);
        const char *res = textcat_Classify(lid->textcat, text, utf8_cut(text, len, TEXTCAT_SAMPLE));
        for (const char *p = res; p && (p = strchr(p, '[')) && n_short < 8;) {
            p++;
            size_t n = strcspn(p, "-]");
            if (n > 0 && n < sizeof(codes[0])) {
                memcpy(codes[n_short], p, n);
                codes[n_short][n] = '\0';
                shortlist[n_short] = codes[n_short];
                n_short++;
            }
        }
        pthread_mutex_unlock(&lid->lock);
    }
    code = n_short ? by_stopwords(words, n_words, shortlist, n_short, &hits, &margin) : NULL;
    if (!code || hits < 3)
        code = by_stopwords(words, n_words, NULL, 0, &hits, &margin);
    if (code && hits < 3)
        code = NULL;
    if (code)
        return code;
    if (n_short) {
        /* textcat's own pick for languages without a table; interned. */
        const struct warta_lang *l = warta_lang_find(shortlist[0]);
        if (l)
            return l->code;
        static const char *const known[] = {
            "vi", "th", "tl", "km", "lo", "my", "zh", "ja", "ko", "fr", "de",
            "es", "pt", "nl", "it", "ar", "ru", "hi", "ta", "jv", "su", NULL};
        for (const char *const *k = known; *k; k++)
            if (strcmp(*k, shortlist[0]) == 0)
                return *k;
    }
    return NULL;
}
