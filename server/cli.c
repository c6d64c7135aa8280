/*
 * `warta normalize INPUT...`: the pipeline without HTTP. One output line per
 * input, in input order; a failed input prints its problem object instead.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"
#include "warta/batch.h"
#include "warta/log.h"
#include "warta/normalize.h"
#include "warta/render.h"

struct cli_opts {
    int forced_kind; /* -1 = sniff */
    const char *format, *lang;
    const char *batch; /* --batch FILE|- */
    bool explain, no_remember;
};

static enum warta_err read_input(const char *path, size_t max,
                                 struct warta_buf *out, struct warta_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                               "cannot open %.200s: %s", path, strerror(errno));
    warta_buf_init(out, max);
    char chunk[65536];
    size_t n;
    enum warta_err rc = WARTA_OK;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (warta_buf_append(out, chunk, n) < 0) {
            rc = warta_error_set(err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                 "%.200s is larger than %zu bytes (--max-body)",
                                 path, max);
            break;
        }
    }
    if (rc == WARTA_OK && ferror(f))
        rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                             "cannot read %.200s", path);
    if (f != stdin)
        fclose(f);
    return rc;
}

static bool is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* The output options of the command line, on a document. */
static enum warta_err apply_opts(struct warta_doc *doc, const struct cli_opts *o,
                                 struct warta_error *err)
{
    enum warta_err rc = WARTA_OK;
    if (o->format)
        rc = warta_doc_set_option(doc, "format", o->format, err);
    if (rc == WARTA_OK && o->lang)
        rc = warta_doc_set_option(doc, "lang", o->lang, err);
    doc->opts.explain = o->explain;
    doc->opts.remember = !o->no_remember;
    return rc;
}

/* A failed input's line: its problem object. */
static void print_problem(struct warta_error *err, enum warta_err rc,
                          const char *input)
{
    if (err->code == WARTA_OK)
        err->code = rc;
    size_t len;
    char *body = warta_problem_body(err, input, NULL, &len);
    fwrite(body, 1, len, stdout);
    free(body);
}

/* Normalises one input and prints its line; returns true on success. */
static bool normalize_one(const char *input, const struct cli_opts *o,
                          const struct warta_env *env)
{
    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc doc;
    warta_doc_init(&doc, &arena);
    struct warta_error err;
    warta_error_clear(&err);
    struct warta_buf bytes;
    warta_buf_init(&bytes, env->request.max_body);
    enum warta_err rc = apply_opts(&doc, o, &err);
    if (rc != WARTA_OK)
        goto out;

    if (is_url(input)) {
        doc.kind = WARTA_INPUT_URL;
        doc.source.url = input;
    } else {
        rc = read_input(input, env->request.max_body, &bytes, &err);
        if (rc != WARTA_OK)
            goto out;
        if (bytes.len == 0) {
            rc = warta_error_set(&err, WARTA_ERR_INVALID_REQUEST,
                                 "%.200s is empty", input);
            goto out;
        }
        enum warta_input_kind kind =
            o->forced_kind >= 0 ? (enum warta_input_kind)o->forced_kind
                                : warta_sniff_kind(bytes.data, bytes.len);
        rc = warta_doc_from_bytes(&doc, kind, NULL, bytes.data, bytes.len, &err);
        if (rc != WARTA_OK)
            goto out;
    }
    rc = warta_pipeline_run(&doc, env, NULL, &err);
out:
    if (rc == WARTA_OK) {
        size_t len;
        const char *type;
        char *body = warta_render_body(&doc, &len, &type);
        fwrite(body, 1, len, stdout);
        free(body);
    } else {
        print_problem(&err, rc, input);
    }
    fflush(stdout);
    warta_buf_free(&bytes);
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    return rc == WARTA_OK;
}

/* --batch: the batch's fetch completions wake the main thread here. */
struct batch_wait {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool ready;
};

