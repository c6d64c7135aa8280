/*
 * Access control: trusted proxies, API keys, rate limits and CORS; see
 * access.h for what each does and the README for how to run them.
 */
#include "access.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch/policy.h"
#include "warta/metrics.h"
#include "warta/sha256.h"

/* ---- API keys ----------------------------------------------------------- */

#define MAX_KEYS 1024
#define KEY_FILE_MAX (1024 * 1024)

struct key {
    char name[WARTA_ACCESS_NAME_SIZE];
    unsigned char hash[WARTA_SHA256_SIZE];
    size_t counter; /* its slot in `counters` */
};

struct keytab {
    size_t n;
    struct key key[];
};

/* Rate-limit counters by key name. A name keeps its slot for the life of
 * the process, so a reload that drops and re-adds a key never makes its
 * counter go backwards, and the label set stays the names an operator
 * wrote. Slot 0 counts clients limited by address (no keys). */
#define MAX_COUNTERS 256
static struct {
    char name[WARTA_ACCESS_NAME_SIZE];
    atomic_ullong limited;
} counters[MAX_COUNTERS];
static size_t n_counters;
static pthread_mutex_t counters_mu = PTHREAD_MUTEX_INITIALIZER;

static struct {
    bool open;
    struct warta_cidr proxy[WARTA_MAX_LIST];
    size_t n_proxy;
    char keys_file[WARTA_CONFIG_STR]; /* "" = no keys */
    pthread_rwlock_t keys_lock;        /* guards keys (the pointer) */
    struct keytab *keys;
    double rate;  /* tokens per second; 0 = no limit */
    double burst; /* bucket size */
    char origin[WARTA_MAX_LIST][WARTA_LIST_ITEM];
    size_t n_origin;
} A;

static size_t counter_slot(const char *name)
{
    pthread_mutex_lock(&counters_mu);
    size_t i = 0;
    while (i < n_counters && strcmp(counters[i].name, name) != 0)
        i++;
    if (i == n_counters && n_counters < MAX_COUNTERS) {
        snprintf(counters[i].name, sizeof(counters[i].name), "%s", name);
        n_counters++;
    }
    /* A full registry (256 names) counts further names as "other". */
    if (i == MAX_COUNTERS)
        i = 1;
    pthread_mutex_unlock(&counters_mu);
    return i;
}

static bool name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= WARTA_ACCESS_NAME_SIZE)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
            return false;
    return true;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* Parses the keys file text into a new table, or NULL with a message
 * naming the line. Names are unique so the log and the metrics never
 * confuse two keys. */
static struct keytab *parse_keys(const char *text, size_t len,
                                 const char *path, char *err, size_t errlen)
{
    struct keytab *t = calloc(1, sizeof(*t) + MAX_KEYS * sizeof(t->key[0]));
    if (!t)
        abort();
    size_t lineno = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
        const char *line = p;
        p += n + 1;
        lineno++;
        trim(&line, &n);
        if (n == 0 || line[0] == '#')
            continue;
        const char *colon = memchr(line, ':', n);
        size_t nlen = colon ? (size_t)(colon - line) : 0;
        const char *hex = colon ? colon + 1 : NULL;
        size_t hlen = colon ? n - nlen - 1 : 0;
        if (colon) {
            trim(&line, &nlen);
            trim(&hex, &hlen);
        }
        if (!colon || !name_ok(line, nlen) || hlen != 2 * WARTA_SHA256_SIZE) {
            snprintf(err, errlen,
                     "%.200s line %zu: not NAME:SHA256HEX (a name of letters, "
                     "digits, '.', '_' or '-', then the 64 hex digits of the "
                     "key's SHA-256)", path, lineno);
            free(t);
            return NULL;
        }
        if (t->n == MAX_KEYS) {
            snprintf(err, errlen, "%.200s: more than %d keys", path, MAX_KEYS);
            free(t);
            return NULL;
        }
        struct key *k = &t->key[t->n];
        memcpy(k->name, line, nlen);
        k->name[nlen] = '\0';
        for (size_t i = 0; i < WARTA_SHA256_SIZE; i++) {
            int hi = hexval((unsigned char)hex[2 * i]),
                lo = hexval((unsigned char)hex[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                snprintf(err, errlen, "%.200s line %zu: the hash is not hex",
                         path, lineno);
                free(t);
                return NULL;
            }
            k->hash[i] = (unsigned char)(hi << 4 | lo);
        }
        for (size_t i = 0; i < t->n; i++)
            if (strcmp(t->key[i].name, k->name) == 0) {
                snprintf(err, errlen, "%.200s line %zu: the name '%s' is "
                         "used twice", path, lineno, k->name);
                free(t);
                return NULL;
            }
        t->n++;
    }
    for (size_t i = 0; i < t->n; i++)
        t->key[i].counter = counter_slot(t->key[i].name);
    return t;
}

