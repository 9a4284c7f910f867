# failure.sh - a migration failing halfway: the ones before it stay
# applied, its own statements are rolled back, the failure is in the
# history with the database's message, exit 1; a fixed file then applies.
new_db
write_migration 1_a.sql <<'SQL'
-- revision: 1_a
-- +up
CREATE TABLE a (id integer PRIMARY KEY);
-- +down
DROP TABLE a;
SQL
write_migration 2_b.sql <<'SQL'
-- revision: 2_b
-- revises: 1_a
-- +up
CREATE TABLE b (id integer PRIMARY KEY);
-- +down
DROP TABLE b;
SQL
write_migration 3_c.sql <<'SQL'
-- revision: 3_c
-- revises: 2_b
-- message: fails at its second statement
-- +up
CREATE TABLE c (id integer PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
CREATE TABLE c2 (id integer);
-- +down
DROP TABLE c;
SQL
write_migration 4_d.sql <<'SQL'
-- revision: 4_d
-- revises: 3_c
-- +up
CREATE TABLE d (id integer PRIMARY KEY);
-- +down
DROP TABLE d;
SQL

st --url "$URL" upgrade
expect_rc 1
expect_err "migrations/3_c.sql:6: "
expect_err "no_such_table"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 2_b \
    "version row after the failure"
expect_eq "$(db_count strata_history "outcome='applied'")" 2 "applied rows"
expect_eq "$(db_count strata_history "revision='3_c' AND outcome='failed'")" \
    1 "failure row"
expect_eq "$(db_has_table a)$(db_has_table b)" 11 "tables of 1_a and 2_b"
case "$DIALECT" in
mysql) # DDL commits on its own: c stays, recorded as progress.
    expect_eq "$(db_has_table c)" 1 "table c (committed by MySQL)"
    expect_eq "$(db_count strata_history "revision='3_c' AND outcome='progress'")" \
        1 "progress row of 3_c" ;;
*) expect_eq "$(db_has_table c)" 0 "table c (rolled back)" ;;
esac
detail=$(db_sql "SELECT detail FROM strata_history WHERE outcome='failed'")
case "$detail" in
*no_such_table*'"statement_index":1'*'"line":6'*) ;;
*) fail "failure detail: $detail" ;;
esac

st --url "$URL" history
expect_rc 0
expect_out "failed"
expect_out "3_c"
st --url "$URL" --json history
expect_rc 0
expect_out '"outcome":"failed"'

st --url "$URL" current
expect_out "2_b"

# Fix the file and run again: the rest applies.
sed -i 's/no_such_table/c/' "$WORK/migrations/3_c.sql"
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 4_d "after fix"
