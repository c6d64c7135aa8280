/*
 * warta/pipeline.h - the stage table: fetch -> clean -> dedupe -> metadata
 * -> render, run over one document.
 *
 * `struct warta_env` holds the process-wide services stages may use; it is
 * opened once at start-up, shared read-only by all threads (each service
 * does its own locking), and closed at shutdown.
 */
#ifndef WARTA_PIPELINE_H
#define WARTA_PIPELINE_H

#include "warta/article.h"
#include "warta/config.h"
#include "warta/err.h"

struct warta_index;
struct warta_fetcher;
struct warta_langid;

struct warta_env {
    const struct warta_config *cfg;
    struct warta_langid *langid;   /* never NULL once opened */
    struct warta_index *index;     /* NULL when --index none */
    struct warta_fetcher *fetcher; /* NULL in contexts that cannot fetch */
};

struct warta_stage {
    const char *name;
    /* Returns WARTA_OK or fills err. A stage with nothing to do for this
     * input (fetch for text) returns WARTA_OK at once. */
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

/* CLOCK_MONOTONIC in microseconds: the clock of `timings`. */
int64_t warta_now_usec(void);

/* Opens langid, the index named by cfg->index and the fetcher. */
enum warta_err warta_env_open(struct warta_env *env,
                              const struct warta_config *cfg,
                              struct warta_error *err);
void warta_env_close(struct warta_env *env);

/* The stage entry points, one per file in handlers/. */
enum warta_err warta_fetch_run(struct warta_doc *, const struct warta_env *,
                               struct warta_error *);
enum warta_err warta_clean_run(struct warta_doc *, const struct warta_env *,
                               struct warta_error *);
enum warta_err warta_dedupe_run(struct warta_doc *, const struct warta_env *,
                                struct warta_error *);
void warta_dedupe_commit(struct warta_doc *, const struct warta_env *);
enum warta_err warta_metadata_run(struct warta_doc *, const struct warta_env *,
                                  struct warta_error *);
enum warta_err warta_render_run(struct warta_doc *, const struct warta_env *,
                                struct warta_error *);

#endif
