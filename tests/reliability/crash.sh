# crash.sh - the kill -9 suite on one engine (docs/RELIABILITY.md §6):
# `strata upgrade head` (then `downgrade base`) over tests/reliability/chain
# is SIGKILLed at a moment drawn uniformly over a clean run's length, run
# again to the end, and the database compared with a clean run's.
# Sourced by tests/scenario.sh (lib.sh's helpers, DIALECT, WORK):
#   TRIALS      trials per direction (default 5)
#   RELIABILITY_SEED   the random seed (default: from the clock; printed)
# Prints one line per trial, then one per direction:
#   RESULT <engine> <direction> <trials> <killed> <converged> <operator> <mean ms> <max ms>
# and fails (exit 1) unless every trial converged.
# shellcheck shell=bash
# shellcheck source=tests/reliability/common.sh
. "$ROOT/tests/reliability/common.sh"
CHAIN=$ROOT/tests/reliability/chain
TRIALS=${TRIALS:-5}
SEED=${RELIABILITY_SEED:-$(($(date +%s) % 32768))}
RANDOM=$SEED
REVS=$(sed -n 's/^-- revision: *//p' "$CHAIN"/*.sql)
HEAD=$(printf '%s\n' "$REVS" | tail -n 1)
TABLES="items orders audit"
echo "crash suite on $DIALECT: $TRIALS trials per direction, seed $SEED"

# run VERB TARGET: strata on the chain, output to $WORK/run.out.
run() {
    "$STRATA" --url "$URL" --migrations "$CHAIN" "$@" >"$WORK/run.out" 2>&1
}

# rows: a digest of every row of the chain's tables (the raw statements'
# effects happened exactly once); "" for a table that does not exist.
rows() {
    local t
    for t in $TABLES; do
        [ "$(db_has_table "$t")" = 1 ] || continue
        printf '%s: ' "$t"
        db_sql "SELECT * FROM $t ORDER BY 1" | md5sum
    done
}

# problems DIRECTION: what differs from a clean run, one line each
# (nothing when the database is as it should be).
problems() {
    local dir=$1 rev n
    [ "$(db_schema)" = "$(cat "$WORK/ref.schema.$dir")" ] ||
        echo "schema differs from the reference: $(diff <(db_schema) "$WORK/ref.schema.$dir" | head -n 4 | tr '\n' ' ')"
    [ "$(rows)" = "$(cat "$WORK/ref.rows.$dir")" ] || echo "rows differ from the reference"
    for rev in $REVS; do
        n=$(db_count strata_history "revision = '$rev' AND direction = 'up' AND outcome = 'applied'")
        [ "$n" = 1 ] || echo "$rev applied up $n times"
        if [ "$dir" = down ]; then
            n=$(db_count strata_history "revision = '$rev' AND direction = 'down' AND outcome = 'applied'")
            [ "$n" = 1 ] || echo "$rev applied down $n times"
        fi
    done
    n=$(db_count strata_history "outcome = 'failed'")
    [ "$n" = 0 ] || echo "$n failed history rows"
    n=$(db_sql "SELECT max(id) - min(id) + 1 - count(*) FROM strata_history")
    [ "$n" = 0 ] || echo "$n gaps in history ids"
    n=$(version_rows)
    if [ "$dir" = up ]; then
        [ "$n" = "$HEAD " ] || echo "version '$n', not $HEAD"
    else
        [ -z "$n" ] || echo "version '$n', not base"
    fi
    n=$(invalid_indexes)
    [ "$n" = 0 ] || echo "$n INVALID indexes"
    lock_free || echo "the migration lock is still held"
}

# The references: a clean upgrade and a clean downgrade, each run three
# times and timed.  A run's length is the shortest of the three: the
# first, cold, can take twice as long as a trial's run on an idle
# machine, and the kills of the trials drawn past a trial's end would
# land after it finished (half of them did).
# shortest SO_FAR T: T unless SO_FAR (0: none yet) is shorter.
shortest() {
    if [ "$1" -gt 0 ] && [ "$1" -le "$2" ]; then echo "$1"; else echo "$2"; fi
}
new_db ref
LEN_up=0 LEN_down=0
for _ in 1 2 3; do
    t0=$(now_us)
    run upgrade head || { OUT=$(cat "$WORK/run.out"); fail "clean upgrade"; }
    LEN_up=$(shortest "$LEN_up" $(($(now_us) - t0)))
    db_schema >"$WORK/ref.schema.up"
    rows >"$WORK/ref.rows.up"
    t0=$(now_us)
    run downgrade base || { OUT=$(cat "$WORK/run.out"); fail "clean downgrade"; }
    LEN_down=$(shortest "$LEN_down" $(($(now_us) - t0)))
    db_schema >"$WORK/ref.schema.down"
    rows >"$WORK/ref.rows.down"
done
drop_db ref
echo "clean runs: upgrade $((LEN_up / 1000)) ms, downgrade $((LEN_down / 1000)) ms"
: >"$WORK/trials"

# trial N DIRECTION: kill a run at random, recover, check; appends
# "DIRECTION killed converged operator recovery_us" to $WORK/trials.
trial() {
    local n=$1 dir=$2 verb target len delay pid t0 killed=0 ok=1 rec at why
    case $dir in
    up) verb=upgrade target=head len=$LEN_up ;;
    down) verb=downgrade target=base len=$LEN_down ;;
    esac
    # A database at the start of the direction: empty for up; for down,
    # the one the up trial left (at head, checked), else a clean head.
    if [ "$dir" = up ] || [ "${UP_OK:-0}" != 1 ]; then
        new_db "t$n"
        if [ "$dir" = down ]; then
            run upgrade head || { OUT=$(cat "$WORK/run.out"); fail "trial $n: clean upgrade"; }
        fi
    fi
    # Uniform over the clean run's length, to the microsecond, and
    # stratified: trial n of N falls in the n-th N-th of it, so a short
    # run of trials still spreads its kills over the whole run.
    delay=$((((n - 1) * len + (RANDOM * 32768 + RANDOM) % len) / TRIALS))
    "$STRATA" --url "$URL" --migrations "$CHAIN" "$verb" "$target" \
        >"$WORK/killed.out" 2>&1 &
    pid=$!
    t0=$(now_us)
    sleep_us $((delay - ($(now_us) - t0)))
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ $? = 137 ] && killed=1 # (else it had finished)
    at="$(db_count strata_history "outcome = 'applied' AND direction = '$dir'" 2>/dev/null || echo 0) done"
    at="$at, $(db_count strata_history "outcome = 'progress' AND direction = '$dir'" 2>/dev/null || echo 0) progress"
    t0=$(now_us)
    run "$verb" "$target"
    rc=$?
    rec=$(($(now_us) - t0))
    why=$(problems "$dir")
    if [ "$rc" != 0 ] || [ -n "$why" ]; then
        ok=0
        echo "  trial $n $dir: kill at $((delay / 1000)) ms ($at): NOT converged (exit $rc)"
        printf '%s\n' "$why" | sed 's/^/    /'
        sed 's/^/    | /' "$WORK/run.out" | tail -n 15
    else
        echo "  trial $n $dir: kill at $((delay / 1000)) ms ($at)$([ "$killed" = 1 ] || echo ', finished first'): converged in $((rec / 1000)) ms"
    fi
    echo "$dir $killed $ok 0 $rec" >>"$WORK/trials"
    UP_OK=$ok
    [ "$dir" = up ] && [ "$ok" = 1 ] && return 0
    drop_db "t$n"
}

for n in $(seq 1 "$TRIALS"); do
    trial "$n" up
    trial "$n" down
done

failed=0
for dir in up down; do
    # shellcheck disable=SC2046
    set -- $(awk -v d="$dir" '$1 == d { t++; k += $2; c += $3; o += $4; s += $5;
        if ($5 > m) m = $5 } END { printf "%d %d %d %d %d %d", t, k, c, o,
        t ? s / t / 1000 : 0, m / 1000 }' "$WORK/trials")
    echo "RESULT $DIALECT $dir $1 $2 $3 $4 $5 $6"
    [ "$3" = "$1" ] || failed=1
done
[ "$failed" = 0 ] || fail "not every trial converged (seed $SEED)"
