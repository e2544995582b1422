#!/usr/bin/env bash
# Search latency at scale: generates a store of ARTICLES articles (default 100,000) by recombining sentences
# and headlines of the BBC corpus (never committed; built under bench/.search-work/ and reused between runs),
# then times a fixed set of 1,000 queries (single words, two words, phrases, typos, filters) with Byline's
# search, with a raw FTS5 `MATCH … ORDER BY bm25() LIMIT 10` on the same database, and with LIKE '%term%'
# (on the first 100 queries: each is a full scan), and prints p50/p99 and the ratios.
# Usage: bench/search.sh [articles (default 100000)] [queries (default 1000)]
# Environment: SCRATCH (SwiftPM scratch path, default .build), DATA (corpus), KEEP=0 to delete the store after.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
QUERIES=${2:-1000}
DATA=${DATA:-../shared/data/bbc-news/bbc-news.jsonl}
SCRATCH=${SCRATCH:-.build}
WORK=bench/.search-work
[ -f "$DATA" ] || { echo "missing $DATA" >&2; exit 1; }
mkdir -p "$WORK"
grep -qx '\*' "$WORK/.gitignore" 2>/dev/null || echo '*' > "$WORK/.gitignore"

if ! swift build -c release --scratch-path "$SCRATCH" --product byline >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2; echo "release build failed" >&2; exit 1
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/byline

echo "bench/search.sh: $ARTICLES articles, $QUERIES queries, $(nproc) CPUs, $(uname -m)"
"$BIN" eval bench-search --source "$DATA" --db "$WORK/search-$ARTICLES.db" --articles "$ARTICLES" --queries "$QUERIES"
if [ "${KEEP:-1}" = 0 ]; then rm -f "$WORK/search-$ARTICLES.db"*; fi
