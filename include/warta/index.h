/*
 * warta/index.h - the cross-article near-duplicate index.
 *
 * One interface, several backends chosen by --index: `sqlite:PATH`
 * (default; `sqlite:` alone is DATA_DIR/index.sqlite), `memory`,
 * `redis://host:port/db`, or `none`. Lookups find every stored fingerprint
 * within a Hamming distance using block permutation (Manku, Jain, Das
 * Sarma, WWW 2007), so a lookup is a few exact probes, not a scan.
 * Backends lock internally; every call is thread-safe.
 *
 * Block layout, the same for every backend and every --near-distance: the
 * 64 bits are cut into WARTA_INDEX_BLOCKS = 4 blocks of 16 bits and each
 * entry is indexed under each (block number, block value). Two fingerprints
 * within distance d differ, by pigeonhole, in at most d/4 bits of some
 * block, so a lookup probes each block's value and its neighbours within
 * radius d/4: 4 probes for d <= 3 (the default), 4 x 17 for d <= 7,
 * 4 x 137 for d = 8. A fixed layout means a stored index never needs
 * rebuilding when --near-distance changes, and replicas configured
 * differently can share one Redis. 16-bit blocks keep a probe selective:
 * with a million entries about 15 candidates share a block value.
 */
#ifndef WARTA_INDEX_H
#define WARTA_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warta/arena.h"
#include "warta/article.h"
#include "warta/config.h"
#include "warta/err.h"

#define WARTA_INDEX_BLOCKS 4
#define WARTA_INDEX_BLOCK_BITS 16
/* Largest distance a lookup accepts (the near-distance option's max). */
#define WARTA_INDEX_MAX_DISTANCE 8

struct warta_index;

/* What is stored per article. Strings are copied by the backend; title and
 * url may be NULL. first_seen is Unix seconds (UTC). */
struct warta_index_entry {
    const char *id;
    uint64_t simhash;
    const char *content_hash;
    const char *title, *url;
    int64_t first_seen;
};

/* One lookup result; strings live in the arena passed to the lookup. */
struct warta_index_hit {
    const char *id, *title, *url;
    unsigned distance;
    int64_t first_seen;
};

/* What the index needs of the configuration (--index, --data-dir,
 * --index-retention-days, --index-timeout). */
struct warta_index_options {
    char spec[WARTA_CONFIG_STR]; /* sqlite:PATH | memory | redis://... | none */
    char data_dir[WARTA_CONFIG_STR];
    long retention_days;
    long timeout_ms;             /* Redis connect and reply timeout */
};

/* The index options of a configuration. */
void warta_index_options_from_config(struct warta_index_options *o,
                                     const struct warta_config *cfg);

/* Opens the index named by opts->spec; *out is NULL for `none`. Fails
 * (WARTA_ERR_INTERNAL, detail for the start-up message) on a malformed
 * spec or an SQLite file that cannot be opened or created. An unreachable
 * Redis is not a failure: the index starts not ready and reconnects on its
 * own. Entries older than opts->retention_days are pruned now and then
 * every so often while inserting. */
enum warta_err warta_index_open(struct warta_index **out,
                                const struct warta_index_options *opts,
                                struct warta_error *err);
/* Accepts NULL. */
void warta_index_close(struct warta_index *idx);

/* True while the backend is reachable (for /readyz). For Redis this pings
 * the server, reconnecting (at most every 500 ms) when it is down. */
bool warta_index_ready(struct warta_index *idx);

/* Every stored entry within max_distance (clamped to
 * WARTA_INDEX_MAX_DISTANCE) of simhash, nearest first, then earliest first;
 * at most max_hits of them (0 = no limit). *hits is arena memory (NULL
 * when *n_hits is 0). WARTA_ERR_INDEX_UNAVAILABLE when the backend cannot
 * answer; *n_hits is 0 then. */
enum warta_err warta_index_lookup(struct warta_index *idx, uint64_t simhash,
                                  unsigned max_distance, size_t max_hits,
                                  struct warta_arena *a,
                                  struct warta_index_hit **hits,
                                  size_t *n_hits);

/* Stores an entry unless one with the same id is stored already (the same
 * content is kept once, with its first first_seen). */
enum warta_err warta_index_insert(struct warta_index *idx,
                                  const struct warta_index_entry *e);

/* Removes entries first seen before older_than (Unix seconds). */
enum warta_err warta_index_prune(struct warta_index *idx, int64_t older_than);

/* Brackets a bulk load (imports, benchmarks): the SQLite backend runs the
 * inserts in between as one transaction. Other backends ignore them. Not
 * for concurrent use with other writers of the same idx. */
enum warta_err warta_index_batch_begin(struct warta_index *idx);
enum warta_err warta_index_batch_end(struct warta_index *idx);

/* Block b (0 = most significant) of a fingerprint. */
static inline unsigned warta_index_block(uint64_t simhash, unsigned b)
{
    return (unsigned)(simhash >> (64 - WARTA_INDEX_BLOCK_BITS * (b + 1))) &
           ((1u << WARTA_INDEX_BLOCK_BITS) - 1);
}

#endif
