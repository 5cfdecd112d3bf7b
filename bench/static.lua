-- wrk script for the nginx static-file ceiling: same summary line as predict.lua.
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d errors_connect=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
    summary.requests, summary.errors.status, summary.errors.connect,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
