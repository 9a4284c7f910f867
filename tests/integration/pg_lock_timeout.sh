# pg_lock_timeout.sh - an ALTER TABLE queued behind a long transaction
# gives up after lock_timeout instead of queueing (and blocking everyone
# behind it), retries with back-off, and succeeds once the blocker
# commits.
# dialects: postgres
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE jobs (id serial PRIMARY KEY, state varchar(20));
SQL
st --url "$URL" upgrade
expect_rc 0
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE jobs ADD COLUMN priority integer NOT NULL DEFAULT 0;
SQL
# A transaction holding a lock on jobs for 2.5 seconds.
psql -X -q -d "$URL" -c "BEGIN; LOCK TABLE jobs IN ACCESS SHARE MODE; SELECT pg_sleep(2.5); COMMIT;" >/dev/null &
blocker=$!
sleep 0.5
start=$(date +%s%N)
st --url "$URL" --lock-timeout 300ms upgrade
elapsed=$((($(date +%s%N) - start) / 1000000))
wait "$blocker"
expect_rc 0
expect_err "retrying (1 of 5)"
[ "$elapsed" -ge 1500 ] || fail "done after $elapsed ms: the blocker was not waited out"
expect_eq "$(db_sql "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'priority'")" \
    1 "the column"
expect_eq "$(db_count strata_history "outcome = 'failed'")" 0 "failure rows (a retry is not a failure)"

# With no retries left the migration fails, exit 1, history true.
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
ALTER TABLE jobs ADD COLUMN owner varchar(40);
SQL
printf '[strata]\nlock_retries = 1\n' >"$WORK/retries.ini"
psql -X -q -d "$URL" -c "BEGIN; LOCK TABLE jobs IN ACCESS SHARE MODE; SELECT pg_sleep(3); COMMIT;" >/dev/null &
blocker=$!
sleep 0.5
st -c "$WORK/retries.ini" --migrations "$WORK/migrations" --url "$URL" \
    --lock-timeout 200ms upgrade
wait "$blocker"
expect_rc 1
expect_err "lock timeout"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
