/*
 * `redis://host:port/db` index backend, for several replicas that must
 * share what they have seen. Redis is the engine; this is only its client
 * (hiredis), with the same block permutation layout as the other backends.
 *
 * Spec: redis://[[user]:password@]host[:port][/db] (AUTH, then SELECT).
 *
 * Keys (prefix "warta:"):
 *   warta:e:<id>           hash {s simhash hex, ch, t title, u url, f first
 *                          seen}
 *   warta:b:<n>:<hex4>     set of members per block n, value
 *   warta:t                sorted set of the members by first seen
 * A member is "<simhash hex16><first seen hex16><id>": a lookup checks
 * distances and orders candidates straight from the block sets (one
 * pipelined round trip) and fetches only the entries it lists. Retention
 * is the sorted set: pruning takes the members first seen too long ago and
 * removes them from their block sets with their entry. No key TTLs: an
 * entry that expired on its own would leave its members behind. Insert
 * and prune are Lua scripts, so each is atomic: no half-written entry.
 *
 * Degraded, not down: connect and every reply time out after 200 ms, a
 * failed call drops the connection, and the next call (or /readyz)
 * reconnects, at most once per 500 ms, so a dead Redis costs requests
 * almost nothing and the service recovers on its own. One connection
 * behind a mutex.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hiredis.h>

#include "dedupe/index_backend.h"
#include "warta/clock.h"
#include "warta/log.h"
#include "warta/simhash.h"

#define PREFIX "warta:"
#define RECONNECT_MS 500
#define PRUNE_BATCH 1000

struct redis_index {
    struct warta_index base;
    pthread_mutex_t lock;
    redisContext *c;
    char host[256];
    char user[128], password[256];
    int port, db;
    int64_t last_attempt_ms;
    long timeout_ms; /* --index-timeout */
    bool was_up; /* for logging state changes once */
};

static struct redis_index *red_of(struct warta_index *idx)
{
    return (struct redis_index *)idx;
}

static const char insert_lua[] =
    "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n"
    "redis.call('HSET', KEYS[1], 's', ARGV[2], 'ch', ARGV[3], 't', ARGV[4],"
    " 'u', ARGV[5], 'f', ARGV[6])\n"
    "for i = 3, #KEYS do redis.call('SADD', KEYS[i], ARGV[1]) end\n"
    "redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])\n"
    "return 1\n";

/* Removes up to ARGV[2] members first seen before ARGV[1]; returns how
 * many. Block n of a member is hex digits 4n+1..4n+4 of its fingerprint. */
static const char prune_lua[] =
    "local m = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1],"
    " 'LIMIT', 0, ARGV[2])\n"
    "for _, x in ipairs(m) do\n"
    "  local s = string.sub(x, 1, 16)\n"
    "  for b = 0, 3 do\n"
    "    redis.call('SREM', '" PREFIX "b:' .. b .. ':' .."
    " string.sub(s, 4 * b + 1, 4 * b + 4), x)\n"
    "  end\n"
    "  redis.call('DEL', '" PREFIX "e:' .. string.sub(x, 33))\n"
    "  redis.call('ZREM', KEYS[1], x)\n"
    "end\n"
    "return #m\n";

static void drop_locked(struct redis_index *r, const char *why)
{
    if (r->c) {
        WARTA_LOG(WARTA_LOG_WARN, "index", NULL,
                  "redis %s:%d %s: %s; reconnecting on the next call",
                  r->host, r->port, why, r->c->errstr[0] ? r->c->errstr
                                                         : "error reply");
        redisFree(r->c);
        r->c = NULL;
    }
    r->was_up = false;
}

/* A connected context, or NULL when Redis is down (rate-limited). */
static redisContext *conn_locked(struct redis_index *r)
{
    if (r->c)
        return r->c;
    int64_t now = warta_now_usec() / 1000;
    if (r->last_attempt_ms && now - r->last_attempt_ms < RECONNECT_MS)
        return NULL;
    r->last_attempt_ms = now;
    struct timeval tv = {r->timeout_ms / 1000, (r->timeout_ms % 1000) * 1000};
    redisContext *c = redisConnectWithTimeout(r->host, r->port, tv);
    if (!c)
        return NULL;
    if (c->err || redisSetTimeout(c, tv) != REDIS_OK) {
        WARTA_LOG(WARTA_LOG_DEBUG, "index", NULL,
                  "redis %s:%d unreachable: %s", r->host, r->port, c->errstr);
        redisFree(c);
        return NULL;
    }
    if (r->password[0]) {
        redisReply *rep =
            r->user[0] ? redisCommand(c, "AUTH %s %s", r->user, r->password)
                       : redisCommand(c, "AUTH %s", r->password);
        bool ok = rep && rep->type == REDIS_REPLY_STATUS;
        if (rep)
            freeReplyObject(rep);
        if (!ok) {
            WARTA_LOG(WARTA_LOG_ERROR, "index", NULL,
                      "redis %s:%d refused AUTH", r->host, r->port);
            redisFree(c);
            return NULL;
        }
    }
    if (r->db) {
        redisReply *rep = redisCommand(c, "SELECT %d", r->db);
        bool ok = rep && rep->type != REDIS_REPLY_ERROR;
        if (rep)
            freeReplyObject(rep);
        if (!ok) {
            WARTA_LOG(WARTA_LOG_ERROR, "index", NULL,
                      "redis %s:%d refused SELECT %d", r->host, r->port,
                      r->db);
            redisFree(c);
            return NULL;
        }
    }
    r->c = c;
    if (!r->was_up)
        WARTA_LOG(WARTA_LOG_INFO, "index", NULL, "redis %s:%d connected",
                  r->host, r->port);
    r->was_up = true;
    return c;
}

