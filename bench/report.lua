-- Prints one machine-readable line after the run: requests/s, p99 ms, non-2xx count, socket errors.
done = function(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %.0f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
                           latency:percentile(99) / 1000, summary.errors.status, errors))
end
