# irreversible.sh - downgrading through a migration whose +up runs raw SQL
# (or a portable operation that loses data) and which has no +down is
# refused before anything runs: exit 3 naming file:line, the database
# untouched.
new_db
write_first_migration
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- message: no way back

-- +up
CREATE VIEW b AS SELECT 1 AS one;
SQL
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
CREATE TABLE c (id integer);
-- +down
DROP TABLE c;
SQL
st --url "$URL" upgrade
expect_rc 0
before=$(db_dump)
st --url "$URL" downgrade base
expect_rc 3
expect_err "migrations/2.sql:6: cannot downgrade 'r2': raw SQL and no '-- +down' section for $DIALECT"
expect_eq "$(db_dump)" "$before" "dump after the refused downgrade"
# r3 alone can go: its down does not cross r2.
st --url "$URL" downgrade r2
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
