#!/usr/bin/env bash
# bench/stairway.sh - `strata test` (the stairway: each revision up, its
# +verify queries, down, the schema compared, up again) on a chain of 200
# revisions (issue 17), on SQLite and on a throwaway PostgreSQL server.
# Odd revisions create a table with an index (the down derived), even
# ones add a column to it (a written +down); every tenth has a +verify
# query.  Each run's exit must be 0 and its JUnit report must hold a
# passed testcase per revision.  Reported: wall time (median of RUNS
# runs) and strata's own CPU time (user + system, from wait4: the
# server's work is not in it), in all and per revision.  The machine is
# shared, so the CPU time is the steadier of the two.
#
# Usage: bench/stairway.sh [--record]
#   --record   also write the "strata test (200 revisions)" section of
#              bench/RESULTS.md
# Environment: STRATA, RUNS (default 3), BENCH_TMPDIR as in
# bench/README.md (the SQLite scratch database goes there too);
# REVISIONS_N (default 200) revisions.
set -eu

prog=stairway.sh
SECTION='## strata test (200 revisions)'
N=${REVISIONS_N:-200}

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"
RUNS=${RUNS:-3}
bench_binary sqlite
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
bench_workdir
write_helpers
export TMPDIR=$WORK # the SQLite scratch database

mkdir -p "$WORK/migrations"
awk -v n="$N" -v dir="$WORK/migrations" 'BEGIN {
    for (i = 1; i <= n; i++) {
        f = sprintf("%s/%04d_r%04d.sql", dir, i, i)
        printf "-- revision: r%04d\n", i >f
        if (i > 1)
            printf "-- revises: r%04d\n", i - 1 >f
        printf "-- +up\n" >f
        t = i % 2 ? i : i - 1
        if (i % 2) {
            printf "CREATE TABLE t%04d (id integer PRIMARY KEY, ", t >f
            printf "name varchar(50) NOT NULL, qty integer DEFAULT 0);\n" >f
            printf "CREATE INDEX t%04d_name ON t%04d (name);\n", t, t >f
        } else {
            printf "ALTER TABLE t%04d ADD COLUMN note varchar(100);\n", t >f
            printf "-- +down\nALTER TABLE t%04d DROP COLUMN note;\n", t >f
        }
        if (i % 10 == 0)
            printf "-- +verify\nSELECT count(*) = 0 FROM t%04d;\n", t >f
        close(f)
    }
}'

rows=
# measure DIALECT URL: RUNS runs of strata test on the chain
measure() {
    local d=$1 url=$2 walls= cpus= ms cpu passed
    for _ in $(seq "$RUNS"); do
        run "$STRATA_BIN" --url "$url" --migrations "$WORK/migrations" test \
            -q --junit "$WORK/report.xml"
        must_succeed "$d strata test"
        passed=$(grep -c '<testcase name="r[0-9]*" classname="strata.stairway"[^>]*/>' \
            "$WORK/report.xml" || true)
        [ "$passed" = "$N" ] || die "$d: $passed of $N revisions passed"
        walls="$walls $MS"
        cpus="$cpus $(awk -v u="$UCPU" -v s="$SCPU" 'BEGIN { printf "%.0f", u + s }')"
    done
    ms=$(median $walls)
    cpu=$(median $cpus)
    rows="$rows| $d | $(sec "$ms") | $(fmt1 $walls) | $(awk -v a="$ms" -v n="$N" 'BEGIN { printf "%.1f", a / n }') | $(sec "$cpu") | $(awk -v a="$cpu" -v n="$N" 'BEGIN { printf "%.1f", a / n }') |
"
    note "$d: $ms ms wall, $cpu ms CPU"
}

measure sqlite "sqlite:///$WORK/configured.db"

if [ -e "$(dirname "$STRATA_BIN")/drivers/strata_postgres.so" ]; then
    start_servers postgres
    psql -X -q -d "$PG_URL" -c "CREATE DATABASE bench" >/dev/null
    measure postgres "$PG_BASE/bench"
fi

table() {
    printf '| engine | wall s (median) | wall ms, each run | wall ms per revision | strata CPU s (median) | strata CPU ms per revision |\n'
    printf '| --- | ---: | --- | ---: | ---: | ---: |\n'
    printf '%s' "$rows"
}
table

[ "$record" = 1 ] || exit 0
section=$WORK/section.md
{
    printf '%s\n\n' "$SECTION"
    printf 'Recorded by `bench/stairway.sh --record`: `strata test` on a chain of\n'
    printf '%s revisions (a table with an index, then a column on it; a +verify\n' "$N"
    printf 'query every tenth), each upgraded, verified, downgraded, its schema\n'
    printf 'read and compared, upgraded again and read again: 3 steps and 3\n'
    printf 'schema reads per revision, in a scratch database. Median of %s runs;\n' "$RUNS"
    printf 'CPU is strata'"'"'s own (user + system), the server'"'"'s not included.\n\n'
    printf '| | |\n| --- | --- |\n'
    machine_rows
    printf '\n'
    table
    printf '\nThe schema grows to %s tables and each read takes it whole, so the\n' "$((N / 2))"
    printf 'time per revision grows along the chain. The machine is shared (see\n'
    printf 'the load average): the wall time is mostly waiting for a CPU, and\n'
    printf 'strata'"'"'s CPU time is the figure to compare.\n'
} >"$section"
record_section "$section"
