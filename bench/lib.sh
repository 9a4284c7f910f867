# bench/lib.sh - shared by the server benchmarks (pg_online_index.sh,
# pg_lock_wait.sh, pg_1000.sh, mysql_online_index.sh).  Sourced, not run.
#
# The script sets prog and SECTION, parses its arguments (setting record),
# then calls bench_setup.  What this file provides:
#   bench_setup            repository root, the strata binary, RUNS, a
#                          scratch directory $WORK removed at exit, and an
#                          EXIT trap that also stops everything started here
#   start_servers KIND...  throwaway servers (tests/servers.sh with
#                          STRATA_SERVERS=$WORK/servers: nobody else's);
#                          sets PG_URL, PG_DIR, PG_PM / MY_URL, MY_SOCKET...
#   run CMD...             one timed run: MS RC T0 T1 UCPU SCPU
#   build_probe pg|my      compiles bench/probe.c into $WORK
#   probe_start/probe_stop the latency probe in the background
#   window_stats           a probe's latencies inside / before a window
#   bench_args "$@"        --record (sets record=1) and --help
#   lock_timeout_ms        LT_MS from LOCK_TIMEOUT (default 1s)
#   writer_interval        checks WRITER_INTERVAL_US (default 2000)
#   record_section         rewrite this script's "## " section of RESULTS.md
# The SQLite benchmarks source it for die, note, bench_args, bench_binary,
# bench_workdir and record_section (they need neither servers nor the
# probe); scale.sh and adopt.sh also for scale_opt, find_dbmate and
# scale_py (bench/scale.py's options, peer and run).
# shellcheck shell=bash

die() { echo "$prog: error: $*" >&2; exit 1; }
note() { echo "$prog: $*" >&2; }

bench_args() {
    record=0
    for arg in "$@"; do
        case $arg in
        --record) record=1 ;;
        -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [--record]" >&2; exit 2 ;;
        esac
    done
}

lock_timeout_ms() {
    LOCK_TIMEOUT=${LOCK_TIMEOUT:-1s}
    LT_MS=$(awk -v d="$LOCK_TIMEOUT" 'BEGIN {
        if (d ~ /^[0-9.]+ms$/) v = substr(d, 1, length(d) - 2)
        else if (d ~ /^[0-9.]+s$/) v = substr(d, 1, length(d) - 1) * 1000
        else if (d ~ /^[0-9.]+m$/) v = substr(d, 1, length(d) - 1) * 60000
        else if (d ~ /^[0-9.]+$/) v = d * 1000
        else v = -1
        printf "%d", v }')
    [ "$LT_MS" -gt 0 ] || die "LOCK_TIMEOUT: not a duration: $LOCK_TIMEOUT"
}

writer_interval() {
    WRITER_INTERVAL_US=${WRITER_INTERVAL_US:-2000}
    case $WRITER_INTERVAL_US in
    ''|*[!0-9]*) die "WRITER_INTERVAL_US must be a number of microseconds" ;;
    esac
}

BG_PIDS=           # background processes started here (probes, blockers)
SERVER_PIDS=       # the server processes themselves (see stop_servers)
SERVERS_STATE=

