/*
 * warta/pipeline.h - the stage table: fetch -> clean -> dedupe -> metadata
 * -> render, run over one document.
 *
 * `struct warta_env` holds each stage's options (filled once from the
 * configuration) and the process-wide services stages may use; it is
 * opened once at start-up, shared read-only by all threads (each service
 * does its own locking), and closed at shutdown. The stages themselves
 * (warta/stages.h) never see it: the table below hands each its part.
 */
#ifndef WARTA_PIPELINE_H
#define WARTA_PIPELINE_H

#include "warta/article.h"
#include "warta/config.h"
#include "warta/err.h"
#include "warta/stages.h"

struct warta_index;
struct warta_fetcher;
struct warta_langid;

/* What the routes themselves cap, before any stage runs. */
struct warta_request_limits {
    size_t max_body;     /* bytes of a request body (--max-body) */
    long max_json_depth; /* nesting of a JSON request (--max-json-depth) */
    long batch_max_lines;   /* request lines of a batch (--batch-max-lines) */
    long batch_concurrency; /* a batch's URL lines fetched at once */
};

struct warta_env {
    struct warta_request_limits request;
    struct warta_clean_options clean;
    struct warta_dedupe_options dedupe;
    struct warta_langid *langid;   /* never NULL once opened */
    struct warta_index *index;     /* NULL when --index none */
    struct warta_fetcher *fetcher; /* NULL in contexts that cannot fetch */
};

struct warta_stage {
    const char *name;
    /* Returns WARTA_OK or fills err. A stage with nothing to do for this
     * input (fetch for text) returns WARTA_OK at once. Each entry hands
     * its stage only the options and services that stage takes. */
    enum warta_err (*run)(struct warta_doc *doc, const struct warta_env *env,
                          struct warta_error *err);
    /* Optional: runs once every stage has succeeded, for side effects that
     * need the finished article (the index remembers it with its title).
     * Its time is added to the stage's timing. */
    void (*commit)(struct warta_doc *doc, const struct warta_env *env);
};

/* The stages in order; terminated by a zeroed entry. */
extern const struct warta_stage warta_stages[];

/* Runs every stage from `first` (by name; NULL = the first) on doc,
 * recording each stage's wall time in doc->timings. Stops at the first
 * error, stamping the stage name into err->stage. */
enum warta_err warta_pipeline_run(struct warta_doc *doc,
                                  const struct warta_env *env,
                                  const char *first, struct warta_error *err);

/* Fills each stage's options from cfg, then opens langid, the index named
 * by cfg->index and the fetcher. The configuration is not kept. */
enum warta_err warta_env_open(struct warta_env *env,
                              const struct warta_config *cfg,
                              struct warta_error *err);
void warta_env_close(struct warta_env *env);

#endif