/* Reads one pipelined reply; NULL drops the connection. */
static redisReply *reply_locked(struct redis_index *r)
{
    void *rep = NULL;
    if (redisGetReply(r->c, &rep) != REDIS_OK || !rep) {
        drop_locked(r, "failed");
        return NULL;
    }
    return rep;
}

static void red_close(struct warta_index *idx)
{
    struct redis_index *r = red_of(idx);
    if (r->c)
        redisFree(r->c);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

static bool red_ready(struct warta_index *idx)
{
    struct redis_index *r = red_of(idx);
    bool ok = false;
    pthread_mutex_lock(&r->lock);
    redisContext *c = conn_locked(r);
    if (c) {
        redisReply *rep = redisCommand(c, "PING");
        if (!rep)
            drop_locked(r, "ping failed");
        ok = rep && rep->type == REDIS_REPLY_STATUS;
        if (rep)
            freeReplyObject(rep);
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}

static unsigned long long parse_hex16(const char *p)
{
    unsigned long long v = 0;
    for (int i = 0; i < 16; i++) {
        char ch = p[i];
        unsigned d = ch >= '0' && ch <= '9'   ? (unsigned)(ch - '0')
                     : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                                              : 16;
        if (d == 16)
            return 0;
        v = v << 4 | d;
    }
    return v;
}

static const char *field(const redisReply *arr, size_t i,
                         struct warta_arena *a)
{
    if (arr->type != REDIS_REPLY_ARRAY || i >= arr->elements)
        return NULL;
    const redisReply *e = arr->element[i];
    if (e->type != REDIS_REPLY_STRING || e->len == 0)
        return NULL;
    return warta_arena_strndup(a, e->str, e->len);
}

static enum warta_err red_lookup(struct warta_index *idx, uint64_t simhash,
                                 unsigned max_distance, size_t max_hits,
                                 struct warta_arena *a,
                                 struct warta_index_hits *out)
{
    struct redis_index *r = red_of(idx);
    unsigned radius = warta_index_radius(max_distance);
    unsigned probes[WARTA_INDEX_MAX_PROBES];
    size_t first = out->n;
    enum warta_err rc = WARTA_ERR_INDEX_UNAVAILABLE;
    pthread_mutex_lock(&r->lock);
    redisContext *c = conn_locked(r);
    if (!c)
        goto out;
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++) {
        size_t np = warta_index_probe_values(warta_index_block(simhash, b),
                                             radius, probes);
        for (size_t p = 0; p < np; p++)
            redisAppendCommand(c, "SMEMBERS " PREFIX "b:%u:%04x", b,
                               probes[p]);
    }
    /* Replies come back in the order sent: block by block. */
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++) {
        size_t np = warta_index_probe_values(warta_index_block(simhash, b),
                                             radius, probes);
        for (size_t p = 0; p < np; p++) {
            redisReply *rep = reply_locked(r);
            if (!rep)
                goto out;
            for (size_t i = 0; rep->type == REDIS_REPLY_ARRAY &&
                               i < rep->elements; i++) {
                const redisReply *m = rep->element[i];
                if (m->type != REDIS_REPLY_STRING || m->len <= 32)
                    continue;
                uint64_t other = parse_hex16(m->str);
                unsigned d = warta_simhash_distance(simhash, other);
                if (d > max_distance ||
                    !warta_index_first_block(simhash, other, b, radius))
                    continue;
                struct warta_index_hit *h = warta_index_hits_push(a, out);
                h->id = warta_arena_strndup(a, m->str + 32, m->len - 32);
                h->first_seen = (int64_t)parse_hex16(m->str + 16);
                h->distance = d;
            }
            freeReplyObject(rep);
        }
    }
    warta_index_hits_cut(out, first, max_hits);
    for (size_t i = first; i < out->n; i++)
        redisAppendCommand(c, "HMGET " PREFIX "e:%s t u f", out->v[i].id);
    size_t kept = first;
    for (size_t i = first; i < out->n; i++) {
        redisReply *rep = reply_locked(r);
        if (!rep)
            goto out;
        const char *f = field(rep, 2, a);
        if (f) {
            /* An entry another replica pruned meanwhile is skipped. */
            struct warta_index_hit *h = &out->v[kept++];
            *h = out->v[i];
            h->title = field(rep, 0, a);
            h->url = field(rep, 1, a);
            h->first_seen = strtoll(f, NULL, 10);
        }
        freeReplyObject(rep);
    }
    out->n = kept;
    rc = WARTA_OK;
out:
    pthread_mutex_unlock(&r->lock);
    if (rc != WARTA_OK)
        out->n = first;
    return rc;
}

