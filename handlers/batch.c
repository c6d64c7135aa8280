/*
 * Batches: one request object per input line, one result line per request,
 * in input order (see include/warta/batch.h).
 *
 * Memory stays bounded by the input, never by the output: a line keeps its
 * request bytes until its turn to be answered, is then normalized in its own
 * arena, and its result is written out before the next line is worked on.
 * The only results computed ahead of their turn are fetched pages, and at
 * most --batch-concurrency of those exist at once.
 */
#include "warta/batch.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "warta/clock.h"
#include "warta/fetch.h"
#include "warta/normalize.h"
#include "warta/render.h"

enum slot_state {
    SLOT_INPUT,    /* request bytes, normalized at its turn */
    SLOT_URL,      /* a URL line whose fetch has not been submitted yet */
    SLOT_FETCHING, /* submitted; the fetch thread owns `fetched` */
    SLOT_FETCHED,  /* the page (or the fetch error) is in `fetched` */
};

struct slot {
    struct warta_batch *batch;
    size_t line_no;
    char *line; /* the request object, malloc'd */
    size_t len;
    char *url; /* URL lines: what to fetch, malloc'd */
    enum slot_state state;
    struct warta_fetch_result fetched;
    int64_t fetch_start, fetch_usec;
};

struct warta_batch {
    pthread_mutex_t lock;
    const struct warta_env *env;
    struct warta_batch_hooks hooks;
    struct warta_options defaults;
    char *instance, *request_id;

    /* Guarded by lock (the fetch thread reads them): */
    struct slot **slots; /* in input order; NULL once answered */
    size_t n_slots, cap_slots;
    size_t head;         /* the next slot to answer */
    size_t next_fetch;   /* the first slot not yet considered for a fetch */
    long fetch_window;   /* fetches submitted and not yet answered */
    long refs;           /* 1 for the owner + fetches in flight */
    bool waiting;        /* suspend() was called; resume() is owed */
    bool freed;

    /* The owner's thread only: */
    bool ended;
    size_t failed;           /* lines answered with a problem */
    size_t line_no;          /* lines seen, blank ones included */
    struct warta_buf partial; /* a line whose newline has not come yet */
    char *out;               /* the result line being copied out */
    size_t out_len, out_off;
};

struct warta_batch *warta_batch_new(const struct warta_env *env,
                                    const struct warta_options *defaults,
                                    const struct warta_batch_hooks *hooks,
                                    const char *instance,
                                    const char *request_id)
{
    struct warta_batch *b = warta_xcalloc(1, sizeof(*b));
    pthread_mutex_init(&b->lock, NULL);
    b->env = env;
    if (hooks)
        b->hooks = *hooks;
    b->defaults = *defaults;
    if (defaults->lang_hint)
        b->defaults.lang_hint = warta_xstrdup(defaults->lang_hint);
    b->instance = instance ? warta_xstrdup(instance) : NULL;
    b->request_id = request_id ? warta_xstrdup(request_id) : NULL;
    b->refs = 1;
    /* The whole input is capped by --max-body, so one line is too. */
    warta_buf_init(&b->partial, env->request.max_body);
    return b;
}

static void slot_free(struct slot *s)
{
    if (!s)
        return;
    free(s->line);
    free(s->url);
    warta_fetch_result_free(&s->fetched);
    free(s);
}

