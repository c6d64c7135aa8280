/* render stage: pick the output builder for the requested format. */
#include "warta/render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "warta/pipeline.h"

static const char *const format_names[] = {
    [WARTA_FORMAT_NATIVE] = "native",
    [WARTA_FORMAT_NINJS] = "ninjs",
    [WARTA_FORMAT_JSONLD] = "jsonld",
    [WARTA_FORMAT_TEXT] = "text",
};

int warta_format_parse(const char *name, enum warta_format *out)
{
    for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
        if (strcmp(name, format_names[i]) == 0) {
            *out = (enum warta_format)i;
            return 0;
        }
    return -1;
}

const char *warta_format_name(enum warta_format f)
{
    return format_names[f];
}

static void json_release(void *j)
{
    json_decref(j);
}

enum warta_err warta_render_run(struct warta_doc *doc,
                                const struct warta_env *env,
                                struct warta_error *err)
{
    (void)env;
    (void)err;
    switch (doc->opts.format) {
    case WARTA_FORMAT_TEXT:
        doc->rendered_text = warta_render_text(doc);
        return WARTA_OK;
    case WARTA_FORMAT_NINJS:
        doc->rendered_json = warta_render_ninjs(doc);
        break;
    case WARTA_FORMAT_JSONLD:
        doc->rendered_json = warta_render_jsonld(doc);
        break;
    case WARTA_FORMAT_NATIVE:
        doc->rendered_json = warta_render_native(doc);
        break;
    }
    doc->rendered_json_free = json_release;
    return WARTA_OK;
}

static char *with_newline(char *s, size_t *len)
{
    size_t n = strlen(s);
    char *out = realloc(s, n + 2);
    if (!out)
        abort();
    out[n] = '\n';
    out[n + 1] = '\0';
    *len = n + 1;
    return out;
}

char *warta_render_body(const struct warta_doc *doc, size_t *len,
                        const char **type)
{
    if (doc->rendered_text) {
        *type = "text/plain; charset=utf-8";
        size_t n = strlen(doc->rendered_text);
        char *out = malloc(n + 1);
        if (!out)
            abort();
        memcpy(out, doc->rendered_text, n + 1);
        *len = n;
        return out;
    }
    *type = doc->opts.format == WARTA_FORMAT_JSONLD
                ? "application/ld+json"
                : "application/json";
    char *s = json_dumps(doc->rendered_json, JSON_COMPACT);
    if (!s)
        abort();
    return with_newline(s, len);
}

char *warta_problem_body(const struct warta_error *err, const char *instance,
                         const char *request_id, size_t *len)
{
    enum warta_err code = err->code;
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(warta_err_slug(code)));
    json_object_set_new(o, "title", json_string(warta_err_title(code)));
    json_object_set_new(o, "status", json_integer(warta_err_http_status(code)));
    /* Internal failures keep their detail in the log, not the reply. */
    const char *detail = code == WARTA_ERR_INTERNAL
                             ? "an internal error occurred; see the service log"
                             : err->detail;
    if (detail && *detail)
        json_object_set_new(o, "detail", json_string(detail));
    if (instance)
        json_object_set_new(o, "instance", json_string(instance));
    if (request_id)
        json_object_set_new(o, "request_id", json_string(request_id));
    if (err->stage)
        json_object_set_new(o, "stage", json_string(err->stage));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!s)
        abort();
    return with_newline(s, len);
}
