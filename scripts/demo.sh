#!/bin/sh
# demo.sh - run examples/signals up, show where it is, take it down to
# base and up again, on the embedded default database (SQLite).
set -eu
cd "$(dirname "$0")/.."
STRATA=${STRATA:-build/strata}
INI=examples/signals/strata.ini
DB=examples/signals/strata.db

step() {
    printf '\n$ strata -c %s %s\n' "$INI" "$*"
    "$STRATA" -c "$INI" "$@"
}

rm -f "$DB" "$DB.lock"
echo "strata demo: examples/signals on $DB"
step upgrade
step current
step downgrade base
step current
step upgrade
step history
echo
echo "demo done: the chain went up, down to base and up again."
