# trust_session_sql.sh - the ini's session_sql on verbs that only read:
# only the statements the driver calls session settings run there, the
# rest is skipped with a note on stderr; a writing verb runs it all.
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer);
-- +down
DROP TABLE a;
SQL
case "$DIALECT" in
postgres)
    SETTING="SET application_name = 'strata-probe'"
    # A setting that fails when it runs: proof that settings do run.
    FAILING="SET statement_timeout = 'no-such-duration'" ;;
mysql)
    SETTING="SET SESSION sql_safe_updates = 0"
    FAILING="SET SESSION no_such_variable = 1" ;;
sqlite)
    SETTING="PRAGMA cache_size = 100"
    FAILING="" ;;
esac
printf '[strata]\nmigrations = migrations\n' >"$WORK/clean.ini"
st -c "$WORK/clean.ini" --url "$URL" upgrade
expect_rc 0
ini() { # quoted: iniparser reads a bare ';' as the start of a comment
    printf '[strata]\nmigrations = migrations\nsession_sql = "%s"\n' "$1" \
        >"$WORK/strata.ini"
}

ini "CREATE TABLE pwned (x int)"
for verb in plan current status check history "inspect a" graph; do
    # shellcheck disable=SC2086
    st --url "$URL" $verb
    expect_rc 0 "$verb"
    expect_err "session_sql: skipped on a read-only command"
    expect_err "CREATE TABLE pwned (x int)"
    expect_eq "$(db_has_table pwned)" 0 "table created by session_sql on '$verb'"
done
# A setting runs; the statement after it does not.
ini "$SETTING; CREATE TABLE pwned2 (x int)"
st --url "$URL" plan
expect_rc 0
expect_err "CREATE TABLE pwned2 (x int)"
expect_eq "$(db_has_table pwned2)" 0 "table created after a setting"
case "$ERR" in *"$SETTING"*) fail "the setting was skipped" ;; esac
if [ -n "$FAILING" ]; then
    ini "$FAILING"
    st --url "$URL" current
    expect_rc 1 "a session setting runs on a read-only verb"
fi
# Writing verbs run all of session_sql: the check above can see a table.
ini "CREATE TABLE pwned (x int)"
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(db_has_table pwned)" 1 "table created by session_sql on downgrade"
