/* The option table: defaults, flags, environment, bounds, messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "warta/config.h"

static int parse(struct warta_config *cfg, const char *scope, char **argv,
                 int argc, int *argi, char *msg)
{
    warta_config_defaults(cfg);
    *argi = 0;
    return warta_config_parse(cfg, scope, argc, argv, argi, msg, 256);
}

static void test_defaults(void **state)
{
    (void)state;
    struct warta_config c;
    warta_config_defaults(&c);
    assert_int_equal(c.port, 8080);
    assert_string_equal(c.bind, "127.0.0.1");
    assert_int_equal(c.max_body, 10 * 1024 * 1024);
    assert_int_equal(c.fetch_timeout_ms, 15000);
    assert_int_equal(c.fetch_max_redirects, 5);
    assert_int_equal(c.near_distance, 3);
    assert_int_equal(c.index_retention_days, 30);
    assert_string_equal(c.index, "sqlite:");
    assert_string_equal(c.log_level, "info");
    assert_int_equal(c.log_flush_ms, 1000);
}

static void test_flags_and_units(void **state)
{
    (void)state;
    struct warta_config c;
    char msg[256];
    int argi;
    char *argv[] = {"--port", "9000", "--max-body=512k", "--fetch-timeout", "1500ms",
                    "--fetch-allow-cidr", "127.0.0.1/32", "--fetch-allow-cidr", "::1/128",
                    "input.txt"};
    assert_int_equal(parse(&c, "serve", argv, 10, &argi, msg), 0);
    assert_int_equal(argi, 9); /* stops at the first non-option */
    assert_int_equal(c.port, 9000);
    assert_int_equal(c.max_body, 512 * 1024);
    assert_int_equal(c.fetch_timeout_ms, 1500);
    assert_int_equal(c.n_fetch_allow_cidr, 2);
    assert_string_equal(c.fetch_allow_cidr[1], "::1/128");
    /* 0 turns log buffering off; it is a serve option. */
    char *flush[] = {"--log-flush", "0"};
    assert_int_equal(parse(&c, "serve", flush, 2, &argi, msg), 0);
    assert_int_equal(c.log_flush_ms, 0);
    char *flush_ms[] = {"--log-flush", "250ms"};
    assert_int_equal(parse(&c, "serve", flush_ms, 2, &argi, msg), 0);
    assert_int_equal(c.log_flush_ms, 250);
    char *too_long[] = {"--log-flush", "2m"};
    assert_int_equal(parse(&c, "serve", too_long, 2, &argi, msg), -1);
    assert_non_null(strstr(msg, "out of range [0ms, 60000ms]"));
    assert_int_equal(parse(&c, "normalize", flush, 2, &argi, msg), 0);
    assert_int_equal(argi, 0);
}

static void test_environment(void **state)
{
    (void)state;
    struct warta_config c;
    char msg[256];
    int argi;
    setenv("WARTA_PORT", "7000", 1);
    setenv("WARTA_FETCH_ALLOW_CIDR", "10.0.0.0/8, 192.168.0.0/16", 1);
    char *argv[] = {"--bind", "0.0.0.0"};
    assert_int_equal(parse(&c, "serve", argv, 2, &argi, msg), 0);
    assert_int_equal(c.port, 7000);
    assert_string_equal(c.bind, "0.0.0.0");
    assert_int_equal(c.n_fetch_allow_cidr, 2);
    assert_string_equal(c.fetch_allow_cidr[1], "192.168.0.0/16");
    /* A flag beats the environment. */
    char *argv2[] = {"--port", "7001"};
    assert_int_equal(parse(&c, "serve", argv2, 2, &argi, msg), 0);
    assert_int_equal(c.port, 7001);
    unsetenv("WARTA_PORT");
    unsetenv("WARTA_FETCH_ALLOW_CIDR");
}

