/*
 * Repeated blocks inside one article: a body pasted twice, a "Baca juga"
 * list repeated under it, a paragraph re-sent with one word changed.
 *
 * Verbatim copies are found first, by a hash of the text as it stands, so
 * they are never folded. Exact repeats by hashing the folded text (case,
 * accents and punctuation ignored). Near repeats by word pairs: blocks sharing one of
 * their four smallest pair hashes become candidates (a MinHash bucket, so
 * the work stays linear), and a candidate pair sharing NEAR_OVERLAP of the
 * larger block's word pairs is a repeat. Pairs rather than longer shingles
 * and the larger set rather than the union: one reworded word in a
 * twelve-word paragraph must still count as the same paragraph.
 *
 * Where the line is drawn: repeats group into runs (each block repeating
 * its original's neighbour). A run goes when it repeats a paragraph of
 * prose (SHORT_WORDS words or more, not a list item, and ending its
 * sentence or longer than a line of verse): a body pasted twice, or one
 * paragraph re-sent. What a story
 * repeats on purpose has no prose in its run and stays: the items of a
 * ruling ("Menimbang:", "1. Menyatakan terdakwa ..."), a poem's refrain,
 * the ingredients of two lists. So does a quotation repeated on its own,
 * away from its first telling: the story quoting its speaker again.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "dedupe.h"
#include "warta/text.h"
#include "warta/unicode.h"

#define SHORT_WORDS 8
#define VERSE_MAX_WORDS 20
#define NEAR_MIN_WORDS 12
#define NEAR_OVERLAP 0.8
#define SKETCH 4
#define MAX_CANDIDATES 8

struct block_print {
    uint64_t exact;
    uint64_t *shingles; /* in text order, repeats included */
    size_t n_shingles, words;
    uint64_t sketch[SKETCH]; /* the smallest shingle hashes, ascending */
    size_t n_sketch;
    long dup_of;        /* first pass: earlier block it repeats, or -1 */
    bool near;
};

struct bucket_entry {
    uint64_t hash;
    size_t block;
};

static int cmp_entry(const void *a, const void *b)
{
    const struct bucket_entry *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->block < y->block ? -1 : x->block > y->block;
}

static bool entry_after(const struct bucket_entry *x, const struct bucket_entry *y)
{
    return x->hash != y->hash ? x->hash > y->hash : x->block > y->block;
}

/* The sketch entries (four per block) by Shell sort (Ciura's gaps) with
 * the comparison inlined: qsort's call per comparison cost more than the
 * sorting itself at these sizes. Very long articles, where n log n
 * matters more, go to qsort. */
static void sort_entries(struct bucket_entry *v, size_t n)
{
    static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    if (n > 2000) {
        qsort(v, n, sizeof(*v), cmp_entry);
        return;
    }
    for (size_t g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
        size_t gap = gaps[g];
        for (size_t i = gap; i < n; i++) {
            struct bucket_entry x = v[i];
            size_t j = i;
            for (; j >= gap && entry_after(&v[j - gap], &x); j -= gap)
                v[j] = v[j - gap];
            v[j] = x;
        }
    }
}

static void fingerprint(struct warta_doc *doc, struct warta_block *b,
                        struct block_print *bp)
{
    struct warta_arena *a = doc->arena;
    size_t flen;
    const char *folded = warta_block_folded(doc, b, &flen);
    bp->exact = XXH3_64bits(folded, flen);
    bp->dup_of = -1;
    bp->words = b->words;
    if (bp->words < NEAR_MIN_WORDS)
        return;
    /* One shingle per pair of neighbours, combined from the word hashes
     * the fold made. */
    const uint64_t *h = b->word_hashes;
    bp->n_shingles = bp->words - 1;
    bp->shingles = warta_arena_alloc_uninit(a, bp->n_shingles * sizeof(uint64_t));
    for (size_t w = 1; w < bp->words; w++)
        bp->shingles[w - 1] = (h[w - 1] * 0x9E3779B97F4A7C15ULL) ^
                              ((h[w] << 31) | (h[w] >> 33));
    /* The sketch, the SKETCH smallest distinct shingles, by insertion. */
    for (size_t i = 0; i < bp->n_shingles; i++) {
        uint64_t sh = bp->shingles[i];
        if (bp->n_sketch == SKETCH && sh >= bp->sketch[SKETCH - 1])
            continue; /* the usual case once the sketch is full */
        size_t k = bp->n_sketch;
        bool seen = false;
        for (size_t j = 0; j < bp->n_sketch; j++)
            seen |= bp->sketch[j] == sh;
        if (seen)
            continue;
        if (k == SKETCH)
            k--;
        while (k > 0 && bp->sketch[k - 1] > sh) {
            bp->sketch[k] = bp->sketch[k - 1];
            k--;
        }
        bp->sketch[k] = sh;
        if (bp->n_sketch < SKETCH)
            bp->n_sketch++;
    }
}

