#!/usr/bin/env bash
# bench/pg_1000.sh - strata on PostgreSQL: 1,000 trivial migrations.
#
# Starts a throwaway PostgreSQL (tests/servers.sh, its own state
# directory), generates the chain of bench/sqlite_1000.sh (each migration:
# one table and one index) and measures the median wall-clock time of
#   - strata upgrade head   into an empty database,
# next to psql running the same SQL with one transaction per migration
# (the issue's baseline) and, for information, in one transaction.  Each
# run gets a fresh database; every run is checked.  Target (issue 4):
# within 1.3x of psql.
#
# When the target is missed (or DIAGNOSE=1) it then finds out where
# strata's time goes, in untimed runs: every statement with its server-side
# duration (log_min_duration_statement = 0, set with ALTER SYSTEM on the
# scratch server), statements and round trips per migration (strace),
# how the catalog queries' cost grows over the run, the plans they run
# with, the client's CPU (callgrind), and wall = client CPU + server CPU +
# the rest.  All of it goes into RESULTS.md.
#
# Usage: bench/pg_1000.sh [--record]
#   --record   also write the "PostgreSQL, 1,000 migrations" section of
#              bench/RESULTS.md (other sections are kept)
# Environment:
#   STRATA        the strata binary (default build/strata)
#   RUNS          timed runs per line, median reported (default 7)
#   DIAGNOSE      1: always diagnose; 0: never (default: when the target
#                 is missed)
#   BENCH_TMPDIR  where the scratch directory goes (default $TMPDIR or /tmp)
#   SERVER_TMPDIR where the server's data directory goes (default /dev/shm
#                 when it is a tmpfs, else BENCH_TMPDIR's default)
# See bench/README.md.
set -eu

prog=pg_1000.sh
SECTION='## PostgreSQL, 1,000 migrations'
N=1000
TARGET=1.3

record=0
for arg in "$@"; do
    case $arg in
    --record) record=1 ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--record]" >&2; exit 2 ;;
    esac
done

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_setup
DIAGNOSE=${DIAGNOSE:-auto}
command -v psql >/dev/null || die "psql is required (the baseline)"

# The server's data on tmpfs when there is one (SERVER_TMPDIR overrides):
# this benchmark creates thousands of relation files per run, and on a
# filesystem where many files were deleted in the last minutes (an earlier
# run's cleanup, other test servers) creating files gets slower for a
# while: ext4 without a journal skips recently deleted inodes, and that
# was seen to triple psql's time from one run to the next.
if [ -z "${SERVER_TMPDIR:-}" ] && [ -w /dev/shm ] &&
        [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
    SERVER_TMPDIR=/dev/shm
fi
start_servers postgres
# The script's own connections are named bench (the statement log tells
# them from strata's and the baseline psql's).
pgsrv() { PGAPPNAME=bench psql -X -q -At -v ON_ERROR_STOP=1 -d "$PG_URL" -c "$1"; }

# --- the chain and the baseline scripts --------------------------------------
MIG=$WORK/migrations
mkdir "$MIG"
LAST=$(printf 'r%04d' "$N")
note "generating $N migrations in $WORK"
awk -v n="$N" -v dir="$MIG" -v work="$WORK" 'BEGIN {
    up = work "/up.sql"; up1 = work "/up_one.sql"
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
}'
[ "$(ls "$MIG" | wc -l)" -eq "$N" ] || die "expected $N migration files"

# Fresh databases are never dropped during the run: dropping thousands of
# relation files just before the next run creates as many makes the
# filesystem's inode allocation (ext4) slower for a while, and that noise
# falls on whichever side runs next.  They go with the server at the end.
DBN=0
fresh_db() { # sets DB, DBURL
    DBN=$((DBN + 1))
    DB=b$DBN
    pgsrv "CREATE DATABASE $DB"
    DBURL=$PG_BASE/$DB
}
pgdb() { PGAPPNAME=bench psql -X -q -At -v ON_ERROR_STOP=1 -d "$DBURL" -c "$1"; }

