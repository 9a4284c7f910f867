# plan_behind.sh - output that says what will happen (issue 15, defect
# 12): `plan REV` with the database above REV plans the downgrade to it;
# the headers of plan, upgrade and downgrade name the revision a target
# resolves to ("-1" is "b (-1)"); the migration lines of a run line up
# in columns; `history` tells a stamp up from a stamp down.
# dialects: sqlite
new_db
marker_migration a
marker_migration b_longer_id a
write_migration c.sql <<'SQL'
-- revision: c
-- revises: b_longer_id
-- message: the third
-- +up
-- +down
SQL
st --url "$URL" upgrade
expect_rc 0
expect_out "3 migrations from base to c (head)"
# The id, outcome and duration columns start at the same place on every
# migration line.
cols=$(printf '%s\n' "$OUT" | grep '^  up ' | awk '{
    id = index($0, $2); out = index($0, $3); ms = index($0, " ms")
    print id, out, ms }' | sort -u)
expect_eq "$(printf '%s\n' "$cols" | wc -l | tr -d ' ')" 1 "column starts of the upgrade lines ($cols)"
expect_out "  up    c            empty on sqlite"

st --url "$URL" plan a
expect_rc 0
expect_out "plan: downgrade to a on"
expect_out "down c"
expect_out "down b_longer_id"
expect_no_out "down a "
st --url "$URL" plan -1
expect_out "plan: downgrade to b_longer_id (-1) on"
st --url "$URL" plan a --json
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(d["direction"], [m["revision"] for m in d["migrations"]])')" \
    "downgrade ['c', 'b_longer_id']" "plan a --json"
st --url "$URL" downgrade -1
expect_rc 0
expect_out "1 migration from c to b_longer_id (-1)"
st --url "$URL" downgrade a
expect_out "1 migration from b_longer_id to a"
expect_eq "$(marker_tables a b_longer_id)" "a " "after the downgrades"

st --url "$URL" stamp c
expect_rc 0
st --url "$URL" stamp base
expect_rc 0
st --url "$URL" history
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | grep -c ' stamp up ')" 2 "stamp up rows"
expect_eq "$(printf '%s\n' "$OUT" | grep -c ' stamp down ')" 3 "stamp down rows"
expect_out "direction "
