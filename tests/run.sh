#!/bin/sh
# Runs test binaries and the Python checks (tests/e2e/check_*.py, among them
# the OpenAPI response check), counts test cases from
# cmocka's summary lines, and ends with one line "N passed, N failed" (CI
# parses exactly that shape). Exit status is non-zero on any failure.
#
#   sh tests/run.sh BIN...      (from the repo root; `make test` does this)
#
# Environment: WARTA_BIN (server under test), WARTA_SHARED (shared folder),
# PYTHON (interpreter for check_openapi.py), TEST_TIMEOUT (seconds per
# binary, default 300), TEST_LOG_DIR (default build/test-logs),
# WARTA_FUZZ_TARGETS (libFuzzer targets to smoke-run, one counted test
# each, for WARTA_FUZZ_SECONDS from WARTA_FUZZ_DIR; see tests/fuzz/run.sh).

set -u

: "${WARTA_BIN:=build/san/warta}"
: "${WARTA_SHARED:=../shared}"
: "${PYTHON:=/usr/bin/python3}"
: "${TEST_TIMEOUT:=300}"
: "${TEST_LOG_DIR:=build/test-logs}"
export WARTA_BIN WARTA_SHARED PYTHON

# A leak or UB anywhere fails the run; a caller's setting wins.
: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=0}"
: "${UBSAN_OPTIONS:=print_stacktrace=1}"
export ASAN_OPTIONS UBSAN_OPTIONS

# The counts below parse cmocka's standard output format.
CMOCKA_MESSAGE_OUTPUT=stdout
export CMOCKA_MESSAGE_OUTPUT

mkdir -p "$TEST_LOG_DIR"
# Servers started by e2e tests log here (tests/support/e2e.c); kept until
# the next run so a failure can be read after the fact.
WARTA_E2E_LOG_DIR="$(cd "$TEST_LOG_DIR" && pwd)/servers"
rm -rf "$WARTA_E2E_LOG_DIR"
mkdir -p "$WARTA_E2E_LOG_DIR"
export WARTA_E2E_LOG_DIR
total_pass=0
total_fail=0

# A hung binary must not hang CI: coreutils timeout when present.
if command -v timeout >/dev/null 2>&1; then
    TIMEOUT="timeout -k 10 $TEST_TIMEOUT"
else
    TIMEOUT=""
fi

# Sums the N of every "[  PASSED  ] N test(s)." (or FAILED) line: a binary
# may run several cmocka groups, each with its own summary.
count() {
    sed -n "s/^\[  $1  \] \([0-9][0-9]*\) test(s).*/\1/p" "$2" |
        awk '{ s += $1 } END { print s + 0 }'
}

# The one closing line CI parses, then the verdict.
finish() {
    echo "$total_pass passed, $total_fail failed"
    [ "$total_fail" -eq 0 ] && exit 0
    exit 1
}

show_tail() {
    echo "---- last lines of $1 ----"
    tail -n 60 "$1"
    echo "---- end of $1 ----"
}

# `make test` runs the clang compile and the lint first and passes their
# exit statuses: each counts as one test.
gate() {
    case "$2" in
    '') ;;
    0) echo "ok    $1"; total_pass=$((total_pass + 1)) ;;
    *) echo "FAIL  $1 ($3, above)"; total_fail=$((total_fail + 1)) ;;
    esac
}
gate check-clang "${WARTA_CLANG_STATUS:-}" "clang -Werror found warnings"
gate lint "${WARTA_LINT_STATUS:-}" "a banned function is used"

for bin in "$@"; do
    name=$(echo "$bin" | sed 's|^.*/tests/||; s|^build/||')
    log="$TEST_LOG_DIR/$(echo "$name" | tr '/' '_').log"
    if [ ! -x "$bin" ]; then
        echo "FAIL  $name (missing binary $bin)"
        total_fail=$((total_fail + 1))
        continue
    fi
    $TIMEOUT "$bin" >"$log" 2>&1 </dev/null
    rc=$?
    pass=$(count PASSED "$log")
    fail=$(count FAILED "$log")
    # A failed group setup runs none of its tests and prints no count.
    fail=$((fail + $(grep -c '^\[  FAILED  \] GROUP \(SETUP\|TEARDOWN\)' "$log")))
    # A crash, an abort or a group-setup failure may print no summary:
    # a non-zero exit is at least one failure.
    if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
        fail=1
    fi
    if [ "$fail" -gt 0 ]; then
        why="exit $rc"
        [ "$rc" -eq 124 ] && why="timed out after ${TEST_TIMEOUT}s"
        echo "FAIL  $name ($pass passed, $fail failed, $why; log $log)"
        show_tail "$log"
    elif [ "$pass" -eq 0 ]; then
        echo "WARN  $name ran no test cases (log $log)"
    else
        echo "ok    $name ($pass passed)"
    fi
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
done

# The fuzz smoke: each target runs its seeds, then mutates for a few
# seconds; any crash, leak, timeout or sanitizer report fails it.
for target in ${WARTA_FUZZ_TARGETS:-}; do
    if sh tests/fuzz/run.sh "${WARTA_FUZZ_DIR:-build/fuzz}" "$target" \
        "${WARTA_FUZZ_SECONDS:-5}"; then
        total_pass=$((total_pass + 1))
    else
        total_fail=$((total_fail + 1))
    fi
done

# Python checks (tests/e2e/check_*.py, discovered like the C tests): each
# is one counted test; its "ok ..." lines are reported. check_openapi.py,
# the contract check of real responses, must be among them.
# WARTA_TEST_CHECKS=0 (make unit) runs the binaries only.
if [ "${WARTA_TEST_CHECKS:-1}" = 0 ]; then
    finish
fi
if [ ! -f tests/e2e/check_openapi.py ]; then
    echo "FAIL  e2e/check_openapi.py (missing)"
    total_fail=$((total_fail + 1))
fi
for check in tests/e2e/check_*.py; do
    [ -f "$check" ] || continue
    name="e2e/$(basename "$check")"
    log="$TEST_LOG_DIR/$(basename "$check" .py).log"
    if $TIMEOUT "$PYTHON" "$check" >"$log" 2>&1 </dev/null; then
        echo "ok    $name ($(grep -c '^ok ' "$log") checks)"
        total_pass=$((total_pass + 1))
    else
        echo "FAIL  $name (log $log)"
        show_tail "$log"
        total_fail=$((total_fail + 1))
    fi
done

finish
