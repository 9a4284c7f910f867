# interrupt.sh - SIGINT or SIGTERM during a long statement
# (docs/design.md §7.8): the statement is cancelled on the server within
# a second, the migration rolled back (or its autocommit progress kept)
# and recorded failed, the lock released, exit 130 or 143; the next run
# converges.  A second signal, or one while no migration runs, exits at
# once.  With its stdout closed
# (strata upgrade | head -c1) a run goes on to the end.
#
# Background jobs of a script ignore SIGINT unless job control is on.
set -m

# A statement that runs for SECONDS (default 60) on a server, and for
# minutes on SQLite.
long_sql() {
    case "$DIALECT" in
    postgres) echo "SELECT pg_sleep(${1:-60})" ;;
    mysql) echo "SELECT SLEEP(${1:-60})" ;;
    sqlite) echo "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 9000000000) SELECT count(*) FROM c" ;;
    esac
}

# A statement that writes, and reads for as long as long_sql runs.
long_write() {
    case "$DIALECT" in
    postgres) echo "INSERT INTO a (id) SELECT 5 FROM pg_sleep(60)" ;;
    mysql) echo "INSERT INTO a (id) SELECT 5 + SLEEP(60)" ;;
    sqlite) echo "INSERT INTO a (id) SELECT count(*) FROM ($(long_sql))" ;;
    esac
}

# fix_long FILE REPLACEMENT: the long statement of FILE becomes another.
fix_long() {
    sed -i "s/^.*\(pg_sleep(\|SLEEP(\|WITH RECURSIVE\).*/$2;/" "$WORK/migrations/$1"
}

# How many long statements the server runs on this scenario's database
# (SQLite has no server: 0).
server_running() {
    case "$DIALECT" in
    postgres) db_sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep(%' AND pid <> pg_backend_pid()" ;;
    mysql) my_client -N -B -e "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '$DBNAME' AND INFO LIKE '%SLEEP(%' AND ID <> CONNECTION_ID()" ;;
    sqlite) echo 0 ;;
    esac
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start ARGS...: strata in the background; PID, its output in $WORK/bg.*
start() {
    $STRATA_WRAP "$STRATA" "$@" >"$WORK/bg.out" 2>"$WORK/bg.err" &
    PID=$!
}

# wait_until CMD...: poll CMD for up to 20 s.
wait_until() {
    for _ in $(seq 1 200); do
        "$@" && return 0
        kill -0 "$PID" 2>/dev/null || fail "strata ended early: $(cat "$WORK/bg.err")"
        sleep 0.1
    done
    fail "timed out waiting for: $*"
}

# signal_and_wait SIG: send SIG, then assert that the server's statement
# is gone within a second and that strata exits within two; sets RC,
# OUT, ERR.
signal_and_wait() {
    local t0 gone="" waited
    t0=$(now_ms)
    kill -"$1" "$PID"
    for _ in $(seq 1 20); do
        [ "$(server_running)" = 0 ] && { gone=$(($(now_ms) - t0)); break; }
        sleep 0.05
    done
    [ -n "$gone" ] || fail "the long statement still runs on the server 1 s after $1"
    for _ in $(seq 1 100); do
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.05
    done
    waited=$(($(now_ms) - t0))
    if kill -0 "$PID" 2>/dev/null; then
        kill -KILL "$PID"
        wait "$PID"
        fail "strata still ran 5 s after $1"
    fi
    wait "$PID"
    RC=$?
    OUT=$(cat "$WORK/bg.out") ERR=$(cat "$WORK/bg.err")
    printf '$ strata (%s after %s ms; statement gone after %s ms)\n%s\n%s\n[exit %s]\n' \
        "$1" "$waited" "$gone" "$OUT" "$ERR" "$RC" >>"$SUITE_LOG"
    [ -z "$STRATA_WRAP" ] && [ "$waited" -gt 2000 ] &&
        fail "strata took $waited ms to exit after $1"
    return 0
}

# The journal of a SQLite write transaction, or the statement on a server.
txn_running() {
    case "$DIALECT" in
    sqlite) [ -f "$DBFILE-journal" ] ;;
    *) [ "$(server_running)" = 1 ] ;;
    esac
}

r3_progress() { # (SQLite: the file may be locked for a moment)
    [ "$(db_count strata_history "revision='r3' AND outcome='progress'" 2>/dev/null)" -ge 1 ] 2>/dev/null
}

new_db
write_first_migration
st --url "$URL" upgrade
expect_rc 0

