#!/usr/bin/env bash
# bench/wide_table.sh - one CREATE TABLE of 100,000 columns (issue 13: the
# duplicate-column check compared every column with every earlier one,
# over 20 s on every verb).  Three shapes: bare columns, a UNIQUE on every
# column (a derived constraint name each), and a table PRIMARY KEY naming
# all of them.  For each, the median wall-clock time of `strata lint` and
# of `strata upgrade --sql` for each dialect (offline: no connection,
# only parsing, checking and rendering), against a target of 2 s.  Every
# run is checked: a wrong result fails the benchmark.
#
# Usage: bench/wide_table.sh [--record]
#   --record   also write the "Wide table" section of bench/RESULTS.md
# Environment: STRATA, RUNS (default 3), BENCH_TMPDIR as in
# bench/README.md; COLUMNS_N (default 100000) columns.
set -eu

prog=wide_table.sh
SECTION='## Wide table (100,000 columns)'
N=${COLUMNS_N:-100000}
TARGET_MS=2000
RUNS=${RUNS:-3}

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"
# shellcheck source=bench/sqlite_lib.sh
. "$(dirname "$0")/sqlite_lib.sh"

# write SHAPE: the migration for one shape
write() {
    awk -v n="$N" -v shape="$1" -v f="$MIG/1_wide.sql" 'BEGIN {
        print "-- revision: wide\n-- +up\nCREATE TABLE wide (" > f
        for (i = 0; i < n; i++)
            printf "  c%d integer%s%s\n", i, shape == "unique" ? " UNIQUE" : "",
                i < n - 1 || shape == "pk" ? "," : "" > f
        if (shape == "pk") {
            printf "  PRIMARY KEY (" > f
            for (i = 0; i < n; i++) printf "%sc%d", i ? ", " : "", i > f
            print ")" > f
        }
        print ");\n-- +down\nDROP TABLE wide;" > f
        close(f)
    }'
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
        if (NR % 2) printf "%.1f", a[(NR + 1) / 2]
        else printf "%.1f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# measure WHAT EXPECT CMD...: RUNS runs, each must exit 0 and print EXPECT
rows=
measure() {
    local what=$1 expect=$2 samples= ms met
    shift 2
    for _ in $(seq "$RUNS"); do
        run direct "$@"
        must_succeed "$what"
        grep -q -F -- "$expect" "$LOG" || die "$what: output lacks '$expect'"
        samples="$samples $MS"
    done
    ms=$(median $samples)
    met=$(awk -v a="$ms" -v b="$TARGET_MS" 'BEGIN { print a < b ? "yes" : "no" }')
    rows="$rows| $what | $ms | < $TARGET_MS ms | $met |
"
    note "$what: $ms ms"
}

for shape in bare unique pk; do
    write "$shape"
    cd "$WORK"
    measure "$shape: lint" "lint: 0 errors" \
        "$STRATA_BIN" --url "$URL" --migrations "$MIG" lint --dialect sqlite
    for d in sqlite postgres mysql; do
        [ -e "$(dirname "$STRATA_BIN")/drivers/strata_$d.so" ] || continue
        measure "$shape: upgrade --sql --dialect $d" "c$((N - 1))" \
            "$STRATA_BIN" --url "$URL" --migrations "$MIG" upgrade --sql \
            --dialect "$d"
    done
    cd "$ROOT"
done

table() {
    printf '| command (%s columns) | median ms | target | met? |\n' "$N"
    printf '| --- | ---: | --- | --- |\n'
    printf '%s' "$rows"
}
table

[ "$record" = 1 ] || exit 0
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] ||
    commit="$commit + uncommitted changes"
section=$WORK/section.md
{
    printf '%s\n\n' "$SECTION"
    printf 'Recorded by `bench/wide_table.sh --record` on %s (nproc %s, %s), strata %s; median of %s runs.\n\n' \
        "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$(uname -sr)" \
        "$commit" "$RUNS"
    table
    printf '\n'
} >"$section"
record_section "$section"
