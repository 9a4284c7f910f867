# lock_retry.sh - a DDL commit refused for a lock (another connection is
# reading) is retried with back-off and succeeds once the reader is
# gone; with too few retries the run fails, exit 1, and says which
# migrations were not applied.
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
    python3 - "$DBFILE" "$1" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT * FROM r").fetchall()
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
PY
    sleep 0.5 # let it take the lock
}
hold_read 3
st --url "$URL" --lock-timeout 300ms upgrade
expect_rc 0
expect_err "retrying"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
wait

printf 'lock_retries = 0\n' >"$WORK/retries.ini"
sed -i '1i [strata]' "$WORK/retries.ini"
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE b (id integer PRIMARY KEY);
SQL
hold_read 6 # outlasts a slow start (valgrind) and one attempt
st -c "$WORK/retries.ini" --migrations "$WORK/migrations" --url "$URL" \
    --lock-timeout 200ms upgrade
expect_rc 1
expect_err "r2 was not applied"
wait
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
expect_eq "$(db_count sqlite_schema "name = 'b'")" 0 "table b"
