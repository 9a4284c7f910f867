# segments.sh - statements that cannot run in a transaction get their own
# autocommit segment with a progress row; `transaction: none` commits
# each statement; after a failure a re-run resumes after the last
# completed statement instead of repeating it.
# dialects: sqlite
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer PRIMARY KEY, v text);
INSERT INTO a (v) VALUES ('x');
VACUUM;
CREATE INDEX a_v ON a (v);
-- +down
DROP TABLE a;
SQL
st --url "$URL" upgrade
expect_rc 0
# a transactional segment (2 statements), VACUUM alone; the index commits
# with the applied row.
expect_eq "$(db_sql "SELECT group_concat(statement_index) FROM strata_history WHERE outcome='progress'")" \
    "1,2" "progress rows"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"

write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- transaction: none
-- +up
INSERT INTO a (v) VALUES ('first');
INSERT INTO a (v) VALUES ('second');
INSERT INTO missing VALUES (1);
INSERT INTO a (v) VALUES ('fourth');
-- +down
DELETE FROM a WHERE v IN ('first', 'second', 'fourth');
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "migrations/2.sql:7: no such table: missing"
# Statements before the failure committed, each on its own.
expect_eq "$(db_count a "v IN ('first','second')")" 2 "rows before the failure"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version after failure"
sed -i 's/INSERT INTO missing VALUES (1);/INSERT INTO a (v) VALUES (\x27third\x27);/' \
    "$WORK/migrations/2.sql"
st --url "$URL" upgrade
expect_rc 0
expect_out "done"
# Resumed: 'first' and 'second' were not inserted a second time.
expect_eq "$(db_count a "v='first'")" 1 "rows 'first' after the re-run"
expect_eq "$(db_count a "v IN ('third','fourth')")" 2 "rows after the re-run"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
st --url "$URL" downgrade r1
expect_rc 0
expect_eq "$(db_sql "SELECT group_concat(v) FROM (SELECT v FROM a ORDER BY id)")" \
    "x,third" "rows after downgrade"