/* |X and Y| / max(|X|, |Y|) over the distinct shingles of two blocks: one
 * open-addressing table holds the shingles of both with a bit per side.
 * Linear in the two blocks, and no sort: most candidate pairs turn out
 * unrelated (they met on one common word pair). */
struct shingle_slot {
    uint64_t hash;
    uint32_t pair;       /* the pair that last wrote it: older is empty */
    unsigned char sides; /* 1: in x; 2: in y */
};

/* One open-addressing table for every pair of a document. A slot counts
 * only for the pair that wrote it, so a new pair starts without clearing
 * (each pair used to zero a fresh table of its own). */
struct shingle_table {
    struct shingle_slot *slots;
    size_t cap; /* power of two */
    uint32_t pair;
};

static double overlap(struct warta_arena *a, struct shingle_table *t,
                      const struct block_print *x, const struct block_print *y)
{
    size_t cap = 16;
    while (cap < 2 * (x->n_shingles + y->n_shingles))
        cap *= 2;
    if (cap > t->cap || t->pair == UINT32_MAX) {
        /* Zeroed: pair 0 is never used, so every slot starts empty. */
        t->slots = warta_arena_alloc(a, cap * sizeof(*t->slots));
        t->cap = cap;
        t->pair = 0;
    }
    /* Probing the whole (perhaps larger) table keeps its load low. */
    cap = t->cap;
    uint32_t pair = ++t->pair;
    struct shingle_slot *slot = t->slots;
    size_t distinct[2] = {0, 0}, common = 0;
    const struct block_print *side[2] = {x, y};
    for (unsigned s = 0; s < 2; s++) {
        unsigned char bit = (unsigned char)(1u << s);
        for (size_t i = 0; i < side[s]->n_shingles; i++) {
            uint64_t h = side[s]->shingles[i];
            size_t k = (size_t)(h ^ (h >> 29)) & (cap - 1);
            while (slot[k].pair == pair && slot[k].hash != h)
                k = (k + 1) & (cap - 1);
            if (slot[k].pair != pair) {
                slot[k].pair = pair;
                slot[k].hash = h;
                slot[k].sides = 0;
            }
            if (slot[k].sides & bit)
                continue; /* a repeat within the block */
            distinct[s]++;
            common += slot[k].sides != 0; /* y meets a shingle of x */
            slot[k].sides |= bit;
        }
    }
    size_t larger = distinct[0] > distinct[1] ? distinct[0] : distinct[1];
    return larger ? (double)common / (double)larger : 0.0;
}

/* Exact repeats through a hash table of (hash -> first block). */
static void find_exact(struct warta_doc *doc, struct block_print *bp)
{
    size_t n = doc->n_blocks, cap = 16;
    while (cap < n * 2)
        cap *= 2;
    long *slots = warta_arena_alloc_uninit(doc->arena, cap * sizeof(*slots));
    for (size_t i = 0; i < cap; i++)
        slots[i] = -1;
    for (size_t i = 0; i < n; i++) {
        if (doc->blocks[i].removed_reason || bp[i].words == 0)
            continue;
        size_t h = (size_t)bp[i].exact & (cap - 1);
        while (slots[h] >= 0 && bp[slots[h]].exact != bp[i].exact)
            h = (h + 1) & (cap - 1);
        if (slots[h] < 0)
            slots[h] = (long)i;
        else
            bp[i].dup_of = slots[h];
    }
}

static void find_near(struct warta_doc *doc, struct block_print *bp)
{
    size_t n = doc->n_blocks, n_entries = 0;
    struct bucket_entry *entries =
        warta_arena_alloc_uninit(doc->arena, (n * SKETCH + 1) * sizeof(*entries));
    for (size_t i = 0; i < n; i++) {
        if (doc->blocks[i].removed_reason || bp[i].dup_of >= 0)
            continue;
        for (size_t k = 0; k < bp[i].n_sketch; k++)
            entries[n_entries++] = (struct bucket_entry){bp[i].sketch[k], i};
    }
    sort_entries(entries, n_entries);
    struct shingle_table table = {NULL, 0, 0};
    for (size_t g = 0; g < n_entries;) {
        size_t end = g;
        while (end < n_entries && entries[end].hash == entries[g].hash)
            end++;
        /* Each block against the first few earlier members of its bucket. */
        for (size_t x = g + 1; x < end; x++) {
            size_t i = entries[x].block;
            if (bp[i].dup_of >= 0)
                continue;
            for (size_t y = g; y < x && y < g + MAX_CANDIDATES; y++) {
                size_t j = entries[y].block;
                if (j == i || bp[j].dup_of >= 0)
                    continue;
                if (overlap(doc->arena, &table, &bp[i], &bp[j]) >= NEAR_OVERLAP) {
                    bp[i].dup_of = (long)j;
                    bp[i].near = true;
                    break;
                }
            }
        }
        g = end;
    }
}

