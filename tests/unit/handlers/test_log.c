/*
 * The JSON-lines logger: lines written at once, and buffered lines (warta
 * serve) written when a buffer fills, by the flusher, and at stop, whole
 * and never interleaved. stderr is pointed at a temporary file per test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "slurp.h"
#include "warta/log.h"

struct capture {
    char path[64];
    int saved_stderr;
};

static int capture_start(void **state)
{
    struct capture *c = calloc(1, sizeof(*c));
    if (!c)
        return -1;
    snprintf(c->path, sizeof(c->path), "/tmp/warta-test-log-XXXXXX");
    int fd = mkstemp(c->path);
    if (fd < 0)
        return -1;
    fflush(stderr);
    c->saved_stderr = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    warta_log_set_level("info");
    *state = c;
    return 0;
}

static char *captured(const struct capture *c);

static int capture_end(void **state)
{
    struct capture *c = *state;
    warta_log_buffer_stop();
    /* cmocka wrote its failure messages into the capture too: pass on
     * whatever is not a log line. */
    fflush(stderr);
    char *s = captured(c);
    for (char *line = s, *eol; *line; line = eol + 1) {
        eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line) - 1;
        if (strncmp(line, "{\"ts\":", 6) != 0 &&
            write(c->saved_stderr, line, (size_t)(eol - line + 1)) < 0)
            break;
    }
    free(s);
    dup2(c->saved_stderr, STDERR_FILENO);
    close(c->saved_stderr);
    unlink(c->path);
    free(c);
    return 0;
}

static char *captured(const struct capture *c)
{
    size_t len;
    char *s = slurp_file(c->path, &len);
    if (!s)
        abort();
    return s;
}

/* Every line of s is a JSON object with an "event"; returns the count and
 * fails on a partial or interleaved line. */
static size_t count_json_lines(const char *s, const char *event)
{
    size_t n = 0;
    const char *line = s;
    for (const char *eol; (eol = strchr(line, '\n')); line = eol + 1) {
        json_error_t jerr;
        json_t *j = json_loadb(line, (size_t)(eol - line), 0, &jerr);
        if (!j)
            fail_msg("not a JSON line (%s): %.200s", jerr.text, line);
        const char *ev = json_string_value(json_object_get(j, "event"));
        if (ev && strcmp(ev, event) == 0)
            n++;
        json_decref(j);
    }
    if (*line)
        fail_msg("the output ends inside a line: %.200s", line);
    return n;
}

static size_t count(const struct capture *c, const char *event)
{
    char *s = captured(c);
    size_t n = count_json_lines(s, event);
    free(s);
    return n;
}

static void test_unbuffered_lines_are_written_at_once(void **state)
{
    struct capture *c = *state;
    warta_log_raw(WARTA_LOG_INFO, "access", "\"status\":200");
    WARTA_LOG(WARTA_LOG_WARN, "index", "req-1", "quote \" and tab\t");
    char *s = captured(c);
    assert_int_equal(count_json_lines(s, "access"), 1);
    assert_non_null(strstr(s, "\"request_id\":\"req-1\""));
    assert_non_null(strstr(s, "quote \\\" and tab\\u0009"));
    free(s);
    /* Below the level: nothing. */
    warta_log_raw(WARTA_LOG_DEBUG, "debug-line", "\"x\":1");
    assert_int_equal(count(c, "debug-line"), 0);
}

static void test_buffered_info_waits_warnings_do_not(void **state)
{
    struct capture *c = *state;
    assert_int_equal(warta_log_buffer_start(60000), 0);
    warta_log_raw(WARTA_LOG_INFO, "access", "\"status\":200");
    assert_int_equal(count(c, "access"), 0);
    WARTA_LOG(WARTA_LOG_WARN, "warned", NULL, "at once");
    WARTA_LOG(WARTA_LOG_ERROR, "failed", NULL, "at once");
    assert_int_equal(count(c, "warned"), 1);
    assert_int_equal(count(c, "failed"), 1);
    warta_log_flush();
    assert_int_equal(count(c, "access"), 1);
    warta_log_raw(WARTA_LOG_INFO, "access", "\"status\":201");
    warta_log_buffer_stop();
    assert_int_equal(count(c, "access"), 2);
    /* Stopped: back to one write per line. */
    warta_log_raw(WARTA_LOG_INFO, "access", "\"status\":202");
    assert_int_equal(count(c, "access"), 3);
}

