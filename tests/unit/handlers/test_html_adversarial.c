/*
 * Pathological HTML through the whole pipeline, each under a time budget
 * (generous: the suite runs under ASan/UBSan). A case passes when it ends
 * in time with an article or a clear problem, never a crash or a hang.
 * Timings are printed so the closing report can quote them. The budget is
 * on CPU time, not wall time: the machine is shared, and what the test
 * guards against is super-linear work, which CPU time shows undiluted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "warta/pipeline.h"

/* Under ASan on a shared 2-core machine the 1M-paragraph page takes about
 * 10 s of CPU, three quarters of it in the per-block role rules; a
 * quadratic step anywhere would take hours, so 20 s still separates. */
#define BUDGET_SECONDS 20.0

static struct warta_config cfg;
static struct warta_env env;

struct gen {
    char *p;
    size_t len, cap;
};

static void put(struct gen *g, const char *s, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->p = realloc(g->p, g->cap);
        assert_non_null(g->p);
    }
    memcpy(g->p + g->len, s, n);
    g->len += n;
    g->p[g->len] = '\0';
}

static void puts_(struct gen *g, const char *s)
{
    put(g, s, strlen(s));
}

static void repeat(struct gen *g, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        put(g, s, n);
}

static const char article[] =
    "<p>The council approved the new budget on Monday after a long debate, "
    "with most members agreeing that schools, clinics and roads need the "
    "money first.</p><p>Opponents said the plan spends too much, too fast, "
    "and promised to bring it back next year.</p>";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the pipeline on g; returns the result code, prints the time. */
static enum warta_err run(const char *name, struct gen *g,
                          const struct warta_env *e, struct warta_error *err)
{
    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc doc;
    warta_doc_init(&doc, &arena);
    doc.kind = WARTA_INPUT_HTML;
    doc.input = g->p;
    doc.input_len = g->len;
    doc.opts.remember = false;
    warta_error_clear(err);
    double t0 = now(), c0 = cpu();
    enum warta_err rc = warta_pipeline_run(&doc, e, NULL, err);
    double wall = now() - t0, dt = cpu() - c0;
    printf("[ adversarial ] %-24s %6.2f MB  cpu %5.2f s  wall %5.2f s  -> %-21s",
           name, (double)g->len / 1e6, dt, wall,
           rc == WARTA_OK ? "article" : warta_err_slug(rc));
    for (size_t i = 0; i < doc.n_timings; i++)
        printf(" %s %.2f", doc.timings[i].stage, (double)doc.timings[i].usec / 1e6);
    printf("\n");
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    free(g->p);
    g->p = NULL;
    if (dt > BUDGET_SECONDS)
        fail_msg("%s took %.1f s of CPU (budget %.0f s)", name, dt, BUDGET_SECONDS);
    return rc;
}

static void nested_divs(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body>");
    puts_(&g, article);
    repeat(&g, "<div>", 200000);
    puts_(&g, "deep text");
    repeat(&g, "</div>", 200000);
    puts_(&g, "</body></html>");
    struct warta_error err;
    enum warta_err rc = run("200k nested divs", &g, &env, &err);
    assert_true(rc == WARTA_OK || rc == WARTA_ERR_TOO_COMPLEX);
}

static void article_below_parser_depth(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body>");
    repeat(&g, "<div>", 300);
    puts_(&g, article);
    repeat(&g, "</div>", 300);
    puts_(&g, "</body></html>");
    struct warta_error err;
    /* libxml2 stops at 256 levels: nothing readable is left, and the
     * problem says why instead of "no article". */
    assert_int_equal(run("article under 300 divs", &g, &env, &err),
                     WARTA_ERR_TOO_COMPLEX);
    assert_non_null(strstr(err.detail, "256"));
}

static void sibling_paragraphs(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body><article>");
    repeat(&g, "<p>x</p>", 1000000);
    puts_(&g, "</article></body></html>");
    struct warta_error err;
    enum warta_err rc = run("1M sibling <p>", &g, &env, &err);
    assert_true(rc == WARTA_OK || rc == WARTA_ERR_TOO_COMPLEX);
}

static void huge_text_node(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body><p>");
    repeat(&g, "lorem ipsum dolor sit amet, ", 10 * 1000 * 1000 / 28);
    puts_(&g, "</p></body></html>");
    struct warta_error err;
    assert_int_equal(run("10 MB text node", &g, &env, &err), WARTA_OK);
}

static void many_attributes(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body><div ");
    char a[48];
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(a, sizeof(a), "data-a%d=\"v\" ", i);
        put(&g, a, (size_t)n);
    }
    puts_(&g, "class=\"x\">");
    puts_(&g, article);
    puts_(&g, "</div></body></html>");
    struct warta_error err;
    assert_int_equal(run("100k attributes", &g, &env, &err), WARTA_ERR_TOO_COMPLEX);
    assert_non_null(strstr(err.detail, "max-html-attributes"));
}

