#!/usr/bin/env bash
# Builds the local image localhost/strata-postgres:15 (PostgreSQL 15 from Debian bookworm, with
# our own entrypoint, scripts/postgres-image/entrypoint.sh, which takes the official postgres
# image's POSTGRES_PASSWORD/POSTGRES_USER/POSTGRES_DB and arguments) without any image registry:
# mmdebstrap makes a root filesystem from Debian's packages, and the engine imports it.
# Cached: when the image already exists this is a no-op.
#
#   scripts/build-postgres-image.sh
#
# Variables: STRATA_CONTAINER_ENGINE (podman or docker; default whichever of the two is on PATH
# and answers `info`, podman first), STRATA_POSTGRES_IMAGE (default localhost/strata-postgres:15),
# STRATA_DEBIAN_MIRROR (default: mmdebstrap's, deb.debian.org with updates and security).
# For podman, CONTAINERS_CONF defaults to scripts/containers.conf (needed on our machines).
# Needs root (mmdebstrap's root mode) and the Debian packages mmdebstrap and podman + runc.
# Exit codes: 0 the image is there, 1 building failed, 3 this machine cannot build it (no engine,
# no mmdebstrap, not root).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
image=${STRATA_POSTGRES_IMAGE:-localhost/strata-postgres:15}
entrypoint_src="$here/postgres-image/entrypoint.sh"

die() { echo "build-postgres-image: $*" >&2; exit 1; }
# Exit 3: this machine lacks what building needs (tests skip with the reason, rather than fail).
cannot() { echo "build-postgres-image: $*" >&2; exit 3; }

# Runs the engine $1 with the remaining arguments; podman with our containers.conf unless the
# caller set CONTAINERS_CONF.
run_engine() {
  local e=$1
  shift
  if [ "$(basename "$e")" = podman ] && [ -z "${CONTAINERS_CONF:-}" ]; then
    CONTAINERS_CONF="$here/containers.conf" "$e" "$@"
  else
    "$e" "$@"
  fi
}
image_exists() {  # ENGINE
  if [ "$(basename "$1")" = podman ]; then
    run_engine "$1" image exists "$image" 2>/dev/null
  else
    run_engine "$1" image inspect "$image" >/dev/null 2>&1
  fi
}

engine=${STRATA_CONTAINER_ENGINE:-}
if [ -n "$engine" ]; then
  command -v "$engine" >/dev/null 2>&1 || die "STRATA_CONTAINER_ENGINE=$engine is not on PATH"
else
  # The cached case first and cheaply (an engine that finds the image works); only when no
  # engine has it, the first one whose `info` succeeds (podman info takes ~0.5 s).
  for candidate in podman docker; do
    if command -v "$candidate" >/dev/null 2>&1 && image_exists "$candidate"; then exit 0; fi
  done
  for candidate in podman docker; do
    if command -v "$candidate" >/dev/null 2>&1 && run_engine "$candidate" info >/dev/null 2>&1; then
      engine=$candidate
      break
    fi
  done
  [ -n "$engine" ] || cannot "no working container engine: neither \`podman info\` nor \`docker info\` succeeds (apt-get install podman runc; or set STRATA_CONTAINER_ENGINE)"
fi
if [ "$(basename "$engine")" = podman ] && [ -z "${CONTAINERS_CONF:-}" ]; then
  export CONTAINERS_CONF="$here/containers.conf"
fi

if image_exists "$engine"; then
  exit 0
fi

[ "$(id -u)" = 0 ] || cannot "building $image needs root (mmdebstrap's root mode and the engine's import)"
command -v mmdebstrap >/dev/null 2>&1 || cannot "mmdebstrap is not installed (apt-get install mmdebstrap)"
[ -f "$entrypoint_src" ] || die "missing $entrypoint_src"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-postgres-image.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp "$entrypoint_src" "$tmp/entrypoint.sh"
chmod 0755 "$tmp/entrypoint.sh"

mirrors=()
if [ -n "${STRATA_DEBIAN_MIRROR:-}" ]; then mirrors=("$STRATA_DEBIAN_MIRROR"); fi

echo "build-postgres-image: building $image with mmdebstrap (1 to 4 minutes)" >&2
# - the essential hook stops postgresql-common from creating (initdb) a cluster of its own on
#   install (the entrypoint makes one in $PGDATA); the customize hook removes anything left;
# - docs, man pages and translations are left out (dpkg path-exclude) to keep the image small;
# - dpkg's force-unsafe-io skips its fsync of every unpacked file (faster here): the
#   tarball is only used once complete, and a crash means building again.
if ! mmdebstrap --variant=apt --include=postgresql-15 --quiet --dpkgopt=force-unsafe-io \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/etc/postgresql-common" && echo "create_main_cluster = false" > "$1/etc/postgresql-common/createcluster.conf"' \
  --customize-hook="install -m 0755 $(printf %q "$tmp/entrypoint.sh") \"\$1/usr/local/bin/docker-entrypoint.sh\"" \
  --customize-hook='rm -rf "$1/etc/postgresql/15" "$1/var/lib/postgresql/15"' \
  bookworm "$tmp/rootfs.tar" "${mirrors[@]}" > "$tmp/mmdebstrap.log" 2>&1; then
  cat "$tmp/mmdebstrap.log" >&2
  die "mmdebstrap failed (log above): is Debian's mirror reachable (apt-get update)?"
fi

if ! "$engine" import \
  --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'EXPOSE 5432' \
  --change 'STOPSIGNAL SIGINT' \
  "$tmp/rootfs.tar" "$image" > "$tmp/import.log" 2>&1; then
  cat "$tmp/import.log" >&2
  die "$engine import failed (log above)"
fi
echo "build-postgres-image: built $image" >&2
