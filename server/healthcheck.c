/*
 * `warta healthcheck`: GET /healthz on the local server, exit 0 on a 200.
 * It is the container's HEALTHCHECK, so the runtime image needs no curl:
 * a plain HTTP/1.0 exchange over a socket is all a liveness probe takes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server.h"

#define PROBE_TIMEOUT_MS 2000

/* Where a local client reaches a server bound to `bind`: the loopback of
 * the same family for a wildcard address, else the address itself. */
static int probe_address(const char *bind, long port,
                         struct sockaddr_storage *ss, socklen_t *len)
{
    memset(ss, 0, sizeof(*ss));
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (strcmp(bind, "localhost") == 0 || strcmp(bind, "0.0.0.0") == 0)
        bind = "127.0.0.1";
    else if (strcmp(bind, "::") == 0)
        bind = "::1";
    if (inet_pton(AF_INET, bind, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        *len = sizeof(*in4);
        return 0;
    }
    if (inet_pton(AF_INET6, bind, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *len = sizeof(*in6);
        return 0;
    }
    return -1;
}

static bool wait_fd(int fd, short events)
{
    struct pollfd p = {fd, events, 0};
    return poll(&p, 1, PROBE_TIMEOUT_MS) == 1;
}

int warta_cli_healthcheck(int argc, char **argv, int argi)
{
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    char msg[512];
    if (warta_config_parse(&cfg, "serve", argc, argv, &argi, msg, sizeof(msg)) < 0 ||
        argi < argc) {
        fprintf(stderr, "warta healthcheck: %s\n",
                argi < argc ? "unknown argument" : msg);
        return 2;
    }
    struct sockaddr_storage ss;
    socklen_t len;
    if (cfg.port == 0 || probe_address(cfg.bind, cfg.port, &ss, &len) < 0) {
        fprintf(stderr, "warta healthcheck: no address to probe (--bind %s "
                        "--port %ld)\n", cfg.bind, cfg.port);
        return 2;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return 1;
    int rc = 1;
    static const char req[] = "GET /healthz HTTP/1.0\r\nHost: localhost\r\n"
                              "User-Agent: warta-healthcheck\r\n\r\n";
    char reply[64] = "";
    size_t got = 0;
    if (connect(fd, (struct sockaddr *)&ss, len) < 0 && errno != EINPROGRESS)
        goto out;
    if (!wait_fd(fd, POLLOUT) || send(fd, req, sizeof(req) - 1, MSG_NOSIGNAL) !=
                                     (ssize_t)(sizeof(req) - 1))
        goto out;
    while (got < sizeof(reply) - 1 && wait_fd(fd, POLLIN)) {
        ssize_t n = recv(fd, reply + got, sizeof(reply) - 1 - got, 0);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    reply[got] = '\0';
    /* "HTTP/1.x 200 " is all a liveness probe needs to see. */
    if (strncmp(reply, "HTTP/1.", 7) == 0 && strncmp(reply + 8, " 200 ", 5) == 0)
        rc = 0;
out:
    if (rc)
        fprintf(stderr, "warta healthcheck: no 200 from /healthz on %s port %ld\n",
                cfg.bind, cfg.port);
    close(fd);
    return rc;
}
