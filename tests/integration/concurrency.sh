# concurrency.sh - eight `strata upgrade head` started at once on one
# database: all exit 0 and every revision is applied exactly once,
# including an index built online (CONCURRENTLY on PostgreSQL: a waiter
# holding a snapshot would make it wait forever; docs/design.md §8).
# The first migration holds whoever runs it for 3 s, long after all
# eight have started: without the migration lock they would all read
# an empty history and apply the chain together, every time.
new_db
write_migration m0.sql <<'SQL'
-- revision: m0
-- transaction: none
-- +up postgres
SELECT pg_sleep(3);
-- +up mysql
SELECT SLEEP(3);
-- +up sqlite
-- (SQLite cannot sleep: its first write waits for the reader below.)
CREATE TABLE gate (x integer);
SQL
if [ "$DIALECT" = sqlite ]; then
    # A reader holding a shared lock for 3 s: no one commits meanwhile
    # (busy_timeout waits; lock_timeout is 5 s by default).
    python3 - "$DBFILE" 3 <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT * FROM sqlite_schema").fetchall()
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
PY
    reader=$!
    sleep 0.3
fi
for i in 1 2 3 4 5 6; do
    parent="-- revises: m$((i - 1))"
    write_migration "m$i.sql" <<SQL
-- revision: m$i
$parent
-- +up
CREATE TABLE t$i (id serial PRIMARY KEY, v text);
INSERT INTO t$i (v) VALUES ('once');
-- +down
DROP TABLE t$i;
SQL
done
write_migration m7.sql <<SQL
-- revision: m7
-- revises: m6
-- +up
CREATE INDEX CONCURRENTLY t1_v ON t1 (v);
SQL
pids=""
for p in 1 2 3 4 5 6 7 8; do
    # shellcheck disable=SC2086
    $STRATA_WRAP "$STRATA" --url "$URL" upgrade head >"$WORK/out.$p" 2>&1 &
    pids="$pids $!"
done
n=0
for pid in $pids; do
    n=$((n + 1))
    wait "$pid" || { OUT=$(cat "$WORK/out.$n"); fail "process $n failed"; }
done
[ "$DIALECT" = sqlite ] && wait "$reader"
cat "$WORK"/out.* >>"$SUITE_LOG"
expect_eq "$(db_count strata_history "outcome='applied'")" 8 "applied rows"
expect_eq "$(db_count strata_history "revision='m0' AND outcome='applied'")" \
    1 "history rows of m0"
for i in 1 2 3 4 5 6; do
    expect_eq "$(db_count strata_history "revision='m$i' AND outcome='applied'")" \
        1 "history rows of m$i"
    expect_eq "$(db_count "t$i")" 1 "rows in t$i"
done
expect_eq "$(db_sql "SELECT revision FROM strata_version")" m7 "version"
expect_eq "$(db_has_index t1_v)" 1 "the online index"
# Exactly one process did the work; the others found nothing to do.
expect_eq "$(grep -l 'nothing to do' "$WORK"/out.* | wc -l)" 7 \
    "processes that found nothing to do"
