# signals.sh - examples/signals goes up, down to base and up again; a
# second upgrade is a no-op; history and version rows stay true.
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
new_db
start=$(db_schema)

st --url "$URL" upgrade
expect_rc 0
expect_out "4 migrations from base to 004_signals_state_index (head)"
expect_out "004_signals_state_index"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" \
    004_signals_state_index "version row after upgrade"
expect_eq "$(db_count strata_history "direction='up' AND outcome='applied'")" \
    4 "applied rows"
# The migrations did their work: the column, its default and the index.
db_sql "INSERT INTO signals (symbol) VALUES ('BTC')" >/dev/null ||
    fail "insert into signals failed"
expect_eq "$(db_sql "SELECT state FROM signals")" candidate "default state"
expect_eq "$(db_has_index idx_signals_state_created_at)" 1 "index"
if db_sql "UPDATE signals SET state = 'bogus'" 2>/dev/null; then
    fail "the state CHECK let 'bogus' through"
fi
before=$(db_dump)

st --url "$URL" upgrade head
expect_rc 0
expect_out "nothing to do"
expect_eq "$(db_dump)" "$before" "dump after a no-op upgrade"

st --url "$URL" current
expect_rc 0
expect_out "004_signals_state_index (head)"

st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" \
    003_signals_state_check "version row after downgrade -1"

st --url "$URL" downgrade 004_signals_state_index
expect_rc 2
expect_err "downgrade target '004_signals_state_index' is not applied"

st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(db_count strata_version)" 0 "version rows at base"
expect_eq "$(db_schema)" "$start" "schema at base"

st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" \
    004_signals_state_index "version row after the second upgrade"
# Every run is in the log: 4 up, 1+3 down, 4 up.
expect_eq "$(db_count strata_history "direction='up' AND outcome='applied'")" 8 "up rows"
expect_eq "$(db_count strata_history "direction='down' AND outcome='applied'")" 4 "down rows"
expect_eq "$(db_count strata_history "checksum NOT LIKE 'v1:%'")" 0 \
    "rows without a v1 checksum"
