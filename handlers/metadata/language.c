/*
 * Language identification: libexttextcat's n-gram models shortlist the
 * candidates; for languages with a table in handlers/lang/, stopword hits
 * decide, since n-grams barely separate Indonesian from Malay.
 */
#include "warta/langid.h"

#include <libexttextcat/textcat.h>
#include <utf8proc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "warta/arena.h"
#include "warta/lang.h"
#include "warta/str.h"
#include "warta/thread.h"
#include "warta/unicode.h"

#define TEXTCAT_DIR "/usr/share/libexttextcat/"
#define SAMPLE_BYTES 4096

/* textcat handles, in slots. A handle reuses its buffers, so it serves one
 * caller at a time; each thread takes its own slot (threads beyond the slot
 * count share, behind the slot's lock), so workers do not queue on one
 * classifier that costs many times the rest of the pipeline. A slot opens
 * each handle on its first use. */
#define TEXTCAT_SLOTS 8

struct textcat_slot {
    pthread_mutex_t lock;
    bool all_tried, near_tried;
    void *all;  /* every installed model; NULL when none is installed */
    void *near; /* the tabled languages' neighbours; NULL: use `all` */
};

struct warta_langid {
    struct textcat_slot slots[TEXTCAT_SLOTS];
    char near_conf[1024]; /* fpdb.conf lines of the neighbour models */
};

/* The neighbour models of every registered language, once each, as
 * fpdb.conf lines ("id.lm id--utf8"). */
static void near_conf_build(char *out, size_t cap)
{
    size_t n_langs, k = 0;
    const struct warta_lang *const *langs = warta_langs(&n_langs);
    out[0] = '\0';
    for (size_t l = 0; l < n_langs; l++)
        for (const char *const *m = langs[l]->textcat_neighbours; m && *m; m++) {
            char line[64];
            int n = snprintf(line, sizeof(line), "%s.lm %s--utf8\n", *m, *m);
            if (n <= 0 || (size_t)n >= sizeof(line) || strstr(out, line))
                continue;
            if (k + (size_t)n >= cap)
                return;
            memcpy(out + k, line, (size_t)n + 1);
            k += (size_t)n;
        }
}

/* A handle over the neighbour models: textcat reads its models from a
 * configuration file, so the lines go to a private temporary file that is
 * removed once read. NULL on any failure (the full set then decides). */
static void *near_open(const char *conf)
{
    if (!*conf)
        return NULL;
    const char *dir = getenv("TMPDIR");
    char path[512];
    int n = snprintf(path, sizeof(path), "%s/warta-textcat-XXXXXX",
                     dir && *dir ? dir : "/tmp");
    if (n <= 0 || (size_t)n >= sizeof(path))
        return NULL;
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    size_t len = strlen(conf);
    bool written = write(fd, conf, len) == (ssize_t)len;
    close(fd);
    void *h = written ? special_textcat_Init(path, TEXTCAT_DIR) : NULL;
    unlink(path);
    return h;
}

struct warta_langid *warta_langid_open(void)
{
    struct warta_langid *lid = warta_xcalloc(1, sizeof(*lid));
    for (size_t i = 0; i < TEXTCAT_SLOTS; i++)
        pthread_mutex_init(&lid->slots[i].lock, NULL);
    near_conf_build(lid->near_conf, sizeof(lid->near_conf));
    return lid;
}

void warta_langid_close(struct warta_langid *lid)
{
    if (!lid)
        return;
    for (size_t i = 0; i < TEXTCAT_SLOTS; i++) {
        struct textcat_slot *s = &lid->slots[i];
        if (s->all)
            textcat_Done(s->all);
        if (s->near)
            textcat_Done(s->near);
        pthread_mutex_destroy(&s->lock);
    }
    free(lid);
}

/* This thread's slot, locked. */
static struct textcat_slot *slot_lock(struct warta_langid *lid)
{
    struct textcat_slot *s = &lid->slots[warta_thread_number() % TEXTCAT_SLOTS];
    pthread_mutex_lock(&s->lock);
    return s;
}

/* The slot's handle over the neighbour models (near) or all of them,
 * opened now if it never was; NULL without models. */
static void *slot_handle(const struct warta_langid *lid, struct textcat_slot *s,
                         bool near)
{
    if (near && !s->near_tried) {
        s->near = near_open(lid->near_conf);
        s->near_tried = true;
    }
    if (near && s->near)
        return s->near;
    if (!s->all_tried) {
        s->all = special_textcat_Init(TEXTCAT_DIR "fpdb.conf", TEXTCAT_DIR);
        s->all_tried = true;
    }
    return s->all;
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
#define MIN_SCRIPT_LETTERS 20
#define MAX_SCRIPTS 64 /* entries of warta_script_langs read */

/* The language of a one-language script (warta_script_langs) that writes
 * most of the letters (marks included: Thai vowels are marks), or NULL.
 * ASCII letters count as the Latin they are. */
static const char *by_script(const char *text, size_t len)
{
    size_t total = 0, best = 0;
    size_t counts[MAX_SCRIPTS] = {0};
    const char *code = NULL;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            total += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            i++;
            continue;
        }
        int32_t cp;
        i += warta_utf8_decode(text + i, len - i, &cp);
        if (cp < 0)
            continue;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_ME)
            continue; /* letters Lu..Lo and marks Mn..Me only */
        total++;
        for (size_t k = 0; k < MAX_SCRIPTS && warta_script_langs[k].code; k++)
            if (cp >= warta_script_langs[k].first && cp <= warta_script_langs[k].last) {
                if (++counts[k] > best) {
                    best = counts[k];
                    code = warta_script_langs[k].code;
                }
                break;
            }
    }
    /* Counts are per block; Korean spreads over three, which agree. */
    size_t by_code = 0;
    for (size_t k = 0; k < MAX_SCRIPTS && warta_script_langs[k].code; k++)
        if (code && strcmp(warta_script_langs[k].code, code) == 0)
            by_code += counts[k];
    return total >= MIN_SCRIPT_LETTERS && by_code * 2 > total ? code : NULL;
}

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

    /* No stopword evidence, and a script only one language writes. */
    if (!code || hits < 3) {
        const char *scripted = by_script(text, len);
        if (scripted)
            return scripted;
    }

    /* Unclear: textcat's shortlist ("[id--utf8][ms--utf8]"), then the
     * stopwords among its candidates. With plenty of stopword hits the
     * text is one of the tabled languages and only their neighbours'
     * models can rank first, so those alone are compared: several times
     * cheaper, and the same shortlist on every case and sample tried. */
    bool close_call = code && hits >= CLEAR_HITS;
    char codes[8][16];
    const char *shortlist[8];
    size_t n_short = 0;
    if (lid) {
        struct textcat_slot *s = slot_lock(lid);
        void *h = slot_handle(lid, s, close_call);
        const char *res =
            h ? textcat_Classify(h, text, utf8_cut(text, len, TEXTCAT_SAMPLE)) : NULL;
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
        pthread_mutex_unlock(&s->lock);
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
