/*
 * The fetch stage: a URL to bytes, on one thread that drives every transfer
 * through one curl multi handle, so a slow upstream costs a few bytes of
 * state rather than a server thread. The only file that includes curl.
 *
 * Safety does not depend on parsing the URL right: every socket curl wants
 * to open passes through on_open_socket(), which sees the address the
 * socket would really connect to (after DNS, on every redirect hop) and
 * refuses what fetch/policy.c forbids before any packet is sent.
 */
#include "warta/fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <uchardet/uchardet.h>

#include "fetch/policy.h"
#include "warta/article.h"
#include "warta/log.h"
#include "warta/metrics.h"
#include "warta/stages.h"

/* curl's low-speed window: a transfer slower than --fetch-low-speed for
 * this long is cut, so a byte-a-second upstream cannot pin a slot. */
#define LOW_SPEED_SECONDS 5L
#define POLL_MAX_MS 1000

enum abort_reason {
    ABORT_NONE,
    ABORT_TOO_LARGE, /* body over --fetch-max-bytes */
    ABORT_STATUS,    /* upstream answered with an error status */
    ABORT_MEDIA,     /* upstream content type we cannot normalise */
};

struct transfer {
    struct transfer *prev, *next; /* pending queue, then active list */
    struct warta_fetcher *f;
    CURL *easy;
    char *url;      /* as the caller gave it */
    char *curl_url; /* curl's normalised form, what is fetched */
    warta_fetch_done_fn done;
    void *userdata;
    char *body;
    size_t len, cap;
    bool checked_head; /* status and type looked at (first body bytes) */
    enum abort_reason abort;
    const char *blocked; /* why the latest peer was refused, or NULL */
    char blocked_addr[INET6_ADDRSTRLEN];
    struct timespec start;
    char errbuf[CURL_ERROR_SIZE];
};

struct warta_fetcher {
    struct warta_fetch_options opts;
    struct warta_fetch_policy policy;
    CURLM *multi;
    struct curl_slist *headers; /* shared read-only by every easy handle */
    pthread_t thread;
    pthread_mutex_t lock;
    /* Guarded by lock: */
    struct transfer *pending, *pending_tail;
    long in_flight; /* submitted and not yet completed */
    bool stopping;
    /* Fetch thread only: */
    struct transfer *active;
};

static void *xcheck(void *p)
{
    if (!p)
        abort(); /* curl allocation failure: OOM policy is to abort */
    return p;
}

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e3 +
           (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

/* "text/html; charset=ISO-8859-1" -> "text/html" and "ISO-8859-1",
 * malloc'd; the media type is lower-cased. */
static void split_content_type(const char *ct, char **type, char **charset)
{
    *type = NULL;
    *charset = NULL;
    if (!ct)
        return;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    size_t n = strcspn(ct, "; \t");
    if (n == 0)
        return;
    *type = xcheck(strndup(ct, n));
    for (char *p = *type; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    const char *p = ct + n;
    while ((p = strchr(p, ';')) != NULL) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "charset=", 8) != 0)
            continue;
        p += 8;
        bool quoted = *p == '"';
        if (quoted)
            p++;
        size_t k = strcspn(p, quoted ? "\"" : "; \t");
        if (k && k < 64)
            *charset = xcheck(strndup(p, k));
        break;
    }
}

/* Media types the clean stage can read; NULL (not declared) is sniffed. */
static bool media_supported(const char *type)
{
    return !type || !strncmp(type, "text/", 5) ||
           !strcmp(type, "application/xhtml+xml");
}

