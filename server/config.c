/*
 * The option table: every setting of the service is one row here, with its
 * environment variable, bounds, default and help. Flags, environment,
 * --help and --print-config are all generated from it, so they cannot
 * disagree (the pattern of redis' static_configs[]).
 */
#include "warta/config.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum opt_type {
    OPT_INT,      /* long */
    OPT_SIZE,     /* size_t, with k/M/G (KiB...) suffixes */
    OPT_DURATION, /* long milliseconds, with ms/s/m suffixes; bare = seconds */
    OPT_STRING,   /* char[WARTA_CONFIG_STR] */
    OPT_ENUM,     /* char[16] one of `choices` */
    OPT_CIDR_LIST,
    OPT_LIST,     /* struct warta_config_list */
};

enum opt_scope {
    SCOPE_SERVE = 1,
    SCOPE_NORMALIZE = 2,
    SCOPE_ALL = 3,
};

struct option_row {
    const char *name, *env;
    enum opt_type type;
    size_t offset;
    long long min, max;
    const char *def;
    const char *help;
    enum opt_scope scope;
    const char *choices; /* for OPT_ENUM: "a|b|c" */
};

#define F(field) offsetof(struct warta_config, field)
#define KiB 1024LL
#define MiB (1024LL * 1024)
#define GiB (1024LL * 1024 * 1024)

