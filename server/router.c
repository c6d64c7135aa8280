/* The route table: method + exact path -> handler in handlers/. */
#include <stdio.h>
#include <string.h>

#include "meta.h"
#include "server.h"
#include "warta/batch.h"
#include "warta/normalize.h"

/* A route has either a handler, called once the body is in, or a streamer,
 * which takes the body as it arrives. */
struct route {
    const char *method, *path;
    warta_handler_fn handler;
    const struct warta_streamer *stream;
};

static const struct route routes[] = {
    {"POST", "/v1/normalize", warta_handle_normalize, NULL},
    {"GET", "/v1/normalize", warta_handle_normalize, NULL},
    {"POST", "/v1/normalize/batch", NULL, &warta_batch_streamer},
    {"GET", "/", warta_handle_playground, NULL},
    {"GET", "/healthz", warta_handle_healthz, NULL},
    {"GET", "/readyz", warta_handle_readyz, NULL},
    {"GET", "/metrics", warta_handle_metrics, NULL},
    {"GET", "/openapi.yaml", warta_handle_openapi, NULL},
};

#define N_ROUTES (sizeof(routes) / sizeof(routes[0]))

warta_handler_fn warta_route(const char *method, const char *path,
                             struct warta_arena *arena, const char **allow,
                             const struct warta_streamer **stream,
                             struct warta_error *err)
{
    *stream = NULL;
    /* HEAD is answered like GET; MHD drops the body. */
    const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
    bool path_known = false;
    for (size_t i = 0; i < N_ROUTES; i++) {
        if (strcmp(routes[i].path, path) != 0)
            continue;
        path_known = true;
        if (strcmp(routes[i].method, m) == 0) {
            *stream = routes[i].stream;
            return routes[i].handler;
        }
    }
    if (!path_known) {
        warta_error_set(err, WARTA_ERR_NOT_FOUND, "no route %.200s", path);
        return NULL;
    }
    /* The Allow list for this path, built from the table. */
    char list[128] = "";
    for (size_t k = 0; k < N_ROUTES; k++) {
        if (strcmp(routes[k].path, path) != 0)
            continue;
        size_t used = strlen(list);
        snprintf(list + used, sizeof(list) - used, "%s%s%s", used ? ", " : "",
                 routes[k].method,
                 strcmp(routes[k].method, "GET") == 0 ? ", HEAD" : "");
    }
    *allow = warta_arena_strdup(arena, list);
    warta_error_set(err, WARTA_ERR_METHOD_NOT_ALLOWED,
                    "%.16s is not allowed on %.200s; use %s", method, path,
                    *allow);
    return NULL;
}