static struct keytab *load_keys(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "--api-keys-file %.200s: %s", path,
                 strerror(errno));
        return NULL;
    }
    char *text = malloc(KEY_FILE_MAX + 1);
    if (!text)
        abort();
    size_t len = fread(text, 1, KEY_FILE_MAX + 1, f);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || len > KEY_FILE_MAX) {
        snprintf(err, errlen, "--api-keys-file %.200s: %s", path,
                 bad ? "read error" : "larger than 1 MiB");
        free(text);
        return NULL;
    }
    struct keytab *t = parse_keys(text, len, path, err, errlen);
    free(text);
    return t;
}

/* The key a request presents: "Authorization: Bearer KEY" (scheme in any
 * case, RFC 6750), else "X-API-Key: KEY". */
static bool presented_key(const struct warta_access_req *in, const char **key,
                          size_t *len)
{
    const char *s = NULL;
    if (in->authorization && strncasecmp(in->authorization, "Bearer ", 7) == 0)
        s = in->authorization + 7;
    else if (in->api_key)
        s = in->api_key;
    if (!s)
        return false;
    size_t n = strlen(s);
    trim(&s, &n);
    *key = s;
    *len = n;
    return n > 0;
}

/* The name of the key whose hash matches, into name; false when none.
 * Every entry is compared, in constant time each, so the time taken says
 * nothing about which entry (or how much of a hash) matched. */
static bool match_key(const char *key, size_t len, char *name, size_t *counter)
{
    unsigned char h[WARTA_SHA256_SIZE];
    warta_sha256(key, len, h);
    pthread_rwlock_rdlock(&A.keys_lock);
    const struct keytab *t = A.keys;
    size_t found = SIZE_MAX;
    for (size_t i = 0; t && i < t->n; i++) {
        size_t eq = (size_t)warta_ct_equal(h, t->key[i].hash, sizeof(h));
        /* found = eq ? i : found, without a branch on eq. */
        found = (found & (eq - 1)) | (i & (0 - eq));
    }
    bool ok = found != SIZE_MAX;
    if (ok) {
        snprintf(name, WARTA_ACCESS_NAME_SIZE, "%s", t->key[found].name);
        *counter = t->key[found].counter;
    }
    pthread_rwlock_unlock(&A.keys_lock);
    return ok;
}

/* ---- rate limits ------------------------------------------------------- */

/* Token buckets in a table split into stripes, each with its own lock
 * and its own slots, so requests of different keys rarely share a lock
 * and never share a bucket. A full stripe reuses its least recently used
 * slot: that client starts again with a full bucket, which errs on the
 * side of serving. 64 x 64 buckets hold far more keys than a keys file
 * and the busy clients of a large proxy. */
#define RL_STRIPES 64
#define RL_SLOTS 64
#define RL_ID_SIZE 80

struct bucket {
    char id[RL_ID_SIZE]; /* "k:NAME" or "a:ADDRESS"; "" = free */
    double tokens;
    int64_t last_usec;
};

struct stripe {
    pthread_mutex_t mu;
    struct bucket b[RL_SLOTS];
};

static struct stripe *stripes;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

/* Takes one token from id's bucket; false with the seconds until the
 * next token in *retry_after when it is empty. */
