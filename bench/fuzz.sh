#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (one per parser: JSONL, RSS/Atom, WXR, HTML sanitiser) and runs each
# for a fixed number of executions, then prints executions and crashes per parser.
#
#   bench/fuzz.sh [RUNS]        RUNS per parser, default 1000000
#   FUZZ_MAX_LEN=8192 FUZZ_KEEP=1 bench/fuzz.sh 100000
#   FUZZ_TARGETS="Feed WXR" bench/fuzz.sh   only these targets (JSONL Feed WXR Sanitizer)
#   FUZZ_DETECT_LEAKS=0 bench/fuzz.sh        no leak checks (Foundation leaks on every XML error, so each malformed
#                                            input triggers a full LeakSanitizer scan: many times slower on a busy machine)
#
# Each run starts from the handwritten seeds in Fuzz/Seeds/<target> with a dictionary from Fuzz/Dictionaries.
# libFuzzer stops a target at its first crash, so "crashes" is 0 or 1; the input is kept under the work folder.
# Leak checking is on, with one suppression for a leak inside Foundation's XML error reporting.
set -euo pipefail

runs="${1:-1000000}"
max_len="${FUZZ_MAX_LEN:-8192}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/byline-fuzz.XXXXXX")"

cd "$root/Fuzz"
echo "building fuzz targets (release, -sanitize=fuzzer,address)..."
swift build -c release -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -E "error|warning: unre|Compiling|Build" | grep -v "^\[" || true
bin="$(swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

declare -A dict=([JSONL]="" [Feed]="Dictionaries/xml.dict" [WXR]="Dictionaries/xml.dict" [Sanitizer]="Dictionaries/html.dict")
total_crashes=0
summary=()
targets="${FUZZ_TARGETS:-JSONL Feed WXR Sanitizer}"
for target in $targets; do
    if [[ ! -d "Seeds/$target" ]]; then echo "unknown fuzz target $target (JSONL Feed WXR Sanitizer)" >&2; exit 2; fi
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    cp "Seeds/$target/"* "$corpus/"
    args=(-runs="$runs" -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$work/$target-" -timeout=10 -rss_limit_mb=4096)
    [[ -n "${dict[$target]}" ]] && args+=(-dict="${dict[$target]}")
    log="$work/$target.log"
    start=$(date +%s)
    set +e
    leaks="${FUZZ_DETECT_LEAKS:-1}"
    LSAN_OPTIONS="suppressions=$root/bench/lsan-suppressions.txt" ASAN_OPTIONS="detect_leaks=$leaks" \
        "$bin/Fuzz$target" -detect_leaks="$leaks" "${args[@]}" "$corpus" >"$log" 2>&1
    status=$?
    set -e
    seconds=$(( $(date +%s) - start ))
    executions=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}' | tail -1)
    crashes=$(find "$work" -maxdepth 1 -name "$target-*" -type f | wc -l)
    if [[ $status -ne 0 && $crashes -eq 0 ]]; then crashes=1; fi
    total_crashes=$((total_crashes + crashes))
    rate="?"
    [[ -n "${executions:-}" && $seconds -gt 0 ]] && rate=$(( executions / seconds ))
    line=$(printf "%-10s executions %10s   crashes %d   %5ds   %6s exec/s   corpus %d inputs" "$target" "${executions:-?}" "$crashes" "$seconds" "$rate" "$(ls "$corpus" | wc -l)")
    echo "$line"
    summary+=("$line")
    if [[ $crashes -ne 0 ]]; then
        echo "  see $log and $work/$target-*"
        grep -E "ERROR|SUMMARY|Fatal error|Precondition" "$log" | head -5 | sed 's/^/  /'
    fi
done

echo
echo "fuzz summary (runs per parser: $runs, leak checks: ${FUZZ_DETECT_LEAKS:-1})"
printf '%s\n' "${summary[@]}"
if [[ -z "${FUZZ_KEEP:-}" && $total_crashes -eq 0 ]]; then rm -rf "$work"; else echo "work folder: $work"; fi
[[ $total_crashes -eq 0 ]]
