#!/usr/bin/env bash
# Opens the XSS corpus of Tests/BylineTextTests/SanitizerTests.swift in headless Chromium and checks that no
# vector executes once sanitised. The pages (written by the `writesBrowserCheckPages` test) carry a trusted
# prelude that turns alert/confirm/prompt into a mark on <html>; Chromium runs each page with a virtual time
# budget (so onload/onerror handlers fire) and prints the DOM. Checks:
#   harness.html  a known-bad vector: the mark MUST appear (proves the check can fail);
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

# Prints how many marks the page's DOM carries after its scripts and handlers had 5 s of virtual time, or
# "none" when Chromium gave no DOM (crash, or still running after 60 s): an unreadable page never passes.
# Every host name fails at once, so vectors that point at other sites cannot stall the page.
fired() {
  local dom="$pages/$1.dom"
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost" --user-data-dir="$pages/profile" \
    --virtual-time-budget=5000 --dump-dom "file://$pages/$1" >"$dom" 2>/dev/null || true
  if grep -q 'id="v0"' "$dom"; then grep -c 'data-xss="fired"' "$dom" || true; else echo none; fi
}

status=0
harness=$(fired harness.html)
if [ "$harness" != none ] && [ "$harness" -ge 1 ]; then echo "PASS  harness: a known-bad vector fires and is seen"
else echo "FAIL  harness: the known-bad vector was not seen (the check cannot be trusted)"; status=1; fi
vectors=$(grep -c '<div id="v' "$pages/sanitised.html")
sanitised=$(fired sanitised.html)
if [ "$sanitised" = none ]; then echo "FAIL  sanitised: Chromium gave no DOM for the sanitised corpus"; status=1
elif [ "$sanitised" -eq 0 ]; then echo "PASS  sanitised: $vectors sanitised outputs, none executes"
else echo "FAIL  sanitised: a sanitised vector executed in Chromium"; status=1; fi
exit $status
