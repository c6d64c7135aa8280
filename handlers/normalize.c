/*
 * /v1/normalize: decode the request into a document, run the pipeline,
 * answer with the rendered article. URL inputs suspend the connection while
 * the fetch thread works, so a slow upstream never holds a server thread.
 */
#include "warta/normalize.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "warta/clock.h"
#include "warta/fetch.h"
#include "warta/render.h"
#include "warta/str.h"
#include "warta/stages.h"

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "no")) {
        *out = false;
        return true;
    }
    return false;
}

enum warta_err warta_doc_set_option(struct warta_doc *doc, const char *name,
                                    const char *value, struct warta_error *err)
{
    if (!strcmp(name, "format")) {
        if (warta_format_parse(value, &doc->opts.format) < 0)
            return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                   "format must be native, ninjs, jsonld or "
                                   "text, not '%.64s'", value);
    } else if (!strcmp(name, "explain") || !strcmp(name, "remember")) {
        bool *dst = name[0] == 'e' ? &doc->opts.explain : &doc->opts.remember;
        if (!parse_bool(value, dst))
            return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                   "%s must be true or false, not '%.64s'",
                                   name, value);
    } else if (!strcmp(name, "lang")) {
        size_t n = strlen(value);
        if (n < 2 || n > 35)
            return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                   "lang must be a BCP 47 tag such as 'id'");
        doc->opts.lang_hint = warta_arena_strdup(doc->arena, value);
    } else {
        return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                               "unknown option '%.64s' (format, explain, "
                               "remember, lang)", name);
    }
    return WARTA_OK;
}

/* Rejects JSON nested deeper than max_depth before jansson recurses into
 * it: a scan of brackets outside strings. */
static bool json_depth_ok(const char *p, size_t len, long max_depth)
{
    long depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth)
                return false;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return true;
}

static enum warta_err json_options(struct warta_doc *doc, json_t *opts,
                                   struct warta_error *err)
{
    if (!json_is_object(opts))
        return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                               "options must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(opts, key, v) {
        char buf[64];
        const char *text;
        if (json_is_string(v))
            text = json_string_value(v);
        else if (json_is_boolean(v))
            text = json_is_true(v) ? "true" : "false";
        else if (json_is_null(v))
            continue;
        else {
            snprintf(buf, sizeof(buf), "options.%s", key);
            return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                   "%.64s must be a string or boolean", buf);
        }
        enum warta_err rc = warta_doc_set_option(doc, key, text, err);
        if (rc != WARTA_OK)
            return rc;
    }
    return WARTA_OK;
}

enum warta_err warta_doc_from_json(struct warta_doc *doc, const char *body,
                                   size_t len, long max_depth,
                                   struct warta_error *err)
{
    enum warta_err rc = WARTA_OK;
    json_t *root = NULL;
    if (!json_depth_ok(body, len, max_depth))
        return warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                               "JSON nested deeper than %ld levels", max_depth);
    json_error_t jerr;
    root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                             "invalid JSON at line %d column %d: %s",
                             jerr.line, jerr.column, jerr.text);
        goto out;
    }
    if (!json_is_object(root)) {
        rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                             "the body must be a JSON object with one of "
                             "text, html or url");
        goto out;
    }
    static const char *const kinds[] = {"text", "html", "url"};
    int found = -1;
    for (int k = 0; k < 3; k++) {
        json_t *v = json_object_get(root, kinds[k]);
        if (!v)
            continue;
        if (!json_is_string(v)) {
            rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                 "%s must be a string", kinds[k]);
            goto out;
        }
        if (found >= 0) {
            rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                 "give exactly one of text, html or url, "
                                 "not both %s and %s", kinds[found], kinds[k]);
            goto out;
        }
        found = k;
    }
    if (found < 0) {
        rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                             "the object needs one of text, html or url");
        goto out;
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        if (strcmp(key, "text") && strcmp(key, "html") && strcmp(key, "url") &&
            strcmp(key, "base_url") && strcmp(key, "options")) {
            rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                 "unknown member '%.64s' (text, html, url, "
                                 "base_url, options)", key);
            goto out;
        }
    }
    json_t *val = json_object_get(root, kinds[found]);
    const char *s = json_string_value(val);
    size_t slen = json_string_length(val);
    if (slen == 0) {
        rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                             "%s is empty", kinds[found]);
        goto out;
    }
    if (found == WARTA_INPUT_URL) {
        doc->kind = WARTA_INPUT_URL;
        doc->source.url = warta_arena_strndup(doc->arena, s, slen);
        doc->input = NULL;
    } else {
        rc = warta_doc_from_bytes(doc, (enum warta_input_kind)found, NULL, s,
                                  slen, err);
        if (rc != WARTA_OK)
            goto out;
    }
    json_t *base = json_object_get(root, "base_url");
    if (base && !json_is_null(base)) {
        if (!json_is_string(base)) {
            rc = warta_error_set(err, WARTA_ERR_INVALID_REQUEST,
                                 "base_url must be a string");
            goto out;
        }
        doc->base_url = warta_arena_strdup(doc->arena, json_string_value(base));
    }
    json_t *opts = json_object_get(root, "options");
    if (opts && !json_is_null(opts))
        rc = json_options(doc, opts, err);
out:
    json_decref(root);
    return rc;
}