# --- checks ------------------------------------------------------------------
check_schema() { # WHAT
    local got
    got=$(pgdb "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
                         AND tablename ~ '^t[0-9]+\$')
            || ' ' || (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'
                         AND indexname ~ '^t[0-9]+_name\$' AND indexdef LIKE '%(name)')
            || ' ' || (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'
                         AND indexname ~ '^t[0-9]+_pkey\$')
            || ' ' || (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
                         AND tablename !~ '^t[0-9]+\$'
                         AND tablename NOT IN ('strata_version', 'strata_history'))")
    [ "$got" = "$N $N $N 0" ] ||
        die "$1: tables / name indexes / primary keys / other tables = $got, expected $N $N $N 0"
}
check_strata() {
    local got
    check_schema "$1"
    got=$(pgdb "SELECT count(*) || ' ' || coalesce(max(revision), '') FROM strata_version")
    [ "$got" = "1 $LAST" ] || die "$1: strata_version holds '$got', expected one row '$LAST'"
    got=$(pgdb "SELECT count(*) FILTER (WHERE outcome = 'applied' AND direction = 'up')
                || ' ' || count(*) FILTER (WHERE outcome = 'failed') FROM strata_history")
    [ "$got" = "$N 0" ] || die "$1: strata_history applied/failed = $got, expected $N 0"
}
check_psql() {
    check_schema "$1"
    [ "$(pgdb "SELECT to_regclass('strata_version') IS NULL")" = t ] ||
        die "$1: a strata table appeared in a psql run"
}

# --- server CPU --------------------------------------------------------------
# CPU time (ms) of the postmaster and everything it reaped (backends that
# ended: the run's own backend) plus its live children (checkpointer,
# WAL writer, ...).  A run's server CPU is the difference across it.
cat >"$WORK/cpu.py" <<'EOF'
import os, sys
pm, tck = sys.argv[1], os.sysconf("SC_CLK_TCK")
def fields(pid):
    with open("/proc/%s/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()
f = fields(pm)
total = sum(int(x) for x in f[11:15])      # utime stime cutime cstime
for p in os.listdir("/proc"):
    if p.isdigit() and p != pm:
        try:
            g = fields(p)
        except OSError:
            continue
        if g[1] == pm:
            total += int(g[11]) + int(g[12])
print(total * 1000 // tck)
EOF
server_cpu() { python3 "$WORK/cpu.py" "$PG_PM"; }

STRATA_CMD_ARGS=(-q --migrations "$MIG" upgrade head)
# timed KEY: one timed run of KEY (S strata, C psql per migration, C1 psql
# one transaction) on a fresh database; appends to ${KEY}_ALL, ${KEY}_CPU,
# ${KEY}_SRV.
timed() {
    local key=$1 what=$2 c0 c1
    fresh_db
    pgsrv "CHECKPOINT"
    sleep 0.2
    c0=$(server_cpu)
    case $key in
    S) run "$STRATA_BIN" --url "$DBURL" "${STRATA_CMD_ARGS[@]}" ;;
    C) run psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up.sql" ;;
    C1) run psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up_one.sql" ;;
    esac
    sleep 0.3 # the backend's exit, so that the postmaster has reaped it
    c1=$(server_cpu)
    must_succeed "$what"
    if [ "$key" = S ]; then check_strata "$what"; else check_psql "$what"; fi
    eval "${key}_ALL=\"\${${key}_ALL:-} $MS\""
    eval "${key}_CPU=\"\${${key}_CPU:-} $(awk -v u="$UCPU" -v s="$SCPU" 'BEGIN { printf "%.0f", u + s }')\""
    eval "${key}_SRV=\"\${${key}_SRV:-} $((c1 - c0))\""
}

note "$RUNS timed runs each of strata, psql (a transaction per migration), psql (one transaction)"
for r in $(seq "$RUNS"); do
    case $((r % 3)) in
    1) order="S C C1" ;;
    2) order="C C1 S" ;;
    0) order="C1 S C" ;;
    esac
    for k in $order; do
        timed "$k" "$k run $r"
    done
    note "run $r: strata $(echo $S_ALL | awk '{ print $NF }') ms, psql $(echo $C_ALL | awk '{ print $NF }') ms, psql one txn $(echo $C1_ALL | awk '{ print $NF }') ms"
done

# shellcheck disable=SC2086
{
    S_MS=$(median $S_ALL); C_MS=$(median $C_ALL); C1_MS=$(median $C1_ALL)
    S_CPUM=$(median $S_CPU); C_CPUM=$(median $C_CPU); C1_CPUM=$(median $C1_CPU)
    S_SRVM=$(median $S_SRV); C_SRVM=$(median $C_SRV); C1_SRVM=$(median $C1_SRV)
}
up_ratio=$(ratio "$S_MS" "$C_MS")
le "$up_ratio" "$TARGET" && up_ok=yes || up_ok=no

