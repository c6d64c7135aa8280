/*
 * warta/fetch.h - URL to bytes, safely and asynchronously.
 *
 * One fetcher per process owns a thread that drives every transfer through
 * one libcurl multi handle. Callers submit a URL with a completion callback
 * (called once, on the fetch thread) or fetch synchronously (the CLI).
 * handlers/fetch.c is the only file that includes <curl/curl.h>.
 */
#ifndef WARTA_FETCH_H
#define WARTA_FETCH_H

#include <stddef.h>

#include "warta/config.h"
#include "warta/err.h"

struct warta_fetcher;

struct warta_fetch_result {
    struct warta_error err; /* err.code == WARTA_OK on success */
    char *body;             /* malloc'd raw bytes (content-decoded), NUL-terminated */
    size_t len;
    long http_status;
    char *url, *final_url, *content_type, *charset; /* malloc'd or NULL */
    char fetched_at[40];    /* RFC 3339 UTC */
};

typedef void (*warta_fetch_done_fn)(void *userdata,
                                    struct warta_fetch_result *result);

/* Starts the fetch thread. *out is NULL (and WARTA_OK) when the build has
 * no fetcher configured. */
enum warta_err warta_fetcher_open(struct warta_fetcher **out,
                                  const struct warta_config *cfg,
                                  struct warta_error *err);
/* Cancels transfers in flight (their callbacks run with an error) and
 * joins the thread. Accepts NULL. */
void warta_fetcher_close(struct warta_fetcher *f);

/* Queues a fetch. On WARTA_OK, done() will be called exactly once with a
 * result the callee owns until it calls warta_fetch_result_free(). Fails at
 * once with WARTA_ERR_INVALID_REQUEST (not an http/https URL) or
 * WARTA_ERR_OVERLOADED (--fetch-concurrency reached). */
enum warta_err warta_fetcher_submit(struct warta_fetcher *f, const char *url,
                                    warta_fetch_done_fn done, void *userdata,
                                    struct warta_error *err);

/* Blocking fetch through the same machinery; fills *out (free it). */
enum warta_err warta_fetch_sync(struct warta_fetcher *f, const char *url,
                                struct warta_fetch_result *out);

void warta_fetch_result_free(struct warta_fetch_result *r);

/* Copies a completed fetch into the document: input bytes decoded to
 * UTF-8, kind (html or text) from the content type, source fields. */
struct warta_doc;
enum warta_err warta_fetch_apply(struct warta_doc *doc,
                                 const struct warta_fetch_result *r,
                                 struct warta_error *err);

#endif
