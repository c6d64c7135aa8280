/*
 * warta/log.h - JSON-lines logging to stderr, level-gated before formatting.
 *
 * Each line: {"ts":"...","level":"info","event":"...","request_id":"...",
 * "msg":"..."} so container log collectors can parse it as is.
 */
#ifndef WARTA_LOG_H
#define WARTA_LOG_H

#include <stdbool.h>

enum warta_log_level {
    WARTA_LOG_ERROR = 0,
    WARTA_LOG_WARN,
    WARTA_LOG_INFO,
    WARTA_LOG_DEBUG,
};

/* "error" | "warn" | "info" | "debug"; unknown names leave it unchanged. */
void warta_log_set_level(const char *name);
bool warta_log_enabled(enum warta_log_level level);

__attribute__((format(printf, 4, 5)))
void warta_log_write(enum warta_log_level level, const char *event,
                     const char *request_id, const char *fmt, ...);

/* Writes a pre-built JSON object's members as one line, e.g. the access
 * log: members is `"status":200,"path":"/v1/normalize"` without braces. */
void warta_log_raw(enum warta_log_level level, const char *event,
                   const char *members);

/* Buffers info and debug lines (the access log) from here on: each
 * thread's lines are written when its buffer (PIPE_BUF bytes, whole lines)
 * is full, and by a flusher thread every flush_ms, so a line waits at most
 * that long. Warnings and errors are still written at once. flush_ms <= 0
 * leaves every line unbuffered. Returns -1 when the flusher thread cannot
 * start (lines stay unbuffered). Call from the main thread. */
int warta_log_buffer_start(long flush_ms);

/* Writes what is buffered and returns to one write per line; joins the
 * flusher. Call before exit: a buffered line is lost with the process. */
void warta_log_buffer_stop(void);

/* Writes what is buffered now. */
void warta_log_flush(void);

#define WARTA_LOG(level, event, reqid, ...)                                   \
    do {                                                                       \
        if (warta_log_enabled(level))                                          \
            warta_log_write(level, event, reqid, __VA_ARGS__);                 \
    } while (0)

#endif
