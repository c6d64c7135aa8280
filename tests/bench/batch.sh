#!/bin/sh
# Batch benchmark: N seed articles in one POST /v1/normalize/batch against
# the same N articles as N single POST /v1/normalize requests, one after
# another on one keep-alive connection (curl reuses it), interleaved in one
# run against one server. Method: tests/bench/README.md.
#
#   sh tests/bench/batch.sh WARTA_BIN SEED_FILE
#
# Environment: BENCH_ROUNDS (3), BENCH_ARTICLES (1000; at most the
# server's --batch-max-lines, 1000 by default).
# Prints one line per run and the median ratio batch/singles of the wall
# times (below 1: the batch is faster). Exits non-zero when the server
# fails or an answer is missing or not an article.

set -u

WARTA=${1:?warta binary}
SEED=${2:?seed file}
ROUNDS=${BENCH_ROUNDS:-3}
N=${BENCH_ARTICLES:-1000}

command -v curl >/dev/null 2>&1 || { echo "batch: curl missing" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/warta-batch.XXXXXX")
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The same request both ways: {"text": SEED} as the application/json body
# of each single request, and as each line of the batch, so that only the
# transport differs.
python3 - "$SEED" "$N" "$TMP" <<'PY'
import json, sys
seed, n, tmp = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), sys.argv[3]
line = json.dumps({"text": seed})
open(f"{tmp}/one.json", "w", encoding="utf-8").write(line)
open(f"{tmp}/batch.ndjson", "w", encoding="utf-8").write((line + "\n") * n)
PY
# One curl, N URLs: the options hold for each, the connection is reused.
{
    echo 'silent'
    echo 'header = "Content-Type: application/json"'
    echo "data-binary = \"@$TMP/one.json\""
    echo 'write-out = "%{http_code}\n"'
    echo 'output = "/dev/null"'
} >"$TMP/singles.cfg"

"$WARTA" serve --port 0 --index memory 2>"$TMP/server.log" >/dev/null &
PID=$!
PORT=""
i=0
while [ $i -lt 100 ] && [ -z "$PORT" ]; do
    PORT=$(sed -n 's/.*"event":"listening".*"port":\([0-9][0-9]*\).*/\1/p' "$TMP/server.log" | head -n 1)
    [ -z "$PORT" ] && sleep 0.1
    i=$((i + 1))
done
[ -n "$PORT" ] || { echo "batch: the server did not start" >&2; tail "$TMP/server.log" >&2; exit 1; }
i=0
while [ $i -lt "$N" ]; do
    echo "url = \"http://127.0.0.1:$PORT/v1/normalize\"" >>"$TMP/singles.cfg"
    i=$((i + 1))
done

now_ms() { date +%s%3N; }
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
# CPU milliseconds (user + system) the server has used so far: the wall
# time moves with the machine's load, the server's CPU much less.
server_cpu_ms() { awk -v hz="$HZ" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$PID/stat"; }

# Each prints "WALL_MS SERVER_CPU_MS".
singles() {
    c0=$(server_cpu_ms)
    t0=$(now_ms)
    curl -K "$TMP/singles.cfg" >"$TMP/codes" || return 1
    t1=$(now_ms)
    c1=$(server_cpu_ms)
    ok=$(grep -c '^200$' "$TMP/codes")
    [ "$ok" -eq "$N" ] || { echo "batch: $ok of $N single requests answered 200" >&2; return 1; }
    echo "$((t1 - t0)) $((c1 - c0))"
}

batch() {
    c0=$(server_cpu_ms)
    t0=$(now_ms)
    curl -s -H 'Content-Type: application/x-ndjson' --data-binary "@$TMP/batch.ndjson" \
        -o "$TMP/out.ndjson" "http://127.0.0.1:$PORT/v1/normalize/batch" || return 1
    t1=$(now_ms)
    c1=$(server_cpu_ms)
    ok=$(grep -c '^{"id":' "$TMP/out.ndjson")
    [ "$ok" -eq "$N" ] || { echo "batch: $ok of $N batch lines are articles" >&2; head -c 300 "$TMP/out.ndjson" >&2; return 1; }
    echo "$((t1 - t0)) $((c1 - c0))"
}

echo "batch: $N seed articles ($(wc -c <"$SEED" | tr -d ' ') bytes each), --index memory: one batch vs $N single requests on one keep-alive connection, $ROUNDS interleaved rounds"
# Warm-up: allocator, caches, the index's first entry.
singles >/dev/null || exit 1
batch >/dev/null || exit 1
r=1
: >"$TMP/results"
while [ "$r" -le "$ROUNDS" ]; do
    s=$(singles) || exit 1
    b=$(batch) || exit 1
    echo "$s $b" | awk -v r="$r" -v n="$N" '{
        printf "batch: round %d  singles %6d ms (%4.0f us/article, server cpu %4.0f us)  batch %6d ms (%4.0f us/article, server cpu %4.0f us)\n",
            r, $1, $1 * 1000 / n, $2 * 1000 / n, $3, $3 * 1000 / n, $4 * 1000 / n }'
    echo "$s $b" >>"$TMP/results"
    r=$((r + 1))
done
awk '
    function median(v, cnt,    i, j, t) {
        for (i = 2; i <= cnt; i++)
            for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
    }
    { n++; ratio[n] = $3 / $1; cpu[n] = ($2 > 0) ? $4 / $2 : 0 }
    END {
        printf "batch: ratio batch/singles = %.3f wall time (median of %d rounds; below 1 the batch is faster)\n", median(ratio, n), n
        printf "batch: ratio batch/singles = %.3f server CPU (median; informative)\n", median(cpu, n)
    }' "$TMP/results"
kill -0 "$PID" 2>/dev/null || { echo "batch: the server died" >&2; exit 1; }
