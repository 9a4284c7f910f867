#!/usr/bin/env bash
# unit.sh - run the unit test binaries (all of $BUILD/tests/unit, or the
# names given), one line each; a skipped case fails the run unless
# tests/unit/expected-skips lists it.  tests/unit.sh [test_NAME...]
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
STRATA_WRAP=${STRATA_WRAP:-}
SUITE_LOG=${SUITE_LOG:-/dev/null}
# The drivers' unit tests load $STRATA_BUILD/drivers/strata_<dialect>.so.
export STRATA_BUILD=$BUILD
expected=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' tests/unit/expected-skips |
    awk '{print $1}')

if [ "$#" -eq 0 ]; then
    set --
    for t in "$BUILD"/tests/unit/test_*; do
        case "$t" in *.o | *.d) continue ;; esac
        [ -x "$t" ] && set -- "$@" "$(basename "$t")"
    done
fi
if [ "$#" -eq 0 ]; then
    echo "  FAIL  no unit test binaries in $BUILD/tests/unit (make unit)"
    exit 1
fi

failed=0
log=$(mktemp)
for name in "$@"; do
    t=$BUILD/tests/unit/$name
    # shellcheck disable=SC2086
    $STRATA_WRAP "$t" >"$log" 2>&1
    rc=$?
    cat "$log" >>"$SUITE_LOG"
    # cmocka names each skipped case on a line of its own (twice: as it
    # runs and in the summary).
    skips=$(sed -n 's/^\[  SKIPPED \] \(test_[A-Za-z0-9_]*\)$/\1/p' "$log" | sort -u)
    bad="" ok=""
    for s in $skips; do
        if printf '%s\n' "$expected" | grep -qx -- "$s"; then
            ok="$ok $s"
        else
            bad="$bad $s"
        fi
    done
    note=""
    [ -n "$ok" ] && note=" (expected skip:$ok)"
    if [ "$rc" -ne 0 ]; then
        echo "  FAIL  $name (exit $rc; see $SUITE_LOG)"
        failed=1
    elif [ -n "$bad" ]; then
        echo "  FAIL  $name: skipped$bad (not in tests/unit/expected-skips)"
        failed=1
    else
        echo "  pass  $name$note"
    fi
done
rm -f "$log"
exit "$failed"
