# plan.sh - `strata plan` (issue 6): per operation what upgrade or
# downgrade would do, read from the live catalog, with nothing written:
# on a fresh database every operation applies and no table appears; after
# a partial upgrade only the rest is listed; at the target there is
# nothing to do; a drifted object is reported with exit 3; -1 and base
# plan downgrades; --json is one document.
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
new_db

# --- a fresh database: everything applies, nothing is created ----------
# (sqlite3 would create the file just by looking: servers only.)
[ "$DIALECT" = sqlite ] || before=$(db_schema)
st --url "$URL" plan
expect_rc 0
expect_out "plan: upgrade to 004_signals_state_index (head)"
expect_out "4 migrations"
expect_out "do not exist yet: upgrade creates them first"
expect_out "up 001_signals"
expect_out "line 5: create table: apply"
expect_out "line 6: add column: apply"
expect_out "line 12: add constraint: apply"
expect_out "line 6: create index: apply"
case "$DIALECT" in
sqlite)
    expect_out "one transaction for the run, a savepoint per migration"
    expect_out "[transaction, foreign keys off] CREATE TABLE \"strata_new_signals\""
    expect_out "lock: rebuild (writes blocked)"
    expect_out "note: table rebuilt"
    # A missing SQLite file stays missing; no lock file either.
    [ -e "$DBFILE" ] && fail "plan created $DBFILE"
    [ -e "$DBFILE.lock" ] && fail "plan took the migration lock" ;;
postgres)
    expect_out "lock: ACCESS EXCLUSIVE (brief)"
    expect_out "[autocommit] ALTER TABLE \"signals\" VALIDATE CONSTRAINT"
    expect_out "lock: SHARE UPDATE EXCLUSIVE (writes continue)"
    expect_out "[autocommit] CREATE INDEX CONCURRENTLY" ;;
mysql)
    expect_out "[autocommit] ALTER TABLE \`signals\` ADD INDEX"
    expect_out "lock: none (ALGORITHM=INPLACE, LOCK=NONE"
    expect_out "lock: shared: writes blocked while the table is copied" ;;
esac
if [ "$DIALECT" != sqlite ]; then
    expect_eq "$(db_has_table strata_history)" 0 "history table after plan"
    expect_eq "$(db_has_table strata_version)" 0 "version table after plan"
    expect_eq "$(db_has_table signals)" 0 "signals after plan"
    expect_eq "$(db_schema)" "$before" "schema after plan"
fi

# --json: one document with the same facts.
st --url "$URL" plan --json
expect_rc 0
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["command"] == "plan" and d["ok"] is True, d
assert d["direction"] == "upgrade" and d["history_tables"] is False, d
assert [m["revision"] for m in d["migrations"]] == [
    "001_signals", "002_signals_state", "003_signals_state_check",
    "004_signals_state_index"], d
ops = [o for m in d["migrations"] for g in m["groups"] for o in g["operations"]]
assert all(o["outcome"] == "apply" for o in ops), ops
stmts = [s for m in d["migrations"] for g in m["groups"] for s in g["statements"]]
assert all(s["mode"] for s in stmts) and any(s["lock"] for s in stmts), stmts
' || fail "plan --json document"

# --- after a partial upgrade: only the rest ------------------------------
st --url "$URL" upgrade 002_signals_state
expect_rc 0
dump=$(db_dump)
st --url "$URL" plan
expect_rc 0
expect_out "2 migrations"
expect_out "up 003_signals_state_check"
expect_out "up 004_signals_state_index"
expect_no_out "up 001_signals"
expect_no_out "up 002_signals_state"
expect_no_out "do not exist yet"
expect_eq "$(db_dump)" "$dump" "database after plan"

# An operation whose end state holds is a skip: the index built by hand
# (as it would be) is reported so, and the plan still says it.
db_sql "CREATE INDEX idx_signals_state_created_at ON signals (state, created_at DESC)" >/dev/null ||
    fail "creating the index by hand"
st --url "$URL" plan
expect_rc 0
expect_out "line 6: create index: skip (exists)"
db_sql "DROP INDEX idx_signals_state_created_at$([ "$DIALECT" = mysql ] && echo ' ON signals')" >/dev/null ||
    fail "dropping the index"

# --- drift: an index of that name on other columns -----------------------
db_sql "CREATE INDEX idx_signals_state_created_at ON signals (symbol)" >/dev/null ||
    fail "creating the drifted index"
dump=$(db_dump)
st --url "$URL" plan
expect_rc 3
expect_out "line 6: create index: drift: index idx_signals_state_created_at on signals differs"
expect_err "1 operation drifted: upgrade would refuse it"
expect_eq "$(db_dump)" "$dump" "database after a drifted plan"
st --url "$URL" plan --json
expect_rc 3
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["ok"] is False and d["exit_code"] == 3 and d["drift"] == 1, d
' || fail "plan --json with drift"
st --url "$URL" --adopt plan
expect_rc 0
expect_out "line 6: create index: adopt (drift)"
db_sql "DROP INDEX idx_signals_state_created_at$([ "$DIALECT" = mysql ] && echo ' ON signals')" >/dev/null ||
    fail "dropping the drifted index"

# --- at the target: nothing to do ----------------------------------------
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" plan
expect_rc 0
expect_out "plan: nothing to do"
expect_out "is at 004_signals_state_index"
# A revision below the database's plans the downgrade to it (issue 15,
# defect 12; plan_behind.sh).
st --url "$URL" plan 003_signals_state_check
expect_rc 0
expect_out "plan: downgrade to 003_signals_state_check on"
expect_out "down 004_signals_state_index"

# --- downgrades: -1 and base ---------------------------------------------
dump=$(db_dump)
st --url "$URL" plan -1
expect_rc 0
expect_out "plan: downgrade to 003_signals_state_check (-1)"
expect_out "1 migration"
expect_out "down 004_signals_state_index"
expect_out "line 6: drop index: apply"
expect_no_out "down 003_signals_state_check"
st --url "$URL" plan base
expect_rc 0
expect_out "4 migrations"
expect_out "down 001_signals"
expect_out "line 5: drop table: apply"
expect_eq "$(db_dump)" "$dump" "database after downgrade plans"
# What plan said is what downgrade does.
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(db_has_index idx_signals_state_created_at)" 0 "index after downgrade -1"

# --- bad input: exit 2, nothing connected ------------------------------
st --url "$URL" plan nosuchrev
expect_rc 2
st --url "$URL" plan --sql
expect_rc 2
expect_err "option --sql does not apply"
