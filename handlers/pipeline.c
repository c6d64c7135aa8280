/*
 * The pipeline: the order of the stages is this table, and nothing else.
 */
#include "warta/pipeline.h"

#include <string.h>
#include <time.h>

#include "warta/fetch.h"
#include "warta/index.h"
#include "warta/langid.h"
#include "warta/metrics.h"

const struct warta_stage warta_stages[] = {
    {"fetch", warta_fetch_run, NULL},
    {"clean", warta_clean_run, NULL},
    {"dedupe", warta_dedupe_run, warta_dedupe_commit},
    {"metadata", warta_metadata_run, NULL},
    {"render", warta_render_run, NULL},
    {NULL, NULL, NULL},
};

int64_t warta_now_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

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
    env->cfg = cfg;
    env->langid = warta_langid_open();
    enum warta_err rc = warta_index_open(&env->index, cfg, err);
    if (rc != WARTA_OK)
        goto out;
    rc = warta_fetcher_open(&env->fetcher, cfg, err);
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
