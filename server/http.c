/*
 * The HTTP adapter: the only file that includes <microhttpd.h>. It turns
 * MHD's multi-call access handler into one call of a route handler over a
 * struct warta_req, and every outcome into one response.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "access.h"
#include "server.h"
#include "warta/clock.h"
#include "warta/fetch.h"
#include "warta/log.h"
#include "warta/metrics.h"
#include "warta/render.h"
#include "warta/str.h"

/* The server's view of a request: the handlers' req plus MHD's handle. */
struct server_req {
    struct warta_req req; /* first member: handlers see only this */
    struct MHD_Connection *conn;
    bool handled;     /* the route handler has been called */
    bool responded;   /* a response has been queued */
    atomic_bool woken; /* resume_cb ran */
    size_t discarded; /* body bytes dropped after a refusal */
    char client[WARTA_ACCESS_ADDR_SIZE]; /* see warta_access_client() */
    struct warta_access_out access;      /* key name, CORS, Retry-After... */
    warta_handler_fn handler;             /* the route's, or NULL */
    const struct warta_streamer *stream;  /* or the route's streamer */
    size_t bytes_in;  /* body bytes a streamer took */
    struct gzip_stream *gz; /* a streamed body being compressed */
};

/* Request ids: caller's X-Request-Id when it is short and printable, else
 * 128 random bits in hex. */
static bool request_id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= WARTA_REQ_ID_SIZE)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x21 || s[i] > 0x7e || s[i] == '"' || s[i] == '\\')
            return false;
    return true;
}

/* 128 bits from a per-thread splitmix64 stream seeded once from the
 * kernel: ids must not collide, not resist prediction, and a syscall per
 * request cost more than the id is worth. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void new_request_id(char *out, size_t n)
{
    static _Thread_local uint64_t state;
    static _Thread_local bool seeded;
    if (!seeded) {
        if (getrandom(&state, sizeof(state), 0) != (ssize_t)sizeof(state))
            state = (uint64_t)warta_now_usec() ^ (uint64_t)(uintptr_t)&state;
        seeded = true;
    }
    uint64_t hi = splitmix64(&state), lo = splitmix64(&state);
    char hex[32];
    warta_hex64(hex, hi);
    warta_hex64(hex + 16, lo);
    size_t k = n - 1 < sizeof(hex) ? n - 1 : sizeof(hex);
    memcpy(out, hex, k);
    out[k] = '\0';
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind,
                                     const char *key, const char *value)
{
    (void)kind;
    struct warta_req *req = cls;
    if (req->n_query >= WARTA_REQ_MAX_QUERY)
        return MHD_NO;
    req->query[req->n_query].key = warta_arena_strdup(&req->arena, key);
    req->query[req->n_query].value =
        warta_arena_strdup(&req->arena, value ? value : "");
    req->n_query++;
    return MHD_YES;
}

/* Requests suspended and not yet taken up again: MHD_stop_daemon() panics
 * while a connection is still suspended, so shutdown waits for zero. */
static atomic_long n_suspended;

static void on_suspend(struct warta_req *req)
{
    struct server_req *sr = (struct server_req *)req;
    atomic_fetch_add(&n_suspended, 1);
    MHD_suspend_connection(sr->conn);
}

static void on_resume(struct warta_req *req)
{
    struct server_req *sr = (struct server_req *)req;
    atomic_store(&sr->woken, true);
    MHD_resume_connection(sr->conn);
}

/* Bodies over this size are compressed for clients that accept gzip;
 * below it the gzip framing (18 bytes) and the CPU buy too little. */
#define GZIP_MIN_BYTES 1024
/* zlib's level 1: the seed article's 6,030 bytes of native JSON become
 * 1,883, against 1,783 at the default level 6, for about a tenth less CPU
 * (measured with Python's zlib on this machine). */
#define GZIP_LEVEL 1

static bool wants_gzip(const struct warta_req *req)
{
    return req->accept_encoding && warta_accepts(req->accept_encoding, "gzip");
}

