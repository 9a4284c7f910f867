#!/usr/bin/env bash
# run.sh - the mutation harness (`make mutation`): each patch here breaks
# one promise; applied to a scratch copy of the tree and rebuilt, the
# test its header names must fail.
#
#   tests/mutations/run.sh [PATTERN...]   only patches whose name holds one
#
# A patch is header lines, then a unified diff (`git diff` output):
#   # promise: what the code promises, in words
#   # test: unit test_NAME              a unit test binary (tests/unit.sh)
#   # test: scenario NAME DIALECT       tests/integration/NAME.sh on DIALECT
# Each named test first runs on the unpatched copy: it must pass there,
# or the mutation proves nothing. Results: caught; NOT caught (the test
# passed with the code broken); error (the patch no longer applies, the
# mutant does not build, the header names no test, or the test fails
# unpatched). Exit 0 only when every patch is caught. MUTATION_TIMEOUT
# (seconds, default 600) bounds one test run; a mutant that makes its
# test time out counts as caught (said so in the table).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
BUILD=${BUILD:-build}
TIMEOUT=${MUTATION_TIMEOUT:-600}
JOBS=${MUTATION_JOBS:-2}

patches=()
for p in tests/mutations/*.patch; do
    [ -f "$p" ] || continue
    if [ "$#" -gt 0 ]; then
        keep=0
        for pat in "$@"; do
            case "$(basename "$p")" in *"$pat"*) keep=1 ;; esac
        done
        [ "$keep" -eq 1 ] || continue
    fi
    patches+=("$p")
done
[ "${#patches[@]}" -gt 0 ] || { echo "no patches in tests/mutations/ match"; exit 2; }

header() { # FILE KEY: the value of "# KEY: ..." before the diff starts
    sed -n -e '/^diff /q' -e "s/^# $2: *//p" "$1" | head -n 1
}

# Each patch's test, checked: "" when the header names none that exists.
declare -A test_of
for p in "${patches[@]}"; do
    t=$(header "$p" test)
    # shellcheck disable=SC2086
    set -- $t
    case "${1:-}:$#" in
    unit:2) [ -f "tests/unit/$2.c" ] || t="" ;;
    scenario:3) [ -f "tests/integration/$2.sh" ] || t="" ;;
    *) t="" ;;
    esac
    test_of[$p]=$t
done

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/strata-mutation.XXXXXX")
servers_started="" keep_logs=1
# shellcheck disable=SC2317 # (called by the trap)
cleanup() {
    if [ -n "$servers_started" ]; then
        STRATA_SERVERS=$SCRATCH/servers tests/servers.sh stop
    fi
    rm -rf "$SCRATCH/base" "$SCRATCH/mutant"
    [ "$keep_logs" -eq 1 ] || rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Servers when a test talks to PostgreSQL or MariaDB, unless the caller
# runs them (STRATA_SERVERS_RUNNING=1 and the URLs exported).
need=""
for p in "${patches[@]}"; do
    case " ${test_of[$p]} " in
    *" cross_dialect "*) need="$need postgres mysql firebird" ;;
    *" postgres "* | *" test_pg_introspect "*) need="$need postgres" ;;
    *" mysql "* | *" test_mysql_introspect "*) need="$need mysql" ;;
    esac
done
# shellcheck disable=SC2086
need=$(printf '%s\n' $need | sort -u | tr '\n' ' ')
if [ -n "${need// /}" ] && [ -z "${STRATA_SERVERS_RUNNING:-}" ]; then
    echo "== servers: $need"
    # shellcheck disable=SC2086
    env_lines=$(STRATA_SERVERS=$SCRATCH/servers tests/servers.sh start $need) ||
        { echo "servers did not start"; exit 2; }
    servers_started=1
    while IFS= read -r line; do export "${line?}"; done <<<"$env_lines"
fi

# The pristine copy every mutant starts from: the tree as it is, with
# its build, timestamps kept, so a mutant rebuilds only what it touches.
echo "== scratch copy of the tree: $SCRATCH"
mkdir -p "$SCRATCH/base"
tar -C "$ROOT" --exclude=./.git --exclude='./build-*' \
    --exclude="./$BUILD/servers" -cf - . | tar -C "$SCRATCH/base" -xf - || exit 2

