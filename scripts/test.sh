#!/usr/bin/env bash
# Byline's test command (the README's; .ci/run calls exactly this):
#   1. swift test                          unit, contract and router tests (SQLite and in-memory stores);
#   2. scripts/api-check.sh                 OpenAPI document validated, schemathesis against a live server;
#   3. scripts/validate-syndication.sh      feeds through feedparser, sitemaps through xmllint --schema;
#   4. scripts/xss-browser-check.sh         the sanitised XSS corpus in headless Chromium: nothing executes;
#   5. scripts/hostile-check.sh             a live server against hostile traffic (issue 15): timeouts, throttle,
#                                           malformed bodies, HEAD/405, URL schemes, headers, bounded reading state.
# Steps 2-5 reuse the debug build of step 1 and install their tools (PyPI into .build-py/, Debian packages)
# when missing. Set SWIFT_TEST_FLAGS to pass flags to every `swift test` (e.g. "--scratch-path .build-x").
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "swift test"
# shellcheck disable=SC2086
swift test ${SWIFT_TEST_FLAGS:-}
step "API: OpenAPI document and schemathesis"
scripts/api-check.sh
step "Syndication: feedparser and xmllint"
scripts/validate-syndication.sh
step "Sanitiser: XSS corpus in headless Chromium"
scripts/xss-browser-check.sh
step "Hostile traffic: scripts/hostile-check.sh"
scripts/hostile-check.sh
step "all checks passed"
