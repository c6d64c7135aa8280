/*
 * warta/config.h - the service configuration, read-only after start-up.
 *
 * Every limit the service enforces is a field here. The option table that
 * fills it (names, environment variables, bounds, defaults, help) lives in
 * server/config.c; stages only read the struct.
 */
#ifndef WARTA_CONFIG_H
#define WARTA_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#define WARTA_CONFIG_STR 512
#define WARTA_MAX_ALLOW_CIDR 32
#define WARTA_MAX_LIST 32
#define WARTA_LIST_ITEM 256

/* A repeatable option: each flag adds one item, the environment variable
 * holds them comma-separated, and flags replace what the environment said. */
struct warta_config_list {
    char item[WARTA_MAX_LIST][WARTA_LIST_ITEM];
    size_t n;
};

struct warta_config {
    char bind[WARTA_CONFIG_STR];
    long port;
    long threads;           /* 0 = one per core */
    size_t max_body;        /* bytes */
    long max_connections;
    long connection_timeout_ms;
    size_t connection_memory; /* per connection: request line, headers */
    char index[WARTA_CONFIG_STR];    /* sqlite:PATH | memory | redis://... | none */
    char data_dir[WARTA_CONFIG_STR];
    long near_distance;
    long near_max;          /* near duplicates listed per article */
    long index_retention_days;
    long index_timeout_ms;  /* Redis connect and reply timeout */
    long max_html_nodes;
    long max_html_depth;
    long max_html_attributes; /* per element */
    long max_json_depth;
    long batch_max_lines;   /* request lines in one batch (413 beyond) */
    long batch_concurrency; /* URL lines of one batch fetched at once */
    long fetch_timeout_ms;
    size_t fetch_max_bytes;
    long fetch_max_redirects;
    long fetch_concurrency;
    size_t fetch_low_speed_bps;
    char fetch_user_agent[WARTA_CONFIG_STR];
    char fetch_allow_cidr[WARTA_MAX_ALLOW_CIDR][64];
    size_t n_fetch_allow_cidr;
    char log_level[16];
    long log_flush_ms;      /* 0 = every log line written at once */

    /* Access control (server/access.c). */
    struct warta_config_list trusted_proxy; /* CIDRs whose X-Forwarded-For counts */
    char api_keys_file[WARTA_CONFIG_STR];   /* "" = no keys: everything open */
    long rate_limit;  /* requests per second per key (or client); 0 = off */
    long rate_burst;  /* bucket size; 0 = the same as rate_limit */
    struct warta_config_list cors_origin;   /* origins a browser may call from */
};

/* Fills every field with its default. */
void warta_config_defaults(struct warta_config *cfg);

/* Applies environment variables, then the options in argv[*argi..argc)
 * that the table knows, advancing *argi past them and stopping at the first
 * non-option argument. Returns 0, or -1 with a message in errbuf. `scope`
 * selects which options are accepted ("serve" or "normalize"). */
int warta_config_parse(struct warta_config *cfg, const char *scope, int argc,
                       char **argv, int *argi, char *errbuf, size_t errlen);

/* Prints options with environment variable, default and help: "serve"
 * lists the serve-only ones, "shared" those both commands take. */
void warta_config_print_help(FILE *out, const char *scope);

/* Prints the effective configuration, one `name = value` per line. */
void warta_config_print(FILE *out, const struct warta_config *cfg);

#endif
