/*
 * End-to-end test support: see e2e.h. The server runs as a child process so
 * that a crash or a sanitizer report in it fails the test, not the runner.
 */
#include "e2e.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TIMEOUT_MS  10000
#define STOP_TIMEOUT_MS   10000
#define REQUEST_TIMEOUT_S 30L
#define MAX_ARGS          64
#define MAX_LOGS          256

/* Server logs go to $WARTA_E2E_LOG_DIR when set (tests/run.sh points it
 * at build/test-logs/servers, emptied at each run) and stay there for
 * diagnosis. Otherwise they go to $TMPDIR and are removed when the test
 * exits, unless WARTA_E2E_KEEP_LOGS=1. */
static char logs[MAX_LOGS][256];
static int n_logs;

static void remove_logs(void)
{
    const char *keep = getenv("WARTA_E2E_KEEP_LOGS");
    if (keep && *keep && strcmp(keep, "0") != 0)
        return;
    const char *dir = getenv("WARTA_E2E_LOG_DIR");
    if (dir && *dir)
        return;
    for (int i = 0; i < n_logs; i++)
        unlink(logs[i]);
}

static void note_log(const char *path)
{
    if (n_logs == 0)
        atexit(remove_logs);
    if (n_logs < MAX_LOGS)
        snprintf(logs[n_logs++], sizeof(logs[0]), "%s", path);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

char *e2e_read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    if (!data)
        abort();
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            data = realloc(data, cap);
            if (!data)
                abort();
        }
        ssize_t got = read(fd, data + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            close(fd);
            free(data);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    data[n] = '\0';
    if (len)
        *len = n;
    return data;
}

const char *e2e_shared_dir(void)
{
    const char *d = getenv("WARTA_SHARED");
    return d && *d ? d : "../shared";
}

const char *e2e_bin(void)
{
    const char *b = getenv("WARTA_BIN");
    return b && *b ? b : "build/san/warta";
}

double e2e_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

unsigned e2e_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof(sa);
    unsigned port = 0;
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &sl) == 0)
        port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

/* The port of the first "listening" line in the log, or 0 (not yet). */
static unsigned listening_port(const char *log)
{
    const char *line = strstr(log, "\"event\":\"listening\"");
    if (!line)
        return 0;
    const char *eol = strchr(line, '\n');
    const char *p = strstr(line, "\"port\":");
    if (!p || !eol || p > eol)
        return 0; /* line not complete yet */
    unsigned long v = strtoul(p + 7, NULL, 10);
    return v > 0 && v < 65536 ? (unsigned)v : 0;
}

static void dump_log(const struct e2e_server *s, const char *why)
{
    size_t len = 0;
    char *log = e2e_read_file(s->log_path, &len);
    fprintf(stderr, "e2e: %s; server log %s:\n%s\n", why, s->log_path,
            log ? log : "(unreadable)");
    free(log);
}

static int exit_status(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    return -1;
}

/* environ with the caller's "K=V" entries replacing or added to it; the
 * array is malloc'd, its strings borrowed. */
static char **child_environment(const char *const *extra)
{
    extern char **environ;
    size_t n_env = 0, n_extra = 0;
    while (environ[n_env])
        n_env++;
    while (extra && extra[n_extra])
        n_extra++;
    char **envp = calloc(n_env + n_extra + 1, sizeof(*envp));
    if (!envp)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n_env; i++) {
        const char *eq = strchr(environ[i], '=');
        size_t klen = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
        bool replaced = false;
        for (size_t j = 0; j < n_extra && !replaced; j++)
            replaced = strncmp(extra[j], environ[i], klen) == 0 &&
                       extra[j][klen] == '=';
        if (!replaced)
            envp[k++] = environ[i];
    }
    for (size_t j = 0; j < n_extra; j++)
        envp[k++] = (char *)extra[j];
    envp[k] = NULL;
    return envp;
}