static curl_socket_t on_open_socket(void *clientp, curlsocktype purpose,
                                    struct curl_sockaddr *a)
{
    struct transfer *t = clientp;
    (void)purpose;
    const char *why = warta_fetch_policy_check(&t->f->policy, &a->addr,
                                               a->addrlen);
    if (why) {
        t->blocked = why;
        const void *raw = NULL;
        if (a->addr.sa_family == AF_INET)
            raw = &((const struct sockaddr_in *)(const void *)&a->addr)->sin_addr;
        else if (a->addr.sa_family == AF_INET6)
            raw = &((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_addr;
        if (!raw || !inet_ntop(a->addr.sa_family, raw, t->blocked_addr,
                               sizeof(t->blocked_addr)))
            snprintf(t->blocked_addr, sizeof(t->blocked_addr), "?");
        return CURL_SOCKET_BAD;
    }
    /* The verdict that counts is the latest: a refused ::1 followed by an
     * allowed 127.0.0.1 that then fails is a connect failure, while a
     * redirect hop refused after an allowed first hop is a block. */
    t->blocked = NULL;
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* The first body bytes tell the final status and type: an error page or
 * a PDF is refused before it is buffered. */
static bool head_acceptable(struct transfer *t)
{
    long status = 0;
    char *ct = NULL;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        t->abort = ABORT_STATUS;
        return false;
    }
    curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
    char *type, *charset;
    split_content_type(ct, &type, &charset);
    bool ok = media_supported(type);
    free(type);
    free(charset);
    if (!ok)
        t->abort = ABORT_MEDIA;
    return ok;
}

/* Body bytes arrive content-decoded (gzip, deflate, br), so the cap holds
 * for what is inflated: a bomb stops at --fetch-max-bytes. */
static size_t on_body(char *p, size_t size, size_t nmemb, void *userdata)
{
    struct transfer *t = userdata;
    size_t n = size * nmemb;
    if (!t->checked_head) {
        t->checked_head = true;
        if (!head_acceptable(t))
            return 0;
    }
    size_t max = t->f->opts.max_bytes;
    if (n > max - t->len) {
        t->abort = ABORT_TOO_LARGE;
        return 0;
    }
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64 * 1024;
        while (cap < t->len + n + 1)
            cap *= 2;
        if (cap > max + 1)
            cap = max + 1;
        t->body = warta_xrealloc(t->body, cap);
        t->cap = cap;
    }
    memcpy(t->body + t->len, p, n);
    t->len += n;
    return n;
}

static void start_transfer(struct warta_fetcher *f, struct transfer *t)
{
    const struct warta_fetch_options *o = &f->opts;
    CURL *e = xcheck(curl_easy_init());
    t->easy = e;
    clock_gettime(CLOCK_MONOTONIC, &t->start);
    curl_easy_setopt(e, CURLOPT_URL, t->curl_url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, o->max_redirects);
    /* In-memory cookies for this transfer only: news sites that set a
     * cookie and redirect back would otherwise loop. Nothing is shared
     * between fetches. */
    curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
    /* A proxy from the environment would make the proxy the peer the
     * address check sees; fetches always go direct. */
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT,
                     (long)(o->low_speed_bps > 0x7fffffff
                                ? 0x7fffffff
                                : o->low_speed_bps));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, LOW_SPEED_SECONDS);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                     (curl_off_t)o->max_bytes);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, f->headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    t->prev = NULL;
    t->next = f->active;
    if (f->active)
        f->active->prev = t;
    f->active = t;
    warta_metrics_fetch_add(1);
    curl_multi_add_handle(f->multi, e);
}

static void format_now(char *out, size_t n)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Turns a finished transfer into the caller's result: the one place where
 * curl's outcomes become the service's error codes. */
