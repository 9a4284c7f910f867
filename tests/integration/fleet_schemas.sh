# fleet_schemas.sh - 'strata fleet --schemas' takes every schema of one
# PostgreSQL database whose name is LIKE the pattern, each with its own
# history and lock; SCHEMA@URL lines name schemas in a list (issue 19).
# dialects: postgres
new_db
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
db_sql "CREATE SCHEMA tenant_1; CREATE SCHEMA tenant_2; CREATE SCHEMA tenant_3;
        CREATE SCHEMA tenant_4; CREATE SCHEMA other;"
# revision: the schema's current revision, '-' without strata's tables.
revision() {
    if [ "$(db_sql "SELECT count(*) FROM pg_tables WHERE schemaname = '$1' AND tablename = 'strata_version'")" = 1 ]; then
        db_sql "SELECT coalesce(max(revision), '-') FROM $1.strata_version"
    else
        printf -- '-\n'
    fi
}
st --url "$URL" fleet upgrade 002 --schemas 'tenant_%' -j 3
expect_rc 0
expect_out "4 done, 0 failed, 0 not run"
expect_out "tenant_1@$URL"
for s in tenant_1 tenant_2 tenant_3 tenant_4; do
    expect_eq "$(revision $s)" 002_signals_state "$s"
    expect_eq "$(db_sql "SELECT count(*) FROM pg_tables WHERE schemaname = '$s' AND tablename = 'signals'")" 1 "$s's table"
done
expect_eq "$(revision other)" - "other untouched"
expect_eq "$(revision public)" - "public untouched"
# The summary's from and to, per schema.
st --json --url "$URL" fleet upgrade --schemas 'tenant_%' -j 2
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join(t["target"].split("@")[0] + ":" + ",".join(t["from"]) + ">" + ",".join(t["to"]) for t in d["targets"]))')" \
    "tenant_1:002_signals_state>004_signals_state_index tenant_2:002_signals_state>004_signals_state_index tenant_3:002_signals_state>004_signals_state_index tenant_4:002_signals_state>004_signals_state_index" \
    "from and to"
# A pattern that matches nothing, and a database that is not PostgreSQL.
st --url "$URL" fleet status --schemas 'nosuch_%'
expect_rc 2
expect_err "no schema"
st --url "sqlite:///$WORK/x.db" fleet status --schemas 'tenant_%'
expect_rc 2
expect_err "PostgreSQL"
# SCHEMA@URL lines: a schema each.
printf 'tenant_1@%s\nother@%s\n' "$URL" "$URL" >targets.txt
st fleet downgrade base --targets targets.txt --continue-on-error
expect_rc 0
expect_eq "$(revision tenant_1) $(revision tenant_2)" "- 004_signals_state_index" \
    "tenant_1 down, tenant_2 not"

# SIGINT to the fleet: passed on to the running targets, which stop as
# 'strata upgrade' does (the statement cancelled, the migration rolled
# back); no new target starts; the exit is 130.
mkdir -p "$WORK/slow"
cat >"$WORK/slow/1.sql" <<'SQL'
-- revision: s1
-- +up
CREATE TABLE slow_a (id integer);
SELECT pg_sleep(30);
-- +down
DROP TABLE slow_a;
SQL
db_sql "CREATE SCHEMA slow_1; CREATE SCHEMA slow_2; CREATE SCHEMA slow_3;"
# Background jobs of a script ignore SIGINT unless job control is on.
set -m
$STRATA_WRAP "$STRATA" --url "$URL" --migrations "$WORK/slow" fleet upgrade \
    --schemas 'slow_%' -j 2 --logs slowlogs >"$WORK/slow.out" 2>"$WORK/slow.err" &
pid=$!
n=0
until [ "$(db_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")" = 2 ]; do
    n=$((n + 1))
    [ "$n" -lt 300 ] || fail "the two slow targets never started"
    sleep 0.1
done
# While it forks, the parent runs one thread: a child inherits no lock a
# second one held (with a signal watcher thread, 8 of 12 ASan runs of
# fleet.sh hung in a child).
if [ -z "$STRATA_WRAP" ]; then
    expect_eq "$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")" 1 \
        "the fleet's parent's threads while its workers run"
fi
kill -INT "$pid"
wait "$pid"
RC=$? OUT=$(cat "$WORK/slow.out") ERR=$(cat "$WORK/slow.err")
expect_rc 130
expect_out "0 done, 2 failed, 1 not run"
expect_out "interrupted by SIGINT"
expect_eq "$(db_sql "SELECT count(*) FROM pg_tables WHERE tablename = 'slow_a'")" 0 \
    "every slow migration rolled back"
expect_eq "$(db_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")" 0 \
    "no statement left running"
