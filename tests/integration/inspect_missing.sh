# inspect_missing.sh - `inspect` of a table that does not exist is an
# error on stderr, exit 2, naming every missing table; the tables that
# exist are still printed (issue 15, defect 11).
# dialects: sqlite postgres mysql firebird
new_db
write_first_migration
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" inspect nosuch
expect_rc 2
expect_err "no such table"
expect_err "'nosuch'"
expect_eq "$OUT" "" "stdout of inspect nosuch"
st --url "$URL" inspect a nosuch other
expect_rc 2
expect_err "no such tables"
expect_err "'nosuch', 'other'"
expect_out "table a"
st --url "$URL" --json inspect a nosuch
expect_rc 2
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(d["ok"], d["exit_code"], [t["name"] for t in d["tables"] if t["exists"]])')" \
    "False 2 ['a']" "the --json document"
st --url "$URL" inspect a
expect_rc 0
expect_out "table a"