static void gzip_init(z_stream *z)
{
    memset(z, 0, sizeof(*z));
    /* 15 + 16: a gzip wrapper rather than zlib's own. */
    if (deflateInit2(z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        abort(); /* only out of memory: the OOM policy */
}

/* Compresses a whole body; returns the malloc'd gzip bytes. */
static char *gzip_buffer(const char *p, size_t n, size_t *out_len)
{
    z_stream z;
    gzip_init(&z);
    size_t cap = deflateBound(&z, n);
    char *out = warta_xmalloc(cap);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        abort(); /* deflateBound guarantees room */
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

static void add_common_headers(struct MHD_Response *resp,
                               const struct server_req *sr, bool gzipped)
{
    const struct warta_req *req = &sr->req;
    if (req->status != 204)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, req->resp_type);
    for (size_t i = 0; i < sr->access.n_headers; i++)
        MHD_add_response_header(resp, sr->access.headers[i].name,
                                sr->access.headers[i].value);
    MHD_add_response_header(resp, "X-Request-Id", req->id);
    /* Whether a body is compressed depends on Accept-Encoding. */
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    if (gzipped)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    if (req->etag) {
        /* The compressed bytes are another representation: their own
         * strong validator, "hex-gzip". */
        char tag[64];
        size_t n = strlen(req->etag);
        if (gzipped && n >= 2 && n + 5 < sizeof(tag)) {
            snprintf(tag, sizeof(tag), "%.*s-gzip\"", (int)(n - 1), req->etag);
            MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, tag);
        } else {
            MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, req->etag);
        }
        /* Static, but not forever: a new build changes it. */
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
    } else {
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    }
}

static enum MHD_Result send_response(struct server_req *sr)
{
    struct warta_req *req = &sr->req;
    if (req->err.code != WARTA_OK || !req->resp_body) {
        if (req->err.code == WARTA_OK)
            warta_error_set(&req->err, WARTA_ERR_INTERNAL,
                            "handler produced no response");
        if (req->err.code == WARTA_ERR_INTERNAL)
            WARTA_LOG(WARTA_LOG_ERROR, "internal-error", req->id, "%s: %s",
                      req->err.stage ? req->err.stage : "server",
                      req->err.detail);
        size_t len;
        char *body = warta_problem_body(&req->err, req->path, req->id, &len);
        warta_req_respond(req, warta_err_http_status(req->err.code),
                          "application/problem+json", body, len);
    }
    bool gzipped = req->resp_len > GZIP_MIN_BYTES && wants_gzip(req);
    if (gzipped) {
        size_t n;
        char *z = gzip_buffer(req->resp_body, req->resp_len, &n);
        free(req->resp_body);
        req->resp_body = z;
        req->resp_len = n;
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(
        req->resp_len, req->resp_body, free);
    if (!resp)
        return MHD_NO;
    req->resp_body = NULL; /* MHD frees it now */
    add_common_headers(resp, sr, gzipped);
    if (req->err.code == WARTA_ERR_METHOD_NOT_ALLOWED && req->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, req->allow);
    enum MHD_Result r = MHD_queue_response(sr->conn, (unsigned int)req->status, resp);
    MHD_destroy_response(resp);
    sr->responded = true;
    return r;
}

/* ---- access control hooks (server/access.c) ---- */

struct xff_join {
    char *p;
    size_t len, cap;
};

/* Every X-Forwarded-For header, in order, joined with commas: a proxy
 * may add its own header line rather than extend the first. */
static enum MHD_Result join_xff(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value)
{
    (void)kind;
    struct xff_join *j = cls;
    if (!value || strcasecmp(key, "X-Forwarded-For") != 0)
        return MHD_YES;
    size_t n = strlen(value);
    if (j->len + n + 2 > j->cap)
        return MHD_NO; /* longer than any proxy chain worth reading */
    if (j->len)
        j->p[j->len++] = ',';
    memcpy(j->p + j->len, value, n);
    j->len += n;
    j->p[j->len] = '\0';
    return MHD_YES;
}

static void client_address(struct server_req *sr)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(sr->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char xff[2048];
    struct xff_join j = {xff, 0, sizeof(xff)};
    xff[0] = '\0';
    MHD_get_connection_values(sr->conn, MHD_HEADER_KIND, join_xff, &j);
    warta_access_client(ci ? ci->client_addr : NULL, j.len ? xff : NULL,
                        sr->client, sizeof(sr->client));
}

/* API key, rate limit and CORS, before the body is read. True when the
 * request is answered here: a refusal, or a CORS preflight (204). */
static bool access_refused(struct server_req *sr)
{
    struct warta_req *req = &sr->req;
    struct MHD_Connection *c = sr->conn;
    struct warta_access_req in = {
        .method = req->method,
        .path = req->path,
        .client = sr->client,
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_AUTHORIZATION),
        .api_key = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-API-Key"),
        .origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"),
        .preflight_method = MHD_lookup_connection_value(
            c, MHD_HEADER_KIND, "Access-Control-Request-Method"),
    };
    if (warta_access_check(&in, warta_now_usec(), &sr->access, &req->err) !=
        WARTA_OK)
        return true;
    if (sr->access.preflight) {
        warta_req_respond(req, 204, NULL, warta_xcalloc(1, 1), 0);
        return true;
    }
    return false;
}