static bool take_token(const char *id, int64_t now, long *retry_after)
{
    struct stripe *st = &stripes[fnv1a(id) % RL_STRIPES];
    pthread_mutex_lock(&st->mu);
    struct bucket *b = NULL, *free_slot = NULL, *oldest = NULL;
    for (size_t i = 0; i < RL_SLOTS && !b; i++) {
        struct bucket *c = &st->b[i];
        if (!c->id[0]) {
            if (!free_slot)
                free_slot = c;
        } else if (strcmp(c->id, id) == 0) {
            b = c;
        } else if (!oldest || c->last_usec < oldest->last_usec) {
            oldest = c;
        }
    }
    if (!b) {
        b = free_slot ? free_slot : oldest;
        snprintf(b->id, sizeof(b->id), "%s", id);
        b->tokens = A.burst;
        b->last_usec = now;
    }
    double elapsed = now > b->last_usec ? (double)(now - b->last_usec) / 1e6 : 0;
    b->tokens = fmin(A.burst, b->tokens + elapsed * A.rate);
    b->last_usec = now > b->last_usec ? now : b->last_usec;
    bool ok = b->tokens >= 1.0;
    if (ok)
        b->tokens -= 1.0;
    else
        *retry_after = (long)ceil((1.0 - b->tokens) / A.rate);
    pthread_mutex_unlock(&st->mu);
    if (!ok && *retry_after < 1)
        *retry_after = 1;
    return ok;
}

/* ---- CORS -------------------------------------------------------------- */

static const char *listed_origin(const char *origin)
{
    for (size_t i = 0; origin && i < A.n_origin; i++)
        if (strcmp(A.origin[i], origin) == 0)
            return A.origin[i];
    return NULL;
}

static void add_header(struct warta_access_out *out, const char *name,
                       const char *value)
{
    if (out->n_headers < WARTA_ACCESS_MAX_HEADERS) {
        out->headers[out->n_headers].name = name;
        out->headers[out->n_headers].value = value;
        out->n_headers++;
    }
}

/* ---- the checks -------------------------------------------------------- */

/* Routes an orchestrator, a proxy, a scraper or a person reading the
 * contract must reach without a key. */
static bool open_path(const char *path)
{
    static const char *const open[] = {"/healthz", "/readyz", "/metrics",
                                       "/openapi.yaml", "/"};
    for (size_t i = 0; i < sizeof(open) / sizeof(open[0]); i++)
        if (strcmp(path, open[i]) == 0)
            return true;
    return false;
}

enum warta_err warta_access_check(const struct warta_access_req *in,
                                  int64_t now_usec,
                                  struct warta_access_out *out,
                                  struct warta_error *err)
{
    memset(out, 0, sizeof(*out));
    if (A.n_origin) {
        /* Every answer may differ by Origin once CORS is on. */
        add_header(out, "Vary", "Origin");
        const char *o = listed_origin(in->origin);
        if (o) {
            snprintf(out->origin, sizeof(out->origin), "%s", o);
            add_header(out, "Access-Control-Allow-Origin", out->origin);
        }
        /* A preflight carries no credentials (Fetch standard), so it is
         * answered before the key check; an unlisted origin gets the 204
         * without CORS headers, which the browser treats as a refusal. */
        if (in->method && strcmp(in->method, "OPTIONS") == 0 && in->origin &&
            in->preflight_method) {
            out->preflight = true;
            if (o) {
                add_header(out, "Access-Control-Allow-Methods",
                           "GET, HEAD, POST, OPTIONS");
                add_header(out, "Access-Control-Allow-Headers",
                           "Content-Type, Authorization, X-API-Key, X-Request-Id");
                add_header(out, "Access-Control-Max-Age", "600");
            }
            return WARTA_OK;
        }
        if (o)
            add_header(out, "Access-Control-Expose-Headers",
                       "X-Request-Id, Retry-After");
    }
    if (!in->path || open_path(in->path))
        return WARTA_OK;

