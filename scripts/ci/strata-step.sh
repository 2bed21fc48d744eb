#!/usr/bin/env bash
# One strata command as a CI step: run it with --format json, keep the JSON, write the job
# summary (scripts/ci/summary.sh), and set the step's outputs. What the composite action
# (.github/actions/strata) and the workflows run; runnable locally the same way.
#
#   scripts/ci/strata-step.sh COMMAND [ARGS...]      COMMAND: migrate, status, lint, rehearse
#
# Variables: STRATA (the binary, default `strata` on PATH), STRATA_OUTPUT_DIR (where COMMAND.json
# and COMMAND.md go; default $RUNNER_TEMP/strata or /tmp/strata), STRATA_SUMMARY_TITLE.
# `lint` also prints GitHub annotations (strata lint --format github) for the workflow log.
# Outputs (to $GITHUB_OUTPUT when set): exit-code, json, summary. Exits with strata's exit code.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
command=${1:?usage: strata-step.sh migrate|status|lint|rehearse [ARGS...]}
shift
strata=${STRATA:-strata}
dir=${STRATA_OUTPUT_DIR:-${RUNNER_TEMP:-/tmp}/strata}
mkdir -p "$dir"
json="$dir/$command.json"
summary="$dir/$command.md"
: > "$summary"

case "$command" in
  migrate|status|lint|rehearse) ;;
  *) echo "strata-step.sh: unsupported command $command (migrate, status, lint, rehearse)" >&2; exit 2 ;;
esac

if [ "$command" = lint ]; then
  "$strata" lint --format github "$@"  # annotations on the pull request
fi
"$strata" "$command" --format json "$@" > "$json"
code=$?

if [ -s "$json" ]; then
  GITHUB_STEP_SUMMARY="$summary" bash "$here/summary.sh" "$command" "$json" "${STRATA_SUMMARY_TITLE:-strata $command}" ||
    echo "strata-step.sh: could not summarize $json" >&2
else
  printf '### strata %s\n\n**failed before producing output** (exit code %s); see the log.\n\n' "$command" "$code" > "$summary"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$summary" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "json=$json"
    echo "summary=$summary"
  } >> "$GITHUB_OUTPUT"
fi
echo "strata $command: exit code $code (json: $json, summary: $summary)" >&2
exit "$code"
