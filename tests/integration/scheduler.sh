# scheduler.sh - examples/scheduler: the per-dialect trigger refuses to
# move or resize an immovable event and allows a title change; the chain
# goes down to base and up again; on PostgreSQL the trigger's migration
# tolerates a missing proposal_moves table with a warning.
cp -r "$ROOT/examples/scheduler/migrations" "$WORK/"
new_db
start=$(db_schema)
st --url "$URL" upgrade
expect_rc 0
db_sql "INSERT INTO rebalancing_proposals (status) VALUES ('proposed');
    INSERT INTO proposal_moves (proposal_id, event_id, kind, title, starts_at,
        ends_at, immovable, metadata)
    VALUES (1, 'e1', 'move', 'Standup', '2026-01-05 09:00:00',
        '2026-01-05 09:15:00', true, '{\"assignment_id\": \"a7\"}');" ||
    fail "inserting an event failed"
db_sql "UPDATE proposal_moves SET title = 'Daily standup' WHERE event_id = 'e1'" ||
    fail "a title change of an immovable event was refused"
if err=$(db_sql "UPDATE proposal_moves SET starts_at = '2026-01-05 10:00:00' WHERE event_id = 'e1'" 2>&1); then
    fail "an immovable event was moved"
fi
case "$err" in *immovable*) ;; *) fail "unexpected refusal: $err" ;; esac
if db_sql "UPDATE proposal_moves SET ends_at = '2026-01-05 09:45:00' WHERE event_id = 'e1'" 2>/dev/null; then
    fail "an immovable event was resized"
fi
db_sql "UPDATE proposal_moves SET immovable = false WHERE event_id = 'e1';
    UPDATE proposal_moves SET starts_at = '2026-01-05 10:00:00' WHERE event_id = 'e1'" ||
    fail "a movable event could not move"
expect_eq "$(db_has_index idx_proposal_moves_assignment)" 1 "assignment index"
[ "$DIALECT" = postgres ] &&
    expect_eq "$(db_has_index idx_proposal_moves_metadata)" 1 "GIN index"
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(db_schema)" "$start" "schema after downgrade base"
st --url "$URL" upgrade
expect_rc 0

if [ "$DIALECT" = postgres ]; then
    # The trigger's DO block, alone, on a database without the table.
    new_db missing
    mkdir -p "$WORK/only_do"
    { printf -- '-- revision: d1\n-- +up postgres\n'
      sed -n '/^DO \$\$/,/^\$\$;/p' "$ROOT/examples/scheduler/migrations/002_move_metadata.sql"
      printf -- '-- +down postgres\n'; } >"$WORK/only_do/1.sql"
    st --url "$URL" --migrations "$WORK/only_do" upgrade
    expect_rc 0
    expect_err "proposal_moves does not exist: trigger not created"
fi
