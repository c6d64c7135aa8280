/*
 * fetch/policy.h - which peer addresses a fetch may connect to.
 *
 * The fetcher asks this module once per socket it is about to open, with
 * the address the socket would connect to, so the answer covers every
 * redirect hop and every DNS answer (rebinding included). Loopback,
 * private, link-local, shared, multicast, reserved and similar non-public
 * ranges are refused unless an allow range from --fetch-allow-cidr covers
 * the address. IPv6 forms that carry an IPv4 address (mapped, NAT64,
 * 6to4, translated) are judged by that IPv4 address.
 *
 * No curl here: the policy is plain data, tested on its own.
 */
#ifndef WARTA_FETCH_POLICY_H
#define WARTA_FETCH_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "warta/config.h"
#include "warta/fetch.h"

struct warta_cidr {
    int family;             /* AF_INET or AF_INET6 */
    unsigned char addr[16]; /* network order, host bits cleared */
    unsigned prefix;        /* 0..32 or 0..128 */
};

struct warta_fetch_policy {
    struct warta_cidr allow[WARTA_MAX_ALLOW_CIDR];
    size_t n_allow;
};

/* Parses "192.168.0.0/16", "fd00::/8" or a bare address (a /32 or /128).
 * Only the canonical dotted-quad form is accepted for IPv4 (no octal,
 * hex or shortened forms); host bits below the prefix are cleared.
 * Returns 0, or -1 when s is not such a range. */
int warta_cidr_parse(const char *s, struct warta_cidr *out);

/* True when the address (4 or 16 bytes, network order, of `family`) lies
 * in the range. */
bool warta_cidr_contains(const struct warta_cidr *c, int family,
                         const unsigned char *addr);

/* Fills the policy from opts->allow_cidr. Returns 0, or -1 with *bad
 * pointing at the first malformed entry. */
int warta_fetch_policy_init(struct warta_fetch_policy *p,
                            const struct warta_fetch_options *opts, const char **bad);

/* The special range an address belongs to ("loopback", "private",
 * "link-local", ...), ignoring any allow list; NULL for a public one. */
const char *warta_addr_special(int family, const unsigned char *addr);

/* NULL when a socket may connect to sa; otherwise the static name of the
 * range that forbids it. Unknown address families are refused. */
const char *warta_fetch_policy_check(const struct warta_fetch_policy *p,
                                     const struct sockaddr *sa, size_t len);

#endif
