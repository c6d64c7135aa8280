/* render stage: pick the output builder for the requested format. */
#include "warta/render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "warta/arena.h"
#include "warta/stages.h"

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

static char *with_newline(char *s, size_t *len)
{
    size_t n = strlen(s);
    char *out = warta_xrealloc(s, n + 2);
    out[n] = '\n';
    out[n + 1] = '\0';
    *len = n + 1;
    return out;
}

/* ninjs and JSON-LD are built as jansson trees: small, and rarely asked. */
static void take_tree(struct warta_doc *doc, json_t *tree)
{
    char *s = json_dumps(tree, JSON_COMPACT);
    json_decref(tree);
    if (!s)
        abort();
    doc->rendered = with_newline(s, &doc->rendered_len);
}

enum warta_err warta_render_run(struct warta_doc *doc, struct warta_error *err)
{
    (void)err;
    free(doc->rendered);
    switch (doc->opts.format) {
    case WARTA_FORMAT_TEXT:
        doc->rendered = warta_xstrdup(warta_render_text(doc));
        doc->rendered_len = strlen(doc->rendered);
        doc->rendered_type = "text/plain; charset=utf-8";
        break;
    case WARTA_FORMAT_NINJS:
        take_tree(doc, warta_render_ninjs(doc));
        doc->rendered_type = "application/json";
        break;
    case WARTA_FORMAT_JSONLD:
        take_tree(doc, warta_render_jsonld(doc));
        doc->rendered_type = "application/ld+json";
        break;
    case WARTA_FORMAT_NATIVE:
        doc->rendered = warta_render_native(doc, &doc->rendered_len);
        doc->rendered_type = "application/json";
        break;
    }
    return WARTA_OK;
}

char *warta_render_body(struct warta_doc *doc, size_t *len, const char **type)
{
    char *body = doc->rendered;
    *len = doc->rendered_len;
    *type = doc->rendered_type;
    doc->rendered = NULL;
    doc->rendered_len = 0;
    return body;
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
