# lock_retry.sh - a DDL commit refused for a lock (another connection is
# reading) is retried with back-off and succeeds once the reader is
# gone; with too few retries the run fails, exit 1, and says which
# migrations were not applied; lock_retries counts the retries.
# dialects: sqlite
new_db
db_sql "CREATE TABLE r (x integer); INSERT INTO r VALUES (1);"
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer PRIMARY KEY);
SQL
# hold_read SECONDS: a reader holding a shared lock, in the background.
# Its 3 s outlast strata's start even under valgrind, and stay within
# five retries (about 4.6 s of back-off and lock waits).
hold_read() {
    rm -f "$WORK/reading"
    python3 - "$DBFILE" "$1" "$WORK/reading" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT * FROM r").fetchall()
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
PY
    # Until it holds the lock (a loaded machine may take seconds to
    # start Python).
    for _ in $(seq 1 200); do
        [ -f "$WORK/reading" ] && return 0
        sleep 0.05
    done
    fail "the reader did not start"
}
hold_read 3
st --url "$URL" --lock-timeout 300ms upgrade
expect_rc 0
expect_err "retrying"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
wait

write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE b (id integer PRIMARY KEY);
SQL
# ini lock_retries N: the run gives up after exactly N retries.  One
# reader outlasts both runs (8 s: a slow start under valgrind, then
# about 1 s of lock waits and back-off for two retries).
retries() { # N: run with lock_retries = N against the reader
    printf '[strata]\nlock_retries = %s\n' "$1" >"$WORK/retries.ini"
    st -c "$WORK/retries.ini" --migrations "$WORK/migrations" --url "$URL" \
        --lock-timeout 200ms upgrade
    expect_rc 1 "lock_retries = $1"
    expect_err "r2 was not applied"
    expect_eq "$(printf '%s\n' "$ERR" | grep -c 'retrying')" "$1" \
        "retries with lock_retries = $1"
}
hold_read 8
retries 0
retries 2
expect_err "retrying (2 of 2)"
wait
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
expect_eq "$(db_count sqlite_schema "name = 'b'")" 0 "table b"
