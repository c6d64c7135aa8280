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

static void timestamp(char *out, size_t n)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    size_t k = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + k, n - k, ".%03dZ", (int)(tv.tv_usec / 1000));
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
    timestamp(ts, sizeof(ts));
    /* One write(2) per line, built on the stack: lines from different
     * threads never interleave, and no stdio lock is shared between the
     * workers on every request. */
    char line[4096];
    int n = snprintf(line, sizeof(line),
                     "{\"ts\":\"%s\",\"level\":\"%s\",\"event\":\"%s\"%s%s}\n",
                     ts, level_names[level], event, *body ? "," : "", body);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
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
