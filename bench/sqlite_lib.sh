# bench/sqlite_lib.sh - what the SQLite benchmarks (sqlite_1000.sh,
# sqlite_rebuild.sh) share; sourced after bench/lib.sh and bench_args.
# Sets ROOT, STRATA_BIN, RUNS, a scratch directory $WORK removed at exit
# (MIG, URL for $WORK/bench.db, LOG), the peak-RSS method (RSS_MODE,
# RSS_METHOD), and defines run MODE CMD... (sets MS RC KB; it replaces
# lib.sh's server-benchmark run) and must_succeed WHAT.
# shellcheck shell=bash
command -v sqlite3 >/dev/null || die "the sqlite3 CLI is required (the baseline)"
bench_binary sqlite
bench_workdir
MIG=$WORK/migrations
DB=$WORK/bench.db
URL=sqlite:///$DB        # sqlite:////abs/path
mkdir "$MIG"

# --- peak memory: GNU time if present, else wait4() rusage -------------------
if [ -x /usr/bin/time ] && /usr/bin/time --version 2>&1 | grep -q GNU &&
        /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
    RSS_MODE=gnutime
    RSS_METHOD='GNU time `/usr/bin/time -f %M` (max RSS of the command, KB)'
else
    RSS_MODE=direct
    # A child forked from python3 starts with python3's RSS (~10-14 MB)
    # and ru_maxrss keeps that high-water mark across exec: an upper bound.
    RSS_METHOD='python3 os.wait4() ru_maxrss, no GNU time here: an upper bound (includes python3'"'"'s RSS at fork, ~10-14 MB)'
fi

# The runner: one python3 process per run, so its start-up is outside the
# timed interval.  It spawns the command (stdin /dev/null, output appended
# to a log), times it with time.monotonic_ns() and prints "ms rc rss_kb".
cat >"$WORK/run.py" <<'EOF'
import os, sys, time
mode, log, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
rssf = log + ".rss"
if mode == "gnutime":
    cmd = ["/usr/bin/time", "-f", "%M", "-o", rssf] + cmd
fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
null = os.open(os.devnull, os.O_RDONLY)
acts = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, fd, 1),
        (os.POSIX_SPAWN_DUP2, fd, 2)]
t0 = time.monotonic_ns()
pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=acts)
_, status, ru = os.wait4(pid, 0)
t1 = time.monotonic_ns()
rc = os.waitstatus_to_exitcode(status)
kb = ru.ru_maxrss
if mode == "gnutime":
    with open(rssf) as f:          # "Command exited ..." lines, then %M
        kb = int(f.read().split()[-1])
print("%.3f %d %d" % ((t1 - t0) / 1e6, rc, kb))
EOF

# run MODE CMD... : sets MS, RC, KB; the command's output goes to $LOG
run() {
    local mode=$1 out
    shift
    : >"$LOG"
    out=$(python3 "$WORK/run.py" "$mode" "$LOG" "$@") || die "runner failed: $*"
    set -- $out
    MS=$1 RC=$2 KB=$3
}

# must_succeed WHAT: fail loudly unless the last run exited 0
must_succeed() {
    if [ "$RC" != 0 ]; then
        echo "$prog: $1 exited $RC; its output:" >&2
        tail -n 30 "$LOG" >&2
        exit 1
    fi
}

