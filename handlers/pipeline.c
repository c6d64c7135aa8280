/*
 * The pipeline: the order of the stages is this table, and nothing else.
 */
#include "warta/pipeline.h"

#include <string.h>

#include "warta/clock.h"
#include "warta/fetch.h"
#include "warta/index.h"
#include "warta/langid.h"
#include "warta/metrics.h"

/* Each stage gets its own options and services out of the environment,
 * and nothing else of it. */
static enum warta_err run_fetch(struct warta_doc *doc,
                                const struct warta_env *env,
                                struct warta_error *err)
{
    return warta_fetch_run(doc, env->fetcher, err);
}

static enum warta_err run_clean(struct warta_doc *doc,
                                const struct warta_env *env,
                                struct warta_error *err)
{
    return warta_clean_run(doc, &env->clean, err);
}

static enum warta_err run_dedupe(struct warta_doc *doc,
                                 const struct warta_env *env,
                                 struct warta_error *err)
{
    return warta_dedupe_run(doc, &env->dedupe, env->index, err);
}

static void commit_dedupe(struct warta_doc *doc, const struct warta_env *env)
{
    warta_dedupe_commit(doc, env->index);
}

static enum warta_err run_metadata(struct warta_doc *doc,
                                   const struct warta_env *env,
                                   struct warta_error *err)
{
    return warta_metadata_run(doc, env->langid, err);
}

static enum warta_err run_render(struct warta_doc *doc,
                                 const struct warta_env *env,
                                 struct warta_error *err)
{
    (void)env;
    return warta_render_run(doc, err);
}

const struct warta_stage warta_stages[] = {
    {"fetch", run_fetch, NULL},
    {"clean", run_clean, NULL},
    {"dedupe", run_dedupe, commit_dedupe},
    {"metadata", run_metadata, NULL},
    {"render", run_render, NULL},
    {NULL, NULL, NULL},
};

enum warta_err warta_pipeline_run(struct warta_doc *doc,
                                  const struct warta_env *env,
                                  const char *first, struct warta_error *err)
{
    const struct warta_stage *st = warta_stages;
    if (first) {
        while (st->name && strcmp(st->name, first) != 0)
            st++;
    }
    for (; st->name; st++) {
        int64_t t0 = warta_now_usec();
        doc->stage_started_usec = t0;
        enum warta_err rc = st->run(doc, env, err);
        int64_t usec = warta_now_usec() - t0;
        warta_metrics_stage((size_t)(st - warta_stages), usec, 1);
        if (doc->n_timings < WARTA_MAX_STAGES) {
            doc->timings[doc->n_timings].stage = st->name;
            doc->timings[doc->n_timings].usec = usec;
            doc->n_timings++;
        }
        if (rc != WARTA_OK) {
            if (err) {
                err->code = rc;
                err->stage = st->name;
            }
            return rc;
        }
    }
    for (st = warta_stages; st->name; st++) {
        if (!st->commit)
            continue;
        int64_t t0 = warta_now_usec();
        st->commit(doc, env);
        int64_t usec = warta_now_usec() - t0;
        warta_metrics_stage((size_t)(st - warta_stages), usec, 0);
        for (size_t i = 0; i < doc->n_timings; i++)
            if (doc->timings[i].stage == st->name)
                doc->timings[i].usec += usec;
    }
    return WARTA_OK;
}

enum warta_err warta_env_open(struct warta_env *env,
                              const struct warta_config *cfg,
                              struct warta_error *err)
{
    memset(env, 0, sizeof(*env));
    env->request.max_body = cfg->max_body;
    env->request.max_json_depth = cfg->max_json_depth;
    env->request.batch_max_lines = cfg->batch_max_lines;
    env->request.batch_concurrency = cfg->batch_concurrency;
    warta_clean_options_from_config(&env->clean, cfg);
    warta_dedupe_options_from_config(&env->dedupe, cfg);
    struct warta_index_options index_opts;
    warta_index_options_from_config(&index_opts, cfg);
    struct warta_fetch_options fetch_opts;
    warta_fetch_options_from_config(&fetch_opts, cfg);

    env->langid = warta_langid_open();
    enum warta_err rc = warta_index_open(&env->index, &index_opts, err);
    if (rc != WARTA_OK)
        goto out;
    rc = warta_fetcher_open(&env->fetcher, &fetch_opts, err);
out:
    if (rc != WARTA_OK)
        warta_env_close(env);
    return rc;
}

void warta_env_close(struct warta_env *env)
{
    warta_fetcher_close(env->fetcher);
    env->fetcher = NULL;
    warta_index_close(env->index);
    env->index = NULL;
    warta_langid_close(env->langid);
    env->langid = NULL;
}
