/* JSON-lines logger; see include/warta/log.h. */
#include "warta/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "warta/thread.h"

static enum warta_log_level current_level = WARTA_LOG_INFO;
static const char *const level_names[] = {"error", "warn", "info", "debug"};

void warta_log_set_level(const char *name)
{
    for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
        if (strcmp(name, level_names[i]) == 0)
            current_level = (enum warta_log_level)i;
}

bool warta_log_enabled(enum warta_log_level level)
{
    return level <= current_level;
}

/* "2026-11-28T13:19:55.123Z" into out (at least 25 bytes); returns its
 * length. The part up to the seconds is formatted once per second per
 * thread: an access line per request made gmtime and strftime a visible
 * share of a request. */
static size_t timestamp(char *out)
{
    static _Thread_local time_t cached_sec = -1;
    static _Thread_local char cached[24];
    static _Thread_local size_t cached_len;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (tv.tv_sec != cached_sec) {
        struct tm tm;
        gmtime_r(&tv.tv_sec, &tm);
        cached_len = strftime(cached, sizeof(cached), "%Y-%m-%dT%H:%M:%S", &tm);
        cached_sec = tv.tv_sec;
    }
    memcpy(out, cached, cached_len);
    int ms = (int)(tv.tv_usec / 1000);
    char *p = out + cached_len;
    *p++ = '.';
    *p++ = (char)('0' + ms / 100);
    *p++ = (char)('0' + ms / 10 % 10);
    *p++ = (char)('0' + ms % 10);
    *p++ = 'Z';
    *p = '\0';
    return (size_t)(p - out);
}

/* Appends n bytes of s to line[*k..cap), as far as they fit. */
static void append(char *line, size_t *k, size_t cap, const char *s, size_t n)
{
    if (n > cap - *k)
        n = cap - *k;
    memcpy(line + *k, s, n);
    *k += n;
}

/* Appends s to out as the inside of a JSON string. */
static size_t json_escape(char *out, size_t cap, const char *s)
{
    size_t k = 0;
    for (; *s && k + 7 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            out[k++] = '\\';
            out[k++] = (char)c;
        } else if (c < 0x20) {
            k += (size_t)snprintf(out + k, cap - k, "\\u%04x", c);
        } else {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
    return k;
}

static void write_all(const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(STDERR_FILENO, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        len -= (size_t)w;
    }
}

/* Buffered info lines. One write(2) per request line cost about a tenth of
 * the service's throughput on the seed article (eight interleaved rounds:
 * 24.9k against 28.1k req/s, 48.1 against 42.9 us of server CPU per
 * request), so while buffering is on (warta serve) info
 * and debug lines collect in per-thread buffers, written when full and
 * by a flusher thread every flush interval. Warnings and errors are
 * written at once. A buffer holds at most PIPE_BUF bytes of whole lines,
 * so each write of it stays atomic on a pipe (a container's stderr) and
 * lines from different threads never interleave. */
#define LOG_LINE_MAX 4096 /* PIPE_BUF on Linux */
#define LOG_SHARDS 16

struct log_shard {
    pthread_mutex_t lock;
    size_t len;
    char buf[LOG_LINE_MAX];
} __attribute__((aligned(64)));

static struct log_shard shards[LOG_SHARDS];
/* Their locks are initialised: set once, by the main thread, before
 * `buffering`; read by warta_log_flush from any thread (out of memory). */
static atomic_bool shards_ready;
static atomic_bool buffering;
static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    long interval_ms;
    bool stop, running;
} flusher = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void shard_flush_locked(struct log_shard *s)
{
    write_all(s->buf, s->len);
    s->len = 0;
}

static void buffer_line(const char *line, size_t len)
{
    struct log_shard *s = &shards[warta_thread_number() % LOG_SHARDS];
    pthread_mutex_lock(&s->lock);
    if (s->len + len > sizeof(s->buf))
        shard_flush_locked(s);
    memcpy(s->buf + s->len, line, len);
    s->len += len;
    /* Buffering went off while this line was on its way: the last flush
     * may already have passed this shard. */
    if (!atomic_load_explicit(&buffering, memory_order_acquire))
        shard_flush_locked(s);
    pthread_mutex_unlock(&s->lock);
}

