-- wrk script: POSTs pre-signed Stripe webhooks, each with its own event id, so every request stores a new row.
-- Arguments: <path prefix> <requests file> <body template file> <thread count>
-- The requests file has one line per request: "<tenant slug>\t<Stripe-Signature header>\t<n>"; the body is the
-- template with every "{n}" replaced by n, exactly as the harness did when it signed it.
local threads = {}
local count = 0

function setup(thread)
  thread:set("tid", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1]
  local nthreads = tonumber(args[4])
  local f = assert(io.open(args[3], "rb"))
  template = f:read("*a")
  f:close()
  entries = {}
  local i = 0
  for line in io.lines(args[2]) do
    if i % nthreads == tid then
      entries[#entries + 1] = line
    end
    i = i + 1
  end
  idx = 0
  wrapped = 0
end

function request()
  idx = idx + 1
  if idx > #entries then
    idx = 1
    wrapped = wrapped + 1
  end
  local slug, signature, n = entries[idx]:match("([^\t]*)\t([^\t]*)\t([^\t]*)")
  local body = template:gsub("{n}", n)
  return wrk.format("POST", prefix .. slug .. "/stripe",
      { ["Content-Type"] = "application/json", ["Stripe-Signature"] = signature }, body)
end

function done(summary, latency, requests)
  local w = 0
  for _, t in ipairs(threads) do
    w = w + (t:get("wrapped") or 0)
  end
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"p999Us":%d,'
      .. '"maxUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,'
      .. '"wrapped":%d}\n', summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      latency:percentile(99.9), latency.max, e.connect, e.read, e.write, e.status, e.timeout, w))
end
