# empty_down.sh - a "+down" for the running dialect runs on downgrade
# whatever its "+up" did (docs/design.md §2.2): a migration whose up has
# nothing to run here is recorded empty, and its down still runs.  An
# explicit empty "+down" is a deliberate no-op: nothing runs, and the
# downgrade is recorded.
# dialects: sqlite postgres mysql firebird
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE t (id integer PRIMARY KEY);
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
-- (generated: nothing to do on the way up)
-- +down
CREATE TABLE marker (x integer);
SQL
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
CREATE TABLE u (id integer PRIMARY KEY);
-- +down
SQL
st --url "$URL" upgrade
expect_rc 0
expect_out "r2  empty on $DIALECT"
st --url "$URL" downgrade r1
expect_rc 0
expect_out "r3  empty on $DIALECT"
expect_out "r2  applied"
expect_eq "$(db_has_table marker)" 1 "the down of the empty up ran"
expect_eq "$(db_has_table u)" 1 "the explicit empty down ran nothing"
expect_eq "$(db_sql "SELECT count(*) FROM strata_history WHERE direction = 'down' AND outcome IN ('applied', 'empty')")" \
    2 "both downgrades recorded"
