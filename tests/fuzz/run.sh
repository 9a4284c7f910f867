#!/usr/bin/env bash
# run.sh - run each libFuzzer target for SECONDS, JOBS at a time, from its
# seed corpus (tests/fuzz/corpus/<target>, and for the file parsers the
# migrations and ini files of examples/ and tests/data/, all read only)
# plus a working corpus in the build tree, and print a table: seconds,
# executions, corpus size, result.
#   tests/fuzz/run.sh BUILD SECONDS JOBS TARGET...
# Exit 1 when a target crashed, leaked or broke a promise: the input is
# kept as BUILD/fuzz/crashes/<target>-crash-* (turn it into a fixture).
set -u
cd "$(dirname "$0")/../.."
BUILD=$1 SECONDS_EACH=$2 JOBS=$3
shift 3
out=$BUILD/fuzz
mkdir -p "$out/logs" "$out/crashes"
# Stack traces for UBSan too; ASan's leak check stays on (libFuzzer's
# default), so a parser that leaks on some input fails as well.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# Seeds kept elsewhere in the tree, read as they are (libFuzzer reads
# folders recursively): migration files are splitter input too.
more_seeds() {
    case "$1" in
    fuzz_migration | fuzz_lexer | fuzz_split_*) echo examples tests/data ;;
    fuzz_config) echo examples tests/data/config ;;
    fuzz_seed) echo examples/tracker/seed ;;
    esac
}

one() {
    local t=$1
    mkdir -p "$out/corpus/$t"
    # New inputs go to the first folder only: the build tree's.
    # shellcheck disable=SC2046
    "$BUILD/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/crashes/$t-" \
        "$out/corpus/$t" "tests/fuzz/corpus/$t" $(more_seeds "$t") \
        >"$out/logs/$t.log" 2>&1
    echo $? >"$out/logs/$t.rc"
}

running=0
for t in "$@"; do
    one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=0
printf '%-22s %8s %12s %16s  %s\n' target seconds executions corpus result
for t in "$@"; do
    log=$out/logs/$t.log
    rc=$(cat "$out/logs/$t.rc" 2>/dev/null || echo 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
    corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1 | sed 's/corp: //')
    if [ "$rc" = 0 ]; then
        res=ok
    else
        res="FAIL (exit $rc; see $log)"
        failed=1
    fi
    printf '%-22s %8s %12s %16s  %s\n' "$t" "${secs:-?}" "${execs:-?}" \
        "${corp:-?}" "$res"
done
if [ "$failed" -ne 0 ]; then
    echo "fuzz: a target failed; its input is in $out/crashes/" >&2
    grep -h -A3 -e '^==[0-9]*==ERROR' -e 'runtime error' -e 'broken promise' \
        "$out"/logs/*.log | head -40 >&2
fi
exit "$failed"
