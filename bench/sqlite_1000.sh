#!/usr/bin/env bash
# bench/sqlite_1000.sh - strata on SQLite: 1,000 trivial migrations.
#
# Generates a linear chain of 1,000 migrations (each: one table and one
# index, with a +down that drops the table) and measures the median
# wall-clock time and the peak RSS of
#   - strata upgrade head     from an empty database,
#   - strata upgrade head     at head (a no-op run),
#   - strata downgrade base   from head,
# next to the sqlite3 CLI running the same SQL with one transaction per
# migration (and, for information, with the whole script in one
# transaction).  Every run is checked: a wrong result fails the benchmark.
#
# Usage: bench/sqlite_1000.sh [--record]
#   --record   also write the "SQLite, 1,000 migrations" section of
#              bench/RESULTS.md with the table and the machine (other
#              sections are kept)
# Environment:
#   STRATA        the strata binary (default build/strata; a relative path is
#                 taken from the repository root; built with `make all` when
#                 missing)
#   RUNS          timed runs per measurement, median reported (default 7)
#   BENCH_TMPDIR  where the scratch directory is made (default $TMPDIR or
#                 /tmp); the filesystem under it decides what a commit costs
# See bench/README.md.
set -eu

prog=sqlite_1000.sh
N=1000
SECTION='## SQLite, 1,000 migrations'

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"

# shellcheck source=bench/sqlite_lib.sh
. "$(dirname "$0")/sqlite_lib.sh"
STRATA_CMD=("$STRATA_BIN" -q --url "$URL" --migrations "$MIG")

# --- the chain and the baseline scripts --------------------------------------
note "generating $N migrations in $WORK"
LAST=$(printf 'r%04d' "$N")
awk -v n="$N" -v dir="$MIG" -v work="$WORK" 'BEGIN {
    up = work "/up.sql"; up1 = work "/up_one.sql"
    down = work "/down.sql"; down1 = work "/down_one.sql"
    print "BEGIN;" > up1
    for (i = 1; i <= n; i++) {
        rev = sprintf("r%04d", i)
        parent = i == 1 ? "base" : sprintf("r%04d", i - 1)
        ct = sprintf("CREATE TABLE t%d (id integer PRIMARY KEY, name text);", i)
        ci = sprintf("CREATE INDEX t%d_name ON t%d (name);", i, i)
        f = dir "/" rev "_t" i ".sql"
        printf "-- revision: %s\n-- revises: %s\n-- message: table t%d and its index\n\n-- +up\n%s\n%s\n-- +down\nDROP TABLE t%d;\n", rev, parent, i, ct, ci, i > f
        close(f)
        printf "BEGIN;\n%s\n%s\nCOMMIT;\n", ct, ci > up
        printf "%s\n%s\n", ct, ci > up1
    }
    print "COMMIT;" > up1
    print "BEGIN;" > down1
    for (i = n; i >= 1; i--) {
        printf "BEGIN;\nDROP TABLE t%d;\nCOMMIT;\n", i > down
        printf "DROP TABLE t%d;\n", i > down1
    }
    print "COMMIT;" > down1
}'
[ "$(ls "$MIG" | wc -l)" -eq "$N" ] || die "expected $N migration files"

sql() { sqlite3 -init /dev/null -batch "$DB" "$1"; }
SQLITE_CMD=(sqlite3 -init /dev/null -batch -bail "$DB")

fresh() { rm -f "$DB" "$DB.lock" "$DB-journal" "$DB-wal" "$DB-shm"; }

# --- correctness checks ------------------------------------------------------
user_tables="SELECT count(*) FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
    AND name NOT IN ('strata_version', 'strata_history')"
user_indexes="SELECT count(*) FROM sqlite_master WHERE type = 'index'
    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
t_tables="SELECT count(*) FROM sqlite_master WHERE type = 'table'
    AND name GLOB 't[0-9]*'"