# build DIR TEST LOG: make what TEST needs in DIR.
build() {
    local dir=$1 log=$3 targets="all test-drivers"
    # shellcheck disable=SC2086
    set -- $2
    [ "${1:-}" = unit ] && targets="$targets $BUILD/tests/unit/$2"
    # shellcheck disable=SC2086
    make --no-print-directory -C "$dir" -j"$JOBS" BUILD="$BUILD" $targets >>"$log" 2>&1
}

# run_test DIR TEST LOG: the test's exit status (124: timed out).
run_test() {
    local dir=$1 log=$3
    # shellcheck disable=SC2086
    set -- $2
    (
        cd "$dir" || exit 2
        export BUILD STRATA=$BUILD/strata SUITE_LOG=$log
        case "$1" in
        unit) exec timeout -k 10 "$TIMEOUT" tests/unit.sh "$2" ;;
        scenario) exec timeout -k 10 "$TIMEOUT" tests/scenario.sh \
            "tests/integration/$2.sh" "$3" ;;
        esac
    ) >>"$log" 2>&1
}

if ! build "$SCRATCH/base" "" "$SCRATCH/base.log"; then
    echo "the unpatched tree does not build: $SCRATCH/base.log"
    exit 2
fi

# Every distinct test once on the unpatched copy.
declare -A baseline
echo "== the tests, unpatched"
for p in "${patches[@]}"; do
    t=${test_of[$p]}
    if [ -z "$t" ] || [ -n "${baseline[$t]:-}" ]; then continue; fi
    log=$SCRATCH/baseline-${t// /-}.log
    build "$SCRATCH/base" "$t" "$log" || { baseline[$t]="does not build"; continue; }
    if run_test "$SCRATCH/base" "$t" "$log"; then
        baseline[$t]=ok
    else
        baseline[$t]="fails unpatched"
        echo "  $t fails unpatched: $log"
    fi
done

declare -A result
caught=0 missed=0 errors=0
echo "== mutants"
for p in "${patches[@]}"; do
    name=$(basename "$p" .patch)
    t=${test_of[$p]}
    log=$SCRATCH/$name.log
    : >"$log"
    if [ -z "$t" ]; then
        result[$p]="error: no test (header '# test: $(header "$p" test)')"
    elif [ "${baseline[$t]}" != ok ]; then
        result[$p]="error: test ${baseline[$t]}"
    else
        rm -rf "$SCRATCH/mutant"
        cp -a "$SCRATCH/base" "$SCRATCH/mutant"
        # (Not a repository: git apply works on the files alone.)
        if ! (cd "$SCRATCH/mutant" && git apply "$ROOT/$p") >>"$log" 2>&1; then
            result[$p]="error: does not apply"
        elif ! build "$SCRATCH/mutant" "$t" "$log"; then
            result[$p]="error: does not build"
        else
            run_test "$SCRATCH/mutant" "$t" "$log"
            case $? in
            0) result[$p]="NOT caught" ;;
            124 | 137) result[$p]="caught (timeout)" ;;
            *) result[$p]="caught" ;;
            esac
        fi
    fi
    case "${result[$p]}" in
    caught*) caught=$((caught + 1)) ;;
    NOT*) missed=$((missed + 1)) ;;
    *) errors=$((errors + 1)) ;;
    esac
    printf '  %-40s %s\n' "$name" "${result[$p]}"
    # What failed, to tell the intended catch from an accident.
    case "${result[$p]}" in
    caught*) grep -m 1 -E 'FAIL|Failure|ERROR' "$log" | cut -c1-150 | sed 's/^/      /' ;;
    esac
done

printf '\n| %-38s | %-36s | %-16s |\n' patch test result
printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' $(seq 40))" \
    "$(printf -- '-%.0s' $(seq 38))" "$(printf -- '-%.0s' $(seq 18))"
for p in "${patches[@]}"; do
    printf '| %-38s | %-36s | %-16s |\n' "$(basename "$p" .patch)" \
        "${test_of[$p]:-?}" "${result[$p]}"
done
printf '\n%d patches: %d caught, %d NOT caught, %d errors\n' \
    "${#patches[@]}" "$caught" "$missed" "$errors"
if [ "$missed" -eq 0 ] && [ "$errors" -eq 0 ]; then
    keep_logs=0
    exit 0
fi
echo "logs: $SCRATCH"
exit 1
