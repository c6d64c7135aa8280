/* Request helpers shared by the handlers; see include/warta/req.h. */
#include "warta/req.h"

#include <ctype.h>
#include <stdbool.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

const char *warta_req_query(const struct warta_req *req, const char *key)
{
    for (size_t i = 0; i < req->n_query; i++)
        if (strcmp(req->query[i].key, key) == 0)
            return req->query[i].value;
    return NULL;
}

void warta_req_respond(struct warta_req *req, int status, const char *type,
                       char *body, size_t len)
{
    free(req->resp_body);
    req->status = status;
    req->resp_type = type;
    req->resp_body = body;
    req->resp_len = len;
}

void warta_req_respond_str(struct warta_req *req, int status,
                           const char *type, const char *body)
{
    size_t n = strlen(body);
    char *copy = warta_xmalloc(n + 1);
    memcpy(copy, body, n + 1);
    warta_req_respond(req, status, type, copy, n);
}

void warta_req_suspend(struct warta_req *req)
{
    req->suspended = true;
    if (req->suspend_cb)
        req->suspend_cb(req);
}

void warta_req_resume(struct warta_req *req)
{
    if (req->resume_cb)
        req->resume_cb(req);
}

const char *warta_req_media_type(struct warta_req *req, const char **charset)
{
    if (charset)
        *charset = NULL;
    const char *ct = req->content_type;
    if (!ct)
        return NULL;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    size_t n = strcspn(ct, "; \t");
    if (n == 0)
        return NULL;
    char *mt = warta_arena_strndup(&req->arena, ct, n);
    for (char *p = mt; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    /* Parameters: look for charset=, quoted or not. */
    const char *p = ct + n;
    while (charset && (p = strchr(p, ';')) != NULL) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "charset=", 8) == 0) {
            p += 8;
            bool quoted = *p == '"';
            if (quoted)
                p++;
            size_t k = strcspn(p, quoted ? "\"" : "; \t");
            if (k)
                *charset = warta_arena_strndup(&req->arena, p, k);
            break;
        }
    }
    return mt;
}
