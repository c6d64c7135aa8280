/* The fetch address policy: CIDR parsing, every refused range, allow list. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fetch/policy.h"

/* Builds a sockaddr from a literal and asks the policy about it. */
static const char *check(const struct warta_fetch_policy *p, const char *ip)
{
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    memset(&in4, 0, sizeof(in4));
    memset(&in6, 0, sizeof(in6));
    if (inet_pton(AF_INET, ip, &in4.sin_addr) == 1) {
        in4.sin_family = AF_INET;
        return warta_fetch_policy_check(p, (struct sockaddr *)&in4, sizeof(in4));
    }
    if (inet_pton(AF_INET6, ip, &in6.sin6_addr) == 1) {
        in6.sin6_family = AF_INET6;
        return warta_fetch_policy_check(p, (struct sockaddr *)&in6, sizeof(in6));
    }
    fail_msg("test literal %s does not parse", ip);
    return NULL;
}

static void policy_with(struct warta_fetch_policy *p, const char *const *cidrs)
{
    struct warta_fetch_options opts;
    memset(&opts, 0, sizeof(opts));
    for (size_t i = 0; cidrs && cidrs[i]; i++) {
        snprintf(opts.allow_cidr[i], sizeof(opts.allow_cidr[i]), "%s", cidrs[i]);
        opts.n_allow_cidr++;
    }
    const char *bad = NULL;
    assert_int_equal(warta_fetch_policy_init(p, &opts, &bad), 0);
    assert_null(bad);
}

static void test_cidr_parse_valid(void **state)
{
    (void)state;
    struct warta_cidr c;
    assert_int_equal(warta_cidr_parse("10.0.0.0/8", &c), 0);
    assert_int_equal(c.family, AF_INET);
    assert_int_equal(c.prefix, 8);
    assert_int_equal(c.addr[0], 10);

    assert_int_equal(warta_cidr_parse("127.0.0.1", &c), 0);
    assert_int_equal(c.prefix, 32);

    assert_int_equal(warta_cidr_parse("0.0.0.0/0", &c), 0);
    assert_int_equal(c.prefix, 0);

    assert_int_equal(warta_cidr_parse("fd00::/8", &c), 0);
    assert_int_equal(c.family, AF_INET6);
    assert_int_equal(c.prefix, 8);

    assert_int_equal(warta_cidr_parse("::1", &c), 0);
    assert_int_equal(c.prefix, 128);

    /* Host bits are cleared, so the range is the whole /8. */
    assert_int_equal(warta_cidr_parse("10.1.2.3/8", &c), 0);
    assert_int_equal(c.addr[1], 0);
    assert_int_equal(c.addr[3], 0);
    unsigned char a[4] = {10, 200, 0, 1};
    assert_true(warta_cidr_contains(&c, AF_INET, a));

    assert_int_equal(warta_cidr_parse("192.168.1.129/25", &c), 0);
    assert_int_equal(c.addr[3], 128);
}

static void test_cidr_parse_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8",
        "10.0.0.0/8x", "10.0.0.0/0008", "10.0.0", "0177.0.0.1", "0x7f.0.0.1",
        "127.1", "2130706433", "10.0.0.0/8/8", "fd00::/129", "fd00:::/8",
        "example.com", "10.0.0.0 /8", " 10.0.0.0/8", "1.2.3.4.5", "256.0.0.0",
        "::ffff:1.2.3/96", "10.0.0.0/8 ",
    };
    struct warta_cidr c;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (warta_cidr_parse(bad[i], &c) != -1)
            fail_msg("'%s' should not parse as a CIDR", bad[i]);
    }
}

static void test_policy_init_reports_bad_entry(void **state)
{
    (void)state;
    struct warta_fetch_options opts;
    memset(&opts, 0, sizeof(opts));
    snprintf(opts.allow_cidr[0], sizeof(opts.allow_cidr[0]), "10.0.0.0/8");
    snprintf(opts.allow_cidr[1], sizeof(opts.allow_cidr[1]), "10.0.0.0/99");
    opts.n_allow_cidr = 2;
    struct warta_fetch_policy p;
    const char *bad = NULL;
    assert_int_equal(warta_fetch_policy_init(&p, &opts, &bad), -1);
    assert_string_equal(bad, "10.0.0.0/99");
}

struct case_ {
    const char *ip;
    const char *why; /* NULL = allowed */
};

static void run_cases(const struct warta_fetch_policy *p,
                      const struct case_ *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = check(p, cases[i].ip);
        if (!cases[i].why && got)
            fail_msg("%s should be allowed, refused as %s", cases[i].ip, got);
        if (cases[i].why && !got)
            fail_msg("%s should be refused (%s) but is allowed", cases[i].ip,
                     cases[i].why);
        if (cases[i].why && strcmp(cases[i].why, got) != 0)
            fail_msg("%s refused as %s, expected %s", cases[i].ip, got,
                     cases[i].why);
    }
}