# --- SIGINT in a migration that runs in a transaction --------------------
write_migration 2.sql <<SQL
-- revision: r2
-- revises: r1
-- +up
INSERT INTO a (id) VALUES (1);
$(long_sql);
SQL
start --url "$URL" upgrade
wait_until txn_running
# A second strata waits for the migration lock: no migration runs in it,
# so SIGINT ends it at once.
$STRATA_WRAP "$STRATA" --url "$URL" upgrade >/dev/null 2>"$WORK/waiter.err" &
waiter=$!
sleep 0.5
kill -INT "$waiter"
t0=$(now_ms)
wait "$waiter"
RC=$?
ERR=$(cat "$WORK/waiter.err")
expect_rc 130 "SIGINT while waiting for the lock"
expect_err "interrupted by SIGINT"
[ -z "$STRATA_WRAP" ] && [ $(($(now_ms) - t0)) -gt 1000 ] && fail "the waiter took over 1 s to exit"
kill -0 "$PID" 2>/dev/null || fail "the first strata ended with the waiter"
signal_and_wait INT
expect_rc 130 "SIGINT"
expect_err "interrupted by SIGINT: migrations/2.sql:5"
expect_err "rolled back: nothing of r2 was kept"
expect_eq "$(db_count a)" 0 "rows of a: the INSERT rolled back"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version after SIGINT"
expect_eq "$(db_count strata_history "revision='r2' AND outcome='failed' AND statement_index=1")" 1 \
    "r2's failed row, at its second statement"
expect_eq "$(db_count strata_history "revision='r2' AND outcome='failed' AND detail LIKE '%interrupted by SIGINT%'")" 1 \
    "r2's failed row says it was interrupted"
expect_eq "$(db_count strata_history "revision='r2' AND outcome<>'failed'")" 0 "other rows of r2"
expect_history_dense

# The lock is free at once, and the run converges once r2 is fixed.
fix_long 2.sql "SELECT 1"
st --url "$URL" --lock-wait 0 upgrade
expect_rc 0 "the run after SIGINT"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version after the re-run"
expect_eq "$(db_count a)" 1 "rows of a after the re-run"

# --- SIGTERM in a migration without a transaction: progress is kept ----
write_migration 3.sql <<SQL
-- revision: r3
-- revises: r2
-- transaction: none
-- +up
CREATE TABLE kept (id integer);
$(long_sql);
CREATE TABLE after_long (id integer);
SQL
start --url "$URL" upgrade
wait_until r3_progress
sleep 0.5
signal_and_wait TERM
expect_rc 143 "SIGTERM"
expect_err "interrupted by SIGTERM: migrations/3.sql:6"
expect_err "the first 1 statement of r3 was kept"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version after SIGTERM"
expect_eq "$(db_count strata_history "revision='r3' AND outcome='progress'")" 1 "r3's progress rows"
expect_eq "$(db_count strata_history "revision='r3' AND outcome='failed' AND statement_index=1")" 1 \
    "r3's failed row, at the long statement"
expect_eq "$(db_count kept)" 0 "the table of the first statement is there"
db_count after_long >/dev/null 2>&1 && fail "the statement after the long one ran"
fix_long 3.sql "SELECT 1"
st --url "$URL" --lock-wait 0 upgrade
expect_rc 0 "the run after SIGTERM"
expect_out "done"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r3 "version after resuming"
expect_eq "$(db_count after_long)" 0 "the rest of r3 ran"
expect_eq "$(db_count strata_history "revision='r3' AND outcome='applied'")" 1 "r3 applied once"
expect_history_dense

# --- SIGINT in the second migration of a run, in a statement that writes:
# SQLite rolls back the run's whole transaction, the first one included.
write_migration 4.sql <<'SQL'
-- revision: r4
-- revises: r3
-- +up
CREATE TABLE t4 (id integer);
SQL
write_migration 5.sql <<SQL
-- revision: r5
-- revises: r4
-- +up
$(long_write);
SQL
start --url "$URL" upgrade
wait_until txn_running
sleep 0.5
signal_and_wait INT
expect_rc 130 "SIGINT in a writing statement"
expect_err "interrupted by SIGINT: migrations/5.sql:4"
expect_err "rolled back: nothing of r5 was kept"
expect_eq "$(db_count a "id = 5")" 0 "rows of r5"
expect_eq "$(db_count strata_history "revision='r5' AND outcome='failed'")" 1 "r5's failed row"
if [ "$DIALECT" = sqlite ]; then
    expect_err "the database rolled back the whole transaction: r4 was not applied"
    expect_eq "$(db_sql "SELECT revision FROM strata_version")" r3 "version: r4 was lost"
    expect_eq "$(db_count strata_history "revision='r4'")" 0 "rows of r4"
    db_count t4 >/dev/null 2>&1 && fail "t4 is there, r4 not recorded"
