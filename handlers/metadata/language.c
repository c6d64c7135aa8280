/*
 * Language identification: libexttextcat's n-gram models shortlist the
 * candidates; for languages with a table in handlers/lang/, stopword hits
 * decide, since n-grams barely separate Indonesian from Malay.
 */
#include "warta/langid.h"

#include <libexttextcat/textcat.h>
#include <pthread.h>
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

/* Stopword hits per registered language over the folded sample. */
static const char *by_stopwords(const char *folded, size_t len,
                                const char *const *shortlist, size_t n_short,
                                size_t *best_hits)
{
    size_t n_langs;
    const struct warta_lang *const *langs = warta_langs(&n_langs);
    const char *best = NULL;
    size_t best_score = 0, second = 0;
    for (size_t i = 0; i < n_langs; i++) {
        const struct warta_lang *l = langs[i];
        if (n_short) {
            bool listed = false;
            for (size_t k = 0; k < n_short; k++)
                if (strcmp(shortlist[k], l->code) == 0)
                    listed = true;
            if (!listed)
                continue;
        }
        size_t score = 0;
        const char *p = folded, *end = folded + len;
        while (p < end) {
            const char *sp = memchr(p, ' ', (size_t)(end - p));
            size_t wl = sp ? (size_t)(sp - p) : (size_t)(end - p);
            for (const char *const *w = l->stopwords; *w; w++)
                if (strlen(*w) == wl && memcmp(*w, p, wl) == 0) {
                    score++;
                    break;
                }
            p += wl + 1;
        }
        if (score > best_score) {
            second = best_score;
            best_score = score;
            best = l->code;
        } else if (score > second) {
            second = score;
        }
    }
    *best_hits = best_score;
    return best_score > second ? best : NULL;
}

const char *warta_langid_detect(struct warta_langid *lid, const char *text,
                                size_t len)
{
    if (len > SAMPLE_BYTES) {
        /* Cut on a UTF-8 boundary. */
        len = SAMPLE_BYTES;
        while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    if (len < 20)
        return NULL;

    /* Shortlist from textcat: "[id--utf8][ms--utf8]" or SHORT/UNKNOWN. */
    char codes[8][16];
    const char *shortlist[8];
    size_t n_short = 0;
    if (lid && lid->textcat) {
        pthread_mutex_lock(&lid->lock);
        const char *res = textcat_Classify(lid->textcat, text, len);
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

    struct warta_arena a;
    warta_arena_init(&a);
    size_t flen;
    char *folded = warta_text_fold(&a, text, len, &flen);
    size_t hits = 0;
    /* Prefer a tabled language textcat also proposes; else any tabled
     * language with clear stopword evidence; else textcat's first pick. */
    const char *code = n_short ? by_stopwords(folded, flen, shortlist, n_short, &hits) : NULL;
    if (!code || hits < 3)
        code = by_stopwords(folded, flen, NULL, 0, &hits);
    if (code && hits < 3)
        code = NULL;
    warta_arena_free(&a);
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
