#!/bin/bash
# Entrypoint of strata's local PostgreSQL 15 image (built by scripts/build-postgres-image.sh).
# Our own small script that behaves like the official postgres:15 image for what strata uses:
#
#   POSTGRES_PASSWORD   required (unless POSTGRES_HOST_AUTH_METHOD=trust): the superuser's password
#   POSTGRES_USER       the superuser, default postgres
#   POSTGRES_DB         a database created on first start, default $POSTGRES_USER
#   POSTGRES_HOST_AUTH_METHOD  auth for host connections, default scram-sha-256
#   POSTGRES_INITDB_ARGS       extra initdb arguments (split on whitespace)
#   PGDATA              the cluster, default /var/lib/postgresql/data
#
# Arguments: none or beginning with '-' run `postgres ARGS...` (`image -c port=5544`);
# `postgres ARGS...` likewise; anything else is run as a command, unchanged.
# On first start (no $PGDATA/PG_VERSION) the cluster is created with initdb as the postgres
# OS user: trust for local (Unix socket) connections, password auth for host connections from
# anywhere, listen_addresses = '*'. Nothing is started before the real server, so the first
# successful connection is to the final server (the official image restarts once).
set -euo pipefail

pgbin=/usr/lib/postgresql/15/bin
export PATH="$pgbin:$PATH"
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"

if [ $# -eq 0 ] || [ "${1:0:1}" = - ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi
# Run a command as the postgres OS user (or as is when the container already runs as non-root).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

# `postgres --version`, `--help`, `-C name`, `--describe-config`: no cluster needed, as officially.
for arg in "${@:2}"; do
  case "$arg" in
    -'?' | --help | --describe-config | -C | --version | -V) as_postgres "$@"; exit ;;
  esac
done

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "entrypoint: POSTGRES_PASSWORD is not set: pass -e POSTGRES_PASSWORD=... (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile=$(mktemp /tmp/pgpass.XXXXXX)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  pwopt=()
  [ -n "${POSTGRES_PASSWORD:-}" ] && pwopt=(--pwfile="$pwfile")
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is split on purpose, as in the official image
  as_postgres initdb --username="$user" "${pwopt[@]}" --auth-local=trust --auth-host="$auth" \
    ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  trap - EXIT
  printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >> "$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    # Single-user mode: no server, no socket, nothing another client could reach meanwhile.
    printf 'CREATE DATABASE "%s";\n' "${db//\"/\"\"}" |
      as_postgres postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "entrypoint: initialised $PGDATA (superuser $user)" >&2
fi

# exec: postgres becomes PID 1 and gets the engine's stop signal (SIGINT, a fast shutdown).
if [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
fi
exec "$@"
