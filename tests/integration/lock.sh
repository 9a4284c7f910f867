# lock.sh - the migration lock: while another process holds it, strata
# waits --lock-wait and then exits 4 without touching the database.
# dialects: sqlite
new_db
write_first_migration
db_sql "CREATE TABLE sentinel (x integer)"
before=$(db_dump)
command -v flock >/dev/null || fail "the flock command (util-linux) is missing"
# Hold the sidecar lock from another process until the check is done
# (released by killing the holder, not by a timer a slow run outlasts).
flock "$DBFILE.lock" sleep 60 &
holder=$!
sleep 0.3
start=$(date +%s%N)
st --url "$URL" --lock-wait 500ms upgrade
elapsed=$((($(date +%s%N) - start) / 1000000))
expect_rc 4
expect_err "migration lock not obtained within 500 ms"
[ "$elapsed" -ge 450 ] || fail "gave up after $elapsed ms, before --lock-wait"
expect_eq "$(db_dump)" "$before" "database while locked"
pkill -P "$holder" sleep
wait "$holder"
# Once released, the same command goes through.
st --url "$URL" --lock-wait 5s upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
