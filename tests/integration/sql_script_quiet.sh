# sql_script_quiet.sh - a `--sql` script for SQLite runs through its
# client, `sqlite3 -bail`, without printing anything: it sets no
# busy_timeout, whose PRAGMA answers with a row the shell prints ("5000")
# (issue 15, defect 10; docs/dialects.md §7).  The script still enforces
# foreign keys.
# dialects: sqlite
new_db
write_first_migration
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a (id));
SQL
st --url "$URL" upgrade --sql
expect_rc 0
printf '%s\n' "$OUT" >up.sql
grep -q 'PRAGMA foreign_keys = ON' up.sql || fail "the script does not enforce foreign keys"
grep -q 'busy_timeout' up.sql && fail "the script sets busy_timeout"
out=$(sqlite3 -bail "$DBFILE" <up.sql 2>&1) || fail "sqlite3 failed: $out"
expect_eq "$out" "" "what sqlite3 -bail printed running the upgrade script"
expect_eq "$(db_has_table b)" 1 "b after the script"
st --url "$URL" downgrade base --sql --from head
expect_rc 0
printf '%s\n' "$OUT" >down.sql
out=$(sqlite3 -bail "$DBFILE" <down.sql 2>&1) || fail "sqlite3 failed: $out"
expect_eq "$out" "" "what sqlite3 -bail printed running the downgrade script"
expect_eq "$(db_has_table a)" 0 "a after the downgrade script"
