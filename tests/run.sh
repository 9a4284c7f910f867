#!/usr/bin/env bash
# run.sh - the whole suite: unit tests, then every integration scenario
# once per dialect (the matrix), then the secret check over all output.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
STRATA=${STRATA:-$BUILD/strata}
STRATA_WRAP=${STRATA_WRAP:-}
SUITE_LOG=$(pwd)/$BUILD/test-output.log
export BUILD STRATA STRATA_WRAP SUITE_LOG STRATA_BUILD=$BUILD
# The password some scenarios put in URLs; no output may contain it.
export STRATA_TEST_PASSWORD='pw-Zq7-secret'
: >"$SUITE_LOG"
failed=0

# Throwaway servers for the dialects whose drivers exist, stopped on exit
# whatever happens (STRATA_SERVERS_RUNNING=1: someone else runs them).
# (The drivers' own unit tests need them even when the matrix is limited
# with STRATA_DIALECTS.)
servers=""
for d in postgres mysql firebird; do
    [ -f "$BUILD/drivers/strata_$d.so" ] && servers="$servers $d"
done
if [ -n "$servers" ] && [ -z "${STRATA_SERVERS_RUNNING:-}" ]; then
    export STRATA_SERVERS=$BUILD/servers
    trap 'tests/servers.sh stop' EXIT
    echo "== servers:$servers"
    # shellcheck disable=SC2086
    env_lines=$(tests/servers.sh start $servers) || { echo "  FAIL  servers did not start"; exit 1; }
    while IFS= read -r line; do export "${line?}"; done <<<"$env_lines"
fi

echo "== unit tests"
# (A skipped case fails unless tests/unit/expected-skips names it.)
tests/unit.sh || failed=1

# Dialects: those whose driver was built (servers come with their drivers).
if [ -z "${STRATA_DIALECTS:-}" ]; then
    STRATA_DIALECTS=""
    for d in sqlite postgres mysql firebird; do
        [ -f "$BUILD/drivers/strata_$d.so" ] && STRATA_DIALECTS="$STRATA_DIALECTS $d"
    done
fi

echo "== integration matrix:$STRATA_DIALECTS"
declare -A result
scenarios=()
for s in tests/integration/*.sh; do
    [ -f "$s" ] || continue
    name=$(basename "$s" .sh)
    scenarios+=("$name")
    only=$(sed -n 's/^# dialects: *//p' "$s" | head -n 1)
    for d in $STRATA_DIALECTS; do
        # Firebird runs only the scenarios that name it: the portable
        # model and the examples, not every other dialect's details.
        if { [ -n "$only" ] || [ "$d" = firebird ]; } &&
            ! printf ' %s ' $only | grep -q " $d "; then
            result[$name.$d]="-"
            continue
        fi
        if out=$(tests/scenario.sh "$s" "$d" 2>&1); then
            result[$name.$d]="pass"
        else
            result[$name.$d]="FAIL"
            failed=1
            printf '%s\n' "$out" | sed 's/^/  /'
        fi
        printf '%s\n' "$out" >>"$SUITE_LOG"
    done
done

printf '\n%-28s' "scenario"
for d in $STRATA_DIALECTS; do printf '%-10s' "$d"; done
printf '\n'
for name in "${scenarios[@]}"; do
    printf '%-28s' "$name"
    for d in $STRATA_DIALECTS; do printf '%-10s' "${result[$name.$d]}"; done
    printf '\n'
done

echo "== secrets"
# The password whole, and every 6-byte piece of it: a message cut in the
# middle of the password, or a password split at an '@', leaks a piece.
pieces=$(mktemp)
for ((i = 0; i + 6 <= ${#STRATA_TEST_PASSWORD}; i++)); do
    printf '%s\n' "${STRATA_TEST_PASSWORD:i:6}"
done >"$pieces"
if grep -n -F -f "$pieces" "$SUITE_LOG" >/dev/null; then
    echo "  FAIL  the test password (or a piece of it) appears in the output:"
    grep -n -F -f "$pieces" "$SUITE_LOG" | head -5 | sed 's/^/    /'
    failed=1
elif ! grep -q -F '***' "$SUITE_LOG"; then
    echo "  FAIL  no masked password in the output: the check proves nothing"
    failed=1
else
    echo "  pass  no output line holds the test password ($(wc -l <"$SUITE_LOG") lines checked)"
fi
rm -f "$pieces"

[ "$failed" -eq 0 ] && echo "== all passed" || echo "== FAILED"
exit "$failed"