static void build_result(struct warta_fetcher *f, struct transfer *t,
                         CURLcode cc, struct warta_fetch_result *r)
{
    const struct warta_fetch_options *o = &f->opts;
    struct warta_error *err = &r->err;
    memset(r, 0, sizeof(*r));
    warta_error_clear(err);
    long status = 0;
    char *eff = NULL, *ct = NULL;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
    curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
    r->http_status = status;
    r->url = warta_xstrdup(t->url);
    r->final_url = warta_xstrdup(eff ? eff : t->curl_url);
    split_content_type(ct, &r->content_type, &r->charset);
    format_now(r->fetched_at, sizeof(r->fetched_at));
    double ms = elapsed_ms(&t->start);

    if (t->abort == ABORT_TOO_LARGE || cc == CURLE_FILESIZE_EXCEEDED) {
        warta_error_set(err, WARTA_ERR_FETCH_TOO_LARGE,
                        "the page is larger than %zu bytes once decoded "
                        "(--fetch-max-bytes)", o->max_bytes);
    } else if (t->blocked && cc == CURLE_COULDNT_CONNECT) {
        /* The address itself stays in the log: echoing what an internal
         * name resolves to would map the private network for a caller. */
        warta_error_set(err, WARTA_ERR_FETCH_BLOCKED,
                        "%.200s leads to a %s address, which may not be "
                        "fetched (an operator can allow a range with "
                        "--fetch-allow-cidr)", eff ? eff : t->url, t->blocked);
        WARTA_LOG(WARTA_LOG_INFO, "fetch-blocked", NULL,
                  "%.200s: refused to connect to %s (%s)", eff ? eff : t->url,
                  t->blocked_addr, t->blocked);
    } else if (cc == CURLE_OPERATION_TIMEDOUT) {
        if (ms + 50 >= (double)o->timeout_ms)
            warta_error_set(err, WARTA_ERR_FETCH_TIMEOUT,
                            "the page did not arrive within %ld ms "
                            "(--fetch-timeout)", o->timeout_ms);
        else if (status == 0)
            warta_error_set(err, WARTA_ERR_FETCH_TIMEOUT,
                            "the upstream did not start answering within "
                            "%ld s (--fetch-low-speed)", LOW_SPEED_SECONDS);
        else
            warta_error_set(err, WARTA_ERR_FETCH_TIMEOUT,
                            "the upstream sent less than %zu bytes per second "
                            "for %ld s (--fetch-low-speed)",
                            o->low_speed_bps, LOW_SPEED_SECONDS);
    } else if (t->abort == ABORT_STATUS ||
               (cc == CURLE_OK && (status < 200 || status > 299))) {
        warta_error_set(err, WARTA_ERR_FETCH_FAILED,
                        "the upstream answered HTTP %ld for %.200s", status,
                        eff ? eff : t->url);
    } else if (t->abort == ABORT_MEDIA ||
               (cc == CURLE_OK && !media_supported(r->content_type))) {
        warta_error_set(err, WARTA_ERR_UNSUPPORTED_MEDIA,
                        "the page is %.100s; only HTML and text pages can be "
                        "normalized", r->content_type);
    } else if (cc == CURLE_TOO_MANY_REDIRECTS) {
        warta_error_set(err, WARTA_ERR_FETCH_FAILED,
                        "more than %ld redirects (--fetch-max-redirects); the "
                        "last answer was HTTP %ld", o->max_redirects,
                        status);
    } else if (cc == CURLE_UNSUPPORTED_PROTOCOL) {
        warta_error_set(err, WARTA_ERR_FETCH_FAILED,
                        "the upstream redirected (HTTP %ld) to a URL that is "
                        "not http or https", status);
    } else if (cc == CURLE_COULDNT_RESOLVE_HOST) {
        warta_error_set(err, WARTA_ERR_FETCH_FAILED,
                        "cannot resolve the host of %.200s", t->url);
    } else if (cc != CURLE_OK) {
        warta_error_set(err, WARTA_ERR_FETCH_FAILED,
                        "cannot fetch %.200s: %s", eff ? eff : t->url,
                        curl_easy_strerror(cc));
    } else {
        /* Success: the buffer moves into the result. */
        r->body = t->body ? t->body : warta_xmalloc(1);
        r->body[t->len] = '\0';
        r->len = t->len;
        t->body = NULL;
    }
    if (err->code != WARTA_OK)
        err->stage = "fetch";
    if (warta_log_enabled(WARTA_LOG_DEBUG))
        WARTA_LOG(WARTA_LOG_DEBUG, "fetch", NULL,
                  "%.200s: HTTP %ld, %zu bytes, %.0f ms, curl %d %s", t->url,
                  status, t->len, ms, (int)cc,
                  t->errbuf[0] ? t->errbuf : curl_easy_strerror(cc));
}

static void transfer_free(struct transfer *t)
{
    if (t->easy)
        curl_easy_cleanup(t->easy);
    free(t->url);
    free(t->curl_url);
    free(t->body);
    free(t);
}

/* Hands the result over; a slot frees before done() so a caller woken by
 * it can submit again at once. */
static void complete(struct warta_fetcher *f, struct transfer *t,
                     struct warta_fetch_result *r)
{
    pthread_mutex_lock(&f->lock);
    f->in_flight--;
    pthread_mutex_unlock(&f->lock);
    t->done(t->userdata, r);
    transfer_free(t);
}

static void unlink_active(struct warta_fetcher *f, struct transfer *t)
{
    warta_metrics_fetch_add(-1);
    if (t->prev)
        t->prev->next = t->next;
    else
        f->active = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->prev = t->next = NULL;
}