static enum warta_err red_insert(struct warta_index *idx,
                                 const struct warta_index_entry *e)
{
    struct redis_index *r = red_of(idx);
    enum warta_err rc = WARTA_ERR_INDEX_UNAVAILABLE;
    char member[32 + 256 + 1], hex[17], entry[300], fs[24];
    char blocks[WARTA_INDEX_BLOCKS][32];
    if (strlen(e->id) > 256)
        return WARTA_ERR_INTERNAL;
    snprintf(hex, sizeof(hex), "%016" PRIx64, e->simhash);
    snprintf(member, sizeof(member), "%s%016" PRIx64 "%s", hex,
             (uint64_t)e->first_seen, e->id);
    snprintf(entry, sizeof(entry), PREFIX "e:%s", e->id);
    snprintf(fs, sizeof(fs), "%" PRId64, e->first_seen);
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
        snprintf(blocks[b], sizeof(blocks[b]), PREFIX "b:%u:%04x", b,
                 warta_index_block(e->simhash, b));
    const char *argv[] = {
        "EVAL", insert_lua, "6", entry, PREFIX "t", blocks[0], blocks[1],
        blocks[2], blocks[3], member, hex,
        e->content_hash ? e->content_hash : "", e->title ? e->title : "",
        e->url ? e->url : "", fs,
    };
    size_t n = sizeof(argv) / sizeof(argv[0]);
    pthread_mutex_lock(&r->lock);
    redisContext *c = conn_locked(r);
    if (!c)
        goto out;
    redisReply *rep = redisCommandArgv(c, (int)n, argv, NULL);
    if (!rep) {
        drop_locked(r, "insert failed");
        goto out;
    }
    if (rep->type == REDIS_REPLY_INTEGER)
        rc = WARTA_OK;
    else
        WARTA_LOG(WARTA_LOG_ERROR, "index", NULL, "redis insert: %.*s",
                  rep->type == REDIS_REPLY_ERROR ? (int)rep->len : 0,
                  rep->type == REDIS_REPLY_ERROR ? rep->str : "");
    freeReplyObject(rep);
out:
    pthread_mutex_unlock(&r->lock);
    return rc;
}

static enum warta_err red_prune(struct warta_index *idx, int64_t older_than)
{
    struct redis_index *r = red_of(idx);
    enum warta_err rc = WARTA_ERR_INDEX_UNAVAILABLE;
    char cut[24], lim[16];
    snprintf(cut, sizeof(cut), "%" PRId64, older_than);
    snprintf(lim, sizeof(lim), "%d", PRUNE_BATCH);
    const char *argv[] = {"EVAL", prune_lua, "1", PREFIX "t", cut, lim};
    pthread_mutex_lock(&r->lock);
    /* Batches keep each script short, so Redis is never blocked long. */
    for (;;) {
        redisContext *c = conn_locked(r);
        if (!c)
            goto out;
        redisReply *rep = redisCommandArgv(c, 6, argv, NULL);
        if (!rep) {
            drop_locked(r, "prune failed");
            goto out;
        }
        long long n = rep->type == REDIS_REPLY_INTEGER ? rep->integer : -1;
        freeReplyObject(rep);
        if (n < 0)
            goto out;
        if (n < PRUNE_BATCH)
            break;
    }
    rc = WARTA_OK;
out:
    pthread_mutex_unlock(&r->lock);
    return rc;
}

static const struct warta_index_ops red_ops = {
    .name = "redis",
    .close = red_close,
    .ready = red_ready,
    .lookup = red_lookup,
    .insert = red_insert,
    .prune = red_prune,
};

enum warta_err warta_index_redis_open(struct warta_index **out,
                                      const char *host, int port, int db,
                                      const char *user, const char *password,
                                      long timeout_ms, struct warta_error *err)
{
    (void)err;
    struct redis_index *r = warta_xcalloc(1, sizeof(*r));
    r->timeout_ms = timeout_ms;
    r->base.ops = &red_ops;
    pthread_mutex_init(&r->lock, NULL);
    snprintf(r->host, sizeof(r->host), "%s", host);
    snprintf(r->user, sizeof(r->user), "%s", user);
    snprintf(r->password, sizeof(r->password), "%s", password);
    r->port = port;
    r->db = db;
    /* Down is not a failure: warta starts not ready and keeps trying. */
    pthread_mutex_lock(&r->lock);
    if (!conn_locked(r))
        WARTA_LOG(WARTA_LOG_WARN, "index", NULL,
                  "redis %s:%d unreachable at start-up; not ready until it "
                  "answers", host, port);
    pthread_mutex_unlock(&r->lock);
    *out = &r->base;
    return WARTA_OK;
}
