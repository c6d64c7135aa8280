/*
 * Index front: parses --index, hands calls to the backend, sorts and trims
 * lookup results and schedules retention pruning. The block permutation
 * layout is described in include/warta/index.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dedupe/index_backend.h"
#include "warta/log.h"
#include "warta/simhash.h"

/* Pruning while inserting: after this many inserts or this many seconds,
 * whichever comes first. A prune is one indexed range delete. */
#define PRUNE_EVERY_INSERTS 1000
#define PRUNE_EVERY_SECONDS 3600

/* mkdir -p; EEXIST is fine. */
static int make_dirs(const char *path)
{
    char tmp[WARTA_CONFIG_STR];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof(tmp))
        return -1;
    memcpy(tmp, path, n + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

static enum warta_err open_sqlite(struct warta_index **out, const char *rest,
                                  const char *data_dir,
                                  struct warta_error *err)
{
    char path[WARTA_CONFIG_STR * 2];
    if (*rest == '\0') {
        if (make_dirs(data_dir) != 0)
            return warta_error_set(err, WARTA_ERR_INTERNAL,
                                   "cannot create data directory %s: %s",
                                   data_dir, strerror(errno));
        snprintf(path, sizeof(path), "%s/index.sqlite", data_dir);
    } else {
        snprintf(path, sizeof(path), "%s", rest);
        /* The directory holding the file, created like the data dir. */
        char *slash = strrchr(path, '/');
        if (slash && slash != path) {
            *slash = '\0';
            int rc = make_dirs(path);
            *slash = '/';
            if (rc != 0)
                return warta_error_set(err, WARTA_ERR_INTERNAL,
                                       "cannot create the directory of %s: %s",
                                       path, strerror(errno));
        }
    }
    return warta_index_sqlite_open(out, path, err);
}

/* redis://[[user]:password@]host[:port][/db]; host may be [v6]. The
 * URL is not echoed in errors: it may hold a password. */
static enum warta_err open_redis(struct warta_index **out, const char *spec,
                                 long timeout_ms,
                                 struct warta_error *err)
{
    const char *p = spec + strlen("redis://");
    char host[256], user[128] = "", pass[256] = "";
    size_t hl;
    const char *at = strchr(p, '@');
    if (at && at < p + strcspn(p, "/")) {
        size_t ul = strcspn(p, ":@");
        if (p[ul] != ':' || ul >= sizeof(user) ||
            (size_t)(at - p - ul - 1) >= sizeof(pass))
            goto bad;
        memcpy(user, p, ul);
        user[ul] = '\0';
        memcpy(pass, p + ul + 1, (size_t)(at - p - ul - 1));
        pass[at - p - ul - 1] = '\0';
        p = at + 1;
    }
    if (*p == '[') {
        const char *end = strchr(p, ']');
        if (!end)
            goto bad;
        hl = (size_t)(end - p - 1);
        if (hl == 0 || hl >= sizeof(host))
            goto bad;
        memcpy(host, p + 1, hl);
        p = end + 1;
    } else {
        hl = strcspn(p, ":/");
        if (hl == 0 || hl >= sizeof(host))
            goto bad;
        memcpy(host, p, hl);
        p += hl;
    }
    host[hl] = '\0';
    long port = 6379, db = 0;
    char *end;
    if (*p == ':') {
        errno = 0;
        port = strtol(p + 1, &end, 10);
        if (errno || end == p + 1 || port < 1 || port > 65535)
            goto bad;
        p = end;
    }
    if (*p == '/' && p[1] != '\0') {
        errno = 0;
        db = strtol(p + 1, &end, 10);
        if (errno || end == p + 1 || db < 0 || db > 65535)
            goto bad;
        p = end;
    } else if (*p == '/') {
        p++;
    }
    if (*p != '\0')
        goto bad;
    return warta_index_redis_open(out, host, (int)port, (int)db, user, pass,
                                  timeout_ms, err);
bad:
    return warta_error_set(err, WARTA_ERR_INTERNAL,
                           "malformed --index redis URL: expected "
                           "redis://[[user]:password@]host[:port][/db]");
}

void warta_index_options_from_config(struct warta_index_options *o,
                                     const struct warta_config *cfg)
{
    memcpy(o->spec, cfg->index, sizeof(o->spec));
    memcpy(o->data_dir, cfg->data_dir, sizeof(o->data_dir));
    o->retention_days = cfg->index_retention_days;
    o->timeout_ms = cfg->index_timeout_ms;
}

enum warta_err warta_index_open(struct warta_index **out,
                                const struct warta_index_options *opts,
                                struct warta_error *err)
{
    const char *spec = opts->spec;
    enum warta_err rc;
    *out = NULL;
    if (!strcmp(spec, "none"))
        return WARTA_OK;
    if (!strcmp(spec, "memory"))
        rc = warta_index_memory_open(out, err);
    else if (!strncmp(spec, "sqlite:", 7))
        rc = open_sqlite(out, spec + 7, opts->data_dir, err);
    else if (!strncmp(spec, "redis://", 8))
        rc = open_redis(out, spec, opts->timeout_ms, err);
    else
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "unknown --index %s: use sqlite:PATH, "
                               "memory, redis://host:port/db or none", spec);
    if (rc != WARTA_OK)
        return rc;
    struct warta_index *idx = *out;
    idx->retention_days = opts->retention_days;
    atomic_init(&idx->inserts, 0);
    int64_t now = (int64_t)time(NULL);
    atomic_init(&idx->last_prune, now);
    /* An unreachable Redis fails this prune; the next one catches up. */
    if (idx->ops->prune(idx, now - (int64_t)idx->retention_days * 86400) !=
        WARTA_OK)
        WARTA_LOG(WARTA_LOG_WARN, "index", NULL,
                  "could not prune the %s index at start-up", idx->ops->name);
    WARTA_LOG(WARTA_LOG_INFO, "index", NULL, "near-duplicate index: %s",
              idx->ops->name);
    return WARTA_OK;
}

