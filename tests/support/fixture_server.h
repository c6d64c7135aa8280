/*
 * A fake upstream for fetch tests: a second libmicrohttpd daemon inside the
 * test binary, on 127.0.0.1 and a free port, one thread per connection so
 * slow routes are served in parallel. Nothing here touches the internet.
 *
 * Routes (GET):
 *   /article            an HTML news article (UTF-8, declared)
 *   /slow?ms=N          the article after N ms (default 1000)
 *   /drip               HTML, one byte per second
 *   /redirect?to=URL    302 to URL (any scheme; relative allowed)
 *   /redirect-chain?n=K K redirects, then the article
 *   /redirect-loop      302 to itself forever
 *   /cookie-gate        302 to itself with Set-Cookie, the article once the
 *                       cookie comes back
 *   /status/NNN         that status with a small HTML error page
 *   /pdf, /image        application/pdf, image/png
 *   /gzip-bomb          Content-Encoding: gzip, tiny compressed, 64 MiB inflated
 *   /big                chunked HTML with no Content-Length, 4 MiB
 *   /big-declared       4 MiB with a Content-Length
 *   /latin1             text/html; charset=iso-8859-1 with é as byte E9
 *   /meta-charset       text/html without charset; <meta charset=iso-8859-1>
 *   /text               text/plain; charset=utf-8 article
 *   /text-latin1        text/plain without charset, Latin-1 bytes
 *   /text-bad-label     the same with charset=x-no-such-charset
 *   /no-type            HTML bytes without any Content-Type
 *   /headers            text/plain naming the User-Agent and Accept-Encoding
 */
#ifndef WARTA_TEST_FIXTURE_SERVER_H
#define WARTA_TEST_FIXTURE_SERVER_H

#include <stddef.h>

struct fixture_server;

/* Starts the daemon; NULL on failure (message on stderr). */
struct fixture_server *fixture_start(void);
void fixture_stop(struct fixture_server *fs);

unsigned fixture_port(const struct fixture_server *fs);
/* Requests answered so far (any route): proves a blocked fetch never
 * reached the fixture. */
unsigned long fixture_hits(const struct fixture_server *fs);

/* "http://127.0.0.1:PORT" + path into out. */
void fixture_url(const struct fixture_server *fs, const char *path, char *out,
                 size_t n);

/* Sizes the big routes produce (bytes, decoded). */
#define FIXTURE_BIG_BYTES (4u * 1024 * 1024)
#define FIXTURE_BOMB_BYTES (64u * 1024 * 1024)

#endif