    size_t counter = 0;
    if (A.keys_file[0]) {
        const char *key;
        size_t len;
        if (!presented_key(in, &key, &len)) {
            add_header(out, "WWW-Authenticate", "Bearer realm=\"warta\"");
            return warta_error_set(err, WARTA_ERR_UNAUTHORIZED,
                                   "this route needs an API key: send "
                                   "'Authorization: Bearer KEY' or "
                                   "'X-API-Key: KEY'");
        }
        if (!match_key(key, len, out->key, &counter)) {
            add_header(out, "WWW-Authenticate",
                       "Bearer realm=\"warta\", error=\"invalid_token\"");
            return warta_error_set(err, WARTA_ERR_UNAUTHORIZED,
                                   "the API key is not valid");
        }
    }
    if (A.rate > 0) {
        char id[RL_ID_SIZE];
        snprintf(id, sizeof(id), "%s%s", out->key[0] ? "k:" : "a:",
                 out->key[0] ? out->key : in->client ? in->client : "");
        long retry = 0;
        if (!take_token(id, now_usec, &retry)) {
            atomic_fetch_add_explicit(&counters[counter].limited, 1,
                                      memory_order_relaxed);
            snprintf(out->retry_after, sizeof(out->retry_after), "%ld", retry);
            add_header(out, "Retry-After", out->retry_after);
            return warta_error_set(err, WARTA_ERR_RATE_LIMITED,
                                   "more than %.0f requests per second "
                                   "(burst %.0f) for this %s; retry after "
                                   "%ld s", A.rate, A.burst,
                                   out->key[0] ? "API key" : "client", retry);
        }
    }
    return WARTA_OK;
}

/* ---- client address ---------------------------------------------------- */

/* The address in s[0..n): bare IPv4 or IPv6, "[v6]" or "[v6]:port", or
 * "v4:port" (forms proxies write into X-Forwarded-For). IPv4-mapped IPv6
 * becomes IPv4, so one client has one spelling. */
static bool parse_addr(const char *s, size_t n, int *family, unsigned char *a)
{
    char text[WARTA_ACCESS_ADDR_SIZE + 8];
    trim(&s, &n);
    if (n && s[0] == '[') {
        const char *close = memchr(s, ']', n);
        if (!close)
            return false;
        s++;
        n = (size_t)(close - s);
    } else {
        const char *colon = memchr(s, ':', n);
        if (colon && !memchr(colon + 1, ':', n - (size_t)(colon - s) - 1))
            n = (size_t)(colon - s); /* one colon: IPv4 with a port */
    }
    if (n == 0 || n >= sizeof(text))
        return false;
    memcpy(text, s, n);
    text[n] = '\0';
    if (inet_pton(AF_INET, text, a) == 1) {
        *family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, text, a) != 1)
        return false;
    *family = AF_INET6;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(a, mapped, 12) == 0) {
        memmove(a, a + 12, 4);
        *family = AF_INET;
    }
    return true;
}

static bool trusted(int family, const unsigned char *a)
{
    for (size_t i = 0; i < A.n_proxy; i++)
        if (warta_cidr_contains(&A.proxy[i], family, a))
            return true;
    return false;
}

void warta_access_client(const struct sockaddr *peer, const char *xff,
                         char *out, size_t n)
{
    int family = 0;
    unsigned char a[16] = {0};
    if (peer && peer->sa_family == AF_INET) {
        family = AF_INET;
        memcpy(a, &((const struct sockaddr_in *)(const void *)peer)->sin_addr, 4);
    } else if (peer && peer->sa_family == AF_INET6) {
        char tmp[WARTA_ACCESS_ADDR_SIZE];
        inet_ntop(AF_INET6,
                  &((const struct sockaddr_in6 *)(const void *)peer)->sin6_addr,
                  tmp, sizeof(tmp));
        parse_addr(tmp, strlen(tmp), &family, a);
    }
    if (!family) {
        snprintf(out, n, "unknown");
        return;
    }
    /* From the right: each trusted hop vouches for the address it
     * appended; the first address no trusted proxy owns is the client.
     * Garbage stops the walk at the last hop that could be trusted. */
    if (xff && trusted(family, a)) {
        const char *end = xff + strlen(xff);
        while (end > xff) {
            const char *start = end;
            while (start > xff && start[-1] != ',')
                start--;
            int f;
            unsigned char b[16];
            if (!parse_addr(start, (size_t)(end - start), &f, b))
                break;
            family = f;
            memcpy(a, b, sizeof(b));
            if (!trusted(family, a))
                break;
            end = start > xff ? start - 1 : xff;
        }
    }
    if (!inet_ntop(family, a, out, (socklen_t)n))
        snprintf(out, n, "unknown");
}

/* ---- set-up ------------------------------------------------------------ */