static const struct option_row options[] = {
    {"port", "WARTA_PORT", OPT_INT, F(port), 0, 65535, "8080",
     "TCP port to listen on (0 picks a free port, logged at start-up)",
     SCOPE_SERVE, NULL},
    {"bind", "WARTA_BIND", OPT_STRING, F(bind), 0, 0, "127.0.0.1",
     "address to listen on (0.0.0.0 or :: for all interfaces)", SCOPE_SERVE,
     NULL},
    {"threads", "WARTA_THREADS", OPT_INT, F(threads), 0, 1024, "0",
     "HTTP worker threads (0 = one per core)", SCOPE_SERVE, NULL},
    {"max-body", "WARTA_MAX_BODY", OPT_SIZE, F(max_body), 1, 1 * GiB, "10MiB",
     "largest request body or input file accepted (413 beyond; not read "
     "past the cap)",
     SCOPE_ALL, NULL},
    {"max-connections", "WARTA_MAX_CONNECTIONS", OPT_INT, F(max_connections),
     1, 100000, "1024", "simultaneous client connections", SCOPE_SERVE, NULL},
    {"connection-timeout", "WARTA_CONNECTION_TIMEOUT", OPT_DURATION,
     F(connection_timeout_ms), 1000, 3600000, "30s",
     "idle client connection timeout", SCOPE_SERVE, NULL},
    {"connection-memory", "WARTA_CONNECTION_MEMORY", OPT_SIZE,
     F(connection_memory), 8 * KiB, 64 * MiB, "64KiB",
     "memory per client connection for the request line and headers "
     "(431 beyond)",
     SCOPE_SERVE, NULL},
    {"index", "WARTA_INDEX", OPT_STRING, F(index), 0, 0, "sqlite:",
     "near-duplicate index: sqlite:PATH (sqlite: = DATA_DIR/index.sqlite), "
     "memory, redis://HOST:PORT/DB, or none",
     SCOPE_ALL, NULL},
    {"data-dir", "WARTA_DATA_DIR", OPT_STRING, F(data_dir), 0, 0, "data",
     "directory for the SQLite index", SCOPE_ALL, NULL},
    {"near-distance", "WARTA_NEAR_DISTANCE", OPT_INT, F(near_distance), 0, 8,
     "3", "largest SimHash Hamming distance reported as a near duplicate",
     SCOPE_ALL, NULL},
    {"near-max", "WARTA_NEAR_MAX", OPT_INT, F(near_max), 1, 1000, "10",
     "most near duplicates listed per article, nearest first", SCOPE_ALL,
     NULL},
    {"index-retention-days", "WARTA_INDEX_RETENTION_DAYS", OPT_INT,
     F(index_retention_days), 1, 36500, "30",
     "index entries older than this are pruned", SCOPE_ALL, NULL},
    {"index-timeout", "WARTA_INDEX_TIMEOUT", OPT_DURATION, F(index_timeout_ms),
     10, 60000, "200ms",
     "Redis connect and reply timeout; past it the article is still served, "
     "with the warning index-unavailable",
     SCOPE_ALL, NULL},
    {"max-html-nodes", "WARTA_MAX_HTML_NODES", OPT_INT, F(max_html_nodes),
     1000, 100000000, "2000000",
     "most HTML elements in one page (422 document-too-complex beyond)",
     SCOPE_ALL, NULL},
    {"max-html-depth", "WARTA_MAX_HTML_DEPTH", OPT_INT, F(max_html_depth), 16,
     1000000, "4096",
     "deepest HTML element nesting kept; deeper content is flattened",
     SCOPE_ALL, NULL},
    {"max-html-attributes", "WARTA_MAX_HTML_ATTRIBUTES", OPT_INT,
     F(max_html_attributes), 16, 1000000, "1000",
     "most attributes on one HTML element (422 document-too-complex beyond)",
     SCOPE_ALL, NULL},
    {"max-json-depth", "WARTA_MAX_JSON_DEPTH", OPT_INT, F(max_json_depth), 2,
     1000, "32", "deepest nesting accepted in a JSON request body", SCOPE_ALL,
     NULL},
    {"batch-max-lines", "WARTA_BATCH_MAX_LINES", OPT_INT, F(batch_max_lines),
     1, 1000000, "1000",
     "most request lines in one POST /v1/normalize/batch or normalize "
     "--batch input (413 payload-too-large beyond)",
     SCOPE_ALL, NULL},
    {"batch-concurrency", "WARTA_BATCH_CONCURRENCY", OPT_INT,
     F(batch_concurrency), 1, 1000, "8",
     "URL lines of one batch fetched at once (each also counts against "
     "--fetch-concurrency)",
     SCOPE_ALL, NULL},
    {"fetch-timeout", "WARTA_FETCH_TIMEOUT", OPT_DURATION, F(fetch_timeout_ms),
     100, 600000, "15s", "total time for one fetch, redirects included (504)",
     SCOPE_ALL, NULL},
    {"fetch-max-bytes", "WARTA_FETCH_MAX_BYTES", OPT_SIZE, F(fetch_max_bytes),
     1024, 1 * GiB, "10MiB",
     "largest fetched page after content decoding (502 fetch-too-large)",
     SCOPE_ALL, NULL},
    {"fetch-max-redirects", "WARTA_FETCH_MAX_REDIRECTS", OPT_INT,
     F(fetch_max_redirects), 0, 50, "5", "redirects followed per fetch",
     SCOPE_ALL, NULL},
    {"fetch-concurrency", "WARTA_FETCH_CONCURRENCY", OPT_INT,
     F(fetch_concurrency), 1, 100000, "256",
     "fetches in flight at once (503 overloaded beyond)", SCOPE_ALL, NULL},
    {"fetch-low-speed", "WARTA_FETCH_LOW_SPEED", OPT_SIZE,
     F(fetch_low_speed_bps), 1, 1 * GiB, "1KiB",
     "bytes per second below which a fetch lasting 5 s is cut (504)",
     SCOPE_ALL, NULL},
    {"fetch-user-agent", "WARTA_FETCH_USER_AGENT", OPT_STRING,
     F(fetch_user_agent), 0, 0,
     "Mozilla/5.0 (compatible; Warta/1.0; article normalizer)",
     "User-Agent sent when fetching", SCOPE_ALL, NULL},
    {"fetch-allow-cidr", "WARTA_FETCH_ALLOW_CIDR", OPT_CIDR_LIST,
     F(fetch_allow_cidr), 0, WARTA_MAX_ALLOW_CIDR, "",
     "address range fetches may reach although private/loopback "
     "(repeatable; env: comma-separated)",
     SCOPE_ALL, NULL},
    {"log-level", "WARTA_LOG_LEVEL", OPT_ENUM, F(log_level), 0, 0, "info",
     "least severe log level written to stderr", SCOPE_ALL,
     "error|warn|info|debug"},
    {"log-flush", "WARTA_LOG_FLUSH", OPT_DURATION, F(log_flush_ms), 0, 60000,
     "1s",
     "longest an info line (the access log) waits in a buffer before it is "
     "written; warnings and errors are written at once; 0 writes every line "
     "at once",
     SCOPE_SERVE, NULL},
    {"trusted-proxy", "WARTA_TRUSTED_PROXY", OPT_LIST, F(trusted_proxy), 0,
     WARTA_MAX_LIST, "",
     "proxy address range (CIDR) whose X-Forwarded-For names the client for "
     "logs and rate limits (repeatable; env: comma-separated)",
     SCOPE_SERVE, NULL},
    {"api-keys-file", "WARTA_API_KEYS_FILE", OPT_STRING, F(api_keys_file), 0,
     0, "",
     "file of NAME:SHA256HEX lines; when set, every route but /healthz, "
     "/readyz, /metrics, /openapi.yaml and / needs one of those keys "
     "(reloaded on SIGHUP); unset, everything is open: private networks only",
     SCOPE_SERVE, NULL},
    {"rate-limit", "WARTA_RATE_LIMIT", OPT_INT, F(rate_limit), 0, 1000000,
     "0",
     "requests per second per API key (per client address without keys); "
     "429 rate-limited beyond; 0 = no limit",
     SCOPE_SERVE, NULL},
    {"rate-burst", "WARTA_RATE_BURST", OPT_INT, F(rate_burst), 0, 1000000,
     "0", "requests a key may send at once, the bucket --rate-limit refills "
     "(0 = the same as --rate-limit)",
     SCOPE_SERVE, NULL},
    {"cors-origin", "WARTA_CORS_ORIGIN", OPT_LIST, F(cors_origin), 0,
     WARTA_MAX_LIST, "",
     "browser origin allowed to call the API, e.g. https://desk.example.com "
     "(repeatable; env: comma-separated)",
     SCOPE_SERVE, NULL},
};

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Parses "123", "10MiB", "10M", "4k" (binary multiples). */
static int parse_size(const char *s, long long *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)*s))
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno)
        return -1;
    long long mult = 1;
    if (*end) {
        char unit = (char)toupper((unsigned char)*end);
        if (unit == 'K')
            mult = KiB;
        else if (unit == 'M')
            mult = MiB;
        else if (unit == 'G')
            mult = GiB;
        else if (unit != 'B')
            return -1;
        end++;
        if (unit != 'B' && (*end == 'i' || *end == 'I'))
            end++;
        if (unit != 'B' && (*end == 'B' || *end == 'b'))
            end++;
        if (*end)
            return -1;
    }
    if (v > (unsigned long long)LLONG_MAX / (unsigned long long)mult)
        return -1;
    *out = (long long)v * mult;
    return 0;
}