static void test_a_full_buffer_writes_whole_lines(void **state)
{
    struct capture *c = *state;
    assert_int_equal(warta_log_buffer_start(60000), 0);
    char members[300];
    memset(members, 'x', sizeof(members));
    memcpy(members, "\"pad\":\"", 7);
    members[sizeof(members) - 2] = '"';
    members[sizeof(members) - 1] = '\0';
    /* About 350 bytes a line: the 4 KiB buffer fills after a dozen. */
    for (int i = 0; i < 40; i++)
        warta_log_raw(WARTA_LOG_INFO, "access", members);
    size_t written = count(c, "access"); /* fails on a cut line */
    assert_true(written >= 24 && written < 40);
    warta_log_buffer_stop();
    assert_int_equal(count(c, "access"), 40);
}

static void test_a_long_message_is_cut_to_one_json_line(void **state)
{
    struct capture *c = *state;
    assert_int_equal(warta_log_buffer_start(60000), 0);
    warta_log_raw(WARTA_LOG_INFO, "small", "\"n\":1");
    size_t big = 10000;
    char *msg = malloc(big + 1);
    assert_non_null(msg);
    memset(msg, 'y', big);
    msg[big] = '\0';
    WARTA_LOG(WARTA_LOG_INFO, "big", NULL, "%s", msg);
    free(msg);
    warta_log_buffer_stop();
    char *s = captured(c);
    /* Both lines are there, whole JSON, in order. */
    assert_int_equal(count_json_lines(s, "big"), 1);
    char *small = strstr(s, "\"event\":\"small\"");
    char *bigline = strstr(s, "\"event\":\"big\"");
    assert_non_null(small);
    assert_non_null(bigline);
    assert_true(small < bigline);
    free(s);
}

static void test_the_flusher_writes_within_the_interval(void **state)
{
    struct capture *c = *state;
    assert_int_equal(warta_log_buffer_start(20), 0);
    warta_log_raw(WARTA_LOG_INFO, "access", "\"status\":200");
    /* No flush call: the flusher thread must write it. 20 ms is the
     * interval; up to 5 s allows for a loaded machine. */
    size_t n = 0;
    for (int i = 0; i < 500 && n == 0; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
        n = count(c, "access");
    }
    assert_int_equal(n, 1);
}

static void test_zero_interval_means_unbuffered(void **state)
{
    struct capture *c = *state;
    assert_int_equal(warta_log_buffer_start(0), 0);
    warta_log_raw(WARTA_LOG_INFO, "access", "\"status\":200");
    assert_int_equal(count(c, "access"), 1);
}

#define WRITERS 12
#define LINES_EACH 3000

static void *writer(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    char members[96];
    for (unsigned i = 0; i < LINES_EACH; i++) {
        snprintf(members, sizeof(members), "\"thread\":%u,\"n\":%u", id, i);
        warta_log_raw(WARTA_LOG_INFO, "access", members);
    }
    return NULL;
}

static void test_threads_never_interleave_or_lose_lines(void **state)
{
    struct capture *c = *state;
    /* A short interval, so the flusher runs while the writers do. */
    assert_int_equal(warta_log_buffer_start(1), 0);
    pthread_t t[WRITERS];
    for (unsigned i = 0; i < WRITERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, writer, (void *)(uintptr_t)i), 0);
    for (unsigned i = 0; i < WRITERS; i++)
        pthread_join(t[i], NULL);
    warta_log_buffer_stop();
    char *s = captured(c);
    assert_int_equal(count_json_lines(s, "access"), WRITERS * LINES_EACH);
    /* Each thread's lines stay in the order it wrote them. */
    unsigned next[WRITERS] = {0};
    for (const char *p = s; (p = strstr(p, "\"thread\":")); p++) {
        unsigned id, n;
        assert_int_equal(sscanf(p, "\"thread\":%u,\"n\":%u", &id, &n), 2);
        assert_true(id < WRITERS);
        assert_int_equal(n, next[id]);
        next[id]++;
    }
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unbuffered_lines_are_written_at_once,
                                        capture_start, capture_end),
        cmocka_unit_test_setup_teardown(test_buffered_info_waits_warnings_do_not,
                                        capture_start, capture_end),
        cmocka_unit_test_setup_teardown(test_a_full_buffer_writes_whole_lines,
                                        capture_start, capture_end),
        cmocka_unit_test_setup_teardown(test_a_long_message_is_cut_to_one_json_line,
                                        capture_start, capture_end),
        cmocka_unit_test_setup_teardown(test_the_flusher_writes_within_the_interval,
                                        capture_start, capture_end),
        cmocka_unit_test_setup_teardown(test_zero_interval_means_unbuffered,
                                        capture_start, capture_end),
        cmocka_unit_test_setup_teardown(test_threads_never_interleave_or_lose_lines,
                                        capture_start, capture_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