static void finish_done(struct warta_fetcher *f)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *e = msg->easy_handle;
        CURLcode cc = msg->data.result;
        char *priv = NULL;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &priv);
        struct transfer *t = (struct transfer *)(void *)priv;
        struct warta_fetch_result r;
        build_result(f, t, cc, &r);
        curl_multi_remove_handle(f->multi, e);
        unlink_active(f, t);
        complete(f, t, &r);
    }
}

static void fail_transfer(struct warta_fetcher *f, struct transfer *t,
                          const char *why)
{
    struct warta_fetch_result r;
    memset(&r, 0, sizeof(r));
    warta_error_set(&r.err, WARTA_ERR_OVERLOADED, "%s", why);
    r.err.stage = "fetch";
    r.url = warta_xstrdup(t->url);
    format_now(r.fetched_at, sizeof(r.fetched_at));
    complete(f, t, &r);
}

static void *fetch_thread(void *arg)
{
    struct warta_fetcher *f = arg;
    for (;;) {
        pthread_mutex_lock(&f->lock);
        struct transfer *q = f->pending;
        f->pending = f->pending_tail = NULL;
        bool stop = f->stopping;
        pthread_mutex_unlock(&f->lock);
        while (q) {
            struct transfer *next = q->next;
            if (stop)
                fail_transfer(f, q, "the service is shutting down");
            else
                start_transfer(f, q);
            q = next;
        }
        if (stop)
            break;
        int running = 0;
        curl_multi_perform(f->multi, &running);
        finish_done(f);
        /* Sleeps until a socket is ready, curl's next timeout, or a
         * submission's curl_multi_wakeup(). */
        curl_multi_poll(f->multi, NULL, 0, POLL_MAX_MS, NULL);
    }
    while (f->active) {
        struct transfer *t = f->active;
        curl_multi_remove_handle(f->multi, t->easy);
        unlink_active(f, t);
        fail_transfer(f, t, "the service is shutting down");
    }
    return NULL;
}

void warta_fetch_options_from_config(struct warta_fetch_options *o,
                                     const struct warta_config *cfg)
{
    memset(o, 0, sizeof(*o));
    o->timeout_ms = cfg->fetch_timeout_ms;
    o->max_bytes = cfg->fetch_max_bytes;
    o->max_redirects = cfg->fetch_max_redirects;
    o->concurrency = cfg->fetch_concurrency;
    o->low_speed_bps = cfg->fetch_low_speed_bps;
    memcpy(o->user_agent, cfg->fetch_user_agent, sizeof(o->user_agent));
    memcpy(o->allow_cidr, cfg->fetch_allow_cidr, sizeof(o->allow_cidr));
    o->n_allow_cidr = cfg->n_fetch_allow_cidr;
}

enum warta_err warta_fetcher_open(struct warta_fetcher **out,
                                  const struct warta_fetch_options *opts,
                                  struct warta_error *err)
{
    *out = NULL;
    struct warta_fetcher *f = warta_xcalloc(1, sizeof(*f));
    f->opts = *opts;
    const char *bad = NULL;
    if (warta_fetch_policy_init(&f->policy, opts, &bad) < 0) {
        free(f);
        return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                               "--fetch-allow-cidr: '%.64s' is not an address "
                               "range such as 10.0.0.0/8, 127.0.0.1/32 or "
                               "fd00::/8", bad);
    }
    /* Once per process, before any thread: curl_global_init is not
     * thread-safe. A second fetcher (tests) just adds a reference. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(f);
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "libcurl failed to initialise");
    }
    curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    if (v->version_num < 0x075500) { /* PROTOCOLS_STR: 7.85.0 */
        curl_global_cleanup();
        free(f);
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "libcurl %s is too old (7.85 or later needed)",
                               v->version);
    }
    f->multi = xcheck(curl_multi_init());
    f->headers = xcheck(curl_slist_append(
        NULL, "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,"
              "*/*;q=0.1"));
    pthread_mutex_init(&f->lock, NULL);
    int prc = pthread_create(&f->thread, NULL, fetch_thread, f);
    if (prc != 0) {
        pthread_mutex_destroy(&f->lock);
        curl_slist_free_all(f->headers);
        curl_multi_cleanup(f->multi);
        curl_global_cleanup();
        free(f);
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "cannot start the fetch thread: %s",
                               strerror(prc));
    }
    *out = f;
    return WARTA_OK;
}

