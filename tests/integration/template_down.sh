# template_down.sh - the files `init` and `revision` write have no
# "+down" section, so a migration whose +up was filled in and whose
# +down was not is derived on downgrade (or refused as irreversible),
# never reverted as an empty no-op that leaves its tables behind
# (issue 15, defect 1).  An explicit empty "+down" stays a deliberate
# no-op (empty_down.sh).
# dialects: sqlite postgres mysql firebird
new_db
st init .
expect_rc 0
grep -q '^-- +down' migrations/0001_initial.sql &&
    fail "init's first migration has a +down section"
st revision -m "add orders"
expect_rc 0
F=$OUT
grep -q '^-- +down' "$F" && fail "the revision template has a +down section"
grep -q "add a line '-- +down'" "$F" || fail "the template does not say how to add a +down"
# The user fills in +up only.
sed -i '/^-- +up$/a CREATE TABLE orders (id integer PRIMARY KEY);' "$F"
st --url "$URL" upgrade
expect_rc 0
expect_out "0002_add_orders"
expect_eq "$(db_has_table orders)" 1 "orders after upgrade"
st --url "$URL" downgrade -1
expect_rc 0
expect_no_out "empty on"
expect_eq "$(db_has_table orders)" 0 "orders after downgrade (derived)"
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_has_table orders)" 1 "orders after the second upgrade"

# Raw SQL in an unfilled template's +up: no downgrade to derive, so it
# is refused before anything runs.
st revision -m "raw"
expect_rc 0
F=$OUT
sed -i '/^-- +up$/a INSERT INTO orders (id) VALUES (1);' "$F"
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" downgrade -1
expect_rc 3
expect_err "0003_raw"
expect_eq "$(db_count orders)" 1 "the row after a refused downgrade"
