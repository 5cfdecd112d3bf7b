-- wrk script for the soak test (bench/soak.sh): mixed traffic in a fixed cycle of 20 requests,
-- 10 /predict, 2 /batch_predict of 10 cards, /list_cards, /cards, /signals (BUY and SELL in turn),
-- /health and four bad requests (malformed JSON, unknown card, no API key, unknown path). Card ids
-- are read from SOAK_IDS_FILE, one a line, so the script fits any model. The bad requests answer
-- 4xx by design: they are counted apart, and only 5xx and socket errors are errors.
local key = os.getenv("SOAK_API_KEY") or ""
local ids = {}
for line in io.lines(os.getenv("SOAK_IDS_FILE")) do
  if line ~= "" then ids[#ids + 1] = line end
end
local json = {["Content-Type"] = "application/json", ["X-API-Key"] = key}
local auth = {["X-API-Key"] = key}
local threads = {}
local counter = 0
-- globals, not locals: done() reads them from each thread with thread:get
s5xx = 0
s4xx = 0

function setup(thread)
  table.insert(threads, thread)
end

local function id(offset)
  return ids[((counter + offset) % #ids) + 1]
end

function request()
  counter = counter + 1
  local k = counter % 20
  if k < 10 then
    return wrk.format("POST", "/predict", json, '{"card_id":"' .. id(0) .. '"}')
  elseif k < 12 then
    local batch = {}
    for i = 0, 9 do batch[#batch + 1] = '"' .. id(i * 7) .. '"' end
    return wrk.format("POST", "/batch_predict", json, '{"card_ids":[' .. table.concat(batch, ",") .. ']}')
  elseif k == 12 then
    return wrk.format("GET", "/list_cards", auth)
  elseif k == 13 then
    return wrk.format("GET", "/cards", auth)
  elseif k == 14 then
    return wrk.format("GET", (counter % 40 < 20) and "/signals?signal=BUY" or "/signals?signal=SELL", auth)
  elseif k == 15 then
    return wrk.format("GET", "/health")
  elseif k == 16 then
    return wrk.format("POST", "/predict", json, '{"card_id":')
  elseif k == 17 then
    return wrk.format("POST", "/predict", json, '{"card_id":"soak_no_such_card"}')
  elseif k == 18 then
    return wrk.format("POST", "/predict", {["Content-Type"] = "application/json"}, '{"card_id":"' .. id(0) .. '"}')
  end
  return wrk.format("GET", "/no_such_path", auth)
end

function response(status, headers, body)
  if status >= 500 then
    s5xx = s5xx + 1
  elseif status >= 400 then
    s4xx = s4xx + 1
  end
end

function done(summary, latency, requests)
  local t5, t4 = 0, 0
  for _, thread in ipairs(threads) do
    t5 = t5 + thread:get("s5xx")
    t4 = t4 + thread:get("s4xx")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d s5xx=%d s4xx=%d connect=%d read=%d write=%d timeout=%d "
    .. "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.0f\n",
    summary.requests, t5, t4, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
