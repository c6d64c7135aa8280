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
#include <stdint.h>

#include "warta/config.h"
#include "warta/err.h"

struct warta_fetcher;

struct warta_fetch_result {
    struct warta_error err; /* err.code == WARTA_OK on success */
    char *body;             /* malloc'd raw bytes (content-decoded), NUL-terminated */
    size_t len;
    long http_status;       /* of the last response; 0 when none came */
    /* malloc'd or NULL. content_type is the media type alone, lower-cased
     * ("text/html"); charset is its charset parameter as sent. */
    char *url, *final_url, *content_type, *charset;
    char fetched_at[40];    /* RFC 3339 UTC */
};

typedef void (*warta_fetch_done_fn)(void *userdata,
                                    struct warta_fetch_result *result);

/* What the fetch stage needs of the configuration (the --fetch-* options);
 * copied into the fetcher, so the caller's copy may go. */
struct warta_fetch_options {
    long timeout_ms;
    size_t max_bytes;
    long max_redirects;
    long concurrency;
    size_t low_speed_bps;
    char user_agent[WARTA_CONFIG_STR];
    char allow_cidr[WARTA_MAX_ALLOW_CIDR][64];
    size_t n_allow_cidr;
};

/* The fetch options of a configuration. */
void warta_fetch_options_from_config(struct warta_fetch_options *o,
                                     const struct warta_config *cfg);

/* Initialises libcurl (call before other threads exist) and starts the
 * fetch thread. Fails with a message naming the entry when an entry of
 * opts->allow_cidr is not a valid address range. */
enum warta_err warta_fetcher_open(struct warta_fetcher **out,
                                  const struct warta_fetch_options *opts,
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

/* Blocking fetch through the same machinery (the CLI); fills *out, which
 * the caller frees with warta_fetch_result_free() whatever the outcome.
 * Returns out->err.code. */
enum warta_err warta_fetch_sync(struct warta_fetcher *f, const char *url,
                                struct warta_fetch_result *out);

void warta_fetch_result_free(struct warta_fetch_result *r);

/* Copies a completed fetch into the document: the source fields, kind
 * from the content type (HTML for text/html and application/xhtml+xml,
 * text for other text/ types, sniffed when none was sent; anything else is
 * WARTA_ERR_UNSUPPORTED_MEDIA), base_url = final_url unless one was given.
 * Text is converted to UTF-8 here (header charset, else BOM, UTF-8 or
 * uchardet's guess); HTML keeps its bytes for the clean stage, which
 * weighs the header charset against BOM and <meta>. */
struct warta_doc;
enum warta_err warta_fetch_apply(struct warta_doc *doc,
                                 const struct warta_fetch_result *r,
                                 struct warta_error *err);

/* A finished fetch into the document: its error (stage "fetch") when it
 * failed, else warta_fetch_apply(). A usec >= 0 is recorded as the fetch
 * stage's timing, for callers that fetched outside the pipeline runner
 * (the routes, which fetch asynchronously). */
enum warta_err warta_fetch_take(struct warta_doc *doc,
                                const struct warta_fetch_result *r,
                                int64_t usec, struct warta_error *err);

#endif
