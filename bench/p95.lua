-- wrk prints p50/p75/p90/p99 only; the search target is a p95. Print it in microseconds.
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\n", latency:percentile(95.0)))
end
