#!/usr/bin/env bash
# Related-articles and personal-list latency of BylineRank's engines (issue 5), p50/p99.
#
# Builds `byline` in release (own scratch path) and runs the hidden `byline eval bench-rank`:
# a 100k-article synthetic index whose articles are sampled, at run time and in memory, from
# sentences of the BBC corpus in ../shared/data (nothing generated is written to disk), plus a
# reading model of 1M synthetic events and a reader with 50 reads.
# Goals: related p50 <= 5 ms, personal list p50 <= 2 ms. CPU time is printed beside wall time,
# as wall time on a shared machine includes waiting for a core.
#
# Usage: bench/recs-engine.sh [extra bench-rank options, e.g. --documents 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-rank}"
swift build --scratch-path "$SCRATCH" -c release --product byline >&2
"$SCRATCH/release/byline" eval bench-rank --corpus ../shared/data/bbc-news/bbc-news.jsonl "$@"
