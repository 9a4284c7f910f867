# lost_txn.sh - when SQLite itself rolls back the whole run transaction
# (INSERT OR ROLLBACK), strata says which migrations were lost, records
# the failure, exits 1, and a re-run converges.
# dialects: sqlite
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer PRIMARY KEY);
INSERT INTO a VALUES (1);
-- +down
DROP TABLE a;
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE b (id integer PRIMARY KEY);
INSERT OR ROLLBACK INTO a VALUES (1);
-- +down
DROP TABLE b;
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "rolled back the whole transaction: r1 was not applied"
expect_err "migrations/2.sql:5: UNIQUE constraint failed: a.id"
expect_eq "$(db_count strata_version)" 0 "version rows"
expect_eq "$(db_count strata_history "outcome='applied'")" 0 "applied rows"
expect_eq "$(db_count strata_history "revision='r2' AND outcome='failed'")" 1 \
    "failure row"
expect_eq "$(db_sql "SELECT count(*) FROM sqlite_schema WHERE name IN ('a','b')")" \
    0 "tables left behind"
sed -i 's/INSERT OR ROLLBACK INTO a VALUES (1);/INSERT INTO a VALUES (2);/' \
    "$WORK/migrations/2.sql"
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
expect_eq "$(db_count a)" 2 "rows of a"
