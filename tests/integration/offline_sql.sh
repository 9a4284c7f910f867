# offline_sql.sh - `upgrade --sql` and `downgrade --sql` (issue 6): for
# each example chain the script for this dialect, printed without any
# connection, runs cleanly through the dialect's own client on a fresh
# database, builds the schema `strata upgrade` builds, leaves a history
# strata reads as its own; the downgrade script returns to an empty schema.

# A database strata cannot reach: --sql must not try.  (Its password is
# masked in all output, the script included: a long one.)
case "$DIALECT" in
sqlite) nowhere="sqlite:///$WORK/no/such/dir/x.db" ;;
postgres) nowhere="postgres://nobody:$STRATA_TEST_PASSWORD@127.0.0.1:1/nothing" ;;
mysql) nowhere="mysql://nobody:$STRATA_TEST_PASSWORD@127.0.0.1:1/nothing" ;;
esac

tested=""
for ex in signals projects tracker scheduler; do
    [ -d "$ROOT/examples/$ex/migrations" ] || continue
    tested="$tested $ex"
    rm -rf "$WORK/migrations"
    cp -r "$ROOT/examples/$ex/migrations" "$WORK/"

    # What strata itself builds (tracker has two heads on purpose).
    new_db "$ex-run"
    empty=$(db_schema)
    st --url "$URL" upgrade heads
    expect_rc 0 "$ex: strata upgrade"
    want=$(db_schema)
    rows=$(db_sql "SELECT revision FROM strata_version ORDER BY revision")
    # (A script cannot resume, so it writes no progress rows.)
    history="SELECT revision, direction, outcome, checksum FROM strata_history
        WHERE outcome <> 'progress' ORDER BY revision"
    hist=$(db_sql "$history")

    # The script, from a URL nobody listens on: no connection at all.
    st --url "$nowhere" upgrade heads --sql
    expect_rc 0 "$ex: upgrade --sql"
    expect_out "COMMIT;"
    expect_out "CREATE TABLE IF NOT EXISTS"
    [ -e "$WORK/no" ] && fail "$ex: --sql created something"
    printf '%s\n' "$OUT" >"$WORK/up.sql"
    new_db "$ex-script"
    db_file "$WORK/up.sql" ||
        fail "$ex: the $DIALECT client refused the upgrade script"
    expect_eq "$(db_schema)" "$want" "$ex: schema built by the script"
    expect_eq "$(db_sql "SELECT revision FROM strata_version ORDER BY revision")" \
        "$rows" "$ex: version rows after the script"
    # One history row per revision, as strata's own run wrote them.
    [ "$(db_count strata_history)" -gt 0 ] || fail "$ex: the script wrote no history"
    expect_eq "$(db_sql "$history")" "$hist" "$ex: history rows of the script"
    # strata reads the history the script wrote as its own.
    st --url "$URL" upgrade heads
    expect_rc 0 "$ex: strata upgrade after the script"
    expect_out "nothing to do"

    # Back to base, from every head (the default --from of a downgrade).
    st --url "$nowhere" downgrade base --sql
    expect_rc 0 "$ex: downgrade --sql"
    printf '%s\n' "$OUT" >"$WORK/down.sql"
    db_file "$WORK/down.sql" ||
        fail "$ex: the $DIALECT client refused the downgrade script"
    expect_eq "$(db_schema)" "$empty" "$ex: schema after the downgrade script"
    expect_eq "$(db_count strata_version)" 0 "$ex: version rows at base"

    # strata itself takes a scripted database down: derived downgrades
    # (tracker's DROP INDEX) need the definitions the script captured.
    new_db "$ex-script-down"
    db_file "$WORK/up.sql" ||
        fail "$ex: the $DIALECT client refused the upgrade script"
    st --url "$URL" downgrade base
    expect_rc 0 "$ex: strata downgrade after the script"
    expect_eq "$(db_schema)" "$empty" "$ex: schema after strata's downgrade"
done
case "$tested" in
*signals*projects*) ;;
*) fail "examples missing: tested$tested" ;;
esac

# --from: a database that strata took to the second revision; the script
# does the rest.
rm -rf "$WORK/migrations"
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
new_db from-run
st --url "$URL" upgrade
want=$(db_schema)
new_db from-script
st --url "$URL" upgrade 002_signals_state
expect_rc 0
st --url "$nowhere" upgrade --sql --from 002_signals_state
expect_rc 0
expect_no_out "001_signals:"
printf '%s\n' "$OUT" >"$WORK/rest.sql"
db_file "$WORK/rest.sql" || fail "the $DIALECT client refused the --from script"
expect_eq "$(db_schema)" "$want" "schema after the --from script"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" \
    004_signals_state_index "version row after the --from script"
# A downgrade by strata uses what the script recorded (captured
# definitions) to derive its steps.
st --url "$URL" downgrade base
expect_rc 0 "strata downgrade after a script"
st --url "$URL" downgrade -1 --sql
expect_rc 0
expect_out "down 004_signals_state_index"
expect_no_out "down 003_signals_state_check"

# Every dialect renders from any URL; bad requests are refused (exit 2)
# before anything is printed.
for d in postgres mysql sqlite; do
    [ -f "$(dirname "$STRATA")/drivers/strata_$d.so" ] || continue
    st --url "$nowhere" upgrade --sql --dialect "$d"
    expect_rc 0 "--dialect $d"
done
st --url "$nowhere" upgrade --sql --dialect oracle
expect_rc 2
expect_err "unknown dialect 'oracle'"
[ -z "$OUT" ] || fail "output before the refusal"
st --url "$nowhere" upgrade --sql --from nosuchrev
expect_rc 2
expect_err "--from nosuchrev"
st --url "$nowhere" downgrade 004_signals_state_index --sql --from 002_signals_state
expect_rc 2
expect_err "not applied at --from 002_signals_state"
st --url "$nowhere" upgrade --dialect sqlite
expect_rc 2
expect_err "go with --sql"

# The configuration's session_sql follows the driver's settings, as on
# every connection strata opens.
printf '[strata]\nmigrations = migrations\nsession_sql = SELECT 1\n' \
    >"$WORK/strata.ini"
st --url "$nowhere" upgrade --sql
expect_rc 0
expect_out "-- session_sql (configuration)"
expect_out "SELECT 1;"
rm -f "$WORK/strata.ini"
