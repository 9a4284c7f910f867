# status.sh - `strata status`: every revision in order with its state
# (pending, applied, checksum-changed, missing-file), the current
# revisions, the heads, the URL and where it came from; --json;
# --exit-code exits 3 while anything is pending, edited or gone; it only
# reads (a missing database stays missing, no history tables appear).
new_db
write_first_migration
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- message: second
-- +up
CREATE TABLE b (id integer);
-- +down
DROP TABLE b;
SQL

# json EXPR: a Python expression over the document in $OUT (d).
json() {
    printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" ||
        fail "stdout is not the JSON expected"
}

# --- nothing applied: everything pending, nothing created ----------------
st --url "$URL" status
expect_rc 0
expect_out "database  $(printf '%s' "$URL" | sed 's/:[^:@/]*@/:***@/') (from --url)"
expect_out "current   base"
expect_out "heads     r2"
expect_out "pending  r1"
expect_out "pending  r2  second"
expect_out "0 applied, 2 pending"
case "$DIALECT" in
sqlite) [ ! -e "$DBFILE" ] || fail "status created $DBFILE" ;;
*) expect_eq "$(db_has_table strata_history)" 0 "history table after status" ;;
esac
st --url "$URL" status --exit-code
expect_rc 3 "pending with --exit-code"
expect_err "2 pending"
st --url "$URL" --json status
expect_rc 0
expect_eq "$(json '[(r["revision"], r["state"]) for r in d["revisions"]], d["pending"], d["url_source"], d["current"]')" \
    "[('r1', 'pending'), ('r2', 'pending')] 2 --url []"

# --- where the URL came from ---------------------------------------------
DATABASE_URL=$URL st status
expect_rc 0
expect_out "(from DATABASE_URL)"

# --- part applied, then all ------------------------------------------------
st --url "$URL" upgrade r1
expect_rc 0
st --url "$URL" status --exit-code
expect_rc 3
expect_out "current   r1"
expect_out "applied  r1"
expect_out "pending  r2"
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" status --exit-code
expect_rc 0
expect_out "2 applied, 0 pending: up to date"
st --url "$URL" --json status --exit-code
expect_rc 0
expect_eq "$(json 'd["ok"], d["applied"], d["current"], d["heads"]')" \
    "True 2 ['r2'] ['r2']"

# --- an applied file edited: checksum-changed ----------------------------
printf 'SELECT 1;\n' >>"$WORK/migrations/2.sql"
st --url "$URL" status
expect_rc 0 "status alone reports, it does not fail"
expect_out "checksum-changed  r2  second"
st --url "$URL" --json status --exit-code
expect_rc 3
expect_eq "$(json 'd["ok"], d["checksum_changed"], d["revisions"][1]["recorded"] != d["revisions"][1]["checksum"]')" \
    "False 1 True"

# --- an applied file gone: missing-file ----------------------------------
rm "$WORK/migrations/2.sql"
st --url "$URL" status --exit-code
expect_rc 3
expect_out "applied       r1"
expect_out "missing-file  r2"
st --url "$URL" --json status
expect_rc 0
expect_eq "$(json '[(r["revision"], r["state"], r["file"]) for r in d["revisions"]]')" \
    "[('r1', 'applied', 'migrations/1.sql'), ('r2', 'missing-file', None)]"
