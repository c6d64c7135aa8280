# Sourced by the container scripts: podman's settings and the cache folder.
# The cache keeps the debootstrapped base images between runs (CI reuses
# the machine's podman storage too), so only a cold machine pays for them.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
export CONTAINERS_CONF="$repo/docker/containers.conf"
: "${WARTA_CONTAINER_CACHE:=/var/cache/warta-container}"
export WARTA_CONTAINER_CACHE
# The mirror apt already uses, so debootstrap reaches nothing else.
debian_mirror() {
    local m
    m=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
            /etc/apt/sources.list.d/*.list 2>/dev/null |
        grep -v security | grep -o 'https\?://[^ ]*/debian/\?' | head -n1)
    echo "${m:-http://deb.debian.org/debian}"
}
