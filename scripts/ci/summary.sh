#!/usr/bin/env bash
# Markdown for a GitHub job summary from the JSON output of a strata command.
#
#   scripts/ci/summary.sh KIND FILE [TITLE]
#
# KIND: lint (strata lint --format json), migrate (strata migrate --format json: JSON lines,
# events then a summary or an error), status (strata status --format json), rehearse
# (strata rehearse --format json). Appends to $GITHUB_STEP_SUMMARY when it is set, else prints
# to stdout. Needs jq. Exit 0 unless the input cannot be read or parsed.
set -euo pipefail

kind=${1:?usage: summary.sh lint|migrate|status|rehearse FILE [TITLE]}
file=${2:?usage: summary.sh lint|migrate|status|rehearse FILE [TITLE]}
title=${3:-}
out=${GITHUB_STEP_SUMMARY:-/dev/stdout}

[ -r "$file" ] || { echo "summary.sh: cannot read $file" >&2; exit 1; }

markdown() {
  case "$kind" in
    lint)
      jq -r --arg title "${title:-strata lint}" '
        "### \($title)\n",
        "\(.summary.files) file(s): \(.summary.errors) error(s), \(.summary.warnings) warning(s), \(.summary.approved) approved, \(.summary.suppressed) suppressed: " + (if .summary.failed then "**failed**" else "passed" end) + "\n",
        (if (.findings | length) > 0 then
          "| file | line | rule | severity | message |\n|---|---|---|---|---|",
          (.findings[] | "| \(.file) | \(.line):\(.column) | \(.rule) | \(.severity)\(if .approved then " (approved)" elif .suppressed then " (suppressed)" else "" end) | \(.message | gsub("\\|"; "\\|")) |")
        else empty end)' "$file"
      ;;
    migrate)
      # JSON lines: the plan is what migration_done events say; the last line is summary or error
      # (a fleet's: fleet_summary, after one target_done per target).
      jq -rs --arg title "${title:-strata migrate}" '
        (map(select(.event == "summary" or .event == "error" or .event == "fleet_summary")) | last) as $last
        | "### \($title)\n",
          (if $last == null then "**no summary: the run did not finish**"
           elif $last.event == "fleet_summary" then
             "fleet \($last.fleet): \($last.targets) target(s): \($last.applied) applied, \($last.current) already current, " +
             (if $last.failed > 0 then "**\($last.failed) failed**" else "0 failed" end) + ", \($last.skipped) not started" +
             (if ($last.failures | length) > 0 then "\n\n| target | error |\n|---|---|\n" +
               ($last.failures | map("| \(.target) | \(.error | gsub("\\|"; "\\|")) |") | join("\n")) else "" end)
           elif $last.event == "error" then "**failed**: \($last.message)" + (if $last.file then " at `\($last.file):\($last.line):\($last.column)` (SQLSTATE \($last.sqlstate))" else "" end)
           elif ($last.applied | length) == 0 then "\($last.target): up to date, nothing applied"
           else "\($last.target): applied \($last.applied | length) migration(s) in \($last.total_ms | floor) ms" + (if $last.backup then " (backup: `\($last.backup)`)" else "" end) end),
          "",
          (map(select(.event == "migration_done")) | if length > 0 then
             "| migration | time |\n|---|---|", (.[] | "| \(.migration) | \(.elapsed_ms | floor) ms |")
           else empty end)' "$file"
      ;;
    status)
      jq -r --arg title "${title:-strata status}" '
        "### \($title)\n",
        "\(.target): " + (if .current then "current" else "**not current**" end) + "\n",
        "| migration | state |\n|---|---|",
        (.migrations[] | "| \(.name) | \(.state)\(if .out_of_order then " (out of order)" else "" end) |")' "$file"
      ;;
    rehearse)
      jq -r --arg title "${title:-strata rehearse}" '
        "### \($title)\n",
        (if .success then "**success**: \(.pending) pending migration(s) applied to a copy of \(.target) in \(.total_ms | floor) ms"
         else "**failed**: \(.error.migration // "?"): \(.error.message // "")" + (if .error.file then " at `\(.error.file):\(.error.line):\(.error.column)` (SQLSTATE \(.error.sqlstate))" else "" end) end),
        "",
        "Copy: \(.copy.bytes) bytes in \(.copy.elapsed_ms | floor) ms. Drift: " +
          (if .drift.checked | not then "cannot tell (\(.drift.error))" elif .drift.drift then "**\(.drift.differences | length) difference(s)**" else "none" end),
        "",
        (if (.migrations | length) > 0 then
          "| migration | status | time | locks | destroys |\n|---|---|---|---|---|",
          (.migrations[] | "| \(.name) | \(.status) | \(.execution_ms | floor) ms | " +
            ([.locks[] | select(.kind == "r" or .kind == "p") | "\(.relation) \(.modes | join("+"))"] | join(", ")) + " | " +
            (if .destructive then "**" + ((.dropped_tables | map("drops " + .)) + .vanished_rows | join("; ")) + "**" + (if .marked_destructive then " (marked)" else " (NOT marked)" end) else "" end) + " |")
        else "Nothing pending." end),
        "",
        "| table | rows before | rows after |\n|---|---|---|",
        (.rows_after as $after | .rows_before | to_entries[] | "| \(.key) | \(.value) | \($after[.key] // "dropped") |")' "$file"
      ;;
    *)
      echo "summary.sh: unknown kind $kind (lint, migrate, status, rehearse)" >&2
      exit 2
      ;;
  esac
}

text=$(markdown)
printf '%s\n\n' "$text" >> "$out"
