/* JSON-lines logger; see include/warta/log.h. */
#include "warta/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

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

static void emit(enum warta_log_level level, const char *event,
                 const char *body)
{
    char ts[40];
    size_t ts_len = timestamp(ts);
    /* One write(2) per line, built on the stack: lines from different
     * threads never interleave, and no stdio lock is shared between the
     * workers on every request. */
    char line[4096];
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
    const char *p = line;
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