void warta_index_close(struct warta_index *idx)
{
    if (idx)
        idx->ops->close(idx);
}

bool warta_index_ready(struct warta_index *idx)
{
    return idx ? idx->ops->ready(idx) : true;
}

enum warta_err warta_index_lookup(struct warta_index *idx, uint64_t simhash,
                                  unsigned max_distance, size_t max_hits,
                                  struct warta_arena *a,
                                  struct warta_index_hit **hits,
                                  size_t *n_hits)
{
    struct warta_index_hits h = {0};
    *hits = NULL;
    *n_hits = 0;
    if (!idx)
        return WARTA_OK;
    if (max_distance > WARTA_INDEX_MAX_DISTANCE)
        max_distance = WARTA_INDEX_MAX_DISTANCE;
    enum warta_err rc =
        idx->ops->lookup(idx, simhash, max_distance, max_hits, a, &h);
    if (rc != WARTA_OK)
        return rc;
    warta_index_hits_cut(&h, 0, max_hits);
    *hits = h.n ? h.v : NULL;
    *n_hits = h.n;
    return WARTA_OK;
}

enum warta_err warta_index_prune(struct warta_index *idx, int64_t older_than)
{
    if (!idx)
        return WARTA_OK;
    atomic_store(&idx->last_prune, (long long)time(NULL));
    return idx->ops->prune(idx, older_than);
}

