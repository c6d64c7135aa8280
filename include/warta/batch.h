/*
 * warta/batch.h - many request lines in, one result line each out, in input
 * order (POST /v1/normalize/batch and `warta normalize --batch`).
 *
 * A batch takes its input as it arrives (warta_batch_feed, any chunking),
 * one JSON request object per line: the body of POST /v1/normalize
 * ({"text"|"html"|"url", "base_url"?, "options"?}). Blank lines are
 * skipped; line numbers count every line from 1. URL lines are fetched as
 * soon as their line is read, at most --batch-concurrency at once, through
 * the process's fetcher. Text and HTML lines are normalized when their turn
 * to be answered comes (warta_batch_read), so a finished result waits for
 * no more than its own turn and results are never held for the whole batch.
 *
 * Each result is one line: the article in the requested format (format
 * text as a JSON string), or the problem object of that line with its
 * `line` number. One bad line never stops the others.
 *
 * Threads: feed/end/read/free are called by one thread at a time (the
 * request's); fetch completions arrive on the fetch thread and wake the
 * reader through the hooks.
 */
#ifndef WARTA_BATCH_H
#define WARTA_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "warta/article.h"
#include "warta/err.h"
#include "warta/pipeline.h"
#include "warta/req.h"

struct warta_batch;

/* How a batch waits for a fetch. suspend() is called (under the batch's
 * lock) when warta_batch_read() is about to return 0 because the next line
 * to answer is still being fetched; resume() is called exactly once after
 * each suspend(), from the fetch thread, when that line is ready. */
struct warta_batch_hooks {
    void (*suspend)(void *ctx);
    void (*resume)(void *ctx);
    void *ctx;
};

/* A new, empty batch. defaults are the options every line starts from (a
 * line's own "options" override them; lang_hint is copied). instance and
 * request_id go into each problem line (either may be NULL). Never NULL. */
struct warta_batch *warta_batch_new(const struct warta_env *env,
                                    const struct warta_options *defaults,
                                    const struct warta_batch_hooks *hooks,
                                    const char *instance,
                                    const char *request_id);

/* Takes the next n bytes of input. Fails with WARTA_ERR_PAYLOAD_TOO_LARGE
 * at the line past --batch-max-lines (the batch is then of no further use:
 * free it). */
enum warta_err warta_batch_feed(struct warta_batch *b, const char *p, size_t n,
                                struct warta_error *err);

/* The input is complete (a last line without a newline counts). Fails
 * with WARTA_ERR_INVALID_REQUEST when it held no request line at all. */
enum warta_err warta_batch_end(struct warta_batch *b, struct warta_error *err);

/* Lines read so far that are not blank. */
size_t warta_batch_lines(const struct warta_batch *b);
/* Lines answered so far with a problem. */
size_t warta_batch_failed(const struct warta_batch *b);

/* Copies up to max bytes of result lines into buf and returns the count.
 * Returns -1 once every line has been answered after warta_batch_end().
 * Returns 0 when nothing is ready: then *fetching tells whether the next
 * line is being fetched (hooks.suspend was called, hooks.resume will be)
 * or, before warta_batch_end(), more input is needed. fetching may be
 * NULL. */
long warta_batch_read(struct warta_batch *b, char *buf, size_t max,
                      bool *fetching);

/* Releases the batch; fetches still in flight finish unseen (the batch's
 * memory lives until the last of them returns). Accepts NULL. */
void warta_batch_free(struct warta_batch *b);

/* The HTTP route POST /v1/normalize/batch over the batch above. */
extern const struct warta_streamer warta_batch_streamer;

#endif
