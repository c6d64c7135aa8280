/* The problem table: one row per enum warta_err, in enum order. */
#include "warta/err.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *slug, *title;
    int status;
} problems[WARTA_ERR__LAST] = {
    [WARTA_OK] = {"ok", "OK", 200},
    [WARTA_ERR_INVALID_REQUEST] = {"invalid-request", "Invalid request", 400},
    [WARTA_ERR_PAYLOAD_TOO_LARGE] = {"payload-too-large", "Payload too large", 413},
    [WARTA_ERR_UNSUPPORTED_MEDIA] = {"unsupported-media-type", "Unsupported media type", 415},
    [WARTA_ERR_NO_CONTENT] = {"no-article-content", "No article content", 422},
    [WARTA_ERR_NOT_FOUND] = {"not-found", "Not found", 404},
    [WARTA_ERR_METHOD_NOT_ALLOWED] = {"method-not-allowed", "Method not allowed", 405},
    [WARTA_ERR_FETCH_BLOCKED] = {"fetch-blocked", "Fetch blocked", 403},
    [WARTA_ERR_FETCH_FAILED] = {"fetch-failed", "Fetch failed", 502},
    [WARTA_ERR_FETCH_TOO_LARGE] = {"fetch-too-large", "Fetched page too large", 502},
    [WARTA_ERR_FETCH_TIMEOUT] = {"fetch-timeout", "Fetch timed out", 504},
    [WARTA_ERR_OVERLOADED] = {"overloaded", "Overloaded", 503},
    [WARTA_ERR_INTERNAL] = {"internal-error", "Internal error", 500},
    [WARTA_ERR_TOO_COMPLEX] = {"document-too-complex", "Document too complex", 422},
    [WARTA_ERR_NOT_ACCEPTABLE] = {"not-acceptable", "Not acceptable", 406},
    [WARTA_ERR_INDEX_UNAVAILABLE] = {"index-unavailable", "Index unavailable", 503},
    [WARTA_ERR_UNAUTHORIZED] = {"unauthorized", "Unauthorized", 401},
    [WARTA_ERR_RATE_LIMITED] = {"rate-limited", "Rate limited", 429},
};

static int valid(enum warta_err code)
{
    return (int)code >= 0 && code < WARTA_ERR__LAST;
}

const char *warta_err_slug(enum warta_err code)
{
    return valid(code) ? problems[code].slug : "internal-error";
}

const char *warta_err_title(enum warta_err code)
{
    return valid(code) ? problems[code].title : "Internal error";
}

int warta_err_http_status(enum warta_err code)
{
    return valid(code) ? problems[code].status : 500;
}

enum warta_err warta_error_set(struct warta_error *err, enum warta_err code,
                               const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
    va_end(ap);
    return code;
}

void warta_error_clear(struct warta_error *err)
{
    memset(err, 0, sizeof(*err));
}
