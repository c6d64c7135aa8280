/*
 * Fingerprints of the kept body: an exact content hash (which also names
 * the article) and a 64-bit SimHash for near duplicates.
 *
 * Only content blocks that survived the clean stage and in-article dedupe
 * count, so a different title, footer, caption or related-links list does
 * not change either value.
 *
 * Features are word shingles of SHINGLE_WORDS words with the stopwords of
 * every registered language left out (the language may not be known yet,
 * and the union costs nothing). Measured on the pairs of test_simhash.c:
 * 1-word shingles keep reworded copies at distance 0-2 and same-topic
 * articles at 18-36; 2-word shingles move a reworded quote attribution to 6
 * (each changed word breaks two shingles) and 3-word ones a two-word change
 * to 4, with no gain on the far side (a body pasted twice also stays at 0
 * only with 1-word shingles: no shingle spans the seam).
 *
 * Each distinct feature votes with its count (raw term frequency). Raw
 * counts, not log counts, on purpose: the words an article repeats (its
 * names and places) carry most of the weight, so rewording one phrase - a
 * handful of count-1 features - tilts the vector by a small angle and flips
 * few bits, while two articles on the same topic still differ in most of
 * their features. A body pasted twice doubles every
 * count and keeps the same direction, so the same SimHash.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "dedupe.h"
#include "warta/arena.h"
#include "warta/lang.h"
#include "warta/simhash.h"
#include "warta/str.h"
#include "warta/unicode.h"

/* Overridable only to re-run the measurement above. */
#ifndef SHINGLE_WORDS
#define SHINGLE_WORDS 1
#endif

/* Stopwords: an open-addressing set of 64-bit word hashes. */
#define STOP_SLOTS 2048

static uint64_t stop_set[STOP_SLOTS];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void stop_add(uint64_t h)
{
    size_t i = (size_t)(h & (STOP_SLOTS - 1));
    while (stop_set[i] && stop_set[i] != h)
        i = (i + 1) & (STOP_SLOTS - 1);
    stop_set[i] = h;
}

static void stop_init(void)
{
    size_t n_langs;
    const struct warta_lang *const *langs = warta_langs(&n_langs);
    size_t added = 0;
    for (size_t l = 0; l < n_langs; l++) {
        const char *const *w = langs[l]->stopwords;
        for (; w && *w; w++) {
            char low[64];
            size_t n = strlen(*w);
            /* Table words are ASCII; fold them the way the text is folded. */
            if (n >= sizeof(low) || added >= STOP_SLOTS / 2)
                continue;
            for (size_t i = 0; i < n; i++)
                low[i] = (char)warta_ascii_lower((unsigned char)(*w)[i]);
            stop_add(warta_word_hash(low, n));
            added++;
        }
    }
}

static bool is_stopword(uint64_t h)
{
    size_t i = (size_t)(h & (STOP_SLOTS - 1));
    while (stop_set[i]) {
        if (stop_set[i] == h)
            return true;
        i = (i + 1) & (STOP_SLOTS - 1);
    }
    return false;
}

/* Bit votes in byte lanes: lanes[b] holds eight 8-bit counters, one per
 * bit of byte b of the features, so a feature costs eight table lookups
 * and adds instead of 64 increments; the counters are flushed to v[]
 * before they can overflow. */
#define LANE_MAX 255

struct votes {
    int32_t v[64];
    uint64_t lanes[8];
    unsigned pending;
};

/* spread[x]: byte j is bit j of x. */
static uint64_t spread[256];

static void spread_init(void)
{
    for (unsigned x = 0; x < 256; x++)
        for (unsigned j = 0; j < 8; j++)
            if (x & (1u << j))
                spread[x] |= (uint64_t)1 << (8 * j);
}

static void flush_votes(struct votes *vt)
{
    for (int b = 0; b < 8; b++)
        for (int j = 0; j < 8; j++) {
            /* c ones out of `pending` features: +1 each, -1 for the rest. */
            int32_t c = (int32_t)((vt->lanes[b] >> (8 * j)) & 0xFF);
            vt->v[8 * b + j] += 2 * c - (int32_t)vt->pending;
        }
    memset(vt->lanes, 0, sizeof(vt->lanes));
    vt->pending = 0;
}