/* The run of repeats around block i: neighbours that repeat their
 * original's neighbours, in order, as a pasted-again stretch does. */
static void run_around(const struct block_print *bp, size_t n, size_t i,
                       size_t *lo, size_t *hi)
{
    *lo = *hi = i;
    while (*lo > 0 && bp[*lo - 1].dup_of >= 0 && bp[*lo].dup_of > 0 &&
           bp[*lo - 1].dup_of == bp[*lo].dup_of - 1)
        (*lo)--;
    while (*hi + 1 < n && bp[*hi + 1].dup_of >= 0 &&
           bp[*hi + 1].dup_of == bp[*hi].dup_of + 1)
        (*hi)++;
}

/* A paragraph of prose: long enough, no list item, and ending its
 * sentence unless it runs past any line of verse. A ruling's clauses and
 * a poem's lines are not. */
static bool is_prose(const struct warta_block *b, const struct block_print *bp)
{
    return bp->words >= SHORT_WORDS && b->type != WARTA_BLOCK_LIST_ITEM &&
           (bp->words >= VERSE_MAX_WORDS || warta_ends_sentence(b->text, b->len));
}

static bool is_quotation(const struct warta_block *b)
{
    static const char *const openers[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x98",
                                          "\xC2\xAB"};
    if (b->type == WARTA_BLOCK_QUOTE)
        return true;
    for (size_t k = 0; k < sizeof(openers) / sizeof(openers[0]); k++)
        if (b->len > strlen(openers[k]) && !memcmp(b->text, openers[k], strlen(openers[k])))
            return true;
    return false;
}

/* The story repeats block i on purpose (see the top of this file). */
static bool meant_repeat(const struct warta_doc *doc, const struct block_print *bp,
                         size_t n, size_t i)
{
    const struct warta_block *b = &doc->blocks[i];
    if (!warta_role_is_content(b->role))
        return false;
    size_t lo, hi;
    run_around(bp, n, i, &lo, &hi);
    bool prose = false;
    for (size_t k = lo; k <= hi && !prose; k++)
        prose = is_prose(&doc->blocks[k], &bp[k]);
    if (!prose)
        return true;
    /* Right after its first telling it is a paste, not a restatement. */
    return lo == hi && is_quotation(b) && bp[i].dup_of + 1 < (long)i;
}

/* For each block, the first earlier block with the very same text, or -1;
 * by a hash of the text as it stands, before any folding. */
static void find_verbatim(struct warta_doc *doc, long *first)
{
    size_t n = doc->n_blocks, cap = 16;
    while (cap < n * 2)
        cap *= 2;
    long *slots = warta_arena_alloc_uninit(doc->arena, cap * sizeof(*slots));
    uint64_t *hash = warta_arena_alloc_uninit(doc->arena, n * sizeof(*hash));
    for (size_t i = 0; i < cap; i++)
        slots[i] = -1;
    for (size_t i = 0; i < n; i++) {
        const struct warta_block *b = &doc->blocks[i];
        first[i] = -1;
        if (b->removed_reason)
            continue;
        hash[i] = XXH3_64bits(b->text, b->len);
        size_t h = (size_t)hash[i] & (cap - 1);
        for (; slots[h] >= 0; h = (h + 1) & (cap - 1)) {
            const struct warta_block *o = &doc->blocks[slots[h]];
            if (hash[slots[h]] == hash[i] && o->len == b->len &&
                memcmp(o->text, b->text, b->len) == 0)
                break;
        }
        if (slots[h] < 0)
            slots[h] = (long)i;
        else
            first[i] = slots[h];
    }
}

void warta_dedupe_blocks(struct warta_doc *doc)
{
    size_t n = doc->n_blocks;
    if (n < 2)
        return;
    struct block_print *bp = warta_arena_alloc(doc->arena, n * sizeof(*bp));
    long *verbatim = warta_arena_alloc_uninit(doc->arena, n * sizeof(*verbatim));
    find_verbatim(doc, verbatim);
    for (size_t i = 0; i < n; i++) {
        bp[i].dup_of = -1;
        if (doc->blocks[i].removed_reason)
            continue; /* out already: no part in the comparisons */
        if (verbatim[i] >= 0) {
            /* A verbatim copy (the second half of a body pasted twice) has
             * its original's fold: it is not folded again. */
            bp[i].exact = bp[verbatim[i]].exact;
            bp[i].words = bp[verbatim[i]].words;
            continue;
        }
        fingerprint(doc, &doc->blocks[i], &bp[i]);
    }
    find_exact(doc, bp);
    find_near(doc, bp);

    for (size_t i = 0; i < n; i++) {
        long j = bp[i].dup_of;
        if (j < 0)
            continue;
        struct warta_block *b = &doc->blocks[i];
        if (meant_repeat(doc, bp, n, i))
            continue;
        b->removed_reason = bp[i].near ? "near-duplicate" : "duplicate";
        b->duplicate_of = j;
        doc->dedupe.removed_blocks++;
    }
}
