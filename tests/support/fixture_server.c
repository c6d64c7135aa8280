/*
 * The fake upstream of the fetch tests; see fixture_server.h. One thread per
 * connection: a route may simply sleep, and 64 sleeping requests still
 * overlap.
 */
#include "fixture_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <zlib.h>

struct fixture_server {
    struct MHD_Daemon *daemon;
    unsigned port;
    atomic_ulong hits;
    atomic_bool stopping;
    unsigned char *bomb; /* gzip of FIXTURE_BOMB_BYTES zero bytes */
    size_t bomb_len;
};

/* The article body; %s slots take the words that carry é so one template
 * serves UTF-8 and Latin-1 pages. */
#define ARTICLE_HEAD                                                          \
    "<!DOCTYPE html>\n<html lang=\"id\"><head>%s"                             \
    "<title>Menlu Prancis %s kunjungi Jakarta - Fixture News</title></head>\n" \
    "<body><header><nav><a href=\"/\">Beranda</a> <a href=\"/politik\">"      \
    "Politik</a> <a href=\"/ekonomi\">Ekonomi</a></nav></header>\n"           \
    "<main><article><h1>Menlu Prancis %s kunjungi Jakarta</h1>\n"

#define ARTICLE_BODY                                                          \
    "<p>Jakarta (Fixture) - Menteri Luar Negeri Prancis %s tiba di Jakarta "  \
    "pada Senin untuk membahas kerja sama perdagangan, energi terbarukan dan " \
    "pendidikan dengan pemerintah Indonesia.</p>\n"                            \
    "<p>Dalam pertemuan di Gedung Pancasila, kedua menteri sepakat "          \
    "memperluas program beasiswa bagi mahasiswa Indonesia yang ingin belajar " \
    "di universitas Prancis mulai tahun depan.</p>\n"                          \
    "<p>Selain itu, kedua negara menandatangani nota kesepahaman tentang "     \
    "transisi energi yang mencakup pembiayaan proyek tenaga surya di Nusa "    \
    "Tenggara Timur dan pelatihan teknisi lokal.</p>\n"                        \
    "<p>Kunjungan ini merupakan bagian dari rangkaian lawatan ke Asia "        \
    "Tenggara yang juga meliputi Singapura dan Vietnam, menurut keterangan "   \
    "resmi kementerian.</p>\n"                                                 \
    "</article></main><footer>Hak cipta 2026 Fixture News. Semua hak "         \
    "dilindungi.</footer></body></html>\n"

#define TEXT_ARTICLE                                                          \
    "Menlu Prancis %s kunjungi Jakarta\n\n"                                   \
    "Jakarta (Fixture) - Menteri Luar Negeri Prancis %s tiba di Jakarta pada " \
    "Senin untuk membahas kerja sama perdagangan, energi terbarukan dan "      \
    "pendidikan dengan pemerintah Indonesia.\n\n"                              \
    "Dalam pertemuan di Gedung Pancasila, kedua menteri sepakat memperluas "   \
    "program beasiswa bagi mahasiswa Indonesia yang ingin belajar di "         \
    "universitas Prancis mulai tahun depan.\n\n"                               \
    "Selain itu, kedua negara menandatangani nota kesepahaman tentang "        \
    "transisi energi yang mencakup pembiayaan proyek tenaga surya.\n"

static const char name_utf8[] = "St\xc3\xa9phane S\xc3\xa9journ\xc3\xa9";
static const char name_latin1[] = "St\xe9phane S\xe9journ\xe9";

static char *article(const char *meta, const char *name)
{
    char *p = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&p, &n);
    if (!f)
        abort();
    fprintf(f, ARTICLE_HEAD, meta, name, name);
    fprintf(f, ARTICLE_BODY, name);
    fclose(f);
    return p;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static enum MHD_Result send_owned(struct MHD_Connection *c, unsigned status,
                                  const char *type, char *body, size_t len,
                                  const char *extra_name, const char *extra_value)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback(len, body, free);
    if (!r)
        return MHD_NO;
    if (type)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (extra_name)
        MHD_add_response_header(r, extra_name, extra_value);
    enum MHD_Result rc = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result send_copy(struct MHD_Connection *c, unsigned status,
                                 const char *type, const char *body, size_t len,
                                 const char *extra_name, const char *extra_value)
{
    char *copy = malloc(len + 1);
    if (!copy)
        abort();
    memcpy(copy, body, len);
    copy[len] = '\0';
    return send_owned(c, status, type, copy, len, extra_name, extra_value);
}

static enum MHD_Result send_article(struct MHD_Connection *c, const char *type,
                                    const char *meta, const char *name)
{
    char *a = article(meta, name);
    return send_owned(c, MHD_HTTP_OK, type, a, strlen(a), NULL, NULL);
}

