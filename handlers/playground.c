/*
 * GET /: the playground, one self-contained page (handlers/playground.html:
 * markup, style and script in one file, no external resources) compiled
 * into the binary like openapi.yaml, so it always matches the service that
 * serves it.
 */
#include "meta.h"

#include "playground_html.h"

enum warta_err warta_handle_playground(struct warta_req *req)
{
    /* The generated array carries a trailing NUL that is not the page's. */
    warta_req_respond_static(req, "text/html; charset=utf-8",
                             warta_playground_html,
                             sizeof(warta_playground_html) - 1,
                             warta_playground_html_etag);
    return WARTA_OK;
}
