/* Access control without a socket: SHA-256, the keys file, key checks,
 * rate limits on a test clock, CORS decisions, the client address. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../../server/access.h"
#include "warta/metrics.h"
#include "warta/sha256.h"

#define ALPHA_SHA "677509799af78b2efa2f2af71d0f906e0a0c50c048efd3b515625f788e92b99a"
#define BRAVO_SHA "6a0eaa1e1b4cb2c91d350a8ff98ee233712fcb948a734bcfc329f539823003e3"

static void hex(const unsigned char *h, char *out)
{
    for (int i = 0; i < WARTA_SHA256_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void assert_sha(const void *data, size_t len, const char *want)
{
    unsigned char h[WARTA_SHA256_SIZE];
    char got[2 * WARTA_SHA256_SIZE + 1];
    warta_sha256(data, len, h);
    hex(h, got);
    assert_string_equal(got, want);
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    /* FIPS 180-4 examples and NIST's million a's. */
    assert_sha("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_sha("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    assert_sha(a, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
    /* The lengths around the padding's one-or-two-block boundary. */
    static const struct {
        size_t n;
        const char *sha;
    } x[] = {
        {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
        {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
        {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
        {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
        {65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
        {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
        {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"},
    };
    char buf[128];
    memset(buf, 'x', sizeof(buf));
    for (size_t i = 0; i < sizeof(x) / sizeof(x[0]); i++)
        assert_sha(buf, x[i].n, x[i].sha);
    assert_sha("alpha-key", 9, ALPHA_SHA);
}

static void test_ct_equal(void **state)
{
    (void)state;
    unsigned char a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 4};
    assert_int_equal(warta_ct_equal(a, b, 4), 1);
    b[3] = 5;
    assert_int_equal(warta_ct_equal(a, b, 4), 0);
    b[3] = 4;
    b[0] = 0;
    assert_int_equal(warta_ct_equal(a, b, 4), 0);
    assert_int_equal(warta_ct_equal(a, b, 0), 1);
}

/* ---- keys file ---- */

static char keys_path[64];

static void write_keys(const char *text)
{
    FILE *f = fopen(keys_path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup_keys(void **state)
{
    (void)state;
    snprintf(keys_path, sizeof(keys_path), "/tmp/warta-keys-XXXXXX");
    int fd = mkstemp(keys_path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown_keys(void **state)
{
    (void)state;
    warta_access_close();
    unlink(keys_path);
    return 0;
}

static int open_with(struct warta_config *c, char *msg)
{
    return warta_access_open(c, msg, 256);
}

static struct warta_config keyed(void)
{
    struct warta_config c;
    warta_config_defaults(&c);
    snprintf(c.api_keys_file, sizeof(c.api_keys_file), "%s", keys_path);
    return c;
}

static enum warta_err check(const char *method, const char *path,
                            const char *auth, const char *api_key,
                            const char *client, int64_t now,
                            struct warta_access_out *out)
{
    struct warta_access_req in = {.method = method,
                                  .path = path,
                                  .client = client ? client : "192.0.2.1",
                                  .authorization = auth,
                                  .api_key = api_key};
    struct warta_error err;
    warta_error_clear(&err);
    enum warta_err rc = warta_access_check(&in, now, out, &err);
    if (rc != WARTA_OK)
        assert_true(strlen(err.detail) > 0);
    return rc;
}

static const char *header(const struct warta_access_out *o, const char *name)
{
    for (size_t i = 0; i < o->n_headers; i++)
        if (strcmp(o->headers[i].name, name) == 0)
            return o->headers[i].value;
    return NULL;
}

static void test_keys_accepted_and_refused(void **state)
{
    (void)state;
    write_keys("# desk keys\n\nalice:" ALPHA_SHA "\n  bob : " BRAVO_SHA "  \n");
    struct warta_config c = keyed();
    char msg[256];
    assert_int_equal(open_with(&c, msg), 0);
    struct warta_access_out o;
    assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-key", NULL,
                           NULL, 0, &o), WARTA_OK);
    assert_string_equal(o.key, "alice");
    /* The scheme is case-insensitive; X-API-Key is the other way in. */
    assert_int_equal(check("POST", "/v1/normalize", "bearer  alpha-key ", NULL,
                           NULL, 0, &o), WARTA_OK);
    assert_int_equal(check("POST", "/v1/normalize", NULL, "bravo-key", NULL, 0, &o),
                     WARTA_OK);
    assert_string_equal(o.key, "bob");
    /* Missing, wrong, another scheme. */
    assert_int_equal(check("POST", "/v1/normalize", NULL, NULL, NULL, 0, &o),
                     WARTA_ERR_UNAUTHORIZED);
    assert_non_null(header(&o, "WWW-Authenticate"));
    assert_int_equal(strncmp(header(&o, "WWW-Authenticate"), "Bearer", 6), 0);
    assert_string_equal(o.key, "");
    assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-kez", NULL,
                           NULL, 0, &o), WARTA_ERR_UNAUTHORIZED);
    assert_int_equal(check("POST", "/v1/normalize", "Basic YWxwaGEta2V5", NULL,
                           NULL, 0, &o), WARTA_ERR_UNAUTHORIZED);
    assert_int_equal(check("GET", "/v1/nothing", NULL, NULL, NULL, 0, &o),
                     WARTA_ERR_UNAUTHORIZED);
    /* The operational routes stay open. */
    static const char *const open[] = {"/healthz", "/readyz", "/metrics",
                                       "/openapi.yaml", "/"};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(check("GET", open[i], NULL, NULL, NULL, 0, &o), WARTA_OK);
}

static void test_keys_file_errors(void **state)
{
    (void)state;
    struct warta_config c = keyed();
    char msg[256];
    static const char *const bad[] = {
        "alice\n",                                  /* no hash */
        "alice:abc\n",                              /* short hash */
        "al ice:" ALPHA_SHA "\n",                   /* name with a space */
        ":" ALPHA_SHA "\n",                         /* no name */
        "alice:" ALPHA_SHA "\nalice:" BRAVO_SHA "\n", /* name twice */
        "alice:zz7509799af78b2efa2f2af71d0f906e0a0c50c048efd3b515625f788e92b99a\n",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        write_keys(bad[i]);
        msg[0] = '\0';
        assert_int_equal(open_with(&c, msg), -1);
        assert_non_null(strstr(msg, keys_path));
    }
    snprintf(c.api_keys_file, sizeof(c.api_keys_file), "/nonexistent/keys");
    assert_int_equal(open_with(&c, msg), -1);
    assert_non_null(strstr(msg, "/nonexistent/keys"));
}

static void test_reload_swaps_keys_and_keeps_them_on_error(void **state)
{
    (void)state;
    write_keys("alice:" ALPHA_SHA "\n");
    struct warta_config c = keyed();
    char msg[256];
    assert_int_equal(open_with(&c, msg), 0);
    struct warta_access_out o;
    write_keys("bob:" BRAVO_SHA "\n");
    size_t n = 0;
    assert_int_equal(warta_access_reload(msg, sizeof(msg), &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-key", NULL,
                           NULL, 0, &o), WARTA_ERR_UNAUTHORIZED);
    assert_int_equal(check("POST", "/v1/normalize", "Bearer bravo-key", NULL,
                           NULL, 0, &o), WARTA_OK);
    write_keys("bob:not-a-hash\n");
    assert_int_equal(warta_access_reload(msg, sizeof(msg), &n), -1);
    assert_int_equal(check("POST", "/v1/normalize", "Bearer bravo-key", NULL,
                           NULL, 0, &o), WARTA_OK);
}

/* ---- rate limits ---- */

static char *metrics(void)
{
    size_t len;
    return warta_metrics_render(&len);
}

static void test_rate_limit_per_key(void **state)
{
    (void)state;
    write_keys("alice:" ALPHA_SHA "\nbob:" BRAVO_SHA "\n");
    struct warta_config c = keyed();
    c.rate_limit = 2;
    c.rate_burst = 3;
    char msg[256];
    assert_int_equal(open_with(&c, msg), 0);
    struct warta_access_out o;
    int64_t t = 1000000;
    for (int i = 0; i < 3; i++)
        assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-key", NULL,
                               NULL, t, &o), WARTA_OK);
    assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-key", NULL,
                           NULL, t, &o), WARTA_ERR_RATE_LIMITED);
    assert_string_equal(header(&o, "Retry-After"), "1");
    assert_string_equal(o.key, "alice"); /* the log still names the key */
    /* Another key has its own bucket. */
    assert_int_equal(check("POST", "/v1/normalize", "Bearer bravo-key", NULL,
                           NULL, t, &o), WARTA_OK);
    /* Half a second at 2/s is one token. */
    assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-key", NULL,
                           NULL, t + 500000, &o), WARTA_OK);
    assert_int_equal(check("POST", "/v1/normalize", "Bearer alpha-key", NULL,
                           NULL, t + 500000, &o), WARTA_ERR_RATE_LIMITED);
    /* Open routes are never limited. */
    for (int i = 0; i < 10; i++)
        assert_int_equal(check("GET", "/healthz", NULL, NULL, NULL, t, &o), WARTA_OK);
    char *m = metrics();
    assert_non_null(strstr(m, "warta_rate_limited_total{key=\"alice\"} 2\n"));
    assert_non_null(strstr(m, "warta_rate_limited_total{key=\"bob\"} 0\n"));
    assert_null(strstr(m, "key=\"anonymous\""));
    free(m);
}

static void test_rate_limit_per_client_without_keys(void **state)
{
    (void)state;
    struct warta_config c;
    warta_config_defaults(&c);
    c.rate_limit = 1; /* burst defaults to the rate */
    char msg[256];
    assert_int_equal(open_with(&c, msg), 0);
    struct warta_access_out o;
    assert_int_equal(check("POST", "/v1/normalize", NULL, NULL, "192.0.2.7", 5, &o),
                     WARTA_OK);
    assert_int_equal(check("POST", "/v1/normalize", NULL, NULL, "192.0.2.7", 5, &o),
                     WARTA_ERR_RATE_LIMITED);
    assert_int_equal(check("POST", "/v1/normalize", NULL, NULL, "192.0.2.8", 5, &o),
                     WARTA_OK);
    char *m = metrics();
    assert_non_null(strstr(m, "warta_rate_limited_total{key=\"anonymous\"} "));
    free(m);
    /* Far more clients than buckets: the table recycles, never fails. */
    char addr[32];
    for (int i = 0; i < 10000; i++) {
        snprintf(addr, sizeof(addr), "10.%d.%d.1", i / 250, i % 250);
        assert_int_equal(check("POST", "/v1/normalize", NULL, NULL, addr, 10, &o),
                         WARTA_OK);
    }
}

static void test_no_options_everything_open(void **state)
{
    (void)state;
    struct warta_config c;
    warta_config_defaults(&c);
    char msg[256];
    assert_int_equal(open_with(&c, msg), 0);
    struct warta_access_out o;
    for (int i = 0; i < 100; i++)
        assert_int_equal(check("POST", "/v1/normalize", NULL, NULL, NULL, 0, &o),
                         WARTA_OK);
    assert_int_equal(o.n_headers, 0);
    char *m = metrics();
    assert_null(strstr(m, "warta_rate_limited_total"));
    free(m);
}

/* ---- CORS ---- */

static void test_cors(void **state)
{
    (void)state;
    write_keys("alice:" ALPHA_SHA "\n");
    struct warta_config c = keyed();
    snprintf(c.cors_origin.item[0], WARTA_LIST_ITEM, "https://desk.example.com");
    snprintf(c.cors_origin.item[1], WARTA_LIST_ITEM, "http://localhost:3000");
    c.cors_origin.n = 2;
    char msg[256];
    assert_int_equal(open_with(&c, msg), 0);
    struct warta_access_out o;
    struct warta_error err;
    struct warta_access_req pre = {.method = "OPTIONS",
                                   .path = "/v1/normalize",
                                   .client = "192.0.2.1",
                                   .origin = "https://desk.example.com",
                                   .preflight_method = "POST"};
    /* A preflight needs no key and gets the full answer. */
    assert_int_equal(warta_access_check(&pre, 0, &o, &err), WARTA_OK);
    assert_true(o.preflight);
    assert_string_equal(header(&o, "Access-Control-Allow-Origin"),
                        "https://desk.example.com");
    assert_non_null(strstr(header(&o, "Access-Control-Allow-Methods"), "POST"));
    const char *h = header(&o, "Access-Control-Allow-Headers");
    assert_non_null(h);
    static const char *const want[] = {"Content-Type", "Authorization",
                                       "X-API-Key", "X-Request-Id"};
    for (size_t i = 0; i < 4; i++)
        assert_non_null(strstr(h, want[i]));
    assert_non_null(header(&o, "Access-Control-Max-Age"));
    /* An unlisted origin: a preflight answer without CORS headers. */
    pre.origin = "https://evil.example";
    assert_int_equal(warta_access_check(&pre, 0, &o, &err), WARTA_OK);
    assert_true(o.preflight);
    assert_null(header(&o, "Access-Control-Allow-Origin"));
    assert_null(header(&o, "Access-Control-Allow-Methods"));
    /* The real request: the origin echoed, the key still required. */
    struct warta_access_req real = {.method = "POST",
                                    .path = "/v1/normalize",
                                    .client = "192.0.2.1",
                                    .authorization = "Bearer alpha-key",
                                    .origin = "http://localhost:3000"};
    assert_int_equal(warta_access_check(&real, 0, &o, &err), WARTA_OK);
    assert_false(o.preflight);
    assert_string_equal(header(&o, "Access-Control-Allow-Origin"),
                        "http://localhost:3000");
    assert_non_null(strstr(header(&o, "Access-Control-Expose-Headers"),
                           "X-Request-Id"));
    real.authorization = NULL;
    assert_int_equal(warta_access_check(&real, 0, &o, &err), WARTA_ERR_UNAUTHORIZED);
    assert_non_null(header(&o, "Access-Control-Allow-Origin")); /* readable 401 */
    /* Origins are compared exactly. */
    real.authorization = "Bearer alpha-key";
    real.origin = "https://desk.example.com.evil.example";
    assert_int_equal(warta_access_check(&real, 0, &o, &err), WARTA_OK);
    assert_null(header(&o, "Access-Control-Allow-Origin"));

    /* Not origins: a path, a wildcard, no scheme. */
    static const char *const bad[] = {"https://desk.example.com/", "*",
                                      "desk.example.com", "https://"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(c.cors_origin.item[0], WARTA_LIST_ITEM, "%s", bad[i]);
        assert_int_equal(open_with(&c, msg), -1);
        assert_non_null(strstr(msg, "--cors-origin"));
    }
}

/* ---- client address ---- */

static void client_of(const char *peer, const char *xff, char *out)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof(ss));
    struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, peer, &in4->sin_addr) == 1)
        in4->sin_family = AF_INET;
    else if (inet_pton(AF_INET6, peer, &in6->sin6_addr) == 1)
        in6->sin6_family = AF_INET6;
    else
        fail_msg("bad test address %s", peer);
    warta_access_client((struct sockaddr *)&ss, xff, out, WARTA_ACCESS_ADDR_SIZE);
}

