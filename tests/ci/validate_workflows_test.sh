#!/usr/bin/env bash
# Every workflow and action file under .github/ passes a real validator (@action-validator/cli,
# installed with npm into TOOLS_DIR on first use), and deliberately broken copies fail it.
#   validate_workflows_test.sh SOURCE_DIR TOOLS_DIR
set -euo pipefail
source_dir=${1:?source dir}
tools=${2:?tools dir}
version=0.6.0
validator="$tools/node_modules/.bin/action-validator"

if [ ! -x "$validator" ] || ! grep -q "\"version\": \"$version\"" "$tools/node_modules/@action-validator/cli/package.json" 2>/dev/null; then
  mkdir -p "$tools"
  npm install --no-audit --no-fund --loglevel=error --prefix "$tools" "@action-validator/cli@$version" >&2
fi

failures=0
files=()
while IFS= read -r file; do files+=("$file"); done < <(find "$source_dir/.github" -type f \( -name '*.yml' -o -name '*.yaml' \) | sort)
[ ${#files[@]} -ge 3 ] || { echo "FAIL: expected ci.yml, deploy.yml and the action, found ${#files[@]} files" >&2; exit 1; }
for file in "${files[@]}"; do
  if "$validator" "$file" >/tmp/validator.$$ 2>&1; then
    echo "ok: ${file#$source_dir/}"
  else
    echo "FAIL: ${file#$source_dir/}" >&2
    cat /tmp/validator.$$ >&2
    failures=$((failures + 1))
  fi
done

# The validator must be able to fail: broken copies of a workflow and of the action.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" /tmp/validator.$$' EXIT
sed 's/runs-on:/runs_on:/' "$source_dir/.github/workflows/deploy.yml" > "$scratch/deploy.yml"
sed 's/using: composite/using: kompozit/' "$source_dir/.github/actions/strata/action.yml" > "$scratch/action.yml"
for broken in "$scratch/deploy.yml" "$scratch/action.yml"; do
  if "$validator" "$broken" >/dev/null 2>&1; then
    echo "FAIL: the validator accepted a broken copy: $(basename "$broken")" >&2
    failures=$((failures + 1))
  else
    echo "ok: broken $(basename "$broken") rejected"
  fi
done

# What the pipeline depends on, beyond the schema: the needs chain, environments, concurrency.
deploy="$source_dir/.github/workflows/deploy.yml"
for expected in "needs: build" "needs: migrate-staging" "needs: promote-app-staging" "needs: rehearse-production" \
                "needs: migrate-production" "environment: staging" "environment: production" "concurrency:" \
                "secrets.STAGING_DATABASE_URL" "secrets.PRODUCTION_DATABASE_URL" "strata-step.sh rehearse --env production"; do
  grep -qF "$expected" "$deploy" || { echo "FAIL: deploy.yml lacks '$expected'" >&2; failures=$((failures + 1)); }
done
fleet="$source_dir/.github/workflows/deploy-fleet.yml"
for expected in "needs: build" "needs: migrate-canary" "needs: migrate-tenants" "environment: canary" \
                "environment: tenants" "concurrency:" "secrets.CONTROL_DATABASE_URL" \
                "migrate --env tenants --shard \${{ matrix.shard }}/4"; do
  grep -qF "$expected" "$fleet" || { echo "FAIL: deploy-fleet.yml lacks '$expected'" >&2; failures=$((failures + 1)); }
done
exit "$failures"