static struct server_req *create_req(struct MHD_Connection *conn,
                                     const struct warta_env *env,
                                     const char *method, const char *url)
{
    struct server_req *sr = warta_xcalloc(1, sizeof(*sr));
    struct warta_req *req = &sr->req;
    warta_arena_init(&req->arena);
    sr->conn = conn;
    req->env = env;
    req->start_usec = warta_now_usec();
    req->method = warta_arena_strdup(&req->arena, method);
    req->path = warta_arena_strdup(&req->arena, url);
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_TYPE);
    req->content_type = ct ? warta_arena_strdup(&req->arena, ct) : NULL;
    const char *accept = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_ACCEPT);
    req->accept = accept ? warta_arena_strdup(&req->arena, accept) : NULL;
    const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                  MHD_HTTP_HEADER_IF_NONE_MATCH);
    req->if_none_match = inm ? warta_arena_strdup(&req->arena, inm) : NULL;
    const char *ae = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    req->accept_encoding = ae ? warta_arena_strdup(&req->arena, ae) : NULL;
    const char *rid = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                  "X-Request-Id");
    if (rid && request_id_ok(rid))
        snprintf(req->id, sizeof(req->id), "%s", rid);
    else
        new_request_id(req->id, sizeof(req->id));
    warta_buf_init(&req->body, env->request.max_body);
    client_address(sr);
    req->suspend_cb = on_suspend;
    req->resume_cb = on_resume;
    if (MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query,
                                  req) < 0 ||
        req->n_query >= WARTA_REQ_MAX_QUERY)
        warta_error_set(&req->err, WARTA_ERR_INVALID_REQUEST,
                        "too many query parameters (at most %d)",
                        WARTA_REQ_MAX_QUERY - 1);
    return sr;
}

/* A streamed body being gzip-compressed as it goes. Every chunk the
 * streamer hands over is flushed (Z_SYNC_FLUSH), so a result line leaves
 * when it is ready rather than when a deflate block fills. */
struct gzip_stream {
    z_stream z;
    char in[16384];
    bool input_done; /* the streamer returned -1 */
    bool finished;   /* the gzip trailer is written */
    bool more;       /* deflate filled the last output: it may hold more */
};

static ssize_t gzip_read(struct server_req *sr, char *buf, size_t max)
{
    struct gzip_stream *g = sr->gz;
    z_stream *z = &g->z;
    if (g->finished)
        return MHD_CONTENT_READER_END_OF_STREAM;
    z->next_out = (Bytef *)buf;
    z->avail_out = (uInt)max;
    for (;;) {
        if (z->avail_in == 0 && !g->input_done && !g->more) {
            if (z->avail_out < max)
                break; /* what is compressed leaves before any wait */
            long n = sr->stream->read(&sr->req, g->in, sizeof(g->in));
            if (n == 0)
                return 0; /* suspended until the streamer resumes us */
            if (n < 0) {
                g->input_done = true;
            } else {
                z->next_in = (Bytef *)g->in;
                z->avail_in = (uInt)n;
            }
        }
        if (deflate(z, g->input_done ? Z_FINISH : Z_SYNC_FLUSH) == Z_STREAM_END) {
            g->finished = true;
            break;
        }
        g->more = z->avail_out == 0;
        if (g->more)
            break;
    }
    return (ssize_t)(max - z->avail_out);
}

/* MHD asks for the next bytes of a streamed body. */
static ssize_t stream_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct server_req *sr = cls;
    struct warta_req *req = &sr->req;
    if (req->suspended) {
        /* Called again after the streamer resumed us. */
        req->suspended = false;
        atomic_store(&sr->woken, false);
        atomic_fetch_sub(&n_suspended, 1);
    }
    ssize_t n;
    if (sr->gz) {
        n = gzip_read(sr, buf, max);
    } else {
        long k = sr->stream->read(req, buf, max);
        n = k < 0 ? MHD_CONTENT_READER_END_OF_STREAM : (ssize_t)k;
    }
    if (n > 0)
        req->resp_len += (size_t)n;
    return n;
}