# The repository root, RUNS, and STRATA_BIN: the strata binary, built
# first when it or (the build tree's) driver strata_$1.so is missing.
bench_binary() {
    cd "$(dirname "$0")/.."
    ROOT=$(pwd)
    STRATA=${STRATA:-build/strata}
    RUNS=${RUNS:-7}
    case $RUNS in
    ''|*[!0-9]*|0) die "RUNS must be a positive integer (got '$RUNS')" ;;
    esac
    command -v python3 >/dev/null || die "python3 is required (monotonic timer, rusage, statistics)"
    case $STRATA in
    */*) ;;
    *) STRATA=$(command -v "$STRATA" || echo "$STRATA") ;;
    esac
    if [ ! -x "$STRATA" ] || { [ "$STRATA" = build/strata ] &&
            [ ! -e "build/drivers/strata_$1.so" ]; }; then
        note "$STRATA missing: running make all"
        make all >&2 || die "make all failed"
    fi
    [ -x "$STRATA" ] || die "$STRATA: no such executable"
    STRATA_BIN=$(cd "$(dirname "$STRATA")" && pwd)/$(basename "$STRATA")
}

# A scratch directory $WORK (LOG in it), removed at exit with everything
# started here (bench_cleanup).
bench_workdir() {
    BENCH_PARENT=${BENCH_TMPDIR:-${TMPDIR:-/tmp}}
    WORK=$(mktemp -d "$BENCH_PARENT/strata-bench.XXXXXX")
    WORK=$(cd "$WORK" && pwd)
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM HUP
    LOG=$WORK/run.log
}

bench_setup() {
    bench_binary postgres
    command -v cc >/dev/null || die "a C compiler (cc) is required for the probe"
    command -v pkg-config >/dev/null || die "pkg-config is required for the probe"
    LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
    bench_workdir
    write_helpers
}

bench_cleanup() {
    local rc=$? p
    trap - EXIT
    for p in $BG_PIDS; do
        kill "$p" 2>/dev/null || true
    done
    stop_servers
    rm -rf "$WORK"
    exit "$rc"
}

# --- throwaway servers -------------------------------------------------------
start_servers() {
    local out pid kind
    SERVERS_STATE=$WORK/servers
    note "starting throwaway server(s): $*"
    out=$(STRATA_SERVERS=$SERVERS_STATE TMPDIR=${SERVER_TMPDIR:-$BENCH_PARENT} \
        "$ROOT/tests/servers.sh" start "$@") || die "tests/servers.sh start $* failed"
    for kind in "$@"; do
        case $kind in
        postgres)
            PG_URL=$(printf '%s\n' "$out" | sed -n 's/^STRATA_TEST_PG_URL=//p')
            PG_DIR=$(cat "$SERVERS_STATE/postgres.dir")
            PG_PM=$(head -n 1 "$PG_DIR/data/postmaster.pid")
            SERVER_PIDS="$SERVER_PIDS $PG_PM"
            [ -n "$PG_URL" ] || die "no STRATA_TEST_PG_URL from tests/servers.sh"
            PG_BASE=${PG_URL%/*}
            ;;
        mysql)
            MY_URL=$(printf '%s\n' "$out" | sed -n 's/^STRATA_TEST_MYSQL_URL=//p')
            MY_SOCKET=$(printf '%s\n' "$out" | sed -n 's/^STRATA_TEST_MYSQL_SOCKET=//p')
            MY_DIR=$(cat "$SERVERS_STATE/mysql.dir")
            pid=$(cat "$MY_DIR/mariadbd.pid" 2>/dev/null || true)
            SERVER_PIDS="$SERVER_PIDS $pid"
            [ -n "$MY_URL" ] || die "no STRATA_TEST_MYSQL_URL from tests/servers.sh"
            # mysql://USER:PASSWORD@HOST:PORT/DB
            MY_USER=$(printf '%s' "$MY_URL" | sed 's#^[a-z]*://\([^:]*\):.*#\1#')
            MY_PASSWORD=$(printf '%s' "$MY_URL" | sed 's#^[a-z]*://[^:]*:\([^@]*\)@.*#\1#')
            MY_HOST=$(printf '%s' "$MY_URL" | sed 's#.*@\([^:/]*\):.*#\1#')
            MY_PORT=$(printf '%s' "$MY_URL" | sed 's#.*:\([0-9]*\)/.*#\1#')
            ;;
        esac
    done
}

# tests/servers.sh stop signals the pid it recorded, which is the shell that
# started the server; the server itself can outlive it (seen with
# mariadbd).  So the server pids read at start are stopped here too, by
# pid, after checking that the pid is still that server.
stop_servers() {
    local p n
    [ -n "$SERVERS_STATE" ] || return 0
    STRATA_SERVERS=$SERVERS_STATE "$ROOT/tests/servers.sh" stop >/dev/null 2>&1 || true
    SERVERS_STATE=
    for p in $SERVER_PIDS; do
        is_server "$p" || continue
        kill -TERM "$p" 2>/dev/null || true
        n=200
        while [ "$n" -gt 0 ] && is_server "$p"; do sleep 0.1; n=$((n - 1)); done
        if is_server "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
    done
    SERVER_PIDS=
}
is_server() {
    [ -r "/proc/$1/cmdline" ] &&
        tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -e postgres -e mariadbd
}

# --- helpers written to $WORK ------------------------------------------------
write_helpers() {
    # The runner: one python3 process per run, so its start-up is outside
    # the timed interval.  It spawns the command (stdin /dev/null, output
    # appended to LOG), times it with time.monotonic_ns() (CLOCK_MONOTONIC,
    # the probe's clock) and prints "ms rc t0_ns t1_ns user_ms sys_ms"
    # (CPU time of the command, from wait4).
    cat >"$WORK/run.py" <<'EOF'
import os, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
null = os.open(os.devnull, os.O_RDONLY)
acts = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, fd, 1),
        (os.POSIX_SPAWN_DUP2, fd, 2)]
t0 = time.monotonic_ns()
pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=acts)
_, status, ru = os.wait4(pid, 0)
t1 = time.monotonic_ns()
print("%.3f %d %d %d %.1f %.1f" % ((t1 - t0) / 1e6,
      os.waitstatus_to_exitcode(status), t0, t1,
      ru.ru_utime * 1e3, ru.ru_stime * 1e3))
EOF
    # Window statistics of a probe file ("start end ok" per statement):
    # statements that overlap [T0, T1] ("in"), those that ended before T0
    # ("before", the undisturbed baseline).  p99 is the nearest-rank
    # percentile.  Prints key=value lines.
    cat >"$WORK/stats.py" <<'EOF'
import math, sys
path, t0, t1 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
inside, before, total, errors = [], [], 0, 0
with open(path) as f:
    for line in f:
        s, e, ok = (int(x) for x in line.split())
        total += 1
        errors += ok == 0
        ms = (e - s) / 1e6
        if e >= t0 and s <= t1:
            inside.append(ms)
        elif e < t0:
            before.append(ms)
def pct(v, p):
    if not v:
        return float("nan")
    v = sorted(v)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]
print("n_in=%d" % len(inside))
print("max_in=%.1f" % (max(inside) if inside else float("nan")))
print("p99_in=%.1f" % pct(inside, 99))
print("p50_in=%.2f" % pct(inside, 50))
print("n_before=%d" % len(before))
print("max_before=%.1f" % (max(before) if before else float("nan")))
print("p99_before=%.2f" % pct(before, 99))
print("n_total=%d" % total)
print("errors=%d" % errors)
EOF
}

# run CMD... : sets MS RC T0 T1 UCPU SCPU; the command's output goes to $LOG
run() {
    local out
    : >"$LOG"
    out=$(python3 "$WORK/run.py" "$LOG" "$@") || die "runner failed: $*"
    set -- $out
    MS=$1 RC=$2 T0=$3 T1=$4 UCPU=$5 SCPU=$6
}

# must_succeed WHAT: fail loudly unless the last run exited 0
must_succeed() {
    if [ "$RC" != 0 ]; then
        echo "$prog: $1 exited $RC; its output:" >&2
        tail -n 30 "$LOG" >&2
        exit 1
    fi
}

# --- the latency probe -------------------------------------------------------
build_probe() { # pg|my
    local lib def
    case $1 in
    pg) lib=libpq def=PROBE_PG ;;
    my) lib=libmariadb def=PROBE_MY ;;
    esac
    pkg-config --exists "$lib" || die "pkg-config knows no $lib (needed for the probe)"
    # shellcheck disable=SC2046
    cc -std=c11 -O2 -Wall -D"$def" -o "$WORK/$1_probe" "$ROOT/bench/probe.c" \
        $(pkg-config --cflags --libs "$lib") >&2 || die "compiling bench/probe.c ($lib) failed"
}

# probe_start NAME CMD... : starts the probe (its OUT argument must be
# $WORK/NAME), waits for "ready"; sets PROBE_PID
probe_start() {
    local name=$1 n=100
    shift
    rm -f "$WORK/$name" "$WORK/$name.stop"
    "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" &
    PROBE_PID=$!
    BG_PIDS="$BG_PIDS $PROBE_PID"
    while ! grep -q '^ready' "$WORK/$name.stdout" 2>/dev/null; do
        kill -0 "$PROBE_PID" 2>/dev/null || {
            cat "$WORK/$name.stderr" >&2
            die "the probe ($name) did not start"
        }
        n=$((n - 1))
        [ "$n" -gt 0 ] || die "the probe ($name) did not connect within 10 s"
        sleep 0.1
    done
}

# probe_stop NAME PID : asks it to stop, waits; fails on a probe error
probe_stop() {
    local name=$1 pid=$2 rc=0
    : >"$WORK/$name.stop"
    wait "$pid" || rc=$?
    BG_PIDS=$(printf '%s\n' $BG_PIDS | grep -vx "$pid" | tr '\n' ' ')
    if [ "$rc" != 0 ]; then
        cat "$WORK/$name.stderr" >&2
        die "the probe ($name) exited $rc (a failed statement or a lost connection)"
    fi
}

# window_stats NAME T0 T1 : sets n_in max_in p99_in p50_in n_before
# max_before p99_before n_total errors
window_stats() {
    local kv
    kv=$(python3 "$WORK/stats.py" "$WORK/$1" "$2" "$3") || die "stats of $1 failed"
    eval "$kv"
}

# --- numbers -----------------------------------------------------------------
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
        if (NR % 2) printf "%.1f", a[(NR + 1) / 2]
        else printf "%.1f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
maximum() { printf '%s\n' "$@" | sort -g | tail -n 1; }
fmt1() { printf '%.1f ' "$@" | sed 's/ $//'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
sec() { awk -v a="$1" 'BEGIN { printf "%.2f", a / 1000 }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a - b }'; }

# --- RESULTS.md ---------------------------------------------------------------
strata_commit() {
    local c
    case $STRATA_BIN in
    "$ROOT"/*) ;;
    *)  # Not this checkout's build: say what it is, as far as we know.
        printf '%s, binary %s (%s)' "${BENCH_STRATA_COMMIT:-not built from this checkout}" \
            "$STRATA_BIN" \
            "$("$STRATA_BIN" --help 2>/dev/null | grep -o 'strata [0-9][0-9.]*' | head -n 1 || true)"
        return 0 ;;
    esac
    if c=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
        [ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] ||
            c="$c + uncommitted changes"
    else
        c=uncommitted
    fi
    printf '%s (%s)' "$c" \
        "$("$STRATA_BIN" --help 2>/dev/null | grep -o 'strata [0-9][0-9.]*' | head -n 1 || true)"
}

# machine_rows: the common rows of the section's first table
machine_rows() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
    cat <<EOF
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| machine | nproc $(nproc), ${cpu:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo) |
| kernel | $(uname -sr) |
| load average | $LOAD_AT_START at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the end (1, 5, 15 min; the machine is shared) |
| strata | $(strata_commit) |
EOF
}

# record_section FILE : replace the "$SECTION" section of bench/RESULTS.md
# (from its heading to the next "## " heading) with FILE, or append it.
record_section() {
    local out=$ROOT/bench/RESULTS.md section=$1
    if [ ! -e "$out" ]; then
        cat >"$out" <<'EOF'
# Benchmark results

Recorded by the scripts in bench/ with `--record` (bench/README.md says what
each one measures). Benchmarks, not timed tests: the targets come from the
issues, and a "no" is recorded as it is. Each section is rewritten only by
its own script and names the machine, build and date it was recorded on.

EOF
    fi
    awk -v h="$SECTION" -v body="$section" '
    function emit(  l) { while ((getline l < body) > 0) print l; close(body); done = 1 }
    $0 == h { emit(); skip = 1; next }
    skip && /^## / { skip = 0 }
    skip { next }
    { print }
    END { if (!done) { print ""; emit() } }' "$out" |
        awk 'NF { if (n) print ""; n = 0; seen = 1; print; next } seen { n = 1 }' >"$out.tmp"
    mv "$out.tmp" "$out"
    note "wrote the \"${SECTION#\#\# }\" section of $out"
}

# --- bench/scale.py's drivers (scale.sh, adopt.sh) ----------------------------
# scale_opt "$@": one of the options both take (--engines, --runs,
# --samples, --record, --report, --help); SHIFT is how many words it
# took, 0 when $1 is not one of them.
scale_opt() {
    SHIFT=2
    case $1 in
    --engines) ENGINES=$2 ;;
    --runs) RUNS=$2 ;;
    --samples) samples=$(realpath -m "$2") ;;
    --record) record=1; SHIFT=1 ;;
    --report) report=render; SHIFT=1 ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) SHIFT=0 ;;
    esac
}

# find_dbmate: DBMATE, else dbmate from PATH or /tmp/dbmate (where `npm
# install --prefix /tmp/dbmate dbmate` puts it: for the benchmarks only,
# never a dependency of strata); empty when there is none.
find_dbmate() {
    DBMATE=${DBMATE:-$(command -v dbmate ||
        ls /tmp/dbmate/node_modules/@dbmate/*/bin/dbmate 2>/dev/null | head -n 1 || true)}
}