int warta_access_open(const struct warta_config *cfg, char *err, size_t n)
{
    warta_access_close();
    memset(&A, 0, sizeof(A));
    pthread_rwlock_init(&A.keys_lock, NULL);
    A.open = true;
    for (size_t i = 0; i < cfg->trusted_proxy.n; i++) {
        if (warta_cidr_parse(cfg->trusted_proxy.item[i], &A.proxy[i]) < 0) {
            snprintf(err, n, "--trusted-proxy: '%.200s' is not an address "
                     "range (e.g. 10.0.0.0/8 or fd00::/8)",
                     cfg->trusted_proxy.item[i]);
            return -1;
        }
        A.n_proxy++;
    }
    for (size_t i = 0; i < cfg->cors_origin.n; i++) {
        const char *o = cfg->cors_origin.item[i];
        /* An origin is scheme://host[:port], compared byte for byte with
         * the browser's Origin header; a trailing slash or path would
         * never match, so it is refused here rather than ignored. */
        const char *rest = strncmp(o, "https://", 8) == 0 ? o + 8
                           : strncmp(o, "http://", 7) == 0 ? o + 7
                                                           : NULL;
        if (!rest || !*rest || strpbrk(rest, "/?#* \t")) {
            snprintf(err, n, "--cors-origin: '%.200s' is not an origin "
                     "(scheme://host[:port], e.g. https://desk.example.com)", o);
            return -1;
        }
        snprintf(A.origin[A.n_origin++], WARTA_LIST_ITEM, "%s", o);
    }
    A.rate = (double)cfg->rate_limit;
    A.burst = cfg->rate_burst > 0 ? (double)cfg->rate_burst : A.rate;
    if (A.rate > 0) {
        stripes = calloc(RL_STRIPES, sizeof(*stripes));
        if (!stripes)
            abort();
        for (size_t i = 0; i < RL_STRIPES; i++)
            pthread_mutex_init(&stripes[i].mu, NULL);
    }
    if (n_counters == 0) {
        counter_slot("anonymous");
        counter_slot("other");
    }
    snprintf(A.keys_file, sizeof(A.keys_file), "%s", cfg->api_keys_file);
    if (A.keys_file[0]) {
        A.keys = load_keys(A.keys_file, err, n);
        if (!A.keys)
            return -1;
    }
    warta_metrics_set_extra(warta_access_render_metrics);
    return 0;
}

void warta_access_close(void)
{
    if (!A.open)
        return;
    warta_metrics_set_extra(NULL);
    free(A.keys);
    A.keys = NULL;
    pthread_rwlock_destroy(&A.keys_lock);
    if (stripes) {
        for (size_t i = 0; i < RL_STRIPES; i++)
            pthread_mutex_destroy(&stripes[i].mu);
        free(stripes);
        stripes = NULL;
    }
    A.open = false;
}

int warta_access_reload(char *err, size_t n, size_t *n_keys)
{
    *n_keys = 0;
    if (!A.keys_file[0])
        return 0;
    struct keytab *t = load_keys(A.keys_file, err, n);
    if (!t)
        return -1;
    pthread_rwlock_wrlock(&A.keys_lock);
    struct keytab *old = A.keys;
    A.keys = t;
    pthread_rwlock_unlock(&A.keys_lock);
    free(old);
    *n_keys = t->n;
    return 0;
}

void warta_access_render_metrics(FILE *f)
{
    if (A.rate <= 0)
        return;
    fputs("# HELP warta_rate_limited_total Requests refused with 429 "
          "rate-limited, by API key name (anonymous: limited by client "
          "address, without keys).\n"
          "# TYPE warta_rate_limited_total counter\n",
          f);
    pthread_mutex_lock(&counters_mu);
    size_t n = n_counters;
    pthread_mutex_unlock(&counters_mu);
    for (size_t i = 0; i < n; i++) {
        unsigned long long v =
            atomic_load_explicit(&counters[i].limited, memory_order_relaxed);
        /* Without keys only "anonymous" counts; with keys every name
         * (listed from the first scrape) and "other" once it is used. */
        bool show = A.keys_file[0] ? i >= 2 || (i == 1 && v) : i == 0;
        if (show)
            fprintf(f, "warta_rate_limited_total{key=\"%s\"} %llu\n",
                    counters[i].name, v);
    }
}
