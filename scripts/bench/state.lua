-- wrk script: BENCH_MACHINES machines each send one full state report and one Trivy scan, spread over twenty resource
-- groups. wrk runs for a duration, so each thread, once its share is answered, writes BENCH_DONE_FILE.<thread> and
-- stops; bench.sh then ends wrk. The one argument is wrk's number of threads. Prints one RESULT line.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  nthreads = tonumber(args[1])
  subscription = os.getenv("BENCH_SUBSCRIPTION")
  machines = tonumber(os.getenv("BENCH_MACHINES"))
  report = common.read(os.getenv("BENCH_REPORT_BODY"))
  trivy = common.read(os.getenv("BENCH_TRIVY_BODY"))
  done_file = os.getenv("BENCH_DONE_FILE") .. "." .. tid
  key_name, key_value = common.key_header()
  share = math.floor((2 * machines - tid + nthreads - 1) / nthreads)
  sent, ok, failed = 0, 0, 0
  -- wrk asks the first thread for one request before the run, only to check it, and never sends it: that one must
  -- not use up a machine's report.
  checked = tid ~= 0
end

function request()
  if not checked then
    checked = true
    return wrk.format("GET", "/q/health/live")
  end
  local n = sent * nthreads + tid
  sent = sent + 1
  if n >= 2 * machines then
    -- this thread's share is sent; a connection asking for more gets a request that changes nothing
    return wrk.format("GET", "/q/health/live")
  end
  local machine = math.floor(n / 2)
  local path = string.format("/api/v1/subscriptions/%s/resourceGroups/rg-%d/machines/vm-%05d",
    subscription, machine % 20, machine)
  local headers = { [key_name] = key_value, ["Content-Type"] = "application/json" }
  if n % 2 == 0 then
    return wrk.format("POST", path .. "/reports", headers, report)
  end
  return wrk.format("POST", path .. "/scans?format=trivy", headers, trivy)
end

function response(status, headers, body)
  if status == 202 then
    ok = ok + 1
  elseif status == 200 then
    return
  else
    failed = failed + 1
  end
  if ok + failed == share then
    local file = assert(io.open(done_file, "w"))
    file:write("done\n")
    file:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local t = common.totals({ "ok", "failed" })
  io.write(string.format("RESULT ok=%d failed=%d seconds=%.3f p50_ms=%.1f p99_ms=%.1f\n",
    t.ok, t.failed, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