else
    expect_eq "$(db_sql "SELECT revision FROM strata_version")" r4 "version: r4 stays"
    expect_eq "$(db_count strata_history "revision='r4' AND outcome='applied'")" 1 "r4's row"
    expect_eq "$(db_count t4)" 0 "t4"
    expect_history_dense # (r4's id, lost with the transaction, is not reused)
fi
fix_long 5.sql "INSERT INTO a (id) VALUES (5)"
st --url "$URL" --lock-wait 0 upgrade
expect_rc 0 "the run after SIGINT in a writing statement"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r5 "version at r5"
expect_eq "$(db_count a "id = 5")" 1 "r5's row, once"

# --- a second signal exits at once ---------------------------------------
write_migration 6.sql <<SQL
-- revision: r6
-- revises: r5
-- +up
INSERT INTO a (id) VALUES (6);
$(long_sql 4);
SQL
# Two signals of different kinds (two SIGINTs sent at once could merge
# into one): the first starts the clean stop, the second ends it at once.
# On a loaded machine the clean stop can end before the shell sends the
# second signal: that run proves nothing here, so it is tried again.
delivered=0
for try in 1 2 3; do
    rows_r6=$(db_count strata_history "revision='r6'")
    start --url "$URL" upgrade
    wait_until txn_running
    sleep 0.5
    kill -INT "$PID"
    if kill -TERM "$PID" 2>/dev/null; then
        delivered=1
        break
    fi
    wait "$PID"
    printf '$ strata (INT, TERM): attempt %s ended before the second signal (exit %s); again\n' \
        "$try" "$?" >>"$SUITE_LOG"
done
[ "$delivered" -eq 1 ] || fail "three runs ended before a second signal could be sent"
t0=$(now_ms)
for _ in $(seq 1 100); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
done
kill -0 "$PID" 2>/dev/null && { kill -KILL "$PID"; fail "strata still ran 5 s after a second signal"; }
wait "$PID"
RC=$?
waited=$(($(now_ms) - t0))
OUT=$(cat "$WORK/bg.out") ERR=$(cat "$WORK/bg.err")
printf '$ strata (INT, TERM: exit after %s ms)\n%s\n%s\n[exit %s]\n' \
    "$waited" "$OUT" "$ERR" "$RC" >>"$SUITE_LOG"
expect_rc 143 "second signal"
expect_err "SIGTERM again: exiting at once"
expect_no_out "interrupted by SIGINT:"
[ -z "$STRATA_WRAP" ] && [ "$waited" -gt 1000 ] && fail "took $waited ms to exit after a second signal"
# Nothing of r6 was recorded or kept.  The server may run the statement
# to its end (it holds the migration lock till then); then the run
# converges.
expect_eq "$(db_count strata_history "revision='r6'")" "$rows_r6" "rows of r6"
fix_long 6.sql "SELECT 1"
st --url "$URL" --lock-wait 30s upgrade
expect_rc 0 "the run after two signals"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r6 "version at r6"
expect_eq "$(db_count a "id = 6")" 1 "r6's row, once"

# --- stdout closed: SIGPIPE does not stop the run --------------------------
pad=$(printf '%0200d' 0)
for i in $(seq 7 126); do
    write_migration "$i.sql" <<SQL
-- revision: r$i
-- revises: r$((i - 1))
-- message: padding the report so that it is flushed mid-run $pad
-- +up
CREATE TABLE t$i (id integer);
SQL
done
# shellcheck disable=SC2086
$STRATA_WRAP "$STRATA" --url "$URL" upgrade 2>"$WORK/pipe.err" | head -c1 >/dev/null
RC=${PIPESTATUS[0]}
ERR=$(cat "$WORK/pipe.err")
printf '$ strata upgrade | head -c1\n%s\n[exit %s]\n' "$ERR" "$RC" >>"$SUITE_LOG"
expect_rc 0 "upgrade | head -c1"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r126 "version after upgrade | head -c1"
expect_eq "$(db_count strata_history "direction='up' AND outcome='applied'")" 126 \
    "every migration recorded applied"
expect_eq "$(db_count t126)" 0 "the last migration's table"
st --url "$URL" upgrade
expect_rc 0
expect_out "nothing to do"
