/* Word lists indexed by first byte; see include/warta/stems.h. */
#include "warta/stems.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "warta/arena.h"

struct stem {
    const char *word;
    size_t len;
    /* The word's first (up to) four bytes and the mask over them: most
     * positions are ruled out by one compare, without a memcmp call. */
    uint32_t head, mask;
    long idx; /* position in the table */
};

struct warta_stems_index {
    /* The second bytes that follow each first byte at the start of a
     * word, both folded to their low six bits: bit b of seconds[a % 64]
     * is set when some word begins with bytes a, b (mod 64). A position
     * whose pair no word begins with is passed over at the cost of one
     * bit test; class text is letters, digits and dashes, and a list's
     * words begin with a few dozen of the pairs it holds. Folding only
     * adds false alarms, which the bucket compare rejects. */
    uint64_t seconds[64];
    /* Entries with first byte c are ent[start[c] .. start[c + 1]), in
     * table order. */
    uint32_t start[257];
    struct stem ent[];
};

/* Builds are rare (once per list per process): one lock serves them all. */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *word_at(const struct warta_stems *set, size_t i)
{
    const char *const *w =
        (const char *const *)(const void *)((const char *)set->table + i * set->stride);
    return *w;
}

/* Up to four bytes at p as one word, the rest zero. */
static uint32_t load4(const char *p, size_t avail)
{
    uint32_t w = 0;
    if (avail >= 4)
        memcpy(&w, p, 4);
    else
        memcpy(&w, p, avail);
    return w;
}

static struct warta_stems_index *build(struct warta_stems *set)
{
    size_t n = 0;
    while (word_at(set, n))
        n++;
    struct warta_stems_index *x =
        warta_xcalloc(1, sizeof(*x) + (n ? n : 1) * sizeof(x->ent[0]));
    uint32_t count[256] = {0};
    for (size_t i = 0; i < n; i++)
        count[(unsigned char)word_at(set, i)[0]]++;
    x->start[0] = 0;
    for (size_t c = 0; c < 256; c++)
        x->start[c + 1] = x->start[c] + count[c];
    uint32_t fill[256];
    memcpy(fill, x->start, sizeof(fill));
    for (size_t i = 0; i < n; i++) {
        const char *w = word_at(set, i);
        /* The lists hold no empty word (it would match everywhere). */
        size_t len = strlen(w), h = len < 4 ? len : 4;
        uint32_t mask = 0;
        memset(&mask, 0xFF, h);
        x->ent[fill[(unsigned char)w[0]]++] =
            (struct stem){w, len, load4(w, h), mask, (long)i};
        /* A one-byte word may be followed by anything, or by nothing at
         * the end of the string (taken as byte 0). */
        x->seconds[w[0] & 63] |= len == 1 ? UINT64_MAX : (uint64_t)1 << (w[1] & 63);
    }
    return x;
}

static const struct warta_stems_index *index_of(struct warta_stems *set)
{
    struct warta_stems_index *x = atomic_load_explicit(&set->index, memory_order_acquire);
    if (x)
        return x;
    pthread_mutex_lock(&build_lock);
    x = atomic_load_explicit(&set->index, memory_order_relaxed);
    if (!x) {
        x = build(set);
        atomic_store_explicit(&set->index, x, memory_order_release);
    }
    pthread_mutex_unlock(&build_lock);
    return x;
}

/* The smallest table index below `below` (any, when negative) of a word
 * that starts s[0..left), or -1. Kept out of line so that the scan loop,
 * which passes over most positions, keeps its few variables in registers
 * (a third fewer instructions per byte with gcc 12). */
__attribute__((noinline)) static long
word_here(const struct warta_stems_index *x, const char *s, size_t left, long below)
{
    unsigned char c = (unsigned char)s[0];
    uint32_t w = load4(s, left);
    for (uint32_t k = x->start[c]; k < x->start[c + 1]; k++) {
        const struct stem *e = &x->ent[k];
        if (below >= 0 && e->idx >= below)
            break; /* the bucket is in table order */
        if ((w & e->mask) == e->head && e->len <= left &&
            (e->len <= 4 || !memcmp(s + 4, e->word + 4, e->len - 4)))
            return e->idx;
    }
    return -1;
}

/* Smallest table index of a word occurring in s, or -1; `any` stops at
 * the first found. */
static long scan(struct warta_stems *set, const char *s, size_t len, bool any)
{
    const struct warta_stems_index *x = index_of(set);
    long best = -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        /* The end of the string reads as a byte 0 after the last. */
        unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : 0;
        if (!(x->seconds[c & 63] >> (next & 63) & 1))
            continue;
        long found = word_here(x, s + i, len - i, best);
        if (found >= 0) {
            best = found;
            if (any || best == 0)
                return best;
        }
    }
    return best;
}

long warta_stems_first(struct warta_stems *set, const char *s, size_t len)
{
    return scan(set, s, len, false);
}

bool warta_stems_any(struct warta_stems *set, const char *s, size_t len)
{
    return scan(set, s, len, true) >= 0;
}

long warta_stems_exact(struct warta_stems *set, const char *s, size_t len)
{
    if (!len)
        return -1;
    const struct warta_stems_index *x = index_of(set);
    unsigned char c = (unsigned char)s[0];
    for (uint32_t k = x->start[c]; k < x->start[c + 1]; k++) {
        const struct stem *e = &x->ent[k];
        if (e->len == len && !memcmp(s, e->word, len))
            return e->idx;
    }
    return -1;
}
