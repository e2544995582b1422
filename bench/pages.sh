#!/usr/bin/env bash
# Serves the BBC corpus from a fresh SQLite store (release build) and measures requests/s with wrk:
# /healthz against several article pages, alternating, and prints the article/healthz ratio.
# Usage: bench/pages.sh [seconds-per-run (default 10)] [rounds (default 3)]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
ROUNDS=${2:-3}
PORT=${BENCH_PORT:-8181}
DATA=../shared/data/bbc-news/bbc-news.jsonl

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
[ -f "$DATA" ] || { echo "missing $DATA" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER=
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
if ! swift build -c release --product byline >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2; echo "release build failed" >&2; exit 1
fi
BIN=$(swift build -c release --show-bin-path)/byline

"$BIN" import --db "$WORK/bench.db" "$DATA" 2>/dev/null | tail -1
"$BIN" serve --db "$WORK/bench.db" --port "$PORT" --no-demo --log-level warning &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

# Eight article URLs from different sections.
mapfile -t SLUGS < <(sqlite3 "$WORK/bench.db" "SELECT slug FROM article ORDER BY id % 277, id LIMIT 8")
LUA="$WORK/articles.lua"
{
  echo "paths = {"
  for s in "${SLUGS[@]}"; do echo "  \"/article/$s\","; done
  echo "}"
  echo 'i = 0'
  echo 'request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end'
} > "$LUA"

run() { wrk -t1 -c32 -d"${DURATION}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up"; run "http://127.0.0.1:$PORT/healthz" >/dev/null; run -s "$LUA" "http://127.0.0.1:$PORT" >/dev/null
health=(); article=()
for r in $(seq "$ROUNDS"); do
  h=$(run "http://127.0.0.1:$PORT/healthz"); a=$(run -s "$LUA" "http://127.0.0.1:$PORT")
  health+=("$h"); article+=("$a")
  printf 'round %d: healthz %8.0f req/s   article %8.0f req/s   ratio %.2f\n' "$r" "$h" "$a" "$(echo "$a / $h" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
H=$(median "${health[@]}"); A=$(median "${article[@]}")
printf 'median: healthz %.0f req/s, article %.0f req/s, ratio article/healthz %.2f (goal >= 0.5)\n' "$H" "$A" "$(echo "$A / $H" | bc -l)"