static void test_access_options(void **state)
{
    (void)state;
    struct warta_config c;
    char msg[256];
    int argi;
    /* Lists: comma-separated in the environment, flags replace them. */
    setenv("WARTA_TRUSTED_PROXY", "10.0.0.0/8, fd00::/8", 1);
    setenv("WARTA_CORS_ORIGIN", "https://a.example", 1);
    char *none[] = {"--rate-limit", "5"};
    assert_int_equal(parse(&c, "serve", none, 2, &argi, msg), 0);
    assert_int_equal(c.trusted_proxy.n, 2);
    assert_string_equal(c.trusted_proxy.item[1], "fd00::/8");
    assert_int_equal(c.cors_origin.n, 1);
    assert_int_equal(c.rate_limit, 5);
    assert_int_equal(c.rate_burst, 0);
    assert_string_equal(c.api_keys_file, "");
    char *flags[] = {"--trusted-proxy", "172.16.0.0/12", "--cors-origin",
                     "https://b.example", "--cors-origin", "https://c.example",
                     "--api-keys-file", "/etc/warta/keys", "--rate-burst", "20"};
    assert_int_equal(parse(&c, "serve", flags, 10, &argi, msg), 0);
    assert_int_equal(c.trusted_proxy.n, 1);
    assert_string_equal(c.trusted_proxy.item[0], "172.16.0.0/12");
    assert_int_equal(c.cors_origin.n, 2);
    assert_string_equal(c.cors_origin.item[1], "https://c.example");
    assert_string_equal(c.api_keys_file, "/etc/warta/keys");
    assert_int_equal(c.rate_burst, 20);
    unsetenv("WARTA_TRUSTED_PROXY");
    unsetenv("WARTA_CORS_ORIGIN");
    char *negative[] = {"--rate-limit", "-1"};
    assert_int_equal(parse(&c, "serve", negative, 2, &argi, msg), -1);
    /* Access control is the server's: normalize does not take it. */
    assert_int_equal(parse(&c, "normalize", flags, 10, &argi, msg), 0);
    assert_int_equal(argi, 0);
    /* print-config shows lists comma-separated. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    parse(&c, "serve", flags, 10, &argi, msg);
    warta_config_print(f, &c);
    fclose(f);
    assert_non_null(strstr(buf, "cors-origin = https://b.example,https://c.example\n"));
    free(buf);
}

static void test_rejections(void **state)
{
    (void)state;
    struct warta_config c;
    char msg[256];
    int argi;
    char *bad_port[] = {"--port", "70000"};
    assert_int_equal(parse(&c, "serve", bad_port, 2, &argi, msg), -1);
    assert_non_null(strstr(msg, "out of range"));
    /* A count is not a size: no binary multiples. */
    char *nodes_as_size[] = {"--max-html-nodes", "2M"};
    assert_int_equal(parse(&c, "serve", nodes_as_size, 2, &argi, msg), -1);
    char *bad_size[] = {"--max-body", "ten"};
    assert_int_equal(parse(&c, "serve", bad_size, 2, &argi, msg), -1);
    assert_non_null(strstr(msg, "not a size"));
    char *bad_level[] = {"--log-level", "loud"};
    assert_int_equal(parse(&c, "serve", bad_level, 2, &argi, msg), -1);
    assert_non_null(strstr(msg, "error|warn|info|debug"));
    char *missing[] = {"--port"};
    assert_int_equal(parse(&c, "serve", missing, 1, &argi, msg), -1);
    setenv("WARTA_THREADS", "-3", 1);
    assert_int_equal(parse(&c, "serve", NULL, 0, &argi, msg), -1);
    assert_non_null(strstr(msg, "WARTA_THREADS"));
    unsetenv("WARTA_THREADS");
    /* Serve-only options are not normalize options. */
    char *serve_only[] = {"--port", "1"};
    assert_int_equal(parse(&c, "normalize", serve_only, 2, &argi, msg), 0);
    assert_int_equal(argi, 0);
}

static void test_help_lists_every_option(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    warta_config_print_help(f, "serve");
    warta_config_print_help(f, "shared");
    fclose(f);
    const char *names[] = {"--port", "WARTA_PORT", "--bind", "--threads", "--max-body",
                           "--index", "WARTA_INDEX", "--fetch-timeout", "--fetch-allow-cidr",
                           "default 10MiB", "--log-flush", "WARTA_LOG_FLUSH",
                           "--trusted-proxy", "--api-keys-file", "--rate-limit",
                           "--rate-burst", "--cors-origin", NULL};
    for (const char **n = names; *n; n++)
        if (!strstr(buf, *n))
            fail_msg("help lacks %s", *n);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_flags_and_units),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_access_options),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_help_lists_every_option),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
