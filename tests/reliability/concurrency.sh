# concurrency.sh - 16 runners at once on one engine (docs/RELIABILITY.md
# §6): (a) all `upgrade head` on the crash suite's chain behind a slow
# first migration; (b) upgrades and downgrades mixed on a chain with
# three heads; (c) a runner SIGKILLed while it holds the migration lock.
# Every runner exits 0, or 4 when its --lock-wait ran out; no revision is
# applied twice; the lock a killed runner held is free afterwards.
# Sourced by tests/scenario.sh (lib.sh's helpers, DIALECT, WORK). Prints
#   CONCURRENCY <engine> <case> <runners> <exit 0> <exit 4> ok
# shellcheck shell=bash
# shellcheck source=tests/reliability/common.sh
. "$ROOT/tests/reliability/common.sh"
RUNNERS=16

# delay_sql TENTHS: a statement that runs about TENTHS/10 s.
delay_sql() {
    case "$DIALECT" in
    postgres) echo "SELECT pg_sleep($1 / 10.0);" ;;
    mysql) echo "SELECT SLEEP($1 / 10.0);" ;;
    sqlite) echo "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $1 * 200000) SELECT count(*) FROM c;" ;;
    esac
}

# gate_migration DIR ID TENTHS [REVISES]: a migration that holds its
# runner (and so the lock) for about TENTHS/10 s and changes nothing.
gate_migration() {
    {
        printf -- '-- revision: %s\n' "$2"
        [ -n "${4:-}" ] && printf -- '-- revises: %s\n' "$4"
        printf -- '-- transaction: none\n-- +up\n%s\n-- +down\n%s\n' \
            "$(delay_sql "$3")" "$(delay_sql 1)"
    } >"$1/$2.sql"
}

# start_runners CMDFILE: one runner per line of CMDFILE (strata's
# arguments after the URL), all at once; waits for them and fills
# $WORK/rc.N and $WORK/out.N.
start_runners() {
    local n=0 pids=() args
    while IFS= read -r args; do
        n=$((n + 1))
        # shellcheck disable=SC2086
        ("$STRATA" --url "$URL" $args >"$WORK/out.$n" 2>&1; echo $? >"$WORK/rc.$n") &
        pids+=($!)
    done <"$1"
    wait "${pids[@]}"
}

# runner_codes CASE: check every runner's exit code (0 or 4), print the
# CONCURRENCY line; fails on any other code.
runner_codes() {
    local n zero=0 busy=0 rc
    for n in $(seq 1 "$RUNNERS"); do
        rc=$(cat "$WORK/rc.$n")
        cat "$WORK/out.$n" >>"$SUITE_LOG"
        case $rc in
        0) zero=$((zero + 1)) ;;
        4) busy=$((busy + 1))
            grep -q 'migration lock not obtained' "$WORK/out.$n" ||
                { OUT=$(cat "$WORK/out.$n"); fail "$1: runner $n exit 4 without saying why"; } ;;
        *) OUT=$(cat "$WORK/out.$n"); fail "$1: runner $n exited $rc" ;;
        esac
    done
    [ "$zero" -gt 0 ] || fail "$1: no runner succeeded"
    echo "CONCURRENCY $DIALECT $1 $RUNNERS $zero $busy ok"
}

# no_failures: no failed row, and ids dense.
no_failures() {
    expect_eq "$(db_count strata_history "outcome = 'failed'")" 0 "$1: failed history rows"
    expect_history_dense
}

# --- (a) 16 × upgrade head on a linear chain -----------------------------
# The crash suite's chain behind a gate that holds its runner 2 s: every
# runner has started (and, without the lock, read an empty history)
# before the first migration commits. Runners 9-16 wait 1 s for the lock.
new_db linear
mkdir -p "$WORK/linear"
cp "$ROOT"/tests/reliability/chain/*.sql "$WORK/linear/"
gate_migration "$WORK/linear" c00_gate 20
sed -i 's/^-- message:/-- revises: c00_gate\n&/' "$WORK/linear/c01_items.sql"
for n in $(seq 1 "$RUNNERS"); do
    if [ "$n" -le 8 ]; then echo "--migrations $WORK/linear upgrade head"
    else echo "--migrations $WORK/linear --lock-wait 1s upgrade head"; fi
done >"$WORK/cmds"
start_runners "$WORK/cmds"
runner_codes linear
for rev in $(sed -n 's/^-- revision: *//p' "$WORK"/linear/*.sql); do
    expect_eq "$(db_count strata_history "revision = '$rev' AND outcome = 'applied'")" 1 \
        "linear: applied rows of $rev"
done
no_failures linear
expect_eq "$(version_rows)" "c08_rename " "linear: version"
expect_eq "$(db_count audit)" 2 "linear: rows the raw INSERTs wrote"
expect_eq "$(grep -l 'nothing to do' "$WORK"/out.* | wc -l)" \
    "$(($(grep -l '^0$' "$WORK"/rc.* | wc -l) - 1))" "linear: runners that found nothing to do"
