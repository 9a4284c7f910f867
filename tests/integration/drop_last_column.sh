# drop_last_column.sh - SQLite cannot hold a table without columns:
# dropping a table's only column is refused before it runs, with a
# message that says to drop the table, both where ALTER TABLE DROP
# COLUMN would run and where a table rebuild would (a CHECK on the
# column), never a syntax error blamed on the user's line (issue 15,
# defect 3).
# dialects: sqlite
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE b (x integer);
CREATE TABLE c (x integer PRIMARY KEY, CHECK (x > 0));
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE b DROP COLUMN x;
SQL
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
ALTER TABLE c DROP COLUMN x;
SQL
st --url "$URL" upgrade r1
expect_rc 0
for target in r2 r3; do
    [ "$target" = r3 ] && st --url "$URL" stamp r2
    st --url "$URL" plan "$target"
    expect_rc 2
    expect_err "it is the last column of table"
    st --url "$URL" upgrade "$target"
    expect_rc 2
    expect_err "migrations/$([ "$target" = r2 ] && echo 2 || echo 3).sql:4:"
    expect_err "SQLite cannot hold a table without columns; drop the table instead"
    expect_no_out "syntax error"
    case "$ERR" in *"syntax error"*) fail "a syntax error reported" ;; esac
done
expect_eq "$(db_sql "SELECT name FROM pragma_table_info('b')")" x "b's column"
expect_eq "$(db_sql "SELECT name FROM pragma_table_info('c')")" x "c's column"
expect_eq "$(db_has_table strata_new_c)" 0 "a rebuild table left behind"
# The offline script refuses it too.
st --url "$URL" upgrade --sql
expect_rc 2
expect_err "last column"
