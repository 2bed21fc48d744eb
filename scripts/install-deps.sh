#!/usr/bin/env bash
# Installs the Debian packages strata builds and tests with. A no-op when all are present,
# so the README's commands and .ci/run can call it unconditionally.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libpqxx-dev nlohmann-json3-dev libboost-dev libboost-filesystem-dev
  libpg-query-dev libssl-dev libcli11-dev libgtest-dev
  postgresql-15 postgresql-client-15
  libcpp-httplib-dev
  pgbouncer  # tests/pgbouncer: the runner, accessors and test databases through a real pooler
  # The docker test backend run for real with podman (tests/test_database/container_backend_test):
  # runc (crun refuses some hosts' hybrid cgroups), mmdebstrap builds the image without a registry.
  podman runc mmdebstrap
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Tools the CI scripts and the workflow validator test use (scripts/ci, tests/ci): checked by
# command, since node may come from elsewhere than Debian's package.
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# The server package is wanted for its binaries only: do not let it create or start a system cluster.
if [[ " ${missing[*]} " == *" postgresql-15 "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  "${sudo_cmd[@]}" mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | "${sudo_cmd[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
