#!/bin/sh
# Runs one libFuzzer target with its settings and prints one line:
# "ok    fuzz/NAME (...)" or "FAIL  fuzz/NAME (...)" with the log's tail.
# Exit status 0 when the run ended without a crash, leak, timeout, RSS or
# sanitizer report.
#
#   sh tests/fuzz/run.sh FUZZ_DIR NAME SECONDS [libFuzzer flags...]
#
# FUZZ_DIR is the build folder (build/fuzz): the binary is
# FUZZ_DIR/bin/fuzz_NAME; inputs the run finds go to FUZZ_DIR/NAME/corpus
# (the committed seeds in tests/fuzz/corpus/NAME are only read), a crash
# leaves its input as FUZZ_DIR/NAME/crash-* (or leak-, timeout-, oom-),
# and the run's output is FUZZ_DIR/NAME/log.
#
# The limits are the service's, not the fuzzer's: no input may take more
# than 1 s or 256 MiB. Only the input size differs per target.

set -u
dir=$1 name=$2 seconds=$3
shift 3
bin=$dir/bin/fuzz_$name
work=$dir/$name
seeds=tests/fuzz/corpus/$name

case $name in
html | text) max_len=32768 ;;  # a long article page, kept fast to run
request | charset | jsonld | batch) max_len=16384 ;;
url) max_len=2048 ;;
dates) max_len=512 ;;  # a date line; table words expand it further
*) max_len=4096 ;;
esac
dict=
[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"

if [ ! -x "$bin" ]; then
    echo "FAIL  fuzz/$name (missing binary $bin)"
    exit 1
fi
mkdir -p "$work/corpus"
rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* \
    "$work"/slow-unit-*

# UBSan must stop at the first report so libFuzzer keeps the input; LSan
# is libFuzzer's per-input leak check. ASan's quarantine of freed memory
# (256 MiB by default) counts in the RSS the 256 MiB limit reads, so a
# long run would end at the limit for no fault of the input: 32 MiB still
# catches a use after free of all but the oldest frees.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:quarantine_size_mb=32 \
UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1 \
nice -n 10 "$bin" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=256 \
    -max_len="$max_len" $dict -artifact_prefix="$work/" -print_final_stats=1 \
    "$@" "$work/corpus" "$seeds" >"$work/log" 2>&1 </dev/null
rc=$?

stat() {
    sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$work/log" | tail -n 1
}
cov=$(grep -E '^#[0-9]+' "$work/log" | tail -n 1 |
    sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p')
artifact=$(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* \
    2>/dev/null | head -n 1)
summary="$(stat number_of_executed_units) runs, $(stat average_exec_per_sec)/s, ${cov:-no coverage line}"
if [ "$rc" -ne 0 ] || [ -n "$artifact" ]; then
    echo "FAIL  fuzz/$name (exit $rc, $summary; input ${artifact:-none}; log $work/log)"
    echo "---- last lines of $work/log ----"
    tail -n 40 "$work/log"
    echo "---- end of $work/log ----"
    exit 1
fi
echo "ok    fuzz/$name ($summary)"
