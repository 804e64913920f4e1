-- wrk script: security event uploads as agents send them. Each request goes to the next of BENCH_MACHINES machines
-- (spread over ten resource groups); of every BENCH_MIX+1 uploads, BENCH_MIX are syslog bodies and one is a Windows
-- Security event log. The one argument is wrk's number of threads. Prints one RESULT line with the 202 answers, the
-- events they accepted and the latencies.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  nthreads = tonumber(args[1])
  subscription = os.getenv("BENCH_SUBSCRIPTION")
  machines = tonumber(os.getenv("BENCH_MACHINES"))
  mix = tonumber(os.getenv("BENCH_MIX"))
  syslog = common.read(os.getenv("BENCH_SYSLOG_BODY"))
  windows = common.read(os.getenv("BENCH_WINDOWS_BODY"))
  key_name, key_value = common.key_header()
  sent, ok, failed, accepted, rejected = 0, 0, 0, 0, 0
end

function request()
  local n = sent * nthreads + tid
  sent = sent + 1
  local machine = n % machines
  local path = string.format("/api/v1/subscriptions/%s/resourceGroups/rg-%d/machines/vm-%05d/events",
    subscription, machine % 10, machine)
  local headers = { [key_name] = key_value }
  if n % (mix + 1) == mix then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", path, headers, windows)
  end
  headers["Content-Type"] = "text/plain"
  return wrk.format("POST", path, headers, syslog)
end

function response(status, headers, body)
  if status == 202 then
    ok = ok + 1
    accepted = accepted + tonumber(string.match(body, '"accepted"%s*:%s*(%d+)'))
    rejected = rejected + tonumber(string.match(body, '"rejected"%s*:%s*(%d+)'))
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local t = common.totals({ "ok", "failed", "accepted", "rejected" })
  io.write(string.format("RESULT ok=%d failed=%d errors=%d accepted=%d rejected=%d seconds=%.3f p50_ms=%.1f p99_ms=%.1f\n",
    t.ok, t.failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    t.accepted, t.rejected, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
