/*
 * warta: `serve` runs the HTTP service, `normalize` runs the same pipeline
 * over files for scripts. Configuration: see server/config.c.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "server.h"
#include "warta/log.h"

#define WARTA_VERSION "1.0.0"

static void usage(FILE *out)
{
    fprintf(out,
            "warta %s - article normalization service\n\n"
            "Usage:\n"
            "  warta serve [OPTIONS]                 run the HTTP service\n"
            "  warta normalize [OPTIONS] INPUT...    normalize files, '-' (stdin) or URLs;\n"
            "                                        one JSON article per line\n"
            "  warta normalize [OPTIONS] --batch FILE|-\n"
            "                                        one JSON request per line in, one\n"
            "                                        result per line out (as POST\n"
            "                                        /v1/normalize/batch)\n"
            "  warta print-config [OPTIONS]          show the effective configuration\n"
            "  warta healthcheck [OPTIONS]           exit 0 when the local server's\n"
            "                                        /healthz answers 200 (--port, --bind)\n"
            "  warta --help | --version\n\n"
            "normalize options:\n"
            "  --text | --html                 input kind (default: sniffed per input)\n"
            "  --format F                      native (default), ninjs, jsonld or text\n"
            "  --explain                       list removed blocks with their reason\n"
            "  --lang TAG                      language hint (BCP 47)\n"
            "  --no-remember                   do not add the articles to the index\n\n"
            "serve options (each also an environment variable):\n",
            WARTA_VERSION);
    warta_config_print_help(out, "serve");
    fprintf(out, "\nshared options (serve and normalize):\n");
    warta_config_print_help(out, "shared");
    fprintf(out, "\nExit status: 0 success, 1 an input failed (its problem "
                 "object is printed on its line), 2 usage or start-up error.\n");
}

static int serve(int argc, char **argv, int argi)
{
    struct warta_config cfg;
    warta_config_defaults(&cfg);
    char msg[512];
    if (warta_config_parse(&cfg, "serve", argc, argv, &argi, msg, sizeof(msg)) < 0) {
        fprintf(stderr, "warta: %s\n", msg);
        return 2;
    }
    if (argi < argc) {
        fprintf(stderr, "warta: unknown argument '%s' (see warta --help)\n",
                argv[argi]);
        return 2;
    }
    warta_log_set_level(cfg.log_level);
    /* Block the stop signals before any thread exists, so that every
     * thread inherits the mask and warta_serve() alone receives them. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGHUP); /* reloads the API keys */
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (warta_access_open(&cfg, msg, sizeof(msg)) < 0) {
        fprintf(stderr, "warta: %s\n", msg);
        return 2;
    }
    struct warta_env env;
    struct warta_error err;
    warta_error_clear(&err);
    if (warta_env_open(&env, &cfg, &err) != WARTA_OK) {
        fprintf(stderr, "warta: %s\n", err.detail);
        warta_access_close();
        return 2;
    }
    int rc = warta_serve(&cfg, &env);
    warta_env_close(&env);
    warta_access_close();
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("warta %s\n", WARTA_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "serve"))
        return serve(argc, argv, 2);
    if (!strcmp(cmd, "normalize"))
        return warta_cli_normalize(argc, argv, 2);
    if (!strcmp(cmd, "healthcheck"))
        return warta_cli_healthcheck(argc, argv, 2);
    if (!strcmp(cmd, "print-config")) {
        struct warta_config cfg;
        warta_config_defaults(&cfg);
        char msg[512];
        int argi = 2;
        if (warta_config_parse(&cfg, "serve", argc, argv, &argi, msg, sizeof(msg)) < 0 ||
            argi < argc) {
            fprintf(stderr, "warta: %s\n", argi < argc ? "unknown argument" : msg);
            return 2;
        }
        warta_config_print(stdout, &cfg);
        return 0;
    }
    fprintf(stderr, "warta: unknown command '%s' (see warta --help)\n", cmd);
    return 2;
}
