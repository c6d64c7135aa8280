/*
 * Golden plain-text cases: every folder under tests/cases/text/ holds an
 * input.txt and an expected.json naming the fields the article must have.
 * A new case is a new folder; this runner needs no change.
 */
#include <dirent.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_subset.h"
#include "warta/normalize.h"
#include "warta/pipeline.h"
#include "warta/render.h"

#define CASES_DIR "tests/cases/text"

static struct warta_config cfg;
static struct warta_env env;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    *len = got;
    return buf;
}

static void run_case(void **state)
{
    const char *name = *state;
    char path[512];
    size_t len;
    snprintf(path, sizeof(path), CASES_DIR "/%s/input.txt", name);
    char *input = slurp(path, &len);
    assert_non_null(input);
    snprintf(path, sizeof(path), CASES_DIR "/%s/expected.json", name);
    json_error_t jerr;
    json_t *expected = json_load_file(path, 0, &jerr);
    if (!expected)
        fail_msg("%s: %s", path, jerr.text);

    struct warta_arena arena;
    warta_arena_init(&arena);
    struct warta_doc doc;
    warta_doc_init(&doc, &arena);
    doc.opts.remember = false;
    doc.opts.explain = true; /* lets a case list `removed` */
    struct warta_error err;
    warta_error_clear(&err);
    assert_int_equal(warta_doc_from_bytes(&doc, WARTA_INPUT_TEXT, NULL, input, len, &err), WARTA_OK);
    enum warta_err rc = warta_pipeline_run(&doc, &env, NULL, &err);
    if (rc != WARTA_OK)
        fail_msg("%s: pipeline failed: %s", name, err.detail);
    char why[1024];
    json_t *actual = json_loadb(doc.rendered, doc.rendered_len, 0, &jerr);
    if (!actual)
        fail_msg("%s: output is not JSON: %s", name, jerr.text);
    int bad = json_subset_check(expected, actual, why, sizeof(why));
    json_decref(actual);
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    json_decref(expected);
    free(input);
    if (bad)
        fail_msg("case %s: %s", name, why);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct CMUnitTest *)a)->name, ((const struct CMUnitTest *)b)->name);
}

int main(void)
{
    warta_config_defaults(&cfg);
    snprintf(cfg.index, sizeof(cfg.index), "none");
    struct warta_error err;
    if (warta_env_open(&env, &cfg, &err) != WARTA_OK) {
        fprintf(stderr, "env: %s\n", err.detail);
        return 1;
    }
    DIR *d = opendir(CASES_DIR);
    if (!d) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", CASES_DIR);
        return 1;
    }
    struct CMUnitTest *tests = calloc(256, sizeof(*tests));
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        if (e->d_name[0] == '.')
            continue;
        char *name = strdup(e->d_name);
        tests[n] = (struct CMUnitTest){name, run_case, NULL, NULL, name};
        n++;
    }
    closedir(d);
    qsort(tests, n, sizeof(*tests), by_name);
    int failed = _cmocka_run_group_tests("text_cases", tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free((void *)tests[i].name);
    free(tests);
    warta_env_close(&env);
    return failed;
}