/* Parses "15s", "500ms", "2m", bare seconds; result in milliseconds. */
static int parse_duration(const char *s, long long *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)*s))
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || v > 1000000000ULL)
        return -1;
    if (strcmp(end, "ms") == 0)
        *out = (long long)v;
    else if (*end == '\0' || strcmp(end, "s") == 0)
        *out = (long long)v * 1000;
    else if (strcmp(end, "m") == 0)
        *out = (long long)v * 60000;
    else
        return -1;
    return 0;
}

static int parse_int(const char *s, long long *out)
{
    char *end;
    errno = 0;
    if (!*s)
        return -1;
    long long v = strtoll(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

/* Adds s[0..n), trimmed, as one item of a repeatable option whose items
 * are `size`-byte strings at `items`, *count of at most `max` used. */
static int add_item(char *items, size_t size, size_t *count, size_t max,
                    const char *origin, const char *s, size_t n,
                    char *errbuf, size_t errlen)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return 0;
    if (*count >= max)
        return fail(errbuf, errlen, "%s: at most %zu values", origin, max);
    if (n >= size)
        return fail(errbuf, errlen, "%s: '%.*s' is too long", origin, (int)n,
                    s);
    char *item = items + *count * size;
    memcpy(item, s, n);
    item[n] = '\0';
    (*count)++;
    return 0;
}

static bool enum_allows(const char *choices, const char *v)
{
    size_t n = strlen(v);
    const char *p = choices;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0)
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

/* Sets one option from text; `origin` names the flag or variable. */
static int apply(struct warta_config *cfg, const struct option_row *o,
                 const char *value, const char *origin, char *errbuf,
                 size_t errlen)
{
    char *base = (char *)cfg + o->offset;
    long long v = 0;
    switch (o->type) {
    case OPT_INT:
        if (parse_int(value, &v) < 0)
            return fail(errbuf, errlen, "%s: '%s' is not a whole number",
                        origin, value);
        break;
    case OPT_SIZE:
        if (parse_size(value, &v) < 0)
            return fail(errbuf, errlen,
                        "%s: '%s' is not a size (e.g. 10MiB, 512k, 4096)",
                        origin, value);
        break;
    case OPT_DURATION:
        if (parse_duration(value, &v) < 0)
            return fail(errbuf, errlen,
                        "%s: '%s' is not a duration (e.g. 15s, 500ms, 2m)",
                        origin, value);
        break;
    case OPT_STRING:
        if (strlen(value) >= WARTA_CONFIG_STR)
            return fail(errbuf, errlen, "%s: value longer than %d bytes",
                        origin, WARTA_CONFIG_STR - 1);
        snprintf(base, WARTA_CONFIG_STR, "%s", value);
        return 0;
    case OPT_ENUM:
        if (!enum_allows(o->choices, value))
            return fail(errbuf, errlen, "%s: '%s' is not one of %s", origin,
                        value, o->choices);
        snprintf(base, 16, "%s", value);
        return 0;
    case OPT_CIDR_LIST:
    case OPT_LIST: {
        /* One comma-separated loop for both list shapes. */
        struct warta_config_list *l = (struct warta_config_list *)(void *)base;
        bool cidr = o->type == OPT_CIDR_LIST;
        char *items = cidr ? cfg->fetch_allow_cidr[0] : l->item[0];
        size_t size = cidr ? sizeof(cfg->fetch_allow_cidr[0]) : sizeof(l->item[0]);
        size_t *count = cidr ? &cfg->n_fetch_allow_cidr : &l->n;
        size_t max = cidr ? WARTA_MAX_ALLOW_CIDR : WARTA_MAX_LIST;
        const char *p = value;
        while (*p) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            if (add_item(items, size, count, max, origin, p, n, errbuf, errlen) < 0)
                return -1;
            if (!comma)
                break;
            p = comma + 1;
        }
        return 0;
    }
    }
    if (v < o->min || v > o->max) {
        const char *unit = o->type == OPT_DURATION ? "ms" : "";
        return fail(errbuf, errlen, "%s: %s is out of range [%lld%s, %lld%s]",
                    origin, value, o->min, unit, o->max, unit);
    }
    if (o->type == OPT_SIZE)
        *(size_t *)(void *)base = (size_t)v;
    else
        *(long *)(void *)base = (long)v;
    return 0;
}