rm -f "$WORK"/out.* "$WORK"/rc.*

# --- (b) upgrades and downgrades on a chain with three heads ------------
# b0 <- a1 <- a2, b0 <- b1 <- b2, b0 <- c1; a1 and b1 are slow. b0 is
# applied first, so every target below is valid whatever ran before.
new_db branchy
mkdir -p "$WORK/branchy"
(
    cd "$WORK" || exit 1
    marker_migration b0
    gate_migration migrations a1 3 b0
    marker_migration a2 a1
    gate_migration migrations b1 3 b0
    marker_migration b2 b1
    marker_migration c1 b0
)
mv "$WORK"/migrations/*.sql "$WORK/branchy/"
st --url "$URL" --migrations "$WORK/branchy" upgrade b0
expect_rc 0
for n in $(seq 1 "$RUNNERS"); do
    wait_opt=""
    [ $((n % 4)) = 0 ] && wait_opt="--lock-wait 1s"
    case $((n % 5)) in
    0) echo "--migrations $WORK/branchy $wait_opt upgrade heads" ;;
    1) echo "--migrations $WORK/branchy $wait_opt upgrade a2" ;;
    2) echo "--migrations $WORK/branchy $wait_opt downgrade b0" ;;
    3) echo "--migrations $WORK/branchy $wait_opt upgrade b2" ;;
    4) echo "--migrations $WORK/branchy $wait_opt upgrade c1" ;;
    esac
done >"$WORK/cmds"
start_runners "$WORK/cmds"
runner_codes branchy
no_failures branchy
# Per revision, its applied rows alternate up, down, up... from an up
# (never applied twice in a row); the last says whether it is applied,
# and its marker table agrees.
applied=""
for rev in b0 a1 a2 b1 b2 c1; do
    seq=$(db_sql "SELECT direction FROM strata_history WHERE revision = '$rev' AND outcome = 'applied' ORDER BY id" | tr '\n' ' ')
    case " $seq" in
    *" up up "* | *" down down "* | " down "*) fail "branchy: $rev applied out of turn: $seq" ;;
    esac
    case "$seq" in *"up ") applied="$applied$rev " ;; esac
done
expect_eq "$(marker_tables b0 a2 b2 c1)" \
    "$(for r in b0 a2 b2 c1; do case " $applied" in *" $r "*) printf '%s ' "$r" ;; esac; done)" \
    "branchy: marker tables against the history"
# The version rows: the applied heads, or b0 when none is.
heads=""
for r in a2 b2 c1; do case " $applied" in *" $r "*) heads="$heads$r " ;; esac; done
expect_eq "$(version_rows)" "${heads:-b0 }" \
    "branchy: version rows against the history"
rm -f "$WORK"/out.* "$WORK"/rc.*

# --- (c) a runner killed while it holds the lock ------------------------
# The gate holds the lock 6 s, long beside one probe (a client started
# per probe: a second or more on a loaded machine), so that the kill
# lands while the lock is held; a runner that ended first fails the case.
new_db killed
if [ "$DIALECT" = mysql ]; then MY_LOCK_NAME=$(my_lock_name) MY_LOCK_DB=$DBNAME; fi
mkdir -p "$WORK/killed"
gate_migration "$WORK/killed" k0 60
"$STRATA" --url "$URL" --migrations "$WORK/killed" upgrade head >"$WORK/k.out" 2>&1 &
pid=$!
held=0
t0=$(now_us)
while [ $(($(now_us) - t0)) -lt 30000000 ] && kill -0 "$pid" 2>/dev/null; do
    lock_free || { held=1; break; }
    sleep 0.05
done
[ "$held" = 1 ] || fail "killed: the runner never held the lock (or the probe cannot see it)"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
[ $? = 137 ] || { OUT=$(cat "$WORK/k.out"); fail "killed: the runner ended before the kill"; }
# The kernel frees a flock at once; a server when the killed session's
# statement ends (the gate's 6 s at most: docs/design.md §7.8).
t0=$(now_us)
while [ $(($(now_us) - t0)) -lt 30000000 ]; do
    lock_free && break
    sleep 0.05
done
freed=$((($(now_us) - t0) / 1000))
lock_free || fail "killed: the lock is still held 30 s after the kill"
st --url "$URL" --migrations "$WORK/killed" --lock-wait 1s upgrade head
expect_rc 0
expect_eq "$(db_count strata_history "revision = 'k0' AND outcome = 'applied'")" 1 "killed: applied rows of k0"
lock_free || fail "killed: the lock is still held after the next run"
echo "CONCURRENCY $DIALECT killed-holder 1 1 0 ok (lock free ${freed} ms after the kill)"
