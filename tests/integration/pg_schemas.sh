# pg_schemas.sh - two schemas of one database migrate independently with
# --schema: each has its own history tables and migration lock.
# dialects: postgres
new_db
db_sql "CREATE SCHEMA app_a; CREATE SCHEMA app_b;"
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
st --url "$URL" --schema app_a upgrade 002
expect_rc 0
st --url "$URL" --schema app_b upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM app_a.strata_version")" 002_signals_state "app_a"
expect_eq "$(db_sql "SELECT revision FROM app_b.strata_version")" 004_signals_state_index "app_b"
expect_eq "$(db_sql "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_signals_state_created_at' AND schemaname = 'app_b'")" \
    1 "index in app_b"
expect_eq "$(db_sql "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_signals_state_created_at' AND schemaname = 'app_a'")" \
    0 "no index in app_a"
expect_eq "$(db_sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'strata%'")" \
    0 "nothing in public"
st --url "$URL" --schema app_a downgrade base
expect_rc 0
expect_eq "$(db_sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'app_a' AND tablename = 'signals'")" \
    0 "app_a at base"
expect_eq "$(db_sql "SELECT count(*) FROM app_b.signals")" 0 "app_b untouched"
# A schema that does not exist is bad input unless asked to create it.
st --url "$URL" --schema app_c upgrade
expect_rc 2
expect_err "app_c"
st --url "$URL" --schema app_c --create-schema upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM app_c.strata_version")" 004_signals_state_index "app_c"
