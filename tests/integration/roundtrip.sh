# roundtrip.sh - both examples go up and `downgrade base` (derived from
# their portable statements: they have no +down) returns the schema to
# exactly the starting one; up again works.
for ex in signals projects; do
    SCENARIO="roundtrip/$ex"
    rm -rf "$WORK/migrations"
    cp -r "$ROOT/examples/$ex/migrations" "$WORK/"
    new_db "$ex"
    db_sql "CREATE TABLE sentinel (x integer)"
    start=$(db_schema)
    st --url "$URL" upgrade
    expect_rc 0
    [ "$(db_schema)" != "$start" ] || fail "upgrade changed nothing"
    st --url "$URL" downgrade base
    expect_rc 0
    expect_eq "$(db_schema)" "$start" "schema after downgrade base"
    st --url "$URL" upgrade
    expect_rc 0
done
# projects' foreign keys hold after the round trip (SQLite enforces them
# per connection, when asked).
fk=""
[ "$DIALECT" = sqlite ] && fk="PRAGMA foreign_keys = ON;"
db_sql "$fk INSERT INTO projects (slug, name, etag) VALUES ('p', 'P', 'e1');
    INSERT INTO project_payloads (project_id, sha256, body) VALUES (1, 'ab', '{}');"
if db_sql "$fk INSERT INTO project_events (project_id, kind) VALUES (99, 'x')" 2>/dev/null; then
    fail "an event for a missing project was accepted"
fi
