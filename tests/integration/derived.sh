# derived.sh - downgrades derived from +up: drops and defaults come back
# from what was captured just before them; DROP TABLE, DROP COLUMN and
# ALTER TYPE without +down are refused before anything runs (exit 3,
# file:line); the catalog is read once per table per migration however
# many operations touch it.
# dialects: sqlite postgres
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE t (id integer PRIMARY KEY, a text DEFAULT 'one', b integer);
CREATE INDEX t_b ON t (b DESC) WHERE b > 0;
ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b < 100);
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE t ALTER COLUMN a SET DEFAULT 'two';
DROP INDEX t_b;
ALTER TABLE t DROP CONSTRAINT t_b_check;
ALTER TABLE t RENAME COLUMN a TO alpha;
SQL
st --url "$URL" upgrade r1
expect_rc 0
at_r1=$(db_schema)
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_has_index t_b)" 0 "index dropped"
st --url "$URL" downgrade r1
expect_rc 0
expect_eq "$(db_schema)" "$at_r1" "schema after the derived downgrade"

write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
ALTER TABLE t ADD COLUMN c text;

ALTER TABLE t DROP COLUMN c;
SQL
# r4 is undone before r3, and could be: the refusal must come before it
# runs, not when the run reaches r3.
write_migration 4.sql <<'SQL'
-- revision: r4
-- revises: r3
-- +up
CREATE TABLE late (id integer PRIMARY KEY);
SQL
st --url "$URL" upgrade
expect_rc 0
before=$(db_dump)
st --url "$URL" downgrade r1
expect_rc 3
expect_err "migrations/3.sql:6: cannot downgrade 'r3': "
expect_eq "$(db_dump)" "$before" "database after the refused downgrade"
expect_eq "$(db_has_table late)" 1 "r4's table after the refused downgrade"

# Catalog round trips do not grow with the operations on one table.
new_db q
write_migration q/1.sql <<'SQL'
-- revision: q1
-- +up
CREATE TABLE q (id integer PRIMARY KEY, a text, b text, c text);
SQL
write_migration q/2.sql <<'SQL'
-- revision: q2
-- revises: q1
-- +up
ALTER TABLE q ALTER COLUMN a SET DEFAULT 'x';
SQL
write_migration q/3.sql <<'SQL'
-- revision: q3
-- revises: q2
-- +up
ALTER TABLE q ALTER COLUMN a SET DEFAULT 'y';
ALTER TABLE q ALTER COLUMN b SET DEFAULT 'y';
ALTER TABLE q ALTER COLUMN c SET DEFAULT 'y';
ALTER TABLE q ALTER COLUMN a SET NOT NULL;
ALTER TABLE q ADD CONSTRAINT q_b_check CHECK (b <> '');
ALTER TABLE q ADD COLUMN d integer;
ALTER TABLE q ALTER COLUMN d SET DEFAULT 0;
SQL
st --url "$URL" --migrations "$WORK/migrations/q" --json upgrade
expect_rc 0
counts=$(printf '%s' "$OUT" | python3 -c 'import json,sys
print(" ".join(str(m["catalog_queries"]) for m in json.load(sys.stdin)["migrations"]))')
expect_eq "$counts" "1 1 1" "catalog queries per migration (1, 1 and 7 operations)"
st --url "$URL" --migrations "$WORK/migrations/q" -v downgrade q1
expect_out "catalog queries: 1"
