/*
 * Golden cases: every folder tests/cases/<kind>/<case>/ holds an input
 * (input.txt for plain text, input.html or input.html.gz for HTML) and an
 * expected.json. The expected object is matched as a subset of the rendered
 * native article (json_subset.h), after the runner takes out its own
 * checks, which start with '_':
 *
 *   "_base_url": "https://..."       the page's URL (resolves links)
 *   "_first_paragraph": "..."        paragraphs[0] equals this
 *   "_text_contains": ["..."]        each is a substring of text
 *   "_text_excludes": ["..."]        none is a substring of text
 *   "_min_paragraphs": 3             at least this many paragraphs
 *
 * A new case is a new folder; this runner needs no change. Cases run with
 * explain on (so they may list `removed`) and without the index.
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
#include "slurp.h"
#include "warta/normalize.h"
#include "warta/pipeline.h"

#define CASES_DIR "tests/cases"
#define MAX_CASES 512

static struct warta_config cfg;
static struct warta_env env;


static void check_strings(const char *name, json_t *list, const char *text,
                          bool want)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *s = json_string_value(v);
        bool has = s && text && strstr(text, s);
        if (has != want)
            fail_msg("case %s: text %s \"%s\"", name,
                     want ? "lacks" : "has", s ? s : "?");
    }
}

/* The case's input and its kind, from whichever input file it has. */
static char *load_input(const char *name, size_t *len, enum warta_input_kind *kind)
{
    static const struct {
        const char *file;
        enum warta_input_kind kind;
    } inputs[] = {
        {"input.txt", WARTA_INPUT_TEXT},
        {"input.html", WARTA_INPUT_HTML},
        {"input.html.gz", WARTA_INPUT_HTML},
    };
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        char path[512];
        snprintf(path, sizeof(path), CASES_DIR "/%s/%s", name, inputs[i].file);
        char *input = slurp_file(path, len);
        if (input) {
            *kind = inputs[i].kind;
            return input;
        }
    }
    return NULL;
}

static void run_case(void **state)
{
    const char *name = *state;
    char path[512];
    size_t len;
    enum warta_input_kind kind;
    char *input = load_input(name, &len, &kind);
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
    doc.opts.explain = true;
    const char *base = json_string_value(json_object_get(expected, "_base_url"));
    if (base)
        doc.base_url = warta_arena_strdup(&arena, base);
    struct warta_error err;
    warta_error_clear(&err);
    assert_int_equal(warta_doc_from_bytes(&doc, kind, NULL, input, len, &err), WARTA_OK);
    enum warta_err rc = warta_pipeline_run(&doc, &env, NULL, &err);
    if (rc != WARTA_OK)
        fail_msg("case %s: pipeline failed: %s", name, err.detail);

    json_t *art = json_loadb(doc.rendered, doc.rendered_len, 0, &jerr);
    if (!art)
        fail_msg("case %s: rendered article is not JSON: %s", name, jerr.text);
    const char *text = json_string_value(json_object_get(art, "text"));
    json_t *paras = json_object_get(art, "paragraphs");
    const char *first = json_string_value(json_object_get(expected, "_first_paragraph"));
    if (first) {
        const char *got = json_string_value(json_array_get(paras, 0));
        if (!got || strcmp(got, first))
            fail_msg("case %s: first paragraph is \"%s\"", name, got ? got : "(none)");
    }
    json_t *min = json_object_get(expected, "_min_paragraphs");
    if (min && json_array_size(paras) < (size_t)json_integer_value(min))
        fail_msg("case %s: %zu paragraphs, expected at least %lld", name,
                 json_array_size(paras), (long long)json_integer_value(min));
    check_strings(name, json_object_get(expected, "_text_contains"), text, true);
    check_strings(name, json_object_get(expected, "_text_excludes"), text, false);

    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(expected, tmp, key, v) {
        if (key[0] == '_')
            json_object_del(expected, key);
    }
    char why[1024];
    int bad = json_subset_check(expected, art, why, sizeof(why));
    warta_doc_release(&doc);
    warta_arena_free(&arena);
    json_decref(art);
    json_decref(expected);
    free(input);
    if (bad)
        fail_msg("case %s: %s", name, why);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct CMUnitTest *)a)->name,
                  ((const struct CMUnitTest *)b)->name);
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
    DIR *top = opendir(CASES_DIR);
    if (!top) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", CASES_DIR);
        return 1;
    }
    struct CMUnitTest *tests = calloc(MAX_CASES, sizeof(*tests));
    size_t n = 0;
    struct dirent *k;
    while ((k = readdir(top))) {
        if (k->d_name[0] == '.')
            continue;
        char dir[512];
        snprintf(dir, sizeof(dir), CASES_DIR "/%s", k->d_name);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) && n < MAX_CASES) {
            if (e->d_name[0] == '.')
                continue;
            char name[512];
            snprintf(name, sizeof(name), "%s/%s", k->d_name, e->d_name);
            char *copy = strdup(name);
            tests[n++] = (struct CMUnitTest){copy, run_case, NULL, NULL, copy};
        }
        closedir(d);
    }
    closedir(top);
    qsort(tests, n, sizeof(*tests), by_name);
    int failed = _cmocka_run_group_tests("golden_cases", tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free((void *)tests[i].name);
    free(tests);
    warta_env_close(&env);
    return failed;
}