static void destroy(struct warta_batch *b)
{
    for (size_t i = 0; i < b->n_slots; i++)
        slot_free(b->slots[i]);
    free(b->slots);
    free(b->out);
    warta_buf_free(&b->partial);
    free((char *)b->defaults.lang_hint);
    free(b->instance);
    free(b->request_id);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

/* Drops one reference under the lock; the last one destroys the batch
 * (after the lock is released). */
static void unref_locked(struct warta_batch *b, bool *destroy_it)
{
    *destroy_it = --b->refs == 0;
}

void warta_batch_free(struct warta_batch *b)
{
    if (!b)
        return;
    bool last;
    pthread_mutex_lock(&b->lock);
    b->freed = true;
    unref_locked(b, &last);
    pthread_mutex_unlock(&b->lock);
    if (last)
        destroy(b);
}

size_t warta_batch_lines(const struct warta_batch *b)
{
    return b->n_slots;
}

size_t warta_batch_failed(const struct warta_batch *b)
{
    return b->failed;
}

/* Fetch thread: keep the page, wake the reader if it waits for this line. */
static void fetch_done(void *userdata, struct warta_fetch_result *result)
{
    struct slot *s = userdata;
    struct warta_batch *b = s->batch;
    bool last;
    pthread_mutex_lock(&b->lock);
    s->fetched = *result;
    s->fetch_usec = warta_now_usec() - s->fetch_start;
    s->state = SLOT_FETCHED;
    if (b->waiting && !b->freed && b->slots[b->head] == s) {
        b->waiting = false;
        /* Under the lock, so it always follows the suspend() it answers. */
        if (b->hooks.resume)
            b->hooks.resume(b->hooks.ctx);
    }
    unref_locked(b, &last);
    pthread_mutex_unlock(&b->lock);
    if (last)
        destroy(b);
}

/* Submits the next URL lines while the window has room. Under the lock. */
static void start_fetches(struct warta_batch *b)
{
    while (b->fetch_window < b->env->request.batch_concurrency &&
           b->next_fetch < b->n_slots) {
        struct slot *s = b->slots[b->next_fetch++];
        if (!s || s->state != SLOT_URL)
            continue;
        b->fetch_window++;
        s->state = SLOT_FETCHING;
        s->fetch_start = warta_now_usec();
        b->refs++;
        struct warta_error err;
        warta_error_clear(&err);
        if (warta_fetcher_submit(b->env->fetcher, s->url, fetch_done, s,
                                 &err) != WARTA_OK) {
            /* Refused at once (--fetch-concurrency full, shutting down):
             * this line answers with that problem, as a single request
             * would. */
            b->refs--;
            s->fetched.err = err;
            s->fetched.err.stage = "fetch";
            s->state = SLOT_FETCHED;
        }
    }
}

/* Whether a line is a URL request: a cheap look for the key first, since
 * most lines carry text, then the real decoder. */
static char *line_url(const struct warta_batch *b, const char *p, size_t n)
{
    if (!memmem(p, n, "\"url\"", 5))
        return NULL;
    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc doc;
    warta_doc_init(&doc, &arena);
    struct warta_error err;
    warta_error_clear(&err);
    char *url = NULL;
    if (warta_doc_from_json(&doc, p, n, b->env->request.max_json_depth, &err) ==
            WARTA_OK &&
        doc.kind == WARTA_INPUT_URL)
        url = warta_xstrdup(doc.source.url);
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    return url;
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    return true;
}

static enum warta_err add_line(struct warta_batch *b, const char *p, size_t n,
                               struct warta_error *err)
{
    b->line_no++;
    if (n && p[n - 1] == '\r')
        n--;
    if (blank(p, n))
        return WARTA_OK;
    long max = b->env->request.batch_max_lines;
    if (b->n_slots >= (size_t)max)
        return warta_error_set(err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                               "the batch has more than %ld request lines "
                               "(--batch-max-lines)", max);
    struct slot *s = warta_xcalloc(1, sizeof(*s));
    s->batch = b;
    s->line_no = b->line_no;
    s->line = warta_xmalloc(n + 1);
    memcpy(s->line, p, n);
    s->line[n] = '\0';
    s->len = n;
    s->url = line_url(b, p, n);
    s->state = s->url ? SLOT_URL : SLOT_INPUT;
    pthread_mutex_lock(&b->lock);
    if (b->n_slots == b->cap_slots) {
        b->cap_slots = b->cap_slots ? 2 * b->cap_slots : 64;
        b->slots = warta_xrealloc(b->slots, b->cap_slots * sizeof(*b->slots));
    }
    b->slots[b->n_slots++] = s;
    start_fetches(b);
    pthread_mutex_unlock(&b->lock);
    return WARTA_OK;
}

enum warta_err warta_batch_feed(struct warta_batch *b, const char *p, size_t n,
                                struct warta_error *err)
{
    while (n) {
        const char *nl = memchr(p, '\n', n);
        size_t k = nl ? (size_t)(nl - p) : n;
        enum warta_err rc = WARTA_OK;
        if (!nl) {
            if (warta_buf_append(&b->partial, p, k) < 0)
                return warta_error_set(err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                       "a batch line is longer than %zu "
                                       "bytes (--max-body)",
                                       b->env->request.max_body);
            return WARTA_OK;
        }
        if (b->partial.len) {
            /* The line began in an earlier chunk. */
            if (warta_buf_append(&b->partial, p, k) < 0)
                return warta_error_set(err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                       "a batch line is longer than %zu "
                                       "bytes (--max-body)",
                                       b->env->request.max_body);
            rc = add_line(b, b->partial.data, b->partial.len, err);
            b->partial.len = 0;
        } else {
            rc = add_line(b, p, k, err);
        }
        if (rc != WARTA_OK)
            return rc;
        p += k + 1;
        n -= k + 1;
    }
    return WARTA_OK;
}

enum warta_err warta_batch_end(struct warta_batch *b, struct warta_error *err)
{
    enum warta_err rc = WARTA_OK;
    if (b->partial.len) {
        rc = add_line(b, b->partial.data, b->partial.len, err);
        b->partial.len = 0;
    }
    b->ended = true;
    if (rc == WARTA_OK && b->n_slots == 0)
        rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                             "the batch holds no request line; send one JSON "
                             "object per line");
    return rc;
}

