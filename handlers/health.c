/* Liveness and readiness for orchestrators and proxies. */
#include <string.h>

#include "warta/index.h"
#include "warta/normalize.h"

enum warta_err warta_handle_healthz(struct warta_req *req)
{
    warta_req_respond_str(req, 200, "application/json", "{\"status\":\"ok\"}\n");
    return WARTA_OK;
}

/* Ready when every dependency that requests need is reachable. */
enum warta_err warta_handle_readyz(struct warta_req *req)
{
    if (req->env->index && !warta_index_ready(req->env->index))
        return warta_error_set(&req->err, WARTA_ERR_INDEX_UNAVAILABLE,
                               "the near-duplicate index is unreachable; "
                               "articles are still normalized");
    warta_req_respond_str(req, 200, "application/json", "{\"status\":\"ready\"}\n");
    return WARTA_OK;
}
