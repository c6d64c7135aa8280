#!/bin/sh
# HTTP benchmark: warta's text path against the ceiling (the cheapest MHD
# POST handler), interleaved in one run. Method: tests/bench/README.md.
#
#   sh tests/bench/http.sh WARTA_BIN CEILING_BIN BODY_FILE
#
# Environment: BENCH_ROUNDS (3), BENCH_DURATION (5s per run),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2 wrk threads), BENCH_TARGET (0.5),
# BENCH_SHELL_DURATION (2s per HTTP-shell run; 0 skips them).
# Prints one line per run, then one "ratio" line per warta configuration.
# Exits non-zero when a server fails to start or dies, or any request
# fails; a ratio below the target is reported, not an error (see README).

set -u

WARTA=${1:?warta binary}
CEILING=${2:?ceiling binary}
BODY=${3:?body file}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-5s}
CONNS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
TARGET=${BENCH_TARGET:-0.5}
SHELL_DURATION=${BENCH_SHELL_DURATION:-2s}
HERE=$(cd "$(dirname "$0")" && pwd)

command -v wrk >/dev/null 2>&1 || { echo "http: wrk missing (make deps)" >&2; exit 1; }
[ -r "$BODY" ] || { echo "http: cannot read $BODY" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/warta-bench.XXXXXX")
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME CMD...: runs a server on port 0 and waits for its "listening"
# line; sets PORT.
start() {
    name=$1
    shift
    "$@" 2>"$TMP/$name.log" >/dev/null &
    pid=$!
    PIDS="$PIDS $pid"
    eval "PID_$name=$pid"
    i=0
    PORT=""
    while [ $i -lt 100 ]; do
        PORT=$(sed -n 's/.*"event":"listening".*"port":\([0-9][0-9]*\).*/\1/p' "$TMP/$name.log" | head -n 1)
        [ -n "$PORT" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    if [ -z "$PORT" ]; then
        echo "http: $name did not start; its log:" >&2
        tail -n 20 "$TMP/$name.log" >&2
        exit 1
    fi
    eval "PORT_$name=$PORT"
}

# CPU seconds (user + system) the server PID has used so far.
server_cpu() {
    awk -v hz="$HZ" '{ printf "%.4f", ($14 + $15) / hz }' "/proc/$1/stat"
}

# children_cpu VAR: sets VAR to the CPU seconds (user + system) of this
# shell's finished children so far (the second line of `times`, e.g.
# "0m1.23s 0m0.45s"). `times` must run in this shell: in a $(...) subshell
# it would see that subshell's children only.
children_cpu() {
    times >"$TMP/times"
    eval "$1=\$(sed -n 2p \"\$TMP/times\" | tr ms '  ' |
        awk '{ printf \"%.4f\", \$1 * 60 + \$2 + \$3 * 60 + \$4 }')"
}

# bench LABEL SERVER DURATION MODE [PATH]: one wrk run against SERVER;
# MODE run|warmup; PATH "" posts the body to /v1/normalize, otherwise the
# run GETs PATH. Appends "LABEL rps p50_us p99_us server_us client_us" to
# $TMP/results (the last two: CPU microseconds per request of the server
# and of wrk) and prints the run.
bench() {
    name=$1
    eval "port=\$PORT_$2; pid=\$PID_$2"
    if [ -n "${5:-}" ]; then
        body="" url="http://127.0.0.1:$port$5"
    else
        body=$BODY url="http://127.0.0.1:$port/v1/normalize"
    fi
    server0=$(server_cpu "$pid")
    children_cpu client0
    out=$(WARTA_BENCH_BODY="$body" wrk -t"$THREADS" -c"$CONNS" -d"$3" \
        -s "$HERE/post.lua" "$url" 2>&1)
    server1=$(server_cpu "$pid")
    children_cpu client1
    line=$(echo "$out" | grep '^RESULT ')
    if [ -z "$line" ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "http: $name: wrk or the server failed:" >&2
        echo "$out" >&2
        tail -n 20 "$TMP/$2.log" >&2
        exit 1
    fi
    val() { echo "$line" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
    rps=$(val rps)
    p50=$(val p50_us)
    p99=$(val p99_us)
    errs=$(val errors)
    non2xx=$(val non2xx)
    requests=$(val requests)
    [ "$4" = warmup ] && return 0
    cpu=$(awk -v s0="$server0" -v s1="$server1" -v c0="$client0" -v c1="$client1" \
        -v n="$requests" 'BEGIN { if (n < 1) n = 1
            printf "%.1f %.1f", (s1 - s0) * 1e6 / n, (c1 - c0) * 1e6 / n }')
    printf 'http: %-14s %10.1f req/s  p50 %7.2f ms  p99 %7.2f ms  cpu/request: server %5.1f us, wrk %5.1f us\n' \
        "$name" "$rps" "$(echo "$p50" | awk '{print $1/1000}')" \
        "$(echo "$p99" | awk '{print $1/1000}')" ${cpu}
    if [ "$errs" != 0 ] || [ "$non2xx" != 0 ]; then
        echo "http: $name: $errs socket errors, $non2xx answers outside 2xx/3xx" >&2
        FAILED=1
    fi
    echo "$name $rps $p50 $p99 $cpu" >>"$TMP/results"
}

FAILED=0
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
start ceiling "$CEILING" --port 0
start memory "$WARTA" serve --port 0 --index memory
mkdir -p "$TMP/data"
start sqlite "$WARTA" serve --port 0 --data-dir "$TMP/data"

echo "http: POST $(wc -c <"$BODY" | tr -d ' ')-byte text/plain body, wrk -t$THREADS -c$CONNS -d$DURATION keep-alive, $ROUNDS interleaved rounds"
# One short warm-up each: page cache, allocator arenas, SQLite file.
for s in ceiling memory sqlite; do bench "$s" "$s" 1s warmup; done
r=1
while [ $r -le "$ROUNDS" ]; do
    for s in ceiling memory sqlite; do bench "$s" "$s" "$DURATION" run; done
    # The HTTP shell alone: an empty GET, answered by the ceiling and by
    # warta's /healthz (routing, request id, access log; no pipeline).
    if [ "$SHELL_DURATION" != 0 ]; then
        bench ceiling-get ceiling "$SHELL_DURATION" run /healthz
        bench healthz memory "$SHELL_DURATION" run /healthz
    fi
    r=$((r + 1))
done

# Ratio per round (warta run / the ceiling run just before it), then the
# median over rounds; latencies are medians too.
awk -v target="$TARGET" '
    function median(v, cnt,    i, j, t) {
        for (i = 2; i <= cnt; i++)
            for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
    }
    $1 == "ceiling" { c = $2; nc++; crps[nc] = $2; csrv[nc] = $5; ccli[nc] = $6; next }
    $1 == "ceiling-get" { cg = $2; next }
    { k = ++runs[$1]; ratio[$1, k] = $2 / ($1 == "healthz" ? cg : c); rps[$1, k] = $2; p50[$1, k] = $3; p99[$1, k] = $4; srv[$1, k] = $5; cli[$1, k] = $6 }
    END {
        printf "http: ceiling median %.1f req/s\n", median(crps, nc)
        cs = median(csrv, nc); cc = median(ccli, nc)
        split("memory sqlite healthz", names, " ")
        for (x = 1; x <= 3; x++) {
            s = names[x]; m = runs[s]
            if (!m) continue
            for (i = 1; i <= m; i++) { r[i] = ratio[s, i]; q[i] = rps[s, i]; a[i] = p50[s, i]; b[i] = p99[s, i] }
            med = median(r, m)
            if (s == "healthz") {
                printf "http: shell-only ratio warta GET /healthz / ceiling GET = %.3f (median of %d rounds; %.1f req/s; informative: the HTTP layer without the pipeline)\n", med, m, median(q, m)
                continue
            }
            verdict = med >= target ? "met" : "NOT met"
            printf "http: ratio warta(--index %s)/ceiling = %.3f (median of %d rounds; warta %.1f req/s, p50 %.2f ms, p99 %.2f ms; target >= %.2f %s)\n", s, med, m, median(q, m), median(a, m) / 1000, median(b, m) / 1000, target, verdict
            for (i = 1; i <= m; i++) { u[i] = srv[s, i]; w[i] = cli[s, i] }
            ws = median(u, m); wc = median(w, m)
            printf "http: cpu per request, warta(--index %s) against the ceiling: server %.1f / %.1f us (%.2fx), wrk %.1f / %.1f us (%.2fx), both %.2fx (medians; informative)\n", s, ws, cs, cs ? ws / cs : 0, wc, cc, cc ? wc / cc : 0, (cs + cc) ? (ws + wc) / (cs + cc) : 0
        }
    }' "$TMP/results"

for s in memory sqlite; do
    eval "pid=\$PID_$s"
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "http: warta ($s) died during the run; its log:" >&2
        tail -n 20 "$TMP/$s.log" >&2
        FAILED=1
    fi
done
exit "$FAILED"