static void vote(struct votes *vt, uint64_t feature)
{
    for (int b = 0; b < 8; b++)
        vt->lanes[b] += spread[(feature >> (8 * b)) & 0xFF];
    if (++vt->pending == LANE_MAX)
        flush_votes(vt);
}

static void simhash_init(void)
{
    stop_init();
    spread_init();
}

uint64_t warta_simhash_words(const uint64_t *hashes, size_t n)
{
    pthread_once(&init_once, simhash_init);

    struct votes vt;
    memset(&vt, 0, sizeof(vt));
    uint64_t ring[SHINGLE_WORDS];
    size_t n_words = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = hashes[i];
        if (is_stopword(h))
            continue;
        ring[n_words % SHINGLE_WORDS] = h;
        n_words++;
        if (n_words < SHINGLE_WORDS)
            continue;
        uint64_t sh[SHINGLE_WORDS];
        for (size_t k = 0; k < SHINGLE_WORDS; k++)
            sh[k] = ring[(n_words + k) % SHINGLE_WORDS];
        vote(&vt, SHINGLE_WORDS == 1 ? sh[0] : XXH3_64bits(sh, sizeof(sh)));
    }
    if (n_words == 0)
        return 0;
    if (n_words < SHINGLE_WORDS) {
        /* Too short for one shingle: the words it has make one. */
        vote(&vt, XXH3_64bits(ring, n_words * sizeof(ring[0])));
    }
    flush_votes(&vt);
    uint64_t out = 0;
    for (int bit = 0; bit < 64; bit++)
        if (vt.v[bit] > 0)
            out |= (uint64_t)1 << bit;
    return out;
}

uint64_t warta_simhash_text(const char *folded, size_t len)
{
    /* Words are runs of non-spaces, as warta_text_fold_words splits them. */
    size_t n = 0;
    uint64_t *hashes = warta_xcalloc(len / 2 + 1, sizeof(*hashes));
    for (size_t i = 0; i < len;) {
        while (i < len && folded[i] == ' ')
            i++;
        size_t start = i;
        while (i < len && folded[i] != ' ')
            i++;
        if (i > start)
            hashes[n++] = warta_word_hash(folded + start, i - start);
    }
    uint64_t out = warta_simhash_words(hashes, n);
    free(hashes);
    return out;
}

void warta_dedupe_fingerprint(struct warta_doc *doc)
{
    struct warta_arena *a = doc->arena;
    size_t n_kept = 0, total = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const struct warta_block *b = &doc->blocks[i];
        if (warta_role_is_content(b->role) && !b->removed_reason)
            n_kept++;
    }
    if (n_kept == 0)
        return;

    const char **parts = warta_arena_alloc_uninit(a, n_kept * sizeof(*parts));
    size_t *lens = warta_arena_alloc_uninit(a, n_kept * sizeof(*lens));
    size_t k = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        struct warta_block *b = &doc->blocks[i];
        if (!warta_role_is_content(b->role) || b->removed_reason)
            continue;
        parts[k] = warta_block_folded(doc, b, &lens[k]);
        total += lens[k] + 1;
        k++;
    }
    /* One folded body, blocks separated by one space like words are. */
    char *body = warta_arena_alloc_uninit(a, total + 1);
    size_t blen = 0;
    for (k = 0; k < n_kept; k++) {
        if (!lens[k])
            continue;
        if (blen)
            body[blen++] = ' ';
        memcpy(body + blen, parts[k], lens[k]);
        blen += lens[k];
    }
    body[blen] = '\0';
    if (blen == 0)
        return;

    /* The canonical (big-endian) digest: high half, then low half. */
    XXH128_hash_t h = XXH3_128bits(body, blen);
    static const char prefix[] = "xxh128:";
    char *hex = doc->dedupe.content_hash + sizeof(prefix) - 1;
    memcpy(doc->dedupe.content_hash, prefix, sizeof(prefix) - 1);
    warta_hex64(hex, h.high64);
    warta_hex64(hex + 16, h.low64);
    hex[32] = '\0';
    /* 64 bits of the content hash: stable across posts and processes. */
    doc->id = warta_arena_strndup(a, hex, 16);
    /* The body's word hashes, as the fold made them. */
    size_t n_words;
    const uint64_t *words = warta_doc_body_words(doc, SIZE_MAX, &n_words);
    doc->dedupe.simhash = warta_simhash_words(words, n_words);
    doc->dedupe.have_simhash = true;
}
