# if_not_exists.sh - IF [NOT] EXISTS keeps the engine's meaning: the name
# decides (docs/design.md §3.3).  An object of that name that differs is
# skipped with a warning, "skipped (exists, differs: ...)" in the text and
# the --json report, never drift; without IF NOT EXISTS it stays drift.
# dialects: sqlite postgres mysql firebird
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE t (id integer PRIMARY KEY, a integer, b integer);
CREATE INDEX n ON t (a);
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE t ADD COLUMN c integer;
-- +down
CREATE INDEX IF NOT EXISTS n ON t (a, b);
ALTER TABLE t ADD COLUMN IF NOT EXISTS a varchar(20);
ALTER TABLE t DROP COLUMN c;
SQL
st --url "$URL" upgrade r1
expect_rc 0
before=$(db_schema)
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" --json downgrade r1
expect_rc 0 "IF NOT EXISTS on an index and a column that differ"
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
for o in d["migrations"][0]["operations"]:
    print(o["outcome"].split(":")[0])')" \
    "skipped (exists, differs
skipped (exists, differs
applied" "outcomes"
expect_out "migration has (a, b), database has (a)"
expect_err "migrations/2.sql:6: "
expect_eq "$(db_schema)" "$before" "only the column went"
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" downgrade r1
expect_rc 0
expect_out "skipped (exists, differs: "
expect_err "migrations/2.sql:7: add column: skipped (exists, differs: "

# Without IF NOT EXISTS, the same index is drift (exit 3).
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
CREATE INDEX n ON t (a, b);
SQL
st --url "$URL" upgrade
expect_rc 3 "drift without IF NOT EXISTS"
expect_err "migrations/3.sql:4: index n on t differs"
