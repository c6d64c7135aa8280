/*
 * URLs and the address policy: the check every submitted URL passes
 * (check_url, curl's parser plus our scheme and host rules), the
 * Content-Type splitter of fetched pages, --fetch-allow-cidr parsing, and
 * the verdict on the peer address of every socket a fetch opens.
 *
 * Layout: byte 0 picks the address family and the sockaddr length handed
 * to the policy; bytes 1..16 are the address; the rest is text whose
 * lines are each a URL, a Content-Type and an allow range, and whose
 * first lines also fill the allow list.
 *
 * Besides crashes it checks what the policy promises (fetch/policy.h):
 * an IPv4 address refused on its own is refused in its IPv4-mapped IPv6
 * form, and a parsed range contains its own network address.
 *
 * fetch.c is included to reach its statics, as the unit tests do; the
 * fetcher itself (thread, curl multi) is never opened.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "fetch.c"

static void check_line(const char *line)
{
    struct warta_error err;
    warta_error_clear(&err);
    char *norm = check_url(line, &err);
    if (norm && strncmp(norm, "http://", 7) && strncmp(norm, "https://", 8)) {
        fprintf(stderr, "check_url let through %s\n", norm);
        abort();
    }
    free(norm);

    char *type, *charset;
    split_content_type(line, &type, &charset);
    free(type);
    free(charset);

    struct warta_cidr c;
    if (warta_cidr_parse(line, &c) == 0 &&
        !warta_cidr_contains(&c, c.family, c.addr)) {
        fprintf(stderr, "range %s does not contain its own address\n", line);
        abort();
    }
}

static void check_policy(const struct warta_fetch_policy *none,
                         const struct warta_fetch_policy *p, uint8_t how,
                         const uint8_t addr[16])
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof(ss));
    int family = (how & 3) == 0 ? AF_INET : (how & 3) == 1 ? AF_INET6 : how;
    ss.ss_family = (sa_family_t)family;
    if (family == AF_INET)
        memcpy(&((struct sockaddr_in *)&ss)->sin_addr, addr, 4);
    else if (family == AF_INET6)
        memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr, addr, 16);
    /* Mostly the real length; sometimes a short one. */
    size_t len = (how & 4) ? (size_t)(how >> 3) : sizeof(ss);
    warta_fetch_policy_check(p, (const struct sockaddr *)&ss, len);
    warta_addr_special(AF_INET, addr);
    warta_addr_special(AF_INET6, addr);

    /* Mapped IPv4 is judged like the IPv4 address it carries. */
    struct sockaddr_in in4 = {.sin_family = AF_INET};
    memcpy(&in4.sin_addr, addr, 4);
    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
    in6.sin6_addr.s6_addr[10] = 0xff;
    in6.sin6_addr.s6_addr[11] = 0xff;
    memcpy(&in6.sin6_addr.s6_addr[12], addr, 4);
    const char *v4 = warta_fetch_policy_check(
        none, (const struct sockaddr *)&in4, sizeof(in4));
    const char *v6 = warta_fetch_policy_check(
        none, (const struct sockaddr *)&in6, sizeof(in6));
    if (v4 && !v6) {
        fprintf(stderr, "%u.%u.%u.%u is refused (%s) but ::ffff: form is not\n",
                addr[0], addr[1], addr[2], addr[3], v4);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 17)
        return 0;
    uint8_t how = data[0];
    uint8_t addr[16];
    memcpy(addr, data + 1, 16);
    char *text = strndup((const char *)data + 17, size - 17);
    if (!text)
        abort();

    struct warta_fetch_options opts;
    memset(&opts, 0, sizeof(opts));
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        check_line(line);
        if (opts.n_allow_cidr < WARTA_MAX_ALLOW_CIDR &&
            strlen(line) < sizeof(opts.allow_cidr[0]))
            memcpy(opts.allow_cidr[opts.n_allow_cidr++], line,
                   strlen(line) + 1);
    }
    free(text);

    static const struct warta_fetch_policy none;
    struct warta_fetch_policy p;
    const char *bad = NULL;
    if (warta_fetch_policy_init(&p, &opts, &bad) != 0)
        memset(&p, 0, sizeof(p));
    check_policy(&none, &p, how, addr);
    return 0;
}
