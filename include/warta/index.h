/*
 * warta/index.h - the cross-article near-duplicate index.
 *
 * One interface, several backends chosen by --index: `sqlite:PATH`
 * (default), `memory`, `redis://host:port/db`, or `none`. Lookups find
 * every stored fingerprint within a Hamming distance using block
 * permutation (Manku, Jain, Das Sarma, WWW 2007), so a lookup is a few
 * exact probes, not a scan. Backends lock internally; calls are thread-safe.
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

struct warta_index;

/* Opens the index named by cfg->index; *out is NULL for `none`. */
enum warta_err warta_index_open(struct warta_index **out,
                                const struct warta_config *cfg,
                                struct warta_error *err);
void warta_index_close(struct warta_index *idx);

/* True while the backend is reachable (for /readyz). */
bool warta_index_ready(struct warta_index *idx);

#endif
