/*
 * `memory` index backend, for throwaway runs and as the baseline of the
 * benchmarks: nothing survives the process.
 *
 * Each of the 4 blocks has a direct table of 65536 buckets (one per block
 * value), each bucket an array of {simhash, slot}, so a probe is one array
 * read and the distance check never touches the entry itself. Entries live
 * in a slot array with a free list; an open-addressing table maps ids to
 * slots. One rwlock: lookups share it, inserts and prunes take it alone.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "dedupe/index_backend.h"
#include "warta/simhash.h"

#define N_VALUES (1u << WARTA_INDEX_BLOCK_BITS)
#define NO_SLOT UINT32_MAX

struct mem_ref {
    uint64_t simhash;
    uint32_t slot;
};

struct mem_bucket {
    struct mem_ref *v;
    uint32_t n, cap;
};

struct mem_entry {
    uint64_t simhash;
    int64_t first_seen;
    /* One allocation: id \0 content_hash \0 title \0 url \0. */
    char *strings;
    const char *title, *url; /* into strings, NULL when absent */
    bool live;
    bool listed; /* on the free list */
    uint32_t next_free;
};

struct mem_index {
    struct warta_index base;
    pthread_rwlock_t lock;
    struct mem_bucket *buckets; /* [WARTA_INDEX_BLOCKS * N_VALUES] */
    struct mem_entry *entries;
    uint32_t n_entries, cap_entries, free_head, live;
    int64_t oldest; /* smallest first_seen stored: prunes are O(1) until
                     * something is actually due */
    uint32_t *ids; /* id hash table of slots, NO_SLOT when empty */
    size_t ids_cap; /* power of two */
};

static struct mem_index *mem_of(struct warta_index *idx)
{
    return (struct mem_index *)idx;
}

static size_t id_pos(const char *id, size_t cap)
{
    return (size_t)XXH3_64bits(id, strlen(id)) & (cap - 1);
}

static void ids_put(struct mem_index *m, uint32_t slot)
{
    size_t i = id_pos(m->entries[slot].strings, m->ids_cap);
    while (m->ids[i] != NO_SLOT)
        i = (i + 1) & (m->ids_cap - 1);
    m->ids[i] = slot;
}

static void ids_rebuild(struct mem_index *m, size_t cap)
{
    free(m->ids);
    m->ids_cap = cap;
    m->ids = warta_xmalloc(cap * sizeof(*m->ids));
    memset(m->ids, 0xff, cap * sizeof(*m->ids));
    for (uint32_t s = 0; s < m->n_entries; s++)
        if (m->entries[s].live)
            ids_put(m, s);
}

static bool ids_has(const struct mem_index *m, const char *id)
{
    size_t i = id_pos(id, m->ids_cap);
    while (m->ids[i] != NO_SLOT) {
        if (!strcmp(m->entries[m->ids[i]].strings, id))
            return true;
        i = (i + 1) & (m->ids_cap - 1);
    }
    return false;
}

static struct mem_bucket *bucket(struct mem_index *m, unsigned b, unsigned v)
{
    return &m->buckets[(size_t)b * N_VALUES + v];
}

static void mem_close(struct warta_index *idx)
{
    struct mem_index *m = mem_of(idx);
    for (size_t i = 0; i < (size_t)WARTA_INDEX_BLOCKS * N_VALUES; i++)
        free(m->buckets[i].v);
    for (uint32_t s = 0; s < m->n_entries; s++)
        free(m->entries[s].strings);
    free(m->buckets);
    free(m->entries);
    free(m->ids);
    pthread_rwlock_destroy(&m->lock);
    free(m);
}

static bool mem_ready(struct warta_index *idx)
{
    (void)idx;
    return true;
}

static enum warta_err mem_lookup(struct warta_index *idx, uint64_t simhash,
                                 unsigned max_distance, size_t max_hits,
                                 struct warta_arena *a,
                                 struct warta_index_hits *out)
{
    size_t first = out->n;
    struct mem_index *m = mem_of(idx);
    unsigned radius = warta_index_radius(max_distance);
    unsigned probes[WARTA_INDEX_MAX_PROBES];
    pthread_rwlock_rdlock(&m->lock);
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++) {
        size_t np = warta_index_probe_values(warta_index_block(simhash, b),
                                             radius, probes);
        for (size_t p = 0; p < np; p++) {
            const struct mem_bucket *bk = bucket(m, b, probes[p]);
            for (uint32_t i = 0; i < bk->n; i++) {
                uint64_t other = bk->v[i].simhash;
                unsigned d = warta_simhash_distance(simhash, other);
                if (d > max_distance ||
                    !warta_index_first_block(simhash, other, b, radius))
                    continue;
                const struct mem_entry *e = &m->entries[bk->v[i].slot];
                /* Borrowed under the lock; copied once the cut is made. */
                struct warta_index_hit h = {
                    .id = e->strings,
                    .title = e->title,
                    .url = e->url,
                    .distance = d,
                    .first_seen = e->first_seen,
                };
                warta_index_hits_offer(a, out, first, max_hits, &h);
            }
        }
    }
    warta_index_hits_cut(out, first, max_hits);
    for (size_t i = first; i < out->n; i++) {
        struct warta_index_hit *h = &out->v[i];
        h->id = warta_arena_strdup(a, h->id);
        h->title = h->title ? warta_arena_strdup(a, h->title) : NULL;
        h->url = h->url ? warta_arena_strdup(a, h->url) : NULL;
    }
    pthread_rwlock_unlock(&m->lock);
    return WARTA_OK;
}