void warta_fetcher_close(struct warta_fetcher *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    f->stopping = true;
    pthread_mutex_unlock(&f->lock);
    curl_multi_wakeup(f->multi);
    pthread_join(f->thread, NULL);
    pthread_mutex_destroy(&f->lock);
    curl_slist_free_all(f->headers);
    curl_multi_cleanup(f->multi);
    curl_global_cleanup();
    free(f);
}

/* Only absolute http(s) URLs with a host; returns curl's normalised
 * form (malloc'd) or NULL with err set. */
static char *check_url(const char *url, struct warta_error *err)
{
    CURLU *u = xcheck(curl_url());
    char *scheme = NULL, *host = NULL, *norm = NULL;
    CURLUcode uc = curl_url_set(u, CURLUPART_URL, url, 0);
    if (uc != CURLUE_OK) {
        warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                        "'%.200s' is not a valid absolute URL (%s)", url,
                        curl_url_strerror(uc));
        goto out;
    }
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    if (!scheme || (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
        warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                        "only http and https URLs can be fetched, not "
                        "'%.32s:'", scheme ? scheme : "");
        goto out;
    }
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host ||
        !*host) {
        warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                        "'%.200s' has no host", url);
        goto out;
    }
    char *tmp = NULL;
    if (curl_url_get(u, CURLUPART_URL, &tmp, 0) != CURLUE_OK || !tmp) {
        warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                        "'%.200s' is not a valid absolute URL", url);
        goto out;
    }
    norm = warta_xstrdup(tmp);
    curl_free(tmp);
out:
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return norm;
}

enum warta_err warta_fetcher_submit(struct warta_fetcher *f, const char *url,
                                    warta_fetch_done_fn done, void *userdata,
                                    struct warta_error *err)
{
    if (!f)
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "fetching is not available in this process");
    char *norm = check_url(url, err);
    if (!norm)
        return WARTA_ERR_INVALID_REQUEST;
    struct transfer *t = warta_xcalloc(1, sizeof(*t));
    t->f = f;
    t->url = warta_xstrdup(url);
    t->curl_url = norm;
    t->done = done;
    t->userdata = userdata;

    pthread_mutex_lock(&f->lock);
    bool full = f->in_flight >= f->opts.concurrency;
    bool stopping = f->stopping;
    if (!full && !stopping) {
        f->in_flight++;
        if (f->pending_tail)
            f->pending_tail->next = t;
        else
            f->pending = t;
        f->pending_tail = t;
    }
    pthread_mutex_unlock(&f->lock);
    if (full || stopping) {
        transfer_free(t);
        if (stopping)
            return warta_error_set(err, WARTA_ERR_OVERLOADED,
                                   "the service is shutting down");
        return warta_error_set(err, WARTA_ERR_OVERLOADED,
                               "%ld fetches are already in flight "
                               "(--fetch-concurrency); retry shortly",
                               f->opts.concurrency);
    }
    curl_multi_wakeup(f->multi);
    return WARTA_OK;
}

struct sync_wait {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done;
    struct warta_fetch_result *out;
};

static void sync_done(void *userdata, struct warta_fetch_result *r)
{
    struct sync_wait *w = userdata;
    pthread_mutex_lock(&w->lock);
    *w->out = *r;
    w->done = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

enum warta_err warta_fetch_sync(struct warta_fetcher *f, const char *url,
                                struct warta_fetch_result *out)
{
    memset(out, 0, sizeof(*out));
    warta_error_clear(&out->err);
    struct sync_wait w = {.done = false, .out = out};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.cond, NULL);
    enum warta_err rc = warta_fetcher_submit(f, url, sync_done, &w, &out->err);
    if (rc == WARTA_OK) {
        pthread_mutex_lock(&w.lock);
        while (!w.done)
            pthread_cond_wait(&w.cond, &w.lock);
        pthread_mutex_unlock(&w.lock);
        rc = out->err.code;
    } else {
        out->err.stage = "fetch";
    }
    pthread_cond_destroy(&w.cond);
    pthread_mutex_destroy(&w.lock);
    return rc;
}

void warta_fetch_result_free(struct warta_fetch_result *r)
{
    if (!r)
        return;
    free(r->body);
    free(r->url);
    free(r->final_url);
    free(r->content_type);
    free(r->charset);
    r->body = r->url = r->final_url = r->content_type = r->charset = NULL;
    r->len = 0;
}

