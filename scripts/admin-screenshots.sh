#!/usr/bin/env bash
# Screenshots of the web admin's article list and editor: starts a server on a temp SQLite db with demo
# content, adds an editor from the CLI (password from stdin), signs in with curl, saves the pages with an
# absolute <base> so their stylesheets load, and renders them with headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${BYLINE_SCRATCH:-.build}"; PORT="${SHOT_PORT:-18090}"; OUT="${1:-/tmp/byline-shots}"
WORK="$(mktemp -d)"; SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$OUT"
BIN="${BYLINE_BIN:-$(swift build --scratch-path "$SCRATCH" --show-bin-path)/byline}"
DB="$WORK/shots.db"; BASE="http://127.0.0.1:$PORT"; JAR="$WORK/jar"
PASSWORD="$(head -c 18 /dev/urandom | base64)"
"$BIN" serve --db "$DB" --port "$PORT" --log-level warning & SERVER_PID=$!
for _ in $(seq 1 600); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
printf '%s\n' "$PASSWORD" | "$BIN" user add --db "$DB" --role editor --name "Edna Editor" --password-stdin edna >/dev/null
TOKEN="$(curl -fsS -c "$JAR" "$BASE/admin/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fsS -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "csrf=$TOKEN" --data-urlencode "username=edna" \
  --data-urlencode "password=$PASSWORD" "$BASE/admin/login"
shot() { # path name
  curl -fsS -b "$JAR" "$BASE$1" | sed "s#<head>#<head><base href=\"$BASE/\">#" > "$WORK/$2.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$OUT/$2.png" --window-size=1280,1600 "file://$WORK/$2.html" 2>/dev/null
}
shot "/admin" admin-list
FIRST="$(curl -fsS -b "$JAR" "$BASE/admin" | grep -o 'href="/admin/articles/[0-9]*"' | head -1 | sed 's/href="\(.*\)"/\1/')"
shot "$FIRST" admin-editor
echo "screenshots in $OUT"