static uint32_t slot_new(struct mem_index *m)
{
    if (m->free_head != NO_SLOT) {
        uint32_t s = m->free_head;
        m->free_head = m->entries[s].next_free;
        m->entries[s].listed = false;
        return s;
    }
    if (m->n_entries == m->cap_entries) {
        m->cap_entries = m->cap_entries ? m->cap_entries * 2 : 1024;
        m->entries = warta_xrealloc(m->entries,
                                    m->cap_entries * sizeof(*m->entries));
    }
    return m->n_entries++;
}

static void bucket_add(struct mem_bucket *bk, uint64_t simhash, uint32_t slot)
{
    if (bk->n == bk->cap) {
        bk->cap = bk->cap ? bk->cap * 2 : 4;
        bk->v = warta_xrealloc(bk->v, bk->cap * sizeof(*bk->v));
    }
    bk->v[bk->n].simhash = simhash;
    bk->v[bk->n].slot = slot;
    bk->n++;
}

static enum warta_err mem_insert(struct warta_index *idx,
                                 const struct warta_index_entry *e)
{
    struct mem_index *m = mem_of(idx);
    pthread_rwlock_wrlock(&m->lock);
    if (ids_has(m, e->id))
        goto out;
    if ((size_t)(m->live + 1) * 2 > m->ids_cap)
        ids_rebuild(m, m->ids_cap * 2);
    uint32_t s = slot_new(m);
    struct mem_entry *me = &m->entries[s];
    const char *ch = e->content_hash ? e->content_hash : "";
    size_t li = strlen(e->id) + 1, lc = strlen(ch) + 1;
    size_t lt = e->title ? strlen(e->title) + 1 : 0;
    size_t lu = e->url ? strlen(e->url) + 1 : 0;
    char *p = warta_xmalloc(li + lc + lt + lu);
    memcpy(p, e->id, li);
    memcpy(p + li, ch, lc);
    me->strings = p;
    me->title = e->title ? memcpy(p + li + lc, e->title, lt) : NULL;
    me->url = e->url ? memcpy(p + li + lc + lt, e->url, lu) : NULL;
    me->simhash = e->simhash;
    me->first_seen = e->first_seen;
    if (m->live == 0 || e->first_seen < m->oldest)
        m->oldest = e->first_seen;
    me->live = true;
    me->listed = false;
    me->next_free = NO_SLOT;
    m->live++;
    ids_put(m, s);
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
        bucket_add(bucket(m, b, warta_index_block(e->simhash, b)), e->simhash,
                   s);
out:
    pthread_rwlock_unlock(&m->lock);
    return WARTA_OK;
}

static enum warta_err mem_prune(struct warta_index *idx, int64_t older_than)
{
    struct mem_index *m = mem_of(idx);
    pthread_rwlock_wrlock(&m->lock);
    uint32_t dropped = 0;
    if (m->live == 0 || m->oldest >= older_than)
        goto out;
    int64_t oldest = INT64_MAX;
    for (uint32_t s = 0; s < m->n_entries; s++) {
        struct mem_entry *e = &m->entries[s];
        if (e->live && e->first_seen >= older_than && e->first_seen < oldest)
            oldest = e->first_seen;
        if (!e->live || e->first_seen >= older_than)
            continue;
        free(e->strings);
        e->strings = NULL;
        e->live = false;
        dropped++;
    }
    m->oldest = oldest;
    /* Drop the references before the slots can be reused. */
    for (size_t i = 0; i < (size_t)WARTA_INDEX_BLOCKS * N_VALUES; i++) {
        struct mem_bucket *bk = &m->buckets[i];
        uint32_t k = 0;
        for (uint32_t j = 0; j < bk->n; j++)
            if (m->entries[bk->v[j].slot].live)
                bk->v[k++] = bk->v[j];
        bk->n = k;
    }
    for (uint32_t s = 0; s < m->n_entries; s++) {
        struct mem_entry *e = &m->entries[s];
        if (e->live || e->listed)
            continue;
        e->listed = true;
        e->next_free = m->free_head;
        m->free_head = s;
    }
    m->live -= dropped;
    ids_rebuild(m, m->ids_cap);
out:
    pthread_rwlock_unlock(&m->lock);
    return WARTA_OK;
}

static const struct warta_index_ops mem_ops = {
    .name = "memory",
    .close = mem_close,
    .ready = mem_ready,
    .lookup = mem_lookup,
    .insert = mem_insert,
    .prune = mem_prune,
};

enum warta_err warta_index_memory_open(struct warta_index **out,
                                       struct warta_error *err)
{
    (void)err;
    struct mem_index *m = warta_xcalloc(1, sizeof(*m));
    m->base.ops = &mem_ops;
    pthread_rwlock_init(&m->lock, NULL);
    m->buckets = warta_xcalloc((size_t)WARTA_INDEX_BLOCKS * N_VALUES,
                               sizeof(*m->buckets));
    m->free_head = NO_SLOT;
    ids_rebuild(m, 1024);
    *out = &m->base;
    return WARTA_OK;
}