/* The streamer set req->resp_stream: a chunked body read from it. Always
 * compressed for a client that accepts gzip, since its size is unknown. */
static enum MHD_Result send_stream(struct server_req *sr)
{
    struct warta_req *req = &sr->req;
    req->resp_len = 0; /* counts the bytes sent, for the access log */
    bool gzipped = wants_gzip(req);
    if (gzipped) {
        sr->gz = warta_xcalloc(1, sizeof(*sr->gz));
        gzip_init(&sr->gz->z);
    }
    struct MHD_Response *resp = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, 16 * 1024, stream_reader, sr, NULL);
    if (!resp)
        return MHD_NO;
    add_common_headers(resp, sr, gzipped);
    enum MHD_Result r = MHD_queue_response(sr->conn, (unsigned int)req->status, resp);
    MHD_destroy_response(resp);
    sr->responded = true;
    return r;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn,
                                      const char *url, const char *method,
                                      const char *version,
                                      const char *upload_data,
                                      size_t *upload_data_size, void **req_cls)
{
    (void)version;
    const struct warta_env *env = cls;
    struct server_req *sr = *req_cls;

    if (!sr) {
        sr = create_req(conn, env, method, url);
        *req_cls = sr;
        struct warta_req *req = &sr->req;
        if (req->err.code != WARTA_OK || access_refused(sr))
            return send_response(sr);
        /* Refuse a declared oversize body before reading any of it. */
        const char *cl = MHD_lookup_connection_value(
            conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > env->request.max_body) {
                warta_error_set(&req->err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                "the body is larger than the %zu-byte limit "
                                "(--max-body)", env->request.max_body);
                return send_response(sr);
            }
        }
        /* A route failure is answered once the body is in (and not
         * stored); a streamer decides before the first body byte. */
        sr->handler = warta_route(req->method, req->path, &req->arena,
                                  &req->allow, &sr->stream, &req->err);
        if (sr->stream && sr->stream->begin(req) != WARTA_OK)
            return send_response(sr);
        return MHD_YES;
    }
    struct warta_req *req = &sr->req;

    if (sr->responded) {
        *upload_data_size = 0; /* discard the rest of a refused body */
        return MHD_YES;
    }

    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (req->err.code == WARTA_OK) {
            if (sr->stream) {
                sr->bytes_in += n;
                /* The server's cap holds for chunked bodies too. */
                if (sr->bytes_in > env->request.max_body)
                    warta_error_set(&req->err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                    "the body is larger than the %zu-byte "
                                    "limit (--max-body)", env->request.max_body);
                else
                    sr->stream->feed(req, upload_data, n);
            } else if (warta_buf_append(&req->body, upload_data, n) < 0) {
                warta_error_set(&req->err, WARTA_ERR_PAYLOAD_TOO_LARGE,
                                "the body is larger than the %zu-byte limit "
                                "(--max-body)", env->request.max_body);
            }
        }
        if (req->err.code != WARTA_OK) {
            /* MHD cannot queue a response while body data is arriving
             * (chunked bodies have no length to refuse up front), and
             * closing now would reset the socket before the client reads
             * a 413. So drop the rest unstored and answer at its end; a
             * client still sending after another --max-body is cut off. */
            sr->discarded += n;
            if (sr->discarded > env->request.max_body)
                return MHD_NO;
        }
        return MHD_YES;
    }

    if (!sr->handled) {
        sr->handled = true;
        if (req->err.code != WARTA_OK)
            return send_response(sr);
        if (sr->stream) {
            enum warta_err rc = sr->stream->end(req);
            if (rc != WARTA_OK && req->err.code == WARTA_OK)
                req->err.code = rc;
            if (rc == WARTA_OK && req->resp_stream)
                return send_stream(sr);
            return send_response(sr);
        }
        enum warta_err rc = sr->handler(req);
        if (req->suspended) {
            /* Woken later by the fetch thread (or at once on failure). */
            if (rc != WARTA_OK && req->err.code == WARTA_OK)
                req->err.code = rc;
            return MHD_YES;
        }
        if (rc != WARTA_OK && req->err.code == WARTA_OK)
            req->err.code = rc;
        return send_response(sr);
    }

    /* Called again after a resume. */
    if (req->suspended && atomic_load(&sr->woken)) {
        req->suspended = false;
        atomic_fetch_sub(&n_suspended, 1);
        warta_handler_fn next = req->resume_handler;
        req->resume_handler = NULL;
        if (next) {
            enum warta_err rc = next(req);
            if (rc != WARTA_OK && req->err.code == WARTA_OK)
                req->err.code = rc;
        }
        return send_response(sr);
    }
    return MHD_YES;
}

