-- wrk script: GETs of the paths listed in BENCH_PATHS (one per line), in turn, with the Authorization header
-- BENCH_AUTH. Prints one RESULT line with the rate, the answers other than 200 and the latencies.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  paths = {}
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  auth = string.match(os.getenv("BENCH_AUTH"), "^Authorization:%s*(.+)$")
  sent, ok, failed = tid, 0, 0
end

function request()
  sent = sent + 1
  return wrk.format("GET", paths[sent % #paths + 1], { ["Authorization"] = auth })
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local t = common.totals({ "ok", "failed" })
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT ok=%d failed=%d rate=%d seconds=%.3f p50_ms=%.1f p99_ms=%.1f\n",
    t.ok, t.failed, (t.ok + t.failed) / seconds, seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