void warta_config_defaults(struct warta_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    char err[256];
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (apply(cfg, &options[i], options[i].def, options[i].name, err,
                  sizeof(err)) < 0)
            abort(); /* a default outside its own bounds is a bug */
}

static enum opt_scope scope_of(const char *scope)
{
    return strcmp(scope, "serve") == 0 ? SCOPE_SERVE : SCOPE_NORMALIZE;
}

static const struct option_row *find_option(const char *name, size_t len)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (strlen(options[i].name) == len &&
            strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

int warta_config_parse(struct warta_config *cfg, const char *scope, int argc,
                       char **argv, int *argi, char *errbuf, size_t errlen)
{
    enum opt_scope sc = scope_of(scope);
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const char *v = getenv(options[i].env);
        if (!(options[i].scope & sc) || !v)
            continue;
        if (apply(cfg, &options[i], v, options[i].env, errbuf, errlen) < 0)
            return -1;
    }
    /* A flag replaces what the environment said for a list option. */
    bool cidr_from_flags = false;
    bool list_from_flags[N_OPTIONS] = {false};
    while (*argi < argc) {
        const char *arg = argv[*argi];
        if (strncmp(arg, "--", 2) != 0 || strcmp(arg, "--") == 0)
            break;
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct option_row *o = find_option(name, len);
        if (!o || !(o->scope & sc))
            break; /* not ours: the caller handles or rejects it */
        const char *value;
        if (eq) {
            value = eq + 1;
            (*argi)++;
        } else {
            if (*argi + 1 >= argc)
                return fail(errbuf, errlen, "--%s needs a value", o->name);
            value = argv[*argi + 1];
            *argi += 2;
        }
        if (o->type == OPT_CIDR_LIST && !cidr_from_flags) {
            cfg->n_fetch_allow_cidr = 0;
            cidr_from_flags = true;
        }
        size_t oi = (size_t)(o - options);
        if (o->type == OPT_LIST && !list_from_flags[oi]) {
            ((struct warta_config_list *)(void *)((char *)cfg + o->offset))->n = 0;
            list_from_flags[oi] = true;
        }
        char origin[80];
        snprintf(origin, sizeof(origin), "--%s", o->name);
        if (apply(cfg, o, value, origin, errbuf, errlen) < 0)
            return -1;
    }
    return 0;
}

