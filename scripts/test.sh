#!/usr/bin/env bash
# `npm test`: lint, type-check, unit, integration and end-to-end tests against real services.
# Starts what it needs (PostgreSQL 15, s3rver; installs chromium/postgresql with apt when missing
# and running as root) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# The SDK warns that its 2027 releases will need Node 22; true, but noise in test logs.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
mkdir -p .test-run

step() { echo; echo "==> $*"; }

step "Lint"
npx eslint --max-warnings=0 .

step "Type-check"
npx tsc --noEmit

step "Starting test services"
bash scripts/test-services.sh start
trap 'bash scripts/test-services.sh stop' EXIT
# shellcheck disable=SC1091
source .test-run/env

step "Unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile=.test-run/vitest.json

step "Build (next build)"
npm run build

step "End-to-end tests (Playwright, Chromium)"
export E2E_DATABASE_URL="${TEST_DATABASE_URL%/*}/portail_e2e"
npx tsx --conditions=react-server scripts/prepare-e2e.ts
npx playwright test

step "Summary"
node scripts/test-summary.mjs .test-run/vitest.json .test-run/playwright.json
