#!/usr/bin/env bash
# Placeholder hook: deploy/promote the application to an environment, after its schema was
# migrated. strata does not know how your application is deployed; this script runs the
# command in $APP_PROMOTE_COMMAND (e.g. a repository variable: `kubectl set image ...`,
# `fly deploy`, a webhook) with STRATA_ENVIRONMENT set, or says that none is configured.
#
#   scripts/ci/promote-app.sh ENVIRONMENT
set -euo pipefail
environment=${1:?usage: promote-app.sh ENVIRONMENT}
export STRATA_ENVIRONMENT=$environment
out=${GITHUB_STEP_SUMMARY:-/dev/stdout}
if [ -z "${APP_PROMOTE_COMMAND:-}" ]; then
  echo "promote-app: no APP_PROMOTE_COMMAND configured: nothing deployed to $environment (placeholder)" >&2
  printf '### app promotion: %s\n\nPlaceholder: set APP_PROMOTE_COMMAND to deploy the application.\n\n' "$environment" >> "$out"
  exit 0
fi
start=$(date +%s)
bash -c "$APP_PROMOTE_COMMAND"
printf '### app promotion: %s\n\nDone in %ss.\n\n' "$environment" "$(( $(date +%s) - start ))" >> "$out"
