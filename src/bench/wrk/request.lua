-- wrk request script for the saturation runs. Configured by environment variables:
--   WRK_METHOD (GET|POST), WRK_BODY (JSON, POST only), WRK_AUTH (whole Authorization value, optional)
-- No response() hook on purpose: it would make wrk itself slower. wrk's own summary reports
-- "Non-2xx or 3xx responses"; done() adds exact latency percentiles in microseconds.
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
if wrk.method == "POST" and body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local auth = os.getenv("WRK_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  io.write(string.format("BENCH_SUMMARY requests=%d duration_us=%d connect_err=%d read_err=%d write_err=%d timeout_err=%d status_err=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("BENCH_LATENCY_US p50=%d p90=%d p99=%d max=%d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