static void test_blocked_ranges_by_default(void **state)
{
    (void)state;
    struct warta_fetch_policy p;
    policy_with(&p, NULL);
    static const struct case_ cases[] = {
        {"127.0.0.1", "loopback"},
        {"127.255.255.254", "loopback"},
        {"10.0.0.1", "private"},
        {"10.255.255.255", "private"},
        {"172.16.0.1", "private"},
        {"172.31.255.255", "private"},
        {"192.168.1.1", "private"},
        {"169.254.169.254", "link-local"},
        {"169.254.0.1", "link-local"},
        {"100.64.0.1", "shared (CGNAT)"},
        {"100.127.255.255", "shared (CGNAT)"},
        {"224.0.0.1", "multicast"},
        {"239.255.255.250", "multicast"},
        {"0.0.0.0", "unspecified"},
        {"0.1.2.3", "unspecified"},
        {"255.255.255.255", "broadcast"},
        {"240.0.0.1", "reserved"},
        {"192.0.0.8", "reserved"},
        {"198.18.0.1", "benchmarking"},
        {"192.0.2.1", "documentation"},
        /* IPv6 */
        {"::1", "loopback"},
        {"::", "unspecified"},
        {"::ffff:127.0.0.1", "loopback"},
        {"::ffff:10.1.2.3", "private"},
        {"::ffff:169.254.169.254", "link-local"},
        {"::ffff:0:127.0.0.1", "loopback"},
        {"64:ff9b::127.0.0.1", "loopback"},
        {"64:ff9b::a9fe:a9fe", "link-local"},
        {"2002:7f00:1::1", "loopback"},
        {"::127.0.0.1", "reserved"},
        {"fc00::1", "unique-local"},
        {"fd12:3456::1", "unique-local"},
        {"fe80::1", "link-local"},
        {"febf::1", "link-local"},
        {"fec0::1", "site-local"},
        {"ff02::1", "multicast"},
        {"2001:db8::1", "documentation"},
        {"2001::1", "reserved"},
        {"64:ff9b:1::1", "private"},
    };
    run_cases(&p, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_public_addresses_allowed(void **state)
{
    (void)state;
    struct warta_fetch_policy p;
    policy_with(&p, NULL);
    static const struct case_ cases[] = {
        {"1.1.1.1", NULL},
        {"8.8.8.8", NULL},
        {"93.184.216.34", NULL},
        {"9.255.255.255", NULL},   /* just below 10/8 */
        {"11.0.0.0", NULL},        /* just above */
        {"172.15.255.255", NULL},  /* just below 172.16/12 */
        {"172.32.0.0", NULL},      /* just above */
        {"100.63.255.255", NULL},
        {"100.128.0.0", NULL},
        {"169.253.255.255", NULL},
        {"192.167.255.255", NULL},
        {"223.255.255.255", NULL},
        {"2606:4700::1111", NULL},
        {"2a00:1450:4001::1", NULL},
        {"::ffff:8.8.8.8", NULL},
        {"64:ff9b::808:808", NULL},
        {"2002:808:808::1", NULL},
        {"2001:200::1", NULL}, /* just above 2001::/23 */
    };
    run_cases(&p, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_allow_list(void **state)
{
    (void)state;
    struct warta_fetch_policy p;
    static const char *const allow[] = {"127.0.0.1/32", "10.1.0.0/16",
                                        "fd00:1::/32", NULL};
    policy_with(&p, allow);
    static const struct case_ cases[] = {
        {"127.0.0.1", NULL},
        {"127.0.0.2", "loopback"},
        {"::ffff:127.0.0.1", NULL}, /* the v4 allow covers its mapped form */
        {"64:ff9b::7f00:1", NULL},
        {"::1", "loopback"},
        {"10.1.255.1", NULL},
        {"10.2.0.1", "private"},
        {"fd00:1::5", NULL},
        {"fd00:2::5", "unique-local"},
        {"169.254.169.254", "link-local"},
        {"8.8.8.8", NULL},
    };
    run_cases(&p, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_allow_everything(void **state)
{
    (void)state;
    struct warta_fetch_policy p;
    static const char *const allow[] = {"0.0.0.0/0", "::/0", NULL};
    policy_with(&p, allow);
    static const struct case_ cases[] = {
        {"127.0.0.1", NULL}, {"169.254.169.254", NULL}, {"::1", NULL},
        {"fe80::1", NULL},
    };
    run_cases(&p, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_other_families_refused(void **state)
{
    (void)state;
    struct warta_fetch_policy p;
    policy_with(&p, NULL);
    struct sockaddr sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_family = AF_UNIX;
    assert_non_null(warta_fetch_policy_check(&p, &sa, sizeof(sa)));
    assert_non_null(warta_fetch_policy_check(&p, NULL, 0));
    /* A truncated sockaddr_in is refused, not read past its end. */
    struct sockaddr_in in4;
    memset(&in4, 0, sizeof(in4));
    in4.sin_family = AF_INET;
    in4.sin_addr.s_addr = htonl(0x08080808);
    assert_non_null(warta_fetch_policy_check(&p, (struct sockaddr *)&in4, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cidr_parse_valid),
        cmocka_unit_test(test_cidr_parse_malformed),
        cmocka_unit_test(test_policy_init_reports_bad_entry),
        cmocka_unit_test(test_blocked_ranges_by_default),
        cmocka_unit_test(test_public_addresses_allowed),
        cmocka_unit_test(test_allow_list),
        cmocka_unit_test(test_allow_everything),
        cmocka_unit_test(test_other_families_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
