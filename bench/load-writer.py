#!/usr/bin/env python3
"""bench/load.sh's editor: one Admin API update (PUT /api/v1/admin/articles/ID) every 100 ms for SECONDS, each a real
change (the body alternates), timing each write. Standard library only. Prints one line `WRITER_JSON {...}`.

usage: load-writer.py PORT ARTICLE_ID SECONDS   (the admin token in $BENCH_TOKEN)
"""
import http.client
import json
import os
import sys
import time

port, article_id, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
token = os.environ["BENCH_TOKEN"]
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"}


def call(method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


status, data = call("GET", f"/api/v1/admin/articles/{article_id}")
if status != 200:
    print(f"load-writer: GET article {article_id} answered {status}", file=sys.stderr)
    sys.exit(1)
article = json.loads(data)
base = {"headline": article["headline"], "dek": article.get("dek", ""), "body": article["body_markdown"],
        "section": article["section"]["slug"],
        "authors": [{"name": a["name"], "role": a.get("role")} for a in article.get("authors", [])]}

latencies, failures, planned = [], 0, 0
start = time.monotonic()
while time.monotonic() - start < seconds:
    planned += 1
    payload = dict(base, body=base["body"] + ("\n\nUpdated." if planned % 2 else ""))
    t0 = time.monotonic()
    try:
        status, _ = call("PUT", f"/api/v1/admin/articles/{article_id}", payload)
        if status != 200:
            failures += 1
    except (OSError, http.client.HTTPException):
        failures += 1
    took = time.monotonic() - t0
    latencies.append(took)
    # Every 100 ms on the clock; a slow write is followed at once by the next, never by a burst.
    next_at = start + planned * 0.1
    pause = next_at - time.monotonic()
    if pause > 0:
        time.sleep(pause)


def pct(p):
    if not latencies:
        return 0.0
    s = sorted(latencies)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


print("WRITER_JSON " + json.dumps({"writes": len(latencies), "intended": int(seconds * 10), "failures": failures,
                                   "p50_ms": pct(50) * 1000, "p99_ms": pct(99) * 1000,
                                   "max_ms": max(latencies, default=0) * 1000}))
