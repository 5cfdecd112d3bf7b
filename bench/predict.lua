-- wrk script: POST /predict for a rotating set of card ids, with the API key from the environment.
local ids = {}
local key = os.getenv("BENCH_API_KEY") or ""
local n = tonumber(os.getenv("BENCH_CARDS") or "10000")
for i = 0, n - 1 do ids[#ids + 1] = string.format("bench_%05d", i) end
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"card_id":"' .. ids[(counter % #ids) + 1] .. '"}'
  return wrk.format("POST", "/predict", {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d errors_connect=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
    summary.requests, summary.errors.status, summary.errors.connect,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
