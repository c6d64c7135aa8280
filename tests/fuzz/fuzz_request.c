/*
 * The JSON request decoder (warta_doc_from_json) and the option setter the
 * query string goes through (warta_doc_set_option). An input that starts
 * with '?' carries a query string up to the first newline, "k=v&k=v"
 * (names and values as the server hands them over, already unescaped),
 * applied after the body as POST /v1/normalize does; the rest is the body.
 * The depth cap is the service default (--max-json-depth 32).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "warta/normalize.h"

static void query_options(struct warta_doc *doc, const char *q, size_t len)
{
    char *s = strndup(q, len);
    if (!s)
        abort();
    struct warta_error err;
    warta_error_clear(&err);
    for (char *p = s, *next; p; p = next) {
        next = strchr(p, '&');
        if (next)
            *next++ = '\0';
        char *eq = strchr(p, '=');
        const char *v = "";
        if (eq) {
            *eq = '\0';
            v = eq + 1;
        }
        if (warta_doc_set_option(doc, p, v, &err) != WARTA_OK)
            break;
    }
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    const char *query = NULL;
    size_t qlen = 0;
    if (size > 0 && body[0] == '?') {
        const char *nl = memchr(body, '\n', size);
        query = body + 1;
        qlen = nl ? (size_t)(nl - query) : size - 1;
        size_t skip = nl ? (size_t)(nl - body) + 1 : size;
        body += skip;
        size -= skip;
    }
    struct fuzz_doc f;
    fuzz_doc_init(&f);
    if (warta_doc_from_json(&f.doc, body, size,
                            fuzz_env()->request.max_json_depth,
                            &f.err) == WARTA_OK &&
        query)
        query_options(&f.doc, query, qlen);
    fuzz_doc_free(&f);
    return 0;
}
