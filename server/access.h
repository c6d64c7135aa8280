/*
 * server/access.h - who may call the service, and how often.
 *
 * Four independent controls, each off until its option is given:
 *   --trusted-proxy CIDR   the client address of logs and rate limits is
 *                          taken from X-Forwarded-For when the socket peer
 *                          is one of these proxies;
 *   --api-keys-file PATH   NAME:SHA256HEX lines; every route but the
 *                          operational ones needs one of those keys
 *                          (reloaded on SIGHUP);
 *   --rate-limit N         token bucket per key (per client address
 *                          without keys), --rate-burst deep;
 *   --cors-origin ORIGIN   browser origins that get CORS headers.
 *
 * The module is process-wide state set up by warta_access_open() before
 * the server starts; the checks take every input as plain strings, so it
 * is tested without a socket. No MHD here.
 */
#ifndef WARTA_SERVER_ACCESS_H
#define WARTA_SERVER_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include "warta/config.h"
#include "warta/err.h"

#define WARTA_ACCESS_NAME_SIZE 65 /* key names: 1..64 of [A-Za-z0-9._-] */
#define WARTA_ACCESS_ADDR_SIZE 46 /* INET6_ADDRSTRLEN */
#define WARTA_ACCESS_MAX_HEADERS 8

/* What the checks need from a request; header values may be NULL. */
struct warta_access_req {
    const char *method, *path;
    const char *client;           /* from warta_access_client() */
    const char *authorization;    /* Authorization */
    const char *api_key;          /* X-API-Key */
    const char *origin;           /* Origin */
    const char *preflight_method; /* Access-Control-Request-Method */
};

/* What the server adds to the response, whatever its status. Values
 * point into this struct or at static strings. */
struct warta_access_out {
    char key[WARTA_ACCESS_NAME_SIZE]; /* the key's name, "" without one */
    bool preflight; /* a CORS preflight: answer 204 now, no route runs */
    size_t n_headers;
    struct {
        const char *name, *value;
    } headers[WARTA_ACCESS_MAX_HEADERS];
    char origin[WARTA_LIST_ITEM];
    char retry_after[24];
};

/* Reads the access options of cfg (and the keys file). Returns 0, or -1
 * with a message for the operator in err. Call once, before serving. */
int warta_access_open(const struct warta_config *cfg, char *err, size_t n);
void warta_access_close(void);

/* Re-reads the keys file (SIGHUP). On any error the keys in force stay
 * and -1 is returned with a message; 0 otherwise (also without keys). */
int warta_access_reload(char *err, size_t n, size_t *n_keys);

/* The client's address as text into out (at least
 * WARTA_ACCESS_ADDR_SIZE bytes): the socket peer, or, when the peer is a
 * trusted proxy, the right-most address of X-Forwarded-For (xff, may be
 * NULL) that is not itself a trusted proxy. */
void warta_access_client(const struct sockaddr *peer, const char *xff,
                         char *out, size_t n);

/* Authentication, rate limit and CORS for one request at now_usec
 * (monotonic). Fills out (always). Returns WARTA_OK to go on, or
 * WARTA_ERR_UNAUTHORIZED / WARTA_ERR_RATE_LIMITED with err set. */
enum warta_err warta_access_check(const struct warta_access_req *in,
                                  int64_t now_usec,
                                  struct warta_access_out *out,
                                  struct warta_error *err);

/* The rate-limit counters by key name, in the Prometheus text format. */
void warta_access_render_metrics(FILE *f);

#endif
