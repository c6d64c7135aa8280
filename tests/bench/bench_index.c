/*
 * bench_index: what the near-duplicate index costs per article, per
 * backend, and how lookups hold up with a million stored fingerprints.
 *
 * Method (tests/bench/README.md, `index`):
 *  1. Per article, each backend: an index pre-filled with PREFILL entries,
 *     then ARTICLES times lookup(distance 3) + insert of a new entry, as the
 *     dedupe stage and the commit hook do for one request. Redis is a
 *     redis-server this program starts on a free loopback port.
 *  2. One million fingerprints in memory and in SQLite (filled in one
 *     transaction), then LOOKUPS lookups at distance 3, half of them near a
 *     stored fingerprint. The same-run baseline is a linear scan of the
 *     same million fingerprints: ratio scan/index is what block permutation
 *     saves, and sqlite/memory what persistence costs. Rounds interleave
 *     memory, sqlite and scan; the median per round is reported.
 *  3. SimHash of a 700-word folded body against XXH3 over the same bytes
 *     (what the content hash costs): the fingerprint's price per article.
 * Targets: memory lookup < 50 us, SQLite lookup < 500 us at 1M entries.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>

#include "../support/redis_server.h"
#include "warta/config.h"
#include "warta/index.h"
#include "warta/simhash.h"
#include "xorshift.h"

#define PREFILL 10000
#define ARTICLES 2000
#define BIG 1000000
#define LOOKUPS 20000
#define SCAN_LOOKUPS 200
#define ROUNDS 3

static uint64_t rng = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
    return xorshift64s(&rng);
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {0};
    socklen_t sl = sizeof(sa);
    unsigned port = 0;
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &sl) == 0)
        port = ntohs(sa.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static struct warta_index *open_index(const char *spec)
{
    struct warta_config cfg;
    struct warta_error err;
    struct warta_index *idx;
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "%s", spec);
    warta_error_clear(&err);
    struct warta_index_options opts;
    warta_index_options_from_config(&opts, &cfg);
    if (warta_index_open(&idx, &opts, &err) != WARTA_OK || !idx) {
        fprintf(stderr, "bench_index: cannot open %s: %s\n", spec, err.detail);
        exit(1);
    }
    return idx;
}

static void insert(struct warta_index *idx, size_t n, uint64_t sh, int64_t t)
{
    char id[24], title[48], url[64];
    snprintf(id, sizeof(id), "%016zx", n);
    snprintf(title, sizeof(title), "Artikel nomor %zu tentang banjir", n);
    snprintf(url, sizeof(url), "https://news.example/2024/%zu", n);
    struct warta_index_entry e = {
        .id = id, .simhash = sh, .content_hash = "xxh128:0",
        .title = title, .url = url, .first_seen = t,
    };
    if (warta_index_insert(idx, &e) != WARTA_OK) {
        fprintf(stderr, "bench_index: insert failed\n");
        exit(1);
    }
}

static uint64_t near(uint64_t h)
{
    unsigned k = (unsigned)(rnd() % 4);
    for (unsigned i = 0; i < k; i++)
        h ^= (uint64_t)1 << (rnd() % 64);
    return h;
}

/* Phase 1: lookup + insert per article on a pre-filled index. */
static double per_article(const char *spec)
{
    struct warta_index *idx = open_index(spec);
    int64_t t = (int64_t)time(NULL);
    uint64_t *stored = malloc(PREFILL * sizeof(*stored));
    warta_index_batch_begin(idx);
    for (size_t i = 0; i < PREFILL; i++) {
        stored[i] = rnd();
        insert(idx, i, stored[i], t);
    }
    warta_index_batch_end(idx);
    struct warta_arena a = {0};
    size_t found = 0;
    double t0 = now_us();
    for (size_t i = 0; i < ARTICLES; i++) {
        /* Every fourth article is a near copy of one already stored. */
        uint64_t sh = i % 4 == 0 ? near(stored[rnd() % PREFILL]) : rnd();
        struct warta_index_hit *h;
        size_t n;
        if (warta_index_lookup(idx, sh, 3, 10, &a, &h, &n) != WARTA_OK) {
            fprintf(stderr, "bench_index: lookup failed\n");
            exit(1);
        }
        found += n;
        insert(idx, PREFILL + i, sh, t);
        if (i % 256 == 255)
            warta_arena_free(&a);
    }
    double us = (now_us() - t0) / ARTICLES;
    warta_arena_free(&a);
    warta_index_close(idx);
    free(stored);
    printf("  %-8s lookup+insert per article: %8.1f us  (%zu entries, "
           "%zu near hits)\n", spec[0] == 's' ? "sqlite" : spec[0] == 'm'
           ? "memory" : "redis", us, (size_t)PREFILL, found);
    return us;
}

