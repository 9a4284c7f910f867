# rerun.sh - a crash after the DDL but before the version row (simulated
# by deleting strata_version) must not break the next run: every
# operation reports skipped, exit 0, the schema is unchanged.
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
new_db
st --url "$URL" upgrade
expect_rc 0
before=$(db_schema)
db_sql "DELETE FROM strata_version"
st --url "$URL" --json upgrade head
expect_rc 0
outcomes=$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join(sorted({o["outcome"] for m in d["migrations"] for o in m["operations"]})))')
expect_eq "$outcomes" "skipped (exists)" "outcomes of the re-run"
expect_eq "$(db_schema)" "$before" "schema after the re-run"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" \
    004_signals_state_index "version row restored"
