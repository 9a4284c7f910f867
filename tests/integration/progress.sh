# progress.sh - a long statement says what it is doing while it runs
# (docs/design.md §9.14): a 2-million-row index build on PostgreSQL
# (CREATE INDEX CONCURRENTLY's phases) and MariaDB (a copying ALTER
# TABLE), and a 1-million-row table rebuild on SQLite, each report at
# least 3 progress events with rising figures, as JSON events and as
# plain lines; a build blocked by another session names the session that
# holds the lock (PostgreSQL).
# dialects: sqlite postgres mysql
new_db
# A short interval keeps the scenario fast: the events come every 50 ms.
printf '[strata]\nprogress_interval = 50ms\n' >"$WORK/strata.ini"

case "$DIALECT" in
sqlite)
    db_sql "CREATE TABLE big (id INTEGER PRIMARY KEY, n int);
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
        WHERE x < 1000000) INSERT INTO big SELECT x, x % 1000 FROM c" ||
        fail "cannot fill big"
    # a rebuild: SQLite has no ALTER for it
    change="ALTER TABLE big ALTER COLUMN n SET NOT NULL"
    undo="ALTER TABLE big ALTER COLUMN n DROP NOT NULL" ;;
postgres)
    # unlogged: filled in a second or two; the build reads it all the same
    db_sql "CREATE UNLOGGED TABLE big (id int, n int);
        INSERT INTO big SELECT i, (i::bigint * 7919) % 1000003
        FROM generate_series(1, 2000000) i" || fail "cannot fill big"
    # an existing table: built CONCURRENTLY
    change="CREATE INDEX big_n ON big (n)"
    undo="DROP INDEX big_n" ;;
mysql)
    db_sql "CREATE TABLE big (id int PRIMARY KEY, n int);
        INSERT INTO big SELECT seq, (seq * 7919) % 1000003
        FROM seq_1_to_2000000" || fail "cannot fill big"
    # InnoDB's in-place build reports no figures; a copying one does
    change="ALTER TABLE big ADD INDEX big_n (n), ALGORITHM=COPY"
    undo="ALTER TABLE big DROP INDEX big_n" ;;
esac
write_migration 1.sql <<SQL
-- revision: r1
-- +up
$change;
-- +down
$undo;
SQL

# rising EVENTS: at least 3 progress events with figures, each of the
# statement on line 3, none going back within its phase, and some rising.
rising() {
    printf '%s\n' "$ERR" | python3 -c '
import json, sys
ev = [json.loads(l) for l in sys.stdin if l.startswith("{\"event\":\"progress\"")]
fig = [e for e in ev if e["total"]]
if len(fig) < 3:
    sys.exit("%d progress events with figures, want 3 or more" % len(fig))
rise = 0
for a, b in zip(fig, fig[1:]):
    assert b["line"] == 3 and b["revision"] == "r1", b
    assert b["elapsed_ms"] >= a["elapsed_ms"], (a, b)
    if a["phase"] == b["phase"] and a["unit"] == b["unit"]:
        if b["done"] < a["done"]:
            sys.exit("figures went back: %r then %r" % (a, b))
        rise += b["done"] > a["done"]
if not rise:
    sys.exit("no figure rose")
' || fail "progress events"
}

st --url "$URL" --json upgrade
expect_rc 0
rising
case "$DIALECT" in
sqlite) expect_err '"phase":"rebuilding the table: copying rows","unit":"rows"' ;;
postgres) expect_err '"phase":"building index: scanning table","unit":"blocks"' ;;
mysql) expect_err '"phase":"stage 1 of 2: copy to tmp table","unit":"%"' ;;
esac

if [ "$DIALECT" = sqlite ]; then
    # progress_interval = 0: nothing (the way down rebuilds too).
    printf '[strata]\nprogress_interval = 0\n' >"$WORK/strata.ini"
    st --url "$URL" downgrade base
    expect_rc 0
    expect_no_out "migrations/1.sql:5: "
    # Off a terminal, without --json: plain lines.
    printf '[strata]\nprogress_interval = 50ms\n' >"$WORK/strata.ini"
    st --url "$URL" upgrade
    expect_rc 0
    case "$ERR" in
    *"strata: migrations/1.sql:3: rebuilding the table: copying rows: "*" rows ("*"%); "*) ;;
    *) fail "no plain progress line with a percent" ;;
    esac
fi

[ "$DIALECT" = postgres ] || return 0

# --- a build blocked by another session ----------------------------------
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE INDEX big_id ON big (id);
-- +down
DROP INDEX big_id;
SQL
# The other session: a write left open for 5 s, its pid in a file.
psql -X -q -At -d "$URL" >/dev/null 2>&1 <<SQL &
BEGIN;
INSERT INTO big VALUES (0, 0);
\o $WORK/blocker.pid
SELECT pg_backend_pid();
\o
SELECT pg_sleep(5);
COMMIT;
SQL
blocker=$!
for _ in $(seq 1 100); do
    [ -s "$WORK/blocker.pid" ] && break
    sleep 0.05
done
pid=$(tr -d ' \n' <"$WORK/blocker.pid")
[ -n "$pid" ] || fail "the blocking session did not start"
# (plain lines this time)
st --url "$URL" upgrade
wait "$blocker"
expect_rc 0
expect_err "strata: migrations/2.sql:4: waiting for pid $pid, which holds "
