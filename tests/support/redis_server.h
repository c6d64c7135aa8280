/*
 * A throwaway redis-server for tests and benchmarks: started on a loopback
 * port with persistence off, stopped with SIGTERM. Header-only, so unit
 * tests, e2e tests and the release-built benchmarks can all use it.
 */
#ifndef WARTA_TEST_REDIS_SERVER_H
#define WARTA_TEST_REDIS_SERVER_H

#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <hiredis.h>

struct test_redis {
    pid_t pid;
    unsigned port;
};

static inline bool test_redis_ping(unsigned port)
{
    struct timeval tv = {0, 200 * 1000};
    redisContext *c = redisConnectWithTimeout("127.0.0.1", (int)port, tv);
    bool ok = false;
    if (c && !c->err) {
        redisReply *r = redisCommand(c, "PING");
        ok = r && r->type == REDIS_REPLY_STATUS;
        if (r)
            freeReplyObject(r);
    }
    if (c)
        redisFree(c);
    return ok;
}

/* Starts redis-server on `port`; 0 once it answers PING, -1 when it cannot
 * be started (not installed) or does not answer within 5 s. */
static inline int test_redis_start(struct test_redis *r, unsigned port)
{
    char portstr[16];
    snprintf(portstr, sizeof(portstr), "%u", port);
    r->port = port;
    r->pid = fork();
    if (r->pid < 0)
        return -1;
    if (r->pid == 0) {
        /* A test that fails between start and stop (cmocka longjmps out)
         * must not leave the server running after the test exits. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execlp("redis-server", "redis-server", "--port", portstr, "--bind",
               "127.0.0.1", "--save", "", "--appendonly", "no",
               "--daemonize", "no", (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 100; i++) {
        if (test_redis_ping(port))
            return 0;
        int status;
        if (waitpid(r->pid, &status, WNOHANG) == r->pid) {
            r->pid = 0;
            return -1;
        }
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(r->pid, SIGKILL);
    waitpid(r->pid, NULL, 0);
    r->pid = 0;
    return -1;
}

static inline void test_redis_stop(struct test_redis *r)
{
    if (r->pid <= 0)
        return;
    kill(r->pid, SIGTERM);
    waitpid(r->pid, NULL, 0);
    r->pid = 0;
}

#endif
