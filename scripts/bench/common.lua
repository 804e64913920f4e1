-- What the benchmark's wrk scripts share: the threads (to add up their counts at the end), reading a body from a file,
-- and the agent's ingestion key header. A script loads it with
--   package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
--   local common = require("common")
local common = {}

common.threads = {}

-- wrk's setup: numbers each thread, so that the threads share the requests out between them.
function common.setup(thread)
  thread:set("tid", #common.threads)
  table.insert(common.threads, thread)
end

function common.read(path)
  local file = assert(io.open(path, "rb"))
  local body = file:read("*a")
  file:close()
  return body
end

-- The header line "Name: value" of BENCH_KEY_HEADER, as name and value.
function common.key_header()
  return string.match(os.getenv("BENCH_KEY_HEADER"), "^([^:]+):%s*(.+)$")
end

-- The sum over all threads of each named counter.
function common.totals(names)
  local totals = {}
  for _, name in ipairs(names) do
    totals[name] = 0
    for _, thread in ipairs(common.threads) do totals[name] = totals[name] + thread:get(name) end
  end
  return totals
end

return common