/* A stray quote after a quoted value (`type="hidden""/>`) is part of a
 * bogus attribute name to the parser, not the start of a value: a count
 * that took it for one would swallow the page as attributes and refuse a
 * normal page as too complex. */
static void stray_quotes(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body><form><input type=\"hidden\"\"/><input name=\"q\"/>"
              "</form><ul>");
    char li[64];
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(li, sizeof(li), "<li><a href=\"/t/%d\" title=\"T\">T</a></li>", i);
        put(&g, li, (size_t)n);
    }
    puts_(&g, "</ul><div class=\"story\">");
    puts_(&g, article);
    puts_(&g, "</div></body></html>");
    struct warta_error err;
    assert_int_equal(run("stray quotes in tags", &g, &env, &err), WARTA_OK);
}

static void huge_jsonld(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><head><script type=\"application/ld+json\">"
              "{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"keywords\":[");
    for (int i = 0; i < 300000; i++)
        puts_(&g, i ? ",\"tag\"" : "\"tag\"");
    puts_(&g, "],\"author\":[");
    char item[64];
    for (int i = 0; i < 100000; i++) {
        /* distinct names: deduplication must not go quadratic */
        int n = snprintf(item, sizeof(item), "%s{\"@type\":\"Person\",\"name\":\"A%d B\"}",
                         i ? "," : "", i);
        put(&g, item, (size_t)n);
    }
    puts_(&g, "]}</script>");
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(item, sizeof(item), "<meta property=\"article:tag\" content=\"t%d\">", i);
        put(&g, item, (size_t)n);
    }
    puts_(&g, "</head><body>");
    puts_(&g, article);
    puts_(&g, "</body></html>");
    struct warta_error err;
    assert_int_equal(run("huge JSON-LD", &g, &env, &err), WARTA_OK);
}

static void deep_jsonld(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><head><script type=\"application/ld+json\">");
    repeat(&g, "{\"@graph\":[", 100000);
    repeat(&g, "]}", 100000);
    puts_(&g, "</script><script type=\"application/ld+json\">");
    repeat(&g, "[", 500000);
    puts_(&g, "</script></head><body>");
    puts_(&g, article);
    puts_(&g, "</body></html>");
    struct warta_error err;
    assert_int_equal(run("deeply nested JSON-LD", &g, &env, &err), WARTA_OK);
}

static void many_void_elements(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body>");
    puts_(&g, article);
    repeat(&g, "<br>", 2500000); /* 10 MB, past the default 2M-node cap */
    puts_(&g, "</body></html>");
    struct warta_error err;
    assert_int_equal(run("2.5M <br> (node cap)", &g, &env, &err),
                     WARTA_ERR_TOO_COMPLEX);
}

static void bare_angle_brackets(void **state)
{
    (void)state;
    struct gen g = {0};
    puts_(&g, "<html><body>");
    puts_(&g, article);
    repeat(&g, "< ", 4000000);
    puts_(&g, "</body></html>");
    struct warta_error err;
    enum warta_err rc = run("8 MB of '< '", &g, &env, &err);
    assert_true(rc == WARTA_OK || rc == WARTA_ERR_NO_CONTENT);
}

static void node_cap(void **state)
{
    (void)state;
    struct warta_env e = env;
    e.clean.max_html_nodes = 1000;
    struct gen g = {0};
    puts_(&g, "<html><body>");
    repeat(&g, "<span>x</span>", 5000);
    puts_(&g, article);
    puts_(&g, "</body></html>");
    struct warta_error err;
    assert_int_equal(run("node cap (1000)", &g, &e, &err), WARTA_ERR_TOO_COMPLEX);
    assert_non_null(strstr(err.detail, "max-html-nodes"));
}

static void depth_cap(void **state)
{
    (void)state;
    struct warta_env e = env;
    e.clean.max_html_depth = 16;
    struct gen g = {0};
    puts_(&g, "<html><body>");
    repeat(&g, "<div>", 100);
    puts_(&g, article);
    repeat(&g, "</div>", 100);
    puts_(&g, "</body></html>");
    struct warta_error err;
    /* Deeper structure is flattened, its text still read. */
    assert_int_equal(run("depth cap (16)", &g, &e, &err), WARTA_OK);
}

int main(void)
{
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "none");
    snprintf(cfg.log_level, sizeof(cfg.log_level), "error");
    struct warta_error err;
    if (warta_env_open(&env, &cfg, &err) != WARTA_OK) {
        fprintf(stderr, "env: %s\n", err.detail);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nested_divs),     cmocka_unit_test(article_below_parser_depth),
        cmocka_unit_test(sibling_paragraphs),
        cmocka_unit_test(huge_text_node),  cmocka_unit_test(many_attributes),
        cmocka_unit_test(stray_quotes),
        cmocka_unit_test(huge_jsonld),     cmocka_unit_test(deep_jsonld),
        cmocka_unit_test(many_void_elements), cmocka_unit_test(bare_angle_brackets),
        cmocka_unit_test(node_cap),        cmocka_unit_test(depth_cap),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    warta_env_close(&env);
    return failed;
}
