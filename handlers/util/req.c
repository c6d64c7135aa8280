/* Request helpers shared by the handlers; see include/warta/req.h. */
#include "warta/req.h"

#include <ctype.h>
#include <stdbool.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "warta/str.h"

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

/* Whether an If-None-Match list names etag: "*", or an entry equal to it
 * once a weak prefix and the gzip variant's suffix are set aside (the
 * server adds "-gzip" when it compresses; both name the same content). */
static bool etag_listed(const char *list, const char *etag)
{
    struct warta_str want = warta_str_make(etag + 1, strlen(etag) - 2);
    for (const char *p = list; *p;) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, ",");
        struct warta_str e = warta_str_trim(warta_str_make(p, n));
        p += n;
        if (e.len == 1 && e.p[0] == '*')
            return true;
        if (e.len >= 2 && e.p[0] == 'W' && e.p[1] == '/') {
            e.p += 2;
            e.len -= 2;
        }
        if (e.len < 2 || e.p[0] != '"' || e.p[e.len - 1] != '"')
            continue;
        e.p++;
        e.len -= 2;
        if (e.len > 5 && memcmp(e.p + e.len - 5, "-gzip", 5) == 0)
            e.len -= 5;
        if (e.len == want.len && memcmp(e.p, want.p, e.len) == 0)
            return true;
    }
    return false;
}

void warta_req_respond_static(struct warta_req *req, const char *type,
                              const void *data, size_t len, const char *etag)
{
    req->etag = etag;
    /* A 304 keeps the body too: the server sends only its headers, whose
     * Content-Length must be what the 200 would have sent (RFC 9110
     * 8.6), compressed or not. */
    int status = req->if_none_match && etag_listed(req->if_none_match, etag)
                     ? 304
                     : 200;
    char *body = warta_xmalloc(len + 1);
    memcpy(body, data, len);
    body[len] = '\0';
    warta_req_respond(req, status, type, body, len);
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

/* Also serves Accept-Encoding: a coding such as "gzip" has no '/', so only
 * an entry naming it exactly matches. */
bool warta_accepts(const char *accept, const char *media)
{
    if (!accept)
        return true;
    size_t type_len = strcspn(media, "/");
    for (const char *p = accept; *p;) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, ",");
        struct warta_str entry = warta_str_make(p, n);
        size_t range_len = strcspn(p, ";,");
        struct warta_str range = warta_str_trim(warta_str_make(p, range_len < n ? range_len : n));
        bool refused = false;
        long q = warta_str_ifind(entry, "q=");
        if (q >= 0)
            refused = strtod(entry.p + q + 2, NULL) <= 0.0;
        bool match = warta_str_ieq(range, "*/*") || warta_str_ieq(range, media) ||
                     (range.len == type_len + 2 && strncasecmp(range.p, media, type_len) == 0 &&
                      range.p[type_len] == '/' && range.p[type_len + 1] == '*');
        if (match && !refused)
            return true;
        p += n;
    }
    return false;
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
