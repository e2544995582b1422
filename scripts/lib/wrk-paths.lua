-- wrk script shared by scripts/hostile-check.sh and bench/load.sh: GETs the paths listed in the file named by
-- $WRK_PATHS (one a line) round robin, without cookies, so every request is a reader the server has never seen.
-- $WRK_LIMIT, when set, stops each thread after that many requests (wrk itself only knows a duration).
-- done() prints one line `WRK_JSON {...}` with the counts and latency percentiles for the caller to parse.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  limit = tonumber(os.getenv("WRK_LIMIT") or "0") or 0
  sent = 0
  -- Threads start at different places in the list so they do not read the same story at the same moment.
  cursor = (id or 0) * 17
end

function request()
  sent = sent + 1
  if limit > 0 and sent > limit then
    wrk.thread:stop()
  end
  cursor = cursor + 1
  return wrk.format("GET", paths[(cursor % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,'
      .. '"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
