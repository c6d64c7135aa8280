/*
 * warta/normalize.h - the routes' handlers (HTTP-free) and the request
 * decoding the CLI shares with them.
 */
#ifndef WARTA_NORMALIZE_H
#define WARTA_NORMALIZE_H

#include "warta/article.h"
#include "warta/pipeline.h"
#include "warta/stages.h"
#include "warta/req.h"

/* POST/GET /v1/normalize */
enum warta_err warta_handle_normalize(struct warta_req *req);
/* GET /healthz, GET /readyz */
enum warta_err warta_handle_healthz(struct warta_req *req);
enum warta_err warta_handle_readyz(struct warta_req *req);

/* Fills doc from a JSON request object ({"text"|"html"|"url", "base_url",
 * "options"}). body need not be NUL-terminated. */
enum warta_err warta_doc_from_json(struct warta_doc *doc, const char *body,
                                   size_t len, long max_depth,
                                   struct warta_error *err);

/* Applies one option by name ("format", "explain", "remember", "lang")
 * from its text form (query string or CLI). */
enum warta_err warta_doc_set_option(struct warta_doc *doc, const char *name,
                                    const char *value,
                                    struct warta_error *err);

#endif
