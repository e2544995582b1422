#!/usr/bin/env bash
# Checks that the API matches its OpenAPI document: validates /api/openapi.json with openapi-spec-validator,
# then runs schemathesis against a live server (temp SQLite db, demo content, a token made by the CLI):
# no 5xx, responses conform to the schemas. Self-contained and idempotent; installs its pip packages if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${BYLINE_SCRATCH:-.build}"
PORT="${API_CHECK_PORT:-18089}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# shellcheck source=lib/python-env.sh
. scripts/lib/python-env.sh
python_env openapi-spec-validator schemathesis

swift build --scratch-path "$SCRATCH" --product byline >/dev/null
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/byline"
DB="$WORK/api-check.db"

# A store with demo content and an admin token from the CLI (the token is kept only in this process).
"$BIN" serve --db "$DB" --port "$PORT" --log-level warning &
SERVER_PID=$!
# Start-up (migrations, demo import with entity tagging, indexes) can take a while on a loaded debug build.
for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "api-check: the server did not start within 120 s" >&2; exit 1; }
TOKEN="$("$BIN" token create --db "$DB" --scope admin --name api-check 2>/dev/null)"

curl -fsS "http://127.0.0.1:$PORT/api/openapi.json" -o "$WORK/openapi.json"
"$PY" - "$WORK/openapi.json" <<'PY'
import json, sys
from openapi_spec_validator import validate
validate(json.load(open(sys.argv[1])))
print("api-check: OpenAPI document is valid")
PY

"$PYBIN/schemathesis" run "$WORK/openapi.json" \
  --url "http://127.0.0.1:$PORT" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "${API_CHECK_EXAMPLES:-25}" \
  --exclude-method DELETE \
  || { echo "api-check: schemathesis found problems" >&2; exit 1; }
echo "api-check: ok"
