/*
 * The NDJSON batch (warta_batch_*): the line splitter under any chunking,
 * blank and CRLF lines, the line and line-length caps, then every line
 * through the request decoder and the pipeline, and the results read back
 * through buffers of any size, as POST /v1/normalize/batch and
 * `warta normalize --batch` drive it.
 *
 * Layout: byte 0 is the batch's default options (common.h); byte 1 says
 * how many chunk-size bytes follow (bits 0-3, none = the body in one
 * feed), the read buffer size (bits 4-5: 1, 7, 64 or 4096 bytes), whether
 * results are read between feeds as the CLI does (bit 6), and whether the
 * input is left without warta_batch_end (bit 7); the chunk-size bytes are
 * used in turn, 0 standing for an empty feed followed by one byte; the
 * rest is the body.
 *
 * The process has no fetcher and no index (common.c), so a URL line is
 * answered with its problem at once and nothing reaches the network. Two
 * caps are lowered so that inputs within the size cap reach them: the
 * line length (--max-body) to 4 KiB, and --batch-max-lines to 100. The
 * second also keeps an input within the 1 s a request may take: a batch
 * is that many requests, and 1,000 one-paragraph HTML lines take 1.7 s
 * under the sanitizers (README.md).
 *
 * Besides crashes it checks what batch.h promises once the input is
 * complete: one result line per non-blank request line (counted here
 * again, not with the splitter's code), every one of them JSON, problem
 * lines carrying their line numbers in input order, and a read that never
 * comes back empty-handed with nothing being fetched.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "warta/batch.h"
#include "warta/config.h"

/* Room for the results of one input; more is a runaway output. */
#define OUT_MAX (64u << 20)

static struct warta_env env;

static void fail(const char *what, const char *line, size_t len)
{
    fprintf(stderr, "batch: %s: %.*s\n", what, (int)(len > 300 ? 300 : len),
            line);
    abort();
}

/* Non-blank lines of the whole input, as batch.h defines them: split at
 * LF, a line of spaces, tabs and CRs only is blank. */
static size_t request_lines(const char *p, size_t n, size_t *all)
{
    size_t count = 0;
    *all = 0;
    bool blank = true, any = false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\n') {
            count += !blank;
            (*all)++;
            blank = true;
            any = false;
            continue;
        }
        any = true;
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            blank = false;
    }
    if (any) {
        count += !blank;
        (*all)++;
    }
    return count;
}

struct out {
    char *p;
    size_t len, cap;
};

/* Reads what is ready; returns the last read's value. */
static long drain(struct warta_batch *b, struct out *o, size_t bufsize,
                  bool *fetching)
{
    for (;;) {
        if (o->cap - o->len < bufsize) {
            if (o->cap >= OUT_MAX)
                fail("runaway output", o->p, o->len);
            o->cap = o->cap ? 2 * o->cap : 65536;
            o->p = realloc(o->p, o->cap);
            if (!o->p)
                abort();
        }
        long got = warta_batch_read(b, o->p + o->len, bufsize, fetching);
        if (got <= 0)
            return got;
        if ((size_t)got > bufsize)
            fail("read past the buffer", o->p, o->len);
        o->len += (size_t)got;
    }
}

static void check_output(const struct out *o, size_t expect, size_t all,
                         size_t counted)
{
    if (counted != expect)
        fail("the batch counted another number of request lines", o->p,
             o->len);
    if (o->len && o->p[o->len - 1] != '\n')
        fail("the output does not end with a newline", o->p, o->len);
    size_t lines = 0;
    json_int_t last = 0;
    for (const char *p = o->p, *end = o->p + o->len; p < end; lines++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)(nl - p);
        json_error_t jerr;
        json_t *j = json_loadb(p, len, JSON_DECODE_ANY, &jerr);
        if (!j)
            fail("a result line is not JSON", p, len);
        json_t *line = json_object_get(j, "line");
        if (json_object_get(j, "status") && line) {
            json_int_t n = json_integer_value(line);
            if (n <= last || (size_t)n > all)
                fail("a problem line has the wrong line number", p, len);
            last = n;
        }
        json_decref(j);
        p = nl + 1;
    }
    if (lines != expect)
        fail("not one result line per request line", o->p, o->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t bufsizes[4] = {1, 7, 64, 4096};
    if (!env.langid) {
        env = *fuzz_env();
        struct warta_config cfg;
        warta_config_defaults(&cfg);
        env.request.batch_max_lines = 100;
        env.request.batch_concurrency = cfg.batch_concurrency;
        env.request.max_body = 4096;
    }
    struct warta_options defaults = {.remember = false};
    fuzz_pick_options(&defaults, &data, &size);
    uint8_t layout = 0;
    if (size) {
        layout = *data++;
        size--;
    }
    size_t n_sizes = layout & 15;
    if (n_sizes > size)
        n_sizes = size;
    const uint8_t *sizes = data;
    data += n_sizes;
    size -= n_sizes;
    size_t bufsize = bufsizes[(layout >> 4) & 3];
    bool read_early = layout & 64, unfinished = layout & 128;
    const char *body = (const char *)data;

    struct warta_batch *b =
        warta_batch_new(&env, &defaults, NULL, "/fuzz", "fuzz-1");
    struct warta_error err;
    warta_error_clear(&err);
    struct out o = {0};
    bool fetching;
    enum warta_err rc = WARTA_OK;
    for (size_t off = 0, i = 0; rc == WARTA_OK && off < size; i++) {
        size_t k = size - off;
        if (n_sizes) {
            uint8_t s = sizes[i % n_sizes];
            if (!s)
                rc = warta_batch_feed(b, body + off, 0, &err);
            k = s ? s : 1;
            if (k > size - off)
                k = size - off;
        }
        if (rc == WARTA_OK)
            rc = warta_batch_feed(b, body + off, k, &err);
        off += k;
        if (read_early && drain(b, &o, bufsize, &fetching) < 0)
            fail("a read ended the batch before its end", o.p, o.len);
    }
    if (rc == WARTA_OK && !unfinished) {
        rc = warta_batch_end(b, &err);
        size_t all, expect = request_lines(body, size, &all);
        if (rc == WARTA_OK) {
            if (drain(b, &o, bufsize, &fetching) != -1)
                fail("a read came back empty before the end", o.p, o.len);
            check_output(&o, expect, all, warta_batch_lines(b));
            if (warta_batch_failed(b) > expect)
                fail("more failed lines than lines", o.p, o.len);
        } else if (rc == WARTA_ERR_INVALID_REQUEST && expect) {
            fail("the end refused an input with request lines", body, size);
        }
    } else {
        /* A refused input (413) is still answered up to its failure, as
         * the CLI does. */
        drain(b, &o, bufsize, &fetching);
    }
    warta_batch_free(b);
    free(o.p);
    return 0;
}
