/*
 * html_speed - HTML pipeline throughput against a bare libxml2 parse.
 *
 *   html_speed [--rounds N] DIR          time N interleaved rounds
 *   html_speed --dump DIR                print {"<id>": {"articleBody": ...}}
 *
 * DIR holds pages as <id>.html.gz or <id>.html. All pages are loaded into
 * memory first, so neither figure includes disk or gunzip time. Each round
 * parses every page with htmlReadMemory + xmlFreeDoc (the baseline: what
 * any libxml2-based extractor must at least spend), then runs the whole
 * warta pipeline (clean, dedupe with no index, metadata, render) on every
 * page; the rounds alternate so drift in machine load hits both alike. The
 * figure that matters is the ratio pipeline/baseline (lower is better,
 * the target is <= 2.0); MB/s are of raw page bytes and depend on the
 * machine. Run on an otherwise idle core.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "slurp.h"
#include "warta/article.h"
#include "warta/config.h"
#include "warta/pipeline.h"

struct page {
    char *id;
    char *data;
    size_t len;
};


static int cmp_page(const void *a, const void *b)
{
    return strcmp(((const struct page *)a)->id, ((const struct page *)b)->id);
}

static struct page *load_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    struct page *pages = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *dot = strstr(de->d_name, ".html");
        if (!dot)
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            pages = warta_xrealloc(pages, cap * sizeof(*pages));
        }
        pages[n].data = slurp_file(path, &pages[n].len);
        if (!pages[n].data)
            continue;
        size_t il = (size_t)(dot - de->d_name);
        pages[n].id = warta_xmalloc(il + 1);
        memcpy(pages[n].id, de->d_name, il);
        pages[n].id[il] = '\0';
        n++;
    }
    closedir(d);
    qsort(pages, n, sizeof(*pages), cmp_page);
    *count = n;
    return pages;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Per-stage totals over the timed rounds, from the docs' own timings. */
static struct {
    const char *stage;
    double seconds;
} stage_totals[WARTA_MAX_STAGES];

static void add_timings(const struct warta_doc *doc)
{
    for (size_t i = 0; i < doc->n_timings; i++)
        for (size_t k = 0; k < WARTA_MAX_STAGES; k++) {
            if (!stage_totals[k].stage)
                stage_totals[k].stage = doc->timings[i].stage;
            if (!strcmp(stage_totals[k].stage, doc->timings[i].stage)) {
                stage_totals[k].seconds += (double)doc->timings[i].usec / 1e6;
                break;
            }
        }
}

static int run_page(const struct page *p, const struct warta_env *env,
                    json_t *out)
{
    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc doc;
    warta_doc_init(&doc, &arena);
    doc.kind = WARTA_INPUT_HTML;
    /* The page buffer is NUL-terminated and outlives the doc, so it is
     * used in place, as the request body would be. */
    doc.input = p->data;
    doc.input_len = p->len;
    doc.opts.remember = false;
    struct warta_error err;
    warta_error_clear(&err);
    enum warta_err rc = warta_pipeline_run(&doc, env, out ? "clean" : NULL, &err);
    if (out) {
        /* The body as the article's `text` would carry it; built here
         * from the blocks so the dump works with any metadata stage. */
        size_t cap = 1, n = 0;
        for (size_t i = 0; i < doc.n_blocks; i++)
            cap += doc.blocks[i].len + 2;
        char *text = warta_xmalloc(cap);
        for (size_t i = 0; rc == WARTA_OK && i < doc.n_blocks; i++) {
            const struct warta_block *b = &doc.blocks[i];
            if (!warta_role_is_content(b->role) || b->removed_reason)
                continue;
            if (n) {
                memcpy(text + n, "\n\n", 2);
                n += 2;
            }
            memcpy(text + n, b->text, b->len);
            n += b->len;
        }
        text[n] = '\0';
        json_object_set_new(out, p->id,
                            json_pack("{s:s}", "articleBody", text));
        free(text);
    }
    if (!out)
        add_timings(&doc);
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    return rc == WARTA_OK;
}

int main(int argc, char **argv)
{
    int rounds = 5;
    bool dump = false;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--dump"))
            dump = true;
        else
            dir = argv[i];
    }
    if (!dir || rounds < 1) {
        fprintf(stderr, "usage: html_speed [--rounds N] [--dump] DIR\n");
        return 2;
    }
    size_t n;
    struct page *pages = load_dir(dir, &n);
    if (!pages || !n) {
        fprintf(stderr, "html_speed: no pages in %s\n", dir);
        return 1;
    }
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "none");
    snprintf(cfg.log_level, sizeof(cfg.log_level), "error");
    struct warta_env env;
    struct warta_error err;
    if (warta_env_open(&env, &cfg, &err) != WARTA_OK) {
        fprintf(stderr, "html_speed: %s\n", err.detail);
        return 1;
    }
    if (dump) {
        json_t *out = json_object();
        for (size_t i = 0; i < n; i++)
            run_page(&pages[i], &env, out);
        json_dumpf(out, stdout, JSON_INDENT(0) | JSON_SORT_KEYS);
        putchar('\n');
        json_decref(out);
        warta_env_close(&env);
        return 0;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += pages[i].len;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    double t_base = 0, t_pipe = 0;
    double *ratios = warta_xmalloc((size_t)rounds * sizeof(*ratios));
    size_t failed = 0;
    for (int r = 0; r < rounds; r++) {
        /* Page by page, baseline then pipeline, so a burst of load from
         * elsewhere on the machine lands on both sides alike. */
        double rb = 0, rp = 0;
        for (size_t i = 0; i < n; i++) {
            double t0 = now();
            xmlFreeDoc(htmlReadMemory(pages[i].data, (int)pages[i].len, NULL,
                                      "UTF-8", opts));
            double t1 = now();
            failed += !run_page(&pages[i], &env, NULL);
            double t2 = now();
            rb += t1 - t0;
            rp += t2 - t1;
        }
        t_base += rb;
        t_pipe += rp;
        ratios[r] = rp / rb;
    }
    qsort(ratios, (size_t)rounds, sizeof(*ratios), cmp_double);
    double mb = (double)bytes * rounds / 1e6;
    printf("pages %zu, %.1f MB, %d rounds (failed runs: %zu)\n", n,
           (double)bytes / 1e6, rounds, failed);
    printf("bare libxml2 parse : %7.1f MB/s\n", mb / t_base);
    printf("warta pipeline     : %7.1f MB/s\n", mb / t_pipe);
    printf("ratio pipeline/parse: %.2f overall, median of rounds %.2f, "
           "best %.2f, worst %.2f (target <= 2.00)\n",
           t_pipe / t_base, ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
    free(ratios);
    for (size_t k = 0; k < WARTA_MAX_STAGES && stage_totals[k].stage; k++)
        printf("  stage %-9s %6.1f%% of pipeline time\n", stage_totals[k].stage,
               100.0 * stage_totals[k].seconds / t_pipe);
    warta_env_close(&env);
    for (size_t i = 0; i < n; i++) {
        free(pages[i].id);
        free(pages[i].data);
    }
    free(pages);
    return 0;
}
