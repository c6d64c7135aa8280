/*
 * The near-duplicate index, every backend through the one interface:
 * memory, SQLite in a temp dir, and Redis against a redis-server this test
 * starts on a free loopback port (skipped when redis-server is missing).
 * Insert, lookup order, exact repeats, retention pruning, reopening, the
 * spec parser, and block permutation against brute force on random and
 * clustered fingerprints for every distance 0..8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "dedupe/index_backend.h"
#include "e2e.h"
#include "redis_server.h"
#include "warta/config.h"
#include "warta/index.h"
#include "warta/simhash.h"
#include "xorshift.h"

/* The index as warta serve opens it: options taken from a configuration. */
static enum warta_err open_from_config(struct warta_index **out,
                                       const struct warta_config *cfg,
                                       struct warta_error *err)
{
    struct warta_index_options o;
    warta_index_options_from_config(&o, cfg);
    return warta_index_open(out, &o, err);
}

static char tmpdir[128];
static struct test_redis redis;
static bool have_redis;

enum backend { MEMORY, SQLITE, REDIS };

struct fixture {
    enum backend kind;
    struct warta_index *idx;
    struct warta_config cfg;
    struct warta_arena arena;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    return xorshift64s(&rng_state);
}

/* h with exactly n distinct random bits flipped. */
static uint64_t flip_bits(uint64_t h, unsigned n)
{
    uint64_t mask = 0;
    while (warta_simhash_distance(mask, 0) < n)
        mask |= (uint64_t)1 << (rnd() % 64);
    return h ^ mask;
}

static void flush_redis(void)
{
    redisContext *c = redisConnect("127.0.0.1", (int)redis.port);
    assert_non_null(c);
    redisReply *r = redisCommand(c, "FLUSHALL");
    if (r)
        freeReplyObject(r);
    redisFree(c);
}

static int setup(void **state, enum backend kind)
{
    struct fixture *f = calloc(1, sizeof(*f));
    f->kind = kind;
    warta_config_defaults(&f->cfg);
    switch (kind) {
    case MEMORY:
        snprintf(f->cfg.index, sizeof(f->cfg.index), "memory");
        break;
    case SQLITE: {
        static int n;
        snprintf(f->cfg.index, sizeof(f->cfg.index),
                 "sqlite:%s/case%d/nested/index.sqlite", tmpdir, n++);
        break;
    }
    case REDIS:
        if (!have_redis) {
            /* f->idx stays NULL: the case skips itself. */
            *state = f;
            return 0;
        }
        flush_redis();
        snprintf(f->cfg.index, sizeof(f->cfg.index),
                 "redis://127.0.0.1:%u/3", redis.port);
        /* These cases test results, not latency: a loaded machine (ASan,
         * parallel builds) must not turn a slow reply into a failure. */
        f->cfg.index_timeout_ms = 5000;
        break;
    }
    struct warta_error err;
    warta_error_clear(&err);
    if (open_from_config(&f->idx, &f->cfg, &err) != WARTA_OK) {
        fprintf(stderr, "open %s: %s\n", f->cfg.index, err.detail);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int setup_memory(void **state) { return setup(state, MEMORY); }
static int setup_sqlite(void **state) { return setup(state, SQLITE); }
static int setup_redis(void **state) { return setup(state, REDIS); }

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f->idx)
        warta_index_close(f->idx);
    warta_arena_free(&f->arena);
    free(f);
    return 0;
}

static void insert(struct warta_index *idx, const char *id, uint64_t sh,
                   const char *title, int64_t first_seen)
{
    char url[128];
    snprintf(url, sizeof(url), "https://news.example/%s", id);
    struct warta_index_entry e = {
        .id = id, .simhash = sh, .content_hash = "xxh128:00",
        .title = title, .url = url, .first_seen = first_seen,
    };
    assert_int_equal(warta_index_insert(idx, &e), WARTA_OK);
}

