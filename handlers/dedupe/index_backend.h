/*
 * Internal: what an index backend implements, and the helpers the block
 * permutation lookups of every backend share (handlers/dedupe/index.c).
 *
 * A backend allocates a struct that starts with `struct warta_index` and
 * sets its ops; the front (index.c) parses the spec, clamps arguments,
 * sorts and trims results and schedules pruning.
 */
#ifndef WARTA_INDEX_BACKEND_H
#define WARTA_INDEX_BACKEND_H

#include <stdatomic.h>

#include "warta/index.h"

/* Probe values per block for the largest radius (WARTA_INDEX_MAX_DISTANCE
 * / WARTA_INDEX_BLOCKS = 2): 1 + 16 + 120. */
#define WARTA_INDEX_MAX_PROBES 137

struct warta_index_hits {
    struct warta_index_hit *v;
    size_t n, cap;
};

struct warta_index_ops {
    const char *name;
    /* Frees everything, including the struct. */
    void (*close)(struct warta_index *idx);
    bool (*ready)(struct warta_index *idx);
    /* Appends each entry within max_distance once, in any order; at most
     * max_hits of them (0 = all), the nearest: a fingerprint stored many
     * times must not cost a fetch per copy. */
    enum warta_err (*lookup)(struct warta_index *idx, uint64_t simhash,
                             unsigned max_distance, size_t max_hits,
                             struct warta_arena *a,
                             struct warta_index_hits *out);
    enum warta_err (*insert)(struct warta_index *idx,
                             const struct warta_index_entry *e);
    enum warta_err (*prune)(struct warta_index *idx, int64_t older_than);
    /* Optional. */
    enum warta_err (*batch_begin)(struct warta_index *idx);
    enum warta_err (*batch_end)(struct warta_index *idx);
};

struct warta_index {
    const struct warta_index_ops *ops;
    long retention_days;
    atomic_ulong inserts;
    atomic_llong last_prune; /* Unix seconds */
};

/* Backend constructors; each fills err on failure. */
enum warta_err warta_index_memory_open(struct warta_index **out,
                                       struct warta_error *err);
enum warta_err warta_index_sqlite_open(struct warta_index **out,
                                       const char *path,
                                       struct warta_error *err);
/* user and password may be empty (no AUTH; AUTH password; AUTH user
 * password). */
enum warta_err warta_index_redis_open(struct warta_index **out,
                                      const char *host, int port, int db,
                                      const char *user, const char *password,
                                      long timeout_ms,
                                      struct warta_error *err);

/* The block values within `radius` bits of `value` (itself first) into
 * out[WARTA_INDEX_MAX_PROBES]; radius is at most 2. Returns the count. */
size_t warta_index_probe_values(unsigned value, unsigned radius,
                                unsigned *out);

/* Probe radius for a lookup distance: d / WARTA_INDEX_BLOCKS. */
static inline unsigned warta_index_radius(unsigned max_distance)
{
    return max_distance / WARTA_INDEX_BLOCKS;
}

/* True when `block` is the first block in which a and b are within
 * `radius`: a candidate reached through several probed blocks is then
 * taken only once, without a seen-set. */
bool warta_index_first_block(uint64_t a, uint64_t b, unsigned block,
                             unsigned radius);

/* Sorts hits [first, n) by distance, then first_seen (which a backend may
 * use for its own tie-break key until it fetches the entry), and keeps the
 * first max_hits of them (0 = all). */
void warta_index_hits_cut(struct warta_index_hits *h, size_t first,
                          size_t max_hits);

/* Offers a hit for [first, n): with max_hits 0 it is appended (sort with
 * warta_index_hits_cut); otherwise the range keeps only the max_hits
 * best hits in warta_index_hits_cut's order, sorted, so a lookup that
 * meets thousands of near copies neither stores nor sorts them all.
 * Returns where the hit went, or NULL when it did not make the cut. */
struct warta_index_hit *warta_index_hits_offer(struct warta_arena *a,
                                               struct warta_index_hits *h,
                                               size_t first, size_t max_hits,
                                               const struct warta_index_hit *hit);

/* Appends one zeroed hit (arena memory) and returns it. */
struct warta_index_hit *warta_index_hits_push(struct warta_arena *a,
                                              struct warta_index_hits *h);

#endif
