/*
 * The fetch address policy; see fetch/policy.h. The special ranges follow
 * the IANA IPv4 and IPv6 special-purpose address registries: anything that
 * is not globally reachable unicast is refused by default.
 */
#include "fetch/policy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct special_range {
    unsigned char addr[16];
    unsigned prefix;
    const char *name;
};

/* First match wins, so narrower entries come before the ranges that
 * contain them (broadcast before reserved). */
static const struct special_range special_v4[] = {
    {{0, 0, 0, 0}, 8, "unspecified"},
    {{10, 0, 0, 0}, 8, "private"},
    {{100, 64, 0, 0}, 10, "shared (CGNAT)"},
    {{127, 0, 0, 0}, 8, "loopback"},
    {{169, 254, 0, 0}, 16, "link-local"},
    {{172, 16, 0, 0}, 12, "private"},
    {{192, 0, 0, 0}, 24, "reserved"},
    {{192, 0, 2, 0}, 24, "documentation"},
    {{192, 88, 99, 0}, 24, "reserved"},
    {{192, 168, 0, 0}, 16, "private"},
    {{198, 18, 0, 0}, 15, "benchmarking"},
    {{198, 51, 100, 0}, 24, "documentation"},
    {{203, 0, 113, 0}, 24, "documentation"},
    {{224, 0, 0, 0}, 4, "multicast"},
    {{255, 255, 255, 255}, 32, "broadcast"},
    {{240, 0, 0, 0}, 4, "reserved"},
};

static const struct special_range special_v6[] = {
    {{0}, 128, "unspecified"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
    /* Deprecated IPv4-compatible form ::a.b.c.d: nothing routes it. */
    {{0}, 96, "reserved"},
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, "private"}, /* local-use NAT64 */
    {{0x01, 0, 0, 0, 0, 0, 0, 0}, 64, "reserved"}, /* discard-only */
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation"},
    {{0x20, 0x01, 0, 0}, 23, "reserved"}, /* IETF protocol, Teredo */
    {{0xfc}, 7, "unique-local"},
    {{0xfe, 0x80}, 10, "link-local"},
    {{0xfe, 0xc0}, 10, "site-local"},
    {{0xff}, 8, "multicast"},
};

static bool prefix_match(const unsigned char *a, const unsigned char *net,
                         unsigned prefix)
{
    unsigned full = prefix / 8, rest = prefix % 8;
    if (memcmp(a, net, full) != 0)
        return false;
    if (!rest)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a[full] & mask) == (net[full] & mask);
}

bool warta_cidr_contains(const struct warta_cidr *c, int family,
                         const unsigned char *addr)
{
    return c->family == family && prefix_match(addr, c->addr, c->prefix);
}

int warta_cidr_parse(const char *s, struct warta_cidr *out)
{
    memset(out, 0, sizeof(*out));
    const char *slash = strchr(s, '/');
    size_t alen = slash ? (size_t)(slash - s) : strlen(s);
    char text[INET6_ADDRSTRLEN];
    if (alen == 0 || alen >= sizeof(text))
        return -1;
    memcpy(text, s, alen);
    text[alen] = '\0';
    unsigned max;
    /* inet_pton takes only the canonical spellings: "0177.0.0.1" or
     * "127.1" are refused rather than guessed at. */
    if (inet_pton(AF_INET, text, out->addr) == 1) {
        out->family = AF_INET;
        max = 32;
    } else if (inet_pton(AF_INET6, text, out->addr) == 1) {
        out->family = AF_INET6;
        max = 128;
    } else {
        return -1;
    }
    out->prefix = max;
    if (slash) {
        const char *p = slash + 1;
        size_t nd = strspn(p, "0123456789");
        if (nd == 0 || nd > 3 || p[nd] != '\0')
            return -1;
        unsigned long v = strtoul(p, NULL, 10);
        if (v > max)
            return -1;
        out->prefix = (unsigned)v;
    }
    /* Clear host bits so contains() can compare whole bytes. */
    unsigned full = out->prefix / 8, rest = out->prefix % 8;
    unsigned bytes = max / 8;
    if (full < bytes) {
        out->addr[full] &= (unsigned char)(0xff << (8 - rest));
        memset(out->addr + full + 1, 0, bytes - full - 1);
    }
    return 0;
}

int warta_fetch_policy_init(struct warta_fetch_policy *p,
                            const struct warta_fetch_options *opts, const char **bad)
{
    memset(p, 0, sizeof(*p));
    for (size_t i = 0; i < opts->n_allow_cidr && i < WARTA_MAX_ALLOW_CIDR; i++) {
        if (warta_cidr_parse(opts->allow_cidr[i], &p->allow[p->n_allow]) < 0) {
            if (bad)
                *bad = opts->allow_cidr[i];
            return -1;
        }
        p->n_allow++;
    }
    return 0;
}

static const char *lookup(const struct special_range *t, size_t n,
                          const unsigned char *addr)
{
    for (size_t i = 0; i < n; i++)
        if (prefix_match(addr, t[i].addr, t[i].prefix))
            return t[i].name;
    return NULL;
}

/* The IPv4 address an IPv6 address stands for, when it has one: a peer
 * reached through it is that IPv4 host, so it gets that host's verdict. */
static bool embedded_v4(const unsigned char *a6, unsigned char *v4)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char translated[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};
    if (!memcmp(a6, mapped, 12) || !memcmp(a6, translated, 12) ||
        !memcmp(a6, nat64, 12)) {
        memcpy(v4, a6 + 12, 4);
        return true;
    }
    if (a6[0] == 0x20 && a6[1] == 0x02) { /* 6to4: 2002:AABB:CCDD::/48 */
        memcpy(v4, a6 + 2, 4);
        return true;
    }
    return false;
}

const char *warta_addr_special(int family, const unsigned char *addr)
{
    if (family == AF_INET)
        return lookup(special_v4, sizeof(special_v4) / sizeof(special_v4[0]),
                      addr);
    if (family != AF_INET6)
        return "unsupported address family";
    unsigned char v4[4];
    if (embedded_v4(addr, v4))
        return warta_addr_special(AF_INET, v4);
    return lookup(special_v6, sizeof(special_v6) / sizeof(special_v6[0]), addr);
}

static bool allowed(const struct warta_fetch_policy *p, int family,
                    const unsigned char *addr)
{
    for (size_t i = 0; i < p->n_allow; i++)
        if (warta_cidr_contains(&p->allow[i], family, addr))
            return true;
    return false;
}

const char *warta_fetch_policy_check(const struct warta_fetch_policy *p,
                                     const struct sockaddr *sa, size_t len)
{
    if (!sa)
        return "unsupported address family";
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)(const void *)sa;
        const unsigned char *a = (const unsigned char *)&in4->sin_addr;
        const char *why = warta_addr_special(AF_INET, a);
        return why && !allowed(p, AF_INET, a) ? why : NULL;
    }
    if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        const unsigned char *a = (const unsigned char *)&in6->sin6_addr;
        const char *why = warta_addr_special(AF_INET6, a);
        if (!why || allowed(p, AF_INET6, a))
            return NULL;
        /* "127.0.0.1/32" also allows ::ffff:127.0.0.1 and friends. */
        unsigned char v4[4];
        if (embedded_v4(a, v4) && allowed(p, AF_INET, v4))
            return NULL;
        return why;
    }
    return "unsupported address family";
}
