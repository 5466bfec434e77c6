-- wrk script: print the figures bench/run.py reads on one line (latencies in microseconds).
-- wrk counts as status errors only answers >= 400; socket errors are connect/read/write/timeout.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH p50=%d p95=%d p99=%d requests=%d duration_us=%d status_errors=%d socket_errors=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout))
end