int e2e_server_start(struct e2e_server *s, const char *const *args,
                     const char *const *env)
{
    memset(s, 0, sizeof(*s));
    s->pid = -1;
    const char *bin = e2e_bin();
    /* The child inherits these; a leak or UB report in the server must
     * reach its log and fail the test, not stay silent. */
    setenv("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0", 0);
    setenv("UBSAN_OPTIONS", "print_stacktrace=1", 0);

    const char *dir = getenv("WARTA_E2E_LOG_DIR");
    if (!dir || !*dir)
        dir = getenv("TMPDIR");
    int n = snprintf(s->log_path, sizeof(s->log_path),
                     "%s/warta-e2e-XXXXXX.log", dir && *dir ? dir : "/tmp");
    if (n < 0 || (size_t)n >= sizeof(s->log_path)) /* too deep a path */
        snprintf(s->log_path, sizeof(s->log_path), "/tmp/warta-e2e-XXXXXX.log");
    int logfd = mkstemps(s->log_path, 4);
    if (logfd < 0) {
        fprintf(stderr, "e2e: cannot create %s: %s\n", s->log_path,
                strerror(errno));
        return -1;
    }
    note_log(s->log_path);

    /* Ours first: the option parser applies flags in order, so the
     * caller's --index or --bind replaces these. */
    const char *argv[MAX_ARGS + 10];
    int argc = 0;
    argv[argc++] = bin;
    argv[argc++] = "serve";
    argv[argc++] = "--port";
    argv[argc++] = "0";
    argv[argc++] = "--bind";
    argv[argc++] = "127.0.0.1";
    argv[argc++] = "--index";
    argv[argc++] = "memory";
    for (int i = 0; args && args[i]; i++) {
        if (i >= MAX_ARGS) {
            fprintf(stderr, "e2e: more than %d server arguments\n", MAX_ARGS);
            close(logfd);
            return -1;
        }
        argv[argc++] = args[i];
    }
    argv[argc] = NULL;

    /* The child's environment is built here: between fork and exec a
     * threaded test may only make async-signal-safe calls. */
    char **envp = child_environment(env);

    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        free(envp);
        close(logfd);
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            close(null);
        }
        dup2(logfd, STDOUT_FILENO);
        dup2(logfd, STDERR_FILENO);
        /* The test's own sockets must not stay open in the server. */
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
        execve(bin, (char *const *)argv, envp);
        static const char msg[] = "e2e: cannot exec the server binary\n";
        ssize_t ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
        (void)ignored;
        _exit(127);
    }
    free(envp);
    close(logfd);
    s->pid = pid;

    long long deadline = now_ms() + START_TIMEOUT_MS;
    for (;;) {
        char *log = e2e_read_file(s->log_path, NULL);
        unsigned port = log ? listening_port(log) : 0;
        free(log);
        if (port) {
            s->port = port;
            return 0;
        }
        int wstatus;
        if (waitpid(pid, &wstatus, WNOHANG) == pid) {
            s->pid = -1;
            char why[64];
            snprintf(why, sizeof(why), "server exited with status %d",
                     exit_status(wstatus));
            dump_log(s, why);
            return -1;
        }
        if (now_ms() > deadline) {
            dump_log(s, "server did not listen within 10 s");
            e2e_server_kill(s);
            return -1;
        }
        sleep_ms(20);
    }
}

static int wait_with_timeout(pid_t pid, long timeout_ms, int *wstatus)
{
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        pid_t r = waitpid(pid, wstatus, WNOHANG);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return -1;
        if (now_ms() > deadline)
            return 1;
        sleep_ms(10);
    }
}

int e2e_server_stop(struct e2e_server *s)
{
    if (s->pid <= 0)
        return -1;
    int wstatus = 0, status;
    kill(s->pid, SIGTERM);
    int r = wait_with_timeout(s->pid, STOP_TIMEOUT_MS, &wstatus);
    if (r == 1) {
        dump_log(s, "server did not stop within 10 s of SIGTERM; killing");
        kill(s->pid, SIGKILL);
        waitpid(s->pid, &wstatus, 0);
        status = 128 + SIGKILL;
    } else {
        status = r == 0 ? exit_status(wstatus) : -1;
    }
    s->pid = -1;

    /* A sanitizer report in the server fails the test even when the
     * process managed to exit 0 (UBSan with recovery, LSan at exit). */
    char *log = e2e_read_file(s->log_path, NULL);
    bool sanitizer = log && (strstr(log, "ERROR: AddressSanitizer") ||
                             strstr(log, "ERROR: LeakSanitizer") ||
                             strstr(log, "runtime error:"));
    free(log);
    if (sanitizer) {
        dump_log(s, "sanitizer report in the server");
        return status ? status : 99;
    }
    if (status != 0)
        dump_log(s, "server exited non-zero");
    return status;
}

