#!/usr/bin/env bash
# The hostile suite (issue 15): starts a server on a fresh temporary SQLite store (150 articles), with a low
# descriptor limit, on a free loopback port, makes an admin, an editor and an admin API token with the CLI, then
# checks each hardening defect with bounded clients (scripts/lib/hostile.py, Python standard library only):
# idle and slowloris sockets and the connection timeouts, the sign-in throttle, malformed and oversized bodies,
# HEAD and 405, lead-image URL schemes, security headers, anonymous reading state, import and search leftovers.
# Prints `PASS name` / `FAIL name: what was seen` per check and `N passed, M failed`; exits 1 when one failed.
#
#   BYLINE_BIN=path/to/byline   the binary to test (default: the debug build, `swift build --product byline` first)
#   HOSTILE_READS=200000        anonymous requests to send (fewer when they do not fit in HOSTILE_READ_SECONDS=75)
#   HOSTILE_SERVER_NOFILE=4096  the server's `ulimit -n` (2,000 attacker sockets fit; the cap check goes beyond)
#   HOSTILE_VERBOSE=1           details on PASS lines too;  HOSTILE_KEEP=1 keeps the temporary folder and server log
# Uses wrk for the anonymous read flood when it is installed (installed from Debian when run as root), else Python.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${BYLINE_BIN:-}" ]; then
  BIN="$BYLINE_BIN"
else
  SCRATCH="${BYLINE_SCRATCH:-.build}"
  swift build --scratch-path "$SCRATCH" --product byline >/dev/null
  BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/byline"
fi
[ -x "$BIN" ] || { echo "hostile-check: no byline binary at $BIN" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "hostile-check: installing wrk..."
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }) >/dev/null 2>&1 \
    || echo "hostile-check: wrk not installed; the read flood uses Python (fewer requests)"
fi

WORK="$(mktemp -d)"
DB="$WORK/hostile.db"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${HOSTILE_KEEP:-}" ]; then echo "hostile-check: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 150 articles (the suite reads 50 in its flood and needs others besides): every 15th story of the BBC corpus, or
# made-up ones when the corpus is not there. An imported store is not empty, so the demo content is not loaded.
CORPUS="${HOSTILE_CORPUS:-../shared/data/bbc-news/bbc-news.jsonl}"
python3 - "$CORPUS" "$WORK/articles.jsonl" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    if os.path.exists(corpus):
        lines = [l for l in open(corpus, encoding="utf-8") if l.strip()]
        step = max(1, len(lines) // 150)
        f.writelines(lines[::step][:150])
    else:
        sections = ["world", "business", "sport", "science", "culture"]
        for n in range(150):
            body = "\n\n".join(f"Paragraph {p} of made-up story {n}, about nothing in particular." for p in range(8))
            f.write(json.dumps({"headline": f"Made-up story number {n}", "section": sections[n % 5], "body": body,
                                "external_id": f"made-up-{n}"}) + "\n")
PY
"$BIN" import --db "$DB" "$WORK/articles.jsonl" >"$WORK/import.log" 2>&1 \
  || { echo "hostile-check: importing the articles failed:" >&2; tail -5 "$WORK/import.log" >&2; exit 1; }

PORT="${HOSTILE_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
NOFILE="${HOSTILE_SERVER_NOFILE:-4096}"
# The server gets its own descriptor limit, so the suite tests its connection cap rather than the machine's.
( ulimit -n "$NOFILE" && exec "$BIN" serve --db "$DB" --port "$PORT" --log-level warning ) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

# Start-up (migrations, demo import with entity tagging, indexes) takes a while on a loaded debug build.
up=""
for _ in $(seq 1 900); do
  kill -0 "$SERVER_PID" 2>/dev/null || break
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null; then
    up=1; break
  fi
  sleep 0.2
done
if [ -z "$up" ]; then
  echo "hostile-check: the server did not start within 180 s; its log:" >&2
  tail -20 "$WORK/server.log" >&2
  exit 1
fi

secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(18))'; }
HOSTILE_ADMIN_PASSWORD="$(secret)"
HOSTILE_RACER_PASSWORD="$(secret)"
printf '%s\n' "$HOSTILE_ADMIN_PASSWORD" | "$BIN" user add --db "$DB" admin --role admin --password-stdin >/dev/null
printf '%s\n' "$HOSTILE_RACER_PASSWORD" | "$BIN" user add --db "$DB" racer --role editor --password-stdin >/dev/null
HOSTILE_TOKEN="$("$BIN" token create --db "$DB" --scope admin --name hostile-check 2>/dev/null)"
export HOSTILE_ADMIN_PASSWORD HOSTILE_RACER_PASSWORD HOSTILE_TOKEN

echo "hostile-check: $BIN on 127.0.0.1:$PORT (pid $SERVER_PID, ulimit -n $NOFILE), store $DB"
# The attacker holds up to 4,500 sockets at once.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
rc=0
python3 scripts/lib/hostile.py --port "$PORT" --pid "$SERVER_PID" --db "$DB" --bin "$BIN" --work "$WORK" || rc=$?
if [ "$rc" != 0 ] && [ -n "${HOSTILE_KEEP:-}" ]; then echo "hostile-check: server log in $WORK/server.log"; fi
exit "$rc"