void warta_config_print_help(FILE *out, const char *scope)
{
    /* "serve" lists the serve-only options, anything else the shared ones. */
    enum opt_scope sc = strcmp(scope, "serve") == 0 ? SCOPE_SERVE : SCOPE_ALL;
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const struct option_row *o = &options[i];
        if (o->scope != sc)
            continue;
        char flag[64];
        snprintf(flag, sizeof(flag), "--%s %s", o->name,
                 o->type == OPT_INT        ? "N"
                 : o->type == OPT_SIZE     ? "BYTES"
                 : o->type == OPT_DURATION ? "TIME"
                 : o->type == OPT_CIDR_LIST ? "CIDR"
                 : o->type == OPT_LIST     ? "VALUE"
                                           : "VALUE");
        fprintf(out, "  %-30s %s\n", flag, o->help);
        fprintf(out, "  %-30s env %s, default %s", "", o->env,
                *o->def ? o->def : "(none)");
        if (o->type == OPT_INT || o->type == OPT_SIZE)
            fprintf(out, ", range %lld..%lld", o->min, o->max);
        if (o->choices)
            fprintf(out, ", one of %s", o->choices);
        fputc('\n', out);
    }
}

void warta_config_print(FILE *out, const struct warta_config *cfg)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const struct option_row *o = &options[i];
        const char *base = (const char *)cfg + o->offset;
        fprintf(out, "%s = ", o->name);
        switch (o->type) {
        case OPT_INT:
            fprintf(out, "%ld\n", *(const long *)(const void *)base);
            break;
        case OPT_DURATION:
            fprintf(out, "%ldms\n", *(const long *)(const void *)base);
            break;
        case OPT_SIZE:
            fprintf(out, "%zu\n", *(const size_t *)(const void *)base);
            break;
        case OPT_STRING:
        case OPT_ENUM:
            fprintf(out, "%s\n", base);
            break;
        case OPT_CIDR_LIST:
            for (size_t k = 0; k < cfg->n_fetch_allow_cidr; k++)
                fprintf(out, "%s%s", k ? "," : "", cfg->fetch_allow_cidr[k]);
            fputc('\n', out);
            break;
        case OPT_LIST: {
            const struct warta_config_list *l =
                (const struct warta_config_list *)(const void *)base;
            for (size_t k = 0; k < l->n; k++)
                fprintf(out, "%s%s", k ? "," : "", l->item[k]);
            fputc('\n', out);
            break;
        }
        }
    }
}