void e2e_server_kill(struct e2e_server *s)
{
    if (s->pid <= 0)
        return;
    kill(s->pid, SIGKILL);
    waitpid(s->pid, NULL, 0);
    s->pid = -1;
}

/* ---- HTTP client ---- */

struct body_sink {
    char *data;
    size_t len, cap;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct body_sink *b = userdata;
    size_t n = size * nmemb;
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap)
            b->cap = b->cap ? 2 * b->cap : 4096;
        b->data = realloc(b->data, b->cap);
        if (!b->data)
            abort();
    }
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    b->data[b->len] = '\0';
    return n;
}

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    while (n && *v == ' ') {
        v++;
        n--;
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct e2e_response *r = userdata;
    size_t n = size * nmemb;
    /* A new status line (after 100 Continue): forget the interim one. */
    if (n >= 5 && strncmp(ptr, "HTTP/", 5) == 0) {
        r->content_type[0] = r->request_id[0] = r->allow[0] = '\0';
        r->headers[0] = '\0';
        return n;
    }
    size_t used = strlen(r->headers);
    if (used + n < sizeof(r->headers)) {
        memcpy(r->headers + used, ptr, n);
        r->headers[used + n] = '\0';
    }
    static const struct {
        const char *name;
        size_t off, cap;
    } wanted[] = {
        {"content-type:", offsetof(struct e2e_response, content_type),
         sizeof(((struct e2e_response *)0)->content_type)},
        {"x-request-id:", offsetof(struct e2e_response, request_id),
         sizeof(((struct e2e_response *)0)->request_id)},
        {"allow:", offsetof(struct e2e_response, allow),
         sizeof(((struct e2e_response *)0)->allow)},
    };
    for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
        size_t k = strlen(wanted[i].name);
        if (n >= k && strncasecmp(ptr, wanted[i].name, k) == 0)
            copy_value((char *)r + wanted[i].off, wanted[i].cap, ptr + k,
                       n - k);
    }
    return n;
}

bool e2e_header(const struct e2e_response *r, const char *name, char *out,
                size_t n)
{
    size_t k = strlen(name);
    for (const char *line = r->headers; *line;) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        if (len > k && line[k] == ':' && strncasecmp(line, name, k) == 0) {
            copy_value(out, n, line + k + 1, len - k - 1);
            return true;
        }
        if (!eol)
            break;
        line = eol + 1;
    }
    if (n)
        out[0] = '\0';
    return false;
}

static void curl_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

int e2e_request(const struct e2e_server *s, const char *method,
                const char *path, const char *const *headers, const char *body,
                size_t len, struct e2e_response *out)
{
    /* Tests call this from many threads at once (concurrency cases). */
    static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
    pthread_once(&curl_once, curl_init_once);
    memset(out, 0, sizeof(*out));
    struct body_sink sink = {0};
    CURL *c = curl_easy_init();
    if (!c)
        abort();
    char url[2048];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", s->port, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, REQUEST_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);

    if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else if (strcmp(method, "HEAD") == 0) {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else {
        if (strcmp(method, "POST") != 0)
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
        if (body || strcmp(method, "POST") == 0) {
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                             (curl_off_t)(body ? len : 0));
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
        }
    }
    struct curl_slist *hl = NULL;
    for (int i = 0; headers && headers[i]; i++)
        hl = curl_slist_append(hl, headers[i]);
    if (hl)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);

    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
        curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &out->seconds);
    } else {
        fprintf(stderr, "e2e: %s %s: %s\n", method, path,
                curl_easy_strerror(rc));
    }
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
    if (!sink.data) {
        sink.data = malloc(1);
        if (!sink.data)
            abort();
        sink.data[0] = '\0';
    }
    out->body = sink.data;
    out->len = sink.len;
    return rc == CURLE_OK ? 0 : -1;
}

void e2e_response_free(struct e2e_response *r)
{
    free(r->body);
    r->body = NULL;
    r->len = 0;
}
