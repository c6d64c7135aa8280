/*
 * `warta normalize INPUT...`: the pipeline without HTTP. One output line per
 * input, in input order; a failed input prints its problem object instead.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "warta/log.h"
#include "warta/normalize.h"
#include "warta/render.h"

struct cli_opts {
    int forced_kind; /* -1 = sniff */
    const char *format, *lang;
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
    enum warta_err rc = WARTA_OK;

    if (o->format)
        rc = warta_doc_set_option(&doc, "format", o->format, &err);
    if (rc == WARTA_OK && o->lang)
        rc = warta_doc_set_option(&doc, "lang", o->lang, &err);
    doc.opts.explain = o->explain;
    doc.opts.remember = !o->no_remember;
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
        if (err.code == WARTA_OK)
            err.code = rc;
        size_t len;
        char *body = warta_problem_body(&err, input, NULL, &len);
        fwrite(body, 1, len, stdout);
        free(body);
    }
    fflush(stdout);
    warta_buf_free(&bytes);
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    return rc == WARTA_OK;
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
        } else if ((!strcmp(a, "--format") || !strcmp(a, "--lang")) &&
                   argi + 1 < argc) {
            if (a[2] == 'f')
                o.format = argv[argi + 1];
            else
                o.lang = argv[argi + 1];
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
    if (n_inputs == 0) {
        fprintf(stderr, "warta: normalize needs at least one INPUT (a file, - or a URL)\n");
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
    for (size_t i = 0; i < n_inputs; i++)
        if (!normalize_one(inputs[i], &o, &env))
            status = 1;
    warta_env_close(&env);
done:
    free(inputs);
    return status;
}