check_schema_at_head() {     # WHAT
    local t i
    t=$(sql "$user_tables"); i=$(sql "$user_indexes")
    [ "$t" = "$N" ] || die "$1: $t user tables, expected $N"
    [ "$i" = "$N" ] || die "$1: $i indexes, expected $N"
}
check_strata_at_head() {     # WHAT
    local v
    check_schema_at_head "$1"
    v=$(sql "SELECT count(*) || ' ' || coalesce(max(revision), '')
             FROM strata_version")
    [ "$v" = "1 $LAST" ] ||
        die "$1: strata_version holds '$v', expected one row '$LAST'"
}
check_at_base() {            # WHAT [strata]
    local t i v
    t=$(sql "$t_tables"); i=$(sql "$user_indexes")
    [ "$t" = 0 ] || die "$1: $t tN tables remain after downgrade"
    [ "$i" = 0 ] || die "$1: $i indexes remain after downgrade"
    if [ "${2:-}" = strata ]; then
        v=$(sql "SELECT count(*) FROM strata_version")
        [ "$v" = 0 ] || die "$1: strata_version still holds $v row(s)"
    fi
}
history_rows() { sql "SELECT count(*) FROM strata_history"; }

prepare_head() {             # a fresh database brought to head, untimed
    fresh
    run direct "${STRATA_CMD[@]}" upgrade head
    must_succeed "strata upgrade head (preparation)"
    check_strata_at_head "strata upgrade head (preparation)"
}

# --- one measurement ---------------------------------------------------------
# measure KEY PREP CHECK CMD... : RUNS timed runs, then one run for peak RSS
# (under GNU time when present); each run starts with PREP and ends with
# CHECK.  Sets ${KEY}_MS (median), ${KEY}_KB, ${KEY}_ALL (all samples).
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
        if (NR % 2) printf "%.1f", a[(NR + 1) / 2]
        else printf "%.1f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
measure() {
    local key=$1 prep=$2 check=$3 r samples=
    shift 3
    note "$key: $RUNS runs: $*"
    for r in $(seq "$RUNS"); do
        $prep
        run direct "$@"
        must_succeed "$key run $r"
        $check "$key run $r"
        samples="$samples $MS"
    done
    $prep
    run "$RSS_MODE" "$@"
    must_succeed "$key (peak RSS run)"
    $check "$key (peak RSS run)"
    eval "${key}_MS=\$(median \$samples)"
    eval "${key}_KB=\$KB"
    samples=$(printf '%.1f ' $samples)
    eval "${key}_ALL=\"\${samples% }\""
}

nothing() { :; }
noop_prep() {                # at head, and nothing else changes
    NOOP_HIST=$(history_rows)
}
check_noop() {
    check_strata_at_head "$1"
    [ "$(history_rows)" = "$NOOP_HIST" ] ||
        die "$1: the no-op run wrote history rows"
}
check_cli_head() { check_schema_at_head "$1"; }
check_cli_base() { check_at_base "$1"; }
check_strata_base() { check_at_base "$1" strata; }

measure S_UP fresh check_strata_at_head "${STRATA_CMD[@]}" upgrade head
measure C_UP fresh check_cli_head "${SQLITE_CMD[@]}" ".read '$WORK/up.sql'"
measure C_UP1 fresh check_cli_head "${SQLITE_CMD[@]}" ".read '$WORK/up_one.sql'"

prepare_head
measure S_NOOP noop_prep check_noop "${STRATA_CMD[@]}" upgrade head
measure C_NOOP nothing nothing "${SQLITE_CMD[@]}" \
    "SELECT revision FROM strata_version;"

measure S_DOWN prepare_head check_strata_base "${STRATA_CMD[@]}" downgrade base
measure C_DOWN prepare_head check_cli_base "${SQLITE_CMD[@]}" ".read '$WORK/down.sql'"
measure C_DOWN1 prepare_head check_cli_base "${SQLITE_CMD[@]}" ".read '$WORK/down_one.sql'"

# --- the table ---------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
RSS_LIMIT_KB=$((20 * 1024))

# verdict TIME_OK RSS_KB -> yes / no (time) / no (RSS) / no (time, RSS)
verdict() {
    local why=
    [ "$1" = yes ] || why=time
    lt "$2" "$RSS_LIMIT_KB" || why=${why:+$why, }RSS
    if [ -z "$why" ]; then echo yes; else echo "no ($why)"; fi
}

up_ratio=$(ratio "$S_UP_MS" "$C_UP_MS")
le "$up_ratio" 1.5 && up_ok=yes || up_ok=no
lt "$S_NOOP_MS" 50 && noop_ok=yes || noop_ok=no

table() {
    cat <<EOF
| metric | strata median ms | sqlite3 median ms | ratio | strata peak RSS MB | sqlite3 peak RSS MB | target | met? |
| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |
| \`upgrade head\` from empty (1,000 migrations) | $S_UP_MS | $C_UP_MS | $up_ratio | $(mb "$S_UP_KB") | $(mb "$C_UP_KB") | ≤ 1.5× sqlite3; RSS < 20 MB | $(verdict $up_ok "$S_UP_KB") |
| no-op \`upgrade head\` at head | $S_NOOP_MS | $C_NOOP_MS | $(ratio "$S_NOOP_MS" "$C_NOOP_MS") | $(mb "$S_NOOP_KB") | $(mb "$C_NOOP_KB") | < 50 ms; RSS < 20 MB | $(verdict $noop_ok "$S_NOOP_KB") |
| \`downgrade base\` (1,000 migrations) | $S_DOWN_MS | $C_DOWN_MS | $(ratio "$S_DOWN_MS" "$C_DOWN_MS") | $(mb "$S_DOWN_KB") | $(mb "$C_DOWN_KB") | RSS < 20 MB (ratio informative) | $(verdict yes "$S_DOWN_KB") |
| informative: sqlite3 apply, whole script in ONE transaction | — | $C_UP1_MS | $(ratio "$S_UP_MS" "$C_UP1_MS") | — | $(mb "$C_UP1_KB") | — | — |
| informative: sqlite3 downgrade, whole script in ONE transaction | — | $C_DOWN1_MS | $(ratio "$S_DOWN_MS" "$C_DOWN1_MS") | — | $(mb "$C_DOWN1_KB") | — | — |
EOF
}

table

[ "$record" = 1 ] || exit 0

# --- RESULTS.md: this script's section only ----------------------------------
if commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    [ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] ||
        commit="$commit + uncommitted changes"
else
    commit=uncommitted
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
libpath() { ldd "$1" 2>/dev/null | awk '/libsqlite3/ { print $3; exit }'; }
drv=$(dirname "$STRATA_BIN")/drivers/strata_sqlite.so
drvlib=$( [ -e "$drv" ] && libpath "$drv" || true)
clilib=$(libpath "$(command -v sqlite3)")
fs=$(df -PT "$WORK" 2>/dev/null | awk 'NR == 2 { print $2 " (" $1 ")" }')
section=$WORK/section.md
cat >"$section" <<EOF
$SECTION

Recorded by \`bench/sqlite_1000.sh --record\` (see bench/README.md for what
is measured). The targets come from the issue.

| | |
| --- | --- |
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| machine | nproc $(nproc), ${cpu:-unknown CPU} |
| kernel | $(uname -sr) |
| SQLite | $(sqlite3 --version | awk '{ print $1, $2 }') (CLI library: ${clilib:-static}; driver library: ${drvlib:-unknown}) |
| strata | $commit ($("$STRATA_BIN" --help 2>/dev/null | grep -o 'strata [0-9][0-9.]*' | head -n 1 || true)) |
| scratch filesystem | ${fs:-unknown} |
| runs | median of $RUNS timed runs per line; peak RSS from one more run |
| peak RSS | $RSS_METHOD |

$(table)

Ratio = strata median / sqlite3 median. The baseline is the sqlite3 CLI
running the same statements from one script with \`BEGIN; …; COMMIT;\`
around each migration (the issue's baseline); the informative lines wrap
the whole script in one transaction, as strata does on SQLite (one
transaction for the run, a savepoint per migration: docs/design.md
§7.2). The no-op baseline is sqlite3 opening the database and reading
\`strata_version\`.

Samples (ms):
- strata upgrade from empty: $S_UP_ALL
- sqlite3 apply, a transaction per migration: $C_UP_ALL
- sqlite3 apply, one transaction: $C_UP1_ALL
- strata no-op upgrade: $S_NOOP_ALL
- sqlite3 read of strata_version: $C_NOOP_ALL
- strata downgrade base: $S_DOWN_ALL
- sqlite3 downgrade, a transaction per migration: $C_DOWN_ALL
- sqlite3 downgrade, one transaction: $C_DOWN1_ALL

EOF

record_section "$section"