static void batch_resume(void *ctx)
{
    struct batch_wait *w = ctx;
    pthread_mutex_lock(&w->lock);
    w->ready = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

/* Writes the result lines that are ready; with `wait`, also those whose
 * pages are still being fetched, until the batch is answered. */
static void batch_drain(struct warta_batch *b, struct batch_wait *w, bool wait)
{
    char buf[65536];
    for (;;) {
        bool fetching;
        long n = warta_batch_read(b, buf, sizeof(buf), &fetching);
        if (n > 0) {
            fwrite(buf, 1, (size_t)n, stdout);
            continue;
        }
        fflush(stdout);
        if (n < 0 || !fetching || !wait)
            return;
        pthread_mutex_lock(&w->lock);
        while (!w->ready)
            pthread_cond_wait(&w->cond, &w->lock);
        w->ready = false;
        pthread_mutex_unlock(&w->lock);
    }
}

/* `normalize --batch FILE|-`: one request object per line, as POST
 * /v1/normalize/batch takes them; each result is written as soon as its
 * turn comes, while the rest of the input is still being read. */
static bool normalize_batch(const char *path, const struct cli_opts *o,
                            const struct warta_env *env)
{
    struct warta_error err;
    warta_error_clear(&err);
    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc defaults;
    warta_doc_init(&defaults, &arena);
    enum warta_err rc = apply_opts(&defaults, o, &err);
    FILE *f = NULL;
    if (rc == WARTA_OK) {
        f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
        if (!f)
            rc = warta_error_set(&err, WARTA_ERR_INVALID_REQUEST,
                                 "cannot open %.200s: %s", path,
                                 strerror(errno));
    }
    size_t failed = 0;
    if (rc == WARTA_OK) {
        struct batch_wait w = {.ready = false};
        pthread_mutex_init(&w.lock, NULL);
        pthread_cond_init(&w.cond, NULL);
        struct warta_batch_hooks hooks = {NULL, batch_resume, &w};
        struct warta_batch *b =
            warta_batch_new(env, &defaults.opts, &hooks, path, NULL);
        char chunk[65536];
        size_t total = 0;
        bool read_failed = false;
        /* read(2), not fread: a pipe's lines are answered as they come,
         * while fread would wait for a whole chunk (or the end). */
        while (rc == WARTA_OK) {
            ssize_t got = read(fileno(f), chunk, sizeof(chunk));
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                read_failed = got < 0;
                break;
            }
            size_t n = (size_t)got;
            total += n;
            if (total > env->request.max_body)
                rc = warta_error_set(&err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                     "%.200s is larger than %zu bytes "
                                     "(--max-body)", path, env->request.max_body);
            else
                rc = warta_batch_feed(b, chunk, n, &err);
            batch_drain(b, &w, false);
        }
        if (rc == WARTA_OK && read_failed)
            rc = warta_error_set(&err, WARTA_ERR_INVALID_REQUEST,
                                 "cannot read %.200s", path);
        if (rc == WARTA_OK)
            rc = warta_batch_end(b, &err);
        /* The lines before a failure are still answered, the failure
         * last. */
        batch_drain(b, &w, rc == WARTA_OK);
        failed = warta_batch_failed(b);
        warta_batch_free(b);
        pthread_cond_destroy(&w.cond);
        pthread_mutex_destroy(&w.lock);
    }
    if (f && f != stdin)
        fclose(f);
    if (rc != WARTA_OK) {
        print_problem(&err, rc, path);
        fflush(stdout);
    }
    warta_doc_release(&defaults);
    warta_arena_free(&arena);
    return rc == WARTA_OK && failed == 0;
}

int warta_cli_normalize(int argc, char **argv, int argi)
{
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    struct cli_opts o = {.forced_kind = -1};
    const char **inputs = calloc((size_t)argc, sizeof(*inputs));
    size_t n_inputs = 0;
    char msg[512];
    int status = 2;
    bool only_inputs = false;

    while (argi < argc) {
        const char *a = argv[argi];
        if (only_inputs || a[0] != '-' || strcmp(a, "-") == 0) {
            inputs[n_inputs++] = a;
            argi++;
        } else if (!strcmp(a, "--")) {
            only_inputs = true;
            argi++;
        } else if (!strcmp(a, "--text")) {
            o.forced_kind = WARTA_INPUT_TEXT;
            argi++;
        } else if (!strcmp(a, "--html")) {
            o.forced_kind = WARTA_INPUT_HTML;
            argi++;
        } else if (!strcmp(a, "--explain")) {
            o.explain = true;
            argi++;
        } else if (!strcmp(a, "--no-remember")) {
            o.no_remember = true;
            argi++;
        } else if ((!strcmp(a, "--format") || !strcmp(a, "--lang") ||
                    !strcmp(a, "--batch")) &&
                   argi + 1 < argc) {
            if (a[2] == 'f')
                o.format = argv[argi + 1];
            else if (a[2] == 'l')
                o.lang = argv[argi + 1];
            else
                o.batch = argv[argi + 1];
            argi += 2;
        } else {
            int before = argi;
            if (warta_config_parse(&cfg, "normalize", argc, argv, &argi, msg,
                                   sizeof(msg)) < 0) {
                fprintf(stderr, "warta: %s\n", msg);
                goto done;
            }
            if (argi == before) {
                fprintf(stderr, "warta: unknown option '%s' (see warta --help)\n", a);
                goto done;
            }
        }
    }
    if (n_inputs == 0 && !o.batch) {
        fprintf(stderr, "warta: normalize needs at least one INPUT (a file, - or a URL)\n");
        goto done;
    }
    if (o.batch && (n_inputs > 0 || o.forced_kind >= 0)) {
        fprintf(stderr, "warta: --batch FILE takes no other INPUT, --text or "
                        "--html (each line says what it holds)\n");
        goto done;
    }
    enum warta_format f;
    if (o.format && warta_format_parse(o.format, &f) < 0) {
        fprintf(stderr, "warta: --format must be native, ninjs, jsonld or text\n");
        goto done;
    }
    warta_log_set_level(cfg.log_level);
    struct warta_env env;
    struct warta_error err;
    warta_error_clear(&err);
    if (warta_env_open(&env, &cfg, &err) != WARTA_OK) {
        fprintf(stderr, "warta: %s\n", err.detail);
        goto done;
    }
    status = 0;
    if (o.batch && !normalize_batch(o.batch, &o, &env))
        status = 1;
    for (size_t i = 0; i < n_inputs; i++)
        if (!normalize_one(inputs[i], &o, &env))
            status = 1;
    warta_env_close(&env);
done:
    free(inputs);
    return status;
}