/* A problem line: the problem object with the request line's number. */
static char *problem_line(const struct warta_batch *b, struct warta_error *err,
                          size_t line_no, size_t *len)
{
    size_t n;
    char *body = warta_problem_body(err, b->instance, b->request_id, &n);
    /* The body ends in "}\n": the member goes before the brace. */
    char tail[40];
    int k = snprintf(tail, sizeof(tail), ",\"line\":%zu}\n", line_no);
    body = warta_xrealloc(body, n - 2 + (size_t)k + 1);
    memcpy(body + n - 2, tail, (size_t)k + 1);
    *len = n - 2 + (size_t)k;
    return body;
}

/* format=text is plain text with its own newlines: in a batch it travels
 * as one JSON string, so that each result stays one line. */
static char *text_line(char *text, size_t len, size_t *out_len)
{
    json_t *s = json_stringn(text, len);
    char *line = json_dumps(s, JSON_ENCODE_ANY);
    json_decref(s);
    free(text);
    if (!line)
        abort();
    size_t n = strlen(line);
    line = warta_xrealloc(line, n + 2);
    line[n] = '\n';
    line[n + 1] = '\0';
    *out_len = n + 1;
    return line;
}

/* Normalizes one line in its own arena and returns its result line. */
static char *answer(struct warta_batch *b, struct slot *s, size_t *len)
{
    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc doc;
    warta_doc_init(&doc, &arena);
    doc.opts = b->defaults;
    struct warta_error err;
    warta_error_clear(&err);
    char *out = NULL;
    enum warta_err rc = warta_doc_from_json(&doc, s->line, s->len,
                                            b->env->request.max_json_depth, &err);
    const char *first = NULL;
    if (rc == WARTA_OK && s->state == SLOT_FETCHED) {
        rc = warta_fetch_take(&doc, &s->fetched, s->fetch_usec, &err);
        first = "clean";
    }
    if (rc == WARTA_OK)
        rc = warta_pipeline_run(&doc, b->env, first, &err);
    if (rc == WARTA_OK) {
        const char *type;
        out = warta_render_body(&doc, len, &type);
        if (doc.opts.format == WARTA_FORMAT_TEXT)
            out = text_line(out, *len, len);
    } else {
        if (err.code == WARTA_OK)
            err.code = rc;
        out = problem_line(b, &err, s->line_no, len);
        b->failed++;
    }
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    return out;
}

