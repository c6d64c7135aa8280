/*
 * warta/req.h - one HTTP request as the handlers see it, without MHD.
 *
 * server/http.c creates a req when a connection delivers a request's first
 * callback, fills method/path/headers/query/body, calls the route's handler
 * and frees the req (arena included) when the response has been sent.
 * Handlers read the request fields and set the response through
 * warta_req_respond*() or return an error code, which the server turns
 * into a problem response.
 *
 * A handler that must wait (a URL fetch) calls warta_req_suspend(), returns
 * WARTA_OK and later, from any thread, calls warta_req_resume(); the server
 * then calls req->resume_handler on a server thread to finish.
 */
#ifndef WARTA_REQ_H
#define WARTA_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warta/arena.h"
#include "warta/buf.h"
#include "warta/err.h"

struct warta_env;

struct warta_kv {
    const char *key, *value;
};

#define WARTA_REQ_MAX_QUERY 32
#define WARTA_REQ_ID_SIZE 64

struct warta_req;
typedef enum warta_err (*warta_handler_fn)(struct warta_req *req);

/* A route that takes its body as it arrives and may answer with a stream
 * (POST /v1/normalize/batch), instead of a handler called once the whole
 * body is in. The server calls begin() when the headers are in (an error
 * refuses the body unread), feed() for each body chunk as it arrives, and
 * end() when the body is complete. end() either fails, sets a whole
 * response (warta_req_respond) or sets req->resp_stream; then read() is
 * called for the body until it returns -1. release() is called once, when
 * the request is over, whatever happened before (also after a failed
 * begin). An error from feed() discards the rest of the body and answers
 * with a problem. */
struct warta_streamer {
    enum warta_err (*begin)(struct warta_req *req);
    enum warta_err (*feed)(struct warta_req *req, const char *p, size_t n);
    enum warta_err (*end)(struct warta_req *req);
    /* Copies up to max bytes of the body into buf and returns the count;
     * returns 0 after calling warta_req_suspend() (the streamer resumes the
     * request when more is ready), or -1 at the end of the body. */
    long (*read)(struct warta_req *req, char *buf, size_t max);
    void (*release)(struct warta_req *req);
};

struct warta_req {
    struct warta_arena arena;
    const struct warta_env *env;
    char id[WARTA_REQ_ID_SIZE];

    const char *method, *path;
    const char *content_type; /* raw header value or NULL */
    const char *accept;
    const char *if_none_match;   /* raw header value or NULL */
    const char *accept_encoding; /* raw header value or NULL */
    struct warta_kv query[WARTA_REQ_MAX_QUERY];
    size_t n_query;
    struct warta_buf body;
    bool body_too_large;

    /* Response, set by a handler. body is heap memory the server frees. */
    int status;
    const char *resp_type;
    char *resp_body;
    size_t resp_len;
    const char *allow; /* for 405 */
    const char *etag;  /* a static validator ("\"hex\""), sent as ETag */
    bool resp_stream;  /* the body comes from the streamer's read() */

    /* Error outcome when a handler (or the server) fails the request. */
    struct warta_error err;

    /* Suspension: set by the handler before suspending; see above. */
    warta_handler_fn resume_handler;
    void *handler_state;
    void (*suspend_cb)(struct warta_req *req); /* set by the server */
    void (*resume_cb)(struct warta_req *req);  /* set by the server */
    bool suspended;

    int64_t start_usec;
};

/* The query parameter's value, or NULL. */
const char *warta_req_query(const struct warta_req *req, const char *key);

/* Takes ownership of body (malloc'd). */
void warta_req_respond(struct warta_req *req, int status, const char *type,
                       char *body, size_t len);

/* Copies a string body. */
void warta_req_respond_str(struct warta_req *req, int status,
                           const char *type, const char *body);

/* Answers with a static body (a copy of data[0..len) is made) and its
 * validator etag ("\"hex\""): 304 when If-None-Match names it (or its gzip
 * variant, "hex-gzip"; the server then sends the headers alone), else 200. */
void warta_req_respond_static(struct warta_req *req, const char *type,
                              const void *data, size_t len, const char *etag);

void warta_req_suspend(struct warta_req *req);
void warta_req_resume(struct warta_req *req);

/* Whether an Accept header admits `media` ("type/sub"): an entry equal to
 * it, a "type/any" range or the any/any range, without q=0. No header (NULL)
 * admits everything. */
bool warta_accepts(const char *accept, const char *media);

/* The media type of Content-Type without parameters, lower-cased into the
 * arena ("text/plain"), and its charset parameter (or NULL). */
const char *warta_req_media_type(struct warta_req *req, const char **charset);

#endif
