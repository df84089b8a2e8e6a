-- wrk script: POST one 32x32 PNG to /api/predict and report p50/p99 and throughput as JSON.
local file = assert(io.open(os.getenv("PREDICT_IMAGE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*all")
wrk.headers["Content-Type"] = "image/png"
file:close()

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"p50Ms":%.3f,"p90Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,"requestsPerSecond":%.1f,"requests":%d,"socketErrors":%d,"non2xx":%d,"seconds":%.1f}\n',
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status, summary.duration / 1e6))
end
