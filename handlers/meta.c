/*
 * GET /metrics and GET /openapi.yaml. The contract is compiled in (from
 * build/gen/openapi_yaml.h, generated from openapi.yaml by the Makefile)
 * so the served document is exactly the one the binary was built against,
 * whatever the working directory of the process.
 */
#include "meta.h"

#include <string.h>

#include "openapi_yaml.h"
#include "warta/arena.h"
#include "warta/metrics.h"

enum warta_err warta_handle_metrics(struct warta_req *req)
{
    size_t len;
    char *body = warta_metrics_render(&len);
    warta_req_respond(req, 200, WARTA_METRICS_CONTENT_TYPE, body, len);
    return WARTA_OK;
}

enum warta_err warta_handle_openapi(struct warta_req *req)
{
    /* The generated array carries a trailing NUL that is not part of
     * the document. */
    warta_req_respond_static(req, "application/yaml", warta_openapi_yaml,
                             sizeof(warta_openapi_yaml) - 1,
                             warta_openapi_yaml_etag);
    return WARTA_OK;
}
