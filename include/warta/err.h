/*
 * warta/err.h - the one error enum of the service and its problem table.
 *
 * Every failure a user can see maps to exactly one code here, and each code
 * to one HTTP status and one stable RFC 9457 `type` slug (listed again in
 * openapi.yaml). Numbers are never reused; append before WARTA_ERR__LAST.
 */
#ifndef WARTA_ERR_H
#define WARTA_ERR_H

#include <stdarg.h>

enum warta_err {
    WARTA_OK = 0,                      /* 0 */
    WARTA_ERR_INVALID_REQUEST = 1,     /* 1: 400 malformed body/query */
    WARTA_ERR_PAYLOAD_TOO_LARGE = 2,   /* 2: 413 body over --max-body */
    WARTA_ERR_UNSUPPORTED_MEDIA = 3,   /* 3: 415 content type we cannot read */
    WARTA_ERR_NO_CONTENT = 4,          /* 4: 422 nothing article-like found */
    WARTA_ERR_NOT_FOUND = 5,           /* 5: 404 unknown route */
    WARTA_ERR_METHOD_NOT_ALLOWED = 6,  /* 6: 405 route exists, method not */
    WARTA_ERR_FETCH_BLOCKED = 7,       /* 7: 403 address not allowed */
    WARTA_ERR_FETCH_FAILED = 8,        /* 8: 502 upstream error */
    WARTA_ERR_FETCH_TOO_LARGE = 9,     /* 9: 502 upstream body over cap */
    WARTA_ERR_FETCH_TIMEOUT = 10,      /* 10: 504 upstream too slow */
    WARTA_ERR_OVERLOADED = 11,         /* 11: 503 a capacity cap was hit */
    WARTA_ERR_INTERNAL = 12,           /* 12: 500 a bug; details only logged */
    WARTA_ERR_TOO_COMPLEX = 13,        /* 13: 422 document over node/depth caps */
    WARTA_ERR_NOT_ACCEPTABLE = 14,     /* 14: 406 Accept excludes the format */
    WARTA_ERR_INDEX_UNAVAILABLE = 15,  /* 15: 503 dedupe index unreachable */
    WARTA_ERR_UNAUTHORIZED = 16,       /* 16: 401 API key missing or wrong */
    WARTA_ERR_RATE_LIMITED = 17,       /* 17: 429 over --rate-limit */
    WARTA_ERR__LAST /* never use! */
};

#define WARTA_ERROR_DETAIL_SIZE 256

/* Travels from the failing stage to the reply; fixed size, no allocation. */
struct warta_error {
    enum warta_err code;
    const char *stage;  /* static name of the failing stage, or NULL */
    char detail[WARTA_ERROR_DETAIL_SIZE]; /* what the user can fix */
};

/* Stable slug for problem `type` (e.g. "invalid-request"). */
const char *warta_err_slug(enum warta_err code);
/* Short human title for problem `title`. */
const char *warta_err_title(enum warta_err code);
int warta_err_http_status(enum warta_err code);

/* Records code and a printf detail; returns code so callers can
 * `return warta_error_set(err, ...)`. err may be NULL. */
__attribute__((format(printf, 3, 4)))
enum warta_err warta_error_set(struct warta_error *err, enum warta_err code,
                               const char *fmt, ...);

void warta_error_clear(struct warta_error *err);

#endif
