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

struct warta_req {
    struct warta_arena arena;
    const struct warta_env *env;
    char id[WARTA_REQ_ID_SIZE];

    const char *method, *path;
    const char *content_type; /* raw header value or NULL */
    const char *accept;
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

void warta_req_suspend(struct warta_req *req);
void warta_req_resume(struct warta_req *req);

/* The media type of Content-Type without parameters, lower-cased into the
 * arena ("text/plain"), and its charset parameter (or NULL). */
const char *warta_req_media_type(struct warta_req *req, const char **charset);

#endif