/* Options from the query string apply to every body kind. */
static enum warta_err query_options(struct warta_req *req, struct warta_doc *doc)
{
    for (size_t i = 0; i < req->n_query; i++) {
        const char *k = req->query[i].key;
        if (!strcmp(k, "url"))
            continue;
        enum warta_err rc = warta_doc_set_option(doc, k, req->query[i].value,
                                                 &req->err);
        if (rc != WARTA_OK)
            return rc;
    }
    return WARTA_OK;
}

static const char *const format_media[] = {
    [WARTA_FORMAT_NATIVE] = "application/json",
    [WARTA_FORMAT_NINJS] = "application/json",
    [WARTA_FORMAT_JSONLD] = "application/ld+json",
    [WARTA_FORMAT_TEXT] = "text/plain",
};

struct normalize_state {
    struct warta_doc doc;
    struct warta_fetch_result *fetched;
    int64_t fetch_start;
};

static enum warta_err respond_doc(struct warta_req *req, struct warta_doc *doc)
{
    size_t len;
    const char *type;
    char *body = warta_render_body(doc, &len, &type);
    warta_req_respond(req, 200, type, body, len);
    return WARTA_OK;
}

static enum warta_err finish(struct warta_req *req, struct warta_doc *doc,
                             const char *first_stage)
{
    enum warta_err rc = warta_pipeline_run(doc, req->env, first_stage, &req->err);
    if (rc == WARTA_OK)
        rc = respond_doc(req, doc);
    warta_doc_release(doc);
    return rc;
}

/* Runs on a server thread once the fetch thread has resumed us. */
static enum warta_err after_fetch(struct warta_req *req)
{
    struct normalize_state *st = req->handler_state;
    struct warta_fetch_result *r = st->fetched;
    st->fetched = NULL;
    enum warta_err rc = warta_fetch_take(&st->doc, r,
                                         warta_now_usec() - st->fetch_start,
                                         &req->err);
    warta_fetch_result_free(r);
    free(r);
    if (rc != WARTA_OK) {
        warta_doc_release(&st->doc);
        return rc;
    }
    return finish(req, &st->doc, "clean");
}

/* Fetch thread: keep the result and wake the connection up. */
static void fetch_done(void *userdata, struct warta_fetch_result *result)
{
    struct warta_req *req = userdata;
    struct normalize_state *st = req->handler_state;
    st->fetched = malloc(sizeof(*st->fetched));
    if (!st->fetched)
        abort();
    *st->fetched = *result;
    warta_req_resume(req);
}

enum warta_err warta_handle_normalize(struct warta_req *req)
{
    struct normalize_state *st = warta_arena_alloc(&req->arena, sizeof(*st));
    struct warta_doc *doc = &st->doc;
    warta_doc_init(doc, &req->arena);
    enum warta_err rc;

    if (!strcmp(req->method, "GET")) {
        const char *url = warta_req_query(req, "url");
        if (!url || !*url)
            return warta_error_set(&req->err, WARTA_ERR_INVALID_REQUEST,
                                   "GET /v1/normalize needs ?url=");
        doc->kind = WARTA_INPUT_URL;
        doc->source.url = url;
    } else {
        if (req->body.len == 0)
            return warta_error_set(&req->err, WARTA_ERR_INVALID_REQUEST,
                                   "the request body is empty");
        const char *charset = NULL;
        const char *mt = warta_req_media_type(req, &charset);
        if (!mt)
            return warta_error_set(&req->err, WARTA_ERR_UNSUPPORTED_MEDIA,
                                   "Content-Type is missing; use "
                                   "application/json, text/plain or text/html");
        if (!strcmp(mt, "application/json"))
            rc = warta_doc_from_json(doc, req->body.data, req->body.len,
                                     req->env->request.max_json_depth, &req->err);
        else if (!strcmp(mt, "text/plain"))
            rc = warta_doc_from_bytes(doc, WARTA_INPUT_TEXT, charset,
                                      req->body.data, req->body.len, &req->err);
        else if (!strcmp(mt, "text/html") || !strcmp(mt, "application/xhtml+xml"))
            rc = warta_doc_from_bytes(doc, WARTA_INPUT_HTML, charset,
                                      req->body.data, req->body.len, &req->err);
        else
            return warta_error_set(&req->err, WARTA_ERR_UNSUPPORTED_MEDIA,
                                   "cannot read '%.100s'; use application/json, "
                                   "text/plain or text/html", mt);
        if (rc != WARTA_OK)
            return rc;
    }
    rc = query_options(req, doc);
    if (rc != WARTA_OK)
        return rc;
    if (!warta_accepts(req->accept, format_media[doc->opts.format]))
        return warta_error_set(&req->err, WARTA_ERR_NOT_ACCEPTABLE,
                               "format=%s answers %s, which Accept: %.100s "
                               "does not allow", warta_format_name(doc->opts.format),
                               format_media[doc->opts.format], req->accept);

    if (doc->kind == WARTA_INPUT_URL && req->env->fetcher) {
        req->handler_state = st;
        req->resume_handler = after_fetch;
        st->fetch_start = warta_now_usec();
        /* Suspend before submitting: the fetch may finish at once. */
        warta_req_suspend(req);
        rc = warta_fetcher_submit(req->env->fetcher, doc->source.url,
                                  fetch_done, req, &req->err);
        if (rc != WARTA_OK) {
            /* Wake the connection at once; the server answers with err. */
            req->resume_handler = NULL;
            req->err.stage = "fetch";
            warta_req_resume(req);
        }
        return rc;
    }
    return finish(req, doc, NULL);
}
