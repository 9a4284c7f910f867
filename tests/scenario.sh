#!/usr/bin/env bash
# scenario.sh - run one integration scenario for one dialect in a fresh
# directory: tests/scenario.sh SCRIPT DIALECT
set -u
SCRIPT=$1 DIALECT=$2
SCENARIO=$(basename "$SCRIPT" .sh)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STRATA=$(cd "$(dirname "$STRATA")" && pwd)/$(basename "$STRATA")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strata-$SCENARIO-$DIALECT.XXXXXX")
export STRATA DIALECT SCENARIO ROOT WORK
: "${STRATA_WRAP:=}" "${SUITE_LOG:=/dev/null}" "${STRATA_TEST_PASSWORD:=pw-Zq7-secret}"
export STRATA_WRAP SUITE_LOG STRATA_TEST_PASSWORD
# No configuration from the caller's environment leaks into a scenario.
unset STRATA_URL DATABASE_URL STRATA_DRIVER_PATH
cd "$WORK" || exit 1
# shellcheck source=tests/lib.sh
. "$ROOT/tests/lib.sh"
# shellcheck disable=SC1090
( . "$ROOT/$SCRIPT" )
rc=$?
[ "$rc" -eq 0 ] && rm -rf "$WORK"
exit "$rc"