/* Method and path are client bytes: in a JSON log line, anything that
 * would need escaping or is not ASCII becomes '?' (a quote broke lines). */
static void log_safe(char *out, size_t n, const char *s)
{
    size_t i = 0;
    for (; s && s[i] && i + 1 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '?'
                                                               : (char)c;
    }
    out[i] = '\0';
}

/* The access line's members, written by hand: snprintf's parsing of a
 * seven-field format was most of what the line cost. Each part is cut to
 * the room left; the line is always NUL-terminated. */
struct members {
    char p[512];
    size_t len;
};

static void put(struct members *m, const char *s, size_t n)
{
    size_t room = sizeof(m->p) - 1 - m->len;
    if (n > room)
        n = room;
    memcpy(m->p + m->len, s, n);
    m->len += n;
    m->p[m->len] = '\0';
}

#define PUT_LIT(m, s) put(m, s, sizeof(s) - 1)

static void put_int(struct members *m, int64_t v)
{
    char num[20];
    put(m, num, warta_format_i64(num, v));
}

static void log_access(const struct server_req *sr, bool completed)
{
    const struct warta_req *req = &sr->req;
    char method[17], path[201];
    log_safe(method, sizeof(method), req->method);
    log_safe(path, sizeof(path), req->path);
    struct members m = {.len = 0};
    m.p[0] = '\0';
    PUT_LIT(&m, "\"request_id\":\"");
    put(&m, req->id, strlen(req->id));
    PUT_LIT(&m, "\",\"client\":\"");
    put(&m, sr->client, strlen(sr->client));
    if (sr->access.key[0]) {
        PUT_LIT(&m, "\",\"key\":\"");
        put(&m, sr->access.key, strlen(sr->access.key));
    }
    PUT_LIT(&m, "\",\"method\":\"");
    put(&m, method, strlen(method));
    PUT_LIT(&m, "\",\"path\":\"");
    put(&m, path, strlen(path));
    PUT_LIT(&m, "\",\"status\":");
    put_int(&m, req->status);
    PUT_LIT(&m, ",\"bytes_in\":");
    put_int(&m, (int64_t)(req->body.len + sr->bytes_in));
    PUT_LIT(&m, ",\"bytes_out\":");
    put_int(&m, (int64_t)req->resp_len);
    PUT_LIT(&m, ",\"duration_us\":");
    put_int(&m, warta_now_usec() - req->start_usec);
    if (!completed)
        PUT_LIT(&m, ",\"aborted\":true");
    warta_log_raw(WARTA_LOG_INFO, "access", m.p);
}

static void request_completed(void *cls, struct MHD_Connection *conn,
                              void **req_cls,
                              enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    struct server_req *sr = *req_cls;
    if (!sr)
        return;
    struct warta_req *req = &sr->req;
    warta_metrics_request(req->path,
                          toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? req->status : 0,
                          req->err.code, warta_now_usec() - req->start_usec);
    if (warta_log_enabled(WARTA_LOG_INFO))
        log_access(sr, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
    if (req->suspended)
        atomic_fetch_sub(&n_suspended, 1);
    if (sr->stream)
        sr->stream->release(req);
    if (sr->gz) {
        deflateEnd(&sr->gz->z);
        free(sr->gz);
    }
    warta_buf_free(&req->body);
    free(req->resp_body);
    warta_arena_free(&req->arena);
    free(sr);
    *req_cls = NULL;
}

/* MHD passes its own printf formats. */
__attribute__((format(printf, 2, 0)))
static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    WARTA_LOG(WARTA_LOG_WARN, "mhd", NULL, "%s", msg);
}

