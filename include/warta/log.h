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

#define WARTA_LOG(level, event, reqid, ...)                                   \
    do {                                                                       \
        if (warta_log_enabled(level))                                          \
            warta_log_write(level, event, reqid, __VA_ARGS__);                 \
    } while (0)

#endif