table() {
    cat <<EOF
| metric | strata median ms | psql median ms | ratio | strata client CPU ms | psql client CPU ms | strata server CPU ms | psql server CPU ms | target | met? |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
| \`upgrade head\` into an empty database (1,000 migrations) | $S_MS | $C_MS | $up_ratio | $S_CPUM | $C_CPUM | $S_SRVM | $C_SRVM | ≤ ${TARGET}× psql | $up_ok |
| informative: psql, whole script in ONE transaction | — | $C1_MS | $(ratio "$S_MS" "$C1_MS") | — | $C1_CPUM | — | $C1_SRVM | — | — |
EOF
}
table

# --- diagnosis ---------------------------------------------------------------
diagnose=0
case $DIAGNOSE in
1) diagnose=1 ;;
0) diagnose=0 ;;
*) [ "$up_ok" = yes ] || diagnose=1 ;;
esac

DIAG=$WORK/diagnosis.md
: >"$DIAG"
if [ "$diagnose" = 1 ]; then
    note "diagnosis: statement log"
    # Every statement with its server-side duration; the prefix names the
    # client (strata sets application_name=strata, psql's is psql).
    pgsrv "ALTER SYSTEM SET log_min_duration_statement = 0" >/dev/null
    pgsrv "ALTER SYSTEM SET log_line_prefix = '%a|'" >/dev/null
    pgsrv "SELECT pg_reload_conf()" >/dev/null
    sleep 0.5
    SLOG=$PG_DIR/server.log
    logged_run() { # KEY OUT
        local off
        fresh_db
        pgsrv "CHECKPOINT"
        off=$(stat -c %s "$SLOG")
        if [ "$1" = S ]; then
            run "$STRATA_BIN" --url "$DBURL" "${STRATA_CMD_ARGS[@]}"
        else
            run psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up.sql"
        fi
        sleep 0.5
        tail -c +$((off + 1)) "$SLOG" >"$2"
        must_succeed "$1 (statement log run)"
        if [ "$1" = S ]; then check_strata "strata (statement log run)"
        else check_psql "psql (statement log run)"; fi
    }
    logged_run S "$WORK/log_strata.txt"
    LOG_S_MS=$MS
    logged_run C "$WORK/log_psql.txt"
    LOG_C_MS=$MS
    pgsrv "ALTER SYSTEM RESET log_min_duration_statement" >/dev/null
    pgsrv "ALTER SYSTEM RESET log_line_prefix" >/dev/null
    pgsrv "SELECT pg_reload_conf()" >/dev/null

    # Statement kinds per migration with their server time, and the growth
    # of the costs over the run (100-migration buckets).
    cat >"$WORK/diag.py" <<'EOF'
import re, sys
n = int(sys.argv[1])
files = {"strata": sys.argv[2], "psql": sys.argv[3]}
out_kinds, out_growth, out_kv, out_sql = sys.argv[4:8]
line_re = re.compile(r"^([^|]*)\|LOG:  duration: ([0-9.]+) ms  "
                     r"(statement|parse|bind|execute)( [^:]*)?: (.*)$")
def kind(sql, name):
    name = (name or "").strip()
    if name.startswith("strata_"):
        return "catalog query %s (prepared, pipelined)" % name
    s = sql.strip().rstrip(";").strip()
    u = s.upper()
    if u in ("BEGIN", "COMMIT"):
        return u
    if u.startswith('CREATE TABLE IF NOT EXISTS "STRATA_'):
        return "other (connect, lock, history tables; once per run)"
    if u.startswith("CREATE TABLE"):
        return "CREATE TABLE tN"
    if u.startswith("CREATE INDEX"):
        return "CREATE INDEX tN_name"
    if "plan_cache_mode" in s and "force_generic_plan" in s:
        return "set_config(plan_cache_mode, force_generic_plan) (pipelined)"
    if "plan_cache_mode" in s and "strata.plan_cache_mode', pg_catalog.current_setting('plan_cache_mode')" in s:
        return "set_config(strata.plan_cache_mode, saved) (pipelined)"
    if "plan_cache_mode" in s:
        return "set_config(plan_cache_mode, restored) (pipelined)"
    if u.startswith('INSERT INTO "STRATA_HISTORY"'):
        return "INSERT INTO strata_history"
    if "STRATA_VERSION" in u and (u.startswith("UPDATE") or u.startswith("INSERT")):
        return "strata_version row (INSERT once, then UPDATE)"
    return "other (connect, lock, history tables; once per run)"
stats, growth, sqls = {}, {}, {}
for who, path in files.items():
    st = stats.setdefault(who, {})
    gr = growth.setdefault(who, {})
    mig = 0
    pending = 0.0
    with open(path, errors="replace") as f:
        for line in f:
            m = line_re.match(line.rstrip("\n"))
            if not m or m.group(1) != who:
                continue
            ms, what, name, sql = float(m.group(2)), m.group(3), m.group(4), m.group(5)
            if what in ("parse", "bind"):
                pending += ms
                if what == "parse" and name and name.strip().startswith("strata_"):
                    sqls[name.strip()] = sql
                continue
            ms += pending
            pending = 0.0
            k = kind(sql, name)
            if k == "BEGIN":
                mig += 1
            c = st.setdefault(k, [0, 0.0])
            c[0] += 1
            c[1] += ms
            if mig:
                b = (mig - 1) // 100
                g = "catalog queries" if k.startswith("catalog") else k
                gr.setdefault(g, {}).setdefault(b, 0.0)
                gr[g][b] += ms
kinds = sorted(set(stats["strata"]) | set(stats["psql"]),
               key=lambda k: -(stats["strata"].get(k, [0, 0])[1] + stats["psql"].get(k, [0, 0])[1]))
tot = {w: [sum(c[0] for c in stats[w].values()), sum(c[1] for c in stats[w].values())] for w in stats}
def per(c):
    v = c / n
    return ("%.3f" % v).rstrip("0").rstrip(".") if v else "0"
with open(out_kinds, "w") as f:
    f.write("| statement (server side) | strata per migration | strata server ms, whole run | psql per migration | psql server ms, whole run |\n")
    f.write("| --- | ---: | ---: | ---: | ---: |\n")
    for k in kinds:
        s = stats["strata"].get(k, [0, 0.0]); p = stats["psql"].get(k, [0, 0.0])
        f.write("| %s | %s | %.0f | %s | %.0f |\n" % (k, per(s[0]) if s[0] else "—", s[1], per(p[0]) if p[0] else "—", p[1]))
    f.write("| **all statements** | %s | %.0f | %s | %.0f |\n" % (per(tot["strata"][0]), tot["strata"][1], per(tot["psql"][0]), tot["psql"][1]))
groups = ["catalog queries", "CREATE TABLE tN", "CREATE INDEX tN_name"]
with open(out_growth, "w") as f:
    f.write("| migrations | strata: catalog queries, server ms per migration | strata: CREATE TABLE | strata: CREATE INDEX | psql: CREATE TABLE | psql: CREATE INDEX |\n")
    f.write("| --- | ---: | ---: | ---: | ---: | ---: |\n")
    for b in range((n + 99) // 100):
        row = [growth["strata"].get(g, {}).get(b, 0) / 100 for g in groups]
        row += [growth["psql"].get(g, {}).get(b, 0) / 100 for g in groups[1:]]
        f.write("| %d–%d | %s |\n" % (b * 100 + 1, min(n, b * 100 + 100), " | ".join("%.2f" % v for v in row)))
def g(w, k):
    return stats[w].get(k, [0, 0.0])
cat = sum(c[1] for k, c in stats["strata"].items() if k.startswith("catalog"))
cat_n = sum(c[0] for k, c in stats["strata"].items() if k.startswith("catalog"))
book = g("strata", "INSERT INTO strata_history")[1] + g("strata", "strata_version row (INSERT once, then UPDATE)")[1]
setc = sum(c[1] for k, c in stats["strata"].items() if k.startswith("set_config"))
with open(out_kv, "w") as f:
    f.write("SRV_S=%.0f\nSRV_C=%.0f\nSTMT_S=%s\nSTMT_C=%s\n" % (tot["strata"][1], tot["psql"][1], per(tot["strata"][0]), per(tot["psql"][0])))
    f.write("CAT_MS=%.0f\nCAT_N=%s\nBOOK_MS=%.0f\nSETC_MS=%.0f\n" % (cat, per(cat_n), book, setc))
    f.write("DDL_S=%.0f\nDDL_C=%.0f\n" % (g("strata", "CREATE TABLE tN")[1] + g("strata", "CREATE INDEX tN_name")[1],
                                          g("psql", "CREATE TABLE tN")[1] + g("psql", "CREATE INDEX tN_name")[1]))
    f.write("TXN_S=%.0f\nTXN_C=%.0f\n" % (g("strata", "BEGIN")[1] + g("strata", "COMMIT")[1], g("psql", "BEGIN")[1] + g("psql", "COMMIT")[1]))
    cg = growth["strata"].get("catalog queries", {})
    last = (n - 1) // 100
    f.write("CAT_FIRST=%.2f\nCAT_LAST=%.2f\n" % (cg.get(0, 0) / 100, cg.get(last, 0) / 100))
with open(out_sql, "w") as f:
    for name in sorted(sqls):
        f.write("%s\t%s\n" % (name, sqls[name]))
EOF
    python3 "$WORK/diag.py" "$N" "$WORK/log_strata.txt" "$WORK/log_psql.txt" \
        "$WORK/diag_kinds.md" "$WORK/diag_growth.md" "$WORK/diag_kv.sh" \
        "$WORK/catalog_sql.tsv" || die "parsing the statement log failed"
    # shellcheck disable=SC1091
    . "$WORK/diag_kv.sh"
    [ "$(wc -l <"$WORK/catalog_sql.tsv")" -ge 1 ] ||
        die "no catalog query text found in the statement log"

    # Round trips: libpq sends each request (a simple query, or a pipeline
    # up to its sync) with one send(); count them.
    RT_S=— RT_C=—
    if command -v strace >/dev/null; then
        note "diagnosis: round trips (strace)"
        strace_run() { # KEY
            fresh_db
            if [ "$1" = S ]; then
                run strace -f -qq -c -e trace=sendto -o "$WORK/strace.txt" \
                    "$STRATA_BIN" --url "$DBURL" "${STRATA_CMD_ARGS[@]}"
                must_succeed "strata under strace"; check_strata "strata under strace"
            else
                run strace -f -qq -c -e trace=sendto -o "$WORK/strace.txt" \
                    psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up.sql"
                must_succeed "psql under strace"; check_psql "psql under strace"
            fi
            SENDS=$(awk '$NF == "sendto" { print $4 }' "$WORK/strace.txt")
            [ -n "$SENDS" ] || die "strace counted no sendto calls"
        }
        strace_run S; RT_S_TOTAL=$SENDS
        strace_run C; RT_C_TOTAL=$SENDS
        RT_S=$(awk -v a="$RT_S_TOTAL" -v n="$N" 'BEGIN { printf "%.2f", a / n }')
        RT_C=$(awk -v a="$RT_C_TOTAL" -v n="$N" 'BEGIN { printf "%.2f", a / n }')
    fi

    # The catalog queries' plans.  strata prepares them once per session
    # with plan_cache_mode = force_generic_plan; the generic plan is made at
    # their first execution, when (into an empty database) the catalog is
    # nearly empty, and kept for the session.  Reproduce that with psql:
    # the same query texts (from the statement log), executed once on an
    # empty catalog, then the 1,000 migrations' DDL in the same session,
    # then EXPLAIN ANALYZE of the cached generic plans; and the same queries
    # planned in a new session against the 1,000-table catalog.
    note "diagnosis: plans of the catalog queries"
    fresh_db
    {
        echo "SET plan_cache_mode = force_generic_plan;"
        while IFS=$'\t' read -r name sql; do
            echo "PREPARE $name(name[]) AS $sql;"
            echo "EXECUTE $name('{t0}');"
        done <"$WORK/catalog_sql.tsv"
        grep -v -e '^BEGIN;$' -e '^COMMIT;$' "$WORK/up.sql"
        while IFS=$'\t' read -r name _; do
            echo "\\echo PLAN $name"
            echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) EXECUTE $name('{t500}');"
        done <"$WORK/catalog_sql.tsv"
    } >"$WORK/plans_old.sql"
    psql -X -q -At -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/plans_old.sql" >"$WORK/plans_old.txt" 2>&1 ||
        { cat "$WORK/plans_old.txt" >&2; die "reproducing the catalog queries' plans failed"; }
    {
        echo "SET plan_cache_mode = force_generic_plan;"
        while IFS=$'\t' read -r name sql; do
            echo "PREPARE $name(name[]) AS $sql;"
            echo "\\echo PLAN $name"
            echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) EXECUTE $name('{t500}');"
        done <"$WORK/catalog_sql.tsv"
    } >"$WORK/plans_new.sql"
    psql -X -q -At -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/plans_new.sql" >"$WORK/plans_new.txt" 2>&1 ||
        { cat "$WORK/plans_new.txt" >&2; die "planning the catalog queries afresh failed"; }
    plan_rows() { # FILE: per query: seq scans on catalogs, execution ms
        awk '/^PLAN / { if (q) print q "\t" s "\t" e; q = $2; s = ""; e = ""; next }
             /Seq Scan on pg_/ { t = $0; sub(/.*Seq Scan on /, "", t); sub(/ .*/, "", t)
                                 if (t != "pg_namespace") s = s (s ? ", " : "") t }
             /Execution Time:/ { e = $3 }
             END { if (q) print q "\t" s "\t" e }' "$1"
    }
    plan_rows "$WORK/plans_old.txt" >"$WORK/plans_old.tsv"
    plan_rows "$WORK/plans_new.txt" >"$WORK/plans_new.tsv"
    {
        echo "| catalog query | generic plan made on the empty catalog, run at migration 1,000: sequential scans | its execution ms | planned on the 1,000-table catalog: sequential scans | its execution ms |"
        echo "| --- | --- | ---: | --- | ---: |"
        join -t $'\t' "$WORK/plans_old.tsv" "$WORK/plans_new.tsv" |
            awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, ($2 == "" ? "none" : $2), $3, ($4 == "" ? "none" : $4), $5 }'
    } >"$WORK/diag_plans.md"
    SEQ_OLD=$(awk -F'\t' '$2 ~ /pg_class/' "$WORK/plans_old.tsv" | wc -l)
    SEQ_NEW=$(awk -F'\t' '$2 ~ /pg_class/' "$WORK/plans_new.tsv" | wc -l)
    NQ=$(wc -l <"$WORK/plans_old.tsv")

    # The client: where its CPU goes (callgrind, instructions).
    CG=
    if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
        note "diagnosis: callgrind of strata"
        fresh_db
        run valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
            "$STRATA_BIN" --url "$DBURL" "${STRATA_CMD_ARGS[@]}"
        must_succeed "strata under callgrind"; check_strata "strata under callgrind"
        # Paths relative to the binary's source tree (build/strata's
        # parent), and no object name for strata's own files.
        SRC=$(dirname "$(dirname "$STRATA_BIN")")
        CG_SED="s# \\[$SRC/[^]]*\\]##; s#$SRC/##g"
        CG_TOTAL=$(callgrind_annotate "$WORK/callgrind.out" 2>/dev/null |
            awk '/PROGRAM TOTALS/ { gsub(/,/, "", $1); print $1; exit }')
        # Inclusive cost of strata's own stages, then the top self costs.
        callgrind_annotate --inclusive=yes "$WORK/callgrind.out" 2>/dev/null |
            awk '/\(.*%\)/ && /\/(core|drivers)\// && !/main\.c:main|cli\.c:strata__cli_run|cmd_migrate\.c:(migrate|strata__cmd_upgrade)/ && !seen[$3]++' |
            head -n 14 | sed "$CG_SED" >"$WORK/cg_incl.txt"
        callgrind_annotate --inclusive=no "$WORK/callgrind.out" 2>/dev/null |
            awk '/\(.*%\)/ && !/PROGRAM TOTALS/' | head -n 12 | sed "$CG_SED" >"$WORK/cg_self.txt"
        CG=yes
    fi

    # The gap, decomposed (medians of the timed runs).
    GAP=$(awk -v a="$S_MS" -v b="$C_MS" 'BEGIN { printf "%.0f", a - b }')
    REST_S=$(awk -v w="$S_MS" -v c="$S_CPUM" -v s="$S_SRVM" 'BEGIN { printf "%.0f", w - c - s }')
    REST_C=$(awk -v w="$C_MS" -v c="$C_CPUM" -v s="$C_SRVM" 'BEGIN { printf "%.0f", w - c - s }')
    cat >>"$DIAG" <<EOF
### Where strata's time goes

Measured after the timed runs, on fresh databases of the same server, by
\`bench/pg_1000.sh\` itself (\`DIAGNOSE=1\` runs it even when the target is met).

**Wall time, decomposed** (medians of the timed runs; client CPU is user +
sys of the process from \`wait4\`; server CPU is the PostgreSQL processes'
CPU over the run, from \`/proc\`: the run's backend once the postmaster has
reaped it, plus the auxiliary processes; "the rest" is waiting that is
neither, mostly round-trip latency and scheduling on $(nproc) CPUs):

| | strata | psql | difference |
| --- | ---: | ---: | ---: |
| wall ms | $S_MS | $C_MS | $GAP |
| client CPU ms | $S_CPUM | $C_CPUM | $(minus "$S_CPUM" "$C_CPUM") |
| server CPU ms | $S_SRVM | $C_SRVM | $(minus "$S_SRVM" "$C_SRVM") |
| the rest ms | $REST_S | $REST_C | $(minus "$REST_S" "$REST_C") |
| statements per migration (server log) | $STMT_S | $STMT_C | |
| round trips per migration (\`send\` calls / $N, strace) | $RT_S | $RT_C | |

**Every statement, with its server-side duration** (one run each with
\`log_min_duration_statement = 0\` and \`log_line_prefix = '%a|'\`, set with
\`ALTER SYSTEM\` on the scratch server and reset afterwards; those runs
took $(sec "$LOG_S_MS") s and $(sec "$LOG_C_MS") s with the logging; for extended-protocol
statements the parse, bind and execute durations are added up):

$(cat "$WORK/diag_kinds.md")

**How the costs grow over the run** (server ms per migration, by
100-migration bucket, same runs):

$(cat "$WORK/diag_growth.md")

**The catalog queries' plans.** strata prepares its $NQ catalog queries
once per session and runs them with \`plan_cache_mode =
force_generic_plan\`, so the plan is made at the first migration, when the
catalog of an empty database is small, and kept. Reproduced with psql (the
query texts from the log; executed once on the empty catalog, then the
1,000 migrations' DDL in the same session, then \`EXPLAIN ANALYZE\` of the
cached plans), next to the same queries planned afresh on the
1,000-table catalog (sequential scans of \`pg_namespace\`, 4 rows, not
listed):

$(cat "$WORK/diag_plans.md")

$SEQ_OLD of $NQ cached plans scan \`pg_class\` sequentially at the end of the
run; planned afresh, $SEQ_NEW of $NQ do.
EOF
    if [ "$CG" = yes ]; then
        cat >>"$DIAG" <<EOF

**The client** (\`valgrind --tool=callgrind\` of the same \`strata upgrade
head\`: $(awk -v n="$CG_TOTAL" 'BEGIN { printf "%.0f million", n / 1e6 }') instructions in user space in all; the client CPU
above also counts the kernel's share). strata's stages, inclusive:

\`\`\`
$(cat "$WORK/cg_incl.txt")
\`\`\`

Top self costs:

\`\`\`
$(cat "$WORK/cg_self.txt")
\`\`\`
EOF
    fi
    cat >>"$DIAG" <<EOF

**Findings** (numbers from this recording):

- strata's server CPU exceeds psql's by $(minus "$S_SRVM" "$C_SRVM") ms of the $GAP ms gap; its
  client CPU by $(minus "$S_CPUM" "$C_CPUM") ms; the rest (waiting) by $(minus "$REST_S" "$REST_C") ms.
- Statements psql does not send, server side (logged run): the catalog
  queries, $CAT_N per migration, $CAT_MS ms in all, growing from
  $CAT_FIRST ms per migration in the first 100 migrations to $CAT_LAST ms
  in the last 100 (quadratic over the run: each query's cost follows the
  catalog's size while its plan stays the one made on the empty catalog);
  the bookkeeping rows (\`strata_history\` insert, \`strata_version\`
  update), $BOOK_MS ms; the \`plan_cache_mode\` set/restore around the
  catalog queries, $SETC_MS ms; BEGIN/COMMIT $TXN_S ms (psql: $TXN_C ms).
- The DDL itself: $DDL_S ms server side in strata's run, $DDL_C ms in
  psql's.
- An estimate, not a measurement: taking the catalog queries' logged
  server time ($CAT_MS ms) off strata's median leaves
  $(minus "$S_MS" "$CAT_MS") ms, $(ratio "$(minus "$S_MS" "$CAT_MS")" "$C_MS")× psql; taking off everything the
  log shows psql does not send ($(awk -v a="$CAT_MS" -v b="$BOOK_MS" -v c="$SETC_MS" 'BEGIN { print a + b + c }') ms: catalog queries, bookkeeping rows,
  set_config) leaves $(minus "$S_MS" "$(awk -v a="$CAT_MS" -v b="$BOOK_MS" -v c="$SETC_MS" 'BEGIN { print a + b + c }')") ms, $(ratio "$(minus "$S_MS" "$(awk -v a="$CAT_MS" -v b="$BOOK_MS" -v c="$SETC_MS" 'BEGIN { print a + b + c }')")" "$C_MS")×; the rest of the gap is the
  extra round trips, the client's CPU and the DDL's own difference.
- Round trips: $RT_S per migration against psql's $RT_C.$(
    [ "$(printf '%.0f' "$RT_S" 2>/dev/null)" = 7 ] && printf '%s' " Seven: BEGIN,
  the catalog queries (five prepared statements and the three set_config
  calls around them, pipelined into one round trip), CREATE TABLE, CREATE
  INDEX, the history insert, the version update, COMMIT.")
EOF
fi

[ "$record" = 1 ] || { [ "$diagnose" = 1 ] && cat "$DIAG"; exit 0; }

# --- RESULTS.md --------------------------------------------------------------
settings=$(pgsrv "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)
                  FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit',
                  'full_page_writes', 'shared_buffers', 'autovacuum')")
version=$(pgsrv "SHOW server_version")
fs=$(df -PT "$PG_DIR" 2>/dev/null | awk 'NR == 2 { print $2 " (" $1 ")" }')
section=$WORK/section.md
cat >"$section" <<EOF
$SECTION

Recorded by \`bench/pg_1000.sh --record\` (see bench/README.md for what is
measured). The target comes from issue 4's last acceptance point.

| | |
| --- | --- |
$(machine_rows)
| server | PostgreSQL $version, a throwaway cluster from \`tests/servers.sh\`, tuned for tests: $settings; data on ${fs:-unknown}; client and server on the same machine (127.0.0.1) |
| psql | $(psql --version) |
| runs | median of $RUNS timed runs per line, each into a fresh database (\`CREATE DATABASE\` and \`CHECKPOINT\` untimed), the three kinds rotating their order |

$(table)

Ratio = strata median / psql median. The baseline is
\`psql -X -q -v ON_ERROR_STOP=1 -f up.sql\` where \`up.sql\` has
\`BEGIN; CREATE TABLE tN …; CREATE INDEX tN_name …; COMMIT;\` per
migration; the informative line wraps the whole script in one
transaction. strata runs a transaction per migration on PostgreSQL (the
migration's DDL and its version row commit together). Every run was
checked: $N tables \`tN\`, $N indexes \`tN_name\` on \`(name)\` and $N primary
keys, nothing else; strata's runs also one \`strata_version\` row
(\`$LAST\`) and $N applied, 0 failed \`strata_history\` rows. The server
has fsync and synchronous_commit off, which makes commits nearly free and
leaves the statements' own cost and the round trips: a server that flushes
every commit would add the same flush time to both sides and lower the
ratio.

$( [ "${fs%% *}" = tmpfs ] && cat <<EOT
The server's data directory is on tmpfs (\`SERVER_TMPDIR\`, default
\`/dev/shm\`): each run creates about 5,000 relation files, and on this
machine's root filesystem (ext4) creating files shortly after many were
deleted (an earlier run's cleanup, other test servers) is slower for
minutes; that was seen to change the same psql run's time up to threefold
from one run to the next. \`SERVER_TMPDIR=/tmp\` puts it on disk.
EOT
)

Samples (ms, in run order):
- strata upgrade head: $(fmt1 $S_ALL)
- psql, a transaction per migration: $(fmt1 $C_ALL)
- psql, one transaction: $(fmt1 $C1_ALL)
- strata client CPU: ${S_CPU# }; server CPU: ${S_SRV# }
- psql client CPU: ${C_CPU# }; server CPU: ${C_SRV# }

$(cat "$DIAG")

EOF
record_section "$section"