static double lookups(struct warta_index *idx, const uint64_t *stored,
                      size_t n_lookups, size_t *found)
{
    struct warta_arena a = {0};
    double t0 = now_us();
    for (size_t i = 0; i < n_lookups; i++) {
        uint64_t sh = i % 2 ? near(stored[rnd() % BIG]) : rnd();
        struct warta_index_hit *h;
        size_t n;
        if (warta_index_lookup(idx, sh, 3, 10, &a, &h, &n) != WARTA_OK)
            exit(1);
        *found += n;
        if (i % 256 == 255)
            warta_arena_free(&a);
    }
    double us = (now_us() - t0) / (double)n_lookups;
    warta_arena_free(&a);
    return us;
}

static double scan(const uint64_t *stored, size_t *found)
{
    double t0 = now_us();
    for (size_t i = 0; i < SCAN_LOOKUPS; i++) {
        uint64_t sh = i % 2 ? near(stored[rnd() % BIG]) : rnd();
        for (size_t k = 0; k < BIG; k++)
            *found += warta_simhash_distance(sh, stored[k]) <= 3;
    }
    return (now_us() - t0) / SCAN_LOOKUPS;
}

/* A folded body: 700 words drawn from a news-sized vocabulary. */
static char *synthetic_body(size_t *len)
{
    static const char *const words[] = {
        "jakarta", "banjir", "warga", "pemerintah", "menteri", "presiden",
        "yang", "dan", "di", "untuk", "asean", "ekonomi", "persen", "rupiah",
        "sungai", "hujan", "bencana", "kota", "provinsi", "kerja", "sama",
        "negara", "indonesia", "kebijakan", "harga", "pasar", "sekolah",
        "rumah", "kawasan", "pusat", "daerah", "tahun", "senin", "selasa",
    };
    size_t nw = sizeof(words) / sizeof(words[0]);
    char *out = malloc(700 * 16);
    size_t k = 0;
    for (size_t i = 0; i < 700; i++) {
        const char *w = words[rnd() % nw];
        size_t l = strlen(w);
        if (k)
            out[k++] = ' ';
        memcpy(out + k, w, l);
        k += l;
    }
    out[k] = '\0';
    *len = k;
    return out;
}

static void bench_simhash(void)
{
    size_t len;
    char *body = synthetic_body(&len);
    enum { N = 2000 };
    double r[ROUNDS], sh_us = 0, xx_us = 0;
    uint64_t sink = 0;
    for (int k = 0; k < ROUNDS; k++) {
        double t0 = now_us();
        for (int i = 0; i < N; i++)
            sink ^= XXH3_64bits(body, len) + (uint64_t)i;
        double t1 = now_us();
        for (int i = 0; i < N; i++)
            sink ^= warta_simhash_text(body, len) + (uint64_t)i;
        double t2 = now_us();
        xx_us = (t1 - t0) / N;
        sh_us = (t2 - t1) / N;
        r[k] = sh_us / xx_us;
    }
    qsort(r, ROUNDS, sizeof(double), dcmp);
    printf("index: fingerprint of a %zu-byte folded body: simhash %.1f us, "
           "xxh3 %.2f us (sink %llx)\n", len, sh_us, xx_us,
           (unsigned long long)(sink & 0xf));
    printf("ratio simhash/xxh3 per body: %.0f\n", r[1]);
    free(body);
}

