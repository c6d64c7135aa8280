#include "json_subset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void describe(char *why, size_t n, const char *path,
                     const json_t *expected, const json_t *actual)
{
    char *e = json_dumps(expected, JSON_ENCODE_ANY | JSON_COMPACT);
    char *a = actual ? json_dumps(actual, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    snprintf(why, n, "%s: expected %.300s, got %.300s", path, e ? e : "?",
             a ? a : "(missing)");
    free(e);
    free(a);
}

static int check(const json_t *expected, const json_t *actual, char *path,
                 size_t path_cap, char *why, size_t why_len)
{
    size_t base = strlen(path);
    if (json_is_object(expected)) {
        if (!json_is_object(actual)) {
            describe(why, why_len, path, expected, actual);
            return 1;
        }
        const char *key;
        json_t *ev;
        json_object_foreach((json_t *)expected, key, ev) {
            snprintf(path + base, path_cap - base, ".%s", key);
            if (check(ev, json_object_get(actual, key), path, path_cap, why, why_len))
                return 1;
            path[base] = '\0';
        }
        return 0;
    }
    if (json_is_array(expected)) {
        if (!json_is_array(actual) || json_array_size(actual) != json_array_size(expected)) {
            describe(why, why_len, path, expected, actual);
            return 1;
        }
        for (size_t i = 0; i < json_array_size(expected); i++) {
            snprintf(path + base, path_cap - base, "[%zu]", i);
            if (check(json_array_get(expected, i), json_array_get(actual, i), path,
                      path_cap, why, why_len))
                return 1;
            path[base] = '\0';
        }
        return 0;
    }
    if (!actual || !json_equal((json_t *)expected, (json_t *)actual)) {
        describe(why, why_len, path, expected, actual);
        return 1;
    }
    return 0;
}

int json_subset_check(const json_t *expected, const json_t *actual, char *why,
                      size_t why_len)
{
    char path[1024] = "$";
    why[0] = '\0';
    return check(expected, actual, path, sizeof(path), why, why_len);
}
