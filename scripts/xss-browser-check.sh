#!/usr/bin/env bash
# Opens the XSS corpus of Tests/BylineTextTests/SanitizerTests.swift in headless Chromium and checks that no
# vector executes once sanitised. The pages (written by the `writesBrowserCheckPages` test) carry a trusted
# prelude that turns alert/confirm/prompt into a mark on <html>; Chromium runs each page with a virtual time
# budget (so onload/onerror handlers fire) and prints the DOM. Checks:
#   harness.html  a known-bad vector: the mark MUST appear (proves the check can fail);
#   control.html  the raw corpus: the mark is expected (reported, not required);
#   sanitised.html every vector through HTMLSanitizer and MarkdownRenderer: the mark must NOT appear.
#   scripts/xss-browser-check.sh        (SWIFT_TEST_FLAGS="--scratch-path .build-x" to pick a build folder)
set -euo pipefail
cd "$(dirname "$0")/.."

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
    browser="$(command -v chromium)"
  else
    echo "xss-browser-check: chromium is needed (apt-get install chromium)" >&2; exit 1
  fi
fi

pages="$(mktemp -d "${TMPDIR:-/tmp}/byline-xss.XXXXXX")"
trap 'rm -rf "$pages"' EXIT
# shellcheck disable=SC2086
BYLINE_XSS_PAGES="$pages" swift test ${SWIFT_TEST_FLAGS:-} --filter writesBrowserCheckPages >"$pages/swift-test.log" 2>&1 || {
  tail -30 "$pages/swift-test.log"; echo "xss-browser-check: could not write the pages" >&2; exit 1; }
[ -f "$pages/sanitised.html" ] || { echo "xss-browser-check: the test wrote no pages" >&2; exit 1; }

fired() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$pages/profile" --virtual-time-budget=5000 --dump-dom "file://$pages/$1" 2>/dev/null \
    | grep -c 'data-xss="fired"' || true
}

status=0
if [ "$(fired harness.html)" -ge 1 ]; then echo "PASS  harness: a known-bad vector fires and is seen"
else echo "FAIL  harness: the known-bad vector was not seen (the check cannot be trusted)"; status=1; fi
if [ "$(fired control.html)" -ge 1 ]; then echo "INFO  control: the raw corpus fires in Chromium, as expected"
else echo "INFO  control: nothing in the raw corpus fired"; fi
vectors=$(grep -c '<div id="v' "$pages/sanitised.html")
if [ "$(fired sanitised.html)" -eq 0 ]; then echo "PASS  sanitised: $vectors sanitised outputs, none executes"
else echo "FAIL  sanitised: a sanitised vector executed in Chromium"; status=1; fi
exit $status
