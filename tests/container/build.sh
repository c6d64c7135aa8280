#!/usr/bin/env bash
# Builds the images with podman: warta:latest from docker/Dockerfile (what
# `make container` means) and, with --stack, the nginx and redis images
# the stack test runs (docker/test-images/, from Debian packages, because
# no registry is reachable here). Sequential on purpose: the machine is
# shared. Layers are cached in podman's storage, so a rebuild after a
# source change recompiles and relinks only.
set -euo pipefail
source "$(dirname "$0")/podman-env.sh"
cd "$repo"

bash tests/container/base-images.sh

# --format docker keeps HEALTHCHECK (OCI images have no field for it);
# --network host lets apt-get reach the mirror the host uses.
build() {
    local tag=$1 file=$2 ctx=$3
    echo "container: building $tag from $file"
    podman build -q --format docker --network host --layers \
        --ignorefile "$file.dockerignore" -f "$file" -t "$tag" "$ctx" >/dev/null
}

build warta:latest docker/Dockerfile .
size=$(podman image inspect warta:latest --format '{{.Size}}')
echo "container: warta:latest is $((size / 1000000)) MB"
if [ "$size" -ge 200000000 ]; then
    echo "container: warta:latest is over 200 MB" >&2
    exit 1
fi
if [ "${1:-}" = --stack ]; then
    build warta-test-redis:latest docker/test-images/redis.Dockerfile docker/test-images
    build warta-test-nginx:latest docker/test-images/nginx.Dockerfile docker/test-images
fi