static enum MHD_Result redirect(struct MHD_Connection *c, const char *to)
{
    static const char body[] = "<html><body>moved</body></html>";
    return send_copy(c, MHD_HTTP_FOUND, "text/html", body, sizeof(body) - 1,
                     MHD_HTTP_HEADER_LOCATION, to);
}

/* One byte a second, checking for shutdown in between. */
static ssize_t drip_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct fixture_server *fs = cls;
    static const char text[] = "<html><body><p>drip drip drip</p></body></html>";
    (void)max;
    if (pos >= sizeof(text) - 1)
        return MHD_CONTENT_READER_END_OF_STREAM;
    for (int i = 0; i < 10; i++) {
        if (atomic_load(&fs->stopping))
            return MHD_CONTENT_READER_END_WITH_ERROR;
        sleep_ms(100);
    }
    buf[0] = text[pos];
    return 1;
}

/* Endless-looking HTML paragraphs until FIXTURE_BIG_BYTES. */
static ssize_t big_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    static const char para[] = "<p>lorem ipsum dolor sit amet consectetur</p>\n";
    if (pos >= FIXTURE_BIG_BYTES)
        return MHD_CONTENT_READER_END_OF_STREAM;
    size_t left = FIXTURE_BIG_BYTES - (size_t)pos;
    size_t n = max < left ? max : left;
    for (size_t i = 0; i < n; i++)
        buf[i] = para[(pos + i) % (sizeof(para) - 1)];
    return (ssize_t)n;
}

static enum MHD_Result send_callback(struct MHD_Connection *c, uint64_t size,
                                     MHD_ContentReaderCallback cb, void *cls,
                                     const char *type)
{
    struct MHD_Response *r = MHD_create_response_from_callback(size, 16 * 1024,
                                                               cb, cls, NULL);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result route(struct fixture_server *fs, struct MHD_Connection *c,
                             const char *url)
{
    const char *q;
    if (!strcmp(url, "/article"))
        return send_article(c, "text/html; charset=utf-8", "", name_utf8);
    if (!strcmp(url, "/slow")) {
        q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "ms");
        sleep_ms(q ? strtol(q, NULL, 10) : 1000);
        return send_article(c, "text/html; charset=utf-8", "", name_utf8);
    }
    if (!strcmp(url, "/drip"))
        return send_callback(c, MHD_SIZE_UNKNOWN, drip_reader, fs, "text/html");
    if (!strcmp(url, "/redirect")) {
        q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "to");
        return redirect(c, q ? q : "/article");
    }
    if (!strcmp(url, "/redirect-chain")) {
        q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "n");
        long n = q ? strtol(q, NULL, 10) : 0;
        if (n <= 0)
            return send_article(c, "text/html; charset=utf-8", "", name_utf8);
        char to[64];
        snprintf(to, sizeof(to), "/redirect-chain?n=%ld", n - 1);
        return redirect(c, to);
    }
    if (!strcmp(url, "/redirect-loop"))
        return redirect(c, "/redirect-loop");
    if (!strcmp(url, "/headers")) {
        const char *ua = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_USER_AGENT);
        const char *ae = MHD_lookup_connection_value(
            c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
        char *p = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&p, &n);
        if (!f)
            abort();
        fprintf(f, "Request headers seen by the fixture\n\n"
                   "The user agent was [%s] and the accepted encodings were "
                   "[%s] for this request.\n", ua ? ua : "", ae ? ae : "");
        fclose(f);
        return send_owned(c, MHD_HTTP_OK, "text/plain; charset=utf-8", p, n,
                          NULL, NULL);
    }
    if (!strcmp(url, "/cookie-gate")) {
        q = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "gate");
        if (q && !strcmp(q, "1"))
            return send_article(c, "text/html; charset=utf-8", "", name_utf8);
        static const char body[] = "<html><body>moved</body></html>";
        struct MHD_Response *r = MHD_create_response_from_buffer(
            sizeof(body) - 1, (void *)(uintptr_t)body, MHD_RESPMEM_PERSISTENT);
        if (!r)
            return MHD_NO;
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, "/cookie-gate");
        MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, "gate=1; Path=/");
        enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_FOUND, r);
        MHD_destroy_response(r);
        return rc;
    }
    if (!strncmp(url, "/status/", 8)) {
        long st = strtol(url + 8, NULL, 10);
        if (st < 200 || st > 599)
            st = 500;
        char body[128];
        int n = snprintf(body, sizeof(body),
                         "<html><body><h1>Error %ld</h1></body></html>", st);
        return send_copy(c, (unsigned)st, "text/html", body, (size_t)n, NULL,
                         NULL);
    }
    if (!strcmp(url, "/pdf")) {
        static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
        return send_copy(c, MHD_HTTP_OK, "application/pdf", pdf, sizeof(pdf) - 1,
                         NULL, NULL);
    }
    if (!strcmp(url, "/image")) {
        static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        return send_copy(c, MHD_HTTP_OK, "image/png", png, sizeof(png) - 1, NULL,
                         NULL);
    }
    if (!strcmp(url, "/gzip-bomb")) {
        struct MHD_Response *r = MHD_create_response_from_buffer(
            fs->bomb_len, fs->bomb, MHD_RESPMEM_PERSISTENT);
        if (!r)
            return MHD_NO;
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html");
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
        enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_OK, r);
        MHD_destroy_response(r);
        return rc;
    }
    if (!strcmp(url, "/big"))
        return send_callback(c, MHD_SIZE_UNKNOWN, big_reader, fs, "text/html");
    if (!strcmp(url, "/big-declared"))
        return send_callback(c, FIXTURE_BIG_BYTES, big_reader, fs, "text/html");
    if (!strcmp(url, "/latin1"))
        return send_article(c, "text/html; charset=iso-8859-1", "", name_latin1);
    if (!strcmp(url, "/meta-charset"))
        return send_article(c, "text/html",
                            "<meta http-equiv=\"Content-Type\" "
                            "content=\"text/html; charset=iso-8859-1\">",
                            name_latin1);
    if (!strcmp(url, "/no-type")) {
        char *a = article("", name_utf8);
        return send_owned(c, MHD_HTTP_OK, NULL, a, strlen(a), NULL, NULL);
    }
    if (!strcmp(url, "/text") || !strcmp(url, "/text-latin1") ||
        !strcmp(url, "/text-bad-label")) {
        bool latin = url[5] == '-';
        bool bad_label = latin && url[6] == 'b';
        char *p = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&p, &n);
        if (!f)
            abort();
        const char *name = latin ? name_latin1 : name_utf8;
        fprintf(f, TEXT_ARTICLE, name, name);
        fclose(f);
        const char *type = bad_label ? "text/plain; charset=x-no-such-charset"
                           : latin   ? "text/plain"
                                     : "text/plain; charset=utf-8";
        return send_owned(c, MHD_HTTP_OK, type, p, n, NULL, NULL);
    }
    static const char nf[] = "<html><body>not found</body></html>";
    return send_copy(c, MHD_HTTP_NOT_FOUND, "text/html", nf, sizeof(nf) - 1,
                     NULL, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    static int seen;
    struct fixture_server *fs = cls;
    (void)version;
    (void)upload_data;
    if (*req_cls != &seen) {
        *req_cls = &seen;
        return MHD_YES;
    }
    *upload_data_size = 0;
    atomic_fetch_add(&fs->hits, 1);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_copy(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain", "no", 2,
                         NULL, NULL);
    return route(fs, c, url);
}