void warta_log_flush(void)
{
    if (!atomic_load_explicit(&shards_ready, memory_order_acquire))
        return;
    for (size_t i = 0; i < LOG_SHARDS; i++) {
        pthread_mutex_lock(&shards[i].lock);
        if (shards[i].len)
            shard_flush_locked(&shards[i]);
        pthread_mutex_unlock(&shards[i].lock);
    }
}

static void *flusher_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&flusher.lock);
    while (!flusher.stop) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += flusher.interval_ms / 1000;
        until.tv_nsec += flusher.interval_ms % 1000 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!flusher.stop &&
               pthread_cond_timedwait(&flusher.wake, &flusher.lock, &until) == 0)
            ;
        pthread_mutex_unlock(&flusher.lock);
        warta_log_flush();
        pthread_mutex_lock(&flusher.lock);
    }
    pthread_mutex_unlock(&flusher.lock);
    return NULL;
}

int warta_log_buffer_start(long flush_ms)
{
    if (flush_ms <= 0 || flusher.running)
        return 0;
    if (!atomic_load_explicit(&shards_ready, memory_order_relaxed)) {
        for (size_t i = 0; i < LOG_SHARDS; i++)
            pthread_mutex_init(&shards[i].lock, NULL);
        atomic_store_explicit(&shards_ready, true, memory_order_release);
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&flusher.wake, &attr);
    pthread_condattr_destroy(&attr);
    flusher.interval_ms = flush_ms;
    flusher.stop = false;
    if (pthread_create(&flusher.thread, NULL, flusher_main, NULL) != 0) {
        pthread_cond_destroy(&flusher.wake);
        return -1;
    }
    flusher.running = true;
    atomic_store_explicit(&buffering, true, memory_order_release);
    return 0;
}

void warta_log_buffer_stop(void)
{
    if (!flusher.running)
        return;
    atomic_store_explicit(&buffering, false, memory_order_release);
    pthread_mutex_lock(&flusher.lock);
    flusher.stop = true;
    pthread_cond_signal(&flusher.wake);
    pthread_mutex_unlock(&flusher.lock);
    pthread_join(flusher.thread, NULL);
    pthread_cond_destroy(&flusher.wake);
    flusher.running = false;
    /* A line a worker was buffering as buffering went off is in its
     * shard by now or written directly; either way this writes it. */
    warta_log_flush();
}

static void emit(enum warta_log_level level, const char *event,
                 const char *body)
{
    char ts[40];
    size_t ts_len = timestamp(ts);
    /* Built whole on the stack, then written in one write(2) or buffered
     * whole: lines from different threads never interleave, and no stdio
     * lock is shared between the workers on every request. */
    char line[LOG_LINE_MAX];
    size_t len = 0, cap = sizeof(line);
#define PART(s, n) append(line, &len, cap, s, n)
#define LIT(s) PART(s, sizeof(s) - 1)
    LIT("{\"ts\":\"");
    PART(ts, ts_len);
    LIT("\",\"level\":\"");
    PART(level_names[level], strlen(level_names[level]));
    LIT("\",\"event\":\"");
    PART(event, strlen(event));
    LIT("\"");
    if (*body) {
        LIT(",");
        PART(body, strlen(body));
    }
    LIT("}\n");
#undef LIT
#undef PART
    line[len - 1] = '\n'; /* a truncated line still ends */
    if (level >= WARTA_LOG_INFO &&
        atomic_load_explicit(&buffering, memory_order_acquire))
        buffer_line(line, len);
    else
        write_all(line, len);
}

void warta_log_write(enum warta_log_level level, const char *event,
                     const char *request_id, const char *fmt, ...)
{
    char msg[1024], esc_msg[2048], esc_id[160], body[2400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    json_escape(esc_msg, sizeof(esc_msg), msg);
    if (request_id) {
        json_escape(esc_id, sizeof(esc_id), request_id);
        snprintf(body, sizeof(body), "\"request_id\":\"%s\",\"msg\":\"%s\"",
                 esc_id, esc_msg);
    } else {
        snprintf(body, sizeof(body), "\"msg\":\"%s\"", esc_msg);
    }
    emit(level, event, body);
}

void warta_log_raw(enum warta_log_level level, const char *event,
                   const char *members)
{
    if (warta_log_enabled(level))
        emit(level, event, members);
}