static void test_client_address(void **state)
{
    (void)state;
    struct warta_config c;
    warta_config_defaults(&c);
    snprintf(c.trusted_proxy.item[0], WARTA_LIST_ITEM, "10.0.0.0/8");
    snprintf(c.trusted_proxy.item[1], WARTA_LIST_ITEM, "fd00::/8");
    c.trusted_proxy.n = 2;
    char msg[256], out[WARTA_ACCESS_ADDR_SIZE];
    assert_int_equal(open_with(&c, msg), 0);

    /* An untrusted peer: its X-Forwarded-For is anyone's invention. */
    client_of("198.51.100.4", "203.0.113.9", out);
    assert_string_equal(out, "198.51.100.4");
    /* A trusted peer: the right-most address not a trusted proxy. */
    client_of("10.1.1.1", "203.0.113.9", out);
    assert_string_equal(out, "203.0.113.9");
    client_of("10.1.1.1", "1.1.1.1, 203.0.113.9, 10.2.2.2", out);
    assert_string_equal(out, "203.0.113.9"); /* 1.1.1.1 was the client's claim */
    client_of("10.1.1.1", "203.0.113.9,10.2.2.2 ,  10.3.3.3", out);
    assert_string_equal(out, "203.0.113.9");
    /* Every hop trusted: the left-most. */
    client_of("10.1.1.1", "10.9.9.9, 10.2.2.2", out);
    assert_string_equal(out, "10.9.9.9");
    /* Ports and brackets as some proxies write them; IPv6 peers. */
    client_of("10.1.1.1", "203.0.113.9:5555", out);
    assert_string_equal(out, "203.0.113.9");
    client_of("fd00::1", "[2001:db8::7]:443", out);
    assert_string_equal(out, "2001:db8::7");
    client_of("fd00::1", "2001:db8::8", out);
    assert_string_equal(out, "2001:db8::8");
    /* A mapped IPv4 peer is that IPv4 host. */
    client_of("::ffff:10.1.1.1", "203.0.113.5", out);
    assert_string_equal(out, "203.0.113.5");
    client_of("::ffff:198.51.100.4", NULL, out);
    assert_string_equal(out, "198.51.100.4");
    /* Garbage stops the walk at the last hop that could be trusted. */
    client_of("10.1.1.1", "203.0.113.9, <script>", out);
    assert_string_equal(out, "10.1.1.1");
    client_of("10.1.1.1", "203.0.113.9, unknown, 10.2.2.2", out);
    assert_string_equal(out, "10.2.2.2");
    client_of("10.1.1.1", "", out);
    assert_string_equal(out, "10.1.1.1");

    snprintf(c.trusted_proxy.item[0], WARTA_LIST_ITEM, "10.0.0.0/33");
    assert_int_equal(open_with(&c, msg), -1);
    assert_non_null(strstr(msg, "--trusted-proxy"));
    /* No trusted proxies: always the peer. */
    c.trusted_proxy.n = 0;
    assert_int_equal(open_with(&c, msg), 0);
    client_of("10.1.1.1", "203.0.113.9", out);
    assert_string_equal(out, "10.1.1.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_ct_equal),
        cmocka_unit_test(test_keys_accepted_and_refused),
        cmocka_unit_test(test_keys_file_errors),
        cmocka_unit_test(test_reload_swaps_keys_and_keeps_them_on_error),
        cmocka_unit_test(test_rate_limit_per_key),
        cmocka_unit_test(test_rate_limit_per_client_without_keys),
        cmocka_unit_test(test_no_options_everything_open),
        cmocka_unit_test(test_cors),
        cmocka_unit_test(test_client_address),
    };
    return cmocka_run_group_tests_name("access", tests, setup_keys, teardown_keys);
}