static void test_insert_lookup_order(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    int64_t now = (int64_t)time(NULL);
    uint64_t base = 0x0123456789abcdefULL;
    insert(f->idx, "far", base ^ 0xffff0000ffff0000ULL, "Far", now);
    insert(f->idx, "d3", base ^ 0x8000000100000001ULL, "Three bits", now - 50);
    insert(f->idx, "d1b", base ^ 0x0000000000010000ULL, "One bit later", now);
    insert(f->idx, "d1a", base ^ 0x0000100000000000ULL, "One bit", now - 100);
    insert(f->idx, "d0", base, "Exact", now - 10);
    insert(f->idx, "d4", base ^ 0x000f000000000000ULL, NULL, now);

    struct warta_index_hit *h;
    size_t n;
    assert_int_equal(warta_index_lookup(f->idx, base, 3, 0, &f->arena, &h, &n),
                     WARTA_OK);
    assert_int_equal(n, 4);
    assert_string_equal(h[0].id, "d0");
    assert_int_equal(h[0].distance, 0);
    assert_string_equal(h[0].title, "Exact");
    assert_string_equal(h[0].url, "https://news.example/d0");
    assert_int_equal(h[0].first_seen, now - 10);
    /* Equal distance: earliest first. */
    assert_string_equal(h[1].id, "d1a");
    assert_string_equal(h[2].id, "d1b");
    assert_string_equal(h[3].id, "d3");
    assert_int_equal(h[3].distance, 3);

    /* Four bits apart is reported at distance 4, not at 3. */
    assert_int_equal(warta_index_lookup(f->idx, base, 4, 0, &f->arena, &h, &n),
                     WARTA_OK);
    assert_int_equal(n, 5);
    assert_string_equal(h[4].id, "d4");
    assert_null(h[4].title);

    /* max_hits keeps the nearest. */
    assert_int_equal(warta_index_lookup(f->idx, base, 3, 2, &f->arena, &h, &n),
                     WARTA_OK);
    assert_int_equal(n, 2);
    assert_string_equal(h[1].id, "d1a");

    /* Nothing near: empty, not an error. */
    assert_int_equal(warta_index_lookup(f->idx, ~base, 3, 0, &f->arena, &h,
                                        &n), WARTA_OK);
    assert_int_equal(n, 0);
    assert_null(h);
    assert_true(warta_index_ready(f->idx));
}

/* A cluster of near copies, many tied on distance and first_seen: a
 * lookup cut to max_hits returns the first max_hits of the full, sorted
 * answer (the cut keeps the best while it reads, it does not sort
 * everything). Which of several entries tied on both keys make the cut is
 * the backend's own order (index.h promises distance, then first_seen),
 * so the keys are compared, not the ids. */
static void test_cut_is_prefix_of_full_order(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    enum { N = 300 };
    int64_t now = (int64_t)time(NULL);
    uint64_t base = 0x5a5a5a5a12345678ULL;
    assert_int_equal(warta_index_batch_begin(f->idx), WARTA_OK);
    for (unsigned i = 0; i < N; i++) {
        char id[32];
        /* Ids out of insertion order, so ties fall back on them. */
        snprintf(id, sizeof(id), "c%03u", (i * 37) % N);
        insert(f->idx, id, flip_bits(base, i % 4), NULL, now - (int64_t)(i % 5));
    }
    assert_int_equal(warta_index_batch_end(f->idx), WARTA_OK);
    struct warta_index_hit *all;
    size_t n_all;
    assert_int_equal(warta_index_lookup(f->idx, base, 3, 0, &f->arena, &all, &n_all),
                     WARTA_OK);
    assert_int_equal(n_all, N);
    const size_t cuts[] = {1, 3, 10, 50, N, N + 5};
    for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
        struct warta_index_hit *h;
        size_t n;
        assert_int_equal(warta_index_lookup(f->idx, base, 3, cuts[c], &f->arena, &h, &n),
                         WARTA_OK);
        assert_int_equal(n, cuts[c] < N ? cuts[c] : N);
        for (size_t i = 0; i < n; i++) {
            assert_non_null(h[i].id);
            assert_int_equal(h[i].distance, all[i].distance);
            assert_int_equal(h[i].first_seen, all[i].first_seen);
        }
    }
    /* The full answer is in order: distance, then first_seen. */
    for (size_t i = 1; i < n_all; i++)
        assert_true(all[i - 1].distance < all[i].distance ||
                    (all[i - 1].distance == all[i].distance &&
                     all[i - 1].first_seen <= all[i].first_seen));
}

static void test_exact_repeat_stored_once(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    int64_t now = (int64_t)time(NULL);
    insert(f->idx, "same", 42, "First title", now - 60);
    insert(f->idx, "same", 42, "Second title", now);
    struct warta_index_hit *h;
    size_t n;
    assert_int_equal(warta_index_lookup(f->idx, 42, 3, 0, &f->arena, &h, &n),
                     WARTA_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].title, "First title");
    assert_int_equal(h[0].first_seen, now - 60);
}