enum warta_err warta_index_insert(struct warta_index *idx,
                                  const struct warta_index_entry *e)
{
    if (!idx)
        return WARTA_OK;
    enum warta_err rc = idx->ops->insert(idx, e);
    if (rc != WARTA_OK)
        return rc;
    unsigned long n = atomic_fetch_add(&idx->inserts, 1) + 1;
    int64_t now = (int64_t)time(NULL);
    long long last = atomic_load(&idx->last_prune);
    bool due = n % PRUNE_EVERY_INSERTS == 0;
    /* Only the thread that moves last_prune forward prunes by time. */
    if (!due && now - last >= PRUNE_EVERY_SECONDS)
        due = atomic_compare_exchange_strong(&idx->last_prune, &last,
                                             (long long)now);
    if (due) {
        atomic_store(&idx->last_prune, (long long)now);
        /* A failed prune is retried on the next schedule; the insert
         * itself succeeded. */
        (void)idx->ops->prune(idx,
                              now - (int64_t)idx->retention_days * 86400);
    }
    return WARTA_OK;
}

enum warta_err warta_index_batch_begin(struct warta_index *idx)
{
    return idx && idx->ops->batch_begin ? idx->ops->batch_begin(idx)
                                        : WARTA_OK;
}

enum warta_err warta_index_batch_end(struct warta_index *idx)
{
    return idx && idx->ops->batch_end ? idx->ops->batch_end(idx) : WARTA_OK;
}

size_t warta_index_probe_values(unsigned value, unsigned radius,
                                unsigned *out)
{
    size_t n = 0;
    out[n++] = value;
    if (radius >= 1)
        for (unsigned i = 0; i < WARTA_INDEX_BLOCK_BITS; i++)
            out[n++] = value ^ (1u << i);
    if (radius >= 2)
        for (unsigned i = 0; i < WARTA_INDEX_BLOCK_BITS; i++)
            for (unsigned j = i + 1; j < WARTA_INDEX_BLOCK_BITS; j++)
                out[n++] = value ^ (1u << i) ^ (1u << j);
    return n;
}

bool warta_index_first_block(uint64_t a, uint64_t b, unsigned block,
                             unsigned radius)
{
    for (unsigned k = 0; k < block; k++) {
        unsigned d = warta_popcount64(
            (uint64_t)(warta_index_block(a, k) ^ warta_index_block(b, k)));
        if (d <= radius)
            return false;
    }
    return true;
}

/* Nearest first, then earliest, then by id so the order is total. */
static int hit_cmp(const void *pa, const void *pb)
{
    const struct warta_index_hit *a = pa, *b = pb;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    if (a->first_seen != b->first_seen)
        return a->first_seen < b->first_seen ? -1 : 1;
    return a->id && b->id ? strcmp(a->id, b->id) : 0;
}

void warta_index_hits_cut(struct warta_index_hits *h, size_t first,
                          size_t max_hits)
{
    size_t n = h->n - first;
    if (n > 1)
        qsort(h->v + first, n, sizeof(*h->v), hit_cmp);
    if (max_hits && n > max_hits)
        h->n = first + max_hits;
}

struct warta_index_hit *warta_index_hits_offer(struct warta_arena *a,
                                               struct warta_index_hits *h,
                                               size_t first, size_t max_hits,
                                               const struct warta_index_hit *hit)
{
    size_t kept = h->n - first;
    if (max_hits && kept == max_hits && hit_cmp(hit, &h->v[h->n - 1]) >= 0)
        return NULL; /* no better than the worst kept */
    if (!max_hits || kept < max_hits)
        warta_index_hits_push(a, h);
    else
        kept--; /* the worst gives way */
    if (!max_hits) {
        h->v[h->n - 1] = *hit;
        return &h->v[h->n - 1];
    }
    /* Insertion into the sorted range: max_hits is small. */
    size_t at = first + kept;
    while (at > first && hit_cmp(hit, &h->v[at - 1]) < 0) {
        h->v[at] = h->v[at - 1];
        at--;
    }
    h->v[at] = *hit;
    return &h->v[at];
}

struct warta_index_hit *warta_index_hits_push(struct warta_arena *a,
                                              struct warta_index_hits *h)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 8;
        h->v = warta_arena_grow(a, h->v, h->n, cap, sizeof(*h->v));
        h->cap = cap;
    }
    struct warta_index_hit *hit = &h->v[h->n++];
    memset(hit, 0, sizeof(*hit));
    return hit;
}
