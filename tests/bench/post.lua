-- wrk script for the HTTP benchmark: POST one article as text/plain over
-- keep-alive connections, then print one machine-readable RESULT line.
--
-- The body is the file named by $WARTA_BENCH_BODY, read once at start-up
-- so every request sends the same bytes. With $WARTA_BENCH_BODY empty the
-- requests are plain GETs of the URL (the HTTP-shell runs of http.sh).

local path = os.getenv("WARTA_BENCH_BODY")
if path and path ~= "" then
    local f = assert(io.open(path, "rb"))
    wrk.method = "POST"
    wrk.body = f:read("*a")
    f:close()
    wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
end

-- Latencies are in microseconds; errors count sockets that failed and
-- answers outside 2xx/3xx, so a service that fails fast cannot look fast.
function done(summary, latency, requests)
    local secs = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "RESULT rps=%.1f requests=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
        summary.requests / secs, summary.requests,
        latency:percentile(50), latency:percentile(99),
        e.connect + e.read + e.write + e.timeout, e.status))
end
