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

/* Smallest table index of a word occurring in s, or -1; `any` stops at
 * the first found. */
static long scan(struct warta_stems *set, const char *s, size_t len, bool any)
{
    const struct warta_stems_index *x = index_of(set);
    long best = -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t k = x->start[c], stop = x->start[c + 1];
        if (k == stop)
            continue;
        size_t left = len - i;
        uint32_t w = load4(s + i, left);
        for (; k < stop; k++) {
            const struct stem *e = &x->ent[k];
            if (best >= 0 && e->idx >= best)
                break; /* the bucket is in table order */
            if ((w & e->mask) == e->head && e->len <= left &&
                (e->len <= 4 || !memcmp(s + i + 4, e->word + 4, e->len - 4))) {
                best = e->idx;
                if (any || best == 0)
                    return best;
                break;
            }
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
