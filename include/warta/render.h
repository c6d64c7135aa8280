/*
 * warta/render.h - the document as bytes on the wire.
 *
 * The render stage writes the response body into doc->rendered;
 * warta_render_body() hands it over. Problem bodies (RFC 9457) are rendered
 * here too, so HTTP replies, batch lines and CLI lines share one shape.
 */
#ifndef WARTA_RENDER_H
#define WARTA_RENDER_H

#include <stddef.h>

#include "warta/article.h"
#include "warta/err.h"

/* Hands over the rendered body (malloc'd, caller frees; NULL if the render
 * stage has not run). *type gets a static media type. A trailing newline
 * is included (NDJSON-friendly). */
char *warta_render_body(struct warta_doc *doc, size_t *len, const char **type);

/* An application/problem+json body for err; malloc'd, caller frees.
 * instance (the request path) and request_id may be NULL. */
char *warta_problem_body(const struct warta_error *err, const char *instance,
                         const char *request_id, size_t *len);

/* Parses "native" | "ninjs" | "jsonld" | "text"; -1 when unknown. */
int warta_format_parse(const char *name, enum warta_format *out);
const char *warta_format_name(enum warta_format f);

/* Builders, one per file under handlers/render/: native writes its bytes
 * (malloc'd, newline-terminated); ninjs and jsonld return a json_t *. */
char *warta_render_native(const struct warta_doc *doc, size_t *len);
void *warta_render_ninjs(const struct warta_doc *doc);
void *warta_render_jsonld(const struct warta_doc *doc);
char *warta_render_text(const struct warta_doc *doc);

#endif