static void test_retention_prune(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    int64_t now = (int64_t)time(NULL);
    uint64_t sh = 0xfeedfacecafebeefULL;
    insert(f->idx, "old", sh, "Old", now - 40 * 86400);
    insert(f->idx, "older", sh ^ 1, "Older", now - 41 * 86400);
    insert(f->idx, "new", sh ^ 2, "New", now - 86400);
    assert_int_equal(warta_index_prune(f->idx, now - 30 * 86400), WARTA_OK);
    struct warta_index_hit *h;
    size_t n;
    assert_int_equal(warta_index_lookup(f->idx, sh, 3, 0, &f->arena, &h, &n),
                     WARTA_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].id, "new");
    /* A pruned id can be stored again. */
    insert(f->idx, "old", sh, "Old again", now);
    assert_int_equal(warta_index_lookup(f->idx, sh, 3, 0, &f->arena, &h, &n),
                     WARTA_OK);
    assert_int_equal(n, 2);
    assert_string_equal(h[0].id, "old");
    assert_string_equal(h[0].title, "Old again");
}

/* Without anyone calling prune: inserting prunes every 1000 inserts. */
static void test_retention_while_inserting(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    int64_t now = (int64_t)time(NULL);
    uint64_t old_sh = 0x5555aaaa5555aaaaULL;
    insert(f->idx, "ancient", old_sh, "Ancient",
           now - (f->cfg.index_retention_days + 1) * 86400);
    struct warta_index_hit *h;
    size_t n;
    assert_int_equal(warta_index_lookup(f->idx, old_sh, 0, 0, &f->arena, &h,
                                        &n), WARTA_OK);
    assert_int_equal(n, 1);
    for (unsigned i = 0; i < 1000; i++) {
        char id[16];
        snprintf(id, sizeof(id), "n%u", i);
        insert(f->idx, id, rnd(), NULL, now);
    }
    assert_int_equal(warta_index_lookup(f->idx, old_sh, 0, 0, &f->arena, &h,
                                        &n), WARTA_OK);
    assert_int_equal(n, 0);
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Block permutation finds exactly what a scan finds. */
static void test_block_permutation_vs_brute_force(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    enum { N_BASES = 60, PER_BASE = 12, N_RANDOM = 600 };
    size_t n_all = N_BASES * PER_BASE + N_RANDOM;
    uint64_t *all = calloc(n_all, sizeof(*all));
    uint64_t bases[N_BASES];
    int64_t now = (int64_t)time(NULL);
    size_t k = 0;
    assert_int_equal(warta_index_batch_begin(f->idx), WARTA_OK);
    for (size_t b = 0; b < N_BASES; b++) {
        bases[b] = rnd();
        /* A cluster around each base: 0..11 bits away. */
        for (unsigned j = 0; j < PER_BASE; j++)
            all[k++] = flip_bits(bases[b], j);
    }
    for (size_t i = 0; i < N_RANDOM; i++)
        all[k++] = rnd();
    for (size_t i = 0; i < n_all; i++) {
        char id[32];
        snprintf(id, sizeof(id), "e%zu", i);
        insert(f->idx, id, all[i], NULL, now);
    }
    assert_int_equal(warta_index_batch_end(f->idx), WARTA_OK);

    size_t checked = 0, found = 0;
    for (unsigned d = 0; d <= WARTA_INDEX_MAX_DISTANCE; d++) {
        for (size_t q = 0; q < 20; q++) {
            uint64_t query = flip_bits(bases[(q * 7 + d) % N_BASES], q % 5);
            struct warta_index_hit *h;
            size_t n;
            assert_int_equal(warta_index_lookup(f->idx, query, d, 0, &f->arena,
                                                &h, &n), WARTA_OK);
            size_t want = 0;
            for (size_t i = 0; i < n_all; i++)
                want += warta_simhash_distance(query, all[i]) <= d;
            assert_int_equal(n, want);
            uint64_t *got = calloc(n + 1, sizeof(*got));
            for (size_t i = 0; i < n; i++) {
                unsigned idn = (unsigned)strtoul(h[i].id + 1, NULL, 10);
                assert_true(idn < n_all);
                assert_int_equal(h[i].distance,
                                 warta_simhash_distance(query, all[idn]));
                if (i)
                    assert_true(h[i - 1].distance <= h[i].distance);
                got[i] = idn;
            }
            /* No entry twice. */
            qsort(got, n, sizeof(*got), u64_cmp);
            for (size_t i = 1; i < n; i++)
                assert_true(got[i] != got[i - 1]);
            free(got);
            checked++;
            found += n;
        }
    }
    printf("  %zu lookups at distances 0..8 over %zu fingerprints, %zu hits, "
           "all equal to a scan\n", checked, n_all, found);
    free(all);
}

struct worker {
    struct warta_index *idx;
    unsigned no;
    int failures;
};

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    struct warta_arena a = {0};
    int64_t now = (int64_t)time(NULL);
    for (unsigned i = 0; i < 100; i++) {
        char id[32];
        uint64_t sh = ((uint64_t)w->no << 56) | ((uint64_t)i << 24) | i;
        snprintf(id, sizeof(id), "w%u-%u", w->no, i);
        struct warta_index_entry e = {.id = id, .simhash = sh,
                                      .title = "t", .first_seen = now};
        struct warta_index_hit *h;
        size_t n;
        if (warta_index_insert(w->idx, &e) != WARTA_OK ||
            warta_index_lookup(w->idx, sh, 3, 0, &a, &h, &n) != WARTA_OK ||
            n == 0 || strcmp(h[0].id, id) != 0)
            w->failures++;
    }
    warta_arena_free(&a);
    return NULL;
}

