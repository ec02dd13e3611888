-- wrk prints the 50th, 75th, 90th and 99th percentiles with --latency; the reporting targets are about the 95th.
-- Usage: wrk -s bench/reporting/p95.lua --latency -H "..." URL   (prints "p95 <ms> ms" and the status of the run)
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2f ms\n", latency:percentile(95) / 1000))
  io.write(string.format("requests %d, HTTP status >= 400: %d, socket errors %d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
