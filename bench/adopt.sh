#!/usr/bin/env bash
# bench/adopt.sh - one 1,000-migration chain (a table and an index each)
# written as a dbmate folder and as a golang-migrate folder, run by strata
# unchanged (format = auto) and by dbmate itself, on SQLite, PostgreSQL and
# MariaDB: apply, no-op at head, downgrade base; medians, kinds
# interleaved, a fresh database per run (issue 14's benchmark).  The work
# is bench/scale.py's (tools strata-dbmate, strata-gm, dbmate; REPORT=adopt).
#
#   bench/adopt.sh [--engines sqlite,postgres,mysql] [--runs 5]
#                  [--samples FILE] [--report] [--record]
#
# --samples FILE: merge into FILE (JSON) and render what it holds.
# --report: measure nothing, render what --samples FILE holds.
# --record: rewrite the "## Adopted layouts vs dbmate" section of
# bench/RESULTS.md.  DBMATE: the dbmate binary (default: from PATH or
# /tmp/dbmate, where `npm install --prefix /tmp/dbmate dbmate` puts it; it
# is installed for the benchmark only, never a dependency of strata).
# SIZE: the chain length (default 1000).  DBMATE_DOWN_MAX: dbmate's
# downgrade (SIZE processes) only when SIZE is at most this (default
# SIZE; 0 leaves it out, to save its time).  SERVER_TMPDIR: where the
# throwaway servers keep their data (default /dev/shm).
set -eu
prog=adopt.sh
SECTION='## Adopted layouts vs dbmate (1,000 migrations)'
. "$(dirname "$0")/lib.sh"

record=0 samples= report=
ENGINES=${ENGINES:-sqlite,postgres,mysql}
RUNS=${RUNS:-5}
SIZE=${SIZE:-1000}
while [ $# -gt 0 ]; do
    scale_opt "$@"
    if [ "$SHIFT" = 0 ]; then
        echo "usage: $0 [--engines LIST] [--runs N] [--samples FILE] [--report] [--record]" >&2
        exit 2
    fi
    shift "$SHIFT"
done
case $RUNS in ''|*[!0-9]*|0) die "--runs takes a positive number" ;; esac

bench_binary sqlite
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 is required (Debian's, with python3-psycopg2, python3-pymysql)"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required for CPU time and peak RSS"
find_dbmate
[ -n "$report" ] || [ -n "$DBMATE" ] ||
    die "no dbmate: npm install --prefix /tmp/dbmate dbmate (or set DBMATE)"
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
bench_workdir
SIZES=$SIZE RUNS_BIG=$RUNS TOOLS=strata-dbmate,strata-gm,dbmate REPORT=adopt
DBMATE_DOWN_MAX=${DBMATE_DOWN_MAX:-$SIZE}
export DBMATE_DOWN_MAX
scale_py

[ "$record" = 1 ] || exit 0
section=$WORK/section.md
{
    section_head 14
    cat <<EOF
$(machine_rows)
| engines | SQLite $(sqlite3 --version | awk '{ print $1 }') (file on ${BENCH_PARENT}); $(psql --version 2>/dev/null | awk '{ print $1, $3 }') server and $(mariadb --version 2>/dev/null | grep -o '[0-9.]*-MariaDB' | head -n 1) from tests/servers.sh (fsync off, innodb_flush_log_at_trx_commit=0), data on ${SERVER_TMPDIR} |
| dbmate | $("$DBMATE" --version 2>/dev/null | awk '{ print $3 }') (npm, installed for the benchmark only) |
| method | whole-process wall time (monotonic clock around spawn and wait) and the process's CPU time (user + system, GNU time), median of the runs; per run each tool's apply, no-op and downgrade back to back on a fresh database, the tools' order rotating each run |

EOF
    cat "$OUT"
} >"$section"
record_section "$section"
