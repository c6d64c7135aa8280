/*
 * handlers/meta.h - routes about the service itself rather than articles:
 * GET /metrics and GET /openapi.yaml (handlers/meta.c).
 */
#ifndef WARTA_META_H
#define WARTA_META_H

#include "warta/req.h"

/* GET /metrics: the Prometheus text exposition of warta/metrics.h. */
enum warta_err warta_handle_metrics(struct warta_req *req);

/* GET /openapi.yaml: the contract, embedded in the binary at build time. */
enum warta_err warta_handle_openapi(struct warta_req *req);

/* GET /: the playground page, embedded in the binary at build time
 * (handlers/playground.c). */
enum warta_err warta_handle_playground(struct warta_req *req);

#endif
