#!/usr/bin/env bash
# The scripts the GitHub jobs run (scripts/ci), run here with sample JSON as strata prints it:
# summary.sh's markdown, strata-step.sh's outputs and exit codes, promote-app.sh's hook.
#   scripts_test.sh SOURCE_DIR [STRATA_BINARY]
set -uo pipefail
source_dir=${1:?source dir}
samples="$source_dir/tests/ci/samples"
scripts="$source_dir/scripts/ci"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect() {  # expect NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "ok: $1"; else
    echo "FAIL: $1: '$3' not in:" >&2; cat "$2" >&2; failures=$((failures + 1)); fi
}

summary() {  # summary KIND SAMPLE -> $work/KIND.md
  : > "$work/$1.md"
  GITHUB_STEP_SUMMARY="$work/$1.md" bash "$scripts/summary.sh" "$1" "$samples/$2" || { echo "FAIL: summary.sh $1 $2 exited $?" >&2; failures=$((failures + 1)); }
}

summary lint lint.json
expect "lint summary counts" "$work/lint.md" "2 file(s): 1 error(s), 0 warning(s)"
expect "lint summary failed" "$work/lint.md" "**failed**"
expect "lint table row, pipe escaped" "$work/lint.md" '| schema/migrations/20260101000002_add_index.sql | 1:1 | index-not-concurrent | error | CREATE INDEX without CONCURRENTLY blocks writes \| on orders |'

summary migrate migrate.jsonl
expect "migrate summary" "$work/migrate.md" "applied 1 migration(s) in 40 ms"
expect "migrate timings" "$work/migrate.md" "| 20260101000002_add_products_note | 12 ms |"
: > "$work/failed.md"
GITHUB_STEP_SUMMARY="$work/failed.md" bash "$scripts/summary.sh" migrate "$samples/migrate_failed.jsonl"
expect "migrate failure located" "$work/failed.md" '**failed**: column "nope" does not exist at `schema/migrations/20260101000003_broken.sql:3:21` (SQLSTATE 42703)'

: > "$work/fleet.md"
GITHUB_STEP_SUMMARY="$work/fleet.md" bash "$scripts/summary.sh" migrate "$samples/migrate_fleet.jsonl"
expect "fleet summary counts" "$work/fleet.md" "fleet tenants: 2 target(s): 1 applied, 0 already current, **1 failed**, 0 not started"
expect "fleet failure row, pipe escaped" "$work/fleet.md" '| t2 | cannot connect \| x |'

summary status status.json
expect "status not current" "$work/status.md" "**not current**"
expect "status row" "$work/status.md" "| 20260101000002_add_products_note | pending |"

summary rehearse rehearse.json
expect "rehearse success" "$work/rehearse.md" "**success**: 2 pending migration(s)"
expect "rehearse locks" "$work/rehearse.md" "public.products AccessExclusiveLock, public.orders ShareLock"
expect "rehearse destructive" "$work/rehearse.md" "**drops public.order_details; public.order_details: 2155 -> 0 rows** (marked)"
expect "rehearse rows" "$work/rehearse.md" "| public.order_details | 2155 | dropped |"
expect "rehearse drift" "$work/rehearse.md" "Drift: none"

if bash "$scripts/summary.sh" lint "$work/does-not-exist.json" 2>/dev/null; then
  echo "FAIL: summary.sh accepted a missing file" >&2; failures=$((failures + 1)); else echo "ok: missing input refused"; fi
echo '{not json' > "$work/bad.json"
if GITHUB_STEP_SUMMARY="$work/bad.md" bash "$scripts/summary.sh" status "$work/bad.json" 2>/dev/null; then
  echo "FAIL: summary.sh accepted bad JSON" >&2; failures=$((failures + 1)); else echo "ok: bad JSON refused"; fi

# strata-step.sh with a stand-in strata that prints a sample and exits 1 (a failed migration).
cat > "$work/fake-strata" <<FAKE
#!/usr/bin/env bash
echo "\$*" >> "$work/fake-args"
cat "$samples/migrate_failed.jsonl"
exit 1
FAKE
chmod +x "$work/fake-strata"
: > "$work/output"; : > "$work/step-summary"
STRATA="$work/fake-strata" STRATA_OUTPUT_DIR="$work/out" GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/step-summary" \
  bash "$scripts/strata-step.sh" migrate --env staging 2>/dev/null
code=$?
[ "$code" = 1 ] && echo "ok: strata-step.sh passes the exit code on" || { echo "FAIL: strata-step.sh exit $code, wanted 1" >&2; failures=$((failures + 1)); }
expect "step outputs exit-code" "$work/output" "exit-code=1"
expect "step outputs json" "$work/output" "json=$work/out/migrate.json"
expect "step outputs summary" "$work/output" "summary=$work/out/migrate.md"
expect "step job summary" "$work/step-summary" "SQLSTATE 42703"
expect "step arguments" "$work/fake-args" "migrate --format json --env staging"

# promote-app.sh: the placeholder, and a configured hook.
: > "$work/promote.md"
GITHUB_STEP_SUMMARY="$work/promote.md" bash "$scripts/promote-app.sh" staging 2>/dev/null
expect "promote placeholder" "$work/promote.md" "Placeholder: set APP_PROMOTE_COMMAND"
GITHUB_STEP_SUMMARY="$work/promote.md" APP_PROMOTE_COMMAND='echo "deployed to $STRATA_ENVIRONMENT" > '"$work/deployed" \
  bash "$scripts/promote-app.sh" production
expect "promote hook ran" "$work/deployed" "deployed to production"
if APP_PROMOTE_COMMAND='exit 3' GITHUB_STEP_SUMMARY="$work/promote.md" bash "$scripts/promote-app.sh" production 2>/dev/null; then
  echo "FAIL: a failing hook passed" >&2; failures=$((failures + 1)); else echo "ok: failing hook fails the step"; fi

# With the real binary: strata lint on a migration, through strata-step.sh.
if [ -n "${2:-}" ] && [ -x "$2" ]; then
  mkdir -p "$work/project/schema/migrations"
  printf 'CREATE INDEX orders_x ON orders (x);\n' > "$work/project/schema/migrations/20260101000001_index.sql"
  printf '{"schema": "schema", "migrations": "schema/migrations"}\n' > "$work/project/strata.json"
  (cd "$work/project" && STRATA="$2" STRATA_OUTPUT_DIR="$work/lint" GITHUB_STEP_SUMMARY="$work/lint-summary" \
     bash "$scripts/strata-step.sh" lint > "$work/lint-log" 2>&1)
  expect "real lint annotations" "$work/lint-log" "::"
  expect "real lint summary" "$work/lint-summary" "### strata lint"
fi
exit "$failures"
