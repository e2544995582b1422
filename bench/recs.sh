#!/usr/bin/env bash
# Related articles and "Recommended for you" (issue 5): engine latency and served speed.
#
# 1. `byline eval bench-rank` (hidden): related for one article on a 100k-article synthetic store and a
#    personal list for a reader with 50 reads, p50/p99. The synthetic articles are sampled at run time, in
#    memory, from sentences of ../shared/data/bbc-news/bbc-news.jsonl; nothing generated is written to disk.
# 2. The BBC corpus imported into a fresh SQLite store and served (release build); a reader cookie is made
#    and given 50 reads, then wrk measures article pages WITH that cookie (related + most read from the
#    cached page, the personal block computed and spliced per request, the read recorded) against
#    /healthz, alternating, and prints the ratio.
# Goals: related p50 <= 5 ms, personal p50 <= 2 ms, article/healthz >= 0.5.
#
# Usage: bench/recs.sh [seconds-per-wrk-run (default 8)] [rounds (default 3)]
#        SCRATCH=.build-wire-rel (default) picks the release build folder; SKIP_ENGINE=1 skips part 1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-8}
ROUNDS=${2:-3}
PORT=${BENCH_PORT:-8182}
SCRATCH="${SCRATCH:-.build-wire-rel}"
DATA=../shared/data/bbc-news/bbc-news.jsonl

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is required" >&2; exit 1; }
[ -f "$DATA" ] || { echo "missing $DATA" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER=
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
if ! swift build -c release --scratch-path "$SCRATCH" --product byline >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2; echo "release build failed" >&2; exit 1
fi
BIN="$SCRATCH/release/byline"

if [ -z "${SKIP_ENGINE:-}" ]; then
  echo "== engines (100k synthetic articles, reader with 50 reads)"
  "$BIN" eval bench-rank --corpus "$DATA" --documents 100000 --reader-reads 50
fi

echo "== served pages (BBC corpus, SQLite, release build)"
"$BIN" import --db "$WORK/bench.db" "$DATA" 2>/dev/null | tail -1
"$BIN" serve --db "$WORK/bench.db" --port "$PORT" --no-demo --log-level warning &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

# A reader: the first article page sets the cookie; 50 reads give it a history.
mapfile -t READS < <(sqlite3 "$WORK/bench.db" "SELECT slug FROM article WHERE status = 'published' ORDER BY id % 97, id LIMIT 50")
COOKIE=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PORT/article/${READS[0]}" | tr -d '\r' \
  | awk -F'[=;]' 'tolower($1) ~ /^set-cookie: byline_reader$/ {print $2}')
[ -n "$COOKIE" ] || { echo "no reader cookie was set" >&2; exit 1; }
for s in "${READS[@]:1}"; do curl -sf -o /dev/null -H "Cookie: byline_reader=$COOKIE" "http://127.0.0.1:$PORT/article/$s"; done
curl -sf -H "Cookie: byline_reader=$COOKIE" "http://127.0.0.1:$PORT/article/${READS[0]}" | grep -q 'id="recs-heading"' \
  || { echo "the article page has no personal block" >&2; exit 1; }

# Eight article URLs from different sections, requested with the reader's cookie.
mapfile -t SLUGS < <(sqlite3 "$WORK/bench.db" "SELECT slug FROM article ORDER BY id % 277, id LIMIT 8")
LUA="$WORK/articles.lua"
{
  echo "paths = {"
  for s in "${SLUGS[@]}"; do echo "  \"/article/$s\","; done
  echo "}"
  echo 'i = 0'
  echo "wrk.headers[\"Cookie\"] = \"byline_reader=$COOKIE\""
  echo 'request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end'
} > "$LUA"

run() { wrk -t1 -c32 -d"${DURATION}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up"; run "http://127.0.0.1:$PORT/healthz" >/dev/null; run -s "$LUA" "http://127.0.0.1:$PORT" >/dev/null
health=(); article=()
for r in $(seq "$ROUNDS"); do
  h=$(run "http://127.0.0.1:$PORT/healthz"); a=$(run -s "$LUA" "http://127.0.0.1:$PORT")
  health+=("$h"); article+=("$a")
  printf 'round %d: healthz %8.0f req/s   article+personal %8.0f req/s   ratio %.2f\n' "$r" "$h" "$a" "$(echo "$a / $h" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
H=$(median "${health[@]}"); A=$(median "${article[@]}")
printf 'median: healthz %.0f req/s, article with personal block %.0f req/s, ratio %.2f (goal >= 0.5)\n' "$H" "$A" "$(echo "$A / $H" | bc -l)"
