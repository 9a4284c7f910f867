# stamp.sh - stamp moves the version table without running anything and
# logs each revision it marks; upgrade then continues from there.
new_db
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
db_sql "CREATE TABLE signals (id integer PRIMARY KEY, symbol varchar(32) NOT NULL, score real, created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)"
st --url "$URL" stamp 001_signals
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 001_signals "stamped"
expect_eq "$(db_count strata_history "direction='stamp' AND outcome='stamped'")" 1 \
    "stamp rows"
st --url "$URL" upgrade
expect_rc 0
expect_out "3 migrations from 001_signals to 004_signals_state_index (head)"
st --url "$URL" stamp 002
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 002_signals_state \
    "stamped back"
expect_eq "$(db_count strata_history "direction='stamp'")" 3 "stamp rows"
# The schema did not move: the index of 004 is still there.
expect_eq "$(db_has_index idx_signals_state_created_at)" 1 "index"
st --url "$URL" stamp base
expect_rc 0
expect_eq "$(db_count strata_version)" 0 "version rows at base"
st --url "$URL" stamp nosuch
expect_rc 2