/* Request threads share one index: inserts and lookups interleave. */
static void test_concurrent_threads(void **state)
{
    struct fixture *f = *state;
    if (!f->idx)
        skip();
    enum { THREADS = 4 };
    pthread_t t[THREADS];
    struct worker w[THREADS];
    for (unsigned i = 0; i < THREADS; i++) {
        w[i] = (struct worker){.idx = f->idx, .no = i + 1};
        assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
    }
    for (unsigned i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].failures, 0);
    }
    /* What each thread stored, this thread sees (with SQLite, through
     * another connection). */
    for (unsigned no = 1; no <= THREADS; no++)
        for (unsigned i = 0; i < 100; i += 33) {
            uint64_t sh = ((uint64_t)no << 56) | ((uint64_t)i << 24) | i;
            char id[32];
            snprintf(id, sizeof(id), "w%u-%u", no, i);
            struct warta_index_hit *h;
            size_t n;
            assert_int_equal(warta_index_lookup(f->idx, sh, 0, 0, &f->arena, &h, &n),
                             WARTA_OK);
            assert_int_equal(n, 1);
            assert_string_equal(h[0].id, id);
        }
}

static void test_sqlite_survives_reopen(void **state)
{
    (void)state;
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "sqlite:");
    snprintf(cfg.data_dir, sizeof(cfg.data_dir), "%s/datadir/deeper", tmpdir);
    struct warta_index *idx;
    struct warta_error err;
    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    insert(idx, "kept", 7, "Kept", (int64_t)time(NULL));
    warta_index_close(idx);

    char path[sizeof(cfg.data_dir) + 16];
    struct stat st;
    snprintf(path, sizeof(path), "%s/index.sqlite", cfg.data_dir);
    assert_int_equal(stat(path, &st), 0);

    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    struct warta_arena a = {0};
    struct warta_index_hit *h;
    size_t n;
    assert_int_equal(warta_index_lookup(idx, 7, 3, 0, &a, &h, &n), WARTA_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].title, "Kept");
    warta_index_close(idx);
    warta_arena_free(&a);
}

static void test_open_specs(void **state)
{
    (void)state;
    struct warta_config cfg;
    struct warta_index *idx = (struct warta_index *)&cfg;
    struct warta_error err;
    warta_config_defaults(&cfg);

    snprintf(cfg.index, sizeof(cfg.index), "none");
    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    assert_null(idx);
    assert_true(warta_index_ready(NULL));
    warta_index_close(NULL);

    static const char *const bad[] = {
        "bogus", "redis://", "redis://host:99999/0", "redis://host:12/x",
        "redis://[::1", "redis://host:12/0/extra", "Memory",
        "redis://user@host:12/0", "redis://:pw@", "redis://:pw@:12/0",
        "sqlite:/proc/warta-no/such/index.sqlite",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        warta_error_clear(&err);
        snprintf(cfg.index, sizeof(cfg.index), "%s", bad[i]);
        assert_int_not_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
        assert_null(idx);
        printf("  %-42s -> %s\n", bad[i], err.detail);
        assert_true(err.detail[0] != '\0');
    }

    /* A path SQLite cannot open as a database: a directory. */
    warta_error_clear(&err);
    snprintf(cfg.index, sizeof(cfg.index), "sqlite:%s", tmpdir);
    assert_int_not_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    assert_null(idx);
    printf("  sqlite:<a directory> -> %s\n", err.detail);
}

