/*
 * End-to-end test support: start the real warta binary on a free loopback
 * port and talk HTTP to it with libcurl.
 *
 * The binary is $WARTA_BIN (default build/san/warta). The server is started
 * with --port 0 --bind 127.0.0.1 plus the caller's extra arguments; the
 * bound port is read from its "listening" log line on stderr. Its stderr is
 * kept in a temp file (e2e_server_log()) for diagnosis.
 */
#ifndef WARTA_TEST_E2E_H
#define WARTA_TEST_E2E_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct e2e_server {
    pid_t pid;
    unsigned port;
    char log_path[256];
};

/* Starts warta serve with extra args (NULL-terminated; may be NULL) and
 * extra environment entries "K=V" (NULL-terminated; may be NULL). Returns
 * 0 once it listens, -1 after a 10 s timeout or early exit. */
int e2e_server_start(struct e2e_server *s, const char *const *args,
                     const char *const *env);
/* SIGTERM, wait up to 10 s (then SIGKILL); returns the exit status. */
int e2e_server_stop(struct e2e_server *s);
/* SIGKILL without draining (crash simulation). */
void e2e_server_kill(struct e2e_server *s);

struct e2e_response {
    long status;
    char *body; /* NUL-terminated, malloc'd */
    size_t len;
    char content_type[128];
    char request_id[128]; /* X-Request-Id response header */
    char allow[128];      /* Allow response header */
    double seconds;       /* total time */
    char headers[4096];   /* every header line of the final response */
};

/* The value of response header `name` (case-insensitive) into out;
 * false when the response has no such header. */
bool e2e_header(const struct e2e_response *r, const char *name, char *out,
                size_t n);

/* One request; headers is NULL-terminated "Name: value" list or NULL;
 * body may be NULL. Returns 0 on a completed HTTP exchange. */
int e2e_request(const struct e2e_server *s, const char *method,
                const char *path, const char *const *headers,
                const char *body, size_t len, struct e2e_response *out);
void e2e_response_free(struct e2e_response *r);

/* Reads a whole file (malloc'd, NUL-terminated), or NULL. */
char *e2e_read_file(const char *path, size_t *len);

/* $WARTA_SHARED or "../shared": the shared folder (seed, acceptance). */
const char *e2e_shared_dir(void);

/* $WARTA_BIN or "build/san/warta": the binary under test. */
const char *e2e_bin(void);

/* Monotonic seconds, for ordering events in a test (not for timing it). */
double e2e_now_s(void);

/* A free loopback TCP port (bound then released). */
unsigned e2e_free_port(void);

#endif
