/*
 * warta/simhash.h - the 64-bit SimHash fingerprint of an article body.
 *
 * Pure functions over text that has already been folded with
 * warta_text_fold() (case-folded, accents stripped, words separated by one
 * space), so they can be unit-tested and benchmarked without a document.
 */
#ifndef WARTA_SIMHASH_H
#define WARTA_SIMHASH_H

#include <stddef.h>
#include <stdint.h>

/* Charikar SimHash of folded text: every word feature (stopwords of the
 * registered languages excluded) votes with its count on each of the 64
 * bits. Texts whose word counts are proportional - a body pasted twice -
 * get the same value; a reworded phrase moves only a few bits. Returns 0
 * for text without words. Thread-safe. */
uint64_t warta_simhash_text(const char *folded, size_t len);

/* The same over the words' warta_word_hash values, in text order: what
 * the pipeline calls, with the hashes the fold made. */
uint64_t warta_simhash_words(const uint64_t *hashes, size_t n);

/* Set bits of x, inline: without a popcount instruction in the baseline
 * target, __builtin_popcountll is a libgcc call, and index lookups count
 * bits for every candidate they meet. */
static inline unsigned warta_popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

/* Number of differing bits. */
static inline unsigned warta_simhash_distance(uint64_t a, uint64_t b)
{
    return warta_popcount64(a ^ b);
}

#endif
