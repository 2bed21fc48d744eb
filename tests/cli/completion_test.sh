#!/usr/bin/env bash
# The bash completion completes subcommands, nested subcommands, options and --format values from
# the built strata's own --help, and environment names from strata.json.
#   completion_test.sh SOURCE_DIR STRATA
set -euo pipefail
source_dir=${1:?source dir}
strata=${2:?strata binary}
# shellcheck source=/dev/null
source "$source_dir/scripts/completion/strata.bash"
failures=0
expect() {  # EXPECTED WORDS...
  local expected=$1
  shift
  COMP_WORDS=("$strata" "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _strata
  if [ "${COMPREPLY[*]}" = "$expected" ]; then
    echo "ok: strata $* -> $expected"
  else
    echo "FAIL: strata $* -> '${COMPREPLY[*]}', expected '$expected'" >&2
    failures=$((failures + 1))
  fi
}
expect "migrate" mi
expect "repair restore rehearse review" re
expect "start stop status" dev st
expect "--format" migrate --for
expect "text json github" lint --format ""
expect "text json markdown" review --format ""
scratch=$(mktemp -d "${TMPDIR:-/tmp}/strata-completion-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
printf '{"environments": [{"name": "staging", "url_env": "S"}, {"name": "production", "url_env": "P"}]}\n' > "$scratch/strata.json"
(cd "$scratch" && expect "staging production" migrate --env "") || failures=$((failures + 1))
[ "$failures" -eq 0 ] || { echo "$failures completion(s) wrong" >&2; exit 1; }