# scale_py: the throwaway servers ENGINES needs (none with --report),
# then bench/scale.py measuring (or, with report set, rendering
# --samples FILE) with what the caller set (SIZES, RUNS, RUNS_BIG, TOOLS,
# DBMATE, REPORT); prints its tables ($OUT).
scale_py() {
    local kinds=
    SERVER_TMPDIR=${SERVER_TMPDIR:-/dev/shm}
    [ -z "$report" ] || [ -n "$samples" ] || die "--report needs --samples FILE"
    if [ -z "$report" ]; then
        case ",$ENGINES," in *,postgres,*) kinds="$kinds postgres" ;; esac
        case ",$ENGINES," in *,mysql,*) kinds="$kinds mysql" ;; esac
    fi
    # shellcheck disable=SC2086
    [ -z "$kinds" ] || start_servers $kinds
    export ROOT WORK STRATA_BIN ENGINES SIZES RUNS RUNS_BIG TOOLS DBMATE
    export REPORT=${REPORT:-scale}
    export PG_BASE=${PG_BASE:-} MY_HOST=${MY_HOST:-} MY_PORT=${MY_PORT:-}
    export MY_USER=${MY_USER:-} MY_PASSWORD=${MY_PASSWORD:-}
    export SAMPLES=${samples:-$WORK/samples.json} OUT=$WORK/tables.md
    # shellcheck disable=SC2086
    /usr/bin/python3 "$ROOT/bench/scale.py" $report
    cat "$OUT"
}

# section_head ISSUE: the heading of a scale.py section of RESULTS.md and
# the start of its table of what it was recorded on.
section_head() {
    cat <<EOF
$SECTION

Recorded by \`bench/$prog --record\` (bench/README.md says what is
measured; the targets are issue $1's).

| | |
| --- | --- |
EOF
}
