/*
 * ceiling - the cheapest libmicrohttpd POST handler, the baseline of the
 * HTTP benchmark (tests/bench/README.md).
 *
 *   ceiling [--port N] [--threads N]
 *
 * It runs MHD exactly as server/http.c does (internal polling thread, a
 * thread pool of one thread per core, the same daemon flags and connection
 * limits), reads each request body completely into a heap buffer capped
 * like warta's --max-body, and answers {"ok":true} as application/json.
 * Whatever warta spends beyond this is its own work: routing, request ids,
 * the pipeline, JSON rendering, logging. It prints warta's "listening" log
 * line on stderr so the same driver finds its port, then serves until
 * SIGINT/SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_BODY (10u * 1024 * 1024) /* warta's --max-body default */
#define REPLY "{\"ok\":true}\n"

struct body {
    char *p;
    size_t len, cap;
    bool too_large;
};

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status)
{
    static const char ok[] = REPLY;
    struct MHD_Response *r = MHD_create_response_from_buffer(
        sizeof(ok) - 1, (void *)ok, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *data,
                                  size_t *size, void **req_cls)
{
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    struct body *b = *req_cls;
    if (!b) {
        b = calloc(1, sizeof(*b));
        if (!b)
            abort();
        *req_cls = b;
        return MHD_YES;
    }
    if (*size) {
        if (b->len + *size > MAX_BODY) {
            b->too_large = true;
        } else {
            if (b->len + *size > b->cap) {
                size_t cap = b->cap ? b->cap : 4096;
                while (cap < b->len + *size)
                    cap *= 2;
                char *p = realloc(b->p, cap);
                if (!p)
                    abort();
                b->p = p;
                b->cap = cap;
            }
            memcpy(b->p + b->len, data, *size);
            b->len += *size;
        }
        *size = 0;
        return MHD_YES;
    }
    return reply(conn, b->too_large ? 413u : MHD_HTTP_OK);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
                         void **req_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    struct body *b = *req_cls;
    if (b) {
        free(b->p);
        free(b);
    }
    *req_cls = NULL;
}

int main(int argc, char **argv)
{
    unsigned long port = 0;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = strtol(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: ceiling [--port N] [--threads N]\n");
            return 2;
        }
    }
    if (threads < 1)
        threads = 1;
    if (port > 65535) {
        fprintf(stderr, "ceiling: bad port\n");
        return 2;
    }

    /* Like warta's main(): the signals are waited for, not handled. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    /* Loopback only, as warta's default --bind. */
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                         MHD_ALLOW_SUSPEND_RESUME | MHD_USE_AUTO | MHD_USE_ITC;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1024,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "ceiling: cannot listen: %s\n", strerror(errno));
        return 1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr,
            "{\"level\":\"info\",\"event\":\"listening\",\"bind\":\"127.0.0.1\","
            "\"port\":%u,\"threads\":%ld}\n",
            info ? (unsigned)info->port : (unsigned)port, threads);
    fflush(stderr);

    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    MHD_stop_daemon(d);
    return 0;
}