int main(void)
{
    char dir[] = "/tmp/warta-bench-index-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char spec[128];

    bench_simhash();
    printf("index: lookup (distance 3) + insert per article, %d articles "
           "on %d stored\n", ARTICLES, PREFILL);
    double mem_art = per_article("memory");
    snprintf(spec, sizeof(spec), "sqlite:%s/small.sqlite", dir);
    double sql_art = per_article(spec);
    struct test_redis redis = {0};
    double red_art = 0;
    if (test_redis_start(&redis, free_port()) == 0) {
        snprintf(spec, sizeof(spec), "redis://127.0.0.1:%u/0", redis.port);
        red_art = per_article(spec);
        test_redis_stop(&redis);
    } else {
        printf("  redis    skipped: redis-server could not be started\n");
    }

    printf("index: %d fingerprints, lookups at distance 3\n", BIG);
    uint64_t *stored = malloc(BIG * sizeof(*stored));
    for (size_t i = 0; i < BIG; i++)
        stored[i] = rnd();
    int64_t t = (int64_t)time(NULL);
    struct warta_index *mem = open_index("memory");
    double t0 = now_us();
    for (size_t i = 0; i < BIG; i++)
        insert(mem, i, stored[i], t);
    printf("  memory fill: %.1f s\n", (now_us() - t0) / 1e6);
    snprintf(spec, sizeof(spec), "sqlite:%s/big.sqlite", dir);
    struct warta_index *sql = open_index(spec);
    t0 = now_us();
    warta_index_batch_begin(sql);
    for (size_t i = 0; i < BIG; i++)
        insert(sql, i, stored[i], t);
    warta_index_batch_end(sql);
    printf("  sqlite fill (one transaction): %.1f s\n", (now_us() - t0) / 1e6);

    double m[ROUNDS], s[ROUNDS], sc[ROUNDS], r_sm[ROUNDS], r_scan[ROUNDS];
    size_t found = 0;
    for (int r = 0; r < ROUNDS; r++) {
        m[r] = lookups(mem, stored, LOOKUPS, &found);
        s[r] = lookups(sql, stored, LOOKUPS, &found);
        sc[r] = scan(stored, &found);
        r_sm[r] = s[r] / m[r];
        r_scan[r] = sc[r] / m[r];
        printf("  round %d: memory %.2f us, sqlite %.2f us, scan %.0f us\n",
               r + 1, m[r], s[r], sc[r]);
    }
    qsort(m, ROUNDS, sizeof(double), dcmp);
    qsort(s, ROUNDS, sizeof(double), dcmp);
    qsort(r_sm, ROUNDS, sizeof(double), dcmp);
    qsort(r_scan, ROUNDS, sizeof(double), dcmp);
    printf("  memory lookup at 1M: %.2f us (target < 50 us: %s)\n", m[1],
           m[1] < 50 ? "met" : "NOT met");
    printf("  sqlite lookup at 1M: %.2f us (target < 500 us: %s)\n", s[1],
           s[1] < 500 ? "met" : "NOT met");
    printf("ratio index sqlite/memory lookup at 1M: %.1f\n", r_sm[1]);
    printf("ratio index scan/memory lookup at 1M: %.0f (what block "
           "permutation saves)\n", r_scan[1]);
    printf("ratio index per-article sqlite/memory: %.1f\n", sql_art / mem_art);
    if (red_art > 0)
        printf("ratio index per-article redis/memory: %.1f\n",
               red_art / mem_art);
    (void)found;
    warta_index_close(mem);
    warta_index_close(sql);
    free(stored);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