/* A gzip member whose inflated size is FIXTURE_BOMB_BYTES of zeros. */
static int make_bomb(struct fixture_server *fs)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    size_t cap = FIXTURE_BOMB_BYTES / 500 + 4096;
    fs->bomb = malloc(cap);
    static unsigned char zeros[1 << 20];
    if (!fs->bomb)
        abort();
    z.next_out = fs->bomb;
    z.avail_out = (uInt)cap;
    int rc = Z_OK;
    for (size_t done = 0; done < FIXTURE_BOMB_BYTES && rc == Z_OK;
         done += sizeof(zeros)) {
        z.next_in = zeros;
        z.avail_in = sizeof(zeros);
        rc = deflate(&z, Z_NO_FLUSH);
        if (z.avail_out == 0)
            rc = Z_BUF_ERROR;
    }
    if (rc == Z_OK)
        rc = deflate(&z, Z_FINISH);
    fs->bomb_len = cap - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

struct fixture_server *fixture_start(void)
{
    struct fixture_server *fs = calloc(1, sizeof(*fs));
    if (!fs)
        abort();
    if (make_bomb(fs) < 0) {
        fprintf(stderr, "fixture: cannot build the gzip bomb\n");
        free(fs->bomb);
        free(fs);
        return NULL;
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = 0;
    fs->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
            MHD_USE_POLL,
        0, NULL, NULL, on_request, fs, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_END);
    if (!fs->daemon) {
        fprintf(stderr, "fixture: cannot start the upstream daemon\n");
        free(fs->bomb);
        free(fs);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(fs->daemon, MHD_DAEMON_INFO_BIND_PORT);
    fs->port = info ? info->port : 0;
    return fs;
}

void fixture_stop(struct fixture_server *fs)
{
    if (!fs)
        return;
    atomic_store(&fs->stopping, true);
    MHD_stop_daemon(fs->daemon);
    free(fs->bomb);
    free(fs);
}

unsigned fixture_port(const struct fixture_server *fs)
{
    return fs->port;
}

unsigned long fixture_hits(const struct fixture_server *fs)
{
    return atomic_load(&((struct fixture_server *)(uintptr_t)fs)->hits);
}

void fixture_url(const struct fixture_server *fs, const char *path, char *out,
                 size_t n)
{
    snprintf(out, n, "http://127.0.0.1:%u%s", fs->port, path);
}