/* A Redis nobody listens on: open succeeds, not ready, lookups and inserts
 * fail fast, retries are rate-limited. */
static void test_redis_down(void **state)
{
    (void)state;
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    unsigned port = e2e_free_port();
    snprintf(cfg.index, sizeof(cfg.index), "redis://127.0.0.1:%u/0", port);
    struct warta_index *idx;
    struct warta_error err;
    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    assert_non_null(idx);
    assert_false(warta_index_ready(idx));
    struct warta_arena a = {0};
    struct warta_index_hit *h;
    size_t n;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 50; i++) {
        assert_int_equal(warta_index_lookup(idx, 1, 3, 0, &a, &h, &n),
                         WARTA_ERR_INDEX_UNAVAILABLE);
        assert_int_equal(n, 0);
    }
    struct warta_index_entry e = {.id = "x", .simhash = 1, .first_seen = 1};
    assert_int_equal(warta_index_insert(idx, &e), WARTA_ERR_INDEX_UNAVAILABLE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("  51 calls against a dead redis took %.1f ms\n", ms);
    /* Generous: the point is no connect per call (that would be 51 x the
     * connect time), not speed. */
    assert_true(ms < 2000);

    if (have_redis) {
        /* Comes back: point a new index at the live server. */
        warta_index_close(idx);
        snprintf(cfg.index, sizeof(cfg.index), "redis://127.0.0.1:%u/0",
                 redis.port);
        assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
        assert_true(warta_index_ready(idx));
    }
    warta_index_close(idx);
    warta_arena_free(&a);
}

/* redis://[[user]:password@]...: AUTH before anything else; a wrong
 * password is "not ready", never a crash or a start-up failure. */
static void test_redis_auth(void **state)
{
    (void)state;
    if (!have_redis)
        skip();
    redisContext *c = redisConnect("127.0.0.1", (int)redis.port);
    assert_non_null(c);
    redisReply *r = redisCommand(c, "CONFIG SET requirepass s3cret");
    assert_non_null(r);
    freeReplyObject(r);

    struct warta_config cfg;
    struct warta_index *idx;
    struct warta_error err;
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "redis://:s3cret@127.0.0.1:%u/2",
             redis.port);
    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    assert_true(warta_index_ready(idx));
    insert(idx, "authed", 99, "With password", (int64_t)time(NULL));
    warta_index_close(idx);

    snprintf(cfg.index, sizeof(cfg.index), "redis://default:s3cret@127.0.0.1:"
             "%u/2", redis.port);
    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    assert_true(warta_index_ready(idx));
    warta_index_close(idx);

    snprintf(cfg.index, sizeof(cfg.index), "redis://:wrong@127.0.0.1:%u/2",
             redis.port);
    assert_int_equal(open_from_config(&idx, &cfg, &err), WARTA_OK);
    assert_false(warta_index_ready(idx));
    warta_index_close(idx);

    r = redisCommand(c, "CONFIG SET requirepass %s", "");
    assert_non_null(r);
    freeReplyObject(r);
    redisFree(c);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/warta-test-index-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    unsigned port = e2e_free_port();
    have_redis = port && test_redis_start(&redis, port) == 0;
    if (!have_redis)
        printf("  redis-server not available: redis cases skipped\n");
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    test_redis_stop(&redis);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

#define PER_BACKEND(fn)                                                        \
    cmocka_unit_test_setup_teardown(fn, setup_memory, teardown),               \
        cmocka_unit_test_setup_teardown(fn, setup_sqlite, teardown),           \
        cmocka_unit_test_setup_teardown(fn, setup_redis, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        PER_BACKEND(test_insert_lookup_order),
        PER_BACKEND(test_cut_is_prefix_of_full_order),
        PER_BACKEND(test_exact_repeat_stored_once),
        PER_BACKEND(test_retention_prune),
        PER_BACKEND(test_block_permutation_vs_brute_force),
        PER_BACKEND(test_concurrent_threads),
        PER_BACKEND(test_retention_while_inserting),
        cmocka_unit_test(test_sqlite_survives_reopen),
        cmocka_unit_test(test_open_specs),
        cmocka_unit_test(test_redis_down),
        cmocka_unit_test(test_redis_auth),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
