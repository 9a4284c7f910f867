#!/usr/bin/env bash
# run.sh - `make reliability`: the kill -9 suite (crash.sh, TRIALS per
# engine and direction) and the concurrency suite (concurrency.sh) on
# every engine whose driver was built, then the table of figures.
#
#   tests/reliability/run.sh [DIALECT...]     default: every built driver
#   TRIALS=N (100)  RELIABILITY_SEED=N  STRATA_SERVERS_RUNNING=1 (URLs set)
# Exit 0 only when every trial converged and every concurrency case held.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
STRATA=${STRATA:-$BUILD/strata}
TRIALS=${TRIALS:-100}
LOG=$(pwd)/$BUILD/reliability.log
export BUILD STRATA TRIALS SUITE_LOG=$LOG.strata
: >"$LOG"
: >"$SUITE_LOG"

dialects="$*"
if [ -z "$dialects" ]; then
    for d in sqlite postgres mysql; do
        [ -f "$BUILD/drivers/strata_$d.so" ] && dialects="$dialects $d"
    done
fi
servers=""
for d in $dialects; do
    case $d in postgres | mysql) servers="$servers $d" ;; esac
done
if [ -n "$servers" ] && [ -z "${STRATA_SERVERS_RUNNING:-}" ]; then
    export STRATA_SERVERS=$BUILD/servers
    trap 'tests/servers.sh stop' EXIT
    echo "== servers:$servers"
    # (Their URLs as NAME=VALUE lines, exported.)
    # shellcheck disable=SC2086
    tests/servers.sh start $servers >"$LOG.env" || { echo "servers did not start"; exit 1; }
    set -a
    # shellcheck disable=SC1090
    . "$LOG.env"
    set +a
fi

failed=0
results=""
for d in $dialects; do
    for suite in crash concurrency; do
        echo "== $suite on $d"
        out=$(tests/scenario.sh "tests/reliability/$suite.sh" "$d" 2>&1) || failed=1
        printf '%s\n' "$out" >>"$LOG"
        printf '%s\n' "$out" | grep -v -e '^  trial .*: converged' -e '^RESULT' -e '^CONCURRENCY' |
            grep -v '^NOTICE' | sed 's/^/  /'
        results="$results$(printf '%s\n' "$out" | grep -e '^RESULT' -e '^CONCURRENCY')
"
    done
done

echo
echo "kill -9 at a random moment ($(date -u +%Y-%m-%d), $(nproc) cores, log: $LOG):"
printf '| %-8s | %-9s | %6s | %11s | %9s | %13s | %21s |\n' engine direction trials \
    "killed mid-run" converged "operator step" "mean / max recovery"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ----------- -------- ---------------- \
    ----------- --------------- -----------------------
printf '%s' "$results" | while read -r tag e dir t k c o mean max; do
    [ "$tag" = RESULT ] || continue
    printf '| %-8s | %-9s | %6s | %14s | %9s | %13s | %21s |\n' "$e" "$dir" "$t" "$k" \
        "$c" "$o" "$mean ms / $max ms"
done
echo
echo "16 runners at once:"
printf '%s' "$results" | grep '^CONCURRENCY' | sed 's/^CONCURRENCY /  /'
[ "$failed" -eq 0 ] && echo "== reliability: all converged" || echo "== reliability: FAILED (see $LOG)"
exit "$failed"
