#!/usr/bin/env bash
# Makes sure podman has debian:bookworm-slim and debian:bookworm, the bases
# docker/Dockerfile and the test images start FROM. No image registry is
# reachable here, so when a pull fails the base is made from Debian's own
# packages: debootstrap --variant=minbase from the mirror apt uses, cleaned
# the way the official slim image is, imported as both tags. The rootfs
# tarball is cached in $WARTA_CONTAINER_CACHE; on another machine with a
# registry the pull simply succeeds and nothing here runs.
set -euo pipefail
source "$(dirname "$0")/podman-env.sh"

have() { podman image exists "$1"; }

if have debian:bookworm-slim && have debian:bookworm; then
    echo "base-images: debian:bookworm-slim and debian:bookworm present"
    exit 0
fi
for tag in debian:bookworm-slim debian:bookworm; do
    have "$tag" || timeout 60 podman pull -q "docker.io/library/$tag" >/dev/null 2>&1 || true
done
if have debian:bookworm-slim && have debian:bookworm; then
    echo "base-images: pulled"
    exit 0
fi

mkdir -p "$WARTA_CONTAINER_CACHE"
tarball="$WARTA_CONTAINER_CACHE/bookworm-minbase.tar"
if [ ! -s "$tarball" ]; then
    root=$(mktemp -d "$WARTA_CONTAINER_CACHE/rootfs.XXXXXX")
    trap 'rm -rf "$root"' EXIT
    mirror=$(debian_mirror)
    echo "base-images: debootstrap bookworm from $mirror (a few minutes, once)"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$WARTA_CONTAINER_CACHE/debootstrap.log" 2>&1 ||
        { tail -n 30 "$WARTA_CONTAINER_CACHE/debootstrap.log"; exit 1; }
    # What the official slim image drops, and keeps dropping on later
    # installs (dpkg path excludes): docs, man pages, locales, apt caches.
    cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
CFG
    cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'CFG'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CFG
    echo 'APT::Install-Recommends "false";' >"$root/etc/apt/apt.conf.d/docker-no-recommends"
    find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
    rm -rf "$root/usr/share/man"/* "$root/usr/share/info"/* "$root/usr/share/locale"/* \
        "$root/var/cache/apt"/*.bin "$root/var/cache/apt/archives"/*.deb \
        "$root/var/lib/apt/lists"/* "$root/var/log"/*.log "$root/var/log/apt"/*
    # The image's apt sources: the same mirror, plus security updates.
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
        "$mirror" "$mirror" "${mirror%/debian*}/debian" >"$root/etc/apt/sources.list"
    tar -C "$root" --numeric-owner -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
    trap - EXIT
fi
for tag in debian:bookworm-slim debian:bookworm; do
    have "$tag" || podman import -q "$tarball" "$tag" >/dev/null
done
echo "base-images: imported debian:bookworm-slim and debian:bookworm from $tarball"