long warta_batch_read(struct warta_batch *b, char *buf, size_t max,
                      bool *fetching)
{
    size_t n = 0;
    if (fetching)
        *fetching = false;
    for (;;) {
        if (b->out) {
            size_t k = b->out_len - b->out_off;
            if (k > max - n)
                k = max - n;
            memcpy(buf + n, b->out + b->out_off, k);
            n += k;
            b->out_off += k;
            if (b->out_off < b->out_len)
                return (long)n; /* buf is full */
            free(b->out);
            b->out = NULL;
        }
        pthread_mutex_lock(&b->lock);
        if (b->head == b->n_slots) {
            pthread_mutex_unlock(&b->lock);
            if (n)
                return (long)n;
            return b->ended ? -1 : 0;
        }
        struct slot *s = b->slots[b->head];
        if (s->state == SLOT_FETCHING) {
            /* What is ready leaves first; the wait comes with an empty
             * return. */
            if (!n) {
                b->waiting = true;
                if (b->hooks.suspend)
                    b->hooks.suspend(b->hooks.ctx);
                if (fetching)
                    *fetching = true;
            }
            pthread_mutex_unlock(&b->lock);
            return (long)n;
        }
        if (s->state == SLOT_URL) {
            /* Behind the window still: answering it is what frees room. */
            start_fetches(b);
            pthread_mutex_unlock(&b->lock);
            continue;
        }
        pthread_mutex_unlock(&b->lock);

        b->out = answer(b, s, &b->out_len);
        b->out_off = 0;

        pthread_mutex_lock(&b->lock);
        if (s->state == SLOT_FETCHED)
            b->fetch_window--;
        b->slots[b->head++] = NULL;
        start_fetches(b);
        pthread_mutex_unlock(&b->lock);
        slot_free(s);
    }
}

/* ---- POST /v1/normalize/batch ---- */

#define BATCH_MEDIA "application/x-ndjson"

static void hook_suspend(void *ctx)
{
    warta_req_suspend(ctx);
}

static void hook_resume(void *ctx)
{
    warta_req_resume(ctx);
}

/* Everything that can be refused is refused here, before the body is read:
 * media type, options, Accept. */
static enum warta_err route_begin(struct warta_req *req)
{
    const char *mt = warta_req_media_type(req, NULL);
    if (!mt || strcmp(mt, BATCH_MEDIA) != 0)
        return warta_error_set(&req->err, WARTA_ERR_UNSUPPORTED_MEDIA,
                               "a batch is %s, one JSON request object per "
                               "line, not '%.100s'", BATCH_MEDIA,
                               mt ? mt : "(no Content-Type)");
    if (!warta_accepts(req->accept, BATCH_MEDIA))
        return warta_error_set(&req->err, WARTA_ERR_NOT_ACCEPTABLE,
                               "a batch answers %s, which Accept: %.100s "
                               "does not allow", BATCH_MEDIA, req->accept);
    /* Query options are every line's defaults. */
    struct warta_doc scratch;
    warta_doc_init(&scratch, &req->arena);
    for (size_t i = 0; i < req->n_query; i++) {
        enum warta_err rc = warta_doc_set_option(
            &scratch, req->query[i].key, req->query[i].value, &req->err);
        if (rc != WARTA_OK)
            return rc;
    }
    struct warta_batch_hooks hooks = {hook_suspend, hook_resume, req};
    req->handler_state = warta_batch_new(req->env, &scratch.opts, &hooks,
                                         req->path, req->id);
    return WARTA_OK;
}

static enum warta_err route_feed(struct warta_req *req, const char *p, size_t n)
{
    return warta_batch_feed(req->handler_state, p, n, &req->err);
}

static enum warta_err route_end(struct warta_req *req)
{
    enum warta_err rc = warta_batch_end(req->handler_state, &req->err);
    if (rc != WARTA_OK)
        return rc;
    req->status = 200;
    req->resp_type = BATCH_MEDIA;
    req->resp_stream = true;
    return WARTA_OK;
}

static long route_read(struct warta_req *req, char *buf, size_t max)
{
    return warta_batch_read(req->handler_state, buf, max, NULL);
}

static void route_release(struct warta_req *req)
{
    warta_batch_free(req->handler_state);
    req->handler_state = NULL;
}

const struct warta_streamer warta_batch_streamer = {
    route_begin, route_feed, route_end, route_read, route_release,
};
