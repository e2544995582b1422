#!/usr/bin/env bash
# Entity tagger throughput: tokens/second of the recogniser on one core over the CoNLL files,
# and the time to tag the BBC News corpus (2,225 articles) end to end (tokenise, recognise, link, tag).
# Usage: bench/tagger.sh [scratch-path]   (run from anywhere; data is read from ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${1:-.build}"
DATA=../shared/data
swift build -c release --scratch-path "$SCRATCH" --product byline >/dev/null
BYLINE="$SCRATCH/release/byline"
ONE_CORE=()
command -v taskset >/dev/null && ONE_CORE=(taskset -c 0)
for f in eng.testa eng.train; do
  echo "== byline eval ner $f (one core)"
  "${ONE_CORE[@]}" "$BYLINE" eval ner "$DATA/conll2003/$f" | tail -2
done
echo "== tag the BBC corpus (one core)"
"${ONE_CORE[@]}" "$BYLINE" eval tagger "$DATA/bbc-news/bbc-news.jsonl"