static int resolve_bind(const char *bind, struct sockaddr_storage *ss,
                        bool *ipv6)
{
    memset(ss, 0, sizeof(*ss));
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, bind, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        *ipv6 = false;
        return 0;
    }
    if (inet_pton(AF_INET6, bind, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        *ipv6 = true;
        return 0;
    }
    if (strcmp(bind, "localhost") == 0) {
        in4->sin_family = AF_INET;
        in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        *ipv6 = false;
        return 0;
    }
    return -1;
}

int warta_serve(const struct warta_config *cfg, struct warta_env *env)
{
    struct sockaddr_storage ss;
    bool ipv6 = false;
    if (resolve_bind(cfg->bind, &ss, &ipv6) < 0) {
        fprintf(stderr, "warta: --bind '%s' is not an IP address\n", cfg->bind);
        return 2;
    }
    if (ipv6)
        ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)cfg->port);
    else
        ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)cfg->port);

    long threads = cfg->threads;
    if (threads <= 0) {
        threads = sysconf(_SC_NPROCESSORS_ONLN);
        if (threads < 1)
            threads = 1;
    }
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                         MHD_ALLOW_SUSPEND_RESUME | MHD_USE_AUTO |
                         MHD_USE_ITC;
    if (ipv6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, access_handler, env,
        /* First, so that MHD reports even option errors through it. */
        MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)((cfg->connection_timeout_ms + 999) / 1000),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->connection_memory,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "warta: cannot listen on %s port %ld: %s\n", cfg->bind,
                cfg->port, strerror(errno));
        return 1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : (unsigned)cfg->port;
    char members[256];
    snprintf(members, sizeof(members),
             "\"bind\":\"%.64s\",\"port\":%u,\"threads\":%ld", cfg->bind, port,
             threads);
    warta_log_raw(WARTA_LOG_INFO, "listening", members);
    /* After the listening line, which scripts wait for. */
    if (warta_log_buffer_start(cfg->log_flush_ms) < 0)
        WARTA_LOG(WARTA_LOG_WARN, "log", NULL,
                  "cannot start the log flusher; every line is written at once");

    /* main() blocked these signals before any thread started, so they
     * are delivered here and nowhere else. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGHUP);
    int sig = 0;
    for (;;) {
        if (sigwait(&stop_signals, &sig) != 0)
            continue;
        if (sig != SIGHUP)
            break;
        /* SIGHUP re-reads the API keys; a broken file keeps the old ones. */
        char msg[512];
        size_t n_keys = 0;
        if (warta_access_reload(msg, sizeof(msg), &n_keys) < 0)
            WARTA_LOG(WARTA_LOG_WARN, "keys-reload", NULL,
                      "%s; the keys loaded before stay in force", msg);
        else
            WARTA_LOG(WARTA_LOG_INFO, "keys-reload", NULL, "%zu API keys", n_keys);
    }

    /* Drain: stop accepting, let requests in flight finish, then stop. */
    snprintf(members, sizeof(members), "\"signal\":%d", sig);
    warta_log_raw(WARTA_LOG_INFO, "draining", members);
    MHD_socket listen_fd = MHD_quiesce_daemon(d);
    /* Shut now, not after the drain: an open socket nobody accepts on
     * lets new connections queue unanswered until the drain ends, while
     * a shut one refuses them at once, so a proxy retries them on
     * another replica straight away (docker/nginx.conf). Closed only
     * after MHD_stop_daemon(): MHD's polling thread takes the socket out
     * of its epoll set after quiesce returns, and panics if the fd is
     * already closed by then. */
    if (listen_fd != MHD_INVALID_SOCKET)
        shutdown(listen_fd, SHUT_RDWR);
    for (int i = 0; i < 300; i++) {
        const union MHD_DaemonInfo *ci =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!ci || ci->num_connections == 0)
            break;
        usleep(100 * 1000);
    }
    /* Fetches still in flight fail now and resume their connections, which
     * must answer before MHD_stop_daemon() (it panics on a suspended
     * connection and would free requests the fetch thread still holds). */
    warta_fetcher_close(env->fetcher);
    env->fetcher = NULL;
    for (int i = 0; i < 100 && atomic_load(&n_suspended) > 0; i++)
        usleep(50 * 1000);
    MHD_stop_daemon(d);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    warta_log_buffer_stop();
    warta_log_raw(WARTA_LOG_INFO, "stopped", "\"exit\":0");
    return 0;
}
