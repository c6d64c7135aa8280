/*
 * Internal interface of the process shell (server/).
 */
#ifndef WARTA_SERVER_H
#define WARTA_SERVER_H

#include "warta/config.h"
#include "warta/pipeline.h"
#include "warta/req.h"

/* Route table lookup (router.c). Returns the handler; or NULL with
 * *stream set for a route that takes its body as it arrives; or NULL with
 * *err set to 404 or 405 (and *allow to the route's methods for 405). */
warta_handler_fn warta_route(const char *method, const char *path,
                             struct warta_arena *arena, const char **allow,
                             const struct warta_streamer **stream,
                             struct warta_error *err);

/* Runs the HTTP server until SIGINT/SIGTERM, then drains (http.c). */
int warta_serve(const struct warta_config *cfg, struct warta_env *env);

/* `warta normalize ...` (cli.c); returns the process exit code. */
int warta_cli_normalize(int argc, char **argv, int argi);

/* `warta healthcheck [OPTIONS]` (healthcheck.c): 0 when the local
 * server's /healthz answers 200, 1 when not, 2 on a usage error. */
int warta_cli_healthcheck(int argc, char **argv, int argi);

#endif
