#!/usr/bin/env bash
# Readers and an editor at once (issue 15): serves the BBC corpus from a fresh SQLite store (release build), runs
# `wrk -t2 -c256` over 50 article URLs without cookies (every request a reader never seen before) for SECONDS, and
# meanwhile one Admin API update every 100 ms (bench/load-writer.py, timing each write). Prints requests/s, latency
# p50/p99, non-2xx responses, socket errors, the writer's p50/p99 and the server's RSS before and after.
# A benchmark, not a test: it prints figures and fails only when it cannot run.
# Usage: bench/load.sh [SECONDS (default 60)]
#   BYLINE_BIN=path   another binary (default: the release build, `swift build -c release --product byline` first)
#   BENCH_CORPUS=file the JSON Lines to serve (default ../shared/data/bbc-news/bbc-news.jsonl)
#   BENCH_PORT=8182
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60}
PORT=${BENCH_PORT:-8182}
DATA=${BENCH_CORPUS:-../shared/data/bbc-news/bbc-news.jsonl}

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }) >/dev/null 2>&1
  fi
  command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
fi
[ -f "$DATA" ] || { echo "missing $DATA" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER=""
WRITER=""
cleanup() {
  if [ -n "$WRITER" ]; then kill "$WRITER" 2>/dev/null || true; fi
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${BYLINE_BIN:-}" ]; then
  BIN=$BYLINE_BIN
  echo "binary: $BIN"
else
  if ! swift build -c release --product byline >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2; echo "release build failed" >&2; exit 1
  fi
  BIN=$(swift build -c release --show-bin-path)/byline
  echo "binary: $BIN (release)"
fi

"$BIN" import --db "$WORK/bench.db" "$DATA" 2>/dev/null | tail -1
( ulimit -n 65536 2>/dev/null || true; exec "$BIN" serve --db "$WORK/bench.db" --port "$PORT" --no-demo --log-level warning ) \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
up=""
for _ in $(seq 1 600); do
  kill -0 "$SERVER" 2>/dev/null || break
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null && { up=1; break; }
  sleep 0.2
done
[ -n "$up" ] || { echo "the server did not start; its log:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
BENCH_TOKEN="$("$BIN" token create --db "$WORK/bench.db" --scope admin --name bench-load 2>/dev/null)"
export BENCH_TOKEN

# 50 article URLs from every section, and a different article for the editor to update.
python3 - "$WORK/bench.db" "$WORK/paths.txt" "$WORK/writer-id" <<'PY'
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = con.execute("SELECT id, slug FROM article WHERE status = 'published' ORDER BY id % 277, id LIMIT 51").fetchall()
open(sys.argv[2], "w").write("".join(f"/article/{slug}\n" for _, slug in rows[:50]))
open(sys.argv[3], "w").write(str(rows[50][0]))
PY

rss() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status"; }
# A short warm-up so "before" is a served site, not a cold one.
WRK_PATHS="$WORK/paths.txt" wrk -t2 -c16 -d2s -s scripts/lib/wrk-paths.lua "http://127.0.0.1:$PORT" >/dev/null
sleep 1
RSS_BEFORE=$(rss)

python3 bench/load-writer.py "$PORT" "$(cat "$WORK/writer-id")" "$DURATION" >"$WORK/writer.out" 2>&1 &
WRITER=$!
WRK_PATHS="$WORK/paths.txt" wrk -t2 -c256 -d"${DURATION}s" --timeout 10s -s scripts/lib/wrk-paths.lua \
  "http://127.0.0.1:$PORT" >"$WORK/wrk.out" 2>&1 || true
wait "$WRITER" || true
WRITER=""
sleep 3 # batched reading writes land
RSS_AFTER=$(rss)

python3 - "$WORK/wrk.out" "$WORK/writer.out" "$DURATION" "$RSS_BEFORE" "$RSS_AFTER" <<'PY'
import json, re, sys
wrk_text, writer_text = open(sys.argv[1]).read(), open(sys.argv[2]).read()
duration, before, after = sys.argv[3], int(sys.argv[4] or 0), int(sys.argv[5] or 0)
m = re.search(r"WRK_JSON (\{.*\})", wrk_text)
if not m:
    sys.exit("wrk gave no summary:\n" + wrk_text[-2000:])
w = json.loads(m.group(1))
seconds = w["duration_us"] / 1e6
print(f"readers: wrk -t2 -c256 {duration}s over 50 article URLs, no cookies")
print(f"  requests/s      {w['requests'] / seconds:10.0f}   ({w['requests']} requests)")
print(f"  latency p50     {w['p50_us'] / 1000:10.1f} ms")
print(f"  latency p99     {w['p99_us'] / 1000:10.1f} ms   (max {w['max_us'] / 1000:.0f} ms)")
print(f"  non-2xx         {w['status_errors']:10d}")
print(f"  socket errors   connect {w['connect_errors']}, read {w['read_errors']}, write {w['write_errors']}, timeout {w['timeouts']}")
m = re.search(r"WRITER_JSON (\{.*\})", writer_text)
if m:
    r = json.loads(m.group(1))
    print(f"editor: one Admin API update (PUT) every 100 ms")
    print(f"  writes          {r['writes']:10d}   of {r['intended']} intended, {r['failures']} failed")
    print(f"  latency p50     {r['p50_ms']:10.1f} ms")
    print(f"  latency p99     {r['p99_ms']:10.1f} ms   (max {r['max_ms']:.0f} ms)")
else:
    print("editor: no result:\n" + writer_text[-1000:])
change = f"{(after - before) / before * 100:+.0f}%" if before else "?"
print(f"server RSS        {before} MB before, {after} MB after ({change})")
PY