enum warta_err warta_fetch_run(struct warta_doc *doc,
                               struct warta_fetcher *fetcher,
                               struct warta_error *err)
{
    if (doc->kind != WARTA_INPUT_URL)
        return WARTA_OK;
    if (!fetcher)
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "fetching is not available in this process");
    struct warta_fetch_result r;
    warta_fetch_sync(fetcher, doc->source.url, &r);
    enum warta_err rc = warta_fetch_take(doc, &r, -1, err);
    warta_fetch_result_free(&r);
    return rc;
}

enum warta_err warta_fetch_take(struct warta_doc *doc,
                                const struct warta_fetch_result *r,
                                int64_t usec, struct warta_error *err)
{
    enum warta_err rc = r->err.code;
    if (rc != WARTA_OK) {
        if (err) {
            *err = r->err;
            err->stage = "fetch";
        }
    } else {
        rc = warta_fetch_apply(doc, r, err);
    }
    if (usec >= 0 && doc->n_timings < WARTA_MAX_STAGES) {
        doc->timings[doc->n_timings].stage = "fetch";
        doc->timings[doc->n_timings].usec = usec;
        doc->n_timings++;
    }
    return rc;
}

static bool valid_utf8(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t k;
        unsigned min;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            k = 1, min = 0x80, cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            k = 2, min = 0x800, cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            k = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= k)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + j] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

/* A text/plain page that names no charset: BOM, then UTF-8 if the bytes
 * are valid UTF-8, then uchardet's guess, then windows-1252, which decodes
 * every byte (the WHATWG default for undeclared Western pages). */
static const char *text_charset(struct warta_arena *a, const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
        return "UTF-8";
    if (n >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe)))
        return "UTF-16"; /* iconv reads the BOM for the byte order */
    if (valid_utf8(u, n))
        return "UTF-8";
    const char *cs = "WINDOWS-1252";
    uchardet_t ud = uchardet_new();
    if (ud) {
        if (uchardet_handle_data(ud, p, n) == 0) {
            uchardet_data_end(ud);
            const char *guess = uchardet_get_charset(ud);
            /* ASCII cannot be right for bytes that were not UTF-8. */
            if (guess && *guess && strcasecmp(guess, "ASCII") != 0)
                cs = warta_arena_strdup(a, guess);
        }
        uchardet_delete(ud);
    }
    return cs;
}

enum warta_err warta_fetch_apply(struct warta_doc *doc,
                                 const struct warta_fetch_result *r,
                                 struct warta_error *err)
{
    struct warta_arena *a = doc->arena;
    if (r->url)
        doc->source.url = warta_arena_strdup(a, r->url);
    doc->source.final_url = r->final_url ? warta_arena_strdup(a, r->final_url) : NULL;
    doc->source.http_status = r->http_status;
    doc->source.content_type =
        r->content_type ? warta_arena_strdup(a, r->content_type) : NULL;
    doc->source.fetched_at = warta_arena_strdup(a, r->fetched_at);
    if (!doc->base_url && doc->source.final_url)
        doc->base_url = doc->source.final_url;

    const char *type = r->content_type;
    const char *body = r->body ? r->body : "";
    enum warta_input_kind kind;
    if (!type)
        kind = warta_sniff_kind(body, r->len);
    else if (!strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml"))
        kind = WARTA_INPUT_HTML;
    else if (!strncmp(type, "text/", 5))
        kind = WARTA_INPUT_TEXT;
    else
        return warta_error_set(err, WARTA_ERR_UNSUPPORTED_MEDIA,
                               "the page is %.100s; only HTML and text pages "
                               "can be normalized", type);
    const char *charset = r->charset;
    if (kind == WARTA_INPUT_TEXT && !charset)
        charset = text_charset(a, body, r->len);
    /* HTML keeps its bytes and the header's charset (or none): the clean
     * stage weighs it against the BOM and <meta>. */
    enum warta_err rc = warta_doc_from_bytes(doc, kind, charset, body, r->len, err);
    if (rc == WARTA_ERR_UNSUPPORTED_MEDIA && kind == WARTA_INPUT_TEXT &&
        r->charset) {
        /* A label iconv does not know: read the page as if it had none,
         * as browsers do, rather than refuse it. */
        warta_error_clear(err);
        warta_doc_warn(doc, "unknown-charset-label");
        rc = warta_doc_from_bytes(doc, kind, text_charset(a, body, r->len),
                                  body, r->len, err);
    }
    return rc;
}
