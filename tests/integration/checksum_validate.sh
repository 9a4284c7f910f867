# checksum_validate.sh - every migrating verb validates checksums, as
# Flyway does (issue 15, defect 4): an applied file edited since it ran
# refuses upgrade, downgrade and plan with exit 3, naming the file,
# before anything runs; --ignore-checksums runs anyway, and `stamp
# --accept-checksum` records a deliberate edit.  Comments and
# whitespace are not edits; the offline --sql forms read no history.
# dialects: sqlite postgres mysql
new_db
write_first_migration
marker_migration r2 r1
st --url "$URL" upgrade
expect_rc 0
marker_migration r3 r2
# Reformatting and comments change nothing that runs.
sed -i 's/^CREATE TABLE a (id integer);$/-- a comment\nCREATE   TABLE\ta (id integer);  -- and another/' \
    migrations/1.sql
st --url "$URL" plan
expect_rc 0
# An edit of what runs.
sed -i 's/a (id integer);/a (id integer, note text);/' migrations/1.sql
history_before=$(db_count strata_history)
for verb in "upgrade" "plan" "downgrade -1" "upgrade r3"; do
    # shellcheck disable=SC2086
    st --url "$URL" $verb
    expect_rc 3 "$verb"
    expect_err "migrations/1.sql: revision 'r1' was applied with checksum"
    expect_err "strata stamp --accept-checksum r1"
    expect_err "--ignore-checksums"
done
expect_eq "$(marker_tables r2 r3)" "r2 " "tables after the refusals"
expect_eq "$(db_count strata_history)" "$history_before" "history rows after the refusals"
st --url "$URL" --json upgrade
expect_rc 3
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(d["ok"], d["exit_code"], "migrations/1.sql" in d["error"])')" \
    "False 3 True" "upgrade --json"
# The script forms read no history: they print as before.
st --url "$URL" upgrade --sql --from r2
expect_rc 0
# --ignore-checksums runs anyway.
st --url "$URL" plan --ignore-checksums
expect_rc 0
expect_out "up r3"
st --url "$URL" upgrade --ignore-checksums
expect_rc 0
expect_eq "$(marker_tables r2 r3)" "r2 r3 " "tables after upgrade --ignore-checksums"
st --url "$URL" downgrade -1
expect_rc 3
# Two edited files: both named.
sed -i 's/^CREATE TABLE t_r2 (id integer PRIMARY KEY);$/CREATE TABLE t_r2 (id integer PRIMARY KEY, x integer);/' \
    migrations/r2.sql
st --url "$URL" upgrade
expect_rc 3
expect_err "migrations/1.sql: revision 'r1'"
expect_err "migrations/r2.sql: revision 'r2'"
expect_err "2 applied migrations were edited"
# A deliberate edit, accepted: the verbs run again.
st --url "$URL" stamp --accept-checksum r1
expect_rc 0
st --url "$URL" stamp --accept-checksum r2
expect_rc 0
st --url "$URL" upgrade
expect_rc 0
expect_out "nothing to do"
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(marker_tables r2 r3)" "r2 " "tables after the downgrade"
st --url "$URL" check --offline
expect_rc 0
